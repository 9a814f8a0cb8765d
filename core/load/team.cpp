// team.yaml: teams and people.
#include <fmt/format.h>

#include "core/load/context.hpp"

namespace salesops::core {

namespace {

void read_team(Fields& f) {
  YamlReader& r = f.reader();
  Book& b = f.book();
  Mark at = r.mark();
  if (r.kind() != YamlReader::Kind::mapping_start) {
    r.reject("record-shape", "a team must be a mapping with id, name, parent, manager");
    return;
  }
  Team t;
  t.at = at;
  Mark id_at = at;
  bool has_id = false;
  r.each_key([&](std::string_view key, Mark key_at) {
    if (key == "id") { has_id = true; id_at = r.mark(); t.id = f.word("id"); }
    else if (key == "name") t.name = f.text("name");
    else if (key == "parent") t.parent = f.ref("parent", RefKind::team);
    else if (key == "manager") t.manager = f.ref("manager", RefKind::person);
    else f.unknown(key, key_at, {"id", "name", "parent", "manager"});
  });
  if (t.id.empty()) {
    if (!has_id) f.missing("id", at, "a team");
    return;
  }
  if (b.text(t.id) == "company") {
    f.ctx().diags.error("duplicate-id", b.location(id_at, 7), "'company' is the implicit root team; choose another id");
    return;
  }
  f.add_unique(b.team_index, b.teams, t, id_at, "team");
}

void read_person(Fields& f) {
  YamlReader& r = f.reader();
  Book& b = f.book();
  Mark at = r.mark();
  if (r.kind() != YamlReader::Kind::mapping_start) {
    r.reject("record-shape", "a person must be a mapping with id, name, team, role");
    return;
  }
  Person p;
  p.at = at;
  Mark id_at = at;
  bool has_team = false, has_id = false;
  r.each_key([&](std::string_view key, Mark key_at) {
    if (key == "id") { has_id = true; id_at = r.mark(); p.id = f.word("id"); }
    else if (key == "name") p.name = f.text("name");
    else if (key == "team") { p.team = f.ref("team", RefKind::team); has_team = true; }
    else if (key == "role") {
      auto v = f.scalar("role");
      if (!v) return;
      if (*v == "rep") p.role = Role::rep;
      else if (*v == "manager") p.role = Role::manager;
      else if (*v == "director") p.role = Role::director;
      else if (*v == "ops") p.role = Role::ops;
      else r.error("person-role", fmt::format("unknown role '{}'", shown(*v)), "roles are rep, manager, director, ops");
    } else if (key == "email") p.email = f.text("email");
    else if (key == "joined") p.joined = f.date("joined");
    else if (key == "left") p.left = f.date("left");
    else f.unknown(key, key_at, {"id", "name", "team", "role", "email", "joined", "left"});
  });
  if (p.id.empty()) {
    if (!has_id) f.missing("id", at, "a person");
    return;
  }
  std::string_view id = b.text(p.id);
  if (!has_team) f.missing("team", at, fmt::format("person '{}'", id));
  if (p.joined && p.left && *p.left < *p.joined)
    f.ctx().diags.error("person-dates", b.location(at), fmt::format("person '{}' left before joining", id));
  f.add_unique(b.person_index, b.people, p, id_at, "person");
}

}  // namespace

void load_team_file(YamlReader& r, LoadContext& ctx) {
  Fields f(r, ctx);
  each_list_under_keys(r, f, {"teams", "people"}, [&](std::string_view list) {
    if (list == "teams") read_team(f);
    else read_person(f);
  });
}

}  // namespace salesops::core
