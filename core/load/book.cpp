// Loading a whole book: salesops.toml, then each kind of file in the order references need.
#include "core/load/book.hpp"

#include <fmt/format.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <algorithm>

#include "core/base/book_path.hpp"
#include "core/base/git.hpp"
#include "core/base/i18n.hpp"
#include "core/load/cache.hpp"
#include "core/load/config.hpp"
#include "core/load/context.hpp"
#include "core/load/parallel.hpp"

namespace salesops::core {

namespace fs = std::filesystem;

namespace {

enum class FileKind { none, team, customer, deals, targets, plan, coaching, review, reward_plans, grants, rates };

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
  if (under("rates/")) return FileKind::rates;
  return FileKind::none;
}

}  // namespace

// Problems libyaml would not name well: binary content and merge-conflict markers.
bool precheck_record_text(std::string_view text, const std::string& rel, Diagnostics& diags, FileText* release) {
  constexpr std::size_t kWindow = std::size_t{1} << 20;
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
    diags.error("encoding", {rel, 1, 1, 1}, N_("the file is UTF-16 text"),
                N_("salesops reads UTF-8 text: save the file as UTF-8"));
    return false;
  }
  std::size_t nul = std::string_view::npos;
  for (std::size_t at = 0; at < text.size() && nul == std::string_view::npos; at += kWindow) {
    nul = text.substr(at, kWindow).find('\0');
    if (nul != std::string_view::npos) nul += at;
    else if (release) release->release_before(at + kWindow);
  }
  if (nul != std::string_view::npos) {
    auto [line, column] = line_and_column(text, nul);
    diags.error("binary-file", {rel, line, column, 1}, N_("the file holds binary data (a NUL byte), not YAML text"),
                N_("only YAML text belongs under this directory"));
    return false;
  }
  // One error per conflict, at its <<<<<<< line; a marker outside a conflict on its own.
  bool ok = true;
  std::uint32_t line = 1, opened = 0;
  auto report = [&](std::uint32_t at, std::string message) {
    diags.error("conflict-marker", {rel, at, 1, 7}, std::move(message),
                N_("resolve the conflict, then remove the <<<<<<<, ======= and >>>>>>> lines"));
    ok = false;
  };
  for (std::size_t pos = 0, next_release = kWindow; pos < text.size(); ++line) {
    if (release && pos >= next_release) {
      release->release_before(pos);
      next_release = pos + kWindow;
    }
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l(text.data() + pos, end - pos);
    pos = end + 1;
    bool separator = (l.starts_with("=======") && l.find_first_not_of("=\r") == std::string_view::npos) || l.starts_with("|||||||");
    if (l.starts_with("<<<<<<<")) {
      if (opened) report(opened, N_("unresolved merge conflict: no >>>>>>> line closes it"));
      opened = line;
    } else if (l.starts_with(">>>>>>>") && opened) {
      report(opened, fmt::format(N_("unresolved merge conflict (lines {} to {})"), opened, line));
      opened = 0;
    } else if (l.starts_with(">>>>>>>") || (separator && !opened)) {
      report(line, N_("merge-conflict marker"));
    }
  }
  if (opened) report(opened, N_("unresolved merge conflict: no >>>>>>> line closes it"));
  if (release) release->release_before(text.size());
  return ok;
}

namespace {

/// Gives the pages of freed small blocks back to the system: a kind's many paths and its
/// parse's leftovers are freed once it is read, and the next kind's records (large blocks,
/// mapped apart) would not reuse them.
void release_free_memory() {
#if defined(__GLIBC__)
  ::malloc_trim(0);
#endif
}

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
      diags.error("team-cycle", b.location(b.teams[head].at), fmt::format(N_("team parents form a loop: {}"), path),
                  N_("teams form a tree under company: give one of these teams another parent"));
    }
    for (std::size_t t : walk) state[t] = 2;
  }
}

}  // namespace

namespace {

/// One load of a whole book: salesops.toml, then each kind of file in FileKind order
/// (people before the deals that name them); once every file of a kind is read,
/// references to it are checked.
class BookLoader {
 public:
  BookLoader(BookSource& source, const fs::path& root, const LoadOptions& options, LoadResult& result)
      : source_(source), root_(root), options_(options), result_(result), b_(*result.book), ctx_{b_, result.diags} {}

