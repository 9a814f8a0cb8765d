#include "core/deals/edits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/base/i18n.hpp"
#include "core/base/ids.hpp"
#include "core/base/suggest.hpp"
#include "core/book/field_place.hpp"
#include "core/book/placement.hpp"
#include "core/book/schema.hpp"
#include "core/deals/pipeline.hpp"

namespace salesops::core {

namespace {

WriteChange refuse(std::string rule, Location where, std::string message, std::string hint = {}) {
  WriteChange c;
  c.refused = Diagnostic{Severity::error, std::move(rule), std::move(where), std::move(message), std::move(hint)};
  return c;
}

template <class Rec>
std::string did_you_mean(std::string_view id, const std::vector<Rec>& records, const Book& book) {
  std::vector<std::string> ids;
  ids.reserve(records.size());
  for (const Rec& r : records) ids.push_back(book.str(r.id));
  auto near = closest_match(id, ids);
  return near ? fmt::format(N_("did you mean {}?"), *near) : std::string{};
}

bool valid_id(std::string_view id) {
  if (id.empty() || !std::isalnum(static_cast<unsigned char>(id[0]))) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
  });
}

YamlValue history_entry(Date date, const std::string& stage, const std::string& reason = {}) {
  std::vector<YamlField> fields = {{"date", YamlValue::literal(format_date(date))}, {"stage", YamlValue::text(stage)}};
  if (!reason.empty()) fields.push_back({"reason", YamlValue::text(reason)});
  return YamlValue::map(std::move(fields), true);
}

}  // namespace

WriteChange deal_add_change(const Book& book, const NewDeal& n, Date today) {
  const Config& config = book.config;
  const char* rule = "deal-add";
  if (!book.person(n.owner))
    return refuse(rule, {}, fmt::format(N_("unknown owner '{}'"), n.owner), did_you_mean(n.owner, book.people, book));
  if (const Person* p = book.person(n.owner); p->left && *p->left < n.opened)
    return refuse(rule, book.location(p->at),
                  fmt::format(N_("{} left on {}: a deal opened {} cannot be theirs"), n.owner, format_date(*p->left),
                              format_date(n.opened)),
                  N_("give it to a person who is here (--owner)"));
  if (!n.customer.empty() && !book.customer(n.customer))
    return refuse(rule, {}, fmt::format(N_("unknown customer '{}'"), n.customer),
                  did_you_mean(n.customer, book.customers, book));
  std::string stage = n.stage.empty() ? config.stages.front().name : n.stage;
  auto index = config.stage_index(stage);
  if (!index)
    return refuse(rule, {}, fmt::format(N_("unknown stage '{}'"), stage),
                  fmt::format(N_("stages are {}"), config.stage_list()));
  if (!is_open_stage(config, *index))
    return refuse(rule, {}, fmt::format(N_("a new deal cannot be {}"), stage),
                  fmt::format(N_("add it in an open stage, then `salesops deal move ID {}`"), stage));
  if (n.amount && n.amount->cents < 0)
    return refuse(rule, {}, fmt::format(N_("the amount cannot be negative: {}"), format_money(*n.amount)));
  if (n.opened > today)
    return refuse(rule, {},
                  fmt::format(N_("the opened date {} is after today ({})"), format_date(n.opened), format_date(today)),
                  N_("a deal is added when it opens: date it on or before today"));
  if (n.expected_close && *n.expected_close < n.opened)
    return refuse(rule, {},
                  fmt::format(N_("the expected close ({}) is before the opened date ({})"),
                              format_date(*n.expected_close), format_date(n.opened)));

  const auto& declared = config.fields.deal;
  for (const FieldValue& f : n.custom) {
    int i = CustomFields::index(declared, f.key);
    if (i < 0)
      return refuse(rule, {}, fmt::format(N_("'{}' is not a custom field of deals"), f.key),
                    declared.empty() ? N_("declare it under [fields.deal] in salesops.toml")
                                     : N_("the book's deal fields are in salesops.toml, [fields.deal]"));
    if (auto why = custom_field_refusal(book, declared[static_cast<std::size_t>(i)], f.value)) return refuse(rule, {}, *why);
  }

  auto opened = ymd(n.opened);
  WriteChange c;
  if (n.id.empty()) {
    std::vector<std::string_view> ids;
    ids.reserve(book.deals.size());
    for (const Deal& d : book.deals) ids.push_back(book.text(d.id));
    std::string seed = fmt::format("{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}", n.owner, n.customer, n.title, n.product,
                                   n.amount ? format_money_short(*n.amount) : "", stage, format_date(n.opened),
                                   n.expected_close ? format_date(*n.expected_close) : "");
    c.id = new_id(fmt::format("D-{}-", static_cast<int>(opened.year())), seed, ids);
  } else {
    if (!valid_id(n.id))
      return refuse(rule, {}, fmt::format(N_("'{}' is not a valid id"), n.id),
                    N_("an id starts with a letter or digit, then letters, digits, '.', '_' or '-'"));
    if (const Deal* d = book.deal(n.id))
      return refuse(rule, book.location(d->at), fmt::format(N_("deal '{}' already exists"), n.id),
                    N_("choose another --id, or leave it out for a new one"));
    c.id = n.id;
  }
  c.file =
      fmt::format("deals/{:04}-{:02}.yaml", static_cast<int>(opened.year()), static_cast<unsigned>(opened.month()));

  std::vector<YamlField> fields = {{"id", YamlValue::text(c.id)}};
  if (!n.customer.empty()) fields.push_back({"customer", YamlValue::text(n.customer)});
  fields.push_back({"owner", YamlValue::text(n.owner)});
  if (!n.title.empty()) fields.push_back({"title", YamlValue::text(n.title)});
  if (!n.product.empty()) fields.push_back({"product", YamlValue::text(n.product)});
  if (n.amount) fields.push_back({"amount", YamlValue::literal(format_money_short(*n.amount))});
  fields.push_back({"stage", YamlValue::text(stage)});
  fields.push_back({"opened", YamlValue::literal(format_date(n.opened))});
  if (n.expected_close) fields.push_back({"expected_close", YamlValue::literal(format_date(*n.expected_close))});
  fields.push_back({"history", YamlValue::list({history_entry(n.opened, stage)})});
  for (const CustomField& f : declared)  // in declared order, whatever the order given
    for (const FieldValue& v : n.custom)
      if (v.key == f.key && !v.value.empty())
        fields.push_back({f.key, custom_written_plain(f) ? YamlValue::literal(v.value) : YamlValue::text(v.value)});
  auto owners = owners_in_file(book, book.deals, c.file, [](const Deal& d) { return d.owner; });
  c.edits.push_back(
      {c.file,
       {YamlEdit::insert(YamlPath{}, YamlValue::map(std::move(fields)), new_record_place(owners, n.owner, c.id))}});
  c.records.push_back({"created", "deal", c.id, c.file, {}});
  return c;
}

