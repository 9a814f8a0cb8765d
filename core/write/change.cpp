#include "core/write/change.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>

#include "core/base/book_path.hpp"
#include "core/base/durable_file.hpp"

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
  return WriteChange::refuse(fmt::format("{} {} is after today ({})", what, format_date(date), format_date(today)),
                             fmt::format("{} records what has happened: date it on or before today", record));
}

std::optional<CreateFailure> create_files(const std::filesystem::path& root, const std::vector<NewFile>& files) {
  namespace fs = std::filesystem;
  using Step = CreateFailure::Step;
  std::vector<DurableFile> temps;
  temps.reserve(files.size());
  for (const NewFile& f : files) {
    const fs::path path = root / f.file;
    if (auto why = leaves_book(root, f.file))
      return CreateFailure{Step::directory, f.file, path.parent_path(), ELOOP, *why};
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) return CreateFailure{Step::directory, f.file, path.parent_path(), ec.value(), ec.message()};
    DurableOptions how;
    how.placement = Placement::create;
    how.create_mode = 0644;
    DurableFile& temp = temps.emplace_back(path, how);
    if (!temp.open()) return CreateFailure{Step::temporary, f.file, temp.temporary(), temp.error(), {}};
    if (!temp.write(f.text) || !temp.finish()) return CreateFailure{Step::write, f.file, {}, temp.error(), {}};
  }
  std::vector<fs::path> made;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (!temps[i].commit()) {
      for (const fs::path& p : made) ::unlink(p.c_str());
      return CreateFailure{Step::name, files[i].file, {}, temps[i].error(), {}};
    }
    made.push_back(temps[i].target());
  }
  for (const fs::path& p : made) sync_directory(p.parent_path());
  return std::nullopt;
}

}  // namespace salesops::core
