"""The reference pipeline: the extraction zhengce does, written the way a
researcher writes it today in a notebook — Python ``jieba`` + ``re`` + pandas.

It is meant as an honest baseline, not a strawman: the regular expressions are
compiled once, files are decoded with a BOM check and a GB18030 fallback,
dictionary terms are counted with a ``Counter`` of each record's tokens (not a
scan of every term over every token), and frames are built once from lists of
dicts. It does what zhengce does, to the precision a careful analyst reaches
in a few hours:

* documents: province (from the issuer or the document-number abbreviation),
  issuer, document number, title, date, year;
* records: numbered lines and the paragraphs under numbered headings, with
  dotted paths (一、 （一） 1. （1） ① 第一章 第一条 …, styles nested in the order
  a document uses them), headings told apart from records;
* departments: （责任单位：…）, 牵头单位：…；配合单位：…, X牵头，Y配合, a trailing
  (省民政厅、省财政厅) and a 责任单位：… line, split into names (first = lead);
* targets (number + unit + comparator, with a deadline in the same sentence),
  deadlines (到2020年底, 6月15日前 …) and numbered formulations (两不愁、三保障);
* themes, policy instruments and commitment strength: the shipped term
  dictionaries (data/themes.tsv, data/instruments.tsv, data/strength.tsv)
  counted over jieba tokens (jieba's default dictionary plus
  data/civil_affairs.dict, as zhengce loads it), heading context for themes,
  the README's assignment rules.

Use::

    python bench/reference.py bench/out/corpus-10MB          # prints frame sizes and timings
    >>> from reference import run_reference                   # doctest: +SKIP
    >>> frames, timings = run_reference(["a.txt", "b.txt"])    # doctest: +SKIP
"""
from __future__ import annotations

import glob
import logging
import math
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

import jieba
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

jieba.setLogLevel(logging.WARNING)

# ---------------------------------------------------------------------------
# Dictionaries


def load_term_file(path: Path) -> dict[str, dict[str, float]]:
    """`[id] 名称` sections of `term<TAB>weight` lines → {id: {term: weight}}."""
    out: dict[str, dict[str, float]] = {}
    cur = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip() if not line.startswith("#") else ""
        if not line.strip():
            continue
        m = re.match(r"\[(\w+)\]", line)
        if m:
            cur = out.setdefault(m.group(1), {})
            continue
        if cur is None:
            continue
        parts = line.split("\t")
        term = parts[0].strip()
        weight = float(parts[1]) if len(parts) > 1 and parts[1].strip() else 1.0
        cur[term] = weight
    return out


def load_themes_from_md(path: Path) -> dict[str, dict[str, float]]:
    """Fallback when data/themes.tsv is missing: the taxonomy's headings and
    the terms listed under them in data/themes.md, weight 1."""
    out: dict[str, dict[str, float]] = {}
    cur = None
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"#+\s*(?:\d+[.、]\s*)?`?(\w+)`?\s", line)
        if m:
            cur = out.setdefault(m.group(1), {})
            continue
        if cur is not None:
            for term in re.findall(r"[\u4e00-\u9fff]{2,}", line):
                cur.setdefault(term, 1.0)
    return out


_jieba_ready = False


def setup_jieba() -> None:
    """jieba's default dictionary plus the civil-affairs dictionary, as zhengce loads them."""
    global _jieba_ready
    if _jieba_ready:
        return
    jieba.initialize()
    if (DATA / "civil_affairs.dict").exists():
        jieba.load_userdict(str(DATA / "civil_affairs.dict"))
    _jieba_ready = True


