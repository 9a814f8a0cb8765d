#!/usr/bin/env python3
"""Every bad input of SPEC 8 against every command: no crash, no hang, the documented exit
code, and nothing written.

Usage: bad_inputs.py SALESOPS_BIN

Each variant breaks a fresh copy of tests/data/small in one way; every reading command must
exit 3 (check: 1) and every writing command 3 or 4, within the time limit, with no
sanitizer report, leaving every file of the book as it was (the hidden .salesops/ cache
directory aside). Prints the count of runs per variant.
"""
import os
import pathlib
import subprocess
import sys

from common import env, scratch_book, tempdir

TEAM_CYCLE = """teams:
  - {id: east, name: East, parent: west}
  - {id: west, name: West, parent: east}
people:
  - {id: zhang.wei, name: 张伟, team: east, role: rep}
  - {id: wang.fang, name: 王芳, team: west, role: rep}
  - {id: sarah.miller, name: Sarah Miller, team: east, role: manager}
"""


def variants():
    """name -> {relative file: bytes to write} (None removes the file)."""
    return {
        "broken-yaml": {"deals/2026-10.yaml": b"- id: D-9\n  stage: [unclosed\n  owner: zhang.wei\n"},
        "wrong-types": {"customers/C-1.yaml": b"id: C-1\nname: [a, b]\nowner: {x: 1}\ntier: 7\n"},
        "huge-numbers": {"deals/2026-10.yaml":
                         b"- id: D-9\n  customer: C-1\n  owner: zhang.wei\n  amount: 999999999999999999999999999.99\n"
                         b"  stage: lead\n  opened: 2026-10-02\n  probability: 1e400\n"},
        "invalid-utf8": {"customers/C-1.yaml": b"id: C-1\nname: Acme \xff\xfe\xc3(\nowner: zhang.wei\n"},
        "binary-file": {"deals/2026-10.yaml": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256))},
        "nul-bytes": {"customers/C-1.yaml": b"\x00" * 4096},
        "utf16-file": {"customers/C-1.yaml": "id: C-1\nname: Acme\nowner: zhang.wei\n".encode("utf-16")},
        "team-cycle": {"team.yaml": TEAM_CYCLE.encode()},
        "conflict-markers": {"customers/C-1.yaml":
                             b"id: C-1\n<<<<<<< HEAD\nname: Acme\n=======\nname: Acme Corp\n>>>>>>> other\nowner: zhang.wei\n"},
        "deep-nesting": {"deals/2026-10.yaml": b"- " + b"[" * 100000 + b"\n"},
        "huge-scalar": {"deals/2026-10.yaml": b"- id: D-9\n  owner: zhang.wei\n  stage: " + b"x" * (8 << 20) + b"\n"},
        "truncated-record": {"deals/2026-10.yaml": b"- id: D-9\n  customer: C-1\n  owner: zh"},
        "broken-toml": {"salesops.toml": b"[org\nname = \"Test\n"},
        "no-team-file": {"team.yaml": None},
        "duplicate-ids": {"customers/C-9.yaml": b"id: C-1\nname: Again\nowner: zhang.wei\n"},
        "aliases": {"customers/C-1.yaml": b"id: &a C-1\nname: *a\nowner: zhang.wei\n"},
    }


READS = [
    ["check"], ["kpi"], ["kpi", "--by", "team"], ["customer", "list"], ["customer", "show", "C-2"],
    ["customer", "due"], ["customer", "segments"], ["customer", "satisfaction"], ["target", "list"],
    ["target", "status"], ["target", "check"], ["deal", "list"], ["deal", "pipeline"], ["deal", "funnel"],
    ["deal", "forecast"], ["plan", "status"], ["plan", "agenda", "zhang.wei"], ["coach", "due"],
    ["coach", "followups"], ["coach", "skills"], ["coach", "report"],
]
WRITES = [
    ["customer", "log", "C-2", "--type", "call", "--by", "zhang.wei", "--summary", "x"],
    ["deal", "add", "--owner", "zhang.wei", "--customer", "C-2", "--amount", "5", "--opened", "2026-11-02"],
    ["coach", "log", "--person", "zhang.wei", "--coach", "sarah.miller", "--date", "2026-11-20"],
    ["target", "set", "wang.fang", "revenue", "2026-12", "100"],
]


def digest(book):
    out = {}
    for p in sorted(book.rglob("*")):
        rel = p.relative_to(book).as_posix()
        if rel.startswith(".salesops"):
            continue
        out[rel] = p.read_bytes() if p.is_file() else None
    return out


def run(bin_path, book, args):
    try:
        r = subprocess.run([bin_path, "--book", str(book), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=env(), timeout=60)
    except subprocess.TimeoutExpired:
        return None, b"timed out after 60 s"
    return r.returncode, r.stderr


def main():
    bin_path = os.path.abspath(sys.argv[1])
    problems = []
    total = 0
    with tempdir() as tmp:
        clean = scratch_book(tmp, "clean")
        for args in READS + WRITES:
            code, err = run(bin_path, clean, args)
            if code not in (0, 1) and not (args[0] == "check" and code == 0):
                problems.append(f"clean book: {' '.join(args)} exit {code}: {err.decode(errors='replace')[:300]}")
        for name, files in variants().items():
            book = scratch_book(tmp, name)
            for rel, data in files.items():
                if data is None:
                    (book / rel).unlink()
                else:
                    (book / rel).write_bytes(data)
            before = digest(book)
            for args in READS + WRITES:
                total += 1
                code, err = run(bin_path, book, args)
                text = err.decode(errors="replace")
                expected = {1} if args == ["check"] else {3, 4} if args in WRITES else {3}
                if code is None or code < 0 or "Sanitizer" in text or "runtime error" in text:
                    problems.append(f"{name}: {' '.join(args)}: crash or hang ({code}): {text[-600:]}")
                elif code not in expected:
                    problems.append(f"{name}: {' '.join(args)}: exit {code}, expected {sorted(expected)}: {text[:300]}")
                if digest(book) != before:
                    problems.append(f"{name}: {' '.join(args)}: the book changed")
                    before = digest(book)
            print(f"{name}: {len(READS) + len(WRITES)} commands")
    for p in problems:
        print("FAIL: " + p)
    print(f"{total} runs on {len(variants())} broken books: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
