"""The Corpus type and the functions that make one."""
from __future__ import annotations

import glob as _glob
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping, Sequence

import polars as pl

from . import _zhengce
from ._errors import DecodeError, InvalidTypeError, InvalidValueError
from ._options import PathLike, ReadOptions, native_options

if TYPE_CHECKING:
    import numpy as np
    from typing_extensions import Unpack

    from .methods import PmcResult
    from ._saved import _Stored

#: Stands for the shipped dictionary in a list of dictionary files, to extend
#: it rather than replace it: ``themes=[zc.DEFAULT, "mine.tsv"]``.
DEFAULT = "<default>"

_SAMPLE_DIR = Path(__file__).resolve().parent / "sample"


class Corpus:
    """Documents read by zhengce, with every extraction as a polars DataFrame.

    Frames are built on first access and cached. All offsets (``start``/``end``)
    are character offsets into ``corpus.text(doc_id)``.

    >>> import zhengce as zc
    >>> c = zc.read_texts({"demo": "一、主要任务\\n1.提高标准。落实资金。（责任单位：救助处）"})
    >>> c.records.select("path", "departments").to_dicts()
    [{'path': '1.1', 'departments': ['救助处']}]
    """

    def __init__(self, native: _zhengce.NativeCorpus | None = None, *, _stored: "_Stored | None" = None, _options: Mapping | None = None):
        self.__native = native
        self._stored = _stored
        #: How it was read (the ReadOptions given), recorded by ``corpus.save``.
        self._options = dict(_options or (_stored.options if _stored else {}))

    @property
    def _native(self) -> _zhengce.NativeCorpus:
        """The core's corpus. A corpus opened from a file has only its frames and
        texts; what needs the core (tokens, token counts, comparisons) reads the
        saved texts again once, with the saved dictionaries and metadata."""
        if self.__native is None:
            self.__native = self._stored.rebuild()
        return self.__native

    def _frame(self, name: str) -> pl.DataFrame:
        if self._stored is not None and name in self._stored.frames:
            return self._stored.frame(name)
        return self._native.frame(name)

    # Frames: one cached property per frame of the core's registry
    # (``_zhengce.FRAMES``), attached below the class.
    if TYPE_CHECKING:

        def __getattr__(self, name: str) -> pl.DataFrame: ...

    def token_counts(self, kinds: Sequence[str] | None = None, tokens: Sequence[str] = ("word",)) -> "TokenCounts":
        """Token counts per record as a sparse matrix, without a row per token.

        ``kinds`` limits the records (e.g. ``["task"]``); ``tokens`` are the
        token kinds counted (word, stop, number, punct).

        >>> m = zc.read_texts({"d": "一、任务\\n建设养老机构，建设养老院。"}).token_counts(["task"])  # doctest: +SKIP
        >>> dict(zip(m.vocabulary, m.to_dense()[0].tolist()))  # doctest: +SKIP
        {'养老机构': 1, '养老院': 1, '建设': 2}
        """
        indptr, indices, data, vocabulary, doc_ids, record_ids = self._native.token_counts(
            None if kinds is None else list(kinds), list(tokens)
        )
        rows = pl.DataFrame({"doc_id": doc_ids, "record_id": record_ids}, schema={"doc_id": pl.String, "record_id": pl.Int64})
        return TokenCounts(indptr, indices, data, vocabulary, rows)

    # Comparisons (computed in the core, src/compare/) ---------------------
    def compare(self, by: str = "province", what: str = "themes", form: str = "long", measure: str | None = None) -> pl.DataFrame:
        """How often each feature occurs in the task records of each group.

        ``by`` is any column of ``corpus.documents`` (province, year, doc_id …),
        also one you added: ``corpus.documents = corpus.documents.with_columns(...)``;
        documents missing from that frame are left out. Documents with no value
        (no province read) form a null group, listed last; blank text counts as null.
        ``what``: themes, instruments, instrument_types, departments,
        department_categories, department_levels, strength, targets, deadlines,
        slogans, or cap_topic (the Comparative Agendas Project major topics of
        ``corpus.cap_topics``). ``form="long"``: one row per (group, feature) with n (task
        records with the feature), n_mentions, n_records, share (n / n_records),
        n_chars and per_10k (mentions per 10,000 characters); ``form="wide"``: one
        row per group, one column per feature holding ``measure`` (n,
        n_mentions, share or per_10k; default n).

        >>> c = zc.load_sample()  # doctest: +SKIP
        >>> c.compare("province", "themes").filter(pl.col("province") == "江苏").row(0, named=True)["feature"]  # doctest: +SKIP
        'social_assistance'
        """
        if what in ("cap_topic", "cap_topics"):
            from .methods.crosstab import compare_cap_topics

            return compare_cap_topics(self, by, form, measure)
        return self._native.compare(self.documents, by, what, form, measure)

    def overview(self, by: str = "province") -> pl.DataFrame:
        """One row per group: n_documents, n_records (task records), n_chars,
        share_attributed, n_departments (distinct canonical), n_targets,
        n_deadlines, n_slogans (distinct), mean_strength, share_binding."""
        return self._native.overview(self.documents, by)

    def compare_targets(self, by: str = "province", min_documents: int = 2) -> pl.DataFrame:
        """Comparable targets across documents: targets with the same normalised
        indicator and unit in at least ``min_documents`` documents, one block of
        rows per indicator, ranked by ambition (``rank`` 1 = highest for targets to
        reach, lowest for ceilings), with value, value_max, unit, comparator,
        deadline, doc_id, the ``by`` column, path, span, start, end."""
        return self._native.compare_targets(self.documents, by, min_documents)

    def frequencies(self, by: str = "province", top: int | None = None, exclude_attribution: bool = True) -> pl.DataFrame:
        """Word frequencies of the task records by group: the ``by`` column, term,
        n, n_records (records containing the word), share (of the group's words);
        most frequent first. ``top`` keeps the first words of each group."""
        return self._native.frequencies(self.documents, by, top, exclude_attribution)

    def keyness(
        self,
        target: str,
        by: str = "province",
        reference: "str | Mapping[str, float] | pl.DataFrame | None" = None,
        measure: str = "chi2",
        correction: str | None = None,
        exclude_attribution: bool = True,
    ) -> pl.DataFrame:
        """Words distinctive of group ``target`` (a value of column ``by``).

        ``reference``: None (every other group), a group value, or word counts
        of a reference corpus (a dict, or a frame with columns term and n).
        ``measure``: chi2, g2, pmi or log_ratio (the ranking; ``p`` is its
        p-value, of g2 for pmi and log_ratio); ``correction``: None, "yates" or
        "williams". Columns: term, n_target, n_reference, chi2, g2, p, pmi,
        log_ratio. Formulas: README, "Comparing provinces".
        """
        group, counts = None, None
        if isinstance(reference, pl.DataFrame):
            counts = {str(t): float(n) for t, n in reference.select("term", "n").iter_rows()}
        elif isinstance(reference, Mapping):
            counts = {str(t): float(n) for t, n in reference.items()}
        elif reference is not None:
            group = str(reference)
        return self._native.keyness(self.documents, str(target), by, group, counts, measure, correction, exclude_attribution)

    def kwic(self, pattern: str, window: int = 10, regex: bool = False) -> pl.DataFrame:
        """Every occurrence of ``pattern`` (a literal, or a regular expression with
        ``regex=True``) in the records: doc_id, path, record_id, start, end (offsets
        into ``corpus.text(doc_id)``), left, match, right (``window`` characters of
        context within the record)."""
        return self._native.kwic(pattern, window, regex)

    def align(
        self,
        a: "str | Sequence[str]",
        b: "str | Sequence[str] | None" = None,
        by: str = "province",
        top_k: int = 3,
        min_similarity: float = 0.2,
    ) -> pl.DataFrame:
        """For each task record of ``a`` (a doc_id or a value of column ``by``, or a
        list of them) its ``top_k`` most similar task records of ``b`` (``None``:
        every other record) by tf-idf cosine, at least ``min_similarity``; a record
        with no such counterpart has one row with ``matched = False``. Columns:
        doc_id_a, record_id_a, path_a, text_a, doc_id_b, record_id_b, path_b,
        text_b, similarity, rank, matched.

        >>> c = zc.load_sample()  # doctest: +SKIP
        >>> c.align("吉林", "江苏").filter("matched").head(1)  # doctest: +SKIP
        """
        return self._native.align(self.documents, _names(a), None if b is None else _names(b), by, top_k, min_similarity)

    def unmatched(
        self,
        a: "str | Sequence[str]",
        b: "str | Sequence[str] | None" = None,
        by: str = "province",
        min_similarity: float = 0.2,
    ) -> pl.DataFrame:
        """The task records of ``a`` with no counterpart in ``b`` at least
        ``min_similarity`` similar: what ``a`` commits to that ``b`` does not
        (the unmatched rows of :meth:`align`)."""
        out = self.align(a, b, by=by, top_k=1, min_similarity=min_similarity)
        return out.filter(~pl.col("matched")).select("doc_id_a", "record_id_a", "path_a", "text_a")

    def department_network(self, by: str | None = None) -> "DepartmentNetwork":
        """Co-responsibility of departments (canonical names): ``edges`` (source,
        target, n task records naming both, group) and ``nodes`` (department,
        category, group, n_records, n_lead, n_co); per value of column ``by``
        when given. ``.to_networkx()`` makes a networkx graph."""
        edges, nodes = self._native.department_network(self.documents, by)
        return DepartmentNetwork(edges, nodes)

    def dfm(
        self,
        by: str = "record",
        weight: str = "count",
        exclude_attribution: bool = True,
        smooth_idf: bool = True,
        sublinear_tf: bool = False,
        norm: str | None = "l2",
    ) -> "Dfm":
        """The document-feature matrix of the task records' words: one row per
        task record (``by="record"``), document (``"document"``) or group of a
        documents column; ``weight="count"`` or ``"tfidf"`` (scikit-learn's
        TfidfVectorizer formulas and options: smooth_idf, sublinear_tf, norm).
        Attributions (（责任单位：…）) are left out unless ``exclude_attribution=False``."""
        (indptr, indices, data), vocabulary, rows = self._native.dfm(
            self.documents, by, weight, exclude_attribution, smooth_idf, sublinear_tf, norm
        )
        return Dfm(indptr, indices, data, vocabulary, rows)

    def similarity(
        self,
        by: str = "record",
        method: str = "cosine",
        weight: str = "tfidf",
        min_similarity: float | None = None,
        top_k: int | None = None,
        rows: "Sequence[int] | None" = None,
        exclude_attribution: bool = True,
    ) -> "Similarity":
        """Similar rows of :meth:`dfm` (cosine, correlation, jaccard or dice),
        kept sparse by ``min_similarity`` and/or ``top_k`` per row; ``rows`` limits
        the query rows (all rows are candidates). ``.pairs``: a, b (row numbers),
        similarity and the rows' labels; ``.to_scipy()``: a CSR matrix."""
        pairs, labels = self._native.similarity(
            self.documents, by, method, weight, min_similarity, top_k, None if rows is None else [int(r) for r in rows], exclude_attribution
        )
        return Similarity(pairs, labels)

    # Methods of policy-text research (zhengce.methods; README, "Methods") --
    def crosstab(self, rows: str = "instruments", cols: str = "themes", by: str | Sequence[str] | None = None, form: str = "long") -> pl.DataFrame:
        """Task records crossed by two dimensions (instruments, instrument_type,
        themes, cap_topic, or any records or documents column) within groups of
        documents: n, share, row_share, col_share and the records behind each cell.
        See :func:`zhengce.methods.crosstab`.

        >>> zc.load_sample().crosstab("instrument_type", "themes", by="province")  # doctest: +SKIP
        """
        from .methods import crosstab

        return crosstab(self, rows, cols, by=by, form=form)

    def policy_strength(self, by: str | Sequence[str] | None = None, table: PathLike | None = None) -> pl.DataFrame:
        """Policy strength (政策力度) per document, every component shown, or
        aggregated ``by`` document columns (province, year); ``table`` replaces the
        scoring table. See :func:`zhengce.methods.policy_strength`."""
        from .methods import policy_strength

        return policy_strength(self, by=by, table=table)

    def pmc(self, scheme: PathLike | None = None) -> "PmcResult":
        """The PMC index of every document (scores, grades, the 0/1 variables and
        the evidence span behind every 1); ``scheme`` replaces the variable
        scheme. See :func:`zhengce.methods.pmc`."""
        from .methods import pmc

        return pmc(self, scheme)

    @cached_property
    def cap_topics(self) -> pl.DataFrame:
        """One row per (task record, Comparative Agendas Project major topic) its
        themes map to (``data/cap_topics.tsv``): cap_code, cap_topic, themes."""
        from .methods import cap_topics

        return cap_topics(self)

    def coding_sheet(self, path: PathLike, *, n: int | None = None, seed: int = 0, coder: str = "") -> pl.DataFrame:
        """Write an Excel coding sheet of task records (a sample of ``n``) with
        zhengce's labels and a codebook. See :func:`zhengce.methods.coding_sheet`."""
        from .methods import coding_sheet

        return coding_sheet(self, path, n=n, seed=seed, coder=coder)

    # Access ---------------------------------------------------------------
    def text(self, doc_id: str) -> str:
        """The normalised text of a document; every offset points into it.

        >>> c = zc.read_texts({"d": "一、任务\\n落实。"})  # doctest: +SKIP
        >>> c.text("d")  # doctest: +SKIP
        '一、任务\\n落实。'
        """
        if self._stored is not None:
            return self._stored.text(doc_id)
        return self._native.text(doc_id)

    def texts(self) -> pl.DataFrame:
        """The normalised text of every document: doc_id, text (what ``corpus.save``
        and ``zc.extract`` keep so that offsets can be quoted later)."""
        if self._stored is not None:
            return self._stored.texts()
        ids = self.doc_ids
        return pl.DataFrame({"doc_id": ids, "text": [self._native.text(d) for d in ids]}, schema={"doc_id": pl.String, "text": pl.String})

    @property
    def doc_ids(self) -> list[str]:
        """The doc_ids in reading order."""
        if self._stored is not None:
            return self.documents["doc_id"].to_list()
        return self._native.doc_ids()

    def __len__(self) -> int:
        if self._stored is not None:
            return self.documents.height
        return len(self._native)

    def __iter__(self) -> Iterator["Document"]:
        """The documents in reading order, each with its metadata, text and frames.

        >>> [d.province for d in zc.load_sample()]  # doctest: +SKIP
        ['吉林', '吉林', '吉林', '江苏', '青海']
        """
        for row in self.documents.iter_rows(named=True):
            yield Document(row, self)

    def __getitem__(self, doc_id: str) -> "Document":
        """One document by its doc_id."""
        rows = self.documents.filter(pl.col("doc_id") == doc_id)
        if not rows.height:
            raise KeyError(f"no document with doc_id {doc_id!r}")
        return Document(rows.row(0, named=True), self)

    def __add__(self, other: "Corpus") -> "Corpus":
        """Concatenate two corpora (documents and problems, in order).

        >>> len(zc.load_sample() + zc.read_texts({"x": "一、任务\\n落实。"}))  # doctest: +SKIP
        6
        """
        if self._stored is None and other._stored is None:
            return Corpus(self._native.concat(other._native), _options=self._options)
        from ._saved import _Stored

        return Corpus(_stored=_Stored.concat(_Stored.of(self), _Stored.of(other)))

    def filter(self, doc_ids: Iterable[str] | None = None, **where: object) -> "Corpus":
        """The documents that match, as a corpus of their own: every frame, the
        texts and the comparisons are limited to them.

        Each keyword names a column of ``corpus.documents`` (province, year,
        issuer, format, and doc_type and level where the corpus has them) and
        gives a value, a list of values, or for ``year`` a ``range``;
        ``doc_ids`` lists documents by id.

        >>> import zhengce as zc
        >>> jl = zc.load_sample().filter(province="吉林")
        >>> sorted(set(jl.documents["province"]))
        ['吉林']
        >>> zc.load_sample().filter(province=["江苏", "青海"], year=range(2010, 2020)).documents["province"].to_list()
        ['江苏']
        """
        docs = self.documents
        cond = pl.lit(True)
        for column, value in where.items():
            if column not in docs.columns:
                raise InvalidValueError(f"corpus.filter: no document column {column!r}; filter on {', '.join(docs.columns)}")
            if isinstance(value, (list, tuple, set, frozenset, range)):
                cond &= pl.col(column).is_in(list(value))
            elif value is None:
                cond &= pl.col(column).is_null()
            else:
                cond &= pl.col(column) == value
        if doc_ids is not None:
            cond &= pl.col("doc_id").is_in(list(doc_ids))
        keep = docs.filter(cond)["doc_id"].to_list()
        if self._stored is not None:
            return Corpus(_stored=self._stored.subset(keep))
        return Corpus(self._native.subset(keep), _options=self._options)

    def save(self, path: PathLike) -> Path:
        """Write the corpus to one file (Parquet frames, the texts and a JSON
        manifest of the zhengce version, options and dictionaries that made it),
        to be opened again with :func:`zhengce.open` without reading the documents.

        >>> c = zc.load_sample(); p = c.save("/tmp/sample.zc")  # doctest: +SKIP
        >>> zc.open(p).records.equals(c.records)  # doctest: +SKIP
        True
        """
        from ._saved import save

        return save(self, path)

    def __repr__(self) -> str:
        return f"<zhengce.Corpus: {len(self)} documents>"

    def _repr_html_(self) -> str:
        """A summary for Jupyter: size, provinces and years, problems, one line per document."""
        from ._display import corpus_html

        return corpus_html(self)

    def summary(self) -> pl.DataFrame:
        """One row per document with what was found in it: a quick look at a corpus."""
        docs = self.documents.select("doc_id", "province", "year", "title", "n_records", "n_targets", "n_unthemed")
        depts = self.departments.group_by("doc_id").agg(pl.col("department").n_unique().alias("n_departments"))
        slog = self.slogans.group_by("doc_id").agg(pl.len().alias("n_slogans"))
        out = docs.join(depts, on="doc_id", how="left").join(slog, on="doc_id", how="left")
        return out.with_columns(pl.col("n_departments", "n_slogans").fill_null(0))



