#!/usr/bin/env bash
# Machine formats stay English under a Chinese locale: csv, tsv, json, jsonl (and check's
# json and sarif) of the same commands are byte-identical under LANG=C.UTF-8 and
# LANG=zh_CN.UTF-8 (and --lang zh), while the table output differs.
# Usage: machine_formats.sh SALESOPS SOURCE_DIR
set -u
bin=$1 src=$2
book=$src/examples/book
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SALESOPS_TODAY=2026-11-26 SALESOPS_NO_CACHE=1 NO_COLOR=1
unset LC_ALL LC_MESSAGES LANGUAGE SALESOPS_BOOK
status=0
run() {  # run NAME LANG ARGS...
  local name=$1 lang=$2; shift 2
  LANG=$lang "$bin" --book "$book" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
  echo $? >>"$tmp/$name.out"
}
i=0
while IFS= read -r args; do
  [ -z "$args" ] && continue
  i=$((i + 1))
  # shellcheck disable=SC2086
  run en$i C.UTF-8 $args
  run zh$i zh_CN.UTF-8 $args
  run lang$i C.UTF-8 --lang zh $args
  for other in zh$i lang$i; do
    if ! cmp -s "$tmp/en$i.out" "$tmp/$other.out" || ! cmp -s "$tmp/en$i.err" "$tmp/$other.err"; then
      echo "machine_formats: '$args' differs under ${other%%[0-9]*}:"
      diff "$tmp/en$i.out" "$tmp/$other.out" | head -10
      diff "$tmp/en$i.err" "$tmp/$other.err" | head -10
      status=1
    fi
  done
done <<'LIST'
review scorecard --period 2026-10 --format csv
review scorecard --period 2026-10 --format json
review scorecard --period 2026-10 --format tsv
review scorecard --period 2026-10 --format jsonl
target status --format csv
target status --format json
reward statement he.ting --period 2026-Q3 --format csv
reward statement he.ting --period 2026-Q3 --format json
check --format json
check --format sarif
LIST
# And the table is in Chinese: the check has teeth.
LANG=C.UTF-8 "$bin" --book "$book" target status >"$tmp/en.txt" 2>&1
LANG=zh_CN.UTF-8 "$bin" --book "$book" target status >"$tmp/zh.txt" 2>&1
if cmp -s "$tmp/en.txt" "$tmp/zh.txt" || ! grep -q '达成率' "$tmp/zh.txt"; then
  echo "machine_formats: target status's table is not in Chinese under LANG=zh_CN.UTF-8"
  status=1
fi
[ $status -eq 0 ] && echo "machine_formats: $i outputs identical in English and Chinese"
exit $status
