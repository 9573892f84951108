"""Who is staff under OIDC: only a verified e-mail on the `[staff]` allow-list (e-mails or domains); with no
allow-list configured nobody is (fail closed)."""

from __future__ import annotations

from typing import Any

import pytest

from integritas.auth import oidc_is_staff

CONFIG = {"allowed_emails": ["Ani.Staf@Gmail.com"], "allowed_domains": ["ombudsman.go.id", "@ntt.example"]}


def _user(email: str | None, **extra: Any) -> dict[str, Any]:
    return {"is_logged_in": True, "email": email, "name": "Siapa Saja", **extra}


@pytest.mark.parametrize(
    "email",
    ["ani.staf@gmail.com", "ANI.STAF@gmail.com", "budi@ombudsman.go.id", "Citra@Ombudsman.go.id", "dedi@ntt.example"],
)
def test_listed_emails_and_domains_are_staff(email: str) -> None:
    assert oidc_is_staff(_user(email, email_verified=True), CONFIG)


@pytest.mark.parametrize(
    "user",
    [
        _user("orang.lain@gmail.com"),  # the provider knows them; the allow-list does not
        _user("budi@evil-ombudsman.go.id"),
        _user("budi@ombudsman.go.id.evil.example"),
        _user("budi@sub.ombudsman.go.id"),  # a domain means exactly that domain
        _user("ombudsman.go.id"),  # no @ at all
        _user(None),  # no e-mail claim: the name alone never makes staff
        _user("budi@ombudsman.go.id", email_verified=False),
        _user("budi@ombudsman.go.id", email_verified="false"),
        {"is_logged_in": False, "email": "budi@ombudsman.go.id"},
    ],
)
def test_others_are_not_staff(user: dict[str, Any]) -> None:
    assert not oidc_is_staff(user, CONFIG)


@pytest.mark.parametrize("config", [{}, {"allowed_emails": [], "allowed_domains": []}, {"allowed_domains": 5}])
def test_without_an_allow_list_nobody_is_staff(config: dict[str, Any]) -> None:
    assert not oidc_is_staff(_user("budi@ombudsman.go.id", email_verified=True), config)


def test_a_single_string_is_read_as_a_one_item_list() -> None:
    assert oidc_is_staff(_user("budi@ombudsman.go.id"), {"allowed_domains": "ombudsman.go.id"})
