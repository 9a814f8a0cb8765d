#include "core/audit/approval_range.hpp"

#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "core/base/i18n.hpp"
#include "core/load/git_source.hpp"

namespace salesops::core {

namespace fs = std::filesystem;

namespace {

using Texts = std::map<std::string, std::string>;

/// Splits `text` at `sep`, leaving out empty pieces.
std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  for (std::size_t pos = 0; pos <= text.size();) {
    auto end = text.find(sep, pos);
    if (end == std::string_view::npos) end = text.size();
    if (end > pos) out.emplace_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

/// A file of the book that can hold approvable records or settings.
bool book_file(const std::string& file) {
  return file == "salesops.toml" || (file.ends_with(".yaml") && file.find("/.") == std::string::npos && file[0] != '.');
}

std::optional<std::string> text_of(const Texts& texts, const std::string& file) {
  auto it = texts.find(file);
  if (it == texts.end()) return std::nullopt;
  return it->second;
}

std::vector<ApprovableChange> diff_texts(const Texts& before, const Texts& after,
                                         const std::vector<std::string>& kinds) {
  auto a = load_texts(before), b = load_texts(after);
  std::string ta = text_of(before, "salesops.toml").value_or(""), tb = text_of(after, "salesops.toml").value_or("");
  return approvable_changes({*a, ta}, {*b, tb}, kinds);
}

std::set<std::string> keys_of(const std::vector<ApprovableChange>& changes) {
  std::set<std::string> out;
  for (const ApprovableChange& c : changes) out.insert(c.key());
  return out;
}

/// A temporary directory for the three sides of a file merge, removed with it.
struct ScratchDir {
  fs::path path;
  ScratchDir() {
    std::string tmpl = (fs::temp_directory_path() / "salesops-merge-XXXXXX").string();
    if (::mkdtemp(tmpl.data())) path = tmpl;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

}  // namespace

std::optional<std::vector<RangeCommit>> range_commits(const fs::path& book_root, const std::string& from,
                                                      const std::string& to, std::string* error) {
  std::string range = from.empty() ? to : from + ".." + to;
  // Every commit (approval commits are empty, merges may change nothing of their own), and
  // separately the commits that change the book, as `git log -- .` names them.
  GitResult log = run_git(book_root, {"log", "--reverse", "--format=%H%x1f%P%x1f%an <%ae>%x1f%s%x1f%B%x1e", range});
  GitResult touching = run_git(book_root, {"log", "--no-merges", "--format=%H", range, "--", "."});
  if (!log.ok() || !touching.ok()) {
    if (error) *error = fmt::format(N_("git log failed: {}"), git_reason(log.ok() ? touching : log));
    return std::nullopt;
  }
  std::set<std::string> book_commits;
  for (const std::string& id : split(touching.out, '\n')) book_commits.insert(id);
  std::vector<RangeCommit> out;
  for (const std::string& raw : split(log.out, '\x1e')) {
    std::vector<std::string> f;
    for (std::size_t pos = raw.find_first_not_of('\n'), n = 0; pos != std::string::npos && n < 5; ++n) {
      auto end = n < 4 ? raw.find('\x1f', pos) : std::string::npos;
      f.push_back(raw.substr(pos, end == std::string::npos ? std::string::npos : end - pos));
      pos = end == std::string::npos ? end : end + 1;
    }
    if (f.size() < 5) continue;
    RangeCommit c{f[0], f[3], f[2], split(f[1], ' '), f[4]};
    c.touches_book = book_commits.count(c.id) > 0;
    out.push_back(std::move(c));
  }
  return out;
}

BookHistory::BookHistory(const fs::path& book_root, std::string dir)
    : root_(book_root), dir_(std::move(dir)), cat_(book_root) {}

std::vector<std::string> BookHistory::changed_files(const std::string& from, const std::string& to) {
  std::vector<std::string> args{"diff-tree", "-r", "-z", "--name-only", "--no-commit-id", "--relative"};
  if (from.empty())
    args.push_back("--root");
  else
    args.push_back(from);
  args.insert(args.end(), {to, "--", "."});
  GitResult r = run_git(root_, args);
  std::vector<std::string> files;
  for (const std::string& file : split(r.out, '\0'))
    if (book_file(file)) files.push_back(file);
  return files;
}

std::vector<ApprovableChange> BookHistory::changes(const RangeCommit& c, const std::vector<std::string>& kinds,
                                                   bool* counted) {
  *counted = false;
  if (c.parents.size() > 1) return merge_changes(c, kinds, counted);
  if (!c.touches_book) return {};
  *counted = true;
  return commit_changes(c, kinds);
}

std::vector<ApprovableChange> BookHistory::commit_changes(const RangeCommit& c, const std::vector<std::string>& kinds) {
  std::vector<std::string> files = changed_files(c.parents.empty() ? "" : c.parents[0], c.id);
  if (files.empty()) return {};
  Texts before = c.parents.empty() ? Texts{} : read_files_at(cat_, c.parents[0] + ":" + dir_, files);
  return diff_texts(before, read_files_at(cat_, c.id + ":" + dir_, files), kinds);
}

std::vector<ApprovableChange> BookHistory::merge_changes(const RangeCommit& c, const std::vector<std::string>& kinds,
                                                         bool* counted) {
  // Only a file that differs from every parent's can hold something the merge introduced.
  std::vector<std::string> files = changed_files(c.parents[0], c.id);
  for (std::size_t i = 1; i < c.parents.size(); ++i) {
    std::vector<std::string> other = changed_files(c.parents[i], c.id);
    std::erase_if(files, [&](const std::string& f) { return std::find(other.begin(), other.end(), f) == other.end(); });
  }
  if (files.empty()) return {};
  Texts merged = read_files_at(cat_, c.id + ":" + dir_, files);
  std::vector<Texts> parents;
  for (const std::string& p : c.parents) parents.push_back(read_files_at(cat_, p + ":" + dir_, files));
  // What a clean merge of the two parents gives; a file that conflicts (or an octopus
  // merge) keeps the first parent's text, so that only the parents decide for it.
  Texts clean = parents[0];
  if (std::find(files.begin(), files.end(), "salesops.toml") == files.end())
    clean["salesops.toml"] = text_of(merged, "salesops.toml").value_or("");
  GitResult base = run_git(root_, {"merge-base", c.parents[0], c.parents[1]});
  Texts at_base = base.ok() ? read_files_at(cat_, first_line(base.out) + ":" + dir_, files) : Texts{};
  bool introduced = false;
  for (const std::string& file : files) {
    std::optional<std::string> result;
    if (c.parents.size() == 2 && base.ok())
      result = clean_merge(text_of(at_base, file), text_of(parents[0], file), text_of(parents[1], file));
    if (result) clean[file] = *result;
    // A file git merges to what the merge holds introduces nothing.
    if (!result || *result != text_of(merged, file).value_or("")) introduced = true;
  }
  if (!introduced) return {};
  *counted = true;
  std::vector<ApprovableChange> out = diff_texts(parents[0], merged, kinds);
  std::vector<std::set<std::string>> others{keys_of(diff_texts(clean, merged, kinds))};
  for (std::size_t i = 1; i < parents.size(); ++i) others.push_back(keys_of(diff_texts(parents[i], merged, kinds)));
  std::erase_if(out, [&](const ApprovableChange& ch) {
    return std::any_of(others.begin(), others.end(), [&](const auto& keys) { return !keys.count(ch.key()); });
  });
  return out;
}

/// The clean 3-way merge of one file's three versions (an absent file reads as empty:
/// both hold no records), as `git merge-file` makes it: it reads no attributes, so no
/// merge driver the repository configures runs. nullopt when they conflict.
std::optional<std::string> BookHistory::clean_merge(const std::optional<std::string>& base,
                                                    const std::optional<std::string>& ours,
                                                    const std::optional<std::string>& theirs) {
  std::string b = base.value_or(""), o = ours.value_or(""), t = theirs.value_or("");
  if (o == t || b == t) return o;
  if (b == o) return t;
  ScratchDir scratch;
  if (scratch.path.empty()) return std::nullopt;
  std::vector<std::string> args{"merge-file", "-p", "-q"};
  const std::pair<const char*, const std::string*> sides[] = {{"ours", &o}, {"base", &b}, {"theirs", &t}};
  for (auto [name, text] : sides) {
    fs::path p = scratch.path / name;
    std::ofstream(p, std::ios::binary) << *text;
    args.push_back(p.string());
  }
  GitResult r = run_git(root_, args);
  if (!r.ok()) return std::nullopt;
  return r.out;
}

}  // namespace salesops::core
