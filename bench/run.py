#!/usr/bin/env python3
"""The benchmark: salesops against the libyaml floor, the PyYAML peer, ledger and hledger.

    python3 bench/run.py [--sizes 10000,100000,1000000] [--runs 3] [--work DIR]

For each size it generates a book (bench/generate.py, kept in --work for later runs) and
a ledger journal of its won deals, then measures wall time (median of --runs runs) and
peak memory (GNU time's maximum resident set) of:
  floor     bench/floor.cpp: libyaml's event parser over the same files, --threads threads
  cold      salesops kpi --period 2026-10 --format csv, with SALESOPS_NO_CACHE=1
  warm      the same with the parsed-record cache of .salesops/cache present
  peer      bench/peer_kpi.py (PyYAML's C loader), its output checked against salesops'
  ledger    ledger bal on the journal;  hledger: hledger bal on it (skipped past --limit)
and prints one table with the ratios of SPEC section 9. Files are in the OS page cache
in every run ("cold" means no parsed-record cache, not a cold disk).
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PERIOD = "2026-10"


def measure(cmd, runs, env=None, limit=None, out=None):
    """Median wall seconds and the largest peak RSS (bytes) of `runs` runs of `cmd`."""
    walls, peaks = [], []
    for _ in range(runs):
        with tempfile.NamedTemporaryFile("r") as tf:
            start = time.perf_counter()
            try:
                p = subprocess.run(["/usr/bin/time", "-o", tf.name, "-f", "%M"] + cmd, env=env, timeout=limit,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            except subprocess.TimeoutExpired:
                return None
            walls.append(time.perf_counter() - start)
            if p.returncode != 0:
                sys.exit(f"bench: {' '.join(cmd)} failed ({p.returncode}):\n{p.stderr.decode(errors='replace')}")
            peaks.append(int(tf.read().split()[-1]) * 1024)
            if out is not None:
                out[:] = [p.stdout]
    return statistics.median(walls), max(peaks)


def book_for(work, n):
    book, journal, counts = (os.path.join(work, f"book-{n}"), os.path.join(work, f"won-{n}.journal"),
                             os.path.join(work, f"book-{n}.json"))
    if not os.path.exists(counts):
        print(f"bench: generating {n} deals in {book}", file=sys.stderr)
        subprocess.run(["rm", "-rf", book], check=True)
        p = subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--deals", str(n), "--out", book,
                            "--journal", journal], check=True, stdout=subprocess.PIPE)
        with open(counts, "wb") as f:
            f.write(p.stdout)
    with open(counts) as f:
        c = json.load(f)
    size = 0
    for d, _, names in os.walk(book):
        if "/." not in d:
            size += sum(os.path.getsize(os.path.join(d, x)) for x in names if x.endswith(".yaml"))
    return book, journal, c, size


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--peer-runs", type=int, default=None, help="runs of the Python peer (default: --runs)")
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "salesops-bench"))
    ap.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    ap.add_argument("--limit", type=float, default=300, help="seconds after which hledger is skipped")
    a = ap.parse_args()
    salesops, floor = os.path.join(a.build, "salesops"), os.path.join(a.build, "salesops_floor")
    os.makedirs(a.work, exist_ok=True)
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.node()}: {cpu}, "
          f"{os.cpu_count()} cores, {a.threads} threads; median of {a.runs} runs")
    head = ("| deals | YAML MB | reader | wall s | records/s | MB/s | peak MB |")
    rows, ratios = [], []
    for n in [int(x) for x in a.sizes.split(",")]:
        book, journal, c, size = book_for(a.work, n)
        records = c["deals"] + c["customers"] + c["interactions"] + c["surveys"] + c["targets"] + c["people"]
        kpi = [salesops, "--book", book, "--today", "2026-11-26", "kpi", "--period", PERIOD, "--format", "csv"]
        env_cold = dict(os.environ, SALESOPS_NO_CACHE="1", SALESOPS_THREADS=str(a.threads))
        env_warm = dict(os.environ, SALESOPS_THREADS=str(a.threads))
        ours = []
        res = {"floor": measure([floor, book, str(a.threads)], a.runs),
               "cold": measure(kpi, a.runs, env_cold, out=ours)}
        subprocess.run(kpi, env=env_warm, check=True, stdout=subprocess.DEVNULL)  # fills the cache
        res["warm"] = measure(kpi, a.runs, env_warm)
        theirs = []
        res["peer"] = measure([sys.executable, os.path.join(HERE, "peer_kpi.py"), book, PERIOD], a.peer_runs or a.runs,
                              out=theirs)
        with tempfile.TemporaryDirectory() as tmp:
            for name, data in (("ours.csv", ours[0]), ("peer.csv", theirs[0])):
                with open(os.path.join(tmp, name), "wb") as f:
                    f.write(data)
            agree = subprocess.run([sys.executable, os.path.join(HERE, "compare_kpi.py"), os.path.join(tmp, "ours.csv"),
                                    os.path.join(tmp, "peer.csv")], stdout=subprocess.PIPE, text=True)
            if agree.returncode != 0:
                sys.exit(f"bench: salesops and the peer disagree at {n} deals:\n{agree.stdout}")
        res["ledger"] = measure(["ledger", "-f", journal, "-p", PERIOD, "bal", "^revenue"], a.runs)
        res["hledger"] = measure(["hledger", "-f", journal, "bal", "-p", PERIOD, "^revenue"], a.runs, limit=a.limit)
        jsize = os.path.getsize(journal)
        for name in ("floor", "cold", "warm", "peer", "ledger", "hledger"):
            r = res[name]
            mb = (jsize if name in ("ledger", "hledger") else size) / 1e6
            count = c["won"] if name in ("ledger", "hledger") else records
            if r is None:
                rows.append(f"| {n:,} | {mb:.0f} | {name} | > {a.limit:.0f} (skipped) | | | |")
                continue
            rows.append(f"| {n:,} | {mb:.0f} | {name} | {r[0]:.3f} | {count / r[0]:,.0f} | {mb / r[0]:.0f} | {r[1] / 1e6:.0f} |")
        rps = records / res["cold"][0]
        tps = lambda k: c["won"] / res[k][0] if res[k] else None
        fmt = lambda v, unit="×": f"{v:.2f}{unit}" if v is not None else "—"
        ratios.append(f"| {n:,} | {fmt(res['cold'][0] / res['floor'][0])} | {fmt(res['peer'][0] / res['cold'][0])} | "
                      f"{fmt(rps / tps('ledger'))} | {fmt(rps / tps('hledger') if tps('hledger') else None)} | "
                      f"{fmt(res['warm'][0] / res['cold'][0])} | {fmt(res['warm'][0] / res['ledger'][0])} | "
                      f"{res['cold'][1] / n:.0f} |")
        sys.stdout.flush()
    print(head)
    print("|---:|---:|---|---:|---:|---:|---:|")
    print("\n".join(rows))
    print()
    print("| deals | cold ÷ floor | peer ÷ cold | records/s ÷ ledger tx/s | ÷ hledger tx/s | warm ÷ cold | warm ÷ ledger | cold peak bytes/deal |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    print("\n".join(ratios))


if __name__ == "__main__":
    main()
