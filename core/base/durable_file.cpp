#include "core/base/durable_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <string>
#include <utility>

namespace salesops::core {
namespace fs = std::filesystem;

bool flush_to_disk(int fd) { return ::fsync(fd) == 0; }

namespace {

/// Writes all of `bytes` to `fd`, retrying short and interrupted writes: 0, or an errno value.
int write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n < 0 ? errno : ENOSPC;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

// Unique within the process; the pid makes the name unique between processes.
unsigned next_serial() {
  static std::atomic<unsigned> serial{0};
  return serial++;
}

}  // namespace

DurableFile::DurableFile(fs::path target, DurableOptions options) : target_(std::move(target)), options_(options) {
  const fs::path dir = target_.parent_path();
  // A name left by a process killed earlier with the same pid is skipped, not reused.
  for (int attempt = 0; attempt < 100 && fd_ < 0; ++attempt) {
    temp_ = dir / ("." + target_.filename().string() + ".salesops-" + std::to_string(::getpid()) + "-" +
                   std::to_string(next_serial()) + ".tmp");
    fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, options_.create_mode);
    if (fd_ < 0 && errno != EEXIST) break;
  }
  if (fd_ < 0) error_ = errno;
  made_ = fd_ >= 0;
}

DurableFile::DurableFile(DurableFile&& other) noexcept
    : target_(std::move(other.target_)),
      temp_(std::exchange(other.temp_, {})),
      options_(other.options_),
      fd_(std::exchange(other.fd_, -1)),
      error_(other.error_),
      made_(std::exchange(other.made_, false)),
      failed_(other.failed_) {}

DurableFile::~DurableFile() { discard(); }

bool DurableFile::fail(int err) {
  error_ = err ? err : EIO;
  failed_ = true;  // a file that failed a step never takes the name
  return false;
}

bool DurableFile::write(std::string_view bytes) {
  if (fd_ < 0) return fail(error_ ? error_ : EBADF);
  if (int err = write_all(fd_, bytes)) return fail(err);
  return true;
}

bool DurableFile::finish() {
  if (fd_ < 0) return fail(error_ ? error_ : EBADF);
  bool good = (!options_.mode || ::fchmod(fd_, *options_.mode) == 0) && (!options_.sync || flush_to_disk(fd_));
  int err = good ? 0 : errno;
  if (::close(fd_) != 0 && good) good = false, err = errno;
  fd_ = -1;
  return good || fail(err);
}

bool DurableFile::commit() {
  if (fd_ >= 0 && !finish()) return false;
  if (!made_ || failed_) return fail(error_ ? error_ : EBADF);
  if (options_.placement == Placement::replace) {
    if (::rename(temp_.c_str(), target_.c_str()) != 0) return fail(errno);
  } else {
    if (::link(temp_.c_str(), target_.c_str()) != 0) return fail(errno);
    ::unlink(temp_.c_str());
  }
  made_ = false;
  return true;
}

void DurableFile::discard() {
  if (fd_ >= 0) ::close(fd_), fd_ = -1;
  if (made_) ::unlink(temp_.c_str()), made_ = false;
}

void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  flush_to_disk(fd);
  ::close(fd);
}

int write_file_durably(const fs::path& target, std::string_view bytes, DurableOptions options) {
  DurableFile file(target, options);
  if (!file.write(bytes) || !file.commit()) return file.error();
  if (options.sync) sync_directory(target.parent_path());
  return 0;
}

int write_output_file(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  fs::path target = path;
  if (fs::is_symlink(fs::symlink_status(path, ec)))
    if (fs::path real = fs::canonical(path, ec); !ec) target = real;
  struct stat st;
  if (::stat(target.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return errno;
    int err = write_all(fd, bytes);
    if (::close(fd) != 0 && err == 0) err = errno;
    return err;
  }
  DurableOptions options;
  if (::stat(target.c_str(), &st) == 0) options.mode = st.st_mode & 07777;
  return write_file_durably(target, bytes, options);
}

}  // namespace salesops::core
