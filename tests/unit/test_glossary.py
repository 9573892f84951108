"""The glossary (core/glossary.toml): both languages, every definition sourced in the research or marked as the
project's own, bands as zone_bands.csv publishes them, hover help found by label and by key, and every label a page
shows for a term covered.

Expected values come from the research files (../shared/facts), the seed CSV files and the locale files, never from
the glossary itself."""

from __future__ import annotations

import csv
import dataclasses
import html as _html
import inspect
import re
import tomllib
from datetime import date, timedelta
from decimal import Decimal

import pandas as pd
import pytest
from markdown_it import MarkdownIt

from core.i18n import LANGS, strings
from integritas import fmt, glossary, journey
from tests.conftest import REPO, seen

FACTS = REPO.parent / "shared" / "facts"  # the research, beside the repository (README: ../shared/facts/)
SEED = REPO / "data" / "seed"
HTTP = re.compile(r"https?://\S+$")
# The locale prefixes whose labels name a term on some page (measures, breakdowns, zones, ZI steps, methods, the
# statuses of a fact, kinds of region and agency, where a ZI journey leads).
TERM_PREFIXES = ("metric.", "dim.", "zone.", "step.", "event.", "method.", "status.", "jenis.", "menuju.")


def _squash(text: str) -> str:
    return " ".join(text.split())


def _csv(name: str) -> list[dict[str, str]]:
    with (SEED / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _research() -> tuple[str, str, set[str]]:
    """(every research text, the seed articles whose URL was not recorded, every URL the seed's sources cite)."""
    facts = sorted(FACTS.glob("*.md"))
    articles = sorted((FACTS / "seed-articles").glob("*.txt"))
    assert facts and articles, f"research files not found under {FACTS} (README: ../shared/facts/)"
    texts = [p.read_text(encoding="utf-8") for p in (*facts, *articles)]
    sources = _csv("sources.csv")
    texts += [r["quote"] for r in sources]
    no_url = [p.read_text(encoding="utf-8") for p in articles]
    no_url = [t for t in no_url if "url not recorded" in t.splitlines()[0].casefold()]
    return _squash("\n".join(texts)), _squash("\n".join(no_url)), {r["url"] for r in sources if r["url"]}


RESEARCH, NO_URL_ARTICLES, SEED_URLS = _research()
RAW_FACTS = "\n".join(p.read_text(encoding="utf-8") for p in sorted(FACTS.glob("*.md")))


def _all_sources() -> list[tuple[str, glossary.Source]]:
    found = [(e.anchor, s) for e in glossary.entries("id") for s in e.sources]
    sections = glossary.method_sections("id", _csv("methods.csv"), _csv("zone_bands.csv"))
    return found + [(m.anchor, s) for m in sections for s in m.sources]


# ------------------------------------------------------------------------------------------------ content


def test_every_entry_has_both_languages_and_a_short_hover() -> None:
    by_lang = {lang: {e.anchor: e for e in glossary.entries(lang)} for lang in LANGS}
    assert len(by_lang["id"]) >= 40
    assert list(by_lang["id"]) == list(by_lang["en"])
    for anchor, ident in by_lang["id"].items():
        en = by_lang["en"][anchor]
        for e in (ident, en):
            assert e.term.strip() and e.hover.strip() and e.definition.strip(), anchor
            assert len(e.hover) <= glossary.HOVER_MAX, (anchor, len(e.hover))
            assert "{" not in e.hover + e.definition + e.term, anchor
        # translated, not copied: the two languages say it in different words
        assert ident.hover != en.hover and ident.definition != en.definition, anchor
        assert ident.group in glossary.GROUPS and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", anchor)


def test_every_source_is_in_the_research_with_its_verbatim_quote() -> None:
    for anchor, s in _all_sources():
        assert s.publisher.strip(), anchor
        assert _squash(s.quote) in RESEARCH, f"{anchor}: quote not in the research: {s.quote[:60]}"
        if s.url is None:
            # a passage the research has without a URL: one of the seed articles it says were recorded without one
            assert _squash(s.quote) in NO_URL_ARTICLES, anchor
        else:
            assert HTTP.match(s.url), (anchor, s.url)
            assert s.url in RAW_FACTS or s.url in SEED_URLS, f"{anchor}: URL not in the research: {s.url}"


def test_every_entry_is_sourced_by_a_link_or_marked_unsourced() -> None:
    unsourced = []
    for lang in LANGS:
        for e in glossary.entries(lang):
            if e.sourced:
                assert any(s.url and HTTP.match(s.url) for s in e.sources), f"{e.anchor}: no http(s) source"
            else:
                assert e.sources == (), e.anchor  # the project's own words carry no URL that does not say them
                unsourced.append(e.anchor)
    # the maladministration types are explained, not defined, by the research: they must say so
    assert {"pb", "tmp", "pp", "pungli", "tidak-patut", "macet"} <= set(unsourced)


def test_the_words_a_page_uses_have_entries() -> None:
    for label in ("ZI", "pencanangan", "pakta integritas", "TPN", "WBK", "WBBM", "LKE", "macet", "zona kuning"):
        assert glossary.hover(label, "id"), label
    for label in ("PB", "TMP", "PP", "pungli", "tidak patut", "akses", "laporan", "pengaduan", "opini", "OPD"):
        assert glossary.hover(label, "id") and glossary.hover(label, "en"), label
    for label in ("instansi vertikal", "pemerintah daerah", "versi data", "kategori A–E", "penilaian kepatuhan"):
        assert glossary.hover(label, "id"), label


# ------------------------------------------------------------------------------------------------ bands and methods


def _shown(value: str, lang: str) -> str:
    """A published score as a reader sees it: at most two decimals, no trailing zeros, the language's separator."""
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",") if lang == "id" else text


