"""Local staff accounts on disk: only argon2 hashes, written atomically (used by the sign-in page and the CLI).

A new password must have at least `MIN_PASSWORD_LENGTH` characters and must not be guessable: not on the list of
common passwords in `core/common_passwords.txt` (shipped with the code, never fetched), not a listed word followed
only by digits and punctuation ("Password2024!"), and not the account name itself. Refusals are `ValueError`s whose
message is in Bahasa Indonesia and English.
"""

from __future__ import annotations

import functools
import json
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from argon2 import PasswordHasher

from core import paths
from core.i18n import LANGS, tr

hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 10
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")
_TRAILING_DIGITS_AND_PUNCTUATION = re.compile(r"[\W\d_]+$")


def accounts_file() -> Path:
    return paths.data_dir() / "staff" / "accounts.json"


def accounts() -> dict[str, str]:
    """Account name -> argon2 hash ({} before the first account is made)."""
    try:
        stored = json.loads(accounts_file().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return {str(name): str(digest) for name, digest in stored.items()}


@functools.cache
def common_passwords() -> frozenset[str]:
    """The common-password list, lowercased (read once per process)."""
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def is_common_password(password: str, name: str = "") -> bool:
    """True when `password` is too easy to guess: on the common list (ignoring case), a listed word followed only
    by digits and punctuation, or the account name (ignoring case, with or without such a suffix)."""
    lowered = password.strip().lower()
    stem = _TRAILING_DIGITS_AND_PUNCTUATION.sub("", lowered)
    banned = common_passwords()
    if lowered in banned or (stem and stem in banned):
        return True
    account = name.strip().lower()
    return bool(account) and account in {lowered, stem}


def _refusal(text: Callable[[str], str]) -> ValueError:
    """A ValueError saying `text(lang)` in every language, Bahasa Indonesia first ("… / …")."""
    return ValueError(" / ".join(dict.fromkeys(text(lang) for lang in LANGS)))  # once while a key is untranslated


def check_new_password(name: str, password: str) -> None:
    """Raise ValueError (message in Bahasa Indonesia / English) unless `name` and `password` may make an account."""
    if not name.strip():
        raise _refusal(lambda lang: tr("auth.name_empty", lang))
    if len(password) < MIN_PASSWORD_LENGTH:
        raise _refusal(lambda lang: tr("auth.password_short", lang, min=MIN_PASSWORD_LENGTH))
    if is_common_password(password, name):
        raise _refusal(lambda lang: tr("auth.password_common", lang))


def add_staff(name: str, password: str) -> None:
    """Create or reset a local staff account (only the argon2 hash is stored); refuses a short or common password."""
    check_new_password(name, password)
    stored = accounts()
    stored[name.strip()] = hasher.hash(password)
    target = accounts_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    write_private_json(target, stored)


def write_private_json(target: Path, value: object) -> None:
    """Write `value` as JSON to `target` atomically (a private temporary file in the same folder, fsync, rename),
    readable by the owner only. Callers that read-modify-write hold their own lock."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:  # mkstemp makes the file 0600
            json.dump(value, fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
