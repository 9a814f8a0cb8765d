// customers/<id>.yaml: one customer per file, with contacts, interactions and surveys.
#include <fmt/format.h>

#include "core/load/context.hpp"

namespace salesops::core {

namespace {

void read_contacts(Fields& f, Customer& c) {
  YamlReader& r = f.reader();
  each_mapping_item(f, "contacts", "a contact", [&](Mark) {
    Contact k;
    r.each_key([&](std::string_view key, Mark at) {
      if (key == "name") k.name = f.text("name");
      else if (key == "title") k.title = f.text("title");
      else if (key == "phone") k.phone = f.text("phone");
      else if (key == "email") k.email = f.text("email");
      else f.unknown(key, at, {"name", "title", "phone", "email"});
    });
    c.contacts.push_back(k);
  });
}

void read_interactions(Fields& f, Customer& c) {
  YamlReader& r = f.reader();
  each_mapping_item(f, "interactions", "an interaction", [&](Mark at) {
    Interaction i;
    i.at = at;
    bool typed = false, has_date = false, has_type = false;
    r.each_key([&](std::string_view key, Mark key_at) {
      if (key == "date") { has_date = true; i.date = f.date("date"); }
      else if (key == "type") {
        has_type = true;
        auto v = f.scalar("type");
        if (!v) return;
        static const std::pair<const char*, InteractionType> types[] = {
            {"visit", InteractionType::visit}, {"call", InteractionType::call}, {"email", InteractionType::email},
            {"meeting", InteractionType::meeting}, {"demo", InteractionType::demo}, {"care", InteractionType::care}};
        for (auto& [name, t] : types) if (*v == name) { i.type = t; typed = true; }
        if (!typed) r.error("interaction-type", fmt::format("unknown interaction type '{}'", shown(*v)), "types are visit, call, email, meeting, demo, care");
      } else if (key == "by") i.by = f.ref("by", RefKind::person);
      else if (key == "summary") i.summary = f.text("summary");
      else if (key == "next") i.next = f.date("next");
      else f.unknown(key, key_at, {"date", "type", "by", "summary", "next"});
    });
    if (!has_date) f.missing("date", at, "an interaction");
    if (!has_type) f.missing("type", at, "an interaction");
    if (i.date && typed) c.interactions.push_back(i);
  });
}

void read_surveys(Fields& f, Customer& c) {
  YamlReader& r = f.reader();
  each_mapping_item(f, "surveys", "a survey", [&](Mark at) {
    Survey s;
    s.at = at;
    bool has_date = false;
    r.each_key([&](std::string_view key, Mark key_at) {
      if (key == "date") { has_date = true; s.date = f.date("date"); }
      else if (key == "csat") { if (auto v = f.integer("csat", 1, 5)) s.csat = static_cast<std::int8_t>(*v); }
      else if (key == "nps") { if (auto v = f.integer("nps", 0, 10)) s.nps = static_cast<std::int8_t>(*v); }
      else if (key == "comment") s.comment = f.text("comment");
      else f.unknown(key, key_at, {"date", "csat", "nps", "comment"});
    });
    if (!has_date) f.missing("date", at, "a survey");
    if (s.date) c.surveys.push_back(s);
  });
}

}  // namespace

void load_customer_file(YamlReader& r, LoadContext& ctx) {
  Fields f(r, ctx);
  Book& b = ctx.book;
  if (!enter_document(r)) {
    if (!r.failed()) ctx.diags.error("empty-file", r.location_of({r.file_index(), 1, 1}), "a customer file cannot be empty");
    return;
  }
  if (r.kind() == YamlReader::Kind::sequence_start) {
    r.reject("record-shape", "a customer file must be a mapping, not a list",
             "one customer per file: write its fields at the top level, without '- '");
    return;
  }
  if (!expect_mapping(r, "a customer file")) return;
  Customer c;
  c.at = r.mark();
  Mark id_at = c.at;
  bool has_id = false;
  r.each_key([&](std::string_view key, Mark key_at) {
    if (key == "id") { has_id = true; id_at = r.mark(); c.id = f.word("id"); }
    else if (key == "name") c.name = f.text("name");
    else if (key == "owner") c.owner = f.ref("owner", RefKind::person);
    else if (key == "tier") {
      c.tier = f.word("tier");
      std::string_view t = b.text(c.tier);
      if (!c.tier.empty() && t != "A" && t != "B" && t != "C")
        r.error("customer-tier", fmt::format("unknown tier '{}'", shown(t)), "tiers are A, B, C");
    } else if (key == "segment") {
      c.segment = f.word("segment");
      auto& list = b.config.segments;
      std::string_view s = b.text(c.segment);
      if (!c.segment.empty() && !list.empty() && std::find(list.begin(), list.end(), s) == list.end()) {
        std::string names;
        for (auto& n : list) names += (names.empty() ? "" : ", ") + n;
        r.error("customer-segment", fmt::format("segment '{}' is not in salesops.toml's list", shown(s)), "segments are " + names);
      }
    } else if (key == "industry") c.industry = f.word("industry");
    else if (key == "region") c.region = f.word("region");
    else if (key == "source") c.source = f.word("source");
    else if (key == "since") c.since = f.date("since");
    else if (key == "contacts") read_contacts(f, c);
    else if (key == "interactions") read_interactions(f, c);
    else if (key == "surveys") read_surveys(f, c);
    else f.unknown(key, key_at, {"id", "name", "owner", "tier", "segment", "industry", "region", "source", "since",
                                 "contacts", "interactions", "surveys"});
  });
  if (r.failed()) return;
  if (c.id.empty()) {
    if (!has_id) f.missing("id", c.at, "a customer");
    return;
  }
  // No owner is an unassigned account (CRM exports often have them): its figures count for
  // no person until one is set.
  // An interaction that names nobody was the owner's: it counts for them.
  for (Interaction& i : c.interactions) if (i.by.empty()) i.by = c.owner;
  // The lists grew by doubling as they were read; customers are many, so each keeps its
  // lists at their size.
  c.contacts.shrink_to_fit();
  c.interactions.shrink_to_fit();
  c.surveys.shrink_to_fit();
  f.add_unique(b.customer_index, b.customers, std::move(c), id_at, "customer");
}

}  // namespace salesops::core
