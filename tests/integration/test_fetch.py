"""URL fetching against a local HTTP server only: limits, redirects, types, errors."""

from __future__ import annotations

import gzip
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from readout.errors import FetchError, InputError, InputMissingError
from readout.sources import USER_AGENT, FetchLimits, MediaType, load_source
from tests.conftest import ASSETS, run_cli

SAMPLE_HTML = (ASSETS / "sample-article.html").read_bytes()
SEEN_AGENTS: list[str] = []
SLOW_REQUESTS = {"now": 0, "most": 0}
SLOW_LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    """Each path is one server behaviour."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(
        self, body: bytes, content_type: str = "text/html; charset=utf-8", **headers: str
    ) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/article":
            self._send(SAMPLE_HTML)
        elif path.startswith("/slow-article"):
            with SLOW_LOCK:
                SLOW_REQUESTS["now"] += 1
                SLOW_REQUESTS["most"] = max(SLOW_REQUESTS["most"], SLOW_REQUESTS["now"])
            time.sleep(0.5)
            with SLOW_LOCK:
                SLOW_REQUESTS["now"] -= 1
            self._send(SAMPLE_HTML)
        elif path == "/gzip":
            self._send(gzip.compress(SAMPLE_HTML), Content_Encoding="gzip")
        elif path == "/untyped":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(SAMPLE_HTML)
        elif path == "/png":
            self._send(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            self.send_response(302)
            self.send_header("Location", "/article" if left == 0 else f"/hop/{left - 1}")
            self.end_headers()
        elif path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"word " * 20_000 + b"</p>\n"
            try:
                for _ in range(30_000_000 // len(chunk) + 1):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/gzip-bomb":
            body = gzip.compress(b"\x20" * 60_000_000)
            self._send(body, Content_Encoding="gzip")
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(60):
                    self.wfile.write(b"<p>a</p>")
                    self.wfile.flush()
                    time.sleep(0.25)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/false-length":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "5")
            self.end_headers()
            chunk = b"<p>" + b"word " * 20_000 + b"</p>\n"
            try:
                for _ in range(30_000_000 // len(chunk) + 1):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b"<p>more words forever</p>\n" * 4096)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/missing":
            self.send_error(404)
        elif path == "/broken":
            self.send_error(500)
        else:
            self.send_error(400)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetches_html_and_sends_our_user_agent(server: str) -> None:
    source = load_source(f"{server}/article")
    assert source.media_type is MediaType.HTML
    assert "Night reading room" in source.text
    assert SEEN_AGENTS[-1] == USER_AGENT


def test_gzip_bodies_are_decoded(server: str) -> None:
    assert "Night reading room" in load_source(f"{server}/gzip").text


def test_missing_content_type_is_sniffed(server: str) -> None:
    assert load_source(f"{server}/untyped").media_type is MediaType.HTML


def test_five_redirects_are_followed(server: str) -> None:
    source = load_source(f"{server}/hop/4")
    assert source.url == f"{server}/article"


def test_six_redirects_are_refused(server: str) -> None:
    with pytest.raises(FetchError, match="more than 5 redirects"):
        load_source(f"{server}/hop/5")


def test_redirect_to_file_is_refused(server: str) -> None:
    with pytest.raises(FetchError, match="refused a redirect"):
        load_source(f"{server}/to-file")


def test_image_content_type_is_refused(server: str) -> None:
    with pytest.raises(InputError, match="image/png"):
        load_source(f"{server}/png")


def test_thirty_megabyte_body_is_cut_off_at_the_limit(server: str) -> None:
    with pytest.raises(InputError, match="too big"):
        load_source(f"{server}/huge")


def test_gzip_bomb_is_cut_off_at_the_decoded_limit(server: str) -> None:
    with pytest.raises(InputError, match="too big"):
        load_source(f"{server}/gzip-bomb", limits=FetchLimits(max_bytes=5_000_000))


def test_slow_drip_hits_the_wall_clock_deadline(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        load_source(f"{server}/drip", limits=FetchLimits(deadline_s=1.0))
    assert time.monotonic() - started < 4


def test_not_found_and_server_errors(server: str) -> None:
    with pytest.raises(InputMissingError):
        load_source(f"{server}/missing")
    with pytest.raises(FetchError, match="HTTP 500"):
        load_source(f"{server}/broken")


def test_connection_refused_is_a_fetch_error() -> None:
    with pytest.raises(FetchError, match="refused"):
        load_source("http://127.0.0.1:9/article", limits=FetchLimits(deadline_s=2))


@pytest.mark.parametrize(
    ("path", "args", "code"),
    [
        ("/article", [], 0),
        ("/drip", ["--timeout", "1"], 69),
        ("/hop/5", [], 69),
        ("/huge", [], 65),
        ("/png", [], 65),
        ("/missing", [], 66),
    ],
)
def test_cli_exit_codes_for_urls(server: str, path: str, args: list[str], code: int) -> None:
    result = run_cli("text", f"{server}{path}", *args)
    assert result.code == code, result.stderr
    assert "Traceback" not in result.stderr
    if code:
        assert len(result.stderr.strip().splitlines()) == 1
    else:
        assert result.stdout.startswith("Night reading room opens for shift workers")


@pytest.fixture(scope="module")
def untrusted_tls_server() -> Iterator[str]:
    """An HTTPS server whose certificate comes from a CA nobody trusts."""
    import ssl

    import trustme

    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    certificate.configure_cert(context)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"https://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_untrusted_certificate_is_reported_and_never_retried(untrusted_tls_server: str) -> None:
    served_before = len(SEEN_AGENTS)
    with pytest.raises(FetchError, match="certificate"):
        load_source(f"{untrusted_tls_server}/article", limits=FetchLimits(deadline_s=5))
    assert len(SEEN_AGENTS) == served_before  # no insecure retry ever reached the server


def test_a_false_content_length_is_not_trusted_into_reading_everything(server: str) -> None:
    started = time.monotonic()
    source = load_source(f"{server}/false-length", limits=FetchLimits(deadline_s=5))
    assert source.text == "<p>wo"  # the declared 5 bytes, not the 30 MB that followed
    assert time.monotonic() - started < 5


def test_an_endless_body_stops_at_the_size_limit(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(InputError, match="too big"):
        load_source(f"{server}/endless", limits=FetchLimits(deadline_s=20, max_bytes=5_000_000))
    assert time.monotonic() - started < 20


def test_a_batch_fetches_ahead_and_still_names_and_reports_in_input_order(
    server: str, tmp_path: Path
) -> None:
    inputs = [f"{server}/slow-article?n={n}" for n in range(5)]
    inputs.insert(2, f"{server}/missing")
    result = run_cli(
        "export", *inputs, "--out-dir", str(tmp_path), "--format", "wav", "--json", "--jobs", "1"
    )
    assert result.code == 1, result.stderr
    manifest = json.loads(result.stdout)
    assert [entry["input"] for entry in manifest] == inputs
    assert [entry["status"] for entry in manifest] == ["ok", "ok", "failed", "ok", "ok", "ok"]
    title = "Night reading room opens for shift workers"
    names = [Path(entry["output"]).name for entry in manifest if entry["output"]]
    assert names == [f"{title}.wav", *(f"{title} ({n}).wav" for n in range(2, 6))]
    assert SLOW_REQUESTS["most"] >= 2  # fetched side by side, not one after another
