#include "core/write/journal.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/write/writer.hpp"
#include "temp_book.hpp"

using namespace salesops::core;
namespace fs = std::filesystem;

namespace {

/// A book with the .salesops directory a journal is written to.
class TempBook : public salesops::test::TempBook {
 public:
  TempBook() : salesops::test::TempBook("journal") { fs::create_directories(root() / ".salesops"); }
};

// The pid of a process that has exited: the writer killed before the test looks.
long dead_pid() {
  const pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  ::waitpid(pid, nullptr, 0);
  return pid;
}

std::string hex_fnv1a(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  char out[17];
  auto [end, ec] = std::to_chars(out, out + 16, h, 16);
  return std::string(out, end);
}

std::string counted(const std::string& p) { return std::to_string(p.size()) + ":" + p; }

// What a writer killed after its commit point leaves: a deals file it replaces (staged, with
// a backup) and a customer file it creates (staged), and the committed journal.
struct KilledWriter {
  long pid = dead_pid();
  std::string deals_temp = "deals/.2026-11.yaml.salesops-" + std::to_string(pid) + "-0.tmp";
  std::string deals_backup = "deals/.2026-11.yaml.salesops-" + std::to_string(pid) + "-0.old";
  std::string customer_temp = "customers/.C-9.yaml.salesops-" + std::to_string(pid) + "-1.tmp";
  std::string journal;

  explicit KilledWriter(const TempBook& book) {
    book.write("deals/2026-11.yaml", "- id: D-1\n");
    book.write(deals_temp, "- id: D-1\n- id: D-2\n");
    fs::create_hard_link(book.root() / "deals/2026-11.yaml", book.root() / deals_backup);
    book.write(customer_temp, "id: C-9\n");
    journal = "salesops-journal 1 " + std::to_string(pid) + "\nT " + counted("deals/2026-11.yaml") + "\nT " +
              counted("customers/C-9.yaml") + "\n";
    journal += "S r " + counted("deals/2026-11.yaml") + " " + counted(fs::path(deals_temp).filename()) + "\n";
    journal += "S n " + counted("customers/C-9.yaml") + " " + counted(fs::path(customer_temp).filename()) + "\n";
    journal += "C 2 " + hex_fnv1a(journal) + "\n";
  }
  void leave(const TempBook& book, std::string_view text) const { book.write(".salesops/journal", std::string(text)); }
};

void recover(const TempBook& book) {
  BookWriter writer(book.root());
  auto refused = writer.lock();
  REQUIRE_FALSE(refused);
}

// The lock is refused naming the journal, which stays.
std::string refuse(const TempBook& book) {
  BookWriter writer(book.root());
  auto refused = writer.lock();
  REQUIRE(refused);
  CHECK(refused->rule == "write-journal");
  CHECK(refused->where.file == ".salesops/journal");
  CHECK(refused->message.find(".salesops/journal is not a journal salesops follows") == 0);
  CHECK_FALSE(writer.locked());
  CHECK(book.has(".salesops/journal"));
  return refused->message;
}

void check_untouched(const TempBook& book) {
  CHECK(book.read("deals/2026-11.yaml") == "- id: D-1\n");
  CHECK(book.entries("deals") == std::vector<std::string>{"2026-11.yaml"});
  CHECK(book.entries("customers").empty());
  CHECK(book.entries(".salesops") == std::vector<std::string>{"lock"});
}

void check_whole(const TempBook& book) {
  CHECK(book.read("deals/2026-11.yaml") == "- id: D-1\n- id: D-2\n");
  CHECK(book.read("customers/C-9.yaml") == "id: C-9\n");
  CHECK(book.entries("deals") == std::vector<std::string>{"2026-11.yaml"});
  CHECK(book.entries("customers") == std::vector<std::string>{"C-9.yaml"});
  CHECK(book.entries(".salesops") == std::vector<std::string>{"lock"});
}

}  // namespace

TEST_CASE("journal: a committed write is finished by the next holder of the lock") {
  TempBook book;
  KilledWriter killed(book);
  killed.leave(book, killed.journal);
  CHECK(journal_state(book.root()) == JournalState::committed);
  recover(book);
  check_whole(book);
  CHECK(journal_state(book.root()) == JournalState::none);
}

TEST_CASE("journal: a write killed between its renames is finished") {
  TempBook book;
  KilledWriter killed(book);
  killed.leave(book, killed.journal);
  fs::rename(book.root() / killed.deals_temp, book.root() / "deals/2026-11.yaml");
  recover(book);
  check_whole(book);
}

