#include "cli/diagnostic_render.hpp"
#include "cli/render_json.hpp"

#include <fmt/format.h>
#include <utf8proc.h>

#include <cctype>
#include <map>
#include <vector>
#include <nlohmann/json.hpp>

#include "cli/fit.hpp"
#include "cli/render.hpp"
#include "core/base/escape.hpp"
#include "core/base/i18n.hpp"
#include "core/load/book.hpp"

namespace salesops::cli {

namespace {

/// A file's text with the offset of each line's start, so that finding a line costs the
/// same wherever it is (a scan from the top for each finding made check quadratic).
struct SourceLines {
  std::string text;
  std::vector<std::size_t> starts;

  explicit SourceLines(std::string t) : text(std::move(t)) {
    starts.push_back(0);
    for (std::size_t pos = text.find('\n'); pos != std::string::npos; pos = text.find('\n', pos + 1))
      starts.push_back(pos + 1);
  }

  /// The 1-based line `line`, without its line ending.
  std::string_view line(std::uint32_t line) const {
    if (line == 0 || line > starts.size()) return {};
    std::size_t pos = starts[line - 1];
    std::size_t end = line < starts.size() ? starts[line] - 1 : text.size();
    std::string_view out(text.data() + pos, end - pos);
    if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
    return out;
  }
};

/// Byte offset of the `column`-th (1-based) code point of `line`.
std::size_t byte_of_column(std::string_view line, std::uint32_t column) {
  std::size_t pos = 0;
  for (std::uint32_t c = 1; c < column && pos < line.size(); ++c) {
    utf8proc_int32_t cp;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(line.data() + pos),
                              static_cast<utf8proc_ssize_t>(line.size() - pos), &cp);
    pos += n > 0 ? static_cast<std::size_t>(n) : 1;
  }
  return std::min(pos, line.size());
}

/// A line made safe to print: tabs as one space, control and invalid bytes as '?'.
std::string printable(std::string_view s) {
  std::string out;
  for (std::size_t pos = 0; pos < s.size();) {
    utf8proc_int32_t cp;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + pos),
                              static_cast<utf8proc_ssize_t>(s.size() - pos), &cp);
    if (n <= 0) { out += '?'; ++pos; continue; }
    if (cp == '\t') out += ' ';
    else if (cp < 0x20 || cp == 0x7f) out += '?';
    else out.append(s.data() + pos, static_cast<std::size_t>(n));
    pos += static_cast<std::size_t>(n);
  }
  return out;
}

/// The line with the location underlined. A long line shows a window around the caret,
/// with '…' where it is cut.
template <class Paint>
void print_excerpt(std::ostream& out, std::string_view line, const core::Location& where, Paint&& paint,
                   std::size_t width) {
  std::string number = std::to_string(where.line);
  std::uint32_t kWidth = 160, kBefore = 60;  // in characters
  if (width > 0) {
    // Room for " N | …" and a closing "…"; a wide character takes two of it.
    std::size_t room = width > number.size() + 6 + 20 ? width - number.size() - 6 : 20;
    kWidth = static_cast<std::uint32_t>(room);
    std::uint32_t column = std::max<std::uint32_t>(1, where.column);
    std::uint32_t first = column > kWidth / 3 * 2 ? column - kWidth / 3 : 1;
    while (kWidth > 10 &&
           display_width(printable(line.substr(byte_of_column(line, first),
                                               byte_of_column(line, first + kWidth) - byte_of_column(line, first)))) > room)
      --kWidth;
    kBefore = kWidth / 3;
  }
  std::uint32_t column = std::max<std::uint32_t>(1, where.column);
  std::uint32_t first = column > kWidth - kBefore ? column - kBefore : 1;
  std::size_t from = byte_of_column(line, first), to = byte_of_column(line, first + kWidth);
  bool head = from > 0, tail = to < line.size();
  std::string_view shown = line.substr(from, to - from);
  // The length counts characters like the column; it may run past the line's end.
  std::uint32_t last = column + std::min(std::max<std::uint32_t>(1, where.length), first + kWidth - column);
  std::size_t start = byte_of_column(line, column) - from;
  std::size_t end = std::min(byte_of_column(line, last), to) - from;
  std::size_t pad = (head ? 1 : 0) + display_width(printable(shown.substr(0, start)));
  std::size_t marks = std::max<std::size_t>(1, display_width(printable(shown.substr(start, end - start))));
  out << ' ' << number << " | " << (head ? "…" : "") << printable(shown) << (tail ? "…" : "") << '\n';
  out << ' ' << std::string(number.size(), ' ') << " | " << std::string(pad, ' ') << paint("1;32", std::string(marks, '^'))
      << '\n';
}

}  // namespace

