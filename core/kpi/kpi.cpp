#include "core/kpi/kpi.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/base/i18n.hpp"
#include "core/kpi/catalogue.hpp"

namespace salesops::core {

namespace {

/// The groupings by name, in the order of GroupBy.
constexpr std::string_view kGroupByNames[] = {"person", "team", "company", "product", "segment", "customer"};

std::string_view name_of(GroupBy by) { return kGroupByNames[static_cast<std::size_t>(by)]; }

/// Rows of people; teams and the company are sums of their people's rows.
class PersonGrouping final : public KpiGrouping {
 public:
  explicit PersonGrouping(const Book& b) {
    for (std::uint32_t i = 0; i < b.people.size(); ++i) index_.emplace(b.people[i].id, static_cast<int>(i));
    size_ = b.people.size();
  }
  std::size_t size() const override { return size_; }
  int of_deal(const Deal& d) const override { return of_person(d.owner); }
  int of_interaction(const Customer&, const Interaction& i) const override { return of_person(i.by); }
  int of_customer(const Customer& c) const override { return of_person(c.owner); }
  int of_person(Sym p) const override {
    auto it = index_.find(p);
    return it == index_.end() ? -1 : it->second;
  }

 private:
  std::unordered_map<Sym, int> index_;
  std::size_t size_ = 0;
};

/// Rows keyed by a text of the deal or of the customer: its product, segment or id.
class KeyGrouping final : public KpiGrouping {
 public:
  KeyGrouping(const Book& b, GroupBy by) : b_(b), by_(by) {
    for (std::uint32_t i = 0; i < b.customers.size(); ++i) customer_.emplace(b.customers[i].id, i);
    std::map<std::string_view, Sym> keys;
    if (by == GroupBy::product) {
      for (const Deal& d : b.deals) if (!d.product.empty()) keys.emplace(b.text(d.product), d.product);
    } else {
      for (const Customer& c : b.customers) {
        Sym k = by == GroupBy::segment ? c.segment : c.id;
        if (!k.empty()) keys.emplace(b.text(k), k);
      }
    }
    for (auto& [text, sym] : keys) { group_.emplace(sym, static_cast<int>(rows.size())); rows.push_back(sym); }
  }
  std::vector<Sym> rows;

  std::size_t size() const override { return rows.size(); }
  int of_deal(const Deal& d) const override {
    if (by_ == GroupBy::product) return group(d.product);
    auto it = customer_.find(d.customer);
    return it == customer_.end() ? -1 : of_customer(b_.customers[it->second]);
  }
  int of_interaction(const Customer& c, const Interaction&) const override { return of_customer(c); }
  int of_customer(const Customer& c) const override {
    if (by_ == GroupBy::product) return -1;
    return group(by_ == GroupBy::segment ? c.segment : c.id);
  }
  int of_person(Sym) const override { return -1; }

 private:
  int group(Sym s) const {
    auto it = group_.find(s);
    return it == group_.end() ? -1 : it->second;
  }
  const Book& b_;
  GroupBy by_;
  std::unordered_map<Sym, std::uint32_t> customer_;
  std::unordered_map<Sym, int> group_;
};

/// Rows keyed by the value of a custom field: of the deal (deal KPIs only, as per product),
/// or of the customer (the KPIs of its deals, interactions and surveys, as per segment).
/// Records without a value are left out.
class FieldGrouping final : public KpiGrouping {
 public:
  FieldGrouping(const Book& b, const std::string& field) : b_(b) {
    field_ = CustomFields::index(b.config.fields.deal, field);
    on_deal_ = field_ >= 0;
    if (!on_deal_) field_ = CustomFields::index(b.config.fields.customer, field);
    std::size_t i = static_cast<std::size_t>(std::max(field_, 0));
    std::map<std::string_view, int> keys;
    if (on_deal_) {
      for (const Deal& d : b.deals) if (auto v = b.custom(d, i); !v.empty()) keys.emplace(v, 0);
    } else if (field_ >= 0) {
      for (std::uint32_t c = 0; c < b.customers.size(); ++c) {
        customer_.emplace(b.customers[c].id, c);
        if (auto v = b.custom(b.customers[c], i); !v.empty()) keys.emplace(v, 0);
      }
    }
    for (auto& [text, n] : keys) { group_.emplace(text, static_cast<int>(rows.size())); rows.emplace_back(text); }
  }
  std::vector<std::string> rows;
  bool on_deal() const { return on_deal_; }

