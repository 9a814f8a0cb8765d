#include "core/history/diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/base/i18n.hpp"

namespace salesops::core {

namespace {

Cell text_cell(const Book& b, Sym s) {
  if (s.empty()) return Undefined{};
  return b.str(s);
}
Cell day_cell(Day d) { return d ? Cell{*d} : Cell{Undefined{}}; }
Cell money_cell(std::optional<Money> m) { return m ? Cell{*m} : Cell{Undefined{}}; }
Cell stage_cell(const Book& b, std::uint8_t stage) {
  return stage < b.config.stages.size() ? Cell{b.config.stages[stage].name} : Cell{Undefined{}};
}

class Differ {
 public:
  Differ(const Book& before, const Book& after, const std::set<std::string, std::less<>>* changed_files)
      : a_(before), b_(after), in_a_(files_in(before, changed_files)), in_b_(files_in(after, changed_files)) {}
  std::vector<Change> out;

  void field(const std::string& kind, const std::string& id, const std::string& owner, const std::string& change,
             const std::string& name, Cell before, Cell after) {
    if (before == after) return;
    out.push_back({kind, id, owner, change, name, std::move(before), std::move(after), {}});
  }
  /// A removed record: its main field as it was.
  void removed(const std::string& kind, const std::string& id, const std::string& owner, const std::string& name,
               Cell before) {
    out.push_back({kind, id, owner, "removed", name, std::move(before), Undefined{}, {}});
  }

  void targets() {
    for (const Target& t : b_.targets) {
      std::string id = b_.str(t.id), owner = b_.str(t.owner);
      const Target* old = a_.target(id);
      if (!old) {
        field("target", id, owner, "added", "value", Undefined{}, t.value);
        continue;
      }
      field("target", id, owner, "changed", "value", old->value, t.value);
      field("target", id, owner, "changed", "owner", text_cell(a_, old->owner), text_cell(b_, t.owner));
      field("target", id, owner, "changed", "metric", text_cell(a_, old->metric), text_cell(b_, t.metric));
      field("target", id, owner, "changed", "period", text_cell(a_, old->period_text), text_cell(b_, t.period_text));
      field("target", id, owner, "changed", "baseline", money_cell(old->baseline), money_cell(t.baseline));
      field("target", id, owner, "changed", "parent", text_cell(a_, old->parent), text_cell(b_, t.parent));
    }
    for (const Target& t : a_.targets)
      if (!b_.target(a_.text(t.id))) removed("target", a_.str(t.id), a_.str(t.owner), "value", t.value);
  }

  /// Notes on each changed target whose parent, or which itself, has children in `after`:
  /// the children's sum against the parent's value.
  void target_notes(std::size_t first, std::size_t last) {
    std::map<std::string, Money> children_sum;
    for (const Target& t : b_.targets)
      if (!t.parent.empty()) children_sum[b_.str(t.parent)] += t.value;
    auto note_for = [&](const std::string& parent_id) -> std::string {
      const Target* parent = b_.target(parent_id);
      auto it = children_sum.find(parent_id);
      if (!parent || it == children_sum.end()) return {};
      if (it->second == parent->value)
        return fmt::format(N_("{} matches its children ({})"), parent_id, format_money_grouped(parent->value));
      return fmt::format(N_("{} is {}, its children add up to {}"), parent_id, format_money_grouped(parent->value),
                         format_money_grouped(it->second));
    };
    for (std::size_t i = first; i < last; ++i) {
      Change& c = out[i];
      const Target* t = b_.target(c.id);
      if (!t || (i > first && out[i - 1].id == c.id)) continue;  // once per target
      if (!t->parent.empty())
        c.note = note_for(b_.str(t->parent));
      else if (children_sum.contains(c.id))
        c.note = note_for(c.id);
    }
  }

  void deals() {
    std::vector<char> kept(a_.deals.size(), 0);  // the earlier deals found again, by position
    for (const Deal& d : b_.deals) {
      if (!compared(in_b_, d.at)) continue;
      const Deal* old = a_.deal(b_.text(d.id));
      if (old) kept[static_cast<std::size_t>(old - a_.deals.data())] = 1;
      // Most deals of a large book are as they were: told so without building a cell.
      if (old && same_fields(*old, d)) continue;
      std::string id = b_.str(d.id), owner = b_.str(d.owner);
      Cell amount = d.has_amount ? Cell{d.amount} : Cell{Undefined{}};
      if (!old) {
        field("deal", id, owner, "added", "stage", Undefined{}, stage_cell(b_, d.stage));
        field("deal", id, owner, "added", "amount", Undefined{}, amount);
        continue;
      }
      field("deal", id, owner, "moved", "stage", stage_cell(a_, old->stage), stage_cell(b_, d.stage));
      field("deal", id, owner, "changed", "amount", old->has_amount ? Cell{old->amount} : Cell{Undefined{}}, amount);
      field("deal", id, owner, "reassigned", "owner", text_cell(a_, old->owner), text_cell(b_, d.owner));
      field("deal", id, owner, "changed", "customer", text_cell(a_, old->customer), text_cell(b_, d.customer));
      field("deal", id, owner, "changed", "expected_close", day_cell(old->expected_close), day_cell(d.expected_close));
      field("deal", id, owner, "changed", "closed", day_cell(old->closed), day_cell(d.closed));
    }
    for (std::size_t i = 0; i < a_.deals.size(); ++i) {
      const Deal& d = a_.deals[i];
      if (!kept[i] && compared(in_a_, d.at)) removed("deal", a_.str(d.id), a_.str(d.owner), "stage", stage_cell(a_, d.stage));
    }
  }

