"""Who may upload: Streamlit's st.login when an OIDC provider is configured (and the person is on the staff
allow-list), otherwise local staff accounts whose passwords are kept only as argon2 hashes, with sign-in attempts
rate-limited on disk.

Local sign-in (`sign_in`):

- Every attempt is *counted before* its password is checked: under a thread lock and an `fcntl` lock on
  `data/staff/signin.lock`, the attempt is checked against the limits below and, if allowed, written to
  `data/staff/signin.json` as a failure; only a correct password removes it afterwards. So a burst of parallel
  attempts cannot get more checks than the limit, and a crash in the middle leaves the attempt counted.
- The state is a JSON file replaced atomically, so a restart (or another server process sharing the data
  directory) sees the same locks. Deleting `signin.json` clears every lock at once.
- At most `MAX_CONCURRENT_CHECKS` argon2 checks run at once in a process (each holds 64 MiB); an attempt that waits
  longer than `CHECK_WAIT_SECONDS` for a slot is answered "busy" and not counted.
- An unknown name is checked against a dummy hash made with the same parameters, so unknown-name and
  wrong-password attempts both run exactly one argon2 verification and take the same time.

Why the lock cannot be used to lock staff out. Loaders' names are public, so a lock on the account name alone lets
anyone shut staff out. Locks are therefore keyed on the *client* (`client_key`: the visitor's IP address) as well:

1. `MAX_FAILURES` failures for one (account, client) within `LOCK_SECONDS` lock that account *for that client
   only* — the right password from that client is refused until the window passes. Someone guessing from their
   own address locks only themselves out; the staff member's own address keeps working.
2. `CLIENT_MAX_FAILURES` failures from one client, over any account names (known or not), lock that client out of
   every account: one address cannot spray guesses across names.
3. `ACCOUNT_CEILING` failures on one account from all clients together (a guess spread over many addresses) put
   the account under attack: then any client that has failed on it even once in the window is refused, while a
   client with no failure on it still gets its check. The usual client of the real staff member, which has not
   failed, still signs in with the right password; each attacking address gets at most one more guess per window.

A shared ceiling that refuses everybody was rejected because it turns the lock back into a denial-of-service
tool; the cost of rule 3 is one guess per fresh address per window, and each guess costs an argon2 check that is
capped by the semaphore. A staff member who mistypes from a shared address (an office NAT) that is also guessing
waits out the window — or an administrator deletes `signin.json`.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import logging
import os
import secrets
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple

import streamlit as st
from argon2.exceptions import InvalidHashError, VerificationError

from core import accounts, paths

log = logging.getLogger(__name__)

MAX_FAILURES = 5  # per (account, client) within the window
CLIENT_MAX_FAILURES = 20  # per client, over every account name
ACCOUNT_CEILING = 20  # per account, over every client: past it, clients that failed on it get no further try
LOCK_SECONDS = 15 * 60
MAX_CONCURRENT_CHECKS = 2  # argon2 checks at once in this process (64 MiB each; the machine has 2 cores)
CHECK_WAIT_SECONDS = 10.0
LOCAL_CLIENT = "local"  # the client key when Streamlit knows no address (loopback, AppTest, command line)
_MAX_KEY = 256  # names and client keys are stored at most this long

_state_lock = threading.Lock()
_checks = threading.BoundedSemaphore(MAX_CONCURRENT_CHECKS)

Outcome = Literal["ok", "failed", "locked", "busy"]


@dataclass(frozen=True)
class Attempt:
    """The answer to one sign-in attempt; `wait` is the seconds until a locked attempt may be tried again."""

    outcome: Outcome
    wait: float = 0.0

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


class _Failure(NamedTuple):
    account: str
    client: str
    at: float
    id: str


def state_file() -> Path:
    return paths.data_dir() / "staff" / "signin.json"


def _lock_path() -> Path:
    return paths.data_dir() / "staff" / "signin.lock"


def _read_state(now: float) -> list[_Failure]:
    try:
        raw = json.loads(state_file().read_text(encoding="utf-8"))
        records = [_Failure(str(a), str(c), float(t), str(i)) for a, c, t, i in raw["failures"]]
    except FileNotFoundError:
        return []
    except (ValueError, KeyError, TypeError):  # never written half (atomic replace); log and start again
        log.exception("sign-in state %s unreadable; starting with no failures", state_file())
        return []
    return [r for r in records if now - r.at < LOCK_SECONDS]


@contextlib.contextmanager
def _state(now: float, write: bool = True) -> Iterator[list[_Failure]]:
    """The recent failures, held under a thread lock and an exclusive `fcntl` lock (other processes); changes made
    to the yielded list are written back atomically when `write`."""
    with _state_lock:
        _lock_path().parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(_lock_path(), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            records = _read_state(now)
            before = list(records)
            yield records
            if write and records != before:
                accounts.write_private_json(state_file(), {"failures": [list(r) for r in records]})
        finally:
            os.close(fd)  # also releases the flock


def _until_fewer_than(times: list[float], limit: int, now: float) -> float:
    """Seconds until fewer than `limit` of `times` remain in the window (0 when already fewer)."""
    if len(times) < limit:
        return 0.0
    times = sorted(times)
    return LOCK_SECONDS - (now - times[len(times) - limit])


def _wait(records: list[_Failure], account: str, client: str, now: float) -> float:
    """Seconds until `client` may try `account` again, by the three rules of the module docstring (0: may try)."""
    pair = [r.at for r in records if r.account == account and r.client == client]
    by_client = [r.at for r in records if r.client == client]
    by_account = [r.at for r in records if r.account == account]
    wait = max(_until_fewer_than(pair, MAX_FAILURES, now), _until_fewer_than(by_client, CLIENT_MAX_FAILURES, now))
    if pair and len(by_account) >= ACCOUNT_CEILING:
        wait = max(wait, min(_until_fewer_than(by_account, ACCOUNT_CEILING, now), LOCK_SECONDS - (now - max(pair))))
    return max(wait, 0.0)


def _key(text: str | None) -> str:
    return (text or "").strip()[:_MAX_KEY]


def locked_for(name: str, now: float | None = None, client: str = LOCAL_CLIENT) -> float:
    """Seconds until `client` may try account `name` again (0 when not locked)."""
    now = time.time() if now is None else now
    with _state(now, write=False) as records:
        return _wait(records, _key(name), _key(client) or LOCAL_CLIENT, now)


@functools.cache
def _dummy_hash() -> str:
    """A hash of a random secret, with the hasher's parameters, verified for names that have no account."""
    return accounts.hasher.hash(secrets.token_urlsafe(32))


