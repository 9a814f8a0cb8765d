#!/usr/bin/env python3
"""Renders the html scorecard of the example book in headless Chromium and checks it.

Usage: scorecard_chromium.py SALESOPS SOURCE_DIR

The page is written with `review scorecard --period 2026-10 --format html`; Chromium
(/usr/bin/chromium, installed by .ci/setup) dumps the DOM it built and takes a screenshot.
The DOM must hold one table row per row of the json scorecard, the same figures, the
Chinese names, one bar per rep with a target, the 100% line and one trend line per team;
the screenshot must not be blank (its pixels decoded here with zlib, no imaging library).
A missing Chromium fails the test: nothing is skipped.
"""
import html.parser
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from chromium import fail, not_blank, render, self_contained  # noqa: E402


class Dom(html.parser.HTMLParser):
    """Collects the table's body rows (cells' text and data-v) and the SVG elements."""

    def __init__(self):
        super().__init__()
        self.rows, self.svg = [], []
        self.in_body = False
        self.cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.rows.append({"class": a.get("class", ""), "cells": []})
        elif tag == "td" and self.in_body:
            self.cell = {"v": a.get("data-v", ""), "text": ""}
            self.rows[-1]["cells"].append(self.cell)
        elif tag in ("rect", "line", "polyline", "svg"):
            self.svg.append((tag, a))

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_body = False
        elif tag == "td":
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data


def main():
    salesops, src = sys.argv[1], sys.argv[2]
    env = dict(os.environ, SALESOPS_TODAY="2026-11-26", NO_COLOR="1", SALESOPS_NO_CACHE="1")
    book = os.path.join(src, "examples", "book")
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "scorecard.html")
        base = [salesops, "--book", book, "review", "scorecard", "--period", "2026-10"]
        subprocess.run(base + ["-o", page], env=env, check=True)
        card = json.loads(subprocess.run(base + ["--format", "json"], env=env, check=True, capture_output=True).stdout)
        self_contained(page)
        dom, shot = render(page, tmp, env)

        d = Dom()
        d.feed(dom)
        rows = card["rows"]
        if len(d.rows) != len(rows):
            fail(f"the DOM has {len(d.rows)} table rows, the json scorecard {len(rows)}")
        # The page shows the scorecard's own columns: json adds each period column's days
        # and row_kind after them.
        periods = [c["id"] for c in card["meta"]["columns"] if c["type"] == "period"]
        added = {"row_kind"} | {p + end for p in periods for end in ("_start", "_end")}
        columns = [c for c in card["columns"] if c not in added]
        kinds = {"person": "detail", "team": "subtotal", "company": "total"}
        for i, row in enumerate(rows):
            cells = d.rows[i]["cells"]
            html_class = d.rows[i]["class"].split()[0] if d.rows[i]["class"] else ""
            if html_class in kinds and kinds[html_class] != row["row_kind"]:
                fail(f"row {i} ({row['owner']}) is a {html_class} row on the page, {row['row_kind']} in json")
            if len(cells) != len(columns):
                fail(f"row {i} has {len(cells)} cells, expected {len(columns)}")
            for col in ("owner", "revenue", "deals_won", "revenue_target"):
                want = row[col]
                got = cells[columns.index(col)]["v"]
                if want is None:
                    ok = got == ""
                elif isinstance(want, float):
                    ok = got != "" and abs(float(got) - want) < 0.005
                else:
                    ok = got == str(want)
                if not ok:
                    fail(f"row {i} ({row['owner']}): {col} is {got!r} in the DOM, {want!r} in json")
        if "张伟" not in dom or "华东销售部" not in dom:
            fail("the Chinese names are not in the DOM")
        people = [r for r in rows if r["owner"] not in ("company",) and d.rows[rows.index(r)]["class"] == "person"]
        with_target = [r for r in people if r["revenue_attainment"] is not None]
        bars = [a for t, a in d.svg if t == "rect" and "bar" in a.get("class", "")]
        if len(bars) != len(with_target):
            fail(f"{len(bars)} attainment bars, {len(with_target)} reps with a revenue target")
        for bar, r in zip(bars, with_target):
            if abs(float(bar["data-attainment"]) - r["revenue_attainment"]) > 1e-6:
                fail(f"the bar of {r['owner']} says {bar['data-attainment']}, json {r['revenue_attainment']}")
        if not any(t == "line" and a.get("class") == "target-line" for t, a in d.svg):
            fail("no 100% line in the attainment chart")
        teams = [r for i, r in enumerate(rows) if d.rows[i]["class"] == "team"]
        lines = [a for t, a in d.svg if t == "polyline"]
        if len(lines) != len(teams) or any(len(a["points"].split()) != 6 for a in lines):
            fail(f"{len(lines)} trend lines for {len(teams)} teams, each needs six points")

        screenshot = not_blank(shot)
        print(f"ok: {len(d.rows)} rows, {len(bars)} bars, {len(lines)} trend lines; {screenshot}")


if __name__ == "__main__":
    main()
