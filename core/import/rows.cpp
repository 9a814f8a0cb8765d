#include "core/import/rows.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>

#include "core/base/i18n.hpp"
#include "core/base/ids.hpp"
#include "core/book/field_place.hpp"

namespace salesops::core {

namespace {

bool valid_id(std::string_view id) {
  if (id.empty() || !std::isalnum(static_cast<unsigned char>(id[0]))) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
  });
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

void put(std::vector<YamlField>& fields, const char* key, const std::string& text) {
  if (!text.empty()) fields.push_back({key, YamlValue::text(text)});
}
void put_date(std::vector<YamlField>& fields, const char* key, std::optional<Date> d) {
  if (d) fields.push_back({key, YamlValue::literal(format_date(*d))});
}

/// The custom fields (config [fields.*]) a row maps, as fields to write in declared order;
/// "" or why the row is skipped (a value its field does not take).
template <class Value>
std::string custom_fields(const Book& b, const std::vector<CustomField>& declared, Value value,
                          std::vector<YamlField>& out) {
  for (const CustomField& f : declared) {
    std::string v = value(f.key);
    if (v.empty()) continue;
    if (auto why = custom_field_refusal(b, f, v)) return *why;
    out.push_back({f.key, custom_written_plain(f) ? YamlValue::literal(v) : YamlValue::text(v)});
  }
  return {};
}

}  // namespace

std::string RowImporter::Known::find(std::string_view v) const {
  std::string s(v);
  if (ids.contains(s)) return s;
  auto it = by_name.find(s);
  return it == by_name.end() ? std::string{} : it->second;
}

void RowImporter::Known::add(const std::string& id, const std::string& name, std::uint32_t created_on) {
  ids.emplace(id, created_on);
  if (!name.empty()) by_name.emplace(name, id);
}

std::string RowImporter::Known::where(const std::string& id) const {
  auto it = ids.find(id);
  return it == ids.end() || it->second == 0 ? std::string(N_("is already in the book"))
                                            : fmt::format(N_("was created on line {}"), it->second);
}

RowImporter::RowImporter(const Book& b, const ImportOptions& o, std::span<const char* const> fields,
                         std::vector<int> column, std::vector<std::string> header, std::string match,
                         const ImportReport& report, ImportChange& change)
    : book_(b),
      o_(o),
      fields_(fields),
      column_(std::move(column)),
      report_(report),
      change_(change),
      header_(std::move(header)),
      match_(std::move(match)) {
  for (const Team& t : b.teams) teams_.add(b.str(t.id), b.str(t.name));
  for (const Person& p : b.people) people_.add(b.str(p.id), b.str(p.name));
  for (const Customer& c : b.customers) customers_.add(b.str(c.id), b.str(c.name));
  for (const Deal& d : b.deals) deals_.ids.emplace(b.str(d.id), 0);
  auto index = [&](Sym key, Sym id) {
    if (key.empty()) return;
    auto [it, fresh] = match_index_.emplace(b.str(key), b.str(id));
    if (!fresh) it->second.clear();
  };
  if (match_ == "email")
    for (const Person& p : b.people) index(p.email, p.id);
  if (o.kind == ImportKind::people)
    for (const Person& p : b.people) index(p.name, p.id);
  if (o.kind == ImportKind::customers)
    for (const Customer& c : b.customers) index(c.name, c.id);
  if (match_ == "title")
    for (const Deal& d : b.deals) index(d.title, d.id);
}

bool RowImporter::mapped(std::string_view field) const {
  for (std::size_t i = 0; i < fields_.size(); ++i)
    if (fields_[i] == field) return column_[i] >= 0;
  return false;
}

std::string RowImporter::column_name(std::string_view field) const {
  for (std::size_t i = 0; i < fields_.size(); ++i)
    if (fields_[i] == field && column_[i] >= 0) return header_[static_cast<std::size_t>(column_[i])];
  return std::string(field);
}

std::string RowImporter::value(const CsvRecord& r, std::string_view field) const {
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i] != field || column_[i] < 0) continue;
    auto c = static_cast<std::size_t>(column_[i]);
    std::string v = c < r.fields.size() ? trim(r.fields[c]) : std::string{};
    for (const ValueMap& m : o_.values)
      if (m.field == field && m.from == v) return m.to;
    return v;
  }
  return {};
}

