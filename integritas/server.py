"""What the public server adds around Streamlit (serve.py's st.App): sign-in routes, security headers, errors."""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from integritas import auth
from integritas.i18n import DEFAULT_LANG, LANGS, t

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Prometheus-style counters of the server: nothing the public needs, and they describe its load.
CLOSED_PATHS = ("/_stcore/metrics",)


def _inline_script_hashes() -> list[str]:
    """CSP hashes of the inline <script> blocks of Streamlit's index.html (one today: `prerenderReady`), taken from
    the installed file so an upgrade that changes them does not break the page silently."""
    index = Path(st.__file__).parent / "static" / "index.html"
    html = index.read_text(encoding="utf-8")
    blocks = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
    return [f"'sha256-{base64.b64encode(hashlib.sha256(b.encode('utf-8')).digest()).decode()}'" for b in blocks]


def content_security_policy() -> str:
    """The policy every response carries. Everything is served by this server (no CDN, no tile server).
    - script-src: the bundle, the inline script by hash, and 'wasm-unsafe-eval', which Streamlit's frontend needs
      to compile its WebAssembly (Chromium reports `script-src wasm-eval` from protobuf.js without it). No
      'unsafe-eval': every page, maps and charts included, runs without it (tests/e2e/test_session.py).
    - style-src 'unsafe-inline': Streamlit's components style themselves with inline <style> (emotion).
    - img/font data: and blob: for inlined icons, fonts and downloads; connect-src 'self' covers the websocket.
    - frame-ancestors 'none': the dashboard is never framed (clickjacking)."""
    script = " ".join(["'self'", *_inline_script_hashes(), "'wasm-unsafe-eval'"])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {script}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "frame-src 'self'",
            "media-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def security_headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(),
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",  # the sign-in token and ?kode= links never leave in a Referer
        "X-Content-Type-Options": "nosniff",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    }


class SecurityHeaders:
    """Pure ASGI middleware (BaseHTTPMiddleware would buffer streamed responses and does not see websockets): adds
    `security_headers()` to every HTTP response, replacing any Streamlit set, and answers 404 on `CLOSED_PATHS`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in security_headers().items()]
        self.names = {k for k, _ in self.headers}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", "")).rstrip("/")
        if any(path.endswith(closed) for closed in CLOSED_PATHS):
            await PlainTextResponse("Not Found", status_code=404, headers=security_headers())(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in self.names]
                message["headers"] = kept + self.headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def middleware() -> list[Middleware]:
    return [Middleware(SecurityHeaders)]


def _lang_query(request: Request, **extra: str) -> str:
    lang = request.query_params.get("lang")
    params = {**extra, **({"lang": lang} if lang in LANGS and lang != DEFAULT_LANG else {})}
    return f"?{urlencode(params)}" if params else ""


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


async def hand_off(request: Request) -> Response:
    """GET /_integritas/masuk?t=…: spend the single-use token and set the signed session cookie, then open the
    upload page. A spent, unknown or expired token leads back to the sign-in page, with no cookie."""
    account = await run_in_threadpool(auth.consume_handoff, request.query_params.get("t"))
    if account is None:
        return _no_store(RedirectResponse(f"../masuk{_lang_query(request, masuk='kedaluwarsa')}", status_code=303))
    response = RedirectResponse(f"../unggah{_lang_query(request)}", status_code=303)
    cookie = await run_in_threadpool(auth.make_cookie, account)
    response.set_cookie(
        auth.COOKIE_NAME,
        cookie,
        max_age=auth.SESSION_SECONDS,
        path="/",
        secure=request.url.scheme == "https",  # uvicorn takes the scheme from a trusted proxy's X-Forwarded-Proto
        httponly=True,
        samesite="strict",
    )
    return _no_store(response)


async def sign_out(request: Request) -> Response:
    """GET /_integritas/keluar: revoke the session of the cookie sent (if any), delete the cookie, open sign-in."""
    session = await run_in_threadpool(auth.read_cookie, request.cookies.get(auth.COOKIE_NAME))
    if session is not None:
        await run_in_threadpool(auth.revoke, session)
    response = RedirectResponse(f"../masuk{_lang_query(request)}", status_code=303)
    response.delete_cookie(
        auth.COOKIE_NAME, path="/", secure=request.url.scheme == "https", httponly=True, samesite="strict"
    )
    return _no_store(response)


def routes() -> list[BaseRoute]:
    return [
        Route(auth.url_path(auth.HANDOFF_PATH), hand_off, methods=["GET"]),
        Route(auth.url_path(auth.SIGN_OUT_PATH), sign_out, methods=["GET"]),
    ]


def on_script_error(exc: Exception) -> bool:
    """An uncaught error in a page: log its traceback under a short reference, and show the reader only a plain
    message with that reference (staff also see the exception's type). True: Streamlit shows nothing more."""
    ref = secrets.token_hex(4).upper()
    log.error("uncaught error in a page, reference %s", ref, exc_info=exc)
    st.error(t("auth.script_error", ref=ref), icon=":material/error:")
    if auth.current_staff():
        st.caption(t("auth.script_error_staff", kind=type(exc).__name__, ref=ref))
    return True


_SESSION_ID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I)


class RedactSessionIds(logging.Filter):
    """A Streamlit session id is a bearer secret for as long as the session lives; its log lines keep the event
    and drop the id."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(_SESSION_ID.sub("<session>", a) if isinstance(a, str) else a for a in args)
        if isinstance(record.msg, str):
            record.msg = _SESSION_ID.sub("<session>", record.msg)
        return True


# Streamlit's loggers that write session ids (reconnects, logouts); filters act on the logger a record is made on.
SESSION_LOGGERS = (
    "streamlit.runtime.websocket_session_manager",
    "streamlit.runtime.runtime",
    "streamlit.runtime.app_session",
    "streamlit.web.server.starlette.starlette_websocket",
    "streamlit.web.server.starlette.starlette_auth_routes",
)


def redact_session_ids() -> None:
    for name in SESSION_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactSessionIds) for f in logger.filters):
            logger.addFilter(RedactSessionIds())
