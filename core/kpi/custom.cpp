#include "core/kpi/custom.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <stdexcept>

#include "core/base/i18n.hpp"
#include "core/book/schema.hpp"
#include "core/kpi/catalogue.hpp"

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
FieldValue date_value(Day d) { return d ? FieldValue{true, format_date(*d), std::nullopt, std::nullopt} : FieldValue{}; }
FieldValue number_value(double d) { return {true, "", d, std::nullopt}; }

/// A custom field's value (config [fields.*]): a money one sums in cents.
FieldValue custom_value(const CustomField& field, std::string_view s) {
  FieldValue v = text_value(s);
  if (field.type == CustomType::money && v.present)
    if (auto m = parse_money(s)) v.cents = m->cents, v.number = static_cast<double>(m->cents) / 100.0;
  return v;
}

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
  if (int i = CustomFields::index(b.config.fields.deal, f); i >= 0)
    return custom_value(b.config.fields.deal[static_cast<std::size_t>(i)], b.custom(d, static_cast<std::size_t>(i)));
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
  if (int i = CustomFields::index(b.config.fields.customer, f); i >= 0)
    return custom_value(b.config.fields.customer[static_cast<std::size_t>(i)], b.custom(c, static_cast<std::size_t>(i)));
  return {};
}

FieldValue interaction_field(const Book& b, const Customer& c, const Interaction& i, std::string_view f) {
  if (f == "date") return date_value(i.date);
  if (f == "next") return date_value(i.next);
  if (f == "type") return text_value(schema::kInteractionTypes[static_cast<int>(i.type)]);
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

/// Sums of an amount are kept in cents, so they are money.
/// Sums of an amount, or of a money custom field, are kept in cents, so they are money.
bool in_money(const CustomKpi& k) { return k.money || (k.kind == "deals" && k.field == "amount"); }

/// The date that places a record of `k` in a period: the one the config names, else the
/// kind's own (a deal's close, a customer's start, an interaction's or a survey's day).
std::string date_field_of(const CustomKpi& k) {
  if (!k.date_field.empty()) return k.date_field;
  return k.kind == "deals" ? "closed" : k.kind == "customers" ? "since" : "date";
}

/// Feeds one record: filtered by `where`, placed in the period by its date field.
template <class Get>
void feed(const CustomKpi& k, std::size_t slot, Get&& get, const std::string& date_field, const Period& p, KpiSums* sums) {
  if (!sums) return;
  for (auto& c : k.where) if (!matches(c, get(c.field))) return;
  FieldValue date = get(date_field);
  auto d = parse_date(date.text);
  if (!d || !p.contains(*d)) return;
  if (k.aggregate != CustomKpi::Aggregate::count) {
    FieldValue v = get(k.field);
    if (!v.number) return;
    sums->custom_sum[slot] += v.cents ? static_cast<long double>(*v.cents) : *v.number;
    if (in_money(k) && !fits_cents(sums->custom_sum[slot]))
      throw std::overflow_error(fmt::format(N_("the sum of {} at deal {} overflows"), k.id, get("id").text));
  }
  ++sums->custom_n[slot];
}

}  // namespace

void add_custom_kpi(const Book& b, const CustomKpi& k, std::size_t slot, const KpiGrouping& g, const Period& p,
                    std::vector<KpiSums>& sums) {
  auto at = [&](int group) { return sums_of_group(sums, group); };
  std::string date = date_field_of(k);
  if (k.kind == "deals") {
    for (const Deal& d : b.deals) {
      auto get = [&](std::string_view f) {
        // An amount in another currency counts in the book's, at the rate of the KPI's date.
        if (f != "amount" || d.currency == 0 || !d.has_amount) return deal_field(b, d, f);
        auto day = parse_date(deal_field(b, d, date).text);
        if (!day) return deal_field(b, d, f);
        Money m = b.amount_in_book_currency(d, *day);
        FieldValue v = number_value(static_cast<double>(m.cents) / 100.0);
        v.cents = m.cents;
        return v;
      };
      feed(k, slot, get, date, p, at(g.of_deal(d)));
    }
    return;
  }
  for (const Customer& c : b.customers) {
    if (k.kind == "customers") {
      feed(k, slot, [&](std::string_view f) { return customer_field(b, c, f); }, date, p, at(g.of_customer(c)));
    } else if (k.kind == "interactions") {
      for (const Interaction& i : c.interactions())
        feed(k, slot, [&](std::string_view f) { return interaction_field(b, c, i, f); }, date, p, at(g.of_interaction(c, i)));
    } else if (k.kind == "surveys") {
      for (const Survey& s : c.surveys())
        feed(k, slot, [&](std::string_view f) { return survey_field(b, c, s, f); }, date, p, at(g.of_customer(c)));
    }
  }
}

Cell custom_kpi_cell(const CustomKpi& k, long double sum, std::int64_t n) {
  bool money = in_money(k);
  if (money && !fits_cents(sum)) throw std::overflow_error(fmt::format(N_("the sum of {} overflows"), k.id));
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

KpiScopes custom_kpi_scopes(const CustomKpi& k) { return k.kind == "deals" ? kEveryGrouping : kCustomerGroupings; }

KpiDef custom_kpi_def(const CustomKpi& k) {
  KpiDef d;
  d.id = k.id;
  d.label = k.label.empty() ? k.id : k.label;
  d.custom = true;
  bool count = k.aggregate == CustomKpi::Aggregate::count;
  d.unit = count ? KpiUnit::count : in_money(k) ? KpiUnit::money : KpiUnit::decimal;
  const char* aggregate = count ? "count" : k.aggregate == CustomKpi::Aggregate::sum ? "sum" : "mean";
  d.definition = std::string(aggregate) + (k.field.empty() ? "" : " of " + k.field) + " over " + k.kind;
  if (!k.where.empty()) {
    d.definition += " where";
    for (std::size_t i = 0; i < k.where.size(); ++i) d.definition += (i ? ", " : " ") + k.where[i].field;
  }
  if (!k.date_field.empty()) d.definition += ", dated by " + k.date_field;
  d.additive = k.aggregate != CustomKpi::Aggregate::avg;
  d.scopes = custom_kpi_scopes(k);
  return d;
}

}  // namespace salesops::core
