#include "cli/context.hpp"

#include <fmt/format.h>
#include <stdio_ext.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "cli/diagnostic_render.hpp"
#include "cli/fit.hpp"
#include "cli/render_xlsx.hpp"
#include "core/base/durable_file.hpp"
#include "core/base/escape.hpp"
#include "core/base/i18n.hpp"
#include "core/load/book.hpp"
#include "core/load/git_source.hpp"
#include "core/write/journal.hpp"

namespace salesops::cli {

bool flush_stdout() {
  std::cout.flush();
  bool lost = !std::cout;
  int reason = lost ? errno : 0;
  // A write error seen earlier leaves the stream failed; flushing again gives its reason.
  errno = 0;
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) lost = true, reason = errno ? errno : reason;
  if (!lost) return true;
  if (reason == EPIPE) {  // SIGPIPE was ignored (inherited): end as it would have ended us
    std::signal(SIGPIPE, SIG_DFL);
    std::raise(SIGPIPE);
  }
  print_error(reason ? fmt::format(N_("cannot write output: {}"), std::strerror(reason)) : std::string(N_("cannot write output")));
  // Reported once: what could not be written is dropped, so the check at exit passes.
  __fpurge(stdout);
  std::clearerr(stdout);
  std::cout.clear();
  return false;
}

std::string translated_lines(std::string_view text) {
  std::string out;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    out += core::tr(text.substr(start, end - start));
    if (end < text.size()) out += '\n';
    start = end + 1;
  }
  return out;
}

void print_error(std::string_view message, std::string_view hint) {
  std::cerr << "salesops: " << core::tr(N_("error")) << ": " << core::escape_controls(core::tr(message)) << '\n';
  if (!hint.empty()) std::cerr << "  " << core::tr(N_("hint")) << ": " << core::escape_controls(core::tr(hint)) << '\n';
}

void Context::fail(int code, const std::string& message) const {
  print_error(message);
  throw Exit{code};
}

bool Context::color(int fd) const {
  if (options.color == "always") return true;  // asked for by name: wins over NO_COLOR
  if (options.no_color || options.color == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string_view(term) == "dumb") return false;
  return isatty(fd) != 0;
}

core::Date Context::today() {
  if (!today_) {
    std::string error;
    auto d = core::today_from(options.today, std::getenv("SALESOPS_TODAY"), &error);
    if (!d) fail(kUsage, error);
    today_ = *d;
  }
  return *today_;
}

std::filesystem::path Context::book_root() {
  if (!root_) {
    std::string error;
    auto root = core::find_book(options.book, std::getenv("SALESOPS_BOOK"), std::filesystem::current_path(), &error);
    if (!root) fail(kBookUnreadable, error);
    root_ = *root;
  }
  return *root_;
}

void Context::begin(std::string name, unsigned needs) {
  command = std::move(name);
  needs_ = needs;
  // A past revision is read from git's objects: there is nothing there to write to.
  if ((needs & kWritesBook) && !options.at.empty())
    fail(kUsage,
         fmt::format(N_("--at {} reads a past revision: a command that writes works on the working tree"), options.at));
}

core::BookSource& Context::source() {
  if (!source_) {
    if (options.at.empty() || !(needs_ & kReadsAtRevision)) {
      source_ = core::directory_source(book_root());
    } else {
      std::string error;
      core::GitSourceError why = core::GitSourceError::none;
      source_ = core::git_source(book_root(), options.at, &error, &why);
      if (!source_) fail(why == core::GitSourceError::unknown_revision ? kUsage : kBookUnreadable, error);
    }
  }
  return *source_;
}

core::LoadOptions Context::load_options() const {
  core::LoadOptions o;
  const char* no_cache = std::getenv("SALESOPS_NO_CACHE");
  o.cache = !options.no_cache && !(no_cache && std::string_view(no_cache) == "1");
  if (const char* threads = std::getenv("SALESOPS_THREADS"); threads && *threads) {
    unsigned n = 0;
    auto [end, ec] = std::from_chars(threads, threads + std::strlen(threads), n);
    if (ec == std::errc{} && *end == '\0' && n > 0 && n <= 256) o.threads = n;
  }
  return o;
}

core::LoadResult Context::load_for_check(bool all_locations) {
  report_pending_write();
  core::LoadOptions o = load_options();
  o.all_locations = all_locations;
  return core::load_book(source(), book_root(), o);
}
std::string Context::revision() { return options.at.empty() ? std::string{} : source().revision(); }


std::unique_ptr<core::Book> Context::load_or_fail(core::BookSource& from, std::string_view what, std::string_view hint) {
  core::LoadResult r = core::load_book(from, book_root(), load_options());
  fail_on_errors(r, &from, what, hint);
  return std::move(r.book);
}

