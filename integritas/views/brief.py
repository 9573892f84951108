"""Ringkasan pimpinan: what changed since a date, who stalled, who is red, the headline figures; each line sourced."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

import pandas as pd

from integritas import db, fmt, glossary
from integritas.i18n import tr
from integritas.labels import event_label, zone_label
from integritas.views import _columns as col
from integritas.views._cache import view

PAGE = "ringkasan"  # the brief's url_path
SINCE_PARAM = "sejak"  # ringkasan?sejak=2026-09-01
DEFAULT_DAYS = 90
SHOWN = 4  # lines per list: the brief fits two phone screens; the rest is one link away
STALLED_AFTER = 2  # Perjalanan ZI's default threshold: the brief's stalled list is that page's
COMPLAINT_TOTALS = ("laporan", "akses", "pengaduan")


def default_since(today: date) -> date:
    return today - timedelta(days=DEFAULT_DAYS)


def parse_since(value: object, today: date) -> date | None:
    """The date a ?sejak= value names (ISO, not after today), else None."""
    if not isinstance(value, str):
        return None
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        return None
    return day if day <= today else None


def link(page: str, lang: str, **params: object) -> str:
    """A relative link to a page of this app, in the reader's language (a Markdown link target, escaped)."""
    query = {k: v for k, v in params.items() if v not in (None, "")} | ({"lang": lang} if lang != "id" else {})
    return fmt.md_url(f"{page}?{urlencode(query)}" if query else page)


def _source(source_id: object, lang: str) -> str:
    """' · [sumber](tentang?sumber=…)': one tap to the source's URL and its verbatim quote."""
    if not isinstance(source_id, str):
        return ""
    return f" · [{tr('brief.source', lang)}]({fmt.md_url(col.quote_link(source_id, lang))})"


def _agency(r: pd.Series, lang: str) -> str:
    name = r["singkatan"] if isinstance(r["singkatan"], str) and r["singkatan"] else r["nama"]
    return f"[{fmt.md_text(name)}]({link('instansi', lang, id=r['agency_id'])})"


def period_label(start: object, end: object, lang: str) -> str:
    """A complaint period said so that it cannot be quoted as a year: '2025', 'kumulatif 2021–2025 (5 tahun)',
    'sebagian tahun: 1 Januari – 31 Mei 2025'."""
    s, e = pd.Timestamp(start).date(), pd.Timestamp(end).date()
    shown = fmt.period(s, e, lang)
    if fmt.is_full_years(s, e):
        if s.year == e.year:
            return tr("brief.period_year", lang, period=shown)
        return tr("brief.period_cumulative", lang, period=shown, years=e.year - s.year + 1)
    return tr("brief.period_partial", lang, period=shown)


def _figure(r: pd.Series, lang: str) -> str:
    comparator = r.get("comparator") if isinstance(r.get("comparator"), str) else "="
    value = col.complaint_value(str(r["metric"]), str(comparator), float(r["value"]), lang)
    label = glossary.linked(f"metric.{r['metric']}", lang, tr(f"metric.{r['metric']}", lang))
    return f"{label}: **{value}** — {period_label(r['period_start'], r['period_end'], lang)}"


def _when(r: pd.Series, lang: str) -> str:
    """'6 Februari 2026' (when it happened, at its precision) or 'dimuat 12 November 2026' (when an upload added it)."""
    if r["basis"] == "loaded":
        return tr("brief.loaded_on", lang, day=fmt.day(r["day"], lang))
    if r["kind"] == "zi":
        return fmt.date_at(r["date"], str(r["date_precision"]), lang)
    return tr("brief.period_ended", lang, day=fmt.day(r["day"], lang))


@dataclass
class Section:
    """One part of the brief: its heading, its lines (Markdown, data escaped) and what the lines leave out."""

    title: str
    lines: list[str] = field(default_factory=list)
    empty: str = ""  # said when there are no lines
    more: str | None = None  # 'dan 10 lainnya di Perjalanan ZI' as a Markdown link


@dataclass
class Brief:
    since: date
    today: date
    changes: Section
    stalled: Section
    red: Section
    figures: Section
    source_ids: list[str]


