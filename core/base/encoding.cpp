#include "core/base/encoding.hpp"

#include <iconv.h>

#include <cerrno>

#include "core/base/i18n.hpp"

namespace salesops::core {

namespace {

/// An iconv descriptor closed when it goes out of scope.
class Converter {
 public:
  explicit Converter(const std::string& from) : cd_(iconv_open("UTF-8", from.c_str())) {}
  ~Converter() {
    if (ok()) iconv_close(cd_);
  }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  /// Converts all of `in` into `out`; false at the first byte that is not in the encoding.
  bool convert(std::string_view in, std::string& out) {
    char* src = const_cast<char*>(in.data());
    std::size_t left = in.size();
    char buffer[16384];
    while (left > 0) {
      char* dst = buffer;
      std::size_t room = sizeof buffer;
      std::size_t r = iconv(cd_, &src, &left, &dst, &room);
      out.append(buffer, static_cast<std::size_t>(dst - buffer));
      if (r == static_cast<std::size_t>(-1) && errno != E2BIG) return false;
    }
    char* dst = buffer;
    std::size_t room = sizeof buffer;
    iconv(cd_, nullptr, nullptr, &dst, &room);
    out.append(buffer, static_cast<std::size_t>(dst - buffer));
    return true;
  }

 private:
  iconv_t cd_;
};

bool decodes_as(std::string_view bytes, const char* encoding) {
  Converter c(encoding);
  std::string out;
  return c.ok() && c.convert(bytes, out);
}

// Every two-byte character lies in GB2312's range of hanzi and symbols (lead and trail bytes
// A1-FE), where GBK text from mainland China keeps almost all its characters.
bool gb2312_pairs(std::string_view bytes) {
  bool any = false;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) continue;
    if (i + 1 >= bytes.size()) return false;
    auto t = static_cast<unsigned char>(bytes[++i]);
    if (c < 0xA1 || c > 0xF7 || t < 0xA1 || t > 0xFE) return false;
    any = true;
  }
  return any;
}

// Read as pairs (a byte above 7F and the one after it), the share of pairs whose second byte
// is above 7F too: most are in CJK double-byte text, none in Latin-1, where an accented
// letter stands between ASCII ones.
double high_trail_share(std::string_view bytes) {
  std::size_t pairs = 0, high = 0;
  for (std::size_t i = 0; i + 1 < bytes.size(); ++i) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80) continue;
    ++pairs;
    high += static_cast<unsigned char>(bytes[++i]) >= 0x80;
  }
  return pairs ? static_cast<double>(high) / static_cast<double>(pairs) : 0.0;
}

}  // namespace

TextPlace place_of(std::string_view text, std::size_t offset) {
  TextPlace p;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n' || (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++p.line;
      p.column = 1;
    } else if (c != '\r' && (static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++p.column;
    }
  }
  return p;
}

Utf8Text to_utf8(std::string_view bytes, const std::string& encoding) {
  Utf8Text r;
  Converter c(encoding);
  if (!c.ok()) {
    r.unknown_encoding = true;
    return r;
  }
  r.text.reserve(bytes.size() + bytes.size() / 2);
  if (!c.convert(bytes, r.text)) r.bad = place_of(r.text, r.text.size());
  return r;
}

EncodingGuess guess_encoding(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, 4096);
  if (bytes.starts_with("\xff\xfe") || bytes.starts_with("\xfe\xff") || head.find('\0') != std::string_view::npos)
    return {"utf-16", N_("UTF-16 (Excel's \"Unicode text\")")};
  if (gb2312_pairs(bytes)) return {"gbk", N_("GBK/GB18030 (Excel in China writes it)")};
  if (high_trail_share(bytes) >= 0.5) {
    if (decodes_as(bytes, "BIG5")) return {"big5", N_("Big5 (Excel in Taiwan and Hong Kong writes it)")};
    if (decodes_as(bytes, "GB18030")) return {"gbk", N_("GBK/GB18030 (Excel in China writes it)")};
    if (decodes_as(bytes, "SHIFT_JIS")) return {"shift_jis", N_("Shift_JIS (Excel in Japan writes it)")};
  }
  if (decodes_as(bytes, "WINDOWS-1252"))
    return {"windows-1252", N_("Windows-1252 (Excel in Western Europe and the Americas writes it)")};
  return {"latin1", "Latin-1"};
}

}  // namespace salesops::core
