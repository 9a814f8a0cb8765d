#pragma once
// A file's bytes for one reading. A large file is mapped rather than copied, and the part a
// reader has passed is given back as it goes (release_before): a book's deal files of many
// megabytes then cost a window of pages each, not their size, while they are parsed.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace salesops::core {

class FileText {
 public:
  /// Files from this size on are mapped (below it a copy costs less than a mapping).
  static constexpr std::size_t kMapFrom = std::size_t{1} << 20;

  FileText() = default;
  explicit FileText(std::string bytes) : owned_(std::move(bytes)) {}
  /// The first `size` bytes of the open file `fd`, mapped; nullopt when it cannot be mapped.
  static std::optional<FileText> map(int fd, std::size_t size);
  FileText(FileText&& other) noexcept;
  FileText& operator=(FileText&& other) noexcept;
  FileText(const FileText&) = delete;
  FileText& operator=(const FileText&) = delete;
  ~FileText();

  std::string_view view() const { return map_ ? std::string_view(map_, size_) : std::string_view(owned_); }
  /// Gives back the memory of the whole pages before `offset`. Reading them again reads the
  /// file again, so a caller may still look there (an error's line, a parser starting over).
  /// Each pass through the text calls it with growing offsets; a smaller one starts a pass.
  void release_before(std::size_t offset);
  /// True when the mapped file shrank while it was read: what was read past its new end
  /// reads as zero bytes, and the text is not the file's. A copy is never torn.
  bool torn() const;
  /// The bytes as a string (a copy when mapped).
  std::string take() &&;

 private:
  void unmap();

  std::string owned_;
  const char* map_ = nullptr;
  std::size_t size_ = 0;
  std::size_t released_ = 0;  // bytes from the start given back in the current pass
  int guard_ = -1;            // its slot among the mappings a SIGBUS is checked against
};

}  // namespace salesops::core