def _frame_property(name: str, doc: str) -> cached_property:
    def frame(self: Corpus) -> pl.DataFrame:
        return self._frame(name)

    frame.__name__ = frame.__qualname__ = name
    frame.__doc__ = doc
    prop = cached_property(frame)
    prop.__set_name__(Corpus, name)
    return prop


#: Every frame: (name, what a row is, written by default by ``zhengce read --out`` and ``zc.extract``).
FRAMES: tuple[tuple[str, str, bool], ...] = tuple(tuple(f) for f in _zhengce.FRAMES)
for _name, _doc, _ in FRAMES:
    setattr(Corpus, _name, _frame_property(_name, _doc))
#: The frames written unless told otherwise (all but ``blocks``, which repeats
#: records and headings, and ``tokens``, large and made again on request).
WRITTEN_FRAMES: tuple[str, ...] = tuple(name for name, _, written in FRAMES if written)
_FRAME_NAMES = frozenset(name for name, _, _ in FRAMES)


class Document:
    """One document of a corpus: its row of ``corpus.documents`` as attributes
    (``doc.province``, ``doc.title``, ``doc.year`` …), its text, and its rows of
    any frame (``doc.records``, ``doc.targets``, ``doc.frame("themes")``).

    >>> doc = next(iter(zc.load_sample()))  # doctest: +SKIP
    >>> doc.province, doc.records.height  # doctest: +SKIP
    ('吉林', 38)
    """

    def __init__(self, row: dict, corpus: Corpus):
        self.row = row
        self._corpus = corpus

    def __getattr__(self, name: str):
        row = self.__dict__.get("row", {})
        if name in row:
            return row[name]
        if name in _FRAME_NAMES:
            return self.frame(name)
        raise AttributeError(name)

    def frame(self, name: str) -> pl.DataFrame:
        """This document's rows of a frame of the corpus."""
        return getattr(self._corpus, name).filter(pl.col("doc_id") == self.row["doc_id"])

    @property
    def text(self) -> str:
        """The normalised text every offset of the document points into."""
        return self._corpus.text(self.row["doc_id"])

    def __repr__(self) -> str:
        r = self.row
        return f"<zhengce.Document {r['doc_id']}: {r.get('province') or '?'} {r.get('year') or ''} {r.get('title') or ''}>"


