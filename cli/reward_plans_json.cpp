// `reward plans --format json|jsonl`: each plan as one object whose tiers, gate, cap, spiffs
// and team bonus are objects and lists, as a program reads them (csv keeps the flat table).
#include "cli/reward_plans_json.hpp"

#include "cli/render_json.hpp"
#include "core/base/money.hpp"
#include "core/rewards/rewards.hpp"

namespace salesops::cli {

namespace {

using Json = nlohmann::ordered_json;

Json text_or_null(const core::Book& b, core::Sym s) { return s.empty() ? Json(nullptr) : Json(b.str(s)); }
Json money(core::Money m) { return static_cast<double>(m.cents) / 100.0; }
Json money_or_null(const std::optional<core::Money>& m) { return m ? money(*m) : Json(nullptr); }
Json day_or_null(const core::Day& d) { return d ? Json(core::format_date(*d)) : Json(nullptr); }

Json plan_json(const core::Book& b, const core::RewardPlan& p, core::Date today) {
  Json people = Json::array();
  for (const core::Person& person : b.people)
    if (person.active_on(today) && core::plan_applies(b, p, person)) people.push_back(b.str(person.id));
  Json applies_people = Json::array();
  for (core::Sym s : p.applies_people) applies_people.push_back(b.str(s));
  Json tiers = Json::array();
  for (const core::RewardTier& t : p.tiers)
    tiers.push_back({{"component", core::tier_component(t)},
                     {"from", t.from},
                     {"to", t.to ? Json(*t.to) : Json(nullptr)},
                     {"rate", t.rate}});
  Json spiffs = Json::array();
  for (const core::Spiff& s : p.spiffs)
    spiffs.push_back({{"product", b.str(s.product)},
                      {"per_deal", money_or_null(s.per_deal)},
                      {"rate", s.rate ? Json(*s.rate) : Json(nullptr)}});
  Json gate = p.gate_metric.empty() ? Json(nullptr)
                                    : Json{{"metric", b.str(p.gate_metric)},
                                           {"min", p.gate_min ? Json(*p.gate_min) : Json(nullptr)}};
  Json team_bonus = p.team_bonus_amount ? Json{{"amount", money(*p.team_bonus_amount)},
                                               {"min_attainment", p.team_bonus_min_attainment.value_or(1.0)}}
                                        : Json(nullptr);
  return {{"plan", b.str(p.id)},
          {"applies_to", {{"role", text_or_null(b, p.applies_role)},
                          {"team", text_or_null(b, p.applies_team)},
                          {"people", std::move(applies_people)}}},
          {"people", std::move(people)},
          {"period", b.str(p.period)},
          {"metric", b.str(p.metric)},
          {"mode", b.str(p.mode)},
          {"tiers", std::move(tiers)},
          {"gate", std::move(gate)},
          {"cap", money_or_null(p.cap)},
          {"spiffs", std::move(spiffs)},
          {"team_bonus", std::move(team_bonus)},
          {"prorate", p.prorate},
          {"valid_from", day_or_null(p.valid_from)},
          {"valid_to", day_or_null(p.valid_to)}};
}

}  // namespace

void render_reward_plans_json(std::ostream& out, const core::Book& book, core::Date today, bool lines, const Meta& meta) {
  if (lines) {
    for (const core::RewardPlan& p : book.reward_plans) out << dump_json(plan_json(book, p, today), -1) << '\n';
    return;
  }
  Json doc = json_document(meta);
  Json plans = Json::array();
  for (const core::RewardPlan& p : book.reward_plans) plans.push_back(plan_json(book, p, today));
  doc["plans"] = std::move(plans);
  out << dump_json(doc, 2) << '\n';
}

}  // namespace salesops::cli
