"""The public server's additions (integritas/server.py) over plain ASGI: security headers on every response,
/_stcore/metrics closed, the sign-in and sign-out routes and their cookie, the error handler's reference code, and
serve.py as the entry point `streamlit run` discovers."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from streamlit.testing.v1 import AppTest
from streamlit.web.server.app_discovery import discover_asgi_app

from core import accounts
from integritas import auth, server
from tests.conftest import REPO


async def _hello(_request: Any) -> PlainTextResponse:
    return PlainTextResponse("halo", headers={"X-Frame-Options": "SAMEORIGIN"})


def _app() -> Starlette:
    return Starlette(
        routes=[*server.routes(), Route("/{path:path}", _hello)],
        middleware=server.middleware(),
    )


def _get(path: str, cookie: str = "", scheme: str = "http") -> tuple[int, dict[str, list[str]], bytes]:
    """GET `path` from the app in-process; the status, the headers (lowercase name -> values) and the body."""
    target, _, query = path.partition("?")
    headers = [(b"host", b"dasbor.test")] + ([(b"cookie", cookie.encode())] if cookie else [])
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": scheme,
        "path": target,
        "raw_path": target.encode(),
        "query_string": query.encode(),
        "headers": headers,
        "client": ("203.0.113.9", 5000),
        "server": ("dasbor.test", 443 if scheme == "https" else 80),
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    # a thread of its own: in a full run the browser tests' Playwright leaves an event loop running on this one
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, _app()(scope, receive, send)).result()
    start = next(m for m in sent if m["type"] == "http.response.start")
    found: dict[str, list[str]] = {}
    for k, v in start["headers"]:
        found.setdefault(k.decode().lower(), []).append(v.decode())
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], found, body


@pytest.mark.parametrize("path", ["/", "/kepatuhan", "/static/js/index.js", "/_stcore/health"])
def test_every_response_carries_the_security_headers(path: str) -> None:
    status, headers, _ = _get(path)
    assert status == 200
    assert headers["x-frame-options"] == ["DENY"]  # replaces what the app set, never doubled
    assert headers["referrer-policy"] == ["no-referrer"]
    assert headers["x-content-type-options"] == ["nosniff"]
    (csp,) = headers["content-security-policy"]
    directives = dict(d.split(" ", 1) for d in csp.split("; "))
    assert directives["frame-ancestors"] == "'none'"
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    assert "'sha256-" in directives["script-src"]  # Streamlit's one inline script, allowed by its hash


@pytest.mark.parametrize("path", ["/_stcore/metrics", "/_stcore/metrics/", "/dasbor/_stcore/metrics"])
def test_metrics_are_closed(path: str) -> None:
    status, headers, body = _get(path)
    assert status == 404 and body == b"Not Found"
    assert headers["x-frame-options"] == ["DENY"]


def test_the_inline_script_hash_matches_streamlits_index_html() -> None:
    import base64
    import hashlib

    import streamlit

    html = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    block = html.split("<script>", 1)[1].split("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in server.content_security_policy()


def _set_cookie(headers: dict[str, list[str]]) -> tuple[SimpleCookie, str]:
    (raw,) = headers["set-cookie"]
    jar: SimpleCookie = SimpleCookie()
    jar.load(raw)
    return jar, raw


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_a_token_becomes_an_httponly_strict_cookie_once(data_dir: Path, scheme: str) -> None:
    accounts.add_staff("staf", "kata-sandi-uji-123")
    token = auth.issue_handoff("staf")
    status, headers, _ = _get(f"/_integritas/masuk?t={token}&lang=en", scheme=scheme)
    assert status == 303 and headers["location"] == ["../unggah?lang=en"]
    assert headers["cache-control"] == ["no-store"]
    jar, raw = _set_cookie(headers)
    morsel = jar[auth.COOKIE_NAME]
    assert morsel["httponly"] and morsel["samesite"] == "strict" and morsel["path"] == "/"
    assert int(morsel["max-age"]) == auth.SESSION_SECONDS
    assert bool(morsel["secure"]) == (scheme == "https")
    session = auth.valid_session(morsel.value)
    assert session is not None and session.account == "staf"
    # the same token again: back to the sign-in page, no cookie
    status, headers, _ = _get(f"/_integritas/masuk?t={token}")
    assert status == 303 and headers["location"] == ["../masuk?masuk=kedaluwarsa"]
    assert "set-cookie" not in headers


def test_sign_out_revokes_the_session_and_deletes_the_cookie(data_dir: Path) -> None:
    accounts.add_staff("staf", "kata-sandi-uji-123")
    value = auth.make_cookie("staf")
    status, headers, _ = _get("/_integritas/keluar?lang=id", cookie=f"{auth.COOKIE_NAME}={value}")
    assert status == 303 and headers["location"] == ["../masuk"]  # Bahasa is the default: no ?lang=
    jar, raw = _set_cookie(headers)
    assert jar[auth.COOKIE_NAME].value == "" and "Max-Age=0" in raw
    assert auth.valid_session(value) is None


def test_the_routes_take_only_get() -> None:
    assert all(getattr(r, "methods", None) == {"GET", "HEAD"} for r in server.routes())


def _failing_page() -> None:
    from integritas import server

    try:
        raise ZeroDivisionError("rahasia di pesan")
    except ZeroDivisionError as exc:
        server.on_script_error(exc)


def test_a_page_error_shows_a_reference_and_logs_the_traceback(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="integritas.server"):
        at = AppTest.from_function(_failing_page, default_timeout=30).run()
    (shown,) = [e.value for e in at.error]
    assert shown.startswith("Terjadi kesalahan; kode rujukan ")
    ref = shown.removeprefix("Terjadi kesalahan; kode rujukan ").split(".", 1)[0]
    assert len(ref) == 8
    assert "rahasia" not in shown and "ZeroDivisionError" not in shown  # the public sees no detail
    assert not at.caption  # nor the staff line
    (record,) = [r for r in caplog.records if ref in r.getMessage()]
    assert record.exc_info is not None and record.exc_info[0] is ZeroDivisionError


def test_staff_also_see_the_kind_of_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "current_staff", lambda: "staf")
    at = AppTest.from_function(_failing_page, default_timeout=30).run()
    assert at.caption[0].value.startswith("Untuk staf: ZeroDivisionError — cari kode rujukan ")


def test_session_ids_are_redacted_from_streamlits_logs(caplog: pytest.LogCaptureFixture) -> None:
    server.redact_session_ids()
    logger = logging.getLogger("streamlit.runtime.websocket_session_manager")
    sid = "0f3c9a52-8b1e-4d7a-9c3e-2a6b5d4e1f00"
    with caplog.at_level(logging.WARNING, logger=logger.name):
        logger.warning("Session with id %s is already connected! Reconnecting to existing session.", sid)
    assert sid not in caplog.text and "<session>" in caplog.text


def test_serve_py_is_the_app_streamlit_run_finds() -> None:
    found = discover_asgi_app(REPO / "serve.py")
    assert found.is_asgi_app and found.app_name == "app"
    assert not discover_asgi_app(REPO / "app.py").is_asgi_app  # app.py stays the router
    assert "serve.py" in (REPO / "Makefile").read_text(encoding="utf-8").split("\nrun:", 1)[1].split("\n\n", 1)[0]
