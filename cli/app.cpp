#include "cli/app.hpp"

#include <fmt/format.h>

#include <iostream>

#include "cli/commands.hpp"

namespace salesops::cli {

namespace {

constexpr Command kCommands[] = {
    {"init", "Create a new book from the templates (--example: the example book)", setup_init},
    {"check", "Validate every record and audit the policies", setup_check},
    {"target", "Targets: list, set, split, status (attainment, pace, forecasts), check (SMART)", setup_target},
    {"kpi", "The KPI table per person, team, company, product, segment or customer", setup_kpi},
    {"customer", "Customers: add, list, show, log, survey, due, segments, satisfaction", setup_customer},
    {"import", "Records from CSV exports of other CRMs, with a column mapping", setup_import},
    {"deal", "Deals: add, move, list, pipeline, funnel, forecast", setup_deal},
    {"plan", "Sales plans: new, show, actions, done, add-action, status, agenda", setup_plan},
    {"review", "Performance reviews: new, refresh, score, scorecard (also html)", setup_review},
    {"coach", "Coaching: log, train, due (1:1 cadence), followups, done, skills, report", setup_coach},
    {"reward", "Incentives: plans, calc (payout lines), statement, simulate, grant, leaderboard", setup_reward},
    {"diff", "The changes between two revisions as records: targets, deals, customers, reviews, reward plans", setup_diff},
    {"log", "The commits that changed one record, and the fields each changed", setup_log},
};

void add_global_options(CLI::App& app, GlobalOptions& o) {
  app.add_option("--book", o.book, "The book's directory (default: SALESOPS_BOOK, else the nearest salesops.toml)");
  app.add_option("--at", o.at, "Read the book as it stood at a git revision (a commit, tag or branch)");
  app.add_option("--period", o.period, "The period: 2026, FY2026, 2026-Q3, 2026-11, 2026-W05, A..B, last-month, ...");
  app.add_option("--today", o.today, "Fix today's date (YYYY-MM-DD; also SALESOPS_TODAY)");
  app.add_option("--format", o.format, "Output format: table, csv, tsv, json, jsonl, md");
  app.add_option("-o,--output", o.output, "Write the output to FILE (the format follows its extension)");
  app.add_flag("--bom", o.bom, "Start csv/tsv output with a byte-order mark");
  app.add_flag("--no-color", o.no_color, "Never colour the output (also NO_COLOR)");
  app.add_flag("-q,--quiet", o.quiet, "Print only what was asked for");
  app.add_flag("--no-cache", o.no_cache, "Parse every file; neither read nor write .salesops/cache (also SALESOPS_NO_CACHE=1)");
}

}  // namespace

std::span<const Command> commands() { return kCommands; }

int run(int argc, char** argv) {
  Context ctx;
  CLI::App app{"salesops: a sales team's management system over plain-text YAML records in git", "salesops"};
  app.set_version_flag("--version", "salesops 0.1.0");
  app.fallthrough();
  app.require_subcommand(1);
  add_global_options(app, ctx.options);
  for (const Command& c : commands()) {
    CLI::App* sub = app.add_subcommand(c.name, c.summary);
    sub->fallthrough();
    c.setup(*sub, ctx);
    sub->preparse_callback([&ctx, name = c.name](std::size_t) { ctx.command = name; });
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kOk : kUsage;
  } catch (const Exit& e) {
    return e.code;
  } catch (const std::bad_alloc&) {
    std::cerr << "salesops: error: out of memory\n";
    return kBookUnreadable;
  } catch (const std::exception& e) {
    std::cerr << "salesops: error: " << e.what() << '\n';
    return kBookUnreadable;
  }
  return kOk;
}

}  // namespace salesops::cli
