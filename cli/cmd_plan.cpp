// salesops plan: new (✎), show, actions, done (✎), add-action (✎), status and agenda.
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/embedded_files.hpp"
#include "cli/sections.hpp"
#include "core/base/ids.hpp"
#include "core/plans/agenda.hpp"
#include "core/plans/plans.hpp"
#include "core/targets/status.hpp"

namespace salesops::cli {

namespace {

namespace fs = std::filesystem;
using core::YamlField;
using core::YamlValue;

struct NewOptions {
  std::string owner, id;
};

struct ShowOptions {
  std::string plan;
};

struct ActionsOptions {
  std::string plan, owner, status;
  std::optional<int> due_within;
  bool overdue = false;
};

struct DoneOptions {
  std::string action, on;
};

struct AddActionOptions {
  std::string plan, title, owner, due, strategy, target, id;
};

struct StatusOptions {
  std::string by = "person", owner;
};

struct AgendaOptions {
  std::string owner, team;
  bool week = false, month = false;
};

const core::Plan& require_plan(Context& ctx, const core::Book& book, const std::string& id) {
  if (!id.empty()) {
    if (const core::Plan* p = book.plan(id)) return *p;
    std::vector<std::string> ids;
    for (auto& p : book.plans) ids.push_back(book.str(p.id));
    ctx.fail(kUsage,
             fmt::format("no plan '{}'{}", id, ids.empty() ? "" : fmt::format(" (plans: {})", fmt::join(ids, ", "))));
  }
  if (const core::Plan* p = core::current_plan(book, ctx.today())) return *p;
  ctx.fail(kUsage, fmt::format("no plan's period holds {}: name the plan", core::format_date(ctx.today())));
}

/// Creates `path` with `text`, never replacing a file: a temporary file beside it, fsynced,
/// then hard-linked to its name (which fails when the name exists).
void create_file(Context& ctx, const fs::path& path, const std::string& text) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) ctx.fail(kWriteRefused, fmt::format("cannot create {}: {}", path.parent_path().string(), ec.message()));
  fs::path tmp = path.parent_path() / fmt::format(".{}.{}.tmp", path.filename().string(), ::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  bool ok = fd >= 0;
  for (std::size_t done = 0; ok && done < text.size();) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  if (fd >= 0) ok = ::fsync(fd) == 0 && ::close(fd) == 0 && ok;
  int saved = errno;
  bool linked = ok && ::link(tmp.c_str(), path.c_str()) == 0;
  if (ok && !linked) saved = errno;
  ::unlink(tmp.c_str());
  if (!linked)
    ctx.fail(kWriteRefused, saved == EEXIST ? fmt::format("{} exists: plan new never replaces a plan", path.string())
                                            : fmt::format("cannot write {}: {}", path.string(), std::strerror(saved)));
  int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) ::fsync(dir), ::close(dir);
}

void run_new(Context& ctx, const NewOptions& o) {
  if (ctx.options.period.empty()) ctx.fail(kUsage, "plan new needs --period (the plan's period, e.g. 2027-Q1)");
  const core::Book& book = ctx.book();
  core::PlanDraftRequest req;
  req.period = ctx.period("");
  req.today = ctx.today();
  req.id = o.id.empty() ? "P-" + req.period.label : o.id;
  require_record_id(ctx, req.id, "--id");
  if (!o.owner.empty()) req.owner = book.str(require_person(ctx, book, o.owner, "--owner").id);
  std::string rel = fmt::format("plans/{}.yaml", req.period.label);
  if (book.plan(req.id))
    ctx.fail(kWriteRefused, fmt::format("a plan '{}' exists already: plan new never replaces a plan", req.id));
  fs::path path = ctx.book_root() / rel;
  std::error_code ec;
  if (fs::exists(fs::symlink_status(path, ec)))
    ctx.fail(kWriteRefused, fmt::format("{} exists: plan new never replaces a plan", rel));
  std::string_view template_text;
  for (const EmbeddedFile& f : embedded_files())
    if (std::string_view(f.path) == "templates/plan.yaml") template_text = f.bytes();
  std::string text = core::plan_draft(book, req, template_text);
  if (auto refused = core::check_editable(text, rel))
    ctx.fail(kWriteRefused, fmt::format("{}: the new plan does not parse: {}", rel, refused->message));
  if (ctx.options.dry_run) {
    std::cout << core::unified_diff("", text, "/dev/null", "b/" + rel);
    return;
  }
  create_file(ctx, path, text);
  if (!ctx.options.quiet) std::cout << fmt::format("wrote {} ({}): fill in its strategies and actions\n", rel, req.id);
}

