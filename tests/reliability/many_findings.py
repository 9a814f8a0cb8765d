"""check --all-locations renders 300,000 findings without a cost that grows with the file: the
excerpt of each finding is found through a per-file index of line starts, not by scanning the
file from its top (which would take hours here). The guard is relative, so that a loaded
machine does not fail it: rendering the findings as text may cost at most RATIO times the
whole run that reports them as JSON (load included). Without --all-locations the same
findings are two, each with its count. The speed itself is measured in bench/."""
import subprocess
import sys
import time

from common import env, run, scratch_book, tempdir

DEALS = 150_000  # two unknown keys each: 300,000 warnings
RATIO = 2.0      # text rendering against the JSON run; about 0.4 measured on 2 cores


def write_deals(book):
    # One file, so that every finding's excerpt comes from the same long text.
    with open(book / "deals/2026-08.yaml", "w", encoding="utf-8") as f:
        for i in range(DEALS):
            f.write(f"- id: D-X{i}\n  customer: C-1\n  owner: zhang.wei\n  amount: 100\n  stage: lead\n"
                    f"  opened: 2026-08-01\n  colour: red\n  flavour: sweet\n")


def timed(binary, book, *args):
    """The run's wall time with its output thrown away, so that only salesops is timed."""
    start = time.monotonic()
    code = subprocess.run([binary, "--book", str(book), "--no-cache", "check", *args],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env()).returncode
    return time.monotonic() - start, code


def main():
    binary = sys.argv[1]
    with tempdir() as tmp:
        book = scratch_book(tmp)
        write_deals(book)
        json_time, code = timed(binary, book, "--all-locations", "--format", "json")  # the same load, no excerpts
        if code != 0:
            raise SystemExit(f"check --format json exited {code}")
        table_time, code = timed(binary, book, "--all-locations")
        if code != 0:
            raise SystemExit(f"check exited {code}")
        r = run(binary, book, "--no-cache", "check", "--all-locations", check=False)
        findings = r.stdout.count(": warning [")
        if findings < 2 * DEALS:  # the small book's own warnings come on top
            raise SystemExit(f"expected at least {2 * DEALS} findings, got {findings}")
        if not r.stdout.rstrip().endswith(f"0 errors, {findings} warnings"):
            raise SystemExit("the summary line is missing: " + r.stdout[-300:])
        grouped = run(binary, book, "--no-cache", "check", check=False)
        lines = grouped.stdout.count(": warning [")
        if lines > 20 or f"in {DEALS:,} deals" not in grouped.stdout:
            raise SystemExit(f"without --all-locations: {lines} findings printed: " + grouped.stdout[:2000])
        if not grouped.stdout.rstrip().endswith(f"0 errors, {findings:,} warnings") and \
                not grouped.stdout.rstrip().endswith(f"0 errors, {findings} warnings"):
            raise SystemExit("the grouped summary does not count every occurrence: " + grouped.stdout[-300:])
        render = table_time - json_time
        print(f"check: json {json_time:.2f} s, table {table_time:.2f} s, rendering {render:.2f} s")
        if render > RATIO * json_time:
            raise SystemExit(f"rendering {2 * DEALS} findings took {render:.2f} s, more than {RATIO}× "
                             f"the JSON run's {json_time:.2f} s")


if __name__ == "__main__":
    main()
