#!/usr/bin/env python3
"""Independent consistency check of a generated book (needs PyYAML: python3-yaml).

    python3 examples/validate.py examples/book [--today 2026-11-26]

Parses every record file, checks the rules of the data formats (references, unique
ids, dates, money, deal histories, split targets adding up) and prints the book's
statistics. Exit status 1 when a problem is found. It is a cross-check of the example
data, written separately from `salesops check`, and much slower than it.
"""

import argparse
import datetime as dt
import glob
import os
import re
import sys
import tomllib
from collections import Counter, defaultdict

try:
    import yaml
    Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
except ImportError:
    sys.exit("validate.py needs PyYAML (apt-get install python3-yaml)")

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
MONEY_RE = re.compile(r"^\s*-?\s*(amount|value|baseline|cap|per_deal):\s*(-?\d+(\.\d+)?)\b")
PERIOD_RE = re.compile(r"^\d{4}(-Q[1-4]|-\d{2})?$")
BUILTIN_KPIS = {"revenue", "deals_won", "deals_lost", "win_rate", "avg_deal_size",
                "sales_cycle_days", "new_customers", "pipeline", "weighted_pipeline",
                "activities", "visits", "csat", "nps", "followups_overdue",
                "training_hours", "coaching_sessions", "plan_completion"}

errors = []


def err(msg):
    errors.append(msg)
    if len(errors) <= 50:
        print("error:", msg, file=sys.stderr)


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for n, line in enumerate(text.splitlines(), 1):
        m = MONEY_RE.match(line)
        if m and m.group(3) and len(m.group(3)) > 3:
            err("%s:%d: more than two decimals: %s" % (path, n, line.strip()))
        if "\t" in line:
            err("%s:%d: tab character" % (path, n))
    return yaml.load(text, Loader=Loader)


def is_date(v):
    return isinstance(v, dt.date) and not isinstance(v, dt.datetime)


