#include "core/export/tidy.hpp"

#include <string_view>

#include "core/book/schema.hpp"

namespace salesops::core {

namespace {

/// Builds one table: columns declared with their type, then rows cell by cell.
class TableBuilder {
 public:
  TableBuilder(const Book& book, std::string name) : book_(book) { out_.name = std::move(name); }

  TableBuilder& column(std::string id, TidyType type) {
    out_.table.add_column(std::move(id));
    out_.types.push_back(type);
    return *this;
  }
  TableBuilder& row() {
    out_.table.add_row();
    next_ = 0;
    return *this;
  }
  TableBuilder& text(Sym s) { return cell(s.empty() ? Cell(Undefined{}) : Cell(book_.str(s))); }
  TableBuilder& text(std::string_view s) { return cell(std::string(s)); }
  TableBuilder& integer(std::int64_t i) { return cell(i); }
  TableBuilder& integer_or_none(int i) { return cell(i < 0 ? Cell(Undefined{}) : Cell(std::int64_t{i})); }
  TableBuilder& money(Money m) { return cell(m); }
  TableBuilder& money(const std::optional<Money>& m) { return cell(m ? Cell(*m) : Cell(Undefined{})); }
  TableBuilder& real(double d) { return cell(Decimal{d}); }
  TableBuilder& real(const std::optional<double>& d) { return cell(d ? Cell(Decimal{*d}) : Cell(Undefined{})); }
  TableBuilder& date(Day d) { return cell(d ? Cell(*d) : Cell(Undefined{})); }
  TidyTable done() { return std::move(out_); }

