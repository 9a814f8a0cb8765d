#!/usr/bin/env python3
"""`salesops init --example` lays down the example book as a git repository with its
year of history (examples/history.py), whatever the user's git configuration says.

Usage: example_history.py SALESOPS SOURCE_DIR
Checks: the commits (a year, several authors, dated), a clean work tree equal to
examples/book byte for byte, `check` as on examples/book, the planted events seen by
`salesops log` and git (a deal pushed twice, a target cut mid-quarter, a late review, a
follow-up overdue then done, accounts handed over), earlier states that load, the same
commits as importing history.py's stream directly, --no-git, and a directory inside a
repository.
"""
import csv
import io
import os
import re
import subprocess
import sys
import tempfile

salesops, src = sys.argv[1], sys.argv[2]
book_src = os.path.join(src, "examples", "book")
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def run(args, cwd=None, env=None, check=True):
    r = subprocess.run(args, cwd=cwd, env=env, capture_output=True)
    if check and r.returncode != 0:
        sys.exit(f"{' '.join(args)} exited {r.returncode}: {r.stderr.decode()}")
    return r


def book_files(root):
    out = {}
    for d, dirs, files in os.walk(root):
        dirs[:] = [x for x in dirs if x not in (".git", ".salesops")]
        for f in files:
            p = os.path.join(d, f)
            out[os.path.relpath(p, root)] = open(p, "rb").read()
    return out


