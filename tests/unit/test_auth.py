"""Local staff accounts: only an argon2 hash is stored; failed sign-ins lock the account for a while (the lock
state lives in the throwaway data directory, so each test starts clean; see test_signin_*.py for the limits)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from core import accounts
from etl.cli import main
from integritas import auth


def test_only_a_hash_is_stored(data_dir: Path) -> None:
    accounts.add_staff("ani", "rahasia-panjang-1")
    text = accounts.accounts_file().read_text()
    assert "rahasia-panjang-1" not in text and "$argon2" in text
    assert auth.check_password("ani", "rahasia-panjang-1")
    assert not auth.check_password("ani", "salah")
    assert not auth.check_password("budi", "rahasia-panjang-1")


def test_short_passwords_are_refused(data_dir: Path) -> None:
    with pytest.raises(ValueError):
        accounts.add_staff("ani", "pendek")


def test_failures_lock_then_unlock(data_dir: Path) -> None:
    accounts.add_staff("ani", "rahasia-panjang-1")
    for i in range(auth.MAX_FAILURES):
        assert not auth.check_password("ani", "salah", now=1000.0 + i)
    assert auth.locked_for("ani", now=1010.0) > 0
    assert not auth.check_password("ani", "rahasia-panjang-1", now=1010.0)
    later = 1000.0 + auth.LOCK_SECONDS + 10
    assert auth.locked_for("ani", now=later) == 0
    assert auth.check_password("ani", "rahasia-panjang-1", now=later)


def test_staff_add_command(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("rahasia-panjang-2\n"))
    assert main(["staff", "add", "citra", "--password-stdin"]) == 0
    assert auth.check_password("citra", "rahasia-panjang-2")
