#!/usr/bin/env python3
"""Write the history of the example book as a `git fast-import` stream.

    python3 examples/history.py --book examples/book --templates templates --out history.fi
    git init demo && git -C demo fast-import < history.fi && git -C demo checkout -q main

The stream holds one branch, `main`, of commits dated 2025-11-28 .. 2026-11-26 by the
people of the book, whose last tree is byte for byte examples/book plus the .gitignore and
.gitattributes of templates/. Each earlier tree is the book as it stood on its date,
worked out backwards from the final book:

- a deal appears on the day it was opened and moves through the stages of its history
  on their dates (`stage`, `closed` and `lost_reason` follow);
- a customer appears when it was first met; interactions and surveys are added on their
  dates; the accounts of zhao.min were hers until she left on 2026-09-18;
- coaching sessions, trainings and grants are added on their dates; a follow-up marked
  done was open until it was done (a few after their due date: overdue, then done);
- each quarter's targets of 2026 are split to people shortly before it begins; plans
  appear before their quarter and their actions are closed on their dates;
- the 2026-Q3 reviews are opened as drafts on 2026-10-02 and made final by the reviewer,
  one of them after its due date;
- planted events: one deal's expected_close pushed twice, other deals' pushed once or with
  an amount that came down at negotiation, and a Q4 revenue target cut in November.

Every week's changes are committed on Friday, one commit per team (by its manager), per
coach, and for the operations analyst; a few events have a commit of their own.

Python 3 standard library only. The output depends only on the input files: the same
book gives the same bytes. The generator stops with an error when the last tree would
differ from the book.
"""

import argparse
import datetime as dt
import hashlib
import os
import re
import sys

D = dt.date
START = D(2025, 11, 28)   # the first commit: the book as it stood that day
TODAY = D(2026, 11, 26)   # the last commit: the example book's today
TZ = "+0800"
HANDOVER = D(2026, 9, 18)  # zhao.min left; her accounts went to her teammates
JOINED = D(2026, 7, 13)    # he.ting joined key accounts and took over accounts of the team
PUSHED = "D-2026-0740"     # the deal whose expected_close was pushed twice (checked below)


def date(s):
    return D.fromisoformat(s)


