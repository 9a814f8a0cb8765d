// Loading tests/data/small: every file kind yields the records and fields it holds.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/book/book.hpp"
#include "core/load/book.hpp"
#include "fixtures.hpp"

using namespace salesops::core;

namespace {

const LoadResult& small() { return salesops::test::small_book_load(); }

const Book& book() { return *small().book; }

const Deal& deal(std::string_view id) {
  const Deal* d = book().deal(id);
  REQUIRE(d != nullptr);
  return *d;
}

std::vector<std::string> stage_names(std::span<const StageChange> history) {
  std::vector<std::string> out;
  for (auto& c : history) out.push_back(book().config.stages[c.stage()].name + "@" + format_date(c.date()));
  return out;
}

}  // namespace

TEST_CASE("loader: the small book loads without errors, every file read") {
  CHECK(small().diags.error_count() == 0);
  CHECK(small().files_read == 14);
  CHECK(book().files.size() == 13);  // salesops.toml is read but holds no records
  CHECK(book().config.org_name == "Small Co");
  CHECK(book().config.stage_list() == "lead, qualified, proposal, negotiation, won, lost");
  CHECK(book().config.segments == std::vector<std::string>{"enterprise", "smb"});
}

TEST_CASE("loader: record counts of every kind") {
  const Book& b = book();
  CHECK(b.teams.size() == 3);
  CHECK(b.people.size() == 6);
  CHECK(b.customers.size() == 3);
  CHECK(b.deals.size() == 8);  // D-0 (07), D-1 D-3 (09), D-2 D-4 D-5 D-6 D-7 (10)
  CHECK(b.targets.size() == 5);
  CHECK(b.plans.size() == 1);
  CHECK(b.sessions.size() == 1);
  CHECK(b.trainings.size() == 1);
  CHECK(b.reviews.size() == 1);
  CHECK(b.reward_plans.size() == 1);
  CHECK(b.grants.size() == 2);
}

TEST_CASE("loader: team and people") {
  const Book& b = book();
  const Team* ka = b.team("east-ka");
  REQUIRE(ka);
  CHECK(b.text(ka->parent) == "east");
  CHECK(b.text(ka->manager) == "chen.jie");
  CHECK(b.team("north")->parent.empty());
  const Person* old = b.person("old.hand");
  REQUIRE(old);
  CHECK(old->role == Role::rep);
  CHECK(*old->left == make_date(2026, 8, 31));
  CHECK_FALSE(old->joined);
  CHECK(b.person("li.na")->role == Role::director);
  CHECK(b.text(b.person("zhang.wei")->name) == "张伟");
  CHECK(b.subtree("east").size() == 2);
  CHECK(b.members("east").size() == 4);  // li.na, chen.jie, zhang.wei, wang.fang
}

TEST_CASE("loader: a customer's contacts, interactions and surveys") {
  const Book& b = book();
  const Customer* c = b.customer("C-1");
  REQUIRE(c);
  CHECK(b.text(c->name) == "上海星海科技有限公司");
  CHECK(b.text(c->tier) == "A");
  CHECK(b.text(c->segment) == "enterprise");
  REQUIRE(c->contacts().size() == 1);
  CHECK(b.text(c->contacts()[0].phone) == "+86 21 5555 0101");
  REQUIRE(c->interactions().size() == 2);
  CHECK(c->interactions()[0].type == InteractionType::visit);
  CHECK(*c->interactions()[0].next == make_date(2026, 10, 10));
  CHECK_FALSE(c->interactions()[1].next);
  REQUIRE(c->surveys().size() == 2);
  CHECK(c->surveys()[0].csat == 5);
  CHECK(c->surveys()[1].nps == 6);
  CHECK(b.customer("C-2")->surveys()[0].nps == -1);  // not answered
}

TEST_CASE("loader: deal fields, open leads without account or value") {
  const Deal& d1 = deal("D-1");
  CHECK(d1.amount.cents == 100050);
  CHECK(d1.has_amount);
  CHECK(d1.stage == book().config.won);
  CHECK(*d1.opened == make_date(2026, 9, 1));
  CHECK(*d1.closed == make_date(2026, 10, 5));
  CHECK(book().text(d1.title) == "二期扩容");
  CHECK(book().text(deal("D-3").lost_reason) == "price");
  const Deal& lead = deal("D-6");
  CHECK(lead.customer.empty());
  CHECK_FALSE(lead.has_amount);
  CHECK_FALSE(lead.opened);
  CHECK(lead.history_count == 0);
  CHECK(book().config.stages[lead.stage].name == "lead");
}

