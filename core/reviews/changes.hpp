#pragma once
// `review new` and `review refresh` (SPEC 7): the draft reviews created, or the figures of
// draft reviews set anew in place, or why the change is refused. Nothing here writes; the
// caller hands the new files to create_files() and the edits to BookWriter.
#include <filesystem>
#include <string>
#include <vector>

#include "core/base/period.hpp"
#include "core/book/book.hpp"
#include "core/write/change.hpp"

namespace salesops::core {

/// Whose reviews a change covers.
struct ReviewSelection {
  Period period;
  Date today;
  std::vector<Sym> people;  // empty: everyone
  std::string person;       // the person named on the command line, if one was
};

struct NewReviews {
  WriteChange change;                      // change.created: one draft per person
  std::vector<std::string> existing;  // reviews of the period kept as they are
};

/// A draft per selected person due a review (a named person is drafted whatever their
/// role), at reviews/<period>/<person>.yaml, figures filled in and the responsible coach as
/// reviewer. A review that exists (in the book or as a file under `book_root`) is kept;
/// for a named person that is a refusal, as is a draft that does not parse.
NewReviews reviews_new_change(const Book& book, const ReviewSelection& selection,
                              const std::filesystem::path& book_root);

struct RefreshedReviews {
  WriteChange change;
  std::size_t reviews = 0;          // draft reviews looked at
  std::vector<std::string> finals;  // final reviews left as they are
};

/// The figures of the selected people's draft reviews of the period, set anew in place.
/// For a named person, a final review or none is a refusal.
RefreshedReviews reviews_refresh_change(const Book& book, const ReviewSelection& selection);

}  // namespace salesops::core
