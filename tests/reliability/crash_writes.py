#!/usr/bin/env python3
"""Crash safety: a write killed with SIGKILL at random moments.

Usage: crash_writes.py SALESOPS_BIN [KILLS]
       crash_writes.py SALESOPS_BIN import [KILLS]
       crash_writes.py SALESOPS_BIN journal-from-a-book

`deal move` on a large deals file: after each kill the file must be byte-identical to its
old or its new content (never torn, never empty), no file other than the writer's hidden
temporary files may appear in its directory, and at the end the book must still check
clean and the parsed-record cache must agree with a load that bypasses it.

`import`: an import of 2,000 rows writing 2,000 files (1,996 new customer files, four
deals files appended to) is killed at moments spread over its measured duration. The next
reader must read (exit 0) unless a committed journal is left, which it must refuse (exit 3,
naming .salesops/journal) without settling; after the next writer the book must hold every
file as before the import or every file as after it, and no other file: no temporary file,
backup or journal. Prints how many kills left the old and the new book.

`journal-from-a-book`: a book that arrives with a `.salesops/journal` (a pull request). A
committed journal over the book's own hidden files: `check` exits 3 naming it and changes
nothing; a writer finishes it. A journal naming a file outside the book, in .git, through a
link, or with a wrong checksum: `check` exits 3 and a writer exits 4, each naming
.salesops/journal, and nothing outside or inside the book changes.
"""
import os
import pathlib
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time

from common import env, run, scratch_book, tempdir

DEALS = 1000


def big_deals_file():
    owners = ["zhang.wei", "wang.fang", "sarah.miller"]
    out = []
    for i in range(1, DEALS + 1):
        out.append(f"- id: D-2026-{i:05d}\n  customer: C-{1 + i % 3}\n  owner: {owners[i % 3]}\n"
                   f"  title: \"Order #{i}: pumps, valves\"  # generated\n  amount: {1000 + i}.50\n"
                   f"  stage: proposal\n  opened: 2026-11-{1 + i % 25:02d}\n"
                   f"  history:\n    - {{date: 2026-11-{1 + i % 25:02d}, stage: lead}}\n")
    return "".join(out).encode()


