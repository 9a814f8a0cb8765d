#include "core/write/journal.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <system_error>
#include <thread>
#include <utility>

#include "core/base/book_path.hpp"
#include "core/base/escape.hpp"
#include "core/base/i18n.hpp"

namespace salesops::core {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMagic = "salesops-journal 1 ";
constexpr std::string_view kJournal = ".salesops/journal";

std::string errno_text(int err) { return std::error_code(err, std::generic_category()).message(); }

fs::path journal_path(const fs::path& root) { return root / kJournal; }

std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return h;
}

void put_path(std::string& out, std::string_view p) {
  out += std::to_string(p.size());
  out += ':';
  out += p;
}

// A path as the journal holds it: relative to the book with the links on the way resolved,
// so that the journal names no link and a book moved after a crash is still put right.
std::string stored(const fs::path& root, const std::string& real_root, const fs::path& p) {
  fs::path rel = p.lexically_normal().lexically_relative(root.lexically_normal());
  if (rel.empty() || *rel.begin() == "..") rel = p.lexically_normal().lexically_relative(fs::path(real_root));
  const BookPath resolved = resolve_in_directory(real_root, rel.generic_string());
  return resolved.kind == BookPathKind::inside && !resolved.real.empty() ? resolved.real : rel.generic_string();
}

// Why a file named by a journal is not one salesops writes: it must be a visible path
// relative to the book that stays in it and passes no link.
std::optional<std::string> bad_file(const std::string& real_root, std::string_view rel) {
  const std::string shown = escape_controls(rel);
  if (rel.empty() || rel.front() == '/')
    return fmt::format(N_("it names {}, which is not a path inside the book"), shown);
  for (const fs::path& part : fs::path(rel))
    if (part == ".." || part.string().starts_with('.'))
      return fmt::format(N_("it names {}, which leaves the book or is hidden"), shown);
  const BookPath path = resolve_in_directory(real_root, rel);
  if (auto why = refused_link(path)) return fmt::format(N_("it names {}: {}"), shown, *why);
  if (path.kind == BookPathKind::loop || !path.link.empty())
    return fmt::format(N_("it names {}, which passes the link {}"), shown, escape_controls(path.link));
  return std::nullopt;
}

// The writer's own temporary name for `target` (durable_file.hpp): `.<name>.salesops-<pid>-<n>.tmp`.
bool own_temporary(std::string_view name, const fs::path& target, long pid) {
  const std::string prefix = "." + target.filename().string() + ".salesops-" + std::to_string(pid) + "-";
  if (name.size() <= prefix.size() + 4 || !name.starts_with(prefix) || !name.ends_with(".tmp")) return false;
  const std::string_view serial = name.substr(prefix.size(), name.size() - prefix.size() - 4);
  return std::all_of(serial.begin(), serial.end(), [](char c) { return c >= '0' && c <= '9'; });
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
  std::optional<std::string> refused;  // why the journal is not followed
};

// Reads a journal record by record. A record cut short by the end of the text is a torn tail
// (a write never committed); any other that does not parse, or does not pass bad_file(),
// refuses the journal.
class Parser {
 public:
  Parser(const fs::path& root, std::string_view text) : root_(root), real_root_(real_book_root(root)), s_(text) {}

  Parsed parse() {
    Parsed j;
    if (!header(j)) return finish(j, N_("it does not begin as a salesops journal"));
    while (pos_ < s_.size() && !j.committed) {
      record_ = pos_;
      const char kind = s_[pos_];
      if (!literal(kind == 'T' ? "T " : kind == 'S' ? "S " : "C ")) return finish(j, N_("a record of unknown kind"));
      std::optional<std::string> why = kind == 'T' ? file_record(j) : kind == 'S' ? staged_record(j) : commit(j);
      if (why) return finish(j, *why);
    }
    if (j.committed && pos_ != s_.size()) return finish(j, N_("text follows its commit line"));
    return j;
  }

 private:
  // A failed record: refused, unless the text ends inside it with no line after its start.
  Parsed& finish(Parsed& j, std::string why) {
    const bool torn = short_ && s_.find('\n', record_) == std::string_view::npos;
    if (!torn) j.refused = std::move(why), j.committed = false;
    return j;
  }

  bool header(Parsed& j) {
    auto pid = literal(kMagic) ? number('\n') : std::nullopt;
    if (!pid || *pid == 0 || *pid > 0x7fffffff) return false;
    j.pid = static_cast<long>(*pid);
    j.first_part = pos_;
    return true;
  }

