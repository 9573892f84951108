"""Images that carry their source: every chart, saved without the page, still says what it shows (title, year and
filters), who published the figures, which data version they come from and where to find the view again; the
download button names the file after the chart and the version; the page that renders an SVG on the server loads
nothing from outside (the renders themselves, in Chromium: tests/e2e/test_chart_image.py)."""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Callable

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from plotly.utils import PlotlyJSONEncoder

from integritas import charts, images
from tests.conftest import REPO

HOSTILE = "<a href='javascript:x'>p</a>"
CREDITS = charts.Credits(
    title="Pemda per zona kepatuhan pelayanan publik di Nusa Tenggara Timur, 2017–2024",
    subtitle="Tahun 2024 · semua kabupaten/kota · dibandingkan dengan 2022",
    source="Sumber: Ombudsman RI Perwakilan NTT; KemenPAN-RB",
    version="2026-11-30-3f9a1c",
    permalink="https://dasbor.example.org/kepatuhan?tahun=2024&banding=2022&versi=2026-11-30-3f9a1c",
)
FC = json.loads((REPO / "data" / "geo" / "ntt_kabkota.geojson").read_text(encoding="utf-8"))
CODES = [f["properties"]["kode"] for f in FC["features"]]


# ---------------------------------------------------------------- every builder, from small frames


def _zones() -> go.Figure:
    summary = pd.DataFrame(
        {"year": [2017] * 3 + [2024] * 3, "zone": ["merah", "kuning", "hijau"] * 2, "named": [4, 2, 0, 1, 8, 13]}
    )
    return charts.zones_by_year(summary, "id")


def _map() -> go.Figure:
    classes = {"53.03": "hijau", "53.71": "hijau", "53.01": "kuning", "53.05": "merah"}
    df = pd.DataFrame({"kode": CODES, "cls": [classes.get(k, charts.NO_DATA) for k in CODES], "hover": CODES})
    labels = {"hijau": "hijau", "kuning": "kuning", "merah": "merah", charts.NO_DATA: "tidak ada data"}
    return charts.class_map(FC, charts.label_points(FC), df, charts.ZONE_CLASSES, labels)


def _history() -> go.Figure:
    hist = pd.DataFrame(
        {"year": [2017, 2021, 2024], "score": [37.86, None, 83.33], "zone": ["merah", "kuning", "hijau"]}
    )
    bands = pd.DataFrame(
        {"year_from": [2024], "year_to": [2024], "zone": ["hijau"], "min_score": [78.0], "max_score": [100.0]}
    )
    return charts.compliance_history(hist, [2017, 2018, 2021, 2024], bands, "id")


def _lanes() -> go.Figure:
    events = pd.DataFrame(
        {
            "agency_id": ["kppn-kupang", "kppn-kupang", "bpolbf"],
            "event": ["pencanangan", "wbk", "wbk"],
            "date": pd.to_datetime(["2018-01-01", "2019-12-10", "2022-12-06"]),
            "date_precision": ["year", "day", "day"],
            "status": ["confirmed", "confirmed", "disputed"],
            "hover": ["a", "b", "c"],
        }
    )
    names = {"kppn-kupang": "KPPN Kupang", "bpolbf": "Badan Pelaksana Otorita Labuan Bajo Flores"}
    labels = {"precision": "tahun saja", "event.pencanangan": "Pencanangan", "event.wbk": "WBK"}
    labels |= {"status.confirmed": "terkonfirmasi", "status.disputed": "diperdebatkan"}
    return charts.lanes(events, ["kppn-kupang", "bpolbf"], names, labels)


def _stages() -> go.Figure:
    rows = pd.DataFrame(
        {"year": [2019, 2020], "pencanangan": [3, 5], "usulan_tpn": [1, 1], "wbk": [1, 2], "wbbm": [0, 0]}
    )
    stage_labels = {"pencanangan": "Pencanangan", "usulan_tpn": "Usulan TPN", "wbk": "WBK", "wbbm": "WBBM"}
    return charts.stages_by_year(rows, stage_labels, "unit")


def _durations(horizontal: bool) -> Callable[[], go.Figure]:
    def build() -> go.Figure:
        rows = pd.DataFrame(
            {
                "tick": ["2019", "2022"],
                "count": ["(1)", "(2)"],
                "n": [0, 2],
                "lo": [None, 0.2],
                "q1": [None, 0.25],
                "median": [None, 0.3],
                "q3": [None, 0.5],
                "hi": [None, 0.6],
                "hover": ["", "0,3 tahun"],
            }
        )
        return charts.durations(rows, {"years": "tahun"}, horizontal=horizontal)

    return build


