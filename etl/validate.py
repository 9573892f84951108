"""Validate staged text cells against a dataset's declared schema (etl/datasets.py), compiled to DuckDB SQL so that
one vectorised pass checks a million rows; every problem names its line, column, value and reason (ID and EN)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from core.i18n import tr
from etl.datasets import SOURCE_COLUMNS, Dataset, Field
from etl.parse import DEFAULT_TYPES, norm_sql
from etl.sqlutil import ident, idents, literal

CONTRACT = "contract:"  # the code of a problem that is a data contract's breach: "contract:zones_match_bands"
MAX_PROBLEMS = 1000  # shown and kept per file; the total is still counted
# what a fact's file must say of a source it describes inline (val.rule.<column>); `source_both` is the fourth rule
INLINE_REQUIRED = ("source_url", "source_publisher", "source_quote")


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
        if self.code.startswith(CONTRACT):  # a data rule the row would break once stored: the rule, said in full
            reason = tr("val.contract", lang, rule=tr("contract." + self.code.removeprefix(CONTRACT), lang))
        else:
            reason = tr("val." + self.code, lang, detail=self.detail)
        return f"{where}{value}: {reason}"


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
    text = str(value)
    # Excel reads a region code as a number and drops its last zero: 53.1 was 53.10, never 53.71
    if re.fullmatch(r"53\.\d", text) and text + "0" in keys:
        return f"; ≈ {text}0"
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


def _detail(field: Field | None, code: str, value: object = None, types: dict[str, str] | None = None) -> str:
    if field is None:
        return ""
    text = "" if value is None else str(value)
    if code == "choice":
        return ", ".join(field.choices or ())
    if code == "range":
        return f"{field.min if field.min is not None else '…'}–{field.max if field.max is not None else '…'}"
    if code == "invisible_char":
        found = hidden_char(text, field.prose)
        return f"{found[1]}, #{found[0]}" if found else ""
    if code == "decimals":
        return str(scale(field, types or {}))
    return ""


# A lone "=" (a comparator) is not a formula, and neither is a signed number.
_FORMULA = r"^[=+\-@].", r"^[+-]?\d+([.,]\d+)*$"
_MARKUP = r"<\s*/?\s*[a-zA-Z][^>]*>"
# Characters nobody sees: bidi controls (they reorder what is shown) anywhere; zero-width characters, a BOM inside
# the text, soft hyphens and line breaks in everything but free text, where a key or name would then differ from
# the one it looks like.
_BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
_HIDDEN = _BIDI + "\u200b-\u200d\u2060-\u2064\ufeff\u00ad\t\n\r"
_PERCENT = r"\s*%$"
_SCALE = re.compile(r"DECIMAL\((\d+),\s*(\d+)\)")


def _thousands(field: Field | None, text: str) -> bool:
    """Whether `text` looks like a thousand written the English way ("1,106") where a thousand can be meant."""
    if field is None or not re.fullmatch(r"\d{1,3}(,\d{3})+", text):
        return False
    return field.max is None or float(text.replace(",", "")) <= field.max


def _re2_class(chars: str) -> str:
    """An RE2 character class for SQL: each character as \\x{…}, ranges kept."""
    return "[" + "".join("-" if c == "-" else f"\\x{{{ord(c):x}}}" for c in chars) + "]"


def hidden_char(text: str, prose: bool) -> tuple[int, str] | None:
    """The first invisible character in `text` (1-based position, 'U+200B'), or None."""
    match = re.search(f"[{_BIDI if prose else _HIDDEN}]", text)
    if match is None:
        return None
    return match.start() + 1, f"U+{ord(match.group()):04X}"


def scale(f: Field, types: dict[str, str]) -> int | None:
    """How many decimals the column of a decimal field keeps (DECIMAL(5,2) -> 2), None when not fixed."""
    match = _SCALE.search(types.get(f.name, ""))
    return int(match.group(2)) if f.kind == "decimal" and match else None


def column_types(con: duckdb.DuckDBPyConnection, table: str, db: str | None = None) -> dict[str, str]:
    """The SQL type of each column of `table` in database `db` (the connection's own when None)."""
    database = db.strip('"') if db else con.execute("SELECT current_database()").fetchall()[0][0]
    rows = con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = ? AND table_name = ?",
        [database, table],
    ).fetchall()
    return dict(rows)


def _number_sql(f: Field, x: str) -> str:
    """The cell as a number's text: a percentage field reads "40,02%" as 40,02."""
    return f"regexp_replace({x}, '{_PERCENT}', '')" if f.percent else x


