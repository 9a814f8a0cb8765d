# Builds ./b: a book in git with dated commits (author and committer dates fixed) through
# 2026-Q3, with revenue targets for zhang.wei (250,000), li.na (100,000) and the team east
# (350,000). Sourced by the tests/cli/trend-forecast-* cases.
#   c1 07-01 ops        the book: Z1 proposal 100,000 expected 07-20; Z2 proposal 100,000
#                       expected 08-15; Z3 negotiation 200,000 expected 09-10; L1 negotiation
#                       50,000 expected 07-10; L2 lead 100,000 expected 09-20.
#   c2 07-10 li.na      L1 won 07-10 (50,000).
#   c3 07-20 zhang.wei  Z1 won 07-20 (100,000).
#   c4 08-10 zhang.wei  Z2 won 08-10 at 110,000.
#   c5 08-25 zhang.wei  Z3 re-priced to 60,000.
#   c6 09-16 zhang.wei  Z3 won 09-15 at 40,000.
#   c7 09-21 li.na      L2 won 09-20 at 50,000.
# Finally: zhang.wei 100,000 + 110,000 + 40,000 = 250,000; li.na 50,000 + 50,000 = 100,000;
# east 350,000.
. "$SRC/tests/data/trend/east-book.sh" "Forecast Co"
mkdir targets
cat > targets/2026.yaml <<'YAML'
- {id: T-Q3-east, owner: east, metric: revenue, period: 2026-Q3, value: 350000}
- {id: T-Q3-zhang.wei, owner: zhang.wei, metric: revenue, period: 2026-Q3, value: 250000}
- {id: T-Q3-li.na, owner: li.na, metric: revenue, period: 2026-Q3, value: 100000}
YAML
deal() { printf -- '- id: %s\n  customer: C-1\n  owner: %s\n  amount: %s\n  stage: %s\n  opened: 2026-07-01\n  expected_close: %s\n' "$@"; }
{
  deal Z1 zhang.wei 100000 proposal 2026-07-20
  deal Z2 zhang.wei 100000 proposal 2026-08-15
  deal Z3 zhang.wei 200000 negotiation 2026-09-10
  deal L1 li.na 50000 negotiation 2026-07-10
  deal L2 li.na 100000 lead 2026-09-20
} > deals/2026-07.yaml
git init -q -b main && git add -A && commit 2026-07-01 ops "the book"
# win ID AMOUNT [CLOSED]: the deal's amount, and with CLOSED its stage won and closed date.
win() { python3 - "$@" <<'PY'
import re, sys
deal, amount, closed = (sys.argv[1:] + [""])[:3]
parts = re.split(r"(?m)^(?=- id: )", open("deals/2026-07.yaml").read())
for i, p in enumerate(parts):
    if p.startswith(f"- id: {deal}\n"):
        p = re.sub(r"amount: \d+", f"amount: {amount}", p)
        if closed:
            p = re.sub(r"stage: \w+", "stage: won", p) + f"  closed: {closed}\n"
        parts[i] = p
open("deals/2026-07.yaml", "w").write("".join(parts))
PY
}
win L1 50000 2026-07-10 && commit 2026-07-10 li.na "L1 won"
win Z1 100000 2026-07-20 && commit 2026-07-20 zhang.wei "Z1 won"
win Z2 110000 2026-08-10 && commit 2026-08-10 zhang.wei "Z2 won"
win Z3 60000 && commit 2026-08-25 zhang.wei "Z3 re-priced"
win Z3 40000 2026-09-15 && commit 2026-09-16 zhang.wei "Z3 won"
win L2 50000 2026-09-20 && commit 2026-09-21 li.na "L2 won"
n=0; subst=""; for c in $(git rev-list --reverse HEAD); do n=$((n+1)); subst="$subst;s/$c/<c$n>/g;s/${c:0:10}/<c$n>/g"; done
