"""zhengce (政策): read and compare Chinese provincial policy documents.

>>> import zhengce as zc
>>> corpus = zc.load_sample()
>>> sorted(corpus.documents["province"].unique().to_list())
['吉林', '江苏', '青海']

The core is written in Rust; this package adds what belongs in Python
(reading options, manifests, the CLI and reports) and hands every result back
as a polars DataFrame.
"""
from __future__ import annotations

import os as _os

from . import _zhengce as _native


def _preload() -> None:
    """Load the shipped dictionaries on a thread of their own, and make a fork
    wait until they are loaded: a child forked in the middle of the load would
    wait forever for a thread it does not have."""
    _native.preload()
    _os.register_at_fork(before=_native.wait_preloaded)


# While polars is imported, so that a first read does not wait for the
# dictionaries (ZHENGCE_PRELOAD=0: they load at the first read instead).
if _os.environ.get("ZHENGCE_PRELOAD", "1") != "0":
    _preload()

import polars as _pl  # noqa: E402

# Frames carry Enum columns in the categorical layout polars adopted in 1.32;
# an older polars cannot import them (it panics deep inside), so say so here.
if tuple(int(p) for p in _pl.__version__.split(".")[:2] if p.isdigit()) < (1, 33):
    raise ImportError(f"zhengce needs polars 1.33 or later (found {_pl.__version__}): pip install -U polars")

from ._corpus import (
    DEFAULT,
    FRAMES,
    WRITTEN_FRAMES,
    Corpus,
    DepartmentNetwork,
    Dfm,
    Document,
    Similarity,
    TokenCounts,
    load_sample,
    read,
    read_texts,
    sample_paths,
)
from ._errors import (
    CorpusSizeWarning,
    DataFileError,
    DecodeError,
    DocumentTooLargeError,
    FormatError,
    InternalError,
    InvalidTypeError,
    InvalidValueError,
    NotFoundError,
    PermissionDeniedError,
    ReadError,
    UnknownDocumentError,
    ZhengceError,
)
from ._options import ReadOptions
from ._zhengce import __version__
from .stream import extract, open_frames, scan
from ._saved import open_corpus as open
from ._report import report

__all__ = [
    "Corpus",
    "Document",
    "TokenCounts",
    "Dfm",
    "Similarity",
    "DepartmentNetwork",
    "ReadOptions",
    "FRAMES",
    "WRITTEN_FRAMES",
    "open",
    "report",
    "DEFAULT",
    "read",
    "read_texts",
    "load_sample",
    "sample_paths",
    "scan",
    "extract",
    "open_frames",
    "agreement",
    "read_coding",
    "ZhengceError",
    "CorpusSizeWarning",
    "ReadError",
    "DecodeError",
    "FormatError",
    "DocumentTooLargeError",
    "DataFileError",
    "NotFoundError",
    "PermissionDeniedError",
    "InvalidValueError",
    "InvalidTypeError",
    "UnknownDocumentError",
    "InternalError",
    "__version__",
]


def __getattr__(name: str):
    # The research methods load numpy and scipy: imported on first use, so
    # that ``import zhengce`` stays fast for a session that only reads.
    if name in ("agreement", "read_coding", "methods"):
        import importlib

        methods = importlib.import_module(".methods", __name__)
        return methods if name == "methods" else getattr(methods, name)
    raise AttributeError(f"module 'zhengce' has no attribute {name!r}")
