#pragma once
// The record schema: every record kind's fields, their types and presence rules, written
// once. The loaders take field names, reference kinds, ranges, enum values and required
// fields from here, and suggest a misspelt key from the field names; later readers (diff,
// log, custom fields, an editor schema) iterate the same tables.
//
// The tables are constexpr so that a loader's `switch` on a field's index can name its
// cases by key (`case kDeal.at("amount"):`), checked when the loader compiles.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/base/i18n.hpp"

namespace salesops::core {

/// The kind of record a reference names. `owner` is a person or a team.
/// `deal` is named only by custom reference fields (config [fields.*]).
enum class RefKind : std::uint8_t { person, team, owner, customer, target, plan, deal, count };

namespace schema {

enum class FieldType : std::uint8_t {
  id,          // the record's own id (SPEC's id pattern)
  ref,         // the id of a record of kind `ref`
  refs,        // a list of them, or one
  date,        // YYYY-MM-DD
  money,       // an amount to the cent
  integer,     // a whole number from `min` to `max` (a rating is 1..5)
  number,      // a decimal number; bounded by `min`..`max` when `bounded`
  boolean,     // true/false, yes/no
  choice,      // one of `values`
  stage,       // one of salesops.toml's deal stages
  segment,     // one of salesops.toml's segments, when it lists any
  kpi,         // a KPI id, built in or from salesops.toml
  period,      // a fixed period: 2026, FY2026, 2026-Q3, 2026-11, 2026-W05, a range
  text,        // free text, unique to the record
  word,        // a short repeated text (a product, a region, a period name)
  words,       // a list of words, or one
  records,     // a list of sub-records of `record`
  record,      // one nested mapping of `record`
  named_records,  // a mapping of names to sub-records of `record`
  ratings,     // a mapping of names to integers from `min` to `max`
  named_words,    // a mapping of names to words
  free,        // any value, kept in the file and not read
};

enum class Presence : std::uint8_t {
  optional,
  required,  // reported missing when the key is absent
  one_of,    // exactly one of the record's one_of fields
};

/// How a choice's hint lists its values: "a, b, c" or "a, b or c".
enum class Join : std::uint8_t { commas, or_last };

struct RecordSchema;

struct FieldSpec {
  std::string_view key;  // a literal: key.data() is NUL-terminated
  FieldType type = FieldType::text;
  Presence presence = Presence::optional;
  RefKind ref = RefKind::count;
  std::int64_t min = 0, max = 0;
  bool bounded = false;
  // choice: the values, the diagnostic's rule, "unknown {what} '...'", the hint ({} = the values)
  std::span<const std::string_view> values{};
  const char* rule = nullptr;
  const char* what = nullptr;
  const char* hint = nullptr;
  Join join = Join::commas;
  const RecordSchema* record = nullptr;  // records, record, named_records

  const char* name() const { return key.data(); }
  bool required() const { return presence == Presence::required; }
};

struct RecordSchema {
  std::string_view kind;  // in messages: "deal 'D-1'", "deal id 'D-1' is already used"
  std::string_view noun;  // a record that has no id yet: "a deal has no 'id'"
  std::span<const FieldSpec> fields;
  /// The key that identifies a record among its siblings (and in the book), if any.
  std::string_view identity{};

