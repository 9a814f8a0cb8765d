// salesops init [DIR] [--example [--no-git]] [--git-config]: a new book from templates/, or
// the example book as a git repository with its year of history; --git-config registers
// the record merge driver in an existing book's repo.
#include <fmt/format.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>

#include "cli/commands.hpp"
#include "cli/embedded_files.hpp"
#include "core/base/date.hpp"
#include "core/base/durable_file.hpp"
#include "core/base/git.hpp"
#include "core/base/i18n.hpp"

namespace salesops::cli {

namespace fs = std::filesystem;

namespace {

struct InitOptions {
  std::string dir = ".";
  bool example = false;
  bool git_config = false;
  bool no_git = false;
};

/// The one-line driver definition that salesops-merge-file(1) and the README give.
constexpr const char* kMergeDriver = "salesops merge-file %O %A %B %P";

/// The files of a new book: relative path in the book, and its bytes.
std::vector<std::pair<std::string, std::string_view>> book_files(bool example) {
  std::vector<std::pair<std::string, std::string_view>> out;
  for (const EmbeddedFile& f : embedded_files()) {
    std::string_view path = f.path;
    if (example && path.starts_with("examples/book/")) {
      out.emplace_back(std::string(path.substr(14)), f.bytes());
    } else if (!example) {
      if (path == "templates/salesops.toml" || path == "templates/team.yaml") out.emplace_back(std::string(path.substr(10)), f.bytes());
      if (path == "templates/gitignore") out.emplace_back(".gitignore", f.bytes());
      if (path == "templates/gitattributes") out.emplace_back(".gitattributes", f.bytes());
    }
  }
  if (example) {
    for (const EmbeddedFile& f : embedded_files()) {
      if (std::string_view(f.path) == "templates/gitignore") out.emplace_back(".gitignore", f.bytes());
      if (std::string_view(f.path) == "templates/gitattributes") out.emplace_back(".gitattributes", f.bytes());
    }
  }
  return out;
}

/// salesops.toml of a new book with org.started set to `today`: the book audits nothing
/// that fell due before it existed.
std::string with_start(std::string_view toml, core::Date today) {
  std::string text(toml);
  constexpr std::string_view kKey = "\nstarted = ";
  if (std::size_t at = text.find(kKey); at != std::string::npos) text.replace(at + kKey.size(), 10, core::format_date(today));
  return text;
}

/// Writes a new file the durable way (core/base/durable_file.hpp).
bool write_new_file(const fs::path& path, std::string_view bytes, std::string* error) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) { *error = fmt::format(N_("cannot create {}: {}"), path.parent_path().string(), ec.message()); return false; }
  core::DurableOptions how;
  how.create_mode = 0644;
  if (int err = core::write_file_durably(path, bytes, how)) {
    *error = fmt::format(N_("cannot write {}: {}"), path.string(), std::strerror(err));
    return false;
  }
  return true;
}

std::string_view gitattributes_template() {
  for (const EmbeddedFile& f : embedded_files())
    if (std::string_view(f.path) == "templates/gitattributes") return f.bytes();
  return {};
}

