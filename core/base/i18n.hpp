#pragma once
// The interface language. Every text is made in English, as machine formats and the cache
// keep it; what people read is translated at the edge (tables, md, html, diagnostics, help,
// the summaries of write verbs) by tr(). Messages are marked where they are made with N_(),
// which xgettext collects into po/salesops.pot; po/zh_CN/*.po hold the translations.
#include <fmt/format.h>

#include <string>
#include <string_view>

/// Marks a message (a literal, often a fmt format string) for translation. It expands to the
/// literal itself, so fmt still checks the format at compile time.
#define N_(text) text

namespace salesops::core {

enum class Language { en, zh };

/// The language of what people read (set once, before commands are set up).
void set_language(Language language);
Language language();

/// The language a locale name asks for (the value of LC_ALL, LC_MESSAGES or LANG, or of
/// --lang): zh for "zh", "zh_CN.UTF-8", "zh-Hans" and every other name starting with "zh";
/// en for anything else, empty included.
Language language_of_locale(std::string_view name);

/// Installs the Chinese catalog: the bytes of a GNU .mo file (either byte order). A file
/// that is not one (bad magic, an entry past the end) leaves no catalog and returns false:
/// every text then stays English. Replaces the catalog installed before, if any.
bool install_catalog(std::string_view mo);

/// `english` in the interface language: the translation of the msgid it equals, or of the
/// msgid whose `{}` placeholders it matches (the values in the placeholders kept as they
/// are, or translated when they are msgids themselves). English, or a text no msgid
/// matches, comes back unchanged.
///
/// A msgid's placeholders are fmt's: `{}` and `{:spec}` (`{{` and `}}` are literal braces).
/// A placeholder matches one or more characters; the match is tried from the msgid's
/// literal prefix on, backtracking over where each placeholder ends. The msgstr takes the
/// values in order at its `{}`, or by number at `{0}`, `{1}` (to reorder them). A value
/// that is a msgid is translated, unless the msgid quotes it ('{}', `{}`, "{}"): quoted
/// values are names (keys, ids) and stay as written.
std::string tr(std::string_view english);

/// The msgstr of the msgid `english` exactly (no placeholders matched), or `english`.
std::string tr_exact(std::string_view english);

/// fmt::format with the translation of `format` (a msgid, looked up exactly): for a text
/// assembled at the edge whose parts are translated one by one. A translation that is not a
/// valid format for these values falls back to the English format.
template <class... Args>
std::string format_translated(std::string_view format, const Args&... args) {
  if (language() != Language::en) {
    try {
      return fmt::format(fmt::runtime(tr_exact(format)), args...);
    } catch (const fmt::format_error&) {
    }
  }
  return fmt::format(fmt::runtime(format), args...);
}

}  // namespace salesops::core
