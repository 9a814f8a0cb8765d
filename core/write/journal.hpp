#pragma once
// A write of several files survives a crash whole or not at all (README, reliability notes).
// Its journal, .salesops/journal, names every file the write will touch before anything is
// staged; then, once every new text is flushed in its temporary file (and each file it
// replaces has a hard-linked backup), it names each file's temporary file and whether it
// replaces one. That second part, checksummed and flushed with its directory, is the commit
// point: files take their names only after it, and the journal goes when they all have.
//
//   salesops-journal 1 <pid>\n
//   T <len>:<file>\n                          one per file, before anything is staged
//   S <r|n> <len>:<file> <len>:<temporary>\n  one per file: r replaces, n is new
//   C <count> <hex FNV-1a 64 of every byte before this line>\n
//
// Paths are relative to the book, as the links on the way resolve (a journal names no link);
// a temporary file (and a backup, the temporary name ending in .old instead of .tmp) lies
// beside its file. The next holder of the book's lock (BookWriter::lock) finds what a killed
// writer left: a journal without its commit line (torn, or never finished) means nothing was
// renamed, and the staged files go; a committed one is rolled forward when every file is
// either in place or staged, else back. Either way every temporary file and backup of the
// dead writer's pid beside the files the journal names is removed. A write of one file needs
// no commit part (a rename is atomic), but its first part still tells the next lock holder
// where the temporary file was.
//
// A book from someone else may hold a journal (committed to git, or crafted): one that names
// a path leaving the book, entering .git/, passing a link or hidden, a temporary file not of
// the writer's own pattern, or whose commit line does not match its checksum is refused with
// an error naming it, and nothing it says is done. Readers never settle a journal: one stat
// tells them there is none; when there is, they report it (pending_write).
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/diagnostics.hpp"
#include "core/base/durable_file.hpp"

namespace salesops::core {

/// A file of a transaction: its new text and how its temporary file is made.
struct StagedWrite {
  std::filesystem::path target;  // the file that takes the text
  std::string file;              // as given (relative to the book), for messages
  std::string_view text;
  DurableOptions how;
  bool replaces = false;  // the target exists and the text replaces it
};

/// Why a transaction failed: the step, the file (as given) and the errno value. Nothing of
/// the transaction is left: no file changed, no temporary file.
struct CreateFailure {
  enum class Step {
    directory,  ///< its directory could not be made (`message` says why)
    temporary,  ///< the temporary file beside it, or the journal, could not be made (`path` names it)
    write,      ///< the temporary file could not be written or flushed
    name,       ///< the file could not take its name (EEXIST: the name is taken)
  } step;
  std::string file;
  std::filesystem::path path;  // the directory or the temporary file
  int error = 0;
  std::string message;
};

/// Writes every file or none, across a crash too (see above): the files are staged, the
/// journal under `root`/.salesops is committed, then the files take their names. A file
/// that fails to take its name undoes the ones before it. Call it holding the book's lock.
std::optional<CreateFailure> write_transaction(const std::filesystem::path& root,
                                               const std::vector<StagedWrite>& files);

/// Finishes or undoes the transaction a killed writer left under `root` and removes its
/// temporary files; nothing to do (one failed open) when there is no journal. Call it
/// holding the book's lock. Returns why the book could not be put right, or why the journal
/// was refused (rule write-journal; the journal then stays, and nothing it names is touched).
std::optional<Diagnostic> recover_transaction(const std::filesystem::path& root);

/// What `root`'s journal says of the book.
enum class JournalState {
  none,         ///< no journal: no write was interrupted
  uncommitted,  ///< a write stopped before renaming anything: the book is whole, temporary files may be left
  committed,    ///< a write was stopped between renames: the book must not be read before recovery
  refused,      ///< not a journal salesops would follow (a path leaves the book, a bad checksum)
};
JournalState journal_state(const std::filesystem::path& root);

/// For a command that only reads (it takes no lock and writes nothing): one stat when there
/// is no journal. When there is, it waits up to `wait` for a writer at work to finish, then
/// reports what is left: a warning for an uncommitted journal (the book is whole), an error
/// for a committed or refused one, naming .salesops/journal and what to do.
std::optional<Diagnostic> pending_write(const std::filesystem::path& root, std::chrono::milliseconds wait);

}  // namespace salesops::core