void run_show(Context& ctx, const ShowOptions& o) {
  const core::Book& book = ctx.book();
  const core::Plan& plan = require_plan(ctx, book, o.plan);
  core::PlanView v = core::plan_view(book, plan, ctx.today());
  std::vector<std::string> title;
  for (auto& [field, text] : v.header) title.push_back(fmt::format("{}: {}", field, text));
  title.front() = fmt::format("Plan {}", book.text(plan.id));
  emit_sections(
      ctx, title,
      {{"Segments", v.segments}, {"Strategies", v.strategies}, {"Actions", v.actions}, {"Targets", v.targets}},
      &v.actions, book.str(plan.period_text));
}

void run_actions(Context& ctx, const ActionsOptions& o) {
  const core::Book& book = ctx.book();
  core::ActionFilter f;
  if (!o.plan.empty()) f.plan = &require_plan(ctx, book, o.plan);
  if (!o.owner.empty()) f.owners = require_people(ctx, book, o.owner, "--owner");
  if (!o.status.empty()) {
    f.status = core::parse_action_status(o.status);
    if (!f.status) ctx.fail(kUsage, fmt::format("--status: '{}' is not one of open, done, dropped", o.status));
  }
  f.overdue = o.overdue;
  if (o.due_within && *o.due_within < 0) ctx.fail(kUsage, "--due-within: a number of days, 0 or more");
  f.due_within = o.due_within;
  ctx.emit(core::actions_table(book, ctx.today(), core::select_actions(book, ctx.today(), f)));
}

void run_done(Context& ctx, const DoneOptions& o) {
  const core::Book& book = ctx.book();
  std::string error;
  auto ref = core::resolve_action(book, o.action, &error);
  if (!ref) ctx.fail(kUsage, error);
  core::Date on = ctx.today();
  if (!o.on.empty()) {
    auto d = core::parse_date(o.on);
    if (!d) ctx.fail(kUsage, fmt::format("--on: '{}' is not a date (YYYY-MM-DD)", o.on));
    on = *d;
  }
  std::string name = fmt::format("{}/{}", book.text(ref->plan->id), book.text(ref->action->id));
  if (ref->action->status == core::ActionStatus::done) {
    if (!ctx.options.quiet) std::cout << name << " is already done; nothing changed\n";
    return;
  }
  core::YamlPath action;
  action.key("actions").item_with_id(book.str(ref->action->id));
  core::YamlPath status = action, done_on = action;
  status.key("status");
  done_on.key("done_on");
  std::vector<core::YamlEdit> edits = {
      core::YamlEdit::set(status, YamlValue::text("done"), "due"),
      core::YamlEdit::set(done_on, YamlValue::literal(core::format_date(on)), "status")};
  ctx.write({core::FileEdit{book.files[ref->plan->at.file], edits}},
            fmt::format("{} is done ({})", name, core::format_date(on)));
}

