#include "core/kpi/custom.hpp"

#include <charconv>
#include <cmath>

namespace salesops::core {

namespace {

/// A record field as the `where` clause sees it: its text, and its number when it has one.
struct FieldValue {
  bool present = false;
  std::string text;
  std::optional<double> number;
  std::optional<std::int64_t> cents;  // money fields, summed exactly
};

FieldValue text_value(std::string_view s) {
  FieldValue v{!s.empty(), std::string(s), std::nullopt, std::nullopt};
  double d = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (!s.empty() && ec == std::errc{} && p == s.data() + s.size()) v.number = d;
  return v;
}
FieldValue date_value(Day d) { return d ? FieldValue{true, format_date(*d), std::nullopt} : FieldValue{}; }
FieldValue number_value(double d) { return {true, "", d, std::nullopt}; }

FieldValue deal_field(const Book& b, const Deal& d, std::string_view f) {
  if (f == "id") return text_value(b.text(d.id));
  if (f == "customer") return text_value(b.text(d.customer));
  if (f == "owner") return text_value(b.text(d.owner));
  if (f == "title") return text_value(b.text(d.title));
  if (f == "product") return text_value(b.text(d.product));
  if (f == "lost_reason") return text_value(b.text(d.lost_reason));
  if (f == "stage") return text_value(b.config.stages[d.stage].name);
  if (f == "amount") {
    if (!d.has_amount) return {};
    FieldValue v = number_value(static_cast<double>(d.amount.cents) / 100.0);
    v.cents = d.amount.cents;
    return v;
  }
  if (f == "opened") return date_value(d.opened);
  if (f == "expected_close") return date_value(d.expected_close);
  if (f == "closed") return date_value(d.closed);
  return {};
}

FieldValue customer_field(const Book& b, const Customer& c, std::string_view f) {
  if (f == "id") return text_value(b.text(c.id));
  if (f == "owner") return text_value(b.text(c.owner));
  if (f == "tier") return text_value(b.text(c.tier));
  if (f == "segment") return text_value(b.text(c.segment));
  if (f == "industry") return text_value(b.text(c.industry));
  if (f == "region") return text_value(b.text(c.region));
  if (f == "source") return text_value(b.text(c.source));
  if (f == "since") return date_value(c.since);
  return {};
}

FieldValue interaction_field(const Book& b, const Customer& c, const Interaction& i, std::string_view f) {
  static const char* types[] = {"visit", "call", "email", "meeting", "demo", "care"};
  if (f == "date") return date_value(i.date);
  if (f == "next") return date_value(i.next);
  if (f == "type") return text_value(types[static_cast<int>(i.type)]);
  if (f == "by") return text_value(b.text(i.by));
  if (f == "summary") return text_value(b.text(i.summary));
  return customer_field(b, c, f == "customer" ? "id" : f);
}

FieldValue survey_field(const Book& b, const Customer& c, const Survey& s, std::string_view f) {
  if (f == "date") return date_value(s.date);
  if (f == "csat") return s.csat >= 0 ? number_value(s.csat) : FieldValue{};
  if (f == "nps") return s.nps >= 0 ? number_value(s.nps) : FieldValue{};
  if (f == "comment") return text_value(b.text(s.comment));
  return customer_field(b, c, f == "customer" ? "id" : f);
}

bool matches(const Condition& c, const FieldValue& v) {
  if (!v.present) return false;
  auto equal = [&](const std::string& want) {
    if (v.number) {
      double d = 0;
      auto [p, ec] = std::from_chars(want.data(), want.data() + want.size(), d);
      if (ec == std::errc{} && p == want.data() + want.size()) return std::fabs(d - *v.number) < 1e-9;
    }
    return v.text == want;
  };
  switch (c.op) {
    case Condition::Op::eq:
    case Condition::Op::any_of:
      return std::any_of(c.values.begin(), c.values.end(), equal);
    case Condition::Op::lt: return v.number && *v.number < c.number;
    case Condition::Op::le: return v.number && *v.number <= c.number;
    case Condition::Op::gt: return v.number && *v.number > c.number;
    case Condition::Op::ge: return v.number && *v.number >= c.number;
  }
  return false;
}

/// Feeds one record: filtered by `where`, placed in the period by its date field.
template <class Get>
void feed(const CustomKpi& k, std::size_t slot, Get&& get, const std::string& date_field, const Period& p, KpiAcc* acc) {
  if (!acc) return;
  for (auto& c : k.where) if (!matches(c, get(c.field))) return;
  FieldValue date = get(date_field);
  auto d = parse_date(date.text);
  if (!d || !p.contains(*d)) return;
  if (k.aggregate != CustomKpi::Aggregate::count) {
    FieldValue v = get(k.field);
    if (!v.number) return;
    acc->custom_sum[slot] += v.cents ? static_cast<long double>(*v.cents) : *v.number;
  }
  ++acc->custom_n[slot];
}

}  // namespace

void add_custom_kpi(const Book& b, const CustomKpi& k, std::size_t slot, const KpiGrouping& g, const Period& p,
                    std::vector<KpiAcc>& accs) {
  auto at = [&](int group) { return group < 0 ? nullptr : &accs[static_cast<std::size_t>(group)]; };
  if (k.kind == "deals") {
    std::string date = k.date_field.empty() ? "closed" : k.date_field;
    for (const Deal& d : b.deals) feed(k, slot, [&](std::string_view f) { return deal_field(b, d, f); }, date, p, at(g.of_deal(d)));
    return;
  }
  for (const Customer& c : b.customers) {
    if (k.kind == "customers") {
      std::string date = k.date_field.empty() ? "since" : k.date_field;
      feed(k, slot, [&](std::string_view f) { return customer_field(b, c, f); }, date, p, at(g.of_customer(c)));
    } else if (k.kind == "interactions") {
      std::string date = k.date_field.empty() ? "date" : k.date_field;
      for (const Interaction& i : c.interactions)
        feed(k, slot, [&](std::string_view f) { return interaction_field(b, c, i, f); }, date, p, at(g.of_interaction(c, i)));
    } else if (k.kind == "surveys") {
      std::string date = k.date_field.empty() ? "date" : k.date_field;
      for (const Survey& s : c.surveys)
        feed(k, slot, [&](std::string_view f) { return survey_field(b, c, s, f); }, date, p, at(g.of_customer(c)));
    }
  }
}

Cell custom_kpi_cell(const CustomKpi& k, long double sum, std::int64_t n) {
  bool money = k.kind == "deals" && k.field == "amount";
  switch (k.aggregate) {
    case CustomKpi::Aggregate::count: return n;
    case CustomKpi::Aggregate::sum:
      if (money) return Money{static_cast<std::int64_t>(sum)};
      return Decimal{static_cast<double>(sum)};
    case CustomKpi::Aggregate::avg:
      if (n == 0) return Undefined{};
      if (money) return Money{div_round_half_away(static_cast<std::int64_t>(sum), n)};
      return Decimal{static_cast<double>(sum / n)};
  }
  return Undefined{};
}

}  // namespace salesops::core
