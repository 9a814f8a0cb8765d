#include <doctest/doctest.h>

#include "core/base/period.hpp"
#include "core/kpi/kpi.hpp"
#include "core/load/book.hpp"
#include "core/load/git_source.hpp"
#include "git_repo.hpp"

using namespace salesops;
using namespace salesops::core;

namespace {

const char* kTeam =
    "teams:\n  - {id: east, name: East, manager: li.na}\n"
    "people:\n  - {id: li.na, name: Li Na, team: east, role: manager}\n"
    "  - {id: zhang.wei, name: Zhang Wei, team: east, role: rep}\n";

std::string deals(const std::string& stage, const std::string& closed) {
  return "- id: D-1\n  customer: C-1\n  owner: zhang.wei\n  amount: 1200\n  stage: " + stage +
         "\n  opened: 2026-11-02\n" + closed;
}

std::string target(int value) {
  return fmt::format("- id: T-1\n  owner: zhang.wei\n  metric: revenue\n  period: 2026-11\n  value: {}\n", value);
}

void write_book(test::TempRepo& repo, const std::string& dir) {
  repo.write(dir + "salesops.toml", "[org]\nname = \"Test\"\n");
  repo.write(dir + "team.yaml", kTeam);
  repo.write(dir + "customers/C-1.yaml", "id: C-1\nname: Acme\nowner: zhang.wei\n");
  repo.write(dir + "deals/2026-11.yaml", deals("proposal", ""));
  repo.write(dir + "targets/2026.yaml", target(1000));
}

struct Figures {
  std::string revision;
  std::string revenue;
  Money target_value;
};

Figures figures_at(const std::filesystem::path& root, const std::string& rev) {
  std::string error;
  std::unique_ptr<BookSource> source = rev.empty() ? directory_source(root) : git_source(root, rev, &error);
  INFO(error);
  REQUIRE(source);
  LoadResult r = load_book(*source, root);
  std::string first = r.diags.items().empty() ? std::string{} : r.diags.items().front().message;
  INFO(first);
  REQUIRE(!r.diags.has_errors());
  Date today = *parse_date("2026-11-26");
  auto period = parse_period("2026-11", today, {}, &error);
  REQUIRE(period);
  Cell revenue = kpi_value(*r.book, "revenue", "zhang.wei", *period, today);
  const Target* t = r.book->target("T-1");
  REQUIRE(t);
  Money m = std::get<Money>(revenue);
  return {r.book->revision, format_money(m), t->value};
}

}  // namespace

TEST_CASE("git source: each revision gives its own figures, the working tree its own") {
  test::TempRepo repo;
  write_book(repo, "");
  std::string first = repo.commit("a deal in proposal, a target of 1000", 1);
  repo.tag("v1");
  repo.write("deals/2026-11.yaml", deals("won", "  closed: 2026-11-20\n"));
  repo.write("targets/2026.yaml", target(1500));
  std::string second = repo.commit("D-1 won; the target raised to 1500", 2);
  // Uncommitted: the deal's amount changes in the working tree only.
  repo.write("deals/2026-11.yaml", "- id: D-1\n  customer: C-1\n  owner: zhang.wei\n  amount: 2000\n  stage: won\n"
                                   "  opened: 2026-11-02\n  closed: 2026-11-20\n");

  Figures at1 = figures_at(repo.root(), "v1");
  CHECK(at1.revision == first);
  CHECK(at1.revenue == "0.00");
  CHECK(at1.target_value == *parse_money("1000"));

  Figures at2 = figures_at(repo.root(), "HEAD");
  CHECK(at2.revision == second);
  CHECK(at2.revenue == "1200.00");
  CHECK(at2.target_value == *parse_money("1500"));

  Figures work = figures_at(repo.root(), "");
  CHECK(work.revision.empty());
  CHECK(work.revenue == "2000.00");
  CHECK(work.target_value == *parse_money("1500"));

  // Reading a revision touched neither the working tree nor the index.
  CHECK(repo.git({"status", "--porcelain"}) == " M deals/2026-11.yaml\n");
}

TEST_CASE("git source: a book in a subdirectory of the repository; hidden files are not records") {
  test::TempRepo repo;
  write_book(repo, "sales/");
  repo.write("README", "not part of the book\n");
  repo.write("sales/.salesops/cache", "binary\n");
  repo.write("sales/.github/x.yaml", "x: 1\n");
  repo.commit("the book under sales/");
  std::string error;
  auto source = git_source(repo.root() / "sales", "HEAD", &error);
  REQUIRE(source);
  std::vector<std::string> expected = {"customers/C-1.yaml", "deals/2026-11.yaml", "salesops.toml",
                                       "targets/2026.yaml", "team.yaml"};
  CHECK(source->list() == expected);
  auto text = source->read("salesops.toml", &error);
  REQUIRE(text);
  CHECK(*text == "[org]\nname = \"Test\"\n");
  CHECK(source->blob_id("salesops.toml").value_or("").size() == 40);
  CHECK(!source->blob_id("README"));
  CHECK(!source->read("README", &error));
}

TEST_CASE("git source: unknown revisions and books outside git are refused with the reason") {
  test::TempRepo repo;
  write_book(repo, "");
  repo.commit("init");
  std::string error;
  GitSourceError why = GitSourceError::none;
  CHECK(!git_source(repo.root(), "no-such-tag", &error, &why));
  CHECK(why == GitSourceError::unknown_revision);
  CHECK(error == "--at no-such-tag: no such revision in the book's repository");
  // A revision that looks like an option is a revision, not an option.
  CHECK(!git_source(repo.root(), "--output=/tmp/x", &error, &why));
  CHECK(why == GitSourceError::unknown_revision);

  auto outside = std::filesystem::temp_directory_path() / "salesops-not-a-repo-test";
  std::filesystem::create_directories(outside);
  CHECK(!git_source(outside, "HEAD", &error, &why));
  std::filesystem::remove_all(outside);
  CHECK(why == GitSourceError::not_a_repository);
}
