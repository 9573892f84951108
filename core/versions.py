"""Published data versions: a short id per database file ("2026-11-30-3f9a1c"), recorded when it is published.

A version id is the day the file was built (Kupang time, WITA) and six hex digits of a hash of every table's
content. Each build or load writes a new file and never changes it, so an id always names the same rows; a
citation's permalink carries it (`?versi=`) and the file stays on disk while the registry keeps it (README,
"Versions and permalinks").
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

from core import paths

KUPANG = ZoneInfo("Asia/Makassar")  # WITA: the day a reader in NTT calls "today"
REGISTRY = "versions.csv"
FIELDS = ("id", "file", "published_at")
ID_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}-[0-9a-f]{6}$")
_STAMP = re.compile(r"warehouse-(\d{8}T\d{6})\d*Z\.duckdb$")


@dataclass(frozen=True)
class Version:
    id: str
    file: str  # the database file's name in the db directory (never its path: ids are public)
    published_at: datetime  # aware, UTC

    @property
    def day(self) -> date:
        """The version's day in Kupang."""
        return self.published_at.astimezone(KUPANG).date()


def registry_file() -> Path:
    return paths.db_dir() / REGISTRY


def built_at(db_file: Path) -> datetime:
    """When the file was built: the UTC stamp in its name (the file's mtime for a file named otherwise)."""
    if m := _STAMP.search(db_file.name):
        return datetime.strptime(m.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
    return datetime.fromtimestamp(db_file.stat().st_mtime, UTC)


def content_hash(con: duckdb.DuckDBPyConnection) -> str:
    """A hash of every table's rows (order-free) and row count: equal contents give equal hashes."""
    h = hashlib.sha256()
    tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY table_name").fetchall()]
    for name in tables:
        quoted = '"' + name.replace('"', '""') + '"'
        n, digest = con.execute(f"SELECT count(*), coalesce(bit_xor(hash(t)), 0) FROM {quoted} AS t").fetchone()  # type: ignore[misc]
        h.update(f"{name}:{n}:{digest};".encode())
    return h.hexdigest()


def compute_id(db_file: Path) -> str:
    """The version id of a database file (opens it read-only)."""
    with duckdb.connect(str(db_file), read_only=True) as con:
        digest = content_hash(con)
    return f"{built_at(db_file).astimezone(KUPANG).date().isoformat()}-{digest[:6]}"


def registry() -> list[Version]:
    """Every published version, oldest first."""
    try:
        with registry_file().open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except FileNotFoundError:
        return []
    return [Version(r["id"], r["file"], datetime.fromisoformat(r["published_at"])) for r in rows]


def register(db_file: Path) -> Version:
    """Record `db_file` as published (callers hold the build lock) and return its version."""
    version = Version(compute_id(db_file), db_file.name, built_at(db_file))
    target = registry_file()
    new = not target.exists()
    with target.open("a", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        if new:
            out.writerow(FIELDS)
        out.writerow([version.id, version.file, version.published_at.isoformat()])
        fh.flush()
        os.fsync(fh.fileno())
    return version


def find(version_id: str) -> Version | None:
    """The published version with this id whose file is still kept, or None."""
    for v in registry():
        if v.id == version_id and (paths.db_dir() / v.file).exists():
            return v
    return None


def of_file(db_file: Path) -> Version:
    """The version of a database file: from the registry, or computed for a file published before it existed."""
    for v in registry():
        if v.file == db_file.name:
            return v
    return Version(compute_id(db_file), db_file.name, built_at(db_file))


def kept() -> list[Version]:
    """Published versions whose files are still on disk, newest first."""
    return [v for v in reversed(registry()) if (paths.db_dir() / v.file).exists()]