@dataclass(frozen=True)
class _Csr:
    """A compressed sparse row matrix: row ``r`` holds
    ``data[indptr[r]:indptr[r+1]]`` at columns ``indices[indptr[r]:indptr[r+1]]``;
    ``vocabulary`` names the columns and ``rows`` labels the rows."""

    indptr: "np.ndarray"
    indices: "np.ndarray"
    data: "np.ndarray"
    vocabulary: list[str]
    rows: pl.DataFrame

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.indptr) - 1, len(self.vocabulary))

    def to_scipy(self):
        """A ``scipy.sparse.csr_matrix`` (needs scipy)."""
        from scipy.sparse import csr_matrix

        return csr_matrix((self.data, self.indices, self.indptr), shape=self.shape)

    def to_dense(self) -> "np.ndarray":
        """A dense numpy array (small corpora only)."""
        import numpy as np

        out = np.zeros(self.shape, dtype=self.data.dtype)
        for r in range(self.shape[0]):
            a, b = self.indptr[r], self.indptr[r + 1]
            out[r, self.indices[a:b]] = self.data[a:b]
        return out


@dataclass(frozen=True)
class TokenCounts(_Csr):
    """Token counts of records as a compressed sparse row matrix (int):
    ``rows`` (doc_id, record_id) labels the rows, ``vocabulary`` the columns."""


