#include "core/load/context.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

#include "core/base/escape.hpp"
#include "core/base/i18n.hpp"
#include "core/base/suggest.hpp"

namespace salesops::core {

namespace {

const char* kind_name(RefKind k) {
  switch (k) {
    case RefKind::person: return "person";
    case RefKind::team: return "team";
    case RefKind::owner: return "person or team";
    case RefKind::customer: return "customer";
    case RefKind::target: return "target";
    case RefKind::plan: return "plan";
    case RefKind::deal: return "deal";
    default: return "record";
  }
}

bool is_id(std::string_view s) {
  if (s.empty()) return false;
  auto alnum = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(s[0])) return false;
  for (char c : s) if (!alnum(c) && c != '.' && c != '_' && c != '-') return false;
  return true;
}

}  // namespace

std::string shown(std::string_view value) {
  constexpr std::size_t kMax = 80, kKeep = 60;
  if (value.size() <= kMax) return std::string(value);
  std::size_t cut = kKeep;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;  // whole characters
  return fmt::format("{}… ({} bytes)", value.substr(0, cut), value.size());
}

std::uint32_t columns(std::string_view text) {
  auto n = std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
  return static_cast<std::uint32_t>(std::max<std::ptrdiff_t>(1, n));
}

RefSnapshot::RefSnapshot(const Book& b) : text(b.strings) {
  auto fill = [&](Ids& set, const auto& records) {
    for (const auto& r : records) set.add(r.id);
  };
  fill(people, b.people);
  fill(teams, b.teams);
  fill(customers, b.customers);
  fill(targets, b.targets);
  fill(plans, b.plans);
}

bool LoadContext::exists(RefKind kind, std::string_view id) const {
  if (lookup) {
    const RefSnapshot& s = *lookup;
    switch (kind) {
      case RefKind::person: return s.people.has(id);
      case RefKind::team: return id == "company" || s.teams.has(id);
      case RefKind::owner: return id == "company" || s.teams.has(id) || s.people.has(id);
      case RefKind::customer: return s.customers.has(id);
      case RefKind::target: return s.targets.has(id);
      case RefKind::plan: return s.plans.has(id);
      default: return true;
    }
  }
  switch (kind) {
    case RefKind::person: return book.person(id) != nullptr;
    case RefKind::team: return id == "company" || book.team(id) != nullptr;
    case RefKind::owner: return id == "company" || book.team(id) || book.person(id);
    case RefKind::customer: return book.customer(id) != nullptr;
    case RefKind::target: return book.target(id) != nullptr;
    case RefKind::plan: return book.plan(id) != nullptr;
    case RefKind::deal: return book.deal(id) != nullptr;
    default: return true;
  }
}

void LoadContext::ref(RefKind kind, Sym value, Mark at, std::uint32_t length, const char* field) {
  if (value.empty()) return;
  if (!loaded[static_cast<std::size_t>(kind)]) {
    if (drop_found[static_cast<std::size_t>(kind)] && exists(kind, book.text(value))) return;
    pending.push_back({kind, value, at, length, field});
    return;
  }
  if (exists(kind, book.text(value))) return;
  if (partial[static_cast<std::size_t>(kind)]) return;
  diags.error("missing-ref", book.location(at, length),
              fmt::format(N_("{} '{}' refers to no {}"), field, shown(book.text(value)), kind_name(kind)));
}

void LoadContext::resolve_pending() {
  std::vector<PendingRef> refs = std::move(pending);
  pending.clear();
  for (auto& p : refs) ref(p.kind, p.value, p.at, p.length, p.field);
}

bool enter_document(YamlReader& r) {
  if (!r.next()) return false;
  if (r.kind() == YamlReader::Kind::stream_end) return false;
  if (r.kind() != YamlReader::Kind::document_start) return false;
  return r.next();
}

