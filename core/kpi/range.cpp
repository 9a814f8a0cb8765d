// The values a KPI can take (SPEC 1: rates and probabilities are decimals from 0 to 1,
// csat a mean of 1-5 ratings, nps -100 to 100), for the checks of targets, plans and
// what-ifs.
#include <fmt/format.h>

#include "core/base/i18n.hpp"
#include "core/kpi/kpi.hpp"

namespace salesops::core {

std::optional<KpiRange> kpi_range(const KpiDef& def) {
  if (def.unit == KpiUnit::ratio) return KpiRange{0, 1, N_("a rate from 0 to 1")};
  if (def.id == "csat") return KpiRange{1, 5, N_("a mean rating from 1 to 5")};
  if (def.id == "nps") return KpiRange{-100, 100, N_("a score from -100 to 100")};
  return std::nullopt;
}

std::optional<std::string> out_of_range(const KpiRange& range, double value, std::string_view what) {
  if (value >= range.min && value <= range.max) return std::nullopt;
  std::string message = fmt::format(N_("{} {:g} is not {}"), what, value, range.words);
  // A percentage written as a number (35 for 35%) is the usual slip.
  if (range.max == 1 && value / 100 >= range.min && value / 100 <= range.max)
    message += fmt::format(N_(" (did you mean {:g}?)"), value / 100);
  return message;
}

}  // namespace salesops::core