def _series() -> go.Figure:
    rows = pd.DataFrame(
        {
            "metric": ["laporan", "laporan", "akses"],
            "period_start": pd.to_datetime(["2021-01-01", "2022-01-01", "2022-01-01"]),
            "period_end": pd.to_datetime(["2021-12-31", "2022-12-31", "2022-05-31"]),
            "value": [120, 140, 300],
            "comparator": ["=", ">", "="],
            "hover": ["a", "b", "c"],
            "text": ["120", "> 140", "300"],
        }
    )
    return charts.complaint_series(rows, {"metric.laporan": "Laporan", "metric.akses": "Akses"})


def _breakdown() -> go.Figure:  # one period: a single trace, which plotly draws without a legend
    rows = pd.DataFrame(
        {
            "value_label": ["Kota Kupang", "Belu"],
            "period_label": ["2024", "2024"],
            "value": [40, 9],
            "text": ["40", "9"],
        }
    )
    return charts.breakdown_bars(rows)


BUILDERS: dict[str, Callable[[], go.Figure]] = {
    "zones_by_year": _zones,
    "class_map": _map,
    "compliance_history": _history,
    "lanes": _lanes,
    "stages_by_year": _stages,
    "durations": _durations(False),
    "durations_horizontal": _durations(True),
    "complaint_series": _series,
    "breakdown_bars": _breakdown,
}


def _layout_text(fig: go.Figure) -> str:
    """The text the picture shows outside its axes and legend entries: the title block and the source lines, as a
    reader sees them (markup gone, entities decoded, one line per drawn line)."""
    parts = [fig.layout.title.text, fig.layout.title.subtitle.text, fig.layout.legend2.title.text]
    joined = "<br>".join(p for p in parts if p)
    return html.unescape(re.sub(r"<(?!br>)[^>]*>", "", joined)).replace("<br>", "\n")


def _plain(value: object) -> object:
    """JSON values as plotly sends them, with typed arrays ({"bdata", "dtype"}) decoded, so two equal traces compare
    equal however their arrays are held."""
    if isinstance(value, dict):
        if set(value) >= {"bdata", "dtype"}:
            return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _trace(trace: go.Figure) -> object:
    data = {k: v for k, v in trace.to_plotly_json().items() if k != "showlegend"}
    return _plain(json.loads(json.dumps(data, cls=PlotlyJSONEncoder)))


def _flat(text: str) -> str:
    return " ".join(text.split())


def _compact(text: str) -> str:  # a link drawn over two lines reads as one
    return "".join(text.split())


# ---------------------------------------------------------------- what the picture says


@pytest.mark.parametrize("name", BUILDERS)
def test_every_chart_carries_title_subtitle_source_version_and_link(name: str) -> None:
    fig = charts.with_credits(BUILDERS[name](), CREDITS, "id")
    shown = _layout_text(fig)
    assert _flat(CREDITS.title) in _flat(shown)
    assert _flat(CREDITS.subtitle) in _flat(shown)
    assert CREDITS.source in shown
    assert "Versi data: 2026-11-30-3f9a1c" in shown
    assert _compact(CREDITS.permalink) in _compact(shown)
    # the title opens the layout's own title, so a reader of the figure (and plotly) finds it there
    assert fig.layout.title.text.startswith("<b>Pemda per zona")
    # the title reads before the source: title above the chart, source lines below it
    assert shown.index("Pemda") < shown.index("Sumber")


@pytest.mark.parametrize("name", BUILDERS)
def test_credits_leave_the_chart_as_it_was(name: str) -> None:
    built = BUILDERS[name]()
    before = built.to_json()
    fig = charts.with_credits(built, CREDITS, "id")
    assert built.to_json() == before, "with_credits changed the figure it was given"
    assert built.layout.title.text is None
    # the chart's own traces are all still there, in order (a lone trace may be told outright what plotly does by
    # default, to stay out of the legend: test_a_single_series_chart_keeps_its_missing_legend); the one added
    # draws nothing
    added = fig.data[len(built.data) :]
    assert [_trace(t) for t in fig.data[: len(built.data)]] == [_trace(t) for t in built.data]
    assert len(added) == 1 and added[0].hoverinfo == "skip"
    holder = added[0].to_plotly_json()
    assert all(v is None for key in ("x", "y", "lon", "lat") for v in holder.get(key, ()))
    # the figure grows by the space the credits take, so the chart itself is not squeezed
    if built.layout.height is not None:
        assert fig.layout.height > built.layout.height + 60


def test_a_cached_read_only_figure_is_never_changed() -> None:
    cached = charts.read_only(_map())
    frozen = json.dumps(cached.to_dict(), sort_keys=True, default=str)
    for lang in ("id", "en"):
        charts.with_credits(cached, CREDITS, lang)
    assert json.dumps(cached.to_dict(), sort_keys=True, default=str) == frozen


def test_a_single_series_chart_keeps_its_missing_legend() -> None:
    # plotly shows no legend for one trace; the credits must not make one appear beside the bars
    fig = charts.with_credits(_breakdown(), CREDITS, "id")
    listed = [t for t in fig.data if t.showlegend is not False and getattr(t, "legend", None) in (None, "legend")]
    assert listed == []


