#pragma once
// Shell completion scripts (`salesops completion bash|zsh|fish`), generated from the command
// table and each command's declared options, so they never drift from the program.
#include <CLI/CLI.hpp>

#include <string>
#include <string_view>

namespace salesops::cli {

/// The completion script for `shell` ("bash", "zsh" or "fish"); empty for another shell.
std::string completion_script(const CLI::App& root, std::string_view shell);

}  // namespace salesops::cli