def _verify(name: str, password: str) -> bool:
    """Exactly one argon2 verification whether or not `name` has an account."""
    dummy = _dummy_hash()
    stored = accounts.accounts().get(name.strip())
    try:
        matched = accounts.hasher.verify(dummy if stored is None else stored, password)
    except (VerificationError, InvalidHashError):
        return False
    return bool(matched) and stored is not None


def sign_in(name: str, password: str, client: str = LOCAL_CLIENT, now: float | None = None) -> Attempt:
    """Check a local sign-in from `client` (see `client_key`). The attempt is counted as a failure before the
    password is checked, and forgiven (with the earlier failures of this account from this client) only when
    the password is right."""
    now = time.time() if now is None else now
    account, client = _key(name), _key(client) or LOCAL_CLIENT
    attempt_id = secrets.token_hex(8)
    with _state(now) as records:
        if wait := _wait(records, account, client, now):
            return Attempt("locked", wait)
        records.append(_Failure(account, client, now, attempt_id))
    if not _checks.acquire(timeout=CHECK_WAIT_SECONDS):
        with _state(now) as records:
            records[:] = [r for r in records if r.id != attempt_id]
        return Attempt("busy")
    try:
        ok = _verify(name, password)
    finally:
        _checks.release()
    if not ok:
        return Attempt("failed")
    with _state(now) as records:
        records[:] = [r for r in records if (r.account, r.client) != (account, client)]
    return Attempt("ok")


def check_password(name: str, password: str, now: float | None = None, client: str = LOCAL_CLIENT) -> bool:
    """True for a correct password that the limits let through (see `sign_in`)."""
    return sign_in(name, password, client, now).ok


def client_key() -> str:
    """The key the sign-in limits count a visitor by: `st.context.ip_address`, the address of the connection.

    Streamlit serves through uvicorn, which replaces the peer address with the one in `X-Forwarded-For` when the
    connection comes from a trusted proxy (`FORWARDED_ALLOW_IPS`, by default 127.0.0.1 and ::1), so behind a
    reverse proxy on the same machine this is the visitor's address. Streamlit reports loopback as no address;
    those visitors all share the key "local". Headers are not used: a visitor can write any header they like.
    """
    try:
        ip = st.context.ip_address
    except Exception:  # no script run context (called outside a page)
        ip = None
    return _key(ip) if isinstance(ip, str) and ip.strip() else LOCAL_CLIENT  # (AppTest has a mock, not a str)


def oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False
    except Exception:  # st.secrets raises its own error type when no secrets file exists
        return False


def staff_config() -> Mapping[str, Any]:
    """The `[staff]` section of `.streamlit/secrets.toml` ({} when there is none)."""
    try:
        section = st.secrets.get("staff")
    except Exception:  # no secrets file
        return {}
    return section if isinstance(section, Mapping) else {}


def _strings(value: object) -> set[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple | set | frozenset):
        return set()
    return {str(v).strip().lower().lstrip("@") for v in value if str(v).strip()}


def oidc_is_staff(user: Mapping[str, Any], config: Mapping[str, Any]) -> bool:
    """Whether a user signed in through OIDC is staff: signed in, with an e-mail the provider has not marked
    unverified, that is listed in `allowed_emails` or whose domain (exactly, not a subdomain) is listed in
    `allowed_domains` of the `[staff]` configuration. With neither list configured nobody is staff (fail closed)."""
    if not user.get("is_logged_in"):
        return False
    email = str(user.get("email") or "").strip().lower()
    if "@" not in email or str(user.get("email_verified", True)).lower() == "false":
        return False
    domain = email.rsplit("@", 1)[1]
    return email in _strings(config.get("allowed_emails")) or domain in _strings(config.get("allowed_domains"))


def oidc_refused() -> str | None:
    """Who is signed in through OIDC but is not staff (their e-mail, or name), else None."""
    if not oidc_configured() or not st.user.get("is_logged_in") or oidc_is_staff(st.user, staff_config()):
        return None
    return str(st.user.get("email") or st.user.get("name") or "?")


def current_staff() -> str | None:
    """The signed-in staff member's name (OIDC e-mail on the allow-list, or local account), or None for a public
    reader."""
    if oidc_configured():
        user = st.user
        return str(user.get("email")).strip().lower() if oidc_is_staff(user, staff_config()) else None
    staff = st.session_state.get("staff")
    return str(staff) if staff else None
