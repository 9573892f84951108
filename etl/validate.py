"""Validate staged text cells against a dataset's declared schema (etl/datasets.py), compiled to DuckDB SQL so that
one vectorised pass checks a million rows; every problem names its line, column, value and reason (ID and EN)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from core.i18n import tr
from etl.datasets import Dataset, Field
from etl.parse import DEFAULT_TYPES, norm_sql
from etl.sqlutil import ident, idents, literal

MAX_PROBLEMS = 1000  # shown and kept per file; the total is still counted


@dataclass(frozen=True)
class Staged:
    """A file read into `table` (`_line`, `_extra`, c0…): each header name (lower case) with its cell column.

    `_extra` is true where a row had one cell more than the header (a stray delimiter)."""

    table: str
    columns: tuple[tuple[str, str], ...]
    unnamed: tuple[str, ...] = ()  # cell columns under empty header cells: any value there is a stray cell


@dataclass(frozen=True)
class Problem:
    """One reason a file cannot be loaded. `row` is the line number in the file (the header is line 1)."""

    row: int | None
    column: str | None
    value: str | None
    code: str
    detail: str = ""

    def message(self, lang: str = "id") -> str:
        where = tr("val.where", lang, row=self.row if self.row is not None else "–", column=self.column or "–")
        value = "" if self.value is None else tr("val.value", lang, value=self.value)
        return f"{where}{value}: {tr('val.' + self.code, lang, detail=self.detail)}"


class ValidationFailed(Exception):
    """The file was refused; `problems` lists up to MAX_PROBLEMS of `total` reasons."""

    def __init__(self, dataset: str, problems: list[Problem], total: int | None = None):
        self.dataset = dataset
        self.problems = problems
        self.total = max(total or 0, len(problems))
        super().__init__(f"{dataset}: {self.total} problem(s); first: {problems[0].message('en')}")


def name_key(text: str) -> str:
    """'Kab. Kupang', 'kabupaten  KUPANG' -> 'kabupaten kupang': how names are compared."""
    words = re.sub(r"[^\w]+", " ", str(text).lower()).split()
    return " ".join("kabupaten" if w == "kab" else w for w in words)


def _suggest(value: object, ref: str, keys: set[str], names: dict[str, dict[str, str]]) -> str:
    """'; ≈ kota kupang (53.71)' — the closest names or keys to an unknown value."""
    candidates = {**{k: k for k in keys}, **names.get(ref, {})}
    wanted = name_key(str(value))

    def likeness(candidate: str) -> float:
        # word order differs in practice ("Kupang Kota" for "Kota Kupang"), so compare sorted words too
        pairs = ((wanted, candidate), (" ".join(sorted(wanted.split())), " ".join(sorted(candidate.split()))))
        return max(difflib.SequenceMatcher(None, a, b).ratio() for a, b in pairs)

    scored = sorted(((likeness(c), c) for c in candidates), reverse=True)
    close = [c for score, c in scored[:3] if score >= 0.6]
    shown = [f"{c} ({candidates[c]})" if candidates[c] != c else c for c in close]
    return f"; ≈ {', '.join(shown)}" if shown else ""


def _detail(field: Field | None, code: str) -> str:
    if field is None:
        return ""
    if code == "choice":
        return ", ".join(field.choices or ())
    if code == "range":
        return f"{field.min if field.min is not None else '…'}–{field.max if field.max is not None else '…'}"
    return ""


# A lone "=" (a comparator) is not a formula, and neither is a signed number.
_FORMULA = r"^[=+\-@].", r"^[+-]?\d+([.,]\d+)*$"
_MARKUP = r"<\s*/?\s*[a-zA-Z][^>]*>"


def column_types(con: duckdb.DuckDBPyConnection, table: str, db: str | None = None) -> dict[str, str]:
    """The SQL type of each column of `table` in database `db` (the connection's own when None)."""
    database = db.strip('"') if db else con.execute("SELECT current_database()").fetchall()[0][0]
    rows = con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = ? AND table_name = ?",
        [database, table],
    ).fetchall()
    return dict(rows)


