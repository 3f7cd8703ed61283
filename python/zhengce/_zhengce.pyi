"""Type stubs for the compiled core (src/python/). Use the `zhengce` package API;
these are the thin native functions it wraps. tests/test_stubs.py fails when
this file and the compiled module disagree (a name, a parameter, a default)."""
from typing import Literal, Mapping, Optional, Sequence

import numpy as np
import polars as pl

__version__: str

#: Every frame: (name, what a row is, written by default).
FRAMES: list[tuple[str, str, bool]]
#: Every kind of dictionary: (name, what it does).
DICTIONARIES: list[tuple[str, str]]
#: Every error kind: (kind, meaning).
ERROR_KINDS: list[tuple[str, str]]
#: Every warning kind (the `kind` of a warning in `corpus.errors`).
WARNING_KINDS: list[str]
#: Every block kind (the `kind` column of records and blocks).
BLOCK_KINDS: list[str]
#: Every token kind (the `kind` column of tokens).
TOKEN_KINDS: list[str]

OnError = Literal["collect", "raise"]
BlockKind = Literal[
    "title",
    "doc_number",
    "metadata",
    "addressee",
    "notice",
    "preamble",
    "heading",
    "task",
    "signature",
    "date",
    "note",
    "attachment_list",
    "attachment_label",
    "attachment",
    "contact",
    "distribution",
    "table_header",
    "boilerplate",
    "contents",
]
TokenKind = Literal["word", "stop", "number", "punct"]
FrameName = Literal[
    "documents", "records", "headings", "blocks", "departments", "actors", "targets", "target_items", "slogans", "deadlines", "themes", "instruments", "strength_terms", "tokens", "errors"
]
DictionaryKind = Literal["user_dict", "stopwords", "themes", "instruments", "strength", "departments", "indicators"]

class ReadOptions:
    """The options of one read, checked when made."""
    def __new__(
        cls,
        *,
        threads: Optional[int] = None,
        max_bytes: Optional[int] = None,
        meta: Optional[Mapping[str, Mapping[str, Optional[str]]]] = None,
        on_error: OnError = "collect",
        dictionaries: Optional[Mapping[DictionaryKind, Sequence[str]]] = None,
        hmm: bool = False,
    ) -> ReadOptions: ...
    @property
    def on_error(self) -> OnError: ...

class NativeCorpus:
    """A read corpus; frames are built on request."""
    def frame(self, name: FrameName) -> pl.DataFrame:
        """A frame by name (one of FRAMES)."""
    def token_counts(
        self, kinds: Optional[Sequence[BlockKind]] = None, tokens: Sequence[TokenKind] = ["word"]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str], list[str], np.ndarray]:
        """Token counts as CSR parts: (indptr, indices, data, vocabulary, doc_ids, record_ids)."""
    def compare(self, documents: pl.DataFrame, by: str, what: str, form: str = "long", measure: Optional[str] = None) -> pl.DataFrame:
        """Feature counts by group (src/compare/features.rs)."""
    def overview(self, documents: pl.DataFrame, by: str) -> pl.DataFrame:
        """One row per group summing up its documents."""
    def compare_targets(self, documents: pl.DataFrame, by: str = "province", min_documents: int = 2) -> pl.DataFrame:
        """Comparable targets across documents, ranked by ambition."""
    def keyness(
        self,
        documents: pl.DataFrame,
        target: str,
        by: str,
        reference: Optional[str] = None,
        reference_counts: Optional[Mapping[str, float]] = None,
        measure: str = "chi2",
        correction: Optional[str] = None,
        exclude_attribution: bool = True,
    ) -> pl.DataFrame:
        """Keyness of a group's words against the rest, a group or given counts."""
    def frequencies(self, documents: pl.DataFrame, by: str, top: Optional[int] = None, exclude_attribution: bool = True) -> pl.DataFrame:
        """Word frequencies by group."""
    def kwic(self, pattern: str, window: int = 10, regex: bool = False) -> pl.DataFrame:
        """Keyword in context."""
    def align(
        self, documents: pl.DataFrame, a: Sequence[str], b: Optional[Sequence[str]], by: str, top_k: int = 3, min_similarity: float = 0.2
    ) -> pl.DataFrame:
        """Task alignment of side a against side b (None: every other record)."""
    def department_network(self, documents: pl.DataFrame, by: Optional[str] = None) -> tuple[pl.DataFrame, pl.DataFrame]:
        """(edges, nodes) of the co-responsibility network."""
    def dfm(
        self,
        documents: pl.DataFrame,
        by: str = "record",
        weight: str = "count",
        exclude_attribution: bool = True,
        smooth_idf: bool = True,
        sublinear_tf: bool = False,
        norm: Optional[str] = "l2",
    ) -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray], list[str], pl.DataFrame]:
        """((indptr, indices, data), vocabulary, rows) of a document-feature matrix."""
    def similarity(
        self,
        documents: pl.DataFrame,
        by: str = "record",
        method: str = "cosine",
        weight: str = "tfidf",
        min_similarity: Optional[float] = None,
        top_k: Optional[int] = None,
        rows: Optional[Sequence[int]] = None,
        exclude_attribution: bool = True,
    ) -> tuple[pl.DataFrame, pl.DataFrame]:
        """(pairs a, b, similarity; row labels)."""
    def text(self, doc_id: str) -> str:
        """The normalised text of a document."""
    def doc_ids(self) -> list[str]:
        """The doc_ids, in reading order."""
    def concat(self, other: NativeCorpus) -> NativeCorpus:
        """This corpus's documents followed by the other's."""
    def subset(self, doc_ids: Sequence[str]) -> NativeCorpus:
        """The documents whose doc_id is listed, in this corpus's order, with their warnings."""
    def __len__(self) -> int: ...

def read(paths: Sequence[str], options: ReadOptions) -> NativeCorpus:
    """Read files, folders (recursively) and glob patterns."""

def read_texts(items: Sequence[tuple[str, str]], options: ReadOptions) -> NativeCorpus:
    """Read in-memory (name, text) pairs."""

def plan(paths: Sequence[str]) -> tuple[list[tuple[str, str]], NativeCorpus]:
    """Expand files, folders and globs into (path, doc_id) pairs, with a corpus of the problems met."""

def read_planned(items: Sequence[tuple[str, str]], options: ReadOptions) -> NativeCorpus:
    """Read (path, doc_id) pairs from `plan`."""

def read_number(text: str) -> Optional[tuple[float, int, bool]]:
    """The number at the start of `text`: (value, end character offset, is_percent)."""

def parse_chinese_numeral(text: str) -> Optional[int]:
    """The value of a whole Chinese numeral, or None."""

def default_data(name: str) -> str:
    """The text of a shipped data file (policy_strength.tsv, pmc_scheme.tsv, cap_topics.tsv, themes.md, themes.tsv, instruments.tsv, strength.tsv)."""

def dictionary_loads() -> int:
    """How many times this process has loaded the dictionaries."""

def preload() -> None:
    """Start loading the shipped dictionaries on a thread of their own (once a process)."""

def wait_preloaded() -> None:
    """Wait until the dictionaries `preload` started loading are loaded."""

def concat_all(parts: Sequence[NativeCorpus]) -> NativeCorpus:
    """The corpora one after the other."""