def period_range(p):
    p = str(p)
    if re.fullmatch(r"\d{4}", p):
        y = int(p)
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    m = re.fullmatch(r"(\d{4})-Q([1-4])", p)
    if m:
        y, n = int(m.group(1)), int(m.group(2))
        a = dt.date(y, 3 * n - 2, 1)
        b = dt.date(y + (n == 4), 1 if n == 4 else 3 * n + 1, 1) - dt.timedelta(days=1)
        return a, b
    m = re.fullmatch(r"(\d{4})-(\d{2})", p)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        a = dt.date(y, mo, 1)
        b = dt.date(y + (mo == 12), 1 if mo == 12 else mo + 1, 1) - dt.timedelta(days=1)
        return a, b
    raise ValueError(p)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("book")
    ap.add_argument("--today", default="2026-11-26")
    a = ap.parse_args()
    book = a.book
    today = dt.date.fromisoformat(a.today)
    stats = Counter()

    with open(os.path.join(book, "salesops.toml"), "rb") as f:
        cfg = tomllib.load(f)
    stages = cfg["stages"]["order"]
    prob = cfg["stages"]["probability"]
    assert set(prob) == set(stages)
    segments = set(cfg.get("customers", {}).get("segments", []))
    season = cfg.get("seasonality", {})
    if season and abs(sum(season.values()) - 1) > 1e-9:
        err("seasonality weights sum to %s" % sum(season.values()))
    weights = cfg["review"]["weights"]
    kpis = BUILTIN_KPIS | set(cfg.get("kpi", {}))

    # --- team
    team = load(os.path.join(book, "team.yaml"))
    teams = {t["id"]: t for t in team["teams"]}
    people = {p["id"]: p for p in team["people"]}
    if len(teams) != len(team["teams"]) or len(people) != len(team["people"]):
        err("duplicate team or person id")
    for t in teams.values():
        if t.get("parent") and t["parent"] not in teams:
            err("team %s: unknown parent" % t["id"])
        if t.get("manager") not in people:
            err("team %s: unknown manager" % t["id"])
    for p in people.values():
        if not ID_RE.match(p["id"]) or p["team"] not in teams:
            err("person %s: bad id or team" % p["id"])
        if p["role"] not in ("rep", "manager", "director", "ops"):
            err("person %s: role" % p["id"])
        if not is_date(p["joined"]) or ("left" in p and not is_date(p["left"])):
            err("person %s: dates" % p["id"])
        if not isinstance(p["name"], str):
            err("person %s: name is not a string" % p["id"])

    def active(pid, d):
        p = people[pid]
        return p["joined"] <= d and (p.get("left") is None or d <= p["left"])

    # --- customers
    customers = {}
    last_contact = {}
    overdue_followups = 0
    fu_done_later = 0
    surveys_by_owner = defaultdict(list)
    for path in sorted(glob.glob(os.path.join(book, "customers", "*.yaml"))):
        c = load(path)
        cid = c["id"]
        if cid in customers:
            err("duplicate customer %s" % cid)
        customers[cid] = c
        if os.path.basename(path) != cid + ".yaml":
            err("%s: file name differs from id" % path)
        if c["owner"] not in people or not active(c["owner"], today):
            err("%s: owner %s unknown or inactive" % (cid, c["owner"]))
        if c["tier"] not in ("A", "B", "C") or (segments and c["segment"] not in segments):
            err("%s: tier/segment" % cid)
        for k in ("name", "industry", "region", "source"):
            if not isinstance(c.get(k), str):
                err("%s: %s is not a string" % (cid, k))
        if not is_date(c["since"]):
            err("%s: since" % cid)
        for ct in c.get("contacts", []):
            if not isinstance(ct["name"], str) or ("phone" in ct and not isinstance(ct["phone"], str)):
                err("%s: contact types" % cid)
        prev = None
        its = c.get("interactions", [])
        for i, it in enumerate(its):
            stats["interactions"] += 1
            stats["interaction:" + it["type"]] += 1
            if it["type"] not in ("visit", "call", "email", "meeting", "demo", "care"):
                err("%s: interaction type" % cid)
            if not is_date(it["date"]) or it["date"] > today or it["date"] < c["since"]:
                err("%s: interaction date %s" % (cid, it["date"]))
            if prev and it["date"] < prev:
                err("%s: interactions out of order" % cid)
            prev = it["date"]
            if it["by"] not in people or not active(it["by"], it["date"]):
                err("%s: interaction by %s (inactive or unknown)" % (cid, it["by"]))
            if not isinstance(it["summary"], str):
                err("%s: summary type" % cid)
            if "next" in it:
                stats["next"] += 1
                later = any(o["date"] > it["date"] for o in its[i + 1:])
                if it["next"] < today and not later:
                    overdue_followups += 1
                elif later:
                    fu_done_later += 1
        if its:
            last_contact[cid] = its[-1]["date"]
        for s in c.get("surveys", []):
            stats["surveys"] += 1
            if "csat" in s:
                stats["csat"] += 1
                if not 1 <= s["csat"] <= 5:
                    err("%s: csat" % cid)
            if "nps" in s:
                stats["nps"] += 1
                if not 0 <= s["nps"] <= 10:
                    err("%s: nps" % cid)
            if "csat" not in s and "nps" not in s:
                err("%s: empty survey" % cid)
    revisit = cfg["policy"]["revisit_days"]
    due_revisit = sum(1 for cid, c in customers.items()
                      if cid not in last_contact or (today - last_contact[cid]).days > revisit[c["tier"]])

    # --- deals
    deal_ids = set()
    rev = defaultdict(int)       # (owner, YYYY-MM) -> cents
    won = defaultdict(int)
    lost = defaultdict(int)
    first_win = {}
    months = set()
    for path in sorted(glob.glob(os.path.join(book, "deals", "*.yaml"))):
        month = os.path.basename(path)[:-5]
        months.add(month)
        for d in load(path):
            stats["deals"] += 1
            did = d["id"]
            if did in deal_ids:
                err("duplicate deal %s" % did)
            deal_ids.add(did)
            st = d["stage"]
            stats["stage:" + st] += 1
            if st not in stages and st not in ("won", "lost"):
                err("%s: stage %s" % (did, st))
            if d["owner"] not in people:
                err("%s: owner" % did)
            if "customer" in d and d["customer"] not in customers:
                err("%s: customer %s" % (did, d["customer"]))
            opened = d.get("opened")
            if opened is None or opened.isoformat()[:7] != month:
                err("%s: opened %s not in file %s" % (did, opened, month))
            if opened > today:
                err("%s: opened in the future" % did)
            amount = d.get("amount")
            if amount is not None and (not isinstance(amount, (int, float)) or amount <= 0):
                err("%s: amount" % did)
            closed = d.get("closed")
            h = d["history"]
            if h[0]["date"] != opened:
                err("%s: history does not start on opened" % did)
            if h[-1]["stage"] != st:
                err("%s: last history stage %s != %s" % (did, h[-1]["stage"], st))
            for x, y in zip(h, h[1:]):
                if y["date"] < x["date"]:
                    err("%s: history out of order" % did)
            for e in h:
                if e["stage"] not in stages and e["stage"] not in ("won", "lost"):
                    err("%s: history stage" % did)
            if st in ("won", "lost"):
                if closed is None or "customer" not in d or amount is None:
                    err("%s: closed deal lacks closed/customer/amount" % did)
                    continue
                if closed < opened or closed > today or h[-1]["date"] != closed:
                    err("%s: closed date %s" % (did, closed))
                if not active(d["owner"], closed):
                    err("%s: owner %s not active on %s" % (did, d["owner"], closed))
                key = (d["owner"], closed.isoformat()[:7])
                if st == "won":
                    cents = round(amount * 100)
                    rev[key] += cents
                    won[key] += 1
                    fw = first_win.get(d["customer"])
                    if fw is None or (closed, did) < fw[:2]:
                        first_win[d["customer"]] = (closed, did, d["owner"])
                    if amount >= 100000:
                        stats["big_deals"] += 1
                else:
                    lost[key] += 1
                    if "lost_reason" in d:
                        stats["lost_reason"] += 1
                if "lost_reason" in d and st != "lost":
                    err("%s: lost_reason on a won deal" % did)
            else:
                if closed is not None:
                    err("%s: open deal with closed" % did)
                if "expected_close" not in d:
                    err("%s: open deal without expected_close" % did)
                elif d["expected_close"] < today:
                    stats["open_slipped"] += 1
                if h[-1]["date"] > today:
                    err("%s: history in the future" % did)
                if not active(d["owner"], today):
                    err("%s: open deal of inactive %s" % (did, d["owner"]))
                if "customer" not in d:
                    stats["open_no_customer"] += 1
                if amount is None:
                    stats["open_no_amount"] += 1
    newc = defaultdict(int)
    for cid, (closed, did, ow) in first_win.items():
        newc[(ow, closed.isoformat()[:7])] += 1

    # every active rep wins in every month
    reps = [p for p in people.values() if p["role"] == "rep"]
    missing = []
    for m in sorted(months):
        a_, b_ = period_range(m)
        b_ = min(b_, today)
        for p in reps:
            if p["joined"] <= b_ and (p.get("left") is None or p["left"] >= a_):
                if not won[(p["id"], m)]:
                    missing.append((p["id"], m))
    if missing:
        err("rep-months without a won deal: %s" % missing[:10])

    # --- targets
    targets = {}
    for path in sorted(glob.glob(os.path.join(book, "targets", "*.yaml"))):
        year = int(os.path.basename(path)[:4])
        for t in load(path):
            tid = t["id"]
            if tid in targets:
                err("duplicate target %s" % tid)
            targets[tid] = t
            per = str(t["period"])
            if not PERIOD_RE.match(per) or period_range(per)[1].year != year:
                err("%s: period %s in file %d" % (tid, per, year))
            if t["owner"] != "company" and t["owner"] not in teams and t["owner"] not in people:
                err("%s: owner" % tid)
            if t["metric"] not in kpis:
                err("%s: metric" % tid)
            if not isinstance(t["value"], (int, float)):
                err("%s: value" % tid)
    children = defaultdict(list)
    for t in targets.values():
        if "parent" in t:
            if t["parent"] not in targets:
                err("%s: parent %s missing" % (t["id"], t["parent"]))
            else:
                children[t["parent"]].append(t)
                par = targets[t["parent"]]
                if par["metric"] != t["metric"]:
                    err("%s: metric differs from parent" % t["id"])
                pa, pb = period_range(par["period"])
                ca, cb = period_range(t["period"])
                if ca < pa or cb > pb:
                    err("%s: period outside parent's" % t["id"])
        if "plan" in t and not os.path.exists(os.path.join(book, "plans", "%s.yaml" % t["plan"][2:])):
            err("%s: plan %s" % (t["id"], t["plan"]))
    for pid, ch in children.items():
        s = round(sum(c["value"] for c in ch), 2)
        if s != targets[pid]["value"]:
            err("%s: children sum to %s, not %s" % (pid, s, targets[pid]["value"]))
    # required targets
    for m in sorted(months) + ["%d-12" % today.year]:
        a_, b_ = period_range(m)
        for p in reps:
            if p["joined"] <= b_ and (p.get("left") is None or p["left"] >= a_):
                for metric in cfg["policy"]["required_targets"]:
                    if "T-%s-%s-%s" % (m, p["id"], metric) not in targets:
                        err("missing target %s %s %s" % (m, p["id"], metric))
    # attainment of person monthly revenue targets over complete months
    atts = []
    for t in targets.values():
        if t["metric"] == "revenue" and t["owner"] in people and re.fullmatch(r"\d{4}-\d{2}", str(t["period"])):
            if period_range(t["period"])[1] < today:
                atts.append(rev[(t["owner"], str(t["period"]))] / 100 / t["value"])
    atts.sort()
    qatts = []
    for t in targets.values():
        if t["metric"] == "revenue" and t["owner"] in people and re.fullmatch(r"\d{4}-Q\d", str(t["period"])):
            a_, b_ = period_range(t["period"])
            if b_ < today:
                ms = [m for m in months if a_ <= period_range(m)[0] <= b_]
                qatts.append(sum(rev[(t["owner"], m)] for m in ms) / 100 / t["value"])
    qatts.sort()
    ncatts = []
    for t in targets.values():
        if t["metric"] == "new_customers" and t["owner"] in people and re.fullmatch(r"\d{4}-Q\d", str(t["period"])):
            a_, b_ = period_range(t["period"])
            if b_ < today:
                ms = [m for m in months if a_ <= period_range(m)[0] <= b_]
                ncatts.append(sum(newc[(t["owner"], m)] for m in ms) / t["value"])
    ncatts.sort()
    in_band = sum(1 for x in atts if 0.6 <= x <= 1.4)

    # --- plans
    plan_ids = set()
    n_actions = 0
    for path in sorted(glob.glob(os.path.join(book, "plans", "*.yaml"))):
        pl = load(path)
        plan_ids.add(pl["id"])
        if pl["owner"] not in people:
            err("%s: owner" % pl["id"])
        segs = {s["id"] for s in pl.get("segments", [])}
        strs = {s["id"] for s in pl.get("strategies", [])}
        for s in pl.get("strategies", []):
            if s["kind"] not in ("product", "pricing", "channel", "promotion", "other"):
                err("%s/%s: kind" % (pl["id"], s["id"]))
            if "segment" in s and s["segment"] not in segs:
                err("%s/%s: segment" % (pl["id"], s["id"]))
        ids = set()
        pa, pb = period_range(pl["period"])
        for ac in pl.get("actions", []):
            n_actions += 1
            stats["action:" + ac["status"]] += 1
            if ac["id"] in ids:
                err("%s: duplicate action" % pl["id"])
            ids.add(ac["id"])
            if ac["owner"] not in people or ac.get("strategy", "S1") not in strs:
                err("%s/%s: owner/strategy" % (pl["id"], ac["id"]))
            if "target" in ac and ac["target"] not in targets:
                err("%s/%s: target %s" % (pl["id"], ac["id"], ac["target"]))
            if not pa <= ac["due"] <= pb:
                err("%s/%s: due outside the plan period" % (pl["id"], ac["id"]))
            if (ac["status"] == "done") != ("done_on" in ac):
                err("%s/%s: done_on" % (pl["id"], ac["id"]))
            if "done_on" in ac and ac["done_on"] > today:
                err("%s/%s: done in the future" % (pl["id"], ac["id"]))

    # --- coaching
    sess_ids, tr_ids = set(), set()
    last_session = {}
    for path in sorted(glob.glob(os.path.join(book, "coaching", "*.yaml"))):
        month = os.path.basename(path)[:-5]
        doc = load(path)
        for s in doc.get("sessions") or []:
            stats["sessions"] += 1
            if s["id"] in sess_ids:
                err("duplicate session %s" % s["id"])
            sess_ids.add(s["id"])
            if s["date"].isoformat()[:7] != month or s["date"] > today:
                err("%s: date" % s["id"])
            for k in ("coach", "person"):
                if s[k] not in people or not active(s[k], s["date"]):
                    err("%s: %s" % (s["id"], k))
            fids = [f["id"] for f in s.get("follow_ups", [])]
            if len(set(fids)) != len(fids):
                err("%s: follow-up ids" % s["id"])
            stats["follow_ups"] += len(fids)
            stats["follow_ups_done"] += sum(1 for f in s.get("follow_ups", []) if f["done"])
            for v in (s.get("ratings") or {}).values():
                if not 1 <= v <= 5:
                    err("%s: rating" % s["id"])
            if s["kind"] == "one-on-one":
                last_session[s["person"]] = max(last_session.get(s["person"], s["date"]), s["date"])
        for t in doc.get("trainings") or []:
            stats["trainings"] += 1
            if t["id"] in tr_ids:
                err("duplicate training %s" % t["id"])
            tr_ids.add(t["id"])
            for at in t["attendees"]:
                if at["person"] not in people:
                    err("%s: attendee" % t["id"])
    gap = cfg["policy"]["one_on_one_days"]
    coach_overdue = sorted(p["id"] for p in reps if active(p["id"], today) and
                           (p["id"] not in last_session or (today - last_session[p["id"]]).days > gap))

    # --- reviews
    n_reviews = 0
    for path in sorted(glob.glob(os.path.join(book, "reviews", "*", "*.yaml"))):
        r = load(path)
        n_reviews += 1
        stats["review:" + r["status"]] += 1
        period = os.path.basename(os.path.dirname(path))
        if r["period"] != period or r["person"] + ".yaml" != os.path.basename(path):
            err("%s: period/person" % path)
        if r["person"] not in people or r["reviewer"] not in people:
            err("%s: person/reviewer" % path)
        for k in r.get("qualitative", {}):
            if k not in weights:
                err("%s: qualitative %s not weighted" % (path, k))
        qa = r.get("quantitative", {})
        a_, b_ = period_range(period)
        ms = [m for m in sorted(months) if a_ <= period_range(m)[0] <= b_]
        actual = sum(rev[(r["person"], m)] for m in ms)
        if "revenue" in qa and round(qa["revenue"]["actual"] * 100) != actual:
            err("%s: revenue actual %s != %s" % (path, qa["revenue"]["actual"], actual / 100))
        t = targets.get("T-%s-%s-revenue" % (period, r["person"]))
        if t and qa["revenue"].get("target") != t["value"]:
            err("%s: revenue target differs" % path)

    # --- rewards
    rp = load(os.path.join(book, "rewards", "plans.yaml"))
    for p in rp["plans"]:
        ap_ = p["applies_to"]
        if "team" in ap_ and ap_["team"] not in teams:
            err("reward plan %s: team" % p["id"])
        for x in ap_.get("people", []):
            if x not in people:
                err("reward plan %s: person" % p["id"])
    grant_ids = set()
    n_grants = 0
    for path in sorted(glob.glob(os.path.join(book, "rewards", "[0-9]*.yaml"))):
        for g in load(path)["grants"]:
            n_grants += 1
            stats["grant:" + g["kind"]] += 1
            if g["id"] in grant_ids:
                err("duplicate grant %s" % g["id"])
            grant_ids.add(g["id"])
            if ("person" in g and g["person"] not in people) or ("team" in g and g["team"] not in teams):
                err("%s: recipient" % g["id"])
            if g["date"] > today:
                err("%s: in the future" % g["id"])

    # --- report
    files = sum(len(fs) for _, _, fs in os.walk(book))
    total_won = sum(won.values())
    total_lost = sum(lost.values())
    print("files                 %d" % files)
    print("teams / people        %d / %d (%s)" % (len(teams), len(people), ", ".join(
        "%d %s" % (n, r) for r, n in sorted(Counter(p["role"] for p in people.values()).items()))))
    print("customers             %d (tiers %s)" % (len(customers), dict(sorted(Counter(c["tier"] for c in customers.values()).items()))))
    print("  interactions        %d (with next: %d; overdue follow-ups: %d; done by a later contact: %d)"
          % (stats["interactions"], stats["next"], overdue_followups, fu_done_later))
    print("  surveys             %d (csat %d, nps %d)" % (stats["surveys"], stats["csat"], stats["nps"]))
    print("  due for a revisit   %d" % due_revisit)
    print("deals                 %d in %d monthly files (%s .. %s)" % (stats["deals"], len(months), min(months), max(months)))
    print("  by stage            %s" % ", ".join("%s %d" % (s, stats["stage:" + s]) for s in stages + ["won", "lost"]))
    print("  win rate            %.1f%%" % (100 * total_won / (total_won + total_lost)))
    print("  revenue             %s" % "{:,.2f}".format(sum(rev.values()) / 100))
    print("  won over 100k       %d" % stats["big_deals"])
    print("  open w/o customer   %d, w/o amount %d, slipped %d" % (stats["open_no_customer"], stats["open_no_amount"], stats["open_slipped"]))
    print("  new customers       %d" % sum(newc.values()))
    print("targets               %d (%d with a parent, %d parents)" % (len(targets), sum(1 for t in targets.values() if "parent" in t), len(children)))
    if atts:
        print("  monthly attainment  median %.2f, %d of %d within 60%%-140%%" % (atts[len(atts) // 2], in_band, len(atts)))
    if qatts:
        print("  quarter attainment  median %.2f, %d of %d within 60%%-140%% (min %.2f, max %.2f)" % (qatts[len(qatts) // 2], sum(1 for x in qatts if 0.6 <= x <= 1.4), len(qatts), qatts[0], qatts[-1]))
    if ncatts:
        print("  new-customer att.   median %.2f over %d quarter targets (min %.2f, max %.2f)" % (ncatts[len(ncatts) // 2], len(ncatts), ncatts[0], ncatts[-1]))
    print("plans                 %d (%d actions: %s)" % (len(plan_ids), n_actions, ", ".join(
        "%s %d" % (s, stats["action:" + s]) for s in ("open", "done", "dropped"))))
    print("coaching              %d sessions, %d follow-ups (%d done), %d trainings; 1:1 overdue: %s"
          % (stats["sessions"], stats["follow_ups"], stats["follow_ups_done"], stats["trainings"], ", ".join(coach_overdue)))
    print("reviews               %d (final %d, draft %d)" % (n_reviews, stats["review:final"], stats["review:draft"]))
    print("reward plans / grants %d / %d (%s)" % (len(rp["plans"]), n_grants, ", ".join(
        "%s %d" % (k[6:], v) for k, v in sorted(stats.items()) if k.startswith("grant:"))))
    if errors:
        print("%d problem(s)" % len(errors), file=sys.stderr)
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
