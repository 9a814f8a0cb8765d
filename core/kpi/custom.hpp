#pragma once
// Custom KPIs from salesops.toml: count, sum or mean over a record kind, filtered by `where`.
#include "core/kpi/accumulator.hpp"

namespace salesops::core {

void add_custom_kpi(const Book& book, const CustomKpi& kpi, std::size_t slot, const KpiGrouping& grouping,
                    const Period& period, std::vector<KpiAcc>& accs);
Cell custom_kpi_cell(const CustomKpi& kpi, long double sum, std::int64_t n);

}  // namespace salesops::core
