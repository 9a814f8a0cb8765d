#include "core/export/sqlite.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cstring>
#include <memory>
#include <variant>

#include "core/base/durable_file.hpp"
#include "core/base/i18n.hpp"

namespace salesops::core {

namespace {

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct Finalize {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;
using Statement = std::unique_ptr<sqlite3_stmt, Finalize>;

/// An identifier quoted for SQL ("from" and "order" are keywords): our names never hold a '"'.
std::string sql_name(std::string_view id) { return fmt::format("\"{}\"", id); }

std::string create_statement(const TidyTable& t) {
  std::string sql = fmt::format("CREATE TABLE {} (", sql_name(t.name));
  for (std::size_t i = 0; i < t.table.columns.size(); ++i)
    sql += fmt::format("{}{} {}", i ? ", " : "", sql_name(t.table.columns[i].id), sql_type(t.types[i]));
  return sql + ")";
}

std::string insert_statement(const TidyTable& t) {
  std::string sql = fmt::format("INSERT INTO {} VALUES (", sql_name(t.name));
  for (std::size_t i = 0; i < t.table.columns.size(); ++i) sql += i ? ", ?" : "?";
  return sql + ")";
}

int bind(sqlite3_stmt* s, int index, const Cell& cell) {
  if (auto* text = std::get_if<std::string>(&cell))
    return sqlite3_bind_text(s, index, text->data(), static_cast<int>(text->size()), SQLITE_TRANSIENT);
  if (auto* i = std::get_if<std::int64_t>(&cell)) return sqlite3_bind_int64(s, index, *i);
  if (auto* m = std::get_if<Money>(&cell)) return sqlite3_bind_double(s, index, static_cast<double>(m->cents) / 100.0);
  if (auto* d = std::get_if<Decimal>(&cell)) return sqlite3_bind_double(s, index, d->value);
  if (auto* r = std::get_if<Ratio>(&cell)) return sqlite3_bind_double(s, index, r->value);
  if (auto* d = std::get_if<Date>(&cell)) {
    std::string iso = format_date(*d);
    return sqlite3_bind_text(s, index, iso.data(), static_cast<int>(iso.size()), SQLITE_TRANSIENT);
  }
  return sqlite3_bind_null(s, index);
}

class Writer {
 public:
  explicit Writer(sqlite3* db) : db_(db) {}

  bool exec(const std::string& sql) {
    return sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK || fail();
  }

  bool insert_rows(const std::string& sql, const std::vector<std::vector<Cell>>& rows) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) return fail();
    Statement s(raw);
    for (const auto& row : rows) {
      for (std::size_t i = 0; i < row.size(); ++i)
        if (bind(raw, static_cast<int>(i + 1), row[i]) != SQLITE_OK) return fail();
      if (sqlite3_step(raw) != SQLITE_DONE || sqlite3_reset(raw) != SQLITE_OK) return fail();
    }
    return true;
  }

  const std::string& error() const { return error_; }

 private:
  bool fail() {
    error_ = sqlite3_errmsg(db_);
    return false;
  }
  sqlite3* db_;
  std::string error_;
};

}  // namespace

std::string write_sqlite(const std::filesystem::path& path, const std::vector<TidyTable>& tables,
                         const std::vector<std::pair<std::string, std::string>>& meta) {
  DurableFile file(path);
  if (!file.open())
    return fmt::format(N_("cannot create a file beside '{}': {}"), path.string(), std::strerror(file.error()));
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(file.temporary().c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) return fmt::format(N_("cannot open a database at '{}': {}"), path.string(), sqlite3_errstr(rc));
  Writer w(raw);
  // The file is new and takes its name only when whole: SQLite's own journal adds nothing.
  bool ok = w.exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN");
  for (const TidyTable& t : tables) {
    if (!ok) break;
    ok = w.exec(create_statement(t)) && w.insert_rows(insert_statement(t), t.table.rows);
  }
  if (ok) {
    TidyTable m{"salesops_meta", {TidyType::text, TidyType::text}, {}};
    m.table.add_column(N_("key"));
    m.table.add_column(N_("value"));
    for (const auto& [key, value] : meta) m.table.rows.push_back({key, value});
    ok = w.exec(create_statement(m)) && w.insert_rows(insert_statement(m), m.table.rows) && w.exec("COMMIT");
  }
  if (!ok) return fmt::format(N_("cannot write '{}': {}"), path.string(), w.error());
  db.reset();
  if (!file.finish() || !file.commit())
    return fmt::format(N_("cannot write '{}': {}"), path.string(), std::strerror(file.error()));
  sync_directory(path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path());
  return {};
}

}  // namespace salesops::core
