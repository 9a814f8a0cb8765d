// customers/<id>.yaml: one customer per file, with contacts, interactions and surveys.
#include <fmt/format.h>

#include "core/base/i18n.hpp"
#include "core/load/context.hpp"

namespace salesops::core {

namespace {

/// A customer's lists as they are read, before they are put in its one allocation.
struct ListsRead {
  std::vector<Contact> contacts;
  std::vector<Interaction> interactions;
  std::vector<Survey> surveys;
};

using schema::kCustomer;
using schema::kContact;
using schema::kInteraction;
using schema::kSurvey;

void read_contacts(Fields& f, ListsRead& c, const schema::FieldSpec& list) {
  each_mapping_item(f, list.name(), N_("a contact"), [&](Mark) {
    Contact k;
    each_field(f, kContact, [&](int i) {
      switch (i) {
        case kContact.at("name"): k.name = f.text(kContact.fields[i]); return;
        case kContact.at("title"): k.title = f.text(kContact.fields[i]); return;
        case kContact.at("phone"): k.phone = f.text(kContact.fields[i]); return;
        case kContact.at("email"): k.email = f.text(kContact.fields[i]); return;
      }
    });
    c.contacts.push_back(k);
  });
}

void read_interactions(Fields& f, ListsRead& c, const schema::FieldSpec& list) {
  each_mapping_item(f, list.name(), N_("an interaction"), [&](Mark at) {
    Interaction i;
    i.place(at);
    bool typed = false;
    std::uint32_t seen = each_field(f, kInteraction, [&](int n) {
      switch (n) {
        case kInteraction.at("date"): i.date = f.date(kInteraction.fields[n]); return;
        case kInteraction.at("type"):
          // The schema lists the types in InteractionType's order.
          if (auto t = f.choice(kInteraction.fields[n])) { i.type = static_cast<InteractionType>(*t); typed = true; }
          return;
        case kInteraction.at("by"): i.by = f.ref(kInteraction.fields[n]); return;
        case kInteraction.at("summary"): i.summary = f.text(kInteraction.fields[n]); return;
        case kInteraction.at("next"): i.next = f.date(kInteraction.fields[n]); return;
      }
    });
    f.missing_required(kInteraction, seen, at, [] { return kInteraction.noun; });
    if (i.date && typed) c.interactions.push_back(i);
  });
}

void read_surveys(Fields& f, ListsRead& c, const schema::FieldSpec& list) {
  each_mapping_item(f, list.name(), N_("a survey"), [&](Mark at) {
    Survey s;
    s.place(at);
    std::uint32_t seen = each_field(f, kSurvey, [&](int i) {
      switch (i) {
        case kSurvey.at("date"): s.date = f.date(kSurvey.fields[i]); return;
        case kSurvey.at("csat"): if (auto v = f.integer(kSurvey.fields[i])) s.csat = static_cast<std::int8_t>(*v); return;
        case kSurvey.at("nps"): if (auto v = f.integer(kSurvey.fields[i])) s.nps = static_cast<std::int8_t>(*v); return;
        case kSurvey.at("comment"): s.comment = f.text(kSurvey.fields[i]); return;
      }
    });
    f.missing_required(kSurvey, seen, at, [] { return kSurvey.noun; });
    if (s.date) c.surveys.push_back(s);
  });
}

void read_segment(Fields& f, Customer& c, const schema::FieldSpec& field) {
  Book& b = f.book();
  c.segment = f.word(field);
  auto& list = b.config.segments;
  std::string_view s = b.text(c.segment);
  if (!c.segment.empty() && !list.empty() && std::find(list.begin(), list.end(), s) == list.end()) {
    std::string names;
    for (auto& n : list) names += (names.empty() ? "" : ", ") + n;
    f.reader().error("customer-segment", fmt::format(N_("segment '{}' is not in salesops.toml's list"), shown(s)),
                     fmt::format(N_("segments are {}"), names));
  }
}

}  // namespace

void load_customer_file(YamlReader& r, LoadContext& ctx) {
  Fields f(r, ctx);
  Book& b = ctx.book;
  if (!enter_document(r)) {
    if (!r.failed())
      ctx.diags.error("empty-file", r.location_of({r.file_index(), 1, 1}), N_("a customer file cannot be empty"));
    return;
  }
  if (r.kind() == YamlReader::Kind::sequence_start) {
    r.reject("record-shape", N_("a customer file must be a mapping, not a list"),
             N_("one customer per file: write its fields at the top level, without '- '"));
    return;
  }
  if (!expect_mapping(r, N_("a customer file"))) return;
  Customer c;
  ListsRead lists;
  c.at = r.mark();
  Mark id_at = c.at;
  CustomRead custom;
  auto other = [&](std::string_view key, Mark key_at) {
    read_custom_or_unknown(f, b.config.fields.customer, key, key_at, kCustomer, custom);
  };
  std::uint32_t seen = each_field(f, kCustomer, [&](int i) {
    switch (i) {
      case kCustomer.at("id"): id_at = r.mark(); c.id = f.word(kCustomer.fields[i]); return;
      case kCustomer.at("name"): c.name = f.text(kCustomer.fields[i]); return;
      case kCustomer.at("owner"): c.owner = f.ref(kCustomer.fields[i]); return;
      case kCustomer.at("tier"): c.tier = f.choice_word(kCustomer.fields[i], true); return;
      case kCustomer.at("segment"): read_segment(f, c, kCustomer.fields[i]); return;
      case kCustomer.at("industry"): c.industry = f.word(kCustomer.fields[i]); return;
      case kCustomer.at("region"): c.region = f.word(kCustomer.fields[i]); return;
      case kCustomer.at("source"): c.source = f.word(kCustomer.fields[i]); return;
      case kCustomer.at("since"): c.since = f.date(kCustomer.fields[i]); return;
      case kCustomer.at("contacts"): read_contacts(f, lists, kCustomer.fields[i]); return;
      case kCustomer.at("interactions"): read_interactions(f, lists, kCustomer.fields[i]); return;
      case kCustomer.at("surveys"): read_surveys(f, lists, kCustomer.fields[i]); return;
    }
  }, other);
  if (r.failed()) return;
  if (c.id.empty()) {
    f.missing_id(seen, kCustomer, c.at);
    return;
  }
  // No owner is an unassigned account (CRM exports often have them): its figures count for
  // no person until one is set.
  // An interaction that names nobody was the owner's: it counts for them.
  for (Interaction& i : lists.interactions) if (i.by.empty()) i.by = c.owner;
  c.lists = CustomerLists(lists.contacts, lists.interactions, lists.surveys);
  if (f.add_unique(b.customer_index, b.customers, std::move(c), id_at, kCustomer.kind.data()))
    keep_custom(b.customer_fields, b.customers.size() - 1, custom);
}

}  // namespace salesops::core