  /// The index of `key` among the fields, or -1. A scan of at most a few dozen short keys:
  /// no allocation, no hashing, on the hot path of every deal.
  constexpr int index(std::string_view key) const {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      std::string_view k = fields[i].key;
      if (k.size() == key.size() && k[0] == key[0] && k == key) return static_cast<int>(i);
    }
    return -1;
  }
  /// The index of a key the caller knows is there; in a constant expression a key that is
  /// not fails the build.
  constexpr int at(std::string_view key) const {
    int i = index(key);
    if (i < 0) throw "no such field in this record schema";
    return i;
  }
  constexpr const FieldSpec& operator[](std::string_view key) const { return fields[static_cast<std::size_t>(at(key))]; }
  const FieldSpec* find(std::string_view key) const {
    int i = index(key);
    return i < 0 ? nullptr : &fields[static_cast<std::size_t>(i)];
  }
  /// The bits of the required fields but the identity (which a loader reports itself: a
  /// record with no id is named by its noun, not by its id).
  constexpr std::uint32_t required_bits() const {
    std::uint32_t bits = 0;
    for (std::size_t i = 0; i < fields.size(); ++i)
      if (fields[i].presence == Presence::required && fields[i].key != identity) bits |= bit(static_cast<int>(i));
    return bits;
  }
  /// One bit per field, set as its key is read (every record has fewer than 32 fields).
  static constexpr std::uint32_t bit(int index) { return index < 0 ? 0 : std::uint32_t{1} << index; }
};

/// The values of a choice as its hint lists them ("rep, manager, director, ops").
std::string list_values(const FieldSpec& field);
/// The field names of a record, comma separated, in schema order.
std::string list_keys(const RecordSchema& record);

/// Every record kind that is the root of a file or a list in one, in SPEC's order (their
/// sub-records are reached through their fields).
std::span<const RecordSchema* const> kinds();
/// A kind by name ("deal", "customer", ...), or nullptr.
const RecordSchema* find_kind(std::string_view kind);

// ---------------------------------------------------------------------------------------
// The tables, as the loaders accept records today (SPEC sections 3 and 4). Field order is
// the order of the "did you mean" candidates and of missing-field reports.

namespace fields {
constexpr FieldSpec of(std::string_view key, FieldType type, Presence presence = Presence::optional) {
  return {.key = key, .type = type, .presence = presence};
}
constexpr FieldSpec id() { return of("id", FieldType::id, Presence::required); }
constexpr FieldSpec ref(std::string_view key, RefKind kind, Presence presence = Presence::optional) {
  return {.key = key, .type = FieldType::ref, .presence = presence, .ref = kind};
}
constexpr FieldSpec integer(std::string_view key, std::int64_t min, std::int64_t max) {
  return {.key = key, .type = FieldType::integer, .min = min, .max = max, .bounded = true};
}
constexpr FieldSpec choice(std::string_view key, std::span<const std::string_view> values, const char* rule,
                           const char* what, const char* hint, Join join = Join::commas) {
  return {.key = key, .type = FieldType::choice, .values = values, .rule = rule, .what = what, .hint = hint, .join = join};
}
constexpr FieldSpec nested(std::string_view key, FieldType type, const RecordSchema& record) {
  return {.key = key, .type = type, .record = &record};
}
}  // namespace fields

using enum FieldType;
using enum Presence;

inline constexpr std::string_view kRoles[] = {"rep", "manager", "director", "ops"};
inline constexpr std::string_view kTiers[] = {"A", "B", "C"};
inline constexpr std::string_view kInteractionTypes[] = {"visit", "call", "email", "meeting", "demo", "care"};
inline constexpr std::string_view kStrategyKinds[] = {"product", "pricing", "channel", "promotion", "other"};
inline constexpr std::string_view kActionStatuses[] = {"open", "done", "dropped"};
inline constexpr std::string_view kSessionKinds[] = {"one-on-one", "team", "ride-along", "role-play"};
inline constexpr std::string_view kTrainingTopics[] = {"product", "sales-skills", "crm", "negotiation", "other"};
inline constexpr std::string_view kTrainingFormats[] = {"classroom", "online", "drill", "role-play", "case-sharing"};
inline constexpr std::string_view kReviewStatuses[] = {"draft", "final"};
inline constexpr std::string_view kRewardPeriods[] = {"month", "quarter", "year"};
inline constexpr std::string_view kRewardModes[] = {"marginal", "retroactive"};
inline constexpr std::string_view kGrantKinds[] = {"title", "trip", "gift", "bonus", "recognition"};

// team.yaml
inline constexpr FieldSpec kTeamFields[] = {
    fields::id(), fields::of("name", text), fields::ref("parent", RefKind::team), fields::ref("manager", RefKind::person)};
inline constexpr RecordSchema kTeam{"team", N_("a team"), kTeamFields, "id"};
inline constexpr FieldSpec kPersonFields[] = {fields::id(),
                                              fields::of("name", text),
                                              fields::ref("team", RefKind::team, required),
                                              fields::choice("role", kRoles, "person-role", "role", N_("roles are {}")),
                                              fields::of("email", text),
                                              fields::of("joined", date),
                                              fields::of("left", date)};
inline constexpr RecordSchema kPerson{"person", N_("a person"), kPersonFields, "id"};
inline constexpr FieldSpec kTeamFileFields[] = {fields::nested("teams", records, kTeam),
                                                fields::nested("people", records, kPerson)};
inline constexpr RecordSchema kTeamFile{"team file", "team.yaml", kTeamFileFields};

// customers/<id>.yaml
inline constexpr FieldSpec kContactFields[] = {
    fields::of("name", text), fields::of("title", text), fields::of("phone", text), fields::of("email", text)};
inline constexpr RecordSchema kContact{"contact", N_("a contact"), kContactFields};
inline constexpr FieldSpec kInteractionFields[] = {fields::of("date", date, required),
                                                   {.key = "type",
                                                    .type = choice,
                                                    .presence = required,
                                                    .values = kInteractionTypes,
                                                    .rule = "interaction-type",
                                                    .what = N_("interaction type"),
                                                    .hint = N_("types are {}")},
                                                   fields::ref("by", RefKind::person),
                                                   fields::of("summary", text),
                                                   fields::of("next", date)};
inline constexpr RecordSchema kInteraction{"interaction", N_("an interaction"), kInteractionFields};
inline constexpr FieldSpec kSurveyFields[] = {
    fields::of("date", date, required), fields::integer("csat", 1, 5), fields::integer("nps", 0, 10),
    fields::of("comment", text)};
inline constexpr RecordSchema kSurvey{"survey", N_("a survey"), kSurveyFields};
inline constexpr FieldSpec kCustomerFields[] = {
    fields::id(),
    fields::of("name", text),
    fields::ref("owner", RefKind::person),
    fields::choice("tier", kTiers, "customer-tier", "tier", N_("tiers are {}")),
    fields::of("segment", segment),
    fields::of("industry", word),
    fields::of("region", word),
    fields::of("source", word),
    fields::of("since", date),
    fields::nested("contacts", records, kContact),
    fields::nested("interactions", records, kInteraction),
    fields::nested("surveys", records, kSurvey)};
inline constexpr RecordSchema kCustomer{"customer", N_("a customer"), kCustomerFields, "id"};

// deals/<YYYY-MM>.yaml
inline constexpr FieldSpec kStageChangeFields[] = {
    fields::of("date", date, required), fields::of("stage", stage, required), fields::of("reason", free),
    fields::of("note", free)};
inline constexpr RecordSchema kStageChange{"history entry", N_("a history entry"), kStageChangeFields};
inline constexpr FieldSpec kDealFields[] = {
    fields::id(),
    fields::ref("customer", RefKind::customer),
    fields::ref("owner", RefKind::person, required),
    fields::of("title", text),
    fields::of("product", word),
    {.key = "amount", .type = money, .min = 0, .bounded = true},
    fields::of("currency", word),
    fields::of("stage", stage, required),
    fields::of("opened", date),
    fields::of("expected_close", date),
    fields::of("closed", date),
    fields::of("lost_reason", word),
    fields::nested("history", records, kStageChange)};
inline constexpr RecordSchema kDeal{"deal", N_("a deal"), kDealFields, "id"};

// targets/<YYYY>.yaml
inline constexpr FieldSpec kTargetFields[] = {
    fields::id(),
    fields::ref("owner", RefKind::owner, required),
    fields::of("metric", kpi, required),
    fields::of("period", period, required),
    fields::of("value", money, required),
    fields::of("baseline", money),
    fields::of("why", text),
    fields::ref("plan", RefKind::plan),
    fields::ref("parent", RefKind::target),
    fields::of("prorated", boolean)};
inline constexpr RecordSchema kTarget{"target", N_("a target"), kTargetFields, "id"};

// plans/<period>.yaml
inline constexpr FieldSpec kPlanSegmentFields[] = {
    fields::id(), fields::of("description", text), fields::of("criteria", named_words)};
inline constexpr RecordSchema kPlanSegment{"segment", N_("a segment"), kPlanSegmentFields, "id"};
inline constexpr FieldSpec kPlanStrategyFields[] = {
    fields::id(), fields::choice("kind", kStrategyKinds, "plan-strategy", N_("strategy kind"), N_("kinds are {}")),
    fields::of("segment", word), fields::of("summary", text)};
inline constexpr RecordSchema kPlanStrategy{"strategy", N_("a strategy"), kPlanStrategyFields, "id"};
inline constexpr FieldSpec kPlanActionFields[] = {
    fields::id(),
    fields::of("title", text),
    fields::ref("owner", RefKind::person),
    fields::of("due", date),
    fields::choice("status", kActionStatuses, "plan-action", "status", N_("statuses are {}")),
    fields::of("done_on", date),
    fields::of("strategy", word),
    fields::ref("target", RefKind::target)};
inline constexpr RecordSchema kPlanAction{"action", N_("an action"), kPlanActionFields, "id"};
inline constexpr FieldSpec kPlanFields[] = {
    fields::id(),
    fields::of("period", word),
    fields::ref("owner", RefKind::person),
    fields::of("market", free),
    fields::nested("segments", records, kPlanSegment),
    fields::nested("strategies", records, kPlanStrategy),
    fields::nested("actions", records, kPlanAction)};
inline constexpr RecordSchema kPlan{"plan", N_("a plan"), kPlanFields, "id"};

// coaching/<YYYY-MM>.yaml
inline constexpr FieldSpec kFollowUpFields[] = {
    fields::id(), fields::of("action", text), fields::of("due", date), fields::of("done", boolean)};
inline constexpr RecordSchema kFollowUp{"follow-up", N_("a follow-up"), kFollowUpFields, "id"};
inline constexpr FieldSpec kSessionFields[] = {
    fields::id(),
    fields::of("date", date, required),
    fields::ref("coach", RefKind::person),
    fields::ref("person", RefKind::person, required),
    fields::choice("kind", kSessionKinds, "coaching-kind", "kind", N_("kind is one of {}")),
    fields::of("topics", words),
    fields::of("notes", text),
    {.key = "ratings", .type = ratings, .min = 1, .max = 5, .bounded = true},
    fields::nested("follow_ups", records, kFollowUp)};
inline constexpr RecordSchema kSession{"session", N_("a coaching session"), kSessionFields, "id"};
inline constexpr FieldSpec kAttendeeFields[] = {fields::ref("person", RefKind::person), fields::integer("score", 0, 100)};
inline constexpr RecordSchema kAttendee{"attendee", N_("an attendee"), kAttendeeFields};
inline constexpr FieldSpec kTrainingFields[] = {
    fields::id(),
    fields::of("date", date, required),
    fields::of("title", text),
    fields::choice("topic", kTrainingTopics, "training-topic", "topic", N_("topic is one of {}")),
    fields::choice("format", kTrainingFormats, "training-format", "format", N_("format is one of {}")),
    {.key = "hours", .type = number, .min = 0, .max = 1000, .bounded = true},
    fields::of("trainer", text),
    fields::nested("attendees", records, kAttendee)};
inline constexpr RecordSchema kTraining{"training", N_("a training"), kTrainingFields, "id"};
inline constexpr FieldSpec kCoachingFileFields[] = {fields::nested("sessions", records, kSession),
                                                    fields::nested("trainings", records, kTraining)};
inline constexpr RecordSchema kCoachingFile{"coaching file", N_("a coaching file"), kCoachingFileFields};

// reviews/<period>/<person>.yaml
inline constexpr FieldSpec kReviewFigureFields[] = {
    fields::of("target", number), fields::of("actual", number), fields::of("attainment", number)};
inline constexpr RecordSchema kReviewFigure{"figure", N_("a figure"), kReviewFigureFields};
inline constexpr FieldSpec kReviewFields[] = {
    fields::ref("person", RefKind::person, required),
    fields::of("period", word, required),
    fields::ref("reviewer", RefKind::person),
    fields::choice("status", kReviewStatuses, "review-status", "status", N_("a review is {}"), Join::or_last),
    fields::nested("quantitative", named_records, kReviewFigure),
    {.key = "qualitative", .type = ratings, .min = 1, .max = 5, .bounded = true},
    fields::of("comments", text)};
inline constexpr RecordSchema kReview{"review", N_("a review"), kReviewFields};

// rewards/plans.yaml
inline constexpr FieldSpec kAppliesToFields[] = {
    fields::choice("role", kRoles, "reward-plan", "role", N_("roles are {}")),
    fields::ref("team", RefKind::team),
    {.key = "people", .type = refs, .ref = RefKind::person}};
inline constexpr RecordSchema kAppliesTo{"applies_to", "applies_to", kAppliesToFields};
inline constexpr FieldSpec kTierFields[] = {fields::of("from", number), fields::of("to", number), fields::of("rate", number)};
inline constexpr RecordSchema kTier{"tier", N_("a tier"), kTierFields};
inline constexpr FieldSpec kGateFields[] = {fields::of("metric", kpi), fields::of("min", number)};
inline constexpr RecordSchema kGate{"gate", "gate", kGateFields};
inline constexpr FieldSpec kSpiffFields[] = {fields::of("product", word), fields::of("per_deal", money), fields::of("rate", number)};
inline constexpr RecordSchema kSpiff{"spiff", N_("a spiff"), kSpiffFields};
inline constexpr FieldSpec kTeamBonusFields[] = {fields::of("min_attainment", number), fields::of("amount", money)};
inline constexpr RecordSchema kTeamBonus{"team_bonus", "team_bonus", kTeamBonusFields};
inline constexpr FieldSpec kRewardPlanFields[] = {
    fields::id(),
    fields::nested("applies_to", record, kAppliesTo),
    fields::choice("period", kRewardPeriods, "reward-plan", N_("plan period"), N_("a plan's period is {}"),
                   Join::or_last),
    fields::of("metric", kpi),
    fields::choice("mode", kRewardModes, "reward-plan", "mode", N_("a plan's mode is {}"), Join::or_last),
    fields::nested("tiers", records, kTier),
    fields::nested("gate", record, kGate),
    fields::of("cap", money),
    fields::nested("spiffs", records, kSpiff),
    fields::nested("team_bonus", record, kTeamBonus),
    fields::of("prorate", boolean),
    fields::of("valid_from", date),
    fields::of("valid_to", date)};
inline constexpr RecordSchema kRewardPlan{"reward plan", N_("a reward plan"), kRewardPlanFields, "id"};
inline constexpr FieldSpec kRewardPlansFileFields[] = {fields::nested("plans", records, kRewardPlan)};
inline constexpr RecordSchema kRewardPlansFile{"reward plans file", "rewards/plans.yaml", kRewardPlansFileFields};

// rewards/<YYYY>.yaml
inline constexpr FieldSpec kGrantFields[] = {
    fields::id(),
    fields::of("date", date, required),
    fields::ref("person", RefKind::person, one_of),
    fields::ref("team", RefKind::team, one_of),
    fields::choice("kind", kGrantKinds, "grant-kind", N_("grant kind"), N_("kinds are {}")),
    fields::of("title", text),
    fields::of("amount", money),
    fields::of("reason", text)};
inline constexpr RecordSchema kGrant{"grant", N_("a grant"), kGrantFields, "id"};
inline constexpr FieldSpec kGrantsFileFields[] = {fields::nested("grants", records, kGrant)};
inline constexpr RecordSchema kGrantsFile{"grants file", N_("a grants file"), kGrantsFileFields};

// rates/<YYYY>.yaml
inline constexpr FieldSpec kRateFields[] = {
    fields::of("date", date, required), fields::of("currency", word, required), fields::of("rate", word, required)};
inline constexpr RecordSchema kRate{"rate", N_("a rate"), kRateFields};

}  // namespace schema
}  // namespace salesops::core
