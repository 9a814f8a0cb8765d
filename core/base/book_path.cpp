#include "core/base/book_path.hpp"

#include <fmt/format.h>
#include <limits.h>
#include <unistd.h>

#include <deque>
#include <vector>

#include "core/base/i18n.hpp"

namespace salesops::core {

namespace {

/// Links followed before the walk gives up, as the kernel's ELOOP limit.
constexpr int kMaxLinks = 40;

std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> parts;
  for (std::size_t pos = 0; pos <= path.size();) {
    std::size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > pos) parts.emplace_back(path.substr(pos, slash - pos));
    pos = slash + 1;
  }
  return parts;
}

std::string join(const std::vector<std::string>& parts, std::size_t from, bool absolute) {
  std::string out;
  for (std::size_t i = from; i < parts.size(); ++i) {
    if (absolute || i > from) out += '/';
    out += parts[i];
  }
  return absolute && out.empty() ? "/" : out;
}

bool starts_with(const std::vector<std::string>& parts, const std::vector<std::string>& prefix) {
  if (parts.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (parts[i] != prefix[i]) return false;
  return true;
}

}  // namespace

BookPath resolve_book_path(const std::string& real_root, std::string_view relative, const LinkReader& read_link) {
  const std::vector<std::string> root = split(real_root);
  std::vector<std::string> done = root;  // the resolved components so far
  std::deque<std::string> todo;
  for (std::string& part : split(relative)) todo.push_back(std::move(part));
  BookPath out;
  int links = 0;
  while (!todo.empty()) {
    std::string part = std::move(todo.front());
    todo.pop_front();
    if (part == ".") continue;
    if (part == "..") {
      if (!done.empty()) done.pop_back();
      continue;
    }
    done.push_back(std::move(part));
    std::optional<std::string> target = read_link(join(done, 0, true));
    if (!target) continue;
    if (out.link.empty())
      out.link = starts_with(done, root) ? join(done, root.size(), false) : std::string(relative);
    if (++links > kMaxLinks) {
      out.kind = BookPathKind::loop;
      return out;
    }
    done.pop_back();
    if (target->starts_with('/')) done.clear();
    std::vector<std::string> next = split(*target);
    todo.insert(todo.begin(), next.begin(), next.end());
  }
  if (!starts_with(done, root)) out.kind = BookPathKind::outside;
  else if (done.size() > root.size() && done[root.size()] == ".git") out.kind = BookPathKind::git;
  else out.real = join(done, root.size(), false);
  return out;
}

std::string real_book_root(const std::filesystem::path& root) {
  std::error_code ec;
  std::filesystem::path real = std::filesystem::canonical(root, ec);
  if (ec) real = std::filesystem::absolute(root, ec).lexically_normal();
  return real.generic_string();
}

BookPath resolve_in_directory(const std::string& real_root, std::string_view relative) {
  return resolve_book_path(real_root, relative, [](const std::string& absolute) -> std::optional<std::string> {
    char buffer[PATH_MAX];
    ssize_t n = ::readlink(absolute.c_str(), buffer, sizeof buffer);
    if (n < 0) return std::nullopt;
    return std::string(buffer, static_cast<std::size_t>(n));
  });
}

std::optional<std::string> refused_link(const BookPath& path) {
  const std::string& name = path.link;
  switch (path.kind) {
    case BookPathKind::outside:
      if (name.empty()) return N_("the path leaves the book");
      return fmt::format(N_("{} is a link that leads outside the book"), name);
    case BookPathKind::git:
      if (name.empty()) return N_("the path is inside the book's .git directory");
      return fmt::format(N_("{} is a link into the book's .git directory"), name);
    default: return std::nullopt;
  }
}

bool hidden_path(std::string_view path) {
  for (std::size_t pos = 0; pos < path.size();) {
    if (path[pos] == '.') return true;
    auto slash = path.find('/', pos);
    if (slash == std::string_view::npos) break;
    pos = slash + 1;
  }
  return false;
}

std::optional<std::string> leaves_book(const std::filesystem::path& root, const std::filesystem::path& relative) {
  return refused_link(resolve_in_directory(real_book_root(root), relative.generic_string()));
}

}  // namespace salesops::core
