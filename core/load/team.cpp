// team.yaml: teams and people.
#include <fmt/format.h>

#include "core/base/i18n.hpp"
#include "core/load/context.hpp"

namespace salesops::core {

namespace {

using schema::kTeam;
using schema::kPerson;
// The schema lists the roles in Role's order.
static_assert(schema::kRoles[static_cast<int>(Role::ops)] == "ops");

void read_team(Fields& f) {
  YamlReader& r = f.reader();
  Book& b = f.book();
  Mark at = r.mark();
  if (r.kind() != YamlReader::Kind::mapping_start) {
    r.reject("record-shape", N_("a team must be a mapping with id, name, parent, manager"));
    return;
  }
  Team t;
  t.at = at;
  Mark id_at = at;
  std::uint32_t seen = each_field(f, kTeam, [&](int i) {
    switch (i) {
      case kTeam.at("id"): id_at = r.mark(); t.id = f.word(kTeam.fields[i]); return;
      case kTeam.at("name"): t.name = f.text(kTeam.fields[i]); return;
      case kTeam.at("parent"): t.parent = f.ref(kTeam.fields[i]); return;
      case kTeam.at("manager"): t.manager = f.ref(kTeam.fields[i]); return;
    }
  });
  if (t.id.empty()) {
    f.missing_id(seen, kTeam, at);
    return;
  }
  if (b.text(t.id) == "company") {
    f.ctx().diags.error("duplicate-id", b.location(id_at, 7),
                        N_("'company' is the implicit root team; choose another id"));
    return;
  }
  f.add_unique(b.team_index, b.teams, t, id_at, kTeam.kind.data());
}

void read_person(Fields& f) {
  YamlReader& r = f.reader();
  Book& b = f.book();
  Mark at = r.mark();
  if (r.kind() != YamlReader::Kind::mapping_start) {
    r.reject("record-shape", N_("a person must be a mapping with id, name, team, role"));
    return;
  }
  Person p;
  p.at = at;
  Mark id_at = at;
  std::uint32_t seen = each_field(f, kPerson, [&](int i) {
    switch (i) {
      case kPerson.at("id"): id_at = r.mark(); p.id = f.word(kPerson.fields[i]); return;
      case kPerson.at("name"): p.name = f.text(kPerson.fields[i]); return;
      case kPerson.at("team"): p.team = f.ref(kPerson.fields[i]); return;
      case kPerson.at("role"): if (auto role = f.choice(kPerson.fields[i])) p.role = static_cast<Role>(*role); return;
      case kPerson.at("email"): p.email = f.text(kPerson.fields[i]); return;
      case kPerson.at("joined"): p.joined = f.date(kPerson.fields[i]); return;
      case kPerson.at("left"): p.left = f.date(kPerson.fields[i]); return;
    }
  });
  if (p.id.empty()) {
    f.missing_id(seen, kPerson, at);
    return;
  }
  std::string_view id = b.text(p.id);
  f.missing_required(kPerson, seen, at, [&] { return fmt::format("{} '{}'", kPerson.kind, id); });
  if (p.joined && p.left && *p.left < *p.joined)
    f.ctx().diags.error("person-dates", b.location(at), fmt::format(N_("person '{}' left before joining"), id));
  f.add_unique(b.person_index, b.people, p, id_at, kPerson.kind.data());
}

}  // namespace

void load_team_file(YamlReader& r, LoadContext& ctx) {
  Fields f(r, ctx);
  each_list_under_keys(r, f, schema::kTeamFile, [&](const schema::FieldSpec& list) {
    if (list.record == &kTeam) read_team(f);
    else read_person(f);
  });
}

}  // namespace salesops::core
