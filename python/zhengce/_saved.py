"""Saved corpora: ``corpus.save("corpus.zc")`` and ``zc.open("corpus.zc")``.

A saved corpus is one zip file (stored, not compressed again: Parquet is
compressed already) holding

- ``manifest.json``: the file format and its version, the zhengce and polars
  versions that wrote it, the reading options, and each dictionary used (the
  shipped one by name, a user's file by path, SHA-256 and a copy of it);
- ``frames/<frame>.parquet``: every frame but ``tokens``;
- ``texts.parquet``: doc_id and normalised text, which every offset points into;
- ``dictionaries/<kind>/<n>-<file>``: copies of the user's dictionary files.

Opening reads the manifest only; a frame is read when first used. What needs
the core itself (``corpus.tokens``, ``token_counts``, comparisons over tokens)
reads the saved texts again once, with the saved dictionaries and the saved
metadata of each document.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import io
import json
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Callable

import polars as pl

from . import _zhengce
from ._corpus import FRAMES, Corpus
from ._errors import DataFileError, NotFoundError
from ._options import DICTIONARY_KINDS, PathLike, _path_list, native_options

FORMAT = "zhengce-corpus"
FORMAT_VERSION = 1
#: Every frame but ``tokens`` (large, and made again from the texts on request).
SAVED_FRAMES = tuple(name for name, _, _ in FRAMES if name != "tokens")
_META = ("province", "issuer", "doc_number", "title", "date", "year")


class _Stored:
    """Frames and texts held outside the core (opened from a file, or joined
    from such), loaded on first use."""

    def __init__(self, loaders: dict[str, Callable[[], pl.DataFrame]], texts: Callable[[], pl.DataFrame], options: dict, manifest: dict | None = None):
        self._loaders = loaders
        self._cache: dict[str, pl.DataFrame] = {}
        self._texts = texts
        self._text_map: dict[str, str] | None = None
        self.options = options
        self.manifest = manifest or {}

    @property
    def frames(self) -> tuple[str, ...]:
        return tuple(self._loaders)

    def frame(self, name: str) -> pl.DataFrame:
        if name not in self._cache:
            self._cache[name] = self._loaders[name]()
        return self._cache[name]

    def texts(self) -> pl.DataFrame:
        return self._texts()

    def text(self, doc_id: str) -> str:
        if self._text_map is None:
            t = self._texts()
            self._text_map = dict(zip(t["doc_id"].to_list(), t["text"].to_list()))
        try:
            return self._text_map[doc_id]
        except KeyError:
            raise KeyError(f"no document with doc_id {doc_id!r}") from None

    def rebuild(self) -> _zhengce.NativeCorpus:
        """The core's corpus, made again from the saved texts with the saved
        dictionaries and each document's saved metadata."""
        docs = self.frame("documents")
        meta = {r["doc_id"]: {k: r.get(k) for k in _META if k in r} for r in docs.iter_rows(named=True)}
        texts = self.texts()
        items = list(zip(texts["doc_id"].to_list(), texts["text"].to_list()))
        options = {k: v for k, v in self.options.items() if k in ("threads", "hmm", *DICTIONARY_KINDS)}
        return _zhengce.read_texts(items, native_options({**options, "meta": meta}))

    def subset(self, keep: list[str]) -> "_Stored":
        ids = list(keep)

        def limited(name: str) -> Callable[[], pl.DataFrame]:
            return lambda: self.frame(name).filter(pl.col("doc_id").is_in(ids))

        texts = lambda: self.texts().filter(pl.col("doc_id").is_in(ids))  # noqa: E731
        return _Stored({n: limited(n) for n in self.frames}, texts, self.options, self.manifest)

    @staticmethod
    def of(corpus: Corpus) -> "_Stored":
        """The frames and texts of any corpus, read from it on use."""
        if corpus._stored is not None:
            return corpus._stored
        return _Stored({n: (lambda n=n: getattr(corpus, n)) for n in SAVED_FRAMES}, corpus.texts, corpus._options)

    @staticmethod
    def concat(a: "_Stored", b: "_Stored") -> "_Stored":
        def joined(name: str) -> Callable[[], pl.DataFrame]:
            return lambda: pl.concat([a.frame(name), b.frame(name)], how="vertical_relaxed")

        names = [n for n in a.frames if n in b.frames]
        return _Stored({n: joined(n) for n in names}, lambda: pl.concat([a.texts(), b.texts()]), a.options, a.manifest)


