"""Build the database from data/seed into a new DuckDB file, check its contracts, then switch the pointer atomically."""

from __future__ import annotations

import fcntl
import getpass
import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from core import paths, versions
from etl import schema
from etl.contracts import ContractResult, report, run_contracts
from etl.datasets import DATASETS
from etl.reader import stage
from etl.sqlutil import ident, idents
from etl.validate import ValidationFailed, check, column_types

KEEP_OLD_DBS = 3  # files published before the version registry existed: the newest few stay
# Published versions are kept (a pinned permalink shows the rows it cited); INTEGRITAS_KEEP_VERSIONS=N keeps only the
# newest N, for a server short of disk.
ENV_KEEP_VERSIONS = "INTEGRITAS_KEEP_VERSIONS"


class BuildFailed(Exception):
    """The build stopped; the previous database keeps serving."""


@dataclass
class BuildResult:
    path: Path
    rows: dict[str, int] = field(default_factory=dict)
    contracts: list[ContractResult] = field(default_factory=list)

    @property
    def warnings(self) -> list[ContractResult]:
        return [c for c in self.contracts if c.rows and not c.breached]


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@contextmanager
def build_lock() -> Iterator[None]:
    """Serialise writers (two builds or uploads at once) with an OS file lock."""
    paths.db_dir().mkdir(parents=True, exist_ok=True)
    with (paths.db_dir() / ".build.lock").open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def switch_pointer(db_file: Path) -> None:
    """Publish `db_file`: record its version id, then point readers at it (write a temp file, fsync, rename over
    CURRENT: atomic on POSIX). A registered file that never became CURRENT (the rename failed) is harmless: its id
    names exactly its rows, and prune() treats it as any other kept version."""
    versions.register(db_file)
    pointer = paths.pointer_file()
    tmp = pointer.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(db_file.name + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, pointer)
    dir_fd = os.open(pointer.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def prune(keep: Path) -> None:
    """Remove old database files besides `keep` (the one CURRENT names): published versions beyond the newest
    INTEGRITAS_KEEP_VERSIONS (none when unset), and all but the newest KEEP_OLD_DBS unregistered ones."""
    # Old files may still be open by readers; unlinking is safe on POSIX, they vanish when closed.
    published = {v.file for v in versions.registry()}
    olds = sorted(p for p in paths.db_dir().glob("warehouse-*.duckdb") if p != keep)
    limit = int(os.environ.get(ENV_KEEP_VERSIONS) or 0)
    kept = [p for p in olds if p.name in published]
    loose = [p for p in olds if p.name not in published]
    gone = loose[:-KEEP_OLD_DBS] if len(loose) > KEEP_OLD_DBS else []
    if limit > 0:  # `keep` is one of the newest N
        gone += kept[: max(0, len(kept) - (limit - 1))]
    for p in gone:
        p.unlink(missing_ok=True)
        Path(str(p) + ".wal").unlink(missing_ok=True)


def _new_db_path() -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return paths.db_dir() / f"warehouse-{stamp}.duckdb"


def build(by: str | None = None, progress: Callable[[str], None] = lambda _msg: None) -> BuildResult:
    """Build a fresh database from the seed CSVs. On any failure the new file is removed and CURRENT is untouched."""
    seed = paths.seed_dir()
    who = by or os.environ.get("INTEGRITAS_USER") or getpass.getuser()
    with build_lock():
        target = _new_db_path()
        result = BuildResult(target)
        con = duckdb.connect(str(target))
        try:
            schema.create(con)
            known: dict[str, set[tuple[str, ...]]] = {}
            loads = []
            for name, ds in DATASETS.items():  # declaration order: references first
                csv = seed / f"{name}.csv"
                if not csv.exists():
                    raise BuildFailed(f"missing seed file {csv}")
                progress(f"  {name:<18} {csv.name}")
                staged = stage(con, csv.read_bytes(), csv.stem)
                # a dataset may start empty: its seed file is then just the header line
                n = check(con, staged, ds, known, types=column_types(con, ds.table), allow_empty=True)
                cols = idents(ds.columns)
                con.execute(f"INSERT INTO {ident(ds.table)} ({cols}) SELECT {cols} FROM checked ORDER BY _line")
                keys = idents(ds.key)
                known[name] = {tuple(map(str, r)) for r in con.execute(f"SELECT {keys} FROM checked").fetchall()}
                result.rows[name] = n
                loads.append((f"seed/{csv.name}", sha256_file(csv), name, n))
            now = datetime.now(UTC)
            con.executemany(
                'INSERT INTO loads (id, "at", "by", file_name, sha256, dataset, added, changed, rejected, status) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 'ok')",
                [(i, now, who, f, h, d, n) for i, (f, h, d, n) in enumerate(loads, start=1)],
            )
            progress("  contracts")
            result.contracts = run_contracts(con)
            if any(c.breached for c in result.contracts):
                raise BuildFailed("data contracts breached:\n" + report(result.contracts))
            con.execute("CHECKPOINT")
            con.close()
        except (ValidationFailed, schema.SchemaError, duckdb.Error, BuildFailed, OSError) as err:
            con.close()
            target.unlink(missing_ok=True)
            Path(str(target) + ".wal").unlink(missing_ok=True)
            if isinstance(err, ValidationFailed):
                lines = "\n".join("  " + p.message("en") for p in err.problems[:50])
                raise BuildFailed(f"{err.dataset}: {len(err.problems)} problem(s)\n{lines}") from err
            raise BuildFailed(str(err)) from err
        except BaseException:
            con.close()
            target.unlink(missing_ok=True)
            raise
        switch_pointer(target)
        prune(target)
    return result