@dataclass(frozen=True)
class Dfm(_Csr):
    """A document-feature matrix in compressed sparse row form (float64):
    ``rows`` labels the rows (doc_id, record_id, path for records; the group
    column otherwise), ``vocabulary`` the columns (code-point order)."""


@dataclass(frozen=True)
class Similarity:
    """Similar pairs of rows: ``pairs`` (a, b, similarity, and the labels of
    both rows with suffixes _a and _b), ``rows`` (the labels of every row)."""

    raw: pl.DataFrame
    rows: pl.DataFrame

    @property
    def pairs(self) -> pl.DataFrame:
        labels = self.rows.with_row_index("_row").with_columns(pl.col("_row").cast(pl.Int64))
        out = self.raw.join(labels.rename({c: f"{c}_a" for c in self.rows.columns}), left_on="a", right_on="_row", how="left")
        out = out.join(labels.rename({c: f"{c}_b" for c in self.rows.columns}), left_on="b", right_on="_row", how="left")
        return out

    def to_scipy(self):
        """The similarities as a ``scipy.sparse.csr_matrix`` (rows × rows)."""
        from scipy.sparse import csr_matrix

        n = self.rows.height
        return csr_matrix((self.raw["similarity"].to_numpy(), (self.raw["a"].to_numpy(), self.raw["b"].to_numpy())), shape=(n, n))


