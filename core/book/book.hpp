#pragma once
// A loaded book: configuration, every record, the text they share, and their indices.
#include <filesystem>
#include <memory>
#include <span>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/base/diagnostics.hpp"
#include "core/base/id_index.hpp"
#include "core/base/path_list.hpp"
#include "core/base/strings.hpp"
#include "core/book/config.hpp"
#include "core/book/model.hpp"

namespace salesops::core {

struct Book {
  std::filesystem::path root;
  std::string revision;  // the git revision read, empty for the working tree
  Config config;
  StringPool strings;
  PathList files;  // relative paths; Mark::file indexes this

  std::vector<Team> teams;
  std::vector<Person> people;
  std::vector<Customer> customers;
  std::vector<Deal> deals;
  std::vector<StageChange> history;  // deal histories, each deal a contiguous run
  std::vector<Target> targets;
  std::vector<Plan> plans;
  std::vector<CoachingSession> sessions;
  std::vector<Training> trainings;
  std::vector<Review> reviews;
  std::vector<RewardPlan> reward_plans;
  std::vector<Grant> grants;
  /// The currencies deals name other than the book's (at most 127), in the order first met.
  std::vector<std::string> currencies;
  /// Exchange rates (rates/*.yaml), sorted by currency then date once the book is loaded.
  std::vector<Rate> rates;

  /// The values of the custom fields (Config::fields), by record position in `deals` and
  /// `customers`.
  CustomValues deal_fields, customer_fields;

  IdIndex team_index, person_index, target_index, plan_index;
  /// Customers and deals by id. A load from the cache leaves them empty and the first
  /// look-up builds them: most reports never look a deal up, and the index of a million
  /// deals is eight megabytes.
  mutable IdIndex customer_index, deal_index;
  IdIndex session_ids, training_ids, reward_plan_ids, grant_ids;

  std::string_view text(Sym s) const { return strings.view(s); }
  std::string str(Sym s) const { return std::string(strings.view(s)); }
  Location location(Mark m, std::uint32_t length = 1) const {
    return {m.file < files.size() ? std::string(files[m.file]) : std::string{}, m.line, m.column, length};
  }

  const Team* team(std::string_view id) const;
  const Person* person(std::string_view id) const;
  const Customer* customer(std::string_view id) const;
  const Deal* deal(std::string_view id) const;
  const Target* target(std::string_view id) const;
  const Plan* plan(std::string_view id) const;

  /// A junk lead closed by `deal disqualify`: lost, with the lost_reason `disqualified`. It
  /// may lack a customer, an amount and an opened date, and counts in no KPI of closed deals.
  bool disqualified(const Deal& d) const { return d.stage == config.lost && text(d.lost_reason) == kDisqualified; }
  static constexpr std::string_view kDisqualified = "disqualified";

  /// The value of custom field `field` (an index into config.fields.deal / .customer) of a
  /// record of this book, as written; empty when the record has none.
  std::string_view custom(const Deal& d, std::size_t field) const {
    return text(deal_fields.get(static_cast<std::uint32_t>(&d - deals.data()), field));
  }
  std::string_view custom(const Customer& c, std::size_t field) const {
    return text(customer_fields.get(static_cast<std::uint32_t>(&c - customers.data()), field));
  }

  /// Deal::currency for `code`: 0 for the book's currency, else its place in `currencies`
  /// plus one (added when new); nothing when 127 others are already named.
  std::optional<std::uint8_t> currency_slot(std::string_view code);
  /// A deal's currency code (the book's when it names none).
  std::string_view currency_of(const Deal& d) const {
    return d.currency == 0 ? std::string_view(config.currency) : std::string_view(currencies[d.currency - 1u]);
  }
  /// The rate of `currency` in effect on `day` (the latest dated on or before it), if any.
  const Rate* rate_on(std::string_view currency, Date day) const;
  /// A deal's amount in the book's currency at the rate in effect on `day` (salesops-book(5));
  /// throws std::runtime_error naming the deal and its place when no rate is in effect.
  Money amount_in_book_currency(const Deal& d, Date day) const;

  std::span<const StageChange> history_of(const Deal& d) const {
    return {history.data() + d.history_begin, d.history_count};
  }
  /// The stage a deal was in at the end of day `d` (from its history; its current stage when
  /// the history says nothing before d and it was opened by then).
  std::optional<std::uint8_t> stage_on(const Deal& deal, Date d) const;
  /// Teams in the subtree of `team_id` (itself included); "company" is every team.
  std::vector<std::uint32_t> subtree(std::string_view team_id) const;
  /// People whose current team is in the subtree of `team_id` ("company": everyone).
  std::vector<std::uint32_t> members(std::string_view team_id) const;
};

/// Why `value` cannot be given to custom field `field` by an edit verb (its type, its enum
/// values, a reference to no record of the book), or nothing. An empty value removes it.
std::optional<std::string> custom_field_refusal(const Book& book, const CustomField& field, std::string_view value);

}  // namespace salesops::core
