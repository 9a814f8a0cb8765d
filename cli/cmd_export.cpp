// salesops export DEST: every record kind as a tidy table, for a data warehouse or SQL.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "core/base/durable_file.hpp"
#include "core/base/escape.hpp"
#include "core/base/i18n.hpp"
#include "core/export/sqlite.hpp"
#include "core/export/tidy.hpp"

namespace salesops::cli {

namespace {

namespace fs = std::filesystem;

bool is_database(const fs::path& dest) {
  std::string ext = dest.extension().string();
  return ext == ".sqlite" || ext == ".sqlite3" || ext == ".db";
}

/// DEST/NAME.csv (or .jsonl) per table, each written durably; the directory is made when
/// missing, and files of other names in it are left alone.
void write_directory(Context& ctx, const fs::path& dest, const std::vector<core::TidyTable>& tables, Format format) {
  std::error_code ec;
  fs::create_directories(dest, ec);
  if (ec || !fs::is_directory(dest)) ctx.fail(kWriteRefused, fmt::format(N_("cannot make the directory '{}'"), dest.string()));
  RenderOptions ro;
  ro.format = format;
  ro.bom = ctx.options.bom;
  ro.csv_raw = ctx.options.csv_raw;
  for (const core::TidyTable& t : tables) {
    std::ostringstream out;
    render(out, t.table, ro);
    fs::path file = dest / (t.name + (format == Format::csv ? ".csv" : ".jsonl"));
    if (core::write_output_file(file, out.view()) != 0) ctx.fail(kWriteRefused, fmt::format(N_("cannot write '{}'"), file.string()));
  }
}

void run_export(Context& ctx, const std::string& destination) {
  const core::Book& book = ctx.book();
  std::vector<core::TidyTable> tables = core::tidy_tables(book);
  fs::path dest(destination);
  Format format = ctx.options.format.empty() ? Format::csv : ctx.format();
  if (is_database(dest)) {
    std::vector<std::pair<std::string, std::string>> meta = {
        {"format_version", "1"},
        {"book", ctx.book_root().string()},
        {"revision", ctx.revision()},
        {"today", core::format_date(ctx.today())},
        {"currency", book.config.currency},
    };
    if (std::string error = core::write_sqlite(dest, tables, meta); !error.empty()) ctx.fail(kWriteRefused, error);
  } else if (format == Format::csv || format == Format::jsonl) {
    write_directory(ctx, dest, tables, format);
  } else {
    ctx.fail(kUsage, N_("export writes csv (the default) or jsonl files into a directory, or a .sqlite file"));
  }
  if (ctx.options.quiet) return;
  std::size_t rows = 0;
  for (const core::TidyTable& t : tables) rows += t.table.rows.size();
  std::cout << core::tr(fmt::format(N_("exported {} tables, {} rows, to {}"), tables.size(), rows, core::escape_controls(dest.string())))
            << '\n';
  if (!flush_stdout()) throw Exit{kWriteRefused};
}

}  // namespace

Run setup_export(CLI::App& app, Context& ctx) {
  auto dest = std::make_shared<std::string>();
  app.add_option("DEST", *dest, N_("A directory (one csv or jsonl file per table) or FILE.sqlite (one database)"))->required();
  return [&ctx, dest] { run_export(ctx, *dest); };
}

}  // namespace salesops::cli
