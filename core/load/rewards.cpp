// rewards/plans.yaml (incentive plans) and rewards/<YYYY>.yaml (grants).
#include <fmt/format.h>

#include "core/kpi/kpi.hpp"
#include "core/load/context.hpp"

namespace salesops::core {

namespace {

void read_applies_to(Fields& f, RewardPlan& p) {
  YamlReader& r = f.reader();
  if (!expect_mapping(r, "applies_to")) return;
  r.each_key([&](std::string_view key, Mark key_at) {
    if (key == "role") {
      p.applies_role = f.word("role");
      std::string_view role = f.book().text(p.applies_role);
      if (!p.applies_role.empty() && role != "rep" && role != "manager" && role != "director" && role != "ops")
        r.error("reward-plan", fmt::format("unknown role '{}'", shown(role)), "roles are rep, manager, director, ops");
    } else if (key == "team") p.applies_team = f.ref("team", RefKind::team);
    else if (key == "people") {  // a list of person ids, or one id
      auto add = [&] { if (Sym s = f.ref("people", RefKind::person); !s.empty()) p.applies_people.push_back(s); };
      if (r.kind() == YamlReader::Kind::sequence_start) r.each_item(add);
      else add();
    } else f.unknown(key, key_at, {"role", "team", "people"});
  });
}

void read_tiers(Fields& f, RewardPlan& p) {
  YamlReader& r = f.reader();
  each_mapping_item(f, "tiers", "a tier", [&](Mark) {
    RewardTier t;
    r.each_key([&](std::string_view key, Mark key_at) {
      if (key == "from") { if (auto v = f.number("from")) t.from = *v; }
      else if (key == "to") t.to = f.number("to");
      else if (key == "rate") { if (auto v = f.number("rate")) t.rate = *v; }
      else f.unknown(key, key_at, {"from", "to", "rate"});
    });
    p.tiers.push_back(t);
  });
}

void read_plan(Fields& f) {
  YamlReader& r = f.reader();
  Book& b = f.book();
  Mark at = r.mark();
  if (!expect_mapping(r, "a reward plan")) return;
  RewardPlan p;
  p.at = at;
  Mark id_at = at;
  bool has_id = false;
  r.each_key([&](std::string_view key, Mark key_at) {
    if (key == "id") { has_id = true; id_at = r.mark(); p.id = f.word("id"); }
    else if (key == "applies_to") read_applies_to(f, p);
    else if (key == "period") {
      p.period = f.word("period");
      std::string_view v = b.text(p.period);
      if (!p.period.empty() && v != "month" && v != "quarter" && v != "year")
        r.error("reward-plan", fmt::format("unknown plan period '{}'", shown(v)), "a plan's period is month, quarter or year");
    } else if (key == "metric") {
      p.metric = f.word("metric");
      if (!p.metric.empty() && !is_known_kpi(b.config, b.text(p.metric)))
        r.error("reward-plan", fmt::format("unknown metric '{}'", shown(b.text(p.metric))), "see `salesops kpi list` for the KPI ids");
    } else if (key == "mode") {
      p.mode = f.word("mode");
      std::string_view v = b.text(p.mode);
      if (!p.mode.empty() && v != "marginal" && v != "retroactive")
        r.error("reward-plan", fmt::format("unknown mode '{}'", shown(v)), "a plan's mode is marginal or retroactive");
    } else if (key == "tiers") read_tiers(f, p);
    else if (key == "gate") {
      if (!expect_mapping(r, "gate")) return;
      r.each_key([&](std::string_view k, Mark k_at) {
        if (k == "metric") {
          p.gate_metric = f.word("metric");
          if (!p.gate_metric.empty() && !is_known_kpi(b.config, b.text(p.gate_metric)))
            r.error("reward-plan", fmt::format("unknown gate metric '{}'", shown(b.text(p.gate_metric))),
                    "see `salesops kpi list` for the KPI ids");
        }
        else if (k == "min") p.gate_min = f.number("min");
        else f.unknown(k, k_at, {"metric", "min"});
      });
    } else if (key == "cap") p.cap = f.money("cap");
    else if (key == "spiffs") {
      each_mapping_item(f, "spiffs", "a spiff", [&](Mark) {
        Spiff s;
        r.each_key([&](std::string_view k, Mark k_at) {
          if (k == "product") s.product = f.word("product");
          else if (k == "per_deal") s.per_deal = f.money("per_deal");
          else if (k == "rate") s.rate = f.number("rate");
          else f.unknown(k, k_at, {"product", "per_deal", "rate"});
        });
        p.spiffs.push_back(s);
      });
    } else if (key == "team_bonus") {
      if (!expect_mapping(r, "team_bonus")) return;
      r.each_key([&](std::string_view k, Mark k_at) {
        if (k == "min_attainment") p.team_bonus_min_attainment = f.number("min_attainment");
        else if (k == "amount") p.team_bonus_amount = f.money("amount");
        else f.unknown(k, k_at, {"min_attainment", "amount"});
      });
    } else if (key == "prorate") { if (auto v = f.boolean("prorate")) p.prorate = *v; }
    else f.unknown(key, key_at, {"id", "applies_to", "period", "metric", "mode", "tiers", "gate", "cap", "spiffs", "team_bonus", "prorate"});
  });
  if (r.failed()) return;
  if (p.id.empty()) return has_id ? void() : f.missing("id", at, "a reward plan");
  f.add_unique(b.reward_plan_ids, b.reward_plans, std::move(p), id_at, "reward plan");
}

void read_grant(Fields& f) {
  YamlReader& r = f.reader();
  Book& b = f.book();
  Mark at = r.mark();
  if (!expect_mapping(r, "a grant")) return;
  Grant g;
  g.at = at;
  Mark id_at = at;
  bool has_id = false, has_date = false, has_person = false, has_team = false;
  r.each_key([&](std::string_view key, Mark key_at) {
    if (key == "id") { has_id = true; id_at = r.mark(); g.id = f.word("id"); }
    else if (key == "date") { has_date = true; g.date = f.date("date"); }
    else if (key == "person") { has_person = true; g.person = f.ref("person", RefKind::person); }
    else if (key == "team") { has_team = true; g.team = f.ref("team", RefKind::team); }
    else if (key == "kind") {
      g.kind = f.word("kind");
      std::string_view v = b.text(g.kind);
      if (!g.kind.empty() && v != "title" && v != "trip" && v != "gift" && v != "bonus" && v != "recognition")
        r.error("grant-kind", fmt::format("unknown grant kind '{}'", shown(v)), "kinds are title, trip, gift, bonus, recognition");
    } else if (key == "title") g.title = f.text("title");
    else if (key == "amount") { if (auto m = f.money("amount")) g.amount = *m; }
    else if (key == "reason") g.reason = f.text("reason");
    else f.unknown(key, key_at, {"id", "date", "person", "team", "kind", "title", "amount", "reason"});
  });
  if (r.failed()) return;
  if (g.id.empty()) return has_id ? void() : f.missing("id", at, "a grant");
  std::string name = fmt::format("grant '{}'", b.text(g.id));
  if (!has_date) f.missing("date", at, name);
  if (has_person == has_team)
    f.ctx().diags.error("grant-recipient", b.location(at), fmt::format("{} needs exactly one of person or team", name));
  f.add_unique(b.grant_ids, b.grants, std::move(g), id_at, "grant");
}

}  // namespace

void load_reward_plans_file(YamlReader& r, LoadContext& ctx) {
  Fields f(r, ctx);
  each_list_under_keys(r, f, {"plans"}, [&](std::string_view) { read_plan(f); });
}

void load_grants_file(YamlReader& r, LoadContext& ctx) {
  Fields f(r, ctx);
  each_list_under_keys(r, f, {"grants"}, [&](std::string_view) { read_grant(f); });
}

}  // namespace salesops::core