std::optional<std::string_view> Fields::scalar(std::string_view field) {
  if (r_.kind() == YamlReader::Kind::scalar) {
    if (r_.is_null()) return std::nullopt;
    // Only a quoted or block scalar can hold a control character (an escape such as "\e");
    // plain ones, nearly every value, are not scanned.
    if (!r_.plain()) warn_control(field, r_.value());
    return r_.value();
  }
  r_.reject("field-type", fmt::format(N_("'{}' must be a single value, not a {}"), field,
                                      r_.kind() == YamlReader::Kind::sequence_start ? "list" : "mapping"));
  return std::nullopt;
}

void Fields::warn_control(std::string_view field, std::string_view value) {
  std::size_t at = find_control(value, 0, "\t\n");
  if (at == std::string_view::npos) return;
  r_.warning("control-character", fmt::format(N_("'{}' holds a control character ({})"), field, control_at(value, at)),
             N_("a terminal or a spreadsheet may take it as a command; salesops prints it escaped"));
}

Sym Fields::text(std::string_view field) {
  auto v = scalar(field);
  return v ? ctx_.book.strings.store_text(*v) : Sym{};
}

Sym Fields::word(std::string_view field) {
  auto v = scalar(field);
  return v ? ctx_.book.strings.intern(*v) : Sym{};
}

Sym Fields::read_ref(const char* field, RefKind kind) {
  auto v = scalar(field);
  if (!v) return Sym{};
  Sym s = ctx_.book.strings.intern(*v);
  ctx_.ref(kind, s, r_.mark(), r_.span(), field);
  return s;
}

Day Fields::date(std::string_view field) {
  auto v = scalar(field);
  if (!v) return {};
  if (auto d = parse_date(*v)) return *d;
  bool shaped = v->size() == 10 && (*v)[4] == '-' && (*v)[7] == '-';
  r_.error("date", shaped ? fmt::format(N_("'{}' is not a date in the calendar"), *v)
                          : fmt::format(N_("'{}' must be a date YYYY-MM-DD, not '{}'"), field, shown(*v)));
  return {};
}

std::optional<Money> Fields::money(std::string_view field) {
  auto v = scalar(field);
  if (!v) return std::nullopt;
  MoneyError err = MoneyError::none;
  if (auto m = parse_money(*v, &err)) return m;
  switch (err) {
    case MoneyError::too_many_decimals:
      r_.error("money", fmt::format(N_("'{}' has more than two decimals: {}"), field, shown(*v)),
               N_("money is kept to the cent"));
      break;
    case MoneyError::too_large:
      r_.error("money", fmt::format(N_("'{}' is too large: {}"), field, shown(*v)), money_error_text(err));
      break;
    default:
      r_.error("money",
               fmt::format(N_("'{}' must be an amount such as 12500 or 12500.50, not '{}'"), field, shown(*v)));
  }
  return std::nullopt;
}

std::optional<std::int64_t> Fields::integer(std::string_view field, std::int64_t min, std::int64_t max) {
  auto v = scalar(field);
  if (!v) return std::nullopt;
  std::int64_t out = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  bool whole = p == v->data() + v->size();
  if (ec == std::errc::result_out_of_range && whole) {
    r_.error("field-range", fmt::format(N_("'{}' must be from {} to {}, not {}"), field, min, max, shown(*v)));
    return std::nullopt;
  }
  if (ec != std::errc{} || !whole) {
    r_.error("field-type", fmt::format(N_("'{}' must be a whole number, not '{}'"), field, shown(*v)));
    return std::nullopt;
  }
  if (out < min || out > max) {
    r_.error("field-range", fmt::format(N_("'{}' must be from {} to {}, not {}"), field, min, max, out));
    return std::nullopt;
  }
  return out;
}

