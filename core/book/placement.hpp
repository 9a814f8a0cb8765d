#pragma once
// Where a write verb puts a new record in its file (new_record_place, core/base/ids.hpp).
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "core/book/book.hpp"

namespace salesops::core {

/// The owner (`owner_of(record)`, a Sym) of each of `records` that lives in `file`, in the
/// order of the file's lines.
template <class Record, class OwnerOf>
std::vector<std::string_view> owners_in_file(const Book& book, const std::vector<Record>& records,
                                             std::string_view file, OwnerOf owner_of) {
  std::vector<std::pair<std::uint32_t, std::string_view>> lines;
  for (const Record& r : records)
    if (r.at.file < book.files.size() && book.files[r.at.file] == file)
      lines.emplace_back(r.at.line, book.text(owner_of(r)));
  std::sort(lines.begin(), lines.end());
  std::vector<std::string_view> owners;
  owners.reserve(lines.size());
  for (auto& [line, owner] : lines) owners.push_back(owner);
  return owners;
}

}  // namespace salesops::core