  void customers() {
    std::vector<char> kept(a_.customers.size(), 0);
    for (const Customer& c : b_.customers) {
      if (!compared(in_b_, c.at)) continue;
      const Customer* old = a_.customer(b_.text(c.id));
      if (old) kept[static_cast<std::size_t>(old - a_.customers.data())] = 1;
      if (old && same_fields(*old, c)) continue;
      std::string id = b_.str(c.id), owner = b_.str(c.owner);
      if (!old) {
        field("customer", id, owner, "added", "owner", Undefined{}, text_cell(b_, c.owner));
        continue;
      }
      field("customer", id, owner, "reassigned", "owner", text_cell(a_, old->owner), text_cell(b_, c.owner));
      field("customer", id, owner, "changed", "tier", text_cell(a_, old->tier), text_cell(b_, c.tier));
      field("customer", id, owner, "changed", "segment", text_cell(a_, old->segment), text_cell(b_, c.segment));
    }
    for (std::size_t i = 0; i < a_.customers.size(); ++i) {
      const Customer& c = a_.customers[i];
      if (!kept[i] && compared(in_a_, c.at)) removed("customer", a_.str(c.id), a_.str(c.owner), "owner", text_cell(a_, c.owner));
    }
  }

  void reviews() {
    auto key = [](const Book& b, const Review& r) { return b.str(r.period_text) + "/" + b.str(r.person); };
    std::map<std::string, const Review*> old;
    for (const Review& r : a_.reviews) old[key(a_, r)] = &r;
    for (const Review& r : b_.reviews) {
      std::string id = key(b_, r), person = b_.str(r.person);
      auto it = old.find(id);
      Cell status = text_cell(b_, r.status);
      bool final = b_.text(r.status) == "final";
      if (it == old.end()) {
        field("review", id, person, final ? "finalised" : "added", "status", Undefined{}, status);
      } else {
        field("review", id, person, final ? "finalised" : "changed", "status", text_cell(a_, it->second->status), status);
        old.erase(it);
      }
    }
    for (auto& [id, r] : old) removed("review", id, a_.str(r->person), "status", text_cell(a_, r->status));
  }

  void reward_plans() {
    for (const RewardPlan& p : b_.reward_plans) {
      std::string id = b_.str(p.id);
      const RewardPlan* old = nullptr;
      for (const RewardPlan& q : a_.reward_plans)
        if (a_.text(q.id) == id) old = &q;
      if (!old) {
        field("reward_plan", id, {}, "added", "metric", Undefined{}, text_cell(b_, p.metric));
        continue;
      }
      for (auto& [name, before, after] : plan_parts(*old, p))
        field("reward_plan", id, {}, "changed", name, before, after);
    }
    for (const RewardPlan& q : a_.reward_plans) {
      bool kept = false;
      for (const RewardPlan& p : b_.reward_plans) kept = kept || b_.text(p.id) == a_.text(q.id);
      if (!kept) removed("reward_plan", a_.str(q.id), {}, "metric", text_cell(a_, q.metric));
    }
  }

 private:
  const Book& a_;
  const Book& b_;
  /// Per file of each book, whether its deals and customers are compared; empty: all are.
  std::vector<char> in_a_, in_b_;

  static std::vector<char> files_in(const Book& b, const std::set<std::string, std::less<>>* changed) {
    std::vector<char> in;
    if (!changed) return in;
    in.resize(b.files.size());
    for (std::size_t f = 0; f < b.files.size(); ++f) in[f] = changed->contains(b.files[f]);
    return in;
  }
  static bool compared(const std::vector<char>& in, Mark at) { return in.empty() || (at.file < in.size() && in[at.file]); }

  std::string_view stage_name(const Book& b, std::uint8_t stage) const {
    return stage < b.config.stages.size() ? std::string_view(b.config.stages[stage].name) : std::string_view();
  }
  /// Whether text_cell gives the same cell for `o` (before) and `n` (after).
  bool same_text(Sym o, Sym n) const { return o.empty() == n.empty() && a_.text(o) == b_.text(n); }
  /// Whether deals() would report no field of the deal: every field it compares is equal.
  bool same_fields(const Deal& o, const Deal& n) const {
    return stage_name(a_, o.stage) == stage_name(b_, n.stage) && o.has_amount == n.has_amount &&
           (!o.has_amount || o.amount == n.amount) && same_text(o.owner, n.owner) &&
           same_text(o.customer, n.customer) && o.expected_close == n.expected_close && o.closed == n.closed;
  }
  /// As for a deal, the fields customers() compares.
  bool same_fields(const Customer& o, const Customer& n) const {
    return same_text(o.owner, n.owner) && same_text(o.tier, n.tier) && same_text(o.segment, n.segment);
  }

