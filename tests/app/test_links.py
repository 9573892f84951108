"""Links that never lie: a link naming an agency, region, year or filter value the data does not have says "not
found", names the value as typed, offers the closest real ones as links, and shows no other unit in its place.
A page opened without the parameter still shows its default."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from integritas.views import notfound
from tests.conftest import open_page

INSTANSI = "app_pages/instansi.py"
WILAYAH = "app_pages/wilayah.py"
KEPATUHAN = "app_pages/kepatuhan.py"
KPPN = "Kantor Pelayanan Perbendaharaan Negara Kupang"  # the agency page's default


def _read(markdown: str) -> str:
    """Markdown as the reader sees it: without the backslashes that escape text from the link."""
    return markdown.replace("\\", "")


def _titles(at: AppTest) -> list[str]:
    return [_read(e.value) for e in at.title]


def _notice(at: AppTest) -> str:
    return "\n".join(_read(w.value) for w in at.warning)


def _links(at: AppTest) -> dict[str, str]:
    """label → query string of every link on the page (the sidebar's page links have no query string)."""
    return {_read(p.proto.label): p.proto.query_string for p in at.get("page_link") if p.proto.query_string}


def _everything(at: AppTest) -> str:
    parts = [
        e.value for kind in ("title", "subheader", "markdown", "caption", "warning", "info") for e in getattr(at, kind)
    ]
    return _read("\n".join(str(p) for p in parts))


def _param(at: AppTest, key: str) -> str:
    """?key= of the page's address (AppTest keeps what the app wrote as a list)."""
    value = at.query_params[key]
    return value[0] if isinstance(value, list) else value


def test_mistyped_agency_id_is_not_found_and_suggests_the_agency(use_built: Path) -> None:
    at = open_page(INSTANSI, id="kppn-kupangg")
    assert any("tidak ditemukan" in title for title in _titles(at))
    assert KPPN not in _titles(at)  # not the default agency under the wrong name
    assert "kppn-kupangg" in _notice(at)  # the value as typed
    assert _links(at)[KPPN] == "id=kppn-kupang"
    assert not at.table and not at.get("plotly_chart")  # no journey, no events of any agency
    assert _param(at, "id") == "kppn-kupangg"  # the address keeps what the link said


def test_a_link_value_is_shown_as_text_and_cut(use_built: Path) -> None:
    hostile = "**tebal** [tautan](http://evil.example/a) <b>x</b>"
    warning = open_page(INSTANSI, id=hostile).warning[0].value
    assert "[tautan](http" not in warning and "**tebal**" not in warning and "<b>" not in warning  # escaped
    assert hostile in _read(warning).replace("\u2060", "")  # and it reads as typed
    long = "x" * 5000
    notice = _notice(open_page(INSTANSI, id=long))
    assert "x" * 100 + "…" in notice and "x" * 101 not in notice


def test_mistyped_id_of_another_agency_suggests_that_agency_not_the_default(use_built: Path) -> None:
    at = open_page(INSTANSI, id="pn-rote-ndaoo")
    assert "Pengadilan Negeri Rote Ndao Kelas II" in _links(at)
    assert KPPN not in _titles(at) and KPPN not in _links(at)


def test_unknown_agency_page_still_lets_the_reader_pick(use_built: Path) -> None:
    at = open_page(INSTANSI, id="tidak-ada-sama-sekali")
    assert "Tidak ada yang mirip" in _everything(at)
    at.text_input(key="instansi-cari").input("rote ndao").run()
    at.selectbox(key="id").select("pn-rote-ndao").run()
    assert not at.exception
    assert _titles(at)[0] == "Pengadilan Negeri Rote Ndao Kelas II"
    assert _param(at, "id") == "pn-rote-ndao"  # picked: now the address names the agency shown


def test_agency_page_without_id_shows_its_default(use_built: Path) -> None:
    at = open_page(INSTANSI)
    assert _titles(at)[0] == KPPN
    assert "tidak ditemukan" not in _everything(at)
    assert _param(at, "id") == "kppn-kupang"


def test_region_code_as_a_spreadsheet_writes_it_is_not_found(use_built: Path) -> None:
    at = open_page(WILAYAH, kode="53.1")
    assert any("tidak ditemukan" in title for title in _titles(at))
    assert "Kota Kupang" not in _titles(at)  # not the default region
    assert "53.1" in _notice(at)
    links = _links(at)
    assert next(iter(links)) == "Kabupaten Manggarai (53.10)"  # 53.10 written as a number: the likeliest meaning
    assert links["Kabupaten Manggarai (53.10)"] == "kode=53.10"
    assert not at.table and not at.get("plotly_chart")
    assert _param(at, "kode") == "53.1"


def test_region_name_in_place_of_a_code_suggests_both_kupangs(use_built: Path) -> None:
    at = open_page(WILAYAH, kode="kupang")
    assert {"Kota Kupang (53.71)", "Kabupaten Kupang (53.01)"} <= set(_links(at))


def test_unknown_region_page_still_lets_the_reader_pick(use_built: Path) -> None:
    at = open_page(WILAYAH, kode="53.99")
    at.selectbox(key="kode").select("53.04").run()
    assert not at.exception
    assert _titles(at)[0] == "Kabupaten Belu"
    assert _param(at, "kode") == "53.04"


def test_region_page_without_code_shows_its_default(use_built: Path) -> None:
    at = open_page(WILAYAH)
    assert _titles(at)[0] == "Kota Kupang"


def test_year_without_an_assessment_is_not_found(use_built: Path) -> None:
    at = open_page(KEPATUHAN, tahun="1999")
    assert any("tidak ditemukan" in title for title in _titles(at))
    assert "1999" in _notice(at)
    links = _links(at)
    assert links["2016"] == "tahun=2016"  # the first assessment year in the data, the nearest to 1999
    assert not at.dataframe and not at.get("plotly_chart")  # no map, no table of another year
    text = _everything(at)
    assert "Pemerintah Provinsi NTT" not in text and "2024" not in " ".join(_titles(at))
    assert _param(at, "tahun") == "1999"


def test_comparing_a_year_with_itself_is_not_found(use_built: Path) -> None:
    at = open_page(KEPATUHAN, tahun="2022", banding="2022")
    assert "2022" in _notice(at) and not at.dataframe
    assert _links(at)["2022 dibandingkan dengan 2021"] == "tahun=2022&banding=2021"


def test_compliance_page_without_year_shows_the_latest(use_built: Path) -> None:
    at = open_page(KEPATUHAN)
    assert at.dataframe and "tidak ditemukan" not in _everything(at)


@pytest.mark.parametrize(
    ("page", "params", "suggested"),
    [
        (INSTANSI, {"id": "kppn-kupangg"}, KPPN),
        (WILAYAH, {"kode": "53.1"}, "Kabupaten Manggarai (53.10)"),
        (KEPATUHAN, {"tahun": "1999"}, "2016"),
    ],
)
def test_not_found_in_english(use_built: Path, page: str, params: dict[str, str], suggested: str) -> None:
    at = open_page(page, "en", **params)
    assert any("not found" in title for title in _titles(at))
    assert "Perhaps you meant" in _everything(at)
    assert suggested in _links(at)
    assert "lang=en" in _links(at)[suggested]  # the suggestion keeps the reader's language


def test_unknown_journey_filter_does_not_become_all(use_built: Path) -> None:
    at = open_page("app_pages/perjalanan.py", jenis="kpp")
    assert "kpp" in _notice(at) and "tidak dikenal" in _everything(at)
    assert not at.dataframe  # no lanes: not every agency in place of the filter the link asked for
    links = _links(at)
    assert links["Instansi vertikal"] == "jenis=vertikal"
    assert "tanpa pilihan ini (semua)" in [_read(p.proto.label) for p in at.get("page_link")]


def test_stalled_threshold_out_of_range_is_not_clamped_silently(use_built: Path) -> None:
    at = open_page("app_pages/perjalanan.py", macet_tahun="50")
    assert "50" in _notice(at) and not at.dataframe


def test_unknown_complaint_breakdown_is_not_found(use_built: Path) -> None:
    at = open_page("app_pages/pengaduan.py", rincian="substansii")
    assert "substansii" in _notice(at)
    assert _links(at)["substansi"] == "rincian=substansi"
    assert not at.table  # no breakdown of another dimension


def test_sign_in_page_names_who_to_ask_and_no_command_line(use_built: Path) -> None:
    for lang in ("id", "en"):
        text = _everything(open_page("app_pages/masuk.py", lang))
        assert "python" not in text and "etl" not in text
        assert ("pengelola dasbor" if lang == "id" else "administrator") in text


# ---------------------------------------------------------------- the suggestions themselves (pure)

REGIONS = [
    ("53.01", "5303", "Kabupaten Kupang"),
    ("53.10", "5313", "Kabupaten Manggarai"),
    ("53.71", "5371", "Kota Kupang"),
]


def test_region_suggestions_read_codes_and_names() -> None:
    assert notfound.region_suggestions("53.1", REGIONS) == ["53.10", "53.01"]
    assert notfound.region_suggestions("5371", REGIONS) == ["53.71"]
    assert notfound.region_suggestions("kota kupang", REGIONS) == ["53.71"]
    assert set(notfound.region_suggestions("kupang", REGIONS)) == {"53.01", "53.71"}
    assert notfound.region_suggestions("jakarta", REGIONS) == []


def test_nearest_years_are_years_the_data_has() -> None:
    years = [2016, 2017, 2018, 2021, 2022]
    assert notfound.nearest_years("1999", years) == [2016, 2017, 2018]
    assert notfound.nearest_years("2020", years) == [2018, 2021, 2022]
    assert notfound.nearest_years("2O21", years) == [2021]
    assert all(y in years for y in notfound.nearest_years("tahun", years))


def test_agency_suggestions_only_name_agencies_that_exist() -> None:
    names = {"kppn-kupang": "KPPN Kupang", "pa-kupang": "PA Kupang"}
    assert notfound.agency_suggestions("kppn-kupangg", names, []) == ["kppn-kupang"]
    assert notfound.agency_suggestions("x", names, [("gone", "Gone"), ("pa-kupang", "PA Kupang")]) == ["pa-kupang"]


def test_page_suggestions_read_paths_and_titles() -> None:
    pages = {"": "Beranda", "kepatuhan": "Kepatuhan", "tentang": "Tentang data"}
    assert notfound.page_suggestions("kepatuhn", pages) == ["kepatuhan"]
    assert notfound.page_suggestions("Beranda", pages) == [""]  # the home page, by its title
    assert notfound.page_suggestions("halaman-tidak-ada", pages) == []
