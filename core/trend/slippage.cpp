#include "core/trend/slippage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/base/git.hpp"
#include "core/base/i18n.hpp"
#include "core/deals/pipeline.hpp"
#include "core/history/commits.hpp"
#include "core/history/record_diff.hpp"
#include "core/load/git_source.hpp"

namespace salesops::core {

namespace fs = std::filesystem;

namespace {

std::optional<Money> amount_of(const Book& book, const Deal& d, Date day, const Book& rates) {
  if (!d.has_amount) return std::nullopt;
  std::string_view code = book.currency_of(d);
  if (code == rates.config.currency) return d.amount;
  const Rate* rate = rates.rate_on(code, day);
  if (!rate) return std::nullopt;
  return convert_money(d.amount, rate->micro);
}

/// The deal as a push would start from it: open, with its expected_close; none otherwise.
std::optional<Push> open_state(const Book& book, const Deal& d, const Book& rates) {
  if (!d.expected_close || !is_open_stage(book.config, d.stage)) return std::nullopt;
  Push p;
  p.deal = book.str(d.id);
  p.owner = book.str(d.owner);
  p.stage = d.stage < book.config.stages.size() ? book.config.stages[d.stage].name : std::string();
  p.from = *d.expected_close;
  p.amount = amount_of(book, d, p.from, rates);
  return p;
}

}  // namespace

std::vector<Push> pushes_between(const Book& before, const Book& after, const Book& rates,
                                 const std::map<std::string, Push>* last_readable) {
  std::vector<Push> out;
  for (const Deal& now : after.deals) {
    // A deal closed by the same commit is recorded as it ended, not pushed.
    if (!now.expected_close || !is_open_stage(after.config, now.stage)) continue;
    const Deal* was = before.deal(after.text(now.id));
    std::optional<Push> p;
    if (was && was->expected_close) {
      p = open_state(before, *was, rates);
    } else if (last_readable) {
      // Unreadable before the commit (a broken file, a date not in the calendar): the deal
      // as it last stood readable.
      auto it = last_readable->find(after.str(now.id));
      if (it != last_readable->end()) p = it->second;
    }
    if (!p || *now.expected_close <= p->from) continue;
    p->to = *now.expected_close;
    out.push_back(std::move(*p));
  }
  return out;
}

std::vector<Push> find_pushes(const fs::path& book_root, const std::string& revision, const Period& window,
                              const Book& rates, std::string* error) {
  std::vector<Push> out;
  std::optional<std::string> prefix = git_book_prefix(book_root, error);
  if (!prefix) return out;
  auto commits = book_log(book_root, revision, "deals/", LogDate::committer_utc, error);
  if (!commits) return out;
  std::reverse(commits->begin(), commits->end());
  GitCatFile cat(book_root);
  std::string read_error;
  auto blob = [&](const std::string& oid) -> std::string {
    if (oid.empty()) return {};
    return cat.read(oid, &read_error).value_or(std::string());
  };
  // Each open deal as the last commit that changed it (and did not only add it) left it
  // readable, so that a push across a commit that made the deal unreadable is still seen when
  // a later one repairs it.
  std::map<std::string, Push> last_readable;
  for (const CommitChanges& c : *commits) {
    auto date = parse_date(c.date);
    // Commits before the window are read too, for the deals' last readable states.
    if (!date || *date > window.last || c.files.empty()) continue;
    FileTexts before, after;
    for (const FileChange& f : c.files) {
      if (!f.path.ends_with(".yaml") && !f.path.ends_with(".yml")) continue;
      auto [b, a] = differing_items(blob(f.before), blob(f.after));
      if (!b.empty()) before.emplace(f.path, std::move(b));
      if (!a.empty()) after.emplace(f.path, std::move(a));
    }
    if (before.empty() || after.empty()) continue;  // only added or only removed deals
    auto old_book = load_texts_at(cat, c.id + "^:" + *prefix, std::move(before));
    auto new_book = load_texts_at(cat, c.id + ":" + *prefix, std::move(after));
    if (window.contains(*date))
      for (Push& p : pushes_between(*old_book, *new_book, rates, &last_readable)) {
        p.commit = c.id;
        p.author = c.author;
        p.date = *date;
        out.push_back(std::move(p));
      }
    for (const Deal& d : new_book->deals)
      if (d.expected_close) {
        if (auto state = open_state(*new_book, d, rates)) last_readable[state->deal] = std::move(*state);
        else last_readable.erase(new_book->str(d.id));
      }
  }
  return out;
}

void mark_slipped_out(std::vector<Push>& pushes, const std::vector<Period>& periods) {
  for (Push& p : pushes) {
    p.out_of.clear();
    for (const Period& s : periods)
      if (s.contains(p.from) && p.to > s.last) p.out_of = s.label;
  }
}

namespace {

struct Tally {
  std::int64_t pushes = 0, days = 0, max_days = 0, slipped = 0;
  std::set<std::string> deals;
  Money slipped_amount;
  void add(const Push& p) {
    ++pushes;
    days += p.days();
    max_days = std::max<std::int64_t>(max_days, p.days());
    deals.insert(p.deal);
  }
  void add_slipped(const Push& p) {
    ++slipped;
    if (p.amount && __builtin_add_overflow(slipped_amount.cents, p.amount->cents, &slipped_amount.cents))
      slipped_amount.cents = p.amount->cents < 0 ? INT64_MIN : INT64_MAX;
  }
};

void add_tally_columns(Table& t) {
  for (const char* c : {N_("pushes"), N_("deals"), N_("days")}) t.add_column(c, ColumnType::integer);
  t.add_column(N_("mean_days"), ColumnType::decimal);
  t.add_column(N_("max_days"), ColumnType::integer);
  t.add_column(N_("slipped_out"), ColumnType::integer);
  t.add_column(N_("slipped_amount"), ColumnType::money);
}

void put_tally(std::vector<Cell>& row, std::size_t at, const Tally& s) {
  row[at] = s.pushes;
  row[at + 1] = static_cast<std::int64_t>(s.deals.size());
  row[at + 2] = s.days;
  row[at + 3] = s.pushes ? Cell{Decimal{static_cast<double>(s.days) / static_cast<double>(s.pushes)}} : Cell{Undefined{}};
  row[at + 4] = s.pushes ? Cell{s.max_days} : Cell{Undefined{}};
  row[at + 5] = s.slipped;
  row[at + 6] = s.slipped_amount;
}

}  // namespace

Table slippage_table(const Book& book, const std::vector<Push>& pushes, SlippageBy by, const std::vector<Period>& periods) {
  Table t;
  if (by == SlippageBy::push) {
    t.add_column(N_("date"), ColumnType::date);
    for (const char* c : {N_("deal"), N_("owner"), N_("stage")}) t.add_column(c);
    t.add_column(N_("amount"), ColumnType::money);
    for (const char* c : {N_("from"), N_("to")}) t.add_column(c, ColumnType::date);
    t.add_column(N_("days"), ColumnType::integer);
    for (const char* c : {N_("out_of"), N_("commit"), N_("author")}) t.add_column(c);
    for (const Push& p : pushes)
      t.add_row() = {p.date, p.deal, p.owner, p.stage, p.amount ? Cell{*p.amount} : Cell{Undefined{}}, p.from, p.to,
                     std::int64_t{p.days()}, p.out_of.empty() ? Cell{Undefined{}} : Cell{p.out_of}, p.commit, p.author};
    return t;
  }
  if (by == SlippageBy::period) {
    t.add_column(N_("period"), ColumnType::period);
    add_tally_columns(t);
    for (const Period& s : periods) {
      Tally tally;
      for (const Push& p : pushes) {
        if (s.contains(p.date)) tally.add(p);
        if (p.out_of == s.label && s.contains(p.from)) tally.add_slipped(p);
      }
      auto& row = t.add_row();
      row[0] = period_cell(s);
      put_tally(row, 1, tally);
    }
    return t;
  }
  // By owner (team.yaml order, then owners no longer in it) or stage (funnel order).
  std::vector<std::string> keys;
  if (by == SlippageBy::owner) {
    t.add_column(N_("owner"));
    t.add_column(N_("name"));
    for (const Person& person : book.people) keys.push_back(book.str(person.id));
  } else {
    t.add_column(N_("stage"));
    for (const StageDef& s : book.config.stages) keys.push_back(s.name);
  }
  for (const Push& p : pushes) {
    const std::string& key = by == SlippageBy::owner ? p.owner : p.stage;
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  add_tally_columns(t);
  std::size_t first = by == SlippageBy::owner ? 2 : 1;
  Tally total;
  auto add_row = [&](const std::string& key, const Tally& tally, bool is_total) {
    auto& row = t.add_row();
    row[0] = key;
    if (by == SlippageBy::owner) {
      const Person* person = is_total ? nullptr : book.person(key);
      row[1] = person ? Cell{book.str(person->name)} : Cell{Undefined{}};
    }
    put_tally(row, first, tally);
  };
  for (const std::string& key : keys) {
    Tally tally;
    for (const Push& p : pushes)
      if ((by == SlippageBy::owner ? p.owner : p.stage) == key) {
        tally.add(p);
        total.add(p);
        if (!p.out_of.empty()) {
          tally.add_slipped(p);
          total.add_slipped(p);
        }
      }
    if (tally.pushes) add_row(key, tally, false);
  }
  add_row("total", total, true);
  t.has_row_kinds = true;
  t.row_kinds.assign(t.rows.size(), RowKind::detail);
  t.row_kinds.back() = RowKind::total;
  return t;
}

}  // namespace salesops::core
