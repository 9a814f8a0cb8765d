#!/usr/bin/env python3
"""Typed machine output read back as a script reads it (json with Python's json, csv with
its csv module).

Usage: typed_output.py SALESOPS SOURCE_DIR

On the example book, every read command's json must say what each column holds: each
value of a column is of the type meta.columns gives it (money, ratio and decimal numbers,
integers, ISO dates, text), money's unit is the book's currency, a column of several units
names a unit column that gives every figure's unit, and every period column is followed by
its first and last day. Tables with totals mark them in row_kind, and the details add up
to the total. csv's header is json's columns. `reward plans` gives its structure as objects
and lists, `check` its meta in full.
"""
import csv
import io
import json
import os
import re
import shutil
import sys
import tempfile

from harness import fail, run as run_salesops

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

COMMANDS = [
    ["kpi", "--period", "2026-10"],
    ["kpi", "--period", "2026-Q3", "--every", "month", "--by", "team"],
    ["target", "status", "--period", "2026-11", "--all"],
    ["target", "list"],
    ["target", "check"],
    ["deal", "pipeline"],
    ["deal", "pipeline", "--by", "owner"],
    ["deal", "forecast", "--period", "2026-Q4"],
    ["deal", "funnel", "--period", "2026-Q3"],
    ["deal", "list", "--period", "2026-10"],
    ["customer", "list"],
    ["customer", "due"],
    ["customer", "segments", "--period", "2026"],
    ["customer", "satisfaction", "--period", "2026", "--every", "quarter"],
    ["coach", "due"],
    ["coach", "followups"],
    ["coach", "skills"],
    ["plan", "status", "--period", "2026-Q4"],
    ["plan", "actions"],
    ["review", "score", "--period", "2026-Q3"],
    ["review", "scorecard", "--period", "2026-10"],
    ["reward", "calc", "--period", "2026-Q3"],
    ["reward", "statement", "zhang.wei", "--period", "2026-Q3"],
    ["reward", "leaderboard", "--period", "2026-Q3"],
]






def run(salesops, book, *args):
    """A report's standard output; findings (exit 1) are part of what is typed."""
    return run_salesops(salesops, book, *args, ok=(0, 1))


def check_value(where, value, column, currency, row):
    kind = column["type"]
    if value is None:
        return
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    ok = {
        "text": isinstance(value, str),
        "integer": isinstance(value, int) and not isinstance(value, bool),
        "money": number,
        "ratio": number,
        "decimal": number,
        "number": number,
        "date": isinstance(value, str) and DATE.match(value),
        "period": isinstance(value, str),
        "mixed": True,
    }.get(kind)
    if ok is None:
        fail(f"{where}: unknown type {kind}")
    if not ok:
        fail(f"{where}: {value!r} is not {kind}")
    if kind == "money" and round(value * 100) != value * 100 and abs(round(value * 100) - value * 100) > 1e-6:
        fail(f"{where}: money {value!r} has more than two decimals")
    if kind == "number":
        unit = row.get(column["unit_column"])
        if not unit:
            fail(f"{where}: {value!r} has no unit in {column['unit_column']}")


def check_table(salesops, book, args, currency):
    doc = json.loads(run(salesops, book, *args, "--format", "json"))
    if doc["format_version"] != "2":
        fail(f"{args}: format_version {doc['format_version']}")
    meta = doc["meta"]
    for key in ("book", "command", "period", "period_start", "period_end", "today", "revision", "columns"):
        if key not in meta:
            fail(f"{args}: meta has no {key}")
    columns = meta["columns"]
    ids = [c["id"] for c in columns]
    if ids != doc["columns"]:
        fail(f"{args}: meta.columns {ids} are not columns {doc['columns']}")
    header = next(csv.reader(io.StringIO(run(salesops, book, *args, "--format", "csv"))))
    if header != ids:
        fail(f"{args}: csv header {header} is not {ids}")
    by_id = {c["id"]: c for c in columns}
    for c in columns:
        if c["type"] == "money" and c["unit"] != currency:
            fail(f"{args}: money column {c['id']} in {c['unit']}, not {currency}")
        if c["type"] == "number" and c["unit_column"] not in by_id:
            fail(f"{args}: {c['id']} names no unit column ({c['unit_column']})")
        if c["type"] == "period":
            for end in ("_start", "_end"):
                if by_id.get(c["id"] + end, {}).get("type") != "date":
                    fail(f"{args}: period column {c['id']} has no date column {c['id'] + end}")
    for r, row in enumerate(doc["rows"]):
        if list(row) != ids:
            fail(f"{args}: row {r} keys {list(row)}")
        for c in columns:
            check_value(f"{args} row {r} {c['id']}", row[c["id"]], c, currency, row)
            if c["type"] == "period" and row[c["id"]] is not None:
                first, last = row[c["id"] + "_start"], row[c["id"] + "_end"]
                if not (first and last and first <= last):
                    fail(f"{args} row {r}: period {row[c['id']]} runs {first}..{last}")
        if "row_kind" in row and row["row_kind"] not in ("detail", "subtotal", "total"):
            fail(f"{args} row {r}: row_kind {row['row_kind']}")
    return doc


