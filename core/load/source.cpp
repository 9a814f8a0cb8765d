#include "core/load/source.hpp"

#include <algorithm>
#include <fstream>

namespace salesops::core {

namespace fs = std::filesystem;

namespace {

class DirectorySource final : public BookSource {
 public:
  explicit DirectorySource(fs::path root) : root_(std::move(root)) {}

  std::vector<std::string> list() override {
    std::vector<std::string> out;
    std::error_code ec;
    // Symbolic links to files are read; links to directories are not followed, so a link
    // cannot make the walk loop.
    fs::recursive_directory_iterator it(root_, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      // Lexically: fs::relative would resolve a linked file to its target's name.
      if (it->is_regular_file(ec)) out.push_back(it->path().lexically_relative(root_).generic_string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  std::optional<std::string> read(const std::string& relative, std::string* error) override {
    std::ifstream in(root_ / relative, std::ios::binary);
    if (!in) {
      if (error) *error = "cannot open the file";
      return std::nullopt;
    }
    std::string data;
    in.seekg(0, std::ios::end);
    auto size = in.tellg();
    if (size > 0) {
      data.resize(static_cast<std::size_t>(size));
      in.seekg(0);
      in.read(data.data(), size);
    }
    if (!in && size > 0) {
      if (error) *error = "cannot read the file";
      return std::nullopt;
    }
    return data;
  }

  std::string describe() const override { return root_.string(); }
  const fs::path* directory() const override { return &root_; }

 private:
  fs::path root_;
};

}  // namespace

std::unique_ptr<BookSource> directory_source(const fs::path& root) { return std::make_unique<DirectorySource>(root); }

}  // namespace salesops::core
