#!/usr/bin/env python3
"""Crash safety: `deal move` on a large deals file is killed with SIGKILL at random moments.

Usage: crash_writes.py SALESOPS_BIN [KILLS]

After each kill the file must be byte-identical to its old or its new content (never torn,
never empty), no file other than the writer's hidden temporary files may appear in its
directory, and at the end the book must still check clean and the parsed-record cache must
agree with a load that bypasses it. Prints how many kills left the old and the new file.
"""
import os
import pathlib
import random
import signal
import statistics
import subprocess
import sys
import time

from common import env, run, scratch_book, tempdir

DEALS = 1000


def big_deals_file():
    owners = ["zhang.wei", "wang.fang", "sarah.miller"]
    out = []
    for i in range(1, DEALS + 1):
        out.append(f"- id: D-2026-{i:05d}\n  customer: C-{1 + i % 3}\n  owner: {owners[i % 3]}\n"
                   f"  title: \"Order #{i}: pumps, valves\"  # generated\n  amount: {1000 + i}.50\n"
                   f"  stage: proposal\n  opened: 2026-11-{1 + i % 25:02d}\n"
                   f"  history:\n    - {{date: 2026-11-{1 + i % 25:02d}, stage: lead}}\n")
    return "".join(out).encode()


def write_atomically(path, data):
    tmp = path.with_name(".restore.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def main():
    bin_path = sys.argv[1]
    kills = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    rng = random.Random(int(os.environ.get("SALESOPS_CRASH_SEED", "20261126")))
    with tempdir() as tmp:
        book = scratch_book(tmp)
        target = book / "deals/2026-11.yaml"
        old = big_deals_file()
        target.write_bytes(old)
        deals_dir = target.parent
        records = sorted(p.name for p in deals_dir.iterdir() if not p.name.startswith("."))
        cmd = [bin_path, "--book", str(book), "-q", "deal", "move", f"D-2026-{DEALS // 2:05d}", "won",
               "--date", "2026-11-20"]
        # The new content, and how long a whole run takes.
        durations = []
        for _ in range(3):
            write_atomically(target, old)
            start = time.monotonic()
            subprocess.run(cmd, env=env(), check=True, stdout=subprocess.DEVNULL)
            durations.append(time.monotonic() - start)
        new = target.read_bytes()
        assert new != old and len(new) > len(old)
        d = statistics.median(durations)
        print(f"file {len(old)} bytes, {DEALS} deals; a whole run takes {d * 1000:.0f} ms")
        outcome = {"old": 0, "new": 0}
        finished = temps = 0
        for k in range(kills):
            if target.read_bytes() != old:
                write_atomically(target, old)
            p = subprocess.Popen(cmd, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, d * 1.1))
            p.send_signal(signal.SIGKILL)
            if p.wait() == 0:
                finished += 1
            now = target.read_bytes()
            if now == old:
                outcome["old"] += 1
            elif now == new:
                outcome["new"] += 1
            else:
                keep = pathlib.Path(tmp).parent / f"salesops-torn-{os.getpid()}.yaml"
                keep.write_bytes(now)
                sys.exit(f"kill {k}: the file is torn ({len(now)} bytes; kept as {keep})")
            names = sorted(p.name for p in deals_dir.iterdir())
            visible = [n for n in names if not n.startswith(".")]
            if visible != records:
                sys.exit(f"kill {k}: files visible as records changed: {visible} (expected {records})")
            for n in names:
                if n.startswith(".2026-11.yaml.salesops-") and n.endswith(".tmp"):
                    temps += 1
                    (deals_dir / n).unlink()
        print(f"{kills} kills: {outcome['old']} left the old file, {outcome['new']} the new one "
              f"({finished} runs had finished); {temps} hidden temporary files left behind")
        check = run(bin_path, book, "check", check=False)
        if check.returncode != 0:
            sys.exit(f"check after the kills exited {check.returncode}:\n{check.stdout}{check.stderr}")
        cached = run(bin_path, book, "deal", "list", "--format", "csv").stdout
        fresh = run(bin_path, book, "deal", "list", "--format", "csv", extra_env={"SALESOPS_NO_CACHE": "1"}).stdout
        if cached != fresh:
            sys.exit("the parsed-record cache disagrees with the files after the kills")
        if outcome["old"] == 0 or outcome["new"] == 0:
            print("note: every kill fell on the same side; the timing did not reach both outcomes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
