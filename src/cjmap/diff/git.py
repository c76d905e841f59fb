"""Reading a file as it was at a git revision, for ``cjmap diff --rev``.

Runs the ``git`` executable (no library needed): finds the repository that holds the file,
resolves the revision to a commit, and reads the file's bytes from that commit with
``git cat-file blob``, which applies no filters or text conversion. Every failure a user can
cause (git missing, not a repository, an unknown revision, a file not in that revision) is a
:class:`GitError` with a message meant for them.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


class GitError(Exception):
    """The file cannot be read from git; the message says why."""


@dataclass(frozen=True)
class GitFile:
    """A file's bytes at a revision, and a label such as ``HEAD~1:maps/repairs.yaml``."""

    revision: str
    commit: str
    path: str  # relative to the repository root, with forward slashes
    content: bytes

    @property
    def label(self) -> str:
        return f"{self.revision}:{self.path}"


def _git(args: list[str], folder: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=folder, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH); --rev needs it") from None
    except OSError as error:
        raise GitError(f"cannot run git: {error}") from None


def repository_root(path: Path) -> Path:
    """The top folder of the git working tree that holds ``path``."""
    try:
        folder = path.resolve().parent
    except (OSError, RuntimeError):
        raise GitError(f"{path}: a loop of symbolic links") from None
    if not folder.is_dir():
        raise GitError(f"{path.parent}: no such folder")
    result = _git(["rev-parse", "--show-toplevel"], folder)
    if result.returncode != 0:
        said = result.stderr.decode("utf-8", "replace").strip().splitlines()
        _refuse_dubious(said, folder)
        reason = said[-1].strip() if said else ""
        detail = "" if not reason or "not a git repository" in reason else f" ({reason})"
        raise GitError(f"{path} is not in a git repository, so --rev cannot read its "
                       f"history{detail}")
    return Path(result.stdout.decode("utf-8", "replace").strip()).resolve()


def _refuse_dubious(said: list[str], folder: Path) -> None:
    """git refuses a repository owned by another user ("dubious ownership"): say so, and how
    to allow it, rather than "not a git repository"."""
    if any("dubious ownership" in line for line in said):
        raise GitError(f"git refuses to read the repository at {folder}: it is owned by another "
                       "user (git's \"dubious ownership\" check); if you trust it, run "
                       f"`git config --global --add safe.directory {folder}`")


def resolve_commit(revision: str, root: Path) -> str:
    """The full commit id that ``revision`` names (a branch, tag, hash, ``HEAD~2``...)."""
    if not revision or revision.startswith("-"):
        # A leading dash would be read by git as an option, not a revision.
        raise GitError(f"{revision!r} is not a revision")
    result = _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], root)
    if result.returncode != 0:
        raise GitError(f"unknown revision {revision!r} (try a branch, tag, commit or HEAD~1)")
    return result.stdout.decode("ascii").strip()


def relative_path(path: Path, root: Path) -> str:
    """``path`` relative to the repository root, with forward slashes, as git names it."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        raise GitError(f"{path} is outside the git repository at {root}") from None


def read_at_revision(path: str | Path, revision: str) -> GitFile:
    """The bytes of ``path`` (a file in a git working tree) as committed at ``revision``."""
    file = Path(path)
    root = repository_root(file)
    commit = resolve_commit(revision, root)
    relative = relative_path(file, root)
    result = _git(["cat-file", "blob", f"{commit}:{relative}"], root)
    if result.returncode != 0:
        raise GitError(f"{relative} does not exist in revision {revision}")
    return GitFile(revision, commit, relative, result.stdout)
