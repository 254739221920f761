"""`mgi site serve`: the built site on 127.0.0.1, rebuilt when its inputs change.

A preview for the person writing the site, never a server for the public: it listens on
the loopback address only, with the standard library's http.server.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HOST = "127.0.0.1"


def snapshot(paths: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """Each file under ``paths`` with its modification time and size."""
    found: dict[str, tuple[int, int]] = {}
    for top in paths:
        candidates = [top] if top.is_file() else sorted(top.rglob("*"))
        for path in candidates:
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.is_file():
                found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def serve_site(
    out: Path,
    rebuild: Callable[[], None],
    watched: list[Path],
    *,
    port: int,
    interval: float,
    on_ready: Callable[[str], None],
    stop: threading.Event | None = None,
    on_error: Callable[[Exception], None] | None = None,
) -> None:
    """Build, then serve ``out`` until ``stop`` is set (or Ctrl-C), checking ``watched``
    every ``interval`` seconds and rebuilding when a file changed, appeared or went."""
    from mgi_cli.errors import MgiError

    rebuild()
    seen = snapshot(watched)
    handler = partial(_QuietHandler, directory=str(out))
    server = ThreadingHTTPServer((HOST, port), handler)
    stop = stop or threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    on_ready(f"http://{HOST}:{server.server_address[1]}/")
    try:
        while not stop.wait(interval):
            now = snapshot(watched)
            if now != seen:
                seen = now
                try:
                    rebuild()
                except MgiError as error:  # a broken edit: keep serving the last site
                    if on_error is not None:
                        on_error(error)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class _QuietHandler(SimpleHTTPRequestHandler):
    """No log line per request: the terminal shows the builds."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: ARG002
        return