def _code_sql(
    f: Field,
    x: str,
    types: dict[str, str],
    known: dict[str, set[tuple[str, ...]]] | None,
    optional: str | None = None,
) -> str:
    """The first rule cell `x` of field `f` breaks, as a problem code, or NULL when it is fine.

    `optional` is SQL that, when true, lets a required cell be empty (source_id beside an inline source)."""
    # the cheap first-character and contains tests spare the regexes on almost every cell
    hidden = _BIDI if f.prose else _HIDDEN
    whens = [
        f"WHEN regexp_matches({x}, '{_re2_class(hidden)}') THEN 'invisible_char'",
        f"WHEN left({x}, 1) IN ('=', '+', '-', '@') AND regexp_matches({x}, '{_FORMULA[0]}') "
        f"AND NOT regexp_full_match({x}, '{_FORMULA[1]}') THEN 'formula'",
        f"WHEN contains({x}, '<') AND regexp_matches({x}, '{_MARKUP}') THEN 'markup'",
    ]
    if f.kind != "str" and not f.percent:
        whens.append(f"WHEN regexp_matches({x}, '{_PERCENT}') THEN 'percent_sign'")
    keeps = scale(f, types)
    if keeps is not None:
        # DECIMAL(5,2) would round 40,025 to 40,03: more decimals than the column keeps is refused, never rounded
        decimals = f"length(rtrim(split_part({norm_sql(f.kind, _number_sql(f, x))}, '.', 2), '0'))"
        whens.append(f"WHEN {decimals} > {keeps} THEN 'decimals'")
    if f.kind != "str":
        # the value must also fit the column it goes into (DECIMAL(5,2), INTEGER...)
        whens.append(f"WHEN {_typed_sql(f, x, types)} IS NULL THEN 'type_{f.kind}'")
    if f.choices:
        whens.append(f"WHEN {x} NOT IN ({', '.join(map(literal, f.choices))}) THEN 'choice'")
    if f.pattern:
        whens.append(f"WHEN NOT regexp_full_match({x}, {literal('(?:' + f.pattern + ')')}) THEN 'pattern'")
    if f.min is not None or f.max is not None:
        value = f"TRY_CAST(({norm_sql(f.kind, _number_sql(f, x))}) AS DOUBLE)"
        bounds = [f"{value} < {f.min}" if f.min is not None else "", f"{value} > {f.max}" if f.max is not None else ""]
        whens.append(f"WHEN {' OR '.join(b for b in bounds if b)} THEN 'range'")
    if f.ref and known is not None and f.ref in known:
        when = f"{ident(f.ref_when[0])} = {literal(f.ref_when[1])} AND " if f.ref_when else ""
        whens.append(f"WHEN {when}{x} NOT IN (SELECT k FROM known_{f.ref}) THEN 'unknown_ref'")
    empty = "'required'" if f.required else "NULL"
    if f.required and optional:
        empty = f"CASE WHEN {optional} THEN NULL ELSE 'required' END"
    return f"CASE WHEN {x} IS NULL THEN {empty} {' '.join(whens)} END"


def _typed_sql(f: Field, x: str, types: dict[str, str]) -> str:
    if f.kind == "str":
        return x
    return f"TRY_CAST(({norm_sql(f.kind, _number_sql(f, x))}) AS {types.get(f.name) or DEFAULT_TYPES[f.kind]})"