std::string translated_message(const core::Diagnostic& d) {
  if (d.count <= 1 || core::language() == core::Language::en) return core::tr(core::message_text(d));
  auto at = [](const core::Location& l) { return l.line > 0 ? fmt::format("{}:{}:{}", l.file, l.line, l.column) : l.file; };
  std::string where = at(d.where);
  for (const core::Location& l : d.also) where += ", " + at(l);
  if (d.also.size() + 1 < d.count) where += ", …";
  return core::format_translated(N_("{} in {} {}, first at {}"), core::tr(d.subject), core::grouped_count(d.count),
                           core::tr(d.plural), where);
}

void print_diagnostics(std::ostream& out, const core::Diagnostics& diags, core::BookSource* source,
                       const DiagnosticStyle& style) {
  std::map<std::string, std::optional<SourceLines>> texts;
  auto paint = [&](const char* code, const std::string& s) {
    return style.color ? fmt::format("\033[{}m{}\033[0m", code, s) : s;
  };
  for (const core::Diagnostic& d : diags.items()) {
    bool error = d.severity == core::Severity::error;
    // A name in a message, or a file's name, may hold an ESC sequence or a line break that
    // would forge a diagnostic line: every control character is escaped.
    std::string where = core::escape_controls(d.where.file);
    if (d.where.line > 0) where += fmt::format(":{}:{}", d.where.line, d.where.column);
    std::string severity = core::tr(error ? N_("error") : N_("warning"));
    std::string head = fmt::format("{}: {} [{}]: ", where, severity, d.rule);
    out << paint("1", where + ":") << ' ' << paint(error ? "1;31" : "1;35", severity) << " [" << d.rule << "]: "
        << wrap_to_width(core::escape_controls(translated_message(d)), style.width, display_width(head), 4) << '\n';
    if (source && d.where.line > 0 && !d.where.file.empty()) {
      auto it = texts.find(d.where.file);
      if (it == texts.end()) {
        std::optional<SourceLines> lines;
        if (auto text = source->read(d.where.file, nullptr)) lines.emplace(std::move(*text));
        it = texts.emplace(d.where.file, std::move(lines)).first;
      }
      if (it->second) {
        std::string_view line = it->second->line(d.where.line);
        if (d.where.line == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);  // columns skip a BOM
        print_excerpt(out, line, d.where, paint, style.width);
      }
    }
    if (!d.hint.empty()) {
      std::string label = fmt::format("  {}: ", core::tr(N_("hint")));
      std::size_t indent = display_width(label);
      out << label << wrap_to_width(core::escape_controls(core::tr(d.hint)), style.width, indent, indent) << '\n';
    }
  }
}

void print_diagnostics_json(std::ostream& out, const core::Diagnostics& diags, const Meta& meta, std::size_t files,
                            const std::vector<std::string>* managers) {
  nlohmann::ordered_json doc = json_document(meta);
  auto list = nlohmann::ordered_json::array();
  auto text_or_null = [](const std::string& s) { return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s); };
  // The first location, then those kept besides it (every one with --all-locations).
  auto locations = [](const core::Diagnostic& d) {
    auto list = nlohmann::ordered_json::array();
    auto add = [&](const core::Location& l) { list.push_back({{"file", l.file}, {"line", l.line}, {"column", l.column}}); };
    add(d.where);
    for (const core::Location& l : d.also) add(l);
    return list;
  };
  for (std::size_t i = 0; i < diags.items().size(); ++i) {
    const core::Diagnostic& d = diags.items()[i];
    list.push_back({{"severity", d.severity == core::Severity::error ? "error" : "warning"},
                    {"rule", d.rule},
                    {"file", d.where.file},
                    {"line", d.where.line},
                    {"column", d.where.column},
                    {"message", core::message_text(d)},
                    {"hint", text_or_null(d.hint)},
                    {"count", d.count},
                    {"locations", locations(d)},
                    {"commit", text_or_null(d.commit)}});
    if (managers) {
      list.back()["owner"] = text_or_null(d.owner);
      list.back()["manager"] = text_or_null((*managers)[i]);
    }
  }
  doc["diagnostics"] = std::move(list);
  doc["summary"] = {{"errors", diags.error_count()}, {"warnings", diags.warning_count()}, {"files", files}};
  out << dump_json(doc, 2) << '\n';
}