TEST_CASE("loader: each deal's history is its own contiguous span, oldest first") {
  const Book& b = book();
  std::size_t total = 0;
  for (const Deal& d : b.deals) {
    CHECK(d.history_begin + d.history_count <= b.history.size());
    total += d.history_count;
  }
  CHECK(total == b.history.size());
  CHECK(stage_names(b.history_of(deal("D-4"))) ==
        std::vector<std::string>{"lead@2026-10-02", "qualified@2026-10-15", "proposal@2026-11-03"});
  CHECK(stage_names(b.history_of(deal("D-5"))) ==
        std::vector<std::string>{"lead@2026-10-03", "negotiation@2026-10-20", "won@2026-11-02"});
  // D-2 directly follows D-3 in load order (files sorted): their spans touch, never overlap.
  const Deal& d3 = deal("D-3");
  CHECK(deal("D-2").history_begin == d3.history_begin + d3.history_count);
}

TEST_CASE("loader: repeated text is interned once, referring ids share the record's Sym") {
  const Book& b = book();
  Sym zhang = b.person("zhang.wei")->id;
  CHECK(deal("D-0").owner == zhang);
  CHECK(deal("D-1").owner == zhang);
  CHECK(b.customer("C-1")->owner == zhang);
  CHECK(b.customer("C-1")->interactions()[0].by == zhang);
  CHECK(deal("D-1").product == deal("D-2").product);
  CHECK(b.strings.find("widget-pro") == deal("D-1").product);
  CHECK(deal("D-2").customer == b.customer("C-2")->id);
  CHECK(b.strings.find("no such text anywhere").empty());
}

TEST_CASE("loader: targets, plan, coaching, review, rewards") {
  const Book& b = book();
  const Target* t = b.target("T-2026-10-zhang.wei-revenue");
  REQUIRE(t);
  CHECK(t->value.cents == 200000);
  CHECK(b.text(t->parent) == "T-2026-Q4-east-ka-revenue");
  CHECK(b.text(b.target("T-2026-Q4-east-ka-revenue")->plan) == "P-2026-Q4");

  const Plan* p = b.plan("P-2026-Q4");
  REQUIRE(p);
  CHECK(p->segments.size() == 1);
  CHECK(p->strategies.size() == 1);
  REQUIRE(p->actions.size() == 4);
  CHECK(p->actions[0].status == ActionStatus::done);
  CHECK(*p->actions[0].done_on == make_date(2026, 10, 14));
  CHECK(p->actions[2].status == ActionStatus::dropped);
  CHECK(b.text(p->actions[3].target) == "T-2026-11-wang.fang-revenue");

  const CoachingSession& s = b.sessions[0];
  CHECK(b.text(s.kind) == "one-on-one");
  CHECK(s.ratings.size() == 2);
  REQUIRE(s.follow_ups.size() == 1);
  CHECK_FALSE(s.follow_ups[0].done);
  const Training& tr = b.trainings[0];
  CHECK(tr.hours == 3.0);
  REQUIRE(tr.attendees.size() == 2);
  CHECK(tr.attendees[0].score == -1);
  CHECK(tr.attendees[1].score == 80);

  const Review& r = b.reviews[0];
  CHECK(b.text(r.period_text) == "2026-Q3");
  REQUIRE(r.quantitative.size() == 1);
  CHECK(*r.quantitative[0].actual == 200.0);
  CHECK(r.qualitative.size() == 1);  // teamwork is not rated yet

  const RewardPlan& rp = b.reward_plans[0];
  CHECK(rp.tiers.size() == 3);
  CHECK_FALSE(rp.tiers[2].to);
  CHECK(rp.cap->cents == 20000000);
  CHECK(*rp.gate_min == 0.2);
  CHECK(rp.prorate);
  REQUIRE(b.grants.size() == 2);
  CHECK(b.grants[1].amount.cents == 120000);
  CHECK(b.text(b.grants[1].team) == "east-ka");
}

TEST_CASE("loader: records remember where they were read") {
  const Book& b = book();
  Location at = b.location(deal("D-4").at);
  CHECK(at.file == "deals/2026-10.yaml");
  CHECK(at.line == 13);
  CHECK(at.column == 3);
  CHECK(b.location(b.customer("C-3")->at).file == "customers/C-3.yaml");
}
