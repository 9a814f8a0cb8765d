# Sourced by tests/data/trend/*-repo.sh with the organisation's name: defines commit DATE
# WHO SUBJECT (every change committed, author and committer dates fixed) and makes ./b, the
# start of a book for git: salesops.toml, team east (manager li.na, rep zhang.wei) and the
# customer C-1, then enters it.
commit() { GIT_AUTHOR_DATE="$1T10:00:00Z" GIT_COMMITTER_DATE="$1T10:00:00Z" git -c user.name="$2" -c user.email="$2@example.com" commit -qam "$3"; }
mkdir -p b/deals b/customers && cd b
cat > salesops.toml <<TOML
[org]
name = "$1"
currency = "CNY"
TOML
cat > team.yaml <<'YAML'
teams:
  - {id: east, name: East, manager: li.na}
people:
  - {id: li.na, name: 李娜, team: east, role: manager}
  - {id: zhang.wei, name: 张伟, team: east, role: rep}
YAML
cat > customers/C-1.yaml <<'YAML'
id: C-1
name: Acme
owner: zhang.wei
tier: A
YAML