bool RowImporter::check_required() {
  auto need = [&](std::initializer_list<const char*> any, const char* what) {
    for (const char* f : any)
      if (mapped(f)) return true;
    change_.fail(fmt::format(N_("no column for {}: name one with --map COLUMN={}"), what, *any.begin()));
    return false;
  };
  if (o_.update && !match_.empty() && o_.kind != ImportKind::deals) return true;  // rows only change records
  switch (o_.kind) {
    case ImportKind::people:
      return need({"name", "id"}, N_("the person's name"));
    case ImportKind::customers:
      return need({"name", "id"}, N_("the customer's name"));
    case ImportKind::deals:
      return need({"owner"}, N_("the deal's owner")) && need({"stage"}, N_("the deal's stage"));
  }
  return true;
}

std::optional<Date> RowImporter::date(const CsvRecord& r, std::string_view field, std::string& why) const {
  std::string v = value(r, field);
  if (v.empty()) return std::nullopt;
  auto d = parse_date_with(v, o_.date_format);
  if (!d && why.empty())
    why = fmt::format(
        N_("{} '{}' is not a date ({})"), column_name(field), v,
        o_.date_format.empty() ? N_("YYYY-MM-DD; --date-format reads others") : "YYYY-MM-DD or " + o_.date_format);
  return d;
}

std::string RowImporter::unique_id(std::string base, const Known& known) const {
  if (!known.ids.contains(base)) return base;
  for (int n = 2;; ++n)
    if (std::string id = fmt::format("{}-{}", base, n); !known.ids.contains(id)) return id;
}

std::string RowImporter::next_number(const std::string& prefix, const Known& known) {
  auto it = counters_.find(prefix);
  if (it == counters_.end()) {
    std::vector<std::string_view> ids;
    ids.reserve(known.ids.size());
    for (auto& [id, line] : known.ids) ids.push_back(id);
    std::string first = next_id(prefix, 4, ids);
    it = counters_.emplace(prefix, std::stoull(first.substr(prefix.size()))).first;
  }
  std::string id;
  do id = fmt::format("{}{:04}", prefix, it->second++);
  while (known.ids.contains(id));
  return id;
}

std::string RowImporter::person(const std::string& v, const std::string& team, const char* role, Pending& p,
                                std::string& why) {
  if (std::string id = people_.find(v); !id.empty()) return id;
  for (auto& [id, name] : p.person_names)
    if (id == v || name == v) return id;
  if (team.empty()) {
    why = fmt::format(N_("no person '{}' in the book (--team TEAM creates the people rows name)"), v);
    return {};
  }
  std::string base = id_from_name(v, '.');
  std::string id = base.empty() ? next_number("P-", people_) : unique_id(base, people_);
  for (auto& [pid, name] : p.person_names)
    if (pid == id) id += "-2";
  std::vector<YamlField> f{{"id", YamlValue::text(id)},
                           {"name", YamlValue::text(v)},
                           {"team", YamlValue::text(team)},
                           {"role", YamlValue::text(role)}};
  p.people.emplace_back(id, YamlValue::map(std::move(f)));
  p.person_names.emplace_back(id, v);
  p.notes.push_back(fmt::format("person {}", id));
  return id;
}

std::string RowImporter::team(const std::string& v, const std::string& parent, const std::string& manager, Pending& p,
                              std::string& why) {
  if (std::string id = teams_.find(v); !id.empty()) return id;
  for (auto& [id, name] : p.team_names)
    if (id == v || name == v) return id;
  std::string base = id_from_name(v, '-');
  std::string id = base.empty() ? next_number("T-", teams_) : unique_id(base, teams_);
  for (auto& [tid, name] : p.team_names)
    if (tid == id) id += "-2";
  p.team_names.emplace_back(id, v);  // before its parent and manager, who may name it
  std::vector<YamlField> f{{"id", YamlValue::text(id)}, {"name", YamlValue::text(v)}};
  if (!parent.empty()) {
    std::string parent_id = team(parent, {}, {}, p, why);
    if (parent_id.empty()) return {};
    f.push_back({"parent", YamlValue::text(parent_id)});
  }
  if (!manager.empty()) {
    std::string m = person(manager, id, "manager", p, why);
    if (m.empty()) return {};
    f.push_back({"manager", YamlValue::text(m)});
  }
  // Parents come first in team.yaml, so a team is added after the teams it names.
  p.teams.emplace_back(id, YamlValue::map(std::move(f)));
  p.notes.push_back(fmt::format("team {}", id));
  return id;
}

