// Presets of `salesops import`, and ids made from names.
#include <cctype>

#include "core/base/i18n.hpp"
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
     N_("the CRM + Sales Opportunities sample: sales_teams.csv, accounts.csv, sales_pipeline.csv"),
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

}  // namespace

std::span<const ImportPreset> import_presets() { return kPresets; }

const ImportPreset* find_import_preset(std::string_view name) {
  for (const ImportPreset& p : kPresets)
    if (p.name == name) return &p;
  return nullptr;
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
