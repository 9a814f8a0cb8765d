#include "core/audit/approval_changes.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <algorithm>
#include <set>

#include "core/history/diff.hpp"

namespace salesops::core {

namespace {

/// The [approvals] records name a change's kind as "target" → "targets".
std::string plural(const std::string& kind) { return kind + "s"; }

/// The owner whose chain of managers approves a change: a reward plan's team, else company.
std::string approval_owner(const Change& c, const Book& before, const Book& after) {
  if (c.kind != "reward_plan") return c.owner;
  for (const Book* b : {&after, &before})
    for (const RewardPlan& p : b->reward_plans)
      if (b->text(p.id) == c.id) return p.applies_team.empty() ? "company" : b->str(p.applies_team);
  return "company";
}

Location place(const Change& c, const Book& before, const Book& after) {
  auto find = [&](const Book& b) -> std::optional<Location> {
    if (c.kind == "target")
      if (const Target* t = b.target(c.id)) return b.location(t->at);
    if (c.kind == "deal")
      if (const Deal* d = b.deal(c.id)) return b.location(d->at);
    if (c.kind == "customer")
      if (const Customer* x = b.customer(c.id)) return b.location(x->at);
    if (c.kind == "reward_plan")
      for (const RewardPlan& p : b.reward_plans)
        if (b.text(p.id) == c.id) return b.location(p.at);
    if (c.kind == "review")
      for (const Review& r : b.reviews)
        if (b.str(r.period_text) + "/" + b.str(r.person) == c.id) return b.location(r.at);
    return std::nullopt;
  };
  if (auto l = find(after)) return *l;
  if (auto l = find(before)) return *l;
  return {};
}

void record_changes(const BookState& before, const BookState& after, const std::vector<std::string>& kinds,
                    std::vector<ApprovableChange>& out) {
  for (const Change& c : book_diff(before.book, after.book)) {
    if (std::find(kinds.begin(), kinds.end(), plural(c.kind)) == kinds.end()) continue;
    out.push_back(
        {c.kind, c.id, c.field, approval_owner(c, before.book, after.book), place(c, before.book, after.book)});
  }
}

/// salesops.toml's tables, empty when the text does not parse (a broken file switches the
/// settings back to their defaults, which is a change as well).
toml::table parse_settings(std::string_view text) {
  try {
    return toml::parse(text, std::string_view("salesops.toml"));
  } catch (const toml::parse_error&) {
    return {};
  }
}

Location toml_place(const toml::node* node) {
  if (!node) return {"salesops.toml", 0, 0, 1};
  const auto& begin = node->source().begin;
  return {"salesops.toml", begin.line, begin.column, 1};
}

/// Every leaf key under `prefix` whose value differs between `a` and `b` (either may be
/// absent); tables are compared key by key, anything else as a whole.
void settings_changes(const toml::node* a, const toml::node* b, const std::string& prefix,
                      std::vector<ApprovableChange>& out) {
  const toml::table* ta = a ? a->as_table() : nullptr;
  const toml::table* tb = b ? b->as_table() : nullptr;
  if (ta || tb) {
    std::set<std::string> keys;
    for (const toml::table* t : {ta, tb})
      if (t)
        for (auto&& [k, v] : *t) keys.insert(std::string(k.str()));
    for (const std::string& k : keys)
      settings_changes(ta ? ta->get(k) : nullptr, tb ? tb->get(k) : nullptr, prefix + "." + k, out);
    return;
  }
  if (a && b && toml::node_view<const toml::node>(a) == toml::node_view<const toml::node>(b)) return;
  out.push_back({"setting", prefix, prefix, "company", toml_place(b ? b : a)});
}

/// A team's changes are approved above it: by the managers of its parent (before the
/// change, when it had one), so no manager approves their own appointment.
std::string team_owner(const Book& before, const Book& after, std::string_view id) {
  const Book* b = before.team(id) ? &before : &after;
  const Team* t = b->team(id);
  std::string parent = t ? b->str(t->parent) : std::string();
  return parent.empty() ? "company" : parent;
}

void team_changes(const Book& before, const Book& after, std::vector<ApprovableChange>& out) {
  auto add = [&](const char* kind, std::string id, const char* field, std::string owner, Location at) {
    out.push_back({kind, std::move(id), field, std::move(owner), std::move(at)});
  };
  for (const Team& t : after.teams) {
    std::string id = after.str(t.id);
    const Team* old = before.team(id);
    Location at = after.location(t.at);
    if (!old) {
      add("team", id, "added", team_owner(before, after, id), at);
      continue;
    }
    if (before.text(old->manager) != after.text(t.manager))
      add("team", id, "manager", team_owner(before, after, id), at);
    if (before.text(old->parent) != after.text(t.parent)) add("team", id, "parent", team_owner(before, after, id), at);
  }
  for (const Team& t : before.teams)
    if (!after.team(before.text(t.id)))
      add("team", before.str(t.id), "removed", team_owner(before, after, before.text(t.id)), before.location(t.at));
  for (const Person& p : after.people) {
    std::string id = after.str(p.id);
    const Person* old = before.person(id);
    Location at = after.location(p.at);
    if (!old) {
      add("person", id, "added", p.team.empty() ? "company" : after.str(p.team), at);
      continue;
    }
    if (before.text(old->team) != after.text(p.team)) add("person", id, "team", id, at);
    if (before.text(old->email) != after.text(p.email)) add("person", id, "email", id, at);
  }
  for (const Person& p : before.people)
    if (!after.person(before.text(p.id)))
      add("person", before.str(p.id), "removed", before.str(p.id), before.location(p.at));
}

}  // namespace

std::vector<ApprovableChange> approvable_changes(const BookState& before, const BookState& after,
                                                 const std::vector<std::string>& kinds) {
  std::vector<ApprovableChange> out;
  record_changes(before, after, kinds, out);
  if (before.toml != after.toml) {
    toml::table a = parse_settings(before.toml), b = parse_settings(after.toml);
    for (const char* section : {"approvals", "policy"}) settings_changes(a.get(section), b.get(section), section, out);
  }
  team_changes(before.book, after.book, out);
  return out;
}

std::string describe_change(const ApprovableChange& c, const std::vector<std::string>& fields) {
  if (c.kind == "setting") return "setting " + c.id;
  if (c.kind == "team" || c.kind == "person") return fmt::format("{} {} ({})", c.kind, c.id, fmt::join(fields, ", "));
  return fmt::format("{} {}", c.kind == "reward_plan" ? "reward plan" : c.kind, c.id);
}

}  // namespace salesops::core
