#include "cli/help.hpp"

#include <fmt/format.h>

#include <iostream>
#include <string_view>

#include "core/base/i18n.hpp"
#include "core/base/suggest.hpp"

namespace salesops::cli {

namespace {

/// A global option that takes a value (the next word, unless written --opt=value), as the
/// root declares it.
bool takes_value(const CLI::App& root, std::string_view arg) {
  const CLI::Option* o = root.get_option_no_throw(std::string(arg));
  return o && o->get_items_expected_max() != 0;
}

/// The first words of the command line that are not options, at most `n`: the command and
/// its subcommand. Options before them are global ones; a value of one is skipped.
std::vector<std::string_view> leading_words(const CLI::App& root, int argc, char** argv, std::size_t n) {
  std::vector<std::string_view> words;
  for (int i = 1; i < argc && words.size() < n; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg.starts_with("-")) {
      if (takes_value(root, arg)) ++i;
      continue;
    }
    words.push_back(arg);
  }
  return words;
}

const Command* find(std::span<const Command> table, std::string_view name) {
  for (const Command& c : table)
    if (name == c.name) return &c;
  return nullptr;
}

/// "unknown command 'x'", or "unknown target subcommand 'x'" for a subcommand of `parent`,
/// with the closest name and `how` to list them.
std::string unknown(std::string_view parent, std::string_view word, std::span<const Command> table, std::string_view how) {
  std::vector<std::string> names;
  for (const Command& c : table) names.emplace_back(c.name);
  auto near = core::closest_match(word, names);
  if (parent.empty())
    return near ? fmt::format(N_("unknown command '{}' (did you mean '{}'?); {} lists them"), word, *near, how)
                : fmt::format(N_("unknown command '{}'; {} lists them"), word, how);
  return near ? fmt::format(N_("unknown {} subcommand '{}' (did you mean '{}'?); {} lists them"), parent, word, *near, how)
              : fmt::format(N_("unknown {} subcommand '{}'; {} lists them"), parent, word, how);
}

std::string names_of(std::span<const Command> table) {
  std::string out;
  for (const Command& c : table) out += (out.empty() ? "" : ", ") + std::string(c.name);
  return out;
}

}  // namespace

std::optional<std::string> command_word_error(const CLI::App& root, int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h" || arg == "--version") return std::nullopt;  // CLI11 answers these
  }
  auto words = leading_words(root, argc, argv, 2);
  if (words.empty()) return fmt::format(N_("a command is required: {}; `salesops help` describes them"), names_of(commands()));
  if (words[0] == "help") return std::nullopt;
  const Command* c = find(commands(), words[0]);
  if (!c) return unknown("", words[0], commands(), "`salesops help`");
  // kpi runs by itself as well as through its subcommands: its next word may be a value.
  if (c->setup || !c->subcommands) return std::nullopt;
  std::string how = fmt::format("`salesops help {}`", c->name);
  if (words.size() < 2)
    return fmt::format(N_("'{}' needs a subcommand: {}; {} describes them"), c->name, names_of(c->subcommands()), how);
  if (!find(c->subcommands(), words[1])) return unknown(c->name, words[1], c->subcommands(), how);
  return std::nullopt;
}

std::string command_path(const CLI::App& root, int argc, char** argv) {
  std::string path;
  std::span<const Command> table = commands();
  for (std::string_view word : leading_words(root, argc, argv, 2)) {
    const Command* c = find(table, word);
    if (!c) break;
    path += (path.empty() ? "" : " ") + std::string(word);
    table = c->subcommands ? c->subcommands() : std::span<const Command>();
  }
  return path;
}

bool print_help(const CLI::App& root, const std::vector<std::string>& words, std::string* error) {
  const CLI::App* app = &root;
  std::span<const Command> table = commands();
  std::string parent, path;  // "salesops target" and "target" for `help target set`
  for (const std::string& word : words) {
    const Command* c = find(table, word);
    if (!c) {
      *error = path.empty() ? unknown("", word, table, "`salesops help`")
                            : unknown(path, word, table, fmt::format("`salesops help {}`", path));
      return false;
    }
    parent = "salesops" + (path.empty() ? std::string() : " " + path);
    path += (path.empty() ? "" : " ") + word;
    app = app->get_subcommand(word);
    table = c->subcommands ? c->subcommands() : std::span<const Command>();
  }
  std::cout << app->help(path.empty() ? std::string() : parent);
  return true;
}

std::string global_options_footer() {
  return N_(
      "Global options (every command; see `salesops help`):\n"
      "  --book DIR, --at REV, --period P, --today DATE, --format FMT, -o FILE,\n"
      "  --columns IDS, --wide, --width N, --bom, --csv-raw, --color WHEN, --no-color,\n"
      "  -q, --no-cache");
}

}  // namespace salesops::cli
