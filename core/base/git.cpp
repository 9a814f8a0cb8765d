#include "core/base/git.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/base/i18n.hpp"

extern char** environ;

namespace salesops::core {

namespace {

/// argv and environment for git, owned as strings.
struct Command {
  std::vector<std::string> args;
  std::vector<std::string> env;

  Command(const std::filesystem::path& dir, const std::vector<std::string>& extra,
          const std::vector<std::string>& extra_env = {}) {
    // The repository's configured programs are switched off before anything else is read:
    // an fsmonitor runs on index refreshes, hooks on commits, the gpg program whenever a
    // signature is shown, the pager on any output.
    args = {"git",    "--no-pager",          "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null",
            "-c",     "log.showSignature=false", "-C", dir.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    auto replaced = [&](std::string_view v) {
      if (v.starts_with("GIT_TERMINAL_PROMPT=") || v.starts_with("GIT_OPTIONAL_LOCKS=")) return true;
      return std::any_of(extra_env.begin(), extra_env.end(),
                         [&](const std::string& x) { return v.starts_with(x.substr(0, x.find('=') + 1)); });
    };
    for (char** e = environ; e && *e; ++e)
      if (!replaced(*e)) env.emplace_back(*e);
    env.emplace_back("GIT_TERMINAL_PROMPT=0");
    env.emplace_back("GIT_OPTIONAL_LOCKS=0");
    env.insert(env.end(), extra_env.begin(), extra_env.end());
  }
  static std::vector<char*> pointers(std::vector<std::string>& v) {
    std::vector<char*> out;
    for (auto& s : v) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
  }
};

/// Spawns git with stdin from `in`, stdout to `out` and stderr to `err` (each -1: /dev/null).
int spawn(Command& c, int in, int out, int err) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  auto wire = [&](int fd, int target, int flags) {
    if (fd >= 0)
      posix_spawn_file_actions_adddup2(&fa, fd, target);
    else
      posix_spawn_file_actions_addopen(&fa, target, "/dev/null", flags, 0);
  };
  wire(in, 0, O_RDONLY);
  wire(out, 1, O_WRONLY);
  wire(err, 2, O_WRONLY);
  auto argv = Command::pointers(c.args);
  auto envp = Command::pointers(c.env);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, "git", &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  return rc == 0 ? pid : -1;
}

int wait_for(int pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

GitResult run_git(const std::filesystem::path& dir, const std::vector<std::string>& args,
                  const std::vector<std::string>& env) {
  GitResult r;
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0) return r;
  if (pipe2(err, O_CLOEXEC) != 0) {
    close(out[0]), close(out[1]);
    return r;
  }
  Command c(dir, args, env);
  int pid = spawn(c, -1, out[1], err[1]);
  close(out[1]), close(err[1]);
  if (pid < 0) {
    close(out[0]), close(err[0]);
    r.err = N_("cannot run git (is it installed?)");
    return r;
  }
  // Both pipes are drained together so that neither can fill up and stall git.
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  std::string* sinks[2] = {&r.out, &r.err};
  int open_count = 2;
  char chunk[65536];
  while (open_count > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = ::read(fds[i].fd, chunk, sizeof chunk);
      if (n > 0) {
        sinks[i]->append(chunk, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_count;
      }
    }
  }
  for (auto& f : fds)
    if (f.fd >= 0) close(f.fd);
  r.status = wait_for(pid);
  return r;
}

std::string git_reason(const GitResult& r) {
  for (std::size_t pos = 0; pos < r.err.size();) {
    auto end = r.err.find('\n', pos);
    if (end == std::string::npos) end = r.err.size();
    std::string_view line(r.err.data() + pos, end - pos);
    for (std::string_view prefix : {"fatal: ", "error: "})
      if (line.starts_with(prefix)) return std::string(line.substr(prefix.size()));
    pos = end + 1;
  }
  auto end = r.err.find('\n');
  return r.err.substr(0, end);
}

std::optional<std::string> git_book_prefix(const std::filesystem::path& dir, std::string* error) {
  GitResult r = run_git(dir, {"rev-parse", "--show-prefix"});
  if (r.ok()) return r.out.substr(0, r.out.find('\n'));
  std::string reason = git_reason(r);
  if (error) {
    if (reason.starts_with("not a git repository"))
      *error = fmt::format(N_("the book '{}' is not in a git repository"), dir.string());
    else
      *error = reason.empty() ? std::string(N_("git failed")) : reason;
  }
  return std::nullopt;
}

GitCatFile::GitCatFile(const std::filesystem::path& dir) {
  // A socket rather than a pipe towards git: send() with MSG_NOSIGNAL reports a git that
  // died as an error instead of killing the program with SIGPIPE.
  int in[2], out[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) != 0) return;
  if (pipe2(out, O_CLOEXEC) != 0) {
    close(in[0]), close(in[1]);
    return;
  }
  Command c(dir, {"cat-file", "--batch"});
  pid_ = spawn(c, in[1], out[1], -1);
  close(in[1]), close(out[1]);
  to_git_ = in[0];
  from_git_ = out[0];
  if (pid_ < 0) {
    close(to_git_), close(from_git_);
    to_git_ = from_git_ = -1;
  }
}

GitCatFile::~GitCatFile() {
  if (to_git_ >= 0) close(to_git_);  // end of input: git exits
  if (from_git_ >= 0) close(from_git_);
  if (pid_ > 0) wait_for(pid_);
}

bool GitCatFile::fill(std::size_t need) {
  if (pos_ > 0 && pos_ == buffer_.size()) buffer_.clear(), pos_ = 0;
  char chunk[65536];
  while (buffer_.size() - pos_ < need) {
    ssize_t n = ::read(from_git_, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
  return true;
}

std::optional<std::string> GitCatFile::read(const std::string& oid, std::string* error) {
  auto failed = [&](const char* why) -> std::optional<std::string> {
    if (error) *error = why;
    return std::nullopt;
  };
  if (!ok()) return failed(N_("cannot run git cat-file"));
  if (oid.empty() || oid.find_first_of("\n\r") != std::string::npos) return failed(N_("not an object name"));
  std::string request = oid + '\n';
  for (std::size_t sent = 0; sent < request.size();) {
    ssize_t n = send(to_git_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return failed(N_("git cat-file stopped"));
    sent += static_cast<std::size_t>(n);
  }
  // The header: "<oid> <type> <size>\n", or "<oid> missing\n".
  std::size_t eol;
  for (;;) {
    eol = buffer_.find('\n', pos_);
    if (eol != std::string::npos) break;
    if (!fill(buffer_.size() - pos_ + 1)) return failed(N_("git cat-file stopped"));
  }
  std::string header = buffer_.substr(pos_, eol - pos_);
  pos_ = eol + 1;
  auto space = header.rfind(' ');
  if (header.ends_with(" missing") || space == std::string::npos) return failed(N_("git has no such object"));
  std::size_t size = 0;
  for (char ch : header.substr(space + 1)) {
    if (ch < '0' || ch > '9') return failed(N_("unexpected answer from git cat-file"));
    size = size * 10 + static_cast<std::size_t>(ch - '0');
  }
  if (!fill(size + 1)) return failed(N_("git cat-file stopped"));
  std::string data = buffer_.substr(pos_, size);
  pos_ += size + 1;  // the contents end with a newline of their own
  return data;
}

}  // namespace salesops::core
