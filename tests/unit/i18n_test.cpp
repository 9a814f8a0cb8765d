#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "cli/embedded_files.hpp"
#include "cli/fit.hpp"
#include "cli/render.hpp"
#include "core/base/i18n.hpp"

using namespace salesops::core;

namespace {

/// A GNU .mo file holding `entries` (sorted by msgid, as msgfmt writes them), in either byte order.
std::string make_mo(std::vector<std::pair<std::string, std::string>> entries, bool big_endian) {
  std::sort(entries.begin(), entries.end());
  std::string out;
  auto word = [&](std::uint32_t w) {
    for (int b = 0; b < 4; ++b) {
      int shift = big_endian ? 24 - 8 * b : 8 * b;
      out += static_cast<char>((w >> shift) & 0xff);
    }
  };
  auto n = static_cast<std::uint32_t>(entries.size());
  std::uint32_t ids = 28, strs = ids + 8 * n, data = strs + 8 * n;
  word(0x950412de);
  word(0);
  word(n);
  word(ids);
  word(strs);
  word(0);  // no hash table
  word(data);
  std::string blob;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> id_at, str_at;
  for (auto& [id, str] : entries) {
    id_at.emplace_back(static_cast<std::uint32_t>(id.size()), data + static_cast<std::uint32_t>(blob.size()));
    blob += id + '\0';
  }
  for (auto& [id, str] : entries) {
    str_at.emplace_back(static_cast<std::uint32_t>(str.size()), data + static_cast<std::uint32_t>(blob.size()));
    blob += str + '\0';
  }
  for (auto [len, off] : id_at) word(len), word(off);
  for (auto [len, off] : str_at) word(len), word(off);
  return out + blob;
}

const std::vector<std::pair<std::string, std::string>> kEntries = {
    {"", "Content-Type: text/plain; charset=UTF-8\n"},
    {"attainment", "达成率"},
    {"on-track", "正常"},
    {"off-track", "落后"},
    {"deals", "商机"},
    {"notes", "备注"},
    {"{} deals slipped out of {}", "{1} 有 {0} 个商机推迟"},
    {"unknown key '{}'", "未知的键 '{}'"},
    {"{} in {} {}, first at {}", "{0}（共 {1} 个{2}），首次出现在 {3}"},
    {"target {} is {}", "目标 {} {}"},
    {"target {} is {} of {:.1f}%", "目标 {} 为 {:.1f}% 中的 {}"},
    {"{}: {}", "{}：{}"},
    {"total {{sum}} of {}", "合计 {{sum}} / {}"},
};

struct Chinese {
  explicit Chinese(bool big = false) {
    REQUIRE(install_catalog(make_mo(kEntries, big)));
    set_language(Language::zh);
  }
  ~Chinese() {
    set_language(Language::en);
    install_catalog({});
  }
};

}  // namespace

TEST_CASE("i18n: the locale's language") {
  CHECK(language_of_locale("zh_CN.UTF-8") == Language::zh);
  CHECK(language_of_locale("zh") == Language::zh);
  CHECK(language_of_locale("zh_TW") == Language::zh);
  CHECK(language_of_locale("zh-Hans") == Language::zh);
  CHECK(language_of_locale("en_US.UTF-8") == Language::en);
  CHECK(language_of_locale("C") == Language::en);
  CHECK(language_of_locale("") == Language::en);
  CHECK(language_of_locale("zu_ZA") == Language::en);
  CHECK(language_of_locale("zhx") == Language::en);
}

TEST_CASE("i18n: exact and pattern lookups, both byte orders") {
  for (bool big : {false, true}) {
    CAPTURE(big);
    Chinese zh(big);
    CHECK(tr("attainment") == "达成率");
    CHECK(tr("on-track") == "正常");
    CHECK(tr("no such text") == "no such text");
    // Placeholders: the values kept, reordered by number.
    CHECK(tr("3 deals slipped out of 2026-Q3") == "2026-Q3 有 3 个商机推迟");
    // A value that is a msgid is translated; a quoted one is a name and stays.
    CHECK(tr("target T1 is on-track") == "目标 T1 正常");
    CHECK(tr("unknown key 'notes'") == "未知的键 'notes'");
    // The most specific pattern wins; placeholders with a format spec match too.
    CHECK(tr("target T1 is a of 95.0%") == "目标 T1 为 a% 中的 95.0");
    // Doubled braces are literal braces.
    CHECK(tr("total {sum} of 5") == "合计 {sum} / 5");
    // A pattern of placeholders alone ("{}: {}") is never used.
    CHECK(tr("a: b") == "a: b");
    // The count form: a message inside a message.
    CHECK(tr("unknown key 'notes' in 3 deals, first at a.yaml:1:2") ==
          "未知的键 'notes'（共 3 个商机），首次出现在 a.yaml:1:2");
    CHECK(format_translated("{} in {} {}, first at {}", tr("unknown key 'x'"), 2, tr("deals"), "b:1:1") ==
          "未知的键 'x'（共 2 个商机），首次出现在 b:1:1");
  }
}

