// The interface language (core/base/i18n.hpp).
#include "core/base/i18n.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace salesops::core {

namespace {

// A GNU .mo file (gettext's "The Format of GNU MO Files"): a header of five 32-bit words in
// the byte order its magic number shows, then two tables of N (length, offset) pairs, one
// for the msgids and one for the msgstrs, each string NUL-terminated at offset + length.
constexpr std::uint32_t kMoMagic = 0x950412de;
constexpr std::size_t kMoHeaderSize = 5 * 4;  // magic, revision, N, msgid table, msgstr table
constexpr std::size_t kMoEntrySize = 2 * 4;   // length, offset

// How many steps one pattern match may take: a text built to make the backtracking over
// placeholders explode stops here and stays untranslated by that pattern.
constexpr std::size_t kMatchBudget = 20000;
// The longest literal prefix the index keys on, and how many texts the memo keeps.
constexpr std::size_t kKeyLength = 8;
constexpr std::size_t kMemoLimit = 1u << 17;
// How deep a value inside a placeholder is itself translated (a status inside a message).
constexpr int kMaxDepth = 2;

/// One piece of a msgid or msgstr: literal text, or a placeholder (`{}`, `{:spec}`, `{1}`);
/// `index` is the placeholder's argument number, -1 for the next one in order.
struct Piece {
  bool hole = false;
  std::string text;
  int index = -1;
};

/// The pieces of a fmt format string: literals with `{{`/`}}` unescaped, and placeholders.
/// nullopt for a text that is not a well-formed format string (an unmatched brace).
std::optional<std::vector<Piece>> split_format(std::string_view s) {
  std::vector<Piece> pieces;
  auto literal = [&](char c) {
    if (pieces.empty() || pieces.back().hole) pieces.push_back({});
    pieces.back().text += c;
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '}') {
      if (i + 1 < s.size() && s[i + 1] == '}') {
        literal('}');
        ++i;
        continue;
      }
      return std::nullopt;
    }
    if (c != '{') {
      literal(c);
      continue;
    }
    if (i + 1 < s.size() && s[i + 1] == '{') {
      literal('{');
      ++i;
      continue;
    }
    // A placeholder: up to its matching '}', nested ones (a dynamic width) included.
    std::size_t depth = 1, j = i + 1;
    for (; j < s.size() && depth > 0; ++j) {
      if (s[j] == '{') ++depth;
      else if (s[j] == '}') --depth;
    }
    if (depth != 0) return std::nullopt;
    std::string_view inside = s.substr(i + 1, j - i - 2);
    std::string_view id = inside.substr(0, inside.find(':'));
    Piece hole{true, std::string(s.substr(i, j - i)), -1};
    if (!id.empty()) {
      if (id.size() > 3 || !std::all_of(id.begin(), id.end(), [](char d) { return d >= '0' && d <= '9'; }))
        return std::nullopt;  // a named argument: not a placeholder tr() fills
      hole.index = std::stoi(std::string(id));
    }
    pieces.push_back(std::move(hole));
    i = j - 1;
  }
  return pieces;
}

bool is_quote(char c) { return c == '\'' || c == '"' || c == '`'; }

/// A msgid with placeholders and its msgstr.
struct Pattern {
  std::vector<Piece> id, str;
  std::vector<bool> quoted;      // per placeholder of the msgid: a name, never translated
  std::size_t literal_size = 0;  // how much of the msgid is literal: the more, the more specific
  std::string first_literal;     // for a msgid that starts with a placeholder
  std::string suffix;            // the literal the msgid ends with, if any
};

struct Catalog {
  std::unordered_map<std::string, std::string> exact;
  std::vector<Pattern> patterns;
  /// Patterns by the first min(kKeyLength, prefix) bytes of their literal prefix.
  std::unordered_map<std::string, std::vector<std::size_t>> by_prefix;
  std::vector<std::size_t> key_lengths;  // the lengths used as keys, longest first
  std::vector<std::size_t> leading_hole;  // patterns that start with a placeholder

