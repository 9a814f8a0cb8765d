// The html scorecard: one self-contained page (no network, no external script or font).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "cli/cmd_review.hpp"
#include "cli/embedded_files.hpp"
#include "cli/render.hpp"
#include "core/base/escape.hpp"
#include "core/base/i18n.hpp"
#include "core/targets/status.hpp"

namespace salesops::cli {

namespace {

bool is_number(const core::Cell& c) { return core::cell_number(c).has_value(); }

std::string table_html(const core::Scorecard& card, const core::Table& t) {
  std::vector<bool> numeric(t.columns.size());
  for (std::size_t c = 0; c < t.columns.size(); ++c) numeric[c] = t.columns[c].numeric;
  std::string out = "<thead><tr>";
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    out += fmt::format("<th{}>{}</th>", numeric[c] ? " class=\"num\"" : "", html_text(core::tr(t.columns[c].label.empty() ? t.columns[c].id : t.columns[c].label)));
  out += "</tr></thead>\n<tbody>\n";
  static const char* kinds[] = {"person", "team", "company"};
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    out += fmt::format("<tr class=\"{}\">", kinds[static_cast<int>(card.rows[r].kind)]);
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const core::Cell& cell = t.rows[r][c];
      std::string shown = display_text(cell);
      if (holds_words(t.columns[c]) && std::holds_alternative<std::string>(cell)) shown = core::tr(shown);
      std::string cls = numeric[c] ? "num" : "";
      if (std::holds_alternative<core::Undefined>(cell)) cls += " undefined";
      if (t.columns[c].id.ends_with("_change") && is_number(cell)) {
        double d = *core::cell_number(cell);
        shown = (d > 0 ? "▲ " : d < 0 ? "▼ " : "= ") + (d < 0 ? shown.substr(1) : shown);
        cls += d > 0 ? " up" : d < 0 ? " down" : "";
      }
      if (c == 1 && t.depth.size() > r && card.rows[r].kind == core::ScorecardRow::Kind::person) shown = "\u2003" + shown;
      out += fmt::format("<td{} data-v=\"{}\">{}</td>", cls.empty() ? "" : " class=\"" + cls + "\"",
                         html_text(raw_text(cell)), html_text(shown));
    }
    out += "</tr>\n";
  }
  return out + "</tbody>";
}

std::string bars_svg(const core::Scorecard& card) {
  std::vector<const core::ScorecardRow*> people;
  double top = 1.2;
  for (const auto& r : card.rows)
    if (r.kind == core::ScorecardRow::Kind::person) {
      people.push_back(&r);
      if (r.attainment.front()) top = std::max(top, *r.attainment.front());
    }
  top = std::ceil(top * 4) / 4;
  const double label = 150, width = 560, plot = width - label - 60, row = 20;
  double height = people.size() * row + 30;
  std::string out = fmt::format(
      "<svg id=\"attainment-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" "
      "aria-label=\"{}\">\n",
      width, height, html_text(core::format_translated(N_("{} attainment per person"), core::tr(card.metrics.front()))));
  for (std::size_t i = 0; i < people.size(); ++i) {
    const auto& r = *people[i];
    double y = i * row + 4;
    out += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n", label - 6, y + 12, html_text(r.name));
    if (!r.attainment.front()) {
      out += fmt::format("<text x=\"{}\" y=\"{:.1f}\">{}</text>\n", label + 4, y + 12, html_text(core::tr(N_("no target"))));
      continue;
    }
    double a = std::max(0.0, *r.attainment.front());
    out += fmt::format("<rect class=\"bar{}\" x=\"{}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{}\" data-attainment=\"{:.6f}\"/>\n",
                       a >= 1.0 ? " met" : "", label, y, plot * a / top, row - 6, a);
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\">{:.1f}%</text>\n", label + plot * a / top + 4, y + 12, a * 100);
  }
  double x100 = label + plot / top;
  out += fmt::format("<line class=\"target-line\" x1=\"{:.1f}\" y1=\"0\" x2=\"{:.1f}\" y2=\"{:.1f}\"/>\n", x100, x100,
                     people.size() * row + 6);
  out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">100%</text>\n", x100, height - 6);
  return out + "</svg>";
}

const char* kPalette[] = {"#3b6fb6", "#d97706", "#2f855a", "#9f1239", "#6b46c1", "#0e7490", "#a16207", "#4a5568"};