TEST_CASE("journal: a torn journal is a write never committed: the staged files go, the book is as it was") {
  for (std::size_t cut = 0;; ++cut) {
    CAPTURE(cut);
    TempBook book;
    KilledWriter killed(book);
    if (cut >= killed.journal.size()) break;
    killed.leave(book, std::string_view(killed.journal).substr(0, cut));
    CHECK(journal_state(book.root()) != JournalState::committed);
    recover(book);
    CHECK(book.read("deals/2026-11.yaml") == "- id: D-1\n");
    CHECK_FALSE(book.has("customers/C-9.yaml"));
    CHECK_FALSE(book.has(".salesops/journal"));
    // The first part is written whole before anything is staged: torn after it, the
    // journal still names every directory where a temporary file may lie.
    if (cut >= killed.journal.find("S ")) check_untouched(book);
  }
}

TEST_CASE("journal: a damaged commit part (file, count or checksum) is refused and nothing is touched") {
  TempBook probe;
  const std::string journal = KilledWriter(probe).journal;
  const std::size_t commit_part = journal.find("S ");
  for (std::size_t at : {commit_part + 8, journal.rfind("C ") + 2, journal.size() - 3}) {
    CAPTURE(at);
    TempBook book;
    KilledWriter killed(book);
    std::string damaged = killed.journal;
    damaged[at] ^= 0x01;
    killed.leave(book, damaged);
    CHECK(journal_state(book.root()) == JournalState::refused);
    refuse(book);
    CHECK(book.read(".salesops/journal") == damaged);
    CHECK(book.has(killed.deals_temp));
    CHECK(book.has(killed.customer_temp));
    CHECK(book.read("deals/2026-11.yaml") == "- id: D-1\n");
  }
}

TEST_CASE("journal: a committed write that lost a staged file is undone from the backup") {
  TempBook book;
  KilledWriter killed(book);
  killed.leave(book, killed.journal);
  fs::rename(book.root() / killed.deals_temp, book.root() / "deals/2026-11.yaml");
  fs::remove(book.root() / killed.customer_temp);
  recover(book);
  check_untouched(book);
}

TEST_CASE("journal: the next holder of the lock removes the dead writer's temporary files, no one else's") {
  TempBook book;
  const long pid = dead_pid();
  const std::string mark = ".salesops-" + std::to_string(pid) + "-";
  book.write("deals/2026-11.yaml", "- id: D-1\n");
  book.write("deals/.2026-11.yaml" + mark + "3.tmp", "- id: D-1\n- id: D");  // staged, half written
  book.write("deals/.2026-12.yaml" + mark + "4.tmp", "");                    // made, not yet in the journal
  const std::string live = "deals/.2026-11.yaml.salesops-" + std::to_string(::getpid()) + "-1.tmp";
  book.write(live, "another process's\n");
  book.write(".salesops/journal", "salesops-journal 1 " + std::to_string(pid) + "\nT " + counted("deals/2026-11.yaml") +
                                      "\nT " + counted("deals/2026-12.yaml") + "\n");
  CHECK(journal_state(book.root()) == JournalState::uncommitted);
  recover(book);
  CHECK(book.entries("deals") == std::vector<std::string>{fs::path(live).filename().string(), "2026-11.yaml"});
  CHECK(book.read("deals/2026-11.yaml") == "- id: D-1\n");
  CHECK_FALSE(book.has(".salesops/journal"));
}

TEST_CASE("journal: a write of several files leaves no journal, backup or temporary file") {
  TempBook book;
  book.write("deals/2026-11.yaml", "- id: D-1\n");
  std::vector<StagedWrite> files{{book.root() / "deals/2026-11.yaml", "deals/2026-11.yaml", "- id: D-2\n", {}, true},
                                 {book.root() / "customers/C-9.yaml", "customers/C-9.yaml", "id: C-9\n", {}, false}};
  BookWriter writer(book.root());
  REQUIRE_FALSE(writer.lock());
  CHECK_FALSE(write_transaction(book.root(), files));
  CHECK(book.read("deals/2026-11.yaml") == "- id: D-2\n");
  CHECK(book.entries("deals") == std::vector<std::string>{"2026-11.yaml"});
  CHECK(book.entries("customers") == std::vector<std::string>{"C-9.yaml"});
  CHECK(book.entries(".salesops") == std::vector<std::string>{"lock"});
}

namespace {

// A committed journal of the dead writer `pid` over staged records "<r|n> <file> <temporary>".
std::string committed_journal(long pid, const std::vector<std::array<std::string, 3>>& staged) {
  std::string j = "salesops-journal 1 " + std::to_string(pid) + "\n";
  for (const auto& s : staged) j += "T " + counted(s[1]) + "\n";
  for (const auto& s : staged) j += "S " + s[0] + " " + counted(s[1]) + " " + counted(s[2]) + "\n";
  return j + "C " + std::to_string(staged.size()) + " " + hex_fnv1a(j) + "\n";
}

}  // namespace

