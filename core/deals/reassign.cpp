#include "core/deals/reassign.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

#include "core/base/i18n.hpp"
#include "core/base/period.hpp"
#include "core/base/suggest.hpp"
#include "core/deals/pipeline.hpp"

namespace salesops::core {

namespace {

constexpr std::string_view kKinds[] = {"deals", "customers", "targets"};

std::optional<WriteChange> unknown_person(const Book& b, const std::string& id, const char* option) {
  if (b.person(id)) return std::nullopt;
  std::vector<std::string> ids;
  for (const Person& p : b.people) ids.push_back(b.str(p.id));
  auto near = closest_match(id, ids);
  return WriteChange::bad_value(fmt::format(N_("unknown person '{}' for {}{}"), id, option,
                                            near ? fmt::format(N_(": did you mean '{}'?"), *near) : ""));
}

// The edits, by file, in the order the files are first met.
struct Edits {
  WriteChange& change;
  std::map<std::string, std::size_t> at;  // file -> index in change.edits

  void owner(const Book& b, Mark mark, const char* kind, Sym id, YamlPath path, const std::string& to) {
    const std::string file(b.files[mark.file]);
    auto [it, fresh] = at.emplace(file, change.edits.size());
    if (fresh) change.edits.push_back({file, {}});
    change.edits[it->second].edits.push_back(YamlEdit::set(std::move(path.key("owner")), YamlValue::text(to)));
    change.records.push_back({"changed", kind, b.str(id), file, {"owner"}});
  }
};

// Whether `to` already has a target of `t`'s metric and period: the refusal, naming it.
std::optional<WriteChange> duplicate_target(const Book& b, const Target& t, std::string_view to) {
  for (const Target& o : b.targets)
    if (b.text(o.owner) == to && b.text(o.metric) == b.text(t.metric) &&
        b.text(o.period_text) == b.text(t.period_text)) {
      WriteChange c;
      c.refused = Diagnostic{Severity::error, "reassign", b.location(o.at),
                             fmt::format(N_("{} already has target {} ({} {}): {} would be a second one"), to,
                                         b.text(o.id), b.text(o.metric), b.text(o.period_text), b.text(t.id)),
                             N_("leave targets out (--kinds deals,customers), or remove one of the two first")};
      return c;
    }
  return std::nullopt;
}

}  // namespace

WriteChange reassign_change(const Book& b, const Reassign& r, Date today) {
  if (auto refused = unknown_person(b, r.from, "--from")) return *refused;
  if (auto refused = unknown_person(b, r.to, "--to")) return *refused;
  if (r.from == r.to) return WriteChange::bad_value(fmt::format(N_("--from and --to are both {}"), r.from));
  if (const Person* p = b.person(r.to); p->left && *p->left < today)
    return WriteChange::bad_value(
        fmt::format(N_("{} left on {}: nothing can be reassigned to them"), r.to, format_date(*p->left)));
  for (const std::string& k : r.kinds)
    if (std::find(std::begin(kKinds), std::end(kKinds), k) == std::end(kKinds))
      return WriteChange::bad_value(fmt::format(N_("unknown kind '{}' in --kinds: use deals, customers, targets"), k));
  auto wanted = [&](std::string_view kind) {
    return r.kinds.empty() || std::find(r.kinds.begin(), r.kinds.end(), kind) != r.kinds.end();
  };
  WriteChange change;
  change.id = r.to;
  Edits edits{change, {}};
  if (wanted("deals"))
    for (const Deal& d : b.deals)
      if (b.text(d.owner) == r.from && (!r.open_only || is_open_stage(b.config, d.stage)))
        edits.owner(b, d.at, "deal", d.id, YamlPath{}.item_with_id(b.str(d.id)), r.to);
  if (wanted("customers"))
    for (const Customer& c : b.customers)
      if (b.text(c.owner) == r.from) edits.owner(b, c.at, "customer", c.id, YamlPath{}, r.to);
  if (wanted("targets"))
    for (const Target& t : b.targets) {
      if (b.text(t.owner) != r.from) continue;
      if (r.open_only) {
        auto period = parse_period(b.text(t.period_text), today, b.config.calendar, nullptr);
        if (period && period->last < today) continue;
      }
      if (auto refused = duplicate_target(b, t, r.to)) return *refused;
      edits.owner(b, t.at, "target", t.id, YamlPath{}.item_with_id(b.str(t.id)), r.to);
    }
  if (change.records.empty())
    return WriteChange::refuse(fmt::format(N_("{} owns no {}{} to reassign"), r.from, r.open_only ? "open " : "",
                                           r.kinds.empty() ? std::string(N_("deals, customers or targets"))
                                                           : fmt::format("{}", fmt::join(r.kinds, " or "))));
  return change;
}

}  // namespace salesops::core
