"""What the staff upload page shows: templates (CSV and XLSX with an example row and a column guide), problems and
the dry-run diff as tables. The reading, validating and committing itself is etl.load, shared with the CLI."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

import openpyxl
import pandas as pd

from core.i18n import strings
from etl import sandbox
from etl.contracts import ContractResult
from etl.datasets import DATASETS
from etl.load import UPLOADABLE, LoadFailed, Plan, example_row, history, undo
from etl.reader import LIMITS, MAX_BYTES
from etl.validate import INLINE_REQUIRED, Problem, ValidationFailed
from integritas import fmt
from integritas.i18n import LANGS, tr

# The staff pages reach the load machinery only through this module: pages import integritas, never etl.
__all__ = ["UPLOADABLE", "LoadFailed", "ValidationFailed", "commit", "history", "plan", "table_of", "undo"]


def plan(raw: bytes, file_name: str, dataset: str, progress: Callable[[str], None] = lambda _s: None) -> Plan:
    """The dry run (etl.load.plan), in a child process bounded in memory and time: a file can fail, never the server."""
    result: Plan = sandbox.run("plan", raw, file_name, dataset, progress=progress)
    return result


def commit(
    raw: bytes, file_name: str, dataset: str, by: str, progress: Callable[[str], None] = lambda _s: None
) -> tuple[int, Plan]:
    """The commit (etl.load.commit), bounded like the dry run."""
    result: tuple[int, Plan] = sandbox.run("commit", raw, file_name, dataset, by=by, progress=progress)
    return result


def table_of(dataset: str) -> str:
    """The database table a dataset is loaded into (named in the success message)."""
    return DATASETS[dataset].table


# How a column's identifier looks, said in words beside the pattern (a person does not read regular expressions).
FORMATS = {"src-[a-z0-9-]+": "source_id", "[a-z0-9]+(-[a-z0-9]+)*": "slug", r"https?://\S+": "url"}


def column_guide(dataset: str, lang: str) -> pd.DataFrame:
    """One row per column a file may have: whether it is required, and every rule its cells must keep."""
    ds = DATASETS[dataset]
    example = dict(zip(ds.columns, example_row(dataset), strict=True))
    rows = []
    for f in ds.upload_fields:
        rules = [tr(f"kind.{f.kind}", lang)]
        if f.percent:
            rules.append(tr("guide.percent", lang))
        if f.choices:
            rules.append(tr("guide.choices", lang, choices=", ".join(f.choices)))
        if f.ref == "regions":
            rules.append(tr("guide.region", lang))
        elif f.ref == "agencies":
            rules.append(tr("guide.agency", lang))
        elif f.ref:
            rules.append(tr("guide.ref", lang, ref=tr(f"ds.{f.ref}", lang)))
        if f.ref_when:
            rules[-1] = tr("guide.ref_when", lang, column=f.ref_when[0], value=f.ref_when[1], rule=rules[-1])
        if f.min is not None or f.max is not None:
            rules.append(
                tr("guide.range", lang, lo=f.min if f.min is not None else "…", hi=f.max if f.max is not None else "…")
            )
        if f.pattern:
            rules.append(tr(f"guide.format.{FORMATS.get(f.pattern, 'other')}", lang, pattern=f.pattern))
        if example.get(f.name):
            rules.append(tr("guide.example", lang, example=example[f.name]))
        rules += [tr(f"guide.rule.{r.name}", lang) for r in ds.rules if r.column == f.name]
        if ds.inline_source and f.name == "source_id":
            required = tr("guide.source_id", lang)
        elif ds.inline_source and f.name in INLINE_REQUIRED:
            required = tr("guide.inline", lang)
        else:
            required = tr("yes" if f.required else "no", lang)
        rows.append(
            {
                tr("col.column", lang): f.name,
                tr("guide.required", lang): required,
                tr("col.description", lang): "; ".join(rules),
            }
        )
    return pd.DataFrame(rows)


def _template_row(dataset: str) -> tuple[list[str], list[str]]:
    """The template's header and its one example row: a real row, with its source written inline for a fact so
    that a first-time user sees both ways (the example keeps its source_id; the inline columns show the form)."""
    ds = DATASETS[dataset]
    header = [f.name for f in ds.upload_fields]
    return header, example_row(dataset) + [""] * (len(header) - len(ds.columns))


def template_csv(dataset: str) -> bytes:
    header, row = _template_row(dataset)
    frame = pd.DataFrame([row], columns=header)
    text: str = frame.to_csv(index=False)
    return text.encode("utf-8-sig")


def template_xlsx(dataset: str) -> bytes:
    header, row = _template_row(dataset)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "data"
    ws.append(header)
    ws.append(row)
    for column in ws.iter_cols(min_row=1, max_row=2):
        # text cells: what is typed stays what is stored (Excel would turn 53.10 into 53.1, or 80,93% into 0.8093)
        ws.column_dimensions[column[0].column_letter].number_format = "@"
        for cell in column[1:]:
            cell.number_format = "@"
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
            _both("upload.row"): [str(p.row) if p.row is not None else "–" for p in problems],
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


def _cell(value: object, kind: str, lang: str) -> str:
    """A stored value (as etl.load's text) as the dry run shows it: a decimal column's number with the page's
    decimal sign ('80,93' in Bahasa), every digit kept and no grouping, so that it reads as the number that will be
    stored; anything else as stored (years, dates, codes)."""
    if value is None:
        return "–"
    if kind == "decimal":
        try:
            return fmt.plain_number(Decimal(str(value)), lang)
        except InvalidOperation:  # not a number after all: as it is
            return str(value)
    return str(value)


# What the upload page accepts (etl.reader reads each); the size is the reader's own limit.
FILE_TYPES = ("csv", "txt", "tsv", "xlsx", "xls", "ods")
MAX_MB = MAX_BYTES // (1024 * 1024)


def limits_text(lang: str) -> str:
    """The reader's limits, said once on the upload page (a file past one is refused naming it)."""
    return tr(
        "upload.limits",
        lang,
        mb=fmt.number(LIMITS["bytes"] // (1024 * 1024), lang),
        columns=fmt.number(LIMITS["columns"], lang),
        rows=fmt.number(LIMITS["rows"], lang),
        chars=fmt.number(LIMITS["cell_chars"], lang),
        search=LIMITS["header_search_rows"],
    )


def sources_table(plan: Plan, lang: str) -> pd.DataFrame:
    """The sources a file describes inline that the load will add, with the id each gets."""
    return pd.DataFrame(
        {
            tr("col.id", lang): [s["id"] for s in plan.sources],
            tr("col.publisher", lang): [s["publisher"] for s in plan.sources],
            tr("col.date", lang): [s["published_on"] or "–" for s in plan.sources],
            "URL": [s["url"] for s in plan.sources],
            tr("col.quote", lang): [s["quote"] for s in plan.sources],
        }
    )


def changes_table(plan: Plan, lang: str) -> pd.DataFrame:
    """Changed rows as 'column: before → after' lines, and new rows, for the dry run."""
    rows = []
    kinds = {f.name: f.kind for f in DATASETS[plan.dataset].fields}
    for before, after in plan.changed:
        diff = [
            f"{k}: {_cell(before.get(k), kinds.get(k, 'str'), lang)} → {_cell(v, kinds.get(k, 'str'), lang)}"
            for k, v in after.items()
            if before.get(k) != v
        ]
        rows.append({tr("upload.kind", lang): tr("upload.changed", lang), tr("upload.row", lang): "; ".join(diff)})
    for rec in plan.new:
        text = ", ".join(f"{k}={_cell(v, kinds.get(k, 'str'), lang)}" for k, v in rec.items() if v is not None)
        rows.append({tr("upload.kind", lang): tr("upload.new", lang), tr("upload.row", lang): text})
    return pd.DataFrame(rows)


def _is_seed(file_name: object) -> bool:
    return str(file_name).startswith("seed/")


def history_tables(lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The load history, newest first, with translated headers and values: (uploads and undos, seed build)."""
    raw = history()
    table = pd.DataFrame(
        {
            tr("col.id", lang): raw["id"],
            tr("col.at", lang): [fmt_when(a, lang) for a in raw["at"]],
            tr("col.by", lang): raw["by"],
            tr("col.file", lang): raw["file_name"],
            tr("col.dataset", lang): [tr(f"ds.{d}", lang) if f"ds.{d}" in strings(lang) else d for d in raw["dataset"]],
            tr("col.added", lang): raw["added"],
            tr("col.changed", lang): raw["changed"],
            tr("col.status", lang): [tr(f"history.status.{s}", lang) for s in raw["status"]],
        }
    )
    seed = raw["file_name"].map(_is_seed)
    return table[~seed.to_numpy()].reset_index(drop=True), table[seed.to_numpy()].reset_index(drop=True)


def fmt_when(at: object, lang: str) -> str:
    """A load's time as the reader's date and the hour and minute (UTC, as stored)."""
    stamp = pd.Timestamp(at)
    return f"{fmt.day(stamp, lang)} {stamp:%H:%M} UTC"


def undoable(lang: str) -> dict[int, str]:
    """Loads an undo can reverse (uploads still in force), newest first, each with what it changed in words."""
    raw = history()
    rows = raw[(raw["status"] == "ok") & ~raw["file_name"].map(_is_seed)]
    return {
        int(r.id): fmt.plural(
            r.added,
            lang,
            "history.choice",
            "lang.choice_one",
            id=r.id,
            when=fmt_when(r.at, lang),
            dataset=tr(f"ds.{r.dataset}", lang),
            file=r.file_name,
            added=fmt.number(r.added, lang),
            changed=fmt.number(r.changed, lang),
        )
        for r in rows.itertuples(index=False)
    }
