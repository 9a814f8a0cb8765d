#pragma once
// Text of loaded records, stored once. A `Sym` is a 32-bit handle: records stay small, and
// repeated strings (people, stages, products) are held a single time.
#include <cstdint>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/base/id_index.hpp"

namespace salesops::core {

/// A handle to text in a StringPool. Sym{} is the empty string ("absent").
struct Sym {
  std::uint32_t v = 0;
  bool empty() const { return v == 0; }
  friend bool operator==(Sym, Sym) = default;
};

class StringPool {
 public:
  StringPool();
  /// Stores `s` once: the same text always yields the same Sym.
  Sym intern(std::string_view s);
  /// Stores `s` without looking for an equal string (texts that never repeat: ids).
  Sym store(std::string_view s);
  /// Stores free text (titles, names, summaries, comments): like store(), but a text equal
  /// to one this call stored recently gets that one's Sym. A small table keeps, for each
  /// hash slot, the last text stored there, so text a team types again and again is held
  /// once, and text that never repeats costs a hash and a comparison. Unlike intern(), equal
  /// texts may still have different Syms.
  Sym store_text(std::string_view s);
  std::string_view view(Sym s) const;

  /// The pool's chunks as they are now, to read text stored so far while the pool grows in
  /// another thread (a chunk never moves; only the list of them does).
  class Frozen {
   public:
    explicit Frozen(const StringPool& pool);
    std::string_view view(Sym s) const { return read(chunks_[s.v >> kChunkBits], s); }

   private:
    std::vector<const char*> chunks_;
  };
  /// Finds an interned string without adding it; Sym{} when absent.
  Sym find(std::string_view s) const;
  std::size_t bytes() const { return chunks_.size() * kChunkSize; }

 private:
  /// The text of `s`, whose chunk starts at `chunk`.
  static std::string_view read(const char* chunk, Sym s);

  static constexpr std::uint32_t kChunkBits = 22;  // 4 MiB chunks
  static constexpr std::uint32_t kChunkSize = 1u << kChunkBits;
  std::vector<std::unique_ptr<char[]>> chunks_;
  std::uint32_t used_ = kChunkSize;  // bytes used in the last chunk
  std::vector<Sym> interned_;        // every interned text, in the order first seen
  IdIndex index_;                    // text → position in interned_
  static constexpr std::size_t kRecentSlots = 4096;
  std::unique_ptr<Sym[]> recent_;    // store_text's table, made at its first call
};

}  // namespace salesops::core

template <>
struct std::hash<salesops::core::Sym> {
  std::size_t operator()(salesops::core::Sym s) const noexcept { return std::hash<std::uint32_t>{}(s.v); }
};