def test_hostile_publisher_title_and_link_show_as_typed_never_as_markup() -> None:
    hostile = charts.Credits(
        title="<b>Judul</b> & <img src=x onerror=alert(1)>",
        subtitle="2024 <br> <i>miring</i>",
        source=charts.source_line([HOSTILE], "id"),
        version="<script>v</script>",
        permalink="javascript:alert(1)//<a href='x'>",
    )
    fig = charts.with_credits(_zones(), hostile, "id")
    raw = " ".join([fig.layout.title.text, fig.layout.title.subtitle.text, fig.layout.legend2.title.text])
    # only the markup with_credits adds itself: bold, line breaks, the span that sizes the title's second line
    tags = set(re.findall(r"</?([a-z]+)", raw))
    assert tags <= {"b", "br", "span"}, tags
    assert "href" not in re.sub(r"&lt;.*?&gt;", "", raw)
    assert "&lt;a href='javascript:x'&gt;p&lt;/a&gt;" in raw
    shown = _layout_text(fig)
    assert HOSTILE in shown and "<img src=x onerror=alert(1)>" in _flat(shown) and "<script>v</script>" in shown


def test_credits_are_translated() -> None:
    fig = charts.with_credits(_zones(), CREDITS, "en")
    assert "Data version: 2026-11-30-3f9a1c" in _layout_text(fig)
    assert charts.source_line(["Ombudsman RI Perwakilan NTT", "KemenPAN-RB"], "en") == (
        "Source: Ombudsman RI Perwakilan NTT; KemenPAN-RB"
    )
    # each publisher once, in the order met; an empty list says the source is not recorded, never a blank line
    assert charts.source_line(["A", " A ", "B", ""], "id") == "Sumber: A; B"
    assert charts.source_line([], "id") == "Sumber: belum tercatat"
    assert charts.source_line([], "en") == "Source: not recorded"


def test_long_credits_are_broken_into_lines_a_phone_can_show() -> None:
    # about 358 px of chart on a 390 px phone: at 11 px, some 62 characters; plotly never wraps and clips the rest
    long = charts.Credits(
        title="Sangat panjang " * 8,
        subtitle="Tahun 2024 · " * 8,
        source=charts.source_line([f"Penerbit nomor {i}" for i in range(8)], "id"),
        version="2026-11-30-3f9a1c",
        permalink="https://dasbor.example.org/perjalanan?" + "&".join(f"k{i}=nilai{i}" for i in range(12)),
    )
    fig = charts.with_credits(_zones(), long, "id")
    for line in _layout_text(fig).split("\n"):
        assert 0 < len(line) <= 62, line
    assert _compact(long.permalink) in _compact(_layout_text(fig))


# ---------------------------------------------------------------- the download button


def test_plot_config_offers_only_the_image_download_named_after_chart_and_version() -> None:
    map_config = {"topojsonURL": "app/static/topojson/", "displayModeBar": False, "scrollZoom": False}
    config = charts.plot_config("peta kepatuhan 2024", map_config, version="2026-11-30-3f9a1c")
    assert config["modeBarButtons"] == [["toImage"]]
    assert config["displayModeBar"] is True  # shown at all times: a phone has no hover
    assert config["displaylogo"] is False
    # what the map needs to draw offline is kept
    assert config["topojsonURL"] == "app/static/topojson/" and config["scrollZoom"] is False
    image = config["toImageButtonOptions"]
    assert image["format"] == "png"
    assert image["width"] * image["scale"] == 2400 and image["height"] * image["scale"] == 1350
    assert image["filename"] == "peta-kepatuhan-2024_2026-11-30-3f9a1c"
    assert map_config["displayModeBar"] is False  # the caller's dict is left alone


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", ".hidden", "Zona – 2024 (é)", 'a/b\\c:d*e?f"g<h>i|j', "   ", "<script>x</script>"],
)
def test_file_names_hold_only_safe_characters_and_the_version(name: str) -> None:
    file_name = charts.plot_config(name, version="warehouse-20261130T025943243519Z.duckdb")["toImageButtonOptions"][
        "filename"
    ]
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", file_name), file_name
    assert ".." not in file_name and not file_name.startswith(".")
    assert "warehouse-20261130T025943243519Z" in file_name and not file_name.endswith(".duckdb")


def test_a_tall_chart_exports_at_its_own_height() -> None:
    lanes = charts.with_credits(_lanes(), CREDITS, "id")
    config = charts.plot_config("lintasan", height=max(charts.IMAGE_HEIGHT, int(lanes.layout.height)))
    assert config["toImageButtonOptions"]["height"] >= lanes.layout.height


# ---------------------------------------------------------------- SVG and PNG made on the server (kaleido)


def test_the_render_page_loads_nothing_from_outside() -> None:
    page = images._render_page().generate_index()
    sources = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", page)
    assert sources and all(s.startswith("file:///") for s in sources), sources
    assert "http" not in page.lower()
