#pragma once
// A set of people ids for filtering rows: empty means everyone.
#include <unordered_set>
#include <vector>

#include "core/base/strings.hpp"

namespace salesops::core {

class PeopleSet {
 public:
  explicit PeopleSet(const std::vector<Sym>& people) : all_(people.empty()), ids_(people.begin(), people.end()) {}
  bool has(Sym id) const { return all_ || ids_.count(id) > 0; }

 private:
  bool all_;
  std::unordered_set<Sym> ids_;
};

}  // namespace salesops::core
