// coaching/<YYYY-MM>.yaml: coaching sessions with follow-ups, and trainings with attendees.
#include <fmt/format.h>

#include "core/load/context.hpp"

namespace salesops::core {

namespace {

bool one_of(std::string_view v, std::initializer_list<std::string_view> allowed) {
  return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
}

/// Reads a word that must be one of `allowed`, reporting anything else.
Sym enum_word(Fields& f, const char* field, const char* rule, std::initializer_list<std::string_view> allowed) {
  YamlReader& r = f.reader();
  auto v = f.scalar(field);
  if (!v) return {};
  if (!one_of(*v, allowed)) {
    std::string names;
    for (auto a : allowed) names += (names.empty() ? "" : ", ") + std::string(a);
    r.error(rule, fmt::format("unknown {} '{}'", field, shown(*v)), fmt::format("{} is one of {}", field, names));
    return {};
  }
  return f.book().strings.intern(*v);
}

void read_ratings(Fields& f, std::vector<std::pair<Sym, int>>& out, const char* field) {
  YamlReader& r = f.reader();
  if (r.is_null()) return;
  if (!expect_mapping(r, field)) return;
  r.each_key([&](std::string_view key, Mark) {
    Sym name = f.book().strings.intern(key);
    if (auto v = f.integer(key, 1, 5)) out.emplace_back(name, static_cast<int>(*v));
  });
}

void read_follow_ups(Fields& f, CoachingSession& s) {
  YamlReader& r = f.reader();
  each_mapping_item(f, "follow_ups", "a follow-up", [&](Mark at) {
    FollowUp u;
    u.at = at;
    bool has_id = false;
    r.each_key([&](std::string_view key, Mark key_at) {
      if (key == "id") { has_id = true; u.id = f.word("id"); }
      else if (key == "action") u.action = f.text("action");
      else if (key == "due") u.due = f.date("due");
      else if (key == "done") { if (auto b = f.boolean("done")) u.done = *b; }
      else f.unknown(key, key_at, {"id", "action", "due", "done"});
    });
    if (u.id.empty()) return has_id ? void() : f.missing("id", at, "a follow-up");
    for (auto& other : s.follow_ups)
      if (other.id == u.id) return f.duplicate("follow-up", f.book().text(u.id), at, other.at);
    s.follow_ups.push_back(u);
  });
}

void read_session(Fields& f) {
  YamlReader& r = f.reader();
  Book& b = f.book();
  Mark at = r.mark();
  if (!expect_mapping(r, "a coaching session")) return;
  CoachingSession s;
  s.at = at;
  Mark id_at = at;
  bool has_id = false, has_date = false, has_person = false;
  r.each_key([&](std::string_view key, Mark key_at) {
    if (key == "id") { has_id = true; id_at = r.mark(); s.id = f.word("id"); }
    else if (key == "date") { has_date = true; s.date = f.date("date"); }
    else if (key == "coach") s.coach = f.ref("coach", RefKind::person);
    else if (key == "person") { has_person = true; s.person = f.ref("person", RefKind::person); }
    else if (key == "kind") s.kind = enum_word(f, "kind", "coaching-kind", {"one-on-one", "team", "ride-along", "role-play"});
    else if (key == "topics") s.topics = f.words("topics");
    else if (key == "notes") s.notes = f.text("notes");
    else if (key == "ratings") read_ratings(f, s.ratings, "ratings");
    else if (key == "follow_ups") read_follow_ups(f, s);
    else f.unknown(key, key_at, {"id", "date", "coach", "person", "kind", "topics", "notes", "ratings", "follow_ups"});
  });
  if (r.failed()) return;
  if (s.id.empty()) return has_id ? void() : f.missing("id", at, "a coaching session");
  std::string name = fmt::format("session '{}'", b.text(s.id));
  if (!has_date) f.missing("date", at, name);
  if (!has_person) f.missing("person", at, name);
  f.add_unique(b.session_ids, b.sessions, std::move(s), id_at, "session");
}

void read_training(Fields& f) {
  YamlReader& r = f.reader();
  Book& b = f.book();
  Mark at = r.mark();
  if (!expect_mapping(r, "a training")) return;
  Training t;
  t.at = at;
  Mark id_at = at;
  bool has_id = false, has_date = false;
  r.each_key([&](std::string_view key, Mark key_at) {
    if (key == "id") { has_id = true; id_at = r.mark(); t.id = f.word("id"); }
    else if (key == "date") { has_date = true; t.date = f.date("date"); }
    else if (key == "title") t.title = f.text("title");
    else if (key == "topic") t.topic = enum_word(f, "topic", "training-topic", {"product", "sales-skills", "crm", "negotiation", "other"});
    else if (key == "format") t.format = enum_word(f, "format", "training-format", {"classroom", "online", "drill", "role-play", "case-sharing"});
    else if (key == "hours") {
      if (auto h = f.number("hours")) {
        if (*h < 0 || *h > 1000) r.error("field-range", "'hours' must be from 0 to 1000");
        else t.hours = *h;
      }
    } else if (key == "trainer") t.trainer = f.text("trainer");
    else if (key == "attendees") {
      each_mapping_item(f, "attendees", "an attendee", [&](Mark) {
        Attendee a;
        r.each_key([&](std::string_view k, Mark k_at) {
          if (k == "person") a.person = f.ref("person", RefKind::person);
          else if (k == "score") { if (auto v = f.integer("score", 0, 100)) a.score = static_cast<int>(*v); }
          else f.unknown(k, k_at, {"person", "score"});
        });
        if (!a.person.empty()) t.attendees.push_back(a);
      });
    } else f.unknown(key, key_at, {"id", "date", "title", "topic", "format", "hours", "trainer", "attendees"});
  });
  if (r.failed()) return;
  if (t.id.empty()) return has_id ? void() : f.missing("id", at, "a training");
  if (!has_date) f.missing("date", at, fmt::format("training '{}'", b.text(t.id)));
  f.add_unique(b.training_ids, b.trainings, std::move(t), id_at, "training");
}

}  // namespace

void load_coaching_file(YamlReader& r, LoadContext& ctx) {
  Fields f(r, ctx);
  each_list_under_keys(r, f, {"sessions", "trainings"}, [&](std::string_view list) {
    if (list == "sessions") read_session(f);
    else read_training(f);
  });
}

}  // namespace salesops::core
