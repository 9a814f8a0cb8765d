#!/usr/bin/env python3
"""Generate a large salesops book for the benchmark, and a ledger journal of its won deals.

    python3 bench/generate.py --deals 1000000 --out /tmp/book-1m [--journal FILE] [--seed 9]

The book follows the formats of salesops-book(5): N deals over 24 monthly files
(2024-12 .. 2026-11), 50 people in 5 teams, one customer per 10 deals in its own file
with interactions (three on average) and surveys (one per two customers on average),
and a revenue and a new_customers target for every rep and month. Today is 2026-11-26.
The output depends only on the arguments (seeded); memory stays proportional to the
customers, not to the deals. --journal writes the won deals as a ledger/hledger journal:
one transaction per won deal, dated on its close, crediting revenue:<owner>.
--extra-keys gives every deal and customer two keys salesops does not know (`notes` and
`legacy_id`), as users add them; the book is otherwise the same, byte for byte in its values.
"""

import argparse
import datetime as dt
import json
import os
import random

TODAY = dt.date(2026, 11, 26)
MONTHS = [(2024, 12)] + [(2025, m) for m in range(1, 13)] + [(2026, m) for m in range(1, 12)]
SURNAMES = ["zhang", "wang", "li", "zhao", "chen", "liu", "yang", "huang", "zhou", "wu"]
GIVEN = ["wei", "na", "jie", "min", "lei"]
HANZI_SUR = "张王李赵陈刘杨黄周吴"
HANZI_GIVEN = ["伟", "娜", "杰", "敏", "磊"]
TEAMS = ["east", "north", "south", "west", "central"]
TEAM_NAMES = ["华东销售部", "华北销售部", "华南销售部", "西部销售部", "华中销售部"]
PRODUCTS = ["widget-basic", "widget-pro", "service-plan", "spare-parts", "training"]
TITLES = ["Annual renewal", "二期扩容", "Pilot rollout", "维保续费", "区域推广", "备件采购", "New line"]
OPEN_STAGES = ["lead", "qualified", "proposal", "negotiation"]
KINDS = ["visit", "call", "email", "meeting", "demo", "care"]
SUMMARIES = ["电话跟进报价", "回访，讨论二期需求", "Product demo", "商务谈判会议", "Sent the quote"]

TOML = """# A generated benchmark book (bench/generate.py).
[org]
name = "Bench Co"
currency = "CNY"
fiscal_year_start = 1
week_start = "monday"

[stages]
order = ["lead", "qualified", "proposal", "negotiation"]
probability = { lead = 0.1, qualified = 0.25, proposal = 0.5, negotiation = 0.75 }

[policy]
revisit_days = { A = 14, B = 30, C = 90 }
one_on_one_days = 14
required_targets = ["revenue", "new_customers"]

[customers]
segments = ["enterprise", "mid-market", "smb"]
"""


