// salesops plan: new (✎), show, actions, done (✎), add-action (✎), status and agenda.
#include <fmt/format.h>

#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/embedded_files.hpp"
#include "cli/sections.hpp"
#include "cli/write_change.hpp"
#include "core/base/escape.hpp"
#include "core/base/i18n.hpp"
#include "core/base/ids.hpp"
#include "core/plans/agenda.hpp"
#include "core/plans/changes.hpp"
#include "core/plans/plans.hpp"
#include "core/targets/status.hpp"

namespace salesops::cli {

namespace {

namespace fs = std::filesystem;

struct NewOptions {
  std::string owner, id;
};

struct ShowOptions {
  std::string plan;
};

struct ActionsOptions {
  std::string plan, status;
  PeopleFilter people;
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
  std::string by = "person";
  PeopleFilter people;
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
    ctx.fail(kUsage, ids.empty() ? fmt::format(N_("no plan '{}'"), id)
                                 : fmt::format(N_("no plan '{}' (plans: {})"), id, fmt::join(ids, ", ")));
  }
  if (const core::Plan* p = core::current_plan(book, ctx.today())) return *p;
  ctx.fail(kUsage, fmt::format(N_("no plan's period holds {}: name the plan"), core::format_date(ctx.today())));
}

/// Creates the new plan's file: a failure exits 4 naming the file (core::create_files).
void create_file(Context& ctx, const core::NewFile& file) {
  fs::path root = ctx.book_root();
  auto failure = core::create_files(root, {file});
  if (!failure) return;
  fs::path path = root / file.file;
  using Step = core::CreateFailure::Step;
  if (failure->step == Step::directory)
    ctx.fail(kWriteRefused, fmt::format(N_("cannot create {}: {}"), failure->path.string(), failure->message));
  ctx.fail(kWriteRefused, failure->step == Step::name && failure->error == EEXIST
                              ? fmt::format(N_("{} exists: plan new never replaces a plan"), path.string())
                              : fmt::format(N_("cannot write {}: {}"), path.string(), std::strerror(failure->error)));
}

void run_new(Context& ctx, const NewOptions& o) {
  if (ctx.options.period.empty()) ctx.fail(kUsage, N_("plan new needs --period (the plan's period, e.g. 2027-Q1)"));
  const core::Book& book = ctx.book();
  core::PlanDraftRequest req;
  req.period = ctx.period("");
  req.today = ctx.today();
  req.id = o.id.empty() ? "P-" + req.period.label : o.id;
  require_record_id(ctx, req.id, "--id");
  if (!o.owner.empty()) req.owner = book.str(require_person(ctx, book, o.owner, "--owner").id);
  std::string_view template_text;
  for (const EmbeddedFile& f : embedded_files())
    if (std::string_view(f.path) == "templates/plan.yaml") template_text = f.bytes();
  core::WriteChange change = core::plan_new_change(book, req, template_text, ctx.book_root());
  if (change.refused) refuse(ctx, change);
  const core::NewFile& plan = change.created.front();
  if (ctx.options.dry_run) {
    std::cout << core::escape_controls(core::unified_diff("", plan.text, "/dev/null", "b/" + plan.file), "\t\n");
    return;
  }
  create_file(ctx, plan);
  if (!ctx.options.quiet) std::cout << core::escape_controls(
        core::tr(fmt::format(N_("wrote {} ({}): fill in its strategies and actions"), plan.file, req.id)) + "\n", "\n");
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
  if (auto people = filter_people(ctx, book, o.people)) f.owners = std::move(*people);
  if (!o.status.empty()) {
    f.status = core::parse_action_status(o.status);
    if (!f.status) ctx.fail(kUsage, fmt::format(N_("--status: '{}' is not one of open, done, dropped"), o.status));
  }
  f.overdue = o.overdue;
  if (o.due_within && *o.due_within < 0) ctx.fail(kUsage, N_("--due-within: a number of days, 0 or more"));
  f.due_within = o.due_within;
  core::Table actions = core::actions_table(book, ctx.today(), core::select_actions(book, ctx.today(), f));
  actions.mark_detail({"done_on", "strategy"});  // left out of a terminal's compact view
  ctx.emit(actions);
}

void run_done(Context& ctx, const DoneOptions& o) {
  const core::Book& book = ctx.book();
  std::string error;
  auto ref = core::resolve_action(book, o.action, &error);
  if (!ref) ctx.fail(kUsage, error);
  core::Date on = ctx.today();
  if (!o.on.empty()) {
    auto d = core::parse_date(o.on);
    if (!d) ctx.fail(kUsage, fmt::format(N_("--on: '{}' is not a date (YYYY-MM-DD)"), o.on));
    on = *d;
  }
  std::string name = fmt::format("{}/{}", book.text(ref->plan->id), book.text(ref->action->id));
  if (ref->action->status == core::ActionStatus::done) {
    if (!ctx.options.quiet) std::cout << core::tr(fmt::format(N_("{} is already done; nothing changed"), core::escape_controls(name))) << '\n';
    return;
  }
  write_change(ctx, core::action_done_change(book, *ref, on, ctx.today()), fmt::format(N_("{} is done ({})"), name, core::format_date(on)));
}

void run_add_action(Context& ctx, const AddActionOptions& o) {
  const core::Book& book = ctx.book();
  const core::Plan& plan = require_plan(ctx, book, o.plan);
  const core::Person& owner = require_person(ctx, book, o.owner, "--owner");
  core::NewAction action{o.id, o.title, book.str(owner.id), o.due, o.strategy, o.target};
  core::WriteChange change = core::action_add_change(book, plan, action);
  write_change(ctx, change, fmt::format(N_("added {}/{} ({}, due {})"), book.text(plan.id), change.id, o.owner, o.due));
}

void run_status(Context& ctx, const StatusOptions& o) {
  const core::Book& book = ctx.book();
  auto by = core::parse_plan_status_by(o.by);
  if (!by) ctx.fail(kUsage, fmt::format(N_("--by: '{}' is not one of person, team, strategy"), o.by));
  std::vector<core::Sym> people = filter_people(ctx, book, o.people).value_or(std::vector<core::Sym>{});
  core::Period period = ctx.period("this-quarter");
  ctx.emit_report(core::plan_status_table(book, period, ctx.today(), *by, people), N_("Plan status for {}"), period);
}

void run_agenda(Context& ctx, const AgendaOptions& o) {
  const core::Book& book = ctx.book();
  if (o.week && o.month) ctx.fail(kUsage, N_("give --week or --month, not both"));
  if (o.team.empty() == o.owner.empty()) ctx.fail(kUsage, N_("plan agenda needs a PERSON or --team TEAM"));
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
        {fmt::format(N_("Team meeting: {} ({}), {}"), name, o.team, window.label),
         fmt::format(N_("Today {}; deals moved and won since {}"), core::format_date(today), core::format_date(since))},
        agenda_sections(book, agenda), &flat, window.label);
    return;
  }
  const core::Person& person = require_person(ctx, book, o.owner, "PERSON");
  core::Agenda agenda = core::person_agenda(book, person, window, today);
  core::Table flat = core::agenda_table(book, agenda);
  emit_sections(ctx,
                {fmt::format(N_("Agenda: {} ({}), {} ({} .. {})"), book.text(person.name), book.text(person.id),
                             window.label, core::format_date(window.first), core::format_date(window.last)),
                 fmt::format(N_("Today {}"), core::format_date(today))},
                agenda_sections(book, agenda), &flat, window.label);
}

