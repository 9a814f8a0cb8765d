// The html page of a trend report: one self-contained page (no network, no script or font
// from elsewhere) with an inline SVG line chart per series over the points, then the table.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/render.hpp"
#include "cli/trend.hpp"
#include "core/base/escape.hpp"
#include "core/base/i18n.hpp"

namespace salesops::cli {

namespace {

const char* kPalette[] = {"#3b6fb6", "#d97706", "#2f855a", "#9f1239", "#6b46c1", "#0e7490", "#a16207", "#4a5568"};

/// The top of a y axis: a round figure (1, 2, 2.5 or 5 times a power of ten) at or above `top`.
double round_top(double top) {
  if (top <= 0) return 1;
  double unit = std::pow(10.0, std::floor(std::log10(top)));
  for (double step : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (top <= step * unit + 1e-9) return step * unit;
  return top;
}

std::string chart_svg(const Trend& trend, const TrendChart& chart, std::size_t index) {
  const double left = 60, right = 20, top_pad = 12, bottom = 30, width = 560, height = 240;
  double top = 0;
  for (const TrendSeries& s : chart.series)
    for (const auto& v : s.values)
      if (v) top = std::max(top, *v);
  top = round_top(top);
  const std::size_t n = trend.points.size();
  auto x = [&](std::size_t i) { return left + (width - left - right) * (n > 1 ? double(i) / double(n - 1) : 0.5); };
  auto y = [&](double v) { return top_pad + (height - top_pad - bottom) * (1 - v / top); };
  std::string out = fmt::format(
      "<svg id=\"chart-{}\" class=\"trend-chart\" data-series=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" "
      "viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">\n",
      index, html_text(chart.title), width, height, html_text(core::tr(chart.title)));
  for (double f : {0.0, 0.5, 1.0}) {
    out += fmt::format("<line class=\"axis\" x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\"/>\n", left, y(top * f),
                       width - right, y(top * f));
    double tick = top * f;
    std::string text = tick == std::floor(tick) ? fmt::format("{}", static_cast<std::int64_t>(tick)) : fmt::format("{:.1f}", tick);
    out += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n", left - 6, y(tick) + 4, text);
  }
  // Every label when they fit, else every second, third...: about eight at most.
  const std::size_t step = std::max<std::size_t>(1, (n + 7) / 8);
  // The last label ends at the plot's right edge, so that it is not cut by the chart's.
  for (std::size_t i = 0; i < n; i += step)
    out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"{}\">{}</text>\n", x(i), height - 8,
                       n > 1 && i == n - 1 ? "end" : "middle", html_text(trend.points[i].unit.label));
  for (std::size_t k = 0; k < chart.series.size(); ++k) {
    const TrendSeries& s = chart.series[k];
    const char* colour = kPalette[k % std::size(kPalette)];
    std::string points, dots;
    for (std::size_t i = 0; i < s.values.size() && i < n; ++i) {
      if (!s.values[i]) continue;
      points += fmt::format("{}{:.1f},{:.1f}", points.empty() ? "" : " ", x(i), y(*s.values[i]));
      dots += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"{}\" data-point=\"{}\" data-v=\"{}\"/>\n", x(i),
                          y(*s.values[i]), colour, html_text(trend.points[i].unit.label), *s.values[i]);
    }
    out += fmt::format("<polyline class=\"line\" data-name=\"{}\" stroke=\"{}\" points=\"{}\"/>\n", html_text(s.name), colour,
                       points);
    out += dots;
  }
  return out + "</svg>";
}

std::string legend_html(const TrendChart& chart) {
  std::string out;
  for (std::size_t k = 0; k < chart.series.size(); ++k)
    out += fmt::format("<span><i style=\"background:{}\"></i>{}</span>", kPalette[k % std::size(kPalette)],
                       html_text(core::tr(chart.series[k].name)));
  return out;
}

std::string table_html(const core::Table& t) {
  std::string out = "<table id=\"trend-table\">\n<thead><tr>";
  for (const core::Column& c : t.columns)
    out += fmt::format("<th{}>{}</th>", c.numeric ? " class=\"num\"" : "", html_text(core::tr(c.id)));
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      std::string cls = t.columns[c].numeric ? "num" : "";
      if (std::holds_alternative<core::Undefined>(row[c])) cls += cls.empty() ? "undefined" : " undefined";
      out += fmt::format("<td{} data-v=\"{}\">{}</td>", cls.empty() ? "" : " class=\"" + cls + "\"",
                         html_text(raw_text(row[c])), html_text(core::tr(display_text(row[c]))));
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>";
}

constexpr std::string_view kStyle = R"(<style>
  :root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; }
  body { font-family: system-ui, "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
         color: var(--ink); margin: 24px; font-size: 14px; }
  h1 { font-size: 22px; margin: 0 0 4px; }
  h2 { font-size: 15px; margin: 0 0 6px; }
  p.generated { color: var(--muted); margin: 0 0 16px; }
  .charts { display: flex; flex-wrap: wrap; gap: 24px; }
  .chart { flex: 1 1 420px; max-width: 640px; }
  svg { width: 100%; height: auto; font-size: 11px; }
  svg text { fill: var(--ink); }
  svg .axis { stroke: var(--line); }
  svg .line { fill: none; stroke-width: 2; }
  .legend span { display: inline-block; margin-right: 14px; }
  .legend i { display: inline-block; width: 12px; height: 3px; margin-right: 4px; vertical-align: middle; }
  .wide { overflow-x: auto; margin-top: 24px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
  th { text-align: left; background: #f0f4f8; }
  th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
  td.undefined { color: var(--muted); }
  @media print { body { margin: 0; font-size: 8px; } .wide { overflow: visible; } }
</style>)";

}  // namespace

void write_trend_html(std::ostream& out, const Trend& trend, const core::Table& table, const std::string& title,
                      const std::vector<TrendChart>& charts, const std::string& generated) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << html_text(title) << "</title>\n"
      << kStyle << "\n</head>\n<body>\n<h1>" << html_text(title) << "</h1>\n<p class=\"generated\">" << html_text(generated)
      << "</p>\n<div class=\"charts\">\n";
  for (std::size_t i = 0; i < charts.size(); ++i)
    out << "<figure class=\"chart\">\n<h2>" << html_text(core::tr(charts[i].title)) << "</h2>\n"
        << chart_svg(trend, charts[i], i) << "\n<div class=\"legend\">" << legend_html(charts[i]) << "</div>\n</figure>\n";
  out << "</div>\n<div class=\"wide\">\n" << table_html(table) << "\n</div>\n</body>\n</html>\n";
}

}  // namespace salesops::cli
