"""``cjmap preview``: the rendered map on a local web page that follows every save.

- :mod:`cjmap.preview.state`: the watched file, its version, the last good map and the problems;
- :mod:`cjmap.preview.page`: the HTML page and its small polling script (no external assets);
- :mod:`cjmap.preview.server`: the standard-library HTTP server, bound to 127.0.0.1.

Callable without the CLI::

    from cjmap.preview import PreviewState, start_server
    state = PreviewState("repairs.yaml")
    server = start_server(state, port=0)   # serving in a thread
    server.url                             # http://127.0.0.1:PORT/
    server.stop()
"""

from __future__ import annotations

from cjmap.preview.server import PortInUse, PreviewServer, start_server
from cjmap.preview.state import PreviewState, Snapshot

__all__ = ["PortInUse", "PreviewServer", "PreviewState", "Snapshot", "start_server"]