void run_add_action(Context& ctx, const AddActionOptions& o) {
  const core::Book& book = ctx.book();
  const core::Plan& plan = require_plan(ctx, book, o.plan);
  const core::Person& owner = require_person(ctx, book, o.owner, "--owner");
  auto due = core::parse_date(o.due);
  if (!due) ctx.fail(kUsage, fmt::format("--due: '{}' is not a date (YYYY-MM-DD)", o.due));
  if (!o.strategy.empty() && std::none_of(plan.strategies.begin(), plan.strategies.end(),
                                          [&](auto& s) { return book.text(s.id) == o.strategy; }))
    ctx.fail(kUsage, fmt::format("--strategy: plan '{}' has no strategy '{}'", book.text(plan.id), o.strategy));
  if (!o.target.empty() && !book.target(o.target)) ctx.fail(kUsage, fmt::format("--target: no target '{}'", o.target));
  std::vector<std::string_view> ids;
  for (auto& a : plan.actions) ids.push_back(book.text(a.id));
  std::string id = o.id.empty() ? core::next_id("A", 1, ids) : o.id;
  require_record_id(ctx, id, "--id");
  if (std::find(ids.begin(), ids.end(), id) != ids.end())
    ctx.fail(kWriteRefused, fmt::format("plan '{}' has an action '{}' already", book.text(plan.id), id));
  std::vector<YamlField> fields = {{"id", YamlValue::text(id)},
                                   {"title", YamlValue::text(o.title)},
                                   {"owner", YamlValue::text(book.str(owner.id))},
                                   {"due", YamlValue::literal(core::format_date(*due))},
                                   {"status", YamlValue::text("open")}};
  if (!o.strategy.empty()) fields.push_back({"strategy", YamlValue::text(o.strategy)});
  if (!o.target.empty()) fields.push_back({"target", YamlValue::text(o.target)});
  core::FileEdit edit{book.files[plan.at.file],
                      {core::YamlEdit::append(core::YamlPath{}.key("actions"), YamlValue::map(fields))}};
  ctx.write({edit}, fmt::format("added {}/{} ({}, due {})", book.text(plan.id), id, o.owner, o.due));
}

void run_status(Context& ctx, const StatusOptions& o) {
  const core::Book& book = ctx.book();
  auto by = core::parse_plan_status_by(o.by);
  if (!by) ctx.fail(kUsage, fmt::format("--by: '{}' is not one of person, team, strategy", o.by));
  std::vector<core::Sym> people;
  if (!o.owner.empty()) people = require_people(ctx, book, o.owner, "--owner");
  core::Period period = ctx.period("this-quarter");
  ctx.emit(core::plan_status_table(book, period, ctx.today(), *by, people), period.label);
}

void run_agenda(Context& ctx, const AgendaOptions& o) {
  const core::Book& book = ctx.book();
  if (o.week && o.month) ctx.fail(kUsage, "give --week or --month, not both");
  if (o.team.empty() == o.owner.empty()) ctx.fail(kUsage, "plan agenda needs a PERSON or --team TEAM");
  core::Period window = ctx.period(o.month ? "this-month" : "this-week");
  core::Date today = ctx.today();
  if (!o.team.empty()) {
    require_team(ctx, book, o.team, "--team");
    // The team's agenda is a document to share: md unless another format is asked for.
    if (ctx.options.format.empty() && ctx.options.output.empty()) ctx.options.format = "md";
    core::Agenda agenda = core::team_agenda(book, o.team, window, today);
    core::Table flat = core::agenda_table(book, agenda);
    const core::Team* team = book.team(o.team);
    std::string name = team ? book.str(team->name) : book.config.org_name;
    core::Date since = core::previous_period(window, book.config.calendar).first;
    emit_sections(
        ctx,
        {fmt::format("Team meeting: {} ({}), {}", name, o.team, window.label),
         fmt::format("Today {}; deals moved and won since {}", core::format_date(today), core::format_date(since))},
        agenda_sections(book, agenda), &flat, window.label);
    return;
  }
  const core::Person& person = require_person(ctx, book, o.owner, "PERSON");
  core::Agenda agenda = core::person_agenda(book, person, window, today);
  core::Table flat = core::agenda_table(book, agenda);
  emit_sections(ctx,
                {fmt::format("Agenda: {} ({}), {} ({} .. {})", book.text(person.name), book.text(person.id),
                             window.label, core::format_date(window.first), core::format_date(window.last)),
                 fmt::format("Today {}", core::format_date(today))},
                agenda_sections(book, agenda), &flat, window.label);
}