def _code_sql(f: Field, x: str, types: dict[str, str], known: dict[str, set[tuple[str, ...]]] | None) -> str:
    """The first rule cell `x` of field `f` breaks, as a problem code, or NULL when it is fine."""
    # the cheap first-character and contains tests spare the regexes on almost every cell
    whens = [
        f"WHEN left({x}, 1) IN ('=', '+', '-', '@') AND regexp_matches({x}, '{_FORMULA[0]}') "
        f"AND NOT regexp_full_match({x}, '{_FORMULA[1]}') THEN 'formula'",
        f"WHEN contains({x}, '<') AND regexp_matches({x}, '{_MARKUP}') THEN 'markup'",
    ]
    if f.kind != "str":
        # the value must also fit the column it goes into (DECIMAL(5,2), INTEGER...)
        whens.append(f"WHEN {_typed_sql(f, x, types)} IS NULL THEN 'type_{f.kind}'")
    if f.choices:
        whens.append(f"WHEN {x} NOT IN ({', '.join(map(literal, f.choices))}) THEN 'choice'")
    if f.pattern:
        whens.append(f"WHEN NOT regexp_full_match({x}, {literal('(?:' + f.pattern + ')')}) THEN 'pattern'")
    if f.min is not None or f.max is not None:
        value = f"TRY_CAST(({norm_sql(f.kind, x)}) AS DOUBLE)"
        bounds = [f"{value} < {f.min}" if f.min is not None else "", f"{value} > {f.max}" if f.max is not None else ""]
        whens.append(f"WHEN {' OR '.join(b for b in bounds if b)} THEN 'range'")
    if f.ref and known is not None and f.ref in known:
        whens.append(f"WHEN {x} NOT IN (SELECT k FROM known_{f.ref}) THEN 'unknown_ref'")
    empty = "'required'" if f.required else "NULL"
    return f"CASE WHEN {x} IS NULL THEN {empty} {' '.join(whens)} END"


def _typed_sql(f: Field, x: str, types: dict[str, str]) -> str:
    if f.kind == "str":
        return x
    return f"TRY_CAST(({norm_sql(f.kind, x)}) AS {types.get(f.name) or DEFAULT_TYPES[f.kind]})"


def _named_cells(con: duckdb.DuckDBPyConnection, staged: Staged, ds: Dataset, names: dict[str, dict[str, str]]) -> str:
    """SQL for the non-empty staged rows under their header names, region/agency names replaced by their keys."""
    fields = {f.name: f for f in ds.fields}
    select, joins = ["r._line", "r._extra"], []
    for i, (label, col) in enumerate(staged.columns):
        f = fields[label]
        lookup = names.get(f.ref, {}) if f.ref else {}
        pairs = []
        if lookup:
            distinct = con.execute(f"SELECT DISTINCT {col} FROM {staged.table} WHERE {col} IS NOT NULL").fetchall()
            pairs = [(v, lookup[name_key(v)]) for (v,) in distinct if lookup.get(name_key(v), v) != v]
        if not pairs:
            select.append(f"r.{col} AS {ident(label)}")
            continue
        con.execute(f"CREATE OR REPLACE TEMP TABLE name_map_{i} (v VARCHAR, k VARCHAR)")
        con.executemany(f"INSERT INTO name_map_{i} VALUES (?, ?)", pairs)
        joins.append(f"LEFT JOIN name_map_{i} AS m{i} ON m{i}.v = r.{col}")
        select.append(f"coalesce(m{i}.k, r.{col}) AS {ident(label)}")
    cells = [c for _, c in staged.columns] + list(staged.unnamed)
    nonempty = " OR ".join(["r._extra"] + [f"r.{c} IS NOT NULL" for c in cells])
    # how many cells a row has when that is more than the header names (0 when it fits)
    width = len(staged.columns) + len(staged.unnamed)
    counts = [f"CASE WHEN r._extra THEN {width + 1} END"]
    counts += [
        f"CASE WHEN r.{c} IS NOT NULL THEN {len(staged.columns) + i + 1} END" for i, c in enumerate(staged.unnamed)
    ]
    select.append(f"coalesce(greatest({', '.join(counts)}), 0) AS _stray")
    return f"SELECT {', '.join(select)} FROM {staged.table} AS r {' '.join(joins)} WHERE {nonempty}"


