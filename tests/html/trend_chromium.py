#!/usr/bin/env python3
"""Renders the html page of `trend policy --by owner` in headless Chromium and checks it.

Usage: trend_chromium.py SALESOPS SOURCE_DIR

The book is the dated git history of tests/cli/trend_repo.sh. Chromium (/usr/bin/chromium)
dumps the DOM it built and takes a screenshot. The DOM must hold one table row per row of
the json report with the same figures, one line chart per counted rule and the total, one
line per manager in each, one dot per point with a count whose value is the json's; the
page is self-contained and in English (lang="en"); the screenshot must not be blank. A
missing Chromium fails the test: nothing is skipped.
"""
import html.parser
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from chromium import fail, not_blank, render, self_contained  # noqa: E402

RULES = ["one_on_ones_overdue", "follow_ups_overdue", "customer_follow_ups_overdue", "reviews_late",
         "revisits_overdue", "plan_actions_overdue", "targets_missing", "total"]


class Dom(html.parser.HTMLParser):
    """The table's body rows (data-v of each cell), the charts and their lines and dots."""

    def __init__(self):
        super().__init__()
        self.rows, self.charts = [], []
        self.in_body = False
        self.lang = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.rows.append([])
        elif tag == "td" and self.in_body:
            self.rows[-1].append(a.get("data-v", ""))
        elif tag == "svg":
            self.charts.append({"series": a.get("data-series"), "lines": [], "dots": []})
        elif tag == "polyline":
            self.charts[-1]["lines"].append(a)
        elif tag == "circle":
            self.charts[-1]["dots"].append(a)

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_body = False


def main():
    salesops, src = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, SALESOPS_TODAY="2026-12-15", NO_COLOR="1", SALESOPS_NO_CACHE="1", SRC=src)
        subprocess.run(["bash", "-c", f"source {src}/tests/cli/trend_repo.sh"], cwd=tmp, env=env, check=True)
        book = os.path.join(tmp, "b")
        page = os.path.join(tmp, "trend.html")
        base = [salesops, "--book", book, "trend", "policy", "--period", "2026-09-01..2026-12-31", "--by", "owner"]
        subprocess.run(base + ["-o", page], env=env, check=True)
        report = json.loads(subprocess.run(base + ["--format", "json"], env=env, check=True,
                                           capture_output=True).stdout)
        self_contained(page, script=False)
        dom, shot = render(page, tmp, env)

        d = Dom()
        d.feed(dom)
        if d.lang != "en":
            fail(f"<html lang> is {d.lang!r}, expected 'en'")
        rows = report["rows"]
        if len(d.rows) != len(rows):
            fail(f"the DOM has {len(d.rows)} table rows, the json report {len(rows)}")
        added = {c["id"] + end for c in report["meta"]["columns"] if c["type"] == "period" for end in ("_start", "_end")}
        columns = [c for c in report["columns"] if c not in added]
        for i, row in enumerate(rows):
            if len(d.rows[i]) != len(columns):
                fail(f"row {i} has {len(d.rows[i])} cells, expected {len(columns)}")
            for col in RULES + ["manager", "commit"]:
                want = row[col]
                got = d.rows[i][columns.index(col)]
                if col == "commit" and want is not None:
                    want = want[:10]  # the page names a commit as table output does
                if (want is None and got != "") or (want is not None and got != str(want)):
                    fail(f"row {i}: {col} is {got!r} in the DOM, {want!r} in json")
        managers = []
        for r in rows:
            if r["manager"] not in managers:
                managers.append(r["manager"])
        if [c["series"] for c in d.charts] != RULES:
            fail(f"the charts are {[c['series'] for c in d.charts]}, expected {RULES}")
        dots = 0
        for chart in d.charts:
            if len(chart["lines"]) != len(managers):
                fail(f"the chart of {chart['series']} has {len(chart['lines'])} lines for {len(managers)} managers")
            for k, manager in enumerate(managers):
                mine = [r for r in rows if r["manager"] == manager]
                want = [(r["point"], r[chart["series"]]) for r in mine if r[chart["series"]] is not None]
                line = chart["lines"][k]
                if len(line["points"].split()) != len(want):
                    fail(f"{chart['series']}, {manager}: {len(line['points'].split())} vertices, {len(want)} counts")
                colour = line["stroke"]
                got = [(c["data-point"], int(float(c["data-v"]))) for c in chart["dots"] if c["fill"] == colour]
                if got != want:
                    fail(f"{chart['series']}, {manager}: dots {got}, json {want}")
                dots += len(got)

        screenshot = not_blank(shot)
        print(f"ok: {len(d.rows)} rows, {len(d.charts)} charts, {dots} dots; {screenshot}")


if __name__ == "__main__":
    main()
