"""The Perjalanan page (AppTest, real seed): province-wide counts first, then at most 50 lanes with "x–y dari N"."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from core import paths
from integritas.fmt import md_text
from tests.conftest import open_page, seen, seen_text

PAGE = "app_pages/perjalanan.py"


def _count(sql: str) -> int:
    con = duckdb.connect(str(paths.current_db()), read_only=True)
    (n,) = con.execute(sql).fetchone()  # type: ignore[misc]
    con.close()
    return int(n)


def test_province_counts_come_first_and_match_the_events(use_built: Path) -> None:
    at = open_page(PAGE)
    # the counts in one line (their terms linked to the glossary), then the answer in words
    counts, answer = (seen_text(m.value) for m in at.markdown[:2])
    reached = "status IN ('confirmed', 'inferred', 'disputed')"
    with_events = _count("SELECT count(DISTINCT agency_id) FROM zi_events")
    assert f"Instansi dengan data ZI: **{with_events}**" in counts
    wbk_now = _count(
        f"""SELECT count(DISTINCT agency_id) FROM zi_events WHERE event = 'wbk' AND {reached}
            AND agency_id NOT IN (SELECT agency_id FROM zi_events WHERE event = 'wbbm' AND {reached})"""
    )
    assert f"WBK (belum WBBM): **{wbk_now}**" in counts and wbk_now == 4
    assert f"Macet (> 2 tahun): **{sum(at.dataframe[0].value['Macet'] == '⚠ macet')}**" in counts
    # KPPN Kupang 2019, 2021, BPOLBF 2022 (104 days after its pencanangan, the one start date known), 2024
    assert answer == (
        "**4** instansi meraih WBK sejak 2019, **1** di antaranya pada 2024. "
        "Median **0,3 tahun** dari pencanangan ke WBK (1 dari 4 punya tanggal awal tercatat)."
    )
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    # the time to WBK per award year first: it answers "how many, how long"; the lanes twice, the browser shows one
    # (names beside the lanes on a wide screen; on a phone each name above its lane)
    durations, stages, lanes, phone_lanes = specs
    drawn = [t for t in stages["data"] if t.get("meta") != "credits"]  # the credits ride on an empty trace
    assert {t["name"] for t in drawn} == {"pencanangan", "usulan ke TPN", "WBK", "WBBM"}
    # the chart carries its title and its version, so that its saved image says what and which data it shows
    assert "Tahap per tahun" in json.dumps(stages["layout"]["title"]) and "Versi data" in json.dumps(stages)
    assert durations["data"][0]["type"] == "box"
    duration_table, stage_table = (seen(t.value) for t in at.table)
    assert stage_table.set_index("Tahun").loc["2019", md_text("WBK (+ baru)")] == "1 (+1)"  # KPPN Kupang, WBK 2019
    assert list(duration_table["Tahun predikat"]) == ["2019", "2021", "2022", "2024"]
    assert len(lanes["layout"]["yaxis"]["categoryarray"]) == 35
    assert [a["text"] for a in phone_lanes["layout"]["annotations"]][:2] == [
        "Pemda se-NTT (Provinsi Nusa Tenggara Timur)",
        "PN Atambua (Kab. Belu)",
    ]
    assert len(phone_lanes["layout"]["annotations"]) == 35


def test_lanes_come_fifty_to_a_page(use_built: Path) -> None:
    at = open_page(PAGE, semua="true", urut="nama")
    assert len(at.dataframe[0].value) == 50
    assert any("Menampilkan 1–50 dari 64 instansi" in c.value for c in at.caption)
    lanes = json.loads(at.get("plotly_chart")[2].proto.spec)
    assert len(lanes["layout"]["yaxis"]["categoryarray"]) == 50
    at = open_page(PAGE, "en", semua="true", urut="nama", hal="2")
    assert len(at.dataframe[0].value) == 14
    assert any("Showing 51–64 of 64 agencies" in c.value for c in at.caption)
    names = list(at.dataframe[0].value["Agency"])
    assert names == sorted(names)


def test_filters_stay_in_the_url_and_a_new_filter_starts_at_page_one(use_built: Path) -> None:
    at = open_page(PAGE, semua="true", hal="2", tahap="wbk")
    assert set(at.dataframe[0].value["Tahap saat ini"]) == {"WBK"} and len(at.dataframe[0].value) == 4
    assert any("Menampilkan 1–4 dari 4 instansi" in c.value for c in at.caption)
    at = open_page(PAGE, semua="true", hal="2")
    at.selectbox(key="jenis").set_value("pemda").run()
    assert at.number_input(key="hal").value == 1
    assert at.query_params["jenis"] == "pemda"
