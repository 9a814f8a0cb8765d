#!/usr/bin/env python3
"""What reaches the output: a hostile name is escaped, a csv cell a spreadsheet would run as a
formula is neutralised (read back with Python's csv module, as a spreadsheet reads the file),
a full disk is an error, and a closed pipe ends the program silently.

usage: output_boundary.py SALESOPS_BINARY"""
import csv
import io
import os
import signal
import subprocess
import sys

from common import env, run, scratch_book, tempdir

HOSTILE = '"\\e]52;c;ZXZpbA==\\a\\e[2J=HYPERLINK(\\"http://x\\")"'


def fail(message):
    raise SystemExit(f"FAIL: {message}")


def hostile_book(parent):
    book = scratch_book(parent)
    path = book / "customers/C-1.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: 上海星海科技有限公司", f"name: {HOSTILE}"), encoding="utf-8")
    return book


def check_escaped(binary, book):
    for fmt in ("table", "csv", "tsv", "md", "json", "jsonl"):
        r = run(binary, book, "customer", "list", "--format", fmt)
        if "\x1b" in r.stdout or "\x07" in r.stdout:
            fail(f"{fmt}: a control character reached the output")
    r = run(binary, book, "check", check=False)
    if "\x1b" in r.stdout + r.stderr:
        fail("check: a control character reached the output")
    if "control-character" not in r.stdout:
        fail("check does not report the control character")


def check_csv_cell(binary, book):
    r = run(binary, book, "customer", "list", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    names = [row["name"] for row in rows if row["customer"] == "C-1"]
    if len(names) != 1 or not names[0].startswith("\\x1b]52"):
        fail(f"the csv cell is not escaped: {names!r}")
    # The formula starts a cell of its own once the name starts with it.
    path = book / "customers/C-2.yaml"
    text = path.read_text(encoding="utf-8")
    first_name = next(line for line in text.splitlines() if line.startswith("name:"))
    path.write_text(text.replace(first_name, 'name: "=1+2"'), encoding="utf-8")
    for option, expected in (((), "'=1+2"), (("--csv-raw",), "=1+2")):
        r = run(binary, book, "customer", "list", "--format", "csv", *option)
        cell = next(row["name"] for row in csv.DictReader(io.StringIO(r.stdout)) if row["customer"] == "C-2")
        if cell != expected:
            fail(f"csv {option}: cell {cell!r}, expected {expected!r}")


def check_full_disk(binary, book):
    if not os.path.exists("/dev/full"):
        return
    with open("/dev/full", "w") as full:
        r = subprocess.run([binary, "--book", str(book), "customer", "list"], stdout=full, stderr=subprocess.PIPE,
                           env=env(), text=True)
    if r.returncode != 4 or "cannot write output: No space left on device" not in r.stderr:
        fail(f"/dev/full: exit {r.returncode}, stderr {r.stderr!r}")


def check_closed_pipe(binary, book):
    for ignore in (False, True):
        read_end, write_end = os.pipe()
        os.close(read_end)  # the reader is gone before the first write: EPIPE or SIGPIPE for sure
        preexec = (lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN)) if ignore else None
        r = subprocess.run([binary, "--book", str(book), "customer", "list"], stdout=write_end,
                           stderr=subprocess.PIPE, env=env(), text=True, preexec_fn=preexec, restore_signals=not ignore)
        os.close(write_end)
        if r.returncode != -signal.SIGPIPE or r.stderr:
            fail(f"closed pipe (SIGPIPE ignored: {ignore}): exit {r.returncode}, stderr {r.stderr!r}")


def main():
    binary = sys.argv[1]
    with tempdir() as parent:
        book = hostile_book(parent)
        check_escaped(binary, book)
        check_csv_cell(binary, book)
        check_full_disk(binary, book)
        check_closed_pipe(binary, book)
    print("ok: escapes, csv cells, /dev/full, closed pipe")


if __name__ == "__main__":
    main()
