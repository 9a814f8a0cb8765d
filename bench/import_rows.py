#!/usr/bin/env python3
"""The import benchmark: wall time and peak memory of `salesops import deals` on a big CSV.

    python3 bench/import_rows.py SALESOPS [--rows 1000000] [--work DIR] [--max-mb N]

It writes a CSV of --rows opportunities in the format of the public CRM + Sales
Opportunities export (tests/data/crm-sales-opportunities/sales_pipeline.csv): the 8,800
rows of that file over and over, each copy with new opportunity ids, so stages, dates,
amounts and the export's quirks (rows without an account or an engage date) keep their
mix. A new book (`salesops init`) gets the export's teams and accounts with its preset,
then the deals are imported with the preset, -q, and measured with GNU time (wall time
and maximum resident set). Prints one line per step; with --max-mb it exits 1 when the
import's peak passes that many megabytes, or when the book's deal count is not the
number of rows imported.
"""

import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "tests", "data", "crm-sales-opportunities")


def write_pipeline(path, rows):
    with open(os.path.join(DATA, "sales_pipeline.csv"), newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        sample = list(reader)
    with open(path, "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(header)
        for i in range(rows):
            row = list(sample[i % len(sample)])
            row[0] = f"OP{i:08d}"
            w.writerow(row)


def timed(cmd, cwd):
    """Runs cmd under GNU time; returns (seconds, peak MB, stdout)."""
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, cwd=cwd, capture_output=True, text=True,
                       env=dict(os.environ, SALESOPS_TODAY="2026-11-26"))
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} exited {r.returncode}:\n{r.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", r.stderr)
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1))
    return seconds, peak_kb / 1024, r.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("salesops")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--work", help="a directory to keep (default: a temporary one, removed)")
    ap.add_argument("--max-mb", type=float)
    a = ap.parse_args()
    exe = os.path.abspath(a.salesops)
    work = a.work or tempfile.mkdtemp(prefix="salesops-import-")
    try:
        csv_path = os.path.join(work, f"pipeline-{a.rows}.csv")
        if not os.path.exists(csv_path):
            write_pipeline(csv_path, a.rows)
        book = os.path.join(work, "book")
        shutil.rmtree(book, ignore_errors=True)
        subprocess.run([exe, "init", book, "-q"], check=True)
        preset = ["--preset", "crm-sales-opportunities", "-q"]
        for kind, name in (("people", "sales_teams.csv"), ("customers", "accounts.csv")):
            subprocess.run([exe, "import", kind, os.path.join(DATA, name)] + preset, cwd=book, check=True,
                           stdout=subprocess.DEVNULL)
        size_mb = os.path.getsize(csv_path) / 1e6
        seconds, peak, out = timed([exe, "import", "deals", csv_path] + preset, book)
        print(f"import deals: {a.rows} rows ({size_mb:.0f} MB): {seconds:.1f} s, peak {peak:.0f} MB")
        print(f"  {out.strip().splitlines()[-1]}")
        created = int(re.search(r"created (\d+) deals?", out).group(1))
        on_disk = 0
        for name in os.listdir(os.path.join(book, "deals")):
            with open(os.path.join(book, "deals", name), encoding="utf-8") as f:
                on_disk += sum(1 for line in f if line.startswith("- id: "))
        print(f"  deals written: {on_disk}")
        failed = on_disk != created
        if a.max_mb is not None and peak > a.max_mb:
            print(f"FAIL: peak {peak:.0f} MB is over {a.max_mb:.0f} MB")
            failed = True
        if on_disk != created:
            print(f"FAIL: {created} deals created, {on_disk} in the files")
        return 1 if failed else 0
    finally:
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
