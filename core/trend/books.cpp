#include "core/trend/books.hpp"

#include <algorithm>

#include "core/load/git_source.hpp"

namespace salesops::core {

namespace {

/// A source without the files under some folders.
class SkippingSource final : public BookSource {
 public:
  SkippingSource(std::unique_ptr<BookSource> inner, const std::vector<std::string>& skip)
      : inner_(std::move(inner)), skip_(skip) {}
  std::vector<std::string> list() override {
    std::vector<std::string> out = inner_->list();
    std::erase_if(out, [&](const std::string& path) {
      return std::any_of(skip_.begin(), skip_.end(), [&](const std::string& folder) { return path.starts_with(folder); });
    });
    return out;
  }
  std::vector<RefusedPath> refused() const override { return inner_->refused(); }
  std::optional<std::string> read(const std::string& relative, std::string* error) override {
    return inner_->read(relative, error);
  }
  std::string describe() const override { return inner_->describe(); }
  std::optional<std::string> blob_id(const std::string& relative) const override { return inner_->blob_id(relative); }
  std::string revision() const override { return inner_->revision(); }

 private:
  std::unique_ptr<BookSource> inner_;
  const std::vector<std::string>& skip_;
};

}  // namespace

TrendBooks::TrendBooks(std::filesystem::path book_root, LoadOptions options, std::vector<std::string> skip)
    : root_(std::move(book_root)), options_(options), skip_(std::move(skip)) {}

const LoadResult* TrendBooks::at(const std::string& commit, std::string* error) {
  if (auto it = books_.find(commit); it != books_.end()) return &it->second;
  auto source = git_source(root_, commit, error);
  if (!source) return nullptr;
  if (!skip_.empty()) source = std::make_unique<SkippingSource>(std::move(source), skip_);
  auto [it, added] = books_.emplace(commit, load_book(*source, root_, options_));
  return &it->second;
}

}  // namespace salesops::core
