// `plan show`: a plan's segments, strategies, actions and linked targets with live figures.
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/base/i18n.hpp"
#include "core/plans/plans.hpp"
#include "core/base/i18n.hpp"
#include "core/targets/status.hpp"

namespace salesops::core {

namespace {

/// A customer's field by the name a segment's criteria use; nullopt for an unknown field.
std::optional<Sym> customer_field(const Customer& c, std::string_view field) {
  if (field == "tier") return c.tier;
  if (field == "segment") return c.segment;
  if (field == "industry") return c.industry;
  if (field == "region") return c.region;
  if (field == "source") return c.source;
  if (field == "owner") return c.owner;
  if (field == "id") return c.id;
  return std::nullopt;
}

bool matches(const Book& book, const Customer& c, const PlanSegment& s) {
  for (auto& [field, value] : s.criteria) {
    auto v = customer_field(c, book.text(field));
    if (!v || book.text(*v) != book.text(value)) return false;
  }
  return true;
}

Cell completion_of(std::int64_t done, std::int64_t counted) {
  if (counted == 0) return Undefined{};
  return Ratio{static_cast<double>(done) / static_cast<double>(counted)};
}

std::vector<std::pair<std::string, std::string>> plan_header(const Book& book, const Plan& plan, Date today) {
  auto period = plan_period(book, plan, today);
  const Person* owner = book.person(book.text(plan.owner));
  std::int64_t counted = 0, done = 0, overdue = 0;
  for (const PlanAction& a : plan.actions) {
    if (a.status == ActionStatus::dropped) continue;
    ++counted;
    if (a.status == ActionStatus::done)
      ++done;
    else if (a.due && *a.due < today)
      ++overdue;
  }
  return {
      {"plan", book.str(plan.id)},
      {"period",
       period ? fmt::format("{} ({} .. {})", period->label, format_date(period->first), format_date(period->last))
              : book.str(plan.period_text)},
      {"owner", owner ? fmt::format("{} ({})", book.text(owner->id), book.text(owner->name)) : book.str(plan.owner)},
      {"actions", fmt::format(N_("{} done of {} ({} dropped left out), {} overdue"), done, counted,
                              plan.actions.size() - static_cast<std::size_t>(counted), overdue)}};
}

Table segments_table(const Book& book, const Plan& plan) {
  Table t;
  for (const char* c : {N_("segment"), N_("description"), N_("criteria"), N_("customers")}) t.add_column(c);
  t.set_type("customers", ColumnType::integer);
  for (const PlanSegment& s : plan.segments) {
    auto& row = t.add_row();
    row[0] = book.str(s.id);
    row[1] = book.str(s.description);
    std::vector<std::string> criteria;
    for (auto& [field, value] : s.criteria)
      criteria.push_back(fmt::format("{}={}", book.text(field), book.text(value)));
    row[2] = fmt::format("{}", fmt::join(criteria, ","));
    if (s.criteria.empty()) continue;  // no criteria select no one: the count stays undefined
    std::int64_t n = 0;
    for (const Customer& c : book.customers) n += matches(book, c, s) ? 1 : 0;
    row[3] = n;
  }
  return t;
}

Table strategies_table(const Book& book, const Plan& plan) {
  Table t;
  for (const char* c : {N_("strategy"), N_("kind"), N_("segment"), N_("summary"), N_("actions"), N_("done"), N_("open"), N_("completion")})
    t.add_column(c);
  for (const char* c : {"actions", "done", "open"}) t.set_type(c, ColumnType::integer);
  t.set_type("completion", ColumnType::ratio);
  for (const PlanStrategy& s : plan.strategies) {
    std::int64_t total = 0, n_done = 0, n_open = 0, n_counted = 0;
    for (const PlanAction& a : plan.actions) {
      if (a.strategy != s.id) continue;
      ++total;
      if (a.status != ActionStatus::dropped) ++n_counted;
      if (a.status == ActionStatus::done) ++n_done;
      if (a.status == ActionStatus::open) ++n_open;
    }
    t.add_row() = {book.str(s.id),
                   book.str(s.kind),
                   book.str(s.segment),
                   book.str(s.summary),
                   total,
                   n_done,
                   n_open,
                   completion_of(n_done, n_counted)};
  }
  return t;
}

/// The targets linked to the plan: those naming it, then those its actions name, each once,
/// in that order, with their status.
std::vector<TargetStatus> linked_target_statuses(const Book& book, const Plan& plan, Date today) {
  std::vector<const Target*> linked;
  std::unordered_set<const Target*> seen;
  for (const Target& t : book.targets)
    if (t.plan == plan.id && seen.insert(&t).second) linked.push_back(&t);
  for (const PlanAction& a : plan.actions)
    if (const Target* t = a.target.empty() ? nullptr : book.target(book.text(a.target)); t && seen.insert(t).second)
      linked.push_back(t);
  std::unordered_map<const Target*, TargetStatus> status;
  if (!linked.empty()) {
    TargetFilter all;
    all.period = range_period(make_date(1, 1, 1), make_date(9999, 12, 31));
    all.inside = true;
    for (TargetStatus& s : target_statuses(book, today, all))
      if (seen.count(s.target)) status.emplace(s.target, std::move(s));
  }
  std::vector<TargetStatus> rows;
  for (const Target* t : linked)
    if (auto it = status.find(t); it != status.end()) rows.push_back(it->second);
  return rows;
}

Table plan_actions_table(const Book& book, const Plan& plan, const std::vector<TargetStatus>& linked) {
  Table t;
  for (const char* c : {N_("action"), N_("title"), N_("owner"), N_("due"), N_("status"), N_("done_on"), N_("strategy"), N_("target"), N_("attainment")})
    t.add_column(c);
  t.set_type("due", ColumnType::date);
  t.set_type("done_on", ColumnType::date);
  t.set_type("attainment", ColumnType::ratio);
  for (const PlanAction& a : plan.actions) {
    auto& row = t.add_row();
    row[0] = book.str(a.id);
    fill_action_cells(book, a, row);
    if (const Target* target = a.target.empty() ? nullptr : book.target(book.text(a.target))) {
      auto it = std::find_if(linked.begin(), linked.end(), [&](const TargetStatus& s) { return s.target == target; });
      if (it != linked.end() && it->attainment) row[8] = Ratio{*it->attainment};
    }
  }
  return t;
}

}  // namespace

PlanView plan_view(const Book& book, const Plan& plan, Date today) {
  PlanView v;
  v.header = plan_header(book, plan, today);
  v.segments = segments_table(book, plan);
  v.strategies = strategies_table(book, plan);
  std::vector<TargetStatus> linked = linked_target_statuses(book, plan, today);
  v.actions = plan_actions_table(book, plan, linked);
  v.targets = target_status_table(book, linked);
  return v;
}

}  // namespace salesops::core
