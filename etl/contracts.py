"""Data contracts: SQL checks in etl/contracts/*.sql run against a built database after every build.

Each file is a query returning the offending rows, under a `-- severity: error|warning` line (and `-- column:` naming
the column an uploaded row that breaks it is refused by); the rule it checks is
stated in core/locales (`contract.<file name>`), in Bahasa Indonesia and English."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from core.i18n import tr

CONTRACTS_DIR = Path(__file__).parent / "contracts"


@dataclass(frozen=True)
class ContractResult:
    name: str
    severity: str  # error | warning
    columns: list[str]
    rows: list[tuple[object, ...]]
    column: str | None = None  # the file column a breach is named by on the upload page (`-- column:` header)

    @property
    def breached(self) -> bool:
        return self.severity == "error" and bool(self.rows)

    def rule(self, lang: str = "en") -> str:
        """The rule this contract checks, in `lang` (core/locales, key `contract.<name>`)."""
        return tr(f"contract.{self.name}", lang)


def _header(sql: str, key: str) -> str:
    for line in sql.splitlines():
        if line.startswith(f"-- {key}:"):
            return line.split(":", 1)[1].strip()
    return ""


def run_contracts(con: duckdb.DuckDBPyConnection) -> list[ContractResult]:
    results = []
    for path in sorted(CONTRACTS_DIR.glob("*.sql")):
        sql = path.read_text(encoding="utf-8")
        # on `con` itself, not a cursor: a cursor is another connection and would not see an uncommitted upload
        res = con.execute(sql)
        cols = [d[0] for d in res.description]
        rows = res.fetchall()
        results.append(
            ContractResult(path.stem, _header(sql, "severity") or "error", cols, rows, _header(sql, "column") or None)
        )
    return results


def report(results: list[ContractResult]) -> str:
    """A readable report: one line per contract, and the offending rows under each breach or warning."""
    out = []
    for r in results:
        mark = "BREACH" if r.breached else ("warning" if r.rows else "ok")
        out.append(f"[{mark:>7}] {r.name}: {r.rule('en')}" + (f" ({len(r.rows)} rows)" if r.rows else ""))
        if r.breached:
            for row in r.rows[:20]:
                out.append("           " + ", ".join(f"{c}={v}" for c, v in zip(r.columns, row, strict=True)))
    return "\n".join(out)
