// salesops coach: log and train (✎), due, followups, done (✎), skills and report.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/sections.hpp"
#include "core/base/ids.hpp"
#include "core/coaching/coaching.hpp"

namespace salesops::cli {

namespace {

using core::YamlField;
using core::YamlValue;

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
  std::string person;
  bool overdue = false;
};

struct ReportOptions {
  std::string part, team;
};

core::Date date_option(Context& ctx, const std::string& text, const char* option) {
  if (text.empty()) return ctx.today();
  auto d = core::parse_date(text);
  if (!d) ctx.fail(kUsage, fmt::format("{}: '{}' is not a date (YYYY-MM-DD)", option, text));
  return *d;
}

std::string month_file(core::Date d) {
  auto ymd = core::ymd(d);
  return fmt::format("coaching/{:04}-{:02}.yaml", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()));
}

std::string month_prefix(core::Date d) { return core::format_date(d).substr(0, 7); }

void require_one_of(Context& ctx, const std::string& value, const char* option,
                    std::initializer_list<const char*> allowed) {
  std::vector<std::string> names(allowed.begin(), allowed.end());
  if (std::find(names.begin(), names.end(), value) != names.end()) return;
  ctx.fail(kUsage, fmt::format("{}: '{}' is not one of {}", option, value, fmt::join(names, ", ")));
}

void run_log(Context& ctx, const SessionOptions& o) {
  const core::Book& book = ctx.book();
  const core::Person& person = require_person(ctx, book, o.person, "--person");
  const core::Person& coach = require_person(ctx, book, o.coach, "--coach");
  require_one_of(ctx, o.kind, "--kind", {"one-on-one", "team", "ride-along", "role-play"});
  core::Date date = date_option(ctx, o.date, "--date");
  std::vector<std::pair<std::string, std::string>> ratings;
  std::string error;
  if (!core::parse_key_values(o.ratings, &ratings, &error)) ctx.fail(kUsage, "--rating: " + error);
  std::string id = o.id;
  if (!id.empty()) require_record_id(ctx, id, "--id");
  if (id.empty()) {
    std::vector<std::string_view> ids;
    for (auto& s : book.sessions) ids.push_back(book.text(s.id));
    id = core::next_id(fmt::format("CS-{}-", month_prefix(date)), 3, ids);
  } else if (book.session_ids.find(id, [&](std::uint32_t i) { return book.text(book.sessions[i].id); })) {
    ctx.fail(kWriteRefused, fmt::format("a coaching session '{}' exists already", id));
  }

  std::vector<YamlField> fields = {{"id", YamlValue::text(id)},
                                   {"date", YamlValue::literal(core::format_date(date))},
                                   {"coach", YamlValue::text(book.str(coach.id))},
                                   {"person", YamlValue::text(book.str(person.id))},
                                   {"kind", YamlValue::text(o.kind)}};
  if (!o.topics.empty()) {
    std::vector<YamlValue> topics;
    for (auto& t : o.topics) topics.push_back(YamlValue::text(t));
    fields.push_back({"topics", YamlValue::list(topics, true)});
  }
  if (!o.notes.empty()) fields.push_back({"notes", YamlValue::text(o.notes)});
  if (!ratings.empty()) {
    std::vector<YamlField> r;
    for (auto& [key, value] : ratings) {
      if (value.size() != 1 || value[0] < '1' || value[0] > '5')
        ctx.fail(kUsage, fmt::format("--rating: '{}={}': a rating is a whole number from 1 to 5", key, value));
      r.push_back({key, YamlValue::literal(value)});
    }
    fields.push_back({"ratings", YamlValue::map(r, true)});
  }
  if (!o.follow_ups.empty()) {
    std::vector<YamlValue> items;
    for (std::size_t i = 0; i < o.follow_ups.size(); ++i) {
      const std::string& f = o.follow_ups[i];
      auto at = f.rfind('@');
      std::string action = at == std::string::npos ? f : f.substr(0, at);
      if (action.empty()) ctx.fail(kUsage, fmt::format("--follow-up: '{}' has no action (ACTION@YYYY-MM-DD)", f));
      std::vector<YamlField> item = {{"id", YamlValue::text(fmt::format("F{}", i + 1))},
                                     {"action", YamlValue::text(action)}};
      if (at != std::string::npos) {
        auto due = core::parse_date(f.substr(at + 1));
        if (!due)
          ctx.fail(kUsage, fmt::format("--follow-up: '{}' is not a date (ACTION@YYYY-MM-DD)", f.substr(at + 1)));
        item.push_back({"due", YamlValue::literal(core::format_date(*due))});
      }
      item.push_back({"done", YamlValue::literal("false")});
      items.push_back(YamlValue::map(item, true));
    }
    fields.push_back({"follow_ups", YamlValue::list(items)});
  }
  core::FileEdit edit{month_file(date),
                      {core::YamlEdit::append(core::YamlPath{}.key("sessions"), YamlValue::map(fields))}};
  ctx.write({edit}, fmt::format("logged {} ({} of {} by {}) in {}", id, o.kind, o.person, o.coach, edit.file.string()));
}

