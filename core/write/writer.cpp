#include "core/write/writer.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>
#include <thread>

#include "core/base/book_path.hpp"
#include "core/base/i18n.hpp"
#include "core/write/journal.hpp"

namespace salesops::core {
namespace fs = std::filesystem;

namespace {

std::string errno_text(int err) { return std::error_code(err, std::generic_category()).message(); }

Diagnostic io_error(std::string file, std::string message, std::string rule = "write-io", std::string hint = {}) {
  return Diagnostic{Severity::error, std::move(rule), Location{std::move(file), 0, 0, 1}, std::move(message),
                    std::move(hint)};
}

// A record path: relative, inside the book, and not hidden (hidden files are never records).
std::optional<std::string> bad_record_path(const fs::path& p) {
  if (p.empty() || p.is_absolute()) return N_("must be a path relative to the book");
  for (const fs::path& part : p)
    if (part == ".." || part.string().starts_with('.')) return N_("must not leave the book or name a hidden file");
  return std::nullopt;
}

struct FileState {
  std::string rel;  // as given, for messages and diffs
  fs::path target;  // the file to replace (a symlink's target)
  bool exists = false;
  mode_t mode = 0;
  std::string old_text;
  std::string new_text;
  std::vector<YamlEdit> edits;
  bool remove = false;
};

std::optional<Diagnostic> read_file(FileState& f) {
  struct stat st {};
  if (::stat(f.target.c_str(), &st) != 0) {
    if (errno == ENOENT) return std::nullopt;
    return io_error(f.rel, fmt::format(N_("cannot read {}: {}"), f.rel, errno_text(errno)));
  }
  if (!S_ISREG(st.st_mode)) return io_error(f.rel, fmt::format(N_("cannot write {}: it is not a regular file"), f.rel));
  f.exists = true;
  f.mode = st.st_mode & 07777;
  const int fd = ::open(f.target.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error(f.rel, fmt::format(N_("cannot read {}: {}"), f.rel, errno_text(errno)));
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      return io_error(f.rel, fmt::format(N_("cannot read {}: {}"), f.rel, errno_text(err)));
    }
    if (n == 0) break;
    f.old_text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return std::nullopt;
}

// Refuses early (before anything is written) what the commit would fail on anyway. The
// write-permission bits are checked as well as access(), since root may write anything.
std::optional<Diagnostic> check_writable(const FileState& f) {
  if (f.exists && ((f.mode & 0222) == 0 || ::access(f.target.c_str(), W_OK) != 0))
    return io_error(f.rel, fmt::format(N_("cannot write {}: the file is read-only"), f.rel));
  fs::path dir = f.target.parent_path();
  std::error_code ec;
  while (!dir.empty() && !fs::exists(dir, ec) && dir != dir.parent_path()) dir = dir.parent_path();
  struct stat st {};
  if (dir.empty() || ::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    return io_error(f.rel, fmt::format(N_("cannot write {}: {} is not a directory"), f.rel, dir.string()));
  if ((st.st_mode & 0222) == 0 || ::access(dir.c_str(), W_OK | X_OK) != 0)
    return io_error(f.rel, fmt::format(N_("cannot write {}: the directory {} is read-only"), f.rel, dir.string()));
  return std::nullopt;
}

Diagnostic transaction_error(const CreateFailure& failure) {
  using Step = CreateFailure::Step;
  const std::string& rel = failure.file;
  switch (failure.step) {
    case Step::directory:
      return io_error(rel, fmt::format(N_("cannot write {}: cannot create its directory: {}"), rel, failure.message));
    case Step::temporary: {
      const bool journal = failure.path.filename() == "journal" && failure.path.parent_path().filename() == ".salesops";
      return io_error(
          rel, journal ? fmt::format(N_("cannot write {}: cannot write .salesops/journal: {}; the file is unchanged"),
                                     rel, errno_text(failure.error))
                       : fmt::format(N_("cannot write {}: {}; the file is unchanged"), rel, errno_text(failure.error)));
    }
    case Step::write:
      return io_error(rel,
                      fmt::format(N_("cannot write {}: {}; the file is unchanged"), rel, errno_text(failure.error)));
    case Step::name:
      break;
  }
  return io_error(rel, fmt::format(N_("cannot replace {}: {}"), rel, errno_text(failure.error)));
}

}  // namespace

BookWriter::BookWriter(fs::path book_root, WriteOptions options) : root_(std::move(book_root)), options_(options) {}

BookWriter::~BookWriter() { unlock(); }

std::optional<Diagnostic> BookWriter::lock() {
  if (lock_fd_ >= 0) return std::nullopt;
  const std::string rel = ".salesops/lock";
  if (auto why = leaves_book(root_, rel))
    return io_error(rel, fmt::format(N_("cannot lock the book: {}"), *why), "write-lock");
  std::error_code ec;
  fs::create_directories(root_ / ".salesops", ec);
  if (ec)
    return io_error(rel, fmt::format(N_("cannot lock the book: cannot create .salesops/: {}"), ec.message()),
                    "write-lock");
  // Not through a link, and never waiting on a FIFO put in its place.
  const int fd = ::open((root_ / rel).c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0666);
  if (fd < 0) return io_error(rel, fmt::format(N_("cannot lock the book: {}"), errno_text(errno)), "write-lock");
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return io_error(rel, N_("cannot lock the book: .salesops/lock is not a regular file"), "write-lock");
  }
  const auto deadline = std::chrono::steady_clock::now() + options_.lock_timeout;
  for (;;) {
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
      lock_fd_ = fd;
      if (auto refused = recover_transaction(root_)) {
        unlock();
        return refused;
      }
      return std::nullopt;
    }
    const int err = errno;
    if (err != EWOULDBLOCK && err != EINTR) {
      ::close(fd);
      return io_error(rel, fmt::format(N_("cannot lock the book: {}"), errno_text(err)), "write-lock");
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::close(fd);
      const auto ms = options_.lock_timeout.count();
      return io_error(
          rel,
          ms % 1000 == 0
              ? fmt::format(N_("cannot lock the book: another salesops command is writing to it (waited {} s)"),
                            ms / 1000)
              : fmt::format(N_("cannot lock the book: another salesops command is writing to it (waited {} ms)"), ms),
          "write-lock", N_("retry when the other command has finished"));
    }
    // A short wait: under contention the next writer takes the lock soon after its release.
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

void BookWriter::unlock() {
  if (lock_fd_ < 0) return;
  ::flock(lock_fd_, LOCK_UN);
  ::close(lock_fd_);
  lock_fd_ = -1;
}

WriteResult BookWriter::apply(const std::vector<FileEdit>& edits) {
  WriteResult result;
  // Several edits of one file become one, in order.
  std::vector<FileState> files;
  for (const FileEdit& fe : edits) {
    const std::string rel = fe.file.lexically_normal().generic_string();
    if (auto bad = bad_record_path(fe.file.lexically_normal())) {
      result.errors.push_back(io_error(fe.file.generic_string(),
                                       fmt::format(N_("cannot write {}: {}"), fe.file.generic_string(), *bad),
                                       "write-path"));
      continue;
    }
    auto it = std::find_if(files.begin(), files.end(), [&](const FileState& f) { return f.rel == rel; });
    if (it == files.end()) {
      it = files.insert(files.end(), FileState{});
      it->rel = rel;
      it->target = root_ / rel;
    }
    it->edits.insert(it->edits.end(), fe.edits.begin(), fe.edits.end());
    it->remove = it->remove || fe.remove;
  }
  if (!result.ok()) return result;

  const bool held_before = locked();
  if (!options_.dry_run && !held_before) {
    if (auto err = lock()) {
      result.errors.push_back(*err);
      return result;
    }
  }
  struct Release {
    BookWriter* w;
    bool keep;
    ~Release() {
      if (!keep) w->unlock();
    }
  } release{this, held_before || options_.dry_run};

  // Compute and verify everything before touching any file.
  for (FileState& f : files) {
    if (auto why = leaves_book(root_, f.rel)) {
      result.errors.push_back(io_error(f.rel, fmt::format(N_("cannot write {}: {}"), f.rel, *why), "write-path"));
      continue;
    }
    std::error_code ec;
    if (fs::is_symlink(f.target, ec)) {
      fs::path real = fs::canonical(f.target, ec);
      if (ec) {
        result.errors.push_back(
            io_error(f.rel, fmt::format(N_("cannot write {}: the link is broken: {}"), f.rel, ec.message())));
        continue;
      }
      f.target = real;
    }
    if (auto err = read_file(f)) {
      result.errors.push_back(*err);
      continue;
    }
    if (f.remove) {
      if (!f.exists)
        result.errors.push_back(io_error(f.rel, fmt::format(N_("cannot remove {}: it does not exist"), f.rel)));
      else if (!options_.dry_run) if (auto err = check_writable(f)) result.errors.push_back(*err);
      continue;
    }
    TextEdit edited = apply_edits(f.old_text, f.edits, f.rel);
    if (!edited.ok()) {
      result.errors.push_back(*edited.error);
      continue;
    }
    f.new_text = std::move(edited.text);
    if (f.new_text == f.old_text) continue;
    if (!options_.dry_run) {
      if (auto err = check_writable(f)) result.errors.push_back(*err);
    }
  }
  if (!result.ok()) return result;
  std::erase_if(files, [](const FileState& f) { return !f.remove && f.new_text == f.old_text; });
  for (const FileState& f : files) result.changed.push_back(f.rel);
  if (options_.dry_run) {
    for (const FileState& f : files)
      result.diff += unified_diff(f.old_text, f.new_text, f.exists ? "a/" + f.rel : "/dev/null",
                                  f.remove ? "/dev/null" : "b/" + f.rel);
    return result;
  }
  std::vector<FileState> removals;
  for (FileState& f : files)
    if (f.remove) removals.push_back(std::move(f));
  std::erase_if(files, [](const FileState& f) { return f.remove; });

  // Every new text goes to a hidden temporary file next to its target, flushed to disk;
  // only when all are written, and the journal names them, are they renamed.
  std::vector<StagedWrite> staged;
  staged.reserve(files.size());
  for (const FileState& f : files) {
    StagedWrite& w = staged.emplace_back(StagedWrite{f.target, f.rel, f.new_text, {}, f.exists});
    if (f.exists) w.how.mode = f.mode;
  }
  if (auto failure = write_transaction(root_, staged)) {
    result.errors.push_back(transaction_error(*failure));
    result.changed.clear();
    return result;
  }
  // A removal (customer merge drops the duplicate's file) comes after every other file is
  // in place, so a crash between leaves the duplicate and not a lost record.
  for (const FileState& f : removals) {
    if (::unlink(f.target.c_str()) != 0) {
      result.errors.push_back(
          io_error(f.rel, fmt::format(N_("cannot remove {}: {}; every other file is written: remove it by hand"), f.rel,
                                      errno_text(errno))));
      return result;
    }
    sync_directory(f.target.parent_path());
  }
  return result;
}

namespace {

// Lines with their terminators, so a last line lacking "\n" differs from one that has it.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return lines;
}

struct Change {  // lines [a, a + a_len) of the old text become [b, b + b_len) of the new
  std::size_t a, a_len, b, b_len;
};

using Lines = std::vector<std::string_view>;

// Myers' O(ND) greedy diff of a[a0, a1) and b[b0, b1) into keep ('='), delete ('-') and
// insert ('+') steps. Past `max_d` differences it gives up on a minimal script and
// replaces the whole range, which is still a correct diff.
std::vector<char> myers(const Lines& a, std::size_t a0, std::size_t a1, const Lines& b, std::size_t b0,
                        std::size_t b1) {
  const long n = static_cast<long>(a1 - a0), m = static_cast<long>(b1 - b0), max = n + m;
  const long max_d = std::max(64L, 20'000'000L / std::max(1L, max));
  std::vector<long> v(static_cast<std::size_t>(2 * max + 3), 0);
  std::vector<std::vector<long>> trace;  // v over k in [-d, d] before step d
  auto at = [&](long k) -> long& { return v[static_cast<std::size_t>(k + max + 1)]; };
  long found = -1;
  for (long d = 0; d <= std::min(max, max_d) && found < 0; ++d) {
    trace.emplace_back(v.begin() + (max + 1 - d), v.begin() + (max + 2 + d));
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? at(k + 1) : at(k - 1) + 1;
      long y = x - k;
      while (x < n && y < m && a[a0 + x] == b[b0 + y]) ++x, ++y;
      at(k) = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  std::vector<char> ops;
  if (found < 0) {
    ops.assign(static_cast<std::size_t>(n), '-');
    ops.insert(ops.end(), static_cast<std::size_t>(m), '+');
    return ops;
  }
  long x = n, y = m;
  for (long d = found; d > 0; --d) {
    const std::vector<long>& prev = trace[static_cast<std::size_t>(d)];
    auto pv = [&](long k) { return prev[static_cast<std::size_t>(k + d)]; };
    const long k = x - y;
    const long prev_k = (k == -d || (k != d && pv(k - 1) < pv(k + 1))) ? k + 1 : k - 1;
    const long prev_x = pv(prev_k), prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) ops.push_back('='), --x, --y;
    ops.push_back(x == prev_x ? '+' : '-');
    x = prev_x;
    y = prev_y;
  }
  while (x > 0 && y > 0) ops.push_back('='), --x, --y;
  std::reverse(ops.begin(), ops.end());
  return ops;
}

std::vector<Change> diff_lines(const Lines& a, const Lines& b) {
  std::size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  std::size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre && a[a.size() - 1 - suf] == b[b.size() - 1 - suf]) ++suf;
  std::vector<Change> changes;
  std::size_t ia = pre, ib = pre;
  for (char op : myers(a, pre, a.size() - suf, b, pre, b.size() - suf)) {
    if (op == '=') {
      ++ia, ++ib;
      continue;
    }
    if (changes.empty() || changes.back().a + changes.back().a_len != ia ||
        changes.back().b + changes.back().b_len != ib)
      changes.push_back({ia, 0, ib, 0});
    if (op == '-') ++changes.back().a_len, ++ia;
    if (op == '+') ++changes.back().b_len, ++ib;
  }
  return changes;
}

std::string hunk_range(std::size_t start, std::size_t len) {
  if (len == 1) return std::to_string(start + 1);
  if (len == 0) return std::to_string(start) + ",0";
  return std::to_string(start + 1) + "," + std::to_string(len);
}

void put_line(std::string& out, char prefix, std::string_view line) {
  out += prefix;
  out += line;
  if (!line.ends_with('\n')) out += "\n\\ No newline at end of file\n";
}

}  // namespace

