// plans/<period>.yaml: one sales plan per file.
#include <fmt/format.h>

#include "core/load/context.hpp"

namespace salesops::core {

namespace {

template <class Rec>
bool unique_child(Fields& f, std::vector<Rec>& siblings, const Rec& rec, Mark at, const char* kind) {
  Book& b = f.book();
  std::string_view id = b.text(rec.id);
  if (!f.valid_id(id, at)) return false;
  for (auto& s : siblings) {
    if (s.id == rec.id) {
      f.duplicate(kind, id, at, s.at);
      return false;
    }
  }
  return true;
}

void read_segments(Fields& f, Plan& p) {
  YamlReader& r = f.reader();
  each_mapping_item(f, "segments", "a segment", [&](Mark at) {
    PlanSegment s;
    s.at = at;
    bool has_id = false;
    r.each_key([&](std::string_view key, Mark key_at) {
      if (key == "id") { has_id = true; s.id = f.word("id"); }
      else if (key == "description") s.description = f.text("description");
      else if (key == "criteria") {
        if (!expect_mapping(r, "criteria")) return;
        r.each_key([&](std::string_view field, Mark) {
          Sym name = f.book().strings.intern(field);
          if (auto v = f.scalar("criteria")) s.criteria.emplace_back(name, f.book().strings.intern(*v));
        });
      } else f.unknown(key, key_at, {"id", "description", "criteria"});
    });
    if (s.id.empty()) return has_id ? void() : f.missing("id", at, "a segment");
    if (unique_child(f, p.segments, s, at, "segment")) p.segments.push_back(s);
  });
}

void read_strategies(Fields& f, Plan& p) {
  YamlReader& r = f.reader();
  each_mapping_item(f, "strategies", "a strategy", [&](Mark at) {
    PlanStrategy s;
    s.at = at;
    bool has_id = false;
    r.each_key([&](std::string_view key, Mark key_at) {
      if (key == "id") { has_id = true; s.id = f.word("id"); }
      else if (key == "kind") {
        s.kind = f.word("kind");
        std::string_view k = f.book().text(s.kind);
        if (!s.kind.empty() && k != "product" && k != "pricing" && k != "channel" && k != "promotion" && k != "other")
          r.error("plan-strategy", fmt::format("unknown strategy kind '{}'", shown(k)), "kinds are product, pricing, channel, promotion, other");
      } else if (key == "segment") s.segment = f.word("segment");
      else if (key == "summary") s.summary = f.text("summary");
      else f.unknown(key, key_at, {"id", "kind", "segment", "summary"});
    });
    if (s.id.empty()) return has_id ? void() : f.missing("id", at, "a strategy");
    if (unique_child(f, p.strategies, s, at, "strategy")) p.strategies.push_back(s);
  });
}

void read_actions(Fields& f, Plan& p) {
  YamlReader& r = f.reader();
  each_mapping_item(f, "actions", "an action", [&](Mark at) {
    PlanAction a;
    a.at = at;
    bool has_id = false;
    r.each_key([&](std::string_view key, Mark key_at) {
      if (key == "id") { has_id = true; a.id = f.word("id"); }
      else if (key == "title") a.title = f.text("title");
      else if (key == "owner") a.owner = f.ref("owner", RefKind::person);
      else if (key == "due") a.due = f.date("due");
      else if (key == "status") {
        auto v = f.scalar("status");
        if (!v) return;
        if (*v == "open") a.status = ActionStatus::open;
        else if (*v == "done") a.status = ActionStatus::done;
        else if (*v == "dropped") a.status = ActionStatus::dropped;
        else r.error("plan-action", fmt::format("unknown status '{}'", shown(*v)), "statuses are open, done, dropped");
      } else if (key == "done_on") a.done_on = f.date("done_on");
      else if (key == "strategy") a.strategy = f.word("strategy");
      else if (key == "target") a.target = f.ref("target", RefKind::target);
      else f.unknown(key, key_at, {"id", "title", "owner", "due", "status", "done_on", "strategy", "target"});
    });
    if (a.id.empty()) return has_id ? void() : f.missing("id", at, "an action");
    if (unique_child(f, p.actions, a, at, "action")) p.actions.push_back(a);
  });
}

void check_plan_links(Fields& f, const Plan& p) {
  Book& b = f.book();
  auto has = [](auto& list, Sym id) { return std::any_of(list.begin(), list.end(), [&](auto& x) { return x.id == id; }); };
  for (auto& s : p.strategies)
    if (!s.segment.empty() && !has(p.segments, s.segment))
      f.ctx().diags.error("missing-ref", b.location(s.at), fmt::format("strategy '{}' names segment '{}', which the plan does not define",
                                                                      b.text(s.id), b.text(s.segment)));
  for (auto& a : p.actions) {
    if (!a.strategy.empty() && !has(p.strategies, a.strategy))
      f.ctx().diags.error("missing-ref", b.location(a.at), fmt::format("action '{}' names strategy '{}', which the plan does not define",
                                                                      b.text(a.id), b.text(a.strategy)));
    if (a.status == ActionStatus::done && !a.done_on)
      f.ctx().diags.warning("plan-action", b.location(a.at), fmt::format("action '{}' is done but has no done_on date", b.text(a.id)));
  }
}

}  // namespace

void load_plan_file(YamlReader& r, LoadContext& ctx) {
  Fields f(r, ctx);
  Book& b = ctx.book;
  if (!enter_document(r)) {
    if (!r.failed()) ctx.diags.error("empty-file", r.location_of({r.file_index(), 1, 1}), "a plan file cannot be empty");
    return;
  }
  if (r.kind() == YamlReader::Kind::sequence_start) {
    r.reject("record-shape", "a plan file must be a mapping, not a list",
             "one plan per file: write its fields at the top level, without '- '");
    return;
  }
  if (!expect_mapping(r, "a plan file")) return;
  Plan p;
  p.at = r.mark();
  Mark id_at = p.at;
  bool has_id = false;
  r.each_key([&](std::string_view key, Mark key_at) {
    if (key == "id") { has_id = true; id_at = r.mark(); p.id = f.word("id"); }
    else if (key == "period") p.period_text = f.word("period");
    else if (key == "owner") p.owner = f.ref("owner", RefKind::person);
    else if (key == "market") r.skip_value();  // free structured text
    else if (key == "segments") read_segments(f, p);
    else if (key == "strategies") read_strategies(f, p);
    else if (key == "actions") read_actions(f, p);
    else f.unknown(key, key_at, {"id", "period", "owner", "market", "segments", "strategies", "actions"});
  });
  if (r.failed()) return;
  if (p.id.empty()) return has_id ? void() : f.missing("id", p.at, "a plan");
  check_plan_links(f, p);
  f.add_unique(b.plan_index, b.plans, std::move(p), id_at, "plan");
}

}  // namespace salesops::core
