#include "core/write/journal.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <system_error>
#include <utility>

namespace salesops::core {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMagic = "salesops-journal 1 ";

std::string errno_text(int err) { return std::error_code(err, std::generic_category()).message(); }

fs::path journal_path(const fs::path& root) { return root / ".salesops" / "journal"; }

std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return h;
}

// A path as the journal holds it: relative to the book when inside it, so that a book
// moved after a crash is still put right.
std::string stored(const fs::path& root, const fs::path& p) {
  const fs::path rel = p.lexically_normal().lexically_relative(root.lexically_normal());
  if (rel.empty() || *rel.begin() == "..") return p.string();
  return rel.string();
}

void put_path(std::string& out, std::string_view p) {
  out += std::to_string(p.size());
  out += ':';
  out += p;
}

// A replaced file's backup is a second name of its old content, beside its temporary file.
fs::path backup_of(fs::path temp) { return temp.replace_extension(".old"); }

bool present(const fs::path& p) {
  struct stat st {};
  return ::lstat(p.c_str(), &st) == 0;
}

struct Entry {
  bool replaces = false;
  fs::path target, temp;
};

struct Parsed {
  long pid = -1;
  std::vector<fs::path> files;  // the first part: every file the transaction touches
  std::vector<Entry> entries;   // the commit part
  std::size_t first_part = 0;   // bytes up to the commit part
  bool committed = false;
};

// Reads a journal; a line that does not parse ends it (a torn tail is a write never committed).
class Parser {
 public:
  Parser(const fs::path& root, std::string_view text) : root_(root), s_(text) {}

  Parsed parse() {
    Parsed j;
    if (!literal(kMagic)) return j;
    auto pid = number('\n');
    if (!pid) return j;
    j.pid = static_cast<long>(*pid);
    j.first_part = pos_;
    while (pos_ < s_.size()) {
      const std::size_t line = pos_;
      if (literal("T ")) {
        auto p = path('\n');
        if (!p || !j.entries.empty()) break;
        j.files.push_back(*p);
        j.first_part = pos_;
      } else if (literal("S ")) {
        Entry e;
        e.replaces = literal("r ");
        if (!e.replaces && !literal("n ")) break;
        auto target = path(' ');
        auto temp = target ? path('\n') : std::nullopt;
        if (!temp) break;
        e.target = std::move(*target);
        e.temp = e.target.parent_path() / *temp;
        j.entries.push_back(std::move(e));
      } else if (literal("C ")) {
        auto count = number(' ');
        auto hash = count ? number('\n', 16) : std::nullopt;
        j.committed = hash && pos_ == s_.size() && *count == j.entries.size() && !j.entries.empty() &&
                      *hash == fnv1a(s_.substr(0, line));
        break;
      } else {
        break;
      }
    }
    return j;
  }

 private:
  bool literal(std::string_view lit) {
    if (s_.substr(pos_).starts_with(lit)) return pos_ += lit.size(), true;
    return false;
  }
  std::optional<std::uint64_t> number(char end, int base = 10) {
    std::uint64_t n = 0;
    auto [p, ec] = std::from_chars(s_.data() + pos_, s_.data() + s_.size(), n, base);
    if (ec != std::errc{} || p == s_.data() + s_.size() || *p != end) return std::nullopt;
    pos_ = static_cast<std::size_t>(p - s_.data()) + 1;
    return n;
  }
  std::optional<fs::path> path(char end) {
    auto len = number(':');
    if (!len || *len >= s_.size() - pos_ || s_[pos_ + *len] != end) return std::nullopt;
    fs::path p(std::string(s_.substr(pos_, *len)));
    pos_ += *len + 1;
    return p.is_absolute() ? p : root_ / p;
  }

  const fs::path& root_;
  std::string_view s_;
  std::size_t pos_ = 0;
};

std::optional<std::string> read_journal(const fs::path& path, int* err) {
  *err = 0;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return *err = errno, std::nullopt;
  std::string text;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n < 0) *err = errno;
      break;
    }
    text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  if (*err) return std::nullopt;
  return text;
}

// Cuts a journal back to its first part, flushed: the files are settled, and what is left to
// do after a crash from here on is only the removal of temporary files and backups.
void settle_journal(int fd, std::size_t first_part) {
  if (::ftruncate(fd, static_cast<off_t>(first_part)) == 0) flush_to_disk(fd);
}