def _changes(since: date, today: date, zones: pd.DataFrame, lang: str, ids: list[str]) -> Section:
    ch = db.query("brief_changes", since=since, today=today)
    lines: list[str] = []
    for r in ch[ch["kind"] == "zi"].head(SHOWN).to_dict("records"):
        what = glossary.linked(
            f"event.{r['event']}", lang, event_label(str(r["event"]), r["menuju"], str(r["status"]), lang)
        )
        lines.append(
            f"**{_when(pd.Series(r), lang)}** · {_agency(pd.Series(r), lang)}: {what}{_source(r['source_id'], lang)}"
        )
    zi_total = int((ch["kind"] == "zi").sum())
    if zi_total > SHOWN:
        more = tr("brief.more_zi", lang, n=fmt.number(zi_total - SHOWN, lang))
        lines.append(f"[{more}]({link('perjalanan', lang, urut='terbaru')})")
    for r in ch[ch["kind"] == "complaint"].to_dict("records"):
        lines.append(f"**{_when(pd.Series(r), lang)}** · {_figure(pd.Series(r), lang)}{_source(r['source_id'], lang)}")
    if n := int((ch["kind"] == "complaint_detail").sum()):
        lines.append(f"[{tr('brief.more_complaints', lang, n=fmt.number(n, lang))}]({link('pengaduan', lang)})")
    assessed = ch[ch["kind"] == "compliance"]
    for year, group in assessed.groupby("year", sort=True):
        day = fmt.day(group["day"].max(), lang)
        text = tr("brief.assessed", lang, year=int(year), n=fmt.number(len(group), lang), day=day)
        lines.append(f"[{text}]({link('kepatuhan', lang, tahun=int(year))})")
    uploads = ch[ch["kind"] == "load"]
    for r in uploads.head(SHOWN).to_dict("records"):
        text = tr(
            "brief.upload",
            lang,
            day=fmt.day(r["day"], lang),
            dataset=tr(f"ds.{r['dataset']}", lang),
            added=fmt.number(r["added"], lang),
            changed=fmt.number(r["changed"], lang),
        )
        lines.append(f"[{text}]({link('tentang', lang)})")
    if len(uploads) > SHOWN:  # the load history on Tentang lists every one
        more = tr("brief.more_uploads", lang, n=fmt.number(len(uploads) - SHOWN, lang))
        lines.append(f"[{more}]({link('tentang', lang)})")
    ids += [str(i) for i in ch["source_id"].dropna()]
    if (moved := _zone_change(zones, lang, ids)) is not None:
        lines.append(moved)  # the latest assessment against the one before: dated by its year, not by `since`
    return Section(
        title=tr("brief.changes_title", lang, day=fmt.day(since, lang)),
        lines=lines,
        empty=tr("brief.changes_none", lang, day=fmt.day(since, lang)),
    )


def _zone_change(z: pd.DataFrame, lang: str, ids: list[str]) -> str | None:
    """'Penilaian 2024 dibanding 2023: 9 pemda naik zona, 0 turun…' — or why the two years cannot be compared."""
    if z.empty or pd.isna(z["previous"].iloc[0]):
        return None
    latest, previous = int(z["latest"].iloc[0]), int(z["previous"].iloc[0])
    both = z[z["zone"].notna() & z["zone_before"].notna()]
    target = link("kepatuhan", lang, tahun=latest, banding=previous)
    methods = set(both["method"]) | set(both["method_before"])
    if len(methods) > 1:
        return f"[{tr('brief.zones_method', lang, latest=latest, previous=previous)}]({target})"
    ids += [str(i) for i in both["source_id"].dropna()] + [str(i) for i in both["source_id_before"].dropna()]
    text = tr(
        "brief.zones_moved",
        lang,
        latest=latest,
        previous=previous,
        rose=fmt.number(int(both["rose"].sum()), lang),
        fell=fmt.number(int(both["fell"].sum()), lang),
        same=fmt.number(len(both) - int(both["rose"].sum()) - int(both["fell"].sum()), lang),
        gaps=fmt.number(len(z) - len(both), lang),
    )
    return f"[{text}]({target})"


def _stalled(lang: str, ids: list[str]) -> Section:
    st = db.journey_query("brief_stalled", date.today(), STALLED_AFTER, shown=SHOWN)
    total = int(st["total_rows"].iloc[0]) if len(st) else 0
    lines = []
    for r in st.to_dict("records"):
        row = pd.Series(r)
        last = glossary.linked(f"step.{r['last_step']}", lang, tr(f"step.{r['last_step']}", lang))
        text = tr(
            "brief.stalled_line",
            lang,
            step=last,
            date=fmt.date_at(r["last_date"], str(r["last_precision"]), lang),
            years=fmt.number(r["years_since_last"], lang, 1, trim=True),
        )
        lines.append(f"{_agency(row, lang)}: {text}{_source(r['source_id'], lang)}")
    ids += [str(i) for i in st["source_id"].dropna()]
    more = None
    if total > SHOWN:
        more = (
            f"[{tr('brief.more_stalled', lang, n=fmt.number(total - SHOWN, lang))}]"
            f"({link('perjalanan', lang, urut='macet')})"
        )
    return Section(
        title=tr(
            "brief.stalled_title",
            lang,
            term=glossary.linked("macet", lang, tr("col.stalled", lang)),
            n=fmt.number(total, lang),
            years=STALLED_AFTER,
        ),
        lines=lines,
        empty=tr("brief.stalled_none", lang, years=STALLED_AFTER),
        more=more,
    )


