"""Pure figure builders: the map draws 22 regions with the right class each, gaps as gaps; selections map to codes."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from integritas import charts
from integritas.views.compliance import change_class
from tests.conftest import REPO

FC = json.loads((REPO / "data" / "geo" / "ntt_kabkota.geojson").read_text(encoding="utf-8"))
CODES = [f["properties"]["kode"] for f in FC["features"]]


def _map(classes: dict[str, str]) -> dict[str, str]:
    df = pd.DataFrame({"kode": CODES, "cls": [classes.get(k, charts.NO_DATA) for k in CODES], "hover": CODES})
    labels = {k: k for k in charts.ZONE_CLASSES}
    fig = charts.class_map(FC, charts.label_points(FC), df, charts.ZONE_CLASSES, labels)
    (choro,) = [t for t in fig.data if t.type == "choropleth"]
    assert sorted(choro.locations) == sorted(CODES)
    colour_to_class = {colour: cls for cls, (colour, _) in charts.ZONE_CLASSES.items()}
    # z indexes the stepped colour scale: class i occupies entries 2i and 2i+1
    drawn = {loc: colour_to_class[choro.colorscale[2 * z][1]] for loc, z in zip(choro.locations, choro.z, strict=True)}
    legend = {t.name for t in fig.data if t.type == "scattergeo" and t.showlegend}
    assert legend == set(drawn.values())
    return drawn


def test_every_region_drawn_once_with_its_zone_and_the_rest_as_no_data() -> None:
    zones_2017 = {"53.04": "merah", "53.03": "merah", "53.01": "kuning", "53.71": "kuning"}
    drawn = _map(zones_2017)
    assert len(drawn) == 22
    assert {k: v for k, v in drawn.items() if v != charts.NO_DATA} == zones_2017
    assert list(drawn.values()).count(charts.NO_DATA) == 18


def test_no_data_is_grey_with_a_marker_never_a_zone_colour() -> None:
    df = pd.DataFrame({"kode": CODES, "cls": charts.NO_DATA, "hover": CODES})
    fig = charts.class_map(FC, charts.label_points(FC), df, charts.ZONE_CLASSES, {k: k for k in charts.ZONE_CLASSES})
    (choro,) = [t for t in fig.data if t.type == "choropleth"]
    colours = {c for _, c in choro.colorscale}
    assert colours == {charts.ZONE_CLASSES[charts.NO_DATA][0]}
    assert colours.isdisjoint({charts.ZONE_CLASSES[z][0] for z in ("hijau", "kuning", "merah")})
    (markers,) = [t for t in fig.data if t.type == "scattergeo"]
    assert len(markers.lon) == 22 and markers.marker.symbol.startswith("x")
    assert markers.showlegend and markers.name == charts.NO_DATA


def test_each_zone_reads_without_colour_a_marker_shape_of_its_own_on_its_regions() -> None:
    # published zones: Kab. TTU and Kota Kupang hijau 2024 (C34, C36); Kab. Kupang kuning, Alor merah 2022 (C31, C32)
    classes = {"53.03": "hijau", "53.71": "hijau", "53.01": "kuning", "53.05": "merah"}
    df = pd.DataFrame({"kode": CODES, "cls": [classes.get(k, charts.NO_DATA) for k in CODES], "hover": CODES})
    labels = {"hijau": "hijau", "kuning": "kuning", "merah": "merah", charts.NO_DATA: "tidak ada data"}
    fig = charts.class_map(FC, charts.label_points(FC), df, charts.ZONE_CLASSES, labels)
    markers = {t.name: t for t in fig.data if t.type == "scattergeo"}
    assert set(markers) == set(labels.values())  # one legend entry per class drawn
    symbols = {name: t.marker.symbol for name, t in markers.items()}
    assert len(set(symbols.values())) == 4, symbols  # the legend tells the zones apart by shape, not only colour
    placed = {name: sorted(k for k, _ in t.customdata) for name, t in markers.items()}
    assert placed["hijau"] == ["53.03", "53.71"] and placed["kuning"] == ["53.01"] and placed["merah"] == ["53.05"]
    assert len(placed["tidak ada data"]) == 18


def test_label_points_fall_inside_their_region() -> None:
    from shapely.geometry import Point, shape

    points = charts.label_points(FC)
    for feat in FC["features"]:
        assert shape(feat["geometry"]).contains(Point(points[feat["properties"]["kode"]]))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("merah", "kuning", "better"),
        ("hijau", "kuning", "worse"),
        ("kuning", "kuning", "same"),
        (None, "hijau", "none"),
    ],
)
def test_change_class(a: object, b: object, expected: str) -> None:
    assert change_class(a, b) == expected


@pytest.mark.parametrize(
    ("selection", "kode"),
    [
        ({"selection": {"points": [{"location": "53.71", "curve_number": 0}]}}, "53.71"),
        ({"selection": {"points": [{"customdata": ["53.04", "Belu"]}]}}, "53.04"),
        ({"selection": {"points": []}}, None),
        (None, None),
        ({}, None),
    ],
)
def test_clicked_key(selection: object, kode: str | None) -> None:
    assert charts.clicked_key(selection) == kode


def test_compliance_history_marks_gaps_and_zone_only_years() -> None:
    hist = pd.DataFrame(
        {"year": [2017, 2021, 2024], "score": [37.86, None, 83.33], "zone": ["merah", "kuning", "hijau"]}
    )
    bands = pd.DataFrame(
        {"year_from": [2024], "year_to": [2024], "zone": ["hijau"], "min_score": [78.0], "max_score": [100.0]}
    )
    fig = charts.compliance_history(hist, [2017, 2018, 2021, 2024], bands, "id")
    by_name = {t.name: list(t.x) for t in fig.data}
    assert by_name["merah"] == ["2017"] and by_name["hijau"] == ["2024"]
    assert by_name["kuning (skor tidak dipublikasikan)"] == ["2021"]
    assert by_name["tidak ada data"] == ["2018"]
    assert len(fig.layout.shapes) == 1


# ---------------------------------------------------------------- a phone's lanes and legends


def _lane_events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "agency_id": ["kppn-kupang", "kppn-kupang", "pa-kupang", "pa-kupang-2"],
            "event": ["pencanangan", "wbk", "pencanangan", "pencanangan"],
            "date": pd.to_datetime(["2018-01-01", "2019-12-10", "2021-03-01", "2022-05-01"]),
            "date_precision": ["year", "day", "day", "day"],
            "status": ["confirmed", "confirmed", "confirmed", "scheduled"],
            "hover": ["a", "b", "c", "d"],
        }
    )


LANE_LABELS = {"precision": "tahun saja", "event.pencanangan": "Pencanangan", "event.wbk": "WBK"}
LANE_LABELS |= {"status.confirmed": "terkonfirmasi", "status.scheduled": "dijadwalkan"}


def test_a_phone_names_each_lane_above_it_with_the_years_on_top() -> None:
    # two agencies that read alike ("PA Kupang") keep a lane each; every lane is named once, in order, and the
    # markers have the width the names would take beside them
    order = ["kppn-kupang", "pa-kupang", "pa-kupang-2"]
    names = {"kppn-kupang": "KPPN Kupang (Kota Kupang)", "pa-kupang": "PA Kupang", "pa-kupang-2": "PA Kupang"}
    fig = charts.lanes(_lane_events(), order, names, LANE_LABELS, phone=True)
    assert [a.text for a in fig.layout.annotations] == ["KPPN Kupang (Kota Kupang)", "PA Kupang", "PA Kupang"]
    assert [a.y for a in fig.layout.annotations] == order and all(a.yshift > 0 for a in fig.layout.annotations)
    markers = [t for t in fig.data if t.mode == "markers"]
    assert {y for t in markers for y in t.y} == set(order)
    assert fig.layout.xaxis.side == "top" and fig.layout.yaxis.showticklabels is False
    wide = charts.lanes(_lane_events(), order, names, LANE_LABELS)
    assert not wide.layout.annotations and wide.layout.xaxis.side is None  # the wide screen's form is unchanged
    # the title block grows by the years' row, so the years never sit on the subtitle
    credits = charts.Credits("Jalur", "1–3 dari 3", "Sumber: A", "v1", "https://x.test/perjalanan")
    assert charts.with_credits(fig, credits).layout.margin.t > charts.with_credits(wide, credits).layout.margin.t


def test_a_legend_under_the_plot_stands_above_the_source_lines_at_any_width() -> None:
    credits = charts.Credits("Zona", "", "Sumber: A", "v1", "https://x.test/")
    summary = pd.DataFrame({"year": [2023, 2024], "zone": ["hijau", "merah"], "named": [3, 4]})
    fig = charts.with_credits(charts.zones_by_year(summary), credits)
    legend, footer = fig.layout.legend, fig.layout.legend2
    # placed on the figure, not in fractions of the plot: plotly.js keeps the plot and its axis above it
    assert legend.yref == "container" and legend.yanchor == "bottom" and footer.yref == "container"
    footer_lines = footer.title.text.count("<br>") + 1
    assert legend.y * fig.layout.height >= footer_lines * charts.CREDIT_SIZE  # above the source lines, not on them
    # a map's legend sits inside the map, over the sea: it stays where it is
    df = pd.DataFrame({"kode": CODES, "cls": charts.NO_DATA, "hover": CODES})
    points = charts.label_points(FC)
    shown = charts.with_credits(charts.class_map(FC, points, df, charts.ZONE_CLASSES, {charts.NO_DATA: "–"}), credits)
    assert shown.layout.legend.yref is None and shown.layout.legend.y == 0.02
