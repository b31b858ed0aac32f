"""Load an input (a path, an http(s) URL or "-" for stdin) as decoded, sanitised text.

Everything here is defensive: sizes are checked before data is read whole, binary data
is refused, the charset is detected, and URL fetching has a wall-clock deadline, a cap
on decoded bytes, a redirect limit, an http(s)-only rule and a content-type check.
"""

from __future__ import annotations

import codecs
import re
import stat
import sys
import time
import urllib.parse
import zlib
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO

from readout.errors import FetchError, InputError, InputMissingError
from readout.sanitize import sanitize
from readout.version import __version__

if TYPE_CHECKING:  # the network stack is imported only when a URL is fetched
    import urllib.request
    from http.client import HTTPMessage, HTTPResponse

MAX_INPUT_BYTES = 20_000_000
"""Inputs larger than this (files, stdin, decoded URL bodies) are refused."""

FETCH_DEADLINE_S = 30.0
"""Total wall-clock time allowed for one URL fetch, redirects included."""

MAX_REDIRECTS = 5
USER_AGENT = f"readout/{__version__} (+https://pypi.org/project/readout/)"
_CHUNK = 64 * 1024


class MediaType(str, Enum):
    """The kinds of text readout extracts articles from."""

    HTML = "html"
    MARKDOWN = "markdown"
    RST = "restructuredtext"
    TEXT = "text"


@dataclass(frozen=True)
class Source:
    """A loaded input: sanitised text, what kind of text it is, and where it came from."""

    text: str
    media_type: MediaType
    name: str
    url: str | None = None

    @property
    def shown_name(self) -> str:
        """The name for messages: "standard input" for "-"."""
        return shown_name(self.name)


def shown_name(name: str) -> str:
    """The name of an input as a message says it ("-" is "standard input")."""
    return "standard input" if name == "-" else name


@dataclass(frozen=True)
class FetchLimits:
    """Limits for one URL fetch; tests shrink them."""

    deadline_s: float = FETCH_DEADLINE_S
    max_bytes: int = MAX_INPUT_BYTES
    max_redirects: int = MAX_REDIRECTS


def load_source(
    spec: str,
    *,
    stdin: BinaryIO | None = None,
    limits: FetchLimits | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
) -> Source:
    """Load ``spec`` (a path, an http(s) URL, or "-") as sanitised text.

    Raises:
        InputMissingError: the path does not exist, is a directory, or cannot be read.
        InputError: the data is empty, binary, too large or of an unsupported type.
        FetchError: the URL could not be fetched.
    """
    if spec == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = _read_limited(stream, max_bytes, "standard input")
        return _decode(data, name="-", declared_type=None, url=None)
    scheme = urllib.parse.urlsplit(spec).scheme.lower()
    if scheme in ("http", "https"):
        return fetch_url(spec, limits or FetchLimits())
    if scheme and len(scheme) > 1 and "://" in spec:
        raise InputError(f"unsupported URL scheme {scheme!r}: give an http(s) URL or a file")
    return _load_path(Path(spec), max_bytes)


def _load_path(path: Path, max_bytes: int) -> Source:
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputMissingError(f"{shown_name(name)}: no such file") from None
    except OSError as error:
        raise InputMissingError(f"{shown_name(name)}: cannot open ({error.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputMissingError(f"{shown_name(name)}: is a directory; give an article file")
    if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
        raise InputError(
            f"{shown_name(name)}: file is {info.st_size:,} bytes; the limit is {max_bytes:,} bytes"
        )
    try:
        with path.open("rb") as stream:
            data = _read_limited(stream, max_bytes, name)
    except OSError as error:
        raise InputMissingError(f"{shown_name(name)}: cannot read ({error.strerror})") from None
    # The absolute path names the article: resume points and marks find it again from
    # any working directory.
    return _decode(data, name=str(path.resolve()), declared_type=_type_from_suffix(path), url=None)


def _read_limited(stream: IO[bytes], max_bytes: int, name: str) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{shown_name(name)}: more than {max_bytes:,} bytes; the input is too big")
    return data


def _type_from_suffix(path: Path) -> MediaType | None:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".xhtml", ".shtml"):
        return MediaType.HTML
    if suffix in (".md", ".markdown", ".mdown", ".mkd"):
        return MediaType.MARKDOWN
    if suffix in (".rst", ".rest"):
        return MediaType.RST
    if suffix in (".txt", ".text"):
        return MediaType.TEXT
    return None


# --- decoding -------------------------------------------------------------------

