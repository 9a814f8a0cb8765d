#pragma once
// Text in an encoding other than UTF-8 (Excel in China saves CSV as GBK): converted with
// iconv(3), and for bytes that are not UTF-8, a guess of what they are.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace salesops::core {

/// A place in a text: 1-based line and column, the column counted in characters.
struct TextPlace {
  std::uint32_t line = 1, column = 1;
};

/// The place of byte `offset` of `text`, whose bytes before it are UTF-8; a line ends in
/// LF, CRLF or CR, as CsvReader counts them.
TextPlace place_of(std::string_view text, std::size_t offset);

struct Utf8Text {
  std::string text;
  /// Where the input stops being in the encoding, counted in the text converted before it.
  std::optional<TextPlace> bad;
  bool unknown_encoding = false;  // iconv knows no such name
};

/// `bytes` in `encoding` (a name iconv knows: gbk, gb18030, big5, latin1, windows-1252,
/// utf-16, shift_jis ...) converted to UTF-8.
Utf8Text to_utf8(std::string_view bytes, const std::string& encoding);

/// What bytes that are not UTF-8 most likely are, as an encoding name for to_utf8 and the
/// words that say so: {"gbk", "GBK/GB18030 (Excel in China writes it)"}.
struct EncodingGuess {
  std::string name, description;
};
EncodingGuess guess_encoding(std::string_view bytes);

}  // namespace salesops::core
