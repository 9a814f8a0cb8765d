#pragma once
// The one durable write (leveldb's DoWriteStringToFile with should_sync): a file's new
// content goes to a hidden temporary file beside it, `.<name>.salesops-<pid>-<n>.tmp`, is
// flushed to disk and only then takes the file's name, so the name holds the old content
// or the new and never a torn one. The writer of records, `init`, `plan new`, `review new`
// and the cache all write this way.
//
//   DurableFile f(path, {.placement = Placement::create});
//   if (!f.write(text) || !f.finish() || !f.commit()) report(f.error());
//   sync_directory(path.parent_path());
#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string_view>

namespace salesops::core {

/// How a finished temporary file takes its name.
enum class Placement {
  replace,  ///< renamed over the name, whether it exists or not
  create,   ///< linked to the name, which fails with EEXIST when the name exists
};

struct DurableOptions {
  Placement placement = Placement::replace;
  /// Flush the file to disk before it takes its name. Off only for the cache, whose
  /// entries may be lost in a crash (a lost entry is read again from the record file).
  bool sync = true;
  /// The mode the temporary file is created with (the umask applies).
  mode_t create_mode = 0666;
  /// A mode set exactly, whatever the umask: a replaced file's own.
  std::optional<mode_t> mode;
};

/// A file being written durably. The temporary file is made by the constructor (open()
/// tells whether it was) and removed by the destructor unless commit() gave it its name.
/// Each step returns false on failure and leaves the reason in error() (an errno value).
class DurableFile {
 public:
  explicit DurableFile(std::filesystem::path target, DurableOptions options = {});
  ~DurableFile();
  DurableFile(DurableFile&& other) noexcept;
  DurableFile& operator=(DurableFile&&) = delete;
  DurableFile(const DurableFile&) = delete;
  DurableFile& operator=(const DurableFile&) = delete;

  bool open() const { return fd_ >= 0; }
  /// The temporary file's descriptor, for a caller that streams into it (-1 when closed).
  int fd() const { return fd_; }
  /// The temporary file's name (when open() failed: the last name tried).
  const std::filesystem::path& temporary() const { return temp_; }
  const std::filesystem::path& target() const { return target_; }
  int error() const { return error_; }

  /// Appends all of `bytes`, retrying short writes.
  bool write(std::string_view bytes);
  /// Sets the mode when asked, flushes to disk (when `sync`) and closes the file.
  bool finish();
  /// Gives the finished file its name (see Placement). The directory is not flushed here,
  /// so that a transaction of several files flushes each directory once.
  bool commit();
  /// Removes the temporary file, if it is still there.
  void discard();

 private:
  bool fail(int err);

  std::filesystem::path target_, temp_;
  DurableOptions options_;
  int fd_ = -1;
  int error_ = 0;
  bool made_ = false;  // the temporary file exists and is this object's to remove
  bool failed_ = false;
};

/// The only place a file's content is forced to disk (fsync): files, directories and the
/// write journal alike. Returns false with errno set on failure.
bool flush_to_disk(int fd);

/// Flushes a directory's entries to disk, so that a name given to a file survives a crash.
/// Best effort: a directory that cannot be opened is skipped.
void sync_directory(const std::filesystem::path& dir);

/// The whole of a durable write in one call: `bytes` written, flushed (when `sync`), put in
/// place and the directory flushed. Returns 0, or the errno value of the step that failed
/// (EEXIST: Placement::create found the name taken); nothing is left behind on failure.
int write_file_durably(const std::filesystem::path& target, std::string_view bytes, DurableOptions options = {});

/// A report written to the file a user named (`-o FILE`): a regular file, or a new name, is
/// replaced durably (a failure leaves the old file whole) and keeps its mode; a link is
/// followed to the file it names; anything else (a FIFO, /dev/stdout) is written straight
/// through. Returns 0 or an errno value.
int write_output_file(const std::filesystem::path& path, std::string_view bytes);

}  // namespace salesops::core
