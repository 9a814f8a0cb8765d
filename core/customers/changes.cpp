#include "core/customers/changes.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <span>

#include "core/base/i18n.hpp"
#include "core/base/ids.hpp"
#include "core/base/suggest.hpp"
#include "core/book/schema.hpp"
#include "core/customers/names.hpp"

namespace salesops::core {

namespace {

// The value of a date option, or the refusal that names it.
std::optional<Date> day(const std::string& text, const char* option, Date today, WriteChange& refused) {
  if (text.empty()) return today;
  auto d = parse_date(text);
  if (!d) refused = WriteChange::bad_value(fmt::format(N_("{} '{}' is not a date (YYYY-MM-DD)"), option, text));
  return d;
}

std::optional<WriteChange> unknown_person(const Book& b, const std::string& id, const char* option) {
  if (b.person(id)) return std::nullopt;
  std::vector<std::string> ids;
  for (const Person& p : b.people) ids.push_back(b.str(p.id));
  auto near = closest_match(id, ids);
  return WriteChange::bad_value(fmt::format(N_("unknown person '{}' for {}{}"), id, option,
                                            near ? fmt::format(N_(": did you mean '{}'?"), *near) : ""));
}

bool valid_id(std::string_view id) {
  if (id.empty() || !std::isalnum(static_cast<unsigned char>(id[0]))) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
  });
}

// The refusal of a name another customer has, at that customer's record.
std::optional<WriteChange> same_name(const Book& b, const std::string& name, std::string_view except, bool force) {
  const Customer* other = force ? nullptr : customer_named(b, name, except);
  if (!other) return std::nullopt;
  WriteChange c;
  c.refused = Diagnostic{
      Severity::error, "customer-duplicate-name", b.location(other->at),
      fmt::format(N_("'{}' is the name of customer {} ('{}')"), name, b.text(other->id), b.text(other->name)),
      N_("the same company? log to it, or `salesops customer merge`; else add --force")};
  return c;
}

std::optional<WriteChange> unknown_tier(const std::string& tier) {
  if (tier.empty() || tier == "A" || tier == "B" || tier == "C") return std::nullopt;
  return WriteChange::bad_value(fmt::format(N_("unknown --tier '{}': tiers are A, B, C"), tier));
}

std::optional<WriteChange> unlisted_segment(const Book& b, const std::string& segment) {
  auto& segments = b.config.segments;
  if (segment.empty() || segments.empty() || std::find(segments.begin(), segments.end(), segment) != segments.end())
    return std::nullopt;
  return WriteChange::bad_value(
      fmt::format(N_("segment '{}' is not in salesops.toml's list ({})"), segment, fmt::join(segments, ", ")));
}

WriteChange append_to(const Book& b, const Customer& c, const char* list, std::vector<YamlField> fields) {
  WriteChange change;
  change.id = b.str(c.id);
  change.file = b.files[c.at.file];
  change.edits.push_back({change.file, {YamlEdit::append(YamlPath{}.key(list), YamlValue::map(std::move(fields)))}});
  return change;
}

}  // namespace

WriteChange customer_add_change(const Book& b, const NewCustomer& o, Date today, const std::filesystem::path& book_root,
                                bool force) {
  if (o.name.empty()) return WriteChange::bad_value(N_("--name cannot be empty"));
  if (auto refused = unknown_person(b, o.owner, "--owner")) return *refused;
  if (auto refused = unknown_tier(o.tier)) return *refused;
  if (auto refused = unlisted_segment(b, o.segment)) return *refused;
  WriteChange refused;
  auto since = day(o.since, "--since", today, refused);
  if (!since) return refused;
  if (const Person* p = b.person(o.owner); p->left && *p->left < std::max(*since, today))
    return WriteChange::refuse(
        fmt::format(N_("{} left on {}: a new customer cannot be theirs"), o.owner, format_date(*p->left)),
        N_("give it to a person who is here (--owner)"));
  std::vector<YamlValue> contacts;
  for (const std::string& c : o.contacts) {
    std::vector<std::pair<std::string, std::string>> kv;
    std::string error;
    if (!parse_key_values(std::span(&c, 1), &kv, &error)) return WriteChange::bad_value("--contact: " + error);
    std::vector<YamlField> fields;
    for (auto& [k, v] : kv) {
      if (k != "name" && k != "title" && k != "phone" && k != "email")
        return WriteChange::bad_value(
            fmt::format(N_("--contact: unknown field '{}': use name, title, phone, email"), k));
      fields.push_back({k, YamlValue::text(v)});
    }
    contacts.push_back(YamlValue::map(std::move(fields), true));
  }
  WriteChange change;
  change.id = o.id;
  if (change.id.empty()) {
    std::vector<std::string_view> ids;
    for (const Customer& c : b.customers) ids.push_back(b.text(c.id));
    change.id = next_id("C-", 4, ids);
  } else if (!valid_id(change.id)) {
    return WriteChange::bad_value(fmt::format(
        N_("'{}' is not an id: letters, digits, '.', '_' and '-', starting with a letter or digit"), change.id));
  }
  change.file = fmt::format("customers/{}.yaml", change.id);
  if (b.customer(change.id))
    return WriteChange::refuse(fmt::format(N_("customer '{}' already exists; nothing was written"), change.id));
  if (auto refused = same_name(b, o.name, {}, force)) return *refused;
  if (std::filesystem::exists(book_root / change.file))
    return WriteChange::refuse(fmt::format(N_("{} already exists; nothing was written"), change.file));
  std::vector<YamlEdit> edits;
  auto set = [&](const char* key, YamlValue v) { edits.push_back(YamlEdit::set(YamlPath{}.key(key), std::move(v))); };
  set("id", YamlValue::text(change.id));
  set("name", YamlValue::text(o.name));
  set("owner", YamlValue::text(o.owner));
  for (auto [key, value] : {std::pair{"tier", &o.tier},
                            {"segment", &o.segment},
                            {"industry", &o.industry},
                            {"region", &o.region},
                            {"source", &o.source}})
    if (!value->empty()) set(key, YamlValue::text(*value));
  set("since", YamlValue::literal(format_date(*since)));
  if (!contacts.empty()) set("contacts", YamlValue::list(std::move(contacts)));
  change.edits.push_back({change.file, std::move(edits)});
  change.records.push_back({"created", "customer", change.id, change.file, {}});
  return change;
}

