"""AppTest over every page, in Bahasa and English: no exception, and the real values visible."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from integritas.fmt import md_text
from tests.conftest import REPO, open_page, seen

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
    assert metrics["Unit berpredikat WBK"] == "4"  # KPPN Kupang, PN Rote Ndao, Kanwil Kemenkumham, BPOLBF (P3-A1)
    assert metrics["Unit berpredikat WBBM"] == "0"
    assert metrics["akses (konsultasi + laporan)"] == "279"
    assert metrics["laporan masyarakat"] == "1.278"
    text = _text(at)
    assert "hijau 12" in text and "kuning 10" in text and "merah 0" in text
    assert "1 Januari – 31 Mei 2025 · sebagian tahun" in text
    awards = seen(at.table[0].value)
    kppn = awards[awards["Instansi"] == "Kantor Pelayanan Perbendaharaan Negara Kupang"]
    assert list(kppn["Tahap"]) == ["Predikat WBK", "Usulan ke TPN menuju WBBM (hasil belum diketahui)"]
    assert list(kppn["Tanggal"]) == ["2019", "2025"]
    assert "20 Desember 2021" in list(awards["Tanggal"])
    assert "diperdebatkan" in list(awards["Status"])


def test_home_in_english(use_built: Path) -> None:
    at = _run("en")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Units awarded WBK"] == "4"
    assert metrics["registered reports"] == "1,278"
    text = _text(at)
    assert "green 12" in text and "January 1 – May 31, 2025 · part of the year" in text
    awards = seen(at.table[0].value)
    assert "Proposal to the national team toward WBBM (outcome not yet known)" in list(awards["Milestone"])
    assert "December 20, 2021" in list(awards["Date"])


def test_home_coverage_table_matches_chart(use_built: Path) -> None:
    at = _run("id")
    cov = seen(at.table[1].value).set_index("Tahun")
    assert (cov.loc["2017", "Merah"], cov.loc["2017", "Kuning"]) == (2, 2)
    assert cov.loc["2018", "Merah"] == 9 and cov.loc["2021", "Merah"] == 13
    assert cov.loc["2024", "Hijau"] == 12
    assert "kuning 10" in cov.loc["2024", "Jumlah dipublikasikan"]
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    bars = next(s for s in specs if s["data"][0]["type"] == "bar")
    merah = next(t for t in bars["data"] if t["name"] == "merah")
    assert dict(zip(merah["x"], merah["y"], strict=True))["2018"] == 9
    home_map = next(s for s in specs if s["data"][0]["type"] == "choropleth")
    (choro,) = [t for t in home_map["data"] if t["type"] == "choropleth"]
    assert len(set(choro["locations"])) == 22


def test_home_lists_every_source_used(use_built: Path) -> None:
    at = _run("id")
    label = at.expander[0].label
    assert label.startswith("Sumber angka di halaman ini")
    body = "\n".join(m.value for m in at.expander[0].markdown)
    # source ids are data, written into Markdown escaped (they read the same)
    assert all(md_text(i) in body for i in ("src-s1", "src-b29", "src-c26"))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_about_page_lists_sources_schema_and_attribution(use_built: Path, lang: str) -> None:
    at = _run(lang, "app_pages/tentang.py")
    # every source, a page at a time (a list: eight columns of long text do not fit a phone): the first 50, with
    # the exact count beside them
    (listed,) = [m.value for m in at.markdown if m.value.startswith("- **src")]
    assert len([line for line in listed.split("\n") if line.startswith("- **src")]) == 50
    assert ("1–50 dari 169" if lang == "id" else "1–50 of 169") in _text(at)
    text = _text(at) + "\n".join(i.value for i in at.info)
    assert "Badan Informasi Geospasial" in text
    tables = at.table[2].value
    assert len(tables) == 14
    rows = dict(zip(tables.iloc[:, 0], tables.iloc[:, 1], strict=True))
    assert rows["compliance"] == "93" and rows["sources"] == "169"
    columns = at.table[3].value
    assert set(columns.iloc[:, 0]) >= {"zi_events", "complaints", "loads"}
    # the schema's descriptions in the page's language
    score = columns[(columns.iloc[:, 0] == "compliance") & (columns.iloc[:, 1] == "score")].iloc[0, 3]
    assert ("Skor" in score) == (lang == "id") and ("score" in score.lower()) == (lang == "en")
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
    warning = at.warning[0].value
    # what is missing and what still works, in words: no command line, no server path on a public page
    assert "batas wilayah" in warning and "tabel tetap lengkap" in warning
    assert "python -m" not in warning and str(data_dir) not in warning


def _kepatuhan(lang: str = "id", **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for k, v in {"lang": lang, **params}.items():
        if k != "lang" or v != "id":
            at.query_params[k] = v
    at.run()
    at.switch_page("app_pages/kepatuhan.py").run()
    assert not at.exception, at.exception
    return at


def test_kepatuhan_changing_year_changes_map_and_table(use_built: Path) -> None:
    at = _kepatuhan()
    table = at.dataframe[0].value.set_index("Kabupaten/kota")
    assert table.loc["Kota Kupang", "Zona 2024"] == "● hijau"
    assert table.loc["Kabupaten Alor", "Zona 2024"] == "tidak ada data"
    assert "Penilaian Penyelenggaraan Pelayanan Publik" in at.info[0].value
    assert any("10 pemda kuning tidak disebut namanya" in c.value for c in at.caption)
    at.select_slider(key="tahun").set_value(2017).run()
    table = at.dataframe[0].value.set_index("Kabupaten/kota")
    assert table.loc["Kabupaten Belu", "Zona 2017"] == "▲ merah"
    assert table.loc["Kabupaten Belu", "Skor 2017"] == "37,86"
    assert table.loc["Kota Kupang", "Zona 2017"] == "◆ kuning"
    assert (table["Zona 2017"] == "tidak ada data").sum() == 18
    assert "Penilaian Kepatuhan" in at.info[0].value
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    merah = next(t for t in spec["data"] if t["type"] == "scattergeo" and "merah" in t["name"])
    assert sorted(k for k, _ in merah["customdata"]) == ["53.03", "53.04"]


def test_kepatuhan_compare_marks_changes_and_method_crossing(use_built: Path) -> None:
    at = _kepatuhan(tahun="2022", banding="2021")
    table = at.dataframe[0].value.set_index("Kabupaten/kota")
    assert table.loc["Kota Kupang", "Perubahan 2021→2022"] == "▲ membaik"
    assert table.loc["Kabupaten Alor", "Perubahan 2021→2022"] == "● tetap"
    assert table.loc["Kabupaten Lembata", "Perubahan 2021→2022"] == "● tetap"
    assert "pergantian metode" in at.warning[0].value
    assert "(glosarium?bagian=metode-penilaian)" in at.warning[0].value  # why: the 2022 method's paragraph
    # both years side by side: each with its zone, score and own source, so either side can be checked
    kupang = table.loc["Kota Kupang"]
    assert (kupang["Zona 2021"], kupang["Zona 2022"]) == ("◆ kuning", "● hijau")
    assert (kupang["Skor 2021"], kupang["Skor 2022"]) == ("–", "79,12")
    assert kupang["Sumber 2021"].startswith("https://") and kupang["Sumber 2022"].startswith("https://")
    assert kupang["Sumber 2021"] != kupang["Sumber 2022"]
    same_method = _kepatuhan(tahun="2018", banding="2017")
    assert len(same_method.warning) == 0


def test_kepatuhan_province_result_beside_map(use_built: Path) -> None:
    at = _kepatuhan("en", tahun="2022")
    text = _text(at)
    assert "NTT provincial government · 2022" in text
    assert "● green, category B, score 80.93" in text


def test_region_page_from_url(use_built: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["kode"] = "53.04"
    at.run()
    at.switch_page("app_pages/wilayah.py").run()
    assert not at.exception
    assert at.title[0].value == "Kabupaten Belu"
    hist = seen(at.table[0].value).set_index("Tahun")
    assert hist.loc["2017", "Skor"] == "37,86" and hist.loc["2016", "Zona"] == "tidak ada data"
    assert hist.loc["2023", "Status"] == "disimpulkan"
    agencies = seen(at.table[1].value)
    assert "Pengadilan Negeri Atambua" in list(agencies["Instansi"])
    units = seen(at.table[2].value)
    assert "Polres Belu" in list(units["Unit"])


def test_region_page_lists_complaints_of_its_origin(use_built: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["kode"] = "53.21"
    at.run()
    at.switch_page("app_pages/wilayah.py").run()
    complaints = seen(at.table[-1].value)
    assert list(complaints["Nilai"]) == ["9"]
    assert "laporan masyarakat" in list(complaints["Ukuran"])


def test_kepatuhan_without_boundary_file_shows_table_and_says_why(data_dir: Path) -> None:
    from etl.build import build

    build()
    (data_dir / "geo" / "ntt_kabkota.geojson").unlink()
    at = _kepatuhan(tahun="2018")
    assert any("berkas batas wilayah tidak ada" in w.value for w in at.warning)
    assert not at.get("plotly_chart")
    assert len(at.dataframe[0].value) == 22


def _page(page: str, lang: str = "id", **params: str) -> AppTest:
    return open_page(page, lang, 30, **params)


def test_journeys_every_agency_with_events_has_a_lane(use_built: Path) -> None:
    at = _page("app_pages/perjalanan.py")
    table = at.dataframe[0].value.set_index("Instansi")
    import duckdb

    from core import paths

    con = duckdb.connect(str(paths.current_db()), read_only=True)
    with_events = {
        n for (n,) in con.execute("SELECT nama FROM agencies WHERE id IN (SELECT agency_id FROM zi_events)").fetchall()
    }
    con.close()
    assert set(table.index) == with_events and len(with_events) > 30
    kppn = table.loc["Kantor Pelayanan Perbendaharaan Negara Kupang"]
    assert kppn["Jalur"].startswith("WBK 2019 → usulan WBBM 2025 (hasil belum diketahui)")
    assert kppn["Tahap saat ini"] == "WBK" and kppn["Macet"] == ""
    pemkot = table.loc["Pemerintah Kota Kupang"]
    assert pemkot["Macet"] == "⚠ macet" and pemkot["Sejak"] == "5 November 2020"
    assert kppn["Halaman"] == "instansi?id=kppn-kupang"
    # the province-wide charts come first (stages per year, time to an award), then the lanes
    lanes = json.loads(at.get("plotly_chart")[2].proto.spec)
    names = {t["name"] for t in lanes["data"]}
    assert "Usulan ke TPN · menunggu hasil" in names and "Predikat WBK · diperdebatkan" in names


def test_journeys_filters_and_empty_lanes(use_built: Path) -> None:
    at = _page("app_pages/perjalanan.py", tahap="wbk")
    assert set(at.dataframe[0].value["Tahap saat ini"]) == {"WBK"}
    assert len(at.dataframe[0].value) == 4
    at = _page("app_pages/perjalanan.py", semua="true")
    assert len(at.dataframe[0].value) == 50  # one page of lanes, and the exact count of the rest
    assert any(c.value.startswith("Menampilkan 1–50 dari 64 instansi") for c in at.caption)
    at = _page("app_pages/perjalanan.py", macet_tahun="6")
    stalled = at.dataframe[0].value.set_index("Instansi")["Macet"]
    assert stalled["Pemerintah Kota Kupang"] == ""  # 5 years old: not stalled at a 6-year threshold


def test_agency_page_kppn_kupang(use_built: Path) -> None:
    at = _page("app_pages/instansi.py", id="kppn-kupang")
    assert at.title[0].value == "Kantor Pelayanan Perbendaharaan Negara Kupang"
    events = seen(at.table[0].value)
    assert list(events["Tahap"]) == [
        "Predikat WBK",
        "Usulan ke TPN menuju WBBM (hasil belum diketahui)",
        "Pencanangan ZI menuju WBBM",
    ]
    assert list(events["Tanggal"]) == ["2019", "2025", "27 Februari 2025"]
    assert "Tidak ada tanda" in _text(at)


def test_agency_page_shows_the_split_without_a_second_award(use_built: Path) -> None:
    at = _page("app_pages/instansi.py", "en", id="kanwil-imigrasi-ntt")
    lineage = seen(at.table[0].value)
    assert list(lineage["Relation"]) == ["predecessor"]
    warning = at.warning[0].value
    assert (
        "WBK award 2024 held by Kantor Wilayah Kementerian Hukum dan HAM" in warning and "not counted again" in warning
    )
    events = seen(at.table[1].value)
    assert "WBK award" not in list(events["Milestone"])


def test_complaints_page_keeps_measures_apart(use_built: Path) -> None:
    at = _page("app_pages/pengaduan.py")
    series = json.loads(at.get("plotly_chart")[0].proto.spec)
    for trace in series["data"]:
        if trace.get("mode") == "lines" and trace.get("meta") != "credits":  # the credits ride on an empty trace
            name = trace["name"]
            assert name in {"laporan masyarakat", "akses (konsultasi + laporan)", "pengaduan (istilah sumber)"}
    table = seen(at.table[0].value)
    partial = table[table["Periode"].str.contains("sebagian tahun")]
    assert "1 Januari – 31 Mei 2025 (sebagian tahun)" in list(partial["Periode"])
    assert "lebih dari 700" in list(table["Nilai"])  # in words: a leading ">" would render as a Markdown quote
    cumulative = table[table["Periode"] == "2021–2025"]
    assert list(cumulative["Di grafik"]) == ["tidak"]
    national = seen(at.table[2].value)
    assert "2.183" in list(national["Nilai"])  # Ombudsman RI's national PB count: context only, never in the series
    assert at.expander[0].label.startswith("Konteks nasional")
    assert "2.183" not in json.dumps(series) and "2183" not in json.dumps(series)


def test_complaints_breakdown_by_maladministration(use_built: Path) -> None:
    at = _page("app_pages/pengaduan.py", rincian="maladministrasi", metrik="laporan")
    rows = seen(at.table[1].value)
    pb = rows[rows["Kategori"] == "penundaan berlarut"]
    assert set(pb["Nilai"]) >= {"40", "160", "138"}
    at = _page("app_pages/pengaduan.py", rincian="maladministrasi", metrik="persen")
    assert set(seen(at.table[1].value)["Nilai"]) == {"42%", "39%", "16%"}


def test_search_box_finds_agencies_from_any_page(use_built: Path) -> None:
    at = _page("app_pages/pengaduan.py")
    at.sidebar.text_input(key="cari").input("kanwil kemenkumham").run()
    links = [p.proto.label for p in at.get("page_link")]
    assert links[0] == "Kantor Wilayah Kementerian Hukum dan HAM Nusa Tenggara Timur"
