"""zc.read states its memory bound and warns before it would exceed the
machine's memory (issue 15 item 4)."""
import os
import warnings

import pytest

import zhengce as zc
from zhengce import _memory


def test_the_estimate_is_the_stated_multiple_of_the_files_read(tmp_path):
    paths = zc.sample_paths()
    assert _memory.files_size(paths) == sum(os.path.getsize(p) for p in paths)
    # A folder is expanded as read expands it; a missing path counts nothing.
    (tmp_path / "a.txt").write_text("一、总体要求\n全面落实。", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("一、主要任务\n加强建设。", encoding="utf-8")
    want = os.path.getsize(tmp_path / "a.txt") + os.path.getsize(tmp_path / "sub" / "b.txt")
    assert _memory.files_size([str(tmp_path), str(tmp_path / "missing.txt")]) == want
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _memory.warn_if_too_large([str(tmp_path)], available=10**12) == want * _memory.MEMORY_MULTIPLE


def test_read_warns_and_names_extract_when_memory_is_short(monkeypatch):
    monkeypatch.setattr(_memory, "available_memory", lambda: 1000)
    with pytest.warns(zc.CorpusSizeWarning, match="zc.extract") as caught:
        corpus = zc.read(zc.sample_paths()[:1])
    # The warning points at the caller's line, and the read still happens.
    assert caught[0].filename == __file__
    assert corpus.documents.height == 1


def test_no_warning_with_memory_to_spare_or_unknown(monkeypatch):
    for available in (10**13, None):
        monkeypatch.setattr(_memory, "available_memory", lambda a=available: a)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            zc.read(zc.sample_paths()[:1])


def test_available_memory_is_read_from_the_system():
    m = _memory.available_memory()
    assert m is None or m > 10 * 2**20
