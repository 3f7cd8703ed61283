"""A deterministic generator of realistic provincial policy documents, for benchmarks.

The five bundled sample documents (python/zhengce/sample) are taken apart into
pools — section headings, sub-headings, provisions, departments named in
attributions, preambles — and put together again as new documents of every
province: a cover notice or a web page header or neither, a body title, a
preamble citing national and provincial documents, numbered sections in one of
several marker schemes (一、/（一）/1. , 一、/1、, 第一章/第一条, 一、 with
unnumbered paragraphs …), provisions with their numbers varied, years moved to
the document's year, and departments re-drawn and attributed in one of the
styles real documents use (（责任单位：…）, a trailing (省民政厅、省财政厅),
牵头单位：…；配合单位：…, X牵头，Y配合, a 责任单位：… line). Files are written in
UTF-8 (some with a BOM), GB18030 and UTF-16, some with CRLF line ends,
full-width indentation or blank lines between paragraphs, as downloaded files
are.

Document ``i`` of seed ``s`` depends only on ``(s, i)``: a 10 MB corpus is the
prefix of the 100 MB one, and a document can be regenerated on its own.

Command line::

    python bench/generate.py --size 10MB --out bench/out/corpus-10MB

Library (what the tests use)::

    >>> import sys; sys.path.insert(0, "bench")
    >>> from generate import generate, make_document
    >>> doc = make_document(0, seed=1)
    >>> doc.relpath.endswith(".txt") and len(doc.text) > 1000
    True
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "python" / "zhengce" / "sample"
DATA_DIR = ROOT / "data"

#: Bumped whenever the output for a given (seed, i) changes, so that results
#: name the corpus they were measured on.
GENERATOR_VERSION = 1
DEFAULT_SEED = 20240501

CN_DIGITS = "零一二三四五六七八九"
_CN_NUM = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_PAREN_CN = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 105 → 一百零五 (as written in ordinals)."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    head = CN_DIGITS[n // 100] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + CN_DIGITS[rest]
    return head + CN_DIGITS[rest // 10] + "十" + (CN_DIGITS[rest % 10] if rest % 10 else "")


def cn_year(y: int) -> str:
    """2019 → 二〇一九 (the form of dates under signatures)."""
    return "".join("〇一二三四五六七八九"[int(c)] for c in str(y))


def cn_date(y: int, m: int, d: int) -> str:
    return f"{cn_year(y)}年{cn_number(m)}月{cn_number(d)}日"


# --------------------------------------------------------------------------
# Pools taken from the sample documents
# --------------------------------------------------------------------------

_WS = " \t\u3000\xa0"
_RE_L1 = re.compile(r"^([一二三四五六七八九十]+)、\s*(.+)$")
_RE_L2 = re.compile(r"^[（(]\s*([一二三四五六七八九十]+)\s*[)）]\s*(.+)$")
_RE_L3 = re.compile(r"^(\d{1,3})\s*[.、．](?!\d)\s*(.+)$")
_RE_ATTR_LABEL = re.compile(r"[（(]\s*(?:责任单位|牵头单位|责任部门|责任处室)\s*[:：]([^（）()]*)[)）]\s*$")
_RE_ATTR_LIST = re.compile(r"[（(]([^（）()]{2,400}?(?:厅|局|委|办|会|院|处|室|联|行|部|单位|团省委|中心))[)）]\s*$")
_RE_PROVINCE_WORDS = re.compile(r"(吉林|江苏|青海)(省)?")
_RE_ABBR_DOCNO = re.compile(r"([吉苏青])(?=[\u4e00-\u9fff]{0,4}[〔\[［（(﹝]\s*(?:19|20)\d\d)")
_RE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=\s*年|〕)")
_RE_NUMBER = re.compile(r"(?<![\d.〔\[（(])(\d+(?:\.\d+)?)(?![\d〕\]）)号])")
_DEPT_SPLIT = re.compile(r"[、，,；;]\s*")


@dataclass
class Pools:
    """What the sample documents offer for recombination."""

    h1: list[str] = field(default_factory=list)  # 一、 section titles
    h2: list[str] = field(default_factory=list)  # （一） sub-section titles
    provisions: list[tuple[str, int]] = field(default_factory=list)  # (text, year of its document)
    titled: list[tuple[str, int]] = field(default_factory=list)  # provisions starting with a title sentence
    preambles: list[tuple[str, int]] = field(default_factory=list)
    closings: list[tuple[str, int]] = field(default_factory=list)  # 保障措施-like paragraphs
    departments: list[str] = field(default_factory=list)  # as written in the sample (省民政厅, 救助处 …)
    divisions: list[str] = field(default_factory=list)  # 救助处, 福利处 … (a 民政厅's own documents)
    units: list[str] = field(default_factory=list)  # unit names from data/departments.tsv (民政厅, 财政厅 …)
    topics: list[str] = field(default_factory=list)
    provinces: list[tuple[str, str, str]] = field(default_factory=list)  # (full, short, abbr)


def _clean_lines(text: str) -> list[str]:
    return [s for s in (line.strip(_WS) for line in text.splitlines()) if s]


def _strip_attribution(s: str) -> tuple[str, list[str]]:
    """Take a trailing attribution off a provision: (text, department names)."""
    for rx in (_RE_ATTR_LABEL, _RE_ATTR_LIST):
        m = rx.search(s)
        if m:
            names = [n.strip() for n in _DEPT_SPLIT.split(re.sub(r"(牵头|配合|等单位|等部门)", "", m.group(1))) if n.strip()]
            if names and all(len(n) <= 20 for n in names):
                return s[: m.start()].rstrip(), names
    return s, []


def _doc_year(text: str) -> int:
    m = re.search(r"〔((?:19|20)\d\d)〕", text) or re.search(r"((?:19|20)\d\d)年", text)
    return int(m.group(1)) if m else 2018


@lru_cache(maxsize=1)
def pools() -> Pools:
    """Parse the sample documents (and data/regions.tsv, data/departments.tsv) into pools."""
    p = Pools()
    seen: set[str] = set()
    for path in sorted(SAMPLE_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        year = _doc_year(text)
        lines = _clean_lines(text)
        in_body = False
        for s in lines:
            if "\t" in s or s.startswith(("附件", "Produced", "扫一扫", "发布日期", "索引号")):
                continue
            m1, m2, m3 = _RE_L1.match(s), _RE_L2.match(s), _RE_L3.match(s)
            if m1 and len(m1.group(2)) <= 60 and "。" not in m1.group(2):
                p.h1.append(m1.group(2).rstrip("。"))
                in_body = True
                continue
            if m2:
                body = m2.group(2)
                if "。" not in body.rstrip("。") and len(body) <= 40:
                    p.h2.append(body.rstrip("。"))
                else:
                    body, names = _strip_attribution(body)
                    p.departments.extend(names)
                    p.titled.append((body, year))
                in_body = True
                continue
            if m3:
                body, names = _strip_attribution(m3.group(2))
                p.departments.extend(names)
                if len(body) >= 12:
                    (p.titled if "。" in body[:40] else p.provisions).append((body, year))
                continue
            if not in_body:
                if s.startswith("为") and len(s) > 40 and s not in seen:
                    p.preambles.append((s, year))
                    seen.add(s)
                continue
            if len(s) >= 30 and ("。" in s or "；" in s):
                body, names = _strip_attribution(s)
                p.departments.extend(names)
                if any(w in body[:12] for w in ("加强", "强化", "精心", "严格", "各地要", "各级")):
                    p.closings.append((body, year))
                p.provisions.append((body, year))
    # Divisions (救助处) are the departments of a 民政厅's own documents.
    p.divisions = sorted({d for d in p.departments if d.endswith(("处", "室")) and not d.startswith("省") and len(d) <= 6})
    p.departments = sorted({d for d in p.departments if 2 <= len(d) <= 16 and not d.startswith(("江苏", "吉林", "青海"))})
    p.units = _units_from_mapping()
    p.provinces = _provinces()
    p.topics = sorted({_topic(t) for t in p.h1 if 6 <= len(_topic(t)) <= 24})
    return p


def _topic(heading: str) -> str:
    """A heading turned into a title topic: 加快发展养老服务业 → 养老服务业."""
    t = re.split(r"[，,、]", heading)[0]
    return re.sub(r"^(继续|进一步|加快|切实|着力|全面|深入|大力|不断|努力|积极)+", "", t)


def _units_from_mapping() -> list[str]:
    """Provincial unit names listed in data/departments.tsv ([units] section, no wildcards)."""
    path = DATA_DIR / "departments.tsv"
    out: list[str] = []
    section = None
    if not path.exists():
        return ["民政厅", "财政厅", "人力资源社会保障厅", "卫生健康委", "教育厅", "公安厅", "住房城乡建设厅"]
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        if section != "units":
            continue
        cols = line.split("\t")
        if len(cols) >= 4 and "*" not in cols[0] and cols[3] in ("provincial", "") and cols[0].endswith(("厅", "局", "委", "办", "会")) and 3 <= len(cols[0]) <= 12:
            out.append(cols[0])
    return sorted(set(out)) or ["民政厅", "财政厅"]


def _provinces() -> list[tuple[str, str, str]]:
    """(full name, short name, document-number abbreviation) of every province in data/regions.tsv."""
    full: dict[str, str] = {}
    abbr: dict[str, str] = {}
    for line in (DATA_DIR / "regions.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 3:
            continue
        name, short, level = cols[0], cols[1], cols[2]
        if level == "province":
            full.setdefault(short, name)
        elif level == "abbr":
            abbr.setdefault(short, name)
    return [(full[s], s, abbr.get(s, s[0])) for s in full]


# --------------------------------------------------------------------------
# One document
# --------------------------------------------------------------------------

GENRES = ["实施方案", "工作要点", "责任分解方案", "若干措施", "工作方案", "实施意见"]
NATIONAL_REFS = [
    ("国务院关于进一步健全特困人员救助供养制度的意见", "国发", 2016),
    ("国务院关于加快发展养老服务业的若干意见", "国发", 2013),
    ("国务院办公厅关于推进养老服务发展的意见", "国办发", 2019),
    ("国务院关于加强困境儿童保障工作的意见", "国发", 2016),
    ("中共中央办公厅 国务院办公厅关于改革完善社会救助制度的意见", "中办发", 2020),
    ("民政部关于加快推进社区社会工作服务的意见", "民发", 2020),
    ("国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见", "国发", 2015),
]
INDICATORS = [
    ("城乡社区综合服务设施覆盖率", "%", "达到"),
    ("养老机构护理型床位占比", "%", "不低于"),
    ("街道综合性养老服务中心覆盖率", "%", "达到"),
    ("特困人员供养服务设施（敬老院）失能照护能力", "%", "不低于"),
    ("每千名老年人拥有养老床位", "张", "达到"),
    ("社会工作专业人才总量", "万人", "超过"),
    ("城市社区工作者持证比例", "%", "不低于"),
    ("农村低保标准", "元/人·月", "不低于"),
]
ADDRESSEES = [
    "各市（州）民政局，长白山管委会民政局，各县（市、区）民政局：",
    "各市、县（市、区）人民政府，省政府各部门、各直属机构：",
    "各市、县(市、区)委,各市、县(市、区)人民政府,省委各部委,省各委办厅局,省各直属单位:",
    "各设区市民政局，厅机关各处室、直属各单位：",
    "各地级以上市民政局，厅机关各处室：",
]
NOTES = ["（此件公开发布）", "（此件主动公开）", "（此件依申请公开）", "(此件公开发布)"]


@dataclass
class Document:
    relpath: str
    text: str
    encoding: str  # the Python codec the file is written in
    province: str
    year: int
    n_items: int  # numbered items written (for rough checks)


@dataclass
class _Style:
    """How one document writes things."""

    indent: str
    blank_lines: bool
    crlf: bool
    halfwidth_punct: bool  # (省民政厅、省财政厅) and 1.完善… with half-width brackets/commas
    attribution: str
    scheme: str
    l2: str
    l3: str
    global_items: bool


def _pick(rng: random.Random, weighted: list[tuple[object, float]]):
    total = sum(w for _, w in weighted)
    x = rng.random() * total
    for v, w in weighted:
        x -= w
        if x <= 0:
            return v
    return weighted[-1][0]


def _marker_l2(style: str, n: int) -> str:
    if style == "full":
        return f"（{cn_number(n)}）"
    if style == "half":
        return f"({cn_number(n)})"
    return _PAREN_CN[n - 1] if n <= len(_PAREN_CN) else f"（{cn_number(n)}）"


def _marker_l3(style: str, n: int) -> str:
    return {"dot": f"{n}.", "dun": f"{n}、", "fwdot": f"{n}．", "paren": f"（{n}）", "half_paren": f"({n})"}[style]


def _marker_l4(style: str, n: int) -> str:
    if style == "circled" and n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if style == "pdigit" and n <= len(_PAREN_DIGITS):
        return _PAREN_DIGITS[n - 1]
    return f"（{n}）"


class _Writer:
    def __init__(self, rng: random.Random, prov: tuple[str, str, str], year: int, style: _Style, pools: Pools):
        self.rng, self.prov, self.year, self.style, self.p = rng, prov, year, style, pools
        self.lines: list[str] = []
        self.chars = 0
        self.items = 0

    def line(self, s: str, indent: bool = True):
        s = (self.style.indent if indent else "") + s
        self.lines.append(s)
        self.chars += len(s) + 1
        if self.style.blank_lines:
            self.lines.append("")

    # Text variation -------------------------------------------------------
    def localise(self, s: str, src_year: int) -> str:
        """Move a text from its sample document to this one: province, years, numbers."""
        full, short, abbr = self.prov
        suffix = full[len(short):]
        s = _RE_PROVINCE_WORDS.sub(lambda m: short + (suffix if m.group(2) else ""), s)
        s = _RE_ABBR_DOCNO.sub(abbr[0] if len(abbr) == 1 else short[0], s)
        dy = self.year - src_year
        s = _RE_YEAR.sub(lambda m: str(min(2035, max(1995, int(m.group(1)) + dy))), s)
        return _RE_NUMBER.sub(self._vary_number, s)

    def _vary_number(self, m: re.Match) -> str:
        raw = m.group(1)
        after = m.string[m.end(): m.end() + 1]
        if len(raw) == 4 and raw.startswith(("19", "20")) and "." not in raw:
            return raw  # a year not followed by 年 (2018年-2020年 ranges are handled above)
        if after in "月日时":
            return raw  # dates stay valid
        rng = self.rng
        if "." in raw:
            v = float(raw) * rng.uniform(0.7, 1.4)
            decimals = len(raw.split(".")[1])
            return f"{v:.{decimals}f}"
        n = int(raw)
        if n == 0 or len(raw) > 6:
            return raw
        v = max(1, round(n * rng.uniform(0.5, 1.6)))
        if after in "%％":
            v = min(v, 100)
        return str(v)

    def departments(self, k: int) -> list[str]:
        """k departments: sample names, mapping units with a 省 prefix, or a 民政厅's divisions."""
        rng, p = self.rng, self.p
        out: list[str] = []
        for _ in range(k):
            r = rng.random()
            if r < 0.35 and p.departments:
                d = rng.choice(p.departments)
            elif r < 0.8 and p.units:
                d = "省" + rng.choice(p.units)
            elif p.divisions:
                d = rng.choice(p.divisions)
            else:
                d = "省民政厅"
            if d not in out:
                out.append(d)
        if "省民政厅" not in out and rng.random() < 0.5:
            out.insert(0, "省民政厅")
        return out

    def attribution(self) -> tuple[str, str | None]:
        """(suffix for the item, or a line of its own)."""
        rng, st = self.rng, self.style
        k = max(1, min(8, int(rng.expovariate(1 / 2.2)) + 1))
        ds = self.departments(k)
        sep = "、"
        lp, rp = ("(", ")") if st.halfwidth_punct else ("（", "）")
        kind = st.attribution
        if kind == "mixed":
            kind = rng.choice(["label", "list", "lead_co", "roles"])
        if kind == "label":
            return f"{lp}责任单位：{sep.join(ds)}{rp}", None
        if kind == "list":
            return f"{lp}{sep.join(ds)}{rp}", None
        if kind == "lead_co" and len(ds) > 1:
            return f"{lp}牵头单位：{ds[0]}；配合单位：{sep.join(ds[1:])}{rp}", None
        if kind == "roles" and len(ds) > 1:
            return f"{lp}{ds[0]}牵头，{sep.join(ds[1:])}配合{rp}", None
        if kind == "line":
            return "", f"责任单位：{sep.join(ds)}"
        return f"{lp}责任单位：{sep.join(ds)}{rp}", None

    def provision(self, titled: bool = False) -> str:
        rng, p = self.rng, self.p
        pool = p.titled if (titled and p.titled) else p.provisions
        text, y = rng.choice(pool)
        text = self.localise(text, y)
        if rng.random() < 0.25:
            # A second provision's sentences, as documents restate tasks.
            t2, y2 = rng.choice(p.provisions)
            sentences = [s for s in re.split(r"(?<=[。；])", self.localise(t2, y2)) if s]
            if sentences:
                text = text.rstrip() + "".join(sentences[: rng.randint(1, min(3, len(sentences)))])
        if rng.random() < 0.12:
            ind, unit, cmp = rng.choice(INDICATORS)
            value = rng.randint(30, 95) if unit == "%" else rng.randint(2, 600)
            text += f"到{self.year + rng.randint(0, 3)}年底，{ind}{cmp}{value}{unit}。"
        if self.style.halfwidth_punct:
            text = text.replace("，", ",").replace("（", "(").replace("）", ")")
        return text

    def item(self, marker: str, attributed: bool, titled: bool = False):
        body = self.provision(titled)
        suffix, own_line = self.attribution() if attributed else ("", None)
        self.line(f"{marker}{body}{suffix}")
        if own_line:
            self.line(own_line)
        self.items += 1