TEST_CASE("i18n: English, and a missing or broken catalog, leave every text as it is") {
  REQUIRE(install_catalog(make_mo(kEntries, false)));
  set_language(Language::en);
  CHECK(tr("attainment") == "attainment");
  set_language(Language::zh);
  CHECK(tr("attainment") == "达成率");
  CHECK(!install_catalog("not a catalog at all, longer than a header"));
  CHECK(tr("attainment") == "attainment");
  // Truncated anywhere: refused, never read past the end.
  std::string mo = make_mo(kEntries, false);
  for (std::size_t cut = 0; cut + 1 < mo.size(); cut += 7) CHECK(!install_catalog(std::string_view(mo).substr(0, cut)));
  // An entry pointing past the end.
  std::string bad = mo;
  bad[28 + 8 + 4] = '\xff';
  bad[28 + 8 + 7] = '\x7f';
  CHECK(!install_catalog(bad));
  CHECK(tr("on-track") == "on-track");
  set_language(Language::en);
  install_catalog({});
}

TEST_CASE("i18n: a translated word joins Chinese without spaces; a value inside a name stays as written") {
  std::vector<std::pair<std::string, std::string>> entries = {
      {"", "Content-Type: text/plain; charset=UTF-8\n"},
      {"revenue", "销售额"},
      {"deal", "商机"},
      {"{} attainment per person", "每人的 {} 达成率"},
      {"{} target of {}", "{} 目标 {}"},
      {"declare it under [fields.{}]", "在 [fields.{}] 下声明"},
  };
  REQUIRE(install_catalog(make_mo(entries, false)));
  set_language(Language::zh);
  CHECK(tr("revenue attainment per person") == "每人的销售额达成率");
  CHECK(tr("my_kpi attainment per person") == "每人的 my_kpi 达成率");
  CHECK(tr("revenue target of 5,000.00") == "销售额目标 5,000.00");
  CHECK(tr("declare it under [fields.deal]") == "在 [fields.deal] 下声明");
  set_language(Language::en);
  install_catalog({});
}

TEST_CASE("i18n: a hostile text does not make the placeholders backtrack without end") {
  std::vector<std::pair<std::string, std::string>> entries = {{"{} a {} a {} a {} a {} b", "x"}};
  REQUIRE(install_catalog(make_mo(entries, false)));
  set_language(Language::zh);
  std::string text;
  for (int i = 0; i < 20000; ++i) text += " a ";
  auto start = std::chrono::steady_clock::now();
  CHECK(tr(text) == text);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  set_language(Language::en);
  install_catalog({});
}

TEST_CASE("i18n: 300,000 diagnostics translate quickly") {
  Chinese zh;
  auto start = std::chrono::steady_clock::now();
  std::size_t translated = 0;
  for (int i = 0; i < 300000; ++i)
    translated += tr(fmt::format("unknown key 'k{}'", i % 1000)).starts_with("未知") ? 1 : 0;
  for (int i = 0; i < 100000; ++i) translated += tr(fmt::format("{} deals slipped out of P{}", i, i)).find("商机") != std::string::npos;
  CHECK(translated == 400000);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE("i18n: the catalog built into the program is a valid one") {
  std::string_view mo = salesops::cli::embedded_catalog();
  REQUIRE(install_catalog(mo));
  set_language(Language::zh);
  CHECK(tr("attainment") != "attainment");
  set_language(Language::en);
  install_catalog({});
}

TEST_CASE("i18n: Chinese text wraps between characters, nothing cut") {
  std::string text = "目标进度：达成率低于预期的目标需要跟进 and more";
  std::string wrapped = salesops::cli::wrap_to_width(text, 12, 0, 2);
  CHECK(wrapped.find("…") == std::string::npos);
  std::string joined;
  std::size_t start = 0;
  while (start <= wrapped.size()) {
    std::size_t end = std::min(wrapped.find('\n', start), wrapped.size());
    std::string line = wrapped.substr(start, end - start);
    CHECK(salesops::cli::display_width(line) <= 12);
    joined += line.substr(start == 0 ? 0 : 2);
    start = end + 1;
  }
  std::erase(joined, ' ');
  CHECK(joined == "目标进度：达成率低于预期的目标需要跟进andmore");
}
