#!/usr/bin/env python3
"""Two people working on their own branches, merged by real `git merge`.

  merge_branches.py SALESOPS plain    both add deals to one month file and log interactions:
                                      a merge with no driver configured is clean
  merge_branches.py SALESOPS driver   with `salesops init --git-config`: the same owner's
                                      deals, interactions on one customer, and different
                                      fields of one deal all merge
  merge_branches.py SALESOPS conflict with the driver: one deal moved to two stages is one
                                      conflict, marked around that deal and named on stderr

Each run ends with `salesops check` exiting 0 on the merged book.
"""
import os
import pathlib
import re
import subprocess
import sys

from common import env, scratch_book, tempdir

GIT_ENV = {"GIT_AUTHOR_NAME": "ops", "GIT_AUTHOR_EMAIL": "ops@example.com", "GIT_COMMITTER_NAME": "ops",
           "GIT_COMMITTER_EMAIL": "ops@example.com", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}


class Book:
    def __init__(self, root, binary):
        self.root = pathlib.Path(root)
        bindir = self.root.parent / "bin"
        bindir.mkdir(exist_ok=True)
        link = bindir / "salesops"
        if not link.exists():
            link.symlink_to(os.path.abspath(binary))
        self.env = dict(env(), **GIT_ENV, PATH=str(bindir) + os.pathsep + os.environ["PATH"])

    def run(self, *args, ok=(0,)):
        r = subprocess.run(list(args), cwd=self.root, env=self.env, capture_output=True, text=True)
        if r.returncode not in ok:
            raise SystemExit(f"FAIL: {' '.join(args)} exited {r.returncode}\n{r.stdout}{r.stderr}")
        return r

    def salesops(self, *args, ok=(0,)):
        return self.run("salesops", "-q", *args, ok=ok)

    def git(self, *args, ok=(0,)):
        return self.run("git", *args, ok=ok)

    def text(self, rel):
        return (self.root / rel).read_text(encoding="utf-8")

    def commit(self, message):
        self.git("add", "-A")
        self.git("commit", "-qm", message)


def start(tmp, binary, driver):
    book = Book(scratch_book(tmp), binary)
    (book.root / ".gitignore").write_text(".salesops/\n", encoding="utf-8")
    book.git("init", "-q", "-b", "main")
    if driver:
        book.salesops("init", "--git-config")
        got = book.git("config", "merge.salesops.driver").stdout.strip()
        expect("driver configured", got == "salesops merge-file %O %A %B %P", got)
    else:
        expect("no driver", book.git("config", "merge.salesops.driver", ok=(0, 1)).returncode == 1, "")
    book.commit("the book")
    return book


def expect(what, ok, detail):
    if not ok:
        raise SystemExit(f"FAIL: {what}\n{detail}")
    print(f"ok: {what}")


def add_deals(book, owner, customer, days):
    for day in days:
        book.salesops("deal", "add", "--owner", owner, "--customer", customer, "--amount", str(100 * day),
                      "--opened", f"2026-10-{day:02}", "--title", f"{owner} {day}")


def log(book, customer, by, days):
    for day in days:
        book.salesops("customer", "log", customer, "--type", "call", "--by", by, "--date", f"2026-11-{day:02}",
                      "--summary", f"{by} {day}")


def branch(book, name, work):
    book.git("checkout", "-q", "-b", name, "main")
    work()
    book.commit(name)


def merge(book, other, ok=(0,)):
    book.git("checkout", "-q", "main")
    return book.git("merge", "--no-edit", other, ok=ok)


def deal_ids(book):
    return re.findall(r"^- id: (\S+)$", book.text("deals/2026-10.yaml"), re.M)


def check_clean(book):
    r = book.salesops("check", ok=(0, 1))
    expect("check after the merge", r.returncode == 0, r.stdout + r.stderr)


