#include "core/book/model.hpp"

#include <cstring>
#include <limits>
#include <stdexcept>

namespace salesops::core {

namespace {

template <class T>
std::uint32_t count_of(std::span<const T> items) {
  if (items.size() > std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("a customer's list holds over 4,294,967,295 items");
  return static_cast<std::uint32_t>(items.size());
}

template <class T>
void copy_to(std::byte* to, std::span<const T> items) {
  if (!items.empty()) std::memcpy(to, items.data(), items.size_bytes());
}

}  // namespace

CustomerLists::CustomerLists(std::span<const Contact> contacts, std::span<const Interaction> interactions,
                             std::span<const Survey> surveys)
    : counts_{count_of(contacts), count_of(interactions), count_of(surveys)} {
  const std::size_t bytes = contacts.size_bytes() + interactions.size_bytes() + surveys.size_bytes();
  if (bytes == 0) return;
  data_ = new std::byte[bytes];
  copy_to(data_, contacts);
  copy_to(data_ + interactions_at(), interactions);
  copy_to(data_ + surveys_at(), surveys);
}

}  // namespace salesops::core
