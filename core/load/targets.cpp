// targets/<YYYY>.yaml: a sequence of targets.
#include <fmt/format.h>

#include "core/kpi/kpi.hpp"
#include "core/load/context.hpp"

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
  // Keys present, valid or not: an invalid value is reported where it is, not as missing.
  bool has_id = false, has_owner = false, has_metric = false, has_period = false, has_value = false;
  r.each_key([&](std::string_view key, Mark key_at) {
    if (key == "id") { has_id = true; id_at = r.mark(); t.id = f.word("id"); }
    else if (key == "owner") { has_owner = true; t.owner = f.ref("owner", RefKind::owner); }
    else if (key == "metric") {
      has_metric = true;
      t.metric = f.word("metric");
      std::string_view metric = b.text(t.metric);
      if (!t.metric.empty() && !is_known_kpi(b.config, metric))
        r.error("target-metric", fmt::format("unknown metric '{}'", shown(metric)), "see `salesops kpi list` for the KPI ids");
    } else if (key == "period") {
      has_period = true;
      auto v = f.scalar("period");
      if (!v) return;
      t.period_text = b.strings.intern(*v);
      std::string error;
      bool relative = !v->empty() && !(((*v)[0] >= '0' && (*v)[0] <= '9') || v->starts_with("FY"));
      if (relative || !parse_period(*v, make_date(2000, 1, 1), b.config.calendar, &error))
        r.error("target-period", relative ? fmt::format("a target's period must be fixed, not '{}'", shown(*v)) : error,
                "periods are written 2026, FY2026, 2026-Q3, 2026-11, 2026-W05 or 2026-11-01..2026-11-15");
    } else if (key == "value") { has_value = true; if (auto m = f.money("value")) t.value = *m; }
    else if (key == "baseline") t.baseline = f.money("baseline");
    else if (key == "why") t.why = f.text("why");
    else if (key == "plan") t.plan = f.ref("plan", RefKind::plan);
    else if (key == "parent") t.parent = f.ref("parent", RefKind::target);
    else f.unknown(key, key_at, {"id", "owner", "metric", "period", "value", "baseline", "why", "plan", "parent"});
  });
  if (r.failed()) return;
  if (t.id.empty()) {
    if (!has_id) f.missing("id", at, "a target");
    return;
  }
  std::string name = fmt::format("target '{}'", b.text(t.id));
  if (!has_owner) f.missing("owner", at, name);
  if (!has_metric) f.missing("metric", at, name);
  if (!has_period) f.missing("period", at, name);
  if (!has_value) f.missing("value", at, name);
  f.add_unique(b.target_index, b.targets, t, id_at, "target");
}

}  // namespace

void load_target_file(YamlReader& r, LoadContext& ctx) {
  Fields f(r, ctx);
  if (!enter_document(r) || r.is_null()) return;
  if (r.kind() != YamlReader::Kind::sequence_start) {
    r.reject("file-shape", "a targets file must be a list of targets", "start each target with '- id: ...'");
    return;
  }
  r.each_item([&] { read_target(f); });
}

}  // namespace salesops::core
