"""English is complete, Bahasa is Bahasa: every public page rendered in each language shows no known string of the
other (UI text of the locale files, complaint categories), except proper names and text marked as recorded or
quoted; plus the visible effects of the language fixes (plural forms, plotly's months, categories, notes)."""

from __future__ import annotations

import csv
import functools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from core.i18n import strings
from etl import load
from integritas import auth, fmt, upload
from integritas.labels import category_label, method_note_md
from integritas.views import complaints
from tests.conftest import REPO, open_page

# Every public page the router lists (the staff pages need a sign-in), with the parameters that show the most of it
# (tests/app/test_pages.py, test_way_out.py).
STAFF_ONLY = {"app_pages/unggah.py", "app_pages/riwayat.py"}
PARAMS: dict[str, dict[str, str]] = {
    "app_pages/kepatuhan.py": {"tahun": "2022", "banding": "2021"},
    "app_pages/pengaduan.py": {"rincian": "maladministrasi", "metrik": "laporan"},
    "app_pages/wilayah.py": {"kode": "53.71"},
    "app_pages/instansi.py": {"id": "kppn-kupang"},
}
PAGES: dict[str, dict[str, str]] = {
    page: PARAMS.get(page, {})
    for page in sorted(set(re.findall(r"\"(app_pages/\w+\.py)\"", (REPO / "app.py").read_text(encoding="utf-8"))))
    if page not in STAFF_ONLY
}
OTHER = {"id": "en", "en": "id"}

# Proto fields that are not text a reader sees (ids, keys, links, icons, payloads read separately below).
SKIP_FIELDS = {
    *("id", "formId", "key", "url", "icon", "data", "pageScriptHash", "page", "fileName", "mimeType"),
    "spec",  # a chart's figure: its texts are read below
    "config",  # a chart's plotly config: its locale maps plotly's English words to the page's language
}
# A marked text is allowed in the other language: the note or category as recorded, a verbatim quote «…».
MARKED = re.compile(r"«[^»]*»|[^\n|]*\(Indonesian, as recorded\)_?")
STYLE = re.compile(r"<style>.*?</style>", re.DOTALL)  # a page's CSS is not text a reader sees
URL = re.compile(r"https?://\S+")  # an address is not text: '…/sektor-pendidikan-dan-sosial'
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
MIN_CHARS = 12  # a fragment shorter than this ("Tahun", "ya") is not distinctive enough to mean a leak


def _fragments(text: str) -> Iterator[str]:
    """The literal pieces of a locale string between its placeholders and Markdown marks, long enough to matter."""
    plain = re.sub(r"<[^>]*>|[*_`#>]|:material/\w+:|\[|\]\([^)]*\)", " ", text)
    for piece in PLACEHOLDER.split(plain):
        for line in piece.splitlines():
            line = " ".join(line.split()).strip(" .,;:·()–-")
            if len(line) >= MIN_CHARS and " " in line:
                yield line


def _proper_names() -> str:
    """Every name in the seed (regions, agencies, their parents and other names), case-folded: a locale string
    that is part of a name ('Pemerintah Provinsi NTT') is that name, the same in both languages."""
    names = []
    for file, columns in (("regions", ["nama"]), ("agencies", ["nama", "induk"]), ("agency_aliases", ["alias"])):
        with (REPO / "data" / "seed" / f"{file}.csv").open(encoding="utf-8") as fh:
            names += [r[c] for r in csv.DictReader(fh) for c in columns if r[c]]
    return "\n".join(names).casefold()


def known_strings(lang: str) -> set[str]:
    """Strings that belong to `lang` only: every fragment of its locale values that differ from the other
    language's, and every complaint category it translates; minus anything the other language's file also says
    (proper names, loanwords such as 'pemda', 'Zona Integritas')."""
    own, other = strings(lang), strings(OTHER[lang])
    other_text = "\n".join(other.values()).casefold()
    found = {f for key, text in own.items() if text != other[key] for f in _fragments(text)}
    # categories are short ('selesai', 'undue delay'): whole words, not only long fragments
    found |= {text for key, text in own.items() if key.startswith("lang.cat.") and text != other[key]}
    names = _proper_names()
    return {s for s in found if s.casefold() not in other_text and s.casefold() not in names}