std::string unified_diff(std::string_view old_text, std::string_view new_text, std::string_view old_name,
                         std::string_view new_name, std::size_t context) {
  if (old_text == new_text) return {};
  const Lines a = split_lines(old_text), b = split_lines(new_text);
  const std::vector<Change> changes = diff_lines(a, b);
  std::string out = "--- " + std::string(old_name) + "\n+++ " + std::string(new_name) + "\n";
  for (std::size_t first = 0; first < changes.size();) {
    std::size_t last = first;
    while (last + 1 < changes.size() && changes[last + 1].a - (changes[last].a + changes[last].a_len) <= 2 * context)
      ++last;
    const Change& f = changes[first];
    const Change& l = changes[last];
    const std::size_t a_start = f.a - std::min(f.a, context);
    const std::size_t a_end = std::min(a.size(), l.a + l.a_len + context);
    const std::size_t b_start = f.b - (f.a - a_start);
    const std::size_t b_end = l.b + l.b_len + (a_end - (l.a + l.a_len));
    out += "@@ -" + hunk_range(a_start, a_end - a_start) + " +" + hunk_range(b_start, b_end - b_start) + " @@\n";
    std::size_t pos = a_start;
    for (std::size_t i = first; i <= last; ++i) {
      const Change& c = changes[i];
      for (; pos < c.a; ++pos) put_line(out, ' ', a[pos]);
      for (std::size_t k = 0; k < c.a_len; ++k) put_line(out, '-', a[c.a + k]);
      for (std::size_t k = 0; k < c.b_len; ++k) put_line(out, '+', b[c.b + k]);
      pos = c.a + c.a_len;
    }
    for (; pos < a_end; ++pos) put_line(out, ' ', a[pos]);
    first = last + 1;
  }
  return out;
}

}  // namespace salesops::core
