"""Type stubs for the compiled core (src/python.rs). Use the `zhengce` package API;
these are the thin native functions it wraps."""
from typing import Mapping, Optional, Sequence

import numpy as np
import polars as pl

__version__: str

class ZhengceError(Exception): ...
class ReadError(ZhengceError): ...
class DecodeError(ZhengceError): ...
class FormatError(ZhengceError): ...
class DocumentTooLargeError(ZhengceError): ...
class DataFileError(ZhengceError): ...
class InternalError(ZhengceError): ...

class NativeCorpus:
    """A read corpus; frames are built on request."""
    def frame(self, name: str) -> pl.DataFrame:
        """A frame by name: documents, records, headings, blocks, departments, targets, slogans, deadlines, errors …"""
    def token_counts(
        self, kinds: Optional[Sequence[str]] = None, tokens: Sequence[str] = ("word",)
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
    def __len__(self) -> int: ...

Overrides = Mapping[str, Mapping[str, Optional[str]]]

def read(
    paths: Sequence[str],
    *,
    threads: Optional[int] = None,
    max_bytes: Optional[int] = None,
    overrides: Optional[Overrides] = None,
    on_error: str = "collect",
    dictionaries: Optional[Mapping[str, Sequence[str]]] = None,
    hmm: bool = False,
) -> NativeCorpus:
    """Read files, folders (recursively) and glob patterns. `dictionaries` maps user_dict,
    stopwords, themes, instruments, strength, departments to paths ("<default>": the shipped file)."""

def read_texts(
    items: Sequence[tuple[str, str]],
    *,
    threads: Optional[int] = None,
    max_bytes: Optional[int] = None,
    overrides: Optional[Overrides] = None,
    on_error: str = "collect",
    dictionaries: Optional[Mapping[str, Sequence[str]]] = None,
    hmm: bool = False,
) -> NativeCorpus:
    """Read in-memory (name, text) pairs."""

def read_number(text: str) -> Optional[tuple[float, int, bool]]:
    """The number at the start of `text`: (value, end character offset, is_percent)."""

def parse_chinese_numeral(text: str) -> Optional[int]:
    """The value of a whole Chinese numeral, or None."""

def plan(paths: Sequence[str]) -> tuple[list[tuple[str, str]], NativeCorpus]:
    """Expand files, folders and globs into (path, doc_id) pairs, with a corpus of the problems met."""

def read_planned(
    items: Sequence[tuple[str, str]],
    *,
    threads: Optional[int] = None,
    max_bytes: Optional[int] = None,
    overrides: Optional[Overrides] = None,
    on_error: str = "collect",
    dictionaries: Optional[Mapping[str, Sequence[str]]] = None,
    hmm: bool = False,
) -> NativeCorpus:
    """Read (path, doc_id) pairs from `plan`."""

def dictionary_loads() -> int:
    """How many times this process has loaded the dictionaries."""