def _texts(at: AppTest) -> Iterator[tuple[str, str]]:
    """(where, text) of everything the page shows: every string field of every element (labels, values, captions,
    options, placeholders, help), table headers and cells, and the text of each chart (titles, axes, legend,
    annotations, hover text, category ticks)."""

    def strings_of(value: object, where: str) -> Iterator[tuple[str, str]]:
        if isinstance(value, str):
            yield where, value
        elif isinstance(value, dict):
            for k, v in value.items():
                if k not in SKIP_FIELDS:
                    yield from strings_of(v, f"{where}.{k}")
        elif isinstance(value, list):
            for v in value:
                yield from strings_of(v, where)

    def walk(node: object) -> Iterator[object]:
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    for node in walk(at._tree):
        proto = getattr(node, "proto", None)
        kind = getattr(node, "type", type(node).__name__)
        if proto is None or not hasattr(proto, "DESCRIPTOR"):
            continue
        yield from strings_of(MessageToDict(proto), kind)
        if kind in ("table", "dataframe", "arrow_data_frame"):
            df = node.value  # type: ignore[attr-defined]
            yield from ((f"{kind} header", str(c)) for c in df.columns)
            yield from ((f"{kind} cell", str(v)) for v in df.to_numpy().ravel() if isinstance(v, str))
        if kind == "plotly_chart":
            spec = json.loads(proto.spec)
            yield from strings_of(spec.get("layout", {}), "chart layout")
            for trace in spec.get("data", []):
                for field in ("name", "text", "hovertemplate", "customdata", "x", "y", "hovertext"):
                    yield from strings_of(trace.get(field), f"chart trace {field}")


@functools.cache
def _pattern(lang: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regular expression for every known string of `lang` (whole words, any case, longest first), and each
    string by its case-folded form: one pass over a page's text instead of one per string."""
    wanted = sorted(known_strings(lang), key=len, reverse=True)
    alternatives = "|".join(re.escape(s) for s in wanted)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE), {s.casefold(): s for s in wanted}


def leaks(at: AppTest, lang: str) -> list[str]:
    """Every known string of the other language on the page, with where it appeared."""
    pattern, by_folded = _pattern(OTHER[lang])
    found = []
    for where, raw in _texts(at):
        text = MARKED.sub(" ", URL.sub(" ", STYLE.sub(" ", raw.replace("\\", "").replace("\u2060", ""))))
        if where == "subheader.body":  # a glossary term's heading names the term as used: 'Undue delay (PB…)'
            text = re.sub(r"\([^()]*\)$", " ", text)
        for match in pattern.finditer(text):
            found.append(f"{by_folded[match.group().casefold()]!r} in {where}: {raw[:160]!r}")
    return sorted(set(found))


def test_the_known_strings_are_derived_and_meaningful() -> None:
    id_known, en_known = known_strings("id"), known_strings("en")
    assert len(id_known) > 300 and len(en_known) > 300
    assert "penundaan berlarut" in id_known and "undue delay" in en_known  # categories, both ways
    assert "Unduh semua data" in id_known and "Download all the data" in en_known
    assert "pemda" not in id_known and "Zona Integritas" not in en_known  # words both languages use
    assert not any("{" in s for s in id_known | en_known)


_RENDERED: dict[tuple[str, str, tuple[tuple[str, str], ...]], AppTest] = {}


def render(page: str, lang: str, **params: str) -> AppTest:
    """The page run once per module (the built seed never changes under these tests): the scan and the checks of
    what it shows share one run."""
    key = (page, lang, tuple(sorted(params.items())))
    if key not in _RENDERED:
        _RENDERED[key] = open_page(page, lang, **params)
    return _RENDERED[key]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("page", list(PAGES))
def test_no_text_of_the_other_language(use_built: Path, page: str, lang: str) -> None:
    at = render(page, lang, **PAGES[page])
    assert sum(1 for _ in _texts(at)) > 20  # the page was read
    assert leaks(at, lang) == [], f"{page} ({lang}) shows text of the other language"


