// salesops coach: log and train (✎), due, followups, done (✎), skills and report.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/sections.hpp"
#include "cli/write_change.hpp"
#include "core/base/escape.hpp"
#include "core/base/i18n.hpp"
#include "core/base/ids.hpp"
#include "core/coaching/changes.hpp"
#include "core/coaching/coaching.hpp"

namespace salesops::cli {

namespace {

struct SessionOptions {
  std::string person, coach, kind = "one-on-one", notes, date, id;
  std::vector<std::string> topics, ratings, follow_ups;
};

struct TrainingOptions {
  std::string title, topic, format = "classroom", hours, trainer, date, id;
  std::vector<std::string> attendees, scores;
};

struct DoneOptions {
  std::string followup_id;
};

struct FollowUpsOptions {
  PeopleFilter people;
  bool overdue = false;
};

struct ReportOptions {
  std::string part;
  PeopleFilter people;
};

core::Date date_option(Context& ctx, const std::string& text, const char* option) {
  if (text.empty()) return ctx.today();
  auto d = core::parse_date(text);
  if (!d) ctx.fail(kUsage, fmt::format(N_("{}: '{}' is not a date (YYYY-MM-DD)"), option, text));
  return *d;
}

void run_log(Context& ctx, const SessionOptions& o) {
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
  core::WriteChange change = core::session_add_change(book, s, ctx.today());
  write_change(ctx, change, fmt::format(N_("logged {} ({} of {} by {}) in {}"), change.id, o.kind, o.person, o.coach, change.file));
}

void run_train(Context& ctx, const TrainingOptions& o) {
  const core::Book& book = ctx.book();
  core::NewTraining t{.id = o.id, .title = o.title, .topic = o.topic, .format = o.format, .hours = o.hours,
                      .trainer = o.trainer, .attendees = o.attendees, .scores = o.scores, .date = {}};
  if (auto error = core::training_error(t)) ctx.fail(kUsage, *error);
  t.date = date_option(ctx, o.date, "--date");
  if (!t.id.empty()) require_record_id(ctx, t.id, "--id");
  core::WriteChange change = core::training_add_change(book, t);
  if (change.refused) refuse(ctx, change);
  for (auto& a : o.attendees) require_person(ctx, book, a, "--attendees");
  std::size_t n = o.attendees.size();
  write_change(ctx, change, n == 1 ? fmt::format(N_("recorded training {} ({} attendee) in {}"), change.id, n, change.file)
                                   : fmt::format(N_("recorded training {} ({} attendees) in {}"), change.id, n, change.file));
}

void run_done(Context& ctx, const DoneOptions& o) {
  const core::Book& book = ctx.book();
  std::string error;
  auto ref = core::resolve_follow_up(book, o.followup_id, &error);
  if (!ref) ctx.fail(kUsage, error);
  std::string name = fmt::format("{}/{}", book.text(ref->session->id), book.text(ref->follow_up->id));
  if (ref->follow_up->done) {
    if (!ctx.options.quiet) std::cout << core::tr(fmt::format(N_("{} is already done; nothing changed"), core::escape_controls(name))) << '\n';
    return;
  }
  write_change(ctx, core::follow_up_done_change(book, *ref), fmt::format(N_("{} is done"), name));
}

Run setup_coach_log(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<SessionOptions>();
  app.add_option("--person", o->person, N_("The person coached"))->required();
  app.add_option("--coach", o->coach, N_("The coach"))->required();
  app.add_option("--kind", o->kind, N_("one-on-one, team, ride-along or role-play"))->capture_default_str();
  app.add_option("--topics", o->topics, N_("Topics, comma separated"))->delimiter(',');
  app.add_option("--notes", o->notes, N_("Notes"));
  app.add_option("--rating", o->ratings, N_("Ratings 1-5: attitude=4,skills=3 (repeatable)"))->delimiter(',');
  app.add_option("--follow-up", o->follow_ups, N_("A follow-up: ACTION@YYYY-MM-DD (repeatable)"));
  app.add_option("--date", o->date, N_("The session's date (default: today)"));
  app.add_option("--id", o->id, N_("The session's id (default: CS-YYYY-MM-xxxx, xxxx four letters and digits)"));
  return [&ctx, o] { run_log(ctx, *o); };
}

Run setup_coach_train(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<TrainingOptions>();
  app.add_option("--title", o->title, N_("The training's title"))->required();
  app.add_option("--topic", o->topic, N_("product, sales-skills, crm, negotiation or other"))->required();
  app.add_option("--format", o->format, N_("classroom, online, drill, role-play or case-sharing"))
      ->capture_default_str();
  app.add_option("--hours", o->hours, N_("Hours of training"))->required();
  app.add_option("--attendees", o->attendees, N_("People who attended, comma separated"))->required()->delimiter(',');
  app.add_option("--scores", o->scores, N_("Assessment scores 0-100: zhang.wei=85,... (repeatable)"))->delimiter(',');
  app.add_option("--trainer", o->trainer, N_("Who gave it (a person id or free text)"));
  app.add_option("--date", o->date, N_("The training's date (default: today)"));
  app.add_option("--id", o->id, N_("The training's id (default: TR-YYYY-MM-TOPIC)"));
  return [&ctx, o] { run_train(ctx, *o); };
}

Run setup_coach_due(CLI::App& app, Context& ctx) {
  auto people = std::make_shared<PeopleFilter>();
  add_people_filter(app, *people);
  return [&ctx, people] {
    const core::Book& book = ctx.book();
    ctx.emit(core::coach_due_table(book, ctx.today(), filter_people(ctx, book, *people).value_or(std::vector<core::Sym>{})));
  };
}

Run setup_coach_followups(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<FollowUpsOptions>();
  add_people_filter(app, o->people, "--person,--owner");
  app.add_flag("--overdue", o->overdue, N_("Only those past their due date"));
  return [&ctx, o] {
    const core::Book& book = ctx.book();
    std::vector<core::Sym> people = filter_people(ctx, book, o->people).value_or(std::vector<core::Sym>{});
    auto rows = core::open_follow_ups(book, people);
    core::Date today = ctx.today();
    if (o->overdue) std::erase_if(rows, [&](auto& r) { return !r.follow_up->due || *r.follow_up->due >= today; });
    ctx.emit(core::follow_ups_table(book, today, rows));
  };
}

Run setup_coach_done(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<DoneOptions>();
  app.add_option("FOLLOWUP", o->followup_id, N_("SESSION/FOLLOWUP, or the follow-up id when unique"))->required();
  return [&ctx, o] { run_done(ctx, *o); };
}

Run setup_coach_skills(CLI::App& app, Context& ctx) {
  auto people = std::make_shared<PeopleFilter>();
  add_people_filter(app, *people, "--person,--owner");
  return [&ctx, people] {
    const core::Book& book = ctx.book();
    core::SkillsQuery q;
    q.today = ctx.today();
    if (auto p = filter_people(ctx, book, *people)) q.people = std::move(*p);
    if (!ctx.options.period.empty()) q.period = ctx.period("");
    if (q.period) return ctx.emit_report(core::skills_table(book, q), N_("Skills for {}"), *q.period);
    ctx.emit(core::skills_table(book, q));
  };
}

Run setup_coach_report(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ReportOptions>();
  app.add_option("--part", o->part, N_("Only one part: hours, coverage, coaches or followups"));
  add_people_filter(app, o->people);
  return [&ctx, o] {
    const core::Book& book = ctx.book();
    core::Period period = ctx.period("this-month");
    std::vector<core::Sym> people = filter_people(ctx, book, o->people).value_or(std::vector<core::Sym>{});
    std::vector<core::ReportPart> parts = {core::ReportPart::hours, core::ReportPart::coverage,
                                           core::ReportPart::coaches, core::ReportPart::followups};
    if (!o->part.empty()) {
      auto p = core::parse_report_part(o->part);
      if (!p) ctx.fail(kUsage, fmt::format(N_("--part: '{}' is not one of hours, coverage, coaches, followups"), o->part));
      return ctx.emit_report(core::coach_report_table(book, period, ctx.today(), *p, people), N_("Coaching for {}"), period);
    }
    static const char* titles[] = {N_("Training hours per person and topic"), N_("Coverage: active reps trained per topic"),
                                   N_("Sessions per coach"), N_("Follow-ups due in the period")};
    std::vector<Section> sections;
    for (std::size_t i = 0; i < parts.size(); ++i)
      sections.push_back({titles[i], core::coach_report_table(book, period, ctx.today(), parts[i], people)});
    emit_sections(
        ctx, {fmt::format(N_("Coaching report {}"), period.label)}, sections, nullptr, period.label,
        N_("coach report writes csv, tsv, json and jsonl one part at a time: add --part hours|coverage|coaches|followups"));
  };
}

constexpr Command kCoachCommands[] = {
    {"log", N_("Record a coaching session (appends to coaching/<YYYY-MM>.yaml)"), kWritesBook, setup_coach_log},
    {"train", N_("Record a training (appends to coaching/<YYYY-MM>.yaml)"), kWritesBook, setup_coach_train},
    {"due", N_("Reps without a one-on-one within policy.one_on_one_days"), kReadsAtRevision, setup_coach_due},
    {"followups", N_("Open coaching follow-ups, overdue first"), kReadsAtRevision, setup_coach_followups},
    {"done", N_("Close a follow-up: SESSION/FOLLOWUP (done: true, in place)"), kWritesBook, setup_coach_done},
    {"skills", N_("Person × topic: training hours, scores, coaching ratings, gaps"), kReadsAtRevision, setup_coach_skills},
    {"report", N_("Training hours, coverage, sessions per coach, follow-up completion"), kReadsAtRevision, setup_coach_report},
};

}  // namespace

std::span<const Command> coach_commands() { return kCoachCommands; }

}  // namespace salesops::cli
