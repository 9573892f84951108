"""Journeys view: one lane per agency, current stage, time in stage, the stalled flag, the lanes figure.

Expected values from the research facts: S1 (KPPN Kupang WBK 2019), S3 (proposed for WBBM 2025, outcome unknown),
S7/P2-A6 (Pemkot Kupang pencanangan 5 Nov 2020 or 2021, disputed; no later step).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from integritas.views import journeys


def test_lanes_show_stage_and_label_in_both_languages(use_built: Path) -> None:
    lanes = journeys.journeys("id").lanes.set_index("id")
    kppn = lanes.loc["kppn-kupang"]
    assert kppn["lane"] == "KPPN Kupang (Kota Kupang)"
    assert kppn["stage_label"] == "WBK" and kppn["since"] == "2019" and not kppn["stalled"]
    assert kppn["label"].startswith("WBK 2019 → usulan WBBM 2025 (hasil belum diketahui)")
    en = journeys.journeys("en").lanes.set_index("id")
    assert en.loc["kppn-kupang", "label"].startswith("WBK 2019 → proposed for WBBM 2025 (outcome not yet known")
    assert en.loc["pemkot-kupang", "since"] == "November 5, 2020"  # the earlier of the two disputed dates


def test_stalled_flag_follows_the_threshold(use_built: Path) -> None:
    # Pemkot Kupang declared ZI on 5 Nov 2020 and has no later step: stalled after N years unless N exceeds its age
    age = (date.today() - date(2020, 11, 5)).days / 365.25
    assert journeys.journeys("id", 2).lanes.set_index("id").loc["pemkot-kupang", "stalled"]
    assert not journeys.journeys("id", int(age) + 1).lanes.set_index("id").loc["pemkot-kupang", "stalled"]


def test_table_links_each_agency_page(use_built: Path) -> None:
    lanes = journeys.journeys("id").lanes
    table = journeys.journey_table(lanes, "id").set_index("Instansi")
    kppn = table.loc["Kantor Pelayanan Perbendaharaan Negara Kupang"]
    assert (kppn["Halaman"], kppn["Tahap saat ini"], kppn["Macet"]) == ("instansi?id=kppn-kupang", "WBK", "")
    assert table.loc["Pemerintah Kota Kupang", "Macet"] == "⚠ macet"
    en = journeys.journey_table(journeys.journeys("en").lanes, "en").set_index("Agency")
    assert en.loc["Pemerintah Kota Kupang", "Stalled"].endswith("stalled")


def test_lanes_figure_draws_each_milestone_with_its_status(use_built: Path) -> None:
    fig = journeys.lanes_figure("id", ["kppn-kupang"])
    names = {t.name for t in fig.data}
    assert {"Predikat WBK · terkonfirmasi", "Usulan ke TPN · menunggu hasil", "Pencanangan ZI · dijadwalkan"} <= names
    assert list(fig.layout.yaxis.categoryarray) == ["KPPN Kupang (Kota Kupang)"]
    # the year-only WBK (2019) is drawn as a bar over its whole year, not pinned to 1 January
    (span,) = [t for t in fig.data if t.name.startswith("rentang")]
    assert [str(x)[:10] for x in span.x[:2]] == ["2019-01-01", "2020-01-01"]
    hover = journeys.journeys("id").events.set_index("agency_id").loc["kppn-kupang", "hover"]
    assert any("POS-KUPANG.COM" in h for h in hover)
