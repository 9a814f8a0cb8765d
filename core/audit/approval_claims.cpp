#include "core/audit/approval_claims.hpp"

#include <algorithm>
#include <cctype>

#include "core/base/git.hpp"

namespace salesops::core {

namespace {

std::string_view trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
  return b == std::string_view::npos ? std::string_view{} : s.substr(b, e - b + 1);
}

bool same_text(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::vector<std::string> trailer_values(std::string_view message, std::string_view key) {
  std::vector<std::string> out;
  auto eol = message.find('\n');
  if (eol == std::string_view::npos) return out;  // a subject alone has no trailers
  for (std::size_t pos = eol + 1; pos < message.size();) {
    auto end = message.find('\n', pos);
    if (end == std::string_view::npos) end = message.size();
    std::string_view line = trim(message.substr(pos, end - pos));
    pos = end + 1;
    // Bullets of a squash merge's body: "* Approved-by: ..." or "- Approved-by: ...".
    while (line.size() > 1 && (line[0] == '*' || line[0] == '-') && (line[1] == ' ' || line[1] == '\t'))
      line = trim(line.substr(1));
    if (line.size() <= key.size() || line[key.size()] != ':' || !same_text(line.substr(0, key.size()), key)) continue;
    if (auto value = trim(line.substr(key.size() + 1)); !value.empty()) out.emplace_back(value);
  }
  return out;
}

std::string person_named(const Book& book, std::string_view who) {
  who = trim(who);
  std::string_view email = who;
  if (auto lt = who.rfind('<'), gt = who.rfind('>');
      lt != std::string_view::npos && gt != std::string_view::npos && lt < gt)
    email = trim(who.substr(lt + 1, gt - lt - 1));
  else if (const Person* p = book.person(who))
    return book.str(p->id);
  if (email.find('@') == std::string_view::npos) return {};
  for (const Person& p : book.people)
    if (!p.email.empty() && same_text(book.text(p.email), email)) return book.str(p.id);
  return {};
}

std::optional<std::string> verified_signer(const std::filesystem::path& dir, const std::string& commit) {
  // Only here may git run its signature program: require = "signed" asks for it.
  if (!run_git(dir, {"verify-commit", commit}).ok()) return std::nullopt;
  GitResult signer = run_git(dir, {"show", "-s", "--format=%GS", commit});
  std::string who(trim(signer.out.substr(0, signer.out.find('\n'))));
  if (!signer.ok() || who.empty()) return std::nullopt;
  return who;
}

}  // namespace salesops::core
