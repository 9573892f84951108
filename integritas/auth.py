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

Staff sessions (local accounts). A correct password does not make the Streamlit session staff: the session id is a
bearer token a websocket client can present again (also after the tab closed), so nothing is kept in
`st.session_state`. Instead:

1. `hand_off` stores a random single-use token (only its sha256, in `data/staff/handoff.json`, for at most
   `HANDOFF_SECONDS`) and sends the browser to `/_integritas/masuk?t=…` (`integritas/server.py`).
2. That route consumes the token (`consume_handoff`) and sets the cookie `COOKIE_NAME`: account, expiry and a
   random session id, HMAC-SHA256-signed with a secret generated once into `data/staff/session.key` (0600), so
   every replica sharing the data directory accepts it. HttpOnly, SameSite=Strict, Path=/, Secure over https.
3. `current_staff` reads the cookie the browser sent with *this* websocket connection (`st.context.cookies`): a
   reconnect that presents an old session id without the cookie is a public reader. A cookie counts while its
   signature is right, it has not expired, its account still exists and its session was not signed out
   (`data/staff/revoked.json`, so signing out on one replica holds on all).
4. `require_live_staff` runs the same check at the moment of a write (commit, undo) and says on the page why not.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import functools
import hashlib
import hmac
import json
import logging
import os
import secrets
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple
from urllib.parse import urlencode

import streamlit as st
from argon2.exceptions import InvalidHashError, VerificationError
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core import accounts, paths
from integritas.i18n import t

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


# --- Staff sessions: a signed cookie handed over through a single-use token (see the module docstring) ---

COOKIE_NAME = "integritas_staf"
SESSION_SECONDS = 8 * 60 * 60  # one working day; then sign in again
HANDOFF_SECONDS = 60  # the token only has to survive one redirect
HANDOFF_PATH = "_integritas/masuk"  # routes of integritas/server.py, under server.baseUrlPath
SIGN_OUT_PATH = "_integritas/keluar"
_COOKIE_VERSION = "v1"
OIDC_COOKIE = "_streamlit_user"  # st.login's identity cookie (USER_COOKIE_NAME in streamlit.web.server.starlette)

_session_lock = threading.Lock()


@dataclass(frozen=True)
class Session:
    """A valid staff cookie: who, until when (epoch seconds) and the random id that signing out revokes."""

    account: str
    expires: float
    id: str


def _staff_dir() -> Path:
    return paths.data_dir() / "staff"


def secret_file() -> Path:
    return _staff_dir() / "session.key"


def handoff_file() -> Path:
    return _staff_dir() / "handoff.json"


def revoked_file() -> Path:
    return _staff_dir() / "revoked.json"


@functools.lru_cache(maxsize=8)
def _secret_at(path: str) -> bytes:
    """The signing secret in `path`, made once (64 random hex digits, 0600). Written to a private temporary file
    and linked into place, so a second process racing to make it either wins or reads the complete winner."""
    target = Path(path)
    try:
        return bytes.fromhex(target.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".session.key.")
    try:
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secrets.token_hex(32))
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(FileExistsError):  # another process made it first: use theirs
            os.link(tmp, target)
    finally:
        os.unlink(tmp)
    return bytes.fromhex(target.read_text(encoding="ascii").strip())


def _secret() -> bytes:
    return _secret_at(str(secret_file()))


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(body: str) -> str:
    return _b64(hmac.new(_secret(), f"{_COOKIE_VERSION}.{body}".encode("ascii"), hashlib.sha256).digest())


def make_cookie(account: str, now: float | None = None) -> str:
    """A signed cookie value for `account`, valid `SESSION_SECONDS` from `now`."""
    now = time.time() if now is None else now
    payload = {"a": account, "e": int(now + SESSION_SECONDS), "i": secrets.token_hex(16)}
    body = _b64(json.dumps(payload, separators=(",", ":")).encode("utf-8"))
    return f"{_COOKIE_VERSION}.{body}.{_mac(body)}"


def read_cookie(value: str | None, now: float | None = None) -> Session | None:
    """The session in a cookie value when its signature is right and it has not expired, else None. (Whether the
    account exists and the session was signed out is `valid_session`'s business.)"""
    if not value or len(value) > 1024:
        return None
    version, _, rest = value.partition(".")
    body, _, mac = rest.partition(".")
    if version != _COOKIE_VERSION or not body or not hmac.compare_digest(mac.encode(), _mac(body).encode()):
        return None
    try:
        payload = json.loads(_unb64(body))
        session = Session(str(payload["a"]), float(payload["e"]), str(payload["i"]))
    except (ValueError, KeyError, TypeError):  # signed by us, so never expected; refuse rather than guess
        return None
    now = time.time() if now is None else now
    return session if session.expires > now else None


