#include "core/book/config.hpp"

namespace salesops::core {

std::optional<std::uint8_t> Config::stage_index(std::string_view name) const {
  for (std::size_t i = 0; i < stages.size(); ++i) if (stages[i].name == name) return static_cast<std::uint8_t>(i);
  return std::nullopt;
}

std::string Config::stage_list() const {
  std::string out;
  for (auto& s : stages) out += (out.empty() ? "" : ", ") + s.name;
  return out;
}

Config default_config() {
  Config c;
  c.stages = {{"lead", 0.1, true}, {"qualified", 0.25, true}, {"proposal", 0.5, true},
              {"negotiation", 0.75, true}, {"won", 1.0, false}, {"lost", 0.0, false}};
  c.won = 4;
  c.lost = 5;
  c.required_targets = {"revenue", "new_customers"};
  c.review_weights = {{"revenue", 0.4}, {"win_rate", 0.2}, {"customer_satisfaction", 0.2}, {"attitude", 0.1}, {"teamwork", 0.1}};
  c.attainment_scores = {{0.7, 1}, {0.9, 2}, {1.0, 3}, {1.2, 4}};
  return c;
}

}  // namespace salesops::core
