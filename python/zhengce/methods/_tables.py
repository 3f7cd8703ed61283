"""Readers of the methods' data files: the policy-strength scoring table, the PMC
variable scheme and the CAP topic mapping (``data/*.tsv``, README "Methods").

Each file is lines of tab-separated fields in ``[section]``s; a line whose first
non-blank character is ``#`` is a comment. A malformed line raises
``zhengce.DataFileError`` naming the file and the line, as the dictionaries do.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Union

from .. import _zhengce
from .._errors import DataFileError, NotFoundError

Source = Union[str, "os.PathLike[str]", None]


def _data_error(path: str, line: int, reason: str) -> DataFileError:
    """The error of a malformed data file, naming the file and line (0: the file as a whole)."""
    return DataFileError(f"{path}: invalid data file at line {line}: {reason}", path=path, context={"line": line, "reason": reason})


@dataclass(frozen=True)
class _Line:
    """One content line: where it is (for errors) and its fields."""

    path: str
    number: int
    fields: list[str]

    def error(self, reason: str) -> Exception:
        return _data_error(self.path, self.number, reason)

    def number_field(self, i: int, what: str) -> float:
        try:
            return float(self.fields[i])
        except ValueError:
            raise self.error(f"{what} must be a number, found {self.fields[i]!r}") from None


def _read(source: Source, default: str) -> tuple[str, str]:
    """The text of a table and the name errors give it (the shipped file by default)."""
    if source is None:
        return _zhengce.default_data(default), f"data/{default}"
    path = os.fspath(source)
    try:
        return Path(path).read_text(encoding="utf-8-sig"), path
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such file or directory", path=path) from None
    except UnicodeDecodeError as e:
        raise _data_error(path, 1, f"not UTF-8 text ({e.reason})") from None


_SECTION = re.compile(r"^\[([^\]\s]+)\]\s*(.*)$")


def _sections(source: Source, default: str) -> Iterator[tuple[str | None, str, _Line]]:
    """(section id, section name, line) for every content line, in order;
    a section header is yielded as a line with no fields."""
    text, name = _read(source, default)
    section: str | None = None
    title = ""
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        m = _SECTION.match(stripped)
        if m:
            section, title = m.group(1), m.group(2).strip()
            yield section, title, _Line(name, number, [])
            continue
        yield section, title, _Line(name, number, [f.strip() for f in raw.rstrip("\r\n").split("\t")])


# --- policy strength ---------------------------------------------------------

_LEVELS = {"national", "provincial", "city", "county", "*"}
_COMPONENTS = ("commitment", "targets", "deadlines", "responsibility")


@dataclass(frozen=True)
class IssuerRank:
    rank: str
    score: float
    level: str
    pattern: re.Pattern


@dataclass(frozen=True)
class StrengthTable:
    """The policy-strength scoring table (``data/policy_strength.tsv``)."""

    issuers: list[IssuerRank]
    doc_types: dict[str, float]
    weights: dict[str, float]
    source: str = ""

    def issuer(self, issuer: str | None, level: str | None) -> IssuerRank | None:
        """The first row whose level and pattern match (None when none does)."""
        for row in self.issuers:
            if row.level not in ("*", level):
                continue
            if row.pattern.search(issuer or ""):
                return row
        return None

    def doc_type(self, doc_type: str | None) -> tuple[str, float]:
        """The document type and its score (``*`` for a type not listed or unknown)."""
        if doc_type and doc_type in self.doc_types:
            return doc_type, self.doc_types[doc_type]
        return "*", self.doc_types.get("*", 1.0)


def read_strength_table(source: Source = None) -> StrengthTable:
    """Read a policy-strength scoring table (the shipped one by default).

    >>> t = read_strength_table()
    >>> t.issuer("吉林省民政厅", "provincial").rank, t.doc_type("方案")
    ('provincial_department', ('方案', 2.0))
    """
    issuers: list[IssuerRank] = []
    types: dict[str, float] = {}
    weights: dict[str, float] = {}
    seen: set[str] = set()
    name = ""
    for section, _, line in _sections(source, "policy_strength.tsv"):
        name = line.path
        if not line.fields:
            if section not in ("issuer", "doc_type", "components"):
                raise line.error(f"unknown section [{section}] (expected [issuer], [doc_type] or [components])")
            seen.add(section)
            continue
        if section is None:
            raise line.error("a line before the first [section]")
        if section == "issuer":
            issuers.append(_issuer_row(line))
        elif section == "doc_type":
            if len(line.fields) != 2:
                raise line.error(f"expected type<TAB>score, found {len(line.fields)} fields")
            types[line.fields[0]] = line.number_field(1, "a score")
        else:
            if len(line.fields) != 2 or line.fields[0] not in _COMPONENTS:
                raise line.error(f"expected component<TAB>weight with a component among {', '.join(_COMPONENTS)}")
            w = line.number_field(1, "a weight")
            if w < 0:
                raise line.error("a weight cannot be negative")
            weights[line.fields[0]] = w
    for required in ("issuer", "doc_type", "components"):
        if required not in seen:
            raise _data_error(name, 0, f"the section [{required}] is missing")
    if not sum(weights.values()) > 0:
        raise _data_error(name, 0, f"the [components] weights add up to 0")
    return StrengthTable(issuers, types, {c: weights.get(c, 0.0) for c in _COMPONENTS}, name)


def _issuer_row(line: _Line) -> IssuerRank:
    if len(line.fields) != 4:
        raise line.error(f"expected rank<TAB>score<TAB>level<TAB>pattern, found {len(line.fields)} fields")
    rank, _, level, pattern = line.fields
    if level not in _LEVELS:
        raise line.error(f"level must be one of {', '.join(sorted(_LEVELS))}, found {level!r}")
    try:
        compiled = re.compile(pattern)
    except re.error as e:
        raise line.error(f"the pattern {pattern!r} is not a regular expression: {e}") from None
    return IssuerRank(rank, line.number_field(1, "a score"), level, compiled)


# --- PMC scheme --------------------------------------------------------------

RULES = {
    "instrument": True,
    "instrument_type": True,
    "theme": True,
    "target": False,
    "deadline": False,
    "target_with_deadline": False,
    "horizon": True,
    "stages": True,
    "strength_label": True,
    "department_role": True,
    "department_category": True,
    "record_kind": True,
    "level": True,
    "doc_type": True,
}
"""Evidence rules of a PMC scheme, and whether each takes an argument."""


@dataclass(frozen=True)
class Variable:
    """A second-level PMC variable: id (X1:1), name, rule and its argument."""

    id: str
    name: str
    parent: str
    rule: str
    arg: str
    line: int


@dataclass(frozen=True)
class PmcScheme:
    """A PMC variable scheme (``data/pmc_scheme.tsv``)."""

    first: dict[str, str]  # X1 -> name, in order
    variables: list[Variable]
    grades: list[tuple[str, float]]  # best first: (grade, lowest fraction of the maximum)
    source: str = ""

    def grade(self, score: float) -> str:
        top = len(self.first)
        for name, fraction in self.grades:
            if score >= fraction * top - 1e-9:
                return name
        return self.grades[-1][0]


def read_pmc_scheme(source: Source = None) -> PmcScheme:
    """Read a PMC variable scheme (the shipped one by default).

    >>> s = read_pmc_scheme()
    >>> len(s.first), s.variables[0].id, s.variables[0].rule, s.grade(6.5)
    (9, 'X1:1', 'target_with_deadline', 'excellent')
    """
    first: dict[str, str] = {}
    variables: list[Variable] = []
    grades: list[tuple[str, float]] = []
    name = ""
    for section, title, line in _sections(source, "pmc_scheme.tsv"):
        name = line.path
        if not line.fields:
            if section != "grades":
                if section in first:
                    raise line.error(f"the variable [{section}] is defined twice")
                first[section] = title
            continue
        if section is None:
            raise line.error("a line before the first [section]")
        if section == "grades":
            if len(line.fields) != 2:
                raise line.error(f"expected grade<TAB>fraction, found {len(line.fields)} fields")
            grades.append((line.fields[0], line.number_field(1, "a fraction")))
        else:
            variables.append(_variable(line, section))
    if not variables:
        raise _data_error(name, 0, f"no second-level variables")
    empty = [x for x in first if not any(v.parent == x for v in variables)]
    if empty:
        raise _data_error(name, 0, f"[{empty[0]}] has no second-level variables")
    if not grades:
        grades = [("perfect", 0.9), ("excellent", 0.7), ("acceptable", 0.5), ("poor", 0.0)]
    grades.sort(key=lambda g: -g[1])
    return PmcScheme(first, variables, grades, name)


def _variable(line: _Line, parent: str) -> Variable:
    if len(line.fields) != 3:
        raise line.error(f"expected id<TAB>name<TAB>rule, found {len(line.fields)} fields")
    vid, vname, rule = line.fields
    kind, _, arg = rule.partition(":")
    if kind not in RULES:
        raise line.error(f"unknown evidence rule {kind!r} (known: {', '.join(RULES)})")
    if RULES[kind] and not arg:
        raise line.error(f"the rule {kind} needs an argument ({kind}:…)")
    if kind == "horizon" and not re.fullmatch(r"\d+-\d*", arg):
        raise line.error(f"horizon takes MIN-MAX years (6-, 3-5), found {arg!r}")
    if kind == "stages" and not arg.isdigit():
        raise line.error(f"stages takes a number of years, found {arg!r}")
    return Variable(vid, vname, parent, kind, arg, line.number)


# --- CAP topics --------------------------------------------------------------


@dataclass(frozen=True)
class CapMapping:
    """Theme id → (CAP major topic code, topic name, reasoning)."""

    topics: dict[str, tuple[int, str, str]] = field(default_factory=dict)
    source: str = ""


def read_cap_mapping(source: Source = None) -> CapMapping:
    """Read a theme → CAP major topic mapping (the shipped one by default).

    >>> read_cap_mapping().topics["elderly_care"][:2]
    (13, 'Social Welfare')
    """
    topics: dict[str, tuple[int, str, str]] = {}
    name = ""
    for section, _, line in _sections(source, "cap_topics.tsv"):
        name = line.path
        if not line.fields:
            raise line.error("a CAP mapping has no sections")
        if len(line.fields) != 4:
            raise line.error(f"expected theme<TAB>code<TAB>topic<TAB>reasoning, found {len(line.fields)} fields")
        theme, code, topic, why = line.fields
        if not code.isdigit():
            raise line.error(f"the CAP code must be a whole number, found {code!r}")
        if theme in topics:
            raise line.error(f"the theme {theme} is mapped twice (CAP codes one major topic per item)")
        topics[theme] = (int(code), topic, why)
    return CapMapping(topics, name)