std::optional<double> Fields::number(std::string_view field) {
  auto v = scalar(field);
  if (!v) return std::nullopt;
  double out = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec == std::errc::result_out_of_range && p == v->data() + v->size()) {
    r_.error("field-range", fmt::format(N_("'{}' is too large: {}"), field, shown(*v)));
    return std::nullopt;
  }
  if (ec != std::errc{} || p != v->data() + v->size() || !std::isfinite(out)) {
    r_.error("field-type", fmt::format(N_("'{}' must be a number, not '{}'"), field, shown(*v)));
    return std::nullopt;
  }
  return out;
}

std::optional<bool> Fields::boolean(std::string_view field) {
  auto v = scalar(field);
  if (!v) return std::nullopt;
  if (*v == "true" || *v == "yes") return true;
  if (*v == "false" || *v == "no") return false;
  r_.error("field-type", fmt::format(N_("'{}' must be true or false, not '{}'"), field, shown(*v)));
  return std::nullopt;
}

std::vector<Sym> Fields::words(std::string_view field) {
  std::vector<Sym> out;
  if (r_.is_null()) return out;
  if (r_.kind() == YamlReader::Kind::scalar) {  // a single value stands for a list of one
    out.push_back(ctx_.book.strings.intern(r_.value()));
    return out;
  }
  if (r_.kind() != YamlReader::Kind::sequence_start) {
    r_.reject("field-type", fmt::format(N_("'{}' must be a list"), field));
    return out;
  }
  r_.each_item([&] {
    if (auto v = scalar(field)) out.push_back(ctx_.book.strings.intern(*v));
  });
  return out;
}

bool Fields::valid_id(std::string_view id, Mark at) {
  if (is_id(id)) return true;
  ctx_.diags.error("id-format", r_.location_of(at, columns(id)), fmt::format(N_("'{}' is not a valid id"), shown(id)),
                   N_("ids are letters, digits, '.', '_' and '-', starting with a letter or digit"));
  return false;
}

void Fields::duplicate(const char* kind, std::string_view id, Mark at, Mark first) {
  const Book& b = ctx_.book;
  ctx_.diags.error("duplicate-id", b.location(at, columns(id)),
                   fmt::format(N_("{} id '{}' is already used at {}:{}:{}"), kind, id, b.files[first.file], first.line,
                               first.column));
}

namespace {

/// "deals", "history entries": the record kind counted in a repeated finding.
std::string plural_of(std::string_view kind) {
  // The plurals of the record kinds, marked for translation; any other kind by the rule below.
  static constexpr std::pair<std::string_view, const char*> kPlurals[] = {
      {"team", N_("teams")},
      {"person", N_("persons")},
      {"contact", N_("contacts")},
      {"interaction", N_("interactions")},
      {"survey", N_("surveys")},
      {"customer", N_("customers")},
      {"history entry", N_("history entries")},
      {"deal", N_("deals")},
      {"target", N_("targets")},
      {"segment", N_("segments")},
      {"strategy", N_("strategies")},
      {"action", N_("actions")},
      {"plan", N_("plans")},
      {"follow-up", N_("follow-ups")},
      {"session", N_("sessions")},
      {"attendee", N_("attendees")},
      {"training", N_("trainings")},
      {"figure", N_("figures")},
      {"review", N_("reviews")},
      {"tier", N_("tiers")},
      {"spiff", N_("spiffs")},
      {"reward plan", N_("reward plans")},
      {"grant", N_("grants")},
      {"rate", N_("rates")},
  };
  for (const auto& [singular, plural] : kPlurals)
    if (singular == kind) return plural;
  if (kind.size() > 1 && kind.back() == 'y' && std::string_view("aeiou").find(kind[kind.size() - 2]) == std::string_view::npos)
    return std::string(kind.substr(0, kind.size() - 1)) + "ies";
  return std::string(kind) + "s";
}

}  // namespace