def _title_for(rng: random.Random, p: Pools, prov: tuple[str, str, str], year: int) -> tuple[str, str]:
    genre = rng.choice(GENRES)
    topic = rng.choice(p.topics) if p.topics else "民政工作"
    form = rng.random()
    if form < 0.4:
        title = f"{year}年全省{topic}{genre}"
    elif form < 0.7:
        title = f"关于进一步加强{topic}的{genre}"
    else:
        title = f"{prov[1]}{topic}{genre}（{year}—{year + rng.choice([2, 3, 5])}年）" if rng.random() < 0.5 else f"{topic}{genre}"
    return title, genre


def _issuer(rng: random.Random, prov: tuple[str, str, str]) -> tuple[str, str]:
    full, short, abbr = prov
    a = abbr if len(abbr) == 1 else short[0]
    return _pick(
        rng,
        [
            ((f"{full}民政厅", f"{a}民发"), 6),
            ((f"{full}人民政府办公厅", f"{a}政办发"), 2),
            ((f"中共{full}委办公厅 {full}人民政府办公厅", f"{a}办发"), 1),
            ((f"{full}民政厅 {full}财政厅", f"{a}民联"), 1),
            ((f"{full}人民政府", f"{a}政发"), 1),
        ],
    )


def _doc_number(rng: random.Random, prefix: str, year: int) -> str:
    lb, rb = _pick(rng, [(("〔", "〕"), 8), (("[", "]"), 1), (("（", "）"), 0.6), (("﹝", "﹞"), 0.6), (("［", "］"), 0.4)])
    return f"{prefix}{lb}{year}{rb}{rng.randint(1, 160)}号"


