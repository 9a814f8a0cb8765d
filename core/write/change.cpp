#include "core/write/change.hpp"

#include <fmt/format.h>

#include <cerrno>

#include "core/base/book_path.hpp"
#include "core/base/i18n.hpp"
#include "core/write/journal.hpp"

namespace salesops::core {

WriteChange WriteChange::refuse(std::string message, std::string hint) {
  WriteChange c;
  c.refused = Diagnostic{Severity::error, "write-refused", Location{}, std::move(message), std::move(hint)};
  return c;
}

WriteChange WriteChange::bad_value(std::string message) {
  WriteChange c = refuse(std::move(message));
  c.usage_error = true;
  return c;
}

std::optional<WriteChange> refuse_after_today(Date date, Date today, std::string_view what, std::string_view record) {
  if (date <= today) return std::nullopt;
  return WriteChange::refuse(fmt::format(N_("{} {} is after today ({})"), what, format_date(date), format_date(today)),
                             fmt::format(N_("{} records what has happened: date it on or before today"), record));
}

std::optional<CreateFailure> create_files(const std::filesystem::path& root, const std::vector<NewFile>& files) {
  std::vector<StagedWrite> staged;
  staged.reserve(files.size());
  for (const NewFile& f : files) {
    if (auto why = leaves_book(root, f.file))
      return CreateFailure{CreateFailure::Step::directory, f.file, (root / f.file).parent_path(), ELOOP, *why};
    StagedWrite& w = staged.emplace_back(StagedWrite{root / f.file, f.file, f.text, {}, false});
    w.how.placement = Placement::create;
    w.how.create_mode = 0644;
  }
  return write_transaction(root, staged);
}

}  // namespace salesops::core
