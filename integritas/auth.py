"""Who may upload: Streamlit's st.login when an OIDC provider is configured, otherwise local staff accounts whose
passwords are kept only as argon2 hashes, with failed sign-ins rate-limited."""

from __future__ import annotations

import threading
import time

from argon2.exceptions import InvalidHashError, VerifyMismatchError

from core.accounts import accounts, hasher

MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60
_failures: dict[str, list[float]] = {}
_failures_lock = threading.Lock()


def locked_for(name: str, now: float | None = None) -> float:
    """Seconds until `name` may try again (0 when not locked)."""
    now = time.time() if now is None else now
    with _failures_lock:
        recent = [t for t in _failures.get(name, []) if now - t < LOCK_SECONDS]
        _failures[name] = recent
        return LOCK_SECONDS - (now - recent[0]) if len(recent) >= MAX_FAILURES else 0.0


def check_password(name: str, password: str, now: float | None = None) -> bool:
    """True for a correct password; every failure counts toward a lock of the account for 15 minutes."""
    now = time.time() if now is None else now
    if locked_for(name, now):
        return False
    stored = accounts().get(name)
    try:
        ok = stored is not None and hasher.verify(stored, password)
    except (VerifyMismatchError, InvalidHashError):
        ok = False
    if not ok:
        with _failures_lock:
            _failures.setdefault(name, []).append(now)
    return ok


def oidc_configured() -> bool:
    import streamlit as st

    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False
    except Exception:  # st.secrets raises its own error type when no secrets file exists
        return False


def current_staff() -> str | None:
    """The signed-in staff member's name (OIDC e-mail or local account), or None for a public reader."""
    import streamlit as st

    if oidc_configured():
        user = st.user
        return str(user.get("email") or user.get("name")) if user.get("is_logged_in") else None
    return st.session_state.get("staff")
