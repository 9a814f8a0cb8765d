#include "core/base/diagnostics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "core/base/i18n.hpp"

namespace salesops::core {

std::string grouped_count(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string message_text(const Diagnostic& d) {
  if (d.count <= 1) return d.message;
  auto at = [](const Location& l) { return l.line > 0 ? fmt::format("{}:{}:{}", l.file, l.line, l.column) : l.file; };
  std::string out =
      fmt::format(N_("{} in {} {}, first at {}"), d.subject, grouped_count(d.count), d.plural, at(d.where));
  for (const Location& l : d.also) out += ", " + at(l);
  if (d.also.size() + 1 < d.count) out += ", …";
  return out;
}

void Diagnostics::add(Diagnostic d) {
  if (!d.group.empty()) {
    if (Diagnostic* held_d = held(d.group)) {
      held_d->count += d.count;
      std::size_t room = kept_limit() - std::min(kept_limit(), held_d->also.size());
      if (room > 0) held_d->also.push_back(d.where);
      for (std::size_t i = 0; i + 1 < room && i < d.also.size(); ++i) held_d->also.push_back(std::move(d.also[i]));
      return;
    }
    if (items_.size() >= floor_) groups_.emplace(d.group, items_.size());
    if (d.also.size() > kept_limit()) d.also.resize(kept_limit());
  }
  items_.push_back(std::move(d));
}

Diagnostic* Diagnostics::held(std::string_view group) {
  auto it = groups_.find(group);
  if (it == groups_.end()) {
    if (groups_.empty()) return nullptr;
    // The findings were reordered or removed since (sort, erase): the index is made again.
    bool stale = false;
    for (auto& [g, i] : groups_) stale |= i >= items_.size() || items_[i].group != g;
    if (!stale) return nullptr;
  } else if (it->second < items_.size() && items_[it->second].group == group) {
    return &items_[it->second];
  }
  groups_.clear();
  for (std::size_t i = floor_; i < items_.size(); ++i)
    if (!items_[i].group.empty()) groups_.emplace(items_[i].group, i);
  it = groups_.find(group);
  return it == groups_.end() ? nullptr : &items_[it->second];
}

Diagnostics Diagnostics::expanded() const {
  Diagnostics out;
  for (const Diagnostic& d : items_) {
    Diagnostic one = d;
    one.group.clear();
    one.count = 1;
    one.also.clear();
    out.items_.push_back(one);
    for (const Location& l : d.also) {
      out.items_.push_back(one);
      out.items_.back().where = l;
    }
  }
  return out;
}

std::size_t Diagnostics::error_count() const {
  std::size_t n = 0;
  for (const Diagnostic& d : items_) n += d.severity == Severity::error ? d.count : 0;
  return n;
}

std::size_t Diagnostics::warning_count() const {
  std::size_t n = 0;
  for (const Diagnostic& d : items_) n += d.severity == Severity::warning ? d.count : 0;
  return n;
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.file, a.where.line, a.where.column) < std::tie(b.where.file, b.where.line, b.where.column);
  });
}

}  // namespace salesops::core
