"""Column builders shared by the page views: sources, dates, milestones, statuses, zones, scores, complaint values.

Each takes the frame (or series) a query returned and gives the list of cells a reader sees, in `lang`. Cells are
Markdown (st.table renders it): text that came from data goes through `fmt.md_text`, so it shows as typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pandas as pd

from integritas import fmt
from integritas.i18n import tr
from integritas.labels import as_recorded, event_label, notes_md, status_label, zone_label

QUOTE_PAGE = "tentang"  # the sources list; ?sumber=<id> opens one source's quote (relative: every page is a sibling)
QUOTE_PARAM = "sumber"


def quote_link(source_id: str, lang: str) -> str:
    """The address of one source's verbatim quote on the sources page (several quotes may share one URL), in the
    reader's language."""
    params = {QUOTE_PARAM: source_id} | ({"lang": lang} if lang != "id" else {})
    return f"{QUOTE_PAGE}?{urlencode(params)}"


def source_md(url: object, publisher: object, lang: str, source_id: object = None) -> str:
    """Markdown link to a source, or the publisher with 'URL not recorded' when the research has no http(s) URL;
    with `source_id`, a second link to that source's exact quote on the sources page.

    The publisher is data: it is the link's text, escaped, and only an http(s) URL becomes the link."""
    name = fmt.md_text(publisher)
    if (link := fmt.http_url(url)) is not None:
        shown = f"[{name}]({fmt.md_url(link)})"
    else:
        shown = f"{name} ({tr('sources.no_url', lang)})"
    if isinstance(source_id, str):
        shown += f" · [{tr('sources.quote_link', lang)}]({fmt.md_url(quote_link(source_id, lang))})"
    return shown


@dataclass
class Page:
    """One page of a long table: the rows shown (Markdown cells, data escaped), the exact number of matching rows,
    where the page starts, and the sources its rows cite (the sources list shows these, not every row's)."""

    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    total: int = 0
    offset: int = 0
    source_ids: list[str] = field(default_factory=list)
    order: tuple[str, bool] | None = None  # the reader's sort (column, descending), None for the query's own
    markdown: str | None = None  # the rows as a Markdown list instead of a table (long text reads better on a phone)


def page_of(df: pd.DataFrame, table: pd.DataFrame, offset: int) -> Page:
    """A Page from a paged query's rows (their `total_rows` column is the count before LIMIT) and their cells."""
    total = int(df["total_rows"].iloc[0]) if len(df) else 0
    ids = df["source_id"].dropna().tolist() if "source_id" in df else []
    return Page(table=table, total=total, offset=offset, source_ids=sorted({str(i) for i in ids}))


@dataclass(frozen=True)
class Rows:
    """Every row a table matches, as machine values for a download: the query's frame and the columns to write, in
    order, as (schema name, header in the page's language)."""

    frame: pd.DataFrame
    columns: list[tuple[str, str]]

    @property
    def source_ids(self) -> list[str]:
        """Every source the rows cite: source_id, source_id_2, source_id_<year> of a compared year…"""
        cited = [c for c in self.frame.columns if str(c).startswith("source_id")]
        return sorted({str(i) for c in cited for i in self.frame[c].dropna()})


# The header of each schema column a download or a sort names (a column missing here is a programming error).
HEADERS = {
    "id": "col.id",
    "kode": "col.kode",
    "agency_id": "col.agency_id",
    "nama": "col.agency",
    "singkatan": "col.singkatan",
    "jenis": "col.jenis",
    "induk": "col.parent",
    "unit": "col.unit",
    "event": "col.event",
    "menuju": "col.menuju",
    "date": "col.date",
    "date_precision": "col.date_precision",
    "status": "col.status",
    "note": "col.note",
    "source_id": "col.source_id",
    "period_start": "col.period_start",
    "period_end": "col.period_end",
    "metric": "col.metric",
    "comparator": "col.comparator",
    "value": "col.value",
    "on_chart": "col.on_chart",
    "category": "col.category",
    "dimension": "col.dimension",
    "dimension_value": "col.category",
    "year": "col.year",
    "zone": "col.zone",
    "score": "col.score",
    "publisher": "col.publisher",
    "title": "col.title",
    "published_on": "col.published_on",
    "url": "col.url",
    "quote": "col.quote",
    "refs": "col.refs",
}


# A complaint figure's columns in a download (national figures, a region's figures).
COMPLAINT_COLUMNS = [
    "period_start",
    "period_end",
    "dimension",
    "dimension_value",
    "metric",
    "comparator",
    "value",
    "status",
    "note",
    "source_id",
]


def header(name: str, lang: str) -> str:
    """The header of the schema column `name` in `lang` (a download's header, a sort's label)."""
    return tr(HEADERS[name], lang)


def rows_of(df: pd.DataFrame, names: list[str], lang: str) -> Rows:
    """The download of a paged query's rows: the columns `names` (schema names) with headers in `lang`."""
    return Rows(df, [(n, header(n, lang)) for n in names])


