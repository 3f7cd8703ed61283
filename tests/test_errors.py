"""Errors across the boundary: every exception zhengce raises is a ZhengceError
with .path and .kind (None where there is no file) whichever way it is raised,
the natural Python class too where there is one, the operating system's error
kept as __cause__; the README lists every error and warning kind."""
from __future__ import annotations

import errno
import pickle
import re
from pathlib import Path

import pytest

import zhengce as zc
from zhengce import _zhengce

ROOT = Path(__file__).resolve().parents[1]
PLAN = "一、主要任务\n1.提高标准。（责任单位：救助处）"


def test_a_missing_file_is_a_file_not_found_error_with_path_and_kind(tmp_path):
    missing = tmp_path / "no_such.txt"
    with pytest.raises(FileNotFoundError) as info:
        zc.read(str(missing), on_error="raise")
    e = info.value
    assert isinstance(e, zc.NotFoundError) and isinstance(e, zc.ReadError) and isinstance(e, zc.ZhengceError)
    assert (e.path, e.kind) == (str(missing), "not_found")
    assert e.errno == errno.ENOENT and e.filename == str(missing)
    assert str(missing) in str(e)


def test_an_os_error_is_kept_as_the_cause(tmp_path):
    """A dangling link fails in the operating system: its error is __cause__, with its errno."""
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    with pytest.raises(zc.ReadError) as info:
        zc.read(str(tmp_path / "dangling.txt"), on_error="raise")
    e = info.value
    assert e.path == str(tmp_path / "dangling.txt") and e.kind in ("io", "not_found")
    assert isinstance(e.__cause__, OSError) and e.__cause__.errno == errno.ENOENT
    assert isinstance(e, FileNotFoundError)


def test_a_collected_error_has_the_kind_of_the_raised_one(tmp_path):
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 64)
    collected = zc.read(str(tmp_path / "bin.txt")).errors.row(0, named=True)
    with pytest.raises(zc.ZhengceError) as info:
        zc.read(str(tmp_path / "bin.txt"), on_error="raise")
    assert (info.value.kind, info.value.path) == (collected["kind"], collected["source"])


def test_a_bad_dictionary_names_its_file_and_line(tmp_path):
    bad = tmp_path / "bad_themes.tsv"
    bad.write_text("[a] 甲\n养老\tlots\n", encoding="utf-8")
    with pytest.raises(zc.DataFileError) as info:
        zc.read_texts({"d": PLAN}, themes=bad)
    e = info.value
    assert (e.path, e.kind, e.context["line"]) == (str(bad), "data_file", "2")
    with pytest.raises(zc.NotFoundError) as info:
        zc.read_texts({"d": PLAN}, stopwords=tmp_path / "none.txt")
    assert info.value.path == str(tmp_path / "none.txt")


def test_manifest_problems_name_the_manifest(tmp_path):
    m = tmp_path / "m.csv"
    m.write_text("name,province\na.txt,吉林\n", encoding="utf-8")
    with pytest.raises(zc.DataFileError) as info:
        zc.read_texts({"a.txt": PLAN}, manifest=m)
    assert (info.value.path, info.value.kind) == (str(m), "data_file")
    with pytest.raises(FileNotFoundError) as info:
        zc.read_texts({"a.txt": PLAN}, manifest=tmp_path / "gone.csv")
    assert isinstance(info.value, zc.ZhengceError) and info.value.path == str(tmp_path / "gone.csv")


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: zc.read_texts({"a": PLAN}, on_error="ignore"), "on_error"),
        (lambda: zc.read_texts({"a": PLAN}, meta={"a": {"year": "soon"}}), "soon"),
        (lambda: zc.read_texts({"a": PLAN}, meta={"a": {"colour": "red"}}), "unknown field"),
        (lambda: zc.read_texts({"a": PLAN}, max_bytes=-1), "max_bytes"),
        (lambda: zc.read_texts({"a": PLAN})._native.frame("nope"), "no frame"),
        (lambda: zc.read_texts({"a": PLAN}).token_counts(tokens=["verbs"]), "token kind"),
        (lambda: _zhengce.ReadOptions(dictionaries={"colours": []}), "unknown dictionary"),
        (lambda: list(zc.scan([], batch_size=0)), "batch_size"),
    ],
)
def test_bad_values_are_zhengce_value_errors(call, match):
    with pytest.raises(ValueError, match=match) as info:
        call()
    assert isinstance(info.value, zc.InvalidValueError) and info.value.kind == "value"


def test_wrong_types_and_unknown_ids_are_zhengce_errors_too():
    with pytest.raises(TypeError) as info:
        zc.read_texts({"raw": b"bytes"})
    assert isinstance(info.value, zc.ZhengceError) and info.value.path == "raw"
    with pytest.raises(TypeError, match="colour") as info:
        zc.read_texts({"a": PLAN}, colour="red")
    assert isinstance(info.value, zc.ZhengceError)
    with pytest.raises(KeyError) as info:
        zc.read_texts({"a": PLAN}).text("b")
    assert isinstance(info.value, zc.UnknownDocumentError) and info.value.path is None


def test_errors_survive_pickling(tmp_path):
    """Dask sends a worker's exceptions back pickled: path, kind and context stay."""
    with pytest.raises(zc.ZhengceError) as info:
        zc.read(str(tmp_path / "gone.txt"), on_error="raise")
    back = pickle.loads(pickle.dumps(info.value))
    assert type(back) is type(info.value)
    assert (back.path, back.kind, str(back)) == (info.value.path, info.value.kind, str(info.value))


def _readme_codes(header: str) -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split(header, 1)[1].split("\n\n", 1)[0]
    return set(re.findall(r"`(\w+)`", table))


def test_the_readme_lists_every_warning_and_error_kind():
    assert _readme_codes("| warning kind | meaning |") == set(_zhengce.WARNING_KINDS)
    error_kinds = {k for k, _ in _zhengce.ERROR_KINDS}
    assert error_kinds <= _readme_codes("| exception | also a | kind | raised for |")
    for cls in zc.ZhengceError.__subclasses__():
        assert cls.__name__ in (ROOT / "README.md").read_text(encoding="utf-8"), cls
