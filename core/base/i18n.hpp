#pragma once
// The interface language. Every text is made in English, as machine formats and the cache
// keep it; what people read is translated at the edge (tables, md, html, diagnostics, help,
// the summaries of write verbs) by tr(). Messages are marked where they are made with N_(),
// which xgettext collects into po/salesops.pot; po/zh_CN/*.po hold the translations.
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

/// `english` in the interface language: the translation of the msgid it equals, or of the
/// msgid whose `{}` placeholders it matches (the values in the placeholders kept as they
/// are, or translated when they are msgids themselves). English, or a text no msgid
/// matches, comes back unchanged.
std::string tr(std::string_view english);

}  // namespace salesops::core
