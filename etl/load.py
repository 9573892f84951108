"""Staff uploads: read and validate a file, show what would change (dry run), commit all or nothing, undo exactly.

Every commit writes a new database file (a copy of the current one plus the change, contracts checked) and only
then moves the CURRENT pointer, under the same lock as builds; a failed or interrupted load changes nothing.
"""

from __future__ import annotations

import csv
import getpass
import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from etl.build import _new_db_path, build_lock, switch_pointer
from etl.contracts import report, run_contracts
from etl.datasets import DATASETS, Dataset
from etl.reader import read_table
from etl.validate import Problem, ValidationFailed, name_key, validate
from integritas import paths

# Facts can be added and corrected; reference rows that facts point at (sources, agencies) can only be added here.
UPDATABLE = {"zi_events", "compliance", "compliance_counts", "unit_compliance", "complaints"}
UPLOADABLE = UPDATABLE | {"sources", "agencies", "agency_aliases"}


class LoadFailed(Exception):
    pass


@dataclass
class Plan:
    dataset: str
    file_name: str
    sha256: str
    new: list[dict] = field(default_factory=list)
    changed: list[tuple[dict, dict]] = field(default_factory=list)  # (before, after)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    loaded_before: list[int] = field(default_factory=list)  # ids of earlier loads of the same file

    @property
    def ok(self) -> bool:
        return not self.problems


def _key(ds: Dataset, row: dict) -> str:
    return " / ".join(str(row[k]) for k in ds.key)


def _current() -> Path:
    db = paths.current_db()
    if db is None:
        raise LoadFailed("no database yet: run `python -m etl build`")
    return db


def _known(con: duckdb.DuckDBPyConnection, ds: Dataset) -> dict[str, set[tuple[str, ...]]]:
    known = {}
    for ref in {f.ref for f in ds.fields if f.ref}:
        key = DATASETS[ref].key
        known[ref] = {tuple(map(str, r)) for r in con.execute(f"SELECT {', '.join(key)} FROM {ref}").fetchall()}
    return known


