#pragma once
// `coach log`, `coach train` and `coach done` (SPEC 7): the record each appends or the flag
// it sets, or why it is refused. Nothing here writes; the caller hands the edits to
// BookWriter. Refusals of a command-line value keep the option's name in their message.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/base/date.hpp"
#include "core/book/book.hpp"
#include "core/coaching/coaching.hpp"
#include "core/write/change.hpp"

namespace salesops::core {

/// coaching/<YYYY-MM>.yaml: the file of the sessions and trainings of `d`'s month.
std::string coaching_month_file(Date d);

struct NewSession {
  std::string id;              // empty: CS-<YYYY-MM>-xxxx (core/base/ids.hpp new_id)
  std::string person, coach;   // person ids of team.yaml
  std::string kind;            // one-on-one, team, ride-along or role-play
  Date date;
  std::vector<std::string> topics;
  std::string notes;
  std::vector<std::pair<std::string, std::string>> ratings;  // skill, rating as given
  std::vector<std::string> follow_ups;                       // ACTION or ACTION@YYYY-MM-DD
};

/// Why `kind` is not a coaching session's kind (the message of --kind), or nothing.
std::optional<std::string> session_kind_error(const std::string& kind);

/// Adds the session to the coaching file of its month, after the last session of its coach
/// (new_record_place). Refuses an id that is taken, a rating other than 1 to 5, a follow-up
/// without an action or with a malformed date, and a session dated after `today`.
WriteChange session_add_change(const Book& book, const NewSession& session, Date today);

struct NewTraining {
  std::string id;  // empty: TR-<YYYY-MM>-<topic>, numbered from 2 when taken
  std::string title, topic, format, hours, trainer;
  std::vector<std::string> attendees;                        // person ids of team.yaml
  std::vector<std::string> scores;                           // PERSON=SCORE as given
  Date date;
};

/// Why the training's topic, format, hours, attendees or scores cannot be recorded (the
/// message names the option), or nothing. Hours are plain decimals ("1.5") from 0 to 1000,
/// so that the number reads back the same from YAML; a score is 0 to 100 and belongs to an
/// attendee.
std::optional<std::string> training_error(const NewTraining& training);

/// Appends the training to the coaching file of its month; refuses an id that is taken.
/// `training` has passed training_error().
WriteChange training_add_change(const Book& book, const NewTraining& training);

/// Sets the follow-up's `done` to true in place.
WriteChange follow_up_done_change(const Book& book, const FollowUpRef& ref);

}  // namespace salesops::core
