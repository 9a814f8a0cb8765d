#pragma once
// Fixture books shared by the unit tests, loaded once per test run.
#include <doctest/doctest.h>

#include <string>

#include "core/book/book.hpp"
#include "core/load/book.hpp"

namespace salesops::test {

/// The book tests/data/NAME, loaded from its directory, with its diagnostics.
inline core::LoadResult load_data_book(const std::string& name) {
  std::string root = SALESOPS_SOURCE_DIR "/tests/data/" + name;
  auto src = core::directory_source(root);
  return core::load_book(*src, root);
}

/// tests/data/small, the hand-checked book, with its diagnostics.
inline const core::LoadResult& small_book_load() {
  static core::LoadResult r = load_data_book("small");
  return r;
}

/// tests/data/small, which must load without errors.
inline const core::Book& small_book() {
  const core::LoadResult& r = small_book_load();
  REQUIRE_FALSE(r.diags.has_errors());
  return *r.book;
}

}  // namespace salesops::test
