// salesops init [DIR] [--example] [--git-config]: a new book from templates/, or a copy of
// the example; --git-config registers the record merge driver in an existing book's repo.
#include <fmt/format.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

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
  if (!ctx.options.quiet) std::cout << note << '\n';
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
  if (!ctx.options.quiet) {
    std::cout << (o.example ? fmt::format(N_("created the example book in {} ({} files)"), dir.string(), files.size())
                            : fmt::format(N_("created a new book in {} ({} files)"), dir.string(), files.size()))
              << '\n';
    std::cout << fmt::format(N_("next: cd {} && git init && git add . && git commit -m 'New book' && salesops check"),
                             dir.string())
              << '\n';
  }
}

}  // namespace

Run setup_init(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<InitOptions>();
  app.add_option("dir", o->dir, N_("Directory of the new book (created if needed)"))->capture_default_str();
  auto* example = app.add_flag("--example", o->example, N_("Fill it with the example book"));
  app.add_flag("--git-config", o->git_config,
               N_("In an existing book: register the record merge driver in the repository's git config and .gitattributes"))
      ->excludes(example);
  return [&ctx, o] { run_init(ctx, *o); };
}

}  // namespace salesops::cli
