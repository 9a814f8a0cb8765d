// deals/<YYYY-MM>.yaml: a sequence of deals with their stage histories. The hot path of
// every command: fields are read straight from events into the compact Deal.
#include <fmt/format.h>

#include <algorithm>

#include "core/base/i18n.hpp"
#include "core/load/context.hpp"

namespace salesops::core {

namespace {

using schema::kDeal;
constexpr const schema::RecordSchema& kChange = schema::kStageChange;

std::optional<std::uint8_t> read_stage(Fields& f, const schema::FieldSpec& field) {
  YamlReader& r = f.reader();
  auto v = f.scalar(field.key);
  if (!v) return std::nullopt;
  if (auto s = f.book().config.stage_index(*v)) return s;
  r.error("deal-stage", fmt::format(N_("unknown stage '{}'"), shown(*v)),
          fmt::format(N_("stages are {}"), f.book().config.stage_list()));
  return std::nullopt;
}

/// A deal's `currency`: an ISO 4217 code, three capital letters; the book's own is stored as
/// no currency at all.
void read_currency(Fields& f, const schema::FieldSpec& field, Deal& d) {
  YamlReader& r = f.reader();
  auto v = f.scalar(field.key);
  if (!v) return;
  bool code = v->size() == 3 && std::all_of(v->begin(), v->end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!code) {
    r.error("deal-currency", fmt::format(N_("'{}' is not a currency code"), shown(*v)),
            N_("a currency is three capital letters: USD, EUR, CNY"));
    return;
  }
  if (auto slot = f.book().currency_slot(*v)) d.currency = *slot;
  else
    r.error("deal-currency", N_("a book's deals name at most 127 currencies besides its own"));
}

void read_history(Fields& f, Deal& d) {
  YamlReader& r = f.reader();
  Book& b = f.book();
  each_mapping_item(f, "history", N_("a history entry"), [&](Mark at) {
    Day date;
    std::optional<std::uint8_t> stage;
    std::uint32_t seen = each_field(f, kChange, [&](int i) {
      switch (i) {
        case kChange.at("date"): date = f.date(kChange.fields[i]); return;
        case kChange.at("stage"): stage = read_stage(f, kChange.fields[i]); return;
        case kChange.at("reason"): case kChange.at("note"): r.skip_value(); return;
      }
    });
    f.missing_required(kChange, seen, at, [] { return kChange.noun; });
    if (!date || !stage) return;  // an invalid value is reported where it is
    StageChange c(*date, *stage);
    if (d.history_count > 0 && c.date() < b.history.back().date()) {
      f.ctx().diags.error("deal-history", b.location(at), N_("history entries must be oldest first"),
                          fmt::format(N_("this entry ({}) is dated before the one above it"), format_date(c.date())));
    }
    if (d.history_count == UINT16_MAX) {
      f.ctx().diags.error("deal-history", b.location(at), N_("a deal's history holds at most 65535 entries"));
      return;
    }
    b.history.push_back(c);
    ++d.history_count;
  });
}

/// Fields a deal's file spells out with a value, whether or not it was valid (an invalid one
/// is reported where it is, not again as missing); a key with no value (`amount:`) is as
/// good as missing.
struct DealKeys {
  bool customer = false, amount = false, opened = false, closed = false;
};

void check_deal(Fields& f, const Deal& d, const DealKeys& keys, Mark at) {
  Book& b = f.book();
  Diagnostics& diags = f.ctx().diags;
  std::string id(b.text(d.id));
  bool closing = d.stage == b.config.won || d.stage == b.config.lost;
  if (closing) {
    const char* stage = d.stage == b.config.won ? "won" : "lost";
    std::vector<const char*> lacking;
    if (!keys.closed) lacking.push_back("'closed'");
    // A disqualified lead was never a sale: it needs nothing but its closing day.
    bool junk = b.disqualified(d);
    if (!keys.customer && !junk) lacking.push_back("'customer'");
    if (!keys.amount && !junk) lacking.push_back("'amount'");
    if (!keys.opened && !junk) lacking.push_back("'opened'");
    if (!lacking.empty()) {
      std::string list;
      for (std::size_t i = 0; i < lacking.size(); ++i)
        list += fmt::format("{}{}", i == 0 ? "" : i + 1 == lacking.size() ? " or " : ", ", lacking[i]);
      diags.error("deal-closed", b.location(at), fmt::format(N_("deal '{}' is {} but has no {}"), id, stage, list),
                  N_("a won or lost deal needs customer, amount, opened and closed"));
    }
  } else if (d.closed) {
    diags.error(
        "deal-closed", b.location(at),
        fmt::format(N_("deal '{}' is still open ({}) but has a 'closed' date"), id, b.config.stages[d.stage].name),
        N_("move it to won or lost, or remove 'closed'"));
  }
  if (d.opened && d.closed && *d.closed < *d.opened)
    diags.error("deal-dates", b.location(at),
                fmt::format(N_("deal '{}' closed ({}) before it opened ({})"), id, format_date(*d.closed),
                            format_date(*d.opened)));
  if (!d.lost_reason.empty() && d.stage != b.config.lost)
    diags.warning("deal-lost-reason", b.location(at),
                  fmt::format(N_("deal '{}' has a lost_reason but is not lost"), id));
}

void read_deal(Fields& f) {
  YamlReader& r = f.reader();
  Book& b = f.book();
  Mark at = r.mark();
  if (!expect_mapping(r, N_("a deal"))) return;
  Deal d;
  d.at = at;
  d.history_begin = static_cast<std::uint32_t>(b.history.size());
  Mark id_at = at;
  bool staged = false, stage_bad = false;
  DealKeys keys;
  CustomRead custom;
  auto other = [&](std::string_view key, Mark key_at) {
    read_custom_or_unknown(f, b.config.fields.deal, key, key_at, kDeal, custom);
  };
  std::uint32_t seen = each_field(f, kDeal, [&](int i) {
    const schema::FieldSpec& field = kDeal.fields[i];
    switch (i) {
      case kDeal.at("id"): id_at = r.mark(); if (auto v = f.scalar(field.key)) d.id = b.strings.store(*v); return;
      case kDeal.at("customer"): keys.customer = !r.is_null(); d.customer = f.ref(field); return;
      case kDeal.at("closed"): keys.closed = !r.is_null(); d.closed = f.date(field); return;
      case kDeal.at("owner"): d.owner = f.ref(field); return;
      case kDeal.at("opened"): keys.opened = !r.is_null(); d.opened = f.date(field); return;
      case kDeal.at("title"): d.title = f.text(field); return;
      case kDeal.at("product"): d.product = f.word(field); return;
      case kDeal.at("amount"): {
        keys.amount = !r.is_null();
        auto m = f.money(field);
        if (m && m->cents < field.min)
          r.error("money", fmt::format(N_("'amount' cannot be negative: {}"), r.value()),
                  N_("a deal's amount is 0 or more"));
        else if (m) { d.amount = *m; d.has_amount = true; }
        return;
      }
      case kDeal.at("currency"): read_currency(f, field, d); return;
      case kDeal.at("stage"):
        staged = true;
        if (auto s = read_stage(f, field)) d.stage = *s;
        else stage_bad = true;
        return;
      case kDeal.at("expected_close"): d.expected_close = f.date(field); return;
      case kDeal.at("lost_reason"): d.lost_reason = f.word(field); return;
      case kDeal.at("history"): read_history(f, d); return;
    }
  }, other);
  auto drop = [&] { b.history.resize(d.history_begin); };
  if (r.failed()) return drop();
  if (d.id.empty()) {
    f.missing_id(seen, kDeal, at);
    return drop();
  }
  f.missing_required(kDeal, seen, at, [&] { return fmt::format("{} '{}'", kDeal.kind, b.text(d.id)); });
  if (!staged || stage_bad) return drop();
  check_deal(f, d, keys, at);
  if (!f.add_unique(b.deal_index, b.deals, d, id_at, kDeal.kind.data())) return drop();
  keep_custom(b.deal_fields, b.deals.size() - 1, custom);
}

}  // namespace

void load_deal_file(YamlReader& r, LoadContext& ctx) {
  Fields f(r, ctx);
  if (!enter_document(r) || r.is_null()) return;
  if (r.kind() != YamlReader::Kind::sequence_start) {
    r.reject("file-shape", N_("a deals file must be a list of deals"), N_("start each deal with '- id: ...'"));
    return;
  }
  r.each_item([&] { read_deal(f); });
}

}  // namespace salesops::core
