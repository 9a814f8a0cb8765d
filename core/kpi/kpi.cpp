#include "core/kpi/kpi.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/kpi/accumulator.hpp"

namespace salesops::core {

namespace {

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

/// Rows keyed by a text of the deal or of the customer (product, segment, customer id).
class KeyGrouping final : public KpiGrouping {
 public:
  enum class Key { product, segment, customer };
  KeyGrouping(const Book& b, Key key) : b_(b), key_(key) {
    for (std::uint32_t i = 0; i < b.customers.size(); ++i) customer_.emplace(b.customers[i].id, i);
    std::map<std::string_view, Sym> keys;
    if (key == Key::product) {
      for (const Deal& d : b.deals) if (!d.product.empty()) keys.emplace(b.text(d.product), d.product);
    } else {
      for (const Customer& c : b.customers) {
        Sym k = key == Key::segment ? c.segment : c.id;
        if (!k.empty()) keys.emplace(b.text(k), k);
      }
    }
    for (auto& [text, sym] : keys) { group_.emplace(sym, static_cast<int>(rows.size())); rows.push_back(sym); }
  }
  std::vector<Sym> rows;

  std::size_t size() const override { return rows.size(); }
  int of_deal(const Deal& d) const override {
    if (key_ == Key::product) return group(d.product);
    auto it = customer_.find(d.customer);
    return it == customer_.end() ? -1 : of_customer(b_.customers[it->second]);
  }
  int of_interaction(const Customer& c, const Interaction&) const override { return key_ == Key::product ? -1 : of_customer(c); }
  int of_customer(const Customer& c) const override {
    if (key_ == Key::product) return -1;
    return group(key_ == Key::segment ? c.segment : c.id);
  }
  int of_person(Sym) const override { return -1; }

