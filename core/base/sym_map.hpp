#pragma once
// A map from Syms to 32-bit values: open addressing on the Sym's handle, eight bytes a slot
// and at most half of the slots used, so a map of a book's worth of text costs a few
// megabytes, not a node per entry.
#include <cstdint>
#include <vector>

#include "core/base/strings.hpp"

namespace salesops::core {

class SymMap {
 public:
  struct Slot {
    std::uint32_t sym = 0;  // 0 (Sym{}): an empty slot
    std::uint32_t value = 0;
  };

  /// Room for `n` Syms without growing.
  void reserve(std::size_t n) {
    std::size_t size = 16;
    while (size < 2 * n) size *= 2;
    if (size > slots_.size()) rehash(size);
  }
  /// The slot of `s`, which must not be empty: the one it has, or a new one whose value is
  /// 0 (`added` says which). The reference holds until the next call.
  Slot& at(Sym s, bool& added) {
    if (2 * (used_ + 1) > slots_.size()) rehash(slots_.empty() ? 64 : 2 * slots_.size());
    Slot& slot = find(slots_, s.v);
    added = slot.sym == 0;
    if (added) {
      slot.sym = s.v;
      ++used_;
    }
    return slot;
  }
  std::size_t size() const { return used_; }
  /// Calls f(Sym, value) for each Sym held, in no particular order.
  template <class F>
  void for_each(F&& f) const {
    for (const Slot& s : slots_)
      if (s.sym != 0) f(Sym{s.sym}, s.value);
  }

 private:
  static Slot& find(std::vector<Slot>& table, std::uint32_t sym) {
    const std::size_t mask = table.size() - 1;
    std::size_t i = static_cast<std::size_t>((sym * 0x9E3779B97F4A7C15ull) >> 32) & mask;
    while (table[i].sym != 0 && table[i].sym != sym) i = (i + 1) & mask;
    return table[i];
  }
  void rehash(std::size_t size) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(size, Slot{});
    for (const Slot& s : old)
      if (s.sym != 0) find(slots_, s.sym) = s;
  }

  std::vector<Slot> slots_;
  std::size_t used_ = 0;
};

}  // namespace salesops::core
