#!/usr/bin/env bash
# The benchmark's correctness check, run by ctest: on a generated book of 10,000 deals,
# `salesops check` finds no error and `salesops kpi --format csv` gives the same numbers as
# the PyYAML peer, for two months. No timing is asserted.
#   bench/agree.sh SALESOPS SOURCE_DIR
set -euo pipefail
salesops=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$src/bench/generate.py" --deals 10000 --out "$tmp/book" >/dev/null
"$salesops" --book "$tmp/book" --today 2026-11-26 check -q >/dev/null
for period in 2026-10 2025-03; do
  "$salesops" --book "$tmp/book" --today 2026-11-26 kpi --period $period --format csv >"$tmp/ours.csv"
  python3 "$src/bench/peer_kpi.py" "$tmp/book" $period >"$tmp/peer.csv"
  python3 "$src/bench/compare_kpi.py" "$tmp/ours.csv" "$tmp/peer.csv"
done
echo "salesops and the peer agree"
