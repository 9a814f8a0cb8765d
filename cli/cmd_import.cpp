// salesops import deals|customers|people FILE.csv (✎): records from other CRMs' CSV exports.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/diagnostic_render.hpp"
#include "cli/import_report.hpp"
#include "core/base/encoding.hpp"
#include "core/base/escape.hpp"
#include "core/base/i18n.hpp"
#include "core/base/utf8.hpp"
#include "core/import/import.hpp"

namespace salesops::cli {

namespace {

struct ImportArgs {
  std::string kind, file, preset, date_format, team, match, encoding;
  std::vector<std::string> map, stage_map;
  bool update = false;
};

/// The bytes of FILE, or of standard input for "-".
std::string read_input(Context& ctx, const std::string& file) {
  if (file == "-") {
    std::ostringstream all;
    all << std::cin.rdbuf();
    return std::move(all).str();
  }
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec))
    ctx.fail(kUsage, fmt::format(N_("cannot read '{}': it is a directory"), file));
  std::ifstream in(file, std::ios::binary);
  if (!in) ctx.fail(kUsage, fmt::format(N_("cannot read '{}'"), file));
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

[[noreturn]] void encoding_error(Context& ctx, const std::string& file, core::TextPlace at, const std::string& message,
                                 const std::string& hint) {
  std::cerr << core::escape_controls(
      fmt::format("{}:{}:{}: error [encoding]: {}\n  hint: {}\n", file, at.line, at.column, message, hint), "\n");
  ctx.fail(kWriteRefused, N_("nothing was written"));
}

/// The text as UTF-8: converted from --encoding, else checked, with a guess at what it is
/// when it is not UTF-8.
std::string utf8_text(Context& ctx, const std::string& file, std::string bytes, const std::string& encoding) {
  if (!encoding.empty()) {
    core::Utf8Text r = core::to_utf8(bytes, encoding);
    if (r.unknown_encoding)
      ctx.fail(kUsage, fmt::format(N_("--encoding {}: no such encoding (gbk, gb18030, big5, shift_jis, latin1, "
                                      "windows-1252, utf-16 ...; `iconv -l` lists them all)"),
                                   encoding));
    if (r.bad)
      encoding_error(ctx, file, *r.bad, fmt::format(N_("the text here is not {}"), encoding),
                     N_("is the file in another encoding? without --encoding, salesops names the one it looks like"));
    return std::move(r.text);
  }
  std::size_t bad = core::first_invalid_utf8(bytes);
  if (bad == std::string::npos) return bytes;
  core::EncodingGuess guess = core::guess_encoding(bytes);
  encoding_error(ctx, file, core::place_of(bytes, bad),
                 fmt::format(N_("byte {} is not UTF-8"), fmt::format("0x{:02X}", static_cast<unsigned char>(bytes[bad]))),
                 fmt::format(N_("the file looks like {}; try --encoding {}"), guess.description, guess.name));
}

/// "a=b,c=d" items: a repeated left side is allowed (one column may feed several fields).
core::Pairs pairs(Context& ctx, const std::vector<std::string>& items, const char* option) {
  core::Pairs out;
  for (const std::string& joined : items) {
    std::stringstream in(joined);
    std::string item;
    while (std::getline(in, item, ',')) {
      if (item.empty()) continue;
      auto eq = item.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == item.size())
        ctx.fail(kUsage, fmt::format(N_("{}: '{}' is not of the form {}"), option, item,
                                     std::string_view(option) == "--map" ? "COLUMN=FIELD" : "THEIRS=OURS"));
      out.emplace_back(item.substr(0, eq), item.substr(eq + 1));
    }
  }
  return out;
}

/// Warns (on stderr, file:line:column) of the first control character of each line of the
/// CSV text other than tab and the line ends: the records made from it would carry it.
void warn_control_characters(Context& ctx, const std::string& file, std::string_view text) {
  core::Diagnostics diags;
  std::uint32_t line = 1;
  std::size_t line_start = 0, scanned = 0;
  for (std::size_t at = core::find_control(text, 0, "\t\r\n"); at != std::string_view::npos;) {
    for (; scanned < at; ++scanned)
      if (text[scanned] == '\n') ++line, line_start = scanned + 1;
    std::uint32_t column = 1;
    for (std::size_t i = line_start; i < at; ++i) column += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    diags.warning("control-character", {file, line, column}, fmt::format(N_("a control character ({})"), core::control_at(text, at)),
                  N_("a terminal or a spreadsheet may take it as a command; salesops prints it escaped"));
    std::size_t next_line = text.find('\n', at);
    if (next_line == std::string_view::npos) break;
    at = core::find_control(text, next_line + 1, "\t\r\n");
  }
  if (!diags.items().empty()) print_diagnostics(std::cerr, diags, nullptr, {ctx.color(2)});
}