namespace {

/// A workflow command's value: GitHub decodes %25, %0D and %0A (and in properties %3A and
/// %2C), so no finding can end its line early and forge a command of its own. Control
/// characters of the book's text are escaped first, as in every other output.
std::string github_escape(std::string_view s, bool property) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

/// A relative path as a URI reference: every byte but unreserved characters and '/'
/// percent-encoded (a space, '#' or a Chinese file name would otherwise break the URI).
std::string uri_path(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

/// The message, then the hint on a line of its own.
std::string full_message(const core::Diagnostic& d) {
  std::string message = core::message_text(d);
  return d.hint.empty() ? message : message + "\nhint: " + d.hint;
}

}  // namespace

void print_diagnostics_github(std::ostream& out, const core::Diagnostics& diags, const std::string& prefix) {
  for (const core::Diagnostic& d : diags.items()) {
    out << "::" << (d.severity == core::Severity::error ? "error" : "warning") << ' ';
    if (!d.where.file.empty()) {
      out << "file=" << github_escape(core::escape_controls(prefix + d.where.file), true) << ',';
      if (d.where.line > 0) out << "line=" << d.where.line << ",col=" << std::max<std::uint32_t>(1, d.where.column) << ',';
    }
    std::string message = core::escape_controls(core::message_text(d));
    if (!d.hint.empty()) message += "\nhint: " + core::escape_controls(d.hint);
    out << "title=" << github_escape(d.rule, true) << "::" << github_escape(message, false) << '\n';
  }
}

void print_diagnostics_sarif(std::ostream& out, const core::Diagnostics& diags, const std::string& prefix) {
  using Json = nlohmann::ordered_json;
  Json rules = Json::array(), results = Json::array();
  std::map<std::string, std::size_t> rule_index;
  for (const core::Diagnostic& d : diags.items()) {
    auto [it, added] = rule_index.emplace(d.rule, rule_index.size());
    if (added) rules.push_back({{"id", d.rule}, {"name", d.rule}});
    Json result = {{"ruleId", d.rule},
                   {"ruleIndex", it->second},
                   {"level", d.severity == core::Severity::error ? "error" : "warning"},
                   {"message", {{"text", full_message(d)}}}};
    if (!d.where.file.empty()) {
      Json location = {{"artifactLocation", {{"uri", uri_path(prefix + d.where.file)}}}};
      if (d.where.line > 0)
        location["region"] = {{"startLine", d.where.line}, {"startColumn", std::max<std::uint32_t>(1, d.where.column)}};
      result["locations"] = Json::array({{{"physicalLocation", std::move(location)}}});
      // A repeated finding: the other locations it keeps, and how often it occurs.
      if (!d.also.empty()) {
        Json related = Json::array();
        for (const core::Location& l : d.also) {
          Json at = {{"artifactLocation", {{"uri", uri_path(prefix + l.file)}}}};
          if (l.line > 0) at["region"] = {{"startLine", l.line}, {"startColumn", std::max<std::uint32_t>(1, l.column)}};
          related.push_back({{"id", related.size() + 1}, {"physicalLocation", std::move(at)}});
        }
        result["relatedLocations"] = std::move(related);
      }
    }
    if (d.count > 1) result["occurrenceCount"] = d.count;
    results.push_back(std::move(result));
  }
  Json driver = {{"name", "salesops"},
                 {"version", SALESOPS_VERSION},
                 {"rules", std::move(rules)}};
  Json run = {{"tool", {{"driver", std::move(driver)}}},
              {"columnKind", "unicodeCodePoints"},
              {"results", std::move(results)}};
  Json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", Json::array({std::move(run)})}};
  out << core::escape_json_controls(log.dump(2, ' ', false, Json::error_handler_t::replace)) << '\n';
}

}  // namespace salesops::cli
