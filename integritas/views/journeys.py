"""Perjalanan ZI: the province's journeys (stages per year, time to an award, stalled) and one page of lanes."""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote

import pandas as pd
import plotly.graph_objects as go

from integritas import charts, db, fmt
from integritas.i18n import tr
from integritas.journey import Journey, label_of
from integritas.labels import event_label, note_plain, status_label
from integritas.views._cache import view
from integritas.views._columns import Rows

STAGES = ("pencanangan", "usulan_tpn", "wbk", "wbbm")  # the stages a reader picks, by rank (pakta ranks as pencanangan)
STAGE_RANK = {s: i for i, s in enumerate(STAGES, start=1)}
SORTS = ("lama", "macet", "terbaru", "nama")
SORT_KEYS = {
    "lama": "journey.sort_lama",
    "macet": "journey.sort_macet",
    "terbaru": "journey.sort_terbaru",
    "nama": "journey.sort_nama",
}
STEPS = ("wbk", "wbbm")  # pencanangan → WBK, WBK → WBBM
STEP_KEYS = {"wbk": "journey.step_wbk", "wbbm": "journey.step_wbbm"}
BREAKDOWNS = ("tahun", "jenis", "induk", "wilayah")
BREAKDOWN_KEYS = {
    "tahun": "journey.by_tahun",
    "jenis": "journey.jenis",
    "induk": "journey.induk",
    "wilayah": "journey.wilayah",
}
PAGE_SIZE = 50
MAX_BOXES = 20  # groups drawn in the durations chart (the most awarded first); its table has every group
LANE_CHARS = 64  # the longest lane of the seed has 62 characters; the tooltip has the name whole
# A longer lane name is written on two lines (name, then region) so that it leaves a phone's chart room to draw in.
LANE_LINE = 32
# The stages per year and the durations never read the stalled flag: one cache entry serves every threshold.
_ANY_THRESHOLD = 2.0


# ---------------------------------------------------------------- province-wide


@dataclass
class Overview:
    counts: dict[str, int]  # agencies, with_events, no_stage, pencanangan, usulan_tpn, wbk, wbbm, stalled
    by_year: pd.DataFrame  # year, the stock of each stage at the year's end, new_pencanangan, new_wbk, new_wbbm
    table: pd.DataFrame  # by_year as a reader sees it (the stages chart's table)


@view(max_entries=32, daily=True)
def overview(lang: str, stalled_after: float = 2) -> Overview:
    """Province-wide counts as of today: each current stage, stalled after `stalled_after` years, stages per year."""
    today = date.today()
    summary = db.journey_query("journey_summary", today, stalled_after).iloc[0]
    by_year = db.journey_query("journey_stages_by_year", today, _ANY_THRESHOLD)

    # "2.417 (+581)": the stage's count at the year's end, and how many first reached it that year
    def with_new(stage: str) -> list[str]:
        return [
            f"{fmt.number(a, lang)} (+{fmt.number(b, lang)})"
            for a, b in zip(by_year[stage], by_year[f"new_{stage}"], strict=True)
        ]

    table = pd.DataFrame(
        {
            tr("col.year", lang): by_year["year"].astype(str),
            tr("step.pencanangan", lang): [fmt.number(v, lang) for v in by_year["pencanangan"]],
            tr("step.usulan_tpn", lang): [fmt.number(v, lang) for v in by_year["usulan_tpn"]],
            tr("journey.new_wbk", lang): with_new("wbk"),
            tr("journey.new_wbbm", lang): with_new("wbbm"),
        }
    )
    return Overview(counts={k: int(v) for k, v in summary.items()}, by_year=by_year, table=table)


def _stage_labels(lang: str) -> dict[str, str]:
    return {s: tr(f"step.{s}", lang) for s in STAGES}


@view(kind="resource", max_entries=8, daily=True)
def stages_figure(lang: str) -> go.Figure:
    """How many agencies stood at each stage at the end of each year (stacked)."""
    by_year = overview(lang).by_year
    return charts.read_only(charts.stages_by_year(by_year, _stage_labels(lang), tr("journey.units", lang)))


@dataclass
class Durations:
    rows: pd.DataFrame  # grp, label (as shown), reached, n, lo, q1, median, q3, hi, mean (years)
    table: pd.DataFrame  # the durations chart's table
    reached: int  # agencies that reached the award
    measured: int  # of which with a start date on or before it: the chart's count


