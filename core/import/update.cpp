// `salesops import --update`: a row that names a record of the book changes it in place
// through the edit verbs' own changes (deal edit, deal move, customer edit), so the diff
// is what those verbs would make; and the values rows name that the book lacks.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "core/base/i18n.hpp"
#include "core/book/field_place.hpp"
#include "core/book/schema.hpp"
#include "core/customers/changes.hpp"
#include "core/deals/edits.hpp"
#include "core/import/rows.hpp"

namespace salesops::core {

namespace {

constexpr std::size_t kLinesShown = 5;

// A place in the files of the one transaction for the edits of a change.
void add_edits(std::map<std::string, std::vector<YamlEdit>>& updates, const WriteChange& c) {
  for (const FileEdit& f : c.edits) {
    auto& edits = updates[f.file.string()];
    edits.insert(edits.end(), f.edits.begin(), f.edits.end());
  }
}

}  // namespace

void RowImporter::UnknownValues::add(const std::string& value, std::uint32_t line) {
  auto [it, fresh] = index.emplace(value, values.size());
  if (fresh) values.push_back({value, {}});
  Unknown& u = values[it->second].second;
  ++u.rows;
  if (u.lines.size() < kLinesShown) u.lines.push_back(line);
}

std::size_t RowImporter::UnknownValues::rows() const {
  std::size_t n = 0;
  for (auto& [v, u] : values) n += u.rows;
  return n;
}

std::string RowImporter::UnknownValues::list() const {
  std::vector<std::string> items;
  for (auto& [v, u] : values)
    items.push_back(fmt::format("'{}' ({} row{}: line{} {}{})", v, u.rows, u.rows == 1 ? "" : "s",
                                u.lines.size() == 1 ? "" : "s", fmt::join(u.lines, ", "),
                                u.rows > u.lines.size() ? ", …" : ""));
  return fmt::format("{}", fmt::join(items, ", "));
}

std::string RowImporter::existing(const CsvRecord& r, const Known& known, const std::string& v,
                                  std::string& why) const {
  std::string key = match_.empty() ? v : value(r, match_);
  if (key.empty()) return {};
  if (match_ == "id" || known.ids.contains(key)) return known.ids.contains(key) ? key : std::string{};
  auto it = match_index_.find(key);  // the book's names (customers, people), emails, titles
  if (match_.empty() || match_ == "name") {
    if (it != match_index_.end() && it->second.empty())
      why = fmt::format(N_("several records of the book have the name '{}'"), key);
    return known.find(key);
  }
  if (it == match_index_.end()) return {};
  if (it->second.empty()) why = fmt::format(N_("several records of the book have {} '{}'"), match_, key);
  return it->second;
}

bool RowImporter::may_update(std::uint32_t line, const char* kind, const std::string& id, const Known& known) {
  auto it = known.ids.find(id);
  if (it != known.ids.end() && it->second != 0) {
    skip(line, N_("repeated in the file"), fmt::format("{} '{}' {}", kind, id, known.where(id)));
    return false;
  }
  if (!o_.update) {
    skip(line, N_("already in the book"),
         fmt::format(N_("{} '{}' {} (--update changes it)"), kind, id, known.where(id)));
    return false;
  }
  if (auto u = updated_.find(fmt::format("{} {}", kind, id)); u != updated_.end()) {
    skip(line, N_("repeated in the file"), fmt::format(N_("{} '{}' was updated on line {}"), kind, id, u->second));
    return false;
  }
  return true;
}

CreatedAlongside RowImporter::alongside(const Pending& p) const {
  return [this, &p](std::string_view kind, std::string_view id) {
    if (kind == "person") {
      for (auto& [pid, name] : p.person_names)
        if (pid == id) return true;
      auto it = people_.ids.find(std::string(id));
      return it != people_.ids.end() && it->second != 0;
    }
    if (kind != "customer") return false;
    for (auto& f : p.customer_files)
      if (f.file == fmt::format("customers/{}.yaml", id)) return true;
    auto it = customers_.ids.find(std::string(id));
    return it != customers_.ids.end() && it->second != 0;
  };
}

void RowImporter::updated(std::uint32_t line, const char* kind, WriteChange change, Pending& p) {
  if (change.refused) return skip(line, N_("update refused"), change.refused->message);
  keep(p, line);
  std::string id = change.id;
  if (change.records.empty() && p.records.empty()) {
    ++change_.unchanged;
    report_({line,
             ImportOutcome::Action::unchanged,
             fmt::format(N_("{} {} is unchanged"), kind, id),
             {},
             {{"unchanged", kind, id, change.file, {}}}});
    return;
  }
  updated_.emplace(fmt::format("{} {}", kind, id), line);
  add_edits(updates_, change);
  std::string note;
  if (!change.records.empty()) {
    ++change_.updated;
    ++(std::string_view(kind) == "deal"       ? change_.updated_deals
       : std::string_view(kind) == "customer" ? change_.updated_customers
                                              : change_.updated_people);
    note = fmt::format(N_("updated {} {}: {}"), kind, id, fmt::join(change.records[0].fields, ", "));
  } else {
    ++change_.unchanged;
    note = fmt::format(N_("{} {} is unchanged"), kind, id);
  }
  for (auto& n : p.notes) note += ", created " + n;
  std::vector<EditedRecord> records = change.records;
  records.insert(records.end(), p.records.begin(), p.records.end());
  report_({line,
           change.records.empty() ? ImportOutcome::Action::unchanged : ImportOutcome::Action::updated,
           std::move(note),
           {},
           std::move(records)});
}

void RowImporter::update_deal(const CsvRecord& r, const Deal& d, const DealValues& v) {
  const Config& config = book_.config;
  const std::string id = book_.str(d.id);
  auto differs = [&](const char* field, const Day& ours, const std::optional<Date>& theirs) {
    if (!theirs || (ours && *ours == *theirs)) return false;
    skip(r.line, N_("differs from the book"),
         fmt::format(N_("deal '{}': {} '{}' where the book has {}; an import does not change {} (edit it by hand)"), id,
                     column_name(field), format_date(*theirs), ours ? format_date(*ours) : std::string("none"), field));
    return true;
  };
  if (differs("opened", d.opened, v.opened)) return;
  if (v.stage == d.stage && differs("closed", d.closed, v.closed)) return;
  Pending p;
  std::string why;
  std::vector<FieldValue> fields;
  std::string owner = book_.str(d.owner);
  if (!v.owner.empty()) {
    if ((owner = person(v.owner, o_.team, "rep", p, why)).empty()) return unknown_people_.add(v.owner, r.line);
    fields.push_back({"owner", owner});
  }
  if (!v.customer.empty()) fields.push_back({"customer", deal_customer(v.customer, owner, p)});
  for (const char* key : {"title", "product"})
    if (std::string text = value(r, key); !text.empty()) fields.push_back({key, text});
  if (v.amount) fields.push_back({"amount", format_money_short(*v.amount)});
  if (v.expected) fields.push_back({"expected_close", format_date(*v.expected)});
  WriteChange change;
  change.id = id;
  if (!fields.empty()) change = deal_edit_change(book_, id, fields, o_.today, alongside(p));
  if (change.refused) return updated(r.line, "deal", std::move(change), p);
  if (v.stage != d.stage) {
    const bool closing = v.stage == config.won || v.stage == config.lost;
    DealMove m;
    m.id = id;
    m.stage = config.stages[v.stage].name;
    m.date = closing && v.closed ? *v.closed : o_.today;
    if (v.stage == config.lost) m.reason = value(r, "lost_reason");
    for (const FieldValue& f : fields) m.also_set.push_back(f.key);
    WriteChange move = deal_move_change(book_, m, o_.today);
    if (move.refused) return updated(r.line, "deal", std::move(move), p);
    if (change.records.empty()) {
      change.file = move.file;
      change.records.push_back({"changed", "deal", id, move.file, {}});
    }
    auto& keys = change.records[0].fields;
    for (auto& key : move.records[0].fields)
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    change.edits.insert(change.edits.end(), move.edits.begin(), move.edits.end());
  }
  updated(r.line, "deal", std::move(change), p);
}

void RowImporter::update_customer(const CsvRecord& r, const Customer& c, Pending& p, const std::string& owner,
                                  const std::string& tier, std::optional<Date> since) {
  std::vector<FieldValue> fields;
  if (match_ != "name")
    if (std::string name = value(r, "name"); !name.empty()) fields.push_back({"name", name});
  if (!owner.empty()) fields.push_back({"owner", owner});
  if (!tier.empty()) fields.push_back({"tier", tier});
  for (const char* key : {"segment", "industry", "region", "source"})
    if (std::string text = value(r, key); !text.empty()) fields.push_back({key, text});
  if (since) fields.push_back({"since", format_date(*since)});
  WriteChange change;
  change.id = book_.str(c.id);
  if (!fields.empty()) change = customer_edit_change(book_, c, fields, o_.today, false, alongside(p));
  updated(r.line, "customer", std::move(change), p);
}

void RowImporter::update_person(const CsvRecord& r, const Person& person, Pending& p, const std::string& team_id,
                                const std::string& role, std::optional<Date> joined, std::optional<Date> left) {
  const std::string id = book_.str(person.id);
  WriteChange change;
  change.id = id;
  change.file = "team.yaml";
  std::optional<Date> new_joined = joined, new_left = left;
  if (!new_joined && person.joined) new_joined = *person.joined;
  if (!new_left && person.left) new_left = *person.left;
  if (new_joined && new_left && *new_left < *new_joined) {
    change.refused = Diagnostic{Severity::error,
                                "import",
                                {},
                                fmt::format(N_("{} would leave on {}, before joining on {}"), id,
                                            format_date(*new_left), format_date(*new_joined)),
                                {}};
    return updated(r.line, "person", std::move(change), p);
  }
  std::vector<std::pair<const char*, std::string>> wanted;
  std::string name = value(r, "name");
  if (match_ != "name" && !name.empty()) wanted.push_back({"name", name});
  if (!team_id.empty()) wanted.push_back({"team", team_id});
  if (!role.empty()) wanted.push_back({"role", role});
  if (std::string email = value(r, "email"); !email.empty() && match_ != "email") wanted.push_back({"email", email});
  if (joined) wanted.push_back({"joined", format_date(*joined)});
  if (left) wanted.push_back({"left", format_date(*left)});
  auto current = [&](std::string_view key) -> std::string {
    if (key == "name") return book_.str(person.name);
    if (key == "team") return book_.str(person.team);
    if (key == "role") return role_name(person.role);
    if (key == "email") return book_.str(person.email);
    if (key == "joined") return person.joined ? format_date(*person.joined) : std::string{};
    if (key == "left") return person.left ? format_date(*person.left) : std::string{};
    return key == "id" ? id : std::string{};
  };
  std::vector<std::string> keys;
  auto has = [&](std::string_view key) {
    return !current(key).empty() || std::find(keys.begin(), keys.end(), key) != keys.end();
  };
  std::vector<YamlEdit> edits;
  for (auto& [key, text] : wanted) {
    if (text == current(key)) continue;
    YamlValue v = std::string_view(key) == "joined" || std::string_view(key) == "left" ? YamlValue::literal(text)
                                                                                       : YamlValue::text(text);
    edits.push_back(YamlEdit::set(YamlPath{}.key("people").item_with_id(id).key(key), std::move(v),
                                  key_after(schema::kPerson, key, has)));
    keys.push_back(key);
  }
  if (!edits.empty()) {
    change.edits.push_back({change.file, std::move(edits)});
    change.records.push_back({"changed", "person", id, change.file, std::move(keys)});
  }
  updated(r.line, "person", std::move(change), p);
}

}  // namespace salesops::core
