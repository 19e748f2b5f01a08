"""Serve a built site as a static host does: under its path (``/explainer/``), gzipped.

    python tests/benchmarks/static_server.py site [--port 8765]

GitHub Pages and most static hosts compress text files (HTML, CSS, JavaScript, JSON, SVG) with gzip
when the browser asks for it, and send a validator so that a second visit revalidates. Python's
``http.server`` does neither, and a Lighthouse score taken on it would charge the site for the host.
Used by ``lighthouse.py`` and importable (``serve(site)`` returns the server and its root address).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import http.server
import mimetypes
import threading
from pathlib import Path

COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".ipynb", ".cjs"}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def __init__(self, *args, site: Path, prefix: str, cache: dict, **kwargs):
        self.site, self.prefix, self.cache = site, prefix, cache
        super().__init__(*args, **kwargs)

    def log_message(self, *args) -> None:
        pass

    def handle(self) -> None:
        try:  # a browser that closes a page mid-transfer hangs up on us: nothing failed
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _file(self) -> Path | None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.prefix):
            return None
        relative = path[len(self.prefix) :]
        from urllib.parse import unquote

        target = (self.site / unquote(relative)).resolve()
        if self.site not in target.parents and target != self.site:
            return None
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return Path()
            target = target / "index.html"
        return target if target.is_file() else None

    def do_HEAD(self) -> None:
        self.do_GET(head=True)

    def do_GET(self, head: bool = False) -> None:
        target = self._file()
        if target == Path():
            return
        status = 200
        if target is None:
            status, target = 404, self.site / "404.html"
        body = target.read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if status == 200 and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("ETag", etag)
        self.send_header("Cache-Control", "max-age=600")
        if target.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
            key = (str(target), etag)
            if key not in self.cache:
                self.cache[key] = gzip.compress(body, 6, mtime=0)
            body = self.cache[key]
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


def serve(site: Path, prefix: str = "/explainer/", port: int = 0) -> tuple[http.server.HTTPServer, str]:
    handler = functools.partial(Handler, site=Path(site).resolve(), prefix=prefix, cache={})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_port}{prefix}"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("site", type=Path)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    httpd, root = serve(args.site, port=args.port)
    print(f"serving {args.site} at {root}")
    threading.Event().wait()
