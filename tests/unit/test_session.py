"""Staff session cookies and sign-in tokens: signed, expiring, revocable cookies; single-use, short-lived tokens;
the secret made once with mode 0600; who `current_staff` and `require_live_staff` accept."""

from __future__ import annotations

import json
import stat
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core import accounts
from core.i18n import tr
from integritas import auth

PASSWORD = "kata-sandi-uji-123"


@pytest.fixture
def staff(data_dir: Path) -> str:
    accounts.add_staff("staf", PASSWORD)
    return "staf"


def test_a_cookie_names_its_account_until_it_expires(staff: str) -> None:
    now = 1_800_000_000.0
    value = auth.make_cookie(staff, now=now)
    session = auth.read_cookie(value, now=now + 1)
    assert session is not None and session.account == staff
    assert session.expires == now + auth.SESSION_SECONDS
    assert auth.read_cookie(value, now=now + auth.SESSION_SECONDS - 1) is not None
    assert auth.read_cookie(value, now=now + auth.SESSION_SECONDS) is None  # expired
    assert auth.SESSION_SECONDS <= 8 * 3600


def test_two_cookies_for_one_account_are_different_sessions(staff: str) -> None:
    one, two = (auth.read_cookie(auth.make_cookie(staff)) for _ in range(2))
    assert one is not None and two is not None and one.id != two.id


def _flip(text: str, at: int) -> str:
    return text[:at] + ("A" if text[at] != "A" else "B") + text[at + 1 :]


@pytest.mark.parametrize("where", ["body", "mac", "version"])
def test_a_tampered_cookie_is_refused(staff: str, where: str) -> None:
    value = auth.make_cookie(staff)
    version, body, mac = value.split(".")
    tampered = {
        "body": f"{version}.{_flip(body, 5)}.{mac}",
        "mac": f"{version}.{body}.{_flip(mac, 3)}",
        "version": f"v2.{body}.{mac}",
    }[where]
    assert auth.read_cookie(tampered) is None
    assert auth.valid_session(tampered) is None


def test_a_cookie_rewritten_to_another_account_is_refused(staff: str) -> None:
    # The body is plain base64 JSON: anyone can rewrite it, nobody without the secret can sign it.
    accounts.add_staff("kepala", PASSWORD + "-lain")
    version, body, mac = auth.make_cookie(staff).split(".")
    payload = json.loads(auth._unb64(body))
    payload["a"], payload["e"] = "kepala", payload["e"] + 10**6
    forged = auth._b64(json.dumps(payload, separators=(",", ":")).encode())
    assert auth.read_cookie(f"{version}.{forged}.{mac}") is None


@pytest.mark.parametrize("value", [None, "", "x", "v1..", "v1.e30.", "v1." + "a" * 2000, "v1.!!!.###"])
def test_garbage_is_no_session(staff: str, value: str | None) -> None:
    assert auth.read_cookie(value) is None


def test_a_cookie_signed_with_another_secret_is_refused(staff: str) -> None:
    value = auth.make_cookie(staff)
    auth.secret_file().unlink()
    auth._secret_at.cache_clear()
    try:
        assert auth.read_cookie(value) is None  # a new secret: every old cookie is void (how to sign everyone out)
    finally:
        auth._secret_at.cache_clear()


def test_the_secret_is_made_once_and_private(staff: str) -> None:
    auth.make_cookie(staff)
    key = auth.secret_file()
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    first = key.read_text()
    assert len(bytes.fromhex(first)) == 32
    auth._secret_at.cache_clear()
    auth.make_cookie(staff)
    assert key.read_text() == first
    assert [p.name for p in key.parent.glob(".session.key.*")] == []  # no temporary file left behind


def test_a_removed_account_or_a_revoked_session_no_longer_counts(staff: str) -> None:
    value = auth.make_cookie(staff)
    assert auth.valid_session(value) is not None
    session = auth.read_cookie(value)
    assert session is not None
    auth.revoke(session)
    assert auth.valid_session(value) is None
    assert stat.S_IMODE(auth.revoked_file().stat().st_mode) == 0o600
    other = auth.make_cookie(staff)  # a new sign-in of the same account is a new session
    assert auth.valid_session(other) is not None
    accounts.accounts_file().write_text("{}", encoding="utf-8")  # the account is removed
    assert auth.valid_session(other) is None


