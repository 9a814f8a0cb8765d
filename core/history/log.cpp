#include "core/history/log.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/base/git.hpp"
#include "core/base/i18n.hpp"
#include "core/history/commits.hpp"
#include "core/history/record_diff.hpp"
#include "core/load/git_source.hpp"

namespace salesops::core {

namespace fs = std::filesystem;

namespace {

/// Whether `text` may hold the record `id`: every part of it (a review's period and
/// person) appears. Files that cannot are not parsed.
bool may_hold(std::string_view text, std::string_view id) {
  for (const std::string& part : split_nonempty(std::string(id), '/'))
    if (text.find(part) == std::string_view::npos) return false;
  return true;
}

/// The records of a file that is a list of them (deals, targets) that may hold `id`: the
/// items (from a line starting with "-" to the next) in which it appears, so that a file of
/// thousands of records is parsed as the few that matter. Any other file, or one with
/// something else at the margin but comments, is kept whole.
std::string items_holding(std::string_view text, std::string_view id) {
  std::string out;
  std::size_t item = std::string_view::npos;  // where the current item starts
  auto flush = [&](std::size_t end) {
    if (item != std::string_view::npos && may_hold(text.substr(item, end - item), id)) out.append(text.substr(item, end - item));
  };
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = text.find('\n', pos);
    end = end == std::string_view::npos ? text.size() : end + 1;
    char c = text[pos];
    if (c == '-' && (end - pos <= 2 || text[pos + 1] == ' ' || text[pos + 1] == '\n')) {
      if (text.substr(pos).starts_with("---")) return std::string(text);
      flush(pos);
      item = pos;
    } else if (c == '#' || c == '\n') {
      if (item == std::string_view::npos) { pos = end; continue; }
    } else if (c != ' ') {
      return std::string(text);  // a mapping, a document marker, a tab: not a plain list
    } else if (item == std::string_view::npos) {
      return std::string(text);
    }
    pos = end;
  }
  flush(text.size());
  return out;
}

/// The commits of a shallow clone's boundary (their parents are not in the repository).
std::set<std::string> shallow_boundary(const fs::path& book_root) {
  std::set<std::string> out;
  GitResult shallow = run_git(book_root, {"rev-parse", "--is-shallow-repository"});
  if (!shallow.ok() || !shallow.out.starts_with("true")) return out;
  GitResult path = run_git(book_root, {"rev-parse", "--path-format=absolute", "--git-path", "shallow"});
  if (!path.ok()) return out;
  std::ifstream in(path.out.substr(0, path.out.find('\n')));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.insert(line);
  return out;
}

/// The folder a record's kind lives in ("deals/"), or the file itself (team.yaml).
std::string kind_pathspec(const std::string& file) {
  auto slash = file.find('/');
  return slash == std::string::npos ? file : file.substr(0, slash + 1);
}

}  // namespace

std::optional<std::string> record_file(const Book& book, std::string_view id) {
  auto file_of = [&](Mark m) -> std::optional<std::string> {
    return m.file < book.files.size() ? std::optional(std::string(book.files[m.file])) : std::nullopt;
  };
  if (const Target* t = book.target(id)) return file_of(t->at);
  if (const Deal* d = book.deal(id)) return file_of(d->at);
  if (const Customer* c = book.customer(id)) return file_of(c->at);
  for (const RewardPlan& p : book.reward_plans)
    if (book.text(p.id) == id) return file_of(p.at);
  for (const Review& r : book.reviews)
    if (book.str(r.period_text) + "/" + book.str(r.person) == id) return file_of(r.at);
  return std::nullopt;
}

RecordLog record_log(const fs::path& book_root, const std::string& revision, const std::string& file,
                     std::string_view id, std::string* error) {
  RecordLog result;
  std::optional<std::string> prefix = git_book_prefix(book_root, error);
  if (!prefix) return result;
  const std::string& dir = *prefix;
  auto commits = book_log(book_root, revision, kind_pathspec(file), LogDate::author, error);
  if (!commits) return result;
  std::set<std::string> boundary = shallow_boundary(book_root);
  GitCatFile cat(book_root);
  std::string read_error;
  // The files that held the record, from its file at the revision back: a commit that puts
  // the record into one of them adds the file it came from (a rename, a move).
  std::set<std::string> followed{file};
  auto read = [&](const std::string& oid, const std::string& path, FileTexts& into) {
    if (oid.empty()) return;
    if (auto text = cat.read(oid, &read_error); text && may_hold(*text, id)) into.emplace(path, items_holding(*text, id));
  };
  auto with_settings = [&](const FileTexts& files, const std::string& rev) {
    return load_texts_at(cat, rev + ":" + dir, files);
  };
  for (const CommitChanges& c : *commits) {
    if (boundary.contains(c.id)) {
      result.cut_at = c.id;  // what it changed is unknown: its parent is not here
      continue;
    }
    if (std::none_of(c.files.begin(), c.files.end(), [&](const FileChange& f) { return followed.contains(f.path); }))
      continue;
    FileTexts before, after;
    for (const FileChange& f : c.files)
      if (followed.contains(f.path)) {
        read(f.before, f.path, before);
        read(f.after, f.path, after);
      }
    if (before.empty() && after.empty()) continue;
    auto old_book = with_settings(before, c.id + "^"), new_book = with_settings(after, c.id);
    if (record_file(*new_book, id) && !record_file(*old_book, id)) {
      // Put into a followed file here: from wherever else this commit took it.
      bool found = false;
      for (const FileChange& f : c.files) {
        if (followed.contains(f.path) || f.before.empty()) continue;
        FileTexts one;
        read(f.before, f.path, one);
        if (one.empty()) continue;
        auto origin = with_settings(one, c.id + "^");
        if (!record_file(*origin, id)) continue;
        followed.insert(f.path);
        before.insert(one.begin(), one.end());
        read(f.after, f.path, after);
        found = true;
      }
      if (found) old_book = with_settings(before, c.id + "^"), new_book = with_settings(after, c.id);
    }
    for (Change& ch : full_diff(*old_book, *new_book, before, after))
      if (ch.id == id) {
        ch.note.clear();  // the parent check needs the whole book, not one file
        result.entries.push_back({c.id, c.date, c.author, c.subject, std::move(ch)});
      }
  }
  if (result.cut_at.empty() && !boundary.empty()) {
    // The walk may end at the boundary without that commit touching the record's folder.
    GitResult oldest =
        run_git(book_root, {"rev-list", "--max-parents=0", "--end-of-options", revision.empty() ? "HEAD" : revision});
    for (const std::string& root : split_nonempty(oldest.out, '\n'))
      if (boundary.contains(root)) result.cut_at = root;
    if (result.cut_at.empty()) result.cut_at = *boundary.begin();
  }
  return result;
}

}  // namespace salesops::core