def check(
    con: duckdb.DuckDBPyConnection,
    staged: Staged,
    ds: Dataset,
    known: dict[str, set[tuple[str, ...]]] | None = None,
    names: dict[str, dict[str, str]] | None = None,
    types: dict[str, str] | None = None,
    allow_empty: bool = False,
) -> int:
    """Check the staged file against `ds`; on success leave its rows, typed like the target table, in `checked`.

    `known` holds the keys each referenced dataset already has; `names` maps, per referenced dataset, a name (see
    name_key) to its key, so a file may say "Kota Kupang" where the key is 53.71; `types` are the target table's
    column types (values must fit them); `allow_empty` accepts a file with no rows (a seed that is only a header).
    Raises ValidationFailed listing every problem (up to MAX_PROBLEMS).
    """
    names = names or {}
    types = types or {}
    labels = [label for label, _ in staged.columns]
    problems = [Problem(1, c, None, "missing_column") for c in ds.columns if c not in labels]
    seen: set[str] = set()
    for label in labels:
        if label not in ds.columns or label in seen:
            problems.append(Problem(1, label, None, "extra_column", ", ".join(ds.columns)))
        seen.add(label)
    if problems:
        raise ValidationFailed(ds.name, problems)

    for ref in {f.ref for f in ds.fields if f.ref and known is not None and f.ref in known}:
        con.execute(f"CREATE OR REPLACE TEMP TABLE known_{ref} (k VARCHAR)")
        con.executemany(f"INSERT INTO known_{ref} VALUES (?)", [(k[0],) for k in known[ref]])  # type: ignore[index]
    # `cells`: the text under the header names; `checked`: each cell typed like its column and the first rule it
    # breaks, in one pass.
    con.execute(f"CREATE OR REPLACE TEMP VIEW cells AS {_named_cells(con, staged, ds, names)}")
    out = []
    for f in ds.fields:
        x = ident(f.name)
        out += [f"{_typed_sql(f, x, types)} AS {x}", f"{_code_sql(f, x, types, known)} AS {ident('!' + f.name)}"]
    con.execute(f"CREATE OR REPLACE TEMP TABLE checked AS SELECT _line, _stray, {', '.join(out)} FROM cells")
    fields = {f.name: f for f in ds.fields}
    found = ["SELECT _line, NULL AS col, _stray::VARCHAR AS val, 'cell_count' AS code FROM checked WHERE _stray > 0"]
    codes = [(f.name, ident("!" + f.name)) for f in ds.fields]
    found += [f"SELECT _line, {literal(name)}, NULL, {c} FROM checked WHERE {c} IS NOT NULL" for name, c in codes]
    keys = idents(ds.key)
    key_fine = " AND ".join(f"{ident('!' + k)} IS NULL" for k in ds.key)  # a key that did not parse is reported once
    found.append(
        f"SELECT _line, {literal(', '.join(ds.key))}, concat_ws(' / ', {keys}), 'duplicate_key' FROM "
        f"(SELECT _line, {keys}, row_number() OVER (PARTITION BY {keys} ORDER BY _line) AS _dup FROM checked "
        f"WHERE {key_fine}) WHERE _dup > 1"
    )
    union = " UNION ALL ".join(found)
    rows = con.execute("SELECT count(*) FROM checked").fetchall()[0][0]
    if not rows and not allow_empty:
        raise ValidationFailed(ds.name, [Problem(None, None, None, "empty")])
    total = con.execute(f"SELECT count(*) FROM ({union})").fetchall()[0][0]
    if total:
        width = len(staged.columns)
        text = " ".join(f"WHEN {literal(f.name)} THEN c.{ident(f.name)}" for f in ds.fields)
        first = (
            f"SELECT p._line, p.col, coalesce(p.val, CASE p.col {text} END), p.code FROM "
            f"(SELECT * FROM ({union}) ORDER BY _line, col NULLS FIRST LIMIT {MAX_PROBLEMS}) AS p "
            "LEFT JOIN cells AS c ON c._line = p._line ORDER BY p._line, p.col NULLS FIRST"
        )
        for line, col, value, code in con.execute(first).fetchall():
            named = fields.get(col)
            detail = _detail(named, code)
            if code == "unknown_ref" and named is not None and named.ref and known is not None:
                detail = named.ref + _suggest(value, named.ref, {k[0] for k in known[named.ref]}, names)
            if code == "cell_count":
                detail, value = f"{value}/{width}", None
            problems.append(Problem(int(line), col, None if code == "required" else value, code, detail))
        raise ValidationFailed(ds.name, problems, total)
    return int(rows)


def validate(
    df: pd.DataFrame,
    ds: Dataset,
    known: dict[str, set[tuple[str, ...]]] | None = None,
    names: dict[str, dict[str, str]] | None = None,
) -> pd.DataFrame:
    """Check a frame of text cells (row i is file line i + 2) and return its canonical cells, or raise."""
    if df.empty:
        raise ValidationFailed(ds.name, [Problem(None, None, None, "empty")])
    con = duckdb.connect()
    try:
        frame = pd.DataFrame({f"c{i}": df.iloc[:, i].astype(object) for i in range(df.shape[1])})
        frame = frame.where(frame.notna(), None)
        frame.insert(0, "_line", [int(i) + 2 for i in df.index])
        con.register("frame", frame)
        cols = ", ".join(f"nullif(trim(CAST(c{i} AS VARCHAR)), '') AS c{i}" for i in range(df.shape[1]))
        con.execute(f"CREATE TEMP TABLE frame_cells AS SELECT _line, false AS _extra, {cols} FROM frame")
        staged = Staged("frame_cells", tuple((str(c), f"c{i}") for i, c in enumerate(df.columns)))
        check(con, staged, ds, known, names)
        text = ", ".join(f"CAST({ident(c)} AS VARCHAR) AS {ident(c)}" for c in ds.columns)
        out = con.execute(f"SELECT {text} FROM checked ORDER BY _line").df()
    finally:
        con.close()
    return out.astype(object).where(out.notna(), None)