WriteChange customer_edit_change(const Book& b, const Customer& c, const std::vector<FieldValue>& fields, Date today,
                                 bool force, const CreatedAlongside& alongside) {
  if (fields.empty())
    return WriteChange::bad_value(
        N_("nothing to change: give --name, --owner, --tier, --segment, --industry, --region, --source, --since or "
           "--set FIELD=VALUE"));
  std::vector<std::pair<std::string, bool>> edited;  // keys set (true) or removed so far
  auto has = [&](std::string_view key) {
    for (auto& [k, present] : edited)
      if (k == key) return present;
    if (key == "since") return static_cast<bool>(c.since);
    if (key == "contacts") return !c.contacts().empty();
    if (key == "interactions") return !c.interactions().empty();
    if (key == "surveys") return !c.surveys().empty();
    if (int i = CustomFields::index(b.config.fields.customer, key); i >= 0)
      return !b.custom(c, static_cast<std::size_t>(i)).empty();
    for (auto [k, sym] : {std::pair{"id", c.id}, {"name", c.name}, {"owner", c.owner}, {"tier", c.tier},
                          {"segment", c.segment}, {"industry", c.industry}, {"region", c.region}, {"source", c.source}})
      if (key == k) return !sym.empty();
    return false;
  };
  auto current = [&](std::string_view key) -> std::string {
    if (key == "since") return c.since ? format_date(*c.since) : std::string{};
    for (auto [k, sym] : {std::pair{"name", c.name}, {"owner", c.owner}, {"tier", c.tier}, {"segment", c.segment},
                          {"industry", c.industry}, {"region", c.region}, {"source", c.source}})
      if (key == k) return b.str(sym);
    return {};
  };
  WriteChange change;
  change.id = b.str(c.id);
  change.file = b.files[c.at.file];
  std::vector<YamlEdit> edits;
  std::vector<std::string> keys;
  for (const FieldValue& f : fields) {
    const std::string option = "--" + f.key;
    if (f.key == "id" || f.key == "contacts" || f.key == "interactions" || f.key == "surveys")
      return WriteChange::bad_value(fmt::format(N_("'{}' cannot be edited: `customer log`, `customer survey` and "
                                                   "`customer merge` change those"),
                                                f.key));
    const auto& custom = b.config.fields.customer;
    if (int i = CustomFields::index(custom, f.key); i >= 0) {
      const CustomField& field = custom[static_cast<std::size_t>(i)];
      if (auto why = custom_field_refusal(b, field, f.value)) return WriteChange::bad_value(*why);
      if (f.value == b.custom(c, static_cast<std::size_t>(i))) continue;
      YamlPath at = YamlPath{}.key(f.key);
      if (f.value.empty())
        edits.push_back(YamlEdit::remove(std::move(at)));
      else
        edits.push_back(YamlEdit::set(std::move(at),
                                      custom_written_plain(field) ? YamlValue::literal(f.value) : YamlValue::text(f.value),
                                      custom_key_after(schema::kCustomer, custom, f.key, has)));
      edited.emplace_back(f.key, !f.value.empty());
      keys.push_back(f.key);
      continue;
    }
    if (!schema::kCustomer.find(f.key)) {
      std::string names = schema::list_keys(schema::kCustomer);
      for (const CustomField& x : custom) names += ", " + x.key;
      return WriteChange::bad_value(fmt::format(N_("unknown customer field '{}': fields are {}"), f.key, names));
    }
    if (f.value.empty() && (f.key == "name" || f.key == "owner"))
      return WriteChange::bad_value(fmt::format(N_("{} cannot be empty"), option));
    YamlValue value = YamlValue::text(f.value);
    if (f.key == "owner" && !b.person(f.value) && alongside && alongside("person", f.value)) {
    } else if (f.key == "owner") {
      if (auto refused = unknown_person(b, f.value, "--owner")) return *refused;
      if (const Person* p = b.person(f.value); p->left && *p->left < today)
        return WriteChange::bad_value(
            fmt::format(N_("{} left on {}: a customer cannot be theirs"), f.value, format_date(*p->left)));
    } else if (f.key == "tier") {
      if (auto refused = unknown_tier(f.value)) return *refused;
    } else if (f.key == "segment") {
      if (auto refused = unlisted_segment(b, f.value)) return *refused;
    } else if (f.key == "name") {
      if (auto refused = same_name(b, f.value, b.text(c.id), force)) return *refused;
    } else if (f.key == "since" && !f.value.empty()) {
      WriteChange refused;
      auto since = day(f.value, "--since", today, refused);
      if (!since) return refused;
      value = YamlValue::literal(format_date(*since));
    }
    if (value.scalar == current(f.key)) continue;
    YamlPath at = YamlPath{}.key(f.key);
    if (f.value.empty())
      edits.push_back(YamlEdit::remove(std::move(at)));
    else
      edits.push_back(YamlEdit::set(std::move(at), std::move(value), key_after(schema::kCustomer, f.key, has)));
    edited.emplace_back(f.key, !f.value.empty());
    keys.push_back(f.key);
  }
  if (edits.empty()) return change;
  change.edits.push_back({change.file, std::move(edits)});
  change.records.push_back({"changed", "customer", change.id, change.file, std::move(keys)});
  return change;
}

