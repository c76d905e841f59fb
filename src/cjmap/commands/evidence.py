"""``cjmap evidence``: compute a map's figures from its evidence files, write or check them."""

from __future__ import annotations

import codecs
import difflib
import sys
from pathlib import Path
from typing import Any, List

import typer

from cjmap.commands.common import EXIT_ERROR, EXIT_INVALID, EXIT_OK, error_console
from cjmap.config import config_for
from cjmap.evidence import EvidenceError
from cjmap.evidence.apply import ApplyError, apply_figures, stale_figures
from cjmap.evidence.errors import quote
from cjmap.evidence.owned import owned_figures
from cjmap.load import load_text
from cjmap.settings import ConfigError
from cjmap.validate import MapError, valid_journey
from cjmap.writing import Fingerprint, WriteRefused, write_atomic


class _Refused(Exception):
    """One map cannot be updated; the message says why (the map is left as it was)."""


def evidence(
    paths: List[Path] = typer.Argument(..., metavar="MAP", help="Map files with an `evidence:` block."),
    check: bool = typer.Option(
        False, "--check",
        help="Write nothing; list each figure that differs from its evidence, exit 1 if any."),
    diff: bool = typer.Option(False, "--diff",
                              help="Write nothing; print a unified diff of what would change."),
) -> None:
    """Compute survey, interview and case figures from the map's evidence files.

    Only the figures cjmap owns change (feedback counts, quotes from the coding sheet, survey
    bases and shares, measured metric values, the interviews' participants); every other byte,
    comment and key order stays. Exit codes: 0 up to date or written, 1 with [bold]--check[/]:
    figures are stale, 2 an evidence file or the map cannot be used (nothing written).
    """
    results = [_one(path, check, diff) for path in paths]
    if EXIT_ERROR in results:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_INVALID if EXIT_INVALID in results else EXIT_OK)


def _one(path: Path, check: bool, diff: bool) -> int:
    """Check, diff or update one map; its exit code."""
    try:
        raw, text, stale, new = _computed(path, write=not check or diff)
    except _Refused as error:
        _error(str(error))
        return EXIT_ERROR
    if check:
        for item in stale:
            typer.echo(_stale_line(path, item))
    if diff and new != text:
        sys.stdout.writelines(difflib.unified_diff(
            text.splitlines(keepends=True), new.splitlines(keepends=True),
            f"a/{path}", f"b/{path}"))
    if check or diff:
        return EXIT_INVALID if check and stale else EXIT_OK
    if new == text:
        typer.echo(f"{path}: the figures match the evidence", err=True)
        return EXIT_OK
    try:
        _write_if_unchanged(path, raw, _bom(raw) + new.encode("utf-8"))
    except _Refused as error:
        _error(str(error))
        return EXIT_ERROR
    typer.echo(f"{path}: wrote {_figures(len(stale))} from the evidence", err=True)
    return EXIT_OK


def _computed(path: Path, write: bool) -> tuple[bytes, str, list[Any], str]:
    """The file's bytes, its text, the stale figures, and (when ``write``) the text with the
    figures written in: ``--check`` alone needs no writing, so no layout can stop it."""
    raw, text, journey = _read(path)
    try:
        region = config_for(path).region
        owned = owned_figures(journey, path.parent, region)
        stale = stale_figures(text, owned)
        return raw, text, stale, apply_figures(text, owned, str(path)) if write else text
    except EvidenceError as error:
        raise _Refused(f"{path}: {error}") from None
    except (ApplyError, ConfigError) as error:
        raise _Refused(f"{path}: {error}") from None


def _read(path: Path) -> tuple[bytes, str, Any]:
    """The map's bytes, its text (without a byte-order mark) and its valid JourneyMap."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise _Refused(f"cannot read {path}: {error.strerror or error}") from None
    loaded = load_text(raw, str(path))
    try:
        journey = valid_journey(loaded)
    except MapError as error:
        console = error_console()
        for problem in error.problems:
            console.print(str(problem), markup=False)
        raise _Refused(f"{path} is not a valid map; run `cjmap validate {path}`") from None
    if journey.evidence is None:
        raise _Refused(f"{path} has no `evidence:` block naming its evidence files; see "
                       "docs/evidence.md")
    return raw, raw[len(_bom(raw)):].decode("utf-8"), journey


def _bom(raw: bytes) -> bytes:
    return codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""


def _write_if_unchanged(path: Path, read: bytes, data: bytes) -> None:
    """Write ``data`` atomically, unless the file changed since it was ``read`` (an edit saved
    while cjmap ran must not be lost): :mod:`cjmap.writing` compares the file's fingerprint
    (size, time, inode and content) just before it replaces it."""
    expect = Fingerprint.of(path, read)
    try:
        if expect is None or Fingerprint.of(path) != expect:
            raise WriteRefused(f"{path} changed while cjmap was computing its figures; nothing "
                               "was written: run `cjmap evidence` again")
        write_atomic(path, data, expect=expect)
    except OSError as error:
        raise _Refused(f"cannot write {path}: {error.strerror or error}") from None


def _stale_line(path: Path, item: Any) -> str:
    figure = item.figure
    return (f"{path}:{item.line}:{item.column}: stale figure {figure.label}: the map has "
            f"{_shown(item.was)}, {figure.source} gives {_shown(item.now)}")


def _shown(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, list):
        if value and all(isinstance(v, dict) and "text" in v for v in value):
            return "; ".join(_quote(v) for v in value)
        return "[" + "; ".join(_segment(v) for v in value) + "]" if value else "none"
    return str(value)


def _quote(value: Any) -> str:
    return f"{quote(str(value.get('text') or ''))} ({value.get('who')})"


def _segment(value: Any) -> str:
    if not isinstance(value, dict):
        return str(value)
    return ", ".join(f"{k} {v}" for k, v in value.items())


def _figures(count: int) -> str:
    return f"{count} figure" + ("" if count == 1 else "s")


def _error(message: str) -> None:
    from rich.markup import escape

    error_console().print(f"[bold red]cjmap: error:[/] {escape(message)}")
