#pragma once
// `salesops check`: rules that audit a loaded book beyond what loading validates. Each rule
// has a stable id and a severity; later areas add their rules to the registry in check.cpp.
#include <span>
#include <string>

#include "core/base/diagnostics.hpp"
#include "core/book/book.hpp"

namespace salesops::core {

struct CheckRule {
  const char* id;
  Severity severity;
  const char* summary;
  void (*run)(const Book& book, Date today, const CheckRule& rule, Diagnostics& out);
  bool on_by_default = true;  // [policy.rules] switches a rule on or off by its id
};

/// Every audit rule, in the order they run.
std::span<const CheckRule> check_rules();
/// Runs every rule over the book (only those whose ids `only` lists, when it is not
/// empty) and appends what they find.
void run_checks(const Book& book, Date today, Diagnostics& out, std::span<const std::string> only = {});

/// Reports `message` under `rule` at a record's place; `owner` is the person or team
/// answerable for it.
void report(const CheckRule& rule, const Book& book, Mark at, std::string message, Diagnostics& out,
            std::string hint = {}, Sym owner = {});

/// The manager who answers for a finding about `owner`: for a person, the manager who holds
/// their one-on-ones (responsible_coach); for a team, its manager, else the nearest above.
/// nullptr for company, an unknown owner, or when no team above has a manager.
const Person* responsible_manager(const Book& book, std::string_view owner);

}  // namespace salesops::core
