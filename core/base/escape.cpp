#include "core/base/escape.hpp"

#include <fmt/format.h>
#include <utf8proc.h>

namespace salesops::core {

namespace {

bool is_c1_lead(std::string_view s, std::size_t i) {
  return static_cast<unsigned char>(s[i]) == 0xC2 && i + 1 < s.size() &&
         static_cast<unsigned char>(s[i + 1]) >= 0x80 && static_cast<unsigned char>(s[i + 1]) <= 0x9F;
}

bool is_ascii_control(unsigned char c) { return c < 0x20 || c == 0x7F; }

// Whether `s` needs no escape at all: printable ASCII (and tab, LF, CR when allowed) only.
// The common case, checked without decoding.
bool plain_ascii(std::string_view s, std::string_view allowed) {
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || (is_ascii_control(c) && allowed.find(ch) == std::string_view::npos)) return false;
  }
  return true;
}

}  // namespace

std::size_t find_control(std::string_view s, std::size_t from, std::string_view allowed) {
  for (std::size_t i = from; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (is_ascii_control(c) && allowed.find(s[i]) == std::string_view::npos) return i;
    if (c == 0xC2 && is_c1_lead(s, i)) return i;
  }
  return std::string_view::npos;
}

std::string control_at(std::string_view s, std::size_t at) {
  return escape_controls(s.substr(at, is_c1_lead(s, at) ? 2 : 1));
}

std::string escape_controls(std::string_view s, std::string_view allowed) {
  if (plain_ascii(s, allowed)) return std::string(s);
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t pos = 0; pos < s.size();) {
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + pos),
                              static_cast<utf8proc_ssize_t>(s.size() - pos), &cp);
    if (n <= 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(s[pos]));
      ++pos;
      continue;
    }
    if (cp >= 0x80 && cp <= 0x9F)
      out += fmt::format("\\u{:04x}", cp);
    else if (cp < 0x80 && is_ascii_control(static_cast<unsigned char>(cp)) && allowed.find(static_cast<char>(cp)) == std::string_view::npos)
      out += fmt::format("\\x{:02x}", cp);
    else
      out.append(s.data() + pos, static_cast<std::size_t>(n));
    pos += static_cast<std::size_t>(n);
  }
  return out;
}

std::string escape_json_controls(std::string json) {
  std::size_t i = json.find_first_of("\x7f\xc2");
  if (i == std::string::npos) return json;
  std::string out(json, 0, i);
  for (; i < json.size(); ++i) {
    auto c = static_cast<unsigned char>(json[i]);
    if (c == 0x7F) {
      out += "\\u007f";
    } else if (c == 0xC2 && is_c1_lead(json, i)) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(json[i + 1]));
      ++i;
    } else {
      out += json[i];
    }
  }
  return out;
}

}  // namespace salesops::core