void RowImporter::keep(Pending& p, std::uint32_t line) {
  for (auto& [id, name] : p.team_names) teams_.add(id, name, line);
  for (auto& [id, name] : p.person_names) people_.add(id, name, line);
  for (auto& [id, v] : p.teams) p.records.push_back({"created", "team", id, "team.yaml", {}});
  for (auto& [id, v] : p.people) p.records.push_back({"created", "person", id, "team.yaml", {}});
  for (auto& [id, name] : p.customer_names) customers_.add(id, name, line);
  for (auto& f : p.customer_files) customer_files_.push_back(std::move(f));
  change_.customers += p.customer_files.size();
  for (auto& [id, v] : p.teams) new_teams_.push_back(std::move(v));
  for (auto& [id, v] : p.people) new_people_.push_back(std::move(v));
  change_.teams += p.teams.size();
  change_.people += p.people.size();
}

void RowImporter::skip(std::uint32_t line, std::string reason, std::string why) {
  ++change_.skipped;
  report_({line, ImportOutcome::Action::skipped, std::move(why), std::move(reason), {}});
}

void RowImporter::created(std::uint32_t line, std::string note, std::vector<EditedRecord> records) {
  report_({line, ImportOutcome::Action::created, std::move(note), {}, std::move(records)});
}

void RowImporter::row(const CsvRecord& r) {
  ++change_.rows;
  if (r.fields.size() != header_.size()) {
    skip(r.line, N_("wrong number of fields"),
         fmt::format(N_("{} fields where the header has {}"), r.fields.size(), header_.size()));
    return;
  }
  if (o_.kind == ImportKind::people)
    person_row(r);
  else if (o_.kind == ImportKind::customers)
    customer_row(r);
  else
    deal_row(r);
}

std::optional<std::string> RowImporter::matched(const CsvRecord& r, const char* kind, const Known& known,
                                                const std::string& key, const std::string& id) {
  std::string why;
  std::string found = existing(r, known, key, why);
  if (!why.empty()) {
    skip(r.line, N_("ambiguous match"), why);
    return std::nullopt;
  }
  if (!found.empty() && !may_update(r.line, kind, found, known)) return std::nullopt;
  if (found.empty() && !id.empty() && !valid_id(id)) {
    skip(r.line, N_("not an id"), fmt::format(N_("'{}' is not an id"), id));
    return std::nullopt;
  }
  return found;
}

void RowImporter::person_row(const CsvRecord& r) {
  std::string id = value(r, "id"), name = value(r, "name");
  if (name.empty()) name = id;
  auto match = matched(r, "person", people_, id.empty() ? name : id, id);
  if (!match) return;
  const std::string& known = *match;
  if (name.empty() && known.empty()) return skip(r.line, N_("no name"), N_("no name"));
  std::string why;
  std::string role = lower(value(r, "role"));
  if (role.empty() && known.empty()) role = "rep";
  if (!role.empty() && role != "rep" && role != "manager" && role != "director" && role != "ops")
    return skip(r.line, N_("unknown role"),
                fmt::format(N_("unknown role '{}': roles are rep, manager, director, ops"), role));
  auto joined = date(r, "joined", why), left = date(r, "left", why);
  if (!why.empty()) return skip(r.line, N_("not a date"), why);
  std::string team_value = value(r, "team");
  if (team_value.empty() && known.empty()) team_value = o_.team;
  if (team_value.empty() && known.empty())
    return skip(r.line, N_("no team"), fmt::format(N_("no team for '{}'"), name));
  Pending p;
  std::string team_id;
  if (!team_value.empty() &&
      (team_id = team(team_value, value(r, "team_parent"), value(r, "team_manager"), p, why)).empty())
    return skip(r.line, N_("unknown person"), why);
  if (!known.empty()) return update_person(r, *book_.person(known), p, team_id, role, joined, left);
  // The row's own person may have been created as its team's manager just now.
  std::string pid = id.empty() ? std::string{} : id;
  for (auto& [cid, cname] : p.person_names)
    if (cname == name) pid = cid;
  bool fresh = true;
  for (auto& [cid, cname] : p.person_names)
    if (cid == pid) fresh = false;
  if (fresh) {
    if (pid.empty()) {
      std::string base = id_from_name(name, '.');
      pid = base.empty() ? next_number("P-", people_) : unique_id(base, people_);
    }
    std::vector<YamlField> f{{"id", YamlValue::text(pid)},
                             {"name", YamlValue::text(name)},
                             {"team", YamlValue::text(team_id)},
                             {"role", YamlValue::text(role)}};
    put(f, "email", value(r, "email"));
    put_date(f, "joined", joined);
    put_date(f, "left", left);
    p.people.emplace_back(pid, YamlValue::map(std::move(f)));
    p.person_names.emplace_back(pid, name);
  }
  std::string note = fmt::format(N_("created person {} (team {})"), pid, team_id);
  for (auto& n : p.notes)
    if (n != "person " + pid) note += ", " + n;
  keep(p, r.line);
  created(r.line, std::move(note), std::move(p.records));
}

