#!/usr/bin/env bash
# Runs one golden CLI case: tests/cli/<case>/cmd is a bash fragment run in a fresh temporary
# directory with `salesops` on the PATH, $SRC the source tree and $CASE the case directory.
# Its stdout, stderr and exit code must equal expected_stdout, expected_stderr (when the
# file exists) and expected_exit (default 0).
set -u
bin=$1 case_dir=$2 src=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
ln -s "$bin" "$work/bin/salesops"
(
  cd "$work" || exit 99
  export PATH="$work/bin:$PATH" SRC="$src" CASE="$case_dir" NO_COLOR=1 SALESOPS_TODAY=2026-11-26
  # The books under $SRC are shared by every case: none writes a parsed-record cache into
  # them (a case about the cache unsets this in its own copy of a book).
  export SALESOPS_NO_CACHE=1
  unset SALESOPS_BOOK
  # English unless a case asks for another language (LANG=zh_CN.UTF-8 or --lang zh in its cmd).
  unset LC_ALL LC_MESSAGES LANGUAGE
  export LANG=C.UTF-8
  bash -c "$(cat "$case_dir/cmd")" >"$work/.stdout" 2>"$work/.stderr"
  echo $? >"$work/.exit"
)
status=0
expected_exit=0
[ -f "$case_dir/expected_exit" ] && expected_exit=$(cat "$case_dir/expected_exit")
actual_exit=$(cat "$work/.exit")
if [ "$actual_exit" != "$expected_exit" ]; then
  echo "exit code: expected $expected_exit, got $actual_exit"
  echo "--- stderr:"; cat "$work/.stderr"
  status=1
fi
if [ -f "$case_dir/expected_stdout" ]; then
  diff -u "$case_dir/expected_stdout" "$work/.stdout" || status=1
fi
if [ -f "$case_dir/expected_stderr" ]; then
  diff -u "$case_dir/expected_stderr" "$work/.stderr" || status=1
fi
exit $status