void sync_directories(std::vector<fs::path> dirs) {
  std::sort(dirs.begin(), dirs.end());
  dirs.erase(std::unique(dirs.begin(), dirs.end()), dirs.end());
  for (const fs::path& d : dirs) {
    sync_directory(d);
    sync_directory(d.parent_path());  // a directory created for a file has a new entry there
  }
}

// Removes the temporary files and backups the writer `pid` left beside the files it named.
void sweep(const Parsed& j) {
  std::vector<fs::path> dirs;
  for (const fs::path& f : j.files) dirs.push_back(f.parent_path());
  for (const Entry& e : j.entries) dirs.push_back(e.target.parent_path());
  std::sort(dirs.begin(), dirs.end());
  dirs.erase(std::unique(dirs.begin(), dirs.end()), dirs.end());
  const std::string mark = ".salesops-" + std::to_string(j.pid) + "-";
  for (const fs::path& dir : dirs) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (name.starts_with('.') && name.find(mark) != std::string::npos &&
          (name.ends_with(".tmp") || name.ends_with(".old")))
        ::unlink(it->path().c_str());
    }
  }
}

// Puts back the old content of the entries before `done` (they have taken their names).
std::optional<std::string> roll_back(const std::vector<Entry>& entries, std::size_t done) {
  for (std::size_t i = 0; i < done; ++i) {
    const Entry& e = entries[i];
    if (!e.replaces) {
      ::unlink(e.target.c_str());
    } else if (const fs::path backup = backup_of(e.temp); present(backup)) {
      if (::rename(backup.c_str(), e.target.c_str()) != 0)
        return "cannot put back " + e.target.string() + ": " + errno_text(errno);
    }
  }
  return std::nullopt;
}

// A committed transaction: forward when every file is in place (its temporary file renamed,
// a replaced one's backup there) up to the first one still staged, and staged from there on.
std::optional<std::string> settle(const Parsed& j) {
  const std::vector<Entry>& entries = j.entries;
  std::size_t done = 0;
  while (done < entries.size() && !present(entries[done].temp)) ++done;
  bool forward = true;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    if (i < done) forward = forward && present(e.replaces ? backup_of(e.temp) : e.target);
    else forward = forward && present(e.temp);
  }
  if (!forward) return roll_back(entries, done);
  for (std::size_t i = done; i < entries.size(); ++i)
    if (::rename(entries[i].temp.c_str(), entries[i].target.c_str()) != 0)
      return "cannot finish " + entries[i].target.string() + ": " + errno_text(errno);
  return std::nullopt;
}

// The journal of one transaction in this process.
class Journal {
 public:
  explicit Journal(fs::path root) : root_(std::move(root)), path_(journal_path(root_)) {}
  ~Journal() {
    for (const fs::path& b : backups_)
      if (!b.empty()) ::unlink(b.c_str());
    if (fd_ >= 0) ::close(fd_);
    if (!keep_) ::unlink(path_.c_str());
  }
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  const fs::path& path() const { return path_; }

  // The first part, before anything is staged. Not flushed: after a kill the page cache
  // still holds it, and a power cut at worst leaves hidden temporary files behind.
  int begin(const std::vector<StagedWrite>& files) {
    std::error_code ec;
    fs::create_directories(path_.parent_path(), ec);
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ < 0) return keep_ = true, errno;
    text_ = std::string(kMagic) + std::to_string(::getpid()) + "\n";
    for (const StagedWrite& f : files) {
      text_ += "T ";
      put_path(text_, stored(root_, f.target));
      text_ += '\n';
    }
    first_part_ = text_.size();
    backups_.resize(files.size());
    return write_all(text_);
  }

  // Keeps a replaced file's old content under a second name until the transaction is settled.
  int back_up(std::size_t i, const StagedWrite& f, const DurableFile& temp) {
    const fs::path backup = backup_of(temp.temporary());
    ::unlink(backup.c_str());  // a name left by a dead process with this pid
    if (::link(f.target.c_str(), backup.c_str()) != 0) return errno;
    backups_[i] = backup;
    return 0;
  }

  // The commit point: every staged file named, the whole checksummed and flushed.
  int commit(const std::vector<StagedWrite>& files, const std::vector<DurableFile>& temps) {
    const std::size_t start = text_.size();
    for (std::size_t i = 0; i < files.size(); ++i) {
      text_ += files[i].replaces ? "S r " : "S n ";
      put_path(text_, stored(root_, files[i].target));
      text_ += ' ';
      put_path(text_, temps[i].temporary().filename().string());
      text_ += '\n';
    }
    char hash[17];
    auto [end, ec] = std::to_chars(hash, hash + 16, fnv1a(text_), 16);
    text_ += "C " + std::to_string(files.size()) + " " + std::string(hash, end) + "\n";
    if (int err = write_all(std::string_view(text_).substr(start))) return err;
    if (!flush_to_disk(fd_)) return errno;
    sync_directory(path_.parent_path());
    committed_ = true;
    return 0;
  }

  // A file failed to take its name after the commit: the ones before it get their old content back.
  void undo(const std::vector<StagedWrite>& files, const std::vector<DurableFile>& temps, std::size_t done) {
    std::vector<Entry> entries;
    for (std::size_t i = 0; i < done; ++i) entries.push_back({files[i].replaces, files[i].target, temps[i].temporary()});
    if (roll_back(entries, done)) keep_ = true;  // the next lock holder tries again
    else settle_journal(fd_, first_part_);
    for (std::size_t i = 0; i < done; ++i) backups_[i].clear();  // renamed back, or kept for the next try
  }

  // Every file has its name: the journal is cut back before the backups go, then removed.
  void end() {
    if (committed_) settle_journal(fd_, first_part_);
  }

 private:
  int write_all(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return n < 0 ? errno : ENOSPC;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return 0;
  }

  fs::path root_, path_;
  int fd_ = -1;
  std::string text_;
  std::size_t first_part_ = 0;
  std::vector<fs::path> backups_;
  bool committed_ = false;
  bool keep_ = false;
};

}  // namespace

