// The record schema against the loaders: every field it lists is one they read, with the
// type it says, and a misspelt key is suggested from its names.
#include <doctest/doctest.h>

#include <set>

#include "core/book/schema.hpp"
#include "memory_book.hpp"

using namespace salesops::core;
using salesops::test::load_files;
using salesops::test::places;
using Strings = std::vector<std::string>;

namespace {

std::string record_text(const schema::RecordSchema& record);

std::string ref_value(RefKind kind) {
  switch (kind) {
    case RefKind::person: return "zhang.wei";
    case RefKind::team: return "east";
    case RefKind::owner: return "east";
    case RefKind::customer: return "C-1";
    default: return "X-1";  // the target and the plan of this book
  }
}

/// A valid value of `field` in flow style. Words are all "X-1": a plan's strategy names its
/// segment, an action its strategy, a review its folder by the same word.
std::string value_text(const schema::FieldSpec& field) {
  using schema::FieldType;
  switch (field.type) {
    case FieldType::id: return "X-1";
    case FieldType::ref: return ref_value(field.ref);
    case FieldType::refs: return "[" + ref_value(field.ref) + "]";
    case FieldType::date: return "2026-01-15";
    case FieldType::money: return "100";
    case FieldType::integer: return std::to_string(field.min);
    case FieldType::number: return field.bounded ? std::to_string(field.min) : "1.5";
    case FieldType::boolean: return "true";
    // A grant with an amount must be a bonus (grant-amount).
    case FieldType::choice: return field.rule == std::string_view("grant-kind") ? "bonus" : std::string(field.values.front());
    case FieldType::stage: return "lost";
    case FieldType::segment: return "smb";
    case FieldType::kpi: return "revenue";
    case FieldType::period: return "2026";
    case FieldType::text: return "'some text'";
    // A deal's currency is a currency code: the book's own needs no rate.
    case FieldType::word: return field.key == std::string_view("currency") ? "CNY" : "X-1";
    case FieldType::words: return "[a, b]";
    case FieldType::records: return "[" + record_text(*field.record) + "]";
    case FieldType::record: return record_text(*field.record);
    case FieldType::named_records: return "{m: " + record_text(*field.record) + "}";
    case FieldType::ratings: return "{q: " + std::to_string(field.min) + "}";
    case FieldType::named_words: return "{k: v}";
    case FieldType::free: return "'free text'";
  }
  return "";
}

/// Every field set, but only the first of a one_of group.
std::string record_text(const schema::RecordSchema& record) {
  std::string out;
  bool one_of_set = false;
  for (const schema::FieldSpec& field : record.fields) {
    if (field.presence == schema::Presence::one_of) {
      if (one_of_set) continue;
      one_of_set = true;
    }
    out += fmt::format("{}{}: {}", out.empty() ? "" : ", ", field.key, value_text(field));
  }
  return "{" + out + "}";
}

/// A book with one record of every kind, every field of it set.
std::map<std::string, std::string> full_book() {
  using namespace schema;
  return {
      {"team.yaml", fmt::format("teams:\n  - {{id: east, name: East}}\n  - {}\npeople:\n  - {{id: zhang.wei, name: 张伟, "
                                "team: east, role: rep}}\n  - {}\n",
                                record_text(kTeam), record_text(kPerson))},
      {"customers/X-1.yaml", record_text(kCustomer) + "\n"},
      {"deals/2026-01.yaml", "- " + record_text(kDeal) + "\n"},
      {"targets/2026.yaml", "- " + record_text(kTarget) + "\n"},
      {"plans/2026.yaml", record_text(kPlan) + "\n"},
      {"coaching/2026-01.yaml", fmt::format("sessions:\n  - {}\ntrainings:\n  - {}\n", record_text(kSession), record_text(kTraining))},
      {"reviews/X-1/zhang.wei.yaml", record_text(kReview) + "\n"},
      {"rewards/plans.yaml", "plans:\n  - " + record_text(kRewardPlan) + "\n"},
      {"rewards/2026.yaml", "grants:\n  - " + record_text(kGrant) + "\n"},
  };
}

void collect_names(const schema::RecordSchema& record, std::set<const schema::RecordSchema*>& seen,
                   std::vector<const schema::RecordSchema*>& out) {
  if (!seen.insert(&record).second) return;
  out.push_back(&record);
  for (const schema::FieldSpec& field : record.fields)
    if (field.record) collect_names(*field.record, seen, out);
}

/// Every record schema: the kinds and the sub-records reached through their fields.
std::vector<const schema::RecordSchema*> all_records() {
  std::set<const schema::RecordSchema*> seen;
  std::vector<const schema::RecordSchema*> out;
  for (const schema::RecordSchema* kind : schema::kinds()) collect_names(*kind, seen, out);
  for (const schema::RecordSchema* file : {&schema::kTeamFile, &schema::kCoachingFile, &schema::kRewardPlansFile, &schema::kGrantsFile})
    collect_names(*file, seen, out);
  return out;
}

}  // namespace

