// targets/<YYYY>.yaml: a sequence of targets.
#include <fmt/format.h>

#include "core/kpi.hpp"
#include "core/load_context.hpp"

namespace salesops::core {

namespace {

void read_target(Fields& f) {
  YamlReader& r = f.reader();
  Book& b = f.book();
  Mark at = r.mark();
  if (!expect_mapping(r, "a target")) return;
  Target t;
  t.at = at;
  Mark id_at = at;
  bool valued = false;
  r.each_key([&](std::string_view key, Mark key_at) {
    if (key == "id") { id_at = r.mark(); t.id = f.word("id"); }
    else if (key == "owner") t.owner = f.ref("owner", RefKind::owner);
    else if (key == "metric") {
      Mark m = r.mark();
      t.metric = f.word("metric");
      std::string_view metric = b.text(t.metric);
      if (!t.metric.empty() && !is_known_kpi(b.config, metric))
        f.ctx().diags.error("target-metric", r.location_of(m, static_cast<std::uint32_t>(metric.size())),
                            fmt::format("unknown metric '{}'", metric), "see `salesops kpi list` for the KPI ids");
    } else if (key == "period") {
      Mark m = r.mark();
      auto v = f.scalar("period");
      if (!v) return;
      t.period_text = b.strings.intern(*v);
      std::string error;
      bool relative = !v->empty() && !(((*v)[0] >= '0' && (*v)[0] <= '9') || v->starts_with("FY"));
      if (relative || !parse_period(*v, make_date(2000, 1, 1), b.config.calendar, &error))
        f.ctx().diags.error("target-period", r.location_of(m, static_cast<std::uint32_t>(v->size())),
                            relative ? fmt::format("a target's period must be fixed, not '{}'", *v) : error,
                            "periods are written 2026, FY2026, 2026-Q3, 2026-11, 2026-W05 or 2026-11-01..2026-11-15");
    } else if (key == "value") { if (auto m = f.money("value")) { t.value = *m; valued = true; } }
    else if (key == "baseline") t.baseline = f.money("baseline");
    else if (key == "why") t.why = f.text("why");
    else if (key == "plan") t.plan = f.ref("plan", RefKind::plan);
    else if (key == "parent") t.parent = f.ref("parent", RefKind::target);
    else f.unknown(key, key_at, {"id", "owner", "metric", "period", "value", "baseline", "why", "plan", "parent"});
  });
  if (r.failed()) return;
  if (t.id.empty()) { f.missing("id", at, "a target"); return; }
  std::string name = fmt::format("target '{}'", b.text(t.id));
  if (t.owner.empty()) f.missing("owner", at, name);
  if (t.metric.empty()) f.missing("metric", at, name);
  if (t.period_text.empty()) f.missing("period", at, name);
  if (!valued) f.missing("value", at, name);
  f.add_unique(b.target_index, b.targets, t, id_at, "target");
}

}  // namespace

void load_target_file(YamlReader& r, LoadContext& ctx) {
  Fields f(r, ctx);
  if (!enter_document(r) || r.is_null()) return;
  if (r.kind() != YamlReader::Kind::sequence_start) {
    r.error("file-shape", "a targets file must be a list of targets", "start each target with '- id: ...'");
    r.skip_value();
    return;
  }
  r.each_item([&] { read_target(f); });
}

}  // namespace salesops::core
