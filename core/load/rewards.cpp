// rewards/plans.yaml (incentive plans) and rewards/<YYYY>.yaml (grants).
#include <fmt/format.h>

#include "core/base/i18n.hpp"
#include "core/kpi/kpi.hpp"
#include "core/load/context.hpp"

namespace salesops::core {

namespace {

constexpr const schema::RecordSchema& kPlan = schema::kRewardPlan;
using schema::kAppliesTo;
using schema::kTier;
using schema::kGate;
using schema::kSpiff;
using schema::kTeamBonus;
using schema::kGrant;

void read_applies_to(Fields& f, RewardPlan& p, const schema::FieldSpec& field) {
  YamlReader& r = f.reader();
  if (!expect_mapping(r, field.name())) return;
  each_field(f, kAppliesTo, [&](int i) {
    switch (i) {
      case kAppliesTo.at("role"): p.applies_role = f.choice_word(kAppliesTo.fields[i], true); return;
      case kAppliesTo.at("team"): p.applies_team = f.ref(kAppliesTo.fields[i]); return;
      case kAppliesTo.at("people"): {  // a list of person ids, or one id
        auto add = [&] { if (Sym s = f.ref(kAppliesTo.fields[i]); !s.empty()) p.applies_people.push_back(s); };
        if (r.kind() == YamlReader::Kind::sequence_start) r.each_item(add);
        else add();
        return;
      }
    }
  });
}

void read_tiers(Fields& f, RewardPlan& p, const schema::FieldSpec& list) {
  each_mapping_item(f, list.name(), N_("a tier"), [&](Mark) {
    RewardTier t;
    each_field(f, kTier, [&](int i) {
      switch (i) {
        case kTier.at("from"): if (auto v = f.number(kTier.fields[i])) t.from = *v; return;
        case kTier.at("to"): t.to = f.number(kTier.fields[i]); return;
        case kTier.at("rate"): if (auto v = f.number(kTier.fields[i])) t.rate = *v; return;
      }
    });
    p.tiers.push_back(t);
  });
}

/// Reads a KPI id, reporting one that is neither built in nor in salesops.toml.
Sym read_metric(Fields& f, const schema::FieldSpec& field, const char* what) {
  Book& b = f.book();
  Sym metric = f.word(field);
  if (!metric.empty() && !is_known_kpi(b.config, b.text(metric)))
    f.reader().error("reward-plan", fmt::format(N_("unknown {} '{}'"), what, shown(b.text(metric))),
                     N_("see `salesops kpi list` for the KPI ids"));
  return metric;
}

void read_gate(Fields& f, RewardPlan& p, const schema::FieldSpec& field) {
  YamlReader& r = f.reader();
  if (!expect_mapping(r, field.name())) return;
  each_field(f, kGate, [&](int i) {
    switch (i) {
      case kGate.at("metric"):
        p.gate_metric = read_metric(f, kGate.fields[i], N_("gate metric"));
        return;
      case kGate.at("min"): p.gate_min = f.number(kGate.fields[i]); return;
    }
  });
}

void read_spiffs(Fields& f, RewardPlan& p, const schema::FieldSpec& list) {
  each_mapping_item(f, list.name(), N_("a spiff"), [&](Mark) {
    Spiff s;
    each_field(f, kSpiff, [&](int i) {
      switch (i) {
        case kSpiff.at("product"): s.product = f.word(kSpiff.fields[i]); return;
        case kSpiff.at("per_deal"): s.per_deal = f.money(kSpiff.fields[i]); return;
        case kSpiff.at("rate"): s.rate = f.number(kSpiff.fields[i]); return;
      }
    });
    p.spiffs.push_back(s);
  });
}

void read_team_bonus(Fields& f, RewardPlan& p, const schema::FieldSpec& field) {
  YamlReader& r = f.reader();
  if (!expect_mapping(r, field.name())) return;
  each_field(f, kTeamBonus, [&](int i) {
    switch (i) {
      case kTeamBonus.at("min_attainment"): p.team_bonus_min_attainment = f.number(kTeamBonus.fields[i]); return;
      case kTeamBonus.at("amount"): p.team_bonus_amount = f.money(kTeamBonus.fields[i]); return;
    }
  });
}

void read_plan(Fields& f) {
  YamlReader& r = f.reader();
  Book& b = f.book();
  Mark at = r.mark();
  if (!expect_mapping(r, N_("a reward plan"))) return;
  RewardPlan p;
  p.at = at;
  Mark id_at = at, to_at = at;
  std::uint32_t seen = each_field(f, kPlan, [&](int i) {
    switch (i) {
      case kPlan.at("id"): id_at = r.mark(); p.id = f.word(kPlan.fields[i]); return;
      case kPlan.at("applies_to"): read_applies_to(f, p, kPlan.fields[i]); return;
      case kPlan.at("period"): p.period = f.choice_word(kPlan.fields[i], true); return;
      case kPlan.at("metric"): p.metric = read_metric(f, kPlan.fields[i], "metric"); return;
      case kPlan.at("mode"): p.mode = f.choice_word(kPlan.fields[i], true); return;
      case kPlan.at("tiers"): read_tiers(f, p, kPlan.fields[i]); return;
      case kPlan.at("gate"): read_gate(f, p, kPlan.fields[i]); return;
      case kPlan.at("cap"): p.cap = f.money(kPlan.fields[i]); return;
      case kPlan.at("spiffs"): read_spiffs(f, p, kPlan.fields[i]); return;
      case kPlan.at("team_bonus"): read_team_bonus(f, p, kPlan.fields[i]); return;
      case kPlan.at("prorate"): if (auto v = f.boolean(kPlan.fields[i])) p.prorate = *v; return;
      case kPlan.at("valid_from"): p.valid_from = f.date(kPlan.fields[i]); return;
      case kPlan.at("valid_to"): to_at = r.mark(); p.valid_to = f.date(kPlan.fields[i]); return;
    }
  });
  if (r.failed()) return;
  if (p.id.empty()) return f.missing_id(seen, kPlan, at);
  if (p.valid_from && p.valid_to && *p.valid_to < *p.valid_from)
    f.ctx().diags.error("reward-plan", b.location(to_at),
                        fmt::format(N_("reward plan '{}' ends ({}) before it starts ({})"), b.text(p.id),
                                    format_date(*p.valid_to), format_date(*p.valid_from)),
                        N_("valid_to is the plan's last day in force, on or after valid_from"));
  f.add_unique(b.reward_plan_ids, b.reward_plans, std::move(p), id_at, kPlan.kind.data());
}

void read_grant(Fields& f) {
  YamlReader& r = f.reader();
  Book& b = f.book();
  Mark at = r.mark();
  if (!expect_mapping(r, N_("a grant"))) return;
  Grant g;
  g.at = at;
  Mark id_at = at, amount_at = at;
  std::uint32_t seen = each_field(f, kGrant, [&](int i) {
    switch (i) {
      case kGrant.at("id"): id_at = r.mark(); g.id = f.word(kGrant.fields[i]); return;
      case kGrant.at("date"): g.date = f.date(kGrant.fields[i]); return;
      case kGrant.at("person"): g.person = f.ref(kGrant.fields[i]); return;
      case kGrant.at("team"): g.team = f.ref(kGrant.fields[i]); return;
      case kGrant.at("kind"): g.kind = f.choice_word(kGrant.fields[i], true); return;
      case kGrant.at("title"): g.title = f.text(kGrant.fields[i]); return;
      case kGrant.at("amount"): amount_at = r.mark(); if (auto m = f.money(kGrant.fields[i])) g.amount = *m; return;
      case kGrant.at("reason"): g.reason = f.text(kGrant.fields[i]); return;
    }
  });
  if (r.failed()) return;
  if (g.id.empty()) return f.missing_id(seen, kGrant, at);
  std::string name = fmt::format("{} '{}'", kGrant.kind, b.text(g.id));
  f.missing_required(kGrant, seen, at, [&] { return name; });
  // The recipient is exactly one of the schema's one_of fields (person, team).
  std::uint32_t recipients = 0;
  for (std::size_t i = 0; i < kGrant.fields.size(); ++i)
    if (kGrant.fields[i].presence == schema::Presence::one_of && (seen & kGrant.bit(static_cast<int>(i)))) ++recipients;
  if (recipients != 1)
    f.ctx().diags.error("grant-recipient", b.location(at),
                        fmt::format(N_("{} needs exactly one of person or team"), name));
  // Only a bonus pays: an amount on a title or a trip would be shown nowhere and paid never.
  if (g.amount.cents != 0 && !g.kind.empty() && b.text(g.kind) != "bonus")
    f.ctx().diags.error("grant-amount", b.location(amount_at),
                        fmt::format(N_("{} is a {} with an amount of {}: only a bonus pays money"), name,
                                    b.text(g.kind), format_money(g.amount)),
                        N_("make it kind: bonus, or remove the amount"));
  f.add_unique(b.grant_ids, b.grants, std::move(g), id_at, kGrant.kind.data());
}

}  // namespace

void load_reward_plans_file(YamlReader& r, LoadContext& ctx) {
  Fields f(r, ctx);
  each_list_under_keys(r, f, schema::kRewardPlansFile, [&](const schema::FieldSpec&) { read_plan(f); });
}

void load_grants_file(YamlReader& r, LoadContext& ctx) {
  Fields f(r, ctx);
  each_list_under_keys(r, f, schema::kGrantsFile, [&](const schema::FieldSpec&) { read_grant(f); });
}

}  // namespace salesops::core
