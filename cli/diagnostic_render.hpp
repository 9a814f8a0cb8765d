#pragma once
// Prints diagnostics like a compiler (file:line:column, rule, excerpt with a caret), or as
// JSON for editors and bots. The text format is an interface: keep it stable.
#include <ostream>

#include "core/base/diagnostics.hpp"
#include "core/book/book.hpp"
#include "core/load/book.hpp"
#include "cli/render.hpp"

namespace salesops::cli {

struct DiagnosticStyle {
  bool color = false;
  /// A terminal's width: messages wrap at spaces onto lines indented four spaces, and the
  /// excerpt shows a narrower window. 0 (a pipe, a file): nothing is wrapped.
  std::size_t width = 0;
};

/// A diagnostic's message (its repeated form when it counts several) in the interface
/// language, for the text people read; json, github and sarif keep message_text's English.
std::string translated_message(const core::Diagnostic& d);

void print_diagnostics(std::ostream& out, const core::Diagnostics& diags, core::BookSource* source,
                       const DiagnosticStyle& style);
/// {"format_version":"2","meta":{...},"diagnostics":[...],"summary":{...}}, meta as every json
/// document has it. With `managers` (one per diagnostic, "" for none) each diagnostic also
/// carries its owner and manager.
void print_diagnostics_json(std::ostream& out, const core::Diagnostics& diags, const Meta& meta, std::size_t files,
                            const std::vector<std::string>* managers = nullptr);

/// GitHub Actions workflow commands, one line per finding:
/// `::error file=PATH,line=L,col=C,title=RULE::MESSAGE`. `prefix` is the book's directory in
/// its repository ("" or "sub/dir/"), so that annotations land on the pull request's files.
void print_diagnostics_github(std::ostream& out, const core::Diagnostics& diags, const std::string& prefix);
/// One SARIF 2.1.0 log (a run of the tool "salesops", one rule per rule id found, one result
/// per finding, columns in Unicode code points), for code-scanning dashboards.
void print_diagnostics_sarif(std::ostream& out, const core::Diagnostics& diags, const std::string& prefix);

}  // namespace salesops::cli
