#pragma once
// Custom KPIs from salesops.toml: count, sum or mean over a record kind, filtered by `where`.
#include "core/kpi/accumulator.hpp"

namespace salesops::core {

/// Sums the records of `kpi` into slot `slot` of the groups' custom sums.
void add_custom_kpi(const Book& book, const CustomKpi& kpi, std::size_t slot, const KpiGrouping& grouping,
                    const Period& period, std::vector<KpiSums>& sums);
/// The figure of `kpi` from its slot's sum and count.
Cell custom_kpi_cell(const CustomKpi& kpi, long double sum, std::int64_t n);
/// KPIs over deals apply to every grouping; those over customers, their interactions and
/// surveys have no product.
KpiScopes custom_kpi_scopes(const CustomKpi& kpi);
/// How `salesops kpi list` and the targets see a custom KPI.
KpiDef custom_kpi_def(const CustomKpi& kpi);

}  // namespace salesops::core
