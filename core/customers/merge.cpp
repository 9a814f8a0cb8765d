// `customer merge DUP INTO`: the duplicate's records moved to the customer it duplicates, in
// one transaction with the deals that named it, and its file removed.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "core/base/i18n.hpp"
#include "core/book/schema.hpp"
#include "core/customers/changes.hpp"

namespace salesops::core {

namespace {

void put(std::vector<YamlField>& fields, const char* key, const Book& b, Sym value) {
  if (!value.empty()) fields.push_back({key, YamlValue::text(b.str(value))});
}

void put(std::vector<YamlField>& fields, const char* key, Day value) {
  if (value) fields.push_back({key, YamlValue::literal(format_date(*value))});
}

YamlValue contact_value(const Book& b, const Contact& c) {
  std::vector<YamlField> fields;
  put(fields, "name", b, c.name);
  put(fields, "title", b, c.title);
  put(fields, "phone", b, c.phone);
  put(fields, "email", b, c.email);
  return YamlValue::map(std::move(fields), true);
}

YamlValue interaction_value(const Book& b, const Interaction& i) {
  std::vector<YamlField> fields;
  put(fields, "date", i.date);
  fields.push_back({"type", YamlValue::text(std::string(schema::kInteractionTypes[static_cast<int>(i.type)]))});
  put(fields, "by", b, i.by);
  put(fields, "summary", b, i.summary);
  put(fields, "next", i.next);
  return YamlValue::map(std::move(fields));
}

YamlValue survey_value(const Book& b, const Survey& s) {
  std::vector<YamlField> fields;
  put(fields, "date", s.date);
  if (s.csat >= 0) fields.push_back({"csat", YamlValue::literal(std::to_string(s.csat))});
  if (s.nps >= 0) fields.push_back({"nps", YamlValue::literal(std::to_string(s.nps))});
  put(fields, "comment", b, s.comment);
  return YamlValue::map(std::move(fields));
}

bool same_contact(const Contact& a, const Contact& b) {
  return a.name == b.name && a.title == b.title && a.phone == b.phone && a.email == b.email;
}

}  // namespace

WriteChange customer_merge_change(const Book& b, const Customer& dup, const Customer& into) {
  std::string dup_id = b.str(dup.id), into_id = b.str(into.id);
  if (dup_id == into_id) return WriteChange::bad_value(fmt::format(N_("cannot merge {} into itself"), dup_id));
  const std::string dup_file(b.files[dup.at.file]);
  for (const Customer& c : b.customers)
    if (&c != &dup && c.at.file == dup.at.file)
      return WriteChange::refuse(fmt::format(N_("{} holds other customers than {} ({}): its file cannot be removed"),
                                             dup_file, dup_id, b.text(c.id)),
                                 N_("give the duplicate a file of its own, customers/<id>.yaml"));
  WriteChange change;
  change.id = into_id;
  change.file = b.files[into.at.file];
  std::vector<YamlEdit> edits;
  std::vector<std::string> keys;
  // INTO keeps its own fields; what it lacks comes from the duplicate, `since` the earlier.
  auto has = [&](std::string_view key) {
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) return true;
    if (key == "since") return static_cast<bool>(into.since);
    for (auto [k, sym] : {std::pair{"id", into.id},
                          {"name", into.name},
                          {"owner", into.owner},
                          {"tier", into.tier},
                          {"segment", into.segment},
                          {"industry", into.industry},
                          {"region", into.region},
                          {"source", into.source}})
      if (key == k) return !sym.empty();
    return false;
  };
  auto set = [&](const char* key, YamlValue value) {
    edits.push_back(YamlEdit::set(YamlPath{}.key(key), std::move(value), key_after(schema::kCustomer, key, has)));
    keys.push_back(key);
  };
  for (auto [key, mine, theirs] : {std::tuple{"name", into.name, dup.name},
                                   {"owner", into.owner, dup.owner},
                                   {"tier", into.tier, dup.tier},
                                   {"segment", into.segment, dup.segment},
                                   {"industry", into.industry, dup.industry},
                                   {"region", into.region, dup.region},
                                   {"source", into.source, dup.source}})
    if (mine.empty() && !theirs.empty()) set(key, YamlValue::text(b.str(theirs)));
  if (dup.since && (!into.since || *dup.since < *into.since)) set("since", YamlValue::literal(format_date(*dup.since)));
  auto append = [&](const char* list, YamlValue item) {
    edits.push_back(YamlEdit::append(YamlPath{}.key(list), std::move(item)));
    if (keys.empty() || keys.back() != list) keys.push_back(list);
  };
  for (const Contact& c : dup.contacts())
    if (std::none_of(into.contacts().begin(), into.contacts().end(), [&](const Contact& o) { return same_contact(c, o); }))
      append("contacts", contact_value(b, c));
  for (const Interaction& i : dup.interactions()) append("interactions", interaction_value(b, i));
  for (const Survey& s : dup.surveys()) append("surveys", survey_value(b, s));
  if (!edits.empty()) {
    change.edits.push_back({change.file, std::move(edits)});
    change.records.push_back({"changed", "customer", into_id, change.file, std::move(keys)});
  }
  std::map<std::string, std::vector<YamlEdit>> deal_edits;  // by file, in file order of the deals
  for (const Deal& d : b.deals) {
    if (b.text(d.customer) != dup_id) continue;
    const std::string file(b.files[d.at.file]);
    deal_edits[file].push_back(
        YamlEdit::set(YamlPath{}.item_with_id(b.str(d.id)).key("customer"), YamlValue::text(into_id)));
    change.records.push_back({"changed", "deal", b.str(d.id), file, {"customer"}});
  }
  for (auto& [file, e] : deal_edits) change.edits.push_back({file, std::move(e)});
  change.edits.push_back({dup_file, {}, true});
  change.records.push_back({"removed", "customer", dup_id, dup_file, {}});
  return change;
}

}  // namespace salesops::core
