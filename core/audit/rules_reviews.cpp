// Review items outside review.weights: a rating a reviewer gave under a misspelt name
// (`teamwrok`) drops out of the score without a word, so check names it.
#include <fmt/format.h>

#include <algorithm>

#include "core/audit/rules.hpp"
#include "core/base/i18n.hpp"
#include "core/base/suggest.hpp"
#include "core/kpi/kpi.hpp"

namespace salesops::core {

void review_unweighted_items(const Book& b, Date, const CheckRule& rule, Diagnostics& out) {
  const Config& config = b.config;
  // The items a reviewer rates: the weights that are no KPI, and customer_satisfaction.
  std::vector<std::string> rated;
  for (auto& [item, weight] : config.review_weights)
    if (item == "customer_satisfaction" || !is_known_kpi(config, item)) rated.push_back(item);
  for (const Review& r : b.reviews)
    for (auto& [key, at] : r.qualitative_keys) {
      std::string_view item = b.text(key);
      if (std::find(rated.begin(), rated.end(), item) != rated.end()) continue;
      bool weighed = std::any_of(config.review_weights.begin(), config.review_weights.end(),
                                 [&](auto& w) { return w.first == item; });
      std::string message =
          weighed
              ? fmt::format(N_("review item '{}' is scored from its KPI and target: a rating of it counts for nothing"),
                            item)
              : fmt::format(N_("review item '{}' is not in review.weights: its rating counts for nothing in the score"),
                            item);
      std::string hint;
      if (auto close = closest_match(item, rated); close && !weighed)
        hint = fmt::format(N_("did you mean '{}'?"), *close);
      else if (!weighed)
        hint = N_("add it to [review] weights in salesops.toml to count it");
      report(rule, b, at, std::move(message), out, std::move(hint), r.person);
    }
}

}  // namespace salesops::core
