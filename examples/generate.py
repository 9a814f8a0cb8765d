#!/usr/bin/env python3
"""Generate a salesops book: the committed example, or a large one for benchmarks.

    python3 examples/generate.py --out examples/book
        the example book of Acme East (华东), 2025-06 .. 2026-11, today = 2026-11-26

    python3 examples/generate.py --deals 1000000 --months 24 --people 50 --teams 5 \\
        --out /tmp/big
        a benchmark book in the same formats (one customer per 10 deals)

Python 3 standard library only. The output depends only on the arguments: the same
arguments always produce the same bytes. Deals are written month by month and
customers one file at a time, so memory stays proportional to customers and people,
not to deals.

What the generator guarantees (and examples/validate.py checks):
- every reference resolves (owners, customers, teams, target parents, plan links);
- ids are unique; dates are ISO; money has at most two decimals;
- a deal sits in the file of the month it was opened; its history is oldest first,
  starts on the opened date and ends with its current stage (won/lost on `closed`);
- every active rep wins at least one deal in every month of the period;
- revenue and new_customers targets exist for every active rep and month, and
  every split target's children add up exactly to their parent.
"""

import argparse
import bisect
import math
import datetime as dt
import os
import random
import sys
import time

# --------------------------------------------------------------------------------------
# Calendar helpers. Dates are handled as proleptic ordinals (ints) for speed.

_D = dt.date


class _IsoCache(dict):
    def __missing__(self, o):
        s = _D.fromordinal(o).isoformat()
        self[o] = s
        return s


class _MonthCache(dict):
    def __missing__(self, o):
        d = _D.fromordinal(o)
        v = d.year * 12 + d.month - 1
        self[o] = v
        return v


ISO = _IsoCache()   # ordinal -> "YYYY-MM-DD"
MI = _MonthCache()  # ordinal -> month index (year * 12 + month - 1)
INF = 10 ** 9


