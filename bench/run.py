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

With --extra (on by default) it also generates the same book with two keys outside the
schema on every deal and customer (generate.py --extra-keys) and times cold and warm on
it side by side with the clean book, run for run in turn, so that a machine's load
affects both alike: the extra-keys table gives each median and the ratios.
--no-peers skips the peer, ledger and hledger (the floor and salesops only).

With --writes (on by default) a copy of the clean book (--work/book-N-writes, made anew
each run) takes writes with its cache warm: in each of --runs rounds, a warm kpi, then for
each write verb in turn (`deal move` of an open deal of a middle month between two open
stages, `deal add` to the current month, `customer log` of one customer, `target set
--replace` of a rep's revenue target) the write and then the first kpi after it. The
writes table gives the median of each against the warm kpi of the same rounds.

With --history (on by default) the clean book becomes a git repository of --commits
commits (each re-prices the first deal of one monthly file; the last but one puts every
file back, the last re-prices one deal again) and the history table times, against
a warm kpi in the same rounds: `kpi --at HEAD~i` (i = 3, 4, ...: a different revision
each run, all but a file or two of it as in HEAD~2, read once before the rounds, as are
HEAD and HEAD~1), `diff HEAD~1 HEAD` and `log` of a deal the history re-priced once per
round of the monthly files (commits 1, 25, 49, ... of the generated book's 24 files).

With --trend (on by default) a copy of the clean book becomes a repository of 12 monthly
revisions (committed on the 15th of 2025-12 .. 2026-11; each re-prices a deal and lowers a
target) and the trend table times each trend report over 2025-12-01..2026-11-30 --every
month (12 points, 12 revisions; forecast: 2026-10 --every week, the month of revenue
targets the generator writes, 5 points) against one cold load (kpi with SALESOPS_NO_CACHE=1) of
the same book: once with an empty cache (every revision's files parsed, the blob-keyed
cache filled) and then warm (median of --runs). SPEC's bound: each within 4× one cold load.
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


def side_by_side(cmds, runs):
    """Runs each of `cmds` (pairs of a command and its environment) once per round, in turn,
    for `runs` rounds: the median wall seconds and largest peak of each."""
    got = [([], []) for _ in cmds]
    for _ in range(runs):
        for (cmd, env), (walls, peaks) in zip(cmds, got):
            wall, peak = measure(cmd, 1, env)
            walls.append(wall)
            peaks.append(peak)
    return [(statistics.median(w), max(p)) for w, p in got]


def book_for(work, n, extra=False):
    tag = f"{n}-extra" if extra else f"{n}"
    book, journal, counts = (os.path.join(work, f"book-{tag}"), os.path.join(work, f"won-{tag}.journal"),
                             os.path.join(work, f"book-{tag}.json"))
    if not os.path.exists(counts):
        print(f"bench: generating {n} deals in {book}", file=sys.stderr)
        subprocess.run(["rm", "-rf", book], check=True)
        p = subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--deals", str(n), "--out", book]
                           + (["--extra-keys"] if extra else ["--journal", journal]), check=True, stdout=subprocess.PIPE)
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
    ap.add_argument("--no-extra", dest="extra", action="store_false", help="skip the book with extra keys")
    ap.add_argument("--no-peers", dest="peers", action="store_false", help="skip the peer, ledger and hledger")
    ap.add_argument("--no-history", dest="history", action="store_false", help="skip --at, diff and log")
    ap.add_argument("--no-writes", dest="writes", action="store_false", help="skip the write verbs")
    ap.add_argument("--commits", type=int, default=200, help="commits of the history book")
    ap.add_argument("--no-trend", dest="trend", action="store_false", help="skip the trend reports")
    a = ap.parse_args()
    salesops, floor = os.path.join(a.build, "salesops"), os.path.join(a.build, "salesops_floor")
    os.makedirs(a.work, exist_ok=True)
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.node()}: {cpu}, "
          f"{os.cpu_count()} cores, {a.threads} threads; median of {a.runs} runs")
    head = ("| deals | YAML MB | reader | wall s | records/s | MB/s | peak MB |")
    rows, ratios, extras, histories, trends, writes = [], [], [], [], [], []
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
        if a.extra:
            extras.append(extra_keys(a, salesops, n, kpi, env_cold, env_warm))
        if a.writes:
            writes.extend(write_rows(a, salesops, book, n, kpi, env_warm))
        if a.history:
            histories.append(history(a, salesops, book, n, kpi, env_warm))
        if a.trend:
            trends.extend(trend(a, salesops, book, n))
        if not a.peers:
            for name in ("floor", "cold", "warm"):
                r = res[name]
                rows.append(f"| {n:,} | {size / 1e6:.0f} | {name} | {r[0]:.3f} | {records / r[0]:,.0f} | "
                            f"{size / 1e6 / r[0]:.0f} | {r[1] / 1e6:.0f} |")
            ratios.append(f"| {n:,} | {res['cold'][0] / res['floor'][0]:.2f}× | — | — | — | "
                          f"{res['warm'][0] / res['cold'][0]:.2f}× | — | {res['cold'][1] / n:.0f} |")
            continue
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
    if extras:
        print()
        print("| deals | extra-keys YAML MB | clean cold s | extra cold s | ÷ | clean warm s | extra warm s | ÷ | "
              "cold peak MB clean, extra | ÷ | warm peak MB clean, extra | ÷ |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        print("\n".join(extras))
    if writes:
        print()
        print("| deals | verb | warm kpi s | write s | ÷ warm kpi | first kpi after s | ÷ warm kpi | write peak MB |")
        print("|---:|---|---:|---:|---:|---:|---:|---:|")
        print("\n".join(writes))
    if histories:
        print()
        print("| deals | commits | warm kpi s | --at HEAD~i s | ÷ warm | diff HEAD~1 HEAD s | ÷ warm | log s | ÷ warm | log rows |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        print("\n".join(histories))
    if trends:
        print()
        print("| deals | report | revisions | cold load s | trend, empty cache s | ÷ cold | trend, warm s | ÷ cold |")
        print("|---:|---|---:|---:|---:|---:|---:|---:|")
        print("\n".join(trends))


def git(book, *args, env=None):
    return subprocess.run(["git", "-C", book, "-c", "user.name=bench", "-c", "user.email=bench@example.com"] + list(args),
                          check=True, stdout=subprocess.PIPE, env=env).stdout.decode()


def make_history(book, commits):
    """Makes `book` a git repository of `commits` commits, its files at HEAD as generated but
    one deal's amount."""
    if os.path.exists(os.path.join(book, ".git")):
        if int(git(book, "rev-list", "--count", "HEAD")) == commits and git(book, "log", "-1", "--format=%s").startswith("re-price"):
            return
        subprocess.run(["rm", "-rf", os.path.join(book, ".git")], check=True)
    print(f"bench: making {book} a repository of {commits} commits", file=sys.stderr)
    git(book, "init", "-q")
    with open(os.path.join(book, ".git", "info", "exclude"), "a") as f:
        f.write(".salesops/\n")  # the cache is never committed
    git(book, "add", "-A")
    git(book, "commit", "-qm", "the generated book")
    files = sorted(f for f in os.listdir(os.path.join(book, "deals")) if f.endswith(".yaml"))

    def reprice(i):
        path = os.path.join(book, "deals", files[i % len(files)])
        with open(path, encoding="utf-8") as f:
            text = f.read()
        # Re-prices the file's first deal.
        lines = text.split("\n")
        k = next(k for k, line in enumerate(lines) if line.startswith("  amount: "))
        lines[k] = f"  amount: {1000 + i}"
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        git(book, "commit", "-qam", f"re-price in {files[i % len(files)]}")
    for i in range(1, commits - 2):
        reprice(i)
    git(book, "checkout", "HEAD~" + str(commits - 3), "--", "deals")
    git(book, "commit", "-qam", "every price as generated")
    reprice(0)  # the last commit changes one file, as most do: what `diff HEAD~1 HEAD` compares


def history(a, salesops, book, n, kpi, env_warm):
    """--at, diff and log on the book made a repository, each against a warm kpi; one table row."""
    make_history(book, a.commits)
    base = [salesops, "--book", book, "--today", "2026-11-26"]
    # The deal the history re-priced in commits 1, 25, 49, ...: the first of the second file.
    files = sorted(f for f in os.listdir(os.path.join(book, "deals")) if f.endswith(".yaml"))
    with open(os.path.join(book, "deals", files[1]), encoding="utf-8") as f:
        deal = next(l.split(": ", 1)[1].strip() for l in f if l.startswith("- id: "))
    # Before the rounds, the revisions they read or start from: HEAD and HEAD~1 (the diff's)
    # and HEAD~2, which differs from HEAD~3, HEAD~4, ... in a file or two each.
    for rev in ("HEAD", "HEAD~1", "HEAD~2"):
        subprocess.run(base + ["--at", rev, "kpi", "--period", PERIOD, "--format", "csv"], env=env_warm, check=True,
                       stdout=subprocess.DEVNULL)
    walls = {"warm": [], "at": [], "diff": [], "log": []}
    rows = 0
    for i in range(a.runs):
        walls["warm"].append(measure(kpi, 1, env_warm)[0])
        walls["at"].append(measure(base + ["--at", f"HEAD~{i + 3}", "kpi", "--period", PERIOD, "--format", "csv"], 1,
                                   env_warm)[0])
        walls["diff"].append(measure(base + ["diff", "HEAD~1", "HEAD", "--format", "csv"], 1, env_warm)[0])
        out = []
        walls["log"].append(measure(base + ["log", deal, "--format", "csv"], 1, env_warm, out=out)[0])
        rows = max(0, out[0].decode().count("\n") - 1)
    m = {k: statistics.median(v) for k, v in walls.items()}
    return (f"| {n:,} | {a.commits} | {m['warm']:.3f} | {m['at']:.3f} | {m['at'] / m['warm']:.2f}× | {m['diff']:.3f} | "
            f"{m['diff'] / m['warm']:.2f}× | {m['log']:.3f} | {m['log'] / m['warm']:.2f}× | {rows} |")


def write_rows(a, salesops, book, n, kpi, env_warm):
    """Each write verb, and the first kpi after it, against a warm kpi in the same rounds, on a
    copy of the book with its cache warm; one table row per verb."""
    import shutil
    copy = os.path.join(a.work, f"book-{n}-writes")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(book, copy, ignore=shutil.ignore_patterns(".git", ".salesops"))
    base = [salesops, "--book", copy, "--today", "2026-11-26"]
    read = [copy if x == book else x for x in kpi]
    deals = sorted(f for f in os.listdir(os.path.join(copy, "deals")) if f.endswith(".yaml"))
    # An open deal of a middle month, moved between two open stages.
    deal, stage = None, None
    with open(os.path.join(copy, "deals", deals[len(deals) // 2]), encoding="utf-8") as f:
        for line in f:
            if line.startswith("- id: "):
                deal = line.split(": ", 1)[1].strip()
            elif line.startswith("  stage: ") and line.split(": ", 1)[1].strip() in ("lead", "qualified", "proposal"):
                stage = line.split(": ", 1)[1].strip()
                break
    customer = sorted(os.listdir(os.path.join(copy, "customers")))[len(os.listdir(os.path.join(copy, "customers"))) // 2]
    customer = customer[:-len(".yaml")]
    rep, person = None, None  # the first rep of team.yaml
    with open(os.path.join(copy, "team.yaml"), encoding="utf-8") as f:
        for line in f:
            if line.strip().startswith("- id: "):
                person = line.split(": ", 1)[1].strip()
            elif line.strip() == "role: rep" and rep is None:
                rep = person
    to = ["negotiation", "proposal" if stage != "proposal" else "qualified"]
    verbs = {
        "deal move": lambda i: ["deal", "move", deal, to[i % 2]],
        "deal add": lambda i: ["deal", "add", "--owner", rep, "--customer", customer, "--amount", str(1000 + i),
                               "--title", f"bench {i}"],
        "customer log": lambda i: ["customer", "log", customer, "--type", "call", "--summary", f"bench call {i}"],
        "target set": lambda i: ["target", "set", rep, "revenue", "2026-11", str(1000000 + i), "--replace"],
    }
    for _ in range(2):  # the copy's cache, packs included
        subprocess.run(read, env=env_warm, check=True, stdout=subprocess.DEVNULL)
    warm, walls = [], {v: ([], [], []) for v in verbs}
    for i in range(a.runs):
        warm.append(measure(read, 1, env_warm)[0])
        for verb, args in verbs.items():
            w, peak = measure(base + args(i), 1, env_warm)
            walls[verb][0].append(w)
            walls[verb][2].append(peak)
            walls[verb][1].append(measure(read, 1, env_warm)[0])
    m = statistics.median(warm)
    out = []
    for verb, (w, r, peaks) in walls.items():
        mw, mr = statistics.median(w), statistics.median(r)
        out.append(f"| {n:,} | `{verb}` | {m:.3f} | {mw:.3f} | {mw / m:.2f}× | {mr:.3f} | {mr / m:.2f}× | "
                   f"{max(peaks) / 1e6:.0f} |")
    return out


def extra_keys(a, salesops, n, kpi, env_cold, env_warm):
    """Cold and warm on the clean book and on the book with extra keys, in turn; one table row."""
    clean = kpi[kpi.index("--book") + 1]
    book, _, _, size = book_for(a.work, n, extra=True)
    other = [book if x == clean else x for x in kpi]
    subprocess.run(other, env=env_warm, check=True, stdout=subprocess.DEVNULL)  # fills the cache
    cc, ec, cw, ew = side_by_side([(kpi, env_cold), (other, env_cold), (kpi, env_warm), (other, env_warm)], a.runs)
    return (f"| {n:,} | {size / 1e6:.0f} | {cc[0]:.3f} | {ec[0]:.3f} | {ec[0] / cc[0]:.2f}× | {cw[0]:.3f} | "
            f"{ew[0]:.3f} | {ew[0] / cw[0]:.2f}× | {cc[1] / 1e6:.0f}, {ec[1] / 1e6:.0f} | {ec[1] / cc[1]:.2f}× | "
            f"{cw[1] / 1e6:.0f}, {ew[1] / 1e6:.0f} | {ew[1] / cw[1]:.2f}× |")


# Each report with the period it covers: policy, targets and slippage the 12 months of the
# revisions; forecast a month whose revenue targets the book holds (the generator's targets
# are monthly), at each week's end.
TREND_REPORTS = (("policy", "2025-12-01..2026-11-30", "month"), ("targets", "2025-12-01..2026-11-30", "month"),
                 ("slippage", "2025-12-01..2026-11-30", "month"), ("forecast", "2026-10", "week"))


def make_trend_book(book, n, work):
    """A copy of `book` as a repository of 12 monthly revisions; its path."""
    copy = os.path.join(work, f"book-{n}-trend")
    if os.path.exists(os.path.join(copy, ".git")) and git(copy, "rev-list", "--count", "HEAD").strip() == "12":
        return copy
    subprocess.run(["rm", "-rf", copy], check=True)
    subprocess.run(["cp", "-r", book, copy], check=True)
    subprocess.run(["rm", "-rf", os.path.join(copy, ".git"), os.path.join(copy, ".salesops")], check=True)
    print(f"bench: making {copy} a repository of 12 monthly revisions", file=sys.stderr)
    git(copy, "init", "-q")
    with open(os.path.join(copy, ".git", "info", "exclude"), "a") as f:
        f.write(".salesops/\n")
    files = sorted(f for f in os.listdir(os.path.join(copy, "deals")) if f.endswith(".yaml"))
    targets = os.path.join(copy, "targets", sorted(os.listdir(os.path.join(copy, "targets")))[0])
    for i in range(12):
        year, month = (2025, 12) if i == 0 else (2026, i)
        env = dict(os.environ, GIT_AUTHOR_DATE=f"{year}-{month:02d}-15T10:00:00Z",
                   GIT_COMMITTER_DATE=f"{year}-{month:02d}-15T10:00:00Z")
        if i > 0:
            for path, key, value in ((os.path.join(copy, "deals", files[i % len(files)]), "  amount: ", 1000 + i),
                                     (targets, "  value: ", 10000 - i)):
                with open(path, encoding="utf-8") as f:
                    lines = f.read().split("\n")
                k = next(k for k, line in enumerate(lines) if line.startswith(key))
                lines[k] = f"{key}{value}"
                with open(path, "w", encoding="utf-8") as f:
                    f.write("\n".join(lines))
        git(copy, "add", "-A")
        git(copy, "commit", "-qm", f"revision of {year}-{month:02d}", env=env)
    return copy


def trend(a, salesops, book, n):
    """Each trend report over 12 monthly revisions against one cold load; one row per report."""
    copy = make_trend_book(book, n, a.work)
    base = [salesops, "--book", copy, "--today", "2026-11-30"]
    env_cold = dict(os.environ, SALESOPS_NO_CACHE="1", SALESOPS_THREADS=str(a.threads))
    env_warm = dict(os.environ, SALESOPS_THREADS=str(a.threads))
    cold = measure(base + ["kpi", "--period", PERIOD, "--format", "csv"], a.runs, env_cold)[0]
    out = []
    for report, period, every in TREND_REPORTS:
        cmd = base + ["trend", report, "--period", period, "--every", every, "--format", "csv"]
        subprocess.run(["rm", "-rf", os.path.join(copy, ".salesops")], check=True)
        empty = measure(cmd, 1, env_warm)[0]
        warm = measure(cmd, a.runs, env_warm)[0]
        out.append(f"| {n:,} | trend {report} | 12 | {cold:.3f} | {empty:.3f} | {empty / cold:.2f}× | {warm:.3f} | "
                   f"{warm / cold:.2f}× |")
    return out


if __name__ == "__main__":
    main()
