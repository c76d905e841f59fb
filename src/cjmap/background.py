"""One piece of work on the second core while this process goes on with the next.

A big HTML report needs its map drawn and its Markdown converted; both are pure Python, so a
thread would not run them at the same time (the GIL), but a forked process does: it starts with
this process's memory (the journey, the text) and costs only the result's way back through a
pipe. (``os.fork`` itself, not multiprocessing, whose import alone costs more than a fork.)

A fork is used only where it is safe and pays: on Linux, where this process has a single
thread (forking a threaded process can deadlock), it is not a worker of a process pool (whose
siblings have the other cores already) and more than one core is free to it. Anywhere else, and
whenever the forked process fails for any reason, the work runs here, when its result is asked
for; so the result, and any error it raises, is the same either way.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from typing import Any, Callable, Generic, Optional, TypeVar

Result = TypeVar("Result")


def can_fork() -> bool:
    """Whether work may go to a forked process here (see the module's docstring)."""
    # Linux only: on macOS a forked process can crash in the system's libraries (Python's own
    # multiprocessing stopped forking there), and Windows has no fork.
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    if threading.active_count() != 1:
        return False
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is not None and multiprocessing.parent_process() is not None:
        return False
    return _free_cores() > 1


def _free_cores() -> int:
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)


class Pending(Generic[Result]):
    """The result of ``function(*args)``, from a forked process or, failing that, from here."""

    def __init__(self, function: Callable[..., Result], args: tuple[Any, ...],
                 parallel: bool) -> None:
        self._function = function
        self._args = args
        self._child: Optional[int] = None
        self._pipe: Optional[int] = None
        if parallel and can_fork():
            self._start()

    @property
    def forked(self) -> bool:
        """Whether the work went to a forked process (and has not been collected yet)."""
        return self._child is not None

    def _start(self) -> None:
        reading, writing = os.pipe()
        try:
            child = os.fork()
        except OSError:  # out of processes or memory: the work runs here instead
            os.close(reading)
            os.close(writing)
            return
        if child == 0:
            os.close(reading)
            _run_and_send(writing, self._function, self._args)  # never returns
        os.close(writing)
        self._child, self._pipe = child, reading

    def result(self) -> Result:
        """The result (waiting for the forked process); the work runs here if it failed."""
        received = self._received()
        if received is not None:
            return received[0]
        return self._function(*self._args)

    def _received(self) -> Optional[tuple[Result]]:
        if self._child is None or self._pipe is None:
            return None
        try:
            with os.fdopen(self._pipe, "rb") as pipe:
                data = pipe.read()
            value: tuple[Result] = pickle.loads(data)
        except Exception:  # noqa: BLE001 (nothing, or a part: the child died; run it here)
            return None
        finally:
            self._pipe = None
            self._reap()
        return value if isinstance(value, tuple) and len(value) == 1 else None

    def cancel(self) -> None:
        """Stop the work: its result is not wanted."""
        if self._child is None:
            return
        try:
            os.kill(self._child, signal.SIGKILL)
        except OSError:
            pass
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None
        self._reap()

    def _reap(self) -> None:
        if self._child is not None:
            try:
                os.waitpid(self._child, 0)
            except ChildProcessError:
                pass
            self._child = None


def in_background(function: Callable[..., Result], *args: Any,
                  parallel: bool = True) -> Pending[Result]:
    """Start ``function(*args)`` on another core where that is safe (``parallel=False``: never);
    ``.result()`` gives what it returns."""
    return Pending(function, args, parallel)


def _run_and_send(writing: int, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """In the forked process: the pickled result down the pipe, or nothing when the work
    fails (the parent then runs it again and shows the error the user would have seen). It
    leaves by ``os._exit``: none of the parent's exit handlers or buffered output may run
    twice."""
    try:
        import gc

        # The collector would touch every object shared with the parent, copying its page.
        gc.disable()
        data = pickle.dumps((function(*args),), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(data)
    except BaseException:  # noqa: BLE001 (Ctrl-C included: the parent handles it)
        pass
    finally:
        os._exit(0)
