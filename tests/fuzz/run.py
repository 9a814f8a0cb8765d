#!/usr/bin/env python3
"""Runs every libFuzzer target of tests/fuzz for a bounded time.

Usage: tests/fuzz/run.py BUILD_DIR SECONDS [TARGET...]

Seeds each target's corpus (BUILD_DIR/fuzz-corpus/<target>) from the example book, the test
books and the CSV files of tests/data, runs the saved crash inputs of
tests/fuzz/regressions/<target>/ first, then fuzzes for SECONDS (SALESOPS_FUZZ_SEED: libFuzzer's
seed, default 1; 0 for a random one). A crash leaves its input
in BUILD_DIR/fuzz-crashes/ and makes the script exit 1.
"""
import json
import os
import pathlib
import subprocess
import sys

SRC = pathlib.Path(__file__).resolve().parents[2]
LOAD_KINDS = ["team.yaml", "customers/", None, "deals/", "targets/", "plans/", "coaching/", "reviews/",
              "rewards/plans.yaml", "rewards/", "salesops.toml"]
PERIODS = ["2026", "FY2026", "FY2026-Q1", "2026-Q3", "2026-11", "2026-W05", "2026-11-01..2026-11-15",
           "2026-11-05", "this-month", "last-month", "this-quarter", "last-quarter", "this-year", "last-year",
           "ytd", "mtd", "qtd", "this-week", "last-week", "2026-W53", "9999-12", "0001-01-01..9999-12-31"]
MAX_SEED = 12000
# libFuzzer's random seed: fixed, so that a run repeats the one before it on the same corpus
# (CI's smoke test does not fail at random); SALESOPS_FUZZ_SEED=0 picks a new one each run.
SEED = int(os.environ.get("SALESOPS_FUZZ_SEED", "1"))


def book_files():
    for root in [SRC / "examples/book", SRC / "tests/data/small"]:
        seen = {}
        for path in sorted(root.rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(root).as_posix()
            top = rel.split("/")[0]
            if seen.get(top, 0) >= 6:  # a few of each kind is enough
                continue
            seen[top] = seen.get(top, 0) + 1
            yield rel, path.read_bytes()[:MAX_SEED]


def load_kind(rel):
    for i, prefix in enumerate(LOAD_KINDS):
        if prefix and (rel == prefix or (prefix.endswith("/") and rel.startswith(prefix))):
            if prefix == "rewards/" and rel == "rewards/plans.yaml":
                continue
            return i
    return None


def seeds(target):
    if target == "fuzz_load":
        for rel, data in book_files():
            kind = load_kind(rel)
            if kind is not None:
                yield bytes([kind]) + data
    elif target == "fuzz_config":
        for rel, data in book_files():
            if rel.endswith(".toml"):
                yield data
        for path in (SRC / "templates").rglob("*.toml"):
            yield path.read_bytes()
    elif target == "fuzz_period":
        for i, p in enumerate(PERIODS):
            yield bytes([i * 7 % 84, i * 13 % 255]) + p.encode()
    elif target == "fuzz_import":
        for path in sorted((SRC / "tests/data").rglob("*.csv")):
            data = path.read_bytes()[:MAX_SEED]
            for mode in (0, 1, 2, 0x42):
                yield bytes([mode]) + data
    elif target == "fuzz_scanner":
        for rel, data in book_files():
            if rel.endswith(".yaml"):
                yield data
        for path in sorted((SRC / "tests/data").rglob("*.yaml")):
            yield path.read_bytes()[:MAX_SEED]
        for case in json.loads((SRC / "tests/fuzz/fuzz_scanner.seeds.json").read_text(encoding="utf-8")):
            yield case.encode()
    elif target == "fuzz_writer":
        for rel, data in book_files():
            if rel.endswith(".yaml"):
                for op in range(3):
                    # FuzzedDataProvider reads the value from the front ("won", ended by "\ "),
                    # the operation and the path choices from the end.
                    yield b"won\\ " + data + bytes([5, 9, 2, 7, 1, 3, 0, 4]) + bytes([op])


def main():
    build = pathlib.Path(sys.argv[1]).resolve()
    seconds = int(sys.argv[2])
    targets = sys.argv[3:] or ["fuzz_load", "fuzz_config", "fuzz_period", "fuzz_import", "fuzz_writer", "fuzz_scanner",
                               "fuzz_cache"]
    failed = []
    for target in targets:
        exe = build / "tests/fuzz" / target
        corpus = build / "fuzz-corpus" / target
        crashes = build / "fuzz-crashes" / target
        corpus.mkdir(parents=True, exist_ok=True)
        crashes.mkdir(parents=True, exist_ok=True)
        for i, seed in enumerate(seeds(target)):
            (corpus / f"seed-{i:03d}").write_bytes(seed)
        if target == "fuzz_cache":  # its seeds are the packs of the book it builds
            subprocess.run([str(exe)], env=dict(os.environ, SALESOPS_FUZZ_EMIT_SEEDS=str(corpus)), check=True)
        regressions = SRC / "tests/fuzz/regressions" / target
        if regressions.is_dir() and any(regressions.iterdir()):
            files = sorted(str(p) for p in regressions.iterdir())
            r = subprocess.run([str(exe), *files], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if r.returncode != 0:
                print(r.stderr[-4000:])
                failed.append(target + " (regressions)")
                continue
        print(f"fuzz: {target} for {seconds} s", flush=True)
        dictionary = SRC / "tests/fuzz" / f"{target}.dict"
        extra = [f"-dict={dictionary}"] if dictionary.is_file() else []
        r = subprocess.run([str(exe), str(corpus), *extra, f"-seed={SEED}", f"-max_total_time={seconds}", "-max_len=16384",
                            "-timeout=10", "-rss_limit_mb=2048", f"-artifact_prefix={crashes}/",
                            "-print_final_stats=1"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace")
        lines = r.stdout.splitlines()
        stats = [l for l in lines if l.startswith("stat::number_of_executed_units") or l.startswith("Done ") or l.startswith("writer stats")]
        print("  " + ("; ".join(stats) or "(no stats)"), flush=True)
        if r.returncode != 0:
            print("\n".join(lines[-60:]))
            failed.append(target)
    if failed:
        print("fuzz: FAILED: " + ", ".join(failed))
        return 1
    print("fuzz: every target ran clean")
    return 0


if __name__ == "__main__":
    sys.exit(main())
