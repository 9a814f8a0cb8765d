// salesops reward grant PERSON|--team T ✎: a title, trip, gift, bonus or recognition,
// appended to rewards/<YYYY>.yaml.
#include <fmt/format.h>

#include "cli/cmd_reward.hpp"
#include "cli/sections.hpp"
#include "cli/write_change.hpp"
#include "core/base/i18n.hpp"
#include "core/rewards/changes.hpp"

namespace salesops::cli {

namespace {

struct GrantOptions {
  std::string person, team, kind, title, amount, reason, date, id;
};

void run_grant(Context& ctx, const GrantOptions& o) {
  core::NewGrant g{o.person, o.team, o.kind, o.title, o.amount, o.reason, o.date, o.id};
  if (auto error = core::grant_values_error(g)) ctx.fail(kUsage, *error);

  const core::Book& book = ctx.book();
  if (!o.person.empty()) g.person = book.str(require_person(ctx, book, o.person, "PERSON").id);
  else require_team(ctx, book, o.team, "--team");
  core::WriteChange change = core::grant_change(book, g, ctx.today());
  auto amount = core::grant_amount(g);
  const std::string& to = o.person.empty() ? o.team : g.person;
  write_change(ctx, change,
               amount ? fmt::format(N_("granted {} ({} to {}, {}) in {}"), change.id, o.kind, to,
                                    core::format_money_grouped(*amount), change.file)
                      : fmt::format(N_("granted {} ({} to {}) in {}"), change.id, o.kind, to, change.file));
}

}  // namespace

Run setup_reward_grant(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<GrantOptions>();
  app.add_option("person", o->person, N_("The person (or --team)"));
  app.add_option("--team", o->team, N_("A team instead of a person"));
  app.add_option("--kind", o->kind, N_("title, trip, gift, bonus or recognition"))->required();
  app.add_option("--title", o->title, N_("What is granted, as the recipient reads it"))->required();
  app.add_option("--amount", o->amount, N_("Money, for a bonus (required for kind bonus)"));
  app.add_option("--reason", o->reason, N_("Why"));
  app.add_option("--date", o->date, N_("The grant's date (default: today); the year picks the file"));
  app.add_option("--id", o->id, N_("The grant's id (default: G-<YYYY>-<next number>)"));
  return [&ctx, o] { run_grant(ctx, *o); };
}

}  // namespace salesops::cli
