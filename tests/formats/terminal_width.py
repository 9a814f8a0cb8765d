#!/usr/bin/env python3
"""Every read command's table fits a 100-column terminal.

Usage: terminal_width.py SALESOPS SOURCE_DIR

The example book is laid down in a temporary directory (a git repository, for diff and log).
Each read command runs with its standard output on a pseudo-terminal and COLUMNS=100, as a
user's terminal would have it; every line it prints must be at most 100 display columns (a
wide character counts two). The same commands piped must keep every column: the piped
output of a command that was fitted is at least as wide as what the terminal showed.
Every subcommand `salesops help` lists must be in READS or WRITES below, so a new command
is walked as soon as it exists.
"""
import os
import pty
import re
import subprocess
import sys
import tempfile
import unicodedata

import harness
from harness import fail

WIDTH = 100
TODAY = "2026-11-26"

# Commands that print to the terminal, with the arguments they need ({person}, {customer},
# {deal}: ids read from the book).
READS = [
    ["check"],
    ["kpi"],
    ["kpi", "--period", "2026-10"],
    ["kpi", "--by", "team"],
    ["kpi", "--by", "month"],
    ["kpi", "list"],
    ["target", "list"],
    ["target", "status"],
    ["target", "check"],
    ["customer", "list"],
    ["customer", "show", "{customer}"],
    ["customer", "due"],
    ["customer", "segments"],
    ["customer", "satisfaction"],
    ["deal", "list"],
    ["deal", "pipeline"],
    ["deal", "pipeline", "--by", "owner"],
    ["deal", "funnel"],
    ["deal", "forecast"],
    ["plan", "show"],
    ["plan", "actions"],
    ["plan", "status"],
    ["plan", "agenda", "{person}"],
    ["plan", "agenda", "--team", "{team}", "--format", "table"],
    ["review", "score"],
    ["review", "scorecard"],
    ["coach", "due"],
    ["coach", "followups"],
    ["coach", "skills"],
    ["coach", "report"],
    ["reward", "plans"],
    ["reward", "calc"],
    ["reward", "statement", "{person}"],
    ["reward", "simulate", "{person}", "--what-if", "revenue=+100000"],
    ["reward", "leaderboard"],
    ["diff", "HEAD~1"],
    ["log", "{deal}"],
    ["trend", "policy"],
    ["trend", "policy", "--by", "owner"],
    ["trend", "targets"],
]
# Commands that write, or print no report: not walked.
WRITES = {"init", "import", "reassign", "export", "approve", "merge-file", "help", "completion",
          "target set", "target split", "customer add", "customer edit", "customer merge", "customer log",
          "customer survey", "deal add", "deal move", "deal edit", "deal disqualify", "plan new", "plan done",
          "plan add-action", "review new", "review refresh", "coach log", "coach train", "coach done",
          "reward grant"}




def width(line):
    w = 0
    for ch in line:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def env():
    return harness.env(COLUMNS=str(WIDTH))


def on_terminal(salesops, book, args):
    """Runs with stdout on a pseudo-terminal; returns (exit code, the lines printed)."""
    master, slave = pty.openpty()
    p = subprocess.Popen([salesops, "--book", book, *args], stdout=slave, stderr=subprocess.PIPE, env=env(), cwd=book)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other end closed
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    p.stderr.read()
    code = p.wait()
    return code, out.decode().replace("\r\n", "\n").split("\n")


def piped(salesops, book, *args):
    r = subprocess.run([salesops, "--book", book, *args], capture_output=True, env=env(), cwd=book)
    return r.returncode, r.stdout.decode()


def listed_commands(salesops):
    """Every command and subcommand `salesops help` lists."""
    def names(text):
        block = text.split("SUBCOMMANDS:", 1)[1] if "SUBCOMMANDS:" in text else ""
        return [m.group(1) for m in re.finditer(r"^  (\S+)", block, re.M)]
    out = []
    root = subprocess.run([salesops, "--help"], capture_output=True, env=env()).stdout.decode()
    for name in names(root):
        sub = subprocess.run([salesops, name, "--help"], capture_output=True, env=env()).stdout.decode()
        subs = names(sub)
        out.append(name)
        out += [f"{name} {s}" for s in subs]
    return out


def main():
    salesops, _src = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        book = os.path.join(tmp, "book")
        r = subprocess.run([salesops, "init", "--example", "--no-git", book], capture_output=True, env=env())
        if r.returncode != 0:
            fail(f"init --example: {r.stderr.decode()}")
        git = ["git", "-C", book, "-c", "user.name=t", "-c", "user.email=t@example.com"]
        subprocess.run(["git", "init", "-q", book], check=True)
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run([*git, "commit", "-qm", "book"], check=True)
        subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "again"], check=True)

        _, people = piped(salesops, book, "kpi", "--format", "csv", "--columns", "owner")
        _, customers = piped(salesops, book, "customer", "list", "--format", "csv", "--columns", "customer")
        _, deals = piped(salesops, book, "deal", "list", "--format", "csv", "--columns", "id")
        _, teams = piped(salesops, book, "kpi", "--by", "team", "--format", "csv", "--columns", "owner")
        ids = {"person": people.split("\n")[1], "customer": customers.split("\n")[1], "deal": deals.split("\n")[1],
               "team": teams.split("\n")[1]}

        def command_of(args):
            words = []
            for a in args:
                if not re.fullmatch(r"[a-z][a-z-]*", a):
                    break
                words.append(a)
            return " ".join(words)

        walked = {command_of(args) for args in READS}
        for name in listed_commands(salesops):
            known = name in WRITES or name in walked or any(w.startswith(name + " ") for w in walked)
            if not known:
                fail(f"'{name}' is neither walked (READS) nor listed as a writer (WRITES)")

        fitted = 0
        for args in READS:
            args = [a.format(**ids) for a in args]
            code, lines = on_terminal(salesops, book, args)
            if code not in (0, 1):
                fail(f"{' '.join(args)}: exit {code}")
            if len([l for l in lines if l.strip()]) == 0:
                fail(f"{' '.join(args)}: printed nothing")
            for line in lines:
                if width(line) > WIDTH:
                    fail(f"{' '.join(args)}: a line of {width(line)} columns:\n{line}")
            _, whole = piped(salesops, book, *args)
            widest = max((width(l) for l in whole.split("\n")), default=0)
            if widest > WIDTH:
                fitted += 1
        # The walk means something only when some outputs are wider than the terminal piped.
        if fitted < 3:
            fail(f"only {fitted} commands print wider than {WIDTH} columns piped: the walk tests nothing")
        print(f"ok: {len(READS)} commands fit {WIDTH} columns; {fitted} of them are wider piped")


if __name__ == "__main__":
    main()
