#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "core/base/strings.hpp"
#include "core/base/sym_map.hpp"

using salesops::core::StringPool;
using salesops::core::Sym;

TEST_CASE("StringPool: interned text has one Sym, stored text a Sym of its own") {
  StringPool pool;
  CHECK(pool.intern("") == Sym{});
  Sym a = pool.intern("won");
  CHECK(pool.intern("won") == a);
  CHECK(pool.find("won") == a);
  CHECK(pool.find("lost") == Sym{});
  Sym s1 = pool.store("won"), s2 = pool.store("won");
  CHECK(s1 != s2);
  CHECK(s1 != a);
  CHECK(pool.view(s1) == "won");
  CHECK(pool.find("won") == a);  // stored text is not found as interned
}

TEST_CASE("StringPool::store_text keeps text that repeats once and reads back every text as given") {
  StringPool pool;
  Sym title = pool.store_text("Renewal");
  CHECK(pool.store_text("Renewal") == title);
  CHECK(pool.view(title) == "Renewal");
  CHECK(pool.store_text("Rollout") != title);
  CHECK(pool.find("Renewal") == Sym{});  // not interned

  // An empty text keeps a Sym of its own, as store() gives it: present, not absent.
  Sym empty = pool.store_text("");
  CHECK_FALSE(empty.empty());
  CHECK(pool.view(empty).empty());

  // Many distinct texts share the table's slots: whatever a slot held last, every Sym
  // reads back its own text, and equal Syms always mean equal text.
  std::vector<std::string> texts;
  for (int i = 0; i < 20000; ++i) texts.push_back("note " + std::to_string(i % 7000));
  std::vector<Sym> syms;
  for (const auto& t : texts) syms.push_back(pool.store_text(t));
  std::set<std::uint32_t> distinct;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    CHECK(pool.view(syms[i]) == texts[i]);
    distinct.insert(syms[i].v);
  }
  for (std::size_t i = 0; i + 7000 < texts.size(); ++i)
    if (syms[i] == syms[i + 7000]) CHECK(texts[i] == texts[i + 7000]);
  CHECK(distinct.size() >= 7000);     // each text at least once
  CHECK(distinct.size() < 20000);     // and most repeats shared

  // Right after it was stored, a text is found again.
  for (const char* t : {"Renewal", "note 1", "note 6999"}) {
    Sym first = pool.store_text(t);
    CHECK(pool.store_text(t) == first);
  }
}

TEST_CASE("StringPool: a text too long for a chunk is stored whole, and store_text keeps it once") {
  StringPool pool;
  std::string long_text(3u << 20, 'x');
  long_text.back() = 'y';
  Sym a = pool.store_text(long_text);
  CHECK(pool.view(a) == long_text);
  CHECK(pool.store_text(long_text) == a);
  Sym after = pool.store_text("short");
  CHECK(pool.view(after) == "short");
  CHECK(pool.view(a) == long_text);
}

TEST_CASE("SymMap: each Sym its own slot, kept as the map grows") {
  salesops::core::SymMap map;
  std::vector<Sym> syms;
  StringPool pool;
  for (int i = 0; i < 5000; ++i) syms.push_back(pool.intern("s" + std::to_string(i)));
  for (std::size_t i = 0; i < syms.size(); ++i) {
    bool added = false;
    auto& slot = map.at(syms[i], added);
    CHECK(added);
    CHECK(slot.value == 0);
    slot.value = static_cast<std::uint32_t>(i + 7);
  }
  CHECK(map.size() == syms.size());
  for (std::size_t i = 0; i < syms.size(); ++i) {
    bool added = true;
    CHECK(map.at(syms[i], added).value == i + 7);
    CHECK_FALSE(added);
  }
  std::size_t seen = 0;
  map.for_each([&](Sym s, std::uint32_t value) {
    ++seen;
    CHECK(pool.view(s) == "s" + std::to_string(value - 7));
  });
  CHECK(seen == syms.size());
}
