#include "core/base/strings.hpp"

#include <cstring>
#include <stdexcept>

#include "core/base/i18n.hpp"

namespace salesops::core {

namespace {
constexpr std::uint32_t kMaxChunks = 1u << (32 - 22);

std::size_t varint_size(std::size_t n) {
  std::size_t k = 1;
  while (n >= 0x80) { n >>= 7; ++k; }
  return k;
}
}  // namespace

StringPool::StringPool() {
  store(std::string_view{});  // Sym{0} is the empty string
}

Sym StringPool::store(std::string_view s) {
  std::size_t need = varint_size(s.size()) + s.size();
  char* dst;
  std::uint32_t handle;
  if (need > kChunkSize / 4) {
    // A long scalar gets a chunk of its own so ordinary chunks stay dense.
    if (chunks_.size() >= kMaxChunks) throw std::length_error(N_("text of the book exceeds 4 GiB"));
    chunks_.push_back(std::unique_ptr<char[]>(new char[need]));
    dst = chunks_.back().get();
    handle = static_cast<std::uint32_t>(chunks_.size() - 1) << kChunkBits;
    used_ = kChunkSize;  // the next short string starts a fresh chunk
  } else {
    if (used_ + need > kChunkSize) {
      if (chunks_.size() >= kMaxChunks) throw std::length_error(N_("text of the book exceeds 4 GiB"));
      // Not zeroed: pages a short-lived pool never writes are never resident.
      chunks_.push_back(std::unique_ptr<char[]>(new char[kChunkSize]));
      used_ = 0;
    }
    dst = chunks_.back().get() + used_;
    handle = (static_cast<std::uint32_t>(chunks_.size() - 1) << kChunkBits) | used_;
    used_ += static_cast<std::uint32_t>(need);
  }
  std::size_t n = s.size();
  while (n >= 0x80) { *dst++ = static_cast<char>((n & 0x7f) | 0x80); n >>= 7; }
  *dst++ = static_cast<char>(n);
  if (!s.empty()) std::memcpy(dst, s.data(), s.size());
  return Sym{handle};
}

Sym StringPool::store_text(std::string_view s) {
  if (!recent_) recent_ = std::make_unique<Sym[]>(kRecentSlots);
  Sym& slot = recent_[std::hash<std::string_view>{}(s) & (kRecentSlots - 1)];
  if (slot.empty() || view(slot) != s) slot = store(s);
  return slot;
}

std::string_view StringPool::view(Sym s) const { return read(chunks_[s.v >> kChunkBits].get(), s); }

StringPool::Frozen::Frozen(const StringPool& pool) {
  chunks_.reserve(pool.chunks_.size());
  for (const auto& c : pool.chunks_) chunks_.push_back(c.get());
}

std::string_view StringPool::read(const char* chunk, Sym s) {
  const char* p = chunk + (s.v & (kChunkSize - 1));
  std::size_t n = 0;
  int shift = 0;
  while (static_cast<unsigned char>(*p) & 0x80) {
    n |= static_cast<std::size_t>(static_cast<unsigned char>(*p) & 0x7f) << shift;
    shift += 7;
    ++p;
  }
  n |= static_cast<std::size_t>(static_cast<unsigned char>(*p)) << shift;
  return {p + 1, n};
}

Sym StringPool::intern(std::string_view s) {
  if (s.empty()) return Sym{};
  auto key_of = [this](std::uint32_t i) { return view(interned_[i]); };
  // The new position's slot is read only once interned_ holds it.
  if (auto found = index_.insert(s, static_cast<std::uint32_t>(interned_.size()), key_of)) return interned_[*found];
  Sym sym = store(s);
  interned_.push_back(sym);
  return sym;
}

Sym StringPool::find(std::string_view s) const {
  if (s.empty()) return Sym{};
  auto found = index_.find(s, [this](std::uint32_t i) { return view(interned_[i]); });
  return found ? interned_[*found] : Sym{};
}

}  // namespace salesops::core
