// salesops review: new (✎), refresh (✎), score and scorecard.
#include <fmt/format.h>

#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli/cmd_review.hpp"
#include "cli/commands.hpp"
#include "cli/sections.hpp"
#include "cli/write_change.hpp"
#include "core/base/escape.hpp"
#include "core/base/i18n.hpp"
#include "core/reviews/changes.hpp"
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

/// Creates every new review or none; a failure exits 4 naming the file (core::create_files).
void create_files(Context& ctx, const std::vector<core::NewFile>& files) {
  auto failure = core::create_files(ctx.book_root(), files);
  if (!failure) return;
  std::string message;
  using Step = core::CreateFailure::Step;
  switch (failure->step) {
    case Step::directory:
      message = fmt::format(N_("cannot create {}: {}"), failure->path.string(), failure->message);
      break;
    case Step::temporary:
      message = fmt::format(N_("cannot write {}: {}"), failure->path.string(), std::strerror(failure->error));
      break;
    case Step::write:
      message = fmt::format(N_("cannot write {}"), failure->file);
      break;
    case Step::name:
      message = failure->error == EEXIST
                    ? fmt::format(N_("{} exists: review new never replaces a review"), failure->file)
                    : fmt::format(N_("cannot write {}: {}"), failure->file, std::strerror(failure->error));
      break;
  }
  ctx.fail(kWriteRefused, fmt::format(N_("{}: nothing was written"), message));
}

void run_new(Context& ctx, const PeopleOptions& o) {
  if (ctx.options.period.empty()) ctx.fail(kUsage, N_("review new needs --period (the review's period, e.g. 2026-Q4)"));
  const core::Book& book = ctx.book();
  core::Period period = ctx.period("");
  core::NewReviews reviews =
      core::reviews_new_change(book, {period, ctx.today(), selected_people(ctx, book, o), o.person}, ctx.book_root());
  if (reviews.change.refused) refuse(ctx, reviews.change);
  const std::vector<core::NewFile>& files = reviews.change.created;
  const std::vector<std::string>& existing = reviews.existing;
  if (ctx.options.dry_run) {
    for (const core::NewFile& f : files)
      std::cout << core::escape_controls(core::unified_diff("", f.text, "/dev/null", "b/" + f.file), "\t\n");
    return;
  }
  create_files(ctx, files);
  if (ctx.options.quiet) return;
  for (const core::NewFile& f : files) std::cout << core::tr(fmt::format(N_("wrote {}"), core::escape_controls(f.file))) << '\n';
  if (existing.size() == 1)
    std::cout << core::tr(fmt::format(N_("kept {} existing review of {}: review new never replaces one"), existing.size(),
                                      period.label))
              << '\n';
  else if (!existing.empty())
    std::cout << core::tr(fmt::format(N_("kept {} existing reviews of {}: review new never replaces one"), existing.size(),
                                      period.label))
              << '\n';
  if (files.empty() && existing.empty()) std::cout << core::tr(fmt::format(N_("no one is due a review for {}"), period.label)) << '\n';
}

/// "refreshed 2 of 3 draft reviews for 2026-Q3 (1 final left as they are)".
std::string refreshed_summary(std::size_t refreshed, std::size_t drafts, const std::string& period, std::size_t finals) {
  if (finals == 0)
    return drafts == 1 ? fmt::format(N_("refreshed {} of {} draft review for {}"), refreshed, drafts, period)
                       : fmt::format(N_("refreshed {} of {} draft reviews for {}"), refreshed, drafts, period);
  return drafts == 1 ? fmt::format(N_("refreshed {} of {} draft review for {} ({} final left as they are)"), refreshed,
                                   drafts, period, finals)
                     : fmt::format(N_("refreshed {} of {} draft reviews for {} ({} final left as they are)"), refreshed,
                                   drafts, period, finals);
}

void run_refresh(Context& ctx, const PeopleOptions& o) {
  const core::Book& book = ctx.book();
  core::Period period = ctx.period("last-quarter");
  core::RefreshedReviews r =
      core::reviews_refresh_change(book, {period, ctx.today(), selected_people(ctx, book, o), o.person});
  if (r.change.refused) refuse(ctx, r.change);
  std::string done = refreshed_summary(r.change.edits.size(), r.reviews, period.label, r.finals.size());
  if (r.change.edits.empty()) {
    if (!ctx.options.quiet && !ctx.options.dry_run) std::cout << core::tr(done) << '\n';
    return;
  }
  write_change(ctx, r.change, done);
}

void run_score(Context& ctx, const ScoreOptions& o) {
  const core::Book& book = ctx.book();
  core::ReviewScoreQuery q;
  q.today = ctx.today();
  q.period = ctx.period("last-quarter");
  q.people = selected_people(ctx, book, o);
  q.all = o.all;
  core::Table scores = core::review_score_table(book, q);
  scores.mark_detail({"period", "weight"});  // left out of a terminal's compact view
  ctx.emit_report(scores, N_("Review scores for {}"), q.period);
}

Run setup_review_new(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<PeopleOptions>();
  app.add_option("--person", o->person, N_("Only this person (any role)"));
  app.add_option("--team", o->team, N_("Only the reps of this team (and the teams under it)"));
  return [&ctx, o] { run_new(ctx, *o); };
}

Run setup_review_refresh(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<PeopleOptions>();
  app.add_option("--person", o->person, N_("Only this person's review"));
  app.add_option("--team", o->team, N_("Only the reviews of this team's people"));
  return [&ctx, o] { run_refresh(ctx, *o); };
}

Run setup_review_score(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ScoreOptions>();
  app.add_option("--team", o->team, N_("Only this team's people (and the teams under it)"));
  app.add_option("--person,--owner", o->person, N_("Only this person"));
  app.add_flag("--all", o->all, N_("Add active reps without a review, scored from their KPI items (status none)"));
  return [&ctx, o] { run_score(ctx, *o); };
}

constexpr Command kReviewCommands[] = {
    {"new", N_("Draft a review per active rep, figures filled in (--period required)"), kWritesBook, setup_review_new},
    {"refresh", N_("Rewrite the figures of draft reviews in place (default: last quarter)"), kWritesBook, setup_review_refresh},
    {"score", N_("The weighted score and rating of each review (default: last quarter)"), kReadsAtRevision, setup_review_score},
    {"scorecard",
     N_("Per rep and team: targets, attainment, KPIs, score, rank and change (default: last month; also html)"),
     kReadsAtRevision, setup_review_scorecard},
};

}  // namespace

std::span<const Command> review_commands() { return kReviewCommands; }

}  // namespace salesops::cli