def _names(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    """Names a file may use instead of codes: region names (with or without 'Kabupaten'), agency names and aliases."""
    regions: dict[str, str] = {}
    bare: dict[str, list[str]] = {}
    for kode, nama in con.execute("SELECT kode, nama FROM regions").fetchall():
        regions[name_key(nama)] = kode
        short = name_key(nama).removeprefix("kabupaten ").removeprefix("kota ")
        bare.setdefault(short, []).append(kode)
    # 'Kupang' alone could be the kabupaten or the kota: only unambiguous short names are accepted
    regions |= {short: codes[0] for short, codes in bare.items() if len(codes) == 1 and short not in regions}
    agencies: dict[str, str] = {}
    rows = con.execute(
        "SELECT id, nama FROM agencies UNION ALL SELECT id, singkatan FROM agencies WHERE singkatan IS NOT NULL "
        "UNION ALL SELECT agency_id, alias FROM agency_aliases"
    ).fetchall()
    for agency_id, name in rows:
        agencies.setdefault(name_key(name), agency_id)
    return {"regions": regions, "agencies": agencies}


def _existing(con: duckdb.DuckDBPyConnection, ds: Dataset) -> dict[str, dict]:
    cols = ", ".join(f'"{c}"::VARCHAR AS "{c}"' for c in ds.columns)
    rows = con.execute(f"SELECT {cols} FROM {ds.table}").fetchall()
    out = {}
    for r in rows:
        rec = dict(zip(ds.columns, r, strict=True))
        out[_key(ds, rec)] = rec
    return out


def _normalise(value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value)
    try:  # DuckDB prints DECIMAL(5,2) as 80.90; the file may say 80.9
        return str(float(text)) if "." in text and text.replace(".", "", 1).lstrip("-").isdigit() else text
    except ValueError:
        return text


def plan(raw: bytes, file_name: str, dataset: str) -> Plan:
    """Validate a file against the current database and list what a commit would add or change."""
    if dataset not in UPLOADABLE:
        raise LoadFailed(f"dataset {dataset!r} cannot be uploaded; choose one of {sorted(UPLOADABLE)}")
    ds = DATASETS[dataset]
    p = Plan(dataset, file_name, hashlib.sha256(raw).hexdigest())
    con = duckdb.connect(str(_current()), read_only=True)
    try:
        p.loaded_before = [
            r[0]
            for r in con.execute(
                "SELECT id FROM loads WHERE sha256 = ? AND dataset = ? AND status = 'ok'", [p.sha256, dataset]
            ).fetchall()
        ]
        try:
            clean = validate(read_table(raw, Path(file_name).stem), ds, _known(con, ds), _names(con))
        except ValidationFailed as err:
            p.problems = err.problems
            return p
        existing = _existing(con, ds)
    finally:
        con.close()
    for rec in clean.to_dict("records"):
        rec = {k: (None if v is None or (isinstance(v, float) and pd.isna(v)) else v) for k, v in rec.items()}
        before = existing.get(_key(ds, rec))
        if before is None:
            p.new.append(rec)
        elif {k: _normalise(v) for k, v in before.items()} == {k: _normalise(v) for k, v in rec.items()}:
            p.unchanged += 1
        elif dataset not in UPDATABLE:
            p.problems.append(Problem(None, ", ".join(ds.key), _key(ds, rec), "not_updatable", dataset))
        else:
            p.changed.append((before, rec))
    return p


def _apply(con: duckdb.DuckDBPyConnection, ds: Dataset, remove: list[dict], insert: list[dict]) -> None:
    where = " AND ".join(f'"{k}"::VARCHAR = ?' for k in ds.key)
    for rec in remove:
        con.execute(f"DELETE FROM {ds.table} WHERE {where}", [rec[k] for k in ds.key])
    if insert:
        frame = pd.DataFrame(insert, columns=ds.columns, dtype=object)
        cols = ", ".join(f'"{c}"' for c in ds.columns)
        con.register("incoming", frame)
        con.execute(f"INSERT INTO {ds.table} ({cols}) SELECT {cols} FROM incoming")
        con.unregister("incoming")


def _write_new_db(change: callable) -> Path:  # type: ignore[valid-type]
    """Copy the current DB, run `change(con)` in one transaction, check contracts, and switch to the copy."""
    target = _new_db_path()
    shutil.copyfile(_current(), target)
    con = duckdb.connect(str(target))
    try:
        con.execute("BEGIN")
        result = change(con)
        breaches = [c for c in run_contracts(con) if c.breached]
        if breaches:
            raise LoadFailed("data contracts breached:\n" + report(breaches))
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        con.close()
    except BaseException:
        con.close()
        target.unlink(missing_ok=True)
        Path(str(target) + ".wal").unlink(missing_ok=True)
        raise
    switch_pointer(target)
    return result


def _next_load_id(con: duckdb.DuckDBPyConnection) -> int:
    # fetchall, not fetchone: duckdb 2 refuses further work on a connection while a result is unfinished
    return int(con.execute("SELECT coalesce(max(id), 0) + 1 FROM loads").fetchall()[0][0])


MANIFEST_FIELDS = ("action", "load_id", "sha256", "file_name", "dataset", "by")


def manifest_file() -> Path:
    return paths.data_dir() / "uploads" / "manifest.csv"


def _record(action: str, load_id: int, sha256: str, file_name: str, dataset: str, by: str) -> None:
    """Append to the upload manifest, the order in which `etl build` replays accepted uploads and undos."""
    target = manifest_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    new = not target.exists()
    with target.open("a", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        if new:
            writer.writerow(MANIFEST_FIELDS)
        writer.writerow((action, load_id, sha256, file_name, dataset, by))
        fh.flush()
        os.fsync(fh.fileno())


def replay(progress: callable = lambda _m: None) -> int:  # type: ignore[valid-type]
    """Re-apply the manifest's uploads and undos, in order, on a freshly built database. Returns how many."""
    target = manifest_file()
    if not target.exists():
        return 0
    with target.open(encoding="utf-8", newline="") as fh:
        entries = list(csv.DictReader(fh))
    new_ids: dict[str, int] = {}
    for e in entries:
        if e["action"] == "load":
            raw = (target.parent / f"{e['sha256']}{Path(e['file_name']).suffix.lower()}").read_bytes()
            new_ids[e["load_id"]], _ = commit(raw, e["file_name"], e["dataset"], by=e["by"], record=False)
            progress(f"  replayed upload {e['file_name']} as load {new_ids[e['load_id']]}")
        else:
            undo(new_ids[e["load_id"]], by=e["by"], record=False)
            progress(f"  replayed undo of load {new_ids[e['load_id']]}")
    return len(entries)


def commit(raw: bytes, file_name: str, dataset: str, by: str | None = None, record: bool = True) -> tuple[int, Plan]:
    """Validate again under the lock and apply the plan all or nothing; keep the accepted file by its hash."""
    who = by or os.environ.get("INTEGRITAS_USER") or getpass.getuser()
    with build_lock():
        p = plan(raw, file_name, dataset)
        if not p.ok:
            raise ValidationFailed(dataset, p.problems)
        ds = DATASETS[dataset]

        def change(con: duckdb.DuckDBPyConnection) -> int:
            load_id = _next_load_id(con)
            _apply(con, ds, [b for b, _ in p.changed], p.new + [a for _, a in p.changed])
            con.execute(
                'INSERT INTO loads (id, "at", "by", file_name, sha256, dataset, added, changed, rejected, status) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 'ok')",
                [load_id, datetime.now(UTC), who, file_name, p.sha256, dataset, len(p.new), len(p.changed)],
            )
            images = [(load_id, dataset, _key(ds, a), None, json.dumps(a)) for a in p.new]
            images += [(load_id, dataset, _key(ds, a), json.dumps(b), json.dumps(a)) for b, a in p.changed]
            if images:
                con.executemany("INSERT INTO load_changes VALUES (?, ?, ?, ?, ?)", images)
            return load_id

        load_id = _write_new_db(change)
        store = paths.data_dir() / "uploads"
        store.mkdir(parents=True, exist_ok=True)
        kept = store / f"{p.sha256}{Path(file_name).suffix.lower()}"
        if not kept.exists():
            kept.write_bytes(raw)
        if record:
            _record("load", load_id, p.sha256, file_name, dataset, who)
    return load_id, p


def undo(load_id: int, by: str | None = None, record: bool = True) -> int:
    """Restore exactly the rows a load replaced or added, and record the undo as a load of its own."""
    who = by or os.environ.get("INTEGRITAS_USER") or getpass.getuser()
    with build_lock():

        def change(con: duckdb.DuckDBPyConnection) -> int:
            rows = con.execute("SELECT dataset, status FROM loads WHERE id = ?", [load_id]).fetchall()
            row = rows[0] if rows else None
            n_images = con.execute("SELECT count(*) FROM load_changes WHERE load_id = ?", [load_id]).fetchall()[0][0]
            if row is None or row[1] != "ok" or not n_images:
                raise LoadFailed(f"load {load_id} is not an upload that can be undone")
            dataset = row[0]
            ds = DATASETS[dataset]
            later = con.execute(
                "SELECT count(*) FROM load_changes AS c JOIN loads AS l ON l.id = c.load_id "
                "WHERE l.status = 'ok' AND c.load_id > ? AND c.dataset = ? AND c.row_key IN "
                "(SELECT row_key FROM load_changes WHERE load_id = ?)",
                [load_id, dataset, load_id],
            ).fetchall()[0][0]
            if later:
                raise LoadFailed(f"load {load_id}: later loads changed the same rows; undo those first")
            images = con.execute("SELECT before, after FROM load_changes WHERE load_id = ?", [load_id]).fetchall()
            afters = [json.loads(a) for _, a in images]
            befores = [json.loads(b) for b, _ in images if b is not None]
            _apply(con, ds, afters, befores)
            undo_id = _next_load_id(con)
            con.execute("UPDATE loads SET status = 'undone' WHERE id = ?", [load_id])
            con.execute(
                'INSERT INTO loads (id, "at", "by", file_name, sha256, dataset, added, changed, rejected, status) '
                "SELECT ?, ?, ?, 'undo of load ' || id, sha256, dataset, 0, ?, 0, 'undo' FROM loads WHERE id = ?",
                [undo_id, datetime.now(UTC), who, len(images), load_id],
            )
            return undo_id

        undo_id = _write_new_db(change)
        if record:
            _record("undo", load_id, "", "", "", who)
        return undo_id


def example_row(dataset: str) -> list[str]:
    """The first row already in the database, as text: a real, sourced example for the upload templates."""
    ds = DATASETS[dataset]
    db = paths.current_db()
    if db is None:
        return [""] * len(ds.columns)
    con = duckdb.connect(str(db), read_only=True)
    try:
        cols = ", ".join(f'"{c}"::VARCHAR' for c in ds.columns)
        rows = con.execute(f"SELECT {cols} FROM {ds.table} LIMIT 1").fetchall()
    finally:
        con.close()
    return ["" if v is None else str(v) for v in (rows[0] if rows else [None] * len(ds.columns))]


def history() -> pd.DataFrame:
    con = duckdb.connect(str(_current()), read_only=True)
    try:
        return con.execute(
            'SELECT id, "at", "by", file_name, dataset, added, changed, rejected, status, sha256 FROM loads ORDER BY id'
        ).df()
    finally:
        con.close()