void run_train(Context& ctx, const TrainingOptions& o) {
  const core::Book& book = ctx.book();
  require_one_of(ctx, o.topic, "--topic", {"product", "sales-skills", "crm", "negotiation", "other"});
  require_one_of(ctx, o.format, "--format", {"classroom", "online", "drill", "role-play", "case-sharing"});
  // Plain decimals only ("1.5"), so that the number reads back the same from YAML.
  auto dot = o.hours.find('.');
  bool plain = !o.hours.empty() && o.hours.find_first_not_of("0123456789.") == std::string::npos && dot != 0 &&
               dot + 1 != o.hours.size() &&
               o.hours.find('.', dot == std::string::npos ? 0 : dot + 1) == std::string::npos;
  double hours = plain ? std::strtod(o.hours.c_str(), nullptr) : -1;
  if (!plain || !(hours >= 0 && hours <= 1000))
    ctx.fail(kUsage, fmt::format("--hours: '{}' is not a number of hours from 0 to 1000", o.hours));
  if (o.attendees.empty()) ctx.fail(kUsage, "--attendees: name at least one person");
  std::vector<std::pair<std::string, std::string>> scores;
  std::string error;
  if (!core::parse_key_values(o.scores, &scores, &error)) ctx.fail(kUsage, "--scores: " + error);
  for (auto& [who, score] : scores) {
    if (std::find(o.attendees.begin(), o.attendees.end(), who) == o.attendees.end())
      ctx.fail(kUsage, fmt::format("--scores: '{}' is not among --attendees", who));
    int v = -1;
    if (score.size() <= 3 && !score.empty() && score.find_first_not_of("0123456789") == std::string::npos)
      v = std::stoi(score);
    if (v < 0 || v > 100)
      ctx.fail(kUsage, fmt::format("--scores: '{}={}': a score is a whole number from 0 to 100", who, score));
  }
  core::Date date = date_option(ctx, o.date, "--date");
  std::string id = o.id;
  if (!id.empty()) require_record_id(ctx, id, "--id");
  auto taken = [&](const std::string& x) {
    return book.training_ids.find(x, [&](std::uint32_t i) { return book.text(book.trainings[i].id); }).has_value();
  };
  if (id.empty()) {
    id = fmt::format("TR-{}-{}", month_prefix(date), o.topic);
    for (int n = 2; taken(id); ++n) id = fmt::format("TR-{}-{}-{}", month_prefix(date), o.topic, n);
  } else if (taken(id)) {
    ctx.fail(kWriteRefused, fmt::format("a training '{}' exists already", id));
  }
  std::vector<YamlValue> attendees;
  for (auto& a : o.attendees) {
    const core::Person& p = require_person(ctx, book, a, "--attendees");
    std::vector<YamlField> item = {{"person", YamlValue::text(book.str(p.id))}};
    for (auto& [who, score] : scores)
      if (who == a) item.push_back({"score", YamlValue::literal(std::to_string(std::stoi(score)))});
    attendees.push_back(YamlValue::map(item, true));
  }
  std::vector<YamlField> fields = {
      {"id", YamlValue::text(id)},           {"date", YamlValue::literal(core::format_date(date))},
      {"title", YamlValue::text(o.title)},   {"topic", YamlValue::text(o.topic)},
      {"format", YamlValue::text(o.format)}, {"hours", YamlValue::literal(o.hours)}};
  if (!o.trainer.empty()) fields.push_back({"trainer", YamlValue::text(o.trainer)});
  fields.push_back({"attendees", YamlValue::list(attendees)});
  core::FileEdit edit{month_file(date),
                      {core::YamlEdit::append(core::YamlPath{}.key("trainings"), YamlValue::map(fields))}};
  ctx.write({edit}, fmt::format("recorded training {} ({} attendee{}) in {}", id, attendees.size(),
                                attendees.size() == 1 ? "" : "s", edit.file.string()));
}

std::vector<core::Sym> team_people(Context& ctx, const core::Book& book, const std::string& team) {
  if (team.empty()) return {};
  require_team(ctx, book, team, "--team");
  return require_people(ctx, book, team, "--team");
}

void run_done(Context& ctx, const DoneOptions& o) {
  const core::Book& book = ctx.book();
  std::string error;
  auto ref = core::resolve_follow_up(book, o.followup_id, &error);
  if (!ref) ctx.fail(kUsage, error);
  std::string name = fmt::format("{}/{}", book.text(ref->session->id), book.text(ref->follow_up->id));
  if (ref->follow_up->done) {
    if (!ctx.options.quiet) std::cout << name << " is already done; nothing changed\n";
    return;
  }
  core::YamlPath path;
  path.key("sessions")
      .item_with_id(book.str(ref->session->id))
      .key("follow_ups")
      .item_with_id(book.str(ref->follow_up->id))
      .key("done");
  core::FileEdit edit{book.files[ref->session->at.file], {core::YamlEdit::set(path, YamlValue::literal("true"))}};
  ctx.write({edit}, fmt::format("{} is done", name));
}