void RowImporter::customer_row(const CsvRecord& r) {
  std::string id = value(r, "id"), name = value(r, "name");
  if (name.empty()) name = id;
  auto match = matched(r, "customer", customers_, id.empty() ? name : id, id);
  if (!match) return;
  const std::string& known = *match;
  if (name.empty() && known.empty()) return skip(r.line, N_("no name"), N_("no name"));
  std::string tier = value(r, "tier");
  for (char& c : tier) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!tier.empty() && tier != "A" && tier != "B" && tier != "C")
    return skip(r.line, N_("unknown tier"), fmt::format(N_("unknown tier '{}': tiers are A, B, C"), tier));
  std::string segment = value(r, "segment");
  auto& segments = book_.config.segments;
  if (!segment.empty() && !segments.empty() && std::find(segments.begin(), segments.end(), segment) == segments.end())
    return skip(r.line, N_("unlisted segment"),
                fmt::format(N_("segment '{}' is not in salesops.toml's list"), segment));
  std::string why;
  auto since = date(r, "since", why);
  if (!why.empty()) return skip(r.line, N_("not a date"), why);
  Pending p;
  std::string owner_value = value(r, "owner"), owner;
  if (!owner_value.empty() && (owner = person(owner_value, o_.team, "rep", p, why)).empty())
    return unknown_people_.add(owner_value, r.line);
  if (!known.empty()) return update_customer(r, *book_.customer(known), p, owner, tier, since);
  if (id.empty()) id = next_number("C-", customers_);
  std::string file = fmt::format("customers/{}.yaml", id);
  if (std::find(book_.files.begin(), book_.files.end(), file) != book_.files.end())
    return skip(r.line, N_("file exists"), fmt::format(N_("{} already exists"), file));
  std::vector<YamlField> custom;
  if (auto bad = custom_fields(book_, book_.config.fields.customer, [&](std::string_view k) { return value(r, k); }, custom);
      !bad.empty())
    return skip(r.line, N_("bad custom field"), bad);
  std::vector<YamlEdit> edits;
  auto set = [&](const char* key, YamlValue v) { edits.push_back(YamlEdit::set(YamlPath{}.key(key), std::move(v))); };
  set("id", YamlValue::text(id));
  set("name", YamlValue::text(name));
  if (!owner.empty()) set("owner", YamlValue::text(owner));
  for (auto [key, v] : {std::pair{"tier", tier},
                        {"segment", segment},
                        {"industry", value(r, "industry")},
                        {"region", value(r, "region")},
                        {"source", value(r, "source")}})
    if (!v.empty()) set(key, YamlValue::text(v));
  if (since) set("since", YamlValue::literal(format_date(*since)));
  std::vector<YamlField> contact;
  for (const char* k : {"name", "title", "phone", "email"}) put(contact, k, value(r, std::string("contact_") + k));
  if (!contact.empty()) set("contacts", YamlValue::list({YamlValue::map(std::move(contact))}));
  for (YamlField& c : custom) set(c.key.c_str(), std::move(c.value));
  customer_files_.push_back({file, std::move(edits)});
  customers_.add(id, name, r.line);
  ++change_.customers;
  std::string note = fmt::format(N_("created customer {} ({})"), id, name);
  for (auto& n : p.notes) note += ", " + n;
  p.records.push_back({"created", "customer", id, file, {}});
  keep(p, r.line);
  created(r.line, std::move(note), std::move(p.records));
}