def plain(binary):
    with tempdir() as tmp:
        book = start(tmp, binary, driver=False)
        branch(book, "zhang", lambda: (add_deals(book, "zhang.wei", "C-1", [5, 6, 7]), log(book, "C-1", "zhang.wei", [2, 3, 4])))
        branch(book, "sarah", lambda: (add_deals(book, "sarah.miller", "C-3", [8, 9, 10]), log(book, "C-3", "sarah.miller", [2, 3, 4])))
        merge(book, "zhang")
        r = merge(book, "sarah", ok=(0, 1))
        expect("plain git merge of two branches' deals and interactions", r.returncode == 0, r.stdout + r.stderr)
        ids = deal_ids(book)
        expect("11 deals, no id twice", len(ids) == 11 and len(set(ids)) == 11, ids)
        new = [i for i in ids if i.startswith("D-2026-")]
        expect("new ids D-2026- and four base32 characters",
               len(new) == 6 and all(re.fullmatch(r"D-2026-[a-hjkmnp-tv-z][0-9a-hjkmnp-tv-z]{3}", i) for i in new), new)
        for customer, by in (("C-1", "zhang.wei"), ("C-3", "sarah.miller")):
            expect(f"3 interactions by {by}", book.text(f"customers/{customer}.yaml").count(f"summary: {by} ") == 3, "")
        check_clean(book)


def driver(binary):
    with tempdir() as tmp:
        book = start(tmp, binary, driver=True)

        def ours():
            add_deals(book, "zhang.wei", "C-1", [5, 6, 7])
            log(book, "C-1", "zhang.wei", [2, 3, 4])
            book.salesops("deal", "move", "D-4", "negotiation", "--date", "2026-11-20")

        def theirs():
            add_deals(book, "zhang.wei", "C-1", [8, 9, 10])
            log(book, "C-1", "chen.jie", [2, 3, 4])
            path = book.root / "deals/2026-10.yaml"
            path.write_text(path.read_text(encoding="utf-8").replace("  amount: 5000\n", "  amount: 5500\n"),
                            encoding="utf-8")

        branch(book, "ours", ours)
        branch(book, "theirs", theirs)
        merge(book, "ours")
        r = merge(book, "theirs", ok=(0, 1))
        expect("merge with the driver: same owner's deals, one customer's interactions, two fields of D-4",
               r.returncode == 0, r.stdout + r.stderr)
        ids = deal_ids(book)
        expect("11 deals, no id twice", len(ids) == 11 and len(set(ids)) == 11, ids)
        deals = book.text("deals/2026-10.yaml")
        d4 = deals[deals.index("- id: D-4"):deals.index("- id: D-5")]
        expect("D-4 holds both changes", "stage: negotiation" in d4 and "amount: 5500" in d4, d4)
        c1 = book.text("customers/C-1.yaml")
        expect("both sides' interactions", c1.count("summary: zhang.wei ") == 3 and c1.count("summary: chen.jie ") == 3, c1)
        check_clean(book)


def conflict(binary):
    with tempdir() as tmp:
        book = start(tmp, binary, driver=True)
        branch(book, "won", lambda: (book.salesops("deal", "move", "D-4", "won", "--date", "2026-11-20"),
                                     add_deals(book, "sarah.miller", "C-3", [5])))
        branch(book, "lost", lambda: (book.salesops("deal", "move", "D-4", "lost", "--date", "2026-11-21",
                                                    "--reason", "price"),
                                      add_deals(book, "zhang.wei", "C-1", [6])))
        merge(book, "won")
        r = merge(book, "lost", ok=(0, 1))
        out = r.stdout + r.stderr
        expect("one deal moved to two stages: the merge stops", r.returncode == 1, out)
        expect("the conflict is named", "deals/2026-10.yaml: conflict: D-4.stage: changed on both sides" in out, out)
        deals = book.text("deals/2026-10.yaml")
        expect("markers around D-4 alone", deals.count("<<<<<<< ") == 1 and re.search(
            r"<<<<<<< ours\n- id: D-4\n(.*\n)*?=======\n- id: D-4\n(.*\n)*?>>>>>>> theirs\n", deals) is not None, deals)
        ids = deal_ids(book)
        expect("both new deals merged, D-4 in both halves", len(ids) == 8 and len(set(ids)) == 7, ids)
        r = book.salesops("check", ok=(1, 3))
        expect("check refuses the markers", "conflict" in (r.stdout + r.stderr), r.stdout + r.stderr)
        # Resolve for ours: drop theirs' half.
        resolved = re.sub(r"<<<<<<< ours\n((?:.*\n)*?)=======\n(?:.*\n)*?>>>>>>> theirs\n", r"\1", deals)
        (book.root / "deals/2026-10.yaml").write_text(resolved, encoding="utf-8")
        book.commit("merge lost: D-4 stays won")
        check_clean(book)


if __name__ == "__main__":
    {"plain": plain, "driver": driver, "conflict": conflict}[sys.argv[2]](sys.argv[1])
