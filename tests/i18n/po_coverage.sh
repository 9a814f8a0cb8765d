#!/usr/bin/env bash
# The Chinese catalog covers every message: xgettext collects the N_("...") messages of cli/
# and core/ into a template; po/zh_CN/*.po, combined as the build combines them (the first
# translation of a msgid wins), must translate each one, and msgfmt --check must accept them.
# Usage: po_coverage.sh SOURCE_DIR
set -u
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1
sources=$(find cli core -name '*.cpp' -o -name '*.hpp' | LC_ALL=C sort)
xgettext --no-wrap --keyword= --keyword=N_ --from-code=UTF-8 --language=C++ --no-location -o "$tmp/salesops.pot" $sources || exit 1
msgcat --use-first --to-code=UTF-8 -o "$tmp/zh_CN.po" po/zh_CN/*.po || exit 1
for po in po/zh_CN/*.po; do
  msgfmt --check -o /dev/null "$po" || { echo "po_coverage: msgfmt --check refuses $po"; exit 1; }
done
msgfmt --check -o /dev/null "$tmp/zh_CN.po" || exit 1
msgmerge --quiet --no-wrap --no-fuzzy-matching -o "$tmp/merged.po" "$tmp/zh_CN.po" "$tmp/salesops.pot" || exit 1
msgattrib --no-wrap --untranslated --no-obsolete -o "$tmp/untranslated.po" "$tmp/merged.po" || exit 1
missing=$(grep '^msgid ' "$tmp/untranslated.po" 2>/dev/null | grep -vx 'msgid ""')
total=$(grep -c '^msgid ' "$tmp/salesops.pot")
if [ -n "$missing" ]; then
  echo "po_coverage: $(printf '%s\n' "$missing" | wc -l) of $((total - 1)) messages have no Chinese translation in po/zh_CN/*.po:"
  printf '%s\n' "$missing"
  exit 1
fi
echo "po_coverage: all $((total - 1)) messages translated"