  static std::string tiers_text(const RewardPlan& p) {
    std::string s;
    for (const RewardTier& t : p.tiers)
      s += fmt::format("{}{}-{}:{}", s.empty() ? "" : " ", t.from, t.to ? fmt::format("{}", *t.to) : "", t.rate);
    return s;
  }
  static std::string applies_text(const Book& b, const RewardPlan& p) {
    if (!p.applies_role.empty()) return "role " + b.str(p.applies_role);
    if (!p.applies_team.empty()) return "team " + b.str(p.applies_team);
    std::string s = "people";
    for (Sym person : p.applies_people) s += " " + b.str(person);
    return s;
  }
  static std::string spiffs_text(const Book& b, const RewardPlan& p) {
    std::string s;
    for (const Spiff& x : p.spiffs)
      s += fmt::format("{}{}:{}", s.empty() ? "" : " ", b.text(x.product),
                       x.per_deal ? format_money(*x.per_deal) : fmt::format("{}", x.rate.value_or(0)));
    return s;
  }
  std::vector<std::tuple<std::string, Cell, Cell>> plan_parts(const RewardPlan& o, const RewardPlan& n) const {
    auto txt = [](std::string s) { return s.empty() ? Cell{Undefined{}} : Cell{std::move(s)}; };
    auto opt = [](std::optional<double> d) { return d ? Cell{Decimal{*d}} : Cell{Undefined{}}; };
    return {
        {"applies_to", txt(applies_text(a_, o)), txt(applies_text(b_, n))},
        {"period", text_cell(a_, o.period), text_cell(b_, n.period)},
        {"metric", text_cell(a_, o.metric), text_cell(b_, n.metric)},
        {"mode", text_cell(a_, o.mode), text_cell(b_, n.mode)},
        {"tiers", txt(tiers_text(o)), txt(tiers_text(n))},
        {"gate", txt(o.gate_metric.empty() ? "" : fmt::format("{} >= {}", a_.text(o.gate_metric), o.gate_min.value_or(0))),
         txt(n.gate_metric.empty() ? "" : fmt::format("{} >= {}", b_.text(n.gate_metric), n.gate_min.value_or(0)))},
        {"cap", money_cell(o.cap), money_cell(n.cap)},
        {"spiffs", txt(spiffs_text(a_, o)), txt(spiffs_text(b_, n))},
        {"team_bonus", money_cell(o.team_bonus_amount), money_cell(n.team_bonus_amount)},
        {"team_bonus_min_attainment", opt(o.team_bonus_min_attainment), opt(n.team_bonus_min_attainment)},
        {"prorate", Cell{std::string(o.prorate ? "true" : "false")}, Cell{std::string(n.prorate ? "true" : "false")}},
    };
  }
};

}  // namespace

const std::vector<std::string>& diff_kinds() {
  static const std::vector<std::string> kinds = {"target", "deal", "customer", "review", "reward_plan", "plan",
                                                 "session", "training", "grant", "team", "person", "settings"};
  return kinds;
}

std::vector<Change> book_diff(const Book& before, const Book& after, const std::set<std::string, std::less<>>* changed_files) {
  Differ d(before, after, changed_files);
  d.targets();
  d.target_notes(0, d.out.size());
  d.deals();
  d.customers();
  d.reviews();
  d.reward_plans();
  // Within a kind, by id; a record's fields keep the order they were compared in.
  auto kind_rank = [](const std::string& k) {
    auto& kinds = diff_kinds();
    return std::find(kinds.begin(), kinds.end(), k) - kinds.begin();
  };
  std::stable_sort(d.out.begin(), d.out.end(), [&](const Change& x, const Change& y) {
    auto rx = kind_rank(x.kind), ry = kind_rank(y.kind);
    return rx != ry ? rx < ry : x.id < y.id;
  });
  return std::move(d.out);
}

Table diff_table(const std::vector<Change>& changes, bool with_kind) {
  Table t;
  if (with_kind) t.add_column(N_("kind"));
  for (const char* c : {N_("id"), N_("owner"), N_("change"), N_("field"), N_("before"), N_("after"), N_("note")}) t.add_column(c);
  t.set_type("before", ColumnType::mixed);
  t.set_type("after", ColumnType::mixed);
  for (const Change& c : changes) {
    auto& row = t.add_row();
    std::size_t i = 0;
    if (with_kind) row[i++] = c.kind;
    row[i++] = c.id;
    row[i++] = c.owner.empty() ? Cell{Undefined{}} : Cell{c.owner};
    row[i++] = c.change;
    row[i++] = c.field.empty() ? Cell{Undefined{}} : Cell{c.field};
    row[i++] = c.before;
    row[i++] = c.after;
    row[i++] = c.note.empty() ? Cell{Undefined{}} : Cell{c.note};
  }
  return t;
}

}  // namespace salesops::core
