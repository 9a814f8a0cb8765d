#include "core/base/book_path.hpp"

#include <doctest/doctest.h>

#include <map>

using namespace salesops::core;

namespace {

/// Links of a pretend file system, by absolute path.
BookPath resolve(const std::map<std::string, std::string>& links, std::string_view relative) {
  return resolve_book_path("/w/book", relative, [&](const std::string& abs) -> std::optional<std::string> {
    auto it = links.find(abs);
    if (it == links.end()) return std::nullopt;
    return it->second;
  });
}

}  // namespace

TEST_CASE("book path: links are followed component by component and judged by where they lead") {
  std::map<std::string, std::string> links = {
      {"/w/book/customers/C-9.yaml", "../shared/C-9.yaml"},
      {"/w/book/customers/key.yaml", "/home/u/.ssh/id_rsa"},
      {"/w/book/customers/up.yaml", "../../other/x.yaml"},
      {"/w/book/customers/back.yaml", "../../book/deals/a.yaml"},
      {"/w/book/customers/git.yaml", "../.git/config"},
      {"/w/book/reviews/2026-Q4", "/tmp/elsewhere"},
      {"/w/book/deals/abs.yaml", "/w/book/shared/d.yaml"},
      {"/w/book/loop.yaml", "loop.yaml"},
      {"/w/book/hop.yaml", "customers/key.yaml"},
  };
  BookPath p = resolve(links, "customers/C-9.yaml");
  CHECK(p.kind == BookPathKind::inside);
  CHECK(p.real == "shared/C-9.yaml");
  CHECK(p.link == "customers/C-9.yaml");
  CHECK(resolve(links, "customers/C-1.yaml").real == "customers/C-1.yaml");
  CHECK(resolve(links, "customers/C-1.yaml").link.empty());
  CHECK(resolve(links, "customers/key.yaml").kind == BookPathKind::outside);
  CHECK(resolve(links, "customers/up.yaml").kind == BookPathKind::outside);
  CHECK(resolve(links, "customers/back.yaml").real == "deals/a.yaml");
  CHECK(resolve(links, "customers/git.yaml").kind == BookPathKind::git);
  CHECK(resolve(links, "deals/abs.yaml").real == "shared/d.yaml");
  CHECK(resolve(links, "loop.yaml").kind == BookPathKind::loop);
  // A directory on the way: the first link met is the one named.
  p = resolve(links, "reviews/2026-Q4/zhang.wei.yaml");
  CHECK(p.kind == BookPathKind::outside);
  CHECK(p.link == "reviews/2026-Q4");
  CHECK(*refused_link(p) == "reviews/2026-Q4 is a link that leads outside the book");
  // A chain: named by its first link, refused by its last.
  p = resolve(links, "hop.yaml");
  CHECK(p.kind == BookPathKind::outside);
  CHECK(p.link == "hop.yaml");
  CHECK(!refused_link(resolve(links, "customers/C-9.yaml")));
}

TEST_CASE("book path: hidden paths") {
  CHECK(hidden_path(".salesops/cache"));
  CHECK(hidden_path("deals/.x.yaml"));
  CHECK(!hidden_path("deals/x.yaml"));
}