Run setup_plan_new(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<NewOptions>();
  app.add_option("--owner", o->owner, N_("The plan's owner (a person id)"));
  app.add_option("--id", o->id, N_("The plan's id (default: P-<period>)"));
  return [&ctx, o] { run_new(ctx, *o); };
}

Run setup_plan_show(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ShowOptions>();
  app.add_option("PLAN", o->plan, N_("The plan's id (default: the plan whose period holds today)"));
  return [&ctx, o] { run_show(ctx, *o); };
}

Run setup_plan_actions(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ActionsOptions>();
  app.add_option("--plan", o->plan, N_("Only this plan's actions"));
  add_people_filter(app, o->people);
  app.add_option("--status", o->status, N_("open, done or dropped"));
  app.add_flag("--overdue", o->overdue, N_("Only open actions past their due date"));
  app.add_option("--due-within", o->due_within, N_("Only open actions due within N days (overdue ones included)"));
  return [&ctx, o] { run_actions(ctx, *o); };
}

Run setup_plan_done(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<DoneOptions>();
  app.add_option("ACTION", o->action, N_("PLAN/ACTION, or the action id when unique"))->required();
  app.add_option("--on", o->on, N_("The day it was done (default: today)"));
  return [&ctx, o] { run_done(ctx, *o); };
}

Run setup_plan_add_action(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<AddActionOptions>();
  app.add_option("--plan", o->plan, N_("The plan (default: the plan whose period holds today)"));
  app.add_option("--title", o->title, N_("What is to be done"))->required();
  app.add_option("--owner", o->owner, N_("Who does it (a person id)"))->required();
  app.add_option("--due", o->due, N_("By when (YYYY-MM-DD)"))->required();
  app.add_option("--strategy", o->strategy, N_("The plan's strategy it serves"));
  app.add_option("--target", o->target, N_("A target it serves"));
  app.add_option("--id", o->id, N_("The action's id (default: the next free A<n>)"));
  return [&ctx, o] { run_add_action(ctx, *o); };
}

Run setup_plan_status(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<StatusOptions>();
  app.add_option("--by", o->by, N_("Rows: person, team or strategy"))->capture_default_str();
  add_people_filter(app, o->people);
  return [&ctx, o] { run_status(ctx, *o); };
}

Run setup_plan_agenda(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<AgendaOptions>();
  app.add_option("PERSON", o->owner, N_("The person"));
  app.add_option("--team", o->team, N_("The team whose weekly meeting agenda to print (md)"));
  app.add_flag("--week", o->week, N_("The week holding today (the default; weeks start on org.week_start)"));
  app.add_flag("--month", o->month, N_("The month holding today"));
  return [&ctx, o] { run_agenda(ctx, *o); };
}

constexpr Command kPlanCommands[] = {
    {"new", N_("Start plans/<period>.yaml from the template, pre-filled from the book"), kWritesBook, setup_plan_new},
    {"show", N_("A plan with live progress: segments, strategies, actions, targets"), kReadsAtRevision, setup_plan_show},
    {"actions", N_("Plan actions, the earliest due first"), kReadsAtRevision, setup_plan_actions},
    {"done", N_("Mark an action done: PLAN/ACTION (status and done_on, in place)"), kWritesBook, setup_plan_done},
    {"add-action", N_("Append an action to a plan"), kWritesBook, setup_plan_add_action},
    {"status", N_("Actions due, done and overdue, and completion, per owner"), kReadsAtRevision, setup_plan_status},
    {"agenda", N_("A person's week or month in one view, or a team's meeting agenda"), kReadsAtRevision, setup_plan_agenda},
};

}  // namespace

std::span<const Command> plan_commands() { return kPlanCommands; }

}  // namespace salesops::cli