with tempfile.TemporaryDirectory() as tmp:
    # A hostile user configuration: another default branch and object format, a hook that
    # leaves a mark, signing, autocrlf. None of it may change or stop the result.
    hooks = os.path.join(tmp, "hooks")
    os.mkdir(hooks)
    mark = os.path.join(tmp, "hook-ran")
    for hook in ("reference-transaction", "post-checkout", "post-index-change"):
        with open(os.path.join(hooks, hook), "w") as f:
            f.write(f"#!/bin/sh\ntouch {mark}\n")
        os.chmod(os.path.join(hooks, hook), 0o755)
    gitconfig = os.path.join(tmp, "gitconfig")
    with open(gitconfig, "w") as f:
        f.write(f"[init]\n\tdefaultBranch = trunk\n[core]\n\thooksPath = {hooks}\n\tautocrlf = true\n"
                "[commit]\n\tgpgsign = true\n[user]\n\tname = Someone Else\n\temail = else@example.com\n")
    env = dict(os.environ, HOME=tmp, GIT_CONFIG_GLOBAL=gitconfig, GIT_CONFIG_NOSYSTEM="1",
               GIT_DEFAULT_HASH="sha256", NO_COLOR="1", SALESOPS_TODAY="2026-11-26")
    env.pop("SALESOPS_BOOK", None)
    plain_env = dict(env, GIT_CONFIG_GLOBAL="/dev/null")
    plain_env.pop("GIT_DEFAULT_HASH")

    demo = os.path.join(tmp, "demo")
    r = run([salesops, "init", demo, "--example"], env=env)
    out = r.stdout.decode().splitlines()
    if r.stderr:
        fail(f"init --example wrote to stderr: {r.stderr.decode()}")
    git = ["git", "-C", demo]

    # --- the commits
    log = run(git + ["log", "--format=%H%x09%an%x09%ae%x09%aI%x09%cI%x09%s"], env=plain_env).stdout.decode()
    commits = [line.split("\t") for line in log.splitlines()]
    n = len(commits)
    if not 150 <= n <= 400:
        fail(f"{n} commits; a year of weekly commits expected")
    if out[1:2] != [f"a git repository: {n} commits on branch main, 2025-11-28 to 2026-11-26"]:
        fail(f"init's output: {out}")
    first, last = commits[-1], commits[0]
    if first[3][:10] != "2025-11-28" or last[3][:10] != "2026-11-26":
        fail(f"history from {first[3]} to {last[3]}, expected 2025-11-28 to 2026-11-26")
    if any(c[3] != c[4] for c in commits):
        fail("author and committer dates differ")
    dates = [c[3] for c in commits]
    if dates != sorted(dates, reverse=True):
        fail("commit dates are not in order")
    authors = {c[1] for c in commits}
    if len(authors) < 5 or "Someone Else" in authors:
        fail(f"authors: {sorted(authors)}")
    if any(not c[2].endswith("@example.com") or c[2].startswith("else@") for c in commits):
        fail("an author's e-mail is not a person of team.yaml")
    months = {c[3][:7] for c in commits}
    if len(months) < 12:
        fail(f"commits in {len(months)} months only")
    branch = run(git + ["symbolic-ref", "HEAD"], env=plain_env).stdout.decode().strip()
    if branch != "refs/heads/main":
        fail(f"HEAD is {branch}")
    if os.path.exists(mark):
        fail("a hook of the user's configuration ran")
    if run(git + ["rev-parse", "--show-object-format"], env=plain_env).stdout.decode().strip() != "sha1":
        fail("the repository is not sha1")

    # --- the work tree: clean, and the example book byte for byte
    status = run(git + ["status", "--porcelain", "--untracked-files=all"], env=env).stdout.decode()
    if status:
        fail(f"work tree not clean:\n{status}")
    got, want = book_files(demo), book_files(book_src)
    for extra in (".gitignore", ".gitattributes"):
        if extra not in got:
            fail(f"{extra} missing")
        got.pop(extra, None)
    if got != want:
        diff = sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))
        fail(f"work tree differs from examples/book: {diff[:5]}")
    tracked = set(run(git + ["ls-files"], env=plain_env).stdout.decode().split())
    if tracked != set(want) | {".gitignore", ".gitattributes"}:
        fail("the tracked files are not the book's")
    if run(git + ["diff", "--quiet", "HEAD"], env=plain_env, check=False).returncode != 0:
        fail("the work tree differs from HEAD")

    # --- check gives what it gives on examples/book
    a = run([salesops, "--book", demo, "--no-cache", "check"], env=env, check=False)
    b = run([salesops, "--book", book_src, "--no-cache", "check"], env=env, check=False)
    if (a.returncode, a.stdout, a.stderr.replace(demo.encode(), b"")) != \
            (b.returncode, b.stdout, b.stderr.replace(book_src.encode(), b"")):
        fail("check differs between the new repository and examples/book")

    def record_log(record_id):
        r = run([salesops, "--book", demo, "--no-cache", "log", record_id, "--format", "csv"], env=env)
        return list(csv.DictReader(io.StringIO(r.stdout.decode())))

    # --- the deal pushed twice
    rows = [r for r in record_log("D-2026-0740") if r["field"] == "expected_close"]
    pushes = [(r["date"], r["author"], r["before"], r["after"]) for r in rows if r["change"] == "changed"]
    if pushes != [("2026-11-14", "黄浩", "2026-11-15", "2026-12-13"), ("2026-10-16", "黄浩", "2026-10-18", "2026-11-15")]:
        fail(f"D-2026-0740's pushes: {pushes}")

    # --- the target cut in 2026-Q4's second month, by the team's manager, approved
    rows = [r for r in record_log("T-2026-Q4-sarah.miller-revenue") if r["change"] == "changed"]
    cuts = [(r["date"], r["author"], r["field"], r["before"], r["after"]) for r in rows]
    if cuts != [("2026-11-11", "王磊", "value", "650000.00", "570000.00")]:
        fail(f"sarah.miller's Q4 target: {cuts}")
    message = run(git + ["log", "-1", "--format=%B", rows[0]["commit"] if rows else "HEAD"], env=plain_env).stdout.decode()
    if "Approved-by: li.na" not in message:
        fail("the cut carries no approval")
    added = [r for r in record_log("T-2026-Q4-sarah.miller-revenue") if r["change"] == "added" and r["field"] == "value"]
    if [r["date"] for r in added] != ["2026-09-11"]:
        fail(f"the Q4 targets were not split before the quarter: {added}")

    # --- a review made final after its due date, and two still drafts
    rows = [r for r in record_log("2026-Q3/emily.zhang") if r["field"] == "status"]
    if [(r["date"], r["before"], r["after"]) for r in rows if r["before"]] != [("2026-10-21", "draft", "final")]:
        fail(f"emily.zhang's review: {rows}")

    # --- a follow-up open past its due date, done later; states of the past that load
    history = [line.split() for line in run(git + ["log", "--reverse", "--format=%H %as", "--", "coaching/"],
                                            env=plain_env).stdout.decode().splitlines()]
    state, late = {}, []
    for commit, day in history:
        for name in run(git + ["ls-tree", "--name-only", commit, "coaching/"], env=plain_env).stdout.decode().split():
            text = run(git + ["show", f"{commit}:{name}"], env=plain_env).stdout.decode()
            session = None
            for line in text.splitlines():
                m = re.match(r"  - id: (\S+)", line)
                session = m.group(1) if m else session
                m = re.search(r"\{id: (\w+), .*due: (\S+), done: (true|false)\}", line)
                if m:
                    key = (session, m.group(1))
                    if m.group(3) == "false" and m.group(2) < day:
                        state[key] = day
                    elif m.group(3) == "true" and key in state:
                        late.append((key, state.pop(key), day))
    if len(late) < 5:
        fail(f"{len(late)} follow-ups overdue then done")
    for day in ("2026-02-27", "2026-06-26", "2026-10-09"):
        commit = run(git + ["rev-list", "-1", f"--before={day}T23:59:59+08:00", "HEAD"], env=plain_env).stdout.decode().strip()
        past = os.path.join(tmp, f"at-{day}")
        run(git + ["worktree", "add", "-q", "--detach", past, commit], env=plain_env)
        r = run([salesops, "--book", past, "--no-cache", "--today", day, "check"], env=env, check=False)
        errors = [line for line in r.stdout.decode().splitlines() + r.stderr.decode().splitlines()
                  if ": error [" in line]
        if r.returncode not in (0, 1) or errors:
            fail(f"the book as of {day} does not load cleanly: {errors[:3] or r.stderr.decode()[:300]}")

    # --- zhao.min's accounts were hers until she left
    def zhao_min_accounts(commit):
        r = run(git + ["grep", "-l", "^owner: zhao.min", commit, "--", "customers/"], env=plain_env, check=False)
        return len(r.stdout.decode().split())
    before, after = zhao_min_accounts(commits[n // 2][0]), zhao_min_accounts("HEAD")
    if before <= after:
        fail(f"zhao.min's accounts: {before} in the middle of the year, {after} at the end")

    # --- the same commits as the stream of examples/history.py
    stream = os.path.join(tmp, "history.fi")
    run([sys.executable, os.path.join(src, "examples", "history.py"), "--out", stream])
    bare = os.path.join(tmp, "bare.git")
    run(["git", "init", "-q", "--bare", bare], env=plain_env)
    with open(stream, "rb") as f:
        subprocess.run(["git", "-C", bare, "fast-import", "--quiet"], stdin=f, env=plain_env, check=True)
    direct = run(["git", "-C", bare, "rev-parse", "refs/heads/main"], env=plain_env).stdout.decode().strip()
    if direct != last[0]:
        fail(f"init's HEAD {last[0]} is not the stream's {direct}")

    # --- --no-git: the files only
    plain = os.path.join(tmp, "plain")
    r = run([salesops, "init", plain, "--example", "--no-git"], env=env)
    if os.path.exists(os.path.join(plain, ".git")) or r.stderr:
        fail("--no-git made a repository or printed a note")
    if "git init" not in r.stdout.decode():
        fail(f"--no-git's next step: {r.stdout.decode()}")

    # --- inside a repository: no repository within it, and a note
    outer = os.path.join(tmp, "outer")
    run(["git", "init", "-q", outer], env=plain_env)
    r = run([salesops, "init", os.path.join(outer, "sub"), "--example"], env=env)
    note = r.stderr.decode()
    if os.path.exists(os.path.join(outer, "sub", ".git")) or "inside a git repository" not in note \
            or "without its history" not in note:
        fail(f"init inside a repository: {note}")

print(f"{len(failures)} failures" if failures else "ok")
sys.exit(1 if failures else 0)
