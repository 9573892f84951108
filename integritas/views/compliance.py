"""Kepatuhan: the zone map of the 22 kab/kota for a year or a change between two years, the province, the table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from integritas import charts, db, fmt, geo
from integritas.i18n import tr
from integritas.labels import zone_label
from integritas.views import _columns as col
from integritas.views._cache import view

ZONE_RANK = {"merah": 0, "kuning": 1, "hijau": 2}


def zone_text(
    zone: object, category: object, score: float | None, lang: str, escape: Callable[[object], str] = str
) -> str:
    """'● hijau, kategori B, skor 80,93', or 'tidak ada data'. The category is data: `escape` makes it safe for where
    the text goes (fmt.md_text for Markdown, fmt.plot_text for plotly)."""
    if not isinstance(zone, str):
        return tr("zone.none", lang)
    parts = [zone_label(zone, lang)]
    if isinstance(category, str):
        parts.append(f"{tr('col.category', lang).lower()} {escape(category)}")
    parts.append(
        f"{tr('col.score', lang).lower()} {fmt.number(score, lang, 2)}"
        if not pd.isna(score)
        else tr("region.no_score", lang)
    )
    return ", ".join(parts)


def _hover(
    nama: str, zone: object, category: object, score: float | None, publisher: object, status: object, lang: str
) -> str:
    # Names, categories and publishers are data: escaped, since plotly reads tags in hover text.
    src = f"<br>{tr('col.source', lang)}: {fmt.plot_text(publisher)}" if isinstance(publisher, str) else ""
    # An inferred or disputed zone says so where it is read, not only in the table.
    flag = f" ({tr('status.' + status, lang)})" if status in ("inferred", "disputed") else ""
    return f"<b>{fmt.plot_text(nama)}</b><br>{zone_text(zone, category, score, lang, fmt.plot_text)}{flag}{src}"


def change_class(a: object, b: object) -> str:
    """'better' | 'worse' | 'same' from zone a (earlier) to zone b (later); 'none' when either side has no data."""
    if not isinstance(a, str) or not isinstance(b, str):
        return charts.NO_DATA
    diff = ZONE_RANK[b] - ZONE_RANK[a]
    return "better" if diff > 0 else "worse" if diff < 0 else "same"


@dataclass
class ComplianceView:
    years: list[int]
    method: str
    method_note: str
    crosses_method: bool
    compare_method: str  # the compared year's method ('' without a compared year)
    published: str
    province: str  # Markdown, its data escaped, as are province_source and published
    province_source: str | None
    map_rows: pd.DataFrame  # kode, cls, hover (22 kab/kota)
    table: pd.DataFrame  # plain text cells, for st.dataframe
    coverage: pd.DataFrame
    source_ids: list[str]
    rows: col.Rows  # the table as machine values, both years' when comparing, for its downloads


@view(max_entries=64)
def compliance(lang: str, year: int, compare: int = 0) -> ComplianceView:
    """The zones of `year`; with `compare` (another year, 0 for none) the change between the two, read forward."""
    year, compare = int(year), int(compare or 0)
    years_df = db.compliance_years()
    methods = dict(zip(years_df["year"], years_df["method"], strict=True))
    cur = db.compliance_year(year)
    kab = cur[cur["jenis"] != "provinsi"]
    prov = cur[cur["jenis"] == "provinsi"].iloc[0]
    source_ids = cur["source_id"].dropna().tolist()
    if compare:
        # Change always reads forward in time, whichever of the two years is the one on the slider.
        first, second = sorted((year, compare))
        zones = {y: db.compliance_year(y).set_index("kode") for y in (first, second)}
        source_ids += zones[compare]["source_id"].dropna().tolist()
        classes = [change_class(zones[first].loc[k, "zone"], zones[second].loc[k, "zone"]) for k in kab["kode"]]
        hover = []
        for n, k, cl in zip(kab["nama"], kab["kode"], classes, strict=True):
            rows = [zones[y].loc[k] for y in (first, second)]
            lines = [
                f"{y}: {zone_text(r['zone'], r['category'], r['score'], lang, fmt.plot_text)}"
                for y, r in zip((first, second), rows, strict=True)
            ]
            hover.append(f"<b>{fmt.plot_text(n)}</b><br>" + "<br>".join(lines) + f"<br>{tr('change.' + cl, lang)}")
    else:
        classes = [
            charts.NO_DATA if not isinstance(z, str) else z + charts.INFERRED if s == "inferred" else z
            for z, s in kab[["zone", "status"]].itertuples(index=False)
        ]
        hover = [
            _hover(n, z, c, s, p, st, lang)
            for n, z, c, s, p, st in kab[["nama", "zone", "category", "score", "publisher", "status"]].itertuples(
                index=False
            )
        ]
    table = pd.DataFrame(
        {
            tr("col.region", lang): kab["nama"],
            tr("col.zone", lang) + f" {year}": col.zones(kab["zone"], lang),
            tr("col.category", lang) + f" {year}": kab["category"].fillna("–"),
            tr("col.score", lang) + f" {year}": col.scores(kab["score"], lang),
            tr("col.status", lang): col.statuses(kab["status"], lang),
        }
    )
    # A bare URL: the page shows this column as a link, so only an http(s) URL is kept (a table cell is plain text:
    # this frame goes to st.dataframe, which does not read Markdown).
    table[tr("col.source", lang) + f" {year}"] = [fmt.http_url(u) for u in kab["url"]]
    machine = kab[["kode", "nama", "year", "zone", "category", "score", "status", "source_id"]].reset_index(drop=True)
    machine["year"] = year  # a region without a row that year still says which year it has no data for
    columns = [
        ("kode", tr("col.kode", lang)),
        ("nama", tr("col.region", lang)),
        ("year", tr("col.year", lang)),
        ("zone", tr("col.zone", lang)),
        ("category", tr("col.category", lang)),
        ("score", tr("col.score", lang)),
        ("status", tr("col.status", lang)),
        ("source_id", tr("col.source_id", lang)),
    ]
    if compare:
        # Both years side by side: zone, category, score, status and source of the compared year too, so a reader
        # (and the download) can check each side of a change against its own source.
        other = zones[compare].loc[kab["kode"]]
        at = 1 if compare < year else 2
        table.insert(at, tr("col.zone", lang) + f" {compare}", col.zones(other["zone"], lang))
        table.insert(at + 2, tr("col.category", lang) + f" {compare}", other["category"].fillna("–").tolist())
        table.insert(at + 4, tr("col.score", lang) + f" {compare}", col.scores(other["score"], lang))
        table[tr("col.source", lang) + f" {compare}"] = [fmt.http_url(u) for u in other["url"]]
        table[tr("col.change", lang) + f" {first}→{second}"] = [tr(f"change.{c}", lang) for c in classes]
        for name in ("zone", "category", "score", "status", "source_id"):
            machine[f"{name}_{compare}"] = other[name].tolist()
        machine[f"year_{compare}"] = compare
        columns += [
            (f"year_{compare}", tr("col.year", lang)),
            (f"zone_{compare}", tr("col.zone", lang) + f" {compare}"),
            (f"category_{compare}", tr("col.category", lang) + f" {compare}"),
            (f"score_{compare}", tr("col.score", lang) + f" {compare}"),
            (f"status_{compare}", tr("col.status", lang) + f" {compare}"),
            (f"source_id_{compare}", tr("col.source_id", lang) + f" {compare}"),
            ("change", tr("col.change", lang) + f" {first}→{second}"),
        ]
        machine["change"] = classes
    counts = db.compliance_counts_year(year)
    unnamed = [
        tr("kep.unnamed", lang, n=fmt.number(r.published - r.named, lang), zone=tr(f"zone.{r.zone}", lang))
        for r in counts.itertuples()
        if r.published > r.named
    ]
    published = " · ".join(f"{tr('zone.' + r.zone, lang)} {fmt.number(r.published, lang)}" for r in counts.itertuples())
    source_ids += counts["source_id"].tolist()
    coverage = pd.DataFrame(
        {
            tr("col.year", lang): years_df["year"].astype(str),
            tr("col.method", lang): [tr(f"method.short.{m}", lang) for m in years_df["method"]],
            tr("col.with_zone", lang): [f"{n} / 22" for n in years_df["with_zone"]],
            tr("col.with_score", lang): [f"{n} / 22" for n in years_df["with_score"]],
        }
    )
    source_ids += years_df["method_source_id"].dropna().tolist()
    return ComplianceView(
        years=[int(y) for y in years_df["year"]],
        method=methods[year],
        method_note=tr("kep.method_note", lang, year=year, method=tr(f"method.{methods[year]}", lang)),
        crosses_method=bool(compare) and methods.get(compare) != methods[year],
        compare_method=str(methods.get(compare, "")),
        published=(tr("kep.published", lang, year=year, counts=published) + " " + " ".join(unnamed))
        if published
        else "",
        province=zone_text(prov["zone"], prov["category"], prov["score"], lang, fmt.md_text),
        province_source=col.source_md(prov["url"], prov["publisher"], lang)
        if isinstance(prov["publisher"], str)
        else None,
        map_rows=pd.DataFrame({"kode": kab["kode"].tolist(), "cls": classes, "hover": hover}),
        table=table,
        coverage=coverage,
        source_ids=sorted(set(source_ids)),
        rows=col.Rows(machine, columns),
    )


@view(kind="resource", max_entries=64)
def compliance_map(lang: str, year: int, compare: int = 0, height: int = 520) -> go.Figure | None:
    """The map figure, or None when the boundary file is absent (the page then shows the table and says why)."""
    fc = geo.boundaries()
    if fc is None:
        return None
    v = compliance(lang, year, compare)
    if compare:
        classes, keys = charts.CHANGE_CLASSES, ("better", "same", "worse", charts.NO_DATA)
        labels = {k: tr(f"change.{k}", lang) for k in keys}
    else:
        classes = {}
        labels = {}
        for k, style in charts.ZONE_CLASSES.items():  # each zone, then the same zone inferred, then no data
            classes[k] = style
            labels[k] = zone_label(None if k == charts.NO_DATA else k, lang)
            if k + charts.INFERRED in charts.INFERRED_ZONE_CLASSES:
                classes[k + charts.INFERRED] = charts.INFERRED_ZONE_CLASSES[k + charts.INFERRED]
                labels[k + charts.INFERRED] = f"{labels[k]} ({tr('status.inferred', lang)})"
    return charts.read_only(charts.class_map(fc, geo.label_points(), v.map_rows, classes, labels, height=height))
