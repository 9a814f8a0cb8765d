#pragma once
// A list of file paths in one block of text: a book names each of its files once, and a
// book of many files would otherwise hold a std::string (and its allocation) for each.
#include <cstdint>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace salesops::core {

class PathList {
 public:
  class const_iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = std::string_view;
    const_iterator() = default;
    const_iterator(const PathList* list, std::size_t i) : list_(list), i_(i) {}
    std::string_view operator*() const { return (*list_)[i_]; }
    std::string_view operator[](difference_type n) const { return (*list_)[i_ + static_cast<std::size_t>(n)]; }
    const_iterator& operator++() { ++i_; return *this; }
    const_iterator operator++(int) { auto t = *this; ++i_; return t; }
    const_iterator& operator--() { --i_; return *this; }
    const_iterator operator--(int) { auto t = *this; --i_; return t; }
    const_iterator& operator+=(difference_type n) { i_ += static_cast<std::size_t>(n); return *this; }
    const_iterator& operator-=(difference_type n) { i_ -= static_cast<std::size_t>(n); return *this; }
    friend const_iterator operator+(const_iterator a, difference_type n) { return a += n; }
    friend const_iterator operator+(difference_type n, const_iterator a) { return a += n; }
    friend const_iterator operator-(const_iterator a, difference_type n) { return a -= n; }
    friend difference_type operator-(const_iterator a, const_iterator b) {
      return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
    }
    friend bool operator==(const_iterator a, const_iterator b) { return a.i_ == b.i_; }
    friend auto operator<=>(const_iterator a, const_iterator b) { return a.i_ <=> b.i_; }

   private:
    const PathList* list_ = nullptr;
    std::size_t i_ = 0;
  };

  std::size_t size() const { return ends_.size(); }
  bool empty() const { return ends_.empty(); }
  std::string_view operator[](std::size_t i) const {
    std::size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(text_).substr(begin, ends_[i] - begin);
  }
  std::string_view at(std::size_t i) const {
    if (i >= size()) throw std::out_of_range("PathList::at");
    return (*this)[i];
  }
  std::string_view back() const { return (*this)[size() - 1]; }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

  /// Room for `paths` more paths of `bytes` in all.
  void reserve(std::size_t paths, std::size_t bytes = 0) {
    ends_.reserve(ends_.size() + paths);
    text_.reserve(text_.size() + bytes);
  }
  void push_back(std::string_view path) {
    if (text_.size() + path.size() > UINT32_MAX) throw std::length_error("the book's file paths exceed 4 GiB");
    text_.append(path);
    ends_.push_back(static_cast<std::uint32_t>(text_.size()));
  }
  template <class It>
  void append(It first, It last) {
    for (; first != last; ++first) push_back(*first);
  }
  void pop_back() { resize(size() - 1); }
  /// Keeps the first `n` paths (n <= size()).
  void resize(std::size_t n) {
    ends_.resize(n);
    text_.resize(n == 0 ? 0 : ends_.back());
  }

 private:
  std::string text_;
  std::vector<std::uint32_t> ends_;  // where each path ends in text_
};

}  // namespace salesops::core