_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document (PDF is not supported yet)"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "a program"),
    (b"RIFF", "a RIFF (audio or video) file"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg file"),
    (b"fLaC", "a FLAC file"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode(data: bytes, *, name: str, declared_type: MediaType | None, url: str | None) -> Source:
    """Decode bytes to sanitised text, refusing empty and binary input."""
    if data.isspace() or not data:  # not strip(): that copies a big input
        raise InputError(f"{shown_name(name)}: the input is empty")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{shown_name(name)}: this is {what}, not an article")
    text = _to_text(data, name)
    if _looks_binary(text):
        raise InputError(f"{shown_name(name)}: this looks like binary data, not text")
    text = sanitize(text).lstrip("\ufeff")
    if text.isspace() or not text:
        raise InputError(f"{shown_name(name)}: the input has no readable text")
    media_type = declared_type or sniff_media_type(text)
    if media_type is MediaType.TEXT and is_restructuredtext(text):
        media_type = MediaType.RST  # a README.txt, a text/plain .rst: its directives say so
    return Source(text=text, media_type=media_type, name=name, url=url)


def _to_text(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass  # an unknown charset name: detect instead
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise InputError(f"{shown_name(name)}: binary data or an unknown text encoding")
    return data.decode(best.encoding, errors="replace")


_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")
"""Controls other than tab, newline, form feed and carriage return; the replacement mark."""


def _looks_binary(text: str) -> bool:
    """Too many NULs, other controls or replacement characters for real text."""
    sample = text[:100_000]
    if not sample:
        return False
    bad = len(_NOT_TEXT.findall(sample))
    return "\x00" in sample or bad / len(sample) > 0.05


_MARKDOWN_BLOCKS = re.compile(r"(?m)^(?:#{1,6} \S|```|~~~|\[!\[|!\[)")
"""Markdown's own marks at a line's start, a heading, a code fence or an image (a
README's badges): HTML has none of them outside a ``<pre>``."""
_FENCED = re.compile(r"(?ms)^(```|~~~).*?^\1")
"""A fenced code block, whose HTML is an example, not the page's markup."""


_RST_EXPLICIT_MARKUP = r"(?m)^\.\. (?:[\w:-]+::|_[^:\n]+:|\|[^|\n]+\|)"
_RST_EXPLICIT = re.compile(_RST_EXPLICIT_MARKUP)
"""reStructuredText's explicit markup: a directive, a target, a substitution."""
_RST_MARKS = re.compile(
    _RST_EXPLICIT_MARKUP + r"|``[^`\n]+``|:[\w:]+:`[^`\n]+`|`[^`\n]+ <[^>\n]+>`__?"
)
"""reStructuredText's own marks: a directive (".. note::"), a target, a substitution, a
link ("`the guide <https://…>`_"), ``literal`` text, a role (":func:`run`")."""


_OUTLINE = re.compile(r"(?m)-\*- *outline *-\*-|^\*\* \S")
"""An Emacs outline (a GNU NEWS file): its mode line, or a second-level heading."""


def is_restructuredtext(text: str) -> bool:
    """Text named plain that is reStructuredText: three directives, targets or
    substitutions (".. image::", ".. _guide:") in its start, or one with three of its
    other marks (``literal``, a role, a link). No copied page has them."""
    explicit = len(_RST_EXPLICIT.findall(text, 0, 20000))
    return explicit >= 3 or (explicit >= 1 and len(_RST_MARKS.findall(text, 0, 20000)) >= 3)


def sniff_media_type(text: str) -> MediaType:
    """Guess HTML, Markdown, reStructuredText or plain text from the text itself."""
    start = text[:22000].lstrip()  # the start is enough, and stripping all would copy it
    head = start[:2048].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return MediaType.HTML
    sample = start[:20000]
    if len(_RST_EXPLICIT.findall(sample)) >= 2:
        return MediaType.RST  # ".. image::", ".. _guide:": no other markup starts a line so
    marks = len(_MARKDOWN_BLOCKS.findall(sample))
    markup = _FENCED.sub("", sample).lower()
    if (
        marks >= 2
        and not re.search(r"<(html|head|body)[\s>]", markup[:4096])
        and len(re.findall(r"<(p|li|h[1-6])[\s>]", markup)) < marks
    ):
        return MediaType.MARKDOWN  # a README that opens with a centred <div> of badges
    if re.search(r"<(html|head|body|article|main|div|p)[\s>]", head):
        return MediaType.HTML
    if marks == 0 and len(_RST_MARKS.findall(sample)) >= 2:
        return MediaType.RST
    markdown_signs = len(
        re.findall(r"(?m)^(#{1,6} \S|[-*+] \S|\d+\. \S|> \S|```)|\[[^\]]+\]\([^)]+\)", text[:20000])
    )
    if _OUTLINE.search(sample):
        return MediaType.TEXT  # "* Release 1.2" over "** Bug fixes": an outline, not a list
    if start.startswith("---\n") or markdown_signs >= 2 or re.match(r"#{1,6} \S", start):
        return MediaType.MARKDOWN
    return MediaType.TEXT


# --- URLs -----------------------------------------------------------------------

_ACCEPTED_TYPES = {
    "text/html": MediaType.HTML,
    "application/xhtml+xml": MediaType.HTML,
    "text/plain": MediaType.TEXT,
    "text/markdown": MediaType.MARKDOWN,
    "text/x-rst": MediaType.RST,
    "text/x-markdown": MediaType.MARKDOWN,
}


def _redirect_handler(limit: int) -> urllib.request.HTTPRedirectHandler:
    """A handler that follows at most ``limit`` redirects, and only to http(s) URLs."""
    import urllib.request

    class RedirectLimit(urllib.request.HTTPRedirectHandler):
        count = 0

        def redirect_request(
            self,
            req: urllib.request.Request,
            fp: IO[bytes],
            code: int,
            msg: str,
            headers: HTTPMessage,
            newurl: str,
        ) -> urllib.request.Request | None:
            scheme = urllib.parse.urlsplit(newurl).scheme.lower()
            if scheme not in ("http", "https"):
                raise FetchError(f"refused a redirect to a {scheme or 'relative'}: URL ({newurl})")
            self.count += 1
            if self.count > limit:
                raise FetchError(f"more than {limit} redirects; giving up at {newurl}")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return RedirectLimit()


def fetch_url(url: str, limits: FetchLimits) -> Source:
    """Fetch ``url`` within ``limits`` and decode it."""
    import ssl
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + limits.deadline_s
    opener = urllib.request.build_opener(_redirect_handler(limits.max_redirects))
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9",
            "Accept-Encoding": "gzip, deflate",
        },
    )
    try:
        response: HTTPResponse = opener.open(request, timeout=min(limits.deadline_s, 15.0))
        with response:
            final_url = response.geturl()
            media_type = _check_content_type(response.headers.get("Content-Type"), url)
            body = _read_body(response, limits, deadline, url)
    except (FetchError, InputError):
        raise
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:
            raise FetchError(f"{url}: refused a redirect ({error.reason})") from None
        if error.code in (404, 410):
            raise InputMissingError(f"{url}: not found (HTTP {error.code})") from None
        raise FetchError(f"{url}: the server answered HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise FetchError(f"{url}: {_describe_network_error(error.reason)}") from None
    except TimeoutError:
        raise FetchError(f"{url}: timed out after {limits.deadline_s:g} s") from None
    except (ssl.SSLError, ssl.CertificateError) as error:
        raise FetchError(f"{url}: TLS failed: {error}") from None
    except OSError as error:
        raise FetchError(f"{url}: {_describe_network_error(error)}") from None
    declared = None if media_type is MediaType.TEXT else media_type
    return _decode(body, name=url, declared_type=declared, url=final_url)


def _check_content_type(header: str | None, url: str) -> MediaType | None:
    if not header:
        return None
    mime = header.split(";", 1)[0].strip().lower()
    if mime in _ACCEPTED_TYPES:
        return _ACCEPTED_TYPES[mime]
    raise InputError(f"{url}: the server sent {mime}, not an article (HTML or text)")


def _read_body(response: HTTPResponse, limits: FetchLimits, deadline: float, url: str) -> bytes:
    """Read the body in chunks, decompressing as it comes, within size and time limits."""
    encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decompressor = zlib.decompressobj()
    elif encoding == "identity":
        decompressor = None
    else:
        raise InputError(f"{url}: unsupported content encoding {encoding!r}")
    chunks: list[bytes] = []
    size = 0
    too_big = f"{url}: more than {limits.max_bytes:,} bytes; the page is too big"
    while True:
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: timed out after {limits.deadline_s:g} s")
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        if decompressor is not None:
            try:
                # Never inflate more than one byte past the limit, whatever the ratio.
                chunk = decompressor.decompress(chunk, limits.max_bytes - size + 1)
            except zlib.error:
                raise InputError(f"{url}: the compressed body is corrupt") from None
            if decompressor.unconsumed_tail:
                raise InputError(too_big)
        size += len(chunk)
        if size > limits.max_bytes:
            raise InputError(too_big)
        chunks.append(chunk)
    return b"".join(chunks)


def _describe_network_error(reason: object) -> str:
    import socket
    import ssl

    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"certificate not trusted ({reason.verify_message}); not retrying insecurely"
    if isinstance(reason, ssl.SSLError):
        return f"TLS failed ({reason.reason or reason})"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "timed out"
    if isinstance(reason, socket.gaierror):
        return "host not found (check the address and your network)"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return str(reason)
