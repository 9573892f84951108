"""The database schema, with every rule of a dataset written once, in etl/datasets.py.

`etl/ddl/*.sql` give each table its columns, types and comments (the public schema), the rules datasets.py has no
words for (defaults) and the tables that are not datasets (`loads`, `load_changes`). What datasets.py declares,
NOT NULL (required), allowed values (choices), ranges (min/max), patterns, the key, the references and the rules
across columns (`period_start <= period_end`), is compiled here into each dataset's CREATE TABLE; the DDL files
never repeat it, so every constraint a file can break has a message of the validator. A dataset with no table in
etl/ddl gets one from its fields, typed by their kind.

DuckDB cannot add a CHECK or a foreign key to an existing table, so the DDL files run first on a scratch in-memory
database; each dataset's table is then written out again from that catalog with the declared rules added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from etl.datasets import DATASETS, Dataset, Field
from etl.parse import DEFAULT_TYPES
from etl.sqlutil import ident, idents, literal

DDL_DIR = Path(__file__).parent / "ddl"
# the column type of a dataset that has no table in etl/ddl
SQL_TYPES = {"str": "VARCHAR", **DEFAULT_TYPES}


class SchemaError(Exception):
    """etl/ddl and etl/datasets.py do not fit together (columns differ, a reference has no single-column key)."""


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def field_checks(f: Field) -> list[str]:
    """The CHECK expressions a field's declared allowed values, range and pattern compile to."""
    col = ident(f.name)
    checks = []
    if f.choices:
        checks.append(f"{col} IN ({', '.join(map(literal, f.choices))})")
    if f.min is not None and f.max is not None:
        checks.append(f"{col} BETWEEN {_number(f.min)} AND {_number(f.max)}")
    elif f.min is not None:
        checks.append(f"{col} >= {_number(f.min)}")
    elif f.max is not None:
        checks.append(f"{col} <= {_number(f.max)}")
    if f.pattern:
        checks.append(f"regexp_full_match({col}, {literal(f.pattern)})")
    return checks


def key_constraint(ds: Dataset) -> str:
    """PRIMARY KEY on the declared key; UNIQUE when a key column may be empty (a primary key column may not)."""
    required = {f.name for f in ds.fields if f.required}
    kind = "PRIMARY KEY" if set(ds.key) <= required else "UNIQUE"
    return f"{kind} ({idents(ds.key)})"


def declared_constraints(ds: Dataset, datasets: dict[str, Dataset] | None = None) -> list[str]:
    """The table constraints datasets.py declares for `ds`: its key, its references, its fields' checks."""
    datasets = DATASETS if datasets is None else datasets
    out = [key_constraint(ds)]
    for f in ds.fields:
        if f.ref and not f.ref_when:  # a conditional reference is the validator's alone
            target = datasets.get(f.ref)
            if target is None or len(target.key) != 1:
                raise SchemaError(f"{ds.name}.{f.name}: ref {f.ref!r} must name a dataset with a one-column key")
            out.append(f"FOREIGN KEY ({ident(f.name)}) REFERENCES {ident(target.table)} ({ident(target.key[0])})")
    out += [f"CHECK ({check})" for f in ds.fields for check in field_checks(f)]
    out += [f"CHECK ({rule.sql})" for rule in ds.rules if not rule.lookup]
    return out


@dataclass
class _Table:
    """A table as etl/ddl created it in the scratch database."""

    name: str
    sql: str
    comment: str | None = None
    # (name, type, default, nullable, comment) of each column, in order
    columns: list[tuple[str, str, str | None, bool, str | None]] = field(default_factory=list)
    constraints: list[str] = field(default_factory=list)  # CHECK, UNIQUE, keys written in the DDL, verbatim


_MAIN = "database_name = current_database() AND schema_name = 'main'"


