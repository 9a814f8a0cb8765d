#include "core/book/schema.hpp"

#include <algorithm>

namespace salesops::core::schema {

namespace {

constexpr const RecordSchema* kKinds[] = {&kTeam, &kPerson, &kCustomer, &kDeal, &kTarget, &kPlan,
                                          &kSession, &kTraining, &kReview, &kRewardPlan, &kGrant};

}  // namespace

std::string list_values(const FieldSpec& field) {
  std::string out;
  for (std::size_t i = 0; i < field.values.size(); ++i) {
    bool last = i + 1 == field.values.size();
    if (i > 0) out += field.join == Join::or_last && last ? " or " : ", ";
    out += field.values[i];
  }
  return out;
}

std::string list_keys(const RecordSchema& record) {
  std::string out;
  for (const FieldSpec& f : record.fields) {
    if (!out.empty()) out += ", ";
    out += f.key;
  }
  return out;
}

std::span<const RecordSchema* const> kinds() { return kKinds; }

const RecordSchema* find_kind(std::string_view kind) {
  auto it = std::find_if(std::begin(kKinds), std::end(kKinds), [&](const RecordSchema* s) { return s->kind == kind; });
  return it == std::end(kKinds) ? nullptr : *it;
}

}  // namespace salesops::core::schema
