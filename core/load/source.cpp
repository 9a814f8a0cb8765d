#include "core/load/source.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <map>

#include "core/base/book_path.hpp"
#include "core/base/i18n.hpp"

namespace salesops::core {

namespace fs = std::filesystem;

namespace {

/// Reads the regular file `path` whole, mapped when `map` and it is large. A link at its last
/// component is refused (ELOOP), and a FIFO or device is never waited on: it is opened
/// without blocking and refused once fstat shows what it is.
std::optional<FileText> read_regular(const fs::path& path, bool map, std::string* error, int* open_errno = nullptr) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) {
    if (open_errno) *open_errno = errno;
    if (error) *error = N_("cannot open the file");
    return std::nullopt;
  }
  std::string data;
  std::optional<FileText> mapped;
  struct stat st;
  const char* problem = nullptr;
  if (::fstat(fd, &st) != 0)
    problem = N_("cannot read the file");
  else if (!S_ISREG(st.st_mode))
    problem = N_("not a regular file (a FIFO, socket or device): not read");
  if (!problem && map && static_cast<std::size_t>(st.st_size) >= FileText::kMapFrom)
    mapped = FileText::map(fd, static_cast<std::size_t>(st.st_size));
  if (!problem && !mapped && st.st_size > 0) {
    data.resize(static_cast<std::size_t>(st.st_size));
    std::size_t got = 0;
    while (got < data.size()) {
      const ssize_t n = ::read(fd, data.data() + got, data.size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    if (got != data.size()) problem = N_("cannot read the file");
  }
  ::close(fd);
  if (problem) {
    if (error) *error = problem;
    return std::nullopt;
  }
  if (mapped) return mapped;
  return FileText(std::move(data));
}

class DirectorySource final : public BookSource {
 public:
  explicit DirectorySource(fs::path root) : root_(std::move(root)), real_root_(real_book_root(root_)) {}

  std::vector<std::string> list() override {
    std::vector<std::string> out;
    linked_.clear();
    refused_.clear();
    // Each directory opened from the root's descriptor, a link at its last component refused:
    // links to directories are not followed, so a link cannot make the walk loop. Entries
    // starting with '.' are skipped, directories with them; a directory that cannot be opened
    // (no permission, a path too long) is skipped. Links are the only entries that cost more
    // than the directory's own listing.
    const int root = ::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (root < 0) return out;
    std::vector<std::string> dirs{std::string{}};  // relative paths, "" for the root
    while (!dirs.empty()) {
      const std::string at = std::move(dirs.back());
      dirs.pop_back();
      const int fd = at.empty() ? ::dup(root) : ::openat(root, at.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      const std::string prefix = at.empty() ? at : at + '/';
      DIR* dir = fd < 0 ? nullptr : ::fdopendir(fd);
      if (!dir) {
        if (fd >= 0) ::close(fd);
        continue;
      }
      while (const dirent* e = ::readdir(dir)) {
        if (e->d_name[0] == '.') continue;  // also . and ..
        unsigned char type = e->d_type;
        if (type == DT_UNKNOWN) {  // a file system that does not say: asked apart
          struct stat st;
          if (::fstatat(::dirfd(dir), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
          type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
        }
        std::string rel = prefix + e->d_name;
        if (type == DT_DIR) dirs.push_back(std::move(rel));
        else if (type == DT_LNK && add_link(rel)) out.push_back(std::move(rel));
        else if (type == DT_REG) out.push_back(std::move(rel));
      }
      ::closedir(dir);
    }
    ::close(root);
    std::sort(out.begin(), out.end());
    std::sort(refused_.begin(), refused_.end(), [](auto& a, auto& b) { return a.path < b.path; });
    return out;
  }

  std::vector<RefusedPath> refused() const override { return refused_; }

  std::optional<std::string> read(const std::string& relative, std::string* error) override {
    auto text = read_file(relative, false, error);
    if (!text) return std::nullopt;
    return std::move(*text).take();
  }

  std::optional<FileText> read_text(const std::string& relative, std::string* error) override {
    return read_file(relative, true, error);
  }

  std::string describe() const override { return root_.string(); }
  const fs::path* directory() const override { return &root_; }

 private:
  const std::string& real_root() const { return real_root_; }

  std::optional<FileText> read_file(const std::string& relative, bool map, std::string* error) {
    if (auto it = linked_.find(relative); it != linked_.end()) return read_regular(it->second, map, error);
    int open_errno = 0;
    auto text = read_regular(root_ / relative, map, error, &open_errno);
    if (text || open_errno != ELOOP) return text;
    // A link list() has not seen (a name read before or without listing).
    BookPath path = resolve_in_directory(real_root(), relative);
    if (auto why = refused_link(path)) {
      if (error) *error = fmt::format(N_("{}: not read"), *why);
      return std::nullopt;
    }
    if (path.kind != BookPathKind::inside) return text;
    return read_regular(fs::path(real_root()) / path.real, map, error);
  }

  /// Judges the link `rel`: true when it leads to a regular file in the book (then read
  /// from there); one that leads out is refused; others are skipped.
  bool add_link(const std::string& rel) {
    BookPath path = resolve_in_directory(real_root(), rel);
    if (auto why = refused_link(path)) {
      refused_.push_back({rel, *why});
      return false;
    }
    if (path.kind != BookPathKind::inside || path.real.empty() || hidden_path(path.real)) return false;
    fs::path real = fs::path(real_root()) / path.real;
    struct stat st;
    if (::lstat(real.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
    linked_.emplace(rel, std::move(real));
    return true;
  }

  fs::path root_;
  std::string real_root_;
  std::map<std::string, fs::path> linked_;  // a listed link -> the file in the book it names
  std::vector<RefusedPath> refused_;
};

}  // namespace

std::unique_ptr<BookSource> directory_source(const fs::path& root) { return std::make_unique<DirectorySource>(root); }

}  // namespace salesops::core
