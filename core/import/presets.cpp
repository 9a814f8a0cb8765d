// Presets of `salesops import`, and the small readers it shares: dates in a given format,
// ids from names.
#include <cctype>

#include "core/import/import.hpp"

namespace salesops::core {

namespace {

// The public "CRM + Sales Opportunities" sample (Maven Analytics): sales_teams.csv,
// accounts.csv, sales_pipeline.csv. Each regional office is a team; each manager leads a
// team of their agents under it. Accounts carry no owner. Dates are M/D/YYYY; the pipeline
// spells one product GTXPro that products.csv calls GTX Pro, and accounts.csv spells one
// sector `technolgy`.
const ImportPreset kPresets[] = {
    {"crm-sales-opportunities",
     "the CRM + Sales Opportunities sample: sales_teams.csv, accounts.csv, sales_pipeline.csv",
     {{"sales_agent", "name"}, {"manager", "team"}, {"manager", "team_manager"}, {"regional_office", "team_parent"}},
     {{"account", "name"}, {"sector", "industry"}, {"office_location", "region"}},
     {{"opportunity_id", "id"},
      {"sales_agent", "owner"},
      {"product", "product"},
      {"account", "customer"},
      {"deal_stage", "stage"},
      {"engage_date", "opened"},
      {"close_date", "closed"},
      {"close_value", "amount"}},
     "%m/%d/%Y",
     {{"Prospecting", "lead"}, {"Engaging", "qualified"}, {"Won", "won"}, {"Lost", "lost"}},
     {{"product", "GTXPro", "GTX Pro"}, {"industry", "technolgy", "technology"}}},
};

bool digits(std::string_view s, std::size_t& pos, std::size_t min, std::size_t max, int& out) {
  std::size_t n = 0;
  out = 0;
  while (pos < s.size() && n < max && std::isdigit(static_cast<unsigned char>(s[pos]))) {
    out = out * 10 + (s[pos++] - '0');
    ++n;
  }
  return n >= min;
}

}  // namespace

std::span<const ImportPreset> import_presets() { return kPresets; }

const ImportPreset* find_import_preset(std::string_view name) {
  for (const ImportPreset& p : kPresets)
    if (p.name == name) return &p;
  return nullptr;
}

std::optional<Date> parse_date_with(std::string_view text, std::string_view format) {
  if (auto iso = parse_date(text)) return iso;
  if (format.empty()) return std::nullopt;
  int y = -1, m = -1, d = -1;
  std::size_t pos = 0;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '%' && i + 1 < format.size()) {
      char f = format[++i];
      bool ok = f == 'Y'   ? digits(text, pos, 4, 4, y)
                : f == 'm' ? digits(text, pos, 1, 2, m)
                : f == 'd' ? digits(text, pos, 1, 2, d)
                           : (f == '%' && pos < text.size() && text[pos++] == '%');
      if (!ok) return std::nullopt;
    } else if (pos >= text.size() || text[pos++] != format[i]) {
      return std::nullopt;
    }
  }
  if (pos != text.size() || y < 0 || m < 1 || m > 12 || d < 1) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

std::string id_from_name(std::string_view name, char joiner) {
  std::string out;
  bool pending = false;
  for (char ch : name) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x80 && std::isalnum(c)) {
      if (pending && !out.empty()) out.push_back(joiner);
      pending = false;
      out.push_back(static_cast<char>(std::tolower(c)));
    } else {
      pending = true;
    }
  }
  return out;
}

}  // namespace salesops::core