def sum_of(rows, column, kind):
    return round(sum(r[column] or 0 for r in rows if r["row_kind"] == kind), 2)


def check_totals(docs):
    pipeline = docs[("deal", "pipeline")]
    if sum_of(pipeline["rows"], "amount", "detail") != sum_of(pipeline["rows"], "amount", "total"):
        fail("deal pipeline: the stages do not add up to the total row")
    card = docs[("review", "scorecard", "--period", "2026-10")]
    kinds = {r["row_kind"] for r in card["rows"]}
    if kinds != {"detail", "subtotal", "total"}:
        fail(f"scorecard row kinds {kinds}")
    if sum_of(card["rows"], "revenue", "detail") != sum_of(card["rows"], "revenue", "total"):
        fail("scorecard: the people's revenue does not add up to the company's")
    statement = docs[("reward", "statement", "zhang.wei", "--period", "2026-Q3")]
    if sum_of(statement["rows"], "amount", "detail") != sum_of(statement["rows"], "amount", "total"):
        fail("reward statement: the lines do not add up to the total")
    if sum_of(statement["rows"], "amount", "subtotal") == 0:
        fail("reward statement: no subtotal row")
    forecast = docs[("deal", "forecast", "--period", "2026-Q4")]
    if sum_of(forecast["rows"], "won", "detail") != sum_of(forecast["rows"], "won", "total"):
        fail("deal forecast: the people's won revenue does not add up to the company's")
    status = docs[("target", "status", "--period", "2026-11", "--all")]
    units = {r["unit"] for r in status["rows"]}
    if "CNY" not in units or len(units) < 2:
        fail(f"target status: units {units}, expected money and others")


def check_plans(salesops, book):
    doc = json.loads(run(salesops, book, "reward", "plans", "--format", "json"))
    plans = doc["plans"]
    if not plans:
        fail("reward plans: no plans")
    for p in plans:
        if not isinstance(p["tiers"], list) or not isinstance(p["spiffs"], list) or not isinstance(p["people"], list):
            fail(f"reward plans: {p['plan']}: tiers, spiffs and people are not lists")
        for t in p["tiers"]:
            if not isinstance(t["from"], (int, float)) or not isinstance(t["rate"], (int, float)):
                fail(f"reward plans: {p['plan']}: tier {t}")
        if p["gate"] is not None and set(p["gate"]) != {"metric", "min"}:
            fail(f"reward plans: {p['plan']}: gate {p['gate']}")
        if not isinstance(p["prorate"], bool) or not isinstance(p["applies_to"], dict):
            fail(f"reward plans: {p['plan']}: prorate or applies_to")
    if not any(p["gate"] for p in plans) or not any(p["spiffs"] for p in plans):
        fail("reward plans: the example book's gate and spiffs are missing")
    lines = run(salesops, book, "reward", "plans", "--format", "jsonl").splitlines()
    if [json.loads(line)["plan"] for line in lines] != [p["plan"] for p in plans]:
        fail("reward plans: jsonl is not one plan per line")
    return len(plans)


def check_check(salesops, book):
    doc = json.loads(run(salesops, book, "check", "--format", "json"))
    meta = doc["meta"]
    if doc["format_version"] != "2" or meta["command"] != "check" or meta["today"] != "2026-11-26":
        fail(f"check: meta {meta}")
    if meta["period"] != "2026-11" or meta["period_start"] != "2026-11-01" or meta["period_end"] != "2026-11-30":
        fail(f"check: meta period {meta}")
    if "revision" not in meta or any("commit" not in d for d in doc["diagnostics"]):
        fail("check: no revision in meta or no commit in a diagnostic")


def main():
    salesops, src = sys.argv[1:3]
    with tempfile.TemporaryDirectory() as tmp:
        book = os.path.join(tmp, "book")
        shutil.copytree(os.path.join(src, "examples", "book"), book)
        docs = {tuple(args): check_table(salesops, book, args, "CNY") for args in COMMANDS}
        check_totals(docs)
        plans = check_plans(salesops, book)
        check_check(salesops, book)
        rows = sum(len(d["rows"]) for d in docs.values())
        print(f"typed output: {len(docs)} tables ({rows} rows) match their meta.columns; {plans} reward plans as objects")


if __name__ == "__main__":
    main()
