#pragma once
// The safe writer: every command that changes records goes through it (SPEC 7).
//
//   BookWriter writer(book_root);
//   WriteResult r = writer.apply({"deals/2026-11.yaml",
//       {YamlEdit::set(YamlPath{}.item_with_id("D-2026-0113").key("stage"), YamlValue::text("won"))}});
//
// A transaction runs under an advisory lock on the book (flock on .salesops/lock): each
// file is read afresh, edited byte-preservingly (core/yaml/edit.hpp) and verified; only
// when every file passes is each written durably (core/base/durable_file.hpp: a hidden
// temporary file in its directory, flushed to disk) and renamed over the original, under
// the journal that makes several files all or nothing across a crash (journal.hpp).
// Refusals come back as diagnostics (rules write-conflict, write-parse, write-path,
// write-value, write-verify, write-io, write-lock, write-journal) naming the file relative to the book;
// the CLI maps them to exit code 4.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/diagnostics.hpp"
#include "core/yaml/edit.hpp"

namespace salesops::core {

/// The changes to one record file, applied in order. A file that does not exist yet
/// starts empty (its directory is created when it is written).
struct FileEdit {
  std::filesystem::path file;  // relative to the book root, e.g. deals/2026-11.yaml
  std::vector<YamlEdit> edits;
  /// The file is removed (its edits ignored), after every other file of the transaction is
  /// written: an interrupted write leaves it in place rather than lose what it held.
  bool remove = false;
};

struct WriteOptions {
  /// Compute and verify every edit and return the diff; write nothing, take no lock.
  bool dry_run = false;
  /// How long to wait for another writer to release the book.
  std::chrono::milliseconds lock_timeout{10000};
};

/// What a write did, or why it was refused (a refusal writes nothing).
struct WriteResult {
  std::vector<Diagnostic> errors;
  /// Files replaced or created (on a dry run: that would be), relative to the book.
  std::vector<std::string> changed;
  /// Dry run: the unified diff of every change, file by file.
  std::string diff;
  bool ok() const { return errors.empty(); }
};

class BookWriter {
 public:
  explicit BookWriter(std::filesystem::path book_root, WriteOptions options = {});
  ~BookWriter();
  BookWriter(const BookWriter&) = delete;
  BookWriter& operator=(const BookWriter&) = delete;

  /// One transaction over one or more files, all or nothing. Several FileEdits naming the
  /// same file are applied to it in order.
  WriteResult apply(const std::vector<FileEdit>& edits);
  WriteResult apply(const FileEdit& edit) { return apply(std::vector<FileEdit>{edit}); }

  /// Takes the book's lock and holds it until unlock() or destruction, so that a command
  /// can read the book, choose the next free id and write with no other writer between.
  /// apply() takes the lock itself when it is not held. Taking it first finishes or undoes a
  /// write a killed command left (recover_transaction in journal.hpp).
  std::optional<Diagnostic> lock();
  void unlock();
  bool locked() const { return lock_fd_ >= 0; }

 private:
  std::filesystem::path root_;
  WriteOptions options_;
  int lock_fd_ = -1;
};

/// A unified diff (as `diff -u` and git print it) from `old_text` to `new_text`, with
/// `context` lines around each change; empty when the texts are equal. Pass "/dev/null"
/// as `old_name` for a created file. Common leading and trailing lines are skipped before
/// the line diff runs, so an append to a large file costs one comparison pass.
std::string unified_diff(std::string_view old_text, std::string_view new_text, std::string_view old_name,
                         std::string_view new_name, std::size_t context = 3);

}  // namespace salesops::core
