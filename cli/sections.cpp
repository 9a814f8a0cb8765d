#include "cli/sections.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "cli/fit.hpp"

#include "core/base/escape.hpp"
#include "core/base/i18n.hpp"
#include "core/base/ids.hpp"
#include "core/base/suggest.hpp"

namespace salesops::cli {

void emit_sections(Context& ctx, const std::vector<std::string>& title, const std::vector<Section>& sections,
                   const core::Table* flat, const std::string& period_label, const std::string& machine_hint) {
  Format format = ctx.format();
  if (format != Format::table && format != Format::md) {
    if (!flat) ctx.fail(kUsage, machine_hint);
    ctx.emit(*flat, period_label);
    return;
  }
  // --columns names columns of one section or another; an id in none of them is an error.
  for (const std::string& id : ctx.options.columns) {
    auto has = [&](const core::Table& t) {
      return std::any_of(t.columns.begin(), t.columns.end(), [&](const core::Column& c) { return c.id == id; });
    };
    if (std::none_of(sections.begin(), sections.end(), [&](const Section& s) { return has(s.table); }) &&
        !(flat && has(*flat))) {
      core::Table all;
      for (const Section& s : sections)
        for (const core::Column& c : s.table.columns)
          if (std::none_of(all.columns.begin(), all.columns.end(), [&](const core::Column& a) { return a.id == c.id; }))
            all.columns.push_back(c);
      if (auto error = select_columns(all, {id})) ctx.fail(kUsage, *error);
    }
  }
  ctx.output([&](std::ostream& out, bool color) {
    RenderOptions ro;
    ro.format = format;
    ro.color = color && format == Format::table;
    bool md = format == Format::md;
    std::size_t width = ctx.fit_width();  // a terminal's: titles wrap, indented two spaces
    for (std::size_t i = 0; i < title.size(); ++i)
      out << (md && i > 0 ? "\n" : "") << (md && i == 0 ? "# " : "")
          << wrap_to_width(core::escape_controls(core::tr(title[i])), width, 0, 2) << '\n';
    for (const Section& s : sections) {
      std::string note;
      core::Table shown = ctx.shown(s.table, &note, true);
      if (!ctx.options.columns.empty() && shown.columns.empty()) continue;  // --columns named none of its columns
      out << '\n' << (md ? "## " : "") << wrap_to_width(core::escape_controls(core::tr(s.title)), width, 0, 2)
          << (md ? "\n\n" : "\n");
      if (s.table.rows.empty()) {
        out << core::tr(N_("none")) << '\n';
        continue;
      }
      if (!md) out << '\n';
      render(out, shown, ro);
      if (!note.empty()) out << note << '\n';
    }
  });
}

std::vector<Section> agenda_sections(const core::Book& book, const core::Agenda& agenda) {
  std::vector<Section> out;
  for (const core::AgendaSection& s : agenda.sections)
    out.push_back({s.title, core::agenda_section_table(book, agenda, s.id)});
  return out;
}

namespace {

/// The person id (or, with `teams`, team id) closest to `id`, for a "did you mean".
std::optional<std::string> closest_id(const core::Book& book, const std::string& id, bool teams) {
  std::vector<std::string> ids;
  for (auto& p : book.people) ids.push_back(book.str(p.id));
  if (teams)
    for (auto& t : book.teams) ids.push_back(book.str(t.id));
  return core::closest_match(id, ids);
}

}  // namespace

const core::Person& require_person(Context& ctx, const core::Book& book, const std::string& id, const char* option) {
  if (const core::Person* p = book.person(id)) return *p;
  auto close = closest_id(book, id, false);
  ctx.fail(kUsage, close ? fmt::format(N_("{}: no person '{}' in team.yaml (did you mean '{}'?)"), option, id, *close)
                         : fmt::format(N_("{}: no person '{}' in team.yaml"), option, id));
}

std::vector<core::Sym> require_people(Context& ctx, const core::Book& book, const std::string& owner,
                                      const char* option) {
  if (const core::Person* p = book.person(owner)) return {p->id};
  if (owner != "company" && !book.team(owner)) {
    auto close = closest_id(book, owner, true);
    ctx.fail(kUsage, close ? fmt::format(N_("{}: '{}' is neither a person nor a team (did you mean '{}'?)"), option, owner,
                                         *close)
                           : fmt::format(N_("{}: '{}' is neither a person nor a team"), option, owner));
  }
  std::vector<core::Sym> ids;
  for (std::uint32_t i : book.members(owner)) ids.push_back(book.people[i].id);
  // An empty list would mean everyone to the filters that take it.
  if (ids.empty()) ctx.fail(kUsage, fmt::format(N_("{}: team '{}' has no people"), option, owner));
  return ids;
}

void require_team(Context& ctx, const core::Book& book, const std::string& id, const char* option) {
  if (id == "company" || book.team(id)) return;
  std::vector<std::string> ids;
  for (auto& t : book.teams) ids.push_back(book.str(t.id));
  auto close = core::closest_match(id, ids);
  ctx.fail(kUsage, close ? fmt::format(N_("{}: no team '{}' in team.yaml (did you mean '{}'?)"), option, id, *close)
                         : fmt::format(N_("{}: no team '{}' in team.yaml"), option, id));
}

void add_people_filter(CLI::App& app, PeopleFilter& filter, const std::string& owner_names) {
  app.add_option(owner_names, filter.owner, N_("Only this person's rows, or a team's people's"));
  app.add_option("--team", filter.team, N_("Only the rows of this team's people (and of the teams under it)"));
}

std::optional<std::vector<core::Sym>> filter_people(Context& ctx, const core::Book& book, const PeopleFilter& filter) {
  if (filter.owner.empty() && filter.team.empty()) return std::nullopt;
  std::optional<std::vector<core::Sym>> people;
  if (!filter.owner.empty()) people = require_people(ctx, book, filter.owner, "--owner");
  if (!filter.team.empty()) {
    require_team(ctx, book, filter.team, "--team");
    std::vector<core::Sym> team = require_people(ctx, book, filter.team, "--team");
    if (people) {
      std::erase_if(*people, [&](core::Sym p) { return std::find(team.begin(), team.end(), p) == team.end(); });
      if (people->empty())
        ctx.fail(kUsage, fmt::format(N_("--owner {} is not in --team {}"), filter.owner, filter.team));
    } else {
      people = std::move(team);
    }
  }
  return people;
}

void keep_filtered_rows(Context& ctx, const core::Book& book, core::Table& table, const PeopleFilter& filter,
                        std::string_view column) {
  auto people = filter_people(ctx, book, filter);
  if (!people) return;
  auto at = std::find_if(table.columns.begin(), table.columns.end(), [&](const core::Column& c) { return c.id == column; });
  if (at == table.columns.end()) return;
  std::vector<std::string> names;
  for (core::Sym p : *people) names.push_back(book.str(p));
  // Team rows: the teams under --owner TEAM, else under --team; none when --owner is a person.
  std::string team = filter.owner.empty() ? filter.team : book.person(filter.owner) ? std::string() : filter.owner;
  if (!team.empty())
    for (std::uint32_t t : book.subtree(team)) names.push_back(book.str(book.teams[t].id));
  auto c = static_cast<std::size_t>(at - table.columns.begin());
  std::vector<std::vector<core::Cell>> rows;
  std::vector<std::vector<core::Tone>> tones;
  std::vector<std::uint8_t> depth;
  std::vector<core::RowKind> kinds;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto* name = c < table.rows[r].size() ? std::get_if<std::string>(&table.rows[r][c]) : nullptr;
    if (!name || std::find(names.begin(), names.end(), *name) == names.end()) continue;
    rows.push_back(std::move(table.rows[r]));
    tones.push_back(r < table.tones.size() ? table.tones[r] : std::vector<core::Tone>{});
    depth.push_back(r < table.depth.size() ? table.depth[r] : 0);
    kinds.push_back(table.row_kind(r));
  }
  table.rows = std::move(rows);
  table.tones = std::move(tones);
  table.depth = std::move(depth);
  table.row_kinds = std::move(kinds);
}

void require_record_id(Context& ctx, const std::string& id, const char* option) {
  if (core::is_record_id(id)) return;
  ctx.fail(kUsage, fmt::format(N_("{}: '{}' is not an id: letters, digits, '.', '_' and '-', starting with a letter or digit"),
                               option, id));
}

}  // namespace salesops::cli
