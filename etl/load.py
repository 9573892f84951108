"""Staff uploads: read and validate a file, show what would change (dry run), commit all or nothing, undo exactly.

Every commit writes a new database file (a copy of the current one plus the change, contracts checked) and only
then moves the CURRENT pointer, under the same lock as builds; a failed or interrupted load changes nothing.
"""

from __future__ import annotations

import csv
import getpass
import hashlib
import os
import shutil
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from core import paths
from core.i18n import tr
from etl.build import _new_db_path, build_lock, prune, switch_pointer
from etl.contracts import ContractResult, report, run_contracts
from etl.datasets import DATASETS, Dataset
from etl.reader import locate, stage
from etl.sqlutil import ident, idents, literal
from etl.validate import CONTRACT, MAX_PROBLEMS, Problem, ValidationFailed, check, column_types, name_key

# What staff may upload is declared per dataset (etl/datasets.py): facts can be added and corrected (`fact`),
# reference rows that facts point at can only be added (`extendable`).
UPLOADABLE = frozenset(name for name, ds in DATASETS.items() if ds.uploadable)
# The one query for the load history: `python -m etl history` and the pages (integritas.db) both run it.
HISTORY_SQL = Path(__file__).parent / "sql" / "load_history.sql"


class LoadFailed(Exception):
    """A load that was refused as a whole: `key` names the reason in core/locales (`load.*`, filled with `fields`),
    `breaches` lists the data contracts it would have broken. str() is the English text with the contract report,
    for the command line; `message(lang)` is the reason a page shows."""

    def __init__(self, key: str, breaches: list[ContractResult] | None = None, **fields: object):
        self.key, self.fields = key, fields
        self.breaches = breaches or []
        super().__init__(self.message("en") + ("\n" + report(self.breaches) if self.breaches else ""))

    def message(self, lang: str) -> str:
        return tr(self.key, lang, **self.fields)

    def bilingual(self) -> str:
        """The reason in Bahasa and English, then each broken data rule in both with the rows that break it."""
        lines = [self.message("id"), self.message("en")]
        for c in self.breaches:
            lines += [f"- {c.name}: {c.rule('id')}", f"  {c.rule('en')}"]
            for row in c.rows[:20]:
                lines.append("    " + ", ".join(f"{k}={v}" for k, v in zip(c.columns, row, strict=True)))
        return "\n".join(lines)


SAMPLE = 200  # new and changed rows kept on a Plan for the dry-run table; the counts cover every row

Progress = Callable[[str], None]  # called with a step name: read, check, compare, write, contracts