TEST_CASE("schema: every field name appears once per record, and a record has fewer than 32 fields") {
  for (const schema::RecordSchema* record : all_records()) {
    CAPTURE(record->kind);
    std::set<std::string_view> names;
    for (const schema::FieldSpec& field : record->fields) CHECK(names.insert(field.key).second);
    CHECK(record->fields.size() < 32);
    if (!record->identity.empty()) CHECK(record->find(record->identity) != nullptr);
  }
}

TEST_CASE("schema: the kinds are found by name, and a field by key") {
  CHECK(schema::kinds().size() == 11);
  for (const schema::RecordSchema* kind : schema::kinds()) CHECK(schema::find_kind(kind->kind) == kind);
  CHECK(schema::find_kind("nothing") == nullptr);
  CHECK(schema::kDeal.find("amount")->type == schema::FieldType::money);
  CHECK(schema::kDeal.find("amonut") == nullptr);
  CHECK(schema::kDeal["owner"].ref == RefKind::person);
  CHECK(schema::kDeal["owner"].required());
  CHECK(schema::list_values(schema::kReview["status"]) == "draft or final");
  CHECK(schema::list_values(schema::kPerson["role"]) == "rep, manager, director, ops");
}

TEST_CASE("schema: a record of every kind with every field set loads with no diagnostics") {
  LoadResult r = load_files(full_book());
  CHECK(places(r.diags) == Strings{});
  const Book& b = *r.book;
  CHECK(b.teams.size() == 2);
  CHECK(b.people.size() == 2);
  CHECK(b.customers.size() == 2);
  CHECK(b.deals.size() == 1);
  CHECK(b.targets.size() == 1);
  CHECK(b.plans.size() == 1);
  CHECK(b.sessions.size() == 1);
  CHECK(b.trainings.size() == 1);
  CHECK(b.reviews.size() == 1);
  CHECK(b.reward_plans.size() == 1);
  CHECK(b.grants.size() == 1);
  REQUIRE(b.deal("X-1"));
  CHECK(b.deal("X-1")->history_count == 1);
  REQUIRE(b.customer("X-1"));
  CHECK(b.customer("X-1")->surveys().size() == 1);
  CHECK(b.plans[0].actions.size() == 1);
  CHECK(b.reward_plans[0].spiffs.size() == 1);
}

TEST_CASE("schema: a misspelt key of any record is suggested from the schema's field names") {
  // Each field's key with a letter added, in a book otherwise as above.
  for (const schema::RecordSchema* kind : schema::kinds()) {
    for (const schema::FieldSpec& field : kind->fields) {
      CAPTURE(kind->kind);
      CAPTURE(field.key);
      auto files = full_book();
      std::string& text = kind == &schema::kTeam || kind == &schema::kPerson ? files["team.yaml"]
                          : kind == &schema::kCustomer                      ? files["customers/X-1.yaml"]
                          : kind == &schema::kDeal                          ? files["deals/2026-01.yaml"]
                          : kind == &schema::kTarget                        ? files["targets/2026.yaml"]
                          : kind == &schema::kPlan                          ? files["plans/2026.yaml"]
                          : kind == &schema::kSession || kind == &schema::kTraining ? files["coaching/2026-01.yaml"]
                          : kind == &schema::kReview                        ? files["reviews/X-1/zhang.wei.yaml"]
                          : kind == &schema::kRewardPlan                    ? files["rewards/plans.yaml"]
                                                                            : files["rewards/2026.yaml"];
      std::string record = record_text(*kind);
      std::size_t pos = text.find(record);
      REQUIRE(pos != std::string::npos);
      std::string misspelt = std::string(field.key) + "x";
      text.replace(pos, record.size(), "{" + misspelt + ": 1, " + record.substr(1));
      LoadResult r = load_files(files);
      std::vector<std::string> hints;
      for (auto& d : r.diags.items())
        if (d.rule == "unknown-key") hints.push_back(d.hint);
      CHECK(hints == Strings{fmt::format("did you mean '{}'?", field.key)});
    }
  }
}
