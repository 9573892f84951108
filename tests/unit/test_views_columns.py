"""Shared column builders: source links, dates at their precision, statuses, zones, scores, complaint values.

Inputs are seed rows (S1, A1, C3, B31, P2-B15, P2-B14); a left join without a source gives an empty cell.
"""

from __future__ import annotations

import pandas as pd

from integritas.fmt import md_text
from integritas.views import _columns as col

S1_URL = "https://kupang.tribunnews.com/2025/02/24/kppn-kupang-menuju-wilayah-birokrasi-bersih-ombudsman-ntt-bebas-percaloan-dan-pungli"


def test_sources_link_the_publisher_or_say_the_url_is_missing() -> None:
    rows = pd.DataFrame({"url": [S1_URL, None, None], "publisher": ["POS-KUPANG.COM", "Ombudsman RI", None]})
    linked, unlinked, none = col.sources(rows, "id")
    assert linked == f"[{md_text('POS-KUPANG.COM')}]({S1_URL})"  # the publisher is data: escaped link text
    assert unlinked.startswith("Ombudsman RI (") and "](" not in unlinked
    assert unlinked != col.sources(rows, "en")[1]  # the note is translated
    assert none == ""  # an agency without any milestone has no source


def test_dates_keep_their_precision() -> None:
    rows = pd.DataFrame(
        {
            "date": pd.to_datetime(["2019-01-01", "2021-12-20", "2021-01-01", None]),
            "date_precision": ["year", "day", "month", None],
        }
    )
    assert col.dates(rows, "id") == ["2019", "20 Desember 2021", "Januari 2021", "–"]
    assert col.dates(rows, "en")[:2] == ["2019", "December 20, 2021"]


def test_scores_zones_and_statuses_show_gaps_as_gaps() -> None:
    assert col.scores([37.86, None], "id") == ["37,86", "–"]
    assert col.scores([37.86], "en") == ["37.86"]
    merah, none = col.zones(["merah", None], "id")
    assert merah.endswith("merah") and none != merah and "merah" not in none
    assert col.statuses(["disputed", None], "en")[1] == ""


def test_complaint_values_put_the_comparator_in_words() -> None:
    rows = pd.DataFrame(
        {
            "metric": ["akses", "pengaduan", "persen", "laporan"],
            "comparator": [">", "<", "=", "="],
            "value": [700.0, 100.0, 42.0, 1278.0],
        }
    )
    values = col.complaint_values(rows, "id")
    assert values[0].endswith(" 700") and not values[0].startswith(">")  # B31: "lebih dari 700-an"
    assert values[1].endswith(" 100") and values[1] != values[0]  # P2-B15: under 100 a month
    assert values[2:] == ["42%", "1.278"]
    assert col.complaint_values(rows, "en")[3] == "1,278"
