#!/usr/bin/env python3
"""examples/history.py is deterministic: two runs (with different hash seeds) write the
same bytes, and its stream's last tree is examples/book (history.py checks that itself
and exits non-zero when it is not).

Usage: history_deterministic.py SOURCE_DIR
"""
import hashlib
import os
import subprocess
import sys

src = sys.argv[1]
digests = []
for seed in ("1", "2"):
    env = dict(os.environ, PYTHONHASHSEED=seed)
    r = subprocess.run([sys.executable, os.path.join(src, "examples", "history.py")], env=env, capture_output=True)
    if r.returncode != 0:
        sys.exit(f"history.py failed: {r.stderr.decode()}")
    if not r.stdout.startswith(b"feature done\ncommit refs/heads/main\n") or not r.stdout.endswith(b"\ndone\n"):
        sys.exit("history.py's output is not a complete fast-import stream")
    digests.append(hashlib.sha256(r.stdout).hexdigest())
    commits = r.stdout.count(b"\ncommit refs/heads/main")
    print(f"run {seed}: {len(r.stdout)} bytes, {commits} commits, sha256 {digests[-1]}")
if digests[0] != digests[1]:
    sys.exit("two runs of history.py differ")
print("ok")