TEST_CASE(
    "journal: a journal from a hostile book naming a path out of the book, into .git or through a link is refused") {
  TempBook outside;
  outside.write("secret", "key\n");
  const long pid = dead_pid();
  const std::string temp = ".secret.salesops-" + std::to_string(pid) + "-0.tmp";
  const std::string deals_temp = ".2026-11.yaml.salesops-" + std::to_string(pid) + "-0.tmp";
  struct Case {
    std::string name, file, temp;
  };
  const fs::path out_rel = fs::path("..") / outside.root().filename() / "secret";
  for (const Case& c :
       {Case{"out of the book", out_rel.string(), temp}, Case{"absolute", (outside.root() / "secret").string(), temp},
        Case{"through a link", "linked/secret", temp},
        Case{"into .git", ".git/config", ".config.salesops-" + std::to_string(pid) + "-0.tmp"},
        Case{"hidden", ".salesops/lock", ".lock.salesops-" + std::to_string(pid) + "-0.tmp"},
        Case{"a temporary name of its own", "deals/2026-11.yaml", "../../" + temp},
        Case{"another pid's temporary", "deals/2026-11.yaml", ".2026-11.yaml.salesops-1-0.tmp"}}) {
    CAPTURE(c.name);
    TempBook book;
    book.write("deals/2026-11.yaml", "- id: D-1\n");
    book.write("deals/" + deals_temp, "- id: D-2\n");
    fs::create_directory_symlink(outside.root(), book.root() / "linked");
    outside.write(temp, "overwritten\n");
    const std::string journal = committed_journal(pid, {{"r", c.file, c.temp}});
    book.write(".salesops/journal", journal);
    CHECK(journal_state(book.root()) == JournalState::refused);
    refuse(book);
    CHECK(outside.read("secret") == "key\n");
    CHECK(outside.has(temp));
    CHECK(book.read("deals/2026-11.yaml") == "- id: D-1\n");
    CHECK(book.read(".salesops/journal") == journal);
    auto pending = pending_write(book.root(), std::chrono::milliseconds(0));
    REQUIRE(pending);
    CHECK(pending->severity == Severity::error);
    CHECK(pending->where.file == ".salesops/journal");
  }
}

TEST_CASE("journal: a journal that is a link or a FIFO is refused, never followed or waited on") {
  TempBook outside;
  outside.write("journal", "salesops-journal 1 1\n");
  TempBook book;
  fs::create_symlink(outside.root() / "journal", book.root() / ".salesops/journal");
  CHECK(refuse(book).find("cannot be read as a regular file") != std::string::npos);
  fs::remove(book.root() / ".salesops/journal");
  REQUIRE(::mkfifo((book.root() / ".salesops/journal").c_str(), 0600) == 0);
  refuse(book);
  CHECK(outside.read("journal") == "salesops-journal 1 1\n");

  // A .salesops leading out of the book: the journal there is not read, its text never shown.
  TempBook linked;
  outside.write("journal", "salesops-journal 1 1\nT 11:secret-line\n");
  fs::remove_all(linked.root() / ".salesops");
  fs::create_directory_symlink(outside.root(), linked.root() / ".salesops");
  auto pending = pending_write(linked.root(), std::chrono::milliseconds(0));
  REQUIRE(pending);
  CHECK(pending->severity == Severity::error);
  CHECK(pending->message.find("secret") == std::string::npos);
}

TEST_CASE("journal: a reader is told of a pending journal and writes nothing") {
  TempBook book;
  CHECK_FALSE(pending_write(book.root(), std::chrono::milliseconds(0)));
  KilledWriter killed(book);
  killed.leave(book, killed.journal);
  auto committed = pending_write(book.root(), std::chrono::milliseconds(0));
  REQUIRE(committed);
  CHECK(committed->severity == Severity::error);
  CHECK(committed->rule == "write-journal");
  CHECK(book.has(killed.deals_temp));
  CHECK(book.read(".salesops/journal") == killed.journal);
  killed.leave(book, killed.journal.substr(0, killed.journal.find("S ")));
  auto uncommitted = pending_write(book.root(), std::chrono::milliseconds(0));
  REQUIRE(uncommitted);
  CHECK(uncommitted->severity == Severity::warning);
  CHECK(book.has(killed.customer_temp));
}

TEST_CASE("journal: a write through a directory link inside the book journals the real path") {
  TempBook book;
  book.write("archive/2026-11.yaml", "- id: D-1\n");
  fs::create_directory_symlink("archive", book.root() / "deals");
  std::vector<StagedWrite> files{{book.root() / "deals/2026-11.yaml", "deals/2026-11.yaml", "- id: D-2\n", {}, true},
                                 {book.root() / "customers/C-9.yaml", "customers/C-9.yaml", "id: C-9\n", {}, false}};
  BookWriter writer(book.root());
  REQUIRE_FALSE(writer.lock());
  CHECK_FALSE(write_transaction(book.root(), files));
  CHECK(book.read("archive/2026-11.yaml") == "- id: D-2\n");
  CHECK(book.entries("archive") == std::vector<std::string>{"2026-11.yaml"});
}
