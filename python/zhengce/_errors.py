"""The exceptions zhengce raises: every one is a :class:`ZhengceError` with the
file it concerns (``path``, None when it concerns no file), a stable ``kind``
(the ``kind`` column of ``corpus.errors``, listed in the README's errors
table) and the values its message was made from (``context``). A wrapped
cause — the operating system's error behind a ``ReadError`` — is the
exception's ``__cause__``.

Where Python has a natural exception for the same thing, the zhengce error is
also one of those, so ``except FileNotFoundError`` and ``except ValueError``
keep working:

>>> import zhengce as zc
>>> try:
...     zc.read("no/such/file.txt", on_error="raise")
... except FileNotFoundError as e:
...     (e.kind, e.path, isinstance(e, zc.ZhengceError))
('not_found', 'no/such/file.txt', True)

The Rust core raises these classes (src/python/errors.rs); they are defined
here because Python classes may have two bases (``ReadError`` and
``FileNotFoundError``), which the native module's exception macro cannot do.
"""
from __future__ import annotations

import errno as _errno
from typing import Any, Mapping


class ZhengceError(Exception):
    """Base class of every error zhengce raises.

    ``path``: the file concerned (None when there is none); ``kind``: a stable
    code (io, not_found, pattern, decode, format, too_large, data_file, value,
    internal); ``context``: the values the message was made from.
    """

    #: The kind of this class when none is given.
    default_kind: str | None = None

    def __init__(self, message: str, *, path: str | None = None, kind: str | None = None, context: Mapping[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.kind = kind if kind is not None else self.default_kind
        self.context = dict(context or {})

    def __reduce__(self):
        # Keep path, kind and context through pickling (Dask workers send exceptions back).
        return (_rebuild, (type(self), self.message, self.path, self.kind, self.context))

    def __str__(self) -> str:
        return self.message


def _rebuild(cls, message, path, kind, context):
    return cls(message, path=path, kind=kind, context=context)


class ReadError(ZhengceError):
    """A file could not be read (missing, unreadable, bad glob pattern)."""

    default_kind = "io"


class _OSErrorMixin:
    """Fills the attributes of OSError (errno, filename, strerror) for the
    subclasses that are also OSErrors."""

    errno_code = 0

    def __init__(self, message: str, **kw):
        super().__init__(message, **kw)  # type: ignore[call-arg]
        self.errno = self.errno_code
        self.strerror = message
        self.filename = kw.get("path")


class NotFoundError(_OSErrorMixin, ReadError, FileNotFoundError):
    """A path, folder or glob that matches no readable document (also a ``FileNotFoundError``)."""

    default_kind = "not_found"
    errno_code = _errno.ENOENT


class PermissionDeniedError(_OSErrorMixin, ReadError, PermissionError):
    """A file or folder zhengce may not read (also a ``PermissionError``)."""

    default_kind = "io"
    errno_code = _errno.EACCES


class DecodeError(ZhengceError):
    """A file's bytes are not text in a recognised encoding."""

    default_kind = "decode"


class FormatError(ZhengceError):
    """A file's format cannot be read (binary, legacy Word, scanned PDF ...)."""

    default_kind = "format"


class DocumentTooLargeError(ZhengceError):
    """A document is larger than the configured ``max_bytes``."""

    default_kind = "too_large"


class DataFileError(ZhengceError):
    """A dictionary, taxonomy or manifest file is malformed."""

    default_kind = "data_file"


class InvalidValueError(ZhengceError, ValueError):
    """An option or override has an invalid value (also a ``ValueError``)."""

    default_kind = "value"


class InvalidTypeError(ZhengceError, TypeError):
    """An argument of the wrong type, such as bytes given as a text (also a ``TypeError``)."""

    default_kind = "value"


class UnknownDocumentError(ZhengceError, KeyError):
    """No document with that doc_id (also a ``KeyError``)."""

    default_kind = "value"


class InternalError(ZhengceError):
    """A bug in zhengce, caught and reported instead of crashing."""

    default_kind = "internal"


class CorpusSizeWarning(UserWarning):
    """A corpus read into memory would need more memory than is available
    (:func:`zhengce.read`); ``zhengce.extract`` reads it in batches instead."""


__all__ = [
    "CorpusSizeWarning",
    "ZhengceError",
    "ReadError",
    "NotFoundError",
    "PermissionDeniedError",
    "DecodeError",
    "FormatError",
    "DocumentTooLargeError",
    "DataFileError",
    "InvalidValueError",
    "InvalidTypeError",
    "UnknownDocumentError",
    "InternalError",
]
