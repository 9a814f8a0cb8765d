// salesops coach: log and train (✎), due, followups, done (✎), skills and report.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/sections.hpp"
#include "cli/write_change.hpp"
#include "core/base/ids.hpp"
#include "core/coaching/changes.hpp"
#include "core/coaching/coaching.hpp"

namespace salesops::cli {

namespace {

struct CoachOptions {
  std::string person, coach, kind = "one-on-one", notes, date, id, team;
  std::vector<std::string> topics, ratings, follow_ups;
  std::string title, topic, format = "classroom", hours, trainer;
  std::vector<std::string> attendees, scores;
  std::string followup_id, part;
  bool overdue = false;
};

core::Date date_option(Context& ctx, const std::string& text, const char* option) {
  if (text.empty()) return ctx.today();
  auto d = core::parse_date(text);
  if (!d) ctx.fail(kUsage, fmt::format("{}: '{}' is not a date (YYYY-MM-DD)", option, text));
  return *d;
}

void run_log(Context& ctx, const CoachOptions& o) {
  ctx.lock_book();
  const core::Book& book = ctx.book();
  core::NewSession s;
  s.person = book.str(require_person(ctx, book, o.person, "--person").id);
  s.coach = book.str(require_person(ctx, book, o.coach, "--coach").id);
  s.kind = o.kind;
  if (auto error = core::session_kind_error(o.kind)) ctx.fail(kUsage, *error);
  s.date = date_option(ctx, o.date, "--date");
  std::string error;
  if (!core::parse_key_values(o.ratings, &s.ratings, &error)) ctx.fail(kUsage, "--rating: " + error);
  s.id = o.id;
  if (!s.id.empty()) require_record_id(ctx, s.id, "--id");
  s.topics = o.topics;
  s.notes = o.notes;
  s.follow_ups = o.follow_ups;
  core::WriteChange change = core::session_add_change(book, s);
  write_change(ctx, change, fmt::format("logged {} ({} of {} by {}) in {}", change.id, o.kind, o.person, o.coach, change.file));
}

void run_train(Context& ctx, const CoachOptions& o) {
  ctx.lock_book();
  const core::Book& book = ctx.book();
  core::NewTraining t{.id = o.id, .title = o.title, .topic = o.topic, .format = o.format, .hours = o.hours,
                      .trainer = o.trainer, .attendees = o.attendees, .scores = o.scores, .date = {}};
  if (auto error = core::training_error(t)) ctx.fail(kUsage, *error);
  t.date = date_option(ctx, o.date, "--date");
  if (!t.id.empty()) require_record_id(ctx, t.id, "--id");
  core::WriteChange change = core::training_add_change(book, t);
  if (change.refused) refuse(ctx, change);
  for (auto& a : o.attendees) require_person(ctx, book, a, "--attendees");
  write_change(ctx, change, fmt::format("recorded training {} ({} attendee{}) in {}", change.id, o.attendees.size(),
                                        o.attendees.size() == 1 ? "" : "s", change.file));
}

std::vector<core::Sym> team_people(Context& ctx, const core::Book& book, const std::string& team) {
  if (team.empty()) return {};
  require_team(ctx, book, team, "--team");
  return require_people(ctx, book, team, "--team");
}

void run_done(Context& ctx, const CoachOptions& o) {
  ctx.lock_book();
  const core::Book& book = ctx.book();
  std::string error;
  auto ref = core::resolve_follow_up(book, o.followup_id, &error);
  if (!ref) ctx.fail(kUsage, error);
  std::string name = fmt::format("{}/{}", book.text(ref->session->id), book.text(ref->follow_up->id));
  if (ref->follow_up->done) {
    if (!ctx.options.quiet) std::cout << name << " is already done; nothing changed\n";
    return;
  }
  write_change(ctx, core::follow_up_done_change(book, *ref), fmt::format("{} is done", name));
}

}  // namespace

void setup_coach(CLI::App& app, Context& ctx) {
  app.require_subcommand(1);
  auto o = std::make_shared<CoachOptions>();

  CLI::App* log = app.add_subcommand("log", "Record a coaching session (appends to coaching/<YYYY-MM>.yaml)");
  log->add_option("--person", o->person, "The person coached")->required();
  log->add_option("--coach", o->coach, "The coach")->required();
  log->add_option("--kind", o->kind, "one-on-one, team, ride-along or role-play")->capture_default_str();
  log->add_option("--topics", o->topics, "Topics, comma separated")->delimiter(',');
  log->add_option("--notes", o->notes, "Notes");
  log->add_option("--rating", o->ratings, "Ratings 1-5: attitude=4,skills=3 (repeatable)")->delimiter(',');
  log->add_option("--follow-up", o->follow_ups, "A follow-up: ACTION@YYYY-MM-DD (repeatable)");
  log->add_option("--date", o->date, "The session's date (default: today)");
  log->add_option("--id", o->id, "The session's id (default: CS-YYYY-MM-NNN, the next free)");
  ctx.add_write_options(*log);
  log->callback([&ctx, o] {
    ctx.command = "coach log";
    run_log(ctx, *o);
  });

  CLI::App* train = app.add_subcommand("train", "Record a training (appends to coaching/<YYYY-MM>.yaml)");
  train->add_option("--title", o->title, "The training's title")->required();
  train->add_option("--topic", o->topic, "product, sales-skills, crm, negotiation or other")->required();
  train->add_option("--format", o->format, "classroom, online, drill, role-play or case-sharing")
      ->capture_default_str();
  train->add_option("--hours", o->hours, "Hours of training")->required();
  train->add_option("--attendees", o->attendees, "People who attended, comma separated")->required()->delimiter(',');
  train->add_option("--scores", o->scores, "Assessment scores 0-100: zhang.wei=85,... (repeatable)")->delimiter(',');
  train->add_option("--trainer", o->trainer, "Who gave it (a person id or free text)");
  train->add_option("--date", o->date, "The training's date (default: today)");
  train->add_option("--id", o->id, "The training's id (default: TR-YYYY-MM-TOPIC)");
  ctx.add_write_options(*train);
  train->callback([&ctx, o] {
    ctx.command = "coach train";
    run_train(ctx, *o);
  });

  CLI::App* due = app.add_subcommand("due", "Reps without a one-on-one within policy.one_on_one_days");
  due->add_option("--team", o->team, "Only the reps of this team and its sub-teams");
  due->callback([&ctx, o] {
    ctx.command = "coach due";
    const core::Book& book = ctx.book();
    ctx.emit(core::coach_due_table(book, ctx.today(), team_people(ctx, book, o->team)));
  });

  CLI::App* followups = app.add_subcommand("followups", "Open coaching follow-ups, overdue first");
  followups->add_option("--person", o->person, "Only this person's, or a team's people's");
  followups->add_flag("--overdue", o->overdue, "Only those past their due date");
  followups->callback([&ctx, o] {
    ctx.command = "coach followups";
    const core::Book& book = ctx.book();
    std::vector<core::Sym> people;
    if (!o->person.empty()) people = require_people(ctx, book, o->person, "--person");
    auto rows = core::open_follow_ups(book, people);
    core::Date today = ctx.today();
    if (o->overdue) std::erase_if(rows, [&](auto& r) { return !r.follow_up->due || *r.follow_up->due >= today; });
    ctx.emit(core::follow_ups_table(book, today, rows));
  });

  CLI::App* done = app.add_subcommand("done", "Close a follow-up: SESSION/FOLLOWUP (done: true, in place)");
  done->add_option("FOLLOWUP", o->followup_id, "SESSION/FOLLOWUP, or the follow-up id when unique")->required();
  ctx.add_write_options(*done);
  done->callback([&ctx, o] {
    ctx.command = "coach done";
    run_done(ctx, *o);
  });

  CLI::App* skills = app.add_subcommand("skills", "Person × topic: training hours, scores, coaching ratings, gaps");
  skills->add_option("--person", o->person, "A person, or a team's people (default: every active rep)");
  skills->callback([&ctx, o] {
    ctx.command = "coach skills";
    const core::Book& book = ctx.book();
    core::SkillsQuery q;
    q.today = ctx.today();
    if (!o->person.empty()) q.people = require_people(ctx, book, o->person, "--person");
    if (!ctx.options.period.empty()) q.period = ctx.period("");
    ctx.emit(core::skills_table(book, q), q.period ? q.period->label : "");
  });

  CLI::App* report = app.add_subcommand("report", "Training hours, coverage, sessions per coach, follow-up completion");
  report->add_option("--part", o->part, "Only one part: hours, coverage, coaches or followups");
  report->add_option("--team", o->team, "Only the people of this team and its sub-teams");
  report->callback([&ctx, o] {
    ctx.command = "coach report";
    const core::Book& book = ctx.book();
    core::Period period = ctx.period("this-month");
    std::vector<core::Sym> people = team_people(ctx, book, o->team);
    std::vector<core::ReportPart> parts = {core::ReportPart::hours, core::ReportPart::coverage,
                                           core::ReportPart::coaches, core::ReportPart::followups};
    if (!o->part.empty()) {
      auto p = core::parse_report_part(o->part);
      if (!p) ctx.fail(kUsage, fmt::format("--part: '{}' is not one of hours, coverage, coaches, followups", o->part));
      return ctx.emit(core::coach_report_table(book, period, ctx.today(), *p, people), period.label);
    }
    static const char* titles[] = {"Training hours per person and topic", "Coverage: active reps trained per topic",
                                   "Sessions per coach", "Follow-ups due in the period"};
    std::vector<Section> sections;
    for (std::size_t i = 0; i < parts.size(); ++i)
      sections.push_back({titles[i], core::coach_report_table(book, period, ctx.today(), parts[i], people)});
    emit_sections(
        ctx, {fmt::format("Coaching report {}", period.label)}, sections, nullptr, period.label,
        "coach report writes csv, tsv, json and jsonl one part at a time: add --part hours|coverage|coaches|followups");
  });
}

}  // namespace salesops::cli
