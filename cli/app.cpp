#include "cli/app.hpp"

#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/completion.hpp"
#include "cli/help.hpp"
#include "core/base/escape.hpp"
#include "core/base/i18n.hpp"

namespace salesops::cli {

namespace {

/// The program's root, for `salesops help`: set while run() parses the command line.
const CLI::App* g_root = nullptr;

Run setup_help(CLI::App& app, Context& ctx) {
  auto words = std::make_shared<std::vector<std::string>>();
  app.add_option("COMMAND", *words, "The command (and subcommand) to describe");
  return [&ctx, words] {
    std::string error;
    if (!print_help(*g_root, *words, &error)) ctx.fail(kUsage, error);
    if (!flush_stdout()) throw Exit{kWriteRefused};
  };
}

Run setup_completion(CLI::App& app, Context& ctx) {
  auto shell = std::make_shared<std::string>();
  app.add_option("SHELL", *shell, "bash, zsh or fish")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
  return [&ctx, shell] {
    std::string script = completion_script(*g_root, *shell);
    ctx.output([&](std::ostream& out, bool) { out << script; });
  };
}

constexpr Command kCommands[] = {
    {"init", "Create a new book from the templates (--example: the example book)", 0, setup_init},
    {"check", "Validate every record and audit the policies", kReadsAtRevision, setup_check},
    {"target", "Targets: list, set, split, status (attainment, pace, forecasts), check (SMART)", 0, nullptr, target_commands},
    {"kpi", "The KPI table per person, team, company, product, segment or customer", kReadsAtRevision, setup_kpi, kpi_commands},
    {"customer", "Customers: add, edit, merge, list, show, log, survey, due, segments, satisfaction", 0, nullptr, customer_commands},
    {"import", "Records from CSV exports of other CRMs, with a column mapping", kWritesBook, setup_import},
    {"reassign", "Hand a person's deals, customers and targets to another, in one transaction", kWritesBook,
     setup_reassign},
    {"deal", "Deals: add, move, edit, disqualify, list, pipeline, funnel, forecast", 0, nullptr, deal_commands},
    {"plan", "Sales plans: new, show, actions, done, add-action, status, agenda", 0, nullptr, plan_commands},
    {"review", "Performance reviews: new, refresh, score, scorecard (also html)", 0, nullptr, review_commands},
    {"coach", "Coaching: log, train, due (1:1 cadence), followups, done, skills, report", 0, nullptr, coach_commands},
    {"reward", "Incentives: plans, calc (payout lines), statement, simulate, grant, leaderboard", 0, nullptr, reward_commands},
    {"trend", N_("Supervision over time, from the book's git history: policy findings, target changes"), 0, nullptr,
     trend_commands},
    // diff's revisions are its arguments, not --at.
    {"diff", "The changes between two revisions as records: targets, deals, customers, reviews, reward plans", 0, setup_diff},
    {"export", "Every record kind as a tidy table: csv or jsonl files, or one SQLite database", kReadsAtRevision,
     setup_export},
    {"log", "The commits that changed one record, and the fields each changed", kReadsAtRevision, setup_log},
    {"approve", "Approve a commit with a commit of one's own (signed when [approvals] require = \"signed\")", 0, setup_approve},
    {"merge-file", "git's merge driver for record files: merges by record and field", 0, setup_merge_file},
    {"help", "Describe a command: salesops help [COMMAND [SUBCOMMAND]]", 0, setup_help},
    {"completion", "The completion script for bash, zsh or fish (installed by cmake --install)", 0, setup_completion},
};

/// Declares the command `c` under `parent`, then its subcommands; `name` is its full name
/// ("coach log"), the json meta.command of what it prints.
void add_command(CLI::App& parent, const Command& c, Context& ctx, std::string name) {
  CLI::App* app = parent.add_subcommand(c.name, c.summary);
  app->fallthrough();
  app->footer(global_options_footer());
  Run run = c.setup ? c.setup(*app, ctx) : Run{};
  if (c.needs & kWritesBook) ctx.add_write_options(*app);
  if (!run) app->require_subcommand(1);
  if (c.subcommands)
    for (const Command& sub : c.subcommands()) add_command(*app, sub, ctx, name + " " + sub.name);
  if (!run) return;
  app->callback([&ctx, app, run = std::move(run), name = std::move(name), needs = c.needs] {
    if (!app->get_subcommands().empty()) return;  // one of its subcommands ran instead (kpi list)
    ctx.begin(name, needs);
    run();
  });
}

void add_global_options(CLI::App& app, GlobalOptions& o) {
  app.add_option("--book", o.book, "The book's directory (default: SALESOPS_BOOK, else the nearest salesops.toml)");
  app.add_option("--at", o.at, "Read the book as it stood at a git revision (a commit, tag or branch)");
  app.add_option("--period", o.period, "The period: 2026, FY2026, 2026-Q3, 2026-11, 2026-W05, A..B, last-month, ...");
  app.add_option("--today", o.today, "Fix today's date (YYYY-MM-DD; also SALESOPS_TODAY)");
  app.add_option("--format", o.format, "Output format: table, csv, tsv, json, jsonl, md, xlsx (with -o)");
  app.add_option("-o,--output", o.output, "Write the output to FILE (the format follows its extension)");
  app.add_flag("--wide", o.wide, "On a terminal too, show every column of a table and cut no text");
  app.add_option("--columns", o.columns, "The columns to show, by id, comma separated, in every format (e.g. person,revenue)")
      ->delimiter(',');
  app.add_option("--width", o.width, "Fit table output to N columns, piped too (default on a terminal: COLUMNS, else its width)")
      ->check(CLI::Range(1, 100000));
  app.add_flag("--bom", o.bom, "Start csv/tsv output with a byte-order mark");
  app.add_flag("--csv-raw", o.csv_raw, "Write csv/tsv text cells as they are: no ' before a leading =, +, -, @, tab or CR");
  app.add_option("--color", o.color, "When to colour: auto (a terminal without NO_COLOR or TERM=dumb), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("--no-color", o.no_color, "Never colour the output (--color=never; also NO_COLOR)");
  app.add_flag("-q,--quiet", o.quiet, "Print only what was asked for");
  app.add_flag("--no-cache", o.no_cache, "Parse every file; neither read nor write .salesops/cache (also SALESOPS_NO_CACHE=1)");
}

}  // namespace

std::span<const Command> commands() { return kCommands; }

namespace {

int parse_and_run(CLI::App& app, int argc, char** argv) {
  if (auto error = command_word_error(app, argc, argv)) {
    std::cerr << "salesops: error: " << core::escape_controls(*error) << '\n';
    return kUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e) == 0 ? kOk : kUsage;
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e) == 0 ? kOk : kUsage;
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e) == 0 ? kOk : kUsage;
  } catch (const CLI::ParseError& e) {
    // Usage errors read like every other error, with where to look for the usage.
    std::cerr << "salesops: error: " << core::escape_controls(e.what()) << "\n"
              << "  hint: `" << core::escape_controls(fmt::format("salesops help {}", command_path(app, argc, argv))) << "` shows the usage\n";
    return kUsage;
  } catch (const Exit& e) {
    return e.code;
  } catch (const std::bad_alloc&) {
    std::cerr << "salesops: error: out of memory\n";
    return kBookUnreadable;
  } catch (const std::exception& e) {
    std::cerr << "salesops: error: " << core::escape_controls(e.what()) << '\n';
    return kBookUnreadable;
  }
  return kOk;
}

}  // namespace

int run(int argc, char** argv) {
  Context ctx;
  CLI::App app{"salesops: a sales team's management system over plain-text YAML records in git", "salesops"};
  app.set_version_flag("--version", "salesops " SALESOPS_VERSION);
  app.fallthrough();
  app.require_subcommand(1);
  add_global_options(app, ctx.options);
  for (const Command& c : commands()) add_command(app, c, ctx, c.name);
  g_root = &app;
  int code = parse_and_run(app, argc, argv);
  g_root = nullptr;
  // Whatever a command printed must have reached stdout's file: a full disk is an error.
  return flush_stdout() ? code : kWriteRefused;
}

}  // namespace salesops::cli