class TermSets:
    """Term dictionaries indexed for counting over a Counter of tokens."""

    def __init__(self, sections: dict[str, dict[str, float]]):
        self.sections = sections
        self.exact: dict[str, list[tuple[str, float]]] = {}
        self.prefix: list[tuple[str, str, float]] = []  # 低保* matches 低保户
        self.special: dict[str, list[tuple[str, float]]] = {}  # <target>, <deadline>
        for sec, terms in sections.items():
            for term, w in terms.items():
                if term.startswith("<"):
                    self.special.setdefault(term, []).append((sec, w))
                elif term.endswith("*"):
                    self.prefix.append((term.rstrip("*").lstrip("*"), sec, w))
                else:
                    self.exact.setdefault(term.lstrip("*"), []).append((sec, w))

    def score(self, counts: Counter, n_targets: int = 0, n_deadlines: int = 0) -> tuple[dict[str, float], dict[str, list[str]]]:
        scores: dict[str, float] = {}
        found: dict[str, list[str]] = {}
        for tok, n in counts.items():
            hits = self.exact.get(tok)
            if hits:
                for sec, w in hits:
                    if w > 0:
                        scores[sec] = scores.get(sec, 0.0) + w * (1 + math.log(n))
                        found.setdefault(sec, []).append(tok)
        if self.prefix:
            for tok, n in counts.items():
                for p, sec, w in self.prefix:
                    if tok.startswith(p) and tok not in self.exact:
                        scores[sec] = scores.get(sec, 0.0) + w * (1 + math.log(n))
                        found.setdefault(sec, []).append(tok)
        for key, n in (("<target>", n_targets), ("<deadline>", n_deadlines)):
            if n:
                for sec, w in self.special.get(key, ()):
                    scores[sec] = scores.get(sec, 0.0) + w * n
        return scores, found


_terms: dict[str, TermSets] = {}


def term_sets() -> dict[str, TermSets]:
    if not _terms:
        themes_tsv = DATA / "themes.tsv"
        _terms["themes"] = TermSets(load_term_file(themes_tsv) if themes_tsv.exists() else load_themes_from_md(DATA / "themes.md"))
        for name in ("instruments", "strength"):
            p = DATA / f"{name}.tsv"
            _terms[name] = TermSets(load_term_file(p) if p.exists() else {})
    return _terms