 private:
  int group(Sym s) const {
    auto it = group_.find(s);
    return it == group_.end() ? -1 : it->second;
  }
  const Book& b_;
  Key key_;
  std::unordered_map<Sym, std::uint32_t> customer_;
  std::unordered_map<Sym, int> group_;
};

/// KPIs that mean something for rows that are not people.
bool applies(std::string_view kpi, GroupBy by, const Config& config) {
  if (by == GroupBy::person || by == GroupBy::team || by == GroupBy::company) return true;
  static const char* people_only[] = {"training_hours", "coaching_sessions", "plan_completion"};
  for (auto k : people_only) if (kpi == k) return false;
  if (by != GroupBy::product) return true;
  static const char* customer_side[] = {"activities", "visits", "csat", "nps", "followups_overdue"};
  for (auto k : customer_side) if (kpi == k) return false;
  for (auto& c : config.custom_kpis) if (c.id == kpi) return c.kind == "deals";
  return true;
}

KpiAcc sum_of(const std::vector<KpiAcc>& person_accs, const std::vector<std::uint32_t>& people) {
  KpiAcc total;
  for (auto i : people) total.add(person_accs[i]);
  return total;
}

struct Row {
  std::string key, name;
  KpiAcc acc;
};

std::vector<Row> rows_for(const Book& b, GroupBy by, const Period& p, Date today) {
  std::vector<Row> rows;
  if (by == GroupBy::product || by == GroupBy::segment || by == GroupBy::customer) {
    auto key = by == GroupBy::product ? KeyGrouping::Key::product
               : by == GroupBy::segment ? KeyGrouping::Key::segment : KeyGrouping::Key::customer;
    KeyGrouping g(b, key);
    auto accs = accumulate(b, g, p, today);
    for (std::size_t i = 0; i < g.rows.size(); ++i) {
      std::string name;
      if (by == GroupBy::customer) if (const Customer* c = b.customer(b.text(g.rows[i]))) name = b.str(c->name);
      rows.push_back({b.str(g.rows[i]), name, std::move(accs[i])});
    }
    return rows;
  }
  PersonGrouping g(b);
  auto accs = accumulate(b, g, p, today);
  if (by == GroupBy::person) {
    for (std::size_t i = 0; i < b.people.size(); ++i) rows.push_back({b.str(b.people[i].id), b.str(b.people[i].name), std::move(accs[i])});
  } else if (by == GroupBy::team) {
    for (const Team& t : b.teams) rows.push_back({b.str(t.id), b.str(t.name), sum_of(accs, b.members(b.text(t.id)))});
  } else {
    rows.push_back({"company", b.config.org_name, sum_of(accs, b.members("company"))});
  }
  return rows;
}

}  // namespace

std::optional<Table> kpi_table(const Book& book, const KpiQuery& q, std::string* error) {
  std::vector<std::string> kpis;
  for (auto& k : q.kpis.empty() ? default_kpis() : q.kpis)
    if (std::find(kpis.begin(), kpis.end(), k) == kpis.end()) kpis.push_back(k);  // a column once
  for (auto& k : kpis) {
    if (!is_known_kpi(book.config, k)) {
      if (error) *error = fmt::format("unknown KPI '{}' (see `salesops kpi list`)", k);
      return std::nullopt;
    }
  }
  Table t;
  switch (q.by) {
    case GroupBy::product: t.add_column("product"); break;
    case GroupBy::segment: t.add_column("segment"); break;
    case GroupBy::customer: t.add_column("customer"); t.add_column("name"); break;
    default: t.add_column("owner"); t.add_column("name"); break;
  }
  if (q.every) t.add_column("period");
  for (auto& k : kpis) t.add_numeric_column(k);

  std::vector<Period> periods = q.every ? split_period(q.period, *q.every) : std::vector<Period>{q.period};
  std::vector<std::vector<Row>> per_period;
  for (auto& p : periods) per_period.push_back(rows_for(book, q.by, p, q.today));
  // One row per owner and sub-period, owners in book order, periods in time order.
  std::size_t owners = per_period.empty() ? 0 : per_period[0].size();
  for (std::size_t o = 0; o < owners; ++o) {
    for (std::size_t pi = 0; pi < periods.size(); ++pi) {
      const Row& r = per_period[pi][o];
      auto& row = t.add_row();
      std::size_t c = 0;
      row[c++] = r.key;
      if (q.by != GroupBy::product && q.by != GroupBy::segment) row[c++] = r.name;
      if (q.every) row[c++] = periods[pi].label;
      for (auto& k : kpis) row[c++] = applies(k, q.by, book.config) ? kpi_cell(book, k, r.acc) : Cell{Undefined{}};
    }
  }
  return t;
}

struct KpiCalculator::Impl {
  const Book& book;
  Date today;
  PersonGrouping people;
  std::map<std::pair<Date, Date>, std::vector<KpiAcc>> sums;
};

KpiCalculator::KpiCalculator(const Book& book, Date today)
    : impl_(std::make_unique<Impl>(Impl{book, today, PersonGrouping(book), {}})) {}

KpiCalculator::~KpiCalculator() = default;

Cell KpiCalculator::value(std::string_view kpi, std::string_view owner, const Period& period) {
  const Book& book = impl_->book;
  auto key = std::make_pair(period.first, period.last);
  auto it = impl_->sums.find(key);
  if (it == impl_->sums.end()) it = impl_->sums.emplace(key, accumulate(book, impl_->people, period, impl_->today)).first;
  const std::vector<KpiAcc>& accs = it->second;
  KpiAcc acc;
  if (const Person* p = book.person(owner)) acc = accs[static_cast<std::size_t>(p - book.people.data())];
  else acc = sum_of(accs, book.members(owner));
  return kpi_cell(book, kpi, acc);
}

Cell kpi_value(const Book& book, std::string_view kpi, std::string_view owner, const Period& period, Date today) {
  return KpiCalculator(book, today).value(kpi, owner, period);
}

}  // namespace salesops::core