Run setup_coach_log(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<SessionOptions>();
  app.add_option("--person", o->person, "The person coached")->required();
  app.add_option("--coach", o->coach, "The coach")->required();
  app.add_option("--kind", o->kind, "one-on-one, team, ride-along or role-play")->capture_default_str();
  app.add_option("--topics", o->topics, "Topics, comma separated")->delimiter(',');
  app.add_option("--notes", o->notes, "Notes");
  app.add_option("--rating", o->ratings, "Ratings 1-5: attitude=4,skills=3 (repeatable)")->delimiter(',');
  app.add_option("--follow-up", o->follow_ups, "A follow-up: ACTION@YYYY-MM-DD (repeatable)");
  app.add_option("--date", o->date, "The session's date (default: today)");
  app.add_option("--id", o->id, "The session's id (default: CS-YYYY-MM-NNN, the next free)");
  return [&ctx, o] { run_log(ctx, *o); };
}

Run setup_coach_train(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<TrainingOptions>();
  app.add_option("--title", o->title, "The training's title")->required();
  app.add_option("--topic", o->topic, "product, sales-skills, crm, negotiation or other")->required();
  app.add_option("--format", o->format, "classroom, online, drill, role-play or case-sharing")
      ->capture_default_str();
  app.add_option("--hours", o->hours, "Hours of training")->required();
  app.add_option("--attendees", o->attendees, "People who attended, comma separated")->required()->delimiter(',');
  app.add_option("--scores", o->scores, "Assessment scores 0-100: zhang.wei=85,... (repeatable)")->delimiter(',');
  app.add_option("--trainer", o->trainer, "Who gave it (a person id or free text)");
  app.add_option("--date", o->date, "The training's date (default: today)");
  app.add_option("--id", o->id, "The training's id (default: TR-YYYY-MM-TOPIC)");
  return [&ctx, o] { run_train(ctx, *o); };
}

Run setup_coach_due(CLI::App& app, Context& ctx) {
  auto team = std::make_shared<std::string>();
  app.add_option("--team", *team, "Only the reps of this team and its sub-teams");
  return [&ctx, team] {
    const core::Book& book = ctx.book();
    ctx.emit(core::coach_due_table(book, ctx.today(), team_people(ctx, book, *team)));
  };
}

Run setup_coach_followups(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<FollowUpsOptions>();
  app.add_option("--person", o->person, "Only this person's, or a team's people's");
  app.add_flag("--overdue", o->overdue, "Only those past their due date");
  return [&ctx, o] {
    const core::Book& book = ctx.book();
    std::vector<core::Sym> people;
    if (!o->person.empty()) people = require_people(ctx, book, o->person, "--person");
    auto rows = core::open_follow_ups(book, people);
    core::Date today = ctx.today();
    if (o->overdue) std::erase_if(rows, [&](auto& r) { return !r.follow_up->due || *r.follow_up->due >= today; });
    ctx.emit(core::follow_ups_table(book, today, rows));
  };
}

Run setup_coach_done(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<DoneOptions>();
  app.add_option("FOLLOWUP", o->followup_id, "SESSION/FOLLOWUP, or the follow-up id when unique")->required();
  return [&ctx, o] { run_done(ctx, *o); };
}

Run setup_coach_skills(CLI::App& app, Context& ctx) {
  auto person = std::make_shared<std::string>();
  app.add_option("--person", *person, "A person, or a team's people (default: every active rep)");
  return [&ctx, person] {
    const core::Book& book = ctx.book();
    core::SkillsQuery q;
    q.today = ctx.today();
    if (!person->empty()) q.people = require_people(ctx, book, *person, "--person");
    if (!ctx.options.period.empty()) q.period = ctx.period("");
    ctx.emit(core::skills_table(book, q), q.period ? q.period->label : "");
  };
}

Run setup_coach_report(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ReportOptions>();
  app.add_option("--part", o->part, "Only one part: hours, coverage, coaches or followups");
  app.add_option("--team", o->team, "Only the people of this team and its sub-teams");
  return [&ctx, o] {
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
  };
}

constexpr Command kCoachCommands[] = {
    {"log", "Record a coaching session (appends to coaching/<YYYY-MM>.yaml)", kWritesBook, setup_coach_log},
    {"train", "Record a training (appends to coaching/<YYYY-MM>.yaml)", kWritesBook, setup_coach_train},
    {"due", "Reps without a one-on-one within policy.one_on_one_days", kReadsAtRevision, setup_coach_due},
    {"followups", "Open coaching follow-ups, overdue first", kReadsAtRevision, setup_coach_followups},
    {"done", "Close a follow-up: SESSION/FOLLOWUP (done: true, in place)", kWritesBook, setup_coach_done},
    {"skills", "Person × topic: training hours, scores, coaching ratings, gaps", kReadsAtRevision, setup_coach_skills},
    {"report", "Training hours, coverage, sessions per coach, follow-up completion", kReadsAtRevision, setup_coach_report},
};

}  // namespace

std::span<const Command> coach_commands() { return kCoachCommands; }

}  // namespace salesops::cli