def _sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _parquet(df: pl.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.write_parquet(buf)
    return buf.getvalue()


def save(corpus: Corpus, path: PathLike) -> Path:
    """Write ``corpus`` to ``path`` (see the module's description); returns the path."""
    path = Path(path)
    stored = _Stored.of(corpus)
    options = dict(corpus._options or {})
    dictionaries = {k: _path_list(options[k]) for k in DICTIONARY_KINDS if options.get(k) is not None}
    manifest: dict = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "zhengce_version": _zhengce.__version__,
        "polars_version": pl.__version__,
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "documents": len(corpus),
        # The metadata overrides (meta, manifest) are in the documents frame already.
        "options": {k: options.get(k) for k in ("threads", "max_bytes", "on_error", "hmm")},
        "dictionaries": {},
        "frames": {},
    }
    tmp = path.with_name(path.name + ".tmp")
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as zf:
        for name in stored.frames:
            df = stored.frame(name)
            zf.writestr(f"frames/{name}.parquet", _parquet(df))
            manifest["frames"][name] = {"rows": df.height, "columns": {c: str(t) for c, t in df.schema.items()}}
        zf.writestr("texts.parquet", _parquet(stored.texts()))
        for kind, paths in dictionaries.items():
            entries = manifest["dictionaries"][kind] = []
            for n, p in enumerate(paths):
                if p == "<default>":
                    entries.append({"file": "<default>", "shipped_with": _zhengce.__version__})
                    continue
                member = f"dictionaries/{kind}/{n}-{Path(p).name}"
                zf.write(p, member)
                entries.append({"file": p, "sha256": _sha256(p), "stored": member})
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
    os.replace(tmp, path)
    return path


def _not_saved(path: Path, why: str) -> DataFileError:
    return DataFileError(f"{path}: not a saved zhengce corpus ({why})", path=str(path))


def open_corpus(path: PathLike) -> Corpus:
    """Open a corpus written by ``corpus.save`` (or a folder written by
    ``zc.extract``): its frames are read on first use, nothing is read again from
    the documents.

    >>> import zhengce as zc
    >>> c = zc.open(zc.load_sample().save(tempfile.mkdtemp() + "/sample.zc"))
    >>> len(c), c.documents["province"].to_list()[-1]
    (5, '青海')
    """
    path = Path(path)
    if not path.exists():
        raise NotFoundError(f"{path}: no such file or directory", path=str(path))
    if path.is_dir():
        return _open_extraction(path)
    if not zipfile.is_zipfile(path):
        raise _not_saved(path, "not a zip file")
    with zipfile.ZipFile(path) as zf:
        try:
            manifest = json.loads(zf.read("manifest.json").decode("utf-8"))
        except (KeyError, ValueError) as e:
            raise _not_saved(path, f"no readable manifest.json: {e}") from None
    if manifest.get("format") != FORMAT:
        raise _not_saved(path, f"format {manifest.get('format')!r}")
    if manifest.get("format_version", 0) > FORMAT_VERSION:
        raise DataFileError(
            f"{path}: saved by zhengce {manifest.get('zhengce_version')} in format version {manifest['format_version']}; "
            f"this zhengce {_zhengce.__version__} reads up to version {FORMAT_VERSION}: upgrade zhengce",
            path=str(path),
        )

    def member(name: str) -> Callable[[], pl.DataFrame]:
        def load() -> pl.DataFrame:
            with zipfile.ZipFile(path) as zf:
                return pl.read_parquet(zf.read(name))

        return load

    options = {k: v for k, v in (manifest.get("options") or {}).items() if v is not None}
    options.update(_unpack_dictionaries(path, manifest))
    loaders = {name: member(f"frames/{name}.parquet") for name in manifest["frames"]}
    return Corpus(_stored=_Stored(loaders, _cached(member("texts.parquet")), options, manifest))


def _open_extraction(folder: Path) -> Corpus:
    """A folder written by ``zc.extract``, as a corpus: each frame the parts of
    all batches, read on first use."""
    from .stream import open_frames

    lazy = open_frames(folder)
    if "texts" not in lazy:
        raise _not_saved(folder, "an extraction without the texts frame; extract it again with this zhengce")
    loaders = {name: (lambda f=f: f.collect()) for name, f in lazy.items() if name != "texts"}
    return Corpus(_stored=_Stored(loaders, _cached(lazy["texts"].collect), {}, {}))


def _cached(f: Callable[[], pl.DataFrame]) -> Callable[[], pl.DataFrame]:
    box: list[pl.DataFrame] = []

    def get() -> pl.DataFrame:
        if not box:
            box.append(f())
        return box[0]

    return get


def _unpack_dictionaries(path: Path, manifest: dict) -> dict[str, list[str]]:
    """The dictionaries as options the core can read: ``<default>`` as it is, the
    user's files copied out of the saved corpus (the originals may have changed
    or be on another machine)."""
    entries = manifest.get("dictionaries") or {}
    out: dict[str, list[str]] = {}
    if not entries:
        return out
    folder = Path(tempfile.mkdtemp(prefix="zhengce-dict-"))
    with zipfile.ZipFile(path) as zf:
        for kind, items in entries.items():
            out[kind] = ["<default>" if item["file"] == "<default>" else zf.extract(item["stored"], folder) for item in items]
    return out
