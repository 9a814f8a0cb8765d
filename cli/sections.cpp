#include "cli/sections.hpp"

#include <fmt/format.h>

#include "core/base/escape.hpp"
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
  ctx.output([&](std::ostream& out, bool color) {
    RenderOptions ro;
    ro.format = format;
    ro.color = color && format == Format::table;
    bool md = format == Format::md;
    for (std::size_t i = 0; i < title.size(); ++i)
      out << (md && i > 0 ? "\n" : "") << (md && i == 0 ? "# " : "") << core::escape_controls(title[i]) << '\n';
    for (const Section& s : sections) {
      out << '\n' << (md ? "## " : "") << core::escape_controls(s.title) << (md ? "\n\n" : "\n");
      if (s.table.rows.empty()) {
        out << "none\n";
        continue;
      }
      if (!md) out << '\n';
      render(out, s.table, ro);
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

std::string did_you_mean(const core::Book& book, const std::string& id, bool teams) {
  std::vector<std::string> ids;
  for (auto& p : book.people) ids.push_back(book.str(p.id));
  if (teams)
    for (auto& t : book.teams) ids.push_back(book.str(t.id));
  auto close = core::closest_match(id, ids);
  return close ? fmt::format(" (did you mean '{}'?)", *close) : "";
}

}  // namespace

const core::Person& require_person(Context& ctx, const core::Book& book, const std::string& id, const char* option) {
  if (const core::Person* p = book.person(id)) return *p;
  ctx.fail(kUsage, fmt::format("{}: no person '{}' in team.yaml{}", option, id, did_you_mean(book, id, false)));
}

std::vector<core::Sym> require_people(Context& ctx, const core::Book& book, const std::string& owner,
                                      const char* option) {
  if (const core::Person* p = book.person(owner)) return {p->id};
  if (owner != "company" && !book.team(owner))
    ctx.fail(kUsage,
             fmt::format("{}: '{}' is neither a person nor a team{}", option, owner, did_you_mean(book, owner, true)));
  std::vector<core::Sym> ids;
  for (std::uint32_t i : book.members(owner)) ids.push_back(book.people[i].id);
  // An empty list would mean everyone to the filters that take it.
  if (ids.empty()) ctx.fail(kUsage, fmt::format("{}: team '{}' has no people", option, owner));
  return ids;
}

void require_team(Context& ctx, const core::Book& book, const std::string& id, const char* option) {
  if (id == "company" || book.team(id)) return;
  std::vector<std::string> ids;
  for (auto& t : book.teams) ids.push_back(book.str(t.id));
  auto close = core::closest_match(id, ids);
  ctx.fail(kUsage, fmt::format("{}: no team '{}' in team.yaml{}", option, id,
                               close ? fmt::format(" (did you mean '{}'?)", *close) : ""));
}

void require_record_id(Context& ctx, const std::string& id, const char* option) {
  if (core::is_record_id(id)) return;
  ctx.fail(kUsage, fmt::format("{}: '{}' is not an id: letters, digits, '.', '_' and '-', starting with a letter or digit",
                               option, id));
}

}  // namespace salesops::cli
