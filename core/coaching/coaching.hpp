#pragma once
// Coaching (SPEC 1, 4, 6): the one-on-one cadence that `coach due` lists and `check` audits,
// open follow-ups, the skills matrix and the coaching report.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/period.hpp"
#include "core/base/table.hpp"
#include "core/book/book.hpp"

namespace salesops::core {

/// Where an active rep stands against policy.one_on_one_days.
struct OneOnOneCadence {
  const Person* person = nullptr;
  /// Who holds the rep's one-on-ones: the manager of their team, else of the nearest team
  /// above it that has a manager other than the rep; nullptr when no team has one.
  const Person* coach = nullptr;
  /// The latest session of kind one-on-one with the rep, dated on or before today.
  Day last;
  /// Where the count starts: `last`, else the rep's joined date, else today.
  Date since;
  /// since (or org.started, when later) + policy.one_on_one_days: the rep is overdue when
  /// today is after it.
  Date due;
  bool overdue(Date today) const { return today > due; }
};

/// The cadence of every rep active today, in team.yaml order: one pass over the sessions.
std::vector<OneOnOneCadence> one_on_one_cadence(const Book& book, Date today);

/// The manager responsible for a person (see OneOnOneCadence::coach).
const Person* responsible_coach(const Book& book, const Person& person);

/// The `coach due` table (SPEC 6: person,name,coach,last_session,days_since,due): reps
/// overdue for a one-on-one, most overdue first, then in team.yaml order. `people`
/// restricts the rows (empty: everyone).
Table coach_due_table(const Book& book, Date today, const std::vector<Sym>& people);

/// A follow-up with its session.
struct FollowUpRef {
  const CoachingSession* session = nullptr;
  const FollowUp* follow_up = nullptr;
};

/// "SESSION/FOLLOWUP", or the bare follow-up id when exactly one session has it. On failure
/// returns nullopt and sets `error` (unknown, with a close match when there is one, or
/// ambiguous, naming the candidates).
std::optional<FollowUpRef> resolve_follow_up(const Book& book, std::string_view text, std::string* error);

/// Open follow-ups (done: false), the earliest due first (undated last), then by session
/// id. `people` restricts them to those sessions' coached persons (empty: everyone).
std::vector<FollowUpRef> open_follow_ups(const Book& book, const std::vector<Sym>& people = {});

/// `coach followups`: followup,person,name,coach,action,due,days_overdue.
Table follow_ups_table(const Book& book, Date today, const std::vector<FollowUpRef>& rows);

/// The skill topics a plan strategy of `kind` needs training in (product → product,
/// pricing → negotiation, channel and promotion → sales-skills, other → none).
std::vector<std::string_view> strategy_topics(std::string_view kind);

struct SkillsQuery {
  std::vector<Sym> people;       // the rows' people (empty: every rep active today)
  std::optional<Period> period;  // trainings and sessions dated in it; none: up to today
  Date today;
};

/// `coach skills`: person,name,topic,training_hours,latest_score,sessions,latest_rating,
/// needed,gap — one row per person and topic that has a training, a session, a rating or a
/// need. `needed` names the current plans' strategies that need the topic of the person
/// (they own an action of it that is not dropped); `gap` lists no-training (needed, no
/// training hours), low-score (below [coaching] min_score), low-rating (below min_rating).
Table skills_table(const Book& book, const SkillsQuery& query);

/// The parts of `coach report`, each a table over the period.
enum class ReportPart { hours, coverage, coaches, followups };
std::optional<ReportPart> parse_report_part(std::string_view text);
std::string_view report_part_name(ReportPart part);
/// hours: person,name,topic,trainings,hours. coverage: topic,trained,active_reps,coverage.
/// coaches: coach,name,sessions,one_on_ones,people. followups: person,name,due,done,open,
/// overdue,completion (follow-ups due in the period, by the person coached, who does them).
/// `people` restricts the people counted (empty: everyone).
Table coach_report_table(const Book& book, const Period& period, Date today, ReportPart part,
                         const std::vector<Sym>& people = {});

}  // namespace salesops::core
