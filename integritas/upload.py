"""What the staff upload page shows: templates (CSV and XLSX with an example row and a column guide), problems and
the dry-run diff as tables. The reading, validating and committing itself is etl.load, shared with the CLI."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import openpyxl
import pandas as pd

from etl.contracts import ContractResult
from etl.datasets import DATASETS
from etl.load import UPLOADABLE, LoadFailed, Plan, commit, example_row, history, plan, undo
from etl.validate import Problem, ValidationFailed
from integritas.i18n import LANGS, tr

# The staff pages reach the load machinery only through this module: pages import integritas, never etl.
__all__ = ["UPLOADABLE", "LoadFailed", "ValidationFailed", "commit", "history", "plan", "table_of", "undo"]


def table_of(dataset: str) -> str:
    """The database table a dataset is loaded into (named in the success message)."""
    return DATASETS[dataset].table


def column_guide(dataset: str, lang: str) -> pd.DataFrame:
    rows = []
    for f in DATASETS[dataset].fields:
        rule = tr(f"kind.{f.kind}", lang)
        if f.choices:
            rule += "; " + tr("guide.choices", lang, choices=", ".join(f.choices))
        if f.ref:
            rule += "; " + tr("guide.ref", lang, ref=f.ref)
        if f.min is not None or f.max is not None:
            rule += "; " + tr(
                "guide.range", lang, lo=f.min if f.min is not None else "…", hi=f.max if f.max is not None else "…"
            )
        rows.append(
            {
                tr("col.column", lang): f.name,
                tr("guide.required", lang): tr("yes" if f.required else "no", lang),
                tr("col.description", lang): rule,
            }
        )
    return pd.DataFrame(rows)


def template_csv(dataset: str) -> bytes:
    ds = DATASETS[dataset]
    frame = pd.DataFrame([example_row(dataset)], columns=ds.columns)
    text: str = frame.to_csv(index=False)
    return text.encode("utf-8-sig")


def template_xlsx(dataset: str) -> bytes:
    ds = DATASETS[dataset]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "data"
    ws.append(ds.columns)
    ws.append(example_row(dataset))
    for lang in ("id", "en"):
        guide = wb.create_sheet(f"{tr('upload.guide_sheet', lang)}-{lang}")
        g = column_guide(dataset, lang)
        guide.append(list(g.columns))
        for r in g.itertuples(index=False):
            guide.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


STEPS = {"read": 0.1, "check": 0.3, "compare": 0.6, "write": 0.75, "contracts": 0.9}


def progress_reporter(bar: Any, lang: str) -> Callable[[str], None]:
    """A progress callback for etl.load that moves a st.progress bar through the named steps."""

    def report(step: str) -> None:
        bar.progress(STEPS.get(step, 0.0), text=tr(f"upload.step.{step}", lang))

    return report


def problems_table(problems: list[Problem], lang: str = "id") -> pd.DataFrame:
    """Every problem with its row, column and value, the reason in the reader's language first, then the other."""
    order = (lang, *(other for other in LANGS if other != lang))
    return pd.DataFrame(
        {
            _both("upload.row"): [p.row if p.row is not None else "–" for p in problems],
            _both("col.column"): [p.column or "–" for p in problems],
            _both("col.value"): [p.value or "" for p in problems],
            **{tr("upload.reason", r).lower(): [p.message(r).split(": ", 1)[-1] for p in problems] for r in order},
        }
    )


def _both(key: str) -> str:
    """A header in both languages ('baris / row'), for a table staff read in either."""
    return " / ".join(tr(key, lang).lower() for lang in LANGS)


def breach_summary(breaches: list[ContractResult], lang: str) -> str:
    """Each broken data rule on a line of its own, in the reader's language."""
    return "".join(f"\n- **{c.name}** — {c.rule(lang)}" for c in breaches)


def breach_table(breach: ContractResult) -> pd.DataFrame:
    """The rows that would break a data contract, as the contract's query returned them."""
    return pd.DataFrame(breach.rows, columns=breach.columns).astype(str)


def _cell(value: object) -> str:
    return "–" if value is None else str(value)


def changes_table(plan: Plan, lang: str) -> pd.DataFrame:
    """Changed rows as 'column: before → after' lines, and new rows, for the dry run."""
    rows = []
    for before, after in plan.changed:
        diff = [f"{k}: {_cell(before.get(k))} → {_cell(v)}" for k, v in after.items() if before.get(k) != v]
        rows.append({tr("upload.kind", lang): tr("upload.changed", lang), tr("upload.row", lang): "; ".join(diff)})
    for rec in plan.new:
        text = ", ".join(f"{k}={v}" for k, v in rec.items() if v is not None)
        rows.append({tr("upload.kind", lang): tr("upload.new", lang), tr("upload.row", lang): text})
    return pd.DataFrame(rows)
