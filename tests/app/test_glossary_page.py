"""AppTest of the Glosarium page on its own, in Bahasa and English: definitions with their sources, the Metode section
with the published bands, ?istilah= narrowing to one term and ?bagian= bringing a Metode paragraph first."""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.i18n import strings
from integritas import glossary
from tests.conftest import REPO

PAGE = str(REPO / "app_pages" / "glosarium.py")
FACTS = REPO.parent / "shared" / "facts"
LINK = re.compile(r"\]\((https?://[^)\s]+)\)")


def _open(lang: str = "id", **params: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    if lang != "id":
        at.query_params["lang"] = lang
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def _read(markdown: object) -> str:
    """Markdown as the reader sees it: without the escapes that keep text from data literal."""
    return re.sub(r"\\(.)", r"\1", str(markdown)).replace("\u2060", "")


def _markdown(at: AppTest) -> list[str]:
    return [_read(e.value) for kind in ("markdown", "caption", "warning", "info") for e in getattr(at, kind)]


def _terms(at: AppTest) -> list[str]:
    """The anchors of the glossary entries shown (the Metode paragraphs' anchors start with metode-)."""
    return [h.proto.anchor for h in at.subheader if not h.proto.anchor.startswith("metode-")]


def _shown(value: str, lang: str) -> str:
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",") if lang == "id" else text


def _research_urls() -> str:
    with (REPO / "data" / "seed" / "sources.csv").open(encoding="utf-8", newline="") as fh:
        seed = " ".join(r["url"] for r in csv.DictReader(fh))
    return seed + "\n".join(p.read_text(encoding="utf-8") for p in FACTS.glob("*.md"))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_term_with_its_definition_and_sources(use_built: Path, lang: str) -> None:
    at = _open(lang)
    words = strings(lang)
    assert at.title[0].value == words["glossary.title"]
    assert len(_terms(at)) >= 40 and {"pb", "wbk", "zona-kuning", "akses", "laporan"} <= set(_terms(at))
    text = "\n".join(_markdown(at))
    # every link on the page is an http(s) address the research cites
    links = LINK.findall(text)
    research = _research_urls()
    assert len(links) >= 20
    assert [u for u in links if u not in research] == []
    # every passage the glossary quotes is shown, also two quotes from one page
    quotes = [" ".join(q.quote.split()) for e in glossary.entries(lang) for q in e.sources]
    flat = " ".join(text.split())
    assert [q for q in quotes if q not in flat] == []
    # the project's own explanations say so, in the page's language
    assert text.count(words["glossary.unsourced"]) >= 10
    other = strings("en" if lang == "id" else "id")["glossary.unsourced"]
    assert other not in text


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_metode_section_shows_the_published_bands_of_2022(use_built: Path, lang: str) -> None:
    at = _open(lang)
    words = strings(lang)
    assert words["glossary.methods"] in [h.value for h in at.header]
    anchors = [h.proto.anchor for h in at.subheader]
    assert {"metode-kepatuhan", "metode-penilaian", "metode-opini", "metode-zi", "metode-aduan"} <= set(anchors)
    with (REPO / "data" / "seed" / "zone_bands.csv").open(encoding="utf-8", newline="") as fh:
        bands = [r for r in csv.DictReader(fh) if r["year_from"] == "2022"]
    assert bands
    lines = [line for t in _markdown(at) for line in t.splitlines() if ", 2022:" in line]
    assert lines, "no band line for 2022"
    for r in bands:
        scores = f"{_shown(r['min_score'], lang)}–{_shown(r['max_score'], lang)}"
        assert any(scores in line and words[f"zone.{r['zone']}"] in line for line in lines), r
    # a method with no published bands says so (opini: none in zone_bands.csv), and only such a method
    with (REPO / "data" / "seed" / "methods.csv").open(encoding="utf-8", newline="") as fh:
        methods = {r["id"] for r in csv.DictReader(fh)}
    with (REPO / "data" / "seed" / "zone_bands.csv").open(encoding="utf-8", newline="") as fh:
        without = methods - {r["method"] for r in csv.DictReader(fh)}
    assert without and sum(words["glossary.no_bands"] in c.value for c in at.caption) == len(without)
    # the warning between the methods names the years on either side of the change
    compare = [_read(w.value) for w in at.warning if words["glossary.compare"] in w.value]
    assert any("2021" in w and "2022" in w for w in compare)


@pytest.mark.parametrize(("lang", "defined"), [("id", "ditunda"), ("en", "delay")])
def test_istilah_narrows_to_one_term(use_built: Path, lang: str, defined: str) -> None:
    at = _open(lang, istilah="PB")
    assert _terms(at) == ["pb"]
    assert at.text_input[0].value == "PB"
    text = "\n".join(_markdown(at))
    assert defined in text and strings(lang)["glossary.unsourced"] in text
    every = len(_terms(_open(lang)))
    assert strings(lang)["glossary.count"].format(shown=1, total=every) in text
    # "show every term" clears the filter, in the page and in the URL
    at.button[0].click().run()
    assert len(_terms(at)) == every and "istilah" not in at.query_params


def test_a_search_that_finds_nothing_says_so(use_built: Path) -> None:
    at = _open("id", istilah="qwertyuiop")
    assert _terms(at) == []
    assert any("qwertyuiop" in _read(i.value) for i in at.info)


def test_bagian_brings_the_linked_method_paragraph_first(use_built: Path) -> None:
    plain = _open("id")
    assert not plain.subheader[0].proto.anchor.startswith("metode-")  # the glossary comes first otherwise
    at = _open("id", bagian="metode-penilaian")
    assert at.subheader[0].proto.anchor == "metode-penilaian"
    linked = strings("id")["glossary.linked"]
    assert sum(linked in m.value for m in at.markdown) == 1
    assert linked in at.markdown[0].value  # right under the title, before the page's introduction
    assert len(_terms(at)) >= 40  # the glossary is still all there, after the Metode section
    wrong = _open("en", bagian="metode-nothing")
    assert any("metode-nothing" in _read(w.value) for w in wrong.warning)
    assert not wrong.subheader[0].proto.anchor.startswith("metode-")
