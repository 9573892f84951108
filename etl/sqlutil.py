"""Quoting for SQL built as text: the one place identifiers and literals are quoted (etl and integritas use it).

Values from files never go through here into a query: they are bound as parameters or read by DuckDB itself. This
is for names (columns, tables, databases, header cells) and for the few constants written into DDL and checks.
"""

from __future__ import annotations

from collections.abc import Iterable


def ident(name: str) -> str:
    """`name` as a quoted SQL identifier, whatever characters it holds: zone -> "zone", a"b -> "a""b"."""
    return '"' + str(name).replace('"', '""') + '"'


def idents(names: Iterable[str]) -> str:
    """A comma-separated list of quoted identifiers, as in a column list."""
    return ", ".join(ident(n) for n in names)


def literal(value: object) -> str:
    """`value` as a SQL string literal: it's -> 'it''s'."""
    return "'" + str(value).replace("'", "''") + "'"
