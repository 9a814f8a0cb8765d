#!/usr/bin/env python3
"""Runs every example of a man page or of README.md as a test.

An example is a line `$ salesops ...` inside .EX/.EE (man pages) or a fenced code block
(README.md). The lines after it, up to the next `$ ` line or the end of the block, are its
expected output; when there are none, only the exit status is checked. A line `[exit N]`
at the end of the output states a non-zero exit status. Each example runs in a fresh copy
of examples/book with SALESOPS_TODAY=2026-11-26 and NO_COLOR=1. A page that holds the line
`doc-examples: git` (in a roff or HTML comment) runs its examples in a copy that is also a
git repository: one commit of the whole book, tagged `example`, by `ops` on 2026-11-26,
and the examples' own commits are made by `ops` on that day too.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile


def unescape_roff(line):
    for a, b in (("\\-", "-"), ("\\(em", "\u2014"), ("\\&", ""), ("\\e", "\\"), ("\\ ", " ")):
        line = line.replace(a, b)
    return line


def examples_from_man(text):
    out, block = [], None
    for line in text.splitlines():
        if line.startswith(".EX"):
            block = []
        elif line.startswith(".EE"):
            out.extend(split_block(block or []))
            block = None
        elif block is not None and not line.startswith("."):
            block.append(unescape_roff(line))
    return out


def examples_from_markdown(text):
    out, block = [], None
    for line in text.splitlines():
        if line.startswith("```"):
            if block is None:
                block = []
            else:
                out.extend(split_block(block))
                block = None
        elif block is not None:
            block.append(line)
    return out


def split_block(lines):
    """[(command, expected_output_lines or None, expected_exit)]"""
    out, cur = [], None
    for line in lines:
        if line.startswith("$ "):
            if cur:
                out.append(cur)
            cur = [line[2:], [], 0]
        elif cur is not None:
            m = re.fullmatch(r"\[exit (\d+)\]", line.strip())
            if m:
                cur[2] = int(m.group(1))
            else:
                cur[1].append(line)
    if cur:
        out.append(cur)
    return [(c, o, e) for c, o, e in out if c.startswith("salesops ")]


def main():
    binary, src, doc = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(doc, encoding="utf-8") as f:
        text = f.read()
    examples = examples_from_markdown(text) if doc.endswith(".md") else examples_from_man(text)
    if not examples:
        print(f"{doc}: no examples")
        return 1
    git = "doc-examples: git" in text
    git_env = {"GIT_AUTHOR_NAME": "ops", "GIT_AUTHOR_EMAIL": "ops@example.com", "GIT_COMMITTER_NAME": "ops",
               "GIT_COMMITTER_EMAIL": "ops@example.com", "GIT_AUTHOR_DATE": "2026-11-26T09:00:00Z",
               "GIT_COMMITTER_DATE": "2026-11-26T09:00:00Z", "GIT_CONFIG_GLOBAL": "/dev/null",
               "GIT_CONFIG_NOSYSTEM": "1"} if git else {}
    failures = 0
    for command, expected, expected_exit in examples:
        with tempfile.TemporaryDirectory() as tmp:
            book = os.path.join(tmp, "book")
            shutil.copytree(os.path.join(src, "examples", "book"), book, ignore=shutil.ignore_patterns(".salesops"))
            bindir = os.path.join(tmp, "bin")
            os.mkdir(bindir)
            os.symlink(binary, os.path.join(bindir, "salesops"))
            env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"],
                       SALESOPS_TODAY="2026-11-26", NO_COLOR="1", **git_env)
            env.pop("SALESOPS_BOOK", None)
            if git:
                for step in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "the example book"], ["tag", "example"]):
                    subprocess.run(["git", *step], cwd=book, env=env, check=True)
            r = subprocess.run(["bash", "-c", command], cwd=book, env=env, capture_output=True, text=True)
            got = r.stdout.rstrip("\n").split("\n") if r.stdout.strip() else []
            want = [l for l in expected]
            while want and not want[-1].strip():
                want.pop()
            ok = r.returncode == expected_exit and (not want or got == want)
            if not ok:
                failures += 1
                print(f"FAIL: $ {command}\n  exit {r.returncode} (expected {expected_exit})")
                if want and got != want:
                    print("  expected:\n    " + "\n    ".join(want) + "\n  got:\n    " + "\n    ".join(got))
                if r.stderr:
                    print("  stderr:\n    " + "\n    ".join(r.stderr.splitlines()[:20]))
            else:
                print(f"ok: $ {command}")
    print(f"{len(examples) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
