#pragma once
// The typed records of a book (SPEC 1). Text is held in the book's StringPool as Sym
// handles; every record keeps the place it was read from.
#include <algorithm>
#include <cstdint>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/base/date.hpp"
#include "core/base/diagnostics.hpp"
#include "core/base/money.hpp"
#include "core/base/strings.hpp"

namespace salesops::core {

/// A date that may be absent, in four bytes (records are many; std::optional<Date> is eight).
class Day {
 public:
  Day() = default;
  Day(Date d) : days_(static_cast<std::int32_t>(d.time_since_epoch().count())) {}
  bool has() const { return days_ != kNone; }
  explicit operator bool() const { return has(); }
  Date operator*() const { return Date{std::chrono::days{days_}}; }
  std::int32_t raw() const { return days_; }
  friend bool operator==(Day, Day) = default;

 private:
  static constexpr std::int32_t kNone = INT32_MIN;
  std::int32_t days_ = kNone;
};

enum class Role : std::uint8_t { rep, manager, director, ops };
/// A role as team.yaml writes it.
constexpr const char* role_name(Role r) {
  constexpr const char* kNames[] = {"rep", "manager", "director", "ops"};
  return kNames[static_cast<int>(r)];
}
enum class InteractionType : std::uint8_t { visit, call, email, meeting, demo, care };

struct Team {
  Sym id, name, parent, manager;
  Mark at;
};

struct Person {
  Sym id, name, team, email;
  Role role = Role::rep;
  Day joined, left;
  Mark at;
  /// Active on day d: joined on or before it (or no date) and not left before it.
  bool active_on(Date d) const { return (!joined || *joined <= d) && (!left || d <= *left); }
};

struct Contact {
  Sym name, title, phone, email;
};

/// Where an item of a customer's lists starts: its line and column in the customer's file
/// (the customer's Mark names the file). Six bytes where a Mark takes twelve, and the item's
/// own small fields fill the rest of its eight; a column past 65,535 reads as 65,535.
struct ListItemPlace {
  std::uint32_t line = 0;
  std::uint16_t column = 0;

  void place(Mark m) {
    line = m.line;
    column = static_cast<std::uint16_t>(std::min<std::uint32_t>(m.column, UINT16_MAX));
  }
  /// The place as a Mark in the customer's file `file`.
  Mark mark(std::uint32_t file) const { return {file, line, column}; }
};

struct Interaction : ListItemPlace {
  InteractionType type = InteractionType::call;
  Day date;
  Sym by, summary;
  Day next;
};
static_assert(sizeof(Interaction) == 24);

struct Survey : ListItemPlace {
  std::int8_t csat = -1;  // 1-5, -1 when not answered
  std::int8_t nps = -1;   // 0-10, -1 when not answered
  Day date;
  Sym comment;
};
static_assert(sizeof(Survey) == 16);

/// A customer's contacts, interactions and surveys, in one allocation: a customer has a few
/// of each, and three vectors cost 72 bytes and three allocations of their own.
class CustomerLists {
 public:
  CustomerLists() = default;
  CustomerLists(std::span<const Contact> contacts, std::span<const Interaction> interactions,
                std::span<const Survey> surveys);
  CustomerLists(const CustomerLists& other) : CustomerLists(other.contacts(), other.interactions(), other.surveys()) {}
  CustomerLists(CustomerLists&& other) noexcept { swap(other); }
  CustomerLists& operator=(CustomerLists other) noexcept {
    swap(other);
    return *this;
  }
  ~CustomerLists() { delete[] data_; }

  std::span<const Contact> contacts() const { return {at<Contact>(0), counts_[0]}; }
  std::span<const Interaction> interactions() const { return {at<Interaction>(interactions_at()), counts_[1]}; }
  std::span<const Survey> surveys() const { return {at<Survey>(surveys_at()), counts_[2]}; }
  std::span<Contact> contacts() { return {at<Contact>(0), counts_[0]}; }
  std::span<Interaction> interactions() { return {at<Interaction>(interactions_at()), counts_[1]}; }
  std::span<Survey> surveys() { return {at<Survey>(surveys_at()), counts_[2]}; }

 private:
  static_assert(std::is_trivially_copyable_v<Contact> && std::is_trivially_copyable_v<Interaction> &&
                std::is_trivially_copyable_v<Survey>);
  static_assert(sizeof(Contact) % alignof(Interaction) == 0 && sizeof(Interaction) % alignof(Survey) == 0);
  void swap(CustomerLists& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(counts_, other.counts_);
  }
  std::size_t interactions_at() const { return counts_[0] * sizeof(Contact); }
  std::size_t surveys_at() const { return interactions_at() + counts_[1] * sizeof(Interaction); }
  template <class T>
  T* at(std::size_t offset) const {
    return data_ ? reinterpret_cast<T*>(data_ + offset) : nullptr;
  }

  // new[] aligns for any type; the lists lie in it one after another.
  std::byte* data_ = nullptr;
  std::uint32_t counts_[3] = {0, 0, 0};
};

struct Customer {
  Sym id, name, owner, tier, segment, industry, region, source;
  CustomerLists lists;
  Mark at;
  Day since;

