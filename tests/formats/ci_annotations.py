#!/usr/bin/env python3
"""check's CI formats read back as their consumers read them.

Usage: ci_annotations.py SALESOPS SOURCE_DIR github|sarif

A book in a subdirectory of a git repository is broken so that a finding's message holds
a comma, a colon, a percent sign, a line break and an ESC. `check --format json` is the
reference.
- github: every output line is a workflow command; its properties and message, decoded as
  GitHub decodes them, give the json finding back, the path is the repository's, and no
  raw control character or extra line gets through.
- sarif: the log validates against SARIF 2.1.0's JSON schema (fetched by .ci/setup into
  .ci/cache; without it the test is skipped, exit 77, never passed) and each result is
  the json finding. `-o FILE.sarif` writes the same log.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from harness import env, fail

HOSTILE = 'C-9,9:%x\\n::error::forged\\e[2J'  # YAML double-quoted: a newline and an ESC




def make_repo(src, tmp):
    repo = os.path.join(tmp, "repo")
    for name in ("book", "clean"):
        shutil.copytree(os.path.join(src, "tests", "data", "small"), os.path.join(repo, "sales", name))
    subprocess.run(["git", "init", "-q", repo], check=True)
    with open(os.path.join(repo, "sales", "book", "deals", "2026-11.yaml"), "w") as f:
        f.write(f'- id: D-20\n  customer: "{HOSTILE}"\n  owner: zhang.wei\n  stage: lead\n'
                '  opened: 2026-11-02\n')
    return repo


def run(salesops, book, *args):
    return subprocess.run([salesops, "check", "--book", book, *args], capture_output=True, env=env())


def reference(salesops, book):
    r = run(salesops, book, "--format", "json")
    if r.returncode not in (0, 1):
        fail(f"check --format json exited {r.returncode}: {r.stderr.decode()}")
    return r.returncode, json.loads(r.stdout)["diagnostics"]


def escape_controls(text):
    """core::escape_controls: C0 and DEL as \\xNN, C1 as \\u00NN."""
    out = []
    for c in text:
        o = ord(c)
        out.append(f"\\x{o:02x}" if o < 0x20 or o == 0x7F else f"\\u{o:04x}" if 0x80 <= o < 0xA0 else c)
    return "".join(out)


def full_message(d):
    return d["message"] + (f"\nhint: {d['hint']}" if d["hint"] else "")


def github(salesops, book, found, code, prefix):
    r = run(salesops, book, "--format", "github")
    if r.returncode != code:
        fail(f"github exited {r.returncode}, json {code}")
    out = r.stdout.decode()
    if "\x1b" in out or "\r" in out:
        fail("a raw control character reached the log")
    lines = out.splitlines()
    if len(lines) != len(found):
        fail(f"{len(lines)} lines for {len(found)} findings:\n{out}")
    decode = lambda s: s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")
    for line, d in zip(lines, found):
        m = re.fullmatch(r"::(error|warning) ([^:]*)::(.*)", line)
        if not m:
            fail(f"not a workflow command: {line!r}")
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        props = {k: decode(v) for k, v in props.items()}
        want = {"file": prefix + d["file"], "line": str(d["line"]), "col": str(d["column"]), "title": d["rule"]}
        if m.group(1) != d["severity"] or props != want:
            fail(f"{line!r} does not give back {d}")
        want = escape_controls(d["message"]) + (f"\nhint: {escape_controls(d['hint'])}" if d["hint"] else "")
        if decode(m.group(3)) != want:
            fail(f"message {m.group(3)!r} is not {want!r}")
    print(f"github: {len(lines)} annotations read back")


def sarif(salesops, book, found, code, schema_path, tmp, prefix):
    r = run(salesops, book, "--format", "sarif")
    if r.returncode != code:
        fail(f"sarif exited {r.returncode}, json {code}")
    log = json.loads(r.stdout)
    results = log["runs"][0]["results"]
    if len(results) != len(found):
        fail(f"{len(results)} results for {len(found)} findings")
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    for res, d in zip(results, found):
        loc = res["locations"][0]["physicalLocation"]
        got = (res["ruleId"], rules[res["ruleIndex"]]["id"], res["level"], res["message"]["text"],
               loc["artifactLocation"]["uri"], loc["region"]["startLine"], loc["region"]["startColumn"])
        want = (d["rule"], d["rule"], d["severity"], full_message(d), prefix + d["file"], d["line"], d["column"])
        if got != want:
            fail(f"{got} is not {want}")
    out = os.path.join(tmp, "check.sarif")
    if run(salesops, book, "-o", out).returncode != code or json.load(open(out)) != log:
        fail("-o check.sarif differs from --format sarif")
    if not os.path.exists(schema_path):
        print(f"SKIP: {schema_path} is missing (.ci/setup fetches it); the results were checked, the schema was not")
        sys.exit(77)
    import jsonschema
    schema = json.load(open(schema_path))
    errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(log))
    if errors:
        fail("not valid SARIF 2.1.0: " + "; ".join(e.message for e in errors[:5]))
    print(f"sarif: {len(results)} results, valid against {os.path.basename(schema_path)}")


def main():
    salesops, src, mode = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as tmp:
        repo = make_repo(src, tmp)
        # The broken book (errors, the hostile id) and the clean one (the audit's warnings,
        # each with a hint on a second line).
        books = [os.path.join(repo, "sales", "book"), os.path.join(repo, "sales", "clean")]
        for book, prefix in zip(books, ["sales/book/", "sales/clean/"]):
            code, found = reference(salesops, book)
            if not found or code != (1 if book == books[0] else 0):
                fail(f"{book}: exit {code} with {len(found)} findings")
            if book == books[0] and not any("C-9,9" in d["message"] for d in found):
                fail("the hostile customer id is in no finding")
            if mode == "github":
                github(salesops, book, found, code, prefix)
            else:
                sarif(salesops, book, found, code, os.path.join(src, ".ci", "cache", "sarif-2.1.0.json"), tmp, prefix)


if __name__ == "__main__":
    main()
