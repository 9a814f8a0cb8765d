// salesops kpi: the KPI table; salesops kpi list: the definitions.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/sections.hpp"
#include "core/base/i18n.hpp"
#include "core/kpi/kpi.hpp"

namespace salesops::cli {

namespace {

struct KpiOptions {
  std::vector<std::string> kpis;
  std::string by = "person";
  std::string every;
  PeopleFilter people;
};

core::Table definitions_table(const core::Book& book) {
  core::Table t;
  t.add_column("id");
  t.add_column("label");
  t.add_column("unit");
  t.add_column("kind");
  t.add_column("definition");
  static const char* units[] = {"money", "count", "ratio", "decimal"};
  for (auto& d : core::kpi_definitions(book.config)) {
    auto& row = t.add_row();
    row = {d.id, d.label, std::string(units[static_cast<int>(d.unit)]), std::string(d.custom ? "custom" : "built-in"), d.definition};
  }
  return t;
}

void run_kpi(Context& ctx, const KpiOptions& o) {
  const core::Book& book = ctx.book();
  core::KpiQuery q;
  q.kpis = o.kpis;
  // --by month (week, quarter, year): the company's row per sub-period, over this year
  // unless --period says otherwise.
  auto by_time = core::parse_every(o.by);
  auto by = by_time ? std::optional{core::GroupBy::company} : core::parse_group_by(o.by);
  const auto& fields = book.config.fields;
  if (!by && (core::CustomFields::index(fields.deal, o.by) >= 0 || core::CustomFields::index(fields.customer, o.by) >= 0)) {
    by = core::GroupBy::field;
    q.field = o.by;
  }
  if (!by)
    ctx.fail(kUsage, fmt::format(N_("unknown --by '{}': use person, team, company, product, segment, customer, week, "
                                    "month, quarter, year or a custom field"),
                                 o.by));
  q.by = *by;
  if (by_time && !o.every.empty()) ctx.fail(kUsage, fmt::format(N_("--by {} already splits the period: leave out --every"), o.by));
  q.every = by_time;
  if (!o.every.empty()) {
    q.every = core::parse_every(o.every);
    if (!q.every) ctx.fail(kUsage, fmt::format(N_("unknown --every '{}': use week, month, quarter or year"), o.every));
  }
  q.today = ctx.today();
  q.period = ctx.period(by_time ? "this-year" : "this-month");
  std::string error;
  auto table = core::kpi_table(book, q, &error);
  if (!table) ctx.fail(kUsage, error);
  // The default KPIs on a terminal: the counts of new customers and activities are details.
  if (o.kpis.empty()) table->mark_detail({"new_customers", "activities"});
  if (!o.people.owner.empty() || !o.people.team.empty()) {
    if (q.by != core::GroupBy::person && q.by != core::GroupBy::team)
      ctx.fail(kUsage, N_("--owner and --team choose rows of --by person or team"));
    keep_filtered_rows(ctx, book, *table, o.people, "owner");
  }
  ctx.emit_report(*table, N_("KPIs for {}"), q.period);
}

}  // namespace

Run setup_kpi(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<KpiOptions>();
  app.add_option("--kpi", o->kpis, N_("KPI ids, comma separated (default: revenue,deals_won,win_rate,avg_deal_size,new_customers,activities,csat)"))
      ->delimiter(',');
  app.add_option("--by", o->by, N_("Rows: person, team, company, product, segment, customer, a custom field, or the company per week, month, quarter or year"))->capture_default_str();
  app.add_option("--every", o->every, N_("Split the period: week, month, quarter or year (adds a period column)"));
  add_people_filter(app, o->people);
  return [&ctx, o] { run_kpi(ctx, *o); };
}

namespace {

Run setup_kpi_list(CLI::App&, Context& ctx) {
  return [&ctx] { ctx.emit(definitions_table(ctx.book())); };
}

constexpr Command kKpiCommands[] = {
    {"list", N_("The KPI definitions, built-in and custom"), kReadsAtRevision, setup_kpi_list},
};

}  // namespace

std::span<const Command> kpi_commands() { return kKpiCommands; }

}  // namespace salesops::cli
