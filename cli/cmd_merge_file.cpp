// salesops merge-file BASE OURS THEIRS [PATH]: git's merge driver for record files.
//
// git runs it as `salesops merge-file %O %A %B %P` (merge.salesops.driver) on the three
// versions it wrote to temporary files; the merge goes back into OURS. It reads those three
// files and nothing else: no book, no configuration, no program of the repository.
#include <fmt/format.h>

#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "core/base/durable_file.hpp"
#include "core/base/escape.hpp"
#include "core/base/i18n.hpp"
#include "core/history/merge.hpp"

namespace salesops::cli {

namespace {

/// git merge-file's status for an error (it returns a negative number, which exits as 255).
constexpr int kMergeError = 255;

struct MergeFileOptions {
  std::string base, ours, theirs, path;
  int marker_size = 7;
};

std::optional<std::string> read_whole(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(bytes).str();
}

void run_merge_file(const MergeFileOptions& o) {
  std::string texts[3];
  const std::string* files[3] = {&o.base, &o.ours, &o.theirs};
  for (int i = 0; i < 3; ++i) {
    auto text = read_whole(*files[i]);
    if (!text) {
      std::cerr << "salesops merge-file: error: " << fmt::format(N_("cannot read {}: {}"), *files[i], std::strerror(errno)) << '\n';
      throw Exit{kMergeError};
    }
    texts[i] = std::move(*text);
  }
  core::MergedText merged = core::merge_record_text(texts[0], texts[1], texts[2], o.marker_size);
  if (merged.text != texts[1]) {
    if (int err = core::write_output_file(o.ours, merged.text)) {
      std::cerr << "salesops merge-file: error: " << fmt::format(N_("cannot write {}: {}"), o.ours, std::strerror(err)) << '\n';
      throw Exit{kMergeError};
    }
  }
  const std::string& name = o.path.empty() ? o.ours : o.path;
  for (const std::string& c : merged.conflicts) std::cerr << core::escape_controls(fmt::format(N_("{}: conflict: {}"), name, c) + "\n", "\n");
  if (merged.conflicted_records > 0) throw Exit{std::min(merged.conflicted_records, 127)};
}

}  // namespace

Run setup_merge_file(CLI::App& app, Context& /*ctx*/) {
  auto o = std::make_shared<MergeFileOptions>();
  app.add_option("base", o->base, N_("The common ancestor's version (git's %O)"))->required();
  app.add_option("ours", o->ours, N_("Our version, replaced by the merge (git's %A)"))->required();
  app.add_option("theirs", o->theirs, N_("Their version (git's %B)"))->required();
  app.add_option("path", o->path, N_("The file's name in the book, for messages (git's %P)"));
  app.add_option("--marker-size", o->marker_size, N_("Length of the conflict markers (git's %L)"))
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  return [o] { run_merge_file(*o); };
}

}  // namespace salesops::cli
