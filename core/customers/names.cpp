#include "core/customers/names.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <unordered_map>
#include <vector>

namespace salesops::core {

namespace {

// Legal forms written as words (after case folding), dropped from the end of a name.
constexpr std::string_view kWordSuffixes[] = {"co",           "company", "ltd",         "limited", "inc",
                                              "incorporated", "corp",    "corporation", "llc",     "gmbh",
                                              "plc",          "ag",      "sa",          "bv"};
// Legal forms of Chinese names, written without spaces: the longest first.
constexpr std::string_view kCjkSuffixes[] = {"股份有限公司", "有限责任公司", "有限公司", "集团公司", "公司", "集团"};

bool is_word_char(utf8proc_int32_t c) {
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

// The folded name split into words at every character that is not a letter, mark or digit.
std::vector<std::string> folded_words(std::string_view name) {
  utf8proc_uint8_t* folded = nullptr;
  auto options = static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                                UTF8PROC_IGNORE | UTF8PROC_STRIPCC);
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(name.data()),
                                    static_cast<utf8proc_ssize_t>(name.size()), &folded, options);
  std::vector<std::string> words(1);
  if (n < 0) return {};  // not UTF-8: check reports it; no name matches it
  for (utf8proc_ssize_t i = 0; i < n;) {
    utf8proc_int32_t c = 0;
    utf8proc_ssize_t len = utf8proc_iterate(folded + i, n - i, &c);
    if (len <= 0) break;
    if (is_word_char(c))
      words.back().append(reinterpret_cast<const char*>(folded + i), static_cast<std::size_t>(len));
    else if (!words.back().empty())
      words.emplace_back();
    i += len;
  }
  std::free(folded);
  if (words.back().empty()) words.pop_back();
  return words;
}

}  // namespace

std::string normalised_name(std::string_view name) {
  std::vector<std::string> words = folded_words(name);
  auto is_suffix = [](const std::string& w) {
    return std::find(std::begin(kWordSuffixes), std::end(kWordSuffixes), w) != std::end(kWordSuffixes);
  };
  while (words.size() > 1 && is_suffix(words.back())) words.pop_back();
  for (bool cut = !words.empty(); cut;) {
    cut = false;
    for (std::string_view s : kCjkSuffixes)
      if (words.back().size() > s.size() && words.back().ends_with(s)) {
        words.back().resize(words.back().size() - s.size());
        cut = true;
        break;
      }
  }
  std::string out;
  for (const std::string& w : words) out += w;
  return out;
}

std::vector<std::pair<const Customer*, const Customer*>> same_name_customers(const Book& book) {
  std::unordered_map<std::string, const Customer*> first;
  std::vector<std::pair<const Customer*, const Customer*>> pairs;
  for (const Customer& c : book.customers) {
    std::string key = normalised_name(book.text(c.name));
    if (key.empty()) continue;
    auto [it, fresh] = first.emplace(std::move(key), &c);
    if (!fresh) pairs.emplace_back(&c, it->second);
  }
  return pairs;
}

const Customer* customer_named(const Book& book, std::string_view name, std::string_view except) {
  std::string key = normalised_name(name);
  if (key.empty()) return nullptr;
  for (const Customer& c : book.customers)
    if (book.text(c.id) != except && normalised_name(book.text(c.name)) == key) return &c;
  return nullptr;
}

}  // namespace salesops::core