def people():
    """50 people: per team a manager and nine reps. Returns (id, name, team, role) rows."""
    out, k = [], 0
    for t in range(5):
        for j in range(10):
            s, g = SURNAMES[k // 5], GIVEN[k % 5]
            out.append((f"{s}.{g}", HANZI_SUR[k // 5] + HANZI_GIVEN[k % 5], TEAMS[t], "manager" if j == 0 else "rep"))
            k += 1
    return out


def write_team(out, staff):
    lines = ["teams:"]
    for t, name in enumerate(TEAM_NAMES):
        lines += [f"  - id: {TEAMS[t]}", f"    name: {name}", f"    manager: {staff[t * 10][0]}"]
    lines.append("people:")
    for pid, name, team, role in staff:
        lines += [f"  - id: {pid}", f"    name: {name}", f"    team: {team}", f"    role: {role}",
                  f"    email: {pid}@example.com", "    joined: 2020-01-06"]
    with open(os.path.join(out, "team.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def day_in(rng, year, month):
    first = dt.date(year, month, 1)
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return first + dt.timedelta(days=rng.randrange((nxt - first).days))


def extra_lines(indent, n):
    """The two keys outside the schema that --extra-keys adds to a record."""
    return [f"{indent}notes: Followed up by phone, see the shared drive", f"{indent}legacy_id: L-{n:07d}"]


def write_customers(out, rng, count, reps, extra=False):
    os.makedirs(os.path.join(out, "customers"), exist_ok=True)
    owners, counts = [], {"interactions": 0, "surveys": 0}
    start, span = dt.date(2024, 12, 1), (TODAY - dt.date(2024, 12, 1)).days
    for c in range(1, count + 1):
        cid = f"C-{c:06d}"
        owner = reps[rng.randrange(len(reps))]
        owners.append(owner)
        lines = [f"id: {cid}", f"name: 客户{c:06d}", f"owner: {owner}", f"tier: {'ABC'[rng.randrange(3)]}",
                 f"segment: {['enterprise', 'mid-market', 'smb'][rng.randrange(3)]}", "industry: manufacturing",
                 "region: east", "source: referral", "since: 2024-06-01"]
        if extra:
            lines += extra_lines("", c)
        lines += ["contacts:", f"  - name: 联系人{c}", "    title: 采购经理", "interactions:"]
        dates = sorted(start + dt.timedelta(days=rng.randrange(span)) for _ in range(rng.randrange(7)))
        for d in dates:
            lines += [f"  - date: {d.isoformat()}", f"    type: {KINDS[rng.randrange(6)]}", f"    by: {owner}",
                      f"    summary: {SUMMARIES[rng.randrange(5)]}"]
        if not dates:
            lines[-1] = "interactions: []"
        counts["interactions"] += len(dates)
        if rng.randrange(2) == 0:
            d = start + dt.timedelta(days=rng.randrange(span))
            counts["surveys"] += 1
            lines += ["surveys:", f"  - date: {d.isoformat()}", f"    csat: {rng.randint(1, 5)}", f"    nps: {rng.randint(0, 10)}"]
        with open(os.path.join(out, "customers", cid + ".yaml"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    return owners, counts


def write_deals(out, rng, count, owners, journal, extra=False):
    os.makedirs(os.path.join(out, "deals"), exist_ok=True)
    n = won = 0
    for i, (year, month) in enumerate(MONTHS):
        in_month = count * (i + 1) // len(MONTHS) - count * i // len(MONTHS)
        opened = sorted(day_in(rng, year, month) for _ in range(in_month))
        parts = [f"# Deals opened in {year}-{month:02d}.\n"]
        for o in opened:
            n += 1
            c = rng.randrange(len(owners))
            owner = owners[c]
            cents = rng.randrange(100000, 20000000)
            amount = f"{cents // 100}.{cents % 100:02d}" if cents % 7 else str(cents // 100)
            roll = rng.random()
            closed = o + dt.timedelta(days=rng.randrange(3, 75))
            stage = "won" if roll < 0.32 else "lost" if roll < 0.6 else OPEN_STAGES[rng.randrange(4)]
            if closed > TODAY and stage in ("won", "lost"):
                stage = OPEN_STAGES[rng.randrange(4)]
            expected = o + dt.timedelta(days=rng.randrange(10, 90))
            did = f"D-{n:07d}"
            rec = (f"- id: {did}\n  customer: C-{c + 1:06d}\n  owner: {owner}\n  title: {TITLES[rng.randrange(7)]}\n"
                   f"  product: {PRODUCTS[rng.randrange(5)]}\n  amount: {amount}\n  stage: {stage}\n"
                   f"  opened: {o.isoformat()}\n  expected_close: {expected.isoformat()}\n")
            if extra:
                rec += "".join(line + "\n" for line in extra_lines("  ", n))
            if stage in ("won", "lost"):
                rec += f"  closed: {closed.isoformat()}\n"
                if stage == "lost":
                    rec += "  lost_reason: price\n"
                rec += (f"  history:\n    - {{date: {o.isoformat()}, stage: lead}}\n"
                        f"    - {{date: {closed.isoformat()}, stage: {stage}}}\n")
                won += stage == "won"
                if stage == "won" and journal:
                    journal.write(f"{closed.isoformat()} {did}\n    revenue:{owner}  -{amount} CNY\n    assets:receivable\n\n")
            else:
                rec += f"  history:\n    - {{date: {o.isoformat()}, stage: {stage}}}\n"
            parts.append(rec)
        with open(os.path.join(out, "deals", f"{year}-{month:02d}.yaml"), "w", encoding="utf-8") as f:
            f.write("".join(parts))
    return won


def write_targets(out, rng, reps):
    targets = []
    os.makedirs(os.path.join(out, "targets"), exist_ok=True)
    for year in (2024, 2025, 2026):
        lines = []
        for y, m in MONTHS:
            if y != year:
                continue
            for rep in reps:
                for metric, value in (("revenue", rng.randrange(50, 400) * 10000), ("new_customers", rng.randrange(1, 6))):
                    targets.append(1)
                    lines += [f"- id: T-{y}-{m:02d}-{rep}-{metric}", f"  owner: {rep}", f"  metric: {metric}",
                              f"  period: {y}-{m:02d}", f"  value: {value}"]
        with open(os.path.join(out, "targets", f"{year}.yaml"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    return len(targets)


def main():
    ap = argparse.ArgumentParser(description="Generate a benchmark book (deterministic).")
    ap.add_argument("--out", required=True)
    ap.add_argument("--deals", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--journal", help="also write the won deals as a ledger journal here")
    ap.add_argument("--extra-keys", action="store_true", help="give every deal and customer two keys outside the schema")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "salesops.toml"), "w", encoding="utf-8") as f:
        f.write(TOML)
    staff = people()
    write_team(a.out, staff)
    reps = [p[0] for p in staff if p[3] == "rep"]
    owners, counts = write_customers(a.out, rng, max(1, a.deals // 10), reps, a.extra_keys)
    journal = open(a.journal, "w", encoding="utf-8") if a.journal else None
    won = write_deals(a.out, rng, a.deals, owners, journal, a.extra_keys)
    if journal:
        journal.close()
    counts.update(people=len(staff), customers=len(owners), deals=a.deals, won=won,
                  targets=write_targets(a.out, rng, reps))
    print(json.dumps(counts))  # the records written, for the benchmark's records/s


if __name__ == "__main__":
    main()
