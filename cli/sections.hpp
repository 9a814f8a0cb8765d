#pragma once
// What `plan` and `coach` share: reports made of several tables, and people named on the
// command line.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/context.hpp"
#include "core/plans/agenda.hpp"

namespace salesops::cli {

struct Section {
  std::string title;
  core::Table table;
};

/// Prints a report of several sections. In table and md formats: the title lines (md: the
/// first as `# ` heading), then each section's heading and table, or "none" when it has no
/// rows. In csv, tsv, json and jsonl: `flat` alone, one table holding every row; when there
/// is none, fails with a usage error (exit 2) saying `machine_hint`.
void emit_sections(Context& ctx, const std::vector<std::string>& title, const std::vector<Section>& sections,
                   const core::Table* flat, const std::string& period_label, const std::string& machine_hint = {});

/// An agenda's sections, in its order, empty ones included.
std::vector<Section> agenda_sections(const core::Book& book, const core::Agenda& agenda);

/// The person with this id, else exits 2 naming `option` and the closest id.
const core::Person& require_person(Context& ctx, const core::Book& book, const std::string& id, const char* option);
/// The ids of the people an owner option names: a person, or a team's members (subtree).
/// Exits 2 when it is neither.
std::vector<core::Sym> require_people(Context& ctx, const core::Book& book, const std::string& owner,
                                      const char* option);
/// --owner and --team on a report per person: whose rows it shows.
struct PeopleFilter {
  std::string owner;  // a person, or a team (its people)
  std::string team;   // a team: the people of it and of the teams under it
};
/// Declares --owner (under `owner_names`: "--person,--owner" where a command first named it
/// --person) and --team on `app`.
void add_people_filter(CLI::App& app, PeopleFilter& filter, const std::string& owner_names = "--owner");
/// The people `filter` keeps (in both options when both are given); nullopt when neither is
/// given. Exits 2 for an unknown person or team, and when no one is left.
std::optional<std::vector<core::Sym>> filter_people(Context& ctx, const core::Book& book, const PeopleFilter& filter);
/// Keeps the rows of `table` whose column `column` names a person `filter` keeps, or a team
/// inside the team it names (a report's team rows). A table without that column is unchanged.
void keep_filtered_rows(Context& ctx, const core::Book& book, core::Table& table, const PeopleFilter& filter,
                        std::string_view column);
/// Exits 2 unless `id` (given with `option`) has the form of a record id.
void require_record_id(Context& ctx, const std::string& id, const char* option);
/// Exits 2 unless `id` is a team of team.yaml or company.
void require_team(Context& ctx, const core::Book& book, const std::string& id, const char* option);

}  // namespace salesops::cli