  mutable std::mutex memo_mutex;
  mutable std::unordered_map<std::string, std::string> memo;
};

Language g_language = Language::en;
std::shared_ptr<const Catalog> g_catalog;
std::mutex g_catalog_mutex;

std::shared_ptr<const Catalog> current_catalog() {
  std::lock_guard lock(g_catalog_mutex);
  return g_catalog;
}

class MoReader {
 public:
  explicit MoReader(std::string_view data) : data_(data) {}
  bool open() {
    if (data_.size() < kMoHeaderSize) return false;
    std::uint32_t magic = word(0, false);
    if (magic == kMoMagic) big_ = false;
    else if (word(0, true) == kMoMagic) big_ = true;
    else return false;
    return (word(4, big_) >> 16) <= 1;  // major revisions 0 and 1 share this layout
  }
  std::uint32_t at(std::size_t offset) const { return word(offset, big_); }
  /// The string a (length, offset) entry at `entry` points to, or nullopt past the end.
  std::optional<std::string_view> string_at(std::uint64_t entry) const {
    if (entry + kMoEntrySize > data_.size()) return std::nullopt;
    std::uint64_t length = at(entry), offset = at(entry + 4);
    if (offset > data_.size() || length > data_.size() - offset) return std::nullopt;
    return data_.substr(offset, length);
  }
  std::size_t size() const { return data_.size(); }

 private:
  std::uint32_t word(std::size_t offset, bool big) const {
    std::uint32_t w = 0;
    for (int b = 0; b < 4; ++b) {
      auto byte = static_cast<std::uint8_t>(data_[offset + static_cast<std::size_t>(big ? b : 3 - b)]);
      w = (w << 8) | byte;
    }
    return w;
  }
  std::string_view data_;
  bool big_ = false;
};

void add_pattern(Catalog& catalog, std::vector<Piece> id, std::vector<Piece> str) {
  Pattern p;
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (!id[i].hole) {
      p.literal_size += id[i].text.size();
      continue;
    }
    bool before = i > 0 && !id[i - 1].text.empty() && is_quote(id[i - 1].text.back());
    bool after = i + 1 < id.size() && !id[i + 1].hole && is_quote(id[i + 1].text.front());
    // A placeholder inside a name ("[fields.{}]", "--{}=") holds a name too.
    bool in_name = (i > 0 && !id[i - 1].text.empty() && std::string_view(".[/=").find(id[i - 1].text.back()) != std::string_view::npos) ||
                   (i + 1 < id.size() && !id[i + 1].hole && std::string_view("]/=").find(id[i + 1].text.front()) != std::string_view::npos);
    p.quoted.push_back((before && after) || in_name);
  }
  // Placeholders and punctuation only ("{}: {}"): would match too many texts.
  bool words = std::any_of(id.begin(), id.end(), [](const Piece& piece) {
    return !piece.hole && std::any_of(piece.text.begin(), piece.text.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
    });
  });
  if (!words) return;
  if (!id.back().hole) p.suffix = id.back().text;
  if (id.front().hole)
    for (const Piece& piece : id)
      if (!piece.hole) {
        p.first_literal = piece.text;
        break;
      }
  p.id = std::move(id);
  p.str = std::move(str);
  catalog.patterns.push_back(std::move(p));
}

void build_index(Catalog& catalog) {
  std::vector<std::size_t> order(catalog.patterns.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  // The most specific first: the one with the most literal text wins when several match.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return catalog.patterns[a].literal_size > catalog.patterns[b].literal_size;
  });
  std::vector<bool> lengths(kKeyLength + 1, false);
  for (std::size_t i : order) {
    const Pattern& p = catalog.patterns[i];
    if (p.id.front().hole) {
      catalog.leading_hole.push_back(i);
      continue;
    }
    std::size_t n = std::min(kKeyLength, p.id.front().text.size());
    catalog.by_prefix[p.id.front().text.substr(0, n)].push_back(i);
    lengths[n] = true;
  }
  for (std::size_t n = kKeyLength; n > 0; --n)
    if (lengths[n]) catalog.key_lengths.push_back(n);
}