def _ddl_tables(ddl_dir: Path) -> dict[str, _Table]:
    """Run the DDL files on a scratch in-memory database and read back each table, in creation order."""
    scratch = duckdb.connect()
    try:
        for path in sorted(ddl_dir.glob("*.sql")):
            scratch.execute(path.read_text(encoding="utf-8"))
        tables = {
            name: _Table(name, sql, comment)
            for name, sql, comment in scratch.execute(
                f"SELECT table_name, sql, comment FROM duckdb_tables() WHERE {_MAIN} ORDER BY table_oid"
            ).fetchall()
        }
        for table, name, data_type, default, nullable, comment in scratch.execute(
            "SELECT table_name, column_name, data_type, column_default, is_nullable, comment FROM duckdb_columns() "
            f"WHERE {_MAIN} ORDER BY table_oid, column_index"
        ).fetchall():
            tables[table].columns.append((name, data_type, default, nullable, comment))
        for table, text in scratch.execute(
            "SELECT table_name, constraint_text FROM duckdb_constraints() "
            f"WHERE {_MAIN} AND constraint_type <> 'NOT NULL' ORDER BY table_oid, constraint_index"
        ).fetchall():
            tables[table].constraints.append(text)
    finally:
        scratch.close()
    return tables


def _comments(table: _Table) -> list[str]:
    out = [f"COMMENT ON TABLE {ident(table.name)} IS {literal(table.comment)};"] if table.comment else []
    out += [
        f"COMMENT ON COLUMN {ident(table.name)}.{ident(name)} IS {literal(comment)};"
        for name, _type, _default, _nullable, comment in table.columns
        if comment
    ]
    return out


def _dataset_table(ds: Dataset, ddl: _Table | None, datasets: dict[str, Dataset]) -> str:
    if ddl is None:
        ddl = _Table(ds.table, "", columns=[(f.name, SQL_TYPES[f.kind], None, True, None) for f in ds.fields])
    names = [c[0] for c in ddl.columns]
    if names != ds.columns:
        raise SchemaError(
            f"table {ds.table}: etl/ddl has columns {names}, etl/datasets.py declares {ds.columns} (same order)"
        )
    if written := [name for name, _type, _default, nullable, _comment in ddl.columns if not nullable]:
        raise SchemaError(f"table {ds.table}: NOT NULL on {written} in etl/ddl; declare required=True in datasets.py")
    required = {f.name for f in ds.fields if f.required}
    lines = [
        f"{ident(name)} {data_type}"
        + (f" DEFAULT {default}" if default is not None else "")
        + (" NOT NULL" if name in required else "")
        for name, data_type, default, _nullable, _comment in ddl.columns
    ]
    lines += declared_constraints(ds, datasets) + ddl.constraints
    body = ",\n    ".join(lines)
    return "\n".join([f"CREATE TABLE {ident(ds.table)} (\n    {body}\n);", *_comments(ddl)])


def schema_sql(ddl_dir: Path | None = None, datasets: dict[str, Dataset] | None = None) -> str:
    """The whole schema as one SQL script: every dataset (in declaration order, so references come first) with
    its declared rules, then the tables that are not datasets, each with its comments."""
    datasets = DATASETS if datasets is None else datasets
    ddl = _ddl_tables(ddl_dir or DDL_DIR)
    parts = [_dataset_table(ds, ddl.get(ds.table), datasets) for ds in datasets.values()]
    for name, table in ddl.items():
        if name not in datasets:
            parts.append("\n".join([table.sql, *_comments(table)]))
    parts.append(cited_rows_sql(datasets))
    return "\n\n".join(parts) + "\n"


def cited_rows_sql(datasets: dict[str, Dataset]) -> str:
    """The view `cited_rows(tbl, row_id, source_id)`: every row of every dataset that cites a source, so the
    contract that each cited source exists and is quoted covers a new dataset without being edited."""
    selects = [
        f"SELECT {literal(ds.table)} AS tbl, concat_ws('/', {', '.join(f'{ident(k)}::VARCHAR' for k in ds.key)}) "
        f"AS row_id, source_id FROM {ident(ds.table)}"
        for ds in datasets.values()
        if "source_id" in ds.columns
    ]
    body = (
        "\nUNION ALL\n".join(selects)
        or "SELECT NULL::VARCHAR AS tbl, NULL::VARCHAR AS row_id, NULL::VARCHAR AS source_id"
    )
    comment = "Every row that cites a source (table, key joined by /, source id); generated from etl/datasets.py."
    return f"CREATE VIEW cited_rows AS\n{body};\nCOMMENT ON VIEW cited_rows IS {literal(comment)};"


def create(con: duckdb.DuckDBPyConnection, ddl_dir: Path | None = None) -> None:
    """Create every table of the schema on `con`."""
    con.execute(schema_sql(ddl_dir))
