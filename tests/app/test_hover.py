"""Hover help where a term appears: every table header or cell, chart legend entry and widget that shows a word of
the code's own vocabularies (zones, ZI milestones and steps, statuses, measures, breakdowns, methods, kinds of
agency, the maladministration categories in the data) carries that word's explanation from core/glossary.toml, in
the page's language: a link titled with the hover text (tables, captions) or a `help=` tooltip (widgets).

The vocabularies come from the locale files and the seed data, and the expected hover texts from core/glossary.toml
read here directly, never from the code that attaches them."""

from __future__ import annotations

import csv
import json
import re
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.i18n import LANGS, strings
from tests.conftest import REPO, open_page

# The locale prefixes whose texts name a term wherever a page shows them (a cell, a header, a legend entry).
VOCABULARIES = ("zone.", "event.", "step.", "status.", "metric.", "dim.", "method.", "jenis.")
MARKS = "●◆▲▼⚠ "
LINK = re.compile(r'\[((?:\\.|[^\]\\])*)\]\(glosarium\?istilah=([a-z0-9-]+)(&lang=en)? "((?:\\.|[^"\\])*)"\)')


def _glossary() -> dict[str, dict[str, str]]:
    """anchor -> {lang: hover text}, as core/glossary.toml writes it ({n} is the stalled rule's two years)."""
    with (REPO / "core" / "glossary.toml").open("rb") as fh:
        terms = tomllib.load(fh)["term"]
    return {t["anchor"]: {lang: t[lang]["hover"].replace("{n}", "2") for lang in LANGS} for t in terms}


HOVERS = _glossary()


def _categories() -> set[str]:
    with (REPO / "data" / "seed" / "complaints.csv").open(encoding="utf-8", newline="") as fh:
        return {r["dimension_value"] for r in csv.DictReader(fh) if r["dimension"] == "maladministrasi"}


def _words(lang: str) -> set[str]:
    """Every word of the vocabularies as a page in `lang` shows it, folded (no case, no zone mark)."""
    texts = [v for k, v in strings(lang).items() if k.startswith(VOCABULARIES) and "{" not in v]
    for value in _categories():  # recorded in Bahasa; shown translated where the locale files translate it
        texts += [value, strings(lang).get(f"lang.cat.{value.casefold()}", value)]
    return {_fold(t) for t in texts}


def _fold(text: str) -> str:
    return " ".join(text.replace("\\", "").strip(MARKS).casefold().split())


def _unlinked(value: str) -> str:
    """The text as the reader sees it: links as their text, without the backslashes that escape Markdown."""
    return re.sub(r"\\(.)", r"\1", LINK.sub(r"\1", value))


def _titled(value: str, lang: str) -> bool:
    """The whole text (or its first words, for a milestone such as 'Pencanangan ZI menuju WBBM') is a link to a
    glossary entry, titled with that entry's hover text in `lang`, in the reader's language."""
    m = LINK.match(value)
    if m is None:
        return False
    text, anchor, en, title = m.groups()
    assert bool(en) == (lang == "en"), value  # the glossary opens in the page's language
    assert title.replace('\\"', '"').replace("\\\\", "\\") == HOVERS[anchor][lang], value
    return bool(text.strip())


def _checked_tables(at: AppTest, lang: str) -> int:
    """Every header and cell of every st.table that is a word of the vocabularies is titled; returns how many."""
    words, events = _words(lang), [v for k, v in strings(lang).items() if k.startswith("event.")]
    seen = 0
    for table in at.table:
        frame = table.value
        cells = [str(c) for c in frame.columns] + [v for col in frame.columns for v in frame[col] if isinstance(v, str)]
        for cell in cells:
            plain = _unlinked(cell)
            milestone = any(plain.startswith(e + " ") for e in events)
            if _fold(plain) in words or milestone:
                assert _titled(cell, lang), (lang, cell)
                seen += 1
    return seen


def _checked_legends(at: AppTest, lang: str) -> int:
    """Every legend entry (or bar chart category) of every chart that is a word of the vocabularies (a zone, a
    measure, a milestone · its status, a maladministration category) is explained by a titled link in a caption on
    the page; returns how many."""
    words = _words(lang)
    captions = "\n".join(c.value for c in at.caption)
    explained = {_fold(m.group(1)) for m in LINK.finditer(captions) if _titled(m.group(0), lang)}
    seen = 0
    for element in at.get("plotly_chart"):
        for trace in json.loads(element.proto.spec)["data"]:
            shown = (
                [trace["name"]] if trace.get("showlegend") is not False and isinstance(trace.get("name"), str) else []
            )
            if trace.get("type") == "bar":  # a bar chart's categories along its axis
                shown += [x for x in trace.get("x") or [] if isinstance(x, str)]
            for part in (p for name in shown for p in name.split(" · ")):
                if _fold(part) in words:
                    assert _fold(part) in explained, (lang, part)
                    seen += 1
    return seen