/// An existing book: the driver in its repository's local git config, and .gitattributes
/// naming the record files (created, or the lines added when it names none yet).
void run_git_config(Context& ctx, const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir / "salesops.toml", ec))
    ctx.fail(kUsage, fmt::format(N_("{} is not a book (no salesops.toml): --git-config sets up an existing book"), dir.string()));
  for (const auto& [key, value] : {std::pair{"merge.salesops.name", "salesops records, merged by record and field"},
                                   std::pair{"merge.salesops.driver", kMergeDriver}}) {
    core::GitResult r = core::run_git(dir, {"config", "--local", key, value});
    if (!r.ok()) ctx.fail(kWriteRefused, fmt::format(N_("git config {} failed: {}"), key, r.err.empty() ? N_("git did not run") : r.err));
  }
  fs::path attributes = dir / ".gitattributes";
  std::ifstream in(attributes, std::ios::binary);
  std::string old((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string note = N_("the merge driver is in the repository's git config");
  if (old.find("merge=salesops") == std::string::npos) {
    std::string text = old.empty() || old.back() == '\n' ? old : old + "\n";
    text += gitattributes_template();
    if (int err = core::write_output_file(attributes, text))
      ctx.fail(kWriteRefused, fmt::format(N_("cannot write {}: {}"), attributes.string(), std::strerror(err)));
    note = old.empty() ? N_("the merge driver is in the repository's git config; .gitattributes created: commit it")
                       : N_("the merge driver is in the repository's git config; .gitattributes extended: commit it");
  }
  if (!ctx.options.quiet) std::cout << core::tr(note) << '\n';
}

/// What add_example_history() made: the number of commits and the first and last dates.
struct ExampleHistory {
  std::string commits, first, last;
};

/// The example's history, laid under the files just written to `dir`: a new repository
/// whose branch main holds the commits of examples/history.py, its index the last commit's
/// tree (which equals the files). Returns nothing when done, else why not; on failure the
/// repository it began is removed and the files stay as they are.
std::optional<std::string> add_example_history(const fs::path& dir, ExampleHistory* made) {
  std::error_code ec;
  if (fs::exists(dir / ".git", ec)) return fmt::format(N_("{} already has a .git"), dir.string());
  core::GitResult inside = core::run_git(dir, {"rev-parse", "--is-inside-work-tree"});
  if (inside.status < 0) return std::string(N_("git could not be run"));
  if (inside.ok()) return fmt::format(N_("{} is inside a git repository"), dir.string());
  if (inside.err.find("not a git repository") == std::string::npos) return core::git_reason(inside);
  // A repository of the history's own object format, whatever the user's git defaults to.
  const std::vector<std::string> env{"GIT_DEFAULT_HASH=sha1"};
  auto git = [&](const std::vector<std::string>& args) -> std::optional<std::string> {
    core::GitResult r = core::run_git(dir, args, env);
    if (r.ok()) return std::nullopt;
    std::string reason = core::git_reason(r);
    return fmt::format(N_("git {} failed: {}"), args.front(), reason.empty() ? r.err : reason);
  };
  auto undo = [&](std::string why) {
    fs::remove_all(dir / ".git", ec);
    return std::optional<std::string>(std::move(why));
  };
  if (auto e = git({"init", "-q"})) return undo(*e);
  if (auto e = git({"symbolic-ref", "HEAD", "refs/heads/main"})) return undo(*e);
  fs::path bundle = fs::absolute(dir / ".git" / "salesops-example.bundle", ec);
  std::string_view bytes = example_history();
  if (int err = core::write_output_file(bundle, bytes))
    return undo(fmt::format(N_("cannot write {}: {}"), bundle.string(), std::strerror(err)));
  core::GitResult heads = core::run_git(dir, {"bundle", "unbundle", bundle.string()}, env);
  fs::remove(bundle, ec);
  std::string head = heads.out.substr(0, heads.out.find(' '));
  if (!heads.ok() || head.empty()) return undo(fmt::format(N_("git bundle failed: {}"), core::git_reason(heads)));
  if (auto e = git({"update-ref", "refs/heads/main", head})) return undo(*e);
  if (auto e = git({"reset", "-q"})) return undo(*e);
  core::GitResult count = core::run_git(dir, {"rev-list", "--count", "HEAD"});
  core::GitResult dates = core::run_git(dir, {"log", "--format=%as", "HEAD"});
  made->commits = count.out.substr(0, count.out.find('\n'));
  std::string_view all = dates.out;
  while (!all.empty() && all.back() == '\n') all.remove_suffix(1);
  made->last = std::string(all.substr(0, all.find('\n')));
  made->first = std::string(all.substr(all.rfind('\n') + 1));
  return std::nullopt;
}

void run_init(Context& ctx, const InitOptions& o) {
  fs::path dir = o.dir;
  if (o.git_config) return run_git_config(ctx, dir);
  std::error_code ec;
  if (fs::exists(dir / "salesops.toml", ec)) ctx.fail(kWriteRefused, fmt::format(N_("{} is already a book (it has salesops.toml)"), dir.string()));
  auto files = book_files(o.example);
  for (auto& [rel, bytes] : files)
    if (fs::exists(dir / rel, ec)) ctx.fail(kWriteRefused, fmt::format(N_("{} exists; init changes no existing file"), (dir / rel).string()));
  std::vector<fs::path> written;
  std::string error;
  std::string toml;
  for (auto& [rel, bytes] : files)
    if (rel == "salesops.toml" && !o.example) bytes = toml = with_start(bytes, ctx.today());
  for (auto& [rel, bytes] : files) {
    if (!write_new_file(dir / rel, bytes, &error)) {
      for (auto& w : written) fs::remove(w, ec);
      ctx.fail(kWriteRefused, error);
    }
    written.push_back(dir / rel);
  }
  for (const char* sub : {"customers", "deals", "targets", "plans", "coaching", "reviews", "rewards"}) {
    fs::create_directories(dir / sub, ec);
    if (!fs::exists(dir / sub / ".gitkeep", ec) && fs::is_empty(dir / sub, ec)) write_new_file(dir / sub / ".gitkeep", "", &error);
  }
  ExampleHistory history;
  std::optional<std::string> without;
  if (o.example && !o.no_git) without = add_example_history(dir, &history);
  if (without)
    std::cerr << core::tr(fmt::format(N_("note: {}: the example book is laid down without its history"), core::tr(*without))) << '\n';
  if (!ctx.options.quiet) {
    std::cout << core::tr(o.example ? fmt::format(N_("created the example book in {} ({} files)"), dir.string(), files.size())
                                    : fmt::format(N_("created a new book in {} ({} files)"), dir.string(), files.size()))
              << '\n';
    if (o.example && !o.no_git && !without) {
      std::cout << core::tr(fmt::format(N_("a git repository: {} commits on branch main, {} to {}"), history.commits,
                                        history.first, history.last))
                << '\n';
      std::cout << core::tr(fmt::format(N_("next: cd {} && salesops check && git log"), dir.string())) << '\n';
    } else {
      std::cout << core::tr(fmt::format(N_("next: cd {} && git init && git add . && git commit -m 'New book' && salesops check"),
                                        dir.string()))
                << '\n';
    }
  }
}

}  // namespace

Run setup_init(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<InitOptions>();
  app.add_option("dir", o->dir, N_("Directory of the new book (created if needed)"))->capture_default_str();
  auto* example = app.add_flag("--example", o->example,
                               N_("Fill it with the example book, a git repository with a year of history"));
  app.add_flag("--no-git", o->no_git, N_("With --example: the files only, no git repository"))->needs(example);
  app.add_flag("--git-config", o->git_config,
               N_("In an existing book: register the record merge driver in the repository's git config and .gitattributes"))
      ->excludes(example);
  return [&ctx, o] { run_init(ctx, *o); };
}

}  // namespace salesops::cli