def write_atomically(path, data):
    tmp = path.with_name(".restore.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


ROWS = 2000


def import_csv():
    lines = ["id,customer,owner,title,stage,opened,amount"]
    months = ["2026-07", "2026-08", "2026-09", "2026-10"]
    for i in range(1, ROWS + 1):
        lines.append(f"X-{i},Crash Co {i},zhang.wei,Order {i},lead,{months[i % 4]}-{1 + i % 28:02d},{100 + i}")
    return "\n".join(lines) + "\n"


def snapshot(book):
    """Every file of the book but the lock and the cache, with its bytes."""
    files = {}
    for p in sorted(book.rglob("*")):
        rel = p.relative_to(book).as_posix()
        if p.is_dir() or rel == ".salesops/lock" or rel.startswith(".salesops/cache/"):
            continue
        files[rel] = p.read_bytes()
    return files


def wait_for_writing(p, book):
    """Returns once the import has begun to write (its journal or a first temporary file is
    there) or has ended."""
    watched = [book / "customers", book / "deals"]
    while p.poll() is None:
        if (book / ".salesops/journal").exists():
            return
        for d in watched:
            if d.is_dir() and any(n.endswith(".tmp") for n in os.listdir(d)):
                return
        time.sleep(0.0005)


def journal_committed(book):
    """Whether the book holds a journal past its commit line."""
    journal = book / ".salesops/journal"
    return journal.exists() and b"\nC " in journal.read_bytes()


def restore(source, book):
    shutil.rmtree(book)
    shutil.copytree(source, book)


def crash_import(bin_path, kills):
    rng = random.Random(int(os.environ.get("SALESOPS_CRASH_SEED", "20261126")))
    e = env()
    e["SALESOPS_NO_CACHE"] = "1"
    # On a tmpfs when there is one: a kill is a process crash, and there fsync costs nothing,
    # so 200 kills fit in well under a minute.
    with tempdir(memory=True) as tmp:
        source = scratch_book(tmp, "source")
        book = pathlib.Path(tmp) / "book"
        shutil.copytree(source, book)
        csv = pathlib.Path(tmp) / "rows.csv"
        csv.write_text(import_csv())
        cmd = [bin_path, "--book", str(book), "-q", "import", "deals", str(csv)]
        old = snapshot(book)
        durations, writes = [], []
        for _ in range(2):
            restore(source, book)
            start = time.monotonic()
            p = subprocess.Popen(cmd, env=e, stdout=subprocess.DEVNULL)
            wait_for_writing(p, book)
            staged = time.monotonic()
            assert p.wait() == 0, "the import failed"
            durations.append(time.monotonic() - start)
            writes.append(time.monotonic() - staged)
        new = snapshot(book)
        written = [k for k in new if old.get(k) != new[k]]
        assert len(written) >= ROWS, f"the import wrote {len(written)} files"
        d, w = statistics.median(durations), statistics.median(writes)
        print(f"import of {ROWS} rows writing {len(written)} files takes {d * 1000:.0f} ms, "
              f"{w * 1000:.0f} ms of it writing")
        outcome = {"old": 0, "new": 0}
        refused_reads = 0
        for k in range(kills):
            restore(source, book)
            p = subprocess.Popen(cmd, env=e, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # One kill in ten anywhere in the run; the others while it writes (from the moment
            # its journal or first temporary file appears, through staging, committing and
            # renaming, to a little past its end),
            # spread evenly over that window and jittered within each slot.
            if k % 10 == 0:
                time.sleep(rng.uniform(0, d))
            else:
                wait_for_writing(p, book)
                time.sleep(w * 1.1 * (k + rng.random()) / kills)
            p.send_signal(signal.SIGKILL)
            p.wait()
            # A reader never settles the journal: it reads a whole book, or refuses a half-written one.
            committed = journal_committed(book)
            read = subprocess.run([bin_path, "--book", str(book), "deal", "list", "--format", "csv"], env=e,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if read.returncode != (3 if committed else 0) or (committed and ".salesops/journal" not in read.stderr):
                sys.exit(f"kill {k}: a reader exited {read.returncode} (journal committed: {committed}):\n{read.stderr}")
            refused_reads += committed
            # The next writer settles it, even one that then refuses its own write.
            write = subprocess.run([bin_path, "--book", str(book), "deal", "move", "D-NONE", "won"], env=e,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if "unknown deal" not in write.stderr:
                sys.exit(f"kill {k}: the next writer exited {write.returncode}:\n{write.stderr}")
            now = snapshot(book)
            if now == old:
                outcome["old"] += 1
            elif now == new:
                outcome["new"] += 1
            else:
                extra = sorted(set(now) - set(new) - set(old))[:5]
                differ = sorted(f for f in set(now) & set(new) if now[f] != new[f] and now[f] != old.get(f))[:5]
                sys.exit(f"kill {k}: the book is neither before nor after the import: {len(now)} files "
                         f"(before {len(old)}, after {len(new)}); stray {extra}; torn {differ}")
        print(f"{kills} kills: {outcome['old']} left the book as before the import, {outcome['new']} as after it; "
              f"{refused_reads} left a committed journal, which a reader refused and the next writer finished")
        if outcome["old"] == 0 or outcome["new"] == 0:
            print("note: every kill fell on the same side; the timing did not reach both outcomes")
    return 0


def fnv1a(data):
    h = 14695981039346656037
    for b in data:
        h = ((h ^ b) * 1099511628211) % (1 << 64)
    return h


def counted(p):
    return f"{len(p.encode())}:{p}"


def committed_journal(pid, staged):
    """A committed journal of writer `pid` over [(r|n, file, temporary)]."""
    j = f"salesops-journal 1 {pid}\n" + "".join(f"T {counted(f)}\n" for _, f, _ in staged)
    j += "".join(f"S {kind} {counted(f)} {counted(t)}\n" for kind, f, t in staged)
    return j + f"C {len(staged)} {fnv1a(j.encode()):x}\n"


def journal_from_a_book(bin_path):
    pid = 999999
    with tempdir() as tmp:
        outside = pathlib.Path(tmp) / "elsewhere"
        outside.mkdir()
        (outside / "secret").write_text("key\n")
        (outside / f".secret.salesops-{pid}-0.tmp").write_text("overwritten\n")
        temp = f".2026-10.yaml.salesops-{pid}-0.tmp"
        cases = {
            "committed": [("r", "deals/2026-10.yaml", temp)],
            "outside": [("r", "../elsewhere/secret", f".secret.salesops-{pid}-0.tmp")],
            "link": [("r", "linked/secret", f".secret.salesops-{pid}-0.tmp")],
            "git": [("r", ".git/config", f".config.salesops-{pid}-0.tmp")],
            "checksum": [("r", "deals/2026-10.yaml", temp)],
        }
        for name, staged in cases.items():
            book = scratch_book(tmp, name)
            (book / "linked").symlink_to(outside)
            (book / ".git").mkdir()
            (book / ".git/config").write_text("[core]\n")
            deals = book / "deals/2026-10.yaml"
            old = deals.read_bytes()
            (book / "deals" / temp).write_bytes(old + b"# changed by the journal\n")
            journal = committed_journal(pid, staged)
            if name == "checksum":
                journal = journal.replace("2026-10", "2026-09", 1)
            (book / ".salesops").mkdir(exist_ok=True)
            (book / ".salesops/journal").write_text(journal)
            check = run(bin_path, book, "check", check=False)
            if check.returncode != 3 or ".salesops/journal" not in check.stderr:
                sys.exit(f"{name}: check exited {check.returncode}:\n{check.stderr}")
            if deals.read_bytes() != old or (book / ".salesops/journal").read_text() != journal:
                sys.exit(f"{name}: check changed the book")
            write = run(bin_path, book, "deal", "move", "D-NONE", "won", check=False)
            if name == "committed":
                if "unknown deal" not in write.stderr or not deals.read_bytes().endswith(b"# changed by the journal\n"):
                    sys.exit(f"committed: the writer did not finish the journal:\n{write.stderr}")
                if (book / ".salesops/journal").exists() or (book / "deals" / temp).exists():
                    sys.exit("committed: the journal or its temporary file is left")
                continue
            if write.returncode != 4 or ".salesops/journal is not a journal salesops follows" not in write.stderr:
                sys.exit(f"{name}: the writer exited {write.returncode}:\n{write.stderr}")
            if deals.read_bytes() != old or (book / ".git/config").read_text() != "[core]\n":
                sys.exit(f"{name}: the book changed")
            if (outside / "secret").read_text() != "key\n":
                sys.exit(f"{name}: the file outside the book changed")
            print(f"{name}: refused, nothing changed")
    return 0


def main():
    bin_path = sys.argv[1]
    if len(sys.argv) > 2 and sys.argv[2] == "journal-from-a-book":
        return journal_from_a_book(bin_path)
    if len(sys.argv) > 2 and sys.argv[2] == "import":
        return crash_import(bin_path, int(sys.argv[3]) if len(sys.argv) > 3 else 200)
    kills = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    rng = random.Random(int(os.environ.get("SALESOPS_CRASH_SEED", "20261126")))
    with tempdir() as tmp:
        book = scratch_book(tmp)
        target = book / "deals/2026-11.yaml"
        old = big_deals_file()
        target.write_bytes(old)
        deals_dir = target.parent
        records = sorted(p.name for p in deals_dir.iterdir() if not p.name.startswith("."))
        cmd = [bin_path, "--book", str(book), "-q", "deal", "move", f"D-2026-{DEALS // 2:05d}", "won",
               "--date", "2026-11-20"]
        # The new content, and how long a whole run takes.
        durations = []
        for _ in range(3):
            write_atomically(target, old)
            start = time.monotonic()
            subprocess.run(cmd, env=env(), check=True, stdout=subprocess.DEVNULL)
            durations.append(time.monotonic() - start)
        new = target.read_bytes()
        assert new != old and len(new) > len(old)
        d = statistics.median(durations)
        print(f"file {len(old)} bytes, {DEALS} deals; a whole run takes {d * 1000:.0f} ms")
        outcome = {"old": 0, "new": 0}
        finished = temps = 0
        for k in range(kills):
            if target.read_bytes() != old:
                write_atomically(target, old)
            p = subprocess.Popen(cmd, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, d * 1.1))
            p.send_signal(signal.SIGKILL)
            if p.wait() == 0:
                finished += 1
            now = target.read_bytes()
            if now == old:
                outcome["old"] += 1
            elif now == new:
                outcome["new"] += 1
            else:
                keep = pathlib.Path(tmp).parent / f"salesops-torn-{os.getpid()}.yaml"
                keep.write_bytes(now)
                sys.exit(f"kill {k}: the file is torn ({len(now)} bytes; kept as {keep})")
            names = sorted(p.name for p in deals_dir.iterdir())
            visible = [n for n in names if not n.startswith(".")]
            if visible != records:
                sys.exit(f"kill {k}: files visible as records changed: {visible} (expected {records})")
            for n in names:
                if n.startswith(".2026-11.yaml.salesops-") and n.endswith(".tmp"):
                    temps += 1
                    (deals_dir / n).unlink()
        print(f"{kills} kills: {outcome['old']} left the old file, {outcome['new']} the new one "
              f"({finished} runs had finished); {temps} hidden temporary files left behind")
        check = run(bin_path, book, "check", check=False)
        if check.returncode != 0:
            sys.exit(f"check after the kills exited {check.returncode}:\n{check.stdout}{check.stderr}")
        cached = run(bin_path, book, "deal", "list", "--format", "csv").stdout
        fresh = run(bin_path, book, "deal", "list", "--format", "csv", extra_env={"SALESOPS_NO_CACHE": "1"}).stdout
        if cached != fresh:
            sys.exit("the parsed-record cache disagrees with the files after the kills")
        if outcome["old"] == 0 or outcome["new"] == 0:
            print("note: every kill fell on the same side; the timing did not reach both outcomes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
