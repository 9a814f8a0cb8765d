#pragma once
// The row-by-row half of `salesops import`: each row is checked whole before anything it
// creates is kept, so a skipped row leaves no trace.
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/import/import.hpp"
#include "core/yaml/edit.hpp"

namespace salesops::core {

class RowImporter {
 public:
  RowImporter(const Book& book, const ImportOptions& options, std::span<const char* const> fields,
              std::vector<int> column, std::vector<std::string> header, const ImportReport& report,
              ImportChange& change);
  /// The kind's required columns are mapped; else sets change.error.
  bool check_required();
  void row(const CsvRecord& record);
  /// Turns the records kept into the edits of one transaction.
  void finish();

 private:
  /// Ids and names of one kind of record, the book's and those created so far.
  struct Known {
    std::unordered_map<std::string, std::uint32_t> ids;    // id -> CSV line that created it, 0: the book's
    std::unordered_map<std::string, std::string> by_name;  // name -> id
    std::string find(std::string_view value) const;        // id or name -> id; "" when unknown
    void add(const std::string& id, const std::string& name, std::uint32_t created_on = 0);
    /// "is already in the book", or "was created on line N" for a record of this import.
    std::string where(const std::string& id) const;
  };
  /// What the current row would create, kept only when the whole row passes.
  struct Pending {
    std::vector<std::pair<std::string, YamlValue>> teams, people;  // id, record
    std::vector<std::pair<std::string, std::string>> team_names, person_names;
    std::vector<std::string> notes;
  };

  std::string value(const CsvRecord& r, std::string_view field) const;
  std::string column_name(std::string_view field) const;
  bool mapped(std::string_view field) const;
  std::optional<Date> date(const CsvRecord& r, std::string_view field, std::string& why) const;
  std::string unique_id(std::string base, const Known& known) const;
  std::string next_number(const std::string& prefix, const Known& known);
  /// A person by id or name; created (in `team`) when `team` is given. "" with `why` when neither.
  std::string person(const std::string& v, const std::string& team, const char* role, Pending& p, std::string& why);
  std::string team(const std::string& v, const std::string& parent, const std::string& manager, Pending& p,
                   std::string& why);
  void keep(Pending& p, std::uint32_t line);
  void created(std::uint32_t line, std::string note);
  void skip(std::uint32_t line, std::string why);

  void person_row(const CsvRecord& r);
  void customer_row(const CsvRecord& r);
  void deal_row(const CsvRecord& r);

  const Book& book_;
  const ImportOptions& o_;
  std::span<const char* const> fields_;
  std::vector<int> column_;
  const ImportReport& report_;
  ImportChange& change_;
  std::vector<std::string> header_;
  Known teams_, people_, customers_, deals_;
  std::unordered_map<std::string, std::uint64_t> counters_;  // id prefix -> next number
  std::vector<YamlValue> new_teams_, new_people_;
  std::vector<FileEdit> customer_files_;
  /// Per deals file, its new deals as block lines (YamlEdit::append_lines) and their count.
  std::map<std::string, std::pair<std::string, std::size_t>> deal_files_;
};

}  // namespace salesops::core
