// salesops review: new (✎), refresh (✎), score and scorecard.
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli/cmd_review.hpp"
#include "cli/commands.hpp"
#include "cli/sections.hpp"
#include "core/base/people_set.hpp"
#include "core/coaching/coaching.hpp"
#include "core/reviews/review.hpp"

namespace salesops::cli {

namespace {

namespace fs = std::filesystem;

/// --person and --team: whose reviews a verb works on.
struct PeopleOptions {
  std::string person, team;
};

struct ScoreOptions : PeopleOptions {
  bool all = false;
};

/// The people an option pair selects: --person alone, or a team's members; empty: all.
std::vector<core::Sym> selected_people(Context& ctx, const core::Book& book, const PeopleOptions& o) {
  if (!o.person.empty()) return {require_person(ctx, book, o.person, "--person").id};
  if (!o.team.empty()) {
    require_team(ctx, book, o.team, "--team");
    return require_people(ctx, book, o.team, "--team");
  }
  return {};
}

struct NewFile {
  std::string rel;
  std::string text;
};

/// Creates every file or none: each is written to a temporary file beside it and fsynced,
/// then hard-linked to its name (which fails when the name exists); a failure unlinks the
/// names already made.
void create_files(Context& ctx, const std::vector<NewFile>& files) {
  fs::path root = ctx.book_root();
  std::vector<fs::path> temps, made;
  auto undo = [&](const std::string& message) {
    for (auto& p : made) ::unlink(p.c_str());
    for (auto& p : temps) ::unlink(p.c_str());
    ctx.fail(kWriteRefused, message + ": nothing was written");
  };
  for (const NewFile& f : files) {
    fs::path path = root / f.rel;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) undo(fmt::format("cannot create {}: {}", path.parent_path().string(), ec.message()));
    fs::path tmp = path.parent_path() / fmt::format(".{}.{}.tmp", path.filename().string(), ::getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) undo(fmt::format("cannot write {}: {}", tmp.string(), std::strerror(errno)));
    temps.push_back(tmp);
    bool ok = true;
    for (std::size_t done = 0; ok && done < f.text.size();) {
      ssize_t n = ::write(fd, f.text.data() + done, f.text.size() - done);
      ok = n > 0;
      if (ok) done += static_cast<std::size_t>(n);
    }
    ok = ::fsync(fd) == 0 && ok;
    ok = ::close(fd) == 0 && ok;
    if (!ok) undo(fmt::format("cannot write {}", f.rel));
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    fs::path path = root / files[i].rel;
    if (::link(temps[i].c_str(), path.c_str()) != 0)
      undo(errno == EEXIST ? fmt::format("{} exists: review new never replaces a review", files[i].rel)
                           : fmt::format("cannot write {}: {}", files[i].rel, std::strerror(errno)));
    made.push_back(path);
  }
  for (auto& p : temps) ::unlink(p.c_str());
  for (const NewFile& f : files) {
    int dir = ::open((root / f.rel).parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) ::fsync(dir), ::close(dir);
  }
}

void run_new(Context& ctx, const PeopleOptions& o) {
  if (ctx.options.period.empty()) ctx.fail(kUsage, "review new needs --period (the review's period, e.g. 2026-Q4)");
  const core::Book& book = ctx.book();
  core::Period period = ctx.period("");
  core::Date today = ctx.today();
  core::PeopleSet selected(selected_people(ctx, book, o));
  core::KpiCalculator kpis(book, today);
  core::TargetLookup targets(book, today);
  std::vector<NewFile> files;
  std::vector<std::string> existing;
  for (const core::Person& p : book.people) {
    if (!selected.has(p.id)) continue;
    if (o.person.empty() && !core::due_for_review(p, period, today)) continue;
    std::string rel = fmt::format("reviews/{}/{}.yaml", period.label, book.text(p.id));
    std::error_code ec;
    if (core::find_review(book, book.text(p.id), period, today) ||
        fs::exists(fs::symlink_status(ctx.book_root() / rel, ec))) {
      existing.push_back(rel);
      continue;
    }
    auto figures = core::review_figures(book, kpis, targets, p, period);
    std::string text = core::review_draft(book, p, core::responsible_coach(book, p), period, figures);
    if (auto refused = core::check_editable(text, rel))
      ctx.fail(kWriteRefused, fmt::format("{}: the new review does not parse: {}", rel, refused->message));
    files.push_back({rel, std::move(text)});
  }
  if (!o.person.empty() && !existing.empty())
    ctx.fail(kWriteRefused, fmt::format("{} exists: review new never replaces a review", existing.front()));
  if (ctx.options.dry_run) {
    for (const NewFile& f : files) std::cout << core::unified_diff("", f.text, "/dev/null", "b/" + f.rel);
    return;
  }
  create_files(ctx, files);
  if (ctx.options.quiet) return;
  for (const NewFile& f : files) std::cout << "wrote " << f.rel << '\n';
  if (!existing.empty())
    std::cout << fmt::format("kept {} existing review{} of {}: review new never replaces one\n", existing.size(),
                             existing.size() == 1 ? "" : "s", period.label);
  if (files.empty() && existing.empty()) std::cout << fmt::format("no one is due a review for {}\n", period.label);
}

void run_refresh(Context& ctx, const PeopleOptions& o) {
  const core::Book& book = ctx.book();
  core::Period period = ctx.period("last-quarter");
  core::Date today = ctx.today();
  core::PeopleSet selected(selected_people(ctx, book, o));
  core::KpiCalculator kpis(book, today);
  core::TargetLookup targets(book, today);
  std::vector<core::FileEdit> edits;
  std::vector<std::string> finals;
  std::size_t reviews = 0;
  for (const core::Person& p : book.people) {
    if (!selected.has(p.id)) continue;
    const core::Review* rv = core::find_review(book, book.text(p.id), period, today);
    if (!rv) continue;
    std::string rel = book.files[rv->at.file];
    if (book.text(rv->status) == "final") {
      finals.push_back(rel);
      continue;
    }
    ++reviews;
    auto figures = core::review_figures(book, kpis, targets, p, period, rv);
    auto changes = core::review_refresh_edits(book, *rv, figures);
    if (!changes.empty()) edits.push_back({rel, std::move(changes)});
  }
  if (!o.person.empty() && !finals.empty())
    ctx.fail(kWriteRefused, fmt::format("{} is final: review refresh changes only draft reviews", finals.front()));
  if (!o.person.empty() && reviews == 0)
    ctx.fail(kUsage, fmt::format("{} has no review for {}: start one with review new", o.person, period.label));
  std::string done = fmt::format("refreshed {} of {} draft review{} for {}", edits.size(), reviews,
                                 reviews == 1 ? "" : "s", period.label);
  if (!finals.empty()) done += fmt::format(" ({} final left as they are)", finals.size());
  if (edits.empty()) {
    if (!ctx.options.quiet && !ctx.options.dry_run) std::cout << done << '\n';
    return;
  }
  ctx.write(edits, done);
}

void run_score(Context& ctx, const ScoreOptions& o) {
  const core::Book& book = ctx.book();
  core::ReviewScoreQuery q;
  q.today = ctx.today();
  q.period = ctx.period("last-quarter");
  q.people = selected_people(ctx, book, o);
  q.all = o.all;
  ctx.emit(core::review_score_table(book, q), q.period.label);
}

Run setup_review_new(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<PeopleOptions>();
  app.add_option("--person", o->person, "Only this person (any role)");
  app.add_option("--team", o->team, "Only the reps of this team (and the teams under it)");
  return [&ctx, o] { run_new(ctx, *o); };
}

Run setup_review_refresh(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<PeopleOptions>();
  app.add_option("--person", o->person, "Only this person's review");
  app.add_option("--team", o->team, "Only the reviews of this team's people");
  return [&ctx, o] { run_refresh(ctx, *o); };
}

Run setup_review_score(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ScoreOptions>();
  app.add_option("--team", o->team, "Only this team's people (and the teams under it)");
  app.add_option("--person", o->person, "Only this person");
  app.add_flag("--all", o->all, "Add active reps without a review, scored from their KPI items (status none)");
  return [&ctx, o] { run_score(ctx, *o); };
}

constexpr Command kReviewCommands[] = {
    {"new", "Draft a review per active rep, figures filled in (--period required)", kWritesBook, setup_review_new},
    {"refresh", "Rewrite the figures of draft reviews in place (default: last quarter)", kWritesBook, setup_review_refresh},
    {"score", "The weighted score and rating of each review (default: last quarter)", kReadsAtRevision, setup_review_score},
    {"scorecard",
     "Per rep and team: targets, attainment, KPIs, score, rank and change (default: last month; also html)",
     kReadsAtRevision, setup_review_scorecard},
};

}  // namespace

std::span<const Command> review_commands() { return kReviewCommands; }

}  // namespace salesops::cli
