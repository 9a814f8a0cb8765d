#pragma once
// An enum's names written once, in the enum's order, and read both ways: a value's name,
// and the value a name stands for.
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace salesops::core {

/// The names of the values 0..N-1 of the enum `E`, in order.
template <class E, std::size_t N>
class EnumNames {
 public:
  constexpr explicit EnumNames(std::array<std::string_view, N> names) : names_(names) {}
  constexpr std::string_view name(E value) const { return names_[static_cast<std::size_t>(value)]; }
  /// The value named `text`; nullopt for a name not in the list.
  constexpr std::optional<E> parse(std::string_view text) const {
    for (std::size_t i = 0; i < N; ++i)
      if (names_[i] == text) return static_cast<E>(i);
    return std::nullopt;
  }
  constexpr const std::array<std::string_view, N>& names() const { return names_; }

 private:
  std::array<std::string_view, N> names_;
};

}  // namespace salesops::core
