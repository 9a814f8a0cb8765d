# A book in git with dated commits, for the trend cases (sourced by their cmd files; the
# figures are worked out in each case's cmd). Run in an empty directory: makes ./b.
# Team east (manager li.na): zhang.wei, wang.fang; team north (manager chen.jie):
# sarah.miller; every rep joined 2026-09-01; the book started 2026-10-01.
#   1 2026-10-01 li.na        the book: targets, no session yet
#   2 2026-10-10 chen.jie     one-on-one with sarah.miller, follow-up F1 due 2026-10-20
#   3 2026-11-05 li.na        one-on-one with zhang.wei; T-2026-12-wang.fang-revenue 9000 -> 9500
#   4 2026-11-10 li.na        final review of 2026-Q3 for zhang.wei
#   5 2026-11-15 sarah.miller T-2026-Q4-sarah.miller-revenue 30000 -> 24000, Approved-by: chen.jie
#   6 2026-11-20 zhang.wei    T-2026-Q4-zhang.wei-revenue 40000 -> 36000 (no trailer);
#                             T-2026-10-wang.fang-revenue 10000 -> 8000
#   7 2026-11-25 chen.jie     F1 done
#   8 2026-12-02 li.na        T-2026-Q4-east-revenue 80000 -> 90000, Approved-by: chen.jie;
#                             adds T-2026-12-zhang.wei-revenue
commit() {
  GIT_AUTHOR_DATE="$1T10:00:00Z" GIT_COMMITTER_DATE="$1T10:00:00Z" \
    git -c user.name="$2" -c user.email="$2@example.com" commit -q -m "$3" ${4:+--trailer "$4"}
}
target() { printf -- '- id: %s\n  owner: %s\n  metric: revenue\n  period: %s\n  value: %s\n' "$1" "$2" "$3" "$4"; }
mkdir -p b/targets b/coaching b/reviews/2026-Q3 && cd b && git init -q -b main
cat > salesops.toml <<'TOML'
[org]
name = "Trend Co"
currency = "CNY"
started = 2026-10-01

[stages]
order = ["lead", "proposal"]
probability = { lead = 0.1, proposal = 0.5 }

[policy]
one_on_one_days = 30
follow_up_overdue_days = 7
review_due_days = 15
required_targets = ["revenue"]
TOML
cat > team.yaml <<'YAML'
teams:
  - {id: east, name: East, manager: li.na}
  - {id: north, name: North, manager: chen.jie}
people:
  - {id: li.na, name: Li Na, team: east, role: manager}
  - {id: chen.jie, name: Chen Jie, team: north, role: manager}
  - {id: zhang.wei, name: Zhang Wei, team: east, role: rep, joined: 2026-09-01}
  - {id: wang.fang, name: Wang Fang, team: east, role: rep, joined: 2026-09-01}
  - {id: sarah.miller, name: Sarah Miller, team: north, role: rep, joined: 2026-09-01}
YAML
targets() {
  target T-2026-Q4-east-revenue east 2026-Q4 "$1"
  target T-2026-Q4-zhang.wei-revenue zhang.wei 2026-Q4 "$2"
  target T-2026-Q4-sarah.miller-revenue sarah.miller 2026-Q4 "$3"
  target T-2026-10-zhang.wei-revenue zhang.wei 2026-10 4000
  target T-2026-10-wang.fang-revenue wang.fang 2026-10 "$4"
  target T-2026-10-sarah.miller-revenue sarah.miller 2026-10 3000
  target T-2026-11-zhang.wei-revenue zhang.wei 2026-11 4000
  target T-2026-11-wang.fang-revenue wang.fang 2026-11 10000
  target T-2026-12-wang.fang-revenue wang.fang 2026-12 "$5"
}
targets 80000 40000 30000 10000 9000 > targets/2026.yaml
git add -A && commit 2026-10-01 li.na "the book"
session() {
  printf -- '  - id: %s\n    date: %s\n    coach: %s\n    person: %s\n    kind: one-on-one\n' "$1" "$2" "$3" "$4"
}
{ echo "sessions:"; session CS-1 2026-10-10 chen.jie sarah.miller
  echo "    follow_ups:"; echo "      - {id: F1, action: call back the key account, due: 2026-10-20, done: false}"; } > coaching/2026-10.yaml
git add -A && commit 2026-10-10 chen.jie "one-on-one with sarah.miller"
{ echo "sessions:"; session CS-2 2026-11-05 li.na zhang.wei; } > coaching/2026-11.yaml
targets 80000 40000 30000 10000 9500 > targets/2026.yaml
git add -A && commit 2026-11-05 li.na "one-on-one with zhang.wei; December target of wang.fang"
printf 'person: zhang.wei\nperiod: 2026-Q3\nreviewer: li.na\nstatus: final\n' > reviews/2026-Q3/zhang.wei.yaml
git add -A && commit 2026-11-10 li.na "review of zhang.wei for 2026-Q3"
targets 80000 40000 24000 10000 9500 > targets/2026.yaml
git add -A && commit 2026-11-15 sarah.miller "Q4 target of sarah.miller cut" "Approved-by: chen.jie"
targets 80000 36000 24000 8000 9500 > targets/2026.yaml
git add -A && commit 2026-11-20 zhang.wei "targets of zhang.wei and wang.fang lowered"
sed -i 's/done: false/done: true/' coaching/2026-10.yaml
git add -A && commit 2026-11-25 chen.jie "F1 done"
{ targets 90000 36000 24000 8000 9500; target T-2026-12-zhang.wei-revenue zhang.wei 2026-12 4000; } > targets/2026.yaml
git add -A && commit 2026-12-02 li.na "east raised for Q4; December target of zhang.wei" "Approved-by: chen.jie"
# Commit ids are replaced by their number in the outputs: <1> .. <8>.
subst=""; n=0; for c in $(git rev-list --reverse HEAD); do n=$((n+1)); subst="$subst;s/$c/<$n>/g;s/${c:0:10}/<$n>/g"; done
subst=${subst#;}