  void run() {
    b_.root = root_;
    b_.revision = source_.revision();
    std::vector<std::string> all = source_.list();
    refuse_links();
    read_config(all);
    std::vector<std::pair<FileKind, std::string>> files;
    for (auto& rel : all)
      if (FileKind k = classify(rel); k != FileKind::none) files.emplace_back(k, std::move(rel));
    std::vector<std::string>().swap(all);  // a book's paths are many: kept once, in `files`
    std::stable_sort(files.begin(), files.end(), [](auto& a, auto& c) { return a.first < c.first; });
    // The paths by kind, each list then owning its paths, and the book's list of them its
    // final size, so neither grows twice over while the records are read.
    std::vector<std::pair<FileKind, std::vector<std::string>>> kinds;
    std::size_t path_bytes = 0;
    for (auto& [kind, rel] : files) {
      if (kinds.empty() || kinds.back().first != kind) kinds.emplace_back(kind, std::vector<std::string>{});
      path_bytes += rel.size();
      kinds.back().second.push_back(std::move(rel));
    }
    b_.files.reserve(files.size(), path_bytes);
    std::vector<std::pair<FileKind, std::string>>().swap(files);

    // A kind with custom fields is read file by file, without the cache: its values are
    // kept by record position as the records are appended (Book::deal_fields).
    const bool custom_customers = !b_.config.fields.of("customer").empty();
    const bool custom_deals = !b_.config.fields.of("deal").empty();
    for (auto& [kind, paths] : kinds) {
      finish_before(static_cast<int>(kind));
      if ((kind == FileKind::customer && !custom_customers) || (kind == FileKind::deals && !custom_deals)) {
        // The numerous kinds are read in parallel, then merged in file order.
        load_kind_parallel(kind == FileKind::deals ? ParallelKind::deals : ParallelKind::customers, paths, source_,
                           source_.directory() != nullptr, ctx_, options_, cache_ ? &*cache_ : nullptr,
                           result_.files_read);
      } else {
        for (const std::string& rel : paths) load_file(kind, rel);
      }
      std::vector<std::string>().swap(paths);  // the book's list has them now
      release_free_memory();
    }
    finish_before(static_cast<int>(FileKind::rates) + 1);
    for (std::size_t i = 0; i < ctx_.loaded.size(); ++i) ctx_.loaded[i] = true;
    ctx_.resolve_pending();
    check_rates(b_, result_.diags);
    result_.diags.sort();
  }

 private:
  void read_config(const std::vector<std::string>& all) {
    std::string error;
    if (std::find(all.begin(), all.end(), "salesops.toml") == all.end()) {
      if (!config_refused_)
        result_.diags.error("book-config", {"salesops.toml", 0, 0, 1}, N_("the book has no salesops.toml"));
      b_.config = default_config();
    } else if (auto text = source_.read("salesops.toml", &error)) {
      b_.config = parse_config(*text, "salesops.toml", result_.diags);
      ++result_.files_read;
      // A directory's files are cached by their metadata and hash; a git revision's (--at,
      // diff) by their blob ids, in the working tree's cache.
      if (options_.cache && !options_.all_locations && (source_.directory() || !source_.revision().empty()))
        use_cache(*text, source_.directory() ? nullptr : &source_);
    } else {
      result_.diags.error("book-read", {"salesops.toml", 0, 0, 1}, error);
    }
  }

  /// Each link list() refused that names a file the book would read: an error naming it,
  /// and its kind's references left unchecked (its records are unknown, not missing).
  void refuse_links() {
    for (const RefusedPath& r : source_.refused()) {
      FileKind kind = classify(r.path);
      if (kind == FileKind::none && r.path != "salesops.toml") continue;
      result_.diags.error("book-link", {r.path, 0, 0, 1}, fmt::format(N_("{}: not read"), r.reason),
                          N_("a record file must be a file of the book, or a link to one inside it"));
      result_.refused = true;
      config_refused_ = config_refused_ || r.path == "salesops.toml";
      unread(kind);
    }
  }

  /// The parsed-record cache, unless .salesops/cache leads out of the book: a committed
  /// link there would have the cache read and written outside it.
  void use_cache(std::string_view config_text, const BookSource* by_blob) {
    std::string real_root = real_book_root(root_);
    if (auto why = refused_link(resolve_in_directory(real_root, ".salesops/cache"))) {
      result_.diags.warning("book-link", {".salesops", 0, 0, 1}, fmt::format(N_("{}: the cache is not used"), *why));
      return;
    }
    // A revision's entries and packs are keyed by blob ids anyone can compute: a cache that
    // came in through git (a committed .salesops) could hold records no revision has.
    if (by_blob) {
      GitResult tracked = run_git(root_, {"ls-files", "-z", "--", ".salesops"});
      if (!tracked.ok() || !tracked.out.empty()) return;
    }
    cache_.emplace(root_, config_text, by_blob);
  }

