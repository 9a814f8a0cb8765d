"""What the reliability tests share: a scratch copy of a test book and running salesops."""
import os
import pathlib
import shutil
import subprocess
import tempfile

SRC = pathlib.Path(__file__).resolve().parents[2]


def scratch_book(parent, name="book"):
    """A fresh copy of tests/data/small under `parent`."""
    book = pathlib.Path(parent) / name
    shutil.copytree(SRC / "tests/data/small", book)
    return book


def env():
    e = dict(os.environ)
    e.update(NO_COLOR="1", SALESOPS_TODAY="2026-11-26")
    e.pop("SALESOPS_BOOK", None)
    return e


def run(bin_path, book, *args, check=True, extra_env=None):
    e = env()
    if extra_env:
        e.update(extra_env)
    r = subprocess.run([bin_path, "--book", str(book), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=e, text=True, errors="replace")
    if check and r.returncode != 0:
        raise SystemExit(f"salesops {' '.join(args)} exited {r.returncode}:\n{r.stderr}")
    return r


def tempdir(memory=False):
    """A temporary directory; with `memory`, on /dev/shm when it is there (a tmpfs, where
    fsync costs nothing: tests of locking then measure the lock, not the disk)."""
    where = None
    if memory and os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        where = "/dev/shm"
    return tempfile.TemporaryDirectory(prefix="salesops-rel-", dir=where)


def run_case(cases):
    """The entry of a script of cases: `SCRIPT SALESOPS_BIN CASE` runs cases[CASE](bin, tmp)
    in a temporary directory removed afterwards."""
    import sys
    bin_path, case = os.path.abspath(sys.argv[1]), sys.argv[2]
    with tempdir() as tmp:
        cases[case](bin_path, tmp)
    return 0
