"""Work on the second core: the same result, and the same error, as running it here.

A forked process is only made by a process with one thread, which a test worker may not be
(pytest-xdist talks to it from a thread): the fork cases run in a fresh Python of their own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from cjmap import background
from cjmap.background import in_background

SRC = Path(__file__).resolve().parent.parent / "src"


def in_fresh_python(code: str) -> dict[str, object]:
    """Run ``code`` in a new single-threaded Python; it prints one JSON object."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, env=env, timeout=120, check=True)
    assert done.stderr == ""
    result: dict[str, object] = json.loads(done.stdout)
    return result


FORKS = pytest.mark.skipif(not sys.platform.startswith("linux")
                           or len(os.sched_getaffinity(0)) < 2,
                           reason="forks on Linux only, with two cores")


@FORKS
def test_work_done_in_a_forked_process_comes_back_whole() -> None:
    found = in_fresh_python("""
        import json, os
        from cjmap.background import in_background
        def work(n):
            return {"pid": os.getpid(), "text": "é" * n, "tuple": (1, 2)}
        pending = in_background(work, 300_000)
        forked = pending.forked
        value = pending.result()
        print(json.dumps({"forked": forked, "other": value["pid"] != os.getpid(),
                          "length": len(value["text"]), "tuple": list(value["tuple"]),
                          "collected": not pending.forked}))
    """)
    assert found == {"forked": True, "other": True, "length": 300_000, "tuple": [1, 2],
                     "collected": True}


@FORKS
def test_work_that_fails_in_the_fork_is_run_here_and_raises_here() -> None:
    found = in_fresh_python("""
        import json, os
        from cjmap.background import in_background
        parent = os.getpid()
        def work():
            raise ValueError(f"raised in {'the parent' if os.getpid() == parent else 'a fork'}")
        pending = in_background(work)
        forked = pending.forked
        try:
            pending.result()
        except ValueError as error:
            print(json.dumps({"forked": forked, "error": str(error)}))
    """)
    assert found == {"forked": True, "error": "raised in the parent"}


@FORKS
def test_a_result_that_cannot_be_sent_back_is_made_here() -> None:
    found = in_fresh_python("""
        import json, os
        from cjmap.background import in_background
        def work():
            return (lambda: os.getpid())  # a lambda cannot be pickled
        print(json.dumps({"here": in_background(work).result()() == os.getpid()}))
    """)
    assert found == {"here": True}


@FORKS
def test_cancelled_work_leaves_no_process_behind() -> None:
    found = in_fresh_python("""
        import json, os, time
        from cjmap.background import in_background
        pending = in_background(time.sleep, 60)
        child = pending._child
        started = time.monotonic()
        pending.cancel()
        try:
            os.kill(child, 0)
            alive = True
        except ProcessLookupError:
            alive = False
        print(json.dumps({"alive": alive, "quick": time.monotonic() - started < 10,
                          "forked": pending.forked}))
    """)
    assert found == {"alive": False, "quick": True, "forked": False}


@FORKS
def test_the_forked_process_writes_nothing_and_runs_no_exit_handler() -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    code = textwrap.dedent("""
        import atexit, sys
        from cjmap.background import in_background
        atexit.register(lambda: sys.stderr.write("exit handler ran\\n"))
        sys.stdout.write("buffered before the fork\\n")  # a pipe: held in the buffer
        def work():
            raise KeyboardInterrupt  # what Ctrl-C raises in the forked process too
        try:
            in_background(work).result()
        except KeyboardInterrupt:
            sys.stdout.write("interrupted here\\n")
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=120, check=True)
    assert done.stdout == "buffered before the fork\ninterrupted here\n"
    assert done.stderr == "exit handler ran\n"


def test_parallel_false_runs_the_work_here_when_asked() -> None:
    pending = in_background(os.getpid, parallel=False)
    assert not pending.forked
    assert pending.result() == os.getpid()


def test_no_fork_in_a_process_with_a_second_thread() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not background.can_fork()
        assert not in_background(os.getpid).forked
    finally:
        stop.set()
        thread.join()


def test_no_fork_with_one_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "_free_cores", lambda: 1)
    assert not background.can_fork()


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_no_fork_but_on_linux(monkeypatch: pytest.MonkeyPatch, platform: str) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    assert not background.can_fork()
    assert in_background(lambda: 42).result() == 42