void Fields::unknown(std::string_view key, Mark at, const schema::RecordSchema& record) {
  // The same key on every record is one finding, counted: after its first occurrence, an
  // unknown key costs a look-up and, while there is room, a location.
  group_.assign("unknown-key\x1f");
  group_.append(record.kind).append("\x1f").append(key);
  if (ctx_.diags.repeat(group_, [&] { return r_.location_of(at, r_.key_span()); })) {
    r_.skip_value();
    return;
  }
  auto [known, fresh] = ctx_.unknown_keys.try_emplace(group_);
  Diagnostic& d = known->second;
  if (fresh) {
    std::vector<std::string> names;
    names.reserve(record.fields.size());
    for (const schema::FieldSpec& field : record.fields) names.emplace_back(field.key);
    std::string hint;
    if (auto s = closest_match(key, names))
      hint = fmt::format(N_("did you mean '{}'?"), *s);
    else if (record.kind == "deal" || record.kind == "customer")
      hint = fmt::format(N_("declare it under [fields.{}] in salesops.toml, or remove it"), record.kind);
    d = Diagnostic{Severity::warning, "unknown-key", {},
                   fmt::format(N_("unknown key '{}' is kept but ignored"), shown(key)), std::move(hint)};
    d.group = group_;
    d.subject = fmt::format(N_("unknown key '{}'"), shown(key));
    d.plural = plural_of(record.kind);
  }
  Diagnostic found = d;
  found.where = r_.location_of(at, r_.key_span());
  ctx_.diags.add(std::move(found));
  r_.skip_value();
}

void Fields::missing(std::string_view field, Mark at, std::string_view record) {
  ctx_.diags.error("missing-field", r_.location_of(at), fmt::format(N_("{} has no '{}'"), record, field));
}

std::optional<double> Fields::number(const schema::FieldSpec& s) {
  auto v = number(s.key);
  if (v && s.bounded && (*v < static_cast<double>(s.min) || *v > static_cast<double>(s.max))) {
    r_.error("field-range", fmt::format(N_("'{}' must be from {} to {}"), s.key, s.min, s.max));
    return std::nullopt;
  }
  return v;
}

std::optional<std::size_t> Fields::choice(const schema::FieldSpec& s) {
  auto v = scalar(s.key);
  if (!v) return std::nullopt;
  for (std::size_t i = 0; i < s.values.size(); ++i)
    if (*v == s.values[i]) return i;
  r_.error(s.rule, fmt::format(N_("unknown {} '{}'"), s.what, shown(*v)),
           fmt::format(fmt::runtime(s.hint), schema::list_values(s)));
  return std::nullopt;
}

Sym Fields::choice_word(const schema::FieldSpec& s, bool keep_unknown) {
  auto v = scalar(s.key);
  if (!v) return {};
  if (std::find(s.values.begin(), s.values.end(), *v) == s.values.end()) {
    r_.error(s.rule, fmt::format(N_("unknown {} '{}'"), s.what, shown(*v)),
             fmt::format(fmt::runtime(s.hint), schema::list_values(s)));
    if (!keep_unknown) return {};
  }
  return ctx_.book.strings.intern(*v);
}

void read_custom_or_unknown(Fields& f, const std::vector<CustomField>& declared, std::string_view key, Mark key_at,
                            const schema::RecordSchema& schema, CustomRead& out) {
  int i = CustomFields::index(declared, key);
  if (i < 0) return f.unknown(key, key_at, schema);
  const CustomField& field = declared[static_cast<std::size_t>(i)];
  YamlReader& r = f.reader();
  Mark at = r.mark();
  std::uint32_t span = r.span();
  auto v = f.scalar(field.key);
  if (!v) return;
  if (auto problem = custom_value_problem(field, *v)) return r.error(problem->rule, problem->message, problem->hint);
  Book& b = f.book();
  Sym value = field.type == CustomType::text ? b.strings.store_text(*v) : b.strings.intern(*v);
  if (field.type == CustomType::ref) f.ctx().ref(field.ref, value, at, span, field.key.c_str());
  out.emplace_back(static_cast<std::uint16_t>(i), value);
}

}  // namespace salesops::core
