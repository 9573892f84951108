"""The sign-in page under AppTest: with OIDC, a person the provider signed in who is not on the `[staff]`
allow-list is told so and is not staff; one on the list is; a locked local sign-in says how long to wait."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from core import accounts
from core.i18n import tr
from integritas import auth
from tests.conftest import REPO

PAGE = str(REPO / "app_pages" / "masuk.py")
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "uji-rahasia-cookie",
    "client_id": "uji",
    "client_secret": "uji",
    "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
}


def _page(user: dict[str, Any], staff: dict[str, Any] | None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=30)
    at.secrets["auth"] = AUTH
    if staff is not None:
        at.secrets["staff"] = staff
    at.user = user
    return at.run()


def test_an_oidc_user_outside_the_allow_list_is_told_and_is_not_staff() -> None:
    at = _page({"is_logged_in": True, "email": "orang.lain@gmail.com"}, {"allowed_domains": ["ombudsman.go.id"]})
    assert not at.exception
    assert [e.value for e in at.error] == [tr("auth.not_allowed", "id", email="orang.lain@gmail.com")]
    assert not at.success  # not "Masuk sebagai …"


def test_without_an_allow_list_nobody_is_staff() -> None:
    at = _page({"is_logged_in": True, "email": "budi@ombudsman.go.id"}, None)
    assert [e.value for e in at.error] == [tr("auth.not_allowed", "id", email="budi@ombudsman.go.id")]


def test_an_oidc_user_on_the_allow_list_is_staff() -> None:
    at = _page({"is_logged_in": True, "email": "Budi@Ombudsman.go.id"}, {"allowed_domains": ["ombudsman.go.id"]})
    assert not at.error
    assert at.success[0].value == tr("auth.signed_in", "id", name="budi@ombudsman.go.id")


def test_a_locked_local_sign_in_says_how_long_to_wait(data_dir: Path) -> None:
    accounts.add_staff("staf", "kata-sandi-uji-123")
    for _ in range(auth.MAX_FAILURES):
        auth.check_password("staf", "salah-sekali")  # AppTest has no address: its client is "local"
    at = AppTest.from_file(PAGE, default_timeout=30).run()
    at.text_input[0].input("staf")
    at.text_input[1].input("kata-sandi-uji-123")
    at.button[0].click().run()
    assert [e.value for e in at.error] == [tr("auth.locked", "id", minutes=15)]
    assert "staff" not in at.session_state
