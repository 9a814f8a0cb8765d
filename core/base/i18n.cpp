// The interface language (core/base/i18n.hpp).
#include "core/base/i18n.hpp"

namespace salesops::core {

namespace {
Language g_language = Language::en;
}

void set_language(Language language) { g_language = language; }
Language language() { return g_language; }

std::string tr(std::string_view english) { return std::string(english); }

}  // namespace salesops::core
