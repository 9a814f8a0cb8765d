#include "core/base/ids.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "core/base/i18n.hpp"

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

namespace {

constexpr std::string_view kBase32 = "0123456789abcdefghjkmnpqrstvwxyz";
constexpr std::string_view kLetters = "abcdefghjkmnpqrstvwxyz";

// FNV-1a, 64 bits: stable across platforms and releases, unlike std::hash.
std::uint64_t fnv1a(std::uint64_t h, std::string_view text) {
  for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

}  // namespace

std::string new_id(std::string_view prefix, std::string_view seed, std::span<const std::string_view> existing) {
  std::uint64_t h = fnv1a(0xcbf29ce484222325ULL, prefix);
  h = fnv1a(h, seed);
  for (;;) {
    std::string id(prefix);
    std::uint64_t bits = h;
    id += kLetters[bits % kLetters.size()];
    bits /= kLetters.size();
    for (int i = 0; i < 3; ++i, bits >>= 5) id += kBase32[bits & 31];
    if (std::find(existing.begin(), existing.end(), id) == existing.end()) return id;
    h = fnv1a(h, id);
  }
}

std::size_t new_record_place(std::span<const std::string_view> owners, std::string_view owner, std::string_view id) {
  for (std::size_t i = owners.size(); i-- > 0;)
    if (owners[i] == owner) return i + 1;
  return static_cast<std::size_t>(fnv1a(0xcbf29ce484222325ULL, id) % (owners.size() + 1));
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
        *error = fmt::format(N_("'{}' is not of the form key=value"), item);
        return false;
      }
      std::string key(item.substr(0, eq));
      if (std::any_of(out->begin(), out->end(), [&](auto& kv) { return kv.first == key; })) {
        *error = fmt::format(N_("'{}' is given twice"), key);
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