def mi_first(mi):
    return _D(mi // 12, mi % 12 + 1, 1).toordinal()


def mi_last(mi):
    return mi_first(mi + 1) - 1


def mi_label(mi):
    return "%04d-%02d" % (mi // 12, mi % 12 + 1)


def q_label(qi):
    return "%04d-Q%d" % (qi // 4, qi % 4 + 1)


def q_months(qi):
    y, n = divmod(qi, 4)
    return [y * 12 + n * 3 + k for k in range(3)]


def mi_quarter(mi):
    return (mi // 12) * 4 + (mi % 12) // 3


def ordinal(y, m, d):
    return _D(y, m, d).toordinal()


def weekday(o):
    return (o - 1) % 7  # 0 = Monday


def workday(o, not_after=None):
    """Move a Saturday back to Friday and a Sunday forward to Monday (or back)."""
    w = weekday(o)
    if w == 5:
        o -= 1
    elif w == 6:
        o = o + 1 if not_after is None or o + 1 <= not_after else o - 2
    return o


# --------------------------------------------------------------------------------------
# YAML scalars.

_RESERVED = {"", "~", "null", "true", "false", "yes", "no", "y", "n", "on", "off",
             ".nan", ".inf", "-.inf", "="}
_BAD_START = set("-?:,[]{}#&*!|>'\"%@` +.0123456789")
_BAD_ANY = set(",[]{}\"'\\\t\n")


def q(s):
    """A YAML scalar for free text: plain when unambiguous, else double-quoted."""
    if (s.lower() in _RESERVED or s[0] in _BAD_START or s[-1] in " :"
            or ": " in s or " #" in s or any(ch in _BAD_ANY for ch in s)):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return s


def money(cents):
    """Money as written by hand: 12500, 12500.5, 12500.25."""
    w, c = divmod(cents, 100)
    if c == 0:
        return str(w)
    if c % 10 == 0:
        return "%d.%d" % (w, c // 10)
    return "%d.%02d" % (w, c)


def ratio(x, nd=2):
    s = ("%." + str(nd) + "f") % x
    if "." in s:
        s = s.rstrip("0")
        if s.endswith("."):
            s += "0"
    return s


def pct(x):
    return "%d%%" % round(x * 100)


def grouped(cents):
    return "{:,.2f}".format(cents / 100)


# --------------------------------------------------------------------------------------
# Fixed vocabulary.

STAGES = ["lead", "qualified", "proposal", "negotiation"]
PROB = {"lead": 0.1, "qualified": 0.25, "proposal": 0.5, "negotiation": 0.75}
SEASON = [("jan", 0.07), ("feb", 0.05), ("mar", 0.08), ("apr", 0.08), ("may", 0.08),
          ("jun", 0.09), ("jul", 0.08), ("aug", 0.08), ("sep", 0.09), ("oct", 0.08),
          ("nov", 0.09), ("dec", 0.13)]
SEGMENTS = ["enterprise", "mid-market", "smb"]

TEAM_POOL = [
    ("east", "华东销售部", None),
    ("east-key-accounts", "Key accounts", "east"),
    ("east-smb", "中小企业组", "east"),
    ("north", "华北销售部", None),
    ("south", "华南销售部", None),
    ("north-key-accounts", "华北大客户组", "north"),
    ("south-channel", "Channel partners", "south"),
    ("west", "西部销售部", None),
    ("west-smb", "西部中小企业组", "west"),
    ("central", "华中销售部", None),
]
TEAM_COMMENTS = {
    "east": "region: Shanghai, Jiangsu, Zhejiang, Anhui",
    "east-key-accounts": "enterprise and tier-A accounts",
    "east-smb": "small and mid-sized businesses",
    "north": "region: Beijing, Tianjin, Shandong, Hebei",
}
MANAGER_POOL = [("li.na", "李娜"), ("chen.jie", "陈杰"), ("wang.lei", "王磊"),
                ("michael.brown", "Michael Brown"), ("zhou.min", "周敏"),
                ("grace.liu", "Grace Liu"), ("hu.jun", "胡军"), ("daniel.wu", "Daniel Wu"),
                ("guo.qiang", "郭强"), ("lin.hui", "林慧")]
OPS = ("sun.li", "孙丽")
REP_POOL = [("zhang.wei", "张伟"), ("sarah.miller", "Sarah Miller"), ("wang.fang", "王芳"),
            ("liu.yang", "刘洋"), ("zhao.min", "赵敏"), ("yang.jing", "杨静"),
            ("james.wilson", "James Wilson"), ("huang.hao", "黄浩"), ("xu.li", "徐丽"),
            ("emily.zhang", "Emily Zhang"), ("ma.chao", "马超"), ("zhou.tao", "周涛"),
            ("he.ting", "何婷"), ("kevin.zhao", "Kevin Zhao"), ("gao.yan", "高艳"),
            ("luo.bin", "罗斌")]
SURNAMES = [("zhang", "张"), ("wang", "王"), ("li", "李"), ("liu", "刘"), ("chen", "陈"),
            ("yang", "杨"), ("huang", "黄"), ("zhao", "赵"), ("zhou", "周"), ("wu", "吴"),
            ("xu", "徐"), ("sun", "孙"), ("ma", "马"), ("zhu", "朱"), ("hu", "胡"),
            ("guo", "郭"), ("he", "何"), ("lin", "林"), ("luo", "罗"), ("gao", "高")]
GIVEN = [("wei", "伟"), ("na", "娜"), ("fang", "芳"), ("min", "敏"), ("jing", "静"),
         ("lei", "磊"), ("jie", "杰"), ("yang", "洋"), ("tao", "涛"), ("li", "丽"),
         ("qiang", "强"), ("jun", "军"), ("yan", "艳"), ("hao", "浩"), ("ting", "婷"),
         ("xin", "鑫"), ("chao", "超"), ("hui", "慧"), ("bin", "斌"), ("ping", "平")]
LATIN_FIRST = ["Sarah", "James", "Emily", "Michael", "Anna", "David", "Olivia", "Tom",
               "Laura", "Peter"]
LATIN_LAST = ["Miller", "Wilson", "Brown", "Schmidt", "Lee", "Taylor", "Clark", "Walker",
              "Young", "King"]

CITIES = {
    "east": [("上海", "21"), ("杭州", "571"), ("苏州", "512"), ("南京", "25"),
             ("宁波", "574"), ("无锡", "510"), ("合肥", "551")],
    "north": [("北京", "10"), ("天津", "22"), ("济南", "531"), ("青岛", "532"),
              ("石家庄", "311")],
    "south": [("广州", "20"), ("深圳", "755"), ("厦门", "592"), ("东莞", "769")],
    "west": [("成都", "28"), ("重庆", "23"), ("西安", "29")],
    "central": [("武汉", "27"), ("长沙", "731"), ("郑州", "371")],
}
CORES = [("星海", "xinghai"), ("华通", "huatong"), ("恒达", "hengda"), ("金桥", "jinqiao"),
         ("瑞丰", "ruifeng"), ("博远", "boyuan"), ("天成", "tiancheng"), ("鼎新", "dingxin"),
         ("嘉禾", "jiahe"), ("明德", "mingde"), ("远航", "yuanhang"), ("云帆", "yunfan"),
         ("汇智", "huizhi"), ("睿达", "ruida"), ("东方", "dongfang"), ("长青", "changqing"),
         ("启明", "qiming"), ("凯润", "kairun"), ("联创", "lianchuang"), ("宏图", "hongtu"),
         ("新元", "xinyuan"), ("海川", "haichuan"), ("泰和", "taihe"), ("光华", "guanghua"),
         ("正源", "zhengyuan"), ("百川", "baichuan"), ("精工", "jinggong"), ("安捷", "anjie"),
         ("优联", "youlian"), ("盛达", "shengda")]
INDUSTRIES = [("manufacturing", ["机械", "精密制造", "汽车零部件"], "Machinery"),
              ("retail", ["商贸", "零售"], "Retail"),
              ("healthcare", ["医疗器械", "医药"], "Medical"),
              ("logistics", ["物流", "供应链"], "Logistics"),
              ("finance", ["金融科技"], "Financial"),
              ("education", ["教育科技"], "Learning"),
              ("energy", ["新能源", "能源"], "Energy"),
              ("technology", ["科技", "信息技术", "电子"], "Tech")]
INDUSTRY_W = [0.30, 0.12, 0.10, 0.12, 0.06, 0.06, 0.10, 0.14]
CN_SUFFIX = ["有限公司", "有限公司", "股份有限公司", "集团有限公司"]
EN_WORDS = ["Lakeside", "Pacific", "Harbor", "Summit", "Bluebird", "Northstar",
            "Evergreen", "Redwood", "Silverline", "Greenfield", "Oakridge", "Brightwater"]
EN_SUFFIX = ["Co., Ltd.", "Ltd.", "Inc.", "Group"]
SOURCES = ["referral", "website", "event", "cold-call", "partner", "inbound"]
SOURCE_W = [0.25, 0.2, 0.15, 0.15, 0.15, 0.1]
CN_TITLES = ["采购经理", "采购总监", "IT经理", "信息部总监", "总经理", "副总经理", "财务经理",
             "生产经理", "行政主管"]
EN_TITLES = ["Procurement Manager", "IT Director", "CFO", "Operations Manager",
             "General Manager"]

TIERS = "ABC"
TIER_ACCEPT = [1.0, 0.55, 0.3]        # how often a tier's customers open deals
TIER_AMOUNT = [1.3, 1.0, 0.75]
PWIN = [0.38, 0.33, 0.28]
TIER_GAP = [10, 22, 55]               # typical days between interactions
REVISIT = [14, 30, 90]                # policy.revisit_days

PRODUCTS = ["widget-pro", "widget-basic", "service-plan", "install"]
PRODUCT_W = [0.25, 0.35, 0.25, 0.15]
AMOUNT = [(60000, 300000), (10000, 60000), (20000, 120000), (5000, 30000)]
CYCLE = [(30, 120), (7, 50), (14, 70), (5, 30)]
DEAL_TITLES = [                       # by product
    ["二期扩容", "产线自动化改造", "新工厂项目", "Capacity expansion", "智能产线升级"],
    ["新购", "备件采购", "区域推广", "试点项目", "Pilot rollout"],
    ["年度续约", "维保续费", "三年服务协议", "Annual renewal", "系统升级服务"],
    ["安装调试", "现场安装", "设备搬迁安装", "On-site installation"],
]
LOST_REASONS = ["price", "competitor", "no-budget", "timing"]
LOST_W = [0.35, 0.3, 0.2, 0.15]
AMOUNT_NOTES = ["含三年维保", "分两期付款", "incl. 3-year maintenance", "含安装调试",
                "框架协议首单"]
LOST_NOTES = ["竞品报价低12%", "预算冻结至明年", "客户内部重组", "chose a local vendor"]

SUMMARIES = {
    "visit": ["回访，讨论二期需求", "上门拜访，了解产线改造计划", "拜访采购部，确认年度预算",
              "现场巡检，收集使用反馈", "陪同技术团队现场勘查"],
    "call": ["电话跟进报价", "电话确认交付时间", "电话沟通续约事宜", "跟进付款进度",
             "电话回访，客户反馈良好"],
    "email": ["发送报价单", "邮件确认合同条款", "发送产品资料和案例", "邮件跟进试用反馈"],
    "meeting": ["季度业务回顾会议", "与IT部门开会评审方案", "商务谈判会议", "年度合作规划会"],
    "demo": ["widget-pro 产品演示", "线上演示新版功能", "为技术团队做现场演示"],
    "care": ["节日问候", "生日祝福", "发送行业报告", "客户满意度回访"],
}
SUMMARIES_EN = {
    "visit": ["On-site visit, discussed phase 2", "Quarterly business review on site"],
    "call": ["Follow-up call on the quote", "Call about delivery dates"],
    "email": ["Sent the quote", "Sent case studies"],
    "meeting": ["Planning meeting with IT", "Contract negotiation meeting"],
    "demo": ["widget-pro demo", "Online demo of the new release"],
    "care": ["Holiday greetings", "Sent the industry report"],
}
ITYPES = ["visit", "call", "email", "meeting", "demo", "care"]
ITYPE_W = [0.3, 0.3, 0.15, 0.1, 0.08, 0.07]
INTERACTION_NOTES = ["客户要求下周再约", "决策人出差", "mentioned a competitor quote"]
SURVEY_COMMENTS = ["响应及时", "交付略有延迟", "服务专业", "价格偏高", "希望加强培训",
                   "满意，会推荐给同行", "Great support team",
                   "Installation took longer than planned", "no"]

COACH_TOPICS = ["negotiation", "pipeline-review", "prospecting", "objection-handling",
                "account-planning", "closing", "product-knowledge", "crm-hygiene"]
COACH_NOTES = ["复盘{c}报价", "讨论{c}续约策略", "梳理本月管道，重点跟进{c}",
               "复盘{c}拜访，沟通要点清晰", "Review of the {c} proposal",
               "角色扮演：价格异议处理", "检查商机阶段与预计成交日期"]
FOLLOW_UPS = ["整理报价模板", "更新CRM中的商机阶段", "准备{c}方案演示", "约{c}高层会面",
              "完成竞品对比表", "Send the revised proposal to {c}", "补齐客户联系人信息"]
TRAININGS = {
    "product": [("新品培训：widget-pro 3.0", "classroom"), ("产品知识考核", "online")],
    "sales-skills": [("顾问式销售", "classroom"), ("大客户开发方法", "case-sharing")],
    "crm": [("CRM 数据规范", "online"), ("salesops 命令行入门", "drill")],
    "negotiation": [("商务谈判技巧", "role-play"), ("价格谈判实战", "drill")],
}
TRAINING_TOPICS = ["product", "sales-skills", "crm", "negotiation"]
REVIEW_COMMENTS = ["执行力强，需加强新客户开发", "客户关系维护出色，管道覆盖不足",
                   "业绩稳定，建议参与大客户项目", "谈判能力提升明显",
                   "Strong closer; should delegate less of the paperwork",
                   "新客户开发超额完成，需关注回款", "积极主动，团队协作好"]


def wchoice(rng, items, weights):
    return rng.choices(items, weights)[0]


# --------------------------------------------------------------------------------------


class Generator:
    def __init__(self, a):
        self.a = a
        self.out = a.out
        self.seed = a.seed
        y, m = (int(x) for x in a.end.split("-"))
        self.end_mi = y * 12 + m - 1
        self.start_mi = self.end_mi - a.months + 1
        if a.today:
            self.today = _D.fromisoformat(a.today).toordinal()
            if MI[self.today] != self.end_mi:
                sys.exit("generate.py: --today must fall in the --end month")
        else:
            self.today = ordinal(y, m, min(26, _D.fromordinal(mi_last(self.end_mi)).day))
        self.start = mi_first(self.start_mi)
        self.end_year = y
        self.target_end_mi = y * 12 + 11          # targets run to the end of the year
        self.n_deals = a.deals
        self.n_customers = a.customers if a.customers else max(1, a.deals // 10)
        self.files = 0

    def rng(self, part):
        return random.Random("%d-%s" % (self.seed, part))

    def open(self, rel):
        path = os.path.join(self.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.files += 1
        return open(path, "w", encoding="utf-8", newline="\n")

    def active(self, p, o):
        return p["joined"] <= o and (p["left"] is None or o <= p["left"])

    def window(self, p, lo, hi):
        """The part of [lo, hi] in which person p is active, or None."""
        a = max(lo, p["joined"])
        b = hi if p["left"] is None else min(hi, p["left"])
        return (a, b) if a <= b else None

    # ----------------------------------------------------------------------------------
    # Teams and people

    def build_org(self):
        a, rng = self.a, self.rng("org")
        if a.teams < 1 or a.people < a.teams + 3:
            sys.exit("generate.py: --people must be at least --teams + 3")
        teams = []
        for i in range(a.teams):
            if i < len(TEAM_POOL):
                tid, name, parent = TEAM_POOL[i]
            else:
                tid, name, parent = "region-%02d" % (i + 1), "Region %d" % (i + 1), None
            teams.append({"id": tid, "name": name, "parent": parent})
        ids = {t["id"] for t in teams}
        for t in teams:
            t["children"] = [u["id"] for u in teams if u["parent"] == t["id"]]
        leaves = [t["id"] for t in teams if not t["children"]]
        tmap = {t["id"]: t for t in teams}
        assert all(t["parent"] in ids for t in teams if t["parent"])

        used = set()
        gen = self._names(used)

        def take(pool, k):
            for pid, name in pool:
                if k == 0:
                    return
                if pid not in used:
                    used.add(pid)
                    k -= 1
                    yield pid, name
            for _ in range(k):
                yield next(gen)

        people = []
        n_reps = a.people - a.teams - 1
        for i, (pid, name) in enumerate(list(take(MANAGER_POOL, a.teams))):
            t = teams[i]
            t["manager"] = pid
            people.append({"id": pid, "name": name, "team": t["id"],
                           "role": "director" if i == 0 else "manager"})
        used.add(OPS[0])
        people.append({"id": OPS[0], "name": OPS[1], "team": teams[0]["id"], "role": "ops"})
        for i, (pid, name) in enumerate(list(take(REP_POOL, n_reps))):
            people.append({"id": pid, "name": name, "team": leaves[i % len(leaves)],
                           "role": "rep"})
        start = self.start
        for p in people:
            p["email"] = p["id"] + "@example.com"
            p["left"] = None
            p["prod"] = rng.uniform(0.75, 1.3)
            if p["role"] == "director":
                p["joined"] = ordinal(2019, 3, 1)
            elif p["role"] == "ops":
                p["joined"] = ordinal(2022, 5, 16)
            elif p["role"] == "manager":
                p["joined"] = ordinal(rng.randint(2019, 2022), rng.randint(1, 12), 1)
            else:
                lo = ordinal(2020, 6, 1)
                p["joined"] = workday(rng.randint(lo, min(start - 60, lo + 5 * 365)))
        reps = [p for p in people if p["role"] == "rep"]
        self.leaver = self.joiner = None
        if len(reps) >= 3:
            j = reps[-1]
            j["joined"] = workday(ordinal((self.end_mi - 4) // 12, (self.end_mi - 4) % 12 + 1, 13))
            j["comment"] = "joined mid-year; took over accounts from the team"
            self.joiner = j
        if len(reps) >= 6:
            lv = reps[4]
            lv["left"] = workday(ordinal((self.end_mi - 2) // 12, (self.end_mi - 2) % 12 + 1, 18))
            lv["comment"] = "left the company; accounts handed over to the team"
            self.leaver = lv
        for i, p in enumerate(people):
            p["idx"] = i
        self.teams, self.tmap, self.people, self.reps = teams, tmap, people, reps
        self.pmap = {p["id"]: p for p in people}
        self.leaves = leaves
        for t in teams:
            t["members"] = [p for p in reps if p["team"] == t["id"]]

        def top(tid):
            while tmap[tid]["parent"]:
                tid = tmap[tid]["parent"]
            return tid
        for p in people:
            p["region"] = top(p["team"])
            mgr = tmap[p["team"]]["manager"]
            p["coach"] = mgr if mgr != p["id"] else (teams[0]["manager"] if p["id"] != teams[0]["manager"] else None)
        self.director = people[0]

    def _names(self, used):
        k = 0
        for gi, (g, gc) in enumerate(GIVEN):
            for si, (s, sc) in enumerate(SURNAMES):
                k += 1
                if k % 4 == 0:
                    f = LATIN_FIRST[(gi + si) % len(LATIN_FIRST)]
                    last = LATIN_LAST[(gi * 3 + si) % len(LATIN_LAST)]
                    pid = "%s.%s" % (f.lower(), last.lower())
                    if pid not in used:
                        used.add(pid)
                        yield pid, "%s %s" % (f, last)
                pid = "%s.%s" % (s, g)
                if pid not in used:
                    used.add(pid)
                    yield pid, sc + gc
        n = 2
        while True:
            for s, sc in SURNAMES:
                for g, gc in GIVEN:
                    pid = "%s.%s%d" % (s, g, n)
                    if pid not in used:
                        used.add(pid)
                        yield pid, sc + gc
            n += 1

    def write_team(self):
        L = ["# Teams and people of Acme East (华东).",
             "# Teams form a tree under the implicit root `company`; a person's team is their",
             "# current team, and people who left keep their history (see `left`).",
             "teams:"]
        for t in self.teams:
            L.append("  - id: %s" % t["id"])
            L.append("    name: %s" % q(t["name"]))
            if t["parent"]:
                L.append("    parent: %s" % t["parent"])
            L.append("    manager: %s" % t["manager"]
                     + ("" if t["id"] not in TEAM_COMMENTS else "    # " + TEAM_COMMENTS[t["id"]]))
        L.append("people:")
        order = ([p for p in self.people if p["role"] != "rep"]
                 + [p for t in self.teams for p in t["members"]])
        section = None
        for p in order:
            s = "management and operations" if p["role"] != "rep" else "reps: " + p["team"]
            if s != section:
                L.append("  # --- %s ---" % s)
                section = s
            L.append("  - id: %s" % p["id"])
            L.append("    name: %s" % q(p["name"]))
            L.append("    team: %s" % p["team"])
            L.append("    role: %s" % p["role"])
            L.append("    email: %s" % p["email"])
            L.append("    joined: %s" % ISO[p["joined"]]
                     + ("    # " + p["comment"] if p.get("comment") and not p["left"] else ""))
            if p["left"]:
                L.append("    left: %s    # %s" % (ISO[p["left"]], p["comment"]))
        with self.open("team.yaml") as f:
            f.write("\n".join(L) + "\n")

    # ----------------------------------------------------------------------------------
    # Customers: ownership first (deals need it), files written later.

    def build_customers(self):
        rng = self.rng("customers")
        N = self.n_customers
        reps = self.reps
        perm = list(reps)
        rng.shuffle(perm)
        # the newcomer starts with a smaller book
        if self.joiner is not None and len(perm) > 1:
            perm.remove(self.joiner)
        n = len(perm)
        since, tier, own1, own2, own2f, seg = [], [], [], [], [], []
        latest = self.today - 20
        jcount = 0
        for i in range(N):
            if self.joiner is not None and i % (2 * (n + 1)) == 2 * n + 1:
                r = self.joiner
                k = jcount
                jcount += 1
            else:
                r = perm[i % n]
                k = i // n
            existing = (k % 4 == 0)
            if existing:
                s = rng.randint(ordinal(2019, 1, 1), self.start - 1)
                t = wchoice(rng, (0, 1, 2), (0.35, 0.4, 0.25))
            else:
                s = rng.randint(self.start, latest)
                t = wchoice(rng, (0, 1, 2), (0.12, 0.32, 0.56))
            s = workday(s)
            o1, o2, f2 = r["idx"], -1, 0
            if r is self.leaver:
                mates = [p for p in self.tmap[r["team"]]["members"]
                         if p is not r and p is not self.joiner] or \
                        [p for p in reps if p is not r and p is not self.joiner]
                succ = mates[rng.randrange(len(mates))]["idx"]
                if s <= r["left"]:
                    o2, f2 = succ, r["left"] + 1
                else:
                    o1 = succ
            elif r is self.joiner:
                if s < r["joined"]:
                    mates = [p for p in self.tmap[r["team"]]["members"]
                             if p is not r and p is not self.leaver] or \
                            [p for p in reps if p is not r and p is not self.leaver]
                    o1 = mates[rng.randrange(len(mates))]["idx"]
                    o2, f2 = r["idx"], r["joined"]
            since.append(s)
            tier.append(t)
            own1.append(o1)
            own2.append(o2)
            own2f.append(f2)
            seg.append(wchoice(rng, (0, 1, 2), ((0.7, 0.3, 0.0), (0.2, 0.6, 0.2), (0.0, 0.3, 0.7))[t]))
        self.c_since, self.c_tier, self.c_own1, self.c_own2, self.c_own2f = since, tier, own1, own2, own2f
        self.c_seg = seg
        w = max(4, len(str(N)))
        self.cid = ["C-%0*d" % (w, i + 1) for i in range(N)]
        # per rep: the customers they own at some time, sorted by the first day they do
        elig = [[] for _ in self.people]
        for c in range(N):
            if own2[c] >= 0:
                elig[own1[c]].append((since[c], c, own2f[c] - 1))
                elig[own2[c]].append((max(since[c], own2f[c]), c, INF))
            else:
                elig[own1[c]].append((since[c], c, INF))
        self.elig = []
        for lst in elig:
            lst.sort()
            self.elig.append(([x[0] for x in lst], [(x[1], x[2]) for x in lst]))
        self.rep_customers = {}   # current owner -> customer ids
        for c in range(N):
            o = own2[c] if own2[c] >= 0 else own1[c]
            self.rep_customers.setdefault(o, []).append(self.cid[c])
            if own2[c] >= 0:
                self.rep_customers.setdefault(own1[c], []).append(self.cid[c])

    def owner_at(self, c, d):
        f = self.c_own2f[c]
        return self.c_own2[c] if f and d >= f else self.c_own1[c]

    def write_customers(self):
        rng = self.rng("customer-files")
        rnd = rng.random
        people, today, start = self.people, self.today, self.start
        used_names = set()
        surveys_total = interactions_total = 0
        for c in range(self.n_customers):
            cid = self.cid[c]
            t = self.c_tier[c]
            since = self.c_since[c]
            owner = people[self.owner_at(c, today)]
            region = owner["region"]
            cities = CITIES.get(region, CITIES["east"])
            city, code = cities[rng.randrange(len(cities))]
            ind, words, en_word = wchoice(rng, INDUSTRIES, INDUSTRY_W)
            english = rnd() < 0.15
            core, core_py = CORES[rng.randrange(len(CORES))]
            for _ in range(20):
                if english:
                    w = EN_WORDS[rng.randrange(len(EN_WORDS))]
                    name = "%s %s %s" % (w, en_word, EN_SUFFIX[rng.randrange(len(EN_SUFFIX))])
                    domain = w.lower() + en_word.lower()
                else:
                    name = city + core + words[rng.randrange(len(words))] + \
                        CN_SUFFIX[rng.randrange(len(CN_SUFFIX))]
                    domain = core_py
                if name not in used_names:
                    break
                core, core_py = CORES[rng.randrange(len(CORES))]
            if self.n_customers <= 20000:
                used_names.add(name)
            L = []
            if t == 0 and rnd() < 0.3:
                L.append("# 重点客户：每季度业务回顾 (key account, quarterly business review)")
            L += ["id: " + cid,
                  "name: " + q(name),
                  "owner: " + owner["id"],
                  "tier: " + TIERS[t],
                  "segment: " + SEGMENTS[self.c_seg[c]],
                  "industry: " + ind,
                  "region: " + region,
                  "source: " + wchoice(rng, SOURCES, SOURCE_W),
                  "since: " + ISO[since],
                  "contacts:"]
            for k in range(1 + int(rnd() * 2.2) + (t == 0)):
                if english:
                    fn = LATIN_FIRST[rng.randrange(len(LATIN_FIRST))]
                    ln = LATIN_LAST[rng.randrange(len(LATIN_LAST))]
                    cname, mail = "%s %s" % (fn, ln), "%s.%s" % (fn.lower(), ln.lower())
                    title = EN_TITLES[rng.randrange(len(EN_TITLES))]
                else:
                    s, sc = SURNAMES[rng.randrange(len(SURNAMES))]
                    g, gc = GIVEN[rng.randrange(len(GIVEN))]
                    cname, mail = sc + gc, "%s.%s" % (s, g)
                    title = CN_TITLES[rng.randrange(len(CN_TITLES))]
                L.append("  - name: " + q(cname))
                L.append("    title: " + q(title))
                if rnd() < 0.85:
                    x = rnd()
                    if x < 0.15:   # written the domestic way, with the leading zero
                        phone = "0%s-5555-%04d" % (code, rng.randrange(10000))
                    elif x < 0.6:
                        phone = "+86 %s 5555 %04d" % (code, rng.randrange(10000))
                    else:
                        phone = "+86 139 %04d %04d" % (rng.randrange(10000), rng.randrange(10000))
                    L.append('    phone: "%s"' % phone)
                if rnd() < 0.8:
                    L.append("    email: %s@%s.example.com" % (mail, domain))
            # interactions from the start of the relationship (or of the book) to today
            gap = TIER_GAP[t]
            d = max(since, start + int(rnd() * gap))
            stop = today
            if rnd() < 0.08:   # a neglected account: nobody has called for a while
                stop = today - int(REVISIT[t] * (1.2 + rnd()))
            pool = SUMMARIES_EN if english else SUMMARIES
            items = []
            while d <= stop:
                wd = workday(d, today)
                if wd < since:
                    wd = since
                o = self.owner_at(c, wd)
                by = people[o]
                if rnd() < 0.1:
                    m = self.pmap.get(by["coach"]) if by["coach"] else None
                    if m is not None and self.active(m, wd):
                        by = m
                ty = wchoice(rng, ITYPES, ITYPE_W)
                summ = pool[ty][rng.randrange(len(pool[ty]))]
                nxt = wd + 3 + int(rnd() * 18) if rnd() < 0.25 else None
                items.append((wd, ty, by["id"], summ, nxt))
                d += max(1, int(gap * (0.4 + 1.1 * rnd())))
            # a follow-up promised on the last contact, which nobody did yet
            if items and c % 9 == 4 and items[-1][0] + 4 < today:
                wd, ty, byid, summ, nxt = items[-1]
                items[-1] = (wd, ty, byid, summ, wd + 2 + int(rnd() * (today - wd - 3)))
            if items:
                L.append("interactions:")
                for wd, ty, byid, summ, nxt in items:
                    L.append("  - date: " + ISO[wd])
                    L.append("    type: " + ty)
                    L.append("    by: " + byid)
                    if rnd() < 0.02:
                        L.append("    summary: %s    # %s" % (q(summ), INTERACTION_NOTES[rng.randrange(3)]))
                    else:
                        L.append("    summary: " + q(summ))
                    if nxt is not None:
                        L.append("    next: " + ISO[nxt])
                interactions_total += len(items)
            # satisfaction surveys
            n_s = (rng.randint(2, 5), rng.randint(1, 3), rng.randint(0, 2))[t]
            lo = max(since, start) + 14
            if n_s and lo < today:
                dates = sorted(workday(rng.randint(lo, today), today) for _ in range(n_s))
                L.append("surveys:")
                for sd in dates:
                    csat = wchoice(rng, (1, 2, 3, 4, 5), (0.03, 0.07, 0.2, 0.4, 0.3))
                    lo_n, hi_n = ((0, 4), (0, 6), (5, 8), (7, 9), (8, 10))[csat - 1]
                    nps = rng.randint(lo_n, hi_n)
                    L.append("  - date: " + ISO[sd])
                    kind = rnd()
                    if kind >= 0.1:
                        L.append("    csat: %d" % csat)
                    if kind < 0.85:
                        L.append("    nps: %d" % nps)
                    if rnd() < 0.5:
                        L.append("    comment: " + q(SURVEY_COMMENTS[rng.randrange(len(SURVEY_COMMENTS))]))
                surveys_total += len(dates)
            with self.open("customers/%s.yaml" % cid) as f:
                f.write("\n".join(L) + "\n")
        self.n_interactions, self.n_surveys = interactions_total, surveys_total

    # ----------------------------------------------------------------------------------
    # Deals, month by month.

    def month_counts(self):
        ws = []
        for k, mi in enumerate(range(self.start_mi, self.end_mi + 1)):
            # deals close about a month after they open: opening follows next month's season
            w = SEASON[(mi + 1) % 12][1] * (1 + 0.02 * k)
            if mi == self.end_mi:
                w *= (self.today - mi_first(mi) + 1) / (mi_last(mi) - mi_first(mi) + 1)
            ws.append(w)
        tot = sum(ws)
        raw = [self.n_deals * w / tot for w in ws]
        cnt = [int(x) for x in raw]
        order = sorted(range(len(raw)), key=lambda i: (cnt[i] - raw[i], i))
        for i in order[: self.n_deals - sum(cnt)]:
            cnt[i] += 1
        return cnt

    def pick_customer(self, r, d, rnd):
        firsts, ents = self.elig[r]
        n = bisect.bisect_right(firsts, d)
        if n == 0:
            return -1
        tier = self.c_tier
        if rnd() < 0.25:   # recently won accounts get early follow-on deals
            c, e = ents[n - 1 - int(rnd() * min(n, 4))]
            if e >= d:
                return c
        for _ in range(12):
            c, e = ents[int(rnd() * n)]
            if e >= d and rnd() < TIER_ACCEPT[tier[c]]:
                return c
        for j in range(n - 1, -1, -1):
            c, e = ents[j]
            if e >= d:
                return c
        return -1

    def gen_deals(self):
        rng = self.rng("deals")
        hrng = self.rng("history")
        rnd = rng.random
        today = self.today
        people = self.people
        width = max(4, len(str(self.n_deals)))
        counts = self.month_counts()
        prod_cum = []
        acc = 0
        for w in PRODUCT_W:
            acc += w
            prod_cum.append(acc)
        lost_cum = []
        acc = 0
        for w in LOST_W:
            acc += w
            lost_cum.append(acc)
        titles_q = [[q(t) for t in ts] for ts in DEAL_TITLES]
        pid = [p["id"] for p in people]
        cid = self.cid

        # statistics the targets, reviews and rewards are built from
        self.rev = {}        # (person idx, month idx) -> cents
        self.won = {}        # (person idx, month idx) -> count
        self.lost = {}
        self.first_win = {}  # customer -> (closed, deal id, owner idx)
        self.biggest = {}    # quarter idx -> (cents, deal id, owner idx)
        self.n_open = self.n_won = self.n_lost = self.n_no_customer = 0
        self.open_amount = 0
        self.enforced = self.unenforced = 0
        year_seq = {}
        seq = 0
        for X, n_X in zip(range(self.start_mi, self.end_mi + 1), counts):
            ramp = (0.8, 0.4, 0.15)[X - self.start_mi] if X - self.start_mi < 3 else 0
            first, last = mi_first(X), min(mi_last(X), today)
            act = []
            for p in self.reps:
                w = self.window(p, first, last)
                if w:
                    act.append((p, w))
            # allocate the month's deals: at least two per active rep, the rest by weight
            base = 2 if n_X >= 2 * len(act) else 0
            ws = [p["prod"] * (w[1] - w[0] + 1) for p, w in act]
            rest = n_X - base * len(act)
            tw = sum(ws)
            raw = [rest * x / tw for x in ws]
            alloc = [int(x) for x in raw]
            order = sorted(range(len(act)), key=lambda i: (alloc[i] - raw[i] - 0.3 * rnd(), i))
            for i in order[: rest - sum(alloc)]:
                alloc[i] += 1
            buf = []
            for (p, (lo, hi)), k in zip(act, alloc):
                r = p["idx"]
                r_active_today = self.active(p, today)
                for _ in range(base + k):
                    seq += 1
                    opened = lo + int(rnd() * (hi - lo + 1))
                    c = self.pick_customer(r, opened, rnd)
                    x = rnd()
                    pr = 0
                    while x > prod_cum[pr] and pr < 3:
                        pr += 1
                    t = self.c_tier[c] if c >= 0 else 2
                    lo_a, hi_a = AMOUNT[pr]
                    yuan = (lo_a + (hi_a - lo_a) * rnd() ** 1.3) * TIER_AMOUNT[t]
                    x = rnd()
                    if x < 0.7:
                        cents = int(round(yuan / 1000)) * 100000
                    elif x < 0.9:
                        cents = int(round(yuan / 100)) * 10000
                    elif x < 0.97:
                        cents = int(round(yuan)) * 100
                    else:
                        cents = int(round(yuan * 100))
                    cents = max(cents, 100000)
                    clo, chi = CYCLE[pr]
                    cycle = clo + (chi - clo) * rnd()
                    if ramp and rnd() < ramp:
                        cycle *= 0.3   # the first months also carry deals worked on before the book began
                    planned = opened + int(cycle)
                    ss = 1 if rnd() < 0.2 else 0
                    lr = None
                    if planned <= today and c >= 0:
                        if rnd() < PWIN[t]:
                            st, cl, reached = 1, planned, 3
                        else:
                            st = 2
                            reached = min(3, ss + int(rnd() ** 1.5 * (4 - ss)))
                            cl = opened + int((planned - opened) * (0.3 + 0.7 * rnd()))
                            if rnd() < 0.8:
                                x = rnd()
                                j = 0
                                while x > lost_cum[j] and j < 3:
                                    j += 1
                                lr = j
                        ex = max(opened, cl + int(rnd() * 36) - 15)
                    else:
                        st, cl = 0, 0
                        if planned <= today:
                            planned = today + 7 + int(rnd() * 30)
                        prog = (today - opened) / max(1, planned - opened)
                        reached = min(3, ss + int(prog * (4 - ss)))
                        ex = planned
                        if rnd() < 0.06 and today - opened >= 7:
                            ex = opened + int(rnd() * (today - opened))   # slipped
                    if st == 0 and (c < 0 or (reached == 0 and rnd() < 0.3)) and r_active_today:
                        if c < 0 or rnd() < 0.7:
                            c = -1
                        cents = None
                    if c < 0 and not r_active_today:
                        c = self.pick_customer(r, hi, rnd)
                    cm = None
                    if rnd() < 0.025:
                        cm = AMOUNT_NOTES[int(rnd() * len(AMOUNT_NOTES))]
                    ow = r
                    if c >= 0:
                        ow = self.owner_at(c, cl if st else today)
                    buf.append([opened, c, pr, cents, st, cl, r, int(rnd() * len(titles_q[pr])), ss,
                                reached, lr, ex, ow, seq, cm])
            # every active rep wins something in every month
            wins = {}
            for d in buf:
                if d[4] == 1 and MI[d[5]] == X:
                    wins[d[12]] = 1
            for p, (lo, hi) in act:
                r = p["idx"]
                if self.won.get((r, X)) or wins.get(r):
                    continue
                done = False
                for d in buf:
                    if d[6] == r and d[1] >= 0 and d[3] is not None and d[4] != 1:
                        cl = d[0] + int(rnd() * (hi - d[0] + 1))
                        if self.owner_at(d[1], cl) != r:
                            cl = d[0]
                        if self.owner_at(d[1], cl) != r:
                            continue
                        d[4], d[5], d[9], d[10], d[12] = 1, cl, 3, None, r
                        d[11] = max(d[0], cl + int(rnd() * 21) - 5)
                        done = True
                        break
                self.enforced += done
                self.unenforced += not done
            buf.sort(key=lambda d: (d[0], d[13]))
            # ids, statistics, output
            f = self.open("deals/%s.yaml" % mi_label(X))
            L = ["# Deals opened in %s. One file per month; `salesops deal add` appends here."
                 % mi_label(X)]
            a = L.append
            for i, d in enumerate(buf):
                if i % 2000 == 1999:
                    f.write("\n".join(L) + "\n")
                    L.clear()
                opened, c, pr, cents, st, cl, r, ti, ss, reached, lr, ex, ow, _, cm = d
                y = MI[opened] // 12
                n = year_seq.get(y, 0) + 1
                year_seq[y] = n
                did = "D-%d-%0*d" % (y, width, n)
                a("- id: " + did)
                if c >= 0:
                    a("  customer: " + cid[c])
                a("  owner: " + pid[ow])
                a("  title: " + titles_q[pr][ti])
                a("  product: " + PRODUCTS[pr])
                if cents is not None:
                    a("  amount: " + money(cents) + ("    # " + cm if cm else ""))
                path = STAGES[ss:reached + 1]
                if st == 1 and len(path) > 2 and hrng.random() < 0.15:
                    del path[1 + int(hrng.random() * (len(path) - 2))]
                if st == 0:
                    stage = path[-1]
                    end = today
                else:
                    stage = "won" if st == 1 else "lost"
                    path.append(stage)
                    end = cl
                a("  stage: " + stage)
                a("  opened: " + ISO[opened])
                a("  expected_close: " + ISO[ex])
                if st:
                    a("  closed: " + ISO[cl])
                    if lr is not None:
                        if hrng.random() < 0.05:
                            a("  lost_reason: %s    # %s" % (LOST_REASONS[lr], LOST_NOTES[int(hrng.random() * 4)]))
                        else:
                            a("  lost_reason: " + LOST_REASONS[lr])
                a("  history:")
                k = len(path)
                if k == 1:
                    dates = [opened]
                elif st:
                    span = end - opened + 1
                    dates = [opened] + sorted(opened + int(hrng.random() * span) for _ in range(k - 2)) + [end]
                else:
                    span = end - opened + 1
                    dates = [opened] + sorted(opened + int(hrng.random() * span) for _ in range(k - 1))
                for dd, s in zip(dates, path):
                    a("    - {date: %s, stage: %s}" % (ISO[dd], s))
                # statistics
                if st == 1:
                    cm_i = MI[cl]
                    key = (ow, cm_i)
                    self.rev[key] = self.rev.get(key, 0) + cents
                    self.won[key] = self.won.get(key, 0) + 1
                    fw = self.first_win.get(c)
                    if fw is None or (cl, did) < fw[:2]:
                        self.first_win[c] = (cl, did, ow)
                    qi = mi_quarter(cm_i)
                    b = self.biggest.get(qi)
                    if b is None or cents > b[0]:
                        self.biggest[qi] = (cents, did, ow)
                    self.n_won += 1
                elif st == 2:
                    key = (ow, MI[cl])
                    self.lost[key] = self.lost.get(key, 0) + 1
                    self.n_lost += 1
                else:
                    self.n_open += 1
                    self.open_amount += cents or 0
                    self.n_no_customer += c < 0
            f.write("\n".join(L) + "\n")
            f.close()
            del buf
        self.newc = {}
        for c, (cl, did, ow) in self.first_win.items():
            key = (ow, MI[cl])
            self.newc[key] = self.newc.get(key, 0) + 1
        self.deal_width = width

    # ----------------------------------------------------------------------------------
    # Targets

    def build_targets(self):
        rng = self.rng("targets")
        today_mi = MI[self.today]
        months = list(range(self.start_mi, self.target_end_mi + 1))
        reps = self.reps
        self.targets = {}     # year -> list of target dicts
        self.tindex = {}      # id -> target
        self.pm = {}          # (rep idx, mi, metric) -> value
        self.pq = {}          # (rep idx, qi, metric) -> value

        def rnd_money(v):
            step = 5000 if v >= 50000 else 1000
            return max(5000, int(round(v / step)) * step)

        def active_frac(p, mi):
            w = self.window(p, mi_first(mi), mi_last(mi))
            if not w:
                return 0.0
            return (w[1] - w[0] + 1) / (mi_last(mi) - mi_first(mi) + 1)

        mean_season = 1 / 12
        for p in reps:
            r = p["idx"]
            full = [mi for mi in range(max(self.start_mi, today_mi - 6), today_mi)
                    if active_frac(p, mi) == 1.0]
            if not full:
                full = [mi for mi in range(self.start_mi, today_mi) if active_frac(p, mi) > 0]
            # a typical month: between the median and the mean of the seasonally
            # adjusted months (a few large deals make the mean run high)
            norm = sorted(self.rev.get((r, mi), 0) / 100 / SEASON[mi % 12][1] * mean_season
                          for mi in full)
            avg = (2 * norm[len(norm) // 2] + sum(norm) / len(norm)) / 3 if norm else 100000
            p["avg_month"] = avg
            nc = sum(self.newc.get((r, mi), 0) for mi in full) / max(1, len(full))
            for mi in months:
                fr = active_frac(p, mi)
                if fr == 0:
                    continue
                smooth = avg * SEASON[mi % 12][1] / mean_season * fr
                if mi < today_mi:
                    # set with hindsight of the pipeline: partly the seasonal expectation,
                    # partly what was about to close
                    actual = self.rev.get((r, mi), 0) / 100
                    raw = actual / math.exp(rng.gauss(0.0, 0.12))
                    v = smooth ** 0.3 * raw ** 0.7 if raw > 0 else 0.5 * smooth
                    v = max(v, 0.3 * smooth)
                else:
                    v = smooth * 1.08 * rng.uniform(0.95, 1.1)
                self.pm[(r, mi, "revenue")] = rnd_money(v)
                self.pm[(r, mi, "new_customers")] = max(1, int(round(nc * fr * rng.uniform(0.85, 1.25))))

        def add(year, tid, owner, metric, period, value, parent=None, baseline=None,
                why=None, plan=None):
            t = {"id": tid, "owner": owner, "metric": metric, "period": period,
                 "value": value, "parent": parent, "baseline": baseline, "why": why,
                 "plan": plan, "children": []}
            assert tid not in self.tindex, tid
            self.tindex[tid] = t
            self.targets.setdefault(year, []).append(t)
            return t

        # which quarters and years are fully inside the targeted months
        quarters = sorted({mi_quarter(mi) for mi in months if mi_quarter(mi) * 3 >= self.start_mi})
        quarters = [qi for qi in quarters if q_months(qi)[0] >= self.start_mi]
        years = sorted({mi // 12 for mi in months})
        full_years = [y for y in years if y * 12 >= self.start_mi]
        metrics = ["revenue", "new_customers"]
        plan_q = mi_quarter(today_mi)
        plan_id = "P-%s" % q_label(plan_q)

        # bottom-up sums: person quarter -> leaf team quarter -> parent team quarter
        tq = {}
        for qi in quarters:
            for p in reps:
                for m in metrics:
                    vals = [self.pm.get((p["idx"], mi, m)) for mi in q_months(qi)]
                    vals = [v for v in vals if v is not None]
                    if vals:
                        self.pq[(p["idx"], qi, m)] = sum(vals)

        def team_q(tid, qi, m):
            key = (tid, qi, m)
            if key in tq:
                return tq[key]
            t = self.tmap[tid]
            if t["children"]:
                v = sum(team_q(ch, qi, m) for ch in t["children"])
            else:
                v = sum(self.pq.get((p["idx"], qi, m), 0) for p in t["members"])
            tq[key] = v
            return v

        tops = [t for t in self.teams if not t["parent"]]
        # company and top-level team years
        for y in years:
            for m in metrics:
                why_m = "扩大客户基础，新客户占比提升" if m == "new_customers" else None
                if y in full_years:
                    value = sum(team_q(t["id"], qi, m) for t in tops for qi in quarters if qi // 4 == y)
                    base = None
                    why = why_m
                    if m == "revenue":
                        prev = [mi for mi in range((y - 1) * 12, y * 12) if mi >= self.start_mi]
                        if prev:
                            covered = sum(SEASON[mi % 12][1] for mi in prev)
                            actual = sum(v for (r, mi), v in self.rev.items() if mi in prev) / 100
                            base = int(round(actual / covered / 10000)) * 10000
                            why = "年度增长%d%%，支撑新产品线 widget-pro" % round((value / base - 1) * 100)
                        else:
                            why = "三年规划第一年，支撑新产品线 widget-pro"
                    add(y, "T-%d-company-%s" % (y, m), "company", m, str(y), value,
                        baseline=base, why=why)
                    for t in tops:
                        add(y, "T-%d-%s-%s" % (y, t["id"], m), t["id"], m, str(y),
                            sum(team_q(t["id"], qi, m) for qi in quarters if qi // 4 == y),
                            parent="T-%d-company-%s" % (y, m),
                            why=why_m or "按区域历史贡献拆分公司目标")
                elif m == "revenue" and sum(1 for mi in months if mi // 12 == y) >= 6:
                    covered = [mi for mi in months if mi // 12 == y and mi < today_mi]
                    actual = sum(v for (r, mi), v in self.rev.items() if mi in covered) / 100
                    share = sum(SEASON[mi % 12][1] for mi in covered) or 1
                    value = int(round(actual / share / 0.97 / 100000)) * 100000
                    add(y, "T-%d-company-revenue" % y, "company", "revenue", str(y), value,
                        why="全年目标；本账本自%s起记录，此前数据在旧系统" % mi_label(self.start_mi))
        # team quarters
        for qi in quarters:
            y = qi // 4
            for t in self.teams:
                for m in metrics:
                    parent = None
                    if t["parent"]:
                        parent = "T-%s-%s-%s" % (q_label(qi), t["parent"], m)
                    elif y in full_years:
                        parent = "T-%d-%s-%s" % (y, t["id"], m)
                    why = {"revenue": "按季节性权重拆分年度目标" if not t["parent"] else "按团队人数与历史业绩拆分",
                           "new_customers": "新客户开发"}[m]
                    add(y, "T-%s-%s-%s" % (q_label(qi), t["id"], m), t["id"], m, q_label(qi),
                        team_q(t["id"], qi, m), parent=parent, why=why,
                        plan=plan_id if (qi == plan_q and m == "revenue") else None)
        # people: quarters, then their months
        reps_by_team = [p for t in self.teams for p in t["members"]]
        first_q = quarters[0] if quarters else None
        pre = [mi for mi in months if first_q is None or mi < q_months(first_q)[0]]
        no_why = set()
        for _ in range(3):
            p = reps_by_team[rng.randrange(len(reps_by_team))]
            no_why.add((p["idx"], months[rng.randrange(len(months))]))
        baseline_reps = {p["idx"] for p in reps_by_team if rng.random() < 0.3}
        groups = [(None, pre)] + [(qi, q_months(qi)) for qi in quarters]
        for qi, mis in groups:
            if not mis:
                continue
            y = mis[-1] // 12
            for p in reps_by_team:
                r = p["idx"]
                for m in metrics:
                    if qi is not None and (r, qi, m) in self.pq:
                        add(y, "T-%s-%s-%s" % (q_label(qi), p["id"], m), p["id"], m, q_label(qi),
                            self.pq[(r, qi, m)], parent="T-%s-%s-%s" % (q_label(qi), p["team"], m),
                            why="按个人历史业绩拆分团队季度目标" if m == "revenue" else "新客户开发",
                            plan=plan_id if (qi == plan_q and m == "revenue" and p is reps_by_team[0]) else None)
                if qi is not None and y == self.end_year and (r, qi, "revenue") in self.pq:
                    won = sum(self.won.get((r, mi), 0) for mi in range(today_mi - 12, today_mi))
                    lost = sum(self.lost.get((r, mi), 0) for mi in range(today_mi - 12, today_mi))
                    wr = won / (won + lost) if won + lost else 0.35
                    v = min(0.45, max(0.25, round(wr * 20) / 20))
                    add(y, "T-%s-%s-win_rate" % (q_label(qi), p["id"]), p["id"], "win_rate",
                        q_label(qi), v, why="提升商机质量，减少无效报价")
            for m in metrics:
                for mi in mis:
                    for p in reps_by_team:
                        r = p["idx"]
                        v = self.pm.get((r, mi, m))
                        if v is None:
                            continue
                        parent = "T-%s-%s-%s" % (q_label(qi), p["id"], m) if qi is not None else None
                        base = None
                        if m == "revenue" and r in baseline_reps and mi - 12 >= self.start_mi \
                                and self.active(p, mi_first(mi - 12)):
                            base = int(round(self.rev.get((r, mi - 12), 0) / 100 / 1000)) * 1000 or None
                        why = None
                        if (r, mi) not in no_why:
                            why = ("按季节性拆分季度目标" if parent else "月度目标") if m == "revenue" else "每月至少开发一家新客户"
                        add(mi // 12, "T-%s-%s-%s" % (mi_label(mi), p["id"], m), p["id"], m,
                            mi_label(mi), v, parent=parent, baseline=base, why=why)
        for t in self.tindex.values():
            if t["parent"]:
                self.tindex[t["parent"]]["children"].append(t)

    def write_targets(self):
        for y, lst in sorted(self.targets.items()):
            L = ["# Targets whose period ends in %d." % y,
                 "# Split targets name their parent; the children of a parent add up to it",
                 "# (`salesops target split` keeps it that way)."]
            section = None
            for t in lst:
                if t["owner"] == "company" or t["owner"] in self.tmap:
                    s = "company and teams"
                elif "Q" in t["period"]:
                    s = "people, %s" % t["period"]
                else:
                    s = "people, %s, %s" % (t["period"], t["metric"])
                if s != section:
                    L.append("")
                    L.append("# --- %s ---" % s)
                    section = s
                L.append("- id: " + t["id"])
                L.append("  owner: " + t["owner"])
                L.append("  metric: " + t["metric"])
                L.append("  period: " + t["period"])
                v = t["value"]
                L.append("  value: " + (ratio(v) if isinstance(v, float) else str(v)))
                if t["baseline"] is not None:
                    L.append("  baseline: %d" % t["baseline"])
                if t["why"]:
                    L.append("  why: " + q(t["why"]))
                if t["plan"]:
                    L.append("  plan: " + t["plan"])
                if t["parent"]:
                    L.append("  parent: " + t["parent"])
            with self.open("targets/%d.yaml" % y) as f:
                f.write("\n".join(L) + "\n")

    # ----------------------------------------------------------------------------------
    # Plans

    def write_plans(self):
        rng = self.rng("plans")
        today = self.today
        cur_q = mi_quarter(MI[today])
        active_reps = [p for p in self.reps if self.active(p, today) and p is not self.joiner]
        mgrs = [p for p in self.people if p["role"] == "manager"]
        director = self.director
        for qi in (cur_q - 1, cur_q):
            label = q_label(qi)
            pid = "P-" + label
            mis = q_months(qi)
            lo, hi = mi_first(mis[0]), mi_last(mis[2])
            current = qi == cur_q
            L = ["# Sales plan for %s: market analysis, target segments, strategies, actions." % label,
                 "id: " + pid,
                 "period: " + label,
                 "owner: " + director["id"],
                 "market:                    # market analysis",
                 "  size: 约120亿元" if current else "  size: 约115亿元",
                 "  growth: \"8%\"",
                 "  trends: [国产替代加速, 价格竞争加剧, 服务订阅化]",
                 "  competitors:",
                 "    - {name: 竞品甲, note: 降价15%}" if current else "    - {name: 竞品甲, note: 推出入门款}",
                 "    - {name: Globex, note: 渠道扩张}",
                 "segments:                  # target customer groups",
                 "  - id: high-end",
                 "    description: 高端客户，主推高附加值产品与服务",
                 "    criteria: {tier: A}",
                 "  - id: mid-market",
                 "    description: 成长型企业，主推 widget-basic 升级到 widget-pro",
                 "    criteria: {segment: mid-market}",
                 "  - id: price-sensitive",
                 "    description: 价格敏感客户，以标准套餐和促销为主",
                 "    criteria: {tier: C}",
                 "strategies:"]
            strategies = [("S1", "product", "high-end", "主推 widget-pro 与三年服务套餐"),
                          ("S2", "pricing", "price-sensitive", "季末促销，满额返点" if current else "阶梯报价，年付九五折"),
                          ("S3", "channel", "mid-market", "与区域集成商合作，扩大覆盖"),
                          ("S4", "promotion", "mid-market", "行业研讨会与客户案例推广"),
                          ("S5", "other", None, "提升CRM数据质量，按时更新商机阶段")]
            for sid, kind, seg, summ in strategies:
                L.append("  - id: " + sid)
                L.append("    kind: " + kind)
                if seg:
                    L.append("    segment: " + seg)
                L.append("    summary: " + q(summ))
            L.append("actions:")
            acts = [("拜访前20大客户", "S1"), ("完成重点客户二期方案", "S1"), ("发布季末促销政策", "S2"),
                    ("清理超期报价", "S2"), ("签约两家区域集成商", "S3"), ("举办行业研讨会", "S4"),
                    ("整理三个客户成功案例", "S4"), ("补齐A类客户联系人信息", "S5"),
                    ("商机阶段周检", "S5"), ("年度续约提前沟通", "S1")]
            owners = active_reps[:6] + mgrs[:2] + active_reps[6:8]
            owners = owners or [director]
            n_due = len(acts)
            for i, (title, sid) in enumerate(acts):
                o = owners[i % len(owners)]
                due = workday(lo + int((hi - lo) * (i + 0.5) / n_due) + rng.randint(-5, 5))
                due = min(max(due, lo), hi)
                aid = "A%d" % (i + 1)
                L.append("  - id: " + aid)
                L.append("    title: " + q(title))
                L.append("    owner: " + o["id"])
                L.append("    due: " + ISO[due])
                x = rng.random()
                if due < today:
                    status = "done" if x < 0.7 else ("dropped" if x < 0.82 else "open")
                    if i == 3:
                        status = "dropped"
                else:
                    status = "done" if x < 0.12 else "open"
                L.append("    status: " + status + ("    # overdue" if status == "open" and due < today else ""))
                if status == "done":
                    done_on = min(today, due + rng.randint(-6, 3))
                    L.append("    done_on: " + ISO[max(lo, done_on)])
                L.append("    strategy: " + sid)
                tid = None
                if o["role"] == "rep":
                    cand = "T-%s-%s-revenue" % (mi_label(MI[due]), o["id"])
                    if cand in self.tindex and i % 2 == 0:
                        tid = cand
                elif i % 2 == 0:
                    cand = "T-%s-%s-revenue" % (label, o["team"])
                    if cand in self.tindex:
                        tid = cand
                if tid:
                    L.append("    target: " + tid)
            with self.open("plans/%s.yaml" % label) as f:
                f.write("\n".join(L) + "\n")
        self.plan_ids = ["P-" + q_label(cur_q - 1), "P-" + q_label(cur_q)]

    # ----------------------------------------------------------------------------------
    # Coaching

    def write_coaching(self):
        rng = self.rng("coaching")
        today = self.today
        first_mi = max(self.start_mi, self.end_year * 12)
        lo_all = mi_first(first_mi)
        sessions = []    # (date, order, dict)
        reps = [p for p in self.reps]
        steady = [p for p in reps if p is not self.joiner and p is not self.leaver]
        overdue = {steady[1]["id"], steady[-2]["id"]} if len(steady) >= 4 else set()
        self.coach_overdue = sorted(overdue)
        coached = reps + [p for p in self.people if p["role"] == "manager"]
        for p in coached:
            if not p["coach"]:
                continue
            w = self.window(p, lo_all, today)
            if not w:
                continue
            lo, hi = w
            coach = self.pmap[p["coach"]]
            rep = p["role"] == "rep"
            gap_lo, gap_hi = (11, 16) if rep else (26, 34)
            if p["id"] in overdue:
                d = today - rng.randint(18, 30)
            else:
                d = hi - rng.randint(1, 11 if rep else 20)
            if p is self.joiner:
                d = min(d, hi - 1)
            dates = []
            while d >= lo + 2:
                dates.append(workday(d, today))
                d -= rng.randint(gap_lo, gap_hi)
            dates.reverse()
            cust = self.rep_customers.get(p["idx"], ["C-0001"])
            for k, d in enumerate(dates):
                kind = "one-on-one"
                if rep and k % 5 == 3 and k < len(dates) - 1:
                    kind = ("ride-along", "role-play")[k % 2]
                c = cust[rng.randrange(len(cust))]
                topics = rng.sample(COACH_TOPICS, rng.randint(1, 3))
                s = {"date": d, "coach": coach["id"], "person": p["id"], "kind": kind,
                     "topics": topics, "notes": COACH_NOTES[rng.randrange(len(COACH_NOTES))].format(c=c)}
                if rng.random() < 0.8:
                    rt = {"attitude": rng.randint(3, 5), "skills": rng.randint(2, 5)}
                    if kind == "role-play":
                        rt["negotiation"] = rng.randint(2, 5)
                    s["ratings"] = rt
                fus = []
                for j in range(rng.choice((0, 1, 1, 2))):
                    due = d + rng.randint(5, 14)
                    done = due < today - 2 and rng.random() < 0.85
                    fus.append(("F%d" % (j + 1), FOLLOW_UPS[rng.randrange(len(FOLLOW_UPS))].format(c=c), due, done))
                s["follow_ups"] = fus
                sessions.append((d, p["idx"], s))
        sessions.sort(key=lambda x: (x[0], x[1]))
        by_month = {}
        for d, _, s in sessions:
            by_month.setdefault(MI[d], []).append(s)
        # trainings: one or two a month
        trainings = {}
        for mi in range(first_mi, self.end_mi + 1):
            lo, hi = mi_first(mi), min(mi_last(mi), today)
            topics = rng.sample(TRAINING_TOPICS, 2 if rng.random() < 0.35 else 1)
            lst = []
            for tp in topics:
                d = workday(rng.randint(lo, hi), hi)
                if d < lo:
                    d = lo
                title, fmt = TRAININGS[tp][rng.randrange(2)]
                att = [p for p in self.reps if self.active(p, d) and rng.random() < 0.75]
                if tp == "crm" and rng.random() < 0.5:
                    att += [p for p in self.people if p["role"] == "manager" and self.active(p, d)]
                trainer = "external" if tp in ("sales-skills", "negotiation") else (
                    self.director["id"] if tp == "crm" else "产品部")
                lst.append({"id": "TR-%s-%s" % (mi_label(mi), tp), "date": d, "title": title,
                            "topic": tp, "format": fmt,
                            "hours": rng.choice((1.5, 2, 3, 3, 4, 6)), "trainer": trainer,
                            "attendees": [(p["id"], rng.randint(60, 100) if rng.random() < 0.85 else None)
                                          for p in att]})
            lst.sort(key=lambda t: t["date"])
            trainings[mi] = lst
        self.n_sessions = len(sessions)
        self.n_trainings = sum(len(v) for v in trainings.values())
        for mi in range(first_mi, self.end_mi + 1):
            L = ["# Coaching sessions and trainings of %s." % mi_label(mi), "sessions:"]
            ss = by_month.get(mi, [])
            width = max(3, len(str(len(ss))))
            for n, s in enumerate(ss, 1):
                L.append("  - id: CS-%s-%0*d" % (mi_label(mi), width, n))
                L.append("    date: " + ISO[s["date"]])
                L.append("    coach: " + s["coach"])
                L.append("    person: " + s["person"])
                L.append("    kind: " + s["kind"])
                L.append("    topics: [%s]" % ", ".join(s["topics"]))
                L.append("    notes: " + q(s["notes"]))
                if "ratings" in s:
                    L.append("    ratings: {%s}" % ", ".join("%s: %d" % kv for kv in s["ratings"].items()))
                if s["follow_ups"]:
                    L.append("    follow_ups:")
                    for fid, act, due, done in s["follow_ups"]:
                        L.append("      - {id: %s, action: %s, due: %s, done: %s}"
                                 % (fid, q(act), ISO[due], "true" if done else "false"))
            if not ss:
                L[-1] = "sessions: []"
            L.append("trainings:")
            tl = trainings.get(mi, [])
            for t in tl:
                L.append("  - id: " + t["id"])
                L.append("    date: " + ISO[t["date"]])
                L.append("    title: " + q(t["title"]))
                L.append("    topic: " + t["topic"])
                L.append("    format: " + t["format"])
                L.append("    hours: %s" % t["hours"])
                L.append("    trainer: " + q(t["trainer"]))
                L.append("    attendees:")
                for pid, score in t["attendees"]:
                    if score is None:
                        L.append("      - {person: %s}" % pid)
                    else:
                        L.append("      - {person: %s, score: %d}" % (pid, score))
            if not tl:
                L[-1] = "trainings: []"
            with self.open("coaching/%s.yaml" % mi_label(mi)) as f:
                f.write("\n".join(L) + "\n")

    # ----------------------------------------------------------------------------------
    # Reviews of the last closed quarter

    def person_q(self, r, qi):
        mis = q_months(qi)
        rev = sum(self.rev.get((r, mi), 0) for mi in mis)
        won = sum(self.won.get((r, mi), 0) for mi in mis)
        lost = sum(self.lost.get((r, mi), 0) for mi in mis)
        newc = sum(self.newc.get((r, mi), 0) for mi in mis)
        return rev, won, lost, newc

    def write_reviews(self):
        rng = self.rng("reviews")
        today = self.today
        qi = mi_quarter(MI[today]) - 1
        label = q_label(qi)
        mis = q_months(qi)
        lo, hi = mi_first(mis[0]), mi_last(mis[2])
        due = hi + 15
        people = [p for p in self.reps if self.active(p, today) and self.window(p, lo, hi)]
        drafts = {people[-1]["id"]} if people else set()
        if len(people) > 3:
            drafts.add(people[2]["id"])
        self.reviews = []
        for p in people:
            r = p["idx"]
            rev, won, lost, newc = self.person_q(r, qi)
            status = "draft" if p["id"] in drafts else "final"
            L = ["person: " + p["id"],
                 "period: " + label,
                 "reviewer: " + p["coach"],
                 "status: " + status + ("                # due %s" % ISO[due] if status == "draft" else ""),
                 "quantitative:              # written by `review new`, refreshed by `review refresh`"]
            t = self.tindex.get("T-%s-%s-revenue" % (label, p["id"]))
            if t:
                L.append("  revenue: {target: %d, actual: %s, attainment: %s}"
                         % (t["value"], money(rev), ratio(rev / 100 / t["value"])))
            else:
                L.append("  revenue: {actual: %s}" % money(rev))
            wt = self.tindex.get("T-%s-%s-win_rate" % (label, p["id"]))
            if won + lost:
                wr = won / (won + lost)
                if wt:
                    L.append("  win_rate: {target: %s, actual: %s, attainment: %s}"
                             % (ratio(wt["value"]), ratio(wr), ratio(wr / wt["value"])))
                else:
                    L.append("  win_rate: {actual: %s}" % ratio(wr))
            nt = self.tindex.get("T-%s-%s-new_customers" % (label, p["id"]))
            if nt:
                L.append("  new_customers: {target: %d, actual: %d, attainment: %s}"
                         % (nt["value"], newc, ratio(newc / nt["value"])))
            L.append("qualitative:               # 1-5, filled by the reviewer")
            att = rev / 100 / t["value"] if t else 1.0
            L.append("  attitude: %d" % min(5, max(2, rng.randint(3, 4) + (att > 1.15) - (att < 0.8))))
            if status == "final" or rng.random() < 0.5:
                if rng.random() < 0.6:
                    L.append("  customer_satisfaction: %d" % rng.randint(3, 5))
                L.append("  teamwork: %d" % rng.randint(2, 5))
            if status == "final":
                L.append("comments: " + q(REVIEW_COMMENTS[rng.randrange(len(REVIEW_COMMENTS))]))
            with self.open("reviews/%s/%s.yaml" % (label, p["id"])) as f:
                f.write("\n".join(L) + "\n")
            self.reviews.append(p["id"])
        self.review_period = label

    # ----------------------------------------------------------------------------------
    # Rewards

    def write_rewards(self):
        rng = self.rng("rewards")
        today = self.today
        smb = self.leaves[1] if len(self.leaves) > 1 else self.leaves[0]
        L = ["# Incentive plans. `salesops reward calc` turns them into payout lines.",
             "plans:",
             "  # Quarterly commission for every rep: marginal rates on each attainment band.",
             "  - id: rep-commission-%d" % self.end_year,
             "    applies_to: {role: rep}",
             "    period: quarter",
             "    metric: revenue",
             "    mode: marginal",
             "    tiers:",
             "      - {from: 0.0, to: 0.5, rate: 0.0}",
             "      - {from: 0.5, to: 1.0, rate: 0.05}",
             "      - {from: 1.0, rate: 0.08}      # accelerator above target",
             "    gate: {metric: win_rate, min: 0.2}   # below it, no commission",
             "    cap: 200000",
             "    spiffs:",
             "      - {product: widget-pro, per_deal: 500}",
             "    team_bonus: {min_attainment: 1.0, amount: 5000}",
             "    prorate: true",
             "  # Monthly incentive of the %s team: one rate on the whole month," % smb,
             "  # chosen by the attainment band (retroactive).",
             "  - id: %s-monthly-%d" % (smb, self.end_year),
             "    applies_to: {team: %s}" % smb,
             "    period: month",
             "    metric: revenue",
             "    mode: retroactive",
             "    tiers:",
             "      - {from: 0.0, to: 0.8, rate: 0.0}",
             "      - {from: 0.8, to: 1.0, rate: 0.02}",
             "      - {from: 1.0, to: 1.3, rate: 0.03}",
             "      - {from: 1.3, rate: 0.04}",
             "    spiffs:",
             "      - {product: install, rate: 0.02}",
             "    cap: 30000",
             "    prorate: true"]
        with self.open("rewards/plans.yaml") as f:
            f.write("\n".join(L) + "\n")

        grants = []   # (date, dict)
        today_mi = MI[today]
        pid = {p["idx"]: p["id"] for p in self.people}
        for mi in range(self.start_mi, today_mi):
            best = None
            for p in self.reps:
                v = self.rev.get((p["idx"], mi), 0)
                if best is None or v > best[0]:
                    best = (v, p)
            d = workday(mi_first(mi + 1) + 4, today)
            if d <= today and best[0] > 0:
                grants.append((d, {"person": best[1]["id"], "kind": "recognition",
                                   "title": "月度销售冠军 %s" % mi_label(mi),
                                   "reason": "%s revenue %s" % (mi_label(mi), grouped(best[0]))}))
        first_q = mi_quarter(self.start_mi)
        for qi in range(first_q, mi_quarter(today_mi)):
            if q_months(qi)[0] < self.start_mi:
                continue
            d = workday(mi_last(q_months(qi)[2]) + 8, today)
            if d > today:
                continue
            best = None
            for p in self.reps:
                t = self.tindex.get("T-%s-%s-revenue" % (q_label(qi), p["id"]))
                if not t:
                    continue
                rev = self.person_q(p["idx"], qi)[0]
                a = rev / 100 / t["value"]
                if best is None or a > best[0]:
                    best = (a, p)
            if best:
                grants.append((d, {"person": best[1]["id"], "kind": "title",
                                   "title": "季度销售冠军 %s" % q_label(qi),
                                   "reason": "%s revenue %s of target" % (q_label(qi), pct(best[0]))}))
            b = self.biggest.get(qi)
            if b:
                grants.append((d + 1, {"person": pid[b[2]], "kind": "bonus",
                                       "title": "大单奖", "amount": "5000",
                                       "reason": "Largest deal of %s: %s (%s)" % (q_label(qi), b[1], grouped(b[0]))}))
            # the team that did best against its own target
            bt = None
            for t in self.teams:
                tt = self.tindex.get("T-%s-%s-revenue" % (q_label(qi), t["id"]))
                if not tt or t["children"]:
                    continue
                rev = sum(self.person_q(p["idx"], qi)[0] for p in t["members"])
                a = rev / 100 / tt["value"]
                if bt is None or a > bt[0]:
                    bt = (a, t)
            if bt:
                grants.append((d + 2, {"team": bt[1]["id"], "kind": "recognition",
                                       "title": "%s 最佳团队" % q_label(qi),
                                       "reason": "team revenue %s of target" % pct(bt[0])}))
            if qi % 4 == 1:   # after Q2: the half-year trip for the best of the first half
                hb = None
                for p in self.reps:
                    ts = [self.tindex.get("T-%s-%s-revenue" % (q_label(x), p["id"])) for x in (qi - 1, qi)]
                    if not all(ts):
                        continue
                    rev = sum(self.person_q(p["idx"], x)[0] for x in (qi - 1, qi))
                    a = rev / 100 / sum(t["value"] for t in ts)
                    if hb is None or a > hb[0]:
                        hb = (a, p)
                if hb:
                    grants.append((d + 5, {"person": hb[1]["id"], "kind": "trip",
                                           "title": "上半年优秀销售奖励旅行（三亚）",
                                           "reason": "H1 revenue %s of target" % pct(hb[0])}))
        if self.joiner is not None:
            grants.append((min(today, self.joiner["joined"] + 30),
                           {"person": self.joiner["id"], "kind": "gift", "title": "新人礼包",
                            "reason": "welcome to the team"}))
        tops = [t for t in self.teams if not t["parent"]]
        d = workday(min(today - 3, ordinal(self.end_year, 9, 30)), today)
        grants.append((d, {"team": tops[0]["id"], "kind": "gift", "title": "中秋团队建设",
                           "reason": "团队凝聚力"}))
        grants.sort(key=lambda g: g[0])
        by_year = {}
        for d, g in grants:
            by_year.setdefault(_D.fromordinal(d).year, []).append((d, g))
        self.n_grants = len(grants)
        for y, lst in sorted(by_year.items()):
            L = ["# Grants of %d: recognitions, titles, trips, gifts and one-off bonuses." % y,
                 "grants:"]
            for n, (d, g) in enumerate(lst, 1):
                L.append("  - id: G-%d-%04d" % (y, n))
                L.append("    date: " + ISO[d])
                if "team" in g:
                    L.append("    team: " + g["team"])
                else:
                    L.append("    person: " + g["person"])
                L.append("    kind: " + g["kind"])
                L.append("    title: " + q(g["title"]))
                if "amount" in g:
                    L.append("    amount: " + g["amount"])
                L.append("    reason: " + q(g["reason"]))
            with self.open("rewards/%d.yaml" % y) as f:
                f.write("\n".join(L) + "\n")

    # ----------------------------------------------------------------------------------

    def write_config(self):
        season = "\n".join("%s = %.2f" % kv for kv in SEASON)
        text = CONFIG.replace("@SEASON@", season)
        with self.open("salesops.toml") as f:
            f.write(text)

    def clear(self):
        """Remove the records of a previous run so a smaller book leaves no strays."""
        for sub in ("customers", "deals", "targets", "plans", "coaching", "reviews", "rewards"):
            root = os.path.join(self.out, sub)
            for dirpath, _, names in os.walk(root):
                for n in names:
                    if n.endswith(".yaml"):
                        os.remove(os.path.join(dirpath, n))

    def run(self):
        t0 = time.time()
        os.makedirs(self.out, exist_ok=True)
        self.clear()
        self.write_config()
        self.build_org()
        self.write_team()
        self.build_customers()
        self.gen_deals()
        self.write_customers()
        self.build_targets()
        self.write_targets()
        self.write_plans()
        self.write_coaching()
        self.write_reviews()
        self.write_rewards()
        if not self.a.quiet:
            n_targets = len(self.tindex)
            print("book %s: %d files, %d people in %d teams, %d customers (%d interactions, "
                  "%d surveys), %d deals over %d months (%d won, %d lost, %d open), "
                  "%d targets, %d coaching sessions, %d trainings, %d reviews, %d grants; "
                  "today %s; %.1fs"
                  % (self.out, self.files, len(self.people), len(self.teams), self.n_customers,
                     self.n_interactions, self.n_surveys, self.n_deals, self.a.months,
                     self.n_won, self.n_lost, self.n_open, n_targets, self.n_sessions,
                     self.n_trainings, len(self.reviews), self.n_grants, ISO[self.today],
                     time.time() - t0), file=sys.stderr)
            if self.unenforced:
                print("note: %d rep-months without a won deal" % self.unenforced, file=sys.stderr)


CONFIG = """\
# salesops.toml — configuration of the Acme East (华东) sales book.
# Every command reads it first; `salesops check` validates the records against it.

[org]                        # who we are and how money and time are counted
name = "Acme East"
currency = "CNY"
fiscal_year_start = 1        # month the fiscal year starts; FY expressions follow it
week_start = "monday"

[stages]                     # open stages in funnel order, each with its win probability
order = ["lead", "qualified", "proposal", "negotiation"]
probability = { lead = 0.1, qualified = 0.25, proposal = 0.5, negotiation = 0.75 }
# won and lost always exist, with probability 1 and 0

[policy]                     # the rules `salesops check` audits (supervision)
revisit_days = { A = 14, B = 30, C = 90 }
one_on_one_days = 14
target_max_growth = 0.5      # above this growth over baseline a target is flagged unachievable
required_targets = ["revenue", "new_customers"]   # every active rep, every month
review_due_days = 15         # reviews of a closed quarter due this many days after it

[customers]                  # customer fields: `segments` is the list customer.segment must
segments = ["enterprise", "mid-market", "smb"]   # come from (free text when absent)

[kpi.big_deals]              # custom KPIs: count | sum | avg over a record kind, filtered
label = "Won deals over 100k"
kind = "deals"
count = true
where = { stage = "won", amount = ">= 100000" }
date = "closed"

[review]                     # review score: weighted KPI attainment and reviewer ratings
weights = { revenue = 0.4, win_rate = 0.2, customer_satisfaction = 0.2, attitude = 0.1, teamwork = 0.1 }
attainment_scores = [[0.7, 1], [0.9, 2], [1.0, 3], [1.2, 4]]   # below 0.7 → 1 … at or above 1.2 → 5

[seasonality]                # share of the year's sales in each month (they sum to 1);
                             # used by `target split --by seasonal`
@SEASON@
"""


def main():
    ap = argparse.ArgumentParser(description="Generate a salesops book (deterministic).")
    ap.add_argument("--out", required=True, help="directory of the book to write")
    ap.add_argument("--deals", type=int, default=1800, help="number of deals (default 1800)")
    ap.add_argument("--months", type=int, default=18, help="months of deals, ending with --end (default 18)")
    ap.add_argument("--people", type=int, default=18, help="people in team.yaml (default 18)")
    ap.add_argument("--teams", type=int, default=4, help="teams (default 4)")
    ap.add_argument("--customers", type=int, default=0, help="customers (default: one per 10 deals)")
    ap.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    ap.add_argument("--end", default="2026-11", help="last month, YYYY-MM (default 2026-11)")
    ap.add_argument("--today", default=None, help="today, in the --end month (default: its 26th)")
    ap.add_argument("-q", "--quiet", action="store_true", help="print no summary")
    a = ap.parse_args()
    if a.deals < 1 or a.months < 1:
        sys.exit("generate.py: --deals and --months must be positive")
    Generator(a).run()


if __name__ == "__main__":
    main()