def pick(key, n):
    """A number in [0, n) that depends only on `key` (stable across runs and Pythons)."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big") % n


def friday_after(d):
    return min(d + dt.timedelta(days=(4 - d.weekday()) % 7), TODAY)


def read_lines(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8").splitlines(keepends=True)


def split_items(lines, start):
    """Splits a list's lines into items beginning with a line that starts with `start`;
    blank lines and comments at the list's indentation go with the item after them.
    Returns (lead, items, tail)."""
    indent = start[:len(start) - len(start.lstrip())]
    lead, items, pending = [], [], []
    for line in lines:
        if line.startswith(start):
            items.append(pending + [line])
            pending = []
        elif not line.strip() or (line.startswith(indent) and line[len(indent):].startswith("#")):
            pending.append(line)
        elif items:
            items[-1].extend(pending + [line])
            pending = []
        else:
            lead.extend(pending + [line])
            pending = []
    return lead, items, pending


def field(lines, key):
    for line in lines:
        m = re.match(r"\s*-?\s*" + re.escape(key) + r": (\S+)", line)
        if m:
            return m.group(1)
    return None


# --------------------------------------------------------------------------------------
# Documents: a file of the book whose text is rendered from its current state.

class Item:
    """A list item that is absent until it is shown; `edits` replace lines by index
    (None drops the line)."""

    def __init__(self, lines):
        self.lines = lines
        self.shown = False
        self.edits = {}

    def text(self):
        out = []
        for i, line in enumerate(self.lines):
            line = self.edits.get(i, line)
            if line is not None:
                out.append(line)
        return "".join(out)

    def index(self, pattern):
        for i, line in enumerate(self.lines):
            if re.match(pattern, line):
                return i
        return None

    def set_value(self, i, value):
        """Replaces the scalar of line i, keeping its key and any comment after it."""
        line = self.lines[i]
        m = re.match(r"(\s*[\w-]+: )(\S+)(.*)", line, re.S)
        self.edits[i] = m.group(1) + value + m.group(3)


class ListDoc:
    """A file made of a preamble and lists of items (sections); a section is written when
    one of its items is shown, the file when one section is."""

    def __init__(self, path, lines, sections, present=None):
        self.path = path
        self.final = "".join(lines)
        self.sections = sections  # [(head lines, [Item], tail lines)]
        self.present = present    # True/False; None: when one of its items is shown
        self.preamble = []

    def text(self):
        if self.present is False:
            return None
        parts, any_shown = list(self.preamble), bool(self.present)
        for head, items, tail in self.sections:
            shown = [it for it in items if it.shown]
            if not items:
                parts.extend(head)
                parts.extend(tail)
            elif shown:
                any_shown = True
                parts.extend(head)
                parts.extend(it.text() for it in shown)
                parts.extend(tail)
        return "".join(parts) if any_shown else None


def top_level_list_doc(path, lines):
    """deals/*.yaml, targets/*.yaml: a YAML sequence at column 0."""
    lead, items, tail = split_items(lines, "- ")
    doc = ListDoc(path, lines, [([], [Item(i) for i in items], tail)])
    doc.preamble = lead
    return doc


def mapping_doc(path, lines, list_keys, present=None):
    """A mapping whose `list_keys` hold sequences of items at indent 2; other keys are
    written as they are."""
    sections, pre, i = [], [], 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r"([\w-]+):", line)
        if m and m.group(1) in list_keys:
            j = i + 1
            while j < len(lines) and (lines[j].startswith(" ") or not lines[j].strip()):
                j += 1
            lead, items, tail = split_items(lines[i + 1:j], "  - ")
            sections.append(([line] + lead, [Item(x) for x in items], tail))
            i = j
        else:
            j = i + 1
            while j < len(lines) and not re.match(r"[\w-]+:", lines[j]):
                j += 1
            sections.append((lines[i:j], [], []))
            i = j
    return ListDoc(path, lines, sections, present)


# --------------------------------------------------------------------------------------
# The history: events, each applied in one commit.

class History:
    def __init__(self, book, templates):
        self.book = book
        self.templates = templates
        self.docs = {}
        self.events = []   # (date, slot, seq, path, apply, what)
        self.people, self.team_of, self.manager_of = {}, {}, {}
        self.joined = {}

    def event(self, when, slot, path, apply, what=""):
        self.events.append((when, slot, len(self.events), path, apply, what))

    def weekly(self, author):
        return ("week", author)

    # ---- team.yaml
    def load_team(self):
        path = "team.yaml"
        lines = read_lines(os.path.join(self.book, path))
        doc = mapping_doc(path, lines, {"teams", "people"}, present=True)
        self.docs[path] = doc
        for head, items, _ in doc.sections:
            for it in items:
                it.shown = True
                pid = field(it.lines, "id")
                if head[0].startswith("teams:"):
                    self.manager_of[pid] = field(it.lines, "manager")
                else:
                    name = re.search(r"^    name: (.+)$", "".join(it.lines), re.M).group(1)
                    self.people[pid] = (name, field(it.lines, "email"))
                    self.team_of[pid] = field(it.lines, "team")
                    self.joined[pid] = date(field(it.lines, "joined"))
                    if pid == "he.ting":
                        # hired in June, before the Q3 targets were split to people
                        it.shown = False
                        self.event(D(2026, 6, 10), ("own", "chen.jie", f"team: he.ting joins key accounts on {JOINED}"),
                                   path, lambda it=it: setattr(it, "shown", True))
                    left = it.index(r"    left: ")
                    if left is not None:
                        it.edits[left] = None
                        when = date(field(it.lines, "left"))
                        self.event(when, ("own", self.manager_of.get(self.team_of[pid], "sun.li"),
                                          f"team: {pid} left on {when}; her accounts go to the team"),
                                   path, lambda it=it, left=left: it.edits.pop(left))

    def manager(self, person):
        team = self.team_of.get(person)
        return self.manager_of.get(team, "sun.li") if team != "east" else "sun.li"

    # ---- deals
    def load_deals(self):
        self.deal_items = {}
        for name in sorted(os.listdir(os.path.join(self.book, "deals"))):
            path = f"deals/{name}"
            doc = top_level_list_doc(path, read_lines(os.path.join(self.book, path)))
            self.docs[path] = doc
            for it in doc.sections[0][1]:
                self.plan_deal(path, it)

    def plan_deal(self, path, it):
        did, owner = field(it.lines, "id"), field(it.lines, "owner")
        self.deal_items[did] = it
        slot = self.weekly(self.manager(owner))
        if owner == "he.ting" and date(field(it.lines, "opened")) < JOINED:
            self.take_over(path, it, it.index(r"  owner: "), self.first_owner.get(field(it.lines, "customer"), "chen.jie"))
        hist = [(i, date(m.group(1)), m.group(2)) for i, line in enumerate(it.lines)
                if (m := re.match(r"    - \{date: (\S+), stage: (\w+)\}", line))]
        stage_i, closed_i, lost_i = it.index(r"  stage: "), it.index(r"  closed: "), it.index(r"  lost_reason: ")

        def at_step(k):
            def apply():
                it.shown = True
                for j, (line_i, _, _) in enumerate(hist):
                    if j >= k:
                        it.edits[line_i] = None
                    else:
                        it.edits.pop(line_i, None)
                if k < len(hist):
                    it.set_value(stage_i, hist[k - 1][2])
                    for x in (closed_i, lost_i):
                        if x is not None:
                            it.edits[x] = None
                else:
                    for x in (stage_i, closed_i, lost_i):
                        it.edits.pop(x, None)
            return apply

        for k in range(1, len(hist) + 1):
            what = "opened" if k == 1 else hist[k - 1][2]
            self.event(hist[k - 1][1], slot, path, at_step(k), what)

        opened = hist[0][1]
        ec_i = it.index(r"  expected_close: ")
        ec = date(field(it.lines, "expected_close"))
        closed = field(it.lines, "closed")
        end = date(closed) if closed else TODAY
        if did == PUSHED:
            self.plan_pushes(path, it, ec_i, ec, opened, end, owner)
        elif pick(did + "/push", 6) == 0 and (ec - opened).days >= 45:
            # pushed once, a few days before the date first promised
            first = ec - dt.timedelta(days=14 + pick(did + "/days", 4) * 7)
            when = first - dt.timedelta(days=3)
            if opened < when <= end and when > START:
                it.set_value(ec_i, first.isoformat())
                self.event(when, slot, path, lambda: it.edits.pop(ec_i, None), "pushed")
        amount_i = it.index(r"  amount: ")
        nego = [d for _, d, s in hist if s == "negotiation"]
        if amount_i is not None and nego and nego[0] > START and pick(did + "/amount", 5) == 0:
            # the amount came down in negotiation: the forecast before it was too high
            amount = field(it.lines, "amount")
            cents = round(float(amount) * 100)
            higher = cents * (110 + pick(did + "/pct", 4) * 5) // 100 // 100_000 * 100_000 + 100_000
            shown = f"{higher // 100}" if higher % 100 == 0 else f"{higher / 100:.2f}"
            it.set_value(amount_i, shown)
            self.event(nego[0], slot, path, lambda: it.edits.pop(amount_i, None), "amount")

    def take_over(self, path, item, i, before):
        """A record of he.ting's that was `before`'s until she joined."""
        item.set_value(i, before)
        self.event(JOINED, ("own", "chen.jie", "customers: accounts of the team handed over to he.ting, who joins today"),
                   path, lambda: item.edits.pop(i, None), "handover")

    def plan_pushes(self, path, it, ec_i, ec, opened, end, owner):
        first, second = ec - dt.timedelta(days=56), ec - dt.timedelta(days=28)
        push1, push2 = first - dt.timedelta(days=2), second - dt.timedelta(days=1)
        if not (opened < push1 < push2 <= end and push1 > START):
            sys.exit(f"history.py: {PUSHED} cannot be pushed twice (opened {opened}, expected {ec})")
        it.set_value(ec_i, first.isoformat())
        slot1 = ("own", owner, f"{PUSHED}: expected close {first} -> {second}, the customer's budget is approved a month later")
        slot2 = ("own", owner, f"{PUSHED}: expected close {second} -> {ec}, legal review of the contract")
        self.event(push1, slot1, path, lambda: it.set_value(ec_i, second.isoformat()), "pushed")
        self.event(push2, slot2, path, lambda: it.edits.pop(ec_i, None), "pushed")

    # ---- customers
    def load_customers(self, first_deal):
        for name in sorted(os.listdir(os.path.join(self.book, "customers"))):
            path = f"customers/{name}"
            lines = read_lines(os.path.join(self.book, path))
            doc = mapping_doc(path, lines, {"interactions", "surveys", "contacts"}, present=False)
            self.docs[path] = doc
            cid = field(lines, "id")
            owner = field(lines, "owner")
            slot = self.weekly(self.manager(owner))
            items = [(head, it) for head, its, _ in doc.sections for it in its]
            dates = [date(d) for h, it in items if (d := field(it.lines, "date"))]
            since = date(field(lines, "since"))
            appear = min([since, first_deal.get(cid, TODAY)] + dates)
            for head, it in items:
                if head[0].startswith("contacts:"):
                    it.shown = True
            self.event(appear, slot, path, lambda doc=doc: setattr(doc, "present", True), "customer")
            for head, it in items:
                d = field(it.lines, "date")
                if d:
                    kind = "survey" if head[0].startswith("surveys:") else "interaction"
                    self.event(date(d), slot, path, lambda it=it: setattr(it, "shown", True), kind)
            if owner == "he.ting":
                head = next(h for h, _, _ in doc.sections if h[0].startswith("owner: "))
                before = self.first_owner.get(cid, "chen.jie")
                head[0] = f"owner: {before}\n"
                self.event(JOINED, ("own", "chen.jie", "customers: accounts of the team handed over to he.ting, who joins today"),
                           path, lambda head=head: head.__setitem__(0, "owner: he.ting\n"), "handover")
            # zhao.min's accounts were hers until she left
            by = [field(it.lines, "by") for h, it in items if field(it.lines, "date") and date(field(it.lines, "date")) < HANDOVER]
            if owner != "zhao.min" and "zhao.min" in by and self.team_of.get(owner) == "east-smb":
                head = next(h for h, _, _ in doc.sections if h[0].startswith("owner: "))
                i = 0
                head[i] = "owner: zhao.min\n"
                self.event(HANDOVER, ("own", "wang.lei", f"team: zhao.min left on {HANDOVER}; her accounts go to the team"),
                           path, lambda head=head, i=i, o=owner: head.__setitem__(i, f"owner: {o}\n"))

    # ---- coaching
    def load_coaching(self):
        for name in sorted(os.listdir(os.path.join(self.book, "coaching"))):
            path = f"coaching/{name}"
            doc = mapping_doc(path, read_lines(os.path.join(self.book, path)), {"sessions", "trainings"})
            self.docs[path] = doc
            for head, items, _ in doc.sections:
                for it in items:
                    when = date(field(it.lines, "date"))
                    coach = field(it.lines, "coach") or "sun.li"
                    slot = self.weekly(coach)
                    self.event(when, slot, path, lambda it=it: setattr(it, "shown", True),
                               "session" if head[0].startswith("sessions") else "training")
                    for i, line in enumerate(it.lines):
                        m = re.match(r"\s+- \{id: (\w+), .*due: (\S+), done: true\}", line)
                        if not m:
                            continue
                        key = f"{field(it.lines, 'id')}/{m.group(1)}"
                        due = date(m.group(2))
                        if pick(key, 5) == 0:
                            done = due + dt.timedelta(days=4 + pick(key + "/late", 9))   # overdue, then done
                        else:
                            done = max(when + dt.timedelta(days=1), due - dt.timedelta(days=pick(key + "/early", 5)))
                        done = min(done, TODAY)
                        if done <= when:
                            continue
                        it.edits[i] = line.replace("done: true}", "done: false}")
                        self.event(done, slot, path, lambda it=it, i=i: it.edits.pop(i, None), "follow-up done")

    # ---- targets
    def load_targets(self):
        for name in sorted(os.listdir(os.path.join(self.book, "targets"))):
            path = f"targets/{name}"
            doc = top_level_list_doc(path, read_lines(os.path.join(self.book, path)))
            self.docs[path] = doc
            section = None
            annual = (D(2025, 12, 12), ("own", "li.na", "targets: 2026 for the company and the teams, and people's Q1"))
            slots = {
                "company": annual,
                "2026-Q1": annual,
                "2026-Q2": (D(2026, 3, 13), ("own", "sun.li", "targets: 2026-Q2 split to people and months\n\nApproved-by: li.na")),
                "2026-Q3": (D(2026, 6, 12), ("own", "sun.li", "targets: 2026-Q3 split to people and months\n\nApproved-by: li.na")),
                "2026-Q4": (D(2026, 9, 11), ("own", "sun.li", "targets: 2026-Q4 split to people and months\n\nApproved-by: li.na")),
            }
            by_id = {}
            self.plan_links = {}
            for it in doc.sections[0][1]:
                link = it.index(r"  plan: ")
                if link is not None:
                    # linked to its plan when the plan is written
                    it.edits[link] = None
                    self.plan_links.setdefault(field(it.lines, "plan"), []).append((path, it, link))
                m = next((re.match(r"# --- (.*) ---", l) for l in it.lines if l.startswith("# ---")), None)
                if m:
                    section = m.group(1)
                tid, period = field(it.lines, "id"), field(it.lines, "period")
                by_id[tid] = it
                if period.startswith("2025") or section is None:
                    it.shown = True
                    continue
                when, slot = slots["company" if section.startswith("company") else quarter_of(period)]
                self.event(when, slot, path, lambda it=it: setattr(it, "shown", True), "target")
            if name == "2026.yaml":
                self.plan_cut(path, by_id)

    def plan_cut(self, path, by_id):
        """sarah.miller's Q4 revenue target cut in the quarter's second month, moved to a
        teammate by their manager."""
        cut, gain = "sarah.miller", "huang.hao"
        delta = 80000
        edits = []
        for person, sign in ((cut, 1), (gain, -1)):
            for tid in (f"T-2026-Q4-{person}-revenue", f"T-2026-12-{person}-revenue"):
                it = by_id[tid]
                i = it.index(r"  value: ")
                it.set_value(i, str(int(field(it.lines, "value")) + sign * delta))
                edits.append((it, i))
        msg = (f"targets: {cut}'s 2026-Q4 revenue cut by {delta:,} to "
               f"{int(field(by_id[f'T-2026-Q4-{cut}-revenue'].lines, 'value')):,}, moved to {gain}\n\n"
               f"{gain} took over the accounts of zhao.min's that {cut} was to grow in December.\n\nApproved-by: li.na")

        def apply():
            for it, i in edits:
                it.edits.pop(i, None)
        self.event(D(2026, 11, 11), ("own", "wang.lei", msg), path, apply, "target cut")

    # ---- plans, reviews, rewards, configuration
    def load_plans(self):
        for name in sorted(os.listdir(os.path.join(self.book, "plans"))):
            path = f"plans/{name}"
            doc = mapping_doc(path, read_lines(os.path.join(self.book, path)), {"actions"}, present=False)
            self.docs[path] = doc
            quarter = name[:-5]
            year, q = int(quarter[:4]), int(quarter[-1])
            begins = D(year, 3 * q - 2, 1)
            when = begins - dt.timedelta(days=(begins.weekday() - 4) % 7 + 7)
            slot = ("own", field(doc.final.splitlines(), "owner") or "li.na", f"plans: the sales plan of {quarter}")
            self.event(when, slot, path, lambda doc=doc: setattr(doc, "present", True), "plan")
            plan_id = field(doc.final.splitlines(), "id")
            for target_path, it, i in self.plan_links.get(plan_id, []):
                self.event(when, slot, target_path, lambda it=it, i=i: it.edits.pop(i, None), "plan")
            for head, items, _ in doc.sections:
                for it in items:
                    it.shown = True
                    st = it.index(r"    status: (done|dropped)")
                    if st is None:
                        continue
                    done_i = it.index(r"    done_on: ")
                    closes = date(field(it.lines, "done_on")) if done_i is not None else \
                        min(date(field(it.lines, "due")) + dt.timedelta(days=2), TODAY)
                    it.set_value(st, "open")
                    if done_i is not None:
                        it.edits[done_i] = None

                    def close(it=it, st=st, done_i=done_i):
                        it.edits.pop(st, None)
                        it.edits.pop(done_i, None)
                    self.event(max(closes, when), self.weekly("li.na"), path, close, "action")

    def load_reviews(self):
        for quarter in sorted(os.listdir(os.path.join(self.book, "reviews"))):
            for name in sorted(os.listdir(os.path.join(self.book, "reviews", quarter))):
                path = f"reviews/{quarter}/{name}"
                lines = read_lines(os.path.join(self.book, path))
                doc = mapping_doc(path, lines, set(), present=False)
                self.docs[path] = doc
                reviewer, person = field(lines, "reviewer"), field(lines, "person")
                status_line = next(i for i, l in enumerate(doc.sections) if l[0][0].startswith("status:"))
                final = doc.sections[status_line][0][0]
                opened = D(2026, 10, 2)
                self.event(opened, self.weekly(reviewer), path, lambda doc=doc: setattr(doc, "present", True), "review")
                if "final" in final:
                    draft = "status: draft                # due 2026-10-15\n"
                    doc.sections[status_line][0][0] = draft
                    finish = lambda doc=doc, i=status_line, final=final: doc.sections[i][0].__setitem__(0, final)
                    if person == "emily.zhang":
                        self.event(D(2026, 10, 21), ("own", reviewer, f"review: {person} 2026-Q3 final, a week late"),
                                   path, finish, "review final")
                    else:
                        self.event(D(2026, 10, 8) + dt.timedelta(days=pick(path, 6)), self.weekly(reviewer),
                                   path, finish, "review final")

    def load_rewards(self):
        for name in sorted(os.listdir(os.path.join(self.book, "rewards"))):
            path = f"rewards/{name}"
            doc = mapping_doc(path, read_lines(os.path.join(self.book, path)), {"grants"}, present=True if name == "plans.yaml" else None)
            self.docs[path] = doc
            for head, items, _ in doc.sections:
                for it in items:
                    when = date(field(it.lines, "date"))
                    self.event(when, self.weekly("sun.li"), path, lambda it=it: setattr(it, "shown", True), "grant")

    def load_fixed(self):
        for name in ("salesops.toml",):
            lines = read_lines(os.path.join(self.book, name))
            doc = ListDoc(name, lines, [(lines, [], [])], present=True)
            self.docs[name] = doc
        for src, dst in (("gitignore", ".gitignore"), ("gitattributes", ".gitattributes")):
            lines = read_lines(os.path.join(self.templates, src))
            self.docs[dst] = ListDoc(dst, lines, [(lines, [], [])], present=True)

    def first_owners(self):
        """The accounts he.ting took over: whose they were (the rep who logged most of
        their interactions before she joined)."""
        self.first_owner = {}
        for name in sorted(os.listdir(os.path.join(self.book, "customers"))):
            text = "".join(read_lines(os.path.join(self.book, "customers", name)))
            if not re.search(r"^owner: he.ting$", text, re.M):
                continue
            counts = {}
            for d, by in re.findall(r"^  - date: (\S+)\n(?:    .*\n)*?    by: (\S+)", text, re.M):
                if date(d) < JOINED and by != "he.ting" and self.team_of.get(by) == "east-key-accounts" \
                        and self.manager_of.get("east-key-accounts") != by:
                    counts[by] = counts.get(by, 0) + 1
            cid = re.search(r"^id: (\S+)$", text, re.M).group(1)
            self.first_owner[cid] = max(sorted(counts), key=lambda k: counts[k]) if counts else "chen.jie"

    def load(self):
        self.load_team()
        self.first_owners()
        self.load_deals()
        first_deal = {}
        for it in self.deal_items.values():
            c, o = field(it.lines, "customer"), date(field(it.lines, "opened"))
            if c and (c not in first_deal or o < first_deal[c]):
                first_deal[c] = o
        self.load_customers(first_deal)
        self.load_coaching()
        self.load_targets()
        self.load_plans()
        self.load_reviews()
        self.load_rewards()
        self.load_fixed()
        listed = set()
        for root, _, files in os.walk(self.book):
            for f in files:
                rel = os.path.relpath(os.path.join(root, f), self.book).replace(os.sep, "/")
                if not rel.startswith(".salesops/"):
                    listed.add(rel)
        missing = listed - set(self.docs)
        if missing:
            sys.exit(f"history.py: files of the book without a history: {sorted(missing)[:5]}")

    # ---- the commits
    def commits(self):
        """[(when, author, message, [events])], oldest first."""
        groups = {}
        for ev in self.events:
            when, slot, seq, path, apply, what = ev
            if when <= START:
                key = (START, 0, "sun.li", "book: the pipeline, customers, targets and coaching as of 2025-11-28")
            elif slot[0] == "own":
                key = (min(when, TODAY), 1, slot[1], slot[2])
            else:
                key = (friday_after(when), 2, slot[1], None)
            groups.setdefault(key, []).append(ev)
        out = []
        for key in sorted(groups, key=lambda k: (k[0], k[1], k[2], k[3] or "")):
            when, _, author, message = key
            evs = sorted(groups[key], key=lambda e: (e[0], e[2]))
            out.append((when, author, message or self.summary(when, author, evs), evs))
        return out

    def summary(self, when, author, evs):
        counts = {}
        for e in evs:
            counts[e[5]] = counts.get(e[5], 0) + 1
        team = next((t for t, m in self.manager_of.items() if m == author and t != "east"), None)
        words = {"opened": "deals opened", "won": "won", "lost": "lost", "pushed": "expected close pushed",
                 "amount": "amount revised", "interaction": "customer interactions", "survey": "surveys",
                 "customer": "new customers", "session": "coaching sessions", "training": "trainings",
                 "follow-up done": "follow-ups done", "review": "reviews opened", "review final": "reviews final",
                 "grant": "grants", "action": "plan actions closed"}
        moved = sum(n for k, n in counts.items() if k in ("qualified", "proposal", "negotiation"))
        parts = []

        def singular(w):
            return {"deals opened": "deal opened", "customer interactions": "customer interaction",
                    "surveys": "survey", "new customers": "new customer", "coaching sessions": "coaching session",
                    "trainings": "training", "follow-ups done": "follow-up done", "reviews opened": "review opened",
                    "reviews final": "review final", "grants": "grant", "plan actions closed": "plan action closed",
                    "deals moved on": "deal moved on"}.get(w, w)
        for k in ("opened", "won", "lost", "pushed", "amount", "customer", "interaction", "survey", "session",
                  "training", "follow-up done", "review", "review final", "grant", "action"):
            if k in counts:
                parts.append(f"{counts[k]} {words[k] if counts[k] > 1 else singular(words[k])}")
            if k == "opened" and moved:
                parts.append(f"{moved} {'deals' if moved > 1 else 'deal'} moved on")
        week = when - dt.timedelta(days=when.weekday())
        scope = team or ("coaching" if any(e[5] in ("session", "follow-up done") for e in evs) else "book")
        return f"{scope}: week of {week}: " + ", ".join(parts)


def quarter_of(period):
    if "-Q" in period:
        return period
    if len(period) == 7:
        return f"{period[:4]}-Q{(int(period[5:7]) - 1) // 3 + 1}"
    return period


def stamp(when, minutes):
    t = dt.datetime(when.year, when.month, when.day, 17, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    return int((t + dt.timedelta(minutes=minutes)).timestamp())


def write_stream(history, out):
    def data(b):
        out.write(b"data %d\n" % len(b))
        out.write(b)
        out.write(b"\n")

    current, per_day = {}, {}
    out.write(b"feature done\n")
    count = 0
    for n, (when, author, message, evs) in enumerate(history.commits(), 1):
        touched = set()
        for e in evs:
            e[4]()
            touched.add(e[3])
        if n == 1:
            touched = set(history.docs)
        changes = []
        for path in sorted(touched):
            text = history.docs[path].text()
            b = None if text is None else text.encode("utf-8")
            if current.get(path) != b:
                changes.append((path, b))
                current[path] = b
        if not changes:
            continue
        name, email = history.people[author]
        count += 1
        minutes = per_day[when] = per_day.get(when, -1) + 1
        who = f"{name} <{email}> {stamp(when, minutes)} {TZ}".encode("utf-8")
        out.write(b"commit refs/heads/main\n")
        out.write(b"mark :%d\n" % count)
        out.write(b"author " + who + b"\n")
        out.write(b"committer " + who + b"\n")
        data((message + "\n").encode("utf-8"))
        if count > 1:
            out.write(b"from :%d\n" % (count - 1))
        for path, b in changes:
            if b is None:
                out.write(f"D {path}\n".encode("utf-8"))
            else:
                out.write(f"M 100644 inline {path}\n".encode("utf-8"))
                data(b)
        out.write(b"\n")
    out.write(b"done\n")
    for path, doc in history.docs.items():
        if current.get(path) != doc.final.encode("utf-8"):
            sys.exit(f"history.py: the last commit's {path} differs from the book")
    return count


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--book", default=os.path.join(here, "book"))
    ap.add_argument("--templates", default=os.path.join(here, "..", "templates"))
    ap.add_argument("--out", default="-", help="the stream (default: standard output)")
    args = ap.parse_args()
    history = History(args.book, args.templates)
    history.load()
    if args.out == "-":
        write_stream(history, sys.stdout.buffer)
    else:
        tmp = args.out + ".tmp"
        with open(tmp, "wb") as f:
            write_stream(history, f)
        os.replace(tmp, args.out)


if __name__ == "__main__":
    main()