def make_document(i: int, seed: int = DEFAULT_SEED, p: Pools | None = None) -> Document:
    """Document ``i`` of the corpus of ``seed``."""
    p = p or pools()
    rng = random.Random(f"zhengce-bench:{seed}:{i}")
    prov = rng.choice(p.provinces)
    year = rng.randint(2010, 2023)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    style = _Style(
        indent=_pick(rng, [("", 5), ("\u3000\u3000", 4), ("  ", 1)]),
        blank_lines=rng.random() < 0.3,
        crlf=rng.random() < 0.2,
        halfwidth_punct=rng.random() < 0.2,
        attribution=_pick(rng, [("label", 4), ("list", 3), ("lead_co", 1), ("roles", 1), ("line", 1), ("mixed", 1), ("none", 2)]),
        scheme=_pick(rng, [("h1h2items", 4), ("h1paras", 2), ("h1items", 2), ("articles", 1), ("h1h2paras", 2)]),
        l2=_pick(rng, [("full", 6), ("half", 3), ("enclosed", 1)]),
        l3=_pick(rng, [("dot", 4), ("dun", 3), ("fwdot", 1), ("paren", 1), ("half_paren", 1)]),
        global_items=rng.random() < 0.4,
    )
    w = _Writer(rng, prov, year, style, p)
    title, genre = _title_for(rng, p, prov, year)
    issuer, prefix = _issuer(rng, prov)
    doc_no = _doc_number(rng, prefix, year)
    date_arabic = f"{year}年{month}月{day}日"
    front = _pick(rng, [("notice", 4), ("web_table", 2), ("web_line", 2), ("bare", 1), ("points", 2)])

    # Front matter ---------------------------------------------------------
    notice_title = f"{issuer}关于印发《{title}》的通知"
    if front == "web_table":
        code = f"{rng.randint(10**17, 10**18 - 1)}{rng.choice('HKXY')}/{year}-{rng.randint(1, 99999):05d}"
        w.line(f"索引号:\t{code}\t分类:\t{rng.choice(['社会救助', '养老服务', '社会福利', '基层政权'])};通知", indent=False)
        w.line(f"发文机关:\t{issuer}\t成文日期:\t{year}年{month:02d}月{day:02d}日", indent=False)
        w.line(f"标题:\t{notice_title}\t\t", indent=False)
        w.line(f"发文字号:\t{doc_no}\t发布日期:\t{year}年{month:02d}月{min(28, day + 3):02d}日", indent=False)
    if front == "web_line":
        w.line(notice_title, indent=False)
        w.line(f"发布日期:{year}-{month:02d}-{min(28, day + 2):02d} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d} 字体:[ ]", indent=False)
    if front in ("notice", "web_table", "web_line", "points"):
        w.line(notice_title, indent=False)
        w.line(doc_no + (f"  {date_arabic}" if front == "web_line" else ""), indent=False)
    if front in ("notice", "web_table", "web_line"):
        w.line(rng.choice(ADDRESSEES), indent=False)
        w.line(f"现将《{title}》印发给你们，请结合实际，认真贯彻落实。")
        if front != "web_line":
            w.line(issuer.split(" ")[0])
            w.line(cn_date(year, month, day) if rng.random() < 0.2 else date_arabic)
            w.line(rng.choice(NOTES))
    if front != "points":
        w.line(title)
    # Preamble: a sample preamble localised, or one citing national and provincial documents.
    if p.preambles and rng.random() < 0.4:
        text, y = rng.choice(p.preambles)
        w.line(w.localise(text, y))
    else:
        refs = rng.sample(NATIONAL_REFS, k=2)
        cites = "和".join(f"《{t}》（{pre}〔{min(year, max(y, year - 4))}〕{rng.randint(1, 60)}号）" for t, pre, y in refs)
        other = rng.choice(p.provinces)
        w.line(f"为深入贯彻落实{cites}精神，借鉴{other[0]}等地经验，结合{prov[0]}实际，制定本{genre}。")

    # Body -----------------------------------------------------------------
    target_chars = int(min(60000, max(1500, rng.lognormvariate(math.log(5500), 0.6))))
    h1_titles = rng.sample(p.h1, k=min(len(p.h1), 24))
    n_item = 0
    sec = 0
    attributed = style.attribution != "none"
    while w.chars < target_chars and sec < 40:
        sec += 1
        h1 = w.localise(h1_titles[(sec - 1) % len(h1_titles)], year)
        if style.scheme == "articles":
            w.line(f"第{cn_number(sec)}章　{h1}")
            for _ in range(rng.randint(2, 6)):
                n_item += 1
                w.item(f"第{cn_number(n_item)}条　", attributed=False)
            continue
        w.line(f"{cn_number(sec)}、{h1}")
        if style.scheme == "h1paras":
            for _ in range(rng.randint(2, 7)):
                w.line(w.provision(titled=rng.random() < 0.4))
            continue
        if style.scheme == "h1items":
            if not style.global_items:
                n_item = 0
            for _ in range(rng.randint(2, 8)):
                n_item += 1
                w.item(_marker_l3(style.l3, n_item), attributed, titled=rng.random() < 0.6)
            continue
        for sub in range(1, rng.randint(2, 6) + 1):
            w.line(_marker_l2(style.l2, sub) + w.localise(rng.choice(p.h2), year))
            if style.scheme == "h1h2paras":
                for _ in range(rng.randint(1, 3)):
                    w.line(w.provision())
                continue
            if not style.global_items:
                n_item = 0
            for _ in range(rng.randint(1, 6)):
                n_item += 1
                w.item(_marker_l3(style.l3, n_item), attributed, titled=rng.random() < 0.5)
                if rng.random() < 0.08:
                    for k in range(1, rng.randint(2, 4) + 1):
                        w.line(_marker_l4(rng.choice(["circled", "pdigit"]), k) + w.provision())
    # Closing section: 保障措施 with unnumbered or （一） paragraphs.
    if p.closings and rng.random() < 0.6 and style.scheme != "articles":
        sec += 1
        w.line(f"{cn_number(sec)}、{rng.choice(['保障措施', '工作要求', '组织保障', '有关要求'])}")
        for k in range(1, rng.randint(2, 4) + 1):
            text, y = rng.choice(p.closings)
            w.line(_marker_l2(style.l2, k) + w.localise(text, y))
    if front == "web_line":
        w.line("扫一扫在手机打开当前页", indent=False)

    sep = "\r\n" if style.crlf else "\n"
    text = sep.join(w.lines) + sep
    encoding = _pick(rng, [("utf-8", 70), ("utf-8-sig", 10), ("gb18030", 17), ("utf-16", 3)])
    pi = p.provinces.index(prov)
    return Document(relpath=f"p{pi:02d}/{i:07d}.txt", text=text, encoding=encoding, province=prov[1], year=year, n_items=w.items)


