#include "core/base/csv.hpp"

#include <fmt/format.h>

#include "core/base/i18n.hpp"
#include "core/base/utf8.hpp"

namespace salesops::core {

CsvReader::CsvReader(std::string_view text, char delimiter) : s_(text), delim_(delimiter) {
  if (s_.size() >= 2 && ((s_[0] == '\xff' && s_[1] == '\xfe') || (s_[0] == '\xfe' && s_[1] == '\xff'))) {
    error_ = CsvError{1, 1, N_("the file is UTF-16: save it as UTF-8")};
    return;
  }
  if (s_.substr(0, 3) == "\xef\xbb\xbf") pos_ = line_start_ = 3;
  if (std::size_t nul = s_.find('\0'); nul != std::string_view::npos) {
    // Text has no NUL byte: this is a binary file (or UTF-16 without its mark).
    for (std::size_t i = pos_; i < nul; ++i)
      if (s_[i] == '\n' || (s_[i] == '\r' && (i + 1 >= s_.size() || s_[i + 1] != '\n'))) {
        ++line_;
        line_start_ = i + 1;
      }
    fail(nul, N_("a NUL byte: this is not a text file"));
  }
}

bool CsvReader::next(CsvRecord& rec) {
  while (!error_ && pos_ < s_.size()) {
    rec.line = line_;
    rec.fields.clear();
    if (!record(rec.fields)) return false;
    const bool blank = rec.fields.size() == 1 && rec.fields[0].empty() && !quoted_;
    if (!blank) return true;
  }
  return false;
}

bool CsvReader::fail(std::size_t at, std::string message) {
  std::uint32_t column = 1;
  for (std::size_t i = line_start_; i < at && i < s_.size(); ++i)
    if ((static_cast<unsigned char>(s_[i]) & 0xC0) != 0x80) ++column;
  error_ = CsvError{line_, column, std::move(message)};
  return false;
}

// Consumes a line end at pos_ (CRLF, LF or a lone CR); false when there is none.
bool CsvReader::line_end() {
  if (pos_ < s_.size() && (s_[pos_] == '\n' || s_[pos_] == '\r')) {
    if (s_[pos_] == '\r' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
    line_start_ = pos_;
    return true;
  }
  return false;
}

bool CsvReader::record(std::vector<std::string>& fields) {
  quoted_ = false;
  for (;;) {
    std::string field;
    if (pos_ < s_.size() && s_[pos_] == '"') {
      if (!quoted(field)) return false;
      quoted_ = true;
    } else {
      std::size_t start = pos_;
      while (pos_ < s_.size() && s_[pos_] != delim_ && s_[pos_] != '\n' && s_[pos_] != '\r') {
        if (s_[pos_] == '"')
          return fail(pos_, N_("a quote inside a field that does not start with one (quote the whole field and "
                               "double the quotes inside)"));
        ++pos_;
      }
      field.assign(s_.substr(start, pos_ - start));
    }
    if (!is_valid_utf8(field)) return fail(pos_, N_("the field is not valid UTF-8"));
    fields.push_back(std::move(field));
    if (pos_ >= s_.size() || line_end()) return true;
    if (s_[pos_] == delim_) {
      ++pos_;
      quoted_ = false;
      continue;
    }
    return fail(pos_, N_("text after a closing quote: a quoted field must end at a delimiter or the line end"));
  }
}

bool CsvReader::quoted(std::string& field) {
  const std::uint32_t open_line = line_;
  const std::size_t open_at = pos_, open_line_start = line_start_;
  ++pos_;
  for (;;) {
    std::size_t q = s_.find('"', pos_);
    if (q == std::string_view::npos) {
      line_ = open_line;
      line_start_ = open_line_start;
      return fail(open_at, N_("a quoted field is never closed"));
    }
    for (std::size_t i = pos_; i < q; ++i)
      if (s_[i] == '\n' || (s_[i] == '\r' && (i + 1 >= s_.size() || s_[i + 1] != '\n'))) {
        ++line_;
        line_start_ = i + 1;
      }
    // A line break inside a field reads as LF, whatever the file's line ends are.
    for (std::size_t i = pos_; i < q; ++i) {
      if (s_[i] == '\r' && i + 1 < q && s_[i + 1] == '\n') continue;
      field.push_back(s_[i] == '\r' ? '\n' : s_[i]);
    }
    pos_ = q + 1;
    if (pos_ < s_.size() && s_[pos_] == '"') {
      field.push_back('"');
      ++pos_;
      continue;
    }
    return true;
  }
}

CsvTable parse_csv(std::string_view text, char delimiter) {
  CsvTable out;
  CsvReader reader(text, delimiter);
  for (CsvRecord rec; reader.next(rec);) out.records.push_back(std::move(rec));
  out.error = reader.error();
  return out;
}

}  // namespace salesops::core