std::string RowImporter::deal_customer(const std::string& name, const std::string& owner, Pending& p) {
  if (std::string id = customers_.find(name); !id.empty()) return id;
  std::string id = next_number("C-", customers_);
  std::string file = fmt::format("customers/{}.yaml", id);
  p.customer_files.push_back({file,
                              {YamlEdit::set(YamlPath{}.key("id"), YamlValue::text(id)),
                               YamlEdit::set(YamlPath{}.key("name"), YamlValue::text(name)),
                               YamlEdit::set(YamlPath{}.key("owner"), YamlValue::text(owner))}});
  p.customer_names.emplace_back(id, name);
  p.notes.push_back(fmt::format(N_("customer {} ({})"), id, name));
  p.records.push_back({"created", "customer", id, file, {}});
  return id;
}

void RowImporter::deal_row(const CsvRecord& r) {
  const auto& stages = book_.config.stages;
  std::string stage_value = value(r, "stage");
  if (stage_value.empty()) return skip(r.line, N_("no stage"), N_("no stage"));
  std::string stage_name = stage_value;
  for (auto& [from, to] : o_.stage_map)
    if (from == stage_value) stage_name = to;
  std::optional<std::uint8_t> stage = book_.config.stage_index(stage_name);
  for (std::size_t i = 0; !stage && i < stages.size(); ++i)
    if (lower(stages[i].name) == lower(stage_name)) stage = static_cast<std::uint8_t>(i);
  if (!stage) return unknown_stages_.add(stage_value, r.line);
  DealValues v;
  v.stage = *stage;
  const bool open = stages[*stage].open, lost = *stage == book_.config.lost;
  std::string id = value(r, "id"), why;
  auto match = matched(r, "deal", deals_, id, id);
  if (!match) return;
  const std::string& known = *match;
  v.opened = date(r, "opened", why), v.expected = date(r, "expected_close", why), v.closed = date(r, "closed", why);
  if (!why.empty()) return skip(r.line, N_("not a date"), why);
  if (std::string a = value(r, "amount"); !a.empty()) {
    MoneyError e;
    v.amount = parse_money(a, &e);
    if (!v.amount)
      return skip(r.line, N_("bad amount"), fmt::format("{} '{}': {}", column_name("amount"), a, money_error_text(e)));
    if (v.amount->cents < 0)
      return skip(r.line, N_("bad amount"), fmt::format(N_("{} '{}' is negative"), column_name("amount"), a));
  }
  // An open deal's close date is when it is expected to close.
  if (open && v.closed) {
    if (!v.expected) v.expected = v.closed;
    v.closed.reset();
  }
  v.customer = value(r, "customer");
  std::string owner_value = value(r, "owner");
  if (owner_value.empty() && known.empty()) return skip(r.line, N_("no owner"), N_("no owner"));
  if (!open && known.empty()) {
    std::vector<std::string> lacking;
    if (v.customer.empty()) lacking.push_back(column_name("customer"));
    if (!v.amount) lacking.push_back(column_name("amount"));
    if (!v.opened) lacking.push_back(column_name("opened"));
    if (!v.closed) lacking.push_back(column_name("closed"));
    if (!lacking.empty())
      return skip(r.line, N_("incomplete won or lost deal"),
                  fmt::format(N_("a {} deal needs customer, amount, opened and closed: no {}"), stages[*stage].name,
                              fmt::join(lacking, ", no ")));
  }
  if (v.opened && v.closed && *v.closed < *v.opened)
    return skip(r.line, N_("closed before opened"),
                fmt::format(N_("closed {} before it opened {}"), format_date(*v.closed), format_date(*v.opened)));
  if (!known.empty()) {
    v.owner = owner_value;
    return update_deal(r, *book_.deal(known), v);
  }
  Pending p;
  std::string owner = person(owner_value, o_.team, "rep", p, why);
  if (owner.empty()) return unknown_people_.add(owner_value, r.line);
  const int year = static_cast<int>(ymd(v.opened ? *v.opened : o_.today).year());
  if (id.empty()) id = next_number(fmt::format("D-{}-", year), deals_);
  std::vector<YamlField> custom;
  if (auto bad = custom_fields(book_, book_.config.fields.deal, [&](std::string_view k) { return value(r, k); }, custom);
      !bad.empty())
    return skip(r.line, N_("bad custom field"), bad);
  std::string customer_id = v.customer.empty() ? std::string{} : deal_customer(v.customer, owner, p);
  std::vector<YamlField> f{{"id", YamlValue::text(id)}};
  put(f, "customer", customer_id);
  put(f, "owner", owner);
  put(f, "title", value(r, "title"));
  put(f, "product", value(r, "product"));
  if (v.amount) f.push_back({"amount", YamlValue::literal(format_money_short(*v.amount))});
  f.push_back({"stage", YamlValue::text(stages[*stage].name)});
  put_date(f, "opened", v.opened);
  put_date(f, "expected_close", v.expected);
  put_date(f, "closed", v.closed);
  if (lost) put(f, "lost_reason", value(r, "lost_reason"));
  // A closed deal's history ends on the day it closed, so that a later `deal move` starts
  // from there and invents no move on its opening day.
  if (v.closed)
    f.push_back({"history", YamlValue::list({YamlValue::map({{"date", YamlValue::literal(format_date(*v.closed))},
                                                             {"stage", YamlValue::text(stages[*stage].name)}},
                                                            true)})});
  for (YamlField& c : custom) f.push_back(std::move(c));
  std::string file =
      v.opened ? "deals/" + format_date(*v.opened).substr(0, 7) + ".yaml" : std::string("deals/undated.yaml");
  auto& [lines, count] = deal_files_[file];
  append_block_item(YamlValue::map(std::move(f)), lines);
  ++count;
  deals_.ids.emplace(id, r.line);
  ++change_.deals;
  std::string note = fmt::format(N_("created deal {}"), id);
  for (auto& n : p.notes) note += ", " + n;
  std::vector<EditedRecord> records{{"created", "deal", id, file, {}}};
  keep(p, r.line);
  records.insert(records.end(), p.records.begin(), p.records.end());
  created(r.line, std::move(note), std::move(records));
}