void Context::fail_on_errors(const core::LoadResult& loaded, core::BookSource* from, std::string_view what,
                             std::string_view hint) {
  if (!loaded.diags.has_errors()) return;
  core::Diagnostics errors;
  for (auto& d : loaded.diags.items()) if (d.severity == core::Severity::error) errors.add(d);
  print_diagnostics(std::cerr, errors, from, {color(2)});
  std::size_t n = errors.error_count();
  fail(kBookUnreadable, n == 1 ? fmt::format(N_("{} has {} error{}"), what, n, hint)
                               : fmt::format(N_("{} has {} errors{}"), what, n, hint));
}

const core::Book& Context::book() {
  if (!book_) {
    if ((needs_ & kWritesBook) && !options.dry_run) lock_book();
    else report_pending_write();
    book_ = load_or_fail(source(), N_("the book"), N_("; `salesops check` lists every problem"));
  }
  return *book_;
}

core::Period Context::period(std::string_view fallback) {
  std::string text = options.period.empty() ? std::string(fallback) : options.period;
  core::CalendarSettings calendar = book_ ? book_->config.calendar : core::CalendarSettings{};
  std::string error;
  auto p = core::parse_period(text, today(), calendar, &error);
  if (!p) fail(kUsage, error);
  periods_.push_back(*p);
  return *p;
}

Format Context::format() {
  if (!options.format.empty()) {
    auto f = parse_format(options.format);
    if (!f) fail(kUsage, fmt::format(N_("unknown format '{}': use table, csv, tsv, json, jsonl, md or xlsx"), options.format));
    return *f;
  }
  if (!options.output.empty()) {
    auto f = format_from_extension(options.output);
    if (!f) fail(kUsage, fmt::format(N_("cannot tell the format from '{}': add --format"), options.output));
    return *f;
  }
  return Format::table;
}

Meta Context::meta(const std::string& period_label) {
  Meta m{book_root().string(), command, period_label, core::format_date(today()),
         revision_label.empty() ? revision() : revision_label, note, {}, {}, {}};
  // The days of the period the label names, when the command parsed it.
  for (const core::Period& p : periods_)
    if (!period_label.empty() && p.label == period_label) {
      m.period_start = core::format_date(p.first);
      m.period_end = core::format_date(p.last);
    }
  m.currency = currency.empty() && book_ ? book_->config.currency : currency;
  return m;
}

Meta Context::meta(const core::Period& period) {
  periods_.push_back(period);
  return meta(period.label);
}

bool Context::machine_format() {
  Format f = format();
  return f != Format::table && f != Format::md && f != Format::html;
}

std::string Context::commit_id(const std::string& full) {
  return machine_format() ? full : full.substr(0, 10);
}

void Context::output(const std::function<void(std::ostream&, bool color)>& print) {
  try {
    if (options.output.empty()) {
      print(std::cout, color(1));
      if (!flush_stdout()) throw Exit{kWriteRefused};
    } else {
      std::ostringstream out;
      print(out, false);
      if (core::write_output_file(options.output, out.view()) != 0)
        fail(kWriteRefused, fmt::format(N_("cannot write '{}'"), options.output));
    }
  } catch (const std::invalid_argument& e) {
    fail(kUsage, e.what());
  }
}

std::size_t Context::fit_width() {
  if (options.wide || format() != Format::table || !options.output.empty()) return 0;
  if (options.width > 0) return options.width;
  if (!isatty(1)) return 0;
  return terminal_width(1).value_or(80);
}

core::Table Context::shown(const core::Table& table, std::string* note, bool skip_absent) {
  core::Table t = table;
  if (note) note->clear();
  if (!options.columns.empty()) {
    // Machine formats choose among their own columns too (row_kind, a period's days); the
    // ones not named are left out like any other.
    if (machine_format()) {
      std::optional<core::Table> storage;
      if (const core::Table& machine = machine_table(t, storage); &machine != &t) t = std::move(*storage);
      t.machine_columns = true;
    }
    if (auto error = select_columns(t, options.columns, skip_absent)) fail(kUsage, *error);
  }
  if (std::size_t width = fit_width()) {
    // Columns named by --columns are what was asked for: they are cut, never left out.
    bool chosen = !options.columns.empty();
    std::vector<std::string> hidden = fit_table(t, width, !chosen, !chosen);
    if (note && !hidden.empty()) *note = hidden_columns_note(hidden, width);
  }
  return t;
}

