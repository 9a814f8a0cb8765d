#pragma once
// Prints diagnostics like a compiler (file:line:column, rule, excerpt with a caret), or as
// JSON for editors and bots. The text format is an interface: keep it stable.
#include <ostream>

#include "core/base/diagnostics.hpp"
#include "core/book/book.hpp"
#include "core/load/book.hpp"

namespace salesops::cli {

struct DiagnosticStyle {
  bool color = false;
};

void print_diagnostics(std::ostream& out, const core::Diagnostics& diags, core::BookSource* source,
                       const DiagnosticStyle& style);
/// {"format_version":"1","meta":{...},"diagnostics":[...],"summary":{...}}. With `managers`
/// (one per diagnostic, "" for none) each diagnostic also carries its owner and manager.
void print_diagnostics_json(std::ostream& out, const core::Diagnostics& diags, const std::string& book,
                            std::size_t files, const std::vector<std::string>* managers = nullptr);

}  // namespace salesops::cli
