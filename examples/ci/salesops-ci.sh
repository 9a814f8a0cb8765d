#!/bin/sh
# The commands of the CI jobs in this directory, one per job, so that a job runs the same
# thing on GitHub, on GitLab and on a laptop. Run from the book's directory, with
# `salesops` on the PATH and the book's full git history fetched.
#
#   salesops-ci.sh check                  validate every record and audit the policies
#                                         (annotations on GitHub Actions)
#   salesops-ci.sh diff BASE              the pull request's changes as markdown
#   salesops-ci.sh approvals BASE         every change to targets and reward plans approved
#   salesops-ci.sh scorecard YYYY-MM      commit the month's KPI scorecard
set -eu

usage() {
  echo "usage: salesops-ci.sh check | diff BASE | approvals BASE | scorecard YYYY-MM" >&2
  exit 2
}

[ $# -ge 1 ] || usage
job=$1
shift
case "$job" in
  check)
    # On GitHub Actions the findings are annotations on the pull request's lines.
    if [ "${GITHUB_ACTIONS:-}" = "true" ]; then
      salesops check --format github
    else
      salesops check
    fi
    ;;
  diff)
    [ $# -eq 1 ] || usage
    # Against the merge base, as the pull request shows its changes.
    salesops diff "$(git merge-base "$1" HEAD)" HEAD --format md
    ;;
  approvals)
    [ $# -eq 1 ] || usage
    salesops check --approvals "$1..HEAD"
    ;;
  scorecard)
    [ $# -eq 1 ] || usage
    mkdir -p scorecards
    salesops kpi --period "$1" --by person -o "scorecards/$1.csv"
    salesops kpi --period "$1" --by team -o "scorecards/$1-teams.csv"
    git add scorecards
    if git diff --cached --quiet; then
      echo "scorecards/$1.csv is up to date"
    else
      git commit -q -m "Scorecard $1"
      echo "committed scorecards/$1.csv and scorecards/$1-teams.csv"
    fi
    ;;
  *)
    usage
    ;;
esac
