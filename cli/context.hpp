#pragma once
// What every command shares: the global options, the book, today, the period, and output.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/render.hpp"
#include "core/base/i18n.hpp"
#include "core/base/period.hpp"
#include "core/base/table.hpp"
#include "core/book/book.hpp"
#include "core/load/book.hpp"
#include "core/load/parallel.hpp"
#include "core/write/writer.hpp"

namespace salesops::cli {

/// Exit codes of SPEC 8.
enum ExitCode { kOk = 0, kCheckFailed = 1, kUsage = 2, kBookUnreadable = 3, kWriteRefused = 4 };

/// Thrown to end a command with an exit code after its message has been printed.
struct Exit {
  int code;
};

/// What a command needs, said once in its row of the command table (cli/commands.hpp), as
/// git.c's `{ "add", cmd_add, RUN_SETUP | NEED_WORK_TREE }`: no command repeats it.
enum Need : unsigned {
  /// It writes the book: it takes --dry-run, --at refuses it (a past revision has nothing to
  /// write to), and it reads the book under the write lock, so that ids chosen from the book
  /// stay free until the write.
  kWritesBook = 1u << 0,
  /// It reads the book as --at names it: at a git revision instead of the working tree.
  kReadsAtRevision = 1u << 1,
};

struct GlobalOptions {
  std::string book, at, period, today, format, output;
  bool no_color = false, quiet = false, bom = false;
  std::string color = "auto";  // --color=auto|always|never
  bool csv_raw = false;  // --csv-raw: csv and tsv text cells unneutralised
  bool no_cache = false;  // --no-cache (also SALESOPS_NO_CACHE=1): parse every file
  bool dry_run = false;  // set by add_write_options on verbs that write
  bool wide = false;                 // --wide: every column, nothing cut, on a terminal too
  std::vector<std::string> columns;  // --columns a,b,c: these columns, in this order, in every format
  std::size_t width = 0;             // --width N: fit table output to N columns, even when piped
  std::string lang;                  // --lang en|zh: the interface language (decided before parsing)
};

/// Flushes stdout and checks that all it was given reached its file. On a failure it prints
/// "salesops: error: cannot write output: <reason>" and returns false; a reader that closed
/// its end of a pipe ends the program silently by SIGPIPE, as it ends cat or grep.
bool flush_stdout();

/// Prints "salesops: error: MESSAGE" and, when given, "  hint: HINT" to stderr, in the
/// interface language, control characters escaped.
void print_error(std::string_view message, std::string_view hint = {});
/// `text` in the interface language, line by line (a summary of several lines).
std::string translated_lines(std::string_view text);

class Context {
 public:
  GlobalOptions options;
  std::string command;  // "kpi", "coach log", ... for json meta; set by begin()
  std::string revision_label;  // json meta.revision when a command reads other revisions than --at (diff)
  std::string note;            // json meta.note: what the output leaves out (log in a shallow clone)
  std::string currency;        // json: the unit of money columns when the book is not book() (diff)

  /// Starts the command a row of the table names (`name` is its full name, "coach log"),
  /// with the needs of that row. A command that writes is refused under --at (exit 2).
  void begin(std::string name, unsigned needs);