std::string trend_svg(const core::Scorecard& card, std::string* legend) {
  const double left = 90, right = 30, top_pad = 10, bottom = 30, width = 560, height = 260;
  double top = 0;
  for (const auto& t : card.trends)
    for (const auto& v : t.values)
      if (auto n = core::cell_number(v)) top = std::max(top, *n);
  // The axis ends at a round figure: 1, 2, 2.5 or 5 times a power of ten.
  if (top <= 0) top = 1;
  double unit = std::pow(10.0, std::floor(std::log10(top)));
  for (double step : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (top <= step * unit) {
      top = step * unit;
      break;
    }
  std::size_t n = card.trend_periods.size();
  auto x = [&](std::size_t i) { return left + (width - left - right) * (n > 1 ? double(i) / double(n - 1) : 0.5); };
  auto y = [&](double v) { return top_pad + (height - top_pad - bottom) * (1 - v / top); };
  std::string out = fmt::format(
      "<svg id=\"trend-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" "
      "aria-label=\"{}\">\n",
      width, height, html_text(core::format_translated(N_("{} per team over six periods"), core::tr(card.metrics.front()))));
  for (double f : {0.0, 0.5, 1.0}) {
    out += fmt::format("<line class=\"axis\" x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\"/>\n", left, y(top * f),
                       width - right, y(top * f));
    core::Cell tick = core::Money{static_cast<std::int64_t>(std::llround(top * f * 100))};
    if (card.units.front() != core::KpiUnit::money) tick = core::Decimal{top * f};
    out += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n", left - 6, y(top * f) + 4,
                       html_text(display_text(tick)));
  }
  for (std::size_t i = 0; i < n; ++i)
    out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", x(i), height - 8,
                       html_text(card.trend_periods[i].label));
  for (std::size_t k = 0; k < card.trends.size(); ++k) {
    const auto& t = card.trends[k];
    const char* colour = kPalette[k % std::size(kPalette)];
    std::string points;
    for (std::size_t i = 0; i < t.values.size(); ++i)
      if (auto v = core::cell_number(t.values[i])) points += fmt::format("{}{:.1f},{:.1f}", points.empty() ? "" : " ", x(i), y(*v));
    out += fmt::format("<polyline class=\"trend\" data-team=\"{}\" stroke=\"{}\" points=\"{}\"/>\n", html_text(t.team), colour, points);
    *legend += fmt::format("<span><i style=\"background:{}\"></i>{}</span>", colour, html_text(t.name));
  }
  return out + "</svg>";
}

/// Fills each {{name}} of the template in one pass, so text from records is never read
/// as a placeholder.
std::string fill(std::string_view page, const std::map<std::string, std::string, std::less<>>& values) {
  std::string out;
  std::size_t at = 0;
  for (std::size_t open = page.find("{{"); open != std::string::npos; open = page.find("{{", at)) {
    std::size_t close = page.find("}}", open);
    if (close == std::string::npos) break;
    auto it = values.find(page.substr(open + 2, close - open - 2));
    out += page.substr(at, open - at);
    out += it == values.end() ? std::string(page.substr(open, close + 2 - open)) : it->second;
    at = close + 2;
  }
  return out += page.substr(at);
}

}  // namespace

void write_scorecard_html(std::ostream& out, const core::Scorecard& card, const core::Table& table,
                          const std::string& title, const std::string& generated) {
  std::string_view page;
  for (const EmbeddedFile& f : embedded_files())
    if (std::string_view(f.path) == "templates/scorecard.html") page = f.bytes();
  std::string legend;
  std::string trend = trend_svg(card, &legend);
  out << fill(page, {{"lang", core::language() == core::Language::zh ? "zh-CN" : "en"},
                     {"title", html_text(title)},
                     {"generated", html_text(generated)},
                     {"table", table_html(card, table)},
                     {"bars_title", html_text(core::format_translated(N_("{} attainment, {}"), core::tr(card.metrics.front()),
                                                                   card.period.label))},
                     {"bars", bars_svg(card)},
                     {"trend_title", html_text(core::format_translated(N_("{} per team, last six periods"),
                                                                    core::tr(card.metrics.front())))},
                     {"trend", trend},
                     {"legend", legend}});
}

}  // namespace salesops::cli
