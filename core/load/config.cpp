// salesops.toml read into a Config: every value checked, each problem a diagnostic at its
// place in the file.
#include "core/load/config.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/base/i18n.hpp"
#include "core/base/suggest.hpp"
#include "core/kpi/kpi.hpp"

namespace salesops::core {

namespace {

/// The most days a cadence or delay in [policy] may be: ten years.
constexpr int kMaxDays = 3660;

struct TomlReader {
  const std::string& file;
  Diagnostics& diags;

  /// Where a node or key is, underlining its text on its first line (toml++ counts columns
  /// in code points, as the renderer does).
  Location at(const toml::source_region& s) const {
    auto b = s.begin, e = s.end;
    std::uint32_t length = e.line == b.line && e.column > b.column ? e.column - b.column : 1;
    return {file, static_cast<std::uint32_t>(b.line), static_cast<std::uint32_t>(b.column), length};
  }
  Location at(const toml::node& n) const { return at(n.source()); }
  void wrong_type(const toml::node& n, std::string_view key, std::string_view want) const {
    diags.error("config-type", at(n), fmt::format(N_("'{}' must be {}"), key, want));
  }
  void unknown_keys(const toml::table& t, std::string_view section, std::initializer_list<std::string_view> known) const {
    std::vector<std::string> names(known.begin(), known.end());
    for (auto&& [k, v] : t) {
      std::string_view key = k.str();
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string hint;
      if (auto s = closest_match(key, names)) hint = fmt::format(N_("did you mean '{}'?"), *s);
      std::string where = section.empty() ? N_("at the top level") : fmt::format(N_("in [{}]"), section);
      diags.warning("unknown-key", at(k.source()), fmt::format(N_("unknown key '{}' {}"), key, where), hint);
    }
  }
  std::optional<double> number(const toml::node& n, std::string_view key) const {
    if (auto v = n.value<double>()) {  // integers convert too
      if (std::isfinite(*v)) return *v;
      diags.error("config-value", at(n), fmt::format(N_("'{}' must be a finite number, not {}"), key, *v));
      return std::nullopt;
    }
    wrong_type(n, key, N_("a number"));
    return std::nullopt;
  }
  std::optional<std::int64_t> integer(const toml::node& n, std::string_view key) const {
    if (n.is_integer()) return n.as_integer()->get();
    wrong_type(n, key, N_("an integer"));
    return std::nullopt;
  }
  /// An integer from `min` to `max`: a number of days far beyond any calendar would
  /// overflow the date arithmetic it feeds.
  std::optional<int> integer_in(const toml::node& n, std::string_view key, int min, int max) const {
    auto v = integer(n, key);
    if (!v) return std::nullopt;
    if (*v >= min && *v <= max) return static_cast<int>(*v);
    diags.error("config-value", at(n), fmt::format(N_("'{}' must be from {} to {}, not {}"), key, min, max, *v));
    return std::nullopt;
  }
  std::optional<std::string> string(const toml::node& n, std::string_view key) const {
    if (n.is_string()) return n.as_string()->get();
    wrong_type(n, key, N_("a string"));
    return std::nullopt;
  }
  std::vector<std::string> strings(const toml::node& n, std::string_view key) const {
    std::vector<std::string> out;
    const toml::array* a = n.as_array();
    if (!a) {
      wrong_type(n, key, N_("a list of strings"));
      return out;
    }
    for (auto&& e : *a) if (auto s = string(e, key)) out.push_back(*s);
    return out;
  }
};

/// org.started: a TOML date (2026-11-26) or the same as a string, within the years periods allow.
void read_started(const toml::node& n, Config& c, const TomlReader& r) {
  std::optional<Date> day;
  if (auto d = n.as_date()) {
    const toml::date& v = d->get();
    day = parse_date(fmt::format("{:04}-{:02}-{:02}", v.year, v.month, v.day));
  } else if (auto s = n.value<std::string>()) {
    day = parse_date(*s);
  } else {
    r.wrong_type(n, "started", N_("a date such as 2026-11-26"));
    return;
  }
  if (!day || ymd(*day).year() < std::chrono::year{1900} || ymd(*day).year() > std::chrono::year{2200})
    r.diags.error("config-value", r.at(n),
                  N_("'started' must be a date from 1900-01-01 to 2200-12-31 such as 2026-11-26"));
  else
    c.started = day;
}

void read_org(const toml::table& t, Config& c, const TomlReader& r) {
  r.unknown_keys(t, "org", {"name", "currency", "fiscal_year_start", "week_start", "started"});
  if (auto n = t.get("started")) read_started(*n, c, r);
  if (auto n = t.get("name")) if (auto s = r.string(*n, "name")) c.org_name = *s;
  if (auto n = t.get("currency")) if (auto s = r.string(*n, "currency")) c.currency = *s;
  if (auto n = t.get("fiscal_year_start")) {
    if (auto v = r.integer(*n, "fiscal_year_start")) {
      if (*v < 1 || *v > 12)
        r.diags.error("config-value", r.at(*n), N_("fiscal_year_start must be a month from 1 to 12"));
      else c.calendar.fiscal_year_start = static_cast<unsigned>(*v);
    }
  }
  if (auto n = t.get("week_start")) {
    if (auto s = r.string(*n, "week_start")) {
      static const char* names[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
      bool found = false;
      for (unsigned i = 0; i < 7; ++i) if (*s == names[i]) { c.calendar.week_start = std::chrono::weekday{i}; found = true; }
      if (!found)
        r.diags.error("config-value", r.at(*n), fmt::format(N_("unknown week_start '{}'"), *s),
                      N_("use monday … sunday"));
    }
  }
}

void read_stages(const toml::table& t, Config& c, const TomlReader& r) {
  r.unknown_keys(t, "stages", {"order", "probability"});
  std::vector<StageDef> stages;
  auto order = t.get("order");
  if (order && !order->is_array()) {
    r.wrong_type(*order, "order", N_("a list of stage names"));
    order = nullptr;  // the default stages stand, so records are not all reported
  }
  if (auto n = order) {
    for (auto& name : r.strings(*n, "order")) {
      if (name == "won" || name == "lost") {
        r.diags.error("config-stage", r.at(*n),
                      fmt::format(N_("'{}' is always a closing stage; leave it out of order"), name));
        continue;
      }
      if (std::any_of(stages.begin(), stages.end(), [&](auto& st) { return st.name == name; })) {
        r.diags.error("config-stage", r.at(*n), fmt::format(N_("stage '{}' is listed twice in order"), name));
        continue;
      }
      stages.push_back({name, 0, true});
    }
  } else {
    stages = std::vector<StageDef>(c.stages.begin(), c.stages.end() - 2);
  }
  if (auto n = t.get("probability")) {
    const toml::table* p = n->as_table();
    if (!p)
      r.wrong_type(*n, "probability", N_("a table of stage = probability"));
    else {
      for (auto&& [k, v] : *p) {
        auto it = std::find_if(stages.begin(), stages.end(), [&k = k](auto& s) { return s.name == k.str(); });
        if (it == stages.end()) {
          r.diags.error("config-stage", r.at(v), fmt::format(N_("probability for unknown stage '{}'"), k.str()));
          continue;
        }
        if (auto d = r.number(v, k.str())) {
          if (*d < 0 || *d > 1)
            r.diags.error("config-value", r.at(v), N_("a probability is between 0 and 1"));
          else it->probability = *d;
        }
      }
    }
  }
  stages.push_back({"won", 1.0, false});
  stages.push_back({"lost", 0.0, false});
  if (stages.size() > 200) {
    r.diags.error("config-stage", r.at(t), N_("too many stages (200 at most)"));
    stages.erase(stages.begin() + 198, stages.end() - 2);
  }
  c.stages = std::move(stages);
  c.won = static_cast<std::uint8_t>(c.stages.size() - 2);
  c.lost = static_cast<std::uint8_t>(c.stages.size() - 1);
}

void read_policy(const toml::table& t, Config& c, const TomlReader& r) {
  r.unknown_keys(t, "policy", {"revisit_days", "one_on_one_days", "target_max_growth", "required_targets", "review_due_days",
                               "follow_up_overdue_days", "rules"});
  if (auto n = t.get("follow_up_overdue_days"))
    if (auto v = r.integer_in(*n, "follow_up_overdue_days", 0, kMaxDays)) c.follow_up_overdue_days = *v;
  if (auto n = t.get("rules")) {
    if (const toml::table* rules = n->as_table()) {
      for (auto&& [k, v] : *rules) {
        if (auto on = v.value<bool>()) c.rule_switches[std::string(k.str())] = *on;
        else
          r.wrong_type(v, k.str(), N_("true or false"));
      }
    } else {
      r.wrong_type(*n, "rules", N_("a table such as { deal-past-expected-close = true }"));
    }
  }
  if (auto n = t.get("revisit_days")) {
    if (const toml::table* p = n->as_table()) {
      c.revisit_days.clear();
      for (auto&& [k, v] : *p)
        if (auto d = r.integer_in(v, k.str(), 0, kMaxDays)) c.revisit_days[std::string(k.str())] = *d;
    } else {
      r.wrong_type(*n, "revisit_days", N_("a table such as { A = 14, B = 30, C = 90 }"));
    }
  }
  if (auto n = t.get("one_on_one_days")) if (auto v = r.integer_in(*n, "one_on_one_days", 0, kMaxDays)) c.one_on_one_days = *v;
  if (auto n = t.get("target_max_growth")) if (auto v = r.number(*n, "target_max_growth")) c.target_max_growth = *v;
  if (auto n = t.get("required_targets")) c.required_targets = r.strings(*n, "required_targets");
  if (auto n = t.get("review_due_days")) if (auto v = r.integer_in(*n, "review_due_days", 0, kMaxDays)) c.review_due_days = *v;
}

void read_review(const toml::table& t, Config& c, const TomlReader& r) {
  r.unknown_keys(t, "review", {"weights", "attainment_scores"});
  if (auto n = t.get("weights")) {
    if (const toml::table* w = n->as_table()) {
      c.review_weights.clear();
      for (auto&& [k, v] : *w) if (auto d = r.number(v, k.str())) c.review_weights.emplace_back(std::string(k.str()), *d);
    } else {
      r.wrong_type(*n, "weights", N_("a table of item = weight"));
    }
  }
  if (auto n = t.get("attainment_scores")) {
    const toml::array* a = n->as_array();
    if (!a) {
      r.wrong_type(*n, "attainment_scores", N_("a list of [threshold, score] pairs"));
      return;
    }
    c.attainment_scores.clear();
    for (auto&& e : *a) {
      const toml::array* pair = e.as_array();
      if (!pair || pair->size() != 2) {
        r.wrong_type(e, "attainment_scores", N_("a [threshold, score] pair"));
        continue;
      }
      auto th = r.number(*pair->get(0), "threshold");
      auto sc = r.integer(*pair->get(1), "score");
      if (!th || !sc) continue;
      if (*sc < 1 || *sc > 5)
        r.diags.error("config-value", r.at(e), N_("a score is from 1 to 5"));
      else if (!c.attainment_scores.empty() && *th <= c.attainment_scores.back().first)
        r.diags.error("config-value", r.at(e), N_("attainment_scores thresholds must increase"));
      else c.attainment_scores.emplace_back(*th, static_cast<int>(*sc));
    }
  }
}

void read_seasonality(const toml::table& t, Config& c, const TomlReader& r) {
  static const char* months[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  std::array<double, 12> w{};
  r.unknown_keys(t, "seasonality", {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"});
  for (int i = 0; i < 12; ++i) {
    auto n = t.get(months[i]);
    if (!n) {
      r.diags.error("config-value", r.at(t), fmt::format(N_("[seasonality] needs a weight for {}"), months[i]));
      return;
    }
    if (auto d = r.number(*n, months[i])) w[i] = *d;
    if (w[i] < 0) {
      r.diags.error("config-value", r.at(*n), N_("a month's weight cannot be negative"));
      return;
    }
  }
  double total = 0;
  for (double x : w) total += x;
  if (std::abs(total - 1.0) > 1e-6) {
    r.diags.error("config-value", r.at(t), fmt::format(N_("[seasonality] weights add up to {:.4f}, not 1"), total));
    return;
  }
  c.seasonality = w;
}

Condition parse_condition(std::string_view field, const toml::node& n, const TomlReader& r) {
  Condition cond;
  cond.field = std::string(field);
  if (const toml::array* a = n.as_array()) {
    cond.op = Condition::Op::any_of;
    for (auto&& e : *a) {
      if (e.is_string()) cond.values.push_back(e.as_string()->get());
      else if (!e.is_number()) continue;
      else if (auto d = r.number(e, field)) cond.values.push_back(fmt::format("{}", *d));
    }
    return cond;
  }
  if (n.is_string()) {
    std::string s = n.as_string()->get();
    static const std::pair<const char*, Condition::Op> ops[] = {
        {">=", Condition::Op::ge}, {"<=", Condition::Op::le}, {">", Condition::Op::gt}, {"<", Condition::Op::lt}};
    for (auto& [text, op] : ops) {
      if (s.rfind(text, 0) == 0) {
        std::string rest = s.substr(std::string_view(text).size());
        rest.erase(0, rest.find_first_not_of(' '));
        try {
          std::size_t used = 0;
          cond.number = std::stod(rest, &used);
          if (used != rest.size()) throw std::invalid_argument("trailing");
          // A comparison with nan is never true and one with inf always or never: neither
          // is what a KPI's author meant.
          if (!std::isfinite(cond.number)) {
            r.diags.error("config-kpi", r.at(n), fmt::format(N_("'{}' compares with {}, not a finite number"), s, rest),
                          N_("write it like \">= 100000\""));
            return cond;
          }
          cond.op = op;
          return cond;
        } catch (const std::exception&) {
          r.diags.error("config-kpi", r.at(n), fmt::format(N_("cannot read the comparison '{}'"), s),
                        N_("write it like \">= 100000\""));
          return cond;
        }
      }
    }
    cond.values.push_back(s);
    return cond;
  }
  if (n.is_number()) {
    if (auto d = r.number(n, field)) cond.values.push_back(fmt::format("{}", *d));
    return cond;
  }
  if (auto b = n.value<bool>()) {
    cond.values.push_back(*b ? "true" : "false");
    return cond;
  }
  r.wrong_type(n, field, N_("a value, a list or a comparison"));
  return cond;
}

/// The most custom fields a kind may declare (a value's field index is 16 bits).
constexpr std::size_t kMaxCustomFields = 1000;

/// [fields.KIND]: each key a custom field, its value a type name or a table
/// { type = "enum", values = [...] } / { type = "reference", to = "customer" }.
void read_custom_fields(const toml::table& t, Config& c, const TomlReader& r) {
  for (auto&& [k, v] : t) {
    std::string kind(k.str());
    const schema::RecordSchema* record = schema::find_kind(kind);
    std::vector<CustomField>* out = kind == "deal" ? &c.fields.deal : kind == "customer" ? &c.fields.customer : nullptr;
    if (!out) {
      r.diags.error("config-field", r.at(k.source()),
                    fmt::format(N_("records of kind '{}' take no custom fields"), kind),
                    N_("declare custom fields under [fields.deal] or [fields.customer]"));
      continue;
    }
    const toml::table* ft = v.as_table();
    if (!ft) {
      r.wrong_type(v, kind, N_("a table of field = type"));
      continue;
    }
    for (auto&& [fk, fv] : *ft) {
      if (out->size() == kMaxCustomFields) {
        r.diags.error("config-field", r.at(fk.source()),
                      fmt::format(N_("a kind takes at most {} custom fields"), kMaxCustomFields));
        break;
      }
      CustomField f;
      f.key = std::string(fk.str());
      f.at = r.at(fk.source());
      bool key_ok = !f.key.empty() && std::isalpha(static_cast<unsigned char>(f.key[0]));
      for (char ch : f.key) key_ok = key_ok && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-');
      if (!key_ok) {
        r.diags.error("config-field", f.at, fmt::format(N_("'{}' is not a field name"), f.key),
                      N_("a field name is a letter, then letters, digits, '_' or '-'"));
        continue;
      }
      if (record && record->find(f.key)) {
        r.diags.error("config-field", f.at, fmt::format(N_("'{}' is already a field of every {}"), f.key, kind),
                      N_("give the custom field another name"));
        continue;
      }
      std::string type;
      const toml::table* spec = fv.as_table();
      if (spec) {
        r.unknown_keys(*spec, fmt::format("fields.{}.{}", kind, f.key), {"type", "values", "to"});
        if (auto n = spec->get("type")) if (auto s = r.string(*n, "type")) type = *s;
      } else if (auto s = fv.value<std::string>()) {
        type = *s;
      } else {
        r.wrong_type(fv, f.key, N_("a type name or a table such as { type = \"enum\", values = [...] }"));
        continue;
      }
      const char* kHint = N_("types are text, number, money, date, enum (with values) and reference (with to)");
      if (type == "reference") {
        f.type = CustomType::ref;
        std::string to;
        if (const toml::node* n = spec ? spec->get("to") : nullptr) if (auto s = r.string(*n, "to")) to = *s;
        auto ref = parse_ref_kind(to);
        if (!ref) {
          r.diags.error("config-field", f.at,
                        fmt::format(N_("reference field '{}' needs to = customer, person, team or deal"), f.key));
          continue;
        }
        f.ref = *ref;
      } else if (auto ty = parse_custom_type(type)) {
        f.type = *ty;
      } else {
        r.diags.error("config-field", f.at, fmt::format(N_("unknown type '{}' for field '{}'"), type, f.key), kHint);
        continue;
      }
      if (f.type == CustomType::choice) {
        if (const toml::node* n = spec ? spec->get("values") : nullptr) f.values = r.strings(*n, "values");
        if (f.values.empty()) {
          r.diags.error("config-field", f.at, fmt::format(N_("enum field '{}' needs values = [\"...\", ...]"), f.key));
          continue;
        }
      }
      out->push_back(std::move(f));
    }
    // TOML tables iterate by key; the fields keep the order the file declares them in.
    std::stable_sort(out->begin(), out->end(), [](const CustomField& a, const CustomField& b) {
      return std::pair(a.at.line, a.at.column) < std::pair(b.at.line, b.at.column);
    });
  }
}

/// The fields a custom KPI may name, per record kind: `where` takes any of them, `date`
/// the dates, `sum` and `avg` the numbers.
struct KindFields {
  std::vector<std::string> all, dates, numbers;
};

/// Declared custom fields join their kind's: every one in `where`, dates and numbers (money
/// among them) in `date`, `sum` and `avg`.
void add_custom(KindFields& k, const std::vector<CustomField>& fields) {
  for (const CustomField& f : fields) {
    k.all.push_back(f.key);
    if (f.type == CustomType::date) k.dates.push_back(f.key);
    if (f.type == CustomType::number || f.type == CustomType::money) k.numbers.push_back(f.key);
  }
}

KindFields fields_of(std::string_view kind, const Config& c) {
  std::vector<std::string> customer = {"id", "name", "owner", "tier", "segment", "industry", "region", "source", "since"};
  if (kind == "deals") {
    KindFields k{{"id", "customer", "owner", "title", "product", "amount", "stage", "opened", "expected_close", "closed", "lost_reason"},
                 {"opened", "expected_close", "closed"},
                 {"amount"}};
    add_custom(k, c.fields.deal);
    return k;
  }
  if (kind == "customers") {
    KindFields k{customer, {"since"}, {}};
    add_custom(k, c.fields.customer);
    return k;
  }
  std::vector<std::string> extra = kind == "interactions" ? std::vector<std::string>{"date", "next", "type", "by", "summary", "customer"}
                                                          : std::vector<std::string>{"date", "csat", "nps", "comment", "customer"};
  extra.insert(extra.end(), customer.begin() + 1, customer.end());
  if (kind == "interactions") return {extra, {"date", "next"}, {}};
  return {extra, {"date"}, {"csat", "nps"}};
}

/// Reports a field a custom KPI names that its record kind does not have.
bool known_field(const std::string& field, const std::vector<std::string>& allowed, const toml::node& at,
                 std::string_view what, const TomlReader& r) {
  if (std::find(allowed.begin(), allowed.end(), field) != allowed.end()) return true;
  std::string hint;
  if (auto s = closest_match(field, allowed))
    hint = fmt::format(N_("did you mean '{}'?"), *s);
  else if (!allowed.empty()) {
    hint = fmt::format(N_("use one of {}"), fmt::join(allowed, ", "));
  }
  r.diags.error("config-kpi", r.at(at), fmt::format(N_("'{}' is not {}"), field, what), hint);
  return false;
}

/// A custom KPI's id, aggregate and field names.
bool valid_custom_kpi(const CustomKpi& kpi, const toml::table& kt, const toml::node& v, const TomlReader& r, const Config& c) {
  bool ok = true;
  bool id_ok = !kpi.id.empty() && std::isalnum(static_cast<unsigned char>(kpi.id[0]));
  for (char ch : kpi.id) id_ok = id_ok && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-' || ch == '.');
  if (!id_ok) {
    r.diags.error("config-kpi", r.at(v), fmt::format(N_("'{}' is not a valid KPI id"), kpi.id),
                  N_("ids are letters, digits, '.', '_' and '-'"));
    ok = false;
  }
  Config builtin_only;
  if (is_known_kpi(builtin_only, kpi.id)) {
    r.diags.error("config-kpi", r.at(v), fmt::format(N_("'{}' is a built-in KPI; choose another id"), kpi.id));
    ok = false;
  }
  if (auto n = kt.get("count"); n && n->value<bool>() != std::optional<bool>(true)) {
    r.diags.error("config-kpi", r.at(*n), N_("count must be true (or use sum = \"field\" or avg = \"field\")"));
    ok = false;
  }
  KindFields fields = fields_of(kpi.kind, c);
  const char* kind_text = kpi.kind == "deals" ? "deals" : kpi.kind == "customers" ? "customers" : kpi.kind == "interactions" ? "interactions" : "surveys";
  if (kpi.aggregate != CustomKpi::Aggregate::count) {
    const toml::node* n = kt.get(kpi.aggregate == CustomKpi::Aggregate::sum ? "sum" : "avg");
    ok = known_field(kpi.field, fields.numbers, *n, fmt::format(N_("a number field of {}"), kind_text), r) && ok;
  }
  if (const toml::table* w = kt.get("where") ? kt.get("where")->as_table() : nullptr)
    for (auto&& [wk, wv] : *w)
      ok = known_field(std::string(wk.str()), fields.all, wv, fmt::format(N_("a field of {}"), kind_text), r) && ok;
  if (!kpi.date_field.empty())
    ok = known_field(kpi.date_field, fields.dates, *kt.get("date"), fmt::format(N_("a date field of {}"), kind_text),
                     r) &&
         ok;
  return ok;
}

void read_custom_kpis(const toml::table& t, Config& c, const TomlReader& r) {
  for (auto&& [k, v] : t) {
    const toml::table* kt = v.as_table();
    if (!kt) {
      r.wrong_type(v, k.str(), N_("a table"));
      continue;
    }
    r.unknown_keys(*kt, fmt::format("kpi.{}", k.str()), {"label", "kind", "count", "sum", "avg", "where", "date"});
    CustomKpi kpi;
    kpi.id = std::string(k.str());
    if (auto n = kt->get("label")) if (auto s = r.string(*n, "label")) kpi.label = *s;
    if (auto n = kt->get("kind")) if (auto s = r.string(*n, "kind")) kpi.kind = *s;
    if (kpi.kind != "deals" && kpi.kind != "customers" && kpi.kind != "interactions" && kpi.kind != "surveys") {
      r.diags.error("config-kpi", r.at(v),
                    fmt::format(N_("custom KPI '{}' needs kind = deals, customers, interactions or surveys"), kpi.id));
      continue;
    }
    int aggregates = 0;
    if (auto n = kt->get("count")) { kpi.aggregate = CustomKpi::Aggregate::count; ++aggregates; (void)n; }
    if (auto n = kt->get("sum")) { kpi.aggregate = CustomKpi::Aggregate::sum; ++aggregates; if (auto s = r.string(*n, "sum")) kpi.field = *s; }
    if (auto n = kt->get("avg")) { kpi.aggregate = CustomKpi::Aggregate::avg; ++aggregates; if (auto s = r.string(*n, "avg")) kpi.field = *s; }
    if (aggregates != 1) {
      r.diags.error(
          "config-kpi", r.at(v),
          fmt::format(N_("custom KPI '{}' needs exactly one of count = true, sum = \"field\", avg = \"field\""),
                      kpi.id));
      continue;
    }
    if (auto n = kt->get("where")) {
      if (const toml::table* w = n->as_table()) {
        for (auto&& [wk, wv] : *w) kpi.where.push_back(parse_condition(wk.str(), wv, r));
      } else {
        r.wrong_type(*n, "where", N_("a table of field = condition"));
      }
    }
    if (auto n = kt->get("date")) if (auto s = r.string(*n, "date")) kpi.date_field = *s;
    if (!valid_custom_kpi(kpi, *kt, v, r, c)) continue;
    const auto& fields = c.fields.of(kpi.kind == "deals" ? "deal" : kpi.kind == "customers" ? "customer" : "");
    int field = CustomFields::index(fields, kpi.field);
    kpi.money = kpi.aggregate != CustomKpi::Aggregate::count &&
                ((kpi.kind == "deals" && kpi.field == "amount") ||
                 (field >= 0 && fields[static_cast<std::size_t>(field)].type == CustomType::money));
    c.custom_kpis.push_back(std::move(kpi));
  }
}

}  // namespace

Config parse_config(std::string_view text, const std::string& file_label, Diagnostics& diags) {
  Config c = default_config();
  toml::table root;
  try {
    root = toml::parse(text, file_label);
  } catch (const toml::parse_error& e) {
    auto b = e.source().begin;
    diags.error("config-syntax", {file_label, static_cast<std::uint32_t>(b.line), static_cast<std::uint32_t>(b.column), 1},
                std::string(e.description()));
    return c;
  }
  TomlReader r{file_label, diags};
  r.unknown_keys(root, "", {"org", "stages", "policy", "kpi", "review", "customers", "seasonality", "coaching", "approvals", "fields"});
  auto section = [&](std::string_view name, auto&& fn) {
    if (auto n = root.get(name)) {
      if (const toml::table* t = n->as_table()) fn(*t);
      else
        r.wrong_type(*n, name, N_("a table"));
    }
  };
  section("org", [&](const toml::table& t) { read_org(t, c, r); });
  section("stages", [&](const toml::table& t) { read_stages(t, c, r); });
  section("policy", [&](const toml::table& t) { read_policy(t, c, r); });
  section("review", [&](const toml::table& t) { read_review(t, c, r); });
  section("seasonality", [&](const toml::table& t) { read_seasonality(t, c, r); });
  section("fields", [&](const toml::table& t) { read_custom_fields(t, c, r); });
  section("kpi", [&](const toml::table& t) { read_custom_kpis(t, c, r); });
  section("customers", [&](const toml::table& t) {
    r.unknown_keys(t, "customers", {"segments"});
    if (auto n = t.get("segments")) c.segments = r.strings(*n, "segments");
  });
  section("coaching", [&](const toml::table& t) {
    r.unknown_keys(t, "coaching", {"min_score", "min_rating"});
    if (auto n = t.get("min_score")) if (auto v = r.integer(*n, "min_score")) {
        if (*v < 0 || *v > 100)
          r.diags.error("config-value", r.at(*n), N_("min_score is a score from 0 to 100"));
        else
          c.min_training_score = static_cast<int>(*v);
    }
    if (auto n = t.get("min_rating")) if (auto v = r.integer(*n, "min_rating")) {
        if (*v < 1 || *v > 5)
          r.diags.error("config-value", r.at(*n), N_("min_rating is a rating from 1 to 5"));
        else
          c.min_coaching_rating = static_cast<int>(*v);
    }
  });
  section("approvals", [&](const toml::table& t) {
    r.unknown_keys(t, "approvals", {"records", "require"});
    if (auto n = t.get("require")) {
      auto mode = r.string(*n, "require");
      if (mode && (*mode == "signed" || *mode == "trailer")) c.approval_signed = *mode == "signed";
      else if (mode)
        r.diags.error("config-value", r.at(*n),
                      fmt::format(N_("approvals.require is \"trailer\" or \"signed\", not '{}'"), *mode));
    }
    if (auto n = t.get("records")) {
      c.approval_records = r.strings(*n, "records");
      for (auto& kind : c.approval_records)
        if (kind != "targets" && kind != "reward_plans" && kind != "deals" && kind != "customers" && kind != "reviews")
          r.diags.error(
              "config-value", r.at(*n),
              fmt::format(N_("approvals cover targets, reward_plans, deals, customers and reviews, not '{}'"), kind));
    }
  });
  if (auto n = root.at_path("policy.required_targets"); n && n.is_array()) {
    for (auto& metric : c.required_targets)
      if (!is_known_kpi(c, metric))
        diags.error("config-value", r.at(*n.node()),
                    fmt::format(N_("required target metric '{}' is not a KPI"), metric),
                    N_("see `salesops kpi list` for the KPI ids"));
  }
  return c;
}

}  // namespace salesops::core