def _group_label(by: str, grp: str, label: object, lang: str) -> str:
    if by == "jenis":
        return tr(f"jenis.{grp}", lang)
    if by == "induk" and not grp:
        return tr("journey.no_induk", lang)
    return str(label)


@view(max_entries=32, daily=True)
def durations(lang: str, step: str = "wbk", by: str = "tahun") -> Durations:
    """How long agencies took to reach `step` ('wbk' from pencanangan, 'wbbm' from WBK), per group `by`."""
    rows = db.journey_query("journey_durations", date.today(), _ANY_THRESHOLD, step=step, by=by)
    rows = rows.assign(label=[_group_label(by, g, lb, lang) for g, lb in zip(rows["grp"], rows["label"], strict=True)])

    def years(col: str) -> list[str]:
        return [fmt.number(v, lang, 1) for v in rows[col]]

    # compact cells ("581 (580)", "1,6 (1,2 – 1,9)"), so that the table fits a phone's width
    table = pd.DataFrame(
        {
            tr(BREAKDOWN_KEYS[by], lang): rows["label"],
            tr("journey.reached", lang, step=tr(f"step.{step}", lang)): [
                f"{fmt.number(r, lang)} ({fmt.number(n, lang)})"
                for r, n in zip(rows["reached"], rows["n"], strict=True)
            ],
            tr("journey.median", lang): [
                f"{m} ({a} – {b})" if m != "–" else "–"
                for m, a, b in zip(years("median"), years("q1"), years("q3"), strict=True)
            ],
            tr("journey.range", lang): [
                f"{a} – {b}" if a != "–" else "–" for a, b in zip(years("lo"), years("hi"), strict=True)
            ],
        }
    )
    return Durations(rows=rows, table=table, reached=int(rows["reached"].sum()), measured=int(rows["n"].sum()))


@dataclass
class WbkAnswer:
    """The first screen's answer: how many agencies reached WBK (and in the latest year with an award), how long."""

    reached: int  # agencies that reached WBK, ever
    measured: int  # of which with a pencanangan (or pakta) date on or before it
    median: float | None  # years from pencanangan to WBK over all measured agencies; None when none is measured
    first_year: int | None  # the first and the latest year in which an agency reached WBK
    last_year: int | None
    last: int  # agencies that reached WBK in `last_year`


@view(max_entries=4, daily=True)
def wbk_answer() -> WbkAnswer:
    """How many agencies reached WBK, how many of them in the latest year with an award, and the province's median
    time from pencanangan to WBK (one DuckDB median over every measured agency, not a median of the years')."""
    years = db.journey_query("journey_durations", date.today(), _ANY_THRESHOLD, step="wbk", by="tahun")
    whole = db.journey_query("journey_durations", date.today(), _ANY_THRESHOLD, step="wbk", by="semua")
    if whole.empty:
        return WbkAnswer(reached=0, measured=0, median=None, first_year=None, last_year=None, last=0)
    r = whole.iloc[0]
    return WbkAnswer(
        reached=int(r["reached"]),
        measured=int(r["n"]),
        median=None if pd.isna(r["median"]) else float(r["median"]),
        first_year=int(years["grp"].iloc[0]),
        last_year=int(years["grp"].iloc[-1]),
        last=int(years["reached"].iloc[-1]),
    )


@view(kind="resource", max_entries=32, daily=True)
def durations_figure(lang: str, step: str = "wbk", by: str = "tahun") -> go.Figure:
    """The durations as boxes (quartiles computed in DuckDB), one per group; at most MAX_BOXES groups."""
    rows = durations(lang, step, by).rows
    rows = rows if by == "tahun" else rows.head(MAX_BOXES)
    # a group's tick names it; how many reached the award in it is written above its box: "(4)"
    ticks = charts.axis_labels(rows["label"].tolist(), 40)
    counts = [f"({fmt.number(r, lang)})" for r in rows["reached"]]
    hover = [
        tr(
            "journey.box_hover",
            lang,
            group=tick,
            median=fmt.number(m, lang, 1),
            q1=fmt.number(a, lang, 1),
            q3=fmt.number(b, lang, 1),
            n=fmt.number(n, lang),
        )
        for tick, m, a, b, n in zip(ticks, rows["median"], rows["q1"], rows["q3"], rows["n"], strict=True)
    ]
    labels = {"years": tr("journey.years", lang)}
    return charts.read_only(
        charts.durations(rows.assign(tick=ticks, count=counts, hover=hover), labels, horizontal=by != "tahun")
    )