std::optional<CreateFailure> write_transaction(const fs::path& root, const std::vector<StagedWrite>& files) {
  using Step = CreateFailure::Step;
  if (files.empty()) return std::nullopt;
  Journal journal(root);
  if (int err = journal.begin(files)) return CreateFailure{Step::temporary, ".salesops/journal", journal.path(), err, {}};
  const bool several = files.size() > 1;
  std::vector<DurableFile> temps;  // after `journal`: on failure they go first, the journal last
  temps.reserve(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    const StagedWrite& f = files[i];
    std::error_code ec;
    fs::create_directories(f.target.parent_path(), ec);
    if (ec) return CreateFailure{Step::directory, f.file, f.target.parent_path(), ec.value(), ec.message()};
    DurableFile& temp = temps.emplace_back(f.target, f.how);
    if (!temp.open()) return CreateFailure{Step::temporary, f.file, temp.temporary(), temp.error(), {}};
    if (!temp.write(f.text) || !temp.finish()) return CreateFailure{Step::write, f.file, temp.temporary(), temp.error(), {}};
    if (several && f.replaces)
      if (int err = journal.back_up(i, f, temp)) return CreateFailure{Step::temporary, f.file, temp.temporary(), err, {}};
  }
  if (several)
    if (int err = journal.commit(files, temps))
      return CreateFailure{Step::temporary, ".salesops/journal", journal.path(), err, {}};
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (!temps[i].commit()) {
      CreateFailure failure{Step::name, files[i].file, {}, temps[i].error(), {}};
      if (several) journal.undo(files, temps, i);
      return failure;
    }
  }
  std::vector<fs::path> dirs;
  for (const StagedWrite& f : files) dirs.push_back(f.target.parent_path());
  sync_directories(std::move(dirs));
  journal.end();
  return std::nullopt;
}

std::optional<std::string> recover_transaction(const fs::path& root) {
  const fs::path path = journal_path(root);
  int err = 0;
  std::optional<std::string> text = read_journal(path, &err);
  if (!text) {
    if (err == ENOENT) return std::nullopt;
    return "cannot read .salesops/journal: " + errno_text(err);
  }
  const Parsed j = Parser(root, *text).parse();
  if (j.committed) {
    if (auto why = settle(j)) return why;
    std::vector<fs::path> dirs;
    for (const Entry& e : j.entries) dirs.push_back(e.target.parent_path());
    sync_directories(std::move(dirs));
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return "cannot write .salesops/journal: " + errno_text(errno);
    settle_journal(fd, j.first_part);
    ::close(fd);
  }
  if (j.pid > 0) sweep(j);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return "cannot remove .salesops/journal: " + errno_text(errno);
  return std::nullopt;
}

JournalState journal_state(const fs::path& root) {
  int err = 0;
  std::optional<std::string> text = read_journal(journal_path(root), &err);
  if (!text) return err == ENOENT ? JournalState::none : JournalState::committed;  // unreadable: assume the worst
  return Parser(root, *text).parse().committed ? JournalState::committed : JournalState::uncommitted;
}

}  // namespace salesops::core
