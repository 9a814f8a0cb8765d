#!/usr/bin/env python3
"""Concurrency: N processes each append M interactions to one customer and M deals to one
month file, at the same time, through `salesops customer log` and `salesops deal add`.

Usage: concurrent_writes.py SALESOPS_BIN PROCESSES [APPENDS]

At the end every interaction and every deal must be in its file exactly once, deal ids must
be distinct, and the book must check clean.
"""
import collections
import subprocess
import sys
import threading
import time

import yaml

from common import env, run, scratch_book, tempdir


def worker(bin_path, book, w, appends, failures):
    e = env()
    for i in range(appends):
        tag = f"w{w}-{i}"
        for args in (["customer", "log", "C-1", "--type", "call", "--by", "zhang.wei", "--summary", tag,
                      "--date", "2026-11-20"],
                     ["deal", "add", "--owner", "zhang.wei", "--customer", "C-1", "--amount", str(100 + i),
                      "--opened", "2026-11-15", "--title", tag]):
            r = subprocess.run([bin_path, "--book", str(book), "-q", *args], env=e, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
            if r.returncode != 0:
                failures.append(f"{tag} {args[0]} {args[1]}: exit {r.returncode}: {r.stderr.strip()}")


def main():
    bin_path, processes = sys.argv[1], int(sys.argv[2])
    appends = int(sys.argv[3]) if len(sys.argv) > 3 else 500
    with tempdir(memory=True) as tmp:
        book = scratch_book(tmp)
        failures = []
        start = time.monotonic()
        # Each thread drives one salesops process at a time: PROCESSES writers run at once.
        threads = [threading.Thread(target=worker, args=(bin_path, book, w, appends, failures))
                   for w in range(processes)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        took = time.monotonic() - start
        if failures:
            sys.exit(f"{len(failures)} writes failed, the first: {failures[0]}")
        expected = {f"w{w}-{i}" for w in range(processes) for i in range(appends)}
        customer = yaml.safe_load((book / "customers/C-1.yaml").read_text())
        logged = collections.Counter(x.get("summary") for x in customer.get("interactions", []))
        deals = yaml.safe_load((book / "deals/2026-11.yaml").read_text())
        titled = collections.Counter(d.get("title") for d in deals)
        ids = collections.Counter(d["id"] for d in deals)
        for name, counts in (("interaction", logged), ("deal", titled)):
            missing = [t for t in expected if counts[t] == 0]
            twice = [t for t in expected if counts[t] > 1]
            if missing or twice:
                sys.exit(f"{name}s: {len(missing)} missing (e.g. {missing[:3]}), {len(twice)} twice (e.g. {twice[:3]})")
        dup = [i for i, n in ids.items() if n > 1]
        if dup:
            sys.exit(f"deal ids given twice: {dup[:5]}")
        check = run(bin_path, book, "check", check=False)
        if check.returncode != 0:
            sys.exit(f"check exited {check.returncode}:\n{check.stdout[-3000:]}{check.stderr[-3000:]}")
        print(f"{processes} processes x {appends} interactions and {appends} deals: all "
              f"{2 * len(expected)} writes present exactly once, in {took:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
