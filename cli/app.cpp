#include "cli/app.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/completion.hpp"
#include "cli/embedded_files.hpp"
#include "cli/help.hpp"
#include "core/base/escape.hpp"
#include "core/base/i18n.hpp"

namespace salesops::cli {

namespace {

/// The program's root, for `salesops help`: set while run() parses the command line.
const CLI::App* g_root = nullptr;

Run setup_help(CLI::App& app, Context& ctx) {
  auto words = std::make_shared<std::vector<std::string>>();
  app.add_option("COMMAND", *words, N_("The command (and subcommand) to describe"));
  return [&ctx, words] {
    std::string error;
    if (!print_help(*g_root, *words, &error)) ctx.fail(kUsage, error);
    if (!flush_stdout()) throw Exit{kWriteRefused};
  };
}

Run setup_completion(CLI::App& app, Context& ctx) {
  auto shell = std::make_shared<std::string>();
  app.add_option("SHELL", *shell, N_("bash, zsh or fish"))->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
  return [&ctx, shell] {
    std::string script = completion_script(*g_root, *shell);
    ctx.output([&](std::ostream& out, bool) { out << script; });
  };
}

constexpr Command kCommands[] = {
    {"init", N_("Create a new book from the templates (--example: the example book)"), 0, setup_init},
    {"check", N_("Validate every record and audit the policies"), kReadsAtRevision, setup_check},
    {"target", N_("Targets: list, set, split, status (attainment, pace, forecasts), check (SMART)"), 0, nullptr, target_commands},
    {"kpi", N_("The KPI table per person, team, company, product, segment or customer"), kReadsAtRevision, setup_kpi, kpi_commands},
    {"customer", N_("Customers: add, edit, merge, list, show, log, survey, due, segments, satisfaction"), 0, nullptr, customer_commands},
    {"import", N_("Records from CSV exports of other CRMs, with a column mapping"), kWritesBook, setup_import},
    {"reassign", N_("Hand a person's deals, customers and targets to another, in one transaction"), kWritesBook,
     setup_reassign},
    {"deal", N_("Deals: add, move, edit, disqualify, list, pipeline, funnel, forecast"), 0, nullptr, deal_commands},
    {"plan", N_("Sales plans: new, show, actions, done, add-action, status, agenda"), 0, nullptr, plan_commands},
    {"review", N_("Performance reviews: new, refresh, score, scorecard (also html)"), 0, nullptr, review_commands},
    {"coach", N_("Coaching: log, train, due (1:1 cadence), followups, done, skills, report"), 0, nullptr, coach_commands},
    {"reward", N_("Incentives: plans, calc (payout lines), statement, simulate, grant, leaderboard"), 0, nullptr, reward_commands},
    {"trend", N_("Supervision over time, from the book's git history: policy, forecasts, slippage, target changes"), 0,
     nullptr, trend_commands},
    // diff's revisions are its arguments, not --at.
    {"diff", N_("The changes between two revisions as records: targets, deals, customers, reviews, reward plans"), 0, setup_diff},
    {"export", N_("Every record kind as a tidy table: csv or jsonl files, or one SQLite database"), kReadsAtRevision,
     setup_export},
    {"log", N_("The commits that changed one record, and the fields each changed"), kReadsAtRevision, setup_log},
    {"approve", N_("Approve a commit with a commit of one's own (signed when [approvals] require = \"signed\")"), 0, setup_approve},
    {"merge-file", N_("git's merge driver for record files: merges by record and field"), 0, setup_merge_file},
    {"help", N_("Describe a command: salesops help [COMMAND [SUBCOMMAND]]"), 0, setup_help},
    {"completion", N_("The completion script for bash, zsh or fish (installed by cmake --install)"), 0, setup_completion},
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
  app.add_option("--book", o.book, N_("The book's directory (default: SALESOPS_BOOK, else the nearest salesops.toml)"));
  app.add_option("--at", o.at, N_("Read the book as it stood at a git revision (a commit, tag or branch)"));
  app.add_option("--period", o.period, N_("The period: 2026, FY2026, 2026-Q3, 2026-11, 2026-W05, A..B, last-month, ..."));
  app.add_option("--today", o.today, N_("Fix today's date (YYYY-MM-DD; also SALESOPS_TODAY)"));
  app.add_option("--format", o.format, N_("Output format: table, csv, tsv, json, jsonl, md, xlsx (with -o)"));
  app.add_option("-o,--output", o.output, N_("Write the output to FILE (the format follows its extension)"));
  app.add_flag("--wide", o.wide, N_("On a terminal too, show every column of a table and cut no text"));
  app.add_option("--columns", o.columns, N_("The columns to show, by id, comma separated, in every format (e.g. person,revenue)"))
      ->delimiter(',');
  app.add_option("--width", o.width, N_("Fit table output to N columns, piped too (default on a terminal: COLUMNS, else its width)"))
      ->check(CLI::Range(1, 100000));
  app.add_flag("--bom", o.bom, N_("Start csv/tsv output with a byte-order mark"));
  app.add_flag("--csv-raw", o.csv_raw, N_("Write csv/tsv text cells as they are: no ' before a leading =, +, -, @, tab or CR"));
  app.add_option("--color", o.color, N_("When to colour: auto (a terminal without NO_COLOR or TERM=dumb), always, never"))
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("--no-color", o.no_color, N_("Never colour the output (--color=never; also NO_COLOR)"));
  app.add_flag("-q,--quiet", o.quiet, N_("Print only what was asked for"));
  app.add_flag("--no-cache", o.no_cache, N_("Parse every file; neither read nor write .salesops/cache (also SALESOPS_NO_CACHE=1)"));
  app.add_option("--lang", o.lang, N_("The interface language: en or zh (default: LC_ALL, LC_MESSAGES, LANG)"))
      ->check(CLI::IsMember({"en", "zh"}));
}

/// The interface language: --lang's value (--lang zh, --lang=zh, before a lone `--`), else
/// the first of LC_ALL, LC_MESSAGES and LANG that is set and not empty, as POSIX orders
/// them. It is decided before the commands are declared, so their help is translated too.
core::Language interface_language(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") break;
    std::string_view value;
    if (arg == "--lang" && i + 1 < argc) value = argv[i + 1];
    else if (arg.starts_with("--lang=")) value = arg.substr(7);
    else continue;
    if (value == "zh") return core::Language::zh;
    if (value == "en") return core::Language::en;
  }
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value && *value) return core::language_of_locale(value);
  }
  return core::Language::en;
}