def _years(row: dict[str, str]) -> str:
    a, b = row["year_from"], row["year_to"]
    return a if a == b else f"{a}–{b}"


@pytest.mark.parametrize("lang", LANGS)
def test_band_text_says_what_zone_bands_csv_says(lang: str) -> None:
    rows = _csv("zone_bands.csv")
    for method in {r["method"] for r in rows}:
        lines = glossary.band_lines(rows, lang, method=method)
        published = [r for r in rows if r["method"] == method]
        assert len(lines) == len({_years(r) for r in published}), method
        for r in published:
            (line,) = [x for x in lines if f", {_years(r)}: " in x]
            assert line.startswith(strings(lang)[f"method.short.{method}"])
            segments = line.split(": ", 1)[1].split(" · ")
            assert len(segments) == sum(_years(p) == _years(r) for p in published)
            scores = f"{_shown(r['min_score'], lang)}–{_shown(r['max_score'], lang)}"
            zone = strings(lang)[f"zone.{r['zone']}"]
            assert any(scores in seg and zone in seg and seg.startswith(r["category"]) for seg in segments), (r, line)
    assert glossary.band_lines(rows, lang, method="opini") == []  # none published: no line, never an invented one


def test_a_zone_entry_shows_the_bands_of_that_zone_only() -> None:
    rows = _csv("zone_bands.csv")
    merah = glossary.entry("zone.merah", "id")
    assert merah is not None
    lines = glossary.entry_bands(merah, rows, "id")
    red = [r for r in rows if r["zone"] == "merah"]
    assert len(lines) == len({(r["method"], _years(r)) for r in red})
    text = "\n".join(lines)
    assert all(f"{_shown(r['min_score'], 'id')}–{_shown(r['max_score'], 'id')}" in text for r in red)
    assert "hijau" not in text and "kuning" not in text
    assert set(glossary.entry_band_sources(merah, rows)) == {r["source_id"] for r in red}


def test_method_sections_take_their_years_from_the_methods_table() -> None:
    methods, bands = _csv("methods.csv"), _csv("zone_bands.csv")
    years = {r["id"]: (r["year_from"], r["year_to"]) for r in methods}
    for lang in LANGS:
        sections = {s.name: s for s in glossary.method_sections(lang, methods, bands)}
        assert list(sections) == list(glossary.METHODS)
        assert f"{years['penilaian'][0]}–{years['penilaian'][1]}" in sections["penilaian"].title
        assert f"{years['kepatuhan'][0]}–{years['kepatuhan'][1]}" in sections["kepatuhan"].title
        assert years["opini"][0] in sections["opini"].title and not years["opini"][1]
        # the warning names the two years on either side of the change
        assert years["kepatuhan"][1] in sections["penilaian"].compare
        assert years["penilaian"][0] in sections["penilaian"].compare
        for s in sections.values():
            assert s.anchor == f"metode-{s.name}" and "{" not in s.title + s.text + s.compare
            assert s.text.strip() and s.compare.strip()
        assert sections["penilaian"].bands == tuple(glossary.band_lines(bands, lang, method="penilaian"))
        assert [n for n, s in sections.items() if s.assessment] == [r["id"] for r in methods]
        assert sections["opini"].bands == () and sections["zi"].bands == ()
        assert "src-p2-c8" in sections["penilaian"].source_ids  # the method's own source, from the table
        assert "90/2021" in sections["zi"].title and "PermenPAN-RB 90/2021" in sections["zi"].text
    # another methods table gives other years: nothing is typed in the glossary
    moved = [dict(r, year_from="2023") if r["id"] == "penilaian" else r for r in methods]
    (penilaian,) = [s for s in glossary.method_sections("id", moved, bands) if s.name == "penilaian"]
    assert "2023" in penilaian.text and "2023" in penilaian.compare