  std::optional<std::string> file_record(Parsed& j) {
    auto p = path('\n');
    if (!p) return N_("a file record does not parse");
    if (!j.entries.empty()) return N_("a file record follows the commit part");
    if (auto why = bad_file(real_root_, *p)) return why;
    j.files.push_back(root_ / *p);
    j.first_part = pos_;
    return std::nullopt;
  }

  std::optional<std::string> staged_record(Parsed& j) {
    Entry e;
    e.replaces = pos_ < s_.size() && s_[pos_] == 'r';
    if (!literal(e.replaces ? "r " : "n ")) return N_("a staged record does not parse");
    auto file = path(' ');
    auto temp = file ? path('\n') : std::nullopt;
    if (!temp) return N_("a staged record does not parse");
    if (auto why = bad_file(real_root_, *file)) return why;
    e.target = root_ / *file;
    if (!own_temporary(*temp, e.target, j.pid))
      return fmt::format(N_("it names {} as a temporary file, which salesops never makes"), escape_controls(*temp));
    e.temp = e.target.parent_path() / *temp;
    j.entries.push_back(std::move(e));
    return std::nullopt;
  }

  std::optional<std::string> commit(Parsed& j) {
    auto count = number(' ');
    auto hash = count ? number('\n', 16) : std::nullopt;
    if (!hash) return N_("its commit line does not parse");
    if (*count != j.entries.size() || j.entries.empty() || *hash != fnv1a(s_.substr(0, record_)))
      return N_("its commit line does not match what it commits (count or checksum)");
    j.committed = true;
    return std::nullopt;
  }

  bool literal(std::string_view lit) {
    const std::string_view rest = s_.substr(pos_);
    if (rest.starts_with(lit)) return pos_ += lit.size(), true;
    short_ = lit.starts_with(rest);
    return false;
  }
  std::optional<std::uint64_t> number(char end, int base = 10) {
    std::uint64_t n = 0;
    auto [p, ec] = std::from_chars(s_.data() + pos_, s_.data() + s_.size(), n, base);
    short_ = p == s_.data() + s_.size();
    if (ec != std::errc{} || short_ || *p != end) return std::nullopt;
    pos_ = static_cast<std::size_t>(p - s_.data()) + 1;
    return n;
  }
  std::optional<std::string> path(char end) {
    auto len = number(':');
    if (!len) return std::nullopt;
    short_ = *len >= s_.size() - pos_;
    if (short_ || s_[pos_ + *len] != end) return std::nullopt;
    std::string p(s_.substr(pos_, *len));
    pos_ += *len + 1;
    return p;
  }

  const fs::path& root_;
  std::string real_root_;
  std::string_view s_;
  std::size_t pos_ = 0, record_ = 0;
  bool short_ = false;  // the last step failed for want of text
};

// The journal's text; ENOENT when there is none. Never through a link (nor a .salesops
// leading out of the book), never waiting on a FIFO.
std::optional<std::string> read_journal(const fs::path& root, int* err) {
  *err = 0;
  const fs::path path = journal_path(root);
  if (leaves_book(root, kJournal)) return *err = ELOOP, std::nullopt;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return *err = errno, std::nullopt;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return *err = EINVAL, std::nullopt;
  }
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

Diagnostic journal_error(std::string message, std::string hint, Severity severity = Severity::error) {
  return Diagnostic{severity, "write-journal", Location{std::string(kJournal), 0, 0, 1}, std::move(message),
                    std::move(hint)};
}