std::string Context::period_title(std::string_view title_format, const core::Period& period) {
  std::string title = core::format_translated(title_format, period.label);
  // A range (A..B) or a day names its dates already.
  bool dated = period.label.find("..") != std::string::npos || period.label == core::format_date(period.first);
  if (!dated && period.first != period.last)
    title += fmt::format(" ({} \u2013 {})", core::format_date(period.first), core::format_date(period.last));
  else if (!dated)
    title += fmt::format(" ({})", core::format_date(period.first));
  return with_revision(std::move(title));
}

std::string Context::with_revision(std::string title) {
  if (std::string rev = revision(); !rev.empty())
    title += core::language() == core::Language::en ? " at " + rev.substr(0, 7)
                                                    : core::format_translated(N_(" at revision {}"), rev.substr(0, 7));
  return title;
}

void Context::emit_report(const core::Table& table, std::string_view title_format, const core::Period& period) {
  emit(table, period.label, period_title(title_format, period));
}

void Context::emit(const core::Table& table, const std::string& period_label, const std::string& title) {
  RenderOptions ro;
  ro.format = format();
  std::string note;
  core::Table t = shown(table, &note);
  if (ro.format == Format::xlsx) {
    // A workbook is binary: it goes to a file, never to a terminal or a pipe.
    if (options.output.empty()) fail(kUsage, N_("xlsx is written to a file: add -o FILE.xlsx"));
    std::string sheet = command;
    std::replace(sheet.begin(), sheet.end(), ' ', '-');
    if (std::string error = write_xlsx(options.output, t, sheet.substr(0, 31)); !error.empty())
      fail(kWriteRefused, error);
    return;
  }
  ro.bom = options.bom;
  ro.csv_raw = options.csv_raw;
  ro.meta = meta(period_label);
  bool titled = !title.empty() && (ro.format == Format::table || ro.format == Format::md);
  std::size_t width = fit_width();
  output([&](std::ostream& out, bool color) {
    ro.color = ro.format == Format::table && color;
    if (titled) {
      std::string shown = core::tr(title);  // a title made elsewhere than period_title, in the interface language
      std::string line = core::escape_controls(width ? cut_to_width(shown, width) : shown);
      if (ro.format == Format::md) out << "# " << line << "\n\n";
      else out << (ro.color ? "\x1b[1m" + line + "\x1b[0m" : line) << "\n\n";
    }
    render(out, t, ro);
    if (!note.empty()) out << (ro.color ? "\x1b[2m" + note + "\x1b[0m" : note) << '\n';
  });
}

void Context::add_write_options(CLI::App& app) {
  app.add_flag("--dry-run", options.dry_run, N_("Print the diff the command would make; write nothing"));
}

core::BookWriter& Context::writer() {
  // Only the table's rows that write get here; begin() refused them under --at.
  if (!(needs_ & kWritesBook))
    throw std::logic_error(command + " writes, but its row in the command table lacks kWritesBook");
  if (!writer_) writer_ = std::make_unique<core::BookWriter>(book_root(), core::WriteOptions{.dry_run = options.dry_run});
  return *writer_;
}

void Context::lock_book() {
  if (options.dry_run) return;
  if (auto refused = writer().lock()) {
    core::Diagnostics diags;
    diags.add(*refused);
    print_diagnostics(std::cerr, diags, nullptr, {color(2)});
    fail(kWriteRefused, N_("nothing was written"));
  }
}

void Context::report_pending_write() {
  if (!options.at.empty() && (needs_ & kReadsAtRevision)) return;  // git's objects hold no half-done write
  auto pending = core::pending_write(book_root(), core::WriteOptions{}.lock_timeout);
  if (!pending) return;
  core::Diagnostics diags;
  diags.add(*pending);
  print_diagnostics(std::cerr, diags, nullptr, {color(2)});
  if (pending->severity == core::Severity::error) fail(kBookUnreadable, N_("the book was not read"));
}

core::WriteResult Context::apply(const std::vector<core::FileEdit>& edits) {
  core::WriteResult r = writer().apply(edits);
  if (!r.ok()) {
    core::Diagnostics diags;
    for (auto& d : r.errors) diags.add(d);
    print_diagnostics(std::cerr, diags, &source(), {color(2)});
    fail(kWriteRefused, N_("nothing was written"));
  }
  return r;
}

void Context::write(const std::vector<core::FileEdit>& edits, const std::string& done) {
  core::WriteResult r = apply(edits);
  if (options.dry_run)
    std::cout << core::escape_controls(r.diff, "\t\n");
  else if (!options.quiet && !done.empty())
    std::cout << core::escape_controls(translated_lines(done), "\n") << '\n';
  if (!flush_stdout()) throw Exit{kWriteRefused};
}

}  // namespace salesops::cli