  /// --today, SALESOPS_TODAY, else the system date. Exits 2 on a malformed date.
  core::Date today();
  /// The book's root (--book, SALESOPS_BOOK, or the nearest ancestor). Exits 3 when none.
  std::filesystem::path book_root();
  /// Loads the book; prints its problems and exits 3 when it has errors. A command that
  /// writes takes the book's write lock first (exit 4 when another writer holds it too long).
  const core::Book& book();
  /// Loads the book `from` reads (with the cache and threads of load_options); prints its
  /// errors and exits 3 with "<what> has N errors<hint>" when it has any.
  std::unique_ptr<core::Book> load_or_fail(core::BookSource& from, std::string_view what, std::string_view hint = {});
  /// Exits 3 when `loaded` holds errors, as load_or_fail does (`from`, when given, shows
  /// each error's line).
  void fail_on_errors(const core::LoadResult& loaded, core::BookSource* from, std::string_view what,
                      std::string_view hint = {});
  /// Loads the book and keeps every diagnostic, errors included (for `check`).
  core::LoadResult load_for_check(bool all_locations = false);
  /// The book's files: the working tree, or the revision of --at for a command that reads
  /// at a revision (exits 2 for an unknown revision, 3 when the book is not in a git repository).
  core::BookSource& source();
  /// Threads (SALESOPS_THREADS, else one per core) and the parsed-record cache (on unless
  /// --no-cache or SALESOPS_NO_CACHE=1) of the load.
  core::LoadOptions load_options() const;
  /// The full commit id --at names; empty without --at.
  std::string revision();
  /// --period, else `fallback` (a period expression). Exits 2 on a malformed period.
  core::Period period(std::string_view fallback);
  /// The output format: --format, else from -o FILE's extension, else table.
  Format format();
  /// Renders a table to stdout or -o FILE, with the columns --columns chooses, fitted to the
  /// terminal (fit_width). `title`, when given, heads table and md output (a line of its own).
  void emit(const core::Table& table, const std::string& period_label = {}, const std::string& title = {});
  /// Renders a period's report: as emit, headed "<title_format's title> for <period> (<first> – <last>)",
  /// with " at <revision>" under --at. `title_format` is a msgid with one placeholder, the
  /// period: "Scorecard for {}" (N_-marked where it is given), translated with the title.
  void emit_report(const core::Table& table, std::string_view title_format, const core::Period& period);
  /// `title`, with " at <revision>" (its first 7 digits) under --at.
  std::string with_revision(std::string title);
  /// The title line of a period's report (see emit_report).
  std::string period_title(std::string_view title_format, const core::Period& period);
  /// The width table output is fitted to: --width, else on a terminal COLUMNS or its size;
  /// 0 when it is not fitted (piped or file output, other formats, --wide).
  std::size_t fit_width();
  /// `table` as it is shown: the columns of --columns (exits 2 naming an unknown one, unless
  /// `skip_absent`, for a report of several tables), fitted to fit_width(). `note` receives
  /// the line naming the columns a fitted table left out ("" when none).
  core::Table shown(const core::Table& table, std::string* note, bool skip_absent = false);
  /// Writes what `print` writes to stdout or -o FILE; `print` is told whether it may colour.
  void output(const std::function<void(std::ostream&, bool color)>& print);
  /// The json "meta" of this command; a period label the command parsed with period() also
  /// gives meta its first and last day.
  Meta meta(const std::string& period_label = {});
  Meta meta(const core::Period& period);
  /// Whether the output is for programs (csv, tsv, json, jsonl, xlsx, ...), not people.
  bool machine_format();
  /// A commit id as this output names it: full in machine formats, its first 10 characters
  /// in table and md.
  std::string commit_id(const std::string& full);
  /// Whether colour may be used on the stream `fd` (1 or 2).
  bool color(int fd) const;
  /// Prints "salesops: error: message" to stderr and exits with `code` (the message in the
  /// interface language).
  [[noreturn]] void fail(int code, const std::string& message) const;

  /// Declares --dry-run on a verb that writes (✎).
  void add_write_options(CLI::App& app);
  /// Applies `edits` as one transaction through the safe writer. A refusal prints its
  /// diagnostics and exits 4. With --dry-run it prints the diff and writes nothing;
  /// otherwise it prints `done` (unless -q).
  void write(const std::vector<core::FileEdit>& edits, const std::string& done);
  /// Applies `edits` as write() does but prints nothing on success: the caller reports what
  /// was written (--format json).
  core::WriteResult apply(const std::vector<core::FileEdit>& edits);

 private:
  unsigned needs_ = 0;  // Need flags of the running command
  std::optional<core::Date> today_;
  std::vector<core::Period> periods_;  // every period parsed, for meta's first and last day
  std::optional<std::filesystem::path> root_;
  std::unique_ptr<core::BookSource> source_;
  std::unique_ptr<core::Book> book_;
  std::unique_ptr<core::BookWriter> writer_;
  core::BookWriter& writer();
  void lock_book();  // exits 4 when another writer holds the lock too long
  void report_pending_write();  // a reader's look at .salesops/journal: one stat; exits 3 on a half-done write
};

}  // namespace salesops::cli
