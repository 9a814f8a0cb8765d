#!/usr/bin/env bash
# cmake --install into a temporary prefix, then use what it installed as a user would:
# the program runs, man opens an installed page, and bash, zsh and fish complete a
# subcommand, an option and an option's value with the installed scripts.
# Usage: install_test.sh BUILD_DIR
set -u
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cmake --install "$build" --prefix "$prefix" > /dev/null || fail "cmake --install"
"$prefix/bin/salesops" --version | grep -q '^salesops ' || fail "the installed program does not run"
for page in salesops.1 salesops-kpi.1 salesops-export.1 salesops-book.5 salesops-periods.7; do
  section=${page##*.}
  [ -f "$prefix/share/man/man$section/$page" ] || fail "$page is not installed"
done
MANPATH="$prefix/share/man" MANPAGER=cat man salesops-kpi 2> /dev/null | grep -q 'salesops-kpi' || fail "man salesops-kpi"

# Each check: the shell's candidates for a command line must include the expected word.
expect() {  # SHELL WORDS... -- EXPECTED
  local shell=$1; shift
  local words=() want
  while [ "$1" != "--" ]; do words+=("$1"); shift; done
  want=$2
  local got
  case $shell in
    bash) got=$(bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _salesops; printf "%s\n" "${COMPREPLY[@]}"' \
                 _ "$prefix/share/bash-completion/completions/salesops" "${words[@]}") ;;
    zsh) got=$(zsh -fc 'compdef() { :; }; compadd() { print -rl -- "${@:#--}"; }; _files() { :; }
                 source "$1"; shift; words=("$@"); CURRENT=$#; _salesops' \
                 _ "$prefix/share/zsh/vendor-completions/_salesops" "${words[@]}" | grep -- "^${words[-1]}") ;;
    fish) got=$(fish -c 'source $argv[1]; complete -C "$argv[2]"' "$prefix/share/fish/vendor_completions.d/salesops.fish" \
                 "${words[*]}" | cut -f1) ;;
  esac
  grep -qx -- "$want" <<< "$got" || fail "$shell: '${words[*]}' completes to [$(echo $got)], not $want"
}
for shell in bash zsh fish; do
  command -v $shell > /dev/null || fail "$shell is not installed (.ci/setup installs it)"
  expect $shell salesops tar -- target
  expect $shell salesops --book b deal ed -- edit
  expect $shell salesops target s -- split
  expect $shell salesops kpi --pe -- --period
  expect $shell salesops reward calc --per -- --period
  expect $shell salesops --format j -- jsonl
done
echo "installed to a prefix: program, man pages, and completion in bash, zsh and fish"
