"""The options of a read: one definition for ``zc.read``, ``zc.read_texts``,
``zc.scan``, ``zc.extract``, ``zhengce.stream.read_planned`` and
``zhengce.distributed``, turned into the native ``_zhengce.ReadOptions``
(src/python/options.rs) by :func:`native_options`."""
from __future__ import annotations

import csv
import os
from typing import TYPE_CHECKING, Any, Literal, Mapping, Sequence, TypedDict, Union

from . import _zhengce
from ._errors import DataFileError, InvalidTypeError, InvalidValueError, NotFoundError, PermissionDeniedError, ReadError

if TYPE_CHECKING:
    PathLike = Union[str, os.PathLike[str]]
else:
    PathLike = Union[str, "os.PathLike[str]"]
Overrides = Mapping[str, Mapping[str, object]]
Paths = Union[PathLike, Sequence[PathLike]]


class ReadOptions(TypedDict, total=False):
    """Options of every function that reads documents (all optional).

    - ``meta``: metadata overrides by doc_id, file name or path,
      ``{"jilin.txt": {"province": "吉林", "date": "2019-03-11"}}``;
    - ``manifest``: a CSV file with the same (a ``file`` or ``doc_id`` column
      and any of province, issuer, doc_number, title, date, year);
    - ``on_error``: ``"collect"`` (default: problems go to ``corpus.errors``)
      or ``"raise"`` (the first problem raised as its ``ZhengceError``);
    - ``threads``: worker threads (default: all cores);
    - ``max_bytes``: larger documents are refused (default 256 MB);
    - dictionaries, each a path or a list of paths (``zc.DEFAULT`` stands for
      the shipped file): ``user_dict``, ``stopwords``, ``themes``,
      ``instruments``, ``strength``, ``departments``, ``indicators`` (the
      kinds of ``_zhengce.DICTIONARIES``);
    - ``hmm``: jieba's HMM new-word discovery (default off).
    """

    meta: Overrides | None
    manifest: PathLike | None
    on_error: Literal["collect", "raise"]
    threads: int | None
    max_bytes: int | None
    user_dict: Paths | None
    stopwords: Paths | None
    themes: Paths | None
    instruments: Paths | None
    strength: Paths | None
    departments: Paths | None
    indicators: Paths | None
    hmm: bool


#: The names of the dictionary options, from the core's one list.
DICTIONARY_KINDS: tuple[str, ...] = tuple(name for name, _ in _zhengce.DICTIONARIES)


def native_options(options: Mapping[str, Any]) -> _zhengce.ReadOptions:
    """The native options for ``options`` (keyword arguments of :class:`ReadOptions`):
    the manifest merged into ``meta``, path-likes made strings, values checked.

    >>> native_options({"threads": 1, "on_error": "raise"}).on_error
    'raise'
    """
    unknown = sorted(set(options) - set(ReadOptions.__annotations__))
    if unknown:
        raise InvalidTypeError(f"unexpected options: {', '.join(unknown)} (use {', '.join(ReadOptions.__annotations__)})")
    opts = dict(options)
    for name, least in (("threads", 1), ("max_bytes", 0)):
        v = opts.get(name)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < least):
            raise InvalidValueError(f"{name} must be a whole number of at least {least} or None, not {v!r}", context={"field": name})
    dictionaries = {k: _path_list(v) for k in DICTIONARY_KINDS if (v := opts.pop(k, None)) is not None}
    meta = overrides(opts.pop("meta", None), opts.pop("manifest", None))
    return _zhengce.ReadOptions(meta=meta, dictionaries=dictionaries or None, **opts)


def _path_list(value: Paths) -> list[str]:
    return [os.fspath(value)] if isinstance(value, (str, os.PathLike)) else [os.fspath(v) for v in value]


def overrides(meta: Overrides | None, manifest: PathLike | None) -> dict[str, dict[str, str | None]] | None:
    """Merge a manifest CSV (a `file` or `doc_id` column plus any of the metadata
    columns) and a dict of overrides; the dict wins."""
    out: dict[str, dict[str, str | None]] = _manifest(manifest) if manifest is not None else {}
    for name, fields in (meta or {}).items():
        out.setdefault(str(name), {}).update({k: (None if v is None else str(v)) for k, v in fields.items()})
    return out or None


def _manifest(manifest: PathLike) -> dict[str, dict[str, str | None]]:
    """The rows of a manifest file; a missing, unreadable or malformed file is a
    ``ZhengceError`` naming it."""
    path = os.fspath(manifest)
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            key = next((k for k in ("file", "doc_id", "source", "path") if k in (reader.fieldnames or [])), None)
            if key is None:
                raise DataFileError(
                    f"{path}: a manifest needs a 'file' or 'doc_id' column, found {reader.fieldnames}",
                    path=path,
                    context={"line": "1", "reason": "no file or doc_id column"},
                )
            out = {}
            for row in reader:
                name = row.pop(key)
                out[name] = {k: (v if v not in ("", None) else None) for k, v in row.items() if k}
            return out
    except FileNotFoundError as e:
        raise NotFoundError(f"{path}: no such file or directory", path=path) from e
    except PermissionError as e:
        raise PermissionDeniedError(f"{path}: cannot read file: {e.strerror}", path=path, context={"reason": str(e.strerror)}) from e
    except UnicodeDecodeError as e:
        raise DataFileError(f"{path}: not UTF-8 text (save the manifest as UTF-8)", path=path, context={"reason": str(e)}) from e
    except (csv.Error, OSError) as e:
        cls = DataFileError if isinstance(e, csv.Error) else ReadError
        raise cls(f"{path}: cannot read the manifest: {e}", path=path, context={"reason": str(e)}) from e


__all__ = ["ReadOptions", "DICTIONARY_KINDS", "native_options", "overrides", "PathLike", "Paths", "Overrides"]
