// salesops reward grant PERSON|--team T ✎: a title, trip, gift, bonus or recognition,
// appended to rewards/<YYYY>.yaml.
#include <fmt/format.h>

#include "cli/cmd_reward.hpp"
#include "cli/sections.hpp"
#include "core/base/ids.hpp"
#include "core/yaml/edit.hpp"

namespace salesops::cli {

namespace {

using core::YamlField;
using core::YamlValue;

struct GrantOptions {
  std::string person, team, kind, title, amount, reason, date, id;
};

void run_grant(Context& ctx, const GrantOptions& o) {
  if (o.person.empty() == o.team.empty()) ctx.fail(kUsage, "give a PERSON or --team T (one of them)");
  static const std::vector<std::string> kKinds = {"title", "trip", "gift", "bonus", "recognition"};
  if (std::find(kKinds.begin(), kKinds.end(), o.kind) == kKinds.end())
    ctx.fail(kUsage, fmt::format("--kind: '{}' is not one of {}", o.kind, fmt::join(kKinds, ", ")));
  if (o.title.empty()) ctx.fail(kUsage, "--title: a grant needs a title");
  std::optional<core::Money> amount;
  if (!o.amount.empty()) {
    core::MoneyError error = core::MoneyError::none;
    amount = core::parse_money(o.amount, &error);
    if (!amount) ctx.fail(kUsage, fmt::format("--amount: '{}': {}", o.amount, core::money_error_text(error)));
    if (amount->cents < 0) ctx.fail(kUsage, fmt::format("--amount: '{}' is negative", o.amount));
  }
  if (o.kind == "bonus" && !amount) ctx.fail(kUsage, "--amount: a bonus needs an amount");
  core::Date date = ctx.today();
  if (!o.date.empty()) {
    auto d = core::parse_date(o.date);
    if (!d) ctx.fail(kUsage, fmt::format("--date: '{}' is not a date (YYYY-MM-DD)", o.date));
    date = *d;
  }

  const core::Book& book = ctx.book();
  std::string recipient_key = o.person.empty() ? "team" : "person";
  std::string recipient;
  if (!o.person.empty()) recipient = book.str(require_person(ctx, book, o.person, "PERSON").id);
  else {
    require_team(ctx, book, o.team, "--team");
    if (o.team == "company") ctx.fail(kUsage, "--team: a grant goes to a team of team.yaml, not to company");
    recipient = o.team;
  }
  int year = static_cast<int>(core::ymd(date).year());
  std::string id = o.id;
  if (!id.empty()) {
    require_record_id(ctx, id, "--id");
    if (book.grant_ids.find(id, [&](std::uint32_t i) { return book.text(book.grants[i].id); }))
      ctx.fail(kWriteRefused, fmt::format("a grant '{}' exists already", id));
  } else {
    std::vector<std::string_view> ids;
    for (auto& g : book.grants) ids.push_back(book.text(g.id));
    id = core::next_id(fmt::format("G-{}-", year), 4, ids);
  }
  std::vector<YamlField> fields = {{"id", YamlValue::text(id)},
                                   {"date", YamlValue::literal(core::format_date(date))},
                                   {recipient_key, YamlValue::text(recipient)},
                                   {"kind", YamlValue::text(o.kind)},
                                   {"title", YamlValue::text(o.title)}};
  if (amount) fields.push_back({"amount", YamlValue::literal(core::format_money_short(*amount))});
  if (!o.reason.empty()) fields.push_back({"reason", YamlValue::text(o.reason)});
  core::FileEdit edit{fmt::format("rewards/{}.yaml", year),
                      {core::YamlEdit::append(core::YamlPath{}.key("grants"), YamlValue::map(fields))}};
  ctx.write({edit}, fmt::format("granted {} ({} to {}{}) in {}", id, o.kind, recipient,
                                amount ? ", " + core::format_money_grouped(*amount) : "", edit.file.string()));
}

}  // namespace

Run setup_reward_grant(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<GrantOptions>();
  app.add_option("person", o->person, "The person (or --team)");
  app.add_option("--team", o->team, "A team instead of a person");
  app.add_option("--kind", o->kind, "title, trip, gift, bonus or recognition")->required();
  app.add_option("--title", o->title, "What is granted, as the recipient reads it")->required();
  app.add_option("--amount", o->amount, "Money, for a bonus (required for kind bonus)");
  app.add_option("--reason", o->reason, "Why");
  app.add_option("--date", o->date, "The grant's date (default: today); the year picks the file");
  app.add_option("--id", o->id, "The grant's id (default: G-<YYYY>-<next number>)");
  return [&ctx, o] { run_grant(ctx, *o); };
}

}  // namespace salesops::cli