def test_method_anchors_and_links() -> None:
    assert glossary.method_anchor("penilaian") == "metode-penilaian"
    assert glossary.method_link("opini") == "glosarium?bagian=metode-opini"
    assert [glossary.method_anchor(m) for m in ("kepatuhan", "zi", "aduan")] == [
        "metode-kepatuhan",
        "metode-zi",
        "metode-aduan",
    ]
    assert glossary.section_of("metode-penilaian") == "penilaian" and glossary.section_of("metode-x") is None
    with pytest.raises(KeyError):
        glossary.method_anchor("survei")


# ------------------------------------------------------------------------------------------------ hover and anchors


def test_hover_finds_an_entry_by_displayed_label_and_by_locale_key() -> None:
    pb_id, pb_en = glossary.hover("PB", "id"), glossary.hover("PB", "en")
    assert pb_id and "ditunda" in pb_id and pb_en and "put off" in pb_en
    # the label as the Bahasa page shows it, and as an English page shows the same category
    assert glossary.hover("penundaan berlarut", "en") == pb_en == glossary.hover("Undue delay", "en")
    # by key, and by the key's text in each language, with a zone's shape mark in front
    for lang in LANGS:
        by_key = glossary.hover("zone.merah", lang)
        assert by_key and by_key == glossary.hover(f"▲ {strings(lang)['zone.merah']}", lang)
        assert glossary.hover(strings(lang)["metric.akses"], lang) == glossary.hover("metric.akses", lang)
    assert glossary.hover("zone.merah", "id") != glossary.hover("zone.merah", "en")
    # a label with a number in it ("Macet (> 3 tahun)") is found through its locale text's placeholder
    stalled = strings("id")["journey.stalled_count"].format(n=3)
    assert glossary.hover(stalled, "id") == glossary.hover("macet", "id")
    assert glossary.hover("no such term", "id") is None and glossary.hover("zone.biru", "en") is None


def test_every_label_and_key_of_an_entry_leads_back_to_it() -> None:
    for lang in LANGS:
        for e in glossary.entries(lang):
            for name in (e.anchor, e.term, *e.labels, *e.keys):
                assert glossary.anchor(name) == e.anchor, (name, e.anchor)
            for key in e.keys:
                assert key in strings("id") and key in strings("en"), key


def test_anchor_is_stable_and_links_to_the_term() -> None:
    assert glossary.anchor("PB") == glossary.anchor("undue delay") == glossary.anchor("penundaan berlarut") == "pb"
    assert glossary.anchor("zone.kuning") == "zona-kuning"
    assert glossary.term_link("WBK") == "glosarium?istilah=wbk"
    anchors = [e.anchor for e in glossary.entries("id")]
    assert len(anchors) == len(set(anchors))
    with pytest.raises(KeyError):
        glossary.anchor("no such term")


def test_search_names_one_term_or_filters_by_words() -> None:
    assert [e.anchor for e in glossary.search("PB", "id")] == ["pb"]
    assert [e.anchor for e in glossary.search("pb", "en")] == ["pb"]
    assert [e.anchor for e in glossary.search("undue delay", "id")] == ["pb"]
    assert len(glossary.search("", "en")) == len(glossary.entries("en"))
    kuning = [e.anchor for e in glossary.search("kuning sedang", "id")]
    assert "zona-kuning" in kuning and "zona-hijau" not in kuning
    # a word that names an entry gives it first, then the entries named with that word too
    zona = [e.anchor for e in glossary.search("zona", "id")]
    assert zona[0] == "zona" and {"zona-merah", "zona-kuning", "zona-hijau"} <= set(zona)
    assert [e.anchor for e in glossary.search("PP", "en")] == ["pp"]  # a word's start, not any substring (imPProper)
    assert glossary.search("qwertyuiop", "id") == []


