"""Where a URL lives in a mirror folder, both for serving and for recording."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

PAGE = ".page"  # the body of a path that is also a folder (/index.htm and /index.htm/news/1.htm)
HTTP_SIDECAR = ".http"  # "Status: 404" and header lines for the file beside it
VARY = ".vary"  # per host: request header names that select a variant, one per line


def _segments(path: str) -> list[str]:
    segments = [unquote(s) for s in path.split("/") if s]
    if any(s in (".", "..") or "\0" in s for s in segments):
        raise ValueError(f"unsafe path {path!r}")
    return segments


def sorted_query(query: str) -> str:
    return urlencode(sorted(parse_qsl(query, keep_blank_values=True)))


def variant_suffix(host_dir: Path, headers: dict[str, str]) -> str:
    """`[code=navoi;language=ru]` when the host varies on these request headers."""
    vary = host_dir / VARY
    if not vary.is_file():
        return ""
    lowered = {k.lower(): v for k, v in headers.items()}
    names = [n.strip().lower() for n in vary.read_text().split() if n.strip()]
    pairs = [f"{n}={lowered[n]}" for n in names if n in lowered]
    return f"[{';'.join(pairs)}]" if pairs else ""


def file_for(root: Path, url: str, headers: dict[str, str] | None = None) -> Path:
    """The file holding the body of `url` in the mirror at `root`."""
    parts = urlsplit(url)
    host_dir = Path(root) / parts.netloc.lower()
    segments = _segments(parts.path)
    base = host_dir.joinpath(*segments)
    if not segments or parts.path.endswith("/") or base.is_dir():
        base = base / PAGE
    name = base.name
    if parts.query:
        name += "?" + sorted_query(parts.query)
    name += variant_suffix(host_dir, headers or {})
    return base.with_name(name)


@dataclass
class MirrorEntry:
    status: int
    headers: dict[str, str]
    body: bytes
    delay: float = 0.0  # seconds the server waits before answering (sidecar "Delay: 5")
    #: faults to inject (sidecar lines, README "The local mirror"): "reset" or "truncate"
    fault: str = ""
    slow: float = 0.0  # seconds between 1 KiB pieces of the body ("Slow: 0.1")
    repeat: int = 1  # the body this many times over ("Repeat: 5000": an oversized page)
    encode: str = ""  # "gzip": the body compressed, with Content-Encoding ("Encode: gzip")


def _guess_type(url_path: str, body: bytes) -> str:
    guessed, _ = mimetypes.guess_type(url_path.rsplit("/", 1)[-1])
    if guessed is None:
        head = body.lstrip()[:64]
        if head[:1] in (b"{", b"["):
            guessed = "application/json"
        elif head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<urlset"):
            guessed = "application/xml"
        else:
            guessed = "text/html"
    if guessed.startswith("text/") or guessed.endswith(("json", "xml")):
        guessed += "; charset=utf-8"
    return guessed


def _read_sidecar(path: Path) -> tuple[int | None, dict[str, str]]:
    """Status and headers from a sidecar; "Delay" stays among the headers for read_entry."""
    status, headers = None, {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, sep, value = line.partition(":")
        if not sep:
            continue
        if name.strip().lower() == "status":
            status = int(value.strip())
        else:
            headers[name.strip()] = value.strip()
    return status, headers


def read_entry(root: Path, url: str, headers: dict[str, str] | None = None) -> MirrorEntry:
    """What the mirror answers for `url`: 404 when it holds nothing for it."""
    try:
        path = file_for(root, url, headers)
    except ValueError:
        return MirrorEntry(400, {"Content-Type": "text/plain"}, b"bad path")
    sidecar = path.with_name(path.name + HTTP_SIDECAR)
    if not path.is_file() and not sidecar.is_file():
        return MirrorEntry(404, {"Content-Type": "text/html"}, b"<h1>Not in the mirror</h1>")
    body = path.read_bytes() if path.is_file() else b""
    status, extra = _read_sidecar(sidecar) if sidecar.is_file() else (None, {})
    delay = float(extra.pop("Delay", 0) or 0)
    fault = extra.pop("Fault", "").lower()
    slow = float(extra.pop("Slow", 0) or 0)
    repeat = int(extra.pop("Repeat", 1) or 1)
    encode = extra.pop("Encode", "").lower()
    response_headers = {"Content-Type": _guess_type(urlsplit(url).path, body)}
    response_headers.update(extra)
    return MirrorEntry(
        status or 200,
        response_headers,
        body,
        delay,
        fault=fault,
        slow=slow,
        repeat=repeat,
        encode=encode,
    )


def write_entry(root: Path, url: str, entry: MirrorEntry) -> Path:
    """Save a response into the layout, turning a file into a folder where paths nest."""
    path = file_for(root, url)
    _make_parent_dirs(Path(root), path)
    if path.is_dir():
        path = path / PAGE
    path.write_bytes(entry.body)
    sidecar = path.with_name(path.name + HTTP_SIDECAR)
    lines = [f"{k}: {v}" for k, v in entry.headers.items()]
    if entry.status != 200:
        lines.insert(0, f"Status: {entry.status}")
    if lines:
        sidecar.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _make_parent_dirs(root: Path, path: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    current = root
    for part in path.relative_to(root).parts[:-1]:
        current = current / part
        if current.is_file():  # /index.htm was saved before /index.htm/news/1.htm
            moved = current.with_name(current.name + ".tmp-page")
            current.rename(moved)
            current.mkdir()
            moved.rename(current / PAGE)
            sidecar = current.with_name(current.name + HTTP_SIDECAR)
            if sidecar.is_file():
                sidecar.rename(current / (PAGE + HTTP_SIDECAR))
        current.mkdir(exist_ok=True)
