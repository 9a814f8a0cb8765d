#include "core/rewards/changes.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <vector>

#include "core/base/i18n.hpp"
#include "core/base/ids.hpp"
#include "core/write/writer.hpp"

namespace salesops::core {

std::optional<std::string> grant_values_error(const NewGrant& g) {
  if (g.person.empty() == g.team.empty()) return N_("give a PERSON or --team T (one of them)");
  static const std::vector<std::string> kKinds = {"title", "trip", "gift", "bonus", "recognition"};
  if (std::find(kKinds.begin(), kKinds.end(), g.kind) == kKinds.end())
    return fmt::format(N_("--kind: '{}' is not one of {}"), g.kind, fmt::join(kKinds, ", "));
  if (g.title.empty()) return N_("--title: a grant needs a title");
  if (!g.amount.empty()) {
    MoneyError error = MoneyError::none;
    auto amount = parse_money(g.amount, &error);
    if (!amount) return fmt::format(N_("--amount: '{}': {}"), g.amount, money_error_text(error));
    if (amount->cents < 0) return fmt::format(N_("--amount: '{}' is negative"), g.amount);
  }
  if (g.kind == "bonus" && g.amount.empty()) return N_("--amount: a bonus needs an amount");
  if (g.kind != "bonus" && !g.amount.empty() && parse_money(g.amount)->cents != 0)
    return fmt::format(N_("--amount: only a bonus pays money, not a {} (give --kind bonus, or no --amount)"), g.kind);
  if (!g.date.empty() && !parse_date(g.date)) return fmt::format(N_("--date: '{}' is not a date (YYYY-MM-DD)"), g.date);
  return std::nullopt;
}

std::optional<Money> grant_amount(const NewGrant& g) {
  if (g.amount.empty()) return std::nullopt;
  return parse_money(g.amount);
}

WriteChange grant_change(const Book& book, const NewGrant& g, Date today) {
  if (g.person.empty() && g.team == "company")
    return WriteChange::bad_value(N_("--team: a grant goes to a team of team.yaml, not to company"));
  const Date date = g.date.empty() ? today : *parse_date(g.date);
  const int year = static_cast<int>(ymd(date).year());
  WriteChange change;
  change.id = g.id;
  if (!change.id.empty()) {
    if (!is_record_id(change.id))
      return WriteChange::bad_value(
          fmt::format(N_("--id: '{}' is not an id: letters, digits, '.', '_' and '-', starting with a letter or digit"),
                      change.id));
    if (book.grant_ids.find(change.id, [&](std::uint32_t i) { return book.text(book.grants[i].id); }))
      return WriteChange::refuse(fmt::format(N_("a grant '{}' exists already"), change.id));
  } else {
    std::vector<std::string_view> ids;
    for (auto& x : book.grants) ids.push_back(book.text(x.id));
    change.id = next_id(fmt::format("G-{}-", year), 4, ids);
  }
  const bool to_person = !g.person.empty();
  std::vector<YamlField> fields = {{"id", YamlValue::text(change.id)},
                                   {"date", YamlValue::literal(format_date(date))},
                                   {to_person ? "person" : "team", YamlValue::text(to_person ? g.person : g.team)},
                                   {"kind", YamlValue::text(g.kind)},
                                   {"title", YamlValue::text(g.title)}};
  if (auto amount = grant_amount(g)) fields.push_back({"amount", YamlValue::literal(format_money_short(*amount))});
  if (!g.reason.empty()) fields.push_back({"reason", YamlValue::text(g.reason)});
  change.file = fmt::format("rewards/{}.yaml", year);
  change.edits.push_back({change.file, {YamlEdit::append(YamlPath{}.key("grants"), YamlValue::map(fields))}});
  return change;
}

}  // namespace salesops::core
