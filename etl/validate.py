"""Read a dataset file into text cells and validate it against its declared schema (pandera), cell by cell."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from etl.datasets import Dataset, Field
from etl.parse import PARSERS, parses
from integritas.i18n import tr


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
    def __init__(self, dataset: str, problems: list[Problem]):
        self.dataset = dataset
        self.problems = problems
        super().__init__(f"{dataset}: {len(problems)} problem(s); first: {problems[0].message('en')}")


def read_csv_text(path: Path) -> pd.DataFrame:
    """Every cell of a seed or uploaded file as stripped text (empty cells NA), via the shared reader."""
    from etl.reader import read_path

    return read_path(path)


def _checks(field: Field) -> list[pa.Check]:
    checks: list[pa.Check] = []
    kind = field.kind
    if kind != "str":
        checks.append(pa.Check(lambda v, k=kind: parses(k, v), element_wise=True, error=f"type_{kind}"))
    if field.choices:
        checks.append(pa.Check(lambda v, c=field.choices: v in c, element_wise=True, error="choice"))
    if field.pattern:
        checks.append(pa.Check.str_matches(rf"^(?:{field.pattern})$", error="pattern"))
    if field.min is not None or field.max is not None:
        lo, hi = field.min, field.max

        # Not named in_range: pandera would dispatch to its own built-in check of that name.
        def within_bounds(v, k=kind, lo=lo, hi=hi):
            if not parses(k, v):
                return True  # reported once, as a type problem
            x = PARSERS[k](v)
            return (lo is None or x >= lo) and (hi is None or x <= hi)

        checks.append(pa.Check(within_bounds, element_wise=True, error="range"))
    return checks


def schema_for(ds: Dataset) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {f.name: pa.Column(str, checks=_checks(f), nullable=not f.required, required=True) for f in ds.fields},
        strict=True,
        ordered=False,
    )


def _suggest(value: object, ref: str, keys: set[str], names: dict[str, dict[str, str]]) -> str:
    """'; mungkin: Kota Kupang (53.71)' — the closest names or keys to an unknown value."""
    lookup = names.get(ref, {})
    candidates = {**{k: k for k in keys}, **lookup}
    close = difflib.get_close_matches(name_key(str(value)), list(candidates), n=3, cutoff=0.6)
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


def name_key(text: str) -> str:
    """'Kab. Kupang', 'kabupaten  KUPANG' -> 'kabupaten kupang': how names are compared."""
    words = re.sub(r"[^\w]+", " ", str(text).lower()).split()
    return " ".join("kabupaten" if w == "kab" else w for w in words)


def validate(
    df: pd.DataFrame,
    ds: Dataset,
    known: dict[str, set[tuple[str, ...]]] | None = None,
    names: dict[str, dict[str, str]] | None = None,
) -> pd.DataFrame:
    """Return a typed copy of `df`, or raise ValidationFailed listing every problem (row, column, value, reason).

    `names` maps, per referenced dataset, a name (see name_key) to its key, so a file may say "Kota Kupang" or
    "Kab. Kupang" where the key is 53.71 or 53.01; unknown values get the closest names as suggestions.
    """
    problems: list[Problem] = []
    names = names or {}
    df = df.copy()
    for f in ds.fields:
        if f.ref in names and f.name in df.columns:
            lookup = names[f.ref]
            df[f.name] = df[f.name].map(lambda v, lk=lookup: lk.get(name_key(v), v) if isinstance(v, str) else v)
    fields = {f.name: f for f in ds.fields}
    missing = [c for c in ds.columns if c not in df.columns]
    extra = [c for c in df.columns if c not in fields]
    for c in missing:
        problems.append(Problem(1, c, None, "missing_column"))
    for c in extra:
        problems.append(Problem(1, str(c), None, "extra_column", ", ".join(ds.columns)))
    if problems:
        raise ValidationFailed(ds.name, problems)
    if df.empty:
        raise ValidationFailed(ds.name, [Problem(None, None, None, "empty")])

    try:
        schema_for(ds).validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        for rec in err.failure_cases.to_dict("records"):
            col = rec.get("column")
            check = str(rec.get("check") or "")
            idx = rec.get("index")
            code = "required" if "not_nullable" in check else check if check in _CODES else "invalid"
            value = None if code == "required" else str(rec.get("failure_case"))
            row = int(idx) + 2 if isinstance(idx, int | float) and not pd.isna(idx) else None
            problems.append(Problem(row, col, value, code, _detail(fields.get(col), code)))

    dup = df[df.duplicated(list(ds.key), keep="first")]
    for idx, rec in dup.iterrows():
        value = " / ".join(str(rec[k]) for k in ds.key)
        problems.append(Problem(int(idx) + 2, ", ".join(ds.key), value, "duplicate_key"))

    for f in ds.fields:
        if f.ref and known is not None and f.ref in known:
            keys = {k[0] for k in known[f.ref]}
            bad = df[df[f.name].notna() & ~df[f.name].isin(keys)]
            for idx, v in bad[f.name].items():
                problems.append(
                    Problem(int(idx) + 2, f.name, str(v), "unknown_ref", f.ref + _suggest(v, f.ref, keys, names))
                )

    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column or ""))
        raise ValidationFailed(ds.name, problems)
    return canonical(df, ds)


_CODES = {"type_int", "type_decimal", "type_date", "type_bool", "choice", "pattern", "range"}


def _canon(kind: str, value: object) -> str | None:
    if value is None or pd.isna(value):
        return None
    parsed = PARSERS[kind](str(value))
    if kind == "date":
        return parsed.isoformat()
    if kind == "bool":
        return "true" if parsed else "false"
    return str(parsed)


def canonical(df: pd.DataFrame, ds: Dataset) -> pd.DataFrame:
    """Validated cells rewritten in one canonical text form (ISO dates, dot decimals) that DuckDB casts on insert."""
    return pd.DataFrame(
        {f.name: [_canon(f.kind, v) for v in df[f.name]] for f in ds.fields}, index=df.index, dtype=object
    )