# --------------------------------------------------------------------------
# A corpus
# --------------------------------------------------------------------------


def parse_size(s: str) -> int:
    """'10MB' → 10_000_000 (decimal units; also KB, GB and plain byte counts)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]?)B?\s*", s.upper())
    if not m:
        raise ValueError(f"not a size: {s!r} (use e.g. 200KB, 10MB, 1GB)")
    return int(float(m.group(1)) * {"": 1, "K": 10**3, "M": 10**6, "G": 10**9}[m.group(2)])


def generate(out: str | os.PathLike, target_bytes: int, seed: int = DEFAULT_SEED, progress: bool = False) -> dict:
    """Write documents 0, 1, 2 … of ``seed`` into ``out`` until they hold at
    least ``target_bytes`` bytes; return a description of the corpus (also
    written to ``<out>.json`` beside the folder, not inside it, so that reading
    the folder reads documents only).

    A folder already holding the same corpus (same seed, size and generator
    version) is left as it is.
    """
    out = Path(out)
    manifest = out.with_name(out.name + ".json")
    if manifest.exists() and out.is_dir():
        try:
            info = json.loads(manifest.read_text(encoding="utf-8"))
            if (info.get("seed"), info.get("target_bytes"), info.get("generator_version")) == (seed, target_bytes, GENERATOR_VERSION):
                return info
        except (ValueError, OSError):
            pass
    p = pools()
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    i = 0
    encodings: dict[str, int] = {}
    chars = 0
    utf8 = 0
    t0 = time.perf_counter()
    while total < target_bytes:
        doc = make_document(i, seed, p)
        data = doc.text.encode(doc.encoding)
        path = out / doc.relpath
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        total += len(data)
        chars += len(doc.text)
        utf8 += len(doc.text.encode("utf-8")) if doc.encoding not in ("utf-8", "utf-8-sig") else len(data) - (3 if doc.encoding == "utf-8-sig" else 0)
        encodings[doc.encoding] = encodings.get(doc.encoding, 0) + 1
        i += 1
        if progress and i % 2000 == 0:
            print(f"  {i} documents, {total / 1e6:.0f} MB", file=sys.stderr)
    info = {
        "path": str(out),
        "seed": seed,
        "generator_version": GENERATOR_VERSION,
        "target_bytes": target_bytes,
        "bytes": total,
        "documents": i,
        "chars": chars,
        "utf8_bytes": utf8,
        "encodings": encodings,
        "seconds": round(time.perf_counter() - t0, 2),
    }
    manifest.write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
    return info


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", default="10MB", help="target size of the corpus on disk: 200KB, 10MB, 100MB, 1GB …")
    ap.add_argument("--out", help="folder to write (default bench/out/corpus-<size>)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--show", type=int, metavar="I", help="print document I instead of writing a corpus")
    a = ap.parse_args(argv)
    if a.show is not None:
        doc = make_document(a.show, a.seed)
        print(f"# {doc.relpath} {doc.encoding} {doc.province} {doc.year}\n{doc.text}")
        return 0
    out = a.out or str(ROOT / "bench" / "out" / f"corpus-{a.size}")
    info = generate(out, parse_size(a.size), a.seed, progress=True)
    print(json.dumps(info, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