@dataclass
class Plan:
    dataset: str
    file_name: str
    sha256: str
    n_new: int = 0
    n_changed: int = 0
    unchanged: int = 0
    new: list[dict[str, object]] = field(default_factory=list)  # the first SAMPLE new rows
    # the first SAMPLE (before, after) pairs
    changed: list[tuple[dict[str, object], dict[str, object]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    problem_total: int = 0
    loaded_before: list[int] = field(default_factory=list)  # ids of earlier loads of the same file
    sheet: str | None = None  # the workbook sheet the table was read from (None for CSV)
    header_row: int = 1  # the spreadsheet row of the header (below any title rows)
    n_sources: int = 0  # sources the file describes inline that are not in the database yet
    sources: list[dict[str, object]] = field(default_factory=list)  # the first SAMPLE of them
    breaches: list[ContractResult] = field(default_factory=list)  # data rules the change would break
    # the same breaches as row/column/value problems (the file's row where the breaking row came from)
    breach_problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.breaches


def _current() -> Path:
    db = paths.current_db()
    if db is None:
        raise LoadFailed("load.no_db")
    return db


def _known(con: duckdb.DuckDBPyConnection, ds: Dataset, db: str) -> dict[str, set[tuple[str, ...]]]:
    known = {}
    for ref in {f.ref for f in ds.fields if f.ref}:
        key, table = idents(DATASETS[ref].key), ident(DATASETS[ref].table)
        known[ref] = {tuple(map(str, r)) for r in con.execute(f"SELECT {key} FROM {db}.main.{table}").fetchall()}
    return known


def _names(con: duckdb.DuckDBPyConnection, db: str) -> dict[str, dict[str, str]]:
    """Names a file may use instead of codes: region names (with or without 'Kabupaten'), agency names and aliases."""
    regions: dict[str, str] = {}
    bare: dict[str, list[str]] = {}
    for kode, nama in con.execute(f"SELECT kode, nama FROM {db}.main.regions").fetchall():
        regions[name_key(nama)] = kode
        short = name_key(nama).removeprefix("kabupaten ").removeprefix("kota ")
        bare.setdefault(short, []).append(kode)
    # 'Kupang' alone could be the kabupaten or the kota: only unambiguous short names are accepted
    regions |= {short: codes[0] for short, codes in bare.items() if len(codes) == 1 and short not in regions}
    agencies: dict[str, str] = {}
    rows = con.execute(
        f"SELECT id, nama FROM {db}.main.agencies UNION ALL SELECT id, singkatan FROM {db}.main.agencies "
        f"WHERE singkatan IS NOT NULL UNION ALL SELECT agency_id, alias FROM {db}.main.agency_aliases"
    ).fetchall()
    for agency_id, name in rows:
        agencies.setdefault(name_key(name), agency_id)
    return {"regions": regions, "agencies": agencies}


def key_text(ds: Dataset, alias: str = "") -> str:
    """SQL for a row's key as text ('53.71 / 2024'), as stored in load_changes.row_key."""
    prefix = f"{alias}." if alias else ""
    return "concat_ws(' / ', " + ", ".join(f"coalesce(CAST({prefix}{ident(k)} AS VARCHAR), '')" for k in ds.key) + ")"


def _json(ds: Dataset, prefix: str) -> str:
    return "json_object(" + ", ".join(f"{literal(c)}, CAST({ident(prefix + c)} AS VARCHAR)" for c in ds.columns) + ")"


def _compare(con: duckdb.DuckDBPyConnection, ds: Dataset, db: str) -> dict[str, int]:
    """Temp table `diff`: each checked row (typed like its table) with the row it would replace, and its kind."""
    q = {c: ident(c) for c in ds.columns}
    cols = ", ".join(f"i.{q[c]}" for c in ds.columns)
    before = ", ".join(f"t.{q[c]} AS {ident('_b_' + c)}" for c in ds.columns)
    on = " AND ".join(f"i.{q[k]} IS NOT DISTINCT FROM t.{q[k]}" for k in ds.key)
    differs = " OR ".join(f"i.{q[c]} IS DISTINCT FROM t.{q[c]}" for c in ds.columns)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE diff AS SELECT i._line, {cols}, {before}, "
        f"CASE WHEN t._present IS NULL THEN 'new' WHEN {differs} THEN 'changed' ELSE 'same' END AS kind "
        f"FROM checked AS i LEFT JOIN (SELECT *, true AS _present FROM {db}.main.{ident(ds.table)}) AS t ON {on}"
    )
    return dict(con.execute("SELECT kind, count(*) FROM diff GROUP BY kind").fetchall())


SOURCE_COPY = {
    "url": "source_url",
    "publisher": "source_publisher",
    "published_on": "source_date",
    "quote": "source_quote",
}


def _inline_sources(con: duckdb.DuckDBPyConnection, p: Plan, db: str) -> None:
    """Give each row that describes its source inline a source id: an identical source row's, or a new one derived
    from the four columns ('src-' and 12 hex digits of their hash), kept in the temp table `new_sources`."""
    present = {
        c for (c,) in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'checked'").fetchall()
    }
    if "_inline" not in present:
        con.execute("CREATE OR REPLACE TEMP TABLE new_sources AS SELECT * FROM main.sources LIMIT 0")
        return
    cols = {k: (ident(v) if v in present else "NULL") for k, v in SOURCE_COPY.items()}
    same = " AND ".join(f"s.{ident(k)} IS NOT DISTINCT FROM w.{ident(k)}" for k in SOURCE_COPY)
    digest = (
        "sha256(concat_ws(chr(31), " + ", ".join(f"coalesce(w.{ident(k)}::VARCHAR, '')" for k in SOURCE_COPY) + "))"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE inline_sources AS WITH wanted AS (SELECT DISTINCT "
        + ", ".join(f"{v} AS {ident(k)}" for k, v in cols.items())
        + " FROM checked WHERE _inline AND source_id IS NULL) "
        f"SELECT coalesce((SELECT min(s.id) FROM {db}.main.sources AS s WHERE {same}), 'src-' || left({digest}, 12)) "
        f"AS id, w.*, NOT EXISTS (SELECT 1 FROM {db}.main.sources AS s WHERE {same}) AS is_new FROM wanted AS w"
    )
    match = " AND ".join(f"i.{ident(k)} IS NOT DISTINCT FROM c.{v}" for k, v in cols.items() if v != "NULL")
    con.execute(
        f"UPDATE checked AS c SET source_id = i.id FROM inline_sources AS i WHERE c._inline AND c.source_id IS NULL "
        f"AND {match}"
    )
    src = DATASETS["sources"]
    values = ", ".join(ident(c) if c in ("id", *SOURCE_COPY) else f"NULL AS {ident(c)}" for c in src.columns)
    con.execute(f"CREATE OR REPLACE TEMP TABLE new_sources AS SELECT {values} FROM inline_sources WHERE is_new")
    p.n_sources = con.execute("SELECT count(*) FROM new_sources").fetchall()[0][0]
    p.sources = [
        dict(zip(src.columns, map(_text, r), strict=True))
        for r in con.execute(f"SELECT {idents(src.columns)} FROM new_sources ORDER BY id LIMIT {SAMPLE}").fetchall()
    ]


def _text(v: object) -> str | None:
    return None if v is None else str(v)


def _examine(con: duckdb.DuckDBPyConnection, p: Plan, raw: bytes, db: str, progress: Progress) -> None:
    """Read, validate and compare `raw` on `con` against database `db`, filling `p` (and the temp table `diff`)."""
    ds = DATASETS[p.dataset]
    progress("read")
    try:
        columns = [f.name for f in ds.upload_fields]
        staged = stage(con, raw, Path(p.file_name).stem, columns)
        if raw[:4] == b"PK\x03\x04" or raw[:4] == b"\xd0\xcf\x11\xe0":
            # a workbook: say which sheet and row were read (read once more; workbooks are small by nature)
            where = locate(raw, Path(p.file_name).stem, columns)
            p.sheet, p.header_row = where.sheet, where.header_row
        progress("check")
        check(con, staged, ds, _known(con, ds, db), _names(con, db), column_types(con, ds.table, db))
    except ValidationFailed as err:
        p.problems, p.problem_total = err.problems, err.total
        return
    if ds.inline_source:
        _inline_sources(con, p, db)
    progress("compare")
    counts = _compare(con, ds, db)
    p.n_new, p.n_changed, p.unchanged = counts.get("new", 0), counts.get("changed", 0), counts.get("same", 0)
    cols = idents(ds.columns)
    befores = idents("_b_" + c for c in ds.columns)
    p.new = [
        dict(zip(ds.columns, map(_text, r), strict=True))
        for r in con.execute(f"SELECT {cols} FROM diff WHERE kind = 'new' ORDER BY _line LIMIT {SAMPLE}").fetchall()
    ]
    n = len(ds.columns)
    for r in con.execute(
        f"SELECT {befores}, {cols} FROM diff WHERE kind = 'changed' ORDER BY _line LIMIT {SAMPLE}"
    ).fetchall():
        before, after = r[:n], r[n:]
        p.changed.append(
            (
                dict(zip(ds.columns, map(_text, before), strict=True)),
                dict(zip(ds.columns, map(_text, after), strict=True)),
            )
        )
    if p.n_changed and not ds.updatable:
        lines = con.execute(
            f"SELECT _line, {key_text(ds)} FROM diff WHERE kind = 'changed' ORDER BY _line LIMIT {MAX_PROBLEMS}"
        ).fetchall()
        p.problems = [Problem(int(line), ", ".join(ds.key), key, "not_updatable", p.dataset) for line, key in lines]
        p.problem_total = p.n_changed


def _uploadable(dataset: str) -> None:
    if dataset not in DATASETS or not DATASETS[dataset].uploadable:
        uploadable = sorted(name for name, ds in DATASETS.items() if ds.uploadable)
        raise LoadFailed("load.not_uploadable", dataset=dataset, choices=", ".join(uploadable))


def plan(raw: bytes, file_name: str, dataset: str, progress: Progress = lambda _s: None) -> Plan:
    """Rehearse a commit and report it: validate the file, count what it would add or change, apply it to a
    throwaway copy of the database and run the data contracts there, then throw the copy away.

    The database that readers use is never opened for writing; a file that passes the dry run passes the commit
    unless the database changed in between (the commit checks everything again).
    """
    _uploadable(dataset)
    p = Plan(dataset, file_name, hashlib.sha256(raw).hexdigest())
    paths.db_dir().mkdir(parents=True, exist_ok=True)
    # beside the databases (same disk, same space), under a name that prune() never matches
    rehearsal = paths.db_dir() / f".dry-run-{os.getpid()}-{uuid.uuid4().hex}.duckdb"
    shutil.copyfile(_current(), rehearsal)
    con = duckdb.connect(str(rehearsal))
    try:
        p.loaded_before = [
            r[0]
            for r in con.execute(
                "SELECT id FROM loads WHERE sha256 = ? AND dataset = ? AND status = 'ok' ORDER BY id",
                [p.sha256, dataset],
            ).fetchall()
        ]
        con.execute("BEGIN")
        _examine(con, p, raw, _db_name(con), progress)
        if p.ok and (p.n_new or p.n_changed or p.n_sources):
            progress("write")
            try:
                _apply(con, p, "dry-run", datetime.now(UTC))
            except duckdb.ConstraintException as err:  # the validator knows every declared rule; this is the net
                p.problems, p.problem_total = [Problem(None, None, None, "constraint", _first_line(err))], 1
            else:
                progress("contracts")
                p.breaches = [c for c in run_contracts(con) if c.breached]
                p.breach_problems = breach_problems(con, DATASETS[dataset], p.breaches)
        con.execute("ROLLBACK")
    finally:
        con.close()
        rehearsal.unlink(missing_ok=True)
        Path(str(rehearsal) + ".wal").unlink(missing_ok=True)
    return p


def _breach_key(ds: Dataset, row: dict[str, object]) -> str | None:
    """The key (as load_changes writes it) of the uploaded row a contract's result row names, when it names one."""
    if row.get("tbl") not in (None, ds.table):
        return None  # a row of another table
    if "row_id" in row:  # cited_rows and friends: the key joined by /
        return " / ".join(str(row["row_id"]).split("/"))
    if "unit" in row and "year" in row:  # zones_match_bands: a pemda or a unit, and a year
        return f"{row['unit']} / {row['year']}"
    if all(k in row for k in ds.key):
        return " / ".join(str(row[k]) for k in ds.key)
    return None


def breach_problems(con: duckdb.DuckDBPyConnection, ds: Dataset, breaches: list[ContractResult]) -> list[Problem]:
    """Each breached contract's rows as problems: on the file's row that brought the breaking row in (read from the
    temp table `diff` of the load being checked), named by the contract's column, with the rule in both languages."""
    out: list[Problem] = []
    for b in breaches:
        for values in b.rows[:MAX_PROBLEMS]:
            row = dict(zip(b.columns, values, strict=True))
            key = _breach_key(ds, row)
            lines = (
                con.execute(f"SELECT _line FROM diff WHERE {key_text(ds)} = ? ORDER BY _line", [key]).fetchall()
                if key is not None
                else []
            )
            value = row.get(b.column) if b.column else None
            if value is None and not lines:  # nothing of the file to point at: say the row the rule found
                value = ", ".join(f"{k}={v}" for k, v in row.items())
            code = CONTRACT + b.name
            out += [Problem(int(line), b.column, _text(value), code) for (line,) in lines] or [
                Problem(None, b.column, _text(value), code)
            ]
    # the file's rows first, in order; then what the rules found across rows (counts, names shared by two rows)
    return sorted(out, key=lambda p: (p.row is None, p.row or 0))


def _first_line(err: Exception) -> str:
    return str(err).splitlines()[0][:200]


def _db_name(con: duckdb.DuckDBPyConnection) -> str:
    return ident(con.execute("SELECT current_database()").fetchall()[0][0])


def _apply(con: duckdb.DuckDBPyConnection, p: Plan, who: str, when: datetime) -> int:
    """Record the load and its row images, then replace the changed rows and add the new ones (in `con`'s
    transaction). Returns the new load id."""
    ds = DATASETS[p.dataset]
    load_id = _next_load_id(con)
    con.execute(
        'INSERT INTO loads (id, "at", "by", file_name, sha256, dataset, added, changed, rejected, status) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 'ok')",
        [load_id, when, who, p.file_name, p.sha256, p.dataset, p.n_new + p.n_sources, p.n_changed],
    )
    if p.n_sources:  # the sources a file described inline come first: its facts cite them
        src = DATASETS["sources"]
        con.execute(
            f"INSERT INTO load_changes SELECT ?, 'sources', {key_text(src)}, NULL, NULL FROM new_sources", [load_id]
        )
        con.execute(f"INSERT INTO sources ({idents(src.columns)}) SELECT {idents(src.columns)} FROM new_sources")
    before = _json(ds, "_b_")
    con.execute(
        f"INSERT INTO load_changes SELECT ?, ?, {key_text(ds)}, "
        f"CASE WHEN kind = 'changed' THEN {before} END, CASE WHEN kind = 'changed' THEN {_json(ds, '')} END "
        "FROM diff WHERE kind <> 'same'",
        [load_id, p.dataset],
    )
    on = " AND ".join(f"d.{ident(k)} IS NOT DISTINCT FROM t.{ident(k)}" for k in ds.key)
    con.execute(f"DELETE FROM {ident(ds.table)} AS t USING diff AS d WHERE d.kind = 'changed' AND {on}")
    cols = idents(ds.columns)
    con.execute(f"INSERT INTO {ident(ds.table)} ({cols}) SELECT {cols} FROM diff WHERE kind <> 'same'")
    return load_id


def _write_new_db(
    change: Callable[[duckdb.DuckDBPyConnection], int],
    progress: Progress = lambda _s: None,
    keep: Callable[[int], None] = lambda _result: None,
) -> int:
    """Copy the current DB, run `change(con)` in one transaction, check contracts, `keep` what a rebuild needs to
    replay it (the file, the manifest line), and only then switch readers to the copy.

    The order is what makes a failure at any step harmless: until the pointer moves, readers and a rebuild see the
    database as before; `keep` must leave nothing behind when it fails, and its manifest line is taken back if the
    switch itself fails."""
    target = _new_db_path()
    shutil.copyfile(_current(), target)
    con = duckdb.connect(str(target))
    try:
        con.execute("BEGIN")
        try:
            result = change(con)
        except duckdb.ConstraintException as err:  # a rule the validator does not know: a message, not a traceback
            raise LoadFailed("load.constraint", detail=_first_line(err)) from err
        progress("contracts")
        breaches = [c for c in run_contracts(con) if c.breached]
        if breaches:
            raise LoadFailed("load.breached", breaches)
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        con.close()
        manifest = manifest_file()
        size = manifest.stat().st_size if manifest.exists() else None
        try:
            keep(result)
            switch_pointer(target)
        except BaseException:
            _truncate(manifest, size)
            raise
    except BaseException:
        con.close()
        target.unlink(missing_ok=True)
        Path(str(target) + ".wal").unlink(missing_ok=True)
        raise
    prune(target)
    return result


def _truncate(manifest: Path, size: int | None) -> None:
    """Put the manifest back as it was (`size` None: it did not exist), taking back a line for a load that failed."""
    if size is None:
        manifest.unlink(missing_ok=True)
        return
    with manifest.open("r+b") as fh:
        fh.truncate(size)
        fh.flush()
        os.fsync(fh.fileno())


def _next_load_id(con: duckdb.DuckDBPyConnection) -> int:
    # fetchall, not fetchone: duckdb 2 refuses further work on a connection while a result is unfinished
    return int(con.execute("SELECT coalesce(max(id), 0) + 1 FROM loads").fetchall()[0][0])


# `at`: when the load or undo happened, so that a rebuild replays it with its own time (the brief dates data by it)
MANIFEST_FIELDS = ("action", "load_id", "sha256", "file_name", "dataset", "by", "at")


def manifest_file() -> Path:
    return paths.data_dir() / "uploads" / "manifest.csv"


def _record(action: str, load_id: int, sha256: str, file_name: str, dataset: str, by: str, at: datetime) -> None:
    """Append to the upload manifest, the order in which `etl build` replays accepted uploads and undos."""
    target = manifest_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    new = not target.exists()
    with target.open("a", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        if new:
            writer.writerow(MANIFEST_FIELDS)
        writer.writerow((action, load_id, sha256, file_name, dataset, by, at.isoformat()))
        fh.flush()
        os.fsync(fh.fileno())


def _recorded_at(entry: dict[str, str]) -> datetime | None:
    """The time a manifest line recorded (None for a line written before the manifest had one: replayed as now)."""
    value = entry.get("at") or ""
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def replay(progress: Callable[[str], None] = lambda _m: None) -> int:
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
            new_ids[e["load_id"]], _ = commit(
                raw, e["file_name"], e["dataset"], by=e["by"], record=False, at=_recorded_at(e)
            )
            progress(f"  replayed upload {e['file_name']} as load {new_ids[e['load_id']]}")
        else:
            undo(new_ids[e["load_id"]], by=e["by"], record=False, at=_recorded_at(e))
            progress(f"  replayed undo of load {new_ids[e['load_id']]}")
    return len(entries)


def commit(
    raw: bytes,
    file_name: str,
    dataset: str,
    by: str | None = None,
    record: bool = True,
    progress: Progress = lambda _s: None,
    at: datetime | None = None,
) -> tuple[int, Plan]:
    """Validate again under the lock, on the copy being written, and apply the file all or nothing; keep the
    accepted file by its hash."""
    _uploadable(dataset)
    who = by or os.environ.get("INTEGRITAS_USER") or getpass.getuser()
    when = at or datetime.now(UTC)
    p = Plan(dataset, file_name, "")
    # hashing 100 MB takes a quarter of a second; hashlib releases the GIL, so it runs beside DuckDB's work
    hasher = ThreadPoolExecutor(max_workers=1)
    digest = hasher.submit(lambda: hashlib.sha256(raw).hexdigest())
    hasher.shutdown(wait=False)
    with build_lock():

        def change(con: duckdb.DuckDBPyConnection) -> int:
            _examine(con, p, raw, _db_name(con), progress)
            if not p.ok:
                raise ValidationFailed(dataset, p.problems, p.problem_total)
            progress("write")
            p.sha256 = digest.result()
            return _apply(con, p, who, when)

        def keep(load_id: int) -> None:
            # the accepted file by its hash, then the manifest line that replays it: a rebuild needs both
            store = paths.data_dir() / "uploads"
            store.mkdir(parents=True, exist_ok=True)
            kept = store / f"{p.sha256}{Path(file_name).suffix.lower()}"
            if not kept.exists():
                tmp = kept.with_suffix(".part")
                tmp.write_bytes(raw)
                os.replace(tmp, kept)
            if record:
                _record("load", load_id, p.sha256, file_name, dataset, who, when)

        load_id = _write_new_db(change, progress, keep)
    return load_id, p


def _remove_keys(con: duckdb.DuckDBPyConnection, ds: Dataset, load_id: int) -> None:
    """Delete the rows whose keys load `load_id` recorded.

    DuckDB removes index entries one by one at commit (10 s for a million-row upload), so a table that no foreign
    key points at (a fact table) is rebuilt instead: keep the other rows, drop, recreate from its own stored DDL.
    """
    gone = (
        f"{key_text(ds)} IN (SELECT row_key FROM load_changes WHERE load_id = {int(load_id)} "
        f"AND dataset = {literal(ds.name)})"
    )
    if any(f.ref == ds.name for other in DATASETS.values() for f in other.fields):
        con.execute(f"DELETE FROM {ident(ds.table)} WHERE {gone}")
        return
    ((ddl, comment),) = con.execute(
        "SELECT sql, comment FROM duckdb_tables() WHERE table_name = ? AND database_name = current_database()",
        [ds.table],
    ).fetchall()
    notes = con.execute(
        "SELECT column_name, comment FROM duckdb_columns() WHERE table_name = ? "
        "AND database_name = current_database() AND comment IS NOT NULL",
        [ds.table],
    ).fetchall()
    con.execute(f"CREATE OR REPLACE TEMP TABLE kept AS SELECT * FROM {ident(ds.table)} WHERE NOT ({gone})")
    con.execute(f"DROP TABLE {ident(ds.table)}")
    con.execute(ddl)
    con.execute(f"INSERT INTO {ident(ds.table)} SELECT * FROM kept")
    if comment:
        con.execute(f"COMMENT ON TABLE {ident(ds.table)} IS {literal(comment)}")
    for column, note in notes:
        con.execute(f"COMMENT ON COLUMN {ident(ds.table)}.{ident(column)} IS {literal(note)}")
    con.execute("DROP TABLE kept")


def _refuse_if_needed_later(con: duckdb.DuckDBPyConnection, load_id: int, order: list[str]) -> None:
    """Refuse an undo that would pull rows from under a later load: one that changed the same rows again, or whose
    rows cite a row this load added (a fact citing a source the load described inline). Names the later loads."""
    later = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT c.load_id FROM load_changes AS c JOIN loads AS l ON l.id = c.load_id "
            "WHERE l.status = 'ok' AND c.load_id > ? AND (c.dataset, c.row_key) IN "
            "(SELECT dataset, row_key FROM load_changes WHERE load_id = ?) ORDER BY 1",
            [load_id, load_id],
        ).fetchall()
    ]
    if later:
        raise LoadFailed("load.undo_later", id=load_id, later=", ".join(map(str, later)))
    for name in order:
        mine = f"SELECT row_key FROM load_changes WHERE load_id = {int(load_id)} AND dataset = "
        added = f"{mine}{literal(name)} AND before IS NULL"
        for other in DATASETS.values():
            for f in other.fields:
                if f.ref != name or f.ref_when:
                    continue
                own = f"{mine}{literal(other.name)}"
                citing = (
                    f"SELECT {key_text(other)} FROM {ident(other.table)} WHERE {ident(f.name)}::VARCHAR IN ({added}) "
                    f"AND {key_text(other)} NOT IN ({own})"
                )
                if not con.execute(f"SELECT count(*) FROM ({citing})").fetchall()[0][0]:
                    continue
                loads = [
                    r[0]
                    for r in con.execute(
                        f"SELECT DISTINCT load_id FROM load_changes WHERE dataset = {literal(other.name)} "
                        f"AND row_key IN ({citing}) AND load_id <> {int(load_id)} ORDER BY 1"
                    ).fetchall()
                ]
                raise LoadFailed(
                    "load.undo_cited", id=load_id, later=", ".join(map(str, loads)) or "–", table=other.table
                )


def undo(load_id: int, by: str | None = None, record: bool = True, at: datetime | None = None) -> int:
    """Restore exactly the rows a load replaced or added, and record the undo as a load of its own."""
    who = by or os.environ.get("INTEGRITAS_USER") or getpass.getuser()
    when = at or datetime.now(UTC)
    with build_lock():

        def change(con: duckdb.DuckDBPyConnection) -> int:
            rows = con.execute("SELECT dataset, status FROM loads WHERE id = ?", [load_id]).fetchall()
            row = rows[0] if rows else None
            n_images = con.execute("SELECT count(*) FROM load_changes WHERE load_id = ?", [load_id]).fetchall()[0][0]
            if row is None or row[1] != "ok" or not n_images:
                raise LoadFailed("load.not_undoable", id=load_id)
            touched = {
                d
                for (d,) in con.execute(
                    "SELECT DISTINCT dataset FROM load_changes WHERE load_id = ?", [load_id]
                ).fetchall()
            }
            order = [name for name in DATASETS if name in touched]  # references first: a fact's source before it
            _refuse_if_needed_later(con, load_id, order)
            for name in reversed(order):
                _remove_keys(con, DATASETS[name], load_id)
            for name in order:
                ds = DATASETS[name]
                cols = idents(ds.columns)
                values = ", ".join(f"json_extract_string(before, {literal('$.' + c)})" for c in ds.columns)
                con.execute(
                    f"INSERT INTO {ident(ds.table)} ({cols}) SELECT {values} FROM load_changes "
                    "WHERE load_id = ? AND dataset = ? AND before IS NOT NULL",
                    [load_id, name],
                )
            undo_id = _next_load_id(con)
            con.execute("UPDATE loads SET status = 'undone' WHERE id = ?", [load_id])
            con.execute(
                'INSERT INTO loads (id, "at", "by", file_name, sha256, dataset, added, changed, rejected, status) '
                "SELECT ?, ?, ?, 'undo of load ' || id, sha256, dataset, 0, ?, 0, 'undo' FROM loads WHERE id = ?",
                [undo_id, when, who, n_images, load_id],
            )
            return undo_id

        def keep(_undo_id: int) -> None:
            if record:
                _record("undo", load_id, "", "", "", who, when)

        undo_id = _write_new_db(change, keep=keep)
        return undo_id


def example_row(dataset: str) -> list[str]:
    """The first row already in the database, as text: a real, sourced example for the upload templates."""
    ds = DATASETS[dataset]
    db = paths.current_db()
    if db is None:
        return [""] * len(ds.columns)
    con = duckdb.connect(str(db), read_only=True)
    try:
        cols = ", ".join(f"{ident(c)}::VARCHAR" for c in ds.columns)
        rows = con.execute(f"SELECT {cols} FROM {ident(ds.table)} LIMIT 1").fetchall()
    finally:
        con.close()
    return ["" if v is None else str(v) for v in (rows[0] if rows else [None] * len(ds.columns))]


def history() -> pd.DataFrame:
    """Every load, newest first (etl/sql/load_history.sql, the query the pages run too)."""
    con = duckdb.connect(str(_current()), read_only=True)
    try:
        return con.execute(HISTORY_SQL.read_text(encoding="utf-8")).df()
    finally:
        con.close()
