#pragma once
// `trend slippage`: deals whose expected_close a commit moved later, found commit by commit
// through the history of deals/, so that every push is counted once.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/period.hpp"
#include "core/base/table.hpp"
#include "core/book/book.hpp"

namespace salesops::core {

/// One push: a commit that moved an open deal's expected_close later.
struct Push {
  std::string deal, owner;
  /// The stage the deal held just before the commit (the deal as it stood when it slipped).
  std::string stage;
  Date from, to;
  /// The deal's amount just before the commit, in the book's currency at the rate in effect
  /// on `from`; none when the deal has no amount or no rate is known.
  std::optional<Money> amount;
  std::string commit, author;
  Date date;  // the commit's committer date (UTC)
  /// The period of the report the push moved the deal out of: the one holding `from` when
  /// `to` lies after its end; empty when the push stays inside it or `from` is in none.
  std::string out_of;
  int days() const { return days_between(from, to); }
};

/// The pushes between two versions of the same deals, matched by id (wherever they are
/// filed): deals open in both with an expected_close that `after` moves later (a deal the
/// commit closes is recorded as it ended, not pushed). Amounts
/// are converted with the rates of `rates` (the book read at the report's revision).
/// In the order of `after`'s deals. A deal unreadable in `before` (absent, or without its
/// date) is compared as `last_readable` holds it, by id, when it does: a push across a
/// commit that broke the deal and one that repaired it.
std::vector<Push> pushes_between(const Book& before, const Book& after, const Book& rates,
                                 const std::map<std::string, Push>* last_readable = nullptr);

/// Every push made by a commit reachable from `revision` (HEAD when empty) whose committer
/// date (UTC) lies in `window`, oldest first. Merges bring no pushes of their own: a push made on
/// a branch is counted at its commit. Sets `error` when git fails.
std::vector<Push> find_pushes(const std::filesystem::path& book_root, const std::string& revision,
                              const Period& window, const Book& rates, std::string* error);

/// Sets each push's `out_of` against `periods` (the report's sub-periods, in order).
void mark_slipped_out(std::vector<Push>& pushes, const std::vector<Period>& periods);

/// The rows of `trend slippage`.
enum class SlippageBy { push, owner, stage, period };

/// `trend slippage`:
/// - push: `date,deal,owner,stage,amount,from,to,days,out_of,commit,author`, oldest first;
/// - owner, stage: `owner,name` or `stage`, then `pushes,deals,days,mean_days,max_days,
///   slipped_out,slipped_amount` (slipped_out: pushes that moved a deal out of a period;
///   slipped_amount: their amounts);
/// - period: one row per period of `periods` with the pushes committed in it, and the pushes
///   (committed anywhere in the window) that moved a deal out of it.
Table slippage_table(const Book& book, const std::vector<Push>& pushes, SlippageBy by,
                     const std::vector<Period>& periods);

}  // namespace salesops::core