Run setup_plan_new(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<NewOptions>();
  app.add_option("--owner", o->owner, "The plan's owner (a person id)");
  app.add_option("--id", o->id, "The plan's id (default: P-<period>)");
  return [&ctx, o] { run_new(ctx, *o); };
}

Run setup_plan_show(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ShowOptions>();
  app.add_option("PLAN", o->plan, "The plan's id (default: the plan whose period holds today)");
  return [&ctx, o] { run_show(ctx, *o); };
}

Run setup_plan_actions(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ActionsOptions>();
  app.add_option("--plan", o->plan, "Only this plan's actions");
  app.add_option("--owner", o->owner, "Only this person's, or a team's people's");
  app.add_option("--status", o->status, "open, done or dropped");
  app.add_flag("--overdue", o->overdue, "Only open actions past their due date");
  app.add_option("--due-within", o->due_within, "Only open actions due within N days (overdue ones included)");
  return [&ctx, o] { run_actions(ctx, *o); };
}

Run setup_plan_done(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<DoneOptions>();
  app.add_option("ACTION", o->action, "PLAN/ACTION, or the action id when unique")->required();
  app.add_option("--on", o->on, "The day it was done (default: today)");
  return [&ctx, o] { run_done(ctx, *o); };
}

Run setup_plan_add_action(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<AddActionOptions>();
  app.add_option("--plan", o->plan, "The plan (default: the plan whose period holds today)");
  app.add_option("--title", o->title, "What is to be done")->required();
  app.add_option("--owner", o->owner, "Who does it (a person id)")->required();
  app.add_option("--due", o->due, "By when (YYYY-MM-DD)")->required();
  app.add_option("--strategy", o->strategy, "The plan's strategy it serves");
  app.add_option("--target", o->target, "A target it serves");
  app.add_option("--id", o->id, "The action's id (default: the next free A<n>)");
  return [&ctx, o] { run_add_action(ctx, *o); };
}

Run setup_plan_status(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<StatusOptions>();
  app.add_option("--by", o->by, "Rows: person, team or strategy")->capture_default_str();
  app.add_option("--owner", o->owner, "Only this person's actions, or a team's people's");
  return [&ctx, o] { run_status(ctx, *o); };
}

Run setup_plan_agenda(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<AgendaOptions>();
  app.add_option("PERSON", o->owner, "The person");
  app.add_option("--team", o->team, "The team whose weekly meeting agenda to print (md)");
  app.add_flag("--week", o->week, "The week holding today (the default; weeks start on org.week_start)");
  app.add_flag("--month", o->month, "The month holding today");
  return [&ctx, o] { run_agenda(ctx, *o); };
}

constexpr Command kPlanCommands[] = {
    {"new", "Start plans/<period>.yaml from the template, pre-filled from the book", kWritesBook, setup_plan_new},
    {"show", "A plan with live progress: segments, strategies, actions, targets", kReadsAtRevision, setup_plan_show},
    {"actions", "Plan actions, the earliest due first", kReadsAtRevision, setup_plan_actions},
    {"done", "Mark an action done: PLAN/ACTION (status and done_on, in place)", kWritesBook, setup_plan_done},
    {"add-action", "Append an action to a plan", kWritesBook, setup_plan_add_action},
    {"status", "Actions due, done and overdue, and completion, per owner", kReadsAtRevision, setup_plan_status},
    {"agenda", "A person's week or month in one view, or a team's meeting agenda", kReadsAtRevision, setup_plan_agenda},
};

}  // namespace

std::span<const Command> plan_commands() { return kPlanCommands; }

}  // namespace salesops::cli