@contextlib.contextmanager
def _private_json(path: Path, key: str) -> Iterator[dict[str, Any]]:
    """The mapping `key` of the JSON file `path`, held under the thread lock and an `fcntl` lock on a lock file
    beside it (other processes, other replicas); written back atomically (0600) when changed."""
    with _session_lock:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path.with_suffix(".lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                stored = json.loads(path.read_text(encoding="utf-8"))[key]
                entries = dict(stored) if isinstance(stored, dict) else {}
            except FileNotFoundError:
                entries = {}
            except (ValueError, KeyError, TypeError):
                log.exception("%s unreadable; starting empty", path)
                entries = {}
            before = dict(entries)
            yield entries
            if entries != before:
                accounts.write_private_json(path, {key: entries})
        finally:
            os.close(fd)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_handoff(account: str, now: float | None = None) -> str:
    """A random token that `consume_handoff` turns into `account` once, within `HANDOFF_SECONDS`. Only its
    sha256 is stored, so reading the file gives nobody a usable token."""
    now = time.time() if now is None else now
    token = secrets.token_urlsafe(32)
    with _private_json(handoff_file(), "tokens") as tokens:
        for key in [k for k, (_, until) in tokens.items() if until <= now]:
            del tokens[key]
        tokens[_digest(token)] = [account, now + HANDOFF_SECONDS]
    return token


def consume_handoff(token: str | None, now: float | None = None) -> str | None:
    """The account a token was issued for, if it is unused and unexpired; the token is spent either way."""
    if not token or len(token) > 256:
        return None
    now = time.time() if now is None else now
    with _private_json(handoff_file(), "tokens") as tokens:
        entry = tokens.pop(_digest(token), None)
    if entry is None:
        return None
    account, until = entry
    return str(account) if float(until) > now else None


def revoke(session: Session) -> None:
    """Sign a session out everywhere: its id is refused until the cookie would have expired anyway."""
    now = time.time()
    with _private_json(revoked_file(), "revoked") as revoked:
        for key in [k for k, until in revoked.items() if until <= now]:
            del revoked[key]
        revoked[session.id] = session.expires


def _is_revoked(session: Session) -> bool:
    try:
        revoked = json.loads(revoked_file().read_text(encoding="utf-8"))["revoked"]
    except FileNotFoundError:
        return False
    except (ValueError, KeyError, TypeError):  # unreadable: fail closed, nobody's cookie counts until it is fixed
        log.exception("%s unreadable; refusing every staff cookie", revoked_file())
        return True
    return session.id in revoked


def valid_session(value: str | None, now: float | None = None) -> Session | None:
    """The session of a cookie value that counts now: signed, unexpired, its account exists, not signed out."""
    session = read_cookie(value, now)
    if session is None or session.account not in accounts.accounts() or _is_revoked(session):
        return None
    return session


def _cookies() -> Mapping[str, str]:
    """The cookies the browser sent when *this* websocket connection opened (tests replace this function)."""
    try:
        return dict(st.context.cookies)
    except Exception:  # no script run context, or AppTest (which has no client)
        return {}


def _oidc_staff() -> str | None:
    user = st.user
    return str(user.get("email")).strip().lower() if oidc_is_staff(user, staff_config()) else None


def current_staff() -> str | None:
    """The signed-in staff member's name (OIDC e-mail on the allow-list, or the account of a valid session
    cookie), or None for a public reader."""
    if oidc_configured():
        return _oidc_staff()
    session = valid_session(_cookies().get(COOKIE_NAME))
    return session.account if session else None


def require_live_staff() -> str | None:
    """Who may write *now* — call it in the handler of every write (commit, undo) and write only when it returns
    a name. It checks the credential again at this moment: the session cookie (unexpired, account still there,
    not signed out elsewhere) or the OIDC identity (still on the allow-list, identity cookie still sent). When
    it fails it shows why on the page (with what to do) and returns None."""
    # OIDC: st.user is fixed when the session connects, so the identity cookie must still come with this connection
    oidc_live = oidc_configured() and OIDC_COOKIE in _cookies()
    staff = (_oidc_staff() if oidc_live else None) if oidc_configured() else current_staff()
    if staff is None:
        log.warning("a write was refused: no live staff credential on this connection")
        st.error(t("auth.session_expired"), icon=":material/lock_clock:")
    return staff


def url_path(path: str) -> str:
    """`path` under `server.baseUrlPath`, from the root ("/_integritas/masuk")."""
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return "/" + "/".join(part for part in (base, path) if part)


def _redirect(url: str) -> None:
    """Send the browser to `url` (a full page load), as st.login does: the frontend sets window.location."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    msg = ForwardMsg()
    msg.auth_redirect.url = url
    ctx.enqueue(msg)


def hand_off(account: str, lang: str) -> None:
    """After a correct password: send the browser to the route that turns a single-use token into the cookie."""
    token = issue_handoff(account)
    _redirect(f"{url_path(HANDOFF_PATH)}?{urlencode({'t': token, 'lang': lang})}")


def sign_out() -> None:
    """Sign the current session out (revoked everywhere), forget this Streamlit session's state, and send the
    browser to the route that deletes the cookie."""
    session = read_cookie(_cookies().get(COOKIE_NAME))
    if session is not None:
        revoke(session)
    lang = st.session_state.get("lang")
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    _redirect(f"{url_path(SIGN_OUT_PATH)}?{urlencode({'lang': lang})}" if lang else url_path(SIGN_OUT_PATH))
