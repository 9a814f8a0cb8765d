#include "core/coaching/changes.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdlib>

#include "core/base/i18n.hpp"
#include "core/base/ids.hpp"
#include "core/book/placement.hpp"

namespace salesops::core {

namespace {

std::optional<std::string> not_one_of(const std::string& value, const char* option,
                                      const std::vector<std::string>& allowed) {
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return std::nullopt;
  return fmt::format(N_("{}: '{}' is not one of {}"), option, value, fmt::join(allowed, ", "));
}

std::string month_prefix(Date d) { return format_date(d).substr(0, 7); }

FileEdit append_to(Date date, const char* list, std::vector<YamlField> fields) {
  return {coaching_month_file(date), {YamlEdit::append(YamlPath{}.key(list), YamlValue::map(std::move(fields)))}};
}

// What makes a session itself, to draw its id from.
std::string session_seed(const NewSession& s) {
  std::string seed = fmt::format("{}\n{}\n{}\n{}\n{}\n{}", format_date(s.date), s.coach, s.person, s.kind,
                                 fmt::join(s.topics, ","), s.notes);
  for (auto& [key, value] : s.ratings) seed += fmt::format("\n{}={}", key, value);
  for (auto& f : s.follow_ups) seed += "\n" + f;
  return seed;
}

}  // namespace

std::string coaching_month_file(Date d) {
  auto ymd_ = ymd(d);
  return fmt::format("coaching/{:04}-{:02}.yaml", static_cast<int>(ymd_.year()), static_cast<unsigned>(ymd_.month()));
}

std::optional<std::string> session_kind_error(const std::string& kind) {
  return not_one_of(kind, "--kind", {"one-on-one", "team", "ride-along", "role-play"});
}

WriteChange session_add_change(const Book& book, const NewSession& s, Date today) {
  if (auto future = refuse_after_today(s.date, today, N_("the session's date"), N_("a coaching session")))
    return *future;
  WriteChange change;
  change.id = s.id;
  if (change.id.empty()) {
    std::vector<std::string_view> ids;
    for (auto& x : book.sessions) ids.push_back(book.text(x.id));
    change.id = new_id(fmt::format("CS-{}-", month_prefix(s.date)), session_seed(s), ids);
  } else if (book.session_ids.find(change.id, [&](std::uint32_t i) { return book.text(book.sessions[i].id); })) {
    return WriteChange::refuse(fmt::format(N_("a coaching session '{}' exists already"), change.id));
  }
  std::vector<YamlField> fields = {{"id", YamlValue::text(change.id)},
                                   {"date", YamlValue::literal(format_date(s.date))},
                                   {"coach", YamlValue::text(s.coach)},
                                   {"person", YamlValue::text(s.person)},
                                   {"kind", YamlValue::text(s.kind)}};
  if (!s.topics.empty()) {
    std::vector<YamlValue> topics;
    for (auto& t : s.topics) topics.push_back(YamlValue::text(t));
    fields.push_back({"topics", YamlValue::list(topics, true)});
  }
  if (!s.notes.empty()) fields.push_back({"notes", YamlValue::text(s.notes)});
  if (!s.ratings.empty()) {
    std::vector<YamlField> r;
    for (auto& [key, value] : s.ratings) {
      if (value.size() != 1 || value[0] < '1' || value[0] > '5')
        return WriteChange::bad_value(
            fmt::format(N_("--rating: '{}={}': a rating is a whole number from 1 to 5"), key, value));
      r.push_back({key, YamlValue::literal(value)});
    }
    fields.push_back({"ratings", YamlValue::map(r, true)});
  }
  if (!s.follow_ups.empty()) {
    std::vector<YamlValue> items;
    for (std::size_t i = 0; i < s.follow_ups.size(); ++i) {
      const std::string& f = s.follow_ups[i];
      auto at = f.rfind('@');
      std::string action = at == std::string::npos ? f : f.substr(0, at);
      if (action.empty())
        return WriteChange::bad_value(fmt::format(N_("--follow-up: '{}' has no action (ACTION@YYYY-MM-DD)"), f));
      std::vector<YamlField> item = {{"id", YamlValue::text(fmt::format("F{}", i + 1))},
                                     {"action", YamlValue::text(action)}};
      if (at != std::string::npos) {
        auto due = parse_date(f.substr(at + 1));
        if (!due)
          return WriteChange::bad_value(
              fmt::format(N_("--follow-up: '{}' is not a date (ACTION@YYYY-MM-DD)"), f.substr(at + 1)));
        item.push_back({"due", YamlValue::literal(format_date(*due))});
      }
      item.push_back({"done", YamlValue::literal("false")});
      items.push_back(YamlValue::map(item, true));
    }
    fields.push_back({"follow_ups", YamlValue::list(items)});
  }
  const std::string file = coaching_month_file(s.date);
  auto coaches = owners_in_file(book, book.sessions, file, [](const CoachingSession& x) { return x.coach; });
  change.edits.push_back({file,
                          {YamlEdit::insert(YamlPath{}.key("sessions"), YamlValue::map(std::move(fields)),
                                            new_record_place(coaches, s.coach, change.id))}});
  change.file = change.edits.back().file.string();
  return change;
}

std::optional<std::string> training_error(const NewTraining& t) {
  if (auto e = not_one_of(t.topic, "--topic", {"product", "sales-skills", "crm", "negotiation", "other"})) return e;
  if (auto e = not_one_of(t.format, "--format", {"classroom", "online", "drill", "role-play", "case-sharing"}))
    return e;
  auto dot = t.hours.find('.');
  bool plain = !t.hours.empty() && t.hours.find_first_not_of("0123456789.") == std::string::npos && dot != 0 &&
               dot + 1 != t.hours.size() &&
               t.hours.find('.', dot == std::string::npos ? 0 : dot + 1) == std::string::npos;
  double hours = plain ? std::strtod(t.hours.c_str(), nullptr) : -1;
  if (!plain || !(hours >= 0 && hours <= 1000))
    return fmt::format(N_("--hours: '{}' is not a number of hours from 0 to 1000"), t.hours);
  if (t.attendees.empty()) return N_("--attendees: name at least one person");
  std::vector<std::pair<std::string, std::string>> scores;
  std::string error;
  if (!parse_key_values(t.scores, &scores, &error)) return "--scores: " + error;
  for (auto& [who, score] : scores) {
    if (std::find(t.attendees.begin(), t.attendees.end(), who) == t.attendees.end())
      return fmt::format(N_("--scores: '{}' is not among --attendees"), who);
    int v = -1;
    if (score.size() <= 3 && !score.empty() && score.find_first_not_of("0123456789") == std::string::npos)
      v = std::stoi(score);
    if (v < 0 || v > 100)
      return fmt::format(N_("--scores: '{}={}': a score is a whole number from 0 to 100"), who, score);
  }
  return std::nullopt;
}

WriteChange training_add_change(const Book& book, const NewTraining& t) {
  WriteChange change;
  change.id = t.id;
  auto taken = [&](const std::string& x) {
    return book.training_ids.find(x, [&](std::uint32_t i) { return book.text(book.trainings[i].id); }).has_value();
  };
  if (change.id.empty()) {
    change.id = fmt::format("TR-{}-{}", month_prefix(t.date), t.topic);
    for (int n = 2; taken(change.id); ++n) change.id = fmt::format("TR-{}-{}-{}", month_prefix(t.date), t.topic, n);
  } else if (taken(change.id)) {
    return WriteChange::refuse(fmt::format(N_("a training '{}' exists already"), change.id));
  }
  std::vector<std::pair<std::string, std::string>> scores;
  std::string error;
  parse_key_values(t.scores, &scores, &error);
  std::vector<YamlValue> attendees;
  for (auto& a : t.attendees) {
    std::vector<YamlField> item = {{"person", YamlValue::text(a)}};
    for (auto& [who, score] : scores)
      if (who == a) item.push_back({"score", YamlValue::literal(std::to_string(std::stoi(score)))});
    attendees.push_back(YamlValue::map(item, true));
  }
  std::vector<YamlField> fields = {
      {"id", YamlValue::text(change.id)},    {"date", YamlValue::literal(format_date(t.date))},
      {"title", YamlValue::text(t.title)},   {"topic", YamlValue::text(t.topic)},
      {"format", YamlValue::text(t.format)}, {"hours", YamlValue::literal(t.hours)}};
  if (!t.trainer.empty()) fields.push_back({"trainer", YamlValue::text(t.trainer)});
  fields.push_back({"attendees", YamlValue::list(attendees)});
  change.edits.push_back(append_to(t.date, "trainings", std::move(fields)));
  change.file = change.edits.back().file.string();
  return change;
}

WriteChange follow_up_done_change(const Book& book, const FollowUpRef& ref) {
  YamlPath path;
  path.key("sessions")
      .item_with_id(book.str(ref.session->id))
      .key("follow_ups")
      .item_with_id(book.str(ref.follow_up->id))
      .key("done");
  WriteChange change;
  change.id = fmt::format("{}/{}", book.text(ref.session->id), book.text(ref.follow_up->id));
  change.file = book.files[ref.session->at.file];
  change.edits.push_back({change.file, {YamlEdit::set(path, YamlValue::literal("true"))}});
  return change;
}

}  // namespace salesops::core
