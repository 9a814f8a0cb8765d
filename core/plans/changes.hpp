#pragma once
// `plan new`, `plan add-action` and `plan done` (SPEC 7): the plan file created, the action
// appended to a plan or set done in place, or why the change is refused. Values come as given on the command line
// and refusals name the option. Nothing here writes; the caller hands the edits to
// BookWriter.
#include <filesystem>
#include <string>
#include <string_view>

#include "core/base/date.hpp"
#include "core/book/book.hpp"
#include "core/plans/plans.hpp"
#include "core/write/change.hpp"

namespace salesops::core {

/// plans/<period>.yaml holding plan_draft(); refuses a plan id that exists, a file (under
/// `book_root`) that exists, even as a link, and a draft that does not parse.
WriteChange plan_new_change(const Book& book, const PlanDraftRequest& request, std::string_view template_text,
                       const std::filesystem::path& book_root);

struct NewAction {
  std::string id;     // empty: the plan's next free A<n>
  std::string title;
  std::string owner;  // a person id of team.yaml
  std::string due;    // YYYY-MM-DD
  std::string strategy, target;  // optional: one of the plan's strategies, a target id
};

/// Appends the action to the plan's file. Refuses a malformed due date or id, a strategy
/// the plan lacks, an unknown target and an action id the plan has already.
WriteChange action_add_change(const Book& book, const Plan& plan, const NewAction& action);

/// Sets the action's status to done and its done_on to `on`, in place; refuses `on` after
/// `today`.
WriteChange action_done_change(const Book& book, const ActionRef& ref, Date on, Date today);

}  // namespace salesops::core
