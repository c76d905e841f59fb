"""``cjmap preview``: serve the rendered map on 127.0.0.1 and follow each save."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Optional

import typer

from cjmap.commands.common import EXIT_CANCELLED, TODAY_HELP, fail, parse_today
from cjmap.preview import PortInUse, PreviewState, start_server
from cjmap.preview.server import DEFAULT_HOST, DEFAULT_PORT, LOOPBACK

WATCH_SECONDS = 0.5


def preview(
    path: Path = typer.Argument(..., metavar="MAP", help="The map file to preview."),
    port: int = typer.Option(
        DEFAULT_PORT, "--port", "-p", min=0, max=65535, metavar="N",
        help="The port to serve on; 0 picks any free port."),
    host: str = typer.Option(
        DEFAULT_HOST, "--host", metavar="ADDRESS",
        help="The address to serve on. Only this computer can see 127.0.0.1; another "
             "address lets other computers on the network see the map."),
    open_browser: bool = typer.Option(
        True, "--open/--no-open", help="Open the page in your web browser."),
    today: Optional[str] = typer.Option(None, "--today", metavar="DATE",
                                        help=TODAY_HELP + " Flags overdue actions."),
) -> None:
    """Show the map in your browser and redraw it each time you save the file.

    While the file has a problem, the page keeps the last good map and lists the problems in
    plain English with their lines. The influencer, executive and front-line reports are one
    click away. Stop with Ctrl-C (exit 130).
    """
    if not path.is_file():
        fail(f"{path}: no such file (give the path of a map file)")
    state = PreviewState(path, today=parse_today(today))
    server = _start(state, host, port)
    typer.echo(f"Previewing {path} at {server.url}")
    if host not in LOOPBACK:
        typer.echo(f"Other computers that can reach {host} can see this map.")
    typer.echo("Save the file to redraw the map; press Ctrl-C to stop.")
    _report(state)
    if open_browser:
        _open(server.url)
    try:
        _watch(state)
    except KeyboardInterrupt:
        server.stop()
        typer.echo("\nPreview stopped.")
        raise typer.Exit(EXIT_CANCELLED) from None


def _start(state: PreviewState, host: str, port: int) -> Any:
    try:
        return start_server(state, host, port)
    except PortInUse:
        fail(f"port {port} is already in use (another preview?): choose another with "
             f"--port N, or --port 0 for any free port")
    except OSError as error:
        fail(f"cannot serve on {host}:{port}: {error.strerror or error}")


def _open(url: str) -> None:
    import webbrowser

    if not webbrowser.open(url):
        typer.echo(f"Open {url} in your web browser.")


def _watch(state: PreviewState) -> None:
    """Poll the file; report each new version, whether this loop or a page request found it."""
    reported = state.snapshot.version
    while True:
        time.sleep(WATCH_SECONDS)
        state.refresh()
        if state.snapshot.version != reported:
            reported = state.snapshot.version
            _report(state)


def _report(state: PreviewState) -> None:
    snapshot = state.snapshot
    stamp = time.strftime("%H:%M:%S")
    errors = [p for p in snapshot.problems if str(p.severity) == "error"]
    if not errors:
        warnings = len(snapshot.problems)
        note = f" ({warnings} warning{'s' if warnings != 1 else ''})" if warnings else ""
        typer.echo(f"{stamp} version {snapshot.version}: map drawn{note}")
        return
    kept = " (the page keeps the last good map)" if snapshot.svg else ""
    typer.echo(f"{stamp} version {snapshot.version}: {len(errors)} "
               f"problem{'s' if len(errors) != 1 else ''}{kept}")
    for problem in errors:
        typer.echo(f"  line {problem.line}, column {problem.column}: {problem.message}")
