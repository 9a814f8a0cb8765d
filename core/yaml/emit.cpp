#include "core/yaml/emit.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <regex>

namespace salesops::core {
namespace {

// Plain scalars that a YAML 1.1 or 1.2 reader would take for something other than a
// string (yaml-cpp's emitter leaves `no`, `0123`, `12:30`, `2026-11-03` plain).
bool resolves_to_non_string(const std::string& s) {
  static const std::regex special(
      "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|"
      "~|null|Null|NULL|<<|=|"
      "[-+]?(0b[01_]+|0o?[0-7_]+|[0-9][0-9_]*|0x[0-9a-fA-F_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?)|"
      "[-+]?(([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?|[0-9][0-9_]*[eE][-+]?[0-9]+)|"
      "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|"
      "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}.*)?");
  return s.empty() || std::regex_match(s, special);
}

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// A number, date or boolean that can stand unquoted: [-+]?(\.[0-9]|[0-9A-Za-z_])[0-9A-Za-z_.+-]*
// (written out rather than as a regex: imports write it hundreds of thousands of times).
bool is_safe_literal(const std::string& s) {
  std::size_t i = s.size() > 0 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (i >= s.size()) return false;
  if (s[i] == '.') {
    if (i + 1 >= s.size() || s[i + 1] < '0' || s[i + 1] > '9') return false;
    i += 2;
  } else if (is_word_char(s[i])) {
    ++i;
  } else {
    return false;
  }
  for (; i < s.size(); ++i)
    if (!is_word_char(s[i]) && s[i] != '.' && s[i] != '+' && s[i] != '-') return false;
  return true;
}

// Text that every YAML reader takes for the same string written plain, and yaml-cpp writes
// plain: a letter, then letters, digits, '_', '.', '/' and '-', and none of YAML 1.1's
// boolean or null words. The common case (ids, names of stages and products), decided
// without the emitter.
bool is_plain_word(const std::string& s) {
  if (s.empty() || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) return false;
  for (char c : s)
    if (!is_word_char(c) && c != '.' && c != '/' && c != '-') return false;
  static const char* kWords[] = {"y",     "Y",     "yes",  "Yes",  "YES",  "n",   "N",   "no",  "No",
                                 "NO",    "true",  "True", "TRUE", "false", "False", "FALSE", "on", "On",
                                 "ON",    "off",   "Off",  "OFF",  "null",  "Null",  "NULL"};
  return s.size() > 5 || std::none_of(std::begin(kWords), std::end(kWords), [&](const char* w) { return s == w; });
}

// Characters that cannot stand raw in a scalar (YAML forbids them, or YAML 1.1 reads them
// as line breaks); yaml-cpp's emitter escapes the C0 controls but writes these raw.
std::string escape_unprintable(std::string_view s, bool* found = nullptr) {
  std::string out;
  static const char* hex = "0123456789ABCDEF";
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const auto c1 = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
    const auto c2 = i + 2 < s.size() ? static_cast<unsigned char>(s[i + 2]) : 0;
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      out += std::string("\\x") + hex[c >> 4] + hex[c & 0xF];
    } else if (c == 0xC2 && c1 >= 0x80 && c1 <= 0x9F) {
      out += std::string("\\x") + hex[c1 >> 4] + hex[c1 & 0xF];
      i += 1;
    } else if (c == 0xE2 && c1 == 0x80 && (c2 == 0xA8 || c2 == 0xA9)) {  // line and paragraph separators
      out += c2 == 0xA8 ? "\\u2028" : "\\u2029";
      i += 2;
    } else if (c == 0xEF && ((c1 == 0xBB && c2 == 0xBF) || (c1 == 0xBF && (c2 == 0xBE || c2 == 0xBF)))) {
      out += c1 == 0xBB ? "\\uFEFF" : c2 == 0xBE ? "\\uFFFE" : "\\uFFFF";
      i += 2;
    } else {
      out += s[i];
      continue;
    }
    if (found) *found = true;
  }
  return out;
}

bool fits_on_one_line(const YamlValue& v) {
  return v.kind == YamlValue::Kind::scalar || v.flow || (v.items.empty() && v.fields.empty());
}

}  // namespace

bool is_valid_value(const YamlValue& v) {
  if (!is_valid_utf8(v.scalar)) return false;
  return std::all_of(v.items.begin(), v.items.end(), is_valid_value) &&
         std::all_of(v.fields.begin(), v.fields.end(),
                     [](const YamlField& f) { return is_valid_utf8(f.key) && is_valid_value(f.value); });
}

std::string emit_yaml_text(const std::string& s, bool in_flow, QuoteStyle prefer) {
  if (prefer == QuoteStyle::any && is_plain_word(s)) return s;
  bool unprintable = false;
  escape_unprintable(s, &unprintable);
  const bool must_quote = unprintable || resolves_to_non_string(s) || (in_flow && s.find(':') != std::string::npos);
  QuoteStyle q = prefer;
  if (q == QuoteStyle::any && must_quote) q = QuoteStyle::double_;
  if (q == QuoteStyle::single && (unprintable || s.find_first_of("\n\r\t") != std::string::npos))
    q = QuoteStyle::double_;
  YAML::Emitter e;
  if (in_flow) e << YAML::Flow << YAML::BeginSeq;
  if (q == QuoteStyle::single) e << YAML::SingleQuoted;
  if (q == QuoteStyle::double_) e << YAML::DoubleQuoted;
  e << s;
  if (in_flow) e << YAML::EndSeq;
  std::string out = e.c_str();
  if (in_flow && out.size() >= 2) out = out.substr(1, out.size() - 2);
  // In a double-quoted scalar the raw characters are escaped; the other styles cannot hold them.
  if (unprintable && out.starts_with('"')) out = escape_unprintable(out);
  return out;
}

std::string emit_yaml(const YamlValue& v, bool in_flow, QuoteStyle prefer) {
  if (v.kind == YamlValue::Kind::scalar) {
    if (v.is_literal && is_safe_literal(v.scalar)) return v.scalar;
    return emit_yaml_text(v.scalar, in_flow, prefer);
  }
  std::string out = v.kind == YamlValue::Kind::sequence ? "[" : "{";
  bool first = true;
  for (const YamlValue& item : v.items) {
    out += (first ? "" : ", ") + emit_yaml(item, true);
    first = false;
  }
  for (const YamlField& f : v.fields) {
    out += (first ? "" : ", ") + emit_yaml_text(f.key, true, QuoteStyle::any) + ": " + emit_yaml(f.value, true);
    first = false;
  }
  return out + (v.kind == YamlValue::Kind::sequence ? "]" : "}");
}

void emit_block_lines(const YamlValue& v, std::vector<std::string>& out) {
  if (fits_on_one_line(v)) {
    out.push_back(emit_yaml(v, false));
    return;
  }
  for (const YamlField& f : v.fields) {
    std::string key = emit_yaml_text(f.key, false, QuoteStyle::any);
    if (fits_on_one_line(f.value)) {
      out.push_back(key + ": " + emit_yaml(f.value, false));
      continue;
    }
    out.push_back(key + ":");
    std::vector<std::string> nested;
    emit_block_lines(f.value, nested);
    for (const std::string& l : nested) out.push_back("  " + l);
  }
  for (const YamlValue& item : v.items) {
    std::vector<std::string> nested;
    emit_block_lines(item, nested);
    for (std::size_t i = 0; i < nested.size(); ++i) out.push_back((i == 0 ? "- " : "  ") + nested[i]);
  }
}

std::string emit_scalar(const YamlValue& value, bool in_flow) { return emit_yaml(value, in_flow); }

}  // namespace salesops::core
