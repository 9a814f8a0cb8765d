#include "core/targets/changes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>

#include "core/base/i18n.hpp"
#include "core/base/ids.hpp"
#include "core/base/suggest.hpp"
#include "core/book/placement.hpp"
#include "core/book/target_lookup.hpp"
#include "core/kpi/kpi.hpp"

namespace salesops::core {

namespace {

std::string hint_for(std::string_view word, const std::vector<std::string>& candidates) {
  auto m = closest_match(word, candidates);
  return m ? fmt::format(N_(" (did you mean '{}'?)"), *m) : std::string{};
}

/// The file a target whose period ends in `p` belongs to.
std::string targets_file(const Period& p) {
  return fmt::format("targets/{}.yaml", static_cast<int>(std::chrono::year_month_day{p.last}.year()));
}

/// T-<period>-<owner>-<metric>, with -2, -3, ... when another record holds that id.
std::string target_id(const Book& book, const Period& p, std::string_view owner, std::string_view metric) {
  std::string id = fmt::format("T-{}-{}-{}", p.label, owner, metric);
  std::string candidate = id;
  for (int n = 2; book.target(candidate); ++n) candidate = fmt::format("{}-{}", id, n);
  return candidate;
}

YamlPath at_target(const Book& book, const Target& t) { return YamlPath{}.item_with_id(book.str(t.id)); }

std::optional<Money> amount(const std::string& text, const char* what, WriteChange& refused) {
  MoneyError error{};
  auto m = parse_money(text, &error);
  if (!m) refused = WriteChange::bad_value(fmt::format("{} '{}': {}", what, text, money_error_text(error)));
  return m;
}

}  // namespace

TargetSetChange target_set_change(const Book& book, const TargetSetting& o, Date today) {
  TargetSetChange out;
  WriteChange& change = out.change;
  auto refuse = [&](std::string message) {
    change = WriteChange::refuse(std::move(message));
    return out;
  };
  if (o.owner != "company" && !book.person(o.owner) && !book.team(o.owner)) {
    std::vector<std::string> ids{"company"};
    for (auto& p : book.people) ids.push_back(book.str(p.id));
    for (auto& t : book.teams) ids.push_back(book.str(t.id));
    return refuse(fmt::format(N_("unknown owner '{}'{}: a target's owner is a person, a team or company"), o.owner,
                              hint_for(o.owner, ids)));
  }
  auto kpi = find_kpi(book.config, o.metric);
  if (!kpi) {
    std::vector<std::string> ids;
    for (auto& d : kpi_definitions(book.config)) ids.push_back(d.id);
    return refuse(fmt::format(N_("unknown metric '{}'{}: `salesops kpi list` shows the KPIs"), o.metric,
                              hint_for(o.metric, ids)));
  }
  std::string error;
  auto period = parse_period(o.period, today, book.config.calendar, &error);
  if (!period) {
    change = WriteChange::bad_value(error);
    return out;
  }
  if (const Person* p = book.person(o.owner); p && p->left && *p->left < period->first)
    return refuse(fmt::format(N_("{} left on {}, before {} begins: a target for it cannot be theirs"), o.owner,
                              format_date(*p->left), period->label));
  auto value = amount(o.value, "value", change);
  if (!value) return out;
  out.value = *value;
  if (value->cents <= 0) return refuse(fmt::format(N_("a target's value must be more than 0, not {}"), o.value));
  if (kpi->unit == KpiUnit::count && value->cents % 100 != 0)
    return refuse(fmt::format(N_("{} counts: its target is a whole number, not {}"), kpi->id, o.value));
  if (auto range = kpi_range(*kpi))
    if (auto why = out_of_range(*range, static_cast<double>(value->cents) / 100, N_("the value")))
      return refuse(fmt::format(N_("{} target: {}"), kpi->id, *why));
  std::optional<Money> baseline;
  if (!o.baseline.empty()) {
    baseline = amount(o.baseline, "--baseline", change);
    if (!baseline) return out;
    if (baseline->cents < 0) return refuse(fmt::format(N_("--baseline must not be negative, not {}"), o.baseline));
  }
  if (!o.plan.empty() && !book.plan(o.plan)) return refuse(fmt::format(N_("unknown plan '{}'"), o.plan));

  if (const Target* old = find_target(book, o.owner, o.metric, *period, today)) {
    auto where = book.location(old->at);
    if (!o.replace)
      return refuse(fmt::format(N_("{} already sets {} of {} for {} ({}:{}); --replace changes its value"),
                                book.text(old->id), o.metric, o.owner, period->label, where.file, where.line));
    std::vector<YamlEdit> edits{
        YamlEdit::set(at_target(book, *old).key("value"), YamlValue::literal(format_money_short(*value)))};
    if (baseline)
      edits.push_back(YamlEdit::set(at_target(book, *old).key("baseline"),
                                    YamlValue::literal(format_money_short(*baseline)), "value"));
    if (!o.why.empty()) edits.push_back(YamlEdit::set(at_target(book, *old).key("why"), YamlValue::text(o.why)));
    if (!o.plan.empty()) edits.push_back(YamlEdit::set(at_target(book, *old).key("plan"), YamlValue::text(o.plan)));
    change.id = book.text(old->id);
    change.file = where.file;
    change.edits.push_back({book.files[old->at.file], std::move(edits)});
    out.was = old->value;
    return out;
  }
  change.id = o.id.empty() ? target_id(book, *period, o.owner, o.metric) : o.id;
  if (book.target(change.id)) return refuse(fmt::format(N_("the id {} is taken"), change.id));
  std::vector<YamlField> fields = {{"id", YamlValue::text(change.id)},
                                   {"owner", YamlValue::text(o.owner)},
                                   {"metric", YamlValue::text(o.metric)},
                                   {"period", YamlValue::literal(period->label)},
                                   {"value", YamlValue::literal(format_money_short(*value))}};
  if (baseline) fields.push_back({"baseline", YamlValue::literal(format_money_short(*baseline))});
  if (!o.why.empty()) fields.push_back({"why", YamlValue::text(o.why)});
  if (!o.plan.empty()) fields.push_back({"plan", YamlValue::text(o.plan)});
  change.file = targets_file(*period);
  auto owners = owners_in_file(book, book.targets, change.file, [](const Target& t) { return t.owner; });
  change.edits.push_back({change.file,
                          {YamlEdit::insert(YamlPath{}, YamlValue::map(std::move(fields)),
                                            new_record_place(owners, o.owner, change.id))}});
  return out;
}

TargetSplitChange target_split_change(const Book& book, Date today, const std::string& parent_id,
                                      SplitRequest request, const std::string& by_label, bool replace) {
  TargetSplitChange out;
  auto refuse = [&](std::string message) {
    out.change = WriteChange::refuse(std::move(message));
    return out;
  };
  const Target* parent = book.target(parent_id);
  if (!parent) {
    std::vector<std::string> ids;
    for (auto& t : book.targets) ids.push_back(book.str(t.id));
    return refuse(fmt::format(N_("unknown target '{}'{}"), parent_id, hint_for(parent_id, ids)));
  }
  request.parent = parent;
  TargetSplit split = split_target(book, today, request);
  if (!split.error.empty()) return refuse(fmt::format(N_("cannot split {}: {}"), parent_id, split.error));

  // Children written before: the targets naming this one as parent.
  std::vector<const Target*> old_children;
  for (const Target& t : book.targets)
    if (t.parent == parent->id) old_children.push_back(&t);
  if (!old_children.empty() && !replace)
    return refuse(
        fmt::format(N_("{} already has {} ({}{}); --replace sets their values anew"), parent_id,
                    old_children.size() == 1 ? N_("a child") : fmt::format(N_("{} children"), old_children.size()),
                    book.text(old_children[0]->id), old_children.size() == 1 ? "" : ", ..."));

  std::string metric = book.str(parent->metric);
  std::string why = fmt::format("{} split of {}", by_label, parent_id);
  auto kpi = find_kpi(book.config, metric);
  out.counts = kpi && kpi->unit == KpiUnit::count;
  std::map<std::string, std::vector<YamlEdit>> by_file;
  std::vector<const Target*> kept;
  for (const SplitChild& c : split.children) {
    const Target* old = find_target(book, c.owner, metric, c.period, today);
    if (old) {
      if (!replace)
        return refuse(fmt::format(N_("{} already sets {} of {} for {}; --replace makes it a child of {}"),
                                  book.text(old->id), metric, c.owner, c.period.label, parent_id));
      kept.push_back(old);
      auto& edits = by_file[std::string(book.files[old->at.file])];
      edits.push_back(
          YamlEdit::set(at_target(book, *old).key("value"), YamlValue::literal(format_money_short(c.value))));
      if (old->parent != parent->id)
        edits.push_back(YamlEdit::set(at_target(book, *old).key("parent"), YamlValue::text(parent_id)));
      if (old->prorated != request.prorate)
        edits.push_back(YamlEdit::set(at_target(book, *old).key("prorated"),
                                      YamlValue::literal(request.prorate ? "true" : "false")));
      // A why this command wrote says how the value was made: it follows the new split.
      if (book.text(old->why).ends_with(" split of " + parent_id) && book.text(old->why) != why)
        edits.push_back(YamlEdit::set(at_target(book, *old).key("why"), YamlValue::text(why)));
      out.lines.push_back({std::string(book.text(old->id)), c.value, c.weight});
      continue;
    }
    if (c.value.cents == 0) {
      ++out.skipped;
      out.zero_shares.push_back(request.to == SplitTo::people || request.to == SplitTo::teams ? c.owner : c.period.label);
      continue;
    }
    std::string id = target_id(book, c.period, c.owner, metric);
    std::vector<YamlField> fields = {{"id", YamlValue::text(id)},
                                     {"owner", YamlValue::text(c.owner)},
                                     {"metric", YamlValue::text(metric)},
                                     {"period", YamlValue::literal(c.period.label)},
                                     {"value", YamlValue::literal(format_money_short(c.value))},
                                     {"why", YamlValue::text(why)},
                                     {"parent", YamlValue::text(parent_id)}};
    if (!parent->plan.empty()) fields.push_back({"plan", YamlValue::text(book.str(parent->plan))});
    // A reward plan's `prorate` reads this, so that the active days are not counted twice.
    if (request.prorate) fields.push_back({"prorated", YamlValue::literal("true")});
    by_file[targets_file(c.period)].push_back(YamlEdit::append(YamlPath{}, YamlValue::map(std::move(fields))));
    out.lines.push_back({id, c.value, c.weight});
  }
  for (const Target* t : old_children)
    if (std::find(kept.begin(), kept.end(), t) == kept.end())
      return refuse(fmt::format(N_("{} is a child of {} that this split would not keep; remove it, or its parent "
                                   "key, by hand first"),
                                book.text(t->id), parent_id));
  out.change.id = parent_id;
  for (auto& [file, list] : by_file) out.change.edits.push_back({file, std::move(list)});
  return out;
}

}  // namespace salesops::core
