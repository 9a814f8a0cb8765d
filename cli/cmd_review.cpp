// salesops review: new (✎), refresh (✎), score and scorecard.
#include <fmt/format.h>

#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli/cmd_review.hpp"
#include "cli/commands.hpp"
#include "cli/sections.hpp"
#include "cli/write_change.hpp"
#include "core/reviews/changes.hpp"
#include "core/reviews/review.hpp"

namespace salesops::cli {

namespace {

namespace fs = std::filesystem;

struct ReviewOptions {
  std::string person, team;
  bool all = false;
};

/// The people an option pair selects: --person alone, or a team's members; empty: all.
std::vector<core::Sym> selected_people(Context& ctx, const core::Book& book, const ReviewOptions& o) {
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
      message = fmt::format("cannot create {}: {}", failure->path.string(), failure->message);
      break;
    case Step::temporary:
      message = fmt::format("cannot write {}: {}", failure->path.string(), std::strerror(failure->error));
      break;
    case Step::write:
      message = fmt::format("cannot write {}", failure->file);
      break;
    case Step::name:
      message = failure->error == EEXIST
                    ? fmt::format("{} exists: review new never replaces a review", failure->file)
                    : fmt::format("cannot write {}: {}", failure->file, std::strerror(failure->error));
      break;
  }
  ctx.fail(kWriteRefused, message + ": nothing was written");
}

void run_new(Context& ctx, const ReviewOptions& o) {
  if (ctx.options.period.empty()) ctx.fail(kUsage, "review new needs --period (the review's period, e.g. 2026-Q4)");
  ctx.lock_book();
  const core::Book& book = ctx.book();
  core::Period period = ctx.period("");
  core::NewReviews reviews =
      core::reviews_new_change(book, {period, ctx.today(), selected_people(ctx, book, o), o.person}, ctx.book_root());
  if (reviews.change.refused) refuse(ctx, reviews.change);
  const std::vector<core::NewFile>& files = reviews.change.created;
  const std::vector<std::string>& existing = reviews.existing;
  if (ctx.options.dry_run) {
    for (const core::NewFile& f : files) std::cout << core::unified_diff("", f.text, "/dev/null", "b/" + f.file);
    return;
  }
  create_files(ctx, files);
  if (ctx.options.quiet) return;
  for (const core::NewFile& f : files) std::cout << "wrote " << f.file << '\n';
  if (!existing.empty())
    std::cout << fmt::format("kept {} existing review{} of {}: review new never replaces one\n", existing.size(),
                             existing.size() == 1 ? "" : "s", period.label);
  if (files.empty() && existing.empty()) std::cout << fmt::format("no one is due a review for {}\n", period.label);
}

void run_refresh(Context& ctx, const ReviewOptions& o) {
  ctx.lock_book();
  const core::Book& book = ctx.book();
  core::Period period = ctx.period("last-quarter");
  core::RefreshedReviews r =
      core::reviews_refresh_change(book, {period, ctx.today(), selected_people(ctx, book, o), o.person});
  if (r.change.refused) refuse(ctx, r.change);
  std::string done = fmt::format("refreshed {} of {} draft review{} for {}", r.change.edits.size(), r.reviews,
                                 r.reviews == 1 ? "" : "s", period.label);
  if (!r.finals.empty()) done += fmt::format(" ({} final left as they are)", r.finals.size());
  if (r.change.edits.empty()) {
    if (!ctx.options.quiet && !ctx.options.dry_run) std::cout << done << '\n';
    return;
  }
  write_change(ctx, r.change, done);
}

void run_score(Context& ctx, const ReviewOptions& o) {
  const core::Book& book = ctx.book();
  core::ReviewScoreQuery q;
  q.today = ctx.today();
  q.period = ctx.period("last-quarter");
  q.people = selected_people(ctx, book, o);
  q.all = o.all;
  ctx.emit(core::review_score_table(book, q), q.period.label);
}

}  // namespace

void setup_review(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ReviewOptions>();
  CLI::App* draft = app.add_subcommand("new", "Draft a review per active rep, figures filled in (--period required)");
  draft->add_option("--person", o->person, "Only this person (any role)");
  draft->add_option("--team", o->team, "Only the reps of this team (and the teams under it)");
  ctx.add_write_options(*draft);
  draft->callback([&ctx, o] {
    ctx.command = "review new";
    run_new(ctx, *o);
  });

  CLI::App* refresh = app.add_subcommand("refresh", "Rewrite the figures of draft reviews in place (default: last quarter)");
  refresh->add_option("--person", o->person, "Only this person's review");
  refresh->add_option("--team", o->team, "Only the reviews of this team's people");
  ctx.add_write_options(*refresh);
  refresh->callback([&ctx, o] {
    ctx.command = "review refresh";
    run_refresh(ctx, *o);
  });

  CLI::App* score = app.add_subcommand("score", "The weighted score and rating of each review (default: last quarter)");
  score->add_option("--team", o->team, "Only this team's people (and the teams under it)");
  score->add_option("--person", o->person, "Only this person");
  score->add_flag("--all", o->all, "Add active reps without a review, scored from their KPI items (status none)");
  score->callback([&ctx, o] {
    ctx.command = "review score";
    run_score(ctx, *o);
  });

  setup_review_scorecard(app, ctx);
  app.require_subcommand(1);
}

}  // namespace salesops::cli
