"""What the format tests share: a failure that ends the test, and salesops run the way the
golden cases run it (a fixed today, no parsed-record cache, no colour)."""
import os
import subprocess
import sys

TODAY = "2026-11-26"


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def env(**extra):
    e = dict(os.environ, SALESOPS_TODAY=TODAY, SALESOPS_NO_CACHE="1", NO_COLOR="1", **extra)
    e.pop("SALESOPS_BOOK", None)
    return e


def run(salesops, book, *args, ok=(0,)):
    """salesops --book BOOK ARGS: its standard output; the test fails on an exit code not in `ok`."""
    r = subprocess.run([salesops, "--book", book, *args], capture_output=True, env=env())
    if r.returncode not in ok:
        fail(f"{args}: exit {r.returncode}: {r.stderr.decode()}")
    return r.stdout.decode()
