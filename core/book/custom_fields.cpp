#include "core/book/custom_fields.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "core/base/date.hpp"
#include "core/base/i18n.hpp"
#include "core/base/money.hpp"

namespace salesops::core {

namespace {

constexpr std::pair<std::string_view, CustomType> kTypes[] = {{"text", CustomType::text},
                                                               {"number", CustomType::number},
                                                               {"money", CustomType::money},
                                                               {"date", CustomType::date},
                                                               {"enum", CustomType::choice}};
constexpr std::pair<std::string_view, RefKind> kRefKinds[] = {
    {"customer", RefKind::customer}, {"person", RefKind::person}, {"team", RefKind::team}, {"deal", RefKind::deal}};

std::optional<double> number_of(std::string_view v) {
  double out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc{} || p != v.data() + v.size() || !std::isfinite(out)) return std::nullopt;
  return out;
}

}  // namespace

const std::vector<CustomField>& CustomFields::of(std::string_view kind) const {
  static const std::vector<CustomField> kNone;
  if (kind == "deal") return deal;
  if (kind == "customer") return customer;
  return kNone;
}

int CustomFields::index(const std::vector<CustomField>& fields, std::string_view key) {
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].key == key) return static_cast<int>(i);
  return -1;
}

std::optional<CustomType> parse_custom_type(std::string_view name) {
  for (auto& [n, t] : kTypes)
    if (n == name) return t;
  return std::nullopt;
}

std::optional<RefKind> parse_ref_kind(std::string_view name) {
  for (auto& [n, k] : kRefKinds)
    if (n == name) return k;
  return std::nullopt;
}

std::string custom_type_name(const CustomField& f) {
  if (f.type == CustomType::ref) {
    for (auto& [n, k] : kRefKinds)
      if (k == f.ref) return fmt::format("reference to {}", n);
  }
  for (auto& [n, t] : kTypes)
    if (t == f.type) return std::string(n);
  return "text";
}

std::optional<FieldProblem> custom_value_problem(const CustomField& f, std::string_view v) {
  switch (f.type) {
    case CustomType::text:
    case CustomType::ref:
      return std::nullopt;
    case CustomType::number:
      if (number_of(v)) return std::nullopt;
      return FieldProblem{"field-type", fmt::format(N_("'{}' must be a number, not '{}'"), f.key, v), {}};
    case CustomType::money: {
      MoneyError err = MoneyError::none;
      if (parse_money(v, &err)) return std::nullopt;
      return FieldProblem{
          "field-type", fmt::format(N_("'{}' must be an amount such as 12500 or 12500.50, not '{}'"), f.key, v),
          err == MoneyError::too_many_decimals || err == MoneyError::too_large ? std::string(money_error_text(err))
                                                                               : std::string{}};
    }
    case CustomType::date:
      if (parse_date(v)) return std::nullopt;
      return FieldProblem{"field-type", fmt::format(N_("'{}' must be a date YYYY-MM-DD, not '{}'"), f.key, v), {}};
    case CustomType::choice: {
      if (std::find(f.values.begin(), f.values.end(), v) != f.values.end()) return std::nullopt;
      std::string values;
      for (std::size_t i = 0; i < f.values.size(); ++i) values += (i ? ", " : "") + f.values[i];
      std::string hint = fmt::format(N_("'{}' is one of {}"), f.key, values);
      return FieldProblem{"field-value", fmt::format(N_("'{}' is not a value of '{}'"), v, f.key), hint};
    }
  }
  return std::nullopt;
}

Cell custom_cell(const CustomField& f, std::string_view v) {
  if (v.empty()) return Undefined{};
  switch (f.type) {
    case CustomType::money:
      if (auto m = parse_money(v)) return *m;
      break;
    case CustomType::number:
      if (auto n = number_of(v)) {
        // A whole number (12 seats) is an integer; any other a decimal.
        if (std::trunc(*n) == *n && std::fabs(*n) < 9e15) return static_cast<std::int64_t>(*n);
        return Decimal{*n};
      }
      break;
    case CustomType::date:
      if (auto d = parse_date(v)) return *d;
      break;
    default:
      break;
  }
  return std::string(v);
}

}  // namespace salesops::core
