#include "core/load/git_source.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <mutex>

#include "core/base/git.hpp"
#include "core/load/book.hpp"

namespace salesops::core {

namespace fs = std::filesystem;

namespace {

/// A path is hidden when any of its components starts with '.' (as for the directory source).
bool hidden(std::string_view path) {
  for (std::size_t pos = 0; pos < path.size();) {
    if (path[pos] == '.') return true;
    auto slash = path.find('/', pos);
    if (slash == std::string_view::npos) break;
    pos = slash + 1;
  }
  return false;
}

class GitSource final : public BookSource {
 public:
  GitSource(fs::path root, std::string commit, std::map<std::string, std::string> blobs)
      : root_(std::move(root)), commit_(std::move(commit)), blobs_(std::move(blobs)), cat_(root_) {}

  std::vector<std::string> list() override {
    std::vector<std::string> out;
    out.reserve(blobs_.size());
    for (auto& [path, oid] : blobs_) out.push_back(path);
    return out;
  }

  std::optional<std::string> read(const std::string& relative, std::string* error) override {
    auto it = blobs_.find(relative);
    if (it == blobs_.end()) {
      if (error) *error = fmt::format("no such file at {}", commit_.substr(0, 12));
      return std::nullopt;
    }
    std::lock_guard lock(mutex_);  // one cat-file process answers one request at a time
    return cat_.read(it->second, error);
  }

  std::optional<std::string> blob_id(const std::string& relative) const override {
    auto it = blobs_.find(relative);
    if (it == blobs_.end()) return std::nullopt;
    return it->second;
  }

  std::string describe() const override { return fmt::format("{} at {}", root_.string(), commit_); }
  std::string revision() const override { return commit_; }

 private:
  fs::path root_;
  std::string commit_;
  std::map<std::string, std::string> blobs_;  // relative path -> blob id
  std::mutex mutex_;
  GitCatFile cat_;
};

/// Files held in memory.
class MemorySource final : public BookSource {
 public:
  std::map<std::string, std::string> files;
  std::vector<std::string> list() override {
    std::vector<std::string> out;
    for (auto& [path, text] : files) out.push_back(path);
    return out;
  }
  std::optional<std::string> read(const std::string& relative, std::string* error) override {
    auto it = files.find(relative);
    if (it != files.end()) return it->second;
    if (error) *error = "no such file";
    return std::nullopt;
  }
  std::string describe() const override { return "git"; }
};

}  // namespace

std::map<std::string, std::string> read_files_at(GitCatFile& cat, const std::string& object_prefix,
                                                 const std::vector<std::string>& files) {
  std::map<std::string, std::string> texts;
  std::string error;
  if (auto toml = cat.read(object_prefix + "salesops.toml", &error)) texts["salesops.toml"] = *toml;
  for (const std::string& file : files)
    if (auto text = cat.read(object_prefix + file, &error)) texts[file] = *text;
  return texts;
}

std::unique_ptr<Book> load_texts(const std::map<std::string, std::string>& texts) {
  MemorySource source;
  source.files = texts;
  return load_book(source, "/").book;
}

std::unique_ptr<Book> load_files_at(GitCatFile& cat, const std::string& object_prefix,
                                    const std::vector<std::string>& files) {
  return load_texts(read_files_at(cat, object_prefix, files));
}

std::optional<std::string> resolve_commit(const fs::path& dir, const std::string& revision) {
  // "--end-of-options" keeps a revision that starts with '-' from being read as an option.
  GitResult r = run_git(dir, {"rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"});
  if (!r.ok()) return std::nullopt;
  std::string id = r.out.substr(0, r.out.find('\n'));
  if (id.empty()) return std::nullopt;
  return id;
}

std::unique_ptr<BookSource> git_source(const fs::path& book_root, const std::string& revision, std::string* error,
                                       GitSourceError* why) {
  auto fail = [&](GitSourceError w, std::string message) -> std::unique_ptr<BookSource> {
    if (why) *why = w;
    if (error) *error = std::move(message);
    return nullptr;
  };
  std::string reason;
  auto prefix = git_book_prefix(book_root, &reason);
  if (!prefix) return fail(GitSourceError::not_a_repository, fmt::format("--at {}: {}", revision, reason));
  std::string dir = *prefix;  // "" or "sub/dir/"
  if (revision.empty()) return fail(GitSourceError::unknown_revision, "--at needs a revision");
  auto commit = resolve_commit(book_root, revision);
  if (!commit) return fail(GitSourceError::unknown_revision, fmt::format("--at {}: no such revision in the book's repository", revision));
  GitResult tree = run_git(book_root, {"ls-tree", "-r", "-z", "--full-tree", *commit, "--", dir.empty() ? "." : dir});
  if (!tree.ok()) return fail(GitSourceError::unreadable, fmt::format("--at {}: git ls-tree failed: {}", revision, tree.err));
  // Entries: "<mode> <type> <oid>\t<path>\0". Symbolic links and submodules are not files.
  std::map<std::string, std::string> blobs;
  for (std::size_t pos = 0; pos < tree.out.size();) {
    auto end = tree.out.find('\0', pos);
    if (end == std::string::npos) end = tree.out.size();
    std::string_view entry(tree.out.data() + pos, end - pos);
    pos = end + 1;
    auto tab = entry.find('\t');
    if (tab == std::string_view::npos) continue;
    std::string_view info = entry.substr(0, tab), path = entry.substr(tab + 1);
    auto s1 = info.find(' '), s2 = info.find(' ', s1 + 1);
    if (s1 == std::string_view::npos || s2 == std::string_view::npos) continue;
    std::string_view mode = info.substr(0, s1), type = info.substr(s1 + 1, s2 - s1 - 1);
    if (type != "blob" || mode == "120000" || !path.starts_with(dir)) continue;
    path.remove_prefix(dir.size());
    if (path.empty() || hidden(path)) continue;
    blobs.emplace(std::string(path), std::string(info.substr(s2 + 1)));
  }
  auto source = std::make_unique<GitSource>(book_root, *commit, std::move(blobs));
  if (why) *why = GitSourceError::none;
  return source;
}

}  // namespace salesops::core
