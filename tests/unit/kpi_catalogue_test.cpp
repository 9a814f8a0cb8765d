// The KPI catalogue: the facts targets, reviews and rewards read from it, and custom KPIs.
#include <doctest/doctest.h>

#include <set>

#include "core/kpi/catalogue.hpp"

using namespace salesops::core;

namespace {

std::vector<std::string> ids_where(bool (*test)(const KpiDef&)) {
  std::vector<std::string> out;
  for (const KpiDef& d : kpi_definitions(Config{}))
    if (test(d)) out.push_back(d.id);
  return out;
}

CustomKpi custom(std::string id, std::string kind, CustomKpi::Aggregate aggregate, std::string field = {}) {
  CustomKpi k;
  k.id = std::move(id);
  k.kind = std::move(kind);
  k.aggregate = aggregate;
  k.field = std::move(field);
  return k;
}

}  // namespace

TEST_CASE("kpi catalogue: one row per id, each with a computation") {
  std::set<std::string_view> ids;
  for (const KpiSpec& k : builtin_kpis()) {
    CHECK(ids.insert(k.id).second);
    CHECK(find_builtin_kpi(k.id) == &k);
    REQUIRE(static_cast<bool>(k.value));
    k.value(KpiSums{});  // nothing counted: zeros and undefined figures, never a fault
  }
  CHECK(ids.size() == 17);
  CHECK(find_builtin_kpi("revenu") == nullptr);
}

TEST_CASE("kpi catalogue: additivity, direction and the default columns") {
  CHECK(ids_where([](const KpiDef& d) { return !d.additive; }) ==
        std::vector<std::string>{"win_rate", "avg_deal_size", "sales_cycle_days", "csat", "nps", "plan_completion"});
  CHECK(ids_where([](const KpiDef& d) { return d.lower_is_better; }) ==
        std::vector<std::string>{"deals_lost", "sales_cycle_days", "followups_overdue"});
  CHECK(default_kpis() ==
        std::vector<std::string>{"revenue", "deals_won", "win_rate", "avg_deal_size", "new_customers", "activities", "csat"});
  CHECK(ids_where([](const KpiDef& d) { return d.won_deal_adds != WonDealAdds::nothing; }) ==
        std::vector<std::string>{"revenue", "deals_won"});
}

TEST_CASE("kpi catalogue: the groupings each KPI means something for") {
  CHECK(ids_where([](const KpiDef& d) { return !d.scopes.has(GroupBy::product); }) ==
        std::vector<std::string>{"activities", "visits", "csat", "nps", "followups_overdue", "training_hours",
                                 "coaching_sessions", "plan_completion"});
  CHECK(ids_where([](const KpiDef& d) { return !d.scopes.has(GroupBy::segment); }) ==
        std::vector<std::string>{"training_hours", "coaching_sessions", "plan_completion"});
  CHECK(ids_where([](const KpiDef& d) { return !d.scopes.has(GroupBy::team); }).empty());
}

TEST_CASE("kpi catalogue: custom KPIs follow the built-ins") {
  Config config;
  config.custom_kpis = {custom("big_deals", "deals", CustomKpi::Aggregate::count),
                        custom("deal_mean", "deals", CustomKpi::Aggregate::avg, "amount"),
                        custom("calls", "interactions", CustomKpi::Aggregate::count)};
  auto defs = kpi_definitions(config);
  REQUIRE(defs.size() == 20);
  CHECK(defs[17].id == "big_deals");
  CHECK(defs[17].custom);
  CHECK(defs[17].definition == "count over deals");
  CHECK(defs[18].unit == KpiUnit::money);
  CHECK_FALSE(defs[18].additive);
  CHECK(defs[17].scopes.has(GroupBy::product));
  CHECK_FALSE(defs[19].scopes.has(GroupBy::product));
  CHECK(is_known_kpi(config, "calls"));
  CHECK_FALSE(is_known_kpi(Config{}, "calls"));
  REQUIRE(find_kpi(config, "calls"));
  CHECK(find_kpi(config, "calls")->label == "calls");

  auto calls = resolve_kpi(config, "calls");
  REQUIRE(calls);
  CHECK(calls->slot == 2);
  KpiSums counted;
  counted.custom_sum.assign(3, 0);
  counted.custom_n = {0, 0, 4};
  CHECK(std::get<std::int64_t>(calls->value(counted)) == 4);
  // A total over no one holds no custom sums.
  CHECK(std::holds_alternative<Undefined>(calls->value(KpiSums{})));
}