def test_the_scan_finds_a_leak_and_allows_what_is_marked() -> None:
    script = (
        "import streamlit as st\n"
        "st.caption('Breakdown: penundaan berlarut')\n"
        "st.caption('tidak patut _(Indonesian, as recorded)_')\n"
        "st.markdown('«laporan masyarakat diterima» [x](https://example.org/penundaan-berlarut)')\n"
        "st.subheader('Undue delay (penundaan berlarut, PB)')\n"
        "st.selectbox('Rincian menurut', ['a'])\n"
    )
    at = AppTest.from_string(script).run()
    assert leaks(at, "en") == [
        "'Rincian menurut' in selectbox.label: 'Rincian menurut'",
        "'penundaan berlarut' in caption.body: 'Breakdown: penundaan berlarut'",
    ]


def _plain(cell: str) -> str:
    """A table cell as read: a term's glossary link ('[undue delay](glosarium?istilah=pb "…")') is its text."""
    return re.sub(r'\[([^\]]*)\]\(\S+(?: "[^"]*")?\)', r"\1", cell)


def test_complaint_categories_in_english_and_as_recorded_in_downloads(use_built: Path) -> None:
    en = render("app_pages/pengaduan.py", "en", **PAGES["app_pages/pengaduan.py"])
    categories = {_plain(c) for c in en.table[1].value["Category"]}
    assert {"undue delay", "failure to provide service"} <= categories and "penundaan berlarut" not in categories
    ticks = [t for s in (json.loads(c.proto.spec) for c in en.get("plotly_chart")) for t in s["data"]]
    assert any("undue delay" in (t.get("x") or []) for t in ticks)
    ids = render("app_pages/pengaduan.py", "id", **PAGES["app_pages/pengaduan.py"])
    assert "penundaan berlarut" in {_plain(c) for c in ids.table[1].value["Kategori"]}
    # a download keeps the value as recorded
    rows = complaints.breakdown_rows("en", "maladministrasi", "laporan")
    assert "penundaan berlarut" in set(rows.frame["category"])
    # a region of origin is a name in both languages; a category no locale knows is shown as recorded, marked
    assert "Kota Kupang" in {_plain(c) for c in complaints.breakdown_page("en", "asal", "laporan").table["Category"]}
    assert category_label("antrean panjang", "en") == "antrean panjang (Indonesian, as recorded)"
    assert category_label("antrean panjang", "id") == "antrean panjang"


def test_notes_are_translated_or_marked_in_english(use_built: Path) -> None:
    methods = render("app_pages/tentang.py", "en").table[0].value
    notes = " ".join(methods["Note"]).replace("\\", "")
    assert "oldest year of NTT data found, not the start of the method" in notes and "Zonasi" not in notes
    series = render("app_pages/pengaduan.py", "en", **PAGES["app_pages/pengaduan.py"]).table[0].value
    notes = [n for n in series["Note"] if n]
    assert notes and all(n.endswith("_(Indonesian, as recorded)_") for n in notes)
    bahasa = render("app_pages/pengaduan.py", "id", **PAGES["app_pages/pengaduan.py"]).table[0].value
    assert not any("recorded" in n for n in bahasa["Catatan"])
    # the boundary file's attribution (recorded in Bahasa) and licence note (recorded in English), each in the
    # page's language
    tentang = {lang: render("app_pages/tentang.py", lang) for lang in ("id", "en")}
    assert "Simplified for the browser" in tentang["en"].info[0].value.replace("\\", "")
    licence = {lang: "\n".join(c.value for c in at.caption).replace("\\", "") for lang, at in tentang.items()}
    assert "No explicit open licence" in licence["en"] and "No explicit open licence" not in licence["id"]
    assert "tidak menyatakan lisensi terbuka" in licence["id"]
    # a method note that no longer reads as the locale files have it is shown as recorded, never mistranslated
    assert method_note_md("Catatan baru.", "kepatuhan", "en") == "Catatan baru\\. _(Indonesian, as recorded)_"


