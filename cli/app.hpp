#pragma once
// The command line: global options, the command table, exit codes (SPEC 5, 8).
namespace salesops::cli {

/// Runs salesops with the given arguments and returns the exit code.
int run(int argc, char** argv);

}  // namespace salesops::cli
