// targets/<YYYY>.yaml: a sequence of targets.
#include <fmt/format.h>

#include "core/base/i18n.hpp"
#include "core/kpi/kpi.hpp"
#include "core/load/context.hpp"

namespace salesops::core {

namespace {

using schema::kTarget;

void read_period(Fields& f, Target& t, const schema::FieldSpec& field) {
  YamlReader& r = f.reader();
  Book& b = f.book();
  auto v = f.scalar(field.key);
  if (!v) return;
  t.period_text = b.strings.intern(*v);
  std::string error;
  bool relative = !v->empty() && !(((*v)[0] >= '0' && (*v)[0] <= '9') || v->starts_with("FY"));
  if (relative || !parse_period(*v, make_date(2000, 1, 1), b.config.calendar, &error))
    r.error("target-period", relative ? fmt::format(N_("a target's period must be fixed, not '{}'"), shown(*v)) : error,
            N_("periods are written 2026, FY2026, 2026-Q3, 2026-11, 2026-W05 or 2026-11-01..2026-11-15"));
}

void read_target(Fields& f) {
  YamlReader& r = f.reader();
  Book& b = f.book();
  Mark at = r.mark();
  if (!expect_mapping(r, N_("a target"))) return;
  Target t;
  t.at = at;
  Mark id_at = at;
  // Keys present, valid or not: an invalid value is reported where it is, not as missing.
  std::uint32_t seen = each_field(f, kTarget, [&](int i) {
    switch (i) {
      case kTarget.at("id"): id_at = r.mark(); t.id = f.word(kTarget.fields[i]); return;
      case kTarget.at("owner"): t.owner = f.ref(kTarget.fields[i]); return;
      case kTarget.at("metric"): {
        t.metric = f.word(kTarget.fields[i]);
        std::string_view metric = b.text(t.metric);
        if (!t.metric.empty() && !is_known_kpi(b.config, metric))
          r.error("target-metric", fmt::format(N_("unknown metric '{}'"), shown(metric)),
                  N_("see `salesops kpi list` for the KPI ids"));
        return;
      }
      case kTarget.at("period"): read_period(f, t, kTarget.fields[i]); return;
      case kTarget.at("value"): if (auto m = f.money(kTarget.fields[i])) t.value = *m; return;
      case kTarget.at("baseline"): t.baseline = f.money(kTarget.fields[i]); return;
      case kTarget.at("why"): t.why = f.text(kTarget.fields[i]); return;
      case kTarget.at("plan"): t.plan = f.ref(kTarget.fields[i]); return;
      case kTarget.at("parent"): t.parent = f.ref(kTarget.fields[i]); return;
      case kTarget.at("prorated"): if (auto v = f.boolean(kTarget.fields[i])) t.prorated = *v; return;
    }
  });
  if (r.failed()) return;
  if (t.id.empty()) {
    f.missing_id(seen, kTarget, at);
    return;
  }
  f.missing_required(kTarget, seen, at, [&] { return fmt::format("{} '{}'", kTarget.kind, b.text(t.id)); });
  f.add_unique(b.target_index, b.targets, t, id_at, kTarget.kind.data());
}

}  // namespace

void load_target_file(YamlReader& r, LoadContext& ctx) {
  Fields f(r, ctx);
  if (!enter_document(r) || r.is_null()) return;
  if (r.kind() != YamlReader::Kind::sequence_start) {
    r.reject("file-shape", N_("a targets file must be a list of targets"), N_("start each target with '- id: ...'"));
    return;
  }
  r.each_item([&] { read_target(f); });
}

}  // namespace salesops::core
