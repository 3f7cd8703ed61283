"""The coding workflow (README, "Coding and agreement"): a coding sheet of records
with zhengce's labels and a codebook, for people to code in Excel, and the reading
of coded sheets back into the long frame :func:`zhengce.agreement` takes.

The sheet (openpyxl) has three worksheets: ``coding`` (one row per record: the
record, zhengce's labels in ``machine_<variable>`` columns, an empty column per
variable for the coder, and a note), ``codebook`` (every label id with its name
and definition) and ``about`` (the coder's name in B1, and how to fill the sheet).
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import polars as pl

from .. import _zhengce
from .._errors import DataFileError, FormatError, InvalidValueError, NotFoundError
from . import _frames
from ._tables import _sections

if TYPE_CHECKING:
    from .._corpus import Corpus

VARIABLES = ("themes", "instruments", "strength_label")
MACHINE = "machine"
_SPLIT = re.compile(r"[;；,，、\s]+")
_STRENGTH_LABELS = {
    "binding": "约束性：确保、必须、严禁、量化目标、时限等表述占优",
    "soft": "倡导性：探索、鼓励、研究、适时、逐步等表述占优",
    "mixed": "两类表述相当，或只有弱标记（要、应、支持、引导）",
    "none": "两类表述都没有",
}


def _openpyxl():
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("coding sheets need openpyxl: pip install openpyxl") from None
    return openpyxl


def codebook() -> pl.DataFrame:
    """Every label a coder can give: variable, id, name, definition. Themes with
    their scope (``data/themes.md``), instruments with their type, and the
    commitment labels with the rule that assigns them."""
    rows = []
    scope = {}
    for line in _zhengce.default_data("themes.md").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and re.fullmatch(r"[a-z_]+", cells[0]) and cells[0] != "id":
            scope[cells[0]] = (cells[1], cells[2])
    for theme, (name, what) in scope.items():
        rows.append(("themes", theme, name, what))
    for section, title, line in _sections(None, "instruments.tsv"):
        if not line.fields and section:
            kind = section.split("_")[0]
            rows.append(("instruments", section, title, f"{kind}-side instrument (Rothwell & Zegveld): {title}"))
    for label, what in _STRENGTH_LABELS.items():
        rows.append(("strength_label", label, label, what))
    return pl.DataFrame(rows, schema={"variable": pl.String, "id": pl.String, "name": pl.String, "definition": pl.String}, orient="row")


def coding_sheet(
    corpus: "Corpus",
    path: str | os.PathLike[str],
    *,
    n: int | None = None,
    seed: int = 0,
    variables: Sequence[str] = VARIABLES,
    coder: str = "",
) -> pl.DataFrame:
    """Write an Excel coding sheet of task records (all, or a random sample of
    ``n`` drawn with ``seed``) and return the records written.

    Each row: doc_id, record_id, province, path, text, ``machine_<variable>``
    (zhengce's labels, ids joined by ``; ``), an empty ``<variable>`` column per
    variable for the coder, and ``note``. Multi-label variables take several ids
    separated by ``;`` (also ；，、 or spaces).

    >>> import zhengce as zc
    >>> zc.load_sample().coding_sheet("coding.xlsx", n=50)  # doctest: +SKIP
    """
    unknown = [v for v in variables if v not in VARIABLES]
    if unknown:
        raise InvalidValueError(f"variables: {unknown[0]!r} is not one of {', '.join(VARIABLES)}")
    recs = _frames.tasks(corpus).join(corpus.documents.select("doc_id", "province"), on="doc_id", how="left")
    if n is not None and n < recs.height:
        recs = recs.sample(n, seed=seed).sort("doc_id", "record_id")
    machine = [
        (pl.col(v).cast(pl.List(pl.String)).list.join("; ") if isinstance(recs.schema[v], pl.List) else pl.col(v).cast(pl.String).fill_null("")).alias(f"{MACHINE}_{v}")
        for v in variables
    ]
    out = recs.select("doc_id", "record_id", "province", "path", "text", *machine)
    out = out.with_columns(*[pl.lit("").alias(v) for v in variables], pl.lit("").alias("note"))
    _write(out, codebook().filter(pl.col("variable").is_in(list(variables))), Path(path), coder)
    return out


def _write(sheet: pl.DataFrame, book: pl.DataFrame, path: Path, coder: str) -> None:
    openpyxl = _openpyxl()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "coding"
    ws.append(sheet.columns)
    for row in sheet.iter_rows():
        ws.append(list(row))
    ws.freeze_panes = "A2"
    ws.column_dimensions["E"].width = 80
    cb = wb.create_sheet("codebook")
    cb.append(book.columns)
    for row in book.iter_rows():
        cb.append(list(row))
    about = wb.create_sheet("about")
    about.append(["coder", coder])
    about.append(["how", "Fill the empty columns of the coding sheet with label ids from the codebook; several ids separated by ';'. "
                  "Leave a cell empty for a record with none of the labels (themes, instruments), or that you did not code (strength_label). "
                  "Do not change doc_id and record_id."])  # fmt: skip
    wb.save(path)


def read_coding(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], *, machine: bool = True) -> pl.DataFrame:
    """Read coding sheets filled by people into the long frame of codings:
    doc_id, record_id, coder, variable, values (list of label ids).

    The coder is the name in the ``about`` sheet's B1, else the file's stem. A row
    counts as coded when any of its variable columns (or the note) is filled; then
    an empty multi-label cell means "none of these labels" (``[]``) and an empty
    single-valued cell is left out. With ``machine=True`` zhengce's labels of the
    same rows are added as coder ``machine``. An id not in the codebook raises
    ``zhengce.DataFileError`` naming the file, row and column.

    >>> codings = zc.read_coding(["anna.xlsx", "bo.xlsx"])  # doctest: +SKIP
    >>> zc.agreement(codings)  # doctest: +SKIP
    """
    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    known = {}
    for v, i in codebook().select("variable", "id").iter_rows():
        known.setdefault(v, set()).add(i)
    rows: list[tuple] = []
    for p in items:
        rows += _read_one(Path(p), known, machine)
    out = pl.DataFrame(
        rows, schema={"doc_id": pl.String, "record_id": pl.Int64, "coder": pl.String, "variable": pl.String, "values": pl.List(pl.String)}, orient="row"
    )
    return out.unique(subset=["doc_id", "record_id", "coder", "variable"], keep="last", maintain_order=True)


def _read_one(path: Path, known: dict[str, set[str]], machine: bool) -> list[tuple]:
    openpyxl = _openpyxl()
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such file or directory", path=str(path)) from None
    except Exception as e:  # openpyxl raises several types for a file that is not a workbook
        raise FormatError(f"{path}: not an Excel coding sheet ({e})", path=str(path)) from None
    if "coding" not in wb.sheetnames:
        raise DataFileError(f"{path}: invalid data file at line 0: no worksheet named 'coding'", path=str(path))
    coder = str(wb["about"]["B1"].value or "").strip() if "about" in wb.sheetnames else ""
    coder = coder or path.stem
    sheet = list(wb["coding"].iter_rows(values_only=True))
    header = [str(h or "").strip() for h in sheet[0]] if sheet else []
    if "doc_id" not in header or "record_id" not in header:
        raise DataFileError(f"{path}: invalid data file at line 1: the coding sheet needs doc_id and record_id columns", path=str(path))
    variables = [v for v in VARIABLES if v in header]
    out = []
    for number, row in enumerate(sheet[1:], 2):
        cell = dict(zip(header, row))
        if cell.get("doc_id") in (None, ""):
            continue
        key = (str(cell["doc_id"]), int(cell["record_id"]))
        filled = any(str(cell.get(v) or "").strip() for v in [*variables, "note"])
        for v in variables:
            if filled:
                values = _values(cell.get(v), known.get(v, set()), path, number, v)
                if values or v != "strength_label":
                    out.append((*key, coder, v, values))
            if machine and f"{MACHINE}_{v}" in cell:
                values = [x for x in _SPLIT.split(str(cell[f"{MACHINE}_{v}"] or "")) if x]
                if values or v != "strength_label":
                    out.append((*key, MACHINE, v, values))
    return out


def _values(raw: object, known: set[str], path: Path, row: int, column: str) -> list[str]:
    values = [x for x in _SPLIT.split(str(raw or "").strip()) if x]
    bad = [x for x in values if known and x not in known]
    if bad:
        raise DataFileError(f"{path}: invalid data file at line {row}: column {column}: {bad[0]!r} is not in the codebook", path=str(path))
    return values
