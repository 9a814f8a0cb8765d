#pragma once
// An open-addressing index from record id text to record position: four bytes a slot, so a
// million deals cost a few megabytes, not a node per entry.
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace salesops::core {

class IdIndex {
 public:
  /// Adds `position` under `id`; returns the position already there when the id is taken.
  template <class KeyOf>
  std::optional<std::uint32_t> insert(std::string_view id, std::uint32_t position, KeyOf&& key_of) {
    if ((count_ + 1) * 2 > slots_.size()) grow(key_of);
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = std::hash<std::string_view>{}(id) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == 0) {
        slots_[i] = position + 1;
        ++count_;
        return std::nullopt;
      }
      if (key_of(slots_[i] - 1) == id) return slots_[i] - 1;
    }
  }
  template <class KeyOf>
  std::optional<std::uint32_t> find(std::string_view id, KeyOf&& key_of) const {
    if (slots_.empty()) return std::nullopt;
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = std::hash<std::string_view>{}(id) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == 0) return std::nullopt;
      if (key_of(slots_[i] - 1) == id) return slots_[i] - 1;
    }
  }
  std::size_t size() const { return count_; }
  void clear() { slots_.clear(); count_ = 0; }
  /// Indexes positions 0 to n - 1 anew, `key_of(position)` their ids; false when two share
  /// an id (the first of them is kept).
  template <class KeyOf>
  bool assign(std::size_t n, KeyOf&& key_of) {
    clear();
    bool distinct = true;
    for (std::size_t i = 0; i < n; ++i)
      if (insert(key_of(static_cast<std::uint32_t>(i)), static_cast<std::uint32_t>(i), key_of)) distinct = false;
    return distinct;
  }

 private:
  template <class KeyOf>
  void grow(KeyOf&& key_of) {
    std::vector<std::uint32_t> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, 0);
    std::size_t mask = slots_.size() - 1;
    for (std::uint32_t s : old) {
      if (s == 0) continue;
      std::size_t i = std::hash<std::string_view>{}(key_of(s - 1)) & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }
  std::vector<std::uint32_t> slots_;
  std::size_t count_ = 0;
};

}  // namespace salesops::core