# ------------------------------------------------------------------------------------------------ coverage


def _sample(text: str) -> str:
    """A locale text as a page shows it: a placeholder filled with a value (usulan {target} -> usulan WBBM)."""
    return re.sub(r"\{[a-z_]+\}", "WBBM", text)


def test_every_term_label_a_page_shows_has_an_entry_in_both_languages() -> None:
    keys = [k for k in strings("id") if k.startswith(TERM_PREFIXES)]
    assert len(keys) > 25  # measures, breakdowns, zones, steps, events, methods
    missing = []
    for key in keys:
        for lang in LANGS:
            text = _sample(strings(lang)[key])
            found = glossary.hover(key, lang), glossary.hover(text, lang)
            if not all(found) or found[0] != found[1]:
                missing.append((lang, key, text))
    assert missing == []


def test_every_maladministration_category_in_the_data_has_an_entry_in_both_languages() -> None:
    rows = _csv("complaints.csv")
    values = {r["dimension_value"] for r in rows if r["dimension"] == "maladministrasi"}
    assert len(values) >= 5
    for value in values:
        hovers = {lang: glossary.hover(value, lang) for lang in LANGS}
        assert all(hovers.values()) and hovers["id"] != hovers["en"], value
        # where a locale file names the category (its English label), that label is found too
        for key, text in strings("id").items():
            if text.casefold() == value.casefold():
                assert glossary.hover(strings("en")[key], "en") == hovers["en"], key
    measures = {r["metric"] for r in rows}
    assert all(glossary.hover(f"metric.{m}", lang) for m in measures for lang in LANGS)


# ------------------------------------------------------------------------------------------------ the stalled rule


def _journey(years_ago: float) -> journey.Journey:
    today = date(2026, 1, 1)
    events = pd.DataFrame(
        {
            "event": ["pencanangan"],
            "menuju": [None],
            "date": [today - timedelta(days=round(years_ago * 365.25))],
            "date_precision": ["day"],
            "status": ["confirmed"],
        }
    )
    return journey.journey("x", events, today)


def test_the_stalled_rule_is_the_journey_models() -> None:
    n = glossary.STALLED_AFTER_YEARS
    assert inspect.signature(journey.journey).parameters["stalled_after_years"].default == n
    assert _journey(n + 0.5).stalled and not _journey(n - 0.5).stalled
    for lang in LANGS:
        macet = glossary.entry("macet", lang)
        assert macet is not None and f"{n} " in macet.definition and f"{n} " in macet.hover


# ------------------------------------------------------------------------------------------------ hover in place

_MD = MarkdownIt()


def _anchors(markdown: str) -> list[tuple[str, str, str]]:
    """(text, href, title) of every link Markdown renders, as a browser would read them."""
    html = _MD.render(markdown)
    found = re.findall(r'<a href="([^"]*)"(?: title="([^"]*)")?>(.*?)</a>', html)
    return [(_html.unescape(t), _html.unescape(h), _html.unescape(ti)) for h, ti, t in found]


def test_a_term_link_shows_the_hover_text_and_opens_the_entry() -> None:
    with (REPO / "core" / "glossary.toml").open("rb") as fh:
        terms = tomllib.load(fh)["term"]
    for lang in LANGS:
        for t in terms:
            for label in (t["anchor"], *t.get("labels", [])):
                link = glossary.link_md(label, lang)
                assert link is not None, label
                ((text, href, title),) = _anchors(link)
                assert text == label and title == t[lang]["hover"].replace("{n}", "2"), label
                assert href == f"glosarium?istilah={t['anchor']}" + ("&lang=en" if lang == "en" else "")
    assert glossary.link_md("no such term", "id") is None and glossary.linked("x [y]", "id") == "x \\[y\\]"


@pytest.mark.parametrize(
    "hover", ['a "quoted" word', "a \\ backslash, (parentheses) [brackets]", "<b>not html</b> & co"]
)
def test_a_hover_text_with_quotes_or_brackets_stays_one_link(hover: str, monkeypatch: pytest.MonkeyPatch) -> None:
    pb = glossary.entry("pb", "id")
    assert pb is not None
    monkeypatch.setattr(glossary, "entry", lambda label, lang: dataclasses.replace(pb, hover=hover))
    ((text, href, title),) = _anchors(f"before {glossary.link_md('PB', 'id')} after")
    assert (text, href, title) == ("PB", "glosarium?istilah=pb", hover)


