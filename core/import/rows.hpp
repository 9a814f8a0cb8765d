#pragma once
// The row-by-row half of `salesops import`: each row is checked whole before anything it
// creates is kept, so a skipped row leaves no trace.
#include <map>
#include <span>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/book/field_place.hpp"
#include "core/import/import.hpp"
#include "core/yaml/edit.hpp"

namespace salesops::core {

class RowImporter {
 public:
  /// `match`: the field that finds a row's record in the book (ImportOptions::match), "" for
  /// the default.
  RowImporter(const Book& book, const ImportOptions& options, std::span<const char* const> fields,
              std::vector<int> column, std::vector<std::string> header, std::string match, const ImportReport& report,
              ImportChange& change);
  /// The kind's required columns are mapped; else sets change.error.
  bool check_required();
  void row(const CsvRecord& record);
  /// Turns the records kept into the edits of one transaction, or fails the import when
  /// rows name stages or people the book lacks.
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
    std::vector<std::pair<std::string, std::string>> team_names, person_names, customer_names;
    std::vector<FileEdit> customer_files;
    std::vector<std::string> notes;
    std::vector<EditedRecord> records;
  };
  /// Values rows name that the book lacks (a stage, a person): how many rows, which lines.
  struct Unknown {
    std::size_t rows = 0;
    std::vector<std::uint32_t> lines;  // the first few
  };
  struct UnknownValues {
    std::vector<std::pair<std::string, Unknown>> values;  // in order of first appearance
    std::unordered_map<std::string, std::size_t> index;
    void add(const std::string& value, std::uint32_t line);
    std::size_t rows() const;
    /// "'Qualify' (2 rows: lines 2, 4), 'Closed Won' (1 row: line 3)"
    std::string list() const;
  };
  /// The values of a row that its record gets, read and checked whole.
  struct DealValues {
    std::uint8_t stage = 0;
    std::optional<Date> opened, expected, closed;
    std::optional<Money> amount;
    std::string customer, owner;
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
  /// A customer named by a deal row, by id or name, or created with the deal's owner.
  std::string deal_customer(const std::string& name, const std::string& owner, Pending& p);
  void keep(Pending& p, std::uint32_t line);
  void created(std::uint32_t line, std::string note, std::vector<EditedRecord> records);
  void skip(std::uint32_t line, std::string reason, std::string why);
  /// The id of the record of `known` the row names (by match_, else `value`); "" when none.
  /// An ambiguous match sets `why`.
  std::string existing(const CsvRecord& r, const Known& known, const std::string& value, std::string& why) const;
  /// False, after skipping the row, when it repeats a record of the import or (without
  /// --update) names one of the book.
  bool may_update(std::uint32_t line, const char* kind, const std::string& id, const Known& known);
  /// The id of the record of `known` a row names by `key` ("" for a new record), once the
  /// checks every kind makes pass (a match that is unambiguous, not repeated, allowed by
  /// --update; a new `id` that is an id); nullopt after skipping the row.
  std::optional<std::string> matched(const CsvRecord& r, const char* kind, const Known& known, const std::string& key,
                                     const std::string& id);
  /// Records the edits of one --update row (a WriteChange of core's edit verbs), or skips it.
  void updated(std::uint32_t line, const char* kind, WriteChange change, Pending& p);
  CreatedAlongside alongside(const Pending& p) const;

  void person_row(const CsvRecord& r);
  void customer_row(const CsvRecord& r);
  void deal_row(const CsvRecord& r);
  void update_person(const CsvRecord& r, const Person& person, Pending& p, const std::string& team_id,
                     const std::string& role, std::optional<Date> joined, std::optional<Date> left);
  void update_customer(const CsvRecord& r, const Customer& customer, Pending& p, const std::string& owner,
                       const std::string& tier, std::optional<Date> since);
  void update_deal(const CsvRecord& r, const Deal& deal, const DealValues& v);

  const Book& book_;
  const ImportOptions& o_;
  std::span<const char* const> fields_;
  std::vector<int> column_;
  const ImportReport& report_;
  ImportChange& change_;
  std::vector<std::string> header_;
  std::string match_;
  Known teams_, people_, customers_, deals_;
  /// match_ value -> the id of the book's record that has it ("" when several have it): the
  /// names of customers or people, and the fields Known does not index (email, title).
  std::unordered_map<std::string, std::string> match_index_;
  std::unordered_map<std::string, std::uint32_t> updated_;  // "kind id" -> the line that updated it
  std::map<std::string, std::vector<YamlEdit>> updates_;    // file -> the in-place edits of --update
  UnknownValues unknown_stages_, unknown_people_;
  std::unordered_map<std::string, std::uint64_t> counters_;  // id prefix -> next number
  std::vector<YamlValue> new_teams_, new_people_;
  std::vector<FileEdit> customer_files_;
  /// Per deals file, its new deals as block lines (YamlEdit::append_lines) and their count.
  std::map<std::string, std::pair<std::string, std::size_t>> deal_files_;
};

}  // namespace salesops::core
