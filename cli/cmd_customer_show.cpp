// salesops customer show ID: a customer's card.
#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "cli/cmd_customer.hpp"
#include "cli/fit.hpp"
#include "core/base/i18n.hpp"
#include "core/customers/card.hpp"

namespace salesops::cli {

namespace {

constexpr std::size_t kRecent = 5;  // interactions, surveys and closed deals shown

core::Cell text(const core::Book& b, core::Sym s) {
  return s.empty() ? core::Cell{core::Undefined{}} : core::Cell{b.str(s)};
}
core::Cell day(core::Day d) { return d ? core::Cell{*d} : core::Cell{core::Undefined{}}; }

/// A section of the card: its title, then its table, the latest kRecent rows of `limited` ones.
void section(Context& ctx, std::ostream& out, const char* title, const core::Table& all, bool limited, bool color) {
  std::string note;
  core::Table t = ctx.shown(all, &note, true);
  if (limited && t.rows.size() > kRecent) t.rows.resize(kRecent);
  out << '\n' << title;
  if (all.rows.size() > t.rows.size()) out << ' ' << fmt::format(N_("(latest {} of {})"), t.rows.size(), all.rows.size());
  out << '\n';
  if (t.rows.empty()) {
    out << "  " << N_("none") << '\n';
    return;
  }
  render(out, t, {Format::table, color, false, {}});
  if (!note.empty()) out << note << '\n';
}

/// The card's key/value block, its values cut to the terminal's width.
core::Table fit_head(Context& ctx, core::Table head) {
  if (std::size_t width = ctx.fit_width()) fit_table(head, width, false, false);
  return head;
}

}  // namespace

void show_customer(Context& ctx, const std::string& id) {
  const core::Book& b = ctx.book();
  const core::Customer& c = find_customer(ctx, b, id);
  Format format = ctx.format();
  if (format != Format::table && format != Format::json)
    ctx.fail(kUsage, N_("customer show writes a card (table) or one json document; `customer list` has the customers as a table"));

  const core::Person* owner = b.person(b.text(c.owner));
  core::CustomerCard card = core::customer_card(b, c, ctx.today());
  const auto& due = card.due;

  if (format == Format::json) {
    ctx.output([&](std::ostream& out, bool) {
      render_json_record(out, card.record,
                         {{"contacts", &card.contacts},
                          {"open_deals", &card.open_deals},
                          {"closed_deals", &card.closed_deals},
                          {"interactions", &card.interactions},
                          {"surveys", &card.surveys},
                          {"open_follow_ups", &card.open_follow_ups}},
                         ctx.meta());
    });
    return;
  }

  std::string owner_text = owner ? fmt::format("{} ({})", b.text(c.owner), b.text(owner->name)) : b.str(c.owner);
  std::string due_text = "—";
  if (due) {
    int n = due->days_overdue;
    due_text = fmt::format("{} {}, {}", core::reason_name(due->reason), core::format_date(due->due),
                           n == 1    ? fmt::format(N_("{} day overdue"), n)
                           : n > 1   ? fmt::format(N_("{} days overdue"), n)
                           : n == 0  ? std::string(N_("today"))
                           : n == -1 ? fmt::format(N_("in {} day"), -n)
                                     : fmt::format(N_("in {} days"), -n));
  }
  core::Table head;
  head.add_column("field");
  head.add_column("value");
  std::pair<const char*, core::Cell> fields[] = {{"name", text(b, c.name)},
                                                 {"owner", owner_text},
                                                 {"tier", text(b, c.tier)},
                                                 {"segment", text(b, c.segment)},
                                                 {"industry", text(b, c.industry)},
                                                 {"region", text(b, c.region)},
                                                 {"source", text(b, c.source)},
                                                 {"since", day(c.since)}};
  for (auto& [k, v] : fields) head.add_row() = {std::string(k), v};
  // The custom fields (config [fields.customer]) follow the card's own columns.
  const auto& custom = b.config.fields.customer;
  for (std::size_t i = card.record.columns.size() - custom.size(); i < card.record.columns.size(); ++i)
    head.add_row() = {card.record.columns[i].id, card.record.rows[0][i]};
  head.add_row() = {std::string(N_("next due")), due_text};
  ctx.output([&](std::ostream& out, bool color) {
    out << b.text(c.id) << '\n';
    // The key/value block without its header lines.
    std::ostringstream block;
    render(block, fit_head(ctx, head), {Format::table, false, false, {}});
    std::string s = block.str();
    for (int skip = 0; skip < 2 && !s.empty(); ++skip) s.erase(0, s.find('\n') + 1);
    out << s;
    section(ctx, out, "Contacts", card.contacts, false, color);
    section(ctx, out, "Open deals", card.open_deals, false, color);
    section(ctx, out, "Recent closed deals", card.closed_deals, true, color);
    section(ctx, out, "Interactions", card.interactions, true, color);
    section(ctx, out, "Surveys", card.surveys, true, color);
    section(ctx, out, "Open follow-ups", card.open_follow_ups, false, color);
  });
}

}  // namespace salesops::cli
