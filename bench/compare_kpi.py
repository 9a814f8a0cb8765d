#!/usr/bin/env python3
"""Checks two KPI tables in CSV hold the same numbers: salesops' and the peer's.

    python3 bench/compare_kpi.py SALESOPS.csv PEER.csv

Same header; every row of salesops' table equals the peer's row for that owner (money and
counts exactly, ratios and means to a relative 1e-6, as salesops prints at least six
significant digits); a person the peer lists and salesops leaves out has nothing to show.
Exit 0 when they agree, 1 with the differences listed otherwise.
"""

import csv
import sys


def table(path):
    with open(path, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], {r[0]: r for r in rows[1:]}


def same(a, b):
    if a == b:
        return True
    if a == "" or b == "":
        return False
    x, y = float(a), float(b)
    return abs(x - y) <= 1e-6 * max(1.0, abs(x))


def empty(row):
    return all(v in ("", "0", "0.00") for v in row[2:])


def main():
    head_a, rows_a = table(sys.argv[1])
    head_b, rows_b = table(sys.argv[2])
    problems = []
    if head_a != head_b:
        problems.append(f"columns differ: {head_a} vs {head_b}")
    for owner, row in rows_a.items():
        other = rows_b.get(owner)
        if other is None:
            problems.append(f"{owner}: only in {sys.argv[1]}")
            continue
        for col, x, y in zip(head_a, row, other):
            if not same(x, y):
                problems.append(f"{owner} {col}: {x} vs {y}")
    for owner, row in rows_b.items():
        if owner not in rows_a and not empty(row):
            problems.append(f"{owner}: missing from {sys.argv[1]}")
    if not rows_a or all(empty(r) for r in rows_a.values()):
        problems.append("the table is empty: nothing was compared")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
