#pragma once
// A write planned in core (SPEC 7): a write verb of the CLI parses its options, asks its
// domain for a WriteChange and hands the edits to BookWriter, or reports the refusal. Nothing
// here writes; the domains build them (deals/edits.hpp, coaching/changes.hpp, ...).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/base/date.hpp"
#include "core/base/diagnostics.hpp"
#include "core/write/journal.hpp"
#include "core/write/writer.hpp"

namespace salesops::core {

/// A file a change creates, which must not exist yet.
struct NewFile {
  std::string file;  // relative to the book
  std::string text;
};

/// A record a change creates, changes or removes: what `--format json` reports of a write.
struct EditedRecord {
  std::string action;  // created, changed or removed
  std::string kind;    // deal, customer, target, ...
  std::string id;
  std::string file;                 // relative to the book
  std::vector<std::string> fields;  // the keys set or removed (changed records)
};

/// The edits of one transaction, or the reason it is refused (then it holds nothing else). A
/// refusal about a record names its place; one about a command-line value has no file.
struct WriteChange {
  std::string id;    // the record added or changed
  std::string file;  // its file, relative to the book
  std::vector<FileEdit> edits;
  std::vector<NewFile> created;  // written by create_files(), never over a file
  std::vector<EditedRecord> records;  // what the edits do, record by record; may be empty
  std::optional<Diagnostic> refused;
  /// The refusal is about a value given on the command line (exit 2), not a write the book
  /// refuses (exit 4).
  bool usage_error = false;

  bool ok() const { return !refused; }
  /// A refusal of a write the book refuses (an id taken, a record that exists).
  static WriteChange refuse(std::string message, std::string hint = {});
  /// A refusal of a value given on the command line.
  static WriteChange bad_value(std::string message);
};

/// The refusal of a record dated after `today`, or nothing: what has not happened yet is
/// not written (an interaction, a survey, a coaching session, an action done). `what`
/// names the date ("the interaction's date"), `record` the record in the hint.
std::optional<WriteChange> refuse_after_today(Date date, Date today, std::string_view what, std::string_view record);

/// Creates every file under `root` or none, never replacing one, across a crash too
/// (write_transaction in core/write/journal.hpp): each is written durably and only when all
/// are written do they take their names; a failure removes the names already made.
std::optional<CreateFailure> create_files(const std::filesystem::path& root, const std::vector<NewFile>& files);

}  // namespace salesops::core