def load_slogans() -> list[str]:
    p = DATA / "slogans.txt"
    if not p.exists():
        return []
    words = [l.strip() for l in p.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
    return sorted(words, key=len, reverse=True)


PROVINCES: list[tuple[str, str]] = []  # (name as written, short name)
ABBR: dict[str, str] = {}


def load_regions() -> None:
    if PROVINCES:
        return
    for line in (DATA / "regions.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) >= 3:
            if cols[2] in ("province", "short"):
                PROVINCES.append((cols[0], cols[1]))
            elif cols[2] == "abbr":
                ABBR.setdefault(cols[0], cols[1])
    PROVINCES.sort(key=lambda x: -len(x[0]))


# ---------------------------------------------------------------------------
# Reading


def read_text(path: str) -> tuple[str, str]:
    """Decode a downloaded file: BOMs first, then UTF-8, then GB18030."""
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace"), "utf-16"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace"), "gb18030"


# ---------------------------------------------------------------------------
# Structure

CN = {c: i for i, c in enumerate("零一二三四五六七八九")}
CN.update({"〇": 0, "两": 2})


def cn2int(s: str) -> int:
    """一 → 1, 十二 → 12, 二十一 → 21, 一百零五 → 105."""
    total, num = 0, 0
    for ch in s:
        if ch == "百":
            total += (num or 1) * 100
            num = 0
        elif ch == "十":
            total += (num or 1) * 10
            num = 0
        elif ch in CN:
            num = CN[ch]
        else:
            return 0
    return total + num


CNUM = "一二三四五六七八九十百零〇两"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PDIGIT = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
PCN = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"

# (style, regex); the regex's group 1 is the ordinal, the rest of the line follows the match.
MARKERS = [
    ("chapter", re.compile(rf"^第([{CNUM}]+)章\s*")),
    ("part", re.compile(rf"^第([{CNUM}]+)部分\s*")),
    ("section", re.compile(rf"^第([{CNUM}]+)节\s*")),
    ("article", re.compile(rf"^第([{CNUM}]+)条\s*")),
    ("cn_dun", re.compile(rf"^([{CNUM}]+)[、，,]\s*")),
    ("cn_paren", re.compile(rf"^[（(]\s*([{CNUM}]+)\s*[)）]\s*")),
    ("cn_enclosed", re.compile(rf"^([{PCN}])\s*")),
    ("dotted", re.compile(r"^(\d{1,2}\.\d{1,2})(?![\d%])\s*")),
    ("num_dot", re.compile(r"^(\d{1,3})[.．](?![\d%])\s*")),
    ("num_dun", re.compile(r"^(\d{1,3})、\s*")),
    ("num_paren", re.compile(r"^[（(](\d{1,3})[)）]\s*")),
    ("num_half", re.compile(r"^(\d{1,3})[)）]\s*")),
    ("circled", re.compile(rf"^([{CIRCLED}])\s*")),
    ("pdigit", re.compile(rf"^([{PDIGIT}])\s*")),
]


def ordinal(style: str, s: str) -> str:
    if style in ("circled",):
        return str(CIRCLED.index(s) + 1)
    if style == "pdigit":
        return str(PDIGIT.index(s) + 1)
    if style == "cn_enclosed":
        return str(PCN.index(s) + 1)
    if s[0].isdigit():
        return s
    return str(cn2int(s))


RE_ATTR_LABEL = re.compile(r"[（(]\s*(?:责任单位|责任部门|牵头单位|责任处室)\s*[:：]([^（）()]+)[)）]\s*$")
RE_ATTR_LEADCO = re.compile(r"牵头单位[:：]\s*([^；;）)]+)[；;，,]?\s*(?:配合单位|协同单位|参与单位)[:：]\s*([^）)]+)")
RE_ATTR_ROLES = re.compile(r"[（(]([^（）()]+?)牵头[，,、]\s*([^（）()]+?)(?:配合|参与)[)）]\s*$")
RE_ATTR_LIST = re.compile(r"[（(]([^（）()]{2,300}?(?:厅|局|委|办|会|院|处|室|联|行|部|单位|中心|团省委))[)）]\s*$")
RE_ATTR_LINE = re.compile(r"^(?:责任单位|责任部门|牵头单位)\s*[:：]\s*(.+)$")
RE_DEPT_SPLIT = re.compile(r"[、，,；;]\s*")
DEPT_SUFFIX = ("厅", "局", "委", "办", "会", "院", "处", "室", "联", "行", "部", "单位", "中心", "团省委", "政府", "部门")


def split_departments(s: str) -> list[str]:
    out = []
    for name in RE_DEPT_SPLIT.split(s):
        name = re.sub(r"(等单位|等部门|牵头|配合|负责)$", "", name.strip()).strip()
        if 2 <= len(name) <= 25:
            out.append(name)
    return out


def departments_of(text: str) -> list[tuple[str, str]]:
    """(name, role) of the departments made responsible at the end of a record."""
    m = RE_ATTR_LEADCO.search(text)
    if m:
        lead = split_departments(m.group(1))
        return [(d, "lead") for d in lead] + [(d, "co") for d in split_departments(m.group(2))]
    m = RE_ATTR_ROLES.search(text)
    if m:
        return [(d, "lead") for d in split_departments(m.group(1))] + [(d, "co") for d in split_departments(m.group(2))]
    m = RE_ATTR_LABEL.search(text) or RE_ATTR_LIST.search(text)
    if m:
        names = split_departments(m.group(1))
        if names and all(n.endswith(DEPT_SUFFIX) or "省" in n for n in names):
            return [(n, "lead" if i == 0 else "co") for i, n in enumerate(names)]
    return []


RE_DOCNO = re.compile(r"([\u4e00-\u9fff]{1,8})\s*[〔\[［（(﹝【]\s*((?:19|20)\d\d)\s*[〕\]］）)﹞】]\s*(\d{1,4})\s*号")
RE_DATE = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
RE_CN_DATE = re.compile(r"([〇○零一二三四五六七八九]{4})年([十一二三四五六七八九]{1,2})月([十一二三四五六七八九]{1,3})日")
RE_TITLE = re.compile(r"^(.*?)(?:关于)?印发《(.+?)》的通知")
RE_META = re.compile(r"^(索引号|分类|发文机关|成文日期|标题|发文字号|发布日期)\s*[:：]")


def cn_year(s: str) -> int:
    return int("".join(str("〇一二三四五六七八九".index(c)) if c in "〇一二三四五六七八九" else "0" for c in s))


def document_meta(lines: list[str]) -> dict:
    load_regions()
    head = lines[:40]
    joined = "\n".join(head)
    issuer = title = doc_number = None
    for line in head:
        m = RE_TITLE.match(line)
        if m:
            issuer = m.group(1).strip() or None
            title = m.group(2)
            break
    m = RE_DOCNO.search(joined)
    if m:
        doc_number = f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"
    date = None
    for line in head:
        if RE_META.match(line):
            continue
        m = RE_DATE.fullmatch(line.strip())
        if m:
            date = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
            break
        m = RE_CN_DATE.fullmatch(line.strip())
        if m:
            date = (cn_year(m.group(1)), cn2int(m.group(2)), cn2int(m.group(3)))
            break
    if date is None:
        m = re.search(r"成文日期\s*[:：]\s*" + RE_DATE.pattern, joined)
        if m:
            date = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
    province = None
    for source in (issuer or "", doc_number or ""):
        for name, short in PROVINCES:
            if name in source:
                province = short
                break
        if province:
            break
    if province is None and doc_number:
        province = ABBR.get(doc_number[0])
    if province is None:
        for name, short in PROVINCES:
            if name in joined:
                province = short
                break
    year = date[0] if date else (int(re.search(r"〔(\d{4})〕", doc_number).group(1)) if doc_number else None)
    return {
        "province": province,
        "issuer": issuer,
        "doc_number": doc_number,
        "title": title,
        "date": pd.Timestamp(*date) if date and 1 <= date[1] <= 12 and 1 <= date[2] <= 31 else None,
        "year": year,
    }


def structure(lines: list[str]) -> list[dict]:
    """Blocks of a document: kind (heading / task / front), path, marker, text, departments."""
    blocks: list[dict] = []
    styles: list[str] = []  # the nesting of marker styles in this document
    ords: list[str] = []
    in_body = False
    for line in lines:
        m_style = m = None
        for style, rx in MARKERS:
            m = rx.match(line)
            if m:
                m_style = style
                break
        if m_style and not in_body and m_style not in ("cn_dun", "chapter", "part", "article"):
            m_style = None  # 附件：1. … in front matter is not the body
        if m_style:
            in_body = True
            if m_style in styles:
                k = styles.index(m_style)
                del styles[k + 1:]
                del ords[k:]
            else:
                styles.append(m_style)
            ords.append(ordinal(m_style, m.group(1)))
            path = ".".join(ords)
            body = line[m.end():]
            is_heading = "。" not in body.rstrip("。") and len(body) <= 50 and not departments_of(body)
            blocks.append({"kind": "heading" if is_heading else "task", "path": path, "level": len(ords), "marker": line[: m.end()].strip(), "text": body})
            continue
        if not in_body:
            blocks.append({"kind": "front", "path": "", "level": 0, "marker": "", "text": line})
            continue
        ma = RE_ATTR_LINE.match(line)
        if ma and blocks and blocks[-1]["kind"] == "task":
            blocks[-1]["attr_line"] = ma.group(1)
            continue
        if line.startswith(("扫一扫", "Produced By", "附件")):
            in_body = False
            blocks.append({"kind": "front", "path": "", "level": 0, "marker": "", "text": line})
            continue
        blocks.append({"kind": "task", "path": ".".join(ords), "level": len(ords), "marker": "", "text": line})
    return blocks


# ---------------------------------------------------------------------------
# Targets, deadlines, slogans

CMP = {
    "不低于": ">=", "不少于": ">=", "不小于": ">=", "以上": ">=", "达到": ">=", "超过": ">", "高于": ">",
    "不高于": "<=", "不超过": "<=", "以下": "<=", "控制在": "<=", "低于": "<", "少于": "<", "提高到": ">=", "提高至": ">=",
}
RE_TARGET = re.compile(
    r"(?P<cmp>不低于|不少于|不小于|达到|超过|高于|不高于|不超过|控制在|低于|少于|提高到|提高至)?\s*"
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<mult>万|亿)?\s*"
    r"(?P<unit>%|％|倍|个|张|家|所|人|名|户|项|元|万人|平方米|次|支|座|床)"
    r"(?P<post>以上|以下|左右)?"
)
RE_DEADLINE = re.compile(
    r"(?P<lead>到|至|截至|于)?\s*(?P<y>(?:19|20)\d\d)\s*年(?:\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?)?(?P<tail>底|末)?(?P<before>前|以前)?"
    r"|(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日\s*(?:前|以前)"
    r"|(?P<vague>年底前|年内|上半年|下半年)"
)