def sources_markdown(df: pd.DataFrame, lang: str) -> str:
    """Sources (id, publisher, title, published_on, url, quote, note) as one Markdown list: each with its id, linked
    publisher (http(s) only), title, date, verbatim quote and note, all data escaped."""

    def block(value: object) -> str:  # a line break inside a quote stays inside its list item
        return fmt.md_text(value).replace("\n", "  \n  ")

    items = []
    for r in df.itertuples():
        meta = [source_md(r.url, r.publisher, lang)]
        if isinstance(r.title, str):
            meta.append(f"*{block(r.title)}*")
        if not pd.isna(r.published_on):
            meta.append(fmt.day(r.published_on, lang))
        lines = [f"- **{fmt.md_text(r.id)}** · " + " · ".join(meta)]
        if isinstance(r.quote, str):
            lines.append(f"  «{block(r.quote)}»")
        if isinstance(r.note, str):
            lines.append(f"  {tr('col.note', lang)}: {as_recorded(block(r.note), lang)}")  # marked in English
        items.append("  \n".join(lines))
    return "\n".join(items)


def texts(values: Iterable[object], empty: str = "") -> list[str]:
    """A column of text from data as Markdown cells that show it as typed; `empty` where there is none."""
    return [fmt.md_text(v) if isinstance(v, str) else empty for v in values]


def sources(df: pd.DataFrame, lang: str) -> list[str]:
    """The source column of a table (from `url`, `publisher`); empty where a row has no source (a left join)."""
    ids = df["source_id"] if "source_id" in df else [None] * len(df)
    return [
        source_md(u, p, lang, i) if isinstance(p, str) else ""
        for (u, p), i in zip(df[["url", "publisher"]].itertuples(index=False), ids, strict=True)
    ]


def dates(df: pd.DataFrame, lang: str) -> list[str]:
    """Each `date` at its `date_precision` ('2019', 'Februari 2025', '27 Februari 2025'); '–' where there is none."""
    return [
        fmt.date_at(d, p, lang) if isinstance(p, str) else "–"
        for d, p in df[["date", "date_precision"]].itertuples(index=False)
    ]


def events(df: pd.DataFrame, lang: str) -> list[str]:
    """ZI milestones from `event`, `menuju`, `status` ('Usulan ke TPN menuju WBBM (hasil belum diketahui)')."""
    return [
        event_label(e, m, s, lang) if isinstance(e, str) else "–"
        for e, m, s in df[["event", "menuju", "status"]].itertuples(index=False)
    ]


def statuses(values: Iterable[object], lang: str) -> list[str]:
    """'dikonfirmasi', 'diperdebatkan'…; empty where there is no status."""
    return [status_label(s, lang) if isinstance(s, str) else "" for s in values]


def zones(values: Iterable[object], lang: str) -> list[str]:
    """'● hijau', '▲ merah'…, or 'tidak ada data'."""
    return [zone_label(z, lang) for z in values]


def scores(values: Iterable[float | None], lang: str) -> list[str]:
    """Scores with two decimals ('37,86' / '37.86'), '–' where none was published."""
    return [fmt.number(x, lang, 2) for x in values]


def complaint_value(metric: str, comparator: str, value: float, lang: str) -> str:
    """'1.278', '42%', 'lebih dari 700': the comparator in words, never a bare '>'."""
    unit = "%" if metric == "persen" else ""
    # words, not "> 700": a leading ">" would render as a Markdown quote in st.table
    prefix = (
        "" if comparator == "=" else tr(f"comparator.{ {'>': 'gt', '<': 'lt', '~': 'approx'}[comparator] }", lang) + " "
    )
    # As published: the column keeps two decimals, and 4,47 must never read 4,5 (nor 42 read 42,00).
    return prefix + fmt.number(value, lang, 2, trim=True) + unit


def complaint_values(df: pd.DataFrame, lang: str) -> list[str]:
    return [complaint_value(m, c, v, lang) for m, c, v in df[["metric", "comparator", "value"]].itertuples(index=False)]


def periods(df: pd.DataFrame, lang: str) -> list[str]:
    """'2018', '2021–2025', '1 Januari – 31 Mei 2025' from `period_start`, `period_end`."""
    return [fmt.period(a, b, lang) for a, b in df[["period_start", "period_end"]].itertuples(index=False)]


def complaints_table(cp: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Complaint figures (period, measure, value with its comparator, note, source) for a region or agency page."""
    return pd.DataFrame(
        {
            tr("col.period", lang): periods(cp, lang),
            tr("col.metric", lang): [tr(f"metric.{m}", lang) for m in cp["metric"]],
            tr("col.value", lang): complaint_values(cp, lang),
            tr("col.note", lang): notes_md(cp["note"], lang),  # recorded in Bahasa: marked so on an English page
            tr("col.source", lang): sources(cp, lang),
        }
    )
