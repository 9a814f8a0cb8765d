# Builds ./b: a book in git with dated commits (author and committer dates fixed) whose deal
# D-1 is pushed twice in 2026-Q3. Sourced by the tests/cli/trend-slippage-* cases.
#   c1 07-01 ops        the book: D-1 proposal 120,000 expected 08-20; D-2 negotiation 50,000
#                       expected 09-10; D-3 lead 30,000 expected 09-25.
#   c2 08-15 zhang.wei  D-1 08-20 -> 09-05: a push of 16 days, out of 2026-08.
#   c3 08-20 li.na      D-2 re-priced to 55,000; D-3 pulled in 09-25 -> 09-15 (not a push).
#   c4 09-01 zhang.wei  D-1 moved to negotiation (no push).
#   c5 09-28 zhang.wei  D-1 09-05 -> 10-12: 37 days (25 left in September + 12), out of
#                       2026-09 and of 2026-Q3; D-2 09-10 -> 09-30: 20 days, inside September.
#   c6 10-05 li.na      D-2 09-30 -> 10-20: after the quarter, so outside a 2026-Q3 window.
. "$SRC/tests/data/trend/east-book.sh" "Slippage Co"
cat > deals/2026-07.yaml <<'YAML'
- id: D-1
  customer: C-1
  owner: zhang.wei
  amount: 120000
  stage: proposal
  opened: 2026-07-01
  expected_close: 2026-08-20
- id: D-2
  customer: C-1
  owner: li.na
  amount: 50000
  stage: negotiation
  opened: 2026-07-01
  expected_close: 2026-09-10
- id: D-3
  customer: C-1
  owner: zhang.wei
  amount: 30000
  stage: lead
  opened: 2026-07-01
  expected_close: 2026-09-25
YAML
git init -q -b main && git add -A && commit 2026-07-01 ops "the book"
sed -i 's/expected_close: 2026-08-20/expected_close: 2026-09-05/' deals/2026-07.yaml && commit 2026-08-15 zhang.wei "D-1 later"
sed -i -e 's/amount: 50000/amount: 55000/' -e 's/expected_close: 2026-09-25/expected_close: 2026-09-15/' deals/2026-07.yaml && commit 2026-08-20 li.na "D-2 re-priced, D-3 sooner"
sed -i '0,/stage: proposal/s//stage: negotiation/' deals/2026-07.yaml && commit 2026-09-01 zhang.wei "D-1 to negotiation"
sed -i -e 's/expected_close: 2026-09-05/expected_close: 2026-10-12/' -e 's/expected_close: 2026-09-10/expected_close: 2026-09-30/' deals/2026-07.yaml && commit 2026-09-28 zhang.wei "D-1 and D-2 later"
sed -i 's/expected_close: 2026-09-30/expected_close: 2026-10-20/' deals/2026-07.yaml && commit 2026-10-05 li.na "D-2 later again"
# Commit ids are the same on every run (the dates are fixed); the expected output names
# them by their place, <c1> ... <c6>.
n=0; subst=""; for c in $(git rev-list --reverse HEAD); do n=$((n+1)); subst="$subst;s/$c/<c$n>/g;s/${c:0:10}/<c$n>/g"; done