  std::span<const Contact> contacts() const { return lists.contacts(); }
  std::span<const Interaction> interactions() const { return lists.interactions(); }
  std::span<const Survey> surveys() const { return lists.surveys(); }
};
static_assert(sizeof(Customer) <= 72);

/// A deal's move to a stage on a day, in four bytes: deals are many, and most have moved
/// once or twice. The day is counted from 1970-01-01 in 24 bits with sign (years -20,000 to
/// 24,000; a book's dates have four-digit years).
class StageChange {
 public:
  static constexpr std::int32_t kMaxDays = (1 << 23) - 1;
  /// Whether a day fits.
  static constexpr bool fits(Date d) {
    auto n = d.time_since_epoch().count();
    return n >= -kMaxDays && n <= kMaxDays;
  }
  StageChange() = default;
  /// `date` must fit.
  StageChange(Date date, std::uint8_t stage)
      : days_(static_cast<std::int32_t>(date.time_since_epoch().count())), stage_(stage) {}
  Date date() const { return Date{std::chrono::days{days_}}; }
  /// An index into Config::stages.
  std::uint8_t stage() const { return static_cast<std::uint8_t>(stage_); }

 private:
  std::int32_t days_ : 24 = 0;
  std::uint32_t stage_ : 8 = 0;
};
static_assert(sizeof(StageChange) == 4);

/// A deal is the most numerous record: kept compact (see SPEC 9's memory budget).
struct Deal {
  Sym id, customer, owner, title, product, lost_reason;
  Money amount;
  Day opened, expected_close, closed;
  std::uint32_t history_begin = 0;  // into Book::history
  std::uint16_t history_count = 0;
  std::uint8_t stage = 0;           // index into Config::stages
  bool has_amount : 1 = false;
  /// 0: the book's currency; else Book::currencies[currency - 1] (salesops-book(5)).
  std::uint8_t currency : 7 = 0;
  Mark at;
};

/// One line of rates/<YYYY>.yaml: from `date` on, 1 unit of `currency` is `micro` millionths
/// of the book's currency.
struct Rate {
  std::string currency;
  Day date;
  std::int64_t micro = 0;
  Mark at;
};

struct Target {
  Sym id, owner, metric, period_text, why, plan, parent;
  Money value;  // fixed point with two decimals for every metric: 400000, 25, 0.35
  std::optional<Money> baseline;
  /// Set by `target split --prorate`: the value already reflects the owner's active days,
  /// so a reward plan's `prorate` leaves it as it is.
  bool prorated = false;
  Mark at;
};

struct PlanSegment {
  Sym id, description;
  std::vector<std::pair<Sym, Sym>> criteria;  // customer field = value
  Mark at;
};

struct PlanStrategy {
  Sym id, kind, segment, summary;
  Mark at;
};

enum class ActionStatus : std::uint8_t { open, done, dropped };

struct PlanAction {
  Sym id, title, owner, strategy, target;
  Day due, done_on;
  ActionStatus status = ActionStatus::open;
  Mark at;
};

struct Plan {
  Sym id, period_text, owner;
  std::vector<PlanSegment> segments;
  std::vector<PlanStrategy> strategies;
  std::vector<PlanAction> actions;
  Mark at;
};

struct FollowUp {
  Sym id, action;
  Day due;
  bool done = false;
  Mark at;
};

struct CoachingSession {
  Sym id, coach, person, kind, notes;
  Day date;
  std::vector<Sym> topics;
  std::vector<std::pair<Sym, int>> ratings;
  std::vector<FollowUp> follow_ups;
  Mark at;
};

struct Attendee {
  Sym person;
  int score = -1;  // 0-100, -1 when not given
};

struct Training {
  Sym id, title, topic, format, trainer;
  Day date;
  double hours = 0;
  std::vector<Attendee> attendees;
  Mark at;
};

struct ReviewFigure {
  Sym metric;
  std::optional<double> target, actual, attainment;
};

struct Review {
  Sym person, period_text, reviewer, status, comments;
  std::vector<ReviewFigure> quantitative;
  bool has_quantitative = false;  // `quantitative` holds a mapping (else refresh writes it whole)
  std::vector<std::pair<Sym, int>> qualitative;  // the rated items
  std::vector<std::pair<Sym, Mark>> qualitative_keys;  // every item named, rated or not, at its key
  Mark at;
};

struct RewardTier {
  double from = 0;
  std::optional<double> to;  // absent: open-ended
  double rate = 0;
};

struct Spiff {
  Sym product;
  std::optional<Money> per_deal;
  std::optional<double> rate;
};

struct RewardPlan {
  Sym id, period, metric, mode;  // period: month | quarter | year; mode: marginal | retroactive
  Sym applies_role, applies_team;
  std::vector<Sym> applies_people;
  std::vector<RewardTier> tiers;
  Sym gate_metric;
  std::optional<double> gate_min;
  std::optional<Money> cap;
  std::vector<Spiff> spiffs;
  std::optional<double> team_bonus_min_attainment;
  std::optional<Money> team_bonus_amount;
  bool prorate = false;
  /// The days the plan is in force (inclusive; absent: open-ended). A plan pays for a plan
  /// period when it is in force on the period's first day.
  Day valid_from, valid_to;
  Mark at;
  bool in_force_on(Date d) const { return (!valid_from || *valid_from <= d) && (!valid_to || d <= *valid_to); }
};

struct Grant {
  Sym id, person, team, kind, title, reason;
  Day date;
  Money amount;
  Mark at;
};

}  // namespace salesops::core
