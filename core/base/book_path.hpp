#pragma once
// The book's boundary: where a path inside a book really leads once every symbolic link on
// it is followed. A record file, a directory a write creates a file in, the cache and the
// lock may be links; one that leads outside the book (a credentials file, an SSH key, a
// directory of the user's) or into its .git/ is refused, never read or written through.
// The same walk serves the working tree (links read from the file system) and a git
// revision (links read from the tree's 120000 entries), so both judge a link alike: by
// where it points, whether or not its target exists.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace salesops::core {

/// Where a path inside the book leads.
enum class BookPathKind {
  inside,   ///< into the book (`real` names the file there, which may not exist)
  outside,  ///< out of the book
  git,      ///< into the book's .git/
  loop,     ///< links without end (a link to itself, or 40 links in a row)
};

struct BookPath {
  BookPathKind kind = BookPathKind::inside;
  std::string real;  ///< inside: the path the links lead to, relative to the book, '/' separated
  std::string link;  ///< the first link on the way, relative to the book ("" when none)
};

/// The target of the link at `absolute` (a '/' separated absolute path), or nullopt when
/// no link is there.
using LinkReader = std::function<std::optional<std::string>(const std::string& absolute)>;

/// Follows `relative` from `real_root` (an absolute path free of links) component by
/// component, as the kernel would, asking `read_link` at each one.
BookPath resolve_book_path(const std::string& real_root, std::string_view relative, const LinkReader& read_link);

/// The book's root with every link on the way to it resolved (`root` itself when that
/// fails), the base resolve_book_path() compares with.
std::string real_book_root(const std::filesystem::path& root);

/// resolve_book_path() over the file system: links are read with readlink(2), never opened.
BookPath resolve_in_directory(const std::string& real_root, std::string_view relative);

/// Why a path the program would read or write is refused, naming the link and never what
/// it points at; nullopt for a path that stays in the book (or a loop, left to the caller).
std::optional<std::string> refused_link(const BookPath& path);

/// True when a component of the relative path starts with '.': hidden files and
/// directories (.git, .salesops) are never records.
bool hidden_path(std::string_view relative);

/// For a write: nullopt when `relative` stays in the book at `root`, else why not
/// ("deals is a link that leads outside the book").
std::optional<std::string> leaves_book(const std::filesystem::path& root, const std::filesystem::path& relative);

}  // namespace salesops::core