  void finish_kind(FileKind k) {
    if (k == FileKind::team) {
      ctx_.mark_loaded(RefKind::person);
      ctx_.mark_loaded(RefKind::team);
      ctx_.mark_loaded(RefKind::owner);
      ctx_.resolve_pending();
      check_team_tree(b_, result_.diags);
    } else if (k == FileKind::customer) {
      ctx_.mark_loaded(RefKind::customer);
    } else if (k == FileKind::targets) {
      ctx_.mark_loaded(RefKind::target);
      ctx_.resolve_pending();
    }
  }

  void finish_before(int kind) {
    for (; finished_ < kind; ++finished_) finish_kind(static_cast<FileKind>(finished_));
  }

  /// A file of `k` not read in full: references to its kind may name a record in it.
  void unread(FileKind k) {
    for (RefKind r : refs_to(k)) ctx_.mark_partial(r);
  }

  void load_file(FileKind kind, const std::string& rel) {
    std::string error;
    auto text = source_.read(rel, &error);
    if (!text) {
      result_.diags.error("book-read", {rel, 0, 0, 1}, error);
      unread(kind);
      return;
    }
    ++result_.files_read;
    if (!precheck_record_text(*text, rel, result_.diags)) {
      unread(kind);
      return;
    }
    auto file_index = static_cast<std::uint32_t>(b_.files.size());
    b_.files.push_back(rel);
    YamlReader reader(*text, file_index, b_.files.back(), result_.diags);
    read_records(kind, rel, reader);
    reader.finish_document();
    if (reader.partial()) unread(kind);
  }

  void read_records(FileKind kind, const std::string& rel, YamlReader& reader) {
    // The loader of each kind, in FileKind's order; a review is read with its place.
    using Loader = void (*)(YamlReader&, LoadContext&);
    static constexpr Loader kLoaders[] = {
        nullptr,  // none
        load_team_file, load_customer_file, load_deal_file, load_target_file, load_plan_file, load_coaching_file,
        nullptr,  // review: read below, with its place
        load_reward_plans_file, load_grants_file, load_rates_file};
    static_assert(std::size(kLoaders) == static_cast<std::size_t>(FileKind::rates) + 1);
    if (kind != FileKind::review) {
      if (Loader load = kLoaders[static_cast<std::size_t>(kind)]) load(reader, ctx_);
      return;
    }
    auto slash1 = rel.find('/'), slash2 = rel.find('/', slash1 + 1);
    if (slash2 == std::string::npos || rel.find('/', slash2 + 1) != std::string::npos) {
      result_.diags.error("review-place", {rel, 1, 1, 1}, N_("a review lives at reviews/<period>/<person>.yaml"));
      return;
    }
    std::string period = rel.substr(slash1 + 1, slash2 - slash1 - 1);
    std::string person = rel.substr(slash2 + 1, rel.size() - slash2 - 1 - 5);
    load_review_file(reader, ctx_, period, person);
  }

  BookSource& source_;
  const fs::path& root_;
  const LoadOptions& options_;
  LoadResult& result_;
  Book& b_;
  LoadContext ctx_;
  std::optional<RecordCache> cache_;
  int finished_ = 0;  // kinds below this one are finished
  bool config_refused_ = false;
};

}  // namespace

LoadResult load_book(BookSource& source, const fs::path& root) { return load_book(source, root, LoadOptions{}); }

LoadResult load_book(BookSource& source, const fs::path& root, const LoadOptions& options) {
  LoadResult result;
  result.book = std::make_unique<Book>();
  result.diags.keep_all_locations(options.all_locations);
  BookLoader(source, root, options, result).run();
  return result;
}

std::optional<fs::path> find_book(const std::string& flag, const char* env, const fs::path& cwd, std::string* error) {
  std::error_code ec;
  auto check = [&](const fs::path& dir, const char* from) -> std::optional<fs::path> {
    if (fs::exists(dir / "salesops.toml", ec)) return fs::absolute(dir, ec);
    if (error) *error = fmt::format(N_("{} '{}' holds no salesops.toml"), from, dir.string());
    return std::nullopt;
  };
  if (!flag.empty()) return check(flag, "--book");
  if (env && *env) return check(env, "SALESOPS_BOOK");
  for (fs::path dir = fs::absolute(cwd, ec);; dir = dir.parent_path()) {
    if (fs::exists(dir / "salesops.toml", ec)) return dir;
    if (dir == dir.parent_path()) break;
  }
  if (error)
    *error = N_("no book found: no salesops.toml in this directory or any parent (use --book DIR or SALESOPS_BOOK)");
  return std::nullopt;
}

}  // namespace salesops::core
