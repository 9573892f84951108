"""New local passwords: the length rule and a shipped list of common passwords (with digits and punctuation
tacked on, and the account name itself, refused too); the refusal speaks both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import accounts
from core.i18n import tr


@pytest.mark.parametrize(
    "password",
    ["qwertyuiop", "1234567890", "password123", "Password2024!", "P@ssw0rd2024", "Bismillah123", "kupang2024!!"],
)
def test_common_passwords_are_refused(data_dir: Path, password: str) -> None:
    with pytest.raises(ValueError) as refused:
        accounts.add_staff("ani", password)
    message = str(refused.value)
    assert tr("auth.password_common", "id") in message and tr("auth.password_common", "en") in message
    assert not accounts.accounts_file().exists()


def test_the_account_name_is_not_a_password(data_dir: Path) -> None:
    with pytest.raises(ValueError):
        accounts.add_staff("ombak-biru-laut", "Ombak-Biru-Laut!1")


def test_short_passwords_are_refused_in_both_languages(data_dir: Path) -> None:
    with pytest.raises(ValueError) as refused:
        accounts.add_staff("ani", "pendek")
    assert tr("auth.password_short", "en", min=accounts.MIN_PASSWORD_LENGTH) in str(refused.value)


@pytest.mark.parametrize("password", ["kata-sandi-uji-123", "rahasia-panjang-1", "Laut Sawu di bulan Mei 7"])
def test_uncommon_passwords_are_accepted(data_dir: Path, password: str) -> None:
    accounts.add_staff("ani", password)
    assert "ani" in accounts.accounts()


def test_the_list_is_shipped_and_sizeable() -> None:
    common = accounts.common_passwords()
    assert 5000 <= len(common) <= 20000
    assert {"123456", "password", "qwertyuiop", "bismillah", "ombudsman"} <= common
    assert all(p == p.strip().lower() and not p.startswith("#") for p in common)
