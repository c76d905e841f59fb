"""Reading and writing files without ever destroying one.

* :func:`read_limited` reads only regular files (a FIFO would block, ``/dev/zero`` would fill the
  memory), up to a size limit.
* :func:`write_atomic` writes through a temporary file renamed over the target, so that a crash
  leaves the old file or the new one, never a mix. It refuses a target that is one of the
  command's inputs (by any spelling or link), a folder or other special file, a read-only file,
  and a file changed since it was read (:class:`Fingerprint`); it writes straight into a
  character device or a FIFO (``-o /dev/null``, ``-o /dev/stdout``), keeps a file's mode, owner
  and group, and writes a hard-linked file in place so that its links stay one file.

Every refusal is a :class:`WriteRefused` (an ``OSError``), whose message says what to do.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

# A temporary file is ``.NAME.RANDOM.tmp`` beside its target: hidden, and never ending in .yaml
# or .yml, so that validate and fmt never take one for a map. One left behind by a killed run
# is removed by the next write of the same file once it is this old (a write takes milliseconds).
STALE_TEMPORARY_SECONDS = 600
_TEMPORARY_SUFFIX = ".tmp"


class WriteRefused(OSError):
    """A write cjmap will not do, or a file it will not read; ``str()`` is the whole message."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "refused"


@dataclass(frozen=True)
class Fingerprint:
    """What a file was when it was read: compared just before it is replaced, so that an edit
    saved meanwhile (in an editor, by another run) is never overwritten."""

    size: int
    mtime_ns: int
    inode: int
    digest: str

    @classmethod
    def of(cls, path: str | Path, data: Optional[bytes] = None) -> Optional["Fingerprint"]:
        """The fingerprint of ``path`` now (``data``: its bytes, if just read), or None if it
        does not exist."""
        try:
            info = os.stat(path)
            if data is None:
                data = Path(path).read_bytes() if stat.S_ISREG(info.st_mode) else b""
        except OSError:
            return None
        return cls(info.st_size, info.st_mtime_ns, info.st_ino, hashlib.sha256(data).hexdigest())


def read_limited(path: str | Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or OSError (WriteRefused for a
    special file or one too big)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)  # non-blocking: opening a FIFO must not wait for a writer
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise WriteRefused(f"{path} is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise WriteRefused(f"{path} is not a regular file (a device, FIFO or socket); "
                               "give a map file, or - for standard input")
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise WriteRefused(too_big_message(path, limit))
    return data


def too_big_message(path: str | Path, limit: int) -> str:
    return (f"{path} is larger than {limit:,} bytes, far more than any map; if it really is "
            "one, raise max_file_size in .cjmap.yaml")


def read_with_fingerprint(path: str | Path, limit: int) -> tuple[bytes, Fingerprint]:
    """A file's bytes and its fingerprint, to pass to :func:`write_atomic` as ``expect``."""
    data = read_limited(path, limit)
    fingerprint = Fingerprint.of(path, data)
    if fingerprint is None:  # removed between the read and the stat
        raise FileNotFoundError(2, "No such file or directory", str(path))
    return data, fingerprint


def refuse_inputs(target: str | Path, inputs: Iterable[str | Path]) -> None:
    """Raise WriteRefused when ``target`` is one of ``inputs``: the same spelling, or another
    name (relative, absolute, a symbolic or hard link) for the same file."""
    for given in inputs:
        if str(given) == "-":
            continue
        try:
            same = os.path.samefile(target, given)
        except OSError:
            same = os.path.abspath(target) == os.path.abspath(given)
        if same:
            raise WriteRefused(f"{target} is one of the inputs ({given}): writing there would "
                               "destroy it; choose another output file")


def write_atomic(path: str | Path, text: str | bytes, expect: Optional[Fingerprint] = None,
                 inputs: Iterable[str | Path] = ()) -> None:
    """Write ``text`` (UTF-8, newlines as given; or bytes as they are) to ``path``.

    ``expect``: the fingerprint of the file when it was read; if it has changed since, nothing
    is written. ``inputs``: files the output must not replace. Raises OSError (WriteRefused for
    a refusal). A symbolic link keeps pointing at the file it names, which is the one written.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    refuse_inputs(path, inputs)
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    try:
        info: Optional[os.stat_result] = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None and (stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
        _write_stream(target, data)
        return
    if info is not None:
        _check_replaceable(path, info)
    if info is not None and info.st_nlink > 1:
        _check_unchanged(path, expect)
        _write_in_place(target, data)
        return
    _replace(target, data, info, path, expect)


def _check_replaceable(path: str | Path, info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise WriteRefused(f"{path} is a folder: give a file name inside it")
    if not stat.S_ISREG(info.st_mode):
        raise WriteRefused(f"{path} is not a regular file (a socket or block device); "
                           "give a file name")
    if not info.st_mode & 0o222:
        raise WriteRefused(f"{path} is read-only: make it writable (chmod u+w) to replace it")


def _check_unchanged(path: str | Path, expect: Optional[Fingerprint]) -> None:
    if expect is not None and Fingerprint.of(path) != expect:
        raise WriteRefused(f"{path} changed while cjmap was working on it (saved in an editor?); "
                           "nothing was written: run the command again")


def _write_stream(target: Path, data: bytes) -> None:
    """Into a character device or FIFO as it is: renaming over one would replace it."""
    with open(target, "wb") as stream:
        stream.write(data)


def _write_in_place(target: Path, data: bytes) -> None:
    """A hard-linked file: rewritten in place, so that every name still shows the same file."""
    with open(target, "r+b") as stream:
        stream.write(data)
        stream.truncate()
        stream.flush()
        os.fsync(stream.fileno())


def _replace(target: Path, data: bytes, info: Optional[os.stat_result], shown: str | Path,
             expect: Optional[Fingerprint]) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    _remove_stale_temporaries(folder, target.name)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=_TEMPORARY_SUFFIX,
                                         dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        _copy_ownership(temporary, info)
        _check_unchanged(shown, expect)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _copy_ownership(temporary: str, info: Optional[os.stat_result]) -> None:
    """The new file gets the old one's mode, and its owner and group when cjmap may set them."""
    if info is None:
        os.chmod(temporary, 0o666 & ~_umask())
        return
    if hasattr(os, "chown"):
        try:
            os.chown(temporary, info.st_uid, info.st_gid)
        except OSError:
            pass  # not root and not the owner: the file becomes the writer's, as editors do
    os.chmod(temporary, info.st_mode & 0o7777)


def _remove_stale_temporaries(folder: Path, name: str) -> None:
    """Remove ``.NAME.*.tmp`` files that a killed run of cjmap left behind."""
    cutoff = time.time() - STALE_TEMPORARY_SECONDS
    try:
        for leftover in folder.glob(f".{_glob_escape(name)}.*{_TEMPORARY_SUFFIX}"):
            if leftover.is_file() and not leftover.is_symlink() and leftover.stat().st_mtime < cutoff:
                leftover.unlink(missing_ok=True)
    except OSError:
        pass  # tidying is a courtesy: never a reason not to write


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
