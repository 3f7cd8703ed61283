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
    def text(self, doc_id: str) -> str:
        """The normalised text of a document."""
    def doc_ids(self) -> list[str]:
        """The doc_ids, in reading order."""
    def concat(self, other: NativeCorpus) -> NativeCorpus:
        """This corpus's documents followed by the other's."""
    def subset(self, doc_ids: Sequence[str]) -> NativeCorpus:
        """The documents whose doc_id is listed, in this corpus's order, with their warnings."""
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

def concat_all(parts: Sequence[NativeCorpus]) -> NativeCorpus:
    """The corpora one after the other."""