@dataclass(frozen=True)
class DepartmentNetwork:
    """Departments made responsible together: ``edges`` (source, target, n,
    group) and ``nodes`` (department, category, group, n_records, n_lead, n_co)."""

    edges: pl.DataFrame
    nodes: pl.DataFrame

    def to_networkx(self, group=None):
        """A ``networkx.Graph`` (of one group when ``group`` is given): edge
        weight ``n``, node attributes n_records, n_lead, n_co, category."""
        import networkx as nx

        e, n = self.edges, self.nodes
        if group is not None:
            e, n = e.filter(pl.col("group") == group), n.filter(pl.col("group") == group)
        g = nx.Graph()
        for row in n.iter_rows(named=True):
            g.add_node(row["department"], **{k: row[k] for k in ("category", "n_records", "n_lead", "n_co")})
        for row in e.iter_rows(named=True):
            g.add_edge(row["source"], row["target"], n=row["n"], weight=row["n"])
        return g


def _names(x: "str | Sequence[str]") -> list[str]:
    return [x] if isinstance(x, str) else [str(v) for v in x]


def _paths(paths: PathLike | Iterable[PathLike]) -> list[str]:
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return [os.fspath(p) for p in paths]


def read(paths: PathLike | Iterable[PathLike], **options: Unpack[ReadOptions]) -> Corpus:
    """Read policy documents from files, folders (recursively) and glob patterns.

    Text in UTF-8 (with or without BOM), UTF-16 and GB18030/GBK is detected.
    A file that cannot be read is reported in ``corpus.errors`` and the others
    are kept; ``on_error="raise"`` raises the first problem as a typed
    exception (``zhengce.DecodeError``, ``zhengce.ReadError`` …) instead.

    Options (:class:`zhengce.ReadOptions`, the same for every function that
    reads): ``meta`` overrides metadata per document (keyed by doc_id, file
    name or path), e.g. ``{"jilin.txt": {"province": "吉林", "date":
    "2019-03-11"}}``; ``manifest`` is a CSV file with the same information (a
    ``file`` column and any of province, issuer, doc_number, title, date,
    year); ``threads``, ``max_bytes``, ``on_error``.

    Dictionaries (each a path or a list of paths; README, "Themes, instruments
    and strength"): ``user_dict`` jieba user dictionaries (``word [freq] [tag]``)
    and ``stopwords`` lists are added to the shipped ones; ``themes``,
    ``instruments`` and ``strength`` replace the shipped files (list
    ``zc.DEFAULT`` first to extend them); ``departments`` adds rows to the
    department mapping. They apply everywhere tokens are used: labels,
    ``corpus.tokens`` and ``corpus.token_counts()``. A malformed file raises
    ``zhengce.DataFileError`` naming the file and line. ``hmm=True`` turns on
    jieba's HMM new-word discovery.

    Memory: a corpus read into memory takes up to ``MEMORY_MULTIPLE`` (8)
    times its files' size; when that is more than the machine has available,
    ``read`` warns (:class:`zhengce.CorpusSizeWarning`) and names
    ``zhengce.extract``, which reads in batches with bounded memory.

    >>> import zhengce as zc
    >>> corpus = zc.read(zc.sample_paths()[:1])
    >>> corpus.documents["province"].to_list()
    ['吉林']
    """
    from ._memory import warn_if_too_large

    paths = _paths(paths)
    warn_if_too_large(paths)
    return Corpus(_zhengce.read(paths, native_options(options)), _options=options)


