"""`import zhengce` loads the shipped dictionaries on a thread of its own.

Each case runs in a fresh interpreter: whether the load has started, finished
or been forked over depends on what the process did since its import.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest


def run(code: str, **env: str) -> str:
    p = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )
    assert p.returncode == 0, p.stderr
    return p.stdout.strip()


def test_import_loads_the_dictionaries_once_and_a_read_uses_them():
    out = run(
        """
        import zhengce as zc
        zc._native.wait_preloaded()
        before = zc._native.dictionary_loads()
        c = zc.read_texts({"d": "一、任务\\n完善最低生活保障制度。"})
        print(before, zc._native.dictionary_loads(), c.themes.height > 0)
        """
    )
    assert out == "1 1 True"


def test_preload_can_be_turned_off():
    out = run(
        """
        import zhengce as zc
        zc._native.wait_preloaded()
        before = zc._native.dictionary_loads()
        zc.read_texts({"d": "一、任务\\n完善最低生活保障制度。"})
        print(before, zc._native.dictionary_loads())
        """,
        ZHENGCE_PRELOAD="0",
    )
    assert out == "0 1"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork is POSIX only")
def test_a_fork_during_the_load_leaves_a_child_that_can_read():
    # Forked while the loading thread is at work, the child would find the
    # load half done by a thread it does not have and wait for it forever;
    # the at-fork hook makes the fork wait for the load instead.
    out = run(
        """
        import os, time, zhengce as zc
        zc._preload()  # the import did not: ZHENGCE_PRELOAD=0
        while zc._native.dictionary_loads() == 0:
            pass  # the loader has begun building the dictionaries: fork now
        pid = os.fork()
        if pid == 0:
            c = zc.read_texts({"d": "一、任务\\n完善最低生活保障制度。"})
            os._exit(0 if c.records.height == 1 else 3)
        for _ in range(600):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                print(os.waitstatus_to_exitcode(status))
                break
            time.sleep(0.1)
        else:
            os.kill(pid, 9)
            print("the child hung")
        """,
        ZHENGCE_PRELOAD="0",
    )
    assert out == "0"