def targets_of(text: str) -> list[dict]:
    out = []
    for m in RE_TARGET.finditer(text):
        cmp = m.group("cmp") or m.group("post")
        if not cmp and m.group("unit") not in ("%", "％"):
            continue
        value = float(m.group("num")) * {"万": 1e4, "亿": 1e8, None: 1}[m.group("mult")]
        sentence_end = text.find("。", m.end())
        sentence_start = text.rfind("。", 0, m.start()) + 1
        sentence = text[sentence_start: sentence_end if sentence_end >= 0 else len(text)]
        dl = re.search(r"(?:到|至)?((?:19|20)\d\d)年", sentence)
        out.append({
            "span": m.group(0).strip(), "start": m.start(), "end": m.end(), "value": value,
            "unit": m.group("unit").replace("％", "%"), "comparator": CMP.get(cmp, "="),
            "deadline": dl.group(1) if dl else None,
        })
    return out


def deadlines_of(text: str, year: int | None) -> list[dict]:
    out = []
    for m in RE_DEADLINE.finditer(text):
        if m.group("y"):
            if not (m.group("lead") or m.group("before") or m.group("tail") or m.group("m")):
                continue
            date = m.group("y") + (f"-{int(m.group('m')):02d}" if m.group("m") else ("-12" if m.group("tail") else "")) + (f"-{int(m.group('d')):02d}" if m.group("d") else "")
        elif m.group("m2"):
            if year is None:
                continue
            date = f"{year}-{int(m.group('m2')):02d}-{int(m.group('d2')):02d}"
        else:
            if year is None:
                continue
            date = {"年底前": f"{year}-12", "年内": str(year), "上半年": f"{year}-06", "下半年": f"{year}-12"}[m.group("vague")]
        out.append({"phrase": m.group(0).strip(), "date": date, "start": m.start(), "end": m.end()})
    return out


