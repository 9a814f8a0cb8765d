#!/usr/bin/env python3
"""The book's boundary: links that lead out of the book, and FIFOs where files belong.

Usage: book_boundary.py SALESOPS_BIN CASE
CASE: links-read | links-at | links-write | fifos

links-read   a record file linked to a fake secret outside the book (and a dangling link
             out, a link into .git): every command exits 3 naming the link, and the secret
             appears in no output
links-at     the same links committed to git and read with --at: the same outcome
links-write  each write verb aimed through a link out of the book is refused, and the file
             or directory outside is unchanged
fifos        FIFOs as a record file, salesops.toml, the cache and the lock: every command
             finishes (within 5 s) and none waits for a writer
"""
import os
import pathlib
import shutil
import subprocess
import sys

from common import run_case, env, scratch_book, tempdir

LIMIT = 5  # seconds: a command that waits on a FIFO never finishes
SECRET = "FAKE-SECRET-7f3a9c0e"


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def salesops(bin_path, book, *args, cwd=None):
    try:
        r = subprocess.run([bin_path, "--book", str(book), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=env(), text=True, errors="replace", timeout=LIMIT, cwd=cwd)
    except subprocess.TimeoutExpired:
        fail(f"salesops {' '.join(args)} did not finish within {LIMIT} s")
    if r.returncode < 0 or "Sanitizer" in r.stderr:
        fail(f"salesops {' '.join(args)} crashed\n{r.stderr[-2000:]}")
    return r


def expect(r, code, what, names=None):
    out = r.stdout + r.stderr
    if r.returncode != code:
        fail(f"{what}: exit {r.returncode}, expected {code}\n{out[-2000:]}")
    if SECRET in out:
        fail(f"{what}: the secret outside the book was printed\n{out[-2000:]}")
    if names and names not in out:
        fail(f"{what}: the error does not name {names}\n{out[-2000:]}")


def secret_file(tmp):
    """A file outside the book that parses as YAML, so a reader would echo its lines."""
    outside = pathlib.Path(tmp) / "home"
    outside.mkdir(exist_ok=True)
    secret = outside / "credentials.yaml"
    secret.write_text(f"id: {SECRET}\n{SECRET}-key: {SECRET}\nname: [{SECRET}\n")
    return secret


def git(book, *args):
    subprocess.run(["git", "-C", str(book), *args], check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@x"})


READERS = [["check"], ["check", "--format", "json"], ["customer", "list"], ["kpi", "--period", "2026-10"],
           ["customer", "show", "C-1"]]


def links_read(bin_path, tmp):
    book = scratch_book(tmp)
    secret = secret_file(tmp)
    os.symlink(secret, book / "customers/C-9.yaml")
    for args in READERS:
        expect(salesops(bin_path, book, *args), 3, " ".join(args) + " over a record linked out", "customers/C-9.yaml")
    # The same file by a relative link, from a directory of the book and its cache.
    (book / "customers/C-9.yaml").unlink()
    os.symlink(os.path.relpath(secret, book / "customers"), book / "customers/C-9.yaml")
    expect(salesops(bin_path, book, "check"), 3, "check over a relative link out", "customers/C-9.yaml")
    expect(salesops(bin_path, book, "check"), 3, "check over a relative link out, again (cache)", "customers/C-9.yaml")
    (book / "customers/C-9.yaml").unlink()
    # Judged by where it points: a link out to nothing is refused as well.
    os.symlink("/nonexistent/salesops/deals.yaml", book / "deals/2026-12.yaml")
    expect(salesops(bin_path, book, "check"), 3, "check over a dangling link out", "deals/2026-12.yaml")
    (book / "deals/2026-12.yaml").unlink()
    (book / ".git").mkdir()
    (book / ".git/config").write_text(f"[core]\n\t{SECRET} = 1\n")
    os.symlink("../.git/config", book / "deals/2026-12.yaml")
    expect(salesops(bin_path, book, "check"), 3, "check over a link into .git", "deals/2026-12.yaml")
    (book / "deals/2026-12.yaml").unlink()
    os.rename(book / "salesops.toml", book / "real.toml")
    os.symlink(secret, book / "salesops.toml")
    expect(salesops(bin_path, book, "check"), 3, "check over a salesops.toml linked out", "salesops.toml")
    print("ok: links out of the book refused (exit 3, the link named, the secret never printed)")


def links_at(bin_path, tmp):
    book = scratch_book(tmp)
    secret = secret_file(tmp)
    git(book, "init", "-q")
    (book / "shared").mkdir()
    (book / "shared/C-8.yaml").write_text("id: C-8\nname: Shared\nowner: zhang.wei\n")
    os.symlink("../shared/C-8.yaml", book / "customers/C-8.yaml")
    git(book, "add", "-A")
    git(book, "commit", "-q", "-m", "a link inside the book")
    r = salesops(bin_path, book, "customer", "list", "--at", "HEAD", "--format", "csv")
    expect(r, 0, "customer list --at over a link inside the book")
    if "C-8,Shared" not in r.stdout:
        fail("a committed link to a record inside the book is not read under --at:\n" + r.stdout)
    os.symlink(secret, book / "customers/C-9.yaml")
    os.symlink("../../home/credentials.yaml", book / "deals/2026-12.yaml")
    git(book, "add", "-A")
    git(book, "commit", "-q", "-m", "links out")
    for args in READERS:
        for where in (["--at", "HEAD"], []):
            expect(salesops(bin_path, book, *args, *where), 3, " ".join(args + where) + " over committed links out",
                   "customers/C-9.yaml")
    expect(salesops(bin_path, book, "check", "--at", "HEAD"), 3, "check --at", "deals/2026-12.yaml")
    # The files removed from the working tree: the revision still holds them.
    (book / "customers/C-9.yaml").unlink()
    (book / "deals/2026-12.yaml").unlink()
    expect(salesops(bin_path, book, "check", "--at", "HEAD"), 3, "check --at with the links gone from the tree",
           "customers/C-9.yaml")
    expect(salesops(bin_path, book, "check", "--at", "HEAD~1"), 0, "check --at the revision before the links")
    print("ok: --at refuses committed links out of the book as the working tree does")


def snapshot(path):
    path = pathlib.Path(path)
    if path.is_file():
        return path.read_bytes()
    return sorted((str(p.relative_to(path)), p.read_bytes() if p.is_file() else None) for p in path.rglob("*"))


def refused(bin_path, book, outside, args, code, what, names):
    before = snapshot(outside)
    expect(salesops(bin_path, book, *args), code, what, names)
    if snapshot(outside) != before:
        fail(f"{what}: the file outside the book changed")


def links_write(bin_path, tmp):
    book = scratch_book(tmp)
    out = pathlib.Path(tmp) / "home"
    out.mkdir()
    # A record file linked out: the load refuses the book before any write (exit 3).
    (out / "C-9.yaml").write_text("id: C-9\nname: Outside\nowner: zhang.wei\n")
    os.symlink(out / "C-9.yaml", book / "customers/C-9.yaml")
    refused(bin_path, book, out / "C-9.yaml",
            ["customer", "log", "C-9", "--type", "call", "--by", "zhang.wei", "--summary", "x"], 3,
            "customer log into a file linked out", "customers/C-9.yaml")
    refused(bin_path, book, out / "C-9.yaml", ["customer", "survey", "C-9", "--csat", "4", "--nps", "9"], 3,
            "customer survey into a file linked out", "customers/C-9.yaml")
    (book / "customers/C-9.yaml").unlink()
    (out / "deals.yaml").write_text((book / "deals/2026-10.yaml").read_text().replace("D-", "E-"))
    os.symlink(out / "deals.yaml", book / "deals/2026-12.yaml")
    refused(bin_path, book, out / "deals.yaml", ["deal", "add", "--owner", "zhang.wei", "--customer", "C-1",
            "--amount", "10", "--opened", "2026-12-03"], 3, "deal add into a month file linked out",
            "deals/2026-12.yaml")
    refused(bin_path, book, out / "deals.yaml", ["deal", "move", "E-2", "lost", "--date", "2026-12-04"], 3,
            "deal move in a month file linked out", "deals/2026-12.yaml")
    (book / "deals/2026-12.yaml").unlink()
    # Links the load never reads (directories, .salesops): the write itself refuses (exit 4).
    (out / "reviews").mkdir()
    os.symlink(out / "reviews", book / "reviews/2026-Q4")
    refused(bin_path, book, out / "reviews", ["review", "new", "--period", "2026-Q4", "--person", "zhang.wei"], 4,
            "review new into a directory linked out", "reviews/2026-Q4")
    (out / "deals").mkdir()
    os.rename(book / "deals", book / "deals-real")
    os.symlink(out / "deals", book / "deals")
    refused(bin_path, book, out / "deals", ["deal", "add", "--owner", "zhang.wei", "--customer", "C-1", "--amount",
            "10", "--opened", "2026-11-03"], 4, "deal add into a deals directory linked out", "deals")
    (book / "deals").unlink()
    os.rename(book / "deals-real", book / "deals")
    (out / "state").mkdir()
    shutil.rmtree(book / ".salesops")
    os.symlink(out / "state", book / ".salesops")
    refused(bin_path, book, out / "state", ["customer", "log", "C-1", "--type", "call", "--by", "zhang.wei",
            "--summary", "x"], 4, "customer log with .salesops linked out", ".salesops")
    refused(bin_path, book, out / "state", ["customer", "list"], 0, "customer list with .salesops linked out", None)
    r = salesops(bin_path, book, "check")
    expect(r, 0, "check with .salesops linked out (a warning: the cache is not used)", ".salesops")
    print("ok: writes through links out of the book refused; nothing outside changed")


def fifos(bin_path, tmp):
    book = scratch_book(tmp)
    os.mkfifo(book / "customers/C-9.yaml")
    expect(salesops(bin_path, book, "customer", "list"), 0, "customer list with a FIFO as a record file")
    expect(salesops(bin_path, book, "check"), 0, "check with a FIFO as a record file")
    os.symlink("C-9.yaml", book / "customers/C-8.yaml")
    expect(salesops(bin_path, book, "check"), 0, "check with a link to a FIFO")
    expect(salesops(bin_path, book, "customer", "log", "C-1", "--type", "call", "--by", "zhang.wei", "--summary",
                    "x"), 0, "customer log beside a FIFO")
    cache = book / ".salesops/cache"
    for entry in sorted(cache.iterdir()):  # every pack and entry the runs above wrote
        entry.unlink()
        os.mkfifo(entry)
    expect(salesops(bin_path, book, "customer", "list"), 0, "customer list with FIFOs as the cache's files")
    for entry in cache.iterdir():
        entry.unlink()
    cache.rmdir()
    os.mkfifo(cache)
    expect(salesops(bin_path, book, "customer", "list"), 0, "customer list with a FIFO as .salesops/cache")
    (book / ".salesops/lock").unlink()
    os.mkfifo(book / ".salesops/lock")
    expect(salesops(bin_path, book, "customer", "log", "C-1", "--type", "call", "--by", "zhang.wei", "--summary",
                    "x"), 4, "customer log with a FIFO as the lock", ".salesops/lock")
    os.unlink(book / "salesops.toml")
    os.mkfifo(book / "salesops.toml")
    expect(salesops(bin_path, book, "check"), 1, "check with a FIFO as salesops.toml", "salesops.toml")
    print("ok: FIFOs as records, cache, lock and salesops.toml: every command finished")


CASES = {"links-read": links_read, "links-at": links_at, "links-write": links_write, "fifos": fifos}


if __name__ == "__main__":
    sys.exit(run_case(CASES))