def test_revocations_are_forgotten_once_the_cookie_would_have_expired(staff: str) -> None:
    old = auth.read_cookie(auth.make_cookie(staff, now=time.time() - auth.SESSION_SECONDS - 5), now=0)
    assert old is not None
    auth.revoke(old)
    fresh = auth.read_cookie(auth.make_cookie(staff))
    assert fresh is not None
    auth.revoke(fresh)
    stored = json.loads(auth.revoked_file().read_text())["revoked"]
    assert set(stored) == {fresh.id}  # the expired one was pruned when the next was written


def test_a_sign_in_token_works_once(staff: str) -> None:
    token = auth.issue_handoff(staff)
    assert len(token) >= 40
    assert token not in auth.handoff_file().read_text()  # only its hash is stored
    assert stat.S_IMODE(auth.handoff_file().stat().st_mode) == 0o600
    assert auth.consume_handoff(token) == staff
    assert auth.consume_handoff(token) is None


def test_a_sign_in_token_expires_within_a_minute(staff: str) -> None:
    assert auth.HANDOFF_SECONDS <= 60
    now = 1_800_000_000.0
    token = auth.issue_handoff(staff, now=now)
    assert auth.consume_handoff(token, now=now + auth.HANDOFF_SECONDS) is None
    late = auth.issue_handoff(staff, now=now)
    assert auth.consume_handoff(late, now=now + auth.HANDOFF_SECONDS - 1) == staff


@pytest.mark.parametrize("token", [None, "", "tebakan", "x" * 1000])
def test_an_unknown_token_is_refused(staff: str, token: str | None) -> None:
    auth.issue_handoff(staff)
    assert auth.consume_handoff(token) is None


def test_expired_tokens_are_pruned(staff: str) -> None:
    auth.issue_handoff(staff, now=1_000.0)
    auth.issue_handoff(staff, now=1_000.0 + auth.HANDOFF_SECONDS + 1)
    assert len(json.loads(auth.handoff_file().read_text())["tokens"]) == 1


def _whoami() -> None:
    import streamlit as st

    from integritas import auth

    st.text(f"staff={auth.current_staff()}")
    if st.button("simpan"):
        st.text(f"live={auth.require_live_staff()}")


def _run_with_cookies(monkeypatch: pytest.MonkeyPatch, cookies: dict[str, str]) -> AppTest:
    monkeypatch.setattr(auth, "_cookies", lambda: cookies)
    return AppTest.from_function(_whoami, default_timeout=30).run()


def test_current_staff_is_the_account_of_a_valid_cookie_on_this_connection(
    staff: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _run_with_cookies(monkeypatch, {auth.COOKIE_NAME: auth.make_cookie(staff)})
    assert at.text[0].value == "staff=staf"
    at.button[0].click().run()
    assert at.text[1].value == "live=staf"
    assert not at.error


def test_without_the_cookie_a_session_is_public_whatever_its_state(staff: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _run_with_cookies(monkeypatch, {})
    at.session_state["staff"] = staff  # what a password sign-in used to leave in the session: no longer enough
    at.run()
    assert at.text[0].value == "staff=None"


def test_require_live_staff_refuses_once_the_session_is_signed_out(staff: str, monkeypatch: pytest.MonkeyPatch) -> None:
    value = auth.make_cookie(staff)
    at = _run_with_cookies(monkeypatch, {auth.COOKIE_NAME: value})
    assert at.text[0].value == "staff=staf"
    session = auth.read_cookie(value)
    assert session is not None
    auth.revoke(session)  # signed out in another tab: this connection still presents the old cookie
    at.button[0].click().run()
    assert at.text[1].value == "live=None"
    assert at.error[0].value == tr("auth.session_expired", "id")


def test_require_live_staff_under_oidc_needs_the_identity_cookie_on_this_connection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(auth, "oidc_configured", lambda: True)
    monkeypatch.setattr(auth, "staff_config", lambda: {"allowed_domains": ["ombudsman.go.id"]})
    monkeypatch.setattr(auth.st, "user", {"is_logged_in": True, "email": "budi@ombudsman.go.id"})
    monkeypatch.setattr(auth, "_cookies", lambda: {auth.OIDC_COOKIE: "x"})
    at = AppTest.from_function(_whoami, default_timeout=30).run()
    at.button[0].click().run()
    assert at.text[1].value == "live=budi@ombudsman.go.id"
    monkeypatch.setattr(auth, "_cookies", dict)  # a reconnect without the identity cookie
    at.button[0].click().run()
    assert at.text[1].value == "live=None"
