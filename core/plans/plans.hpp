#pragma once
// Sales plans (SPEC 1, 4, 6): finding plans and actions, the action list, completion per
// owner or strategy, a plan with its live progress, and the draft of a new plan.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/period.hpp"
#include "core/base/table.hpp"
#include "core/book/book.hpp"

namespace salesops::core {

struct ActionRef {
  const Plan* plan = nullptr;
  const PlanAction* action = nullptr;
};

/// "PLAN/ACTION", or the bare action id when exactly one plan has it. On failure returns
/// nullopt and sets `error` (unknown, with a close match when there is one, or ambiguous).
std::optional<ActionRef> resolve_action(const Book& book, std::string_view text, std::string* error);

/// The period a plan's `period` names; nullopt when it does not parse.
std::optional<Period> plan_period(const Book& book, const Plan& plan, Date today);

/// The plan whose period holds today (the shortest when several do, then the first in the
/// book); nullptr when none does.
const Plan* current_plan(const Book& book, Date today);

std::string_view action_status_name(ActionStatus status);
std::optional<ActionStatus> parse_action_status(std::string_view text);

struct ActionFilter {
  const Plan* plan = nullptr;  // nullptr: every plan
  std::vector<Sym> owners;     // empty: every owner
  std::optional<ActionStatus> status;
  bool overdue = false;           // open and due before today
  std::optional<int> due_within;  // open and due on or before today + N (overdue ones too)
};

/// The selected actions, the earliest due first (undated last), then by plan and file order.
std::vector<ActionRef> select_actions(const Book& book, Date today, const ActionFilter& filter);

/// The cells `plan actions` and `plan show` share for an action: title, owner, due, status,
/// done_on, strategy and target, in columns 1 to 7 of `row`.
void fill_action_cells(const Book& book, const PlanAction& a, std::vector<Cell>& row);

/// `plan actions`: action,title,owner,due,status,done_on,strategy,target,days_overdue
/// (days_overdue: today − due for open actions, negative while they are ahead).
Table actions_table(const Book& book, Date today, const std::vector<ActionRef>& rows);

/// What `plan status` counts per row, over actions due in the period, dropped ones left
/// out: due, done, overdue (open and due before today), completion = done / due (the
/// plan_completion KPI).
enum class PlanStatusBy { person, team, strategy };
std::optional<PlanStatusBy> parse_plan_status_by(std::string_view text);

/// person rows: owner,name,due,done,overdue,completion for each person with an action due
/// in the period (team.yaml order); team rows: every team over its subtree's people;
/// strategy rows: strategy (PLAN/ID),summary,due,done,overdue,completion for every strategy
/// with an action due in the period. `people` restricts the actions' owners (empty: all).
Table plan_status_table(const Book& book, const Period& period, Date today, PlanStatusBy by,
                        const std::vector<Sym>& people = {});

/// A plan with its live progress, as the tables of `plan show`.
struct PlanView {
  std::vector<std::pair<std::string, std::string>> header;  // field, text
  Table segments;                                           // segment,description,criteria,customers
  Table strategies;  // strategy,kind,segment,summary,actions,done,open,completion
  Table actions;     // action,title,owner,due,status,done_on,strategy,target,attainment
  Table targets;     // the target status columns, for targets linked to the plan
};
PlanView plan_view(const Book& book, const Plan& plan, Date today);

/// The inputs of `plan new`.
struct PlanDraftRequest {
  std::string id;     // the new plan's id
  Period period;      // the plan's period
  std::string owner;  // a person id, or empty
  Date today;
};

/// The text of a new plan: `template_text` (templates/plan.yaml) with its id, period and
/// owner set, the market section pre-filled from the book over the previous comparable
/// period (revenue and growth by segment, tier, region and product; the top customers;
/// lost-deal reasons), and the ABC classes of that period's revenue as suggested segments.
/// Strategies and actions stay empty, with the template's commented examples.
std::string plan_draft(const Book& book, const PlanDraftRequest& request, std::string_view template_text);

}  // namespace salesops::core