def test_a_table_explains_its_terms_where_they_stand() -> None:
    ident, en = strings("id"), strings("en")
    table = pd.DataFrame(
        {
            ident["col.zone"]: [f"● {ident['zone.hijau']}", ident["zone.none"], "Kota Kupang"],
            ident["col.category"]: [fmt.md_text("permintaan imbalan/pungli"), "A", fmt.md_text("[PB](x)")],
            ident["col.event"]: [f"{ident['event.pencanangan']} {ident['menuju.wbbm']}", ident["event.wbk"], "–"],
            "n": [1, 2, 3],
        }
    )
    out = glossary.hover_table(table, "id")
    links = [_anchors(str(c)) for c in out.columns]
    assert links[0] and links[0][0][1] == "glosarium?istilah=zona"  # 'Zona' is a term
    assert links[1] == [] and links[3] == []  # 'Kategori' of complaints is not the categories A–E; 'n' is no term
    cells = out.to_dict("list")
    hrefs = [[h for _, h, _ in _anchors(str(c))] for c in (*cells[out.columns[0]], *cells[out.columns[1]])]
    assert hrefs[:3] == [["glosarium?istilah=zona-hijau"], ["glosarium?istilah=tidak-ada-data"], []]
    assert hrefs[3:] == [["glosarium?istilah=pungli"], [], []]  # data that merely looks like a link stays text
    ((text, href, _),) = _anchors(cells[out.columns[2]][0])
    assert text == ident["event.pencanangan"] and href == "glosarium?istilah=pencanangan"
    assert _MD.render(cells[out.columns[2]][0]).endswith(f"</a> {ident['menuju.wbbm']}</p>\n")
    # as a reader sees it, the table is unchanged
    assert seen(out).equals(seen(table).rename(columns={ident["col.zone"]: fmt.md_text(ident["col.zone"])}))
    # the compliance table's 'Kategori 2024' is the categories A–E when the page says so
    scores = glossary.hover_table(
        pd.DataFrame({f"{en['col.category']} 2024": ["B"]}), "en", {"col.category": "kategori"}
    )
    assert _anchors(str(scores.columns[0]))[0][1] == "glosarium?istilah=kategori&lang=en"
    assert glossary.header_help([f"{en['col.zone']} 2024", en["col.category"]], "en") == {
        f"{en['col.zone']} 2024": glossary.hover("zona", "en")
    }


def test_a_legend_line_names_each_term_once_as_the_legend_words_it() -> None:
    ident = strings("id")
    names = [
        ident["zone.merah"],
        f"{ident['zone.hijau']} (tanpa skor)",
        f"{ident['event.usulan_tpn']} · {ident['status.pending']}",
        f"{ident['event.wbk']} · {ident['status.pending']}",
        "2023",
        None,
    ]
    line = glossary.legend_line(names, "id")
    assert line is not None and line.startswith(ident["hover.terms"] + ": ")
    shown = [(t, h) for t, h, _ in _anchors(line)]
    assert shown == [
        (ident["zone.merah"], "glosarium?istilah=zona-merah"),
        (ident["zone.hijau"], "glosarium?istilah=zona-hijau"),
        (ident["event.usulan_tpn"], "glosarium?istilah=usulan-tpn"),
        (ident["status.pending"], "glosarium?istilah=menunggu-hasil"),
        (ident["event.wbk"], "glosarium?istilah=wbk"),
    ]
    assert glossary.legend_line(["2023", "2024"], "en") is None


def test_a_widget_help_gives_the_hover_text_and_the_entry() -> None:
    for lang in LANGS:
        text = glossary.help_text("metric.akses", lang)
        hover = glossary.hover("metric.akses", lang)
        assert text and hover
        (link,) = _anchors(text)
        assert _html.unescape(re.sub(r"<[^>]+>", "", _MD.render(text))).startswith(hover)
        assert link[:2] == (
            strings(lang)["hover.more"],
            "glosarium?istilah=akses" + ("&lang=en" if lang == "en" else ""),
        )
    assert glossary.help_text("no such term", "id") is None