def _named_cells(con: duckdb.DuckDBPyConnection, staged: Staged, ds: Dataset, names: dict[str, dict[str, str]]) -> str:
    """SQL for the non-empty staged rows under their header names, region/agency names replaced by their keys."""
    fields = {f.name: f for f in ds.upload_fields}
    cell_of = dict(staged.columns)
    select, joins = ["r._line", "r._extra"], []
    for i, (label, col) in enumerate(staged.columns):
        f = fields[label]
        lookup = names.get(f.ref, {}) if f.ref else {}
        # a conditional reference (dimension_value when the dimension is asal) is resolved on its rows only
        when = (
            f"r.{cell_of[f.ref_when[0]]} = {literal(f.ref_when[1])}" if f.ref_when and f.ref_when[0] in cell_of else ""
        )
        if f.ref_when and not when:
            lookup = {}
        pairs = []
        if lookup:
            rows = f"SELECT DISTINCT r.{col} FROM {staged.table} AS r WHERE r.{col} IS NOT NULL"
            distinct = con.execute(rows + (f" AND {when}" if when else "")).fetchall()
            pairs = [(v, lookup[name_key(v)]) for (v,) in distinct if lookup.get(name_key(v), v) != v]
        if not pairs:
            select.append(f"r.{col} AS {ident(label)}")
            continue
        two = "unnest($v::VARCHAR[]) AS v, unnest($k::VARCHAR[]) AS k"
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE name_map_{i} AS SELECT {two}",
            {"v": [v for v, _ in pairs], "k": [k for _, k in pairs]},
        )
        joins.append(f"LEFT JOIN name_map_{i} AS m{i} ON m{i}.v = r.{col}" + (f" AND {when}" if when else ""))
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
    accepted = [f.name for f in ds.upload_fields]
    problems = [Problem(1, c, None, "missing_column") for c in ds.columns if c not in labels]
    seen: set[str] = set()
    for label in labels:
        if label not in accepted or label in seen:
            problems.append(Problem(1, label, None, "extra_column", ", ".join(accepted)))
        seen.add(label)
    if problems:
        raise ValidationFailed(ds.name, problems)
    # the inline source columns the file has; absent ones read as empty
    inline = [c for c in SOURCE_COLUMNS if c in labels] if ds.inline_source else []
    fields = [f for f in ds.upload_fields if f.name in ds.columns or f.name in inline]
    by_name = {f.name: f for f in fields}

    for ref in {f.ref for f in fields if f.ref and known is not None and f.ref in known}:
        # one list parameter, not a row at a time: 169 000 source ids took 20 s with executemany, milliseconds so
        listed = [k[0] for k in known[ref]]  # type: ignore[index]
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE known_{ref} AS SELECT unnest($keys::VARCHAR[]) AS k", {"keys": listed}
        )
    # `cells`: the text under the header names; `checked`: each cell typed like its column and the first rule it
    # breaks, in one pass.
    con.execute(f"CREATE OR REPLACE TEMP VIEW cells AS {_named_cells(con, staged, ds, names)}")
    has_inline = " OR ".join(f"{ident(c)} IS NOT NULL" for c in inline) or "false"
    out = []
    for f in fields:
        x = ident(f.name)
        optional = has_inline if f.name == "source_id" else None
        out += [
            f"{_typed_sql(f, x, types)} AS {x}",
            f"{_code_sql(f, x, types, known, optional)} AS {ident('!' + f.name)}",
        ]
    if inline:
        out.append(f"({has_inline}) AS _inline")
    con.execute(f"CREATE OR REPLACE TEMP TABLE checked AS SELECT _line, _stray, {', '.join(out)} FROM cells")
    found = ["SELECT _line, NULL AS col, _stray::VARCHAR AS val, 'cell_count' AS code FROM checked WHERE _stray > 0"]
    codes = [(f.name, ident("!" + f.name)) for f in fields]
    found += [f"SELECT _line, {literal(name)}, NULL, {c} FROM checked WHERE {c} IS NOT NULL" for name, c in codes]
    # rules across columns, on rows whose every cell is fine on its own (so a row's one mistake is named once)
    clean = " AND ".join(f"{c} IS NULL" for _, c in codes)
    tables = {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
        ).fetchall()
    }
    for rule in ds.rules:
        if rule.lookup and not {"methods", "agencies", "agency_aliases"} <= tables:
            continue  # a frame checked on its own: no tables to look things up in
        found.append(
            f"SELECT _line, {literal(rule.column)}, NULL, {literal('rule.' + rule.name)} FROM checked AS _r "
            f"WHERE {clean} AND NOT coalesce(({rule.sql}), true)"
        )
    if inline:
        # an inline source says who published it and quotes it; it replaces source_id, never sits beside one
        for column in INLINE_REQUIRED:
            given = f"{ident(column)} IS NOT NULL" if column in inline else "false"
            found.append(
                f"SELECT _line, {literal(column)}, NULL, {literal('rule.' + column)} FROM checked "
                f"WHERE {clean} AND _inline AND source_id IS NULL AND NOT {given}"
            )
        found.append(
            "SELECT _line, 'source_id', NULL, 'rule.source_both' FROM checked "
            f"WHERE {clean} AND _inline AND source_id IS NOT NULL"
        )
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
        text = " ".join(f"WHEN {literal(f.name)} THEN c.{ident(f.name)}" for f in fields)
        first = (
            f"SELECT p._line, p.col, coalesce(p.val, CASE p.col {text} END), p.code FROM "
            f"(SELECT * FROM ({union}) ORDER BY _line, col NULLS FIRST LIMIT {MAX_PROBLEMS}) AS p "
            "LEFT JOIN cells AS c ON c._line = p._line ORDER BY p._line, p.col NULLS FIRST"
        )
        for line, col, value, code in con.execute(first).fetchall():
            named_field = by_name.get(col)
            detail = _detail(named_field, code, value, types)
            if code == "unknown_ref" and named_field is not None and named_field.ref and known is not None:
                detail = named_field.ref + _suggest(
                    value, named_field.ref, {k[0] for k in known[named_field.ref]}, names
                )
            if code == "cell_count":
                detail, value = f"{value}/{width}", None
            if code in ("decimals", "rule.count_whole") and _thousands(named_field, str(value)):
                # "1,106" is one point one zero six in Bahasa: a thousand written the English way
                code, detail = "thousands_comma", str(value).replace(",", ".")
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
