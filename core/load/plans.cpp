// plans/<period>.yaml: one sales plan per file.
#include <fmt/format.h>

#include "core/base/i18n.hpp"
#include "core/load/context.hpp"

namespace salesops::core {

namespace {

using schema::kPlan;
constexpr const schema::RecordSchema& kSegment = schema::kPlanSegment;
constexpr const schema::RecordSchema& kStrategy = schema::kPlanStrategy;
constexpr const schema::RecordSchema& kAction = schema::kPlanAction;
// The schema lists the statuses in ActionStatus's order.
static_assert(schema::kActionStatuses[static_cast<int>(ActionStatus::dropped)] == "dropped");

template <class Rec>
bool unique_child(Fields& f, std::vector<Rec>& siblings, const Rec& rec, Mark at, const schema::RecordSchema& kind) {
  Book& b = f.book();
  std::string_view id = b.text(rec.id);
  if (!f.valid_id(id, at)) return false;
  for (auto& s : siblings) {
    if (s.id == rec.id) {
      f.duplicate(kind.kind.data(), id, at, s.at);
      return false;
    }
  }
  return true;
}

void read_segments(Fields& f, Plan& p, const schema::FieldSpec& list) {
  YamlReader& r = f.reader();
  each_mapping_item(f, list.name(), N_("a segment"), [&](Mark at) {
    PlanSegment s;
    s.at = at;
    std::uint32_t seen = each_field(f, kSegment, [&](int i) {
      switch (i) {
        case kSegment.at("id"): s.id = f.word(kSegment.fields[i]); return;
        case kSegment.at("description"): s.description = f.text(kSegment.fields[i]); return;
        case kSegment.at("criteria"):
          if (!expect_mapping(r, "criteria")) return;
          r.each_key([&](std::string_view field, Mark) {
            Sym name = f.book().strings.intern(field);
            if (auto v = f.scalar(kSegment.fields[i].key)) s.criteria.emplace_back(name, f.book().strings.intern(*v));
          });
          return;
      }
    });
    if (s.id.empty()) return f.missing_id(seen, kSegment, at);
    if (unique_child(f, p.segments, s, at, kSegment)) p.segments.push_back(s);
  });
}

void read_strategies(Fields& f, Plan& p, const schema::FieldSpec& list) {
  each_mapping_item(f, list.name(), N_("a strategy"), [&](Mark at) {
    PlanStrategy s;
    s.at = at;
    std::uint32_t seen = each_field(f, kStrategy, [&](int i) {
      switch (i) {
        case kStrategy.at("id"): s.id = f.word(kStrategy.fields[i]); return;
        case kStrategy.at("kind"): s.kind = f.choice_word(kStrategy.fields[i], true); return;
        case kStrategy.at("segment"): s.segment = f.word(kStrategy.fields[i]); return;
        case kStrategy.at("summary"): s.summary = f.text(kStrategy.fields[i]); return;
      }
    });
    if (s.id.empty()) return f.missing_id(seen, kStrategy, at);
    if (unique_child(f, p.strategies, s, at, kStrategy)) p.strategies.push_back(s);
  });
}

void read_actions(Fields& f, Plan& p, const schema::FieldSpec& list) {
  each_mapping_item(f, list.name(), N_("an action"), [&](Mark at) {
    PlanAction a;
    a.at = at;
    std::uint32_t seen = each_field(f, kAction, [&](int i) {
      switch (i) {
        case kAction.at("id"): a.id = f.word(kAction.fields[i]); return;
        case kAction.at("title"): a.title = f.text(kAction.fields[i]); return;
        case kAction.at("owner"): a.owner = f.ref(kAction.fields[i]); return;
        case kAction.at("due"): a.due = f.date(kAction.fields[i]); return;
        case kAction.at("status"): if (auto v = f.choice(kAction.fields[i])) a.status = static_cast<ActionStatus>(*v); return;
        case kAction.at("done_on"): a.done_on = f.date(kAction.fields[i]); return;
        case kAction.at("strategy"): a.strategy = f.word(kAction.fields[i]); return;
        case kAction.at("target"): a.target = f.ref(kAction.fields[i]); return;
      }
    });
    if (a.id.empty()) return f.missing_id(seen, kAction, at);
    if (unique_child(f, p.actions, a, at, kAction)) p.actions.push_back(a);
  });
}

void check_plan_links(Fields& f, const Plan& p) {
  Book& b = f.book();
  auto has = [](auto& list, Sym id) { return std::any_of(list.begin(), list.end(), [&](auto& x) { return x.id == id; }); };
  for (auto& s : p.strategies)
    if (!s.segment.empty() && !has(p.segments, s.segment))
      f.ctx().diags.error("missing-ref", b.location(s.at),
                          fmt::format(N_("strategy '{}' names segment '{}', which the plan does not define"),
                                      b.text(s.id), b.text(s.segment)));
  for (auto& a : p.actions) {
    if (!a.strategy.empty() && !has(p.strategies, a.strategy))
      f.ctx().diags.error("missing-ref", b.location(a.at),
                          fmt::format(N_("action '{}' names strategy '{}', which the plan does not define"),
                                      b.text(a.id), b.text(a.strategy)));
    if (a.status == ActionStatus::done && !a.done_on)
      f.ctx().diags.warning("plan-action", b.location(a.at),
                            fmt::format(N_("action '{}' is done but has no done_on date"), b.text(a.id)));
  }
}

}  // namespace

void load_plan_file(YamlReader& r, LoadContext& ctx) {
  Fields f(r, ctx);
  Book& b = ctx.book;
  if (!enter_document(r)) {
    if (!r.failed())
      ctx.diags.error("empty-file", r.location_of({r.file_index(), 1, 1}), N_("a plan file cannot be empty"));
    return;
  }
  if (r.kind() == YamlReader::Kind::sequence_start) {
    r.reject("record-shape", N_("a plan file must be a mapping, not a list"),
             N_("one plan per file: write its fields at the top level, without '- '"));
    return;
  }
  if (!expect_mapping(r, N_("a plan file"))) return;
  Plan p;
  p.at = r.mark();
  Mark id_at = p.at;
  std::uint32_t seen = each_field(f, kPlan, [&](int i) {
    switch (i) {
      case kPlan.at("id"): id_at = r.mark(); p.id = f.word(kPlan.fields[i]); return;
      case kPlan.at("period"): p.period_text = f.word(kPlan.fields[i]); return;
      case kPlan.at("owner"): p.owner = f.ref(kPlan.fields[i]); return;
      case kPlan.at("market"): r.skip_value(); return;  // free structured text
      case kPlan.at("segments"): read_segments(f, p, kPlan.fields[i]); return;
      case kPlan.at("strategies"): read_strategies(f, p, kPlan.fields[i]); return;
      case kPlan.at("actions"): read_actions(f, p, kPlan.fields[i]); return;
    }
  });
  if (r.failed()) return;
  if (p.id.empty()) return f.missing_id(seen, kPlan, p.at);
  check_plan_links(f, p);
  f.add_unique(b.plan_index, b.plans, std::move(p), id_at, kPlan.kind.data());
}

}  // namespace salesops::core