RE_QUOTED_SLOGAN = re.compile(r"[“\"]([一二两三四五六七八九十百千万][^“”\"]{1,12}?)[”\"]")


def slogans_of(text: str, known: list[str]) -> list[dict]:
    out = []
    taken: list[tuple[int, int]] = []
    for m in RE_QUOTED_SLOGAN.finditer(text):
        out.append({"text": m.group(1), "normalized": re.sub(r"[、，,\s]", "", m.group(1)), "start": m.start(1), "end": m.end(1)})
        taken.append((m.start(), m.end()))
    for word in known:
        start = text.find(word)
        while start >= 0:
            if not any(a <= start < b for a, b in taken):
                out.append({"text": word, "normalized": word, "start": start, "end": start + len(word)})
                taken.append((start, start + len(word)))
            start = text.find(word, start + len(word))
    return out


# ---------------------------------------------------------------------------
# The pipeline


def assign_themes(scores: dict[str, float]) -> list[str]:
    if not scores:
        return []
    best = max(scores.values())
    ranked = sorted(((s, t) for t, s in scores.items() if s >= 4 and s >= 0.35 * best), reverse=True)
    return [t for _, t in ranked[:3]]


def run_reference(paths: list[str], timings: dict | None = None) -> tuple[dict[str, pd.DataFrame], dict]:
    """Read files and extract everything; (frames, seconds per stage)."""
    t = timings if timings is not None else {}
    t0 = time.perf_counter()
    setup_jieba()
    terms = term_sets()
    themes_t, instr_t, strength_t = terms["themes"], terms["instruments"], terms["strength"]
    known_slogans = load_slogans()
    load_regions()
    t["setup"] = time.perf_counter() - t0
    t_jieba = 0.0
    docs, records, depts, targets, deadlines, slogans, themes, instruments = [], [], [], [], [], [], [], []
    t1 = time.perf_counter()
    for path in paths:
        text, encoding = read_text(path)
        lines = [l.strip(" \t\u3000\xa0\r") for l in text.splitlines()]
        lines = [l for l in lines if l]
        doc_id = Path(path).stem
        meta = document_meta(lines)
        blocks = structure(lines)
        heading_scores: dict[str, dict[str, float]] = {}
        n_records = n_targets = 0
        for rid, b in enumerate(blocks):
            body = b["text"]
            tj = time.perf_counter()
            tokens = [w for w in jieba.lcut(body) if w.strip()]
            t_jieba += time.perf_counter() - tj
            if b["kind"] == "front":
                continue
            dl = departments_of(body)
            if not dl and b.get("attr_line"):
                dl = [(n, "lead" if i == 0 else "co") for i, n in enumerate(split_departments(b["attr_line"]))]
            tg = targets_of(body)
            dd = deadlines_of(body, meta["year"])
            counts = Counter(tokens)
            own, found = themes_t.score(counts, len(tg), len(dd))
            if b["kind"] == "heading":
                heading_scores[b["path"]] = own
            # Context: the headings above, nearest × 0.5, halved again per level.
            scores = dict(own)
            parts = b["path"].split(".") if b["path"] else []
            factor = 0.5
            for k in range(len(parts) - (1 if b["kind"] == "heading" else 0), 0, -1):
                hs = heading_scores.get(".".join(parts[:k]))
                if hs and ".".join(parts[:k]) != b["path"]:
                    for th, s in hs.items():
                        scores[th] = scores.get(th, 0.0) + factor * s
                    factor /= 2
            assigned = assign_themes(scores)
            for th, s in scores.items():
                themes.append({"doc_id": doc_id, "record_id": rid, "path": b["path"], "theme": th, "score": s, "assigned": th in assigned, "terms": found.get(th, [])})
            iscores, ifound = instr_t.score(counts, len(tg), len(dd))
            for ins, s in iscores.items():
                instruments.append({"doc_id": doc_id, "record_id": rid, "path": b["path"], "instrument": ins, "score": s, "assigned": s >= 1, "terms": ifound.get(ins, [])})
            sscores, _ = strength_t.score(counts, len(tg), len(dd))
            bnd, soft = sscores.get("binding", 0.0), sscores.get("soft", 0.0)
            strength = (bnd - soft) / (bnd + soft + 1)
            if b["kind"] == "task":
                n_records += 1
                n_targets += len(tg)
            records.append({
                "doc_id": doc_id, "record_id": rid, "path": b["path"], "level": b["level"], "kind": b["kind"], "marker": b["marker"],
                "heading": re.split(r"[。；！？]", body, maxsplit=1)[0], "text": body, "departments": [d for d, _ in dl],
                "themes": assigned, "instruments": [i for i, s in iscores.items() if s >= 1], "strength": strength, "n_tokens": len(tokens),
            })
            for pos, (d, role) in enumerate(dl):
                depts.append({"doc_id": doc_id, "record_id": rid, "path": b["path"], "department": d, "role": role, "position": pos})
            for x in tg:
                targets.append({"doc_id": doc_id, "record_id": rid, "path": b["path"], **x})
            for x in dd:
                deadlines.append({"doc_id": doc_id, "record_id": rid, "path": b["path"], **x})
            for x in slogans_of(body, known_slogans):
                slogans.append({"doc_id": doc_id, "record_id": rid, "path": b["path"], **x})
        docs.append({"doc_id": doc_id, "source": path, **meta, "encoding": encoding, "n_chars": len(text), "n_records": n_records, "n_targets": n_targets})
    t["extract"] = time.perf_counter() - t1
    t["jieba"] = t_jieba
    t2 = time.perf_counter()
    frames = {
        "documents": pd.DataFrame(docs),
        "records": pd.DataFrame(records),
        "departments": pd.DataFrame(depts),
        "targets": pd.DataFrame(targets),
        "deadlines": pd.DataFrame(deadlines),
        "slogans": pd.DataFrame(slogans),
        "themes": pd.DataFrame(themes),
        "instruments": pd.DataFrame(instruments),
    }
    t["frames"] = time.perf_counter() - t2
    t["total"] = time.perf_counter() - t0
    return frames, t


def list_files(specs: list[str]) -> list[str]:
    """Files of folders (recursively, in name order), globs and plain paths."""
    out: list[str] = []
    for s in specs:
        if os.path.isdir(s):
            out.extend(sorted(str(p) for p in Path(s).rglob("*") if p.is_file()))
        elif any(c in s for c in "*?["):
            out.extend(sorted(glob.glob(s, recursive=True)))
        else:
            out.append(s)
    return out


if __name__ == "__main__":
    files = list_files(sys.argv[1:])
    frames, t = run_reference(files)
    size = sum(os.path.getsize(f) for f in files)
    for name, df in frames.items():
        print(f"{name:12s} {len(df):8d} rows")
    print({k: round(v, 2) for k, v in t.items()}, f"{size / 1e6 / t['total']:.2f} MB/s")