# ---------------------------------------------------------------- lanes, a page at a time


@dataclass(frozen=True)
class LaneFilter:
    """The lanes a reader asked for: '' (or 0, False) means no filter."""

    jenis: str = ""
    induk: str = ""
    wilayah: str = ""
    tahap: str = ""
    semua: bool = False
    stalled_after: float = 2

    def params(self) -> dict[str, Any]:
        return {
            "jenis": self.jenis,
            "induk": self.induk,
            "wilayah": self.wilayah,
            "tahap": STAGE_RANK.get(self.tahap, 0),
            "semua": self.semua,
        }


@dataclass
class Options:
    jenis: list[str]
    induk: list[str]
    wilayah: dict[str, str]  # kode -> nama


@view(max_entries=4)
def options() -> Options:
    """What the lane filters offer: every jenis, induk and region that agencies have."""
    o = db.journey_options()

    def of(kind: str) -> pd.DataFrame:
        return o[o["kind"] == kind]

    return Options(
        jenis=of("jenis")["value"].tolist(),
        induk=of("induk")["value"].tolist(),
        wilayah=dict(zip(of("wilayah")["value"], of("wilayah")["label"], strict=True)),
    )


@view(max_entries=256, daily=True)
def lane_count(f: LaneFilter) -> tuple[int, int]:
    """How many agencies the filter keeps, and how many of them are stalled."""
    r = db.journey_query("journey_lane_count", date.today(), f.stalled_after, **f.params()).iloc[0]
    return int(r["total"]), int(r["stalled"])


def pages(total: int) -> int:
    return max(1, math.ceil(total / PAGE_SIZE))


def event_hover(r: Any, lang: str) -> str:  # a row of DataFrame.itertuples()
    # Names, notes and publishers are data: escaped, since plotly reads tags (<a href>, <img>…) in hover text.
    when = fmt.date_at(r.date, r.date_precision, lang)
    note = f"<br>{note_plain(r.note, lang)}" if isinstance(r.note, str) else ""  # marked as Bahasa in English
    name = fmt.plot_text(r.singkatan if isinstance(r.singkatan, str) else r.nama)
    publisher = fmt.plot_text(r.publisher) if isinstance(r.publisher, str) else "–"
    return (
        f"<b>{name}</b><br>{event_label(r.event, r.menuju, r.status, lang)}"
        f" · {when} · {status_label(r.status, lang)}{note}<br>{tr('col.source', lang)}: {publisher}"
    )


def _lane_name(singkatan: object, nama: str, region: str) -> str:
    short = singkatan if isinstance(singkatan, str) else nama
    return f"{short} ({region.replace('Kabupaten ', 'Kab. ')})"


def _since(d: object, precision: object, lang: str) -> str:
    if not isinstance(precision, str) or pd.isna(d):
        return "–"
    return fmt.date_at(d, precision, lang)


