"""AppTest over every page, in Bahasa and English: no exception, and the real values visible."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO

APP = str(REPO / "app.py")


def _run(lang: str = "id", page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    if lang != "id":
        at.query_params["lang"] = lang
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _text(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "title", "subheader") for e in getattr(at, kind)]
    parts += [m.label + " " + m.value for m in at.metric]
    return "\n".join(str(p) for p in parts)


def test_home_in_bahasa_shows_real_figures(use_built: Path) -> None:
    at = _run("id")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Unit berpredikat WBK"] == "3"
    assert metrics["Unit berpredikat WBBM"] == "0"
    assert metrics["akses (konsultasi + laporan)"] == "279"
    assert metrics["laporan masyarakat"] == "1.278"
    text = _text(at)
    assert "hijau 12" in text and "kuning 10" in text and "merah 0" in text
    assert "1 Januari – 31 Mei 2025 · sebagian tahun" in text
    awards = at.table[0].value
    kppn = awards[awards["Instansi"] == "Kantor Pelayanan Perbendaharaan Negara Kupang"]
    assert list(kppn["Tahap"]) == ["Predikat WBK", "Usulan ke TPN menuju WBBM (hasil belum diketahui)"]
    assert list(kppn["Tanggal"]) == ["2019", "2025"]
    assert "20 Desember 2021" in list(awards["Tanggal"])
    assert "diperdebatkan" in list(awards["Status"])


def test_home_in_english(use_built: Path) -> None:
    at = _run("en")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Units awarded WBK"] == "3"
    assert metrics["registered reports"] == "1,278"
    text = _text(at)
    assert "green 12" in text and "January 1 – May 31, 2025 · part of the year" in text
    awards = at.table[0].value
    assert "Proposal to the national team toward WBBM (outcome not yet known)" in list(awards["Milestone"])
    assert "December 20, 2021" in list(awards["Date"])


def test_home_coverage_table_matches_chart(use_built: Path) -> None:
    at = _run("id")
    cov = at.table[1].value.set_index("Tahun")
    assert (cov.loc["2017", "Merah"], cov.loc["2017", "Kuning"]) == (2, 2)
    assert cov.loc["2018", "Merah"] == 9 and cov.loc["2021", "Merah"] == 13
    assert cov.loc["2024", "Hijau"] == 12
    assert "kuning 10" in cov.loc["2024", "Jumlah dipublikasikan"]
    fig = at.get("plotly_chart")[0].proto.spec
    assert '"name":"merah"' in fig.replace(" ", "")


def test_home_lists_every_source_used(use_built: Path) -> None:
    at = _run("id")
    label = at.expander[0].label
    assert label.startswith("Sumber angka di halaman ini")
    body = "\n".join(m.value for m in at.expander[0].markdown)
    assert "src-s1" in body and "src-b29" in body and "src-c26" in body


@pytest.mark.parametrize("lang", ["id", "en"])
def test_about_page_lists_sources_schema_and_attribution(use_built: Path, lang: str) -> None:
    at = _run(lang, "app_pages/tentang.py")
    assert len(at.dataframe[0].value) == 144
    text = _text(at) + "\n".join(i.value for i in at.info)
    assert "Badan Informasi Geospasial" in text
    tables = at.table[2].value
    assert len(tables) == 13
    rows = dict(zip(tables.iloc[:, 0], tables.iloc[:, 1], strict=True))
    assert rows["compliance"] == "75" and rows["sources"] == "144"
    columns = at.dataframe[1].value
    assert set(columns.iloc[:, 0]) >= {"zi_events", "complaints", "loads"}
    assert (at.title[0].value == "Tentang data") == (lang == "id")


def test_pages_say_so_when_no_database_is_built(data_dir: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert "make etl" in at.error[0].value


def test_about_page_without_boundary_file_says_why(data_dir: Path) -> None:
    from etl.build import build

    build()
    (data_dir / "geo" / "ntt_kabkota.geojson").unlink()
    at = _run("id", "app_pages/tentang.py")
    assert "python -m etl boundaries" in at.warning[0].value