WriteChange deal_move_change(const Book& book, const DealMove& m, Date today) {
  const Config& config = book.config;
  const char* rule = m.disqualify ? "deal-disqualify" : "deal-move";
  const Deal* d = book.deal(m.id);
  if (!d) return refuse(rule, {}, fmt::format(N_("unknown deal '{}'"), m.id), did_you_mean(m.id, book.deals, book));
  Location at = book.location(d->at);
  auto to = m.disqualify ? std::optional<std::uint8_t>(config.lost) : config.stage_index(m.stage);
  if (!to)
    return refuse(rule, {}, fmt::format(N_("unknown stage '{}'"), m.stage),
                  fmt::format(N_("stages are {}"), config.stage_list()));
  const std::string& from_name = config.stages[d->stage].name;
  const std::string& to_name = config.stages[*to].name;
  if (m.disqualify && !is_open_stage(config, d->stage))
    return refuse(rule, at,
                  fmt::format(N_("deal '{}' is already {}: only an open deal is disqualified"), m.id, from_name),
                  N_("reopen it first with `salesops deal move`"));
  if (*to == d->stage) return refuse(rule, at, fmt::format(N_("deal '{}' is already in {}"), m.id, to_name));
  if (m.date > today)
    return refuse(rule, {},
                  fmt::format(N_("the move's date {} is after today ({})"), format_date(m.date), format_date(today)),
                  N_("a move records what has happened: date it on or before today"));
  auto history = book.history_of(*d);
  if (!history.empty() && m.date < history.back().date())
    return refuse(
        rule, at,
        fmt::format(N_("deal '{}' moved to {} on {}: a later move cannot be dated {}"), m.id,
                    config.stages[history.back().stage()].name, format_date(history.back().date()), format_date(m.date)),
        N_("history is oldest first: give --date on or after the last entry"));
  if (d->opened && m.date < *d->opened)
    return refuse(rule, at,
                  fmt::format(N_("deal '{}' opened on {}: it cannot move on {}"), m.id, format_date(*d->opened),
                              format_date(m.date)));
  bool closing = *to == config.won || *to == config.lost;
  auto set_alongside = [&](std::string_view key) {
    return std::find(m.also_set.begin(), m.also_set.end(), key) != m.also_set.end();
  };
  if (closing && !m.disqualify &&
      ((d->customer.empty() && !set_alongside("customer")) || (!d->has_amount && !set_alongside("amount")) ||
       !d->opened))
    return refuse(
        rule, at,
        fmt::format(N_("deal '{}' cannot be {} without a customer, an amount and an opened date"), m.id, m.stage),
        N_("a won or lost deal needs all three: add the missing ones to the deal first"));

  WriteChange c;
  c.id = m.id;
  c.file = book.files[d->at.file];
  auto deal = [&] { return YamlPath{}.item_with_id(m.id); };
  std::vector<YamlEdit> edits;
  std::vector<std::string> keys = {"stage"};
  edits.push_back(YamlEdit::set(deal().key("stage"), YamlValue::text(to_name)));
  bool was_closed = d->stage == config.won || d->stage == config.lost;
  std::string lost_reason = m.disqualify ? std::string(Book::kDisqualified) : m.reason;
  if (closing) {
    std::string after = d->expected_close ? "expected_close" : d->opened ? "opened" : "stage";
    edits.push_back(YamlEdit::set(deal().key("closed"), YamlValue::literal(format_date(m.date)), after));
    keys.push_back("closed");
    if (*to == config.lost && !lost_reason.empty()) {
      edits.push_back(YamlEdit::set(deal().key("lost_reason"), YamlValue::text(lost_reason), "closed"));
      keys.push_back("lost_reason");
    } else if (!d->lost_reason.empty()) {
      edits.push_back(YamlEdit::remove(deal().key("lost_reason")));
      keys.push_back("lost_reason");
    }
  } else if (was_closed) {
    edits.push_back(YamlEdit::remove(deal().key("closed")));
    keys.push_back("closed");
    if (!d->lost_reason.empty()) {
      edits.push_back(YamlEdit::remove(deal().key("lost_reason")));
      keys.push_back("lost_reason");
    }
  }
  if (history.empty() && d->opened && *d->opened < m.date)
    edits.push_back(YamlEdit::append(deal().key("history"), history_entry(*d->opened, from_name)));
  bool reason_is_lost_reason = *to == config.lost && !m.disqualify;
  edits.push_back(YamlEdit::append(deal().key("history"),
                                   history_entry(m.date, to_name, reason_is_lost_reason ? std::string{} : m.reason)));
  keys.push_back("history");
  c.edits.push_back({c.file, std::move(edits)});
  c.records.push_back({"changed", "deal", c.id, c.file, std::move(keys)});
  return c;
}