struct Matcher {
  std::string_view text;
  const std::vector<Piece>& pieces;
  std::vector<std::string_view> values;
  std::size_t steps = 0;

  bool match(std::size_t i, std::size_t pos) {
    if (++steps > kMatchBudget) return false;
    if (i == pieces.size()) return pos == text.size();
    const Piece& piece = pieces[i];
    if (!piece.hole) {
      if (text.substr(pos).substr(0, piece.text.size()) != piece.text) return false;
      return match(i + 1, pos + piece.text.size());
    }
    if (pos >= text.size()) return false;  // a placeholder holds one character at least
    if (i + 1 == pieces.size()) {
      values.push_back(text.substr(pos));
      return true;
    }
    const Piece& next = pieces[i + 1];
    if (!next.hole) {
      for (std::size_t at = text.find(next.text, pos + 1); at != std::string_view::npos; at = text.find(next.text, at + 1)) {
        values.push_back(text.substr(pos, at - pos));
        if (match(i + 1, at)) return true;
        values.pop_back();
        if (steps > kMatchBudget) return false;
      }
      return false;
    }
    for (std::size_t end = pos + 1; end < text.size(); ++end) {
      values.push_back(text.substr(pos, end - pos));
      if (match(i + 1, end)) return true;
      values.pop_back();
      if (steps > kMatchBudget) return false;
    }
    return false;
  }
};

std::optional<std::string> translate(const Catalog& catalog, std::string_view english, int depth);

/// Whether the code point that starts (or, `last`, ends) `s` is a CJK character or
/// punctuation: Chinese puts no space between words.
bool cjk_edge(std::string_view s, bool last) {
  if (s.empty()) return false;
  std::size_t at = 0;
  if (last) {
    at = s.size() - 1;
    while (at > 0 && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) --at;
  }
  auto b = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
  if ((b(at) & 0xF0) != 0xE0) return false;  // every CJK character of the BMP takes three bytes
  char32_t c = ((b(at) & 0x0F) << 12) | ((b(at + 1) & 0x3F) << 6) | (b(at + 2) & 0x3F);
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF);
}

std::string fill(const Catalog& catalog, const Pattern& p, const std::vector<std::string_view>& values, int depth) {
  std::string out;
  std::size_t next = 0;
  bool drop_space = false;  // the value before ended in a translated CJK word: no space after it
  for (const Piece& piece : p.str) {
    if (!piece.hole) {
      std::string_view text = piece.text;
      if (drop_space && text.starts_with(' ') && cjk_edge(text.substr(1), false)) text.remove_prefix(1);
      out += text;
      drop_space = false;
      continue;
    }
    std::size_t k = piece.index >= 0 ? static_cast<std::size_t>(piece.index) : next++;
    if (k >= values.size()) {
      out += piece.text;
      continue;
    }
    std::optional<std::string> translated;
    if (!p.quoted[k] && depth < kMaxDepth) translated = translate(catalog, values[k], depth + 1);
    if (translated && cjk_edge(*translated, false) && out.ends_with(' ') && cjk_edge(std::string_view(out).substr(0, out.size() - 1), true))
      out.pop_back();
    drop_space = translated && cjk_edge(*translated, true);
    out += translated ? *translated : std::string(values[k]);
  }
  return out;
}

std::optional<std::string> try_pattern(const Catalog& catalog, const Pattern& p, std::string_view english, int depth) {
  if (!p.suffix.empty() && !english.ends_with(p.suffix)) return std::nullopt;
  Matcher m{english, p.id, {}, 0};
  if (!m.match(0, 0)) return std::nullopt;
  return fill(catalog, p, m.values, depth);
}