void run_import(Context& ctx, const ImportArgs& a) {
  auto kind = core::parse_import_kind(a.kind);
  if (!kind) ctx.fail(kUsage, fmt::format(N_("cannot import '{}': import deals, customers or people"), a.kind));
  core::ImportOptions o;
  o.kind = *kind;
  if (!a.preset.empty()) {
    const core::ImportPreset* p = core::find_import_preset(a.preset);
    if (!p) {
      std::string names;
      for (const core::ImportPreset& q : core::import_presets()) names += (names.empty() ? "" : ", ") + q.name;
      ctx.fail(kUsage, fmt::format(N_("unknown preset '{}': presets are {}"), a.preset, names));
    }
    o.map = *kind == core::ImportKind::people      ? p->people
            : *kind == core::ImportKind::customers ? p->customers
                                                   : p->deals;
    o.date_format = p->date_format;
    o.stage_map = p->stages;
    o.values = p->values;
  }
  core::Pairs extra = pairs(ctx, a.map, "--map");
  for (std::size_t i = 0; i < extra.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (extra[i].second == extra[j].second)
        ctx.fail(kUsage, fmt::format(N_("--map: field '{}' is given twice"), extra[i].second));
  o.map.insert(o.map.end(), extra.begin(), extra.end());
  core::Pairs stages = pairs(ctx, a.stage_map, "--stage-map");
  o.stage_map.insert(o.stage_map.end(), stages.begin(), stages.end());
  if (!a.date_format.empty()) o.date_format = a.date_format;
  if (auto why = core::date_format_error(o.date_format))
    ctx.fail(kUsage, fmt::format("--date-format '{}': {}", o.date_format, *why));
  o.team = a.team;
  o.update = a.update;
  o.match = a.match;
  o.today = ctx.today();

  const std::string file = a.file == "-" ? std::string("<stdin>") : a.file;
  std::string text = utf8_text(ctx, file, read_input(ctx, a.file), a.encoding);
  // A first pass finds a malformed file before any row is imported; the second imports the
  // rows one at a time (a million rows are never held as records).
  core::CsvReader scan(text);
  for (core::CsvRecord r; scan.next(r);) {
  }
  if (scan.error()) {
    std::cerr << fmt::format("{}:{}:{}: error [csv]: {}\n", file, scan.error()->line, scan.error()->column,
                             scan.error()->message);
    ctx.fail(kWriteRefused, N_("nothing was written"));
  }
  warn_control_characters(ctx, file, text);

  const core::Book& book = ctx.book();
  if (!o.team.empty() && !book.team(o.team)) ctx.fail(kUsage, fmt::format(N_("unknown --team '{}'"), o.team));
  // In a machine format every record is listed; as text, the reporter keeps only the lines
  // it prints as the rows are decided.
  const bool table = ctx.format() == Format::table;
  ImportReporter reporter(file, !ctx.options.quiet);
  core::CsvReader rows(text);
  core::ImportChange change = core::import_change(
      book, rows, o,
      table ? core::ImportReport([&](const core::ImportOutcome& r) { reporter.take(r); }) : core::ImportReport{});
  for (std::size_t i = 0; i < change.errors.size(); ++i) {
    const core::ImportError& e = change.errors[i];
    std::string message = i + 1 == change.errors.size() ? fmt::format(N_("{}: {}; nothing was written"), file, e.message)
                                                         : fmt::format("{}: {}", file, e.message);
    print_error(message, e.hint);
  }
  if (!change.ok()) throw Exit{kUsage};
  std::string().swap(text);  // the rows are read: the file's text is not needed for the write

  if (!table) {
    ctx.apply(change.edits);
    if (ctx.options.dry_run) ctx.note = "dry run: nothing was written";
    ctx.emit(import_table(change));
    return;
  }
  reporter.print_rows(std::cout);
  if (!change.edits.empty()) ctx.write(change.edits, "");
  reporter.print_summary(std::cout, change, o.update, ctx.options.dry_run);
  std::cout.flush();
}

}  // namespace

Run setup_import(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<ImportArgs>();
  app.add_option("kind", a->kind, N_("deals, customers or people"))->required();
  app.add_option("file", a->file, N_("The CSV file (RFC 4180, with a header row); - reads standard input"))->required();
  app.add_option("--map", a->map, N_("COLUMN=FIELD pairs, comma separated: which column fills which field"));
  app.add_option("--preset", a->preset, N_("Settings for a known export: crm-sales-opportunities"));
  app.add_option("--date-format", a->date_format,
                 N_("How the file writes dates, in strptime(3) codes: %m/%d/%Y, %Y-%m-%d %H:%M:%S (ISO is always read)"));
  app.add_option("--stage-map", a->stage_map, N_("THEIRS=OURS stage names, comma separated"));
  app.add_option("--team", a->team, N_("The team people named by customer or deal rows join when they are created"));
  app.add_flag("--update", a->update, N_("Change the records of the book that rows name, instead of skipping those rows"));
  app.add_option("--match", a->match, N_("The field (or its column) that finds a row's record: id, name, email, title"));
  app.add_option("--encoding", a->encoding,
                 N_("The file's encoding when it is not UTF-8: gbk, gb18030, big5, latin1, utf-16 ..."));
  return [&ctx, a] { run_import(ctx, *a); };
}

}  // namespace salesops::cli