void RowImporter::finish() {
  if (unknown_stages_.rows()) {
    std::vector<std::string> theirs;
    for (auto& [v, u] : unknown_stages_.values) theirs.push_back(v + "=OURS");
    change_.fail(unknown_stages_.rows() == 1
                     ? fmt::format(N_("{} row names a stage the book does not have: {}"), 1, unknown_stages_.list())
                     : fmt::format(N_("{} rows name a stage the book does not have: {}"), unknown_stages_.rows(),
                                   unknown_stages_.list()),
                 fmt::format(N_("map each to one of the book's stages ({}) with --stage-map \"{}\""),
                             book_.config.stage_list(), fmt::join(theirs, ",")));
  }
  if (unknown_people_.rows())
    change_.fail(unknown_people_.rows() == 1
                     ? fmt::format(N_("{} row names a person the book does not have: {}"), 1, unknown_people_.list())
                     : fmt::format(N_("{} rows name a person the book does not have: {}"), unknown_people_.rows(),
                                   unknown_people_.list()),
                 N_("import them first (salesops import people), or give --team TEAM to create them as reps of TEAM"));
  if (!change_.ok()) return;
  for (auto& [file, edits] : updates_) change_.edits.push_back({file, std::move(edits)});
  if (!new_teams_.empty() || !new_people_.empty()) {
    FileEdit team_file{"team.yaml", {}};
    for (auto& t : new_teams_) team_file.edits.push_back(YamlEdit::append(YamlPath{}.key("teams"), std::move(t)));
    for (auto& p : new_people_) team_file.edits.push_back(YamlEdit::append(YamlPath{}.key("people"), std::move(p)));
    change_.edits.push_back(std::move(team_file));
  }
  for (auto& f : customer_files_) change_.edits.push_back(std::move(f));
  for (auto& [file, deals] : deal_files_)
    change_.edits.push_back({file, {YamlEdit::append_lines(YamlPath{}, std::move(deals.first), deals.second)}});
}

}  // namespace salesops::core