std::optional<std::string> translate(const Catalog& catalog, std::string_view english, int depth) {
  if (english.empty()) return std::nullopt;
  if (auto it = catalog.exact.find(std::string(english)); it != catalog.exact.end()) return it->second;
  for (std::size_t n : catalog.key_lengths) {
    if (n > english.size()) continue;
    auto it = catalog.by_prefix.find(std::string(english.substr(0, n)));
    if (it == catalog.by_prefix.end()) continue;
    for (std::size_t i : it->second)
      if (auto out = try_pattern(catalog, catalog.patterns[i], english, depth)) return out;
  }
  for (std::size_t i : catalog.leading_hole) {
    const Pattern& p = catalog.patterns[i];
    if (english.find(p.first_literal) == std::string_view::npos) continue;
    if (auto out = try_pattern(catalog, p, english, depth)) return out;
  }
  return std::nullopt;
}

}  // namespace

void set_language(Language language) { g_language = language; }
Language language() { return g_language; }

Language language_of_locale(std::string_view name) {
  return name.size() >= 2 && (name[0] == 'z' || name[0] == 'Z') && (name[1] == 'h' || name[1] == 'H') &&
                 (name.size() == 2 || name[2] == '_' || name[2] == '-' || name[2] == '.' || name[2] == '@')
             ? Language::zh
             : Language::en;
}

bool install_catalog(std::string_view mo) {
  MoReader reader(mo);
  if (!reader.open()) {
    std::lock_guard lock(g_catalog_mutex);
    g_catalog.reset();
    return false;
  }
  std::uint64_t n = reader.at(8), ids = reader.at(12), strs = reader.at(16);
  auto catalog = std::make_shared<Catalog>();
  bool ok = n * kMoEntrySize <= mo.size();
  for (std::uint64_t i = 0; ok && i < n; ++i) {
    auto id = reader.string_at(ids + i * kMoEntrySize);
    auto str = reader.string_at(strs + i * kMoEntrySize);
    if (!id || !str) {
      ok = false;
      break;
    }
    std::string_view msgid = id->substr(0, id->find('\0'));    // a plural's singular
    std::string_view msgstr = str->substr(0, str->find('\0'));  // and its first form
    if (msgid.empty() || msgstr.empty() || msgid.find('\x04') != std::string_view::npos) continue;  // header, context
    auto id_pieces = split_format(msgid);
    auto str_pieces = split_format(msgstr);
    bool holes = id_pieces && std::any_of(id_pieces->begin(), id_pieces->end(), [](const Piece& p) { return p.hole; });
    if (holes && str_pieces) {
      add_pattern(*catalog, std::move(*id_pieces), std::move(*str_pieces));
      // A format string's English text, when it is also used as it is (its braces doubled).
      catalog->exact.emplace(std::string(msgid), std::string(msgstr));
    } else {
      catalog->exact.emplace(std::string(msgid), std::string(msgstr));
    }
  }
  std::lock_guard lock(g_catalog_mutex);
  if (!ok) {
    g_catalog.reset();
    return false;
  }
  build_index(*catalog);
  g_catalog = std::move(catalog);
  return true;
}

std::string tr_exact(std::string_view english) {
  if (g_language == Language::en) return std::string(english);
  std::shared_ptr<const Catalog> catalog = current_catalog();
  if (!catalog) return std::string(english);
  auto it = catalog->exact.find(std::string(english));
  return it != catalog->exact.end() ? it->second : std::string(english);
}

std::string tr(std::string_view english) {
  if (g_language == Language::en) return std::string(english);
  std::shared_ptr<const Catalog> catalog = current_catalog();
  if (!catalog) return std::string(english);
  std::string key(english);
  {
    std::lock_guard lock(catalog->memo_mutex);
    if (auto it = catalog->memo.find(key); it != catalog->memo.end()) return it->second;
  }
  std::optional<std::string> out = translate(*catalog, english, 0);
  std::string result = out ? std::move(*out) : key;
  std::lock_guard lock(catalog->memo_mutex);
  if (catalog->memo.size() >= kMemoLimit) catalog->memo.clear();
  catalog->memo.emplace(std::move(key), result);
  return result;
}

}  // namespace salesops::core
