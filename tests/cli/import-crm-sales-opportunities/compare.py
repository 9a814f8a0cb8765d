"""Figures per sales agent and per team computed straight from the CRM export, compared with
salesops kpi on the book the import made. Usage: compare.py DATASET_DIR PEOPLE_CSV TEAMS_CSV"""
import csv
import sys
from collections import defaultdict

data, people_csv, teams_csv = sys.argv[1:4]
won, lost, revenue = defaultdict(int), defaultdict(int), defaultdict(int)  # revenue in cents
for r in csv.DictReader(open(f"{data}/sales_pipeline.csv", encoding="utf-8")):
    if r["deal_stage"] == "Won":
        won[r["sales_agent"]] += 1
        revenue[r["sales_agent"]] += round(float(r["close_value"]) * 100)
    elif r["deal_stage"] == "Lost":
        lost[r["sales_agent"]] += 1

groups = defaultdict(set)  # team name -> agents
agents = []
for r in csv.DictReader(open(f"{data}/sales_teams.csv", encoding="utf-8")):
    agents.append(r["sales_agent"])
    groups[r["regional_office"]].add(r["sales_agent"])
    groups[r["manager"]].add(r["sales_agent"])


def expected(members):
    w = sum(won[a] for a in members)
    l_ = sum(lost[a] for a in members)
    return w, sum(revenue[a] for a in members), (w / (w + l_) if w + l_ else None)


def compare(kpi_csv, names, what):
    rows = {r["name"]: r for r in csv.DictReader(open(kpi_csv, encoding="utf-8"))}
    bad = 0
    for name, members in names:
        w, cents, rate = expected(members)
        r = rows.get(name)
        got = None
        if r is not None:
            got = (int(r["deals_won"]), round(float(r["revenue"]) * 100), float(r["win_rate"]) if r["win_rate"] else None)
        ok = got is not None and got[0] == w and got[1] == cents and (
            (rate is None and got[2] is None) or (rate is not None and got[2] is not None and abs(got[2] - rate) < 5e-7))
        if not ok:
            bad += 1
            print(f"{what} {name}: expected {(w, cents, rate)}, got {got}")
    print(f"{what}: {len(names) - bad} of {len(names)} equal")


offices = sorted({r["regional_office"] for r in csv.DictReader(open(f"{data}/sales_teams.csv"))})
managers = sorted({r["manager"] for r in csv.DictReader(open(f"{data}/sales_teams.csv"))})
compare(people_csv, [(a, {a}) for a in agents], "sales agents")
compare(teams_csv, [(o, groups[o]) for o in offices], "regional offices")
compare(teams_csv, [(m, groups[m]) for m in managers], "managers' teams")
print(f"total: {sum(won.values())} won, {sum(lost.values())} lost, revenue {sum(revenue.values()) / 100:.2f}")