  std::size_t size() const override { return rows.size(); }
  int of_deal(const Deal& d) const override {
    if (field_ < 0) return -1;
    if (on_deal_) return group(b_.custom(d, static_cast<std::size_t>(field_)));
    auto it = customer_.find(d.customer);
    return it == customer_.end() ? -1 : of_customer(b_.customers[it->second]);
  }
  int of_interaction(const Customer& c, const Interaction&) const override { return of_customer(c); }
  int of_customer(const Customer& c) const override {
    if (on_deal_ || field_ < 0) return -1;
    return group(b_.custom(c, static_cast<std::size_t>(field_)));
  }
  int of_person(Sym) const override { return -1; }

 private:
  int group(std::string_view v) const {
    auto it = group_.find(v);
    return it == group_.end() ? -1 : it->second;
  }
  const Book& b_;
  int field_ = -1;
  bool on_deal_ = false;
  std::unordered_map<Sym, std::uint32_t> customer_;
  std::unordered_map<std::string_view, int> group_;
};

KpiSums sum_of(const std::vector<KpiSums>& person_sums, const std::vector<std::uint32_t>& people) {
  KpiSums total;
  for (auto i : people) total.add(person_sums[i]);
  return total;
}

struct Row {
  std::string key, name;
  KpiSums sums;
};

std::vector<Row> rows_for(const Book& b, GroupBy by, const std::string& field, const Period& p, Date today) {
  std::vector<Row> rows;
  if (by == GroupBy::field) {
    FieldGrouping g(b, field);
    auto sums = accumulate(b, g, p, today);
    for (std::size_t i = 0; i < g.rows.size(); ++i) rows.push_back({g.rows[i], {}, std::move(sums[i])});
    return rows;
  }
  if (by == GroupBy::product || by == GroupBy::segment || by == GroupBy::customer) {
    KeyGrouping g(b, by);
    auto sums = accumulate(b, g, p, today);
    for (std::size_t i = 0; i < g.rows.size(); ++i) {
      std::string name;
      if (by == GroupBy::customer) if (const Customer* c = b.customer(b.text(g.rows[i]))) name = b.str(c->name);
      rows.push_back({b.str(g.rows[i]), name, std::move(sums[i])});
    }
    return rows;
  }
  PersonGrouping g(b);
  auto sums = accumulate(b, g, p, today);
  if (by == GroupBy::person) {
    for (std::size_t i = 0; i < b.people.size(); ++i) rows.push_back({b.str(b.people[i].id), b.str(b.people[i].name), std::move(sums[i])});
  } else if (by == GroupBy::team) {
    for (const Team& t : b.teams) rows.push_back({b.str(t.id), b.str(t.name), sum_of(sums, b.members(b.text(t.id)))});
  } else {
    rows.push_back({"company", b.config.org_name, sum_of(sums, b.members("company"))});
  }
  return rows;
}

}  // namespace

std::optional<GroupBy> parse_group_by(std::string_view text) {
  for (std::size_t i = 0; i < std::size(kGroupByNames); ++i)
    if (kGroupByNames[i] == text) return static_cast<GroupBy>(i);
  return std::nullopt;
}

ColumnType kpi_column_type(const KpiDef& def) {
  switch (def.unit) {
    case KpiUnit::money: return ColumnType::money;
    case KpiUnit::count: return ColumnType::integer;
    case KpiUnit::ratio: return ColumnType::ratio;
    case KpiUnit::decimal: break;
  }
  return ColumnType::decimal;
}

std::string kpi_unit(const KpiDef& def) {
  if (def.unit != KpiUnit::decimal) return default_unit(kpi_column_type(def));
  if (def.id == "sales_cycle_days") return "days";
  if (def.id == "training_hours") return "hours";
  if (def.id == "csat") return "rating";
  if (def.id == "nps") return "points";
  return {};
}

void add_kpi_column(Table& table, const KpiDef& def, std::string id) {
  table.add_column(std::move(id), kpi_column_type(def), kpi_unit(def));
}

std::string kpi_row_unit(const Config& config, const KpiDef& def) {
  return def.unit == KpiUnit::money ? config.currency : kpi_unit(def);
}

std::optional<Table> kpi_table(const Book& book, const KpiQuery& q, std::string* error) {
  std::vector<std::string> ids;
  for (auto& k : q.kpis.empty() ? default_kpis() : q.kpis)
    if (std::find(ids.begin(), ids.end(), k) == ids.end()) ids.push_back(k);  // a column once
  std::vector<ResolvedKpi> kpis;
  for (auto& k : ids) {
    auto kpi = resolve_kpi(book.config, k);
    if (!kpi) {
      if (error) *error = fmt::format(N_("unknown KPI '{}' (see `salesops kpi list`)"), k);
      return std::nullopt;
    }
    kpis.push_back(*kpi);
  }
  // Rows of people, teams and customers are named; products and segments are their name.
  bool keyed = q.by == GroupBy::product || q.by == GroupBy::segment || q.by == GroupBy::customer;
  bool named = q.by != GroupBy::product && q.by != GroupBy::segment && q.by != GroupBy::field;
  // A custom field of deals groups like product, one of customers like segment.
  GroupBy scope = q.by;
  if (q.by == GroupBy::field)
    scope = CustomFields::index(book.config.fields.deal, q.field) >= 0 ? GroupBy::product : GroupBy::segment;
  Table t;
  t.add_column(q.by == GroupBy::field ? q.field : std::string(keyed ? name_of(q.by) : "owner"));
  if (named) t.add_column(N_("name"));
  if (q.every) t.add_column(N_("period"), ColumnType::period);
  for (auto& k : ids) add_kpi_column(t, *find_kpi(book.config, k), k);

  std::vector<Period> periods = q.every ? split_period(q.period, *q.every) : std::vector<Period>{q.period};
  std::vector<std::vector<Row>> per_period;
  for (auto& p : periods) per_period.push_back(rows_for(book, q.by, q.field, p, q.today));
  // One row per owner and sub-period, owners in book order, periods in time order.
  std::size_t owners = per_period.empty() ? 0 : per_period[0].size();
  for (std::size_t o = 0; o < owners; ++o) {
    for (std::size_t pi = 0; pi < periods.size(); ++pi) {
      const Row& r = per_period[pi][o];
      auto& row = t.add_row();
      std::size_t c = 0;
      row[c++] = r.key;
      if (named) row[c++] = r.name;
      if (q.every) row[c++] = period_cell(periods[pi]);
      for (auto& kpi : kpis) row[c++] = kpi.scopes.has(scope) ? kpi.value(r.sums) : Cell{Undefined{}};
    }
  }
  return t;
}

struct KpiCalculator::Impl {
  const Book& book;
  Date today;
  PersonGrouping people;
  std::map<std::pair<Date, Date>, std::vector<KpiSums>> sums;
};

KpiCalculator::KpiCalculator(const Book& book, Date today)
    : impl_(std::make_unique<Impl>(Impl{book, today, PersonGrouping(book), {}})) {}

KpiCalculator::~KpiCalculator() = default;

Cell KpiCalculator::value(std::string_view kpi, std::string_view owner, const Period& period) {
  auto resolved = resolve_kpi(impl_->book.config, kpi);
  if (!resolved) return Undefined{};
  const Book& book = impl_->book;
  auto key = std::make_pair(period.first, period.last);
  auto it = impl_->sums.find(key);
  if (it == impl_->sums.end()) it = impl_->sums.emplace(key, accumulate(book, impl_->people, period, impl_->today)).first;
  const std::vector<KpiSums>& sums = it->second;
  if (const Person* p = book.person(owner)) return resolved->value(sums[static_cast<std::size_t>(p - book.people.data())]);
  return resolved->value(sum_of(sums, book.members(owner)));
}

Cell kpi_value(const Book& book, std::string_view kpi, std::string_view owner, const Period& period, Date today) {
  return KpiCalculator(book, today).value(kpi, owner, period);
}

}  // namespace salesops::core
