// rates/<YYYY>.yaml: a list of exchange rates, `{date, currency, rate}`: from `date` on, one
// unit of `currency` is `rate` units of the book's currency (salesops-book(5)).
#include <fmt/format.h>

#include <algorithm>

#include "core/base/i18n.hpp"
#include "core/load/context.hpp"

namespace salesops::core {

namespace {

using schema::kRate;

bool is_code(std::string_view v) {
  return v.size() == 3 && std::all_of(v.begin(), v.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

void read_rate(Fields& f) {
  YamlReader& r = f.reader();
  Book& b = f.book();
  Mark at = r.mark();
  if (!expect_mapping(r, N_("a rate"))) return;
  Rate rate;
  rate.at = at;
  bool valid = true;
  std::uint32_t seen = each_field(f, kRate, [&](int i) {
    const schema::FieldSpec& field = kRate.fields[i];
    switch (i) {
      case kRate.at("date"): rate.date = f.date(field); valid = valid && rate.date.has(); return;
      case kRate.at("currency"): {
        auto v = f.scalar(field.key);
        if (v && !is_code(*v))
          r.error("rate-currency", fmt::format(N_("'{}' is not a currency code"), shown(*v)),
                  N_("a currency is three capital letters: USD, EUR, CNY"));
        else if (v && *v == b.config.currency)
          r.error("rate-currency", fmt::format(N_("{} is the book's own currency"), *v),
                  N_("rates are of other currencies into the book's"));
        else if (v) { rate.currency = std::string(*v); return; }
        valid = false;
        return;
      }
      case kRate.at("rate"): {
        auto v = f.scalar(field.key);
        auto micro = v ? parse_rate(*v) : std::nullopt;
        if (v && !micro)
          r.error("rate-value", fmt::format(N_("'{}' is not a rate"), shown(*v)),
                  N_("a rate is a decimal above 0 and at most 1000000, with at most six decimals: \"7.1234\""));
        if (micro) rate.micro = *micro;
        else valid = false;
        return;
      }
    }
  });
  if (r.failed()) return;
  f.missing_required(kRate, seen, at, [] { return std::string(kRate.noun); });
  if (valid && rate.date && !rate.currency.empty() && rate.micro > 0) b.rates.push_back(std::move(rate));
}

}  // namespace

void load_rates_file(YamlReader& r, LoadContext& ctx) {
  Fields f(r, ctx);
  if (!enter_document(r) || r.is_null()) return;
  if (r.kind() != YamlReader::Kind::sequence_start) {
    r.reject("file-shape", N_("a rates file must be a list of rates"), N_("start each rate with '- date: ...'"));
    return;
  }
  r.each_item([&] { read_rate(f); });
}

void check_rates(Book& b, Diagnostics& diags) {
  std::stable_sort(b.rates.begin(), b.rates.end(), [](const Rate& x, const Rate& y) {
    return x.currency < y.currency || (x.currency == y.currency && *x.date < *y.date);
  });
  for (std::size_t i = 1; i < b.rates.size(); ++i) {
    const Rate &prev = b.rates[i - 1], &cur = b.rates[i];
    if (prev.currency != cur.currency || *prev.date != *cur.date) continue;
    Location first = b.location(prev.at);
    diags.error("rate-duplicate", b.location(cur.at),
                fmt::format(N_("a second {} rate dated {} (the first is at {}:{}:{})"), cur.currency,
                            format_date(*cur.date), first.file, first.line, first.column),
                N_("keep one rate a currency a day"));
  }
  for (const Deal& d : b.deals) {
    if (d.currency == 0) continue;
    std::string_view code = b.currency_of(d);
    // Rates only begin: one in effect on the deal's first day is in effect on every later one.
    Day first = d.opened ? d.opened : d.closed ? d.closed : d.expected_close;
    bool known = std::any_of(b.rates.begin(), b.rates.end(), [&](const Rate& r) { return r.currency == code; });
    if (!known)
      diags.error("deal-rate", b.location(d.at),
                  fmt::format(N_("deal '{}' is in {}, which rates/ has no rate for"), b.text(d.id), code),
                  fmt::format(N_("add a {} rate dated on or before the deal's dates to rates/<YYYY>.yaml"), code));
    else if (first && !b.rate_on(code, *first))
      diags.error(
          "deal-rate", b.location(d.at),
          fmt::format(N_("deal '{}' is in {} but rates/ has no {} rate on or before {}"), b.text(d.id), code, code,
                      format_date(*first)),
          fmt::format(N_("add a {} rate dated on or before {} to rates/<YYYY>.yaml"), code, format_date(*first)));
  }
}

}  // namespace salesops::core