def test_research_codes_are_not_in_the_notes_shown(use_built: Path) -> None:
    at = render("app_pages/beranda.py", "id")
    captions = "\n".join(c.value for c in at.caption).replace("\\", "")
    assert "Tribun Flores menulis" in captions  # the complaint card's note, with its facts …
    assert "P3-B8" not in captions and "src-p3-b8" not in captions  # … and without the research file's codes
    codes = re.compile(r"\b(?:P[23]-[A-Z]\d+|[A-GS]\d{1,3})\b|\(src-")
    for name in ("complaints", "compliance", "compliance_counts", "zi_events", "unit_compliance", "agencies"):
        with (REPO / "data" / "seed" / f"{name}.csv").open(encoding="utf-8") as fh:
            assert [r["note"] for r in csv.DictReader(fh) if codes.search(r["note"] or "")] == [], name


def test_plotly_speaks_the_page_language(use_built: Path) -> None:
    def locale(lang: str) -> dict[str, Any]:
        at = render("app_pages/pengaduan.py", lang, **PAGES["app_pages/pengaduan.py"])
        config = json.loads(at.get("plotly_chart")[0].proto.config)
        found: dict[str, Any] = config["locales"][config["locale"]]
        return found

    bahasa, english = locale("id"), locale("en")
    assert bahasa["format"]["shortMonths"][4] == "Mei" and bahasa["format"]["months"][7] == "Agustus"
    assert (bahasa["format"]["decimal"], bahasa["format"]["thousands"]) == (",", ".")
    assert bahasa["dictionary"]["Download plot as a PNG"] == "Unduh grafik sebagai PNG"
    assert english["format"]["shortMonths"][4] == "May" and english["format"]["decimal"] == "."


def test_one_row_is_a_row(use_built: Path) -> None:
    # Kabupaten Malaka (53.21) has one complaint figure: its table's downloads say "1 row"
    labels = [b.proto.label for b in render("app_pages/wilayah.py", "en", kode="53.21").get("download_button")]
    assert "CSV (1 row)" in labels and "Excel + sources (1 row)" in labels
    assert not any("(1 rows)" in label for label in labels)
    assert fmt.plural(2, "en", "cite.csv", "lang.csv_one", total="2") == "CSV (2 rows)"
    assert fmt.plural(1, "id", "cite.csv", "lang.csv_one", total="1") == "CSV (1 baris)"
    # the upload page's words: a placeholder may be called n
    assert fmt.plural(1, "en", "upload.commit", "lang.commit_one", n="1") == "Save 1 row (all or nothing)"
    assert fmt.plural(1, "en", "upload.refused", "lang.refused_one", n="1").startswith("File refused: 1 problem.")


def test_the_upload_diff_reads_decimals_in_the_page_language(seeded: Path) -> None:
    fix = (
        b"region_kode;year;score;zone;category;opini;method;status;source_id;source_id_2;note;refs\n"
        b"53;2022;81,05;hijau;B;Kualitas Tinggi;penilaian;confirmed;src-c29;;;\n"
    )
    plan = load.plan(fix, "koreksi.csv", "compliance")
    bahasa = upload.changes_table(plan, "id").iloc[0, 1]
    assert "score: 80,93 → 81,05" in bahasa and "80.93" not in bahasa
    assert "score: 80.93 → 81.05" in upload.changes_table(plan, "en").iloc[0, 1]
    ((_, after),) = plan.changed
    assert after["score"] == "81.05"  # stored as it was read: only the display follows the language


def test_the_signed_in_staff_page_is_the_account_page(use_built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import streamlit as st

    titles: list[str] = []
    navigation = st.navigation

    def recording(pages: dict[str, list[Any]], **kwargs: Any) -> Any:
        titles.extend(p.title for section in pages.values() for p in section)
        return navigation(pages, **kwargs)

    monkeypatch.setattr(st, "navigation", recording)
    monkeypatch.setattr(auth, "current_staff", lambda: "ani")
    for lang, title, sign_in in (
        ("id", "Akun staf · keluar", "Masuk staf"),
        ("en", "Staff account · sign out", "Staff sign-in"),
    ):
        titles.clear()
        at = open_page("app_pages/masuk.py", lang)
        assert at.title[0].value == title
        assert title in titles and sign_in not in titles