/// Every description of the command tree (the program's, each command's, each option's)
/// in the interface language.
void translate_help(CLI::App& app) {
  app.description(core::tr(app.get_description()));
  app.footer(core::tr(app.get_footer()));
  for (CLI::Option* option : app.get_options()) {
    option->description(core::tr(option->get_description()));
    option->group(core::tr(option->get_group()));
  }
  for (CLI::App* sub : app.get_subcommands({})) {
    sub->group(core::tr(sub->get_group()));
    translate_help(*sub);
  }
}

/// The texts CLI11 itself gives the help option, the version flag and the groups: translated
/// with the rest of the help by translate_help.
[[maybe_unused]] constexpr const char* kHelpTexts[] = {N_("Print this help message and exit"),
                                                       N_("Display program version information and exit"),
                                                       N_("Options"), N_("Subcommands")};

/// The words of CLI11's help layout (its formatter is shared by every command).
void translate_help_labels(CLI::App& app) {
  for (const char* label : {N_("Usage"), N_("Positionals"), N_("OPTIONS"), N_("SUBCOMMAND"), N_("SUBCOMMANDS"),
                            N_("REQUIRED"), N_("Needs"), N_("Excludes"), N_("Env")})
    app.get_formatter()->label(label, core::tr(label));
}

}  // namespace

std::span<const Command> commands() { return kCommands; }

namespace {

int parse_and_run(CLI::App& app, int argc, char** argv) {
  if (auto error = command_word_error(app, argc, argv)) {
    std::cerr << "salesops: " << core::tr(N_("error")) << ": " << core::escape_controls(core::tr(*error)) << '\n';
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
    std::string help = fmt::format("salesops help {}", command_path(app, argc, argv));
    std::cerr << "salesops: " << core::tr(N_("error")) << ": " << core::escape_controls(core::tr(e.what())) << "\n"
              << "  " << core::tr(N_("hint")) << ": "
              << core::escape_controls(core::format_translated(N_("`{}` shows the usage"), help)) << '\n';
    return kUsage;
  } catch (const Exit& e) {
    return e.code;
  } catch (const std::bad_alloc&) {
    std::cerr << "salesops: " << core::tr(N_("error")) << ": " << core::tr(N_("out of memory")) << '\n';
    return kBookUnreadable;
  } catch (const std::exception& e) {
    std::cerr << "salesops: " << core::tr(N_("error")) << ": " << core::escape_controls(core::tr(e.what())) << '\n';
    return kBookUnreadable;
  }
  return kOk;
}

}  // namespace

int run(int argc, char** argv) {
  core::Language language = interface_language(argc, argv);
  if (language != core::Language::en) core::install_catalog(embedded_catalog());
  core::set_language(language);
  Context ctx;
  CLI::App app{N_("salesops: a sales team's management system over plain-text YAML records in git"), "salesops"};
  app.set_version_flag("--version", "salesops " SALESOPS_VERSION);
  app.fallthrough();
  app.require_subcommand(1);
  add_global_options(app, ctx.options);
  for (const Command& c : commands()) add_command(app, c, ctx, c.name);
  if (language != core::Language::en) {
    translate_help(app);
    translate_help_labels(app);
  }
  g_root = &app;
  int code = parse_and_run(app, argc, argv);
  g_root = nullptr;
  // Whatever a command printed must have reached stdout's file: a full disk is an error.
  return flush_stdout() ? code : kWriteRefused;
}

}  // namespace salesops::cli