@pytest.mark.parametrize("lang", LANGS)
def test_complaints_page_explains_measures_and_maladministration(use_built: Path, lang: str) -> None:
    at = open_page("app_pages/pengaduan.py", lang, rincian="maladministrasi", metrik="laporan")
    assert _checked_tables(at, lang) >= 10  # the measures of the series, the five categories of the breakdown
    assert _checked_legends(at, lang) >= 7  # laporan and akses on the series chart, the categories of the bars
    breakdown = at.table[1].value
    pb = [c for c in breakdown.iloc[:, 1] if "istilah=pb" in c]
    assert pb and all(_titled(c, lang) for c in pb)  # penundaan berlarut / undue delay explained where it stands
    by_label = {s.label: s.help for s in at.selectbox}
    assert HOVERS["laporan"][lang].split()[0] in by_label[strings(lang)["cmp.metric"]]
    assert "glosarium?istilah=maladministrasi" in by_label[strings(lang)["cmp.dimension"]]


@pytest.mark.parametrize("lang", LANGS)
def test_region_and_agency_pages_explain_zones_and_milestones(use_built: Path, lang: str) -> None:
    region = open_page("app_pages/wilayah.py", lang, kode="53.04")
    assert _checked_tables(region, lang) >= 10  # the Zona header, a zone in each year, the statuses
    assert _checked_legends(region, lang) >= 3  # merah, kuning, hijau over the bands
    header = str(region.table[0].value.columns[1])
    assert _unlinked(header) == strings(lang)["col.zone"] and _titled(header, lang)
    agency = open_page("app_pages/instansi.py", lang, id="pemkot-kupang")
    assert _checked_tables(agency, lang) >= 2
    journey = "\n".join(m.value for m in agency.markdown)
    assert "glosarium?istilah=macet" in journey  # the stalled mark beside the stage, explained


@pytest.mark.parametrize("lang", LANGS)
def test_journeys_page_explains_its_counts_filters_and_legends(use_built: Path, lang: str) -> None:
    at = open_page("app_pages/perjalanan.py", lang)
    assert _checked_tables(at, lang) >= 2  # pencanangan and usulan heading the stages per year
    stages = [str(c) for t in at.table for c in t.value.columns]
    for award in ("WBK", "WBBM"):  # 'WBK (+ baru)': the award, and a remark on what the column counts
        (header,) = [h for h in stages if _unlinked(h).startswith(award + " (")]
        assert _titled(header, lang) and f"istilah={award.lower()}" in header
    assert _checked_legends(at, lang) >= 4  # the stages per year, the milestones of the lanes
    counts = next(m.value for m in at.markdown if "istilah=wbbm" in m.value)
    assert {a for _, a, _, _ in LINK.findall(counts)} == {"zi", "wbk", "wbbm", "macet"}
    stalled = next(n for n in at.number_input if n.label == strings(lang)["journey.macet_tahun"])
    assert HOVERS["macet"][lang].rstrip(".").split(", ")[0] in stalled.help.replace("\\", "")
    # the lanes table is a st.dataframe: its stalled column explains itself in the header's tooltip
    config = json.loads(at.dataframe[0].proto.columns)
    assert config[strings(lang)["col.stalled"]]["help"] == HOVERS["macet"][lang]


@pytest.mark.parametrize("lang", LANGS)
def test_compliance_page_explains_zones_and_categories(use_built: Path, lang: str) -> None:
    at = open_page("app_pages/kepatuhan.py", lang)
    assert _checked_legends(at, lang) >= 2  # the zones of the map
    config = json.loads(at.dataframe[0].proto.columns)
    zone = next(c for c in config if c.startswith(strings(lang)["col.zone"] + " "))
    category = next(c for c in config if c.startswith(strings(lang)["col.category"] + " "))
    assert config[zone]["help"] == HOVERS["zona"][lang] and config[category]["help"] == HOVERS["kategori"][lang]
