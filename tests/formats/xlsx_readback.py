#!/usr/bin/env python3
"""-o FILE.xlsx read back with a spreadsheet library (openpyxl, python3-openpyxl).

Usage: xlsx_readback.py SALESOPS SOURCE_DIR

On the example book, October's KPI table by person and the deal list are written as csv
and as xlsx. Every cell of the workbook must be the csv's value with its type: money a
number formatted #,##0.00, a ratio a number formatted 0.0% (0.419 shows 41.9%), a count an
integer, a date a date, text text; an undefined figure an empty cell, never 0. The header
is bold and frozen with an autofilter over the table; an ESC in a name stays text. Subtotal
and total rows (the scorecard's teams and company, the pipeline's total) are bold with a
thin top border, detail rows plain.
"""
import csv
import datetime
import io
import os
import shutil
import subprocess
import sys
import tempfile

from harness import fail, run

try:
    import openpyxl
except ImportError:  # a Python without Debian's packages: use the system's
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    raise

FORMATS = {"money": "#,##0.00", "ratio": "0.0%", "count": "#,##0", "date": "yyyy-mm-dd", "decimal": "#,##0.00"}






def check_cell(where, cell, raw, kind):
    if raw == "":
        if cell.value is not None:
            fail(f"{where}: undefined is {cell.value!r}, not an empty cell")
        return
    if kind == "text":
        if not isinstance(cell.value, str) or cell.value != raw:
            fail(f"{where}: {cell.value!r} is not the text {raw!r}")
        return
    if kind == "date":
        if not isinstance(cell.value, datetime.datetime) or cell.value.date().isoformat() != raw:
            fail(f"{where}: {cell.value!r} is not the date {raw}")
    elif kind == "count":
        if not isinstance(cell.value, (int, float)) or cell.value != int(raw):
            fail(f"{where}: {cell.value!r} is not the count {raw}")
    else:
        # csv writes ratios and decimals to six places; the workbook holds the full value.
        if not isinstance(cell.value, (int, float)) or abs(cell.value - float(raw)) > 5e-7:
            fail(f"{where}: {cell.value!r} is not the number {raw}")
    if cell.number_format != FORMATS[kind]:
        fail(f"{where}: format {cell.number_format!r}, not {FORMATS[kind]!r}")


def compare(salesops, book, tmp, args, kinds):
    rows = list(csv.reader(io.StringIO(run(salesops, book, *args, "--format", "csv", "--csv-raw"))))
    path = os.path.join(tmp, "out.xlsx")
    run(salesops, book, *args, "-o", path)
    ws = openpyxl.load_workbook(path).active
    got = list(ws.iter_rows())
    if len(got) != len(rows):
        fail(f"{args}: {len(got)} rows in the workbook, {len(rows)} in csv")
    header = [c.value for c in got[0]]
    if header != rows[0]:
        fail(f"{args}: header {header} is not {rows[0]}")
    if not all(c.font.b for c in got[0]):
        fail(f"{args}: the header is not bold")
    if ws.freeze_panes != "A2" or not ws.auto_filter.ref:
        fail(f"{args}: frozen at {ws.freeze_panes}, filter {ws.auto_filter.ref}")
    for r, (cells, raw) in enumerate(zip(got[1:], rows[1:]), start=2):
        for c, (cell, value) in enumerate(zip(cells, raw)):
            check_cell(f"{args} {cell.coordinate} ({rows[0][c]})", cell, value, kinds.get(rows[0][c], "text"))
    return len(rows) - 1


def check_styled_rows(salesops, book, tmp, args):
    """Subtotal and total rows (row_kind) are bold with a thin top border on every cell;
    detail rows are neither. Returns how many rows are styled."""
    path = os.path.join(tmp, "styled.xlsx")
    run(salesops, book, *args, "-o", path)
    rows = list(openpyxl.load_workbook(path).active.iter_rows())
    header = [c.value for c in rows[0]]
    if "row_kind" not in header:
        fail(f"{args}: no row_kind column in {header}")
    kind_at = header.index("row_kind")
    styled = 0
    for cells in rows[1:]:
        total = cells[kind_at].value in ("subtotal", "total")
        for cell in cells:
            bold, ruled = bool(cell.font.b), cell.border.top.style == "thin"
            if (bold, ruled) != (total, total):
                fail(f"{args} {cell.coordinate} ({cells[kind_at].value}): bold {bold}, top border {cell.border.top.style}")
        styled += total
    if styled == 0:
        fail(f"{args}: no subtotal or total row")
    return styled


def main():
    salesops, src = sys.argv[1:3]
    with tempfile.TemporaryDirectory() as tmp:
        book = os.path.join(tmp, "book")
        shutil.copytree(os.path.join(src, "examples", "book"), book)
        # A name with an ESC stays text (escaped), never a control character or a formula.
        team = os.path.join(book, "team.yaml")
        with open(team, encoding="utf-8") as f:
            text = f.read()
        with open(team, "w", encoding="utf-8") as f:
            f.write(text.replace("name: 张伟", 'name: "=张伟\\e[2J"', 1))
        kpi = compare(salesops, book, tmp, ["kpi", "--period", "2026-10", "--by", "person"],
                      {"revenue": "money", "avg_deal_size": "money", "win_rate": "ratio", "deals_won": "count",
                       "new_customers": "count", "activities": "count", "csat": "decimal", "name": "text"})
        deals = compare(salesops, book, tmp, ["deal", "list", "--period", "2026-10"],
                        {"amount": "money", "opened": "date", "expected_close": "date", "closed": "date",
                         "probability": "ratio", "age_days": "count", "days_in_stage": "count"})
        card = compare(salesops, book, tmp, ["review", "scorecard", "--period", "2026-10"],
                       {"revenue": "money", "revenue_target": "money", "revenue_attainment": "ratio",
                        "avg_deal_size": "money", "win_rate": "ratio", "deals_won": "count", "new_customers": "count",
                        "new_customers_target": "count", "new_customers_attainment": "ratio", "activities": "count",
                        "csat": "decimal", "score": "decimal", "rank": "count", "revenue_change": "money",
                        "score_weight": "ratio", "review_start": "date", "review_end": "date"})
        styled = check_styled_rows(salesops, book, tmp, ["review", "scorecard", "--period", "2026-10"])
        check_styled_rows(salesops, book, tmp, ["deal", "pipeline"])
        path = os.path.join(tmp, "kpi.xlsx")
        run(salesops, book, "kpi", "--period", "2026-10", "--by", "person", "-o", path)
        names = [r[1].value for r in openpyxl.load_workbook(path).active.iter_rows(min_row=2)]
        if "=张伟\\x1b[2J" not in names:
            fail(f"the ESC name is not escaped text: {names}")
        r = subprocess.run([salesops, "--book", book, "kpi", "--format", "xlsx"], capture_output=True)
        if r.returncode != 2 or r.stdout:
            fail("xlsx to stdout is not refused")
        print(f"xlsx: kpi ({kpi} rows), deal list ({deals} rows) and scorecard ({card} rows, {styled} subtotals "
              f"and totals styled) read back typed with openpyxl")


if __name__ == "__main__":
    main()
