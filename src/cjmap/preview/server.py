"""The preview's HTTP server: the standard library's ThreadingHTTPServer, on 127.0.0.1.

Routes: ``/`` (the page), ``/preview.js`` (its script), ``/state.json`` (the file's version and
problems, which the page polls), ``/report/<audience>.html`` (the HTML reports of the last good
map). Only GET and HEAD; every response carries the Content-Security-Policy and is not cached.
On the loopback address, a request naming another host is refused, so a web page elsewhere
cannot read the preview through DNS rebinding.
"""

from __future__ import annotations

import errno
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Optional

from cjmap.preview.page import CSP, SCRIPT, render_page
from cjmap.preview.state import AUDIENCES, PreviewState

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
LOOPBACK = ("127.0.0.1", "localhost", "::1")


class PortInUse(Exception):
    """The port is taken by another program."""

    def __init__(self, host: str, port: int) -> None:
        super().__init__(f"port {port} on {host} is already in use")
        self.host, self.port = host, port


class PreviewServer(ThreadingHTTPServer):
    """Serves one :class:`PreviewState`. ``served`` calls back after each response (for tests
    that edit the file at a known moment)."""

    daemon_threads = True
    allow_reuse_address = False

    def __init__(self, state: PreviewState, host: str, port: int,
                 served: Optional[Callable[[str], None]] = None) -> None:
        self.state = state
        self.served = served
        self._thread: Optional[threading.Thread] = None
        super().__init__((host, port), _Handler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        host = str(self.server_address[0])
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{self.port}/"

    def start(self) -> None:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self.serve_forever, name="cjmap-preview",
                                        daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop serving, close the socket and wait for the thread to end."""
        if self._thread is not None:
            self.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self.server_close()


def start_server(state: PreviewState, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 served: Optional[Callable[[str], None]] = None) -> PreviewServer:
    """A server for ``state``, serving in a thread; raises PortInUse (or OSError)."""
    try:
        server = PreviewServer(state, host, port, served)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise PortInUse(host, port) from None
        raise
    server.start()
    return server


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "cjmap-preview"
    sys_version = ""

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        self._respond(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(head=True)

    def _respond(self, head: bool) -> None:
        if not self._host_allowed():
            self._send(400, "text/plain; charset=utf-8", b"unexpected Host header\n", head)
            return
        path = self.path.split("?", 1)[0]
        status, kind, body = self._route(path)
        self._send(status, kind, body, head)
        if self.server.served is not None:
            self.server.served(path)

    def _route(self, path: str) -> tuple[int, str, bytes]:
        state = self.server.state
        if path == "/state.json":
            state.refresh()
            return 200, "application/json", json.dumps(state.snapshot.as_json()).encode()
        if path in ("/", "/index.html"):
            state.refresh()
            page = render_page(state.snapshot, state.path.name)
            return 200, "text/html; charset=utf-8", page.encode("utf-8")
        if path == "/preview.js":
            return 200, "text/javascript; charset=utf-8", SCRIPT.encode("utf-8")
        audience = path.removeprefix("/report/").removesuffix(".html")
        if path.startswith("/report/") and audience in AUDIENCES:
            report = state.report_html(audience)
            if report is not None:
                return 200, "text/html; charset=utf-8", report.encode("utf-8")
            return 409, "text/plain; charset=utf-8", b"no valid map yet: fix the file first\n"
        return 404, "text/plain; charset=utf-8", b"not found\n"

    def _host_allowed(self) -> bool:
        bound = str(self.server.server_address[0])
        if bound not in LOOPBACK:
            return True  # --host was asked for: the user chose who may connect
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
        return host in LOOPBACK

    def _send(self, status: int, kind: str, body: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass  # the command reports changes, not each request
