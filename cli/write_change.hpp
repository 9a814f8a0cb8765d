#pragma once
// How a write verb ends: the WriteChange core planned is written through the book's writer, or
// its refusal is printed the one way every verb prints it.
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "core/book/field_place.hpp"
#include "core/write/change.hpp"

namespace salesops::cli {

/// Prints why `change` is refused and exits: 2 for a command-line value, else 4. A refusal
/// that concerns a record is printed compiler style, followed by "nothing was written".
[[noreturn]] void refuse(Context& ctx, const core::WriteChange& change);

/// Writes `change` (printing `done` when it is written), or refuses it as refuse() does.
/// With --format other than table it prints, instead, the records written (action, kind, id,
/// file, fields) in that format; with --dry-run too, noted in json's meta, writing nothing.
void write_change(Context& ctx, const core::WriteChange& change, const std::string& done);

/// The values of `--set FIELD=VALUE` options, in the order given (an empty VALUE removes the
/// field); a usage error for one without '='.
std::vector<core::FieldValue> set_options(Context& ctx, const std::vector<std::string>& sets);

}  // namespace salesops::cli