def _region(r: pd.Series, lang: str) -> str:
    return f"[{fmt.md_text(r['nama'])}]({link('wilayah', lang, kode=r['kode'])})"


def _red(z: pd.DataFrame, lang: str, ids: list[str]) -> Section:
    if z.empty or z["zone"].isna().all():
        return Section(title=tr("brief.red_title_none", lang), empty=tr("brief.red_no_data", lang))
    latest = int(z["latest"].iloc[0])
    prev = None if pd.isna(z["previous"].iloc[0]) else int(z["previous"].iloc[0])
    named = z[z["zone"].notna()]
    lines = []
    red = named[named["zone"] == "merah"]
    for r in red.to_dict("records"):
        lines.append(f"{_region(pd.Series(r), lang)}: {zone_label('merah', lang)}{_source(r['source_id'], lang)}")
    if red.empty:
        lines.append(tr("brief.red_none", lang, year=latest, named=fmt.number(len(named), lang), all=len(z)))
    counts = db.zone_summary()
    published = counts[(counts["year"] == latest) & counts["published"].notna()]
    if not published.empty:
        said = " · ".join(f"{zone_label(p.zone, lang)} {fmt.number(p.published, lang)}" for p in published.itertuples())
        source = published["published_source_id"].dropna()
        lines.append(
            tr("brief.red_published", lang, year=latest, counts=said)
            + (_source(source.iloc[0], lang) if len(source) else "")
        )
        ids += [str(i) for i in source]
    fell = z[z["fell"].fillna(False).astype(bool)]
    for r in fell.to_dict("records"):
        text = tr(
            "brief.fell_line",
            lang,
            before=zone_label(r["zone_before"], lang),
            after=zone_label(r["zone"], lang),
            previous=prev,
            latest=latest,
        )
        lines.append(f"{_region(pd.Series(r), lang)}: {text}{_source(r['source_id'], lang)}")
    unknown = z[(z["zone_before"] == "merah") & z["zone"].isna()]
    if len(unknown):
        names = ", ".join(
            _region(pd.Series(r), lang) + _source(r["source_id_before"], lang) for r in unknown.to_dict("records")
        )
        lines.append(tr("brief.red_unknown", lang, previous=prev, latest=latest, names=names))
        ids += [str(i) for i in unknown["source_id_before"].dropna()]
    ids += [str(i) for i in named["source_id"].dropna()] + [str(i) for i in fell["source_id_before"].dropna()]
    term = glossary.linked("zona-merah", lang, tr("brief.red_word", lang))
    return Section(title=tr("brief.red_title", lang, term=term, year=latest), lines=lines)


def _figures(lang: str, ids: list[str]) -> Section:
    counts = db.query("award_counts").iloc[0]
    lines = [
        tr(
            "brief.wbk_line",
            lang,
            term=glossary.linked("wbk", lang, "WBK"),
            n=fmt.number(int(counts["wbk"]), lang),
            disputed=int(counts["disputed"]),
        )
        + f" · [{tr('brief.open_journeys', lang)}]({link('perjalanan', lang)})",
        tr(
            "brief.wbbm_line",
            lang,
            term=glossary.linked("wbbm", lang, "WBBM"),
            n=fmt.number(int(counts["wbbm"]), lang),
            pending=int(counts["pending"]),
        ),
    ]
    latest = db.latest_complaints()
    for r in latest.to_dict("records"):
        lines.append(_figure(pd.Series(r), lang) + _source(r["source_id"], lang))
    ids += [str(i) for i in latest["source_id"].dropna()]
    return Section(title=tr("brief.figures_title", lang), lines=lines)


@view(max_entries=64, daily=True)
def brief(lang: str, since: date) -> Brief:
    """The leader's brief as of today, with changes since `since`."""
    today = date.today()
    ids: list[str] = []
    zones = db.query("brief_zones")
    changes = _changes(since, today, zones, lang, ids)
    stalled = _stalled(lang, ids)
    red = _red(zones, lang, ids)
    figures = _figures(lang, ids)
    return Brief(
        since=since,
        today=today,
        changes=changes,
        stalled=stalled,
        red=red,
        figures=figures,
        source_ids=sorted(set(ids)),
    )
