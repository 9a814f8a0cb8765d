#include "core/base/file_text.hpp"

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <mutex>

namespace salesops::core {

namespace {

// A mapped file that another program truncates faults with SIGBUS when the pages past its new
// end are read. The handler puts a zero page there instead and marks the file torn, so the
// reading ends normally and its caller reports the file as changed. A SIGBUS anywhere else
// is left to the disposition that was there before.
struct Guard {
  std::atomic<std::uintptr_t> begin{0}, end{0};
  std::atomic<bool> torn{false};
};
constexpr int kGuards = 64;
Guard guards[kGuards];
struct sigaction previous_bus;
std::uintptr_t page_size = 4096;
bool installed = false;

void on_sigbus(int sig, siginfo_t* info, void*) {
  const auto addr = reinterpret_cast<std::uintptr_t>(info->si_addr);
  for (Guard& g : guards) {
    const std::uintptr_t begin = g.begin.load(std::memory_order_acquire);
    if (begin == 0 || addr < begin || addr >= g.end.load(std::memory_order_acquire)) continue;
    void* page = reinterpret_cast<void*>(addr & ~(page_size - 1));
    if (::mmap(page, page_size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED) {
      g.torn.store(true, std::memory_order_release);
      return;
    }
    break;
  }
  ::sigaction(SIGBUS, &previous_bus, nullptr);
  // A fault happens again on return and meets the earlier disposition; a sent signal is sent again.
  if (info->si_code <= 0) ::raise(sig);
}

bool install() {
  static std::once_flag once;
  std::call_once(once, [] {
    page_size = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    struct sigaction action {};
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    installed = ::sigaction(SIGBUS, &action, &previous_bus) == 0;
  });
  return installed;
}

int claim_guard(const char* begin, std::size_t size) {
  for (int i = 0; i < kGuards; ++i) {
    std::uintptr_t expected = 0;
    Guard& g = guards[i];
    // `end` is set first: a handler that sees `begin` sees the whole range.
    if (g.begin.load(std::memory_order_relaxed) != 0) continue;
    g.end.store(reinterpret_cast<std::uintptr_t>(begin) + size, std::memory_order_release);
    g.torn.store(false, std::memory_order_relaxed);
    if (g.begin.compare_exchange_strong(expected, reinterpret_cast<std::uintptr_t>(begin), std::memory_order_acq_rel))
      return i;
  }
  return -1;
}

}  // namespace

std::optional<FileText> FileText::map(int fd, std::size_t size) {
  if (size == 0 || !install()) return std::nullopt;
  void* at = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (at == MAP_FAILED) return std::nullopt;
  FileText text;
  text.map_ = static_cast<const char*>(at);
  text.size_ = size;
  text.guard_ = claim_guard(text.map_, size);
  if (text.guard_ < 0) return std::nullopt;  // its destructor unmaps it
  return text;
}

FileText::FileText(FileText&& other) noexcept { *this = std::move(other); }

FileText& FileText::operator=(FileText&& other) noexcept {
  if (this == &other) return *this;
  unmap();
  owned_ = std::move(other.owned_);
  map_ = other.map_, size_ = other.size_, released_ = other.released_, guard_ = other.guard_;
  other.map_ = nullptr, other.size_ = 0, other.released_ = 0, other.guard_ = -1;
  return *this;
}

FileText::~FileText() { unmap(); }

void FileText::unmap() {
  if (!map_) return;
  if (guard_ >= 0) {
    guards[guard_].begin.store(0, std::memory_order_release);
    guards[guard_].end.store(0, std::memory_order_release);
  }
  ::munmap(const_cast<char*>(map_), size_);
  map_ = nullptr, size_ = 0, released_ = 0, guard_ = -1;
}

void FileText::release_before(std::size_t offset) {
  if (!map_) return;
  const std::size_t end = std::min(offset, size_) & ~static_cast<std::size_t>(page_size - 1);
  if (end < released_) released_ = 0;  // a new pass from the start has read those pages again
  if (end <= released_) return;
  ::madvise(const_cast<char*>(map_) + released_, end - released_, MADV_DONTNEED);
  released_ = end;
}

bool FileText::torn() const { return guard_ >= 0 && guards[guard_].torn.load(std::memory_order_acquire); }

std::string FileText::take() && {
  if (!map_) return std::move(owned_);
  std::string copy(view());
  unmap();
  return copy;
}

}  // namespace salesops::core
