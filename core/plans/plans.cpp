#include "core/plans/plans.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/base/enum_names.hpp"
#include "core/base/i18n.hpp"
#include "core/base/people_set.hpp"
#include "core/base/suggest.hpp"
#include "core/book/schema.hpp"

namespace salesops::core {

std::optional<ActionRef> resolve_action(const Book& book, std::string_view text, std::string* error) {
  auto slash = text.find('/');
  if (slash != std::string_view::npos) {
    std::string_view plan_id = text.substr(0, slash), id = text.substr(slash + 1);
    const Plan* plan = book.plan(plan_id);
    if (!plan) {
      std::vector<std::string> ids;
      for (auto& p : book.plans) ids.push_back(book.str(p.id));
      auto close = closest_match(plan_id, ids);
      *error = fmt::format(N_("unknown plan '{}'{}"), plan_id,
                           close ? fmt::format(N_(" (did you mean '{}'?)"), *close) : "");
      return std::nullopt;
    }
    std::vector<std::string> ids;
    for (const PlanAction& a : plan->actions) {
      if (book.text(a.id) == id) return ActionRef{plan, &a};
      ids.push_back(book.str(a.id));
    }
    auto close = closest_match(id, ids);
    *error = fmt::format(N_("plan '{}' has no action '{}'{}"), plan_id, id,
                         close ? fmt::format(N_(" (did you mean '{}'?)"), *close) : "");
    return std::nullopt;
  }
  std::vector<ActionRef> found;
  for (const Plan& p : book.plans)
    for (const PlanAction& a : p.actions)
      if (book.text(a.id) == text) found.push_back({&p, &a});
  if (found.size() == 1) return found[0];
  if (found.empty()) {
    *error = fmt::format(N_("no plan has an action '{}' (`salesops plan actions` lists them)"), text);
  } else {
    std::vector<std::string> names;
    for (auto& f : found) names.push_back(fmt::format("{}/{}", book.text(f.plan->id), text));
    *error = fmt::format(N_("action '{}' is in {} plans: name it PLAN/{} ({})"), text, found.size(), text,
                         fmt::join(names, ", "));
  }
  return std::nullopt;
}

std::optional<Period> plan_period(const Book& book, const Plan& plan, Date today) {
  return parse_period(book.text(plan.period_text), today, book.config.calendar, nullptr);
}

const Plan* current_plan(const Book& book, Date today) {
  const Plan* best = nullptr;
  int best_days = 0;
  for (const Plan& p : book.plans) {
    auto period = plan_period(book, p, today);
    if (!period || !period->contains(today)) continue;
    if (!best || period->days() < best_days) best = &p, best_days = period->days();
  }
  return best;
}

namespace {

// The schema lists the statuses in ActionStatus's order (checked where plans are loaded).
constexpr EnumNames<ActionStatus, 3> kActionStatusNames(std::to_array(schema::kActionStatuses));

}  // namespace

std::string_view action_status_name(ActionStatus status) { return kActionStatusNames.name(status); }

std::optional<ActionStatus> parse_action_status(std::string_view text) { return kActionStatusNames.parse(text); }

std::vector<ActionRef> select_actions(const Book& book, Date today, const ActionFilter& f) {
  PeopleSet owners(f.owners);
  std::vector<ActionRef> out;
  for (const Plan& p : book.plans) {
    if (f.plan && f.plan != &p) continue;
    for (const PlanAction& a : p.actions) {
      if (!owners.has(a.owner)) continue;
      if (f.status && a.status != *f.status) continue;
      bool open = a.status == ActionStatus::open;
      if (f.overdue && !(open && a.due && *a.due < today)) continue;
      if (f.due_within && !(open && a.due && *a.due <= today + std::chrono::days{*f.due_within})) continue;
      out.push_back({&p, &a});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const ActionRef& a, const ActionRef& b) {
    Day da = a.action->due, db = b.action->due;
    if (da.has() != db.has()) return da.has();
    return da.raw() < db.raw();
  });
  return out;
}

void fill_action_cells(const Book& book, const PlanAction& a, std::vector<Cell>& row) {
  row[1] = book.str(a.title);
  row[2] = book.str(a.owner);
  if (a.due) row[3] = *a.due;
  row[4] = std::string(action_status_name(a.status));
  if (a.done_on) row[5] = *a.done_on;
  row[6] = book.str(a.strategy);
  row[7] = book.str(a.target);
}

Table actions_table(const Book& book, Date today, const std::vector<ActionRef>& rows) {
  Table t;
  for (const char* c : {N_("action"), N_("title"), N_("owner"), N_("due"), N_("status"), N_("done_on"), N_("strategy"), N_("target"), N_("days_overdue")})
    t.add_column(c);
  t.set_type("due", ColumnType::date);
  t.set_type("done_on", ColumnType::date);
  t.set_type("days_overdue", ColumnType::integer, "days");
  for (const ActionRef& r : rows) {
    const PlanAction& a = *r.action;
    auto& row = t.add_row();
    row[0] = fmt::format("{}/{}", book.text(r.plan->id), book.text(a.id));
    fill_action_cells(book, a, row);
    if (a.due && a.status == ActionStatus::open) row[8] = std::int64_t{days_between(*a.due, today)};
  }
  return t;
}

std::optional<PlanStatusBy> parse_plan_status_by(std::string_view text) {
  if (text == "person") return PlanStatusBy::person;
  if (text == "team") return PlanStatusBy::team;
  if (text == "strategy") return PlanStatusBy::strategy;
  return std::nullopt;
}

namespace {

struct Completion {
  std::int64_t due = 0, done = 0, overdue = 0;
  void add(const PlanAction& a, Date today) {
    ++due;
    if (a.status == ActionStatus::done)
      ++done;
    else if (*a.due < today)
      ++overdue;
  }
  Completion& operator+=(const Completion& o) {
    due += o.due, done += o.done, overdue += o.overdue;
    return *this;
  }
  void fill(std::vector<Cell>& row, std::size_t at) const {
    row[at] = due;
    row[at + 1] = done;
    row[at + 2] = overdue;
    if (due > 0) row[at + 3] = Ratio{static_cast<double>(done) / static_cast<double>(due)};
  }
};

void type_completion_columns(Table& t) {
  for (const char* c : {"due", "done", "overdue"}) t.set_type(c, ColumnType::integer);
  t.set_type("completion", ColumnType::ratio);
}

}  // namespace

Table plan_status_table(const Book& book, const Period& period, Date today, PlanStatusBy by,
                        const std::vector<Sym>& people) {
  PeopleSet owners(people);
  std::unordered_map<Sym, Completion> per_person;
  std::vector<std::pair<std::string, const PlanStrategy*>> strategy_order;
  std::map<std::string, Completion> per_strategy;
  for (const Plan& p : book.plans) {
    for (const PlanAction& a : p.actions) {
      if (!a.due || !period.contains(*a.due) || a.status == ActionStatus::dropped || !owners.has(a.owner)) continue;
      per_person[a.owner].add(a, today);
      if (a.strategy.empty()) continue;
      std::string key = fmt::format("{}/{}", book.text(p.id), book.text(a.strategy));
      if (!per_strategy.count(key)) {
        const PlanStrategy* s = nullptr;
        for (auto& x : p.strategies)
          if (x.id == a.strategy) s = &x;
        strategy_order.emplace_back(key, s);
      }
      per_strategy[key].add(a, today);
    }
  }
  Table t;
  if (by == PlanStatusBy::strategy) {
    for (const char* c : {N_("strategy"), N_("summary"), N_("due"), N_("done"), N_("overdue"), N_("completion")}) t.add_column(c);
    type_completion_columns(t);
    for (auto& [key, s] : strategy_order) {
      auto& row = t.add_row();
      row[0] = key;
      if (s) row[1] = book.str(s->summary);
      per_strategy[key].fill(row, 2);
    }
    return t;
  }
  for (const char* c : {N_("owner"), N_("name"), N_("due"), N_("done"), N_("overdue"), N_("completion")}) t.add_column(c);
  type_completion_columns(t);
  if (by == PlanStatusBy::person) {
    for (const Person& p : book.people) {
      auto it = per_person.find(p.id);
      if (it == per_person.end()) continue;
      auto& row = t.add_row();
      row[0] = book.str(p.id);
      row[1] = book.str(p.name);
      it->second.fill(row, 2);
    }
    return t;
  }
  for (const Team& team : book.teams) {
    Completion c;
    for (std::uint32_t i : book.members(book.text(team.id)))
      if (auto it = per_person.find(book.people[i].id); it != per_person.end()) c += it->second;
    auto& row = t.add_row();
    row[0] = book.str(team.id);
    row[1] = book.str(team.name);
    c.fill(row, 2);
  }
  return t;
}

}  // namespace salesops::core