Diagnostic refusal(const std::string& why) {
  return journal_error(
      fmt::format(N_("{} is not a journal salesops follows: {}; nothing it names was touched"), kJournal, why),
      N_("salesops keeps a journal only while it writes: if it came with the book (a pull request, a "
         "copy), look at the files it names, then remove it"));
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
        return fmt::format(N_("cannot put back {}: {}"), e.target.string(), errno_text(errno));
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
    if (i < done)
      forward = forward && present(e.replaces ? backup_of(e.temp) : e.target);
    else
      forward = forward && present(e.temp);
  }
  if (!forward) return roll_back(entries, done);
  for (std::size_t i = done; i < entries.size(); ++i)
    if (::rename(entries[i].temp.c_str(), entries[i].target.c_str()) != 0)
      return fmt::format(N_("cannot finish {}: {}"), entries[i].target.string(), errno_text(errno));
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
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd_ < 0) return keep_ = true, errno;
    const std::string real_root = real_book_root(root_);
    text_ = std::string(kMagic) + std::to_string(::getpid()) + "\n";
    stored_.reserve(files.size());
    for (const StagedWrite& f : files) {
      stored_.push_back(stored(root_, real_root, f.target));
      text_ += "T ";
      put_path(text_, stored_.back());
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
      put_path(text_, stored_[i]);
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
    for (std::size_t i = 0; i < done; ++i)
      entries.push_back({files[i].replaces, files[i].target, temps[i].temporary()});
    if (roll_back(entries, done))
      keep_ = true;  // the next lock holder tries again
    else
      settle_journal(fd_, first_part_);
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
  std::vector<std::string> stored_;  // each file as the journal names it
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
  if (int err = journal.begin(files))
    return CreateFailure{Step::temporary, files.front().file, journal.path(), err, {}};
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
    if (!temp.write(f.text) || !temp.finish())
      return CreateFailure{Step::write, f.file, temp.temporary(), temp.error(), {}};
    if (several && f.replaces)
      if (int err = journal.back_up(i, f, temp))
        return CreateFailure{Step::temporary, f.file, temp.temporary(), err, {}};
  }
  if (several)
    if (int err = journal.commit(files, temps))
      return CreateFailure{Step::temporary, files.front().file, journal.path(), err, {}};
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

std::optional<Diagnostic> recover_transaction(const fs::path& root) {
  const fs::path path = journal_path(root);
  int err = 0;
  std::optional<std::string> text = read_journal(root, &err);
  if (!text && err == ENOENT) return std::nullopt;
  if (!text) return refusal(fmt::format(N_("it cannot be read as a regular file ({})"), errno_text(err)));
  const Parsed j = Parser(root, *text).parse();
  if (j.refused) return refusal(*j.refused);
  const std::string hint = N_("the journal stays until a command can finish or undo it; see salesops(1), FILES");
  if (j.committed) {
    if (auto why = settle(j))
      return journal_error(fmt::format(N_("cannot finish the write a killed command left: {}"), *why), hint);
    std::vector<fs::path> dirs;
    for (const Entry& e : j.entries) dirs.push_back(e.target.parent_path());
    sync_directories(std::move(dirs));
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
      return journal_error(fmt::format(N_("cannot write {}: {}"), std::string(kJournal), errno_text(errno)), hint);
    settle_journal(fd, j.first_part);
    ::close(fd);
  }
  if (j.pid > 0) sweep(j);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT)
    return journal_error(fmt::format(N_("cannot remove {}: {}"), std::string(kJournal), errno_text(errno)), hint);
  return std::nullopt;
}

JournalState journal_state(const fs::path& root) {
  int err = 0;
  std::optional<std::string> text = read_journal(root, &err);
  if (!text) return err == ENOENT ? JournalState::none : JournalState::refused;
  const Parsed j = Parser(root, *text).parse();
  if (j.refused) return JournalState::refused;
  return j.committed ? JournalState::committed : JournalState::uncommitted;
}

std::optional<Diagnostic> pending_write(const fs::path& root, std::chrono::milliseconds wait) {
  struct stat st {};
  if (::lstat(journal_path(root).c_str(), &st) != 0) return std::nullopt;
  // A writer at work keeps a journal too: a shared hold of its lock waits for it to finish.
  const int fd = leaves_book(root, ".salesops/lock")
                     ? -1
                     : ::open((root / ".salesops/lock").c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd >= 0) {
    const auto deadline = std::chrono::steady_clock::now() + wait;
    while (::flock(fd, LOCK_SH | LOCK_NB) != 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    ::close(fd);
  }
  switch (journal_state(root)) {
    case JournalState::none:
      return std::nullopt;
    case JournalState::uncommitted:
      return journal_error(N_("a write was stopped before it changed any file; its temporary files are left"),
                           N_("the next command that writes to the book removes them"), Severity::warning);
    case JournalState::committed:
      return journal_error(N_("a write was stopped between renames: the book is half written"),
                           N_("run a command that writes to the book (it finishes the stopped write first); a command "
                              "that only reads never does; see salesops(1), FILES"));
    case JournalState::refused:
      break;
  }
  int err = 0;
  std::optional<std::string> text = read_journal(root, &err);
  if (!text) return refusal(fmt::format(N_("it cannot be read as a regular file ({})"), errno_text(err)));
  return refusal(Parser(root, *text).parse().refused.value_or(N_("it does not parse")));
}

}  // namespace salesops::core
