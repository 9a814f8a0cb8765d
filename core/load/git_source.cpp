#include "core/load/git_source.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <mutex>

#include "core/base/book_path.hpp"
#include "core/base/git.hpp"
#include "core/base/i18n.hpp"
#include "core/load/book.hpp"

namespace salesops::core {

namespace fs = std::filesystem;

namespace {

class GitSource final : public BookSource {
 public:
  GitSource(fs::path root, std::string commit, std::map<std::string, std::string> blobs,
            std::vector<RefusedPath> refused)
      : root_(std::move(root)), commit_(std::move(commit)), blobs_(std::move(blobs)), refused_(std::move(refused)),
        cat_(root_) {}

  std::vector<std::string> list() override {
    std::vector<std::string> out;
    out.reserve(blobs_.size());
    for (auto& [path, oid] : blobs_) out.push_back(path);
    return out;
  }

  std::vector<RefusedPath> refused() const override { return refused_; }

  std::optional<std::string> read(const std::string& relative, std::string* error) override {
    auto it = blobs_.find(relative);
    if (it == blobs_.end()) {
      if (error) *error = fmt::format(N_("no such file at {}"), commit_.substr(0, 12));
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
  std::vector<RefusedPath> refused_;
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
    if (error) *error = N_("no such file");
    return std::nullopt;
  }
  std::string describe() const override { return "git"; }
};

/// Replaces each link of `links` (path -> blob id of its target text) by what it leads to:
/// a regular file of the tree is listed under the link's name with that file's blob; a link
/// out of the book or into .git is refused; any other is left out. False when git fails.
bool resolve_links(const fs::path& book_root, std::map<std::string, std::string>& blobs,
                   const std::map<std::string, std::string>& links, std::vector<RefusedPath>& refused) {
  GitCatFile cat(book_root);
  std::map<std::string, std::string> targets;  // absolute path of a link -> its target text
  const std::string root = real_book_root(book_root);
  for (auto& [path, oid] : links) {
    std::string error;
    auto text = cat.read(oid, &error);
    if (!text) return false;
    targets.emplace(root + "/" + path, std::move(*text));
  }
  auto read_link = [&](const std::string& absolute) -> std::optional<std::string> {
    auto it = targets.find(absolute);
    if (it == targets.end()) return std::nullopt;
    return it->second;
  };
  std::map<std::string, std::string> resolved;
  for (auto& [path, oid] : links) {
    BookPath to = resolve_book_path(root, path, read_link);
    if (auto why = refused_link(to)) {
      refused.push_back({path, *why});
    } else if (to.kind == BookPathKind::inside && !hidden_path(to.real)) {
      if (auto it = blobs.find(to.real); it != blobs.end()) resolved.emplace(path, it->second);
    }
  }
  blobs.merge(resolved);
  return true;
}

}  // namespace

namespace {
/// Adds salesops.toml as it stood at `object_prefix`, when there, to `texts`.
void add_settings(GitCatFile& cat, const std::string& object_prefix, std::map<std::string, std::string>& texts) {
  std::string error;
  if (auto toml = cat.read(object_prefix + "salesops.toml", &error)) texts["salesops.toml"] = std::move(*toml);
}
}  // namespace

std::map<std::string, std::string> read_files_at(GitCatFile& cat, const std::string& object_prefix,
                                                 const std::vector<std::string>& files) {
  std::map<std::string, std::string> texts;
  add_settings(cat, object_prefix, texts);
  std::string error;
  for (const std::string& file : files)
    if (auto text = cat.read(object_prefix + file, &error)) texts[file] = *text;
  return texts;
}

std::unique_ptr<Book> load_texts(const std::map<std::string, std::string>& texts) {
  MemorySource source;
  source.files = texts;
  return load_book(source, "/").book;
}

std::unique_ptr<Book> load_texts_at(GitCatFile& cat, const std::string& object_prefix,
                                    std::map<std::string, std::string> texts) {
  add_settings(cat, object_prefix, texts);
  return load_texts(texts);
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
  if (revision.empty()) return fail(GitSourceError::unknown_revision, N_("--at needs a revision"));
  auto commit = resolve_commit(book_root, revision);
  if (!commit)
    return fail(GitSourceError::unknown_revision,
                fmt::format(N_("--at {}: no such revision in the book's repository"), revision));
  GitResult tree = run_git(book_root, {"ls-tree", "-r", "-z", "--full-tree", *commit, "--", dir.empty() ? "." : dir});
  if (!tree.ok())
    return fail(GitSourceError::unreadable, fmt::format(N_("--at {}: git ls-tree failed: {}"), revision, tree.err));
  // Entries: "<mode> <type> <oid>\t<path>\0". Submodules are not files; symbolic links
  // (mode 120000) are judged as the working tree's are, from their target, never followed
  // out of the tree.
  std::map<std::string, std::string> blobs, links;
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
    if (type != "blob" || !path.starts_with(dir)) continue;
    path.remove_prefix(dir.size());
    if (path.empty() || hidden_path(path)) continue;
    (mode == "120000" ? links : blobs).emplace(std::string(path), std::string(info.substr(s2 + 1)));
  }
  std::vector<RefusedPath> refused;
  if (!links.empty() && !resolve_links(book_root, blobs, links, refused))
    return fail(GitSourceError::unreadable, fmt::format(N_("--at {}: git cat-file failed"), revision));
  auto source = std::make_unique<GitSource>(book_root, *commit, std::move(blobs), std::move(refused));
  if (why) *why = GitSourceError::none;
  return source;
}

}  // namespace salesops::core
