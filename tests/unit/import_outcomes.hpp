#pragma once
// An import's outcomes as "LINE text" / "LINE skipped: why" lines, for the importer's tests.
#include <string>
#include <vector>

#include "core/import/import.hpp"

inline std::vector<std::string> outcomes(const salesops::core::ImportChange& p) {
  std::vector<std::string> out;
  for (auto& o : p.outcomes)
    out.push_back(std::to_string(o.line) +
                  (o.action == salesops::core::ImportOutcome::Action::skipped ? " skipped: " : " ") + o.text);
  return out;
}
