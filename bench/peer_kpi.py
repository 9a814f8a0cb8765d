#!/usr/bin/env python3
"""The peer a user would otherwise write: the KPI table of `salesops kpi --period P
--format csv` (per person, the default KPIs) computed by a Python script over the book's
YAML with PyYAML's C loader.

    python3 bench/peer_kpi.py BOOK PERIOD        PERIOD is a month, YYYY-MM

It prints the same CSV columns as salesops; bench/compare_kpi.py checks the numbers agree.
"""

import os
import sys

import yaml


def load(path):
    with open(path, "rb") as f:
        return yaml.load(f, Loader=yaml.CSafeLoader)


def day(v):
    return v.isoformat() if hasattr(v, "isoformat") else str(v)


def records(book, directory):
    root = os.path.join(book, directory)
    if not os.path.isdir(root):
        return
    for name in sorted(os.listdir(root)):
        if name.endswith(".yaml") and not name.startswith("."):
            yield load(os.path.join(root, name))


def main():
    book, period = sys.argv[1], sys.argv[2]
    team = load(os.path.join(book, "team.yaml"))
    people = team["people"]
    acc = {p["id"]: {"revenue": 0, "won": 0, "lost": 0, "new": 0, "activities": 0, "csat_sum": 0, "csat_n": 0}
           for p in people}
    in_period = lambda d: d is not None and day(d)[:7] == period
    for c in records(book, "customers"):
        for i in c.get("interactions") or []:
            if in_period(i.get("date")) and i.get("by") in acc:
                acc[i["by"]]["activities"] += 1
        for s in c.get("surveys") or []:
            if in_period(s.get("date")) and s.get("csat") is not None and c.get("owner") in acc:
                acc[c["owner"]]["csat_sum"] += s["csat"]
                acc[c["owner"]]["csat_n"] += 1
    first = {}
    for deals in records(book, "deals"):
        for d in deals or []:
            stage, owner, closed = d.get("stage"), d.get("owner"), d.get("closed")
            cents = round(float(d.get("amount", 0)) * 100) if isinstance(d.get("amount"), float) else int(d.get("amount", 0)) * 100
            if stage == "won" and closed is not None:
                key = (day(closed), str(d["id"]))
                cur = first.get(d.get("customer"))
                if cur is None or key < cur[0]:
                    first[d.get("customer")] = (key, owner)
            if owner not in acc or not in_period(closed):
                continue
            if stage == "won":
                acc[owner]["revenue"] += cents
                acc[owner]["won"] += 1
            elif stage == "lost":
                acc[owner]["lost"] += 1
    for (closed, _), owner in first.values():
        if closed[:7] == period and owner in acc:
            acc[owner]["new"] += 1
    print("owner,name,revenue,deals_won,win_rate,avg_deal_size,new_customers,activities,csat")
    for p in people:
        a = acc[p["id"]]
        decided = a["won"] + a["lost"]
        win_rate = f"{a['won'] / decided:.6f}" if decided else ""
        q, r = divmod(a["revenue"], a["won"] or 1)
        q += 2 * r >= (a["won"] or 1)  # to the nearest cent, halves away from zero
        avg = f"{q // 100}.{q % 100:02d}" if a["won"] else ""
        csat = f"{a['csat_sum'] / a['csat_n']:.6f}" if a["csat_n"] else ""
        print(f"{p['id']},{p['name']},{a['revenue'] // 100}.{a['revenue'] % 100:02d},{a['won']},{win_rate},{avg},"
              f"{a['new']},{a['activities']},{csat}")


if __name__ == "__main__":
    main()
