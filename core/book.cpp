#include "core/book.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "core/load_context.hpp"
#include "core/load_parallel.hpp"
#include "core/record_cache.hpp"

namespace salesops::core {

namespace fs = std::filesystem;

namespace {

template <class Rec>
const Rec* lookup(const IdIndex& index, const std::vector<Rec>& records, const Book& b, std::string_view id) {
  auto pos = index.find(id, [&](std::uint32_t i) { return b.text(records[i].id); });
  return pos ? &records[*pos] : nullptr;
}

class DirectorySource final : public BookSource {
 public:
  explicit DirectorySource(fs::path root) : root_(std::move(root)) {}

  std::vector<std::string> list() override {
    std::vector<std::string> out;
    std::error_code ec;
    // Symbolic links to files are read; links to directories are not followed, so a link
    // cannot make the walk loop.
    fs::recursive_directory_iterator it(root_, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      // Lexically: fs::relative would resolve a linked file to its target's name.
      if (it->is_regular_file(ec)) out.push_back(it->path().lexically_relative(root_).generic_string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  std::optional<std::string> read(const std::string& relative, std::string* error) override {
    std::ifstream in(root_ / relative, std::ios::binary);
    if (!in) {
      if (error) *error = "cannot open the file";
      return std::nullopt;
    }
    std::string data;
    in.seekg(0, std::ios::end);
    auto size = in.tellg();
    if (size > 0) {
      data.resize(static_cast<std::size_t>(size));
      in.seekg(0);
      in.read(data.data(), size);
    }
    if (!in && size > 0) {
      if (error) *error = "cannot read the file";
      return std::nullopt;
    }
    return data;
  }

  std::string describe() const override { return root_.string(); }

 private:
  fs::path root_;
};

enum class FileKind { none, team, customer, deals, targets, plan, coaching, review, reward_plans, grants };

/// The kinds of reference a file of kind `k` can satisfy.
std::vector<RefKind> refs_to(FileKind k) {
  switch (k) {
    case FileKind::team: return {RefKind::person, RefKind::team, RefKind::owner};
    case FileKind::customer: return {RefKind::customer};
    case FileKind::targets: return {RefKind::target};
    case FileKind::plan: return {RefKind::plan};
    default: return {};
  }
}

FileKind classify(const std::string& rel) {
  if (rel == "team.yaml") return FileKind::team;
  if (!rel.ends_with(".yaml")) return FileKind::none;
  auto under = [&](std::string_view dir) { return rel.starts_with(dir); };
  if (under("customers/")) return FileKind::customer;
  if (under("deals/")) return FileKind::deals;
  if (under("targets/")) return FileKind::targets;
  if (under("plans/")) return FileKind::plan;
  if (under("coaching/")) return FileKind::coaching;
  if (under("reviews/")) return FileKind::review;
  if (rel == "rewards/plans.yaml") return FileKind::reward_plans;
  if (under("rewards/")) return FileKind::grants;
  return FileKind::none;
}

}  // namespace

// Problems libyaml would not name well: binary content and merge-conflict markers.
bool precheck_record_text(const std::string& text, const std::string& rel, Diagnostics& diags) {
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
    diags.error("encoding", {rel, 1, 1, 1}, "the file is UTF-16 text", "salesops reads UTF-8 text: save the file as UTF-8");
    return false;
  }
  if (auto nul = text.find('\0'); nul != std::string::npos) {
    auto [line, column] = line_and_column(text, nul);
    diags.error("binary-file", {rel, line, column, 1}, "the file holds binary data (a NUL byte), not YAML text",
                "only YAML text belongs under this directory");
    return false;
  }
  // One error per conflict, at its <<<<<<< line; a marker outside a conflict on its own.
  bool ok = true;
  std::uint32_t line = 1, opened = 0;
  auto report = [&](std::uint32_t at, std::string message) {
    diags.error("conflict-marker", {rel, at, 1, 7}, std::move(message),
                "resolve the conflict, then remove the <<<<<<<, ======= and >>>>>>> lines");
    ok = false;
  };
  for (std::size_t pos = 0; pos < text.size(); ++line) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view l(text.data() + pos, end - pos);
    pos = end + 1;
    bool separator = (l.starts_with("=======") && l.find_first_not_of("=\r") == std::string_view::npos) || l.starts_with("|||||||");
    if (l.starts_with("<<<<<<<")) {
      if (opened) report(opened, "unresolved merge conflict: no >>>>>>> line closes it");
      opened = line;
    } else if (l.starts_with(">>>>>>>") && opened) {
      report(opened, fmt::format("unresolved merge conflict (lines {} to {})", opened, line));
      opened = 0;
    } else if (l.starts_with(">>>>>>>") || (separator && !opened)) {
      report(line, "merge-conflict marker");
    }
  }
  if (opened) report(opened, "unresolved merge conflict: no >>>>>>> line closes it");
  return ok;
}

namespace {

/// Reports each loop in the team tree once, at its first team in file order, naming the
/// whole loop. Teams that merely lead into a loop are not reported again.
void check_team_tree(Book& b, Diagnostics& diags) {
  // 0: not visited, 1: on the walk in progress, 2: done.
  std::vector<std::uint8_t> state(b.teams.size(), 0);
  auto index_of = [&](const Team* t) { return static_cast<std::size_t>(t - b.teams.data()); };
  auto parent_of = [&](const Team& t) -> const Team* {
    if (t.parent.empty() || b.text(t.parent) == "company") return nullptr;
    return b.team(b.text(t.parent));  // a missing parent is reported as a missing reference
  };
  for (std::size_t i = 0; i < b.teams.size(); ++i) {
    std::vector<std::size_t> walk;
    std::optional<std::size_t> cur = i;
    while (cur && state[*cur] == 0) {
      state[*cur] = 1;
      walk.push_back(*cur);
      const Team* next = parent_of(b.teams[*cur]);
      cur = next ? std::optional<std::size_t>(index_of(next)) : std::nullopt;
    }
    if (cur && state[*cur] == 1) {  // the walk came back to itself
      auto first = std::find(walk.begin(), walk.end(), *cur);
      std::vector<std::size_t> loop(first, walk.end());
      std::size_t head = *std::min_element(loop.begin(), loop.end());
      std::rotate(loop.begin(), std::find(loop.begin(), loop.end(), head), loop.end());
      std::string path;
      for (std::size_t t : loop) path += fmt::format("{} -> ", b.text(b.teams[t].id));
      path += b.text(b.teams[head].id);
      diags.error("team-cycle", b.location(b.teams[head].at), fmt::format("team parents form a loop: {}", path),
                  "teams form a tree under company: give one of these teams another parent");
    }
    for (std::size_t t : walk) state[t] = 2;
  }
}

}  // namespace

const Team* Book::team(std::string_view id) const { return lookup(team_index, teams, *this, id); }
const Person* Book::person(std::string_view id) const { return lookup(person_index, people, *this, id); }
const Customer* Book::customer(std::string_view id) const { return lookup(customer_index, customers, *this, id); }
const Deal* Book::deal(std::string_view id) const { return lookup(deal_index, deals, *this, id); }
const Target* Book::target(std::string_view id) const { return lookup(target_index, targets, *this, id); }
const Plan* Book::plan(std::string_view id) const { return lookup(plan_index, plans, *this, id); }

std::optional<std::uint8_t> Book::stage_on(const Deal& deal, Date d) const {
  if (deal.opened && d < *deal.opened) return std::nullopt;
  if (deal.closed && *deal.closed <= d) return deal.stage;
  std::optional<std::uint8_t> stage;
  for (const StageChange& c : history_of(deal)) {
    if (*c.date > d) break;
    stage = c.stage;
  }
  if (!stage && deal.history_count == 0) stage = deal.stage;
  if (!stage && deal.opened) stage = history_of(deal).empty() ? deal.stage : history_of(deal).front().stage;
  return stage;
}

std::vector<std::uint32_t> Book::subtree(std::string_view team_id) const {
  std::vector<std::uint32_t> out;
  bool all = team_id == "company";
  for (std::uint32_t i = 0; i < teams.size(); ++i) {
    if (all) { out.push_back(i); continue; }
    // Walk up from each team; bounded by the team count so a cycle cannot hang.
    const Team* t = &teams[i];
    for (std::size_t steps = 0; t && steps <= teams.size(); ++steps) {
      if (text(t->id) == team_id) { out.push_back(i); break; }
      t = t->parent.empty() ? nullptr : team(text(t->parent));
    }
  }
  return out;
}

std::vector<std::uint32_t> Book::members(std::string_view team_id) const {
  std::vector<std::uint32_t> out;
  if (team_id == "company") {
    for (std::uint32_t i = 0; i < people.size(); ++i) out.push_back(i);
    return out;
  }
  std::vector<std::uint32_t> teams_in = subtree(team_id);
  for (std::uint32_t i = 0; i < people.size(); ++i)
    for (std::uint32_t t : teams_in)
      if (people[i].team == teams[t].id) { out.push_back(i); break; }
  return out;
}

std::unique_ptr<BookSource> directory_source(const fs::path& root) { return std::make_unique<DirectorySource>(root); }

LoadResult load_book(BookSource& source, const fs::path& root) { return load_book(source, root, LoadOptions{}); }

LoadResult load_book(BookSource& source, const fs::path& root, const LoadOptions& options) {
  LoadResult result;
  result.book = std::make_unique<Book>();
  Book& b = *result.book;
  b.root = root;
  b.revision = source.revision();
  Diagnostics& diags = result.diags;
  std::vector<std::string> all = source.list();

  std::string error;
  std::optional<RecordCache> cache;
  if (std::find(all.begin(), all.end(), "salesops.toml") == all.end()) {
    diags.error("book-config", {"salesops.toml", 0, 0, 1}, "the book has no salesops.toml");
    b.config = default_config();
  } else if (auto text = source.read("salesops.toml", &error)) {
    b.config = parse_config(*text, "salesops.toml", diags);
    ++result.files_read;
    // Directory books only: the files of a git revision (--at) have no mtime to key on.
    if (options.cache && dynamic_cast<DirectorySource*>(&source)) cache.emplace(root, *text);
  } else {
    diags.error("book-read", {"salesops.toml", 0, 0, 1}, error);
  }

  std::vector<std::pair<FileKind, std::string>> files;
  for (auto& rel : all)
    if (FileKind k = classify(rel); k != FileKind::none) files.emplace_back(k, std::move(rel));
  std::vector<std::string>().swap(all);  // a book's paths are many: kept once, in `files`
  std::stable_sort(files.begin(), files.end(), [](auto& a, auto& c) { return a.first < c.first; });

  LoadContext ctx{b, diags};
  auto finish_kind = [&](FileKind k) {
    if (k == FileKind::team) {
      ctx.mark_loaded(RefKind::person);
      ctx.mark_loaded(RefKind::team);
      ctx.mark_loaded(RefKind::owner);
      ctx.resolve_pending();
      check_team_tree(b, diags);
    } else if (k == FileKind::customer) {
      ctx.mark_loaded(RefKind::customer);
    } else if (k == FileKind::targets) {
      ctx.mark_loaded(RefKind::target);
      ctx.resolve_pending();
    }
  };
  // Kinds load in order (people before the deals that name them); once every file of a kind
  // is read, references to it are checked.
  int finished = 0;
  auto finish_before = [&](int kind) {
    for (; finished < kind; ++finished) finish_kind(static_cast<FileKind>(finished));
  };
  auto unread = [&](FileKind k) {
    for (RefKind r : refs_to(k)) ctx.mark_partial(r);
  };
  bool directory = dynamic_cast<DirectorySource*>(&source) != nullptr;
  for (std::size_t i = 0; i < files.size(); ++i) {
    auto& [kind, rel] = files[i];
    finish_before(static_cast<int>(kind));
    if (kind == FileKind::customer || kind == FileKind::deals) {
      // The numerous kinds are read in parallel, then merged in file order.
      std::vector<std::string> batch;
      for (; i < files.size() && files[i].first == kind; ++i) batch.push_back(std::move(files[i].second));
      --i;
      load_kind_parallel(kind == FileKind::deals ? ParallelKind::deals : ParallelKind::customers, batch, source,
                         directory, ctx, options, cache ? &*cache : nullptr, result.files_read);
      continue;
    }
    auto text = source.read(rel, &error);
    if (!text) {
      diags.error("book-read", {rel, 0, 0, 1}, error);
      unread(kind);
      continue;
    }
    ++result.files_read;
    if (!precheck_record_text(*text, rel, diags)) {
      unread(kind);
      continue;
    }
    auto file_index = static_cast<std::uint32_t>(b.files.size());
    b.files.push_back(rel);
    YamlReader reader(*text, file_index, b.files.back(), diags);
    switch (kind) {
      case FileKind::team: load_team_file(reader, ctx); break;
      case FileKind::customer: load_customer_file(reader, ctx); break;
      case FileKind::deals: load_deal_file(reader, ctx); break;
      case FileKind::targets: load_target_file(reader, ctx); break;
      case FileKind::plan: load_plan_file(reader, ctx); break;
      case FileKind::coaching: load_coaching_file(reader, ctx); break;
      case FileKind::review: {
        auto slash1 = rel.find('/'), slash2 = rel.find('/', slash1 + 1);
        if (slash2 == std::string::npos || rel.find('/', slash2 + 1) != std::string::npos) {
          diags.error("review-place", {rel, 1, 1, 1}, "a review lives at reviews/<period>/<person>.yaml");
          break;
        }
        std::string period = rel.substr(slash1 + 1, slash2 - slash1 - 1);
        std::string person = rel.substr(slash2 + 1, rel.size() - slash2 - 1 - 5);
        load_review_file(reader, ctx, period, person);
        break;
      }
      case FileKind::reward_plans: load_reward_plans_file(reader, ctx); break;
      case FileKind::grants: load_grants_file(reader, ctx); break;
      case FileKind::none: break;
    }
    reader.finish_document();
    if (reader.partial()) unread(kind);
  }
  finish_before(static_cast<int>(FileKind::grants) + 1);
  for (std::size_t i = 0; i < ctx.loaded.size(); ++i) ctx.loaded[i] = true;
  ctx.resolve_pending();
  diags.sort();
  return result;
}

std::optional<fs::path> find_book(const std::string& flag, const char* env, const fs::path& cwd, std::string* error) {
  std::error_code ec;
  auto check = [&](const fs::path& dir, const char* from) -> std::optional<fs::path> {
    if (fs::exists(dir / "salesops.toml", ec)) return fs::absolute(dir, ec);
    if (error) *error = fmt::format("{} '{}' holds no salesops.toml", from, dir.string());
    return std::nullopt;
  };
  if (!flag.empty()) return check(flag, "--book");
  if (env && *env) return check(env, "SALESOPS_BOOK");
  for (fs::path dir = fs::absolute(cwd, ec);; dir = dir.parent_path()) {
    if (fs::exists(dir / "salesops.toml", ec)) return dir;
    if (dir == dir.parent_path()) break;
  }
  if (error) *error = "no book found: no salesops.toml in this directory or any parent (use --book DIR or SALESOPS_BOOK)";
  return std::nullopt;
}

}  // namespace salesops::core