def _with_labels(model: pd.DataFrame, events: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Model rows as the lanes show them: lane name, stage label, since, and the lane's label (from its events)."""
    by_agency = dict(tuple(events.groupby("agency_id", sort=False))) if len(events) else {}
    empty = events.iloc[0:0]
    return model.assign(
        lane=[
            _lane_name(s, n, r) for s, n, r in zip(model["singkatan"], model["nama"], model["region_nama"], strict=True)
        ],
        stage_label=[
            tr(f"step.{s}", lang) if isinstance(s, str) else tr("journey.no_stage", lang) for s in model["stage"]
        ],
        since_text=[_since(d, p, lang) for d, p in zip(model["since"], model["since_precision"], strict=True)],
        label=[label_of(by_agency.get(a, empty), lang) for a in model["agency_id"]],
    )


@dataclass
class LanePage:
    total: int  # agencies the filter keeps
    stalled: int  # of which stalled
    first: int  # 1-based position of the first row shown (0 when none)
    last: int
    page: int
    pages: int
    lanes: pd.DataFrame  # the rows shown: the model's columns, lane, stage_label, since_text, label
    events: pd.DataFrame  # their events: agency_id, event, date, date_precision, status, hover
    table: pd.DataFrame  # the lanes' table
    source_ids: list[str]


@view(max_entries=128, daily=True)
def lane_page(lang: str, f: LaneFilter, sort: str = "lama", page: int = 1) -> LanePage:
    """Page `page` (of PAGE_SIZE lanes) of the agencies `f` keeps, in order `sort`; filtered, sorted and cut in
    DuckDB, so only the rows shown leave it, with the exact totals."""
    total, stalled = lane_count(f)
    page = min(max(1, int(page)), pages(total))
    model = db.journey_query(
        "journey_lanes",
        date.today(),
        f.stalled_after,
        sort=sort,
        page_size=PAGE_SIZE,
        page_start=(page - 1) * PAGE_SIZE,
        **f.params(),
    )
    ev = db.journey_events(model["agency_id"].tolist()) if len(model) else db.journey_events([])
    lanes = _with_labels(model, ev, lang)
    ev = ev.assign(hover=[event_hover(r, lang) for r in ev.itertuples()])
    first = (page - 1) * PAGE_SIZE + 1 if len(model) else 0
    return LanePage(
        total=total,
        stalled=stalled,
        first=first,
        last=first + len(model) - 1 if len(model) else 0,
        page=page,
        pages=pages(total),
        lanes=lanes,
        events=ev[["agency_id", "event", "date", "date_precision", "status", "hover"]].reset_index(drop=True),
        table=journey_table(lanes, lang),
        source_ids=sorted({str(i) for i in ev["source_id"].dropna()}),
    )


def journey_table(lanes: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The lanes as a table (the chart's accessible alternative), with a link to each agency page.

    Plain text cells, for st.dataframe; the page link is relative to this app, never a URL from data."""
    return pd.DataFrame(
        {
            tr("col.agency", lang): lanes["nama"],
            tr("col.lane", lang): lanes["label"],
            tr("journey.tahap", lang): lanes["stage_label"],
            tr("col.since", lang): lanes["since_text"],
            tr("col.years_in_stage", lang): [fmt.number(y, lang, 1) for y in lanes["years_in_stage"]],
            tr("col.stalled", lang): [tr("journey.macet", lang) if m else "" for m in lanes["stalled"]],
            tr("journey.wilayah", lang): lanes["region_nama"],
            tr("col.page", lang): [f"instansi?id={quote(str(i), safe='')}" for i in lanes["agency_id"]],
        }
    )


def lane_labels(lang: str) -> dict[str, str]:
    labels = {f"event.{e}": tr(f"event.{e}", lang) for e in charts.STEP_SYMBOLS}
    labels |= {f"status.{s}": tr(f"status.{s}", lang) for s in charts.STATUS_STYLE}
    labels["precision"] = tr("journey.precision", lang)
    return labels


@view(kind="resource", max_entries=64, daily=True)
def lanes_figure(lang: str, f: LaneFilter, sort: str = "lama", page: int = 1, phone: bool = False) -> go.Figure:
    """The lanes of one page, in its order; `phone`: the narrow screen's form (each name on a line above its lane,
    the years on top), which the page shows instead on a phone."""
    p = lane_page(lang, f, sort, page)
    ids = p.lanes["agency_id"].tolist()
    lanes = p.lanes["lane"].tolist()
    ticks = charts.axis_labels(lanes, charts.PHONE_LANE_CHARS) if phone else lane_ticks(lanes)
    names = dict(zip(ids, ticks, strict=True))
    return charts.read_only(charts.lanes(p.events, ids, names, lane_labels(lang), phone=phone))


def _two_lines(s: str) -> str:
    name, sep, region = s.rpartition(" (")
    if sep and len(name) <= LANE_LINE and len(region) < LANE_LINE:  # the name, then "(its region)" whole
        return f"{name}<br>({region}"
    return "<br>".join(textwrap.wrap(s, LANE_LINE, break_long_words=False, break_on_hyphens=False))


def lane_ticks(lanes: list[str]) -> list[str]:
    """The lanes' axis labels: escaped and cut as axis labels are; a label longer than LANE_LINE characters goes
    on two lines, the name and then "(its region)" when each fits, else broken between words, so that on a phone
    the names leave the chart room to draw in. Only whole words move to the next line, and an escaped character
    (&amp;) has no space in it, so the escaping stays intact."""
    cut = charts.axis_labels(lanes, LANE_CHARS)
    wrapped = [_two_lines(s) if len(s) > LANE_LINE else s for s in cut]
    # wrapping folds runs of spaces: two names it would merge into one lane keep their one-line labels
    seen: dict[str, set[str]] = {}
    for w, c in zip(wrapped, cut, strict=True):
        seen.setdefault(w, set()).add(c)
    return [w if len(seen[w]) == 1 else c for w, c in zip(wrapped, cut, strict=True)]


# ---------------------------------------------------------------- one agency


@dataclass
class AgencyJourney:
    journey: Journey  # what journey.journey() gives: stage, since, years in stage, stalled, the lane label
    events: (
        pd.DataFrame
    )  # its ZI events: event_id, event, menuju, date, date_precision, status, note, source_id, url, publisher


@view(max_entries=128, daily=True)
def journey_of(agency_id: str, lang: str, stalled_after: float = 2) -> AgencyJourney | None:
    """One agency's journey as of today, the model run for that agency alone; None for an unknown id."""
    m = db.journey_model(date.today(), stalled_after, agency_id)
    if m.empty:
        return None
    r = m.iloc[0]
    ev = db.journey_events([agency_id])
    since = r["since"].date() if isinstance(r["since"], pd.Timestamp) else None
    j = Journey(
        agency_id=agency_id,
        stage=r["stage"] if isinstance(r["stage"], str) else None,
        since=since,
        since_precision=r["since_precision"] if isinstance(r["since_precision"], str) else None,
        years_in_stage=None if pd.isna(r["years_in_stage"]) else float(r["years_in_stage"]),
        stalled=bool(r["stalled"]),
        label=label_of(ev, lang),
    )
    return AgencyJourney(journey=j, events=ev.reset_index(drop=True))


# ---------------------------------------------------------------- downloads (machine values; made on click only)


def durations_rows(lang: str, step: str = "wbk", by: str = "tahun") -> Rows:
    """The time-to-award table as numbers: each group's agencies reaching `step`, those measured, and the spread."""
    d = durations(lang, step, by)
    frame = d.rows.rename(columns={"label": "group"})
    years = tr("journey.years_short", lang)
    return Rows(
        frame,
        [
            ("grp", tr("col.id", lang)),
            ("group", tr(BREAKDOWN_KEYS[by], lang)),
            ("reached", tr("journey.reached", lang, step=tr(f"step.{step}", lang))),
            ("n", tr("journey.measured", lang)),
            *((c, f"{c} ({years})") for c in ("lo", "q1", "median", "q3", "hi", "mean")),
        ],
    )


def stages_rows(lang: str) -> Rows:
    """Agencies at each stage at every year's end, and those new to it that year."""
    by_year = overview(lang).by_year
    stages = [c for c in ("pencanangan", "usulan_tpn", "wbk", "wbbm") if c in by_year]
    columns = [("year", tr("col.year", lang))] + [(s, tr(f"step.{s}", lang)) for s in stages]
    columns += [
        (f"new_{s}", f"{tr(f'step.{s}', lang)} ({tr('journey.new', lang)})") for s in stages if f"new_{s}" in by_year
    ]
    return Rows(by_year, columns)


FIRST_STEPS = (("pencanangan", "pencanangan"), ("usulan", "usulan_tpn"), ("wbk", "wbk"), ("wbbm", "wbbm"))


def lane_rows(lang: str, f: LaneFilter, sort: str = "lama") -> Rows:
    """Every agency `f` keeps (not only the page of lanes shown), in order `sort`: its stage, since when, years in
    it, stalled or not, and the first date of each milestone."""
    model = db.journey_query(
        "journey_lanes", date.today(), f.stalled_after, sort=sort, page_size=None, page_start=0, **f.params()
    )
    columns = [
        ("agency_id", tr("col.agency_id", lang)),
        ("nama", tr("col.agency", lang)),
        ("singkatan", tr("col.singkatan", lang)),
        ("jenis", tr("col.jenis", lang)),
        ("induk", tr("col.parent", lang)),
        ("region_kode", tr("col.kode", lang)),
        ("stage", tr("journey.tahap", lang)),
        ("since", tr("col.since", lang)),
        ("since_precision", tr("col.date_precision", lang)),
        ("years_in_stage", tr("col.years_in_stage", lang)),
        ("stalled", tr("col.stalled", lang)),
        *((f"first_{c}", tr(f"step.{s}", lang)) for c, s in FIRST_STEPS),
    ]
    return Rows(model, columns)


def publishers() -> list[str]:
    """Publishers behind the province-wide charts (every ZI event's source), most cited first."""
    return db.event_publishers()
