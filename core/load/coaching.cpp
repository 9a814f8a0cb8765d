// coaching/<YYYY-MM>.yaml: coaching sessions with follow-ups, and trainings with attendees.
#include <fmt/format.h>

#include "core/base/i18n.hpp"
#include "core/load/context.hpp"

namespace salesops::core {

namespace {

using schema::kSession;
using schema::kFollowUp;
using schema::kTraining;
using schema::kAttendee;

void read_ratings(Fields& f, std::vector<std::pair<Sym, int>>& out, const schema::FieldSpec& field) {
  YamlReader& r = f.reader();
  if (r.is_null()) return;
  if (!expect_mapping(r, field.name())) return;
  r.each_key([&](std::string_view key, Mark) {
    Sym name = f.book().strings.intern(key);
    if (auto v = f.integer(key, field.min, field.max)) out.emplace_back(name, static_cast<int>(*v));
  });
}

void read_follow_ups(Fields& f, CoachingSession& s, const schema::FieldSpec& list) {
  each_mapping_item(f, list.name(), N_("a follow-up"), [&](Mark at) {
    FollowUp u;
    u.at = at;
    std::uint32_t seen = each_field(f, kFollowUp, [&](int i) {
      switch (i) {
        case kFollowUp.at("id"): u.id = f.word(kFollowUp.fields[i]); return;
        case kFollowUp.at("action"): u.action = f.text(kFollowUp.fields[i]); return;
        case kFollowUp.at("due"): u.due = f.date(kFollowUp.fields[i]); return;
        case kFollowUp.at("done"): if (auto b = f.boolean(kFollowUp.fields[i])) u.done = *b; return;
      }
    });
    if (u.id.empty()) return f.missing_id(seen, kFollowUp, at);
    for (auto& other : s.follow_ups)
      if (other.id == u.id) return f.duplicate(kFollowUp.kind.data(), f.book().text(u.id), at, other.at);
    s.follow_ups.push_back(u);
  });
}

void read_session(Fields& f) {
  YamlReader& r = f.reader();
  Book& b = f.book();
  Mark at = r.mark();
  if (!expect_mapping(r, N_("a coaching session"))) return;
  CoachingSession s;
  s.at = at;
  Mark id_at = at;
  std::uint32_t seen = each_field(f, kSession, [&](int i) {
    switch (i) {
      case kSession.at("id"): id_at = r.mark(); s.id = f.word(kSession.fields[i]); return;
      case kSession.at("date"): s.date = f.date(kSession.fields[i]); return;
      case kSession.at("coach"): s.coach = f.ref(kSession.fields[i]); return;
      case kSession.at("person"): s.person = f.ref(kSession.fields[i]); return;
      case kSession.at("kind"): s.kind = f.choice_word(kSession.fields[i], false); return;
      case kSession.at("topics"): s.topics = f.words(kSession.fields[i]); return;
      case kSession.at("notes"): s.notes = f.text(kSession.fields[i]); return;
      case kSession.at("ratings"): read_ratings(f, s.ratings, kSession.fields[i]); return;
      case kSession.at("follow_ups"): read_follow_ups(f, s, kSession.fields[i]); return;
    }
  });
  if (r.failed()) return;
  if (s.id.empty()) return f.missing_id(seen, kSession, at);
  f.missing_required(kSession, seen, at, [&] { return fmt::format("{} '{}'", kSession.kind, b.text(s.id)); });
  f.add_unique(b.session_ids, b.sessions, std::move(s), id_at, kSession.kind.data());
}

void read_attendees(Fields& f, Training& t, const schema::FieldSpec& list) {
  each_mapping_item(f, list.name(), N_("an attendee"), [&](Mark) {
    Attendee a;
    each_field(f, kAttendee, [&](int i) {
      switch (i) {
        case kAttendee.at("person"): a.person = f.ref(kAttendee.fields[i]); return;
        case kAttendee.at("score"): if (auto v = f.integer(kAttendee.fields[i])) a.score = static_cast<int>(*v); return;
      }
    });
    if (!a.person.empty()) t.attendees.push_back(a);
  });
}

void read_training(Fields& f) {
  YamlReader& r = f.reader();
  Book& b = f.book();
  Mark at = r.mark();
  if (!expect_mapping(r, N_("a training"))) return;
  Training t;
  t.at = at;
  Mark id_at = at;
  std::uint32_t seen = each_field(f, kTraining, [&](int i) {
    switch (i) {
      case kTraining.at("id"): id_at = r.mark(); t.id = f.word(kTraining.fields[i]); return;
      case kTraining.at("date"): t.date = f.date(kTraining.fields[i]); return;
      case kTraining.at("title"): t.title = f.text(kTraining.fields[i]); return;
      case kTraining.at("topic"): t.topic = f.choice_word(kTraining.fields[i], false); return;
      case kTraining.at("format"): t.format = f.choice_word(kTraining.fields[i], false); return;
      case kTraining.at("hours"): if (auto h = f.number(kTraining.fields[i])) t.hours = *h; return;
      case kTraining.at("trainer"): t.trainer = f.text(kTraining.fields[i]); return;
      case kTraining.at("attendees"): read_attendees(f, t, kTraining.fields[i]); return;
    }
  });
  if (r.failed()) return;
  if (t.id.empty()) return f.missing_id(seen, kTraining, at);
  f.missing_required(kTraining, seen, at, [&] { return fmt::format("{} '{}'", kTraining.kind, b.text(t.id)); });
  f.add_unique(b.training_ids, b.trainings, std::move(t), id_at, kTraining.kind.data());
}

}  // namespace

void load_coaching_file(YamlReader& r, LoadContext& ctx) {
  Fields f(r, ctx);
  each_list_under_keys(r, f, schema::kCoachingFile, [&](const schema::FieldSpec& list) {
    if (list.record == &kSession) read_session(f);
    else read_training(f);
  });
}

}  // namespace salesops::core
