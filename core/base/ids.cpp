#include "core/base/ids.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

namespace salesops::core {

std::string next_id(std::string_view prefix, int width, std::span<const std::string_view> existing) {
  std::uint64_t highest = 0;
  for (std::string_view id : existing) {
    if (id.size() <= prefix.size() || id.substr(0, prefix.size()) != prefix) continue;
    std::string_view digits = id.substr(prefix.size());
    if (digits.size() > 18 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
      continue;
    std::uint64_t n = 0;
    for (char c : digits) n = n * 10 + static_cast<std::uint64_t>(c - '0');
    highest = std::max(highest, n);
  }
  return fmt::format("{}{:0{}}", prefix, highest + 1, width);
}

bool parse_key_values(std::span<const std::string> items, std::vector<std::pair<std::string, std::string>>* out,
                      std::string* error) {
  out->clear();
  for (const std::string& joined : items) {
    std::size_t start = 0;
    while (start <= joined.size()) {
      std::size_t comma = joined.find(',', start);
      std::string_view item = std::string_view(joined).substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      start = comma == std::string::npos ? joined.size() + 1 : comma + 1;
      if (item.empty()) continue;
      std::size_t eq = item.find('=');
      if (eq == std::string_view::npos || eq == 0) {
        *error = fmt::format("'{}' is not of the form key=value", item);
        return false;
      }
      std::string key(item.substr(0, eq));
      if (std::any_of(out->begin(), out->end(), [&](auto& kv) { return kv.first == key; })) {
        *error = fmt::format("'{}' is given twice", key);
        return false;
      }
      out->emplace_back(std::move(key), std::string(item.substr(eq + 1)));
    }
  }
  return true;
}

bool is_record_id(std::string_view id) {
  auto alnum = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (id.empty() || !alnum(id[0])) return false;
  return std::all_of(id.begin(), id.end(), [&](char c) { return alnum(c) || c == '.' || c == '_' || c == '-'; });
}

}  // namespace salesops::core
