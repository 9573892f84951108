"""Local staff accounts on disk: only argon2 hashes, written atomically (used by the sign-in page and the CLI)."""

from __future__ import annotations

import json
from pathlib import Path

from argon2 import PasswordHasher

from core import paths

hasher = PasswordHasher()


def accounts_file() -> Path:
    return paths.data_dir() / "staff" / "accounts.json"


def accounts() -> dict[str, str]:
    try:
        return json.loads(accounts_file().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def add_staff(name: str, password: str) -> None:
    """Create or reset a local staff account (only the argon2 hash is stored)."""
    if not name.strip() or len(password) < 10:
        raise ValueError("name must not be empty and the password must have at least 10 characters")
    stored = accounts()
    stored[name.strip()] = hasher.hash(password)
    target = accounts_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(stored, indent=1), encoding="utf-8")
    tmp.chmod(0o600)
    tmp.replace(target)