WriteChange interaction_add_change(const Book& b, const Customer& c, const NewInteraction& o, Date today) {
  const auto& types = schema::kInteractionTypes;
  if (std::find(std::begin(types), std::end(types), o.type) == std::end(types))
    return WriteChange::bad_value(
        fmt::format(N_("unknown --type '{}': use visit, call, email, meeting, demo or care"), o.type));
  std::string by = o.by.empty() ? b.str(c.owner) : o.by;
  if (auto refused = unknown_person(b, by, "--by")) return *refused;
  WriteChange refused;
  auto date = day(o.date, "--date", today, refused);
  if (!date) return refused;
  if (auto future = refuse_after_today(*date, today, N_("the interaction's date"), N_("an interaction")))
    return *future;
  std::vector<YamlField> fields{{"date", YamlValue::literal(format_date(*date))},
                                {"type", YamlValue::text(o.type)},
                                {"by", YamlValue::text(by)}};
  if (!o.summary.empty()) fields.push_back({"summary", YamlValue::text(o.summary)});
  if (!o.next.empty()) {
    auto next = day(o.next, "--next", today, refused);
    if (!next) return refused;
    if (*next < *date)
      return WriteChange::bad_value(
          fmt::format(N_("--next {} is before the interaction's date {}"), o.next, format_date(*date)));
    fields.push_back({"next", YamlValue::literal(o.next)});
  }
  return append_to(b, c, "interactions", std::move(fields));
}

WriteChange survey_add_change(const Book& b, const Customer& c, const NewSurvey& o, Date today) {
  if (!o.csat && !o.nps) return WriteChange::bad_value(N_("a survey needs --csat (1-5), --nps (0-10) or both"));
  if (o.csat && (*o.csat < 1 || *o.csat > 5))
    return WriteChange::bad_value(fmt::format(N_("--csat {} is not a rating from 1 to 5"), *o.csat));
  if (o.nps && (*o.nps < 0 || *o.nps > 10))
    return WriteChange::bad_value(fmt::format(N_("--nps {} is not an answer from 0 to 10"), *o.nps));
  WriteChange refused;
  auto date = day(o.date, "--date", today, refused);
  if (!date) return refused;
  if (auto future = refuse_after_today(*date, today, N_("the survey's date"), N_("a survey"))) return *future;
  std::vector<YamlField> fields{{"date", YamlValue::literal(format_date(*date))}};
  if (o.csat) fields.push_back({"csat", YamlValue::literal(std::to_string(*o.csat))});
  if (o.nps) fields.push_back({"nps", YamlValue::literal(std::to_string(*o.nps))});
  if (!o.comment.empty()) fields.push_back({"comment", YamlValue::text(o.comment)});
  return append_to(b, c, "surveys", std::move(fields));
}

}  // namespace salesops::core