 private:
  TableBuilder& cell(Cell c) {
    out_.table.rows.back()[next_++] = std::move(c);
    return *this;
  }
  const Book& book_;
  TidyTable out_;
  std::size_t next_ = 0;
};

using enum TidyType;

template <class E, std::size_t N>
std::string_view name_of(E value, const std::string_view (&names)[N]) {
  auto i = static_cast<std::size_t>(value);
  return i < N ? names[i] : std::string_view();
}

std::string_view stage_name(const Book& book, std::uint8_t stage) {
  return stage < book.config.stages.size() ? std::string_view(book.config.stages[stage].name) : std::string_view();
}

void add_people(const Book& b, std::vector<TidyTable>& out) {
  TableBuilder teams(b, "teams");
  teams.column("id", text).column("name", text).column("parent", text).column("manager", text);
  for (const Team& t : b.teams) teams.row().text(t.id).text(t.name).text(t.parent).text(t.manager);
  out.push_back(teams.done());
  TableBuilder people(b, "people");
  people.column("id", text).column("name", text).column("team", text).column("role", text).column("email", text)
      .column("joined_on", date).column("left_on", date);
  for (const Person& p : b.people)
    people.row().text(p.id).text(p.name).text(p.team).text(role_name(p.role)).text(p.email).date(p.joined).date(p.left);
  out.push_back(people.done());
}

void add_customers(const Book& b, std::vector<TidyTable>& out) {
  TableBuilder customers(b, "customers"), contacts(b, "contacts"), interactions(b, "interactions"), surveys(b, "surveys");
  customers.column("id", text).column("name", text).column("owner", text).column("tier", text).column("segment", text)
      .column("industry", text).column("region", text).column("source", text).column("since", date);
  contacts.column("customer", text).column("position", integer).column("name", text).column("title", text)
      .column("phone", text).column("email", text);
  interactions.column("customer", text).column("position", integer).column("date", date).column("type", text)
      .column("by_person", text).column("summary", text).column("next", date);
  surveys.column("customer", text).column("position", integer).column("date", date).column("csat", integer)
      .column("nps", integer).column("comment", text);
  for (const Customer& c : b.customers) {
    customers.row().text(c.id).text(c.name).text(c.owner).text(c.tier).text(c.segment).text(c.industry).text(c.region)
        .text(c.source).date(c.since);
    for (std::size_t i = 0; i < c.contacts().size(); ++i) {
      const Contact& k = c.contacts()[i];
      contacts.row().text(c.id).integer(static_cast<std::int64_t>(i + 1)).text(k.name).text(k.title).text(k.phone).text(k.email);
    }
    for (std::size_t i = 0; i < c.interactions().size(); ++i) {
      const Interaction& x = c.interactions()[i];
      interactions.row().text(c.id).integer(static_cast<std::int64_t>(i + 1)).date(x.date)
          .text(name_of(x.type, schema::kInteractionTypes)).text(x.by).text(x.summary).date(x.next);
    }
    for (std::size_t i = 0; i < c.surveys().size(); ++i) {
      const Survey& s = c.surveys()[i];
      surveys.row().text(c.id).integer(static_cast<std::int64_t>(i + 1)).date(s.date).integer_or_none(s.csat)
          .integer_or_none(s.nps).text(s.comment);
    }
  }
  for (TableBuilder* t : {&customers, &contacts, &interactions, &surveys}) out.push_back(t->done());
}

void add_deals(const Book& b, std::vector<TidyTable>& out) {
  TableBuilder deals(b, "deals"), changes(b, "stage_changes");
  deals.column("id", text).column("customer", text).column("owner", text).column("title", text).column("product", text)
      .column("amount", real).column("stage", text).column("opened", date).column("expected_close", date)
      .column("closed", date).column("lost_reason", text);
  changes.column("deal", text).column("position", integer).column("date", date).column("stage", text);
  for (const Deal& d : b.deals) {
    deals.row().text(d.id).text(d.customer).text(d.owner).text(d.title).text(d.product);
    if (d.has_amount) deals.money(d.amount);
    else deals.money(std::nullopt);
    deals.text(stage_name(b, d.stage)).date(d.opened).date(d.expected_close).date(d.closed).text(d.lost_reason);
    std::int64_t position = 0;
    for (const StageChange& c : b.history_of(d)) changes.row().text(d.id).integer(++position).date(c.date()).text(stage_name(b, c.stage()));
  }
  out.push_back(deals.done());
  out.push_back(changes.done());
}

void add_targets_and_plans(const Book& b, std::vector<TidyTable>& out) {
  TableBuilder targets(b, "targets");
  targets.column("id", text).column("owner", text).column("metric", text).column("period", text).column("value", real)
      .column("baseline", real).column("parent", text).column("plan", text).column("why", text).column("prorated", integer);
  for (const Target& t : b.targets)
    targets.row().text(t.id).text(t.owner).text(t.metric).text(t.period_text).money(t.value).money(t.baseline)
        .text(t.parent).text(t.plan).text(t.why).integer(t.prorated);
  out.push_back(targets.done());
  TableBuilder plans(b, "plans"), segments(b, "plan_segments"), strategies(b, "plan_strategies"), actions(b, "plan_actions");
  plans.column("id", text).column("period", text).column("owner", text);
  segments.column("plan", text).column("id", text).column("description", text);
  strategies.column("plan", text).column("id", text).column("kind", text).column("segment", text).column("summary", text);
  actions.column("plan", text).column("id", text).column("title", text).column("owner", text).column("strategy", text)
      .column("target", text).column("due", date).column("status", text).column("done_on", date);
  for (const Plan& p : b.plans) {
    plans.row().text(p.id).text(p.period_text).text(p.owner);
    for (const PlanSegment& s : p.segments) segments.row().text(p.id).text(s.id).text(s.description);
    for (const PlanStrategy& s : p.strategies) strategies.row().text(p.id).text(s.id).text(s.kind).text(s.segment).text(s.summary);
    for (const PlanAction& a : p.actions)
      actions.row().text(p.id).text(a.id).text(a.title).text(a.owner).text(a.strategy).text(a.target).date(a.due)
          .text(name_of(a.status, schema::kActionStatuses)).date(a.done_on);
  }
  for (TableBuilder* t : {&plans, &segments, &strategies, &actions}) out.push_back(t->done());
}

void add_coaching(const Book& b, std::vector<TidyTable>& out) {
  TableBuilder sessions(b, "coaching_sessions"), ratings(b, "coaching_ratings"), follow_ups(b, "coaching_follow_ups");
  sessions.column("id", text).column("date", date).column("coach", text).column("person", text).column("kind", text)
      .column("topics", text).column("notes", text);
  ratings.column("session", text).column("skill", text).column("rating", integer);
  follow_ups.column("session", text).column("id", text).column("action", text).column("due", date).column("done", integer);
  for (const CoachingSession& s : b.sessions) {
    std::string topics;
    for (Sym t : s.topics) topics += (topics.empty() ? "" : ",") + b.str(t);
    sessions.row().text(s.id).date(s.date).text(s.coach).text(s.person).text(s.kind).text(topics).text(s.notes);
    for (const auto& [skill, rating] : s.ratings) ratings.row().text(s.id).text(skill).integer(rating);
    for (const FollowUp& f : s.follow_ups) follow_ups.row().text(s.id).text(f.id).text(f.action).date(f.due).integer(f.done);
  }
  for (TableBuilder* t : {&sessions, &ratings, &follow_ups}) out.push_back(t->done());
  TableBuilder trainings(b, "trainings"), attendees(b, "training_attendees");
  trainings.column("id", text).column("date", date).column("title", text).column("topic", text).column("format", text)
      .column("trainer", text).column("hours", real);
  attendees.column("training", text).column("person", text).column("score", integer);
  for (const Training& t : b.trainings) {
    trainings.row().text(t.id).date(t.date).text(t.title).text(t.topic).text(t.format).text(t.trainer).real(t.hours);
    for (const Attendee& a : t.attendees) attendees.row().text(t.id).text(a.person).integer_or_none(a.score);
  }
  out.push_back(trainings.done());
  out.push_back(attendees.done());
}

void add_reviews(const Book& b, std::vector<TidyTable>& out) {
  TableBuilder reviews(b, "reviews"), items(b, "review_items");
  reviews.column("period", text).column("person", text).column("reviewer", text).column("status", text).column("comments", text);
  items.column("period", text).column("person", text).column("section", text).column("item", text).column("target", real)
      .column("actual", real).column("attainment", real).column("rating", integer);
  for (const Review& r : b.reviews) {
    reviews.row().text(r.period_text).text(r.person).text(r.reviewer).text(r.status).text(r.comments);
    for (const ReviewFigure& f : r.quantitative)
      items.row().text(r.period_text).text(r.person).text("quantitative").text(f.metric).real(f.target).real(f.actual)
          .real(f.attainment).integer_or_none(-1);
    for (const auto& [name, rating] : r.qualitative)
      items.row().text(r.period_text).text(r.person).text("qualitative").text(name).real(std::nullopt).real(std::nullopt)
          .real(std::nullopt).integer(rating);
  }
  out.push_back(reviews.done());
  out.push_back(items.done());
}

void add_rewards(const Book& b, std::vector<TidyTable>& out) {
  TableBuilder plans(b, "reward_plans"), tiers(b, "reward_tiers"), spiffs(b, "reward_spiffs"), grants(b, "grants");
  plans.column("id", text).column("period", text).column("metric", text).column("mode", text).column("applies_role", text)
      .column("applies_team", text).column("applies_people", text).column("gate_metric", text).column("gate_min", real)
      .column("cap", real).column("team_bonus_min_attainment", real).column("team_bonus_amount", real)
      .column("prorate", integer).column("valid_from", date).column("valid_to", date);
  tiers.column("plan", text).column("position", integer).column("tier_from", real).column("tier_to", real).column("rate", real);
  spiffs.column("plan", text).column("product", text).column("per_deal", real).column("rate", real);
  grants.column("id", text).column("date", date).column("person", text).column("team", text).column("kind", text)
      .column("title", text).column("reason", text).column("amount", real);
  for (const RewardPlan& p : b.reward_plans) {
    std::string people;
    for (Sym s : p.applies_people) people += (people.empty() ? "" : ",") + b.str(s);
    plans.row().text(p.id).text(p.period).text(p.metric).text(p.mode).text(p.applies_role).text(p.applies_team)
        .text(people).text(p.gate_metric).real(p.gate_min).money(p.cap).real(p.team_bonus_min_attainment)
        .money(p.team_bonus_amount).integer(p.prorate).date(p.valid_from).date(p.valid_to);
    std::int64_t position = 0;
    for (const RewardTier& t : p.tiers) tiers.row().text(p.id).integer(++position).real(t.from).real(t.to).real(t.rate);
    for (const Spiff& s : p.spiffs) spiffs.row().text(p.id).text(s.product).money(s.per_deal).real(s.rate);
  }
  for (const Grant& g : b.grants)
    grants.row().text(g.id).date(g.date).text(g.person).text(g.team).text(g.kind).text(g.title).text(g.reason).money(g.amount);
  for (TableBuilder* t : {&plans, &tiers, &spiffs, &grants}) out.push_back(t->done());
}

}  // namespace

std::vector<TidyTable> tidy_tables(const Book& book) {
  std::vector<TidyTable> out;
  add_people(book, out);
  add_customers(book, out);
  add_deals(book, out);
  add_targets_and_plans(book, out);
  add_coaching(book, out);
  add_reviews(book, out);
  add_rewards(book, out);
  return out;
}

std::string_view sql_type(TidyType type) {
  switch (type) {
    case TidyType::integer: return "INTEGER";
    case TidyType::real: return "REAL";
    case TidyType::text:
    case TidyType::date: break;
  }
  return "TEXT";
}

}  // namespace salesops::core