def read_texts(texts: Mapping[str, str] | Sequence[tuple[str, str]], **options: Unpack[ReadOptions]) -> Corpus:
    """Read in-memory texts: a dict (or list of pairs) of name → text; the name is the doc_id.

    Options as for :func:`read` (a ``manifest`` is keyed by the names).

    >>> import zhengce as zc
    >>> zc.read_texts({"a": "一、总体要求\n全面落实。"}).records["path"].to_list()
    ['1']
    """
    native = native_options(options)
    items = list(texts.items()) if isinstance(texts, Mapping) else [(str(k), v) for k, v in texts]
    items = [(str(name), _valid_text(str(name), text, native.on_error)) for name, text in items]
    return Corpus(_zhengce.read_texts(items, native), _options=options)


def _valid_text(name: str, text: object, on_error: str) -> str:
    """A text the core can read, or an error naming it. Lone surrogates (left by
    ``errors="surrogateescape"`` decoding) are not Unicode text: they become
    U+FFFD, which the reading reports as a warning, or with ``on_error="raise"``
    a ``zhengce.DecodeError``."""
    if isinstance(text, (bytes, bytearray)):
        raise InvalidTypeError(
            f"{name}: read_texts takes str, not bytes; decode it first or write it to a file for zc.read to detect its encoding", path=name
        )
    if not isinstance(text, str):
        raise InvalidTypeError(f"{name}: read_texts takes str, not {type(text).__name__}", path=name)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        if on_error == "raise":
            raise DecodeError(f"{name}: not valid Unicode text: {e.reason} at character {e.start}", path=name, context={"reason": e.reason}) from e
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    return text


def sample_paths() -> list[str]:
    """Paths of the bundled sample documents (three from Jilin, one Jiangsu, one Qinghai)."""
    return sorted(_glob.glob(str(_SAMPLE_DIR / "*.txt")))


def load_sample(**options: Unpack[ReadOptions]) -> Corpus:
    """The bundled three-province sample corpus (public government documents).

    >>> import zhengce as zc
    >>> len(zc.load_sample())
    5
    """
    return read(sample_paths(), **options)
