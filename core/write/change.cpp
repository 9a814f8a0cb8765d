#include "core/write/change.hpp"

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

std::optional<CreateFailure> create_files(const std::filesystem::path& root, const std::vector<NewFile>& files) {
  std::vector<StagedWrite> staged;
  staged.reserve(files.size());
  for (const NewFile& f : files) {
    StagedWrite& w = staged.emplace_back(StagedWrite{root / f.file, f.file, f.text, {}, false});
    w.how.placement = Placement::create;
    w.how.create_mode = 0644;
  }
  return write_transaction(root, staged);
}

}  // namespace salesops::core