namespace {

// Whether the deal's file spells out `key` (as far as the model tells).
bool has_key(const Deal& d, std::string_view key) {
  if (key == "customer") return !d.customer.empty();
  if (key == "title") return !d.title.empty();
  if (key == "product") return !d.product.empty();
  if (key == "amount") return d.has_amount;
  if (key == "opened") return static_cast<bool>(d.opened);
  if (key == "expected_close") return static_cast<bool>(d.expected_close);
  if (key == "closed") return static_cast<bool>(d.closed);
  if (key == "lost_reason") return !d.lost_reason.empty();
  if (key == "history") return d.history_count > 0;
  return key == "id" || key == "owner" || key == "stage";
}

std::string option_name(std::string_view key) {
  std::string name = "--" + std::string(key);
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

// The value to write for one field, nullopt to remove it, or the refusal in `refused`.
struct FieldEdit {
  std::optional<YamlValue> value;
  bool unchanged = false;
};

std::optional<FieldEdit> deal_field(const Book& book, const Deal& d, const FieldValue& f, Date today,
                                    const CreatedAlongside& alongside, WriteChange& refused) {
  const std::string option = option_name(f.key);
  const bool closed = d.stage == book.config.won || d.stage == book.config.lost;
  auto bad = [&](std::string message) {
    refused = WriteChange::bad_value(std::move(message));
    return std::nullopt;
  };
  auto text_field = [&](Sym current) -> std::optional<FieldEdit> {
    if (f.value == book.text(current)) return FieldEdit{{}, true};
    if (f.value.empty()) return FieldEdit{};
    return FieldEdit{YamlValue::text(f.value)};
  };
  if (f.key == "amount") {
    if (f.value.empty()) {
      if (closed && !book.disqualified(d))
        return bad(fmt::format(N_("{}: a won or lost deal keeps its amount"), option));
      return FieldEdit{{}, !d.has_amount};
    }
    MoneyError error;
    auto amount = parse_money(f.value, &error);
    if (!amount) return bad(fmt::format("{} '{}': {}", option, f.value, money_error_text(error)));
    if (amount->cents < 0) return bad(fmt::format(N_("{} '{}': an amount is 0 or more"), option, f.value));
    return FieldEdit{YamlValue::literal(format_money_short(*amount)), d.has_amount && d.amount.cents == amount->cents};
  }
  if (f.key == "expected_close") {
    if (f.value.empty()) return FieldEdit{{}, !d.expected_close};
    auto date = parse_date(f.value);
    if (!date) return bad(fmt::format(N_("{} '{}' is not a date (YYYY-MM-DD)"), option, f.value));
    if (d.opened && *date < *d.opened)
      return bad(fmt::format(N_("{} {} is before the deal opened ({})"), option, f.value, format_date(*d.opened)));
    return FieldEdit{YamlValue::literal(format_date(*date)), d.expected_close && *d.expected_close == *date};
  }
  if (f.key == "owner") {
    const Person* p = book.person(f.value);
    if (f.value.empty()) return bad(fmt::format(N_("{}: a deal has an owner"), option));
    if (!p && alongside && alongside("person", f.value)) return text_field(d.owner);
    if (!p)
      return bad(fmt::format(N_("unknown owner '{}' for {}{}"), f.value, option, [&] {
        std::string hint = did_you_mean(f.value, book.people, book);
        return hint.empty() ? hint : ": " + hint;
      }()));
    if (!closed && p->left && *p->left < today)
      return bad(fmt::format(N_("{} left on {}: an open deal cannot be theirs"), f.value, format_date(*p->left)));
    return text_field(d.owner);
  }
  if (f.key == "customer") {
    if (f.value.empty() && closed && !book.disqualified(d))
      return bad(fmt::format(N_("{}: a won or lost deal keeps its customer"), option));
    if (!f.value.empty() && !book.customer(f.value) && !(alongside && alongside("customer", f.value)))
      return bad(fmt::format(N_("unknown customer '{}' for {}{}"), f.value, option, [&] {
        std::string hint = did_you_mean(f.value, book.customers, book);
        return hint.empty() ? hint : ": " + hint;
      }()));
    return text_field(d.customer);
  }
  if (f.key == "title" || f.key == "product") return text_field(f.key == "title" ? d.title : d.product);
  if (f.key == "stage" || f.key == "closed" || f.key == "lost_reason" || f.key == "history")
    return bad(fmt::format(N_("'{}' changes with `salesops deal move` or `deal disqualify`"), f.key));
  if (schema::kDeal.find(f.key)) return bad(fmt::format(N_("'{}' cannot be edited"), f.key));
  const auto& custom = book.config.fields.deal;
  if (int i = CustomFields::index(custom, f.key); i >= 0) {
    const CustomField& field = custom[static_cast<std::size_t>(i)];
    if (auto why = custom_field_refusal(book, field, f.value)) return bad(*why);
    if (f.value == book.custom(d, static_cast<std::size_t>(i))) return FieldEdit{{}, true};
    if (f.value.empty()) return FieldEdit{};
    return FieldEdit{custom_written_plain(field) ? YamlValue::literal(f.value) : YamlValue::text(f.value)};
  }
  std::string keys = schema::list_keys(schema::kDeal);
  for (const CustomField& c : custom) keys += ", " + c.key;
  return bad(fmt::format(N_("unknown deal field '{}': fields are {}"), f.key, keys));
}

}  // namespace

WriteChange deal_edit_change(const Book& book, const std::string& id, const std::vector<FieldValue>& fields, Date today,
                             const CreatedAlongside& alongside) {
  const Deal* d = book.deal(id);
  if (!d) return refuse("deal-edit", {}, fmt::format(N_("unknown deal '{}'"), id), did_you_mean(id, book.deals, book));
  if (fields.empty())
    return WriteChange::bad_value(
        N_("nothing to change: give --amount, --expected-close, --owner, --customer, "
           "--product, --title or --set FIELD=VALUE"));
  WriteChange c;
  c.id = id;
  c.file = book.files[d->at.file];
  std::vector<YamlEdit> edits;
  std::vector<std::string> keys;
  std::vector<std::pair<std::string, bool>> edited;  // keys set (true) or removed so far
  const auto& custom = book.config.fields.deal;
  auto has = [&](std::string_view key) {
    for (auto& [k, present] : edited)
      if (k == key) return present;
    if (int i = CustomFields::index(custom, key); i >= 0) return !book.custom(*d, static_cast<std::size_t>(i)).empty();
    return has_key(*d, key);
  };
  for (const FieldValue& f : fields) {
    WriteChange refused;
    auto field = deal_field(book, *d, f, today, alongside, refused);
    if (!field) return refused;
    if (field->unchanged) continue;
    YamlPath at = YamlPath{}.item_with_id(id).key(f.key);
    if (field->value)
      edits.push_back(YamlEdit::set(std::move(at), std::move(*field->value),
                                    CustomFields::index(custom, f.key) >= 0
                                        ? custom_key_after(schema::kDeal, custom, f.key, has)
                                        : key_after(schema::kDeal, f.key, has)));
    else
      edits.push_back(YamlEdit::remove(std::move(at)));
    edited.emplace_back(f.key, field->value.has_value());
    keys.push_back(f.key);
  }
  if (edits.empty()) return c;
  c.edits.push_back({c.file, std::move(edits)});
  c.records.push_back({"changed", "deal", c.id, c.file, std::move(keys)});
  return c;
}

}  // namespace salesops::core
