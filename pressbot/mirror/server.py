"""Serve a mirror folder over HTTP on 127.0.0.1.

    python -m pressbot.mirror tests/mirror --port 8700

A request for `/<host>/<path>?<query>` is answered from the layout in
`pressbot.mirror.layout`. The first line printed is the server's base URL,
for `-s PRESSBOT_MIRROR=...`. With `--log`, one line per request: status,
path and the requests in flight to its host on arrival (`read_log`,
`max_in_flight`).
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import hashlib
import socket
import struct
import sys
import threading
import time
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar, TextIO

from pressbot.mirror.layout import MirrorEntry, read_entry


class MirrorRequestHandler(BaseHTTPRequestHandler):
    root: ClassVar[Path]
    delay: ClassVar[float] = 0.0
    conditional: ClassVar[bool] = False
    log_file: ClassVar[TextIO | None] = None
    _lock = threading.Lock()
    _in_flight: ClassVar[dict[str, int]] = {}
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        host, _, rest = self.path.lstrip("/").partition("/")
        with self._lock:
            in_flight = self._in_flight[host] = self._in_flight.get(host, 0) + 1
        try:
            status = self._answer(host, rest)
        finally:
            with self._lock:
                self._in_flight[host] -= 1
        self._log_request(status, in_flight)

    def _answer(self, host: str, rest: str) -> int:
        entry = read_entry(self.root, f"http://{host}/{rest}", dict(self.headers.items()))
        if self.conditional and entry.status == 200:
            entry = answer_conditionally(entry, self.headers)
        if self.delay or entry.delay:
            time.sleep(max(self.delay, entry.delay))
        if entry.fault == "reset":
            self._reset()
            return 0
        body, headers = wire_body(entry)
        self.send_response(entry.status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if entry.fault == "truncate":  # half the body announced, then the connection dropped
            self.wfile.write(body[: len(body) // 2])
            self._reset()
        else:
            self._write(body, entry.slow)
        return entry.status

    def _write(self, body: bytes, slow: float) -> None:
        """The body at once, or in 1 KiB pieces `slow` seconds apart."""
        if not slow:
            self.wfile.write(body)
            return
        for start in range(0, len(body), 1024):
            self.wfile.write(body[start : start + 1024])
            self.wfile.flush()
            time.sleep(slow)

    def _reset(self) -> None:
        """Drop the connection with a TCP reset (SO_LINGER 0), as a crashing server would."""
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def _log_request(self, status: int, in_flight: int) -> None:
        """One line per request: status, path, and requests in flight to its host on arrival."""
        if self.log_file is None:
            return
        with self._lock:
            self.log_file.write(f"{status} {self.path} {in_flight}\n")
            self.log_file.flush()

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the --log file is the record
        pass


def wire_body(entry: MirrorEntry) -> tuple[bytes, dict[str, str]]:
    """The body as sent, repeated and compressed as the entry's sidecar asks."""
    body, headers = entry.body * entry.repeat, dict(entry.headers)
    if entry.encode == "gzip":
        body = gzip.compress(body, compresslevel=6)
        headers["Content-Encoding"] = "gzip"
    return body, headers


def answer_conditionally(entry: MirrorEntry, request_headers) -> MirrorEntry:
    """Add an ETag (of the body) and answer 304 when the client already has it."""
    etag = '"' + hashlib.sha1(entry.body).hexdigest()[:16] + '"'
    headers = {**entry.headers, "ETag": etag}
    if request_headers.get("If-None-Match") == etag:
        return MirrorEntry(304, {"ETag": etag}, b"", entry.delay)
    return dataclasses.replace(entry, headers=headers)


class MirrorHTTPServer(ThreadingHTTPServer):
    # socketserver listens with a backlog of 5: hundreds of crawlers connecting at
    # once then wait out SYN retransmits (seconds each) before they are even accepted
    request_queue_size = 1024
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # a crawler dropping its idle keep-alive connections is no error of the server's
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def read_log(lines: Iterable[str]) -> list[tuple[int, str, int]]:
    """The lines of a `--log` file as (status, /host/path?query, in flight to that host)."""
    parsed = []
    for line in lines:
        status, path, in_flight = line.split(" ")
        parsed.append((int(status), path, int(in_flight)))
    return parsed


def max_in_flight(lines: Iterable[str]) -> dict[str, int]:
    """The most requests to each host the server was answering at once, from a `--log`."""
    peaks: dict[str, int] = {}
    for _, path, in_flight in read_log(lines):
        host = path.lstrip("/").partition("/")[0]
        peaks[host] = max(peaks.get(host, 0), in_flight)
    return peaks


def make_server(
    root: Path,
    port: int = 0,
    delay: float = 0.0,
    log_path: str | None = None,
    conditional: bool = False,
):
    handler = type(
        "BoundMirrorRequestHandler",
        (MirrorRequestHandler,),
        {
            "root": Path(root).resolve(),
            "_in_flight": {},
            "delay": delay,
            "conditional": conditional,
            "log_file": open(log_path, "a", encoding="utf-8") if log_path else None,  # noqa: SIM115
        },
    )
    return MirrorHTTPServer(("127.0.0.1", port), handler)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="pressbot-mirror", description=__doc__.split("\n")[0])
    parser.add_argument("root", help="the mirror folder, laid out by host and path")
    parser.add_argument("--port", type=int, default=8700, help="0 picks a free port")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds before each answer")
    parser.add_argument(
        "--log", help="append one line per request (status, path, in flight to its host) here"
    )
    parser.add_argument(
        "--conditional", action="store_true", help="send ETags and answer 304 to If-None-Match"
    )
    args = parser.parse_args(argv)
    if not Path(args.root).is_dir():
        parser.error(f"no such folder: {args.root}")
    server = make_server(Path(args.root), args.port, args.delay, args.log, args.conditional)
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    sys.exit(0)
