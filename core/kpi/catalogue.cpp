// The KPI catalogue: ids, labels, units and definitions (SPEC 4).
#include <algorithm>

#include "core/kpi/kpi.hpp"

namespace salesops::core {

namespace {

const std::vector<KpiDef>& builtin() {
  static const std::vector<KpiDef> defs = {
      {"revenue", "Revenue", KpiUnit::money, "sum of amount of deals won and closed in the period"},
      {"deals_won", "Deals won", KpiUnit::count, "count of deals won and closed in the period"},
      {"deals_lost", "Deals lost", KpiUnit::count, "count of deals lost and closed in the period"},
      {"win_rate", "Win rate", KpiUnit::ratio, "deals_won / (deals_won + deals_lost); undefined when both are 0"},
      {"avg_deal_size", "Avg deal size", KpiUnit::money, "revenue / deals_won; undefined when deals_won is 0"},
      {"sales_cycle_days", "Sales cycle (days)", KpiUnit::decimal, "mean of (closed - opened) in days over deals won in the period"},
      {"new_customers", "New customers", KpiUnit::count,
       "customers whose first won deal (by closed date, ties by id) closes in the period, credited to that deal's owner"},
      {"pipeline", "Pipeline", KpiUnit::money, "sum of amount of deals open at the period's end"},
      {"weighted_pipeline", "Weighted pipeline", KpiUnit::money,
       "sum of amount x probability of the stage each open deal was in at the period's end"},
      {"activities", "Activities", KpiUnit::count, "count of interactions dated in the period, by `by`"},
      {"visits", "Visits", KpiUnit::count, "count of interactions of type visit dated in the period, by `by`"},
      {"csat", "CSAT", KpiUnit::decimal, "mean csat of surveys dated in the period, by customer owner"},
      {"nps", "NPS", KpiUnit::decimal, "% of nps answers 9-10 minus % of answers 0-6, in the period, by customer owner"},
      {"followups_overdue", "Follow-ups overdue", KpiUnit::count,
       "interactions whose `next` is before today with no later interaction with that customer"},
      {"training_hours", "Training hours", KpiUnit::decimal, "sum of hours of trainings attended in the period"},
      {"coaching_sessions", "Coaching sessions", KpiUnit::count, "count of coaching sessions received in the period"},
      {"plan_completion", "Plan completion", KpiUnit::ratio,
       "actions due in the period with status done / actions due in the period (dropped ones left out)"},
  };
  return defs;
}

const std::vector<KpiDef>& builtin_marked() {
  static const std::vector<KpiDef> defs = [] {
    std::vector<KpiDef> d = builtin();
    for (KpiDef& k : d) {
      k.additive = k.unit == KpiUnit::count || (k.unit == KpiUnit::money && k.id != "avg_deal_size") || k.id == "training_hours";
      k.lower_is_better = k.id == "sales_cycle_days" || k.id == "deals_lost" || k.id == "followups_overdue";
    }
    return d;
  }();
  return defs;
}

}  // namespace

std::vector<KpiDef> kpi_definitions(const Config& config) {
  std::vector<KpiDef> out = builtin_marked();
  for (auto& k : config.custom_kpis) {
    KpiDef d;
    d.id = k.id;
    d.label = k.label.empty() ? k.id : k.label;
    d.custom = true;
    const char* agg = k.aggregate == CustomKpi::Aggregate::count ? "count" : k.aggregate == CustomKpi::Aggregate::sum ? "sum" : "mean";
    d.unit = k.aggregate == CustomKpi::Aggregate::count ? KpiUnit::count
             : (k.kind == "deals" && k.field == "amount") ? KpiUnit::money : KpiUnit::decimal;
    d.definition = std::string(agg) + (k.field.empty() ? "" : " of " + k.field) + " over " + k.kind;
    if (!k.where.empty()) {
      d.definition += " where";
      for (std::size_t i = 0; i < k.where.size(); ++i) d.definition += (i ? ", " : " ") + k.where[i].field;
    }
    if (!k.date_field.empty()) d.definition += ", dated by " + k.date_field;
    d.additive = k.aggregate != CustomKpi::Aggregate::avg;
    out.push_back(std::move(d));
  }
  return out;
}

bool is_known_kpi(const Config& config, std::string_view id) {
  auto& b = builtin();
  if (std::any_of(b.begin(), b.end(), [&](auto& d) { return d.id == id; })) return true;
  return std::any_of(config.custom_kpis.begin(), config.custom_kpis.end(), [&](auto& k) { return k.id == id; });
}

std::optional<KpiDef> find_kpi(const Config& config, std::string_view id) {
  for (KpiDef& d : kpi_definitions(config))
    if (d.id == id) return std::move(d);
  return std::nullopt;
}

const std::vector<std::string>& default_kpis() {
  static const std::vector<std::string> ids = {"revenue", "deals_won", "win_rate", "avg_deal_size", "new_customers", "activities", "csat"};
  return ids;
}

std::optional<GroupBy> parse_group_by(std::string_view t) {
  if (t == "person") return GroupBy::person;
  if (t == "team") return GroupBy::team;
  if (t == "company") return GroupBy::company;
  if (t == "product") return GroupBy::product;
  if (t == "segment") return GroupBy::segment;
  if (t == "customer") return GroupBy::customer;
  return std::nullopt;
}

}  // namespace salesops::core
