"""Text from data is shown as text: the Markdown escape, the plotly escape, the link filter, and public pages that name
no loader and no server path.

The escape is checked by its contract: what it returns holds no Markdown syntax (every special is escaped), reads
back as the input, and leaves nothing for the rewrites Streamlit's renderer makes on parsed text (autolinks,
:shortcodes:, icons, arrows). tests/e2e/test_hostile_text.py shows the same in Chromium.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core import paths, versions
from etl import load
from etl.build import build
from integritas import charts, fmt
from integritas.views import _columns as col
from tests.conftest import open_page

SPECIALS = "\\`*_{}[]<>()#+-.!|~$:"  # the brief's list; md_text escapes these and = & @ / ^ too
ESCAPED = SPECIALS + "=&@/^"
WJ = fmt.WORD_JOINER
HOSTILE = (
    "**tebal** [tautan](http://evil.example/a) ![gambar](http://evil.example/i.png) "
    '<img src="http://evil.example/h.png"> <a href="javascript:alert(1)">j</a> :red[merah] $x$ javascript:alert(1)'
)

# The rewrites Streamlit 1.67's Markdown renderer makes on the *parsed* text (StreamlitMarkdown, remark-gfm,
# remark-emoji), where a backslash escape is already gone: the escaped text must give none of them a match.
RENDERER_REWRITES = {
    "material icon": re.compile(r":material_(\w+):"),
    "streamlit logo": re.compile(r":streamlit:"),
    "emoji shortcode": re.compile(r":[-+\w]+:"),
    "arrow": re.compile(r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)"),
}
# GFM autolinks (mdast-util-gfm-autolink-literal): a match counts only after the start, a space or punctuation.
AUTOLINKS = (
    re.compile(r"(https?://|www(?=\.))([-.\w]+)", re.IGNORECASE),
    re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)"),
)


def _rewrites(held: str) -> list[str]:
    """The renderer rewrites that would match the parsed text `held`."""
    found = [name for name, pattern in RENDERER_REWRITES.items() if pattern.search(held)]
    for pattern in AUTOLINKS:
        for m in pattern.finditer(held):
            before = held[m.start() - 1] if m.start() else " "
            if before.isspace() or unicodedata.category(before)[0] in "PS":
                found.append(f"autolink {m.group()!r}")
    return found


def _parse(md: str) -> tuple[str, str]:
    """Read escaped Markdown as CommonMark reads plain text: (the text a reader sees, the text the renderer holds).

    Fails if any Markdown special is left unescaped, i.e. if anything in it would be syntax."""
    shown, held, i = [], [], 0
    while i < len(md):
        c = md[i]
        if c == "\\":
            assert i + 1 < len(md) and md[i + 1] in ESCAPED, f"a lone backslash at {i} in {md!r}"
            c, i = md[i + 1], i + 2
        else:
            assert c not in ESCAPED, f"unescaped {c!r} at {i} in {md!r}"
            i += 1
        held.append(c)
        if c != WJ:
            shown.append(c)
    return "".join(shown), "".join(held)


@pytest.mark.parametrize("special", list(SPECIALS))
def test_each_special_is_escaped_and_reads_as_itself(special: str) -> None:
    text = f"a{special}b"
    escaped = fmt.md_text(text)
    assert escaped == f"a\\{special}b"
    assert _parse(escaped)[0] == text


@pytest.mark.parametrize(
    "text",
    [
        HOSTILE,
        "see http://evil.example/x, HTTPS://EVIL.EXAMPLE or www.evil.example",
        "write to u@evil.example",
        ":material/home: :material_home: :streamlit: :smile: :+1: :red[merah] :red-badge[x]",
        "a -> b <- c <-> d -- e >= f <= g ~= h",
        "1. not a list\n# not a heading\n> not a quote\n- not an item\n---\n===\n    not code",
        "$x$ $$y$$ \\$ &lt; &amp; &#60; a_b_c ~~s~~ | a | b |",
    ],
)
def test_escaped_text_reads_as_typed_and_leaves_nothing_to_rewrite(text: str) -> None:
    shown, held = _parse(fmt.md_text(text))
    assert shown == text
    assert _rewrites(held) == [], f"the renderer would still rewrite {held!r}"


@given(st.text())
def test_any_text_round_trips(text: str) -> None:
    shown, held = _parse(fmt.md_text(text))
    assert shown == text.replace(WJ, "")
    assert _rewrites(held) == []


def test_plain_words_are_left_alone() -> None:
    assert (
        fmt.md_text("Kantor Pelayanan Perbendaharaan Negara Kupang") == "Kantor Pelayanan Perbendaharaan Negara Kupang"
    )
    assert fmt.md_text(1106) == "1106"


def test_plot_text_escapes_tags_and_keeps_quotes() -> None:
    # plotly reads <b>, <br>, <a href> in labels and hover text and decodes &amp; &lt; &gt;, but not &quot;
    assert (
        fmt.plot_text('<a href="javascript:alert(1)">j</a> & "q"')
        == '&lt;a href="javascript:alert(1)"&gt;j&lt;/a&gt; &amp; "q"'
    )


def test_axis_labels_are_escaped_and_cut_without_merging_categories() -> None:
    long_a, long_b = "<b>" + "a" * 60, "<b>" + "a" * 50 + "b" * 10
    labels = charts.axis_labels(["KPPN Kupang", long_a, long_a, long_b, "x" * 60], 20)
    assert labels[0] == "KPPN Kupang"  # a short label is left as it is
    assert labels[1] == labels[2] == fmt.plot_text(long_a)  # a cut would merge two categories: both stay whole
    assert labels[3] == fmt.plot_text(long_b)
    assert labels[4] == "x" * 19 + "…"


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://kupang.antaranews.com/berita/1", True),
        ("HTTP://EXAMPLE.ORG/a?b=c", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("instansi?id=kppn-kupang", False),
        ("ftp://example.org/x", False),
        ("https://exa mple.org", False),
        (None, False),
        (float("nan"), False),
    ],
)
def test_only_http_urls_may_become_links(url: object, kept: bool) -> None:
    assert (fmt.http_url(url) is not None) == kept


def test_a_source_link_escapes_its_text_and_links_only_http() -> None:
    rows = pd.DataFrame(
        {
            "url": ["https://example.org/a_(b)<c>", "javascript:alert(1)"],
            "publisher": ["[x](http://evil.example)", "Pos **Kupang**"],
        }
    )
    linked, refused = col.sources(rows, "id")
    assert linked == f"[{fmt.md_text('[x](http://evil.example)')}](https://example.org/a_%28b%29%3Cc%3E)"
    assert refused.startswith(fmt.md_text("Pos **Kupang**") + " (") and "](" not in refused
    assert _parse(refused.split(" (")[0])[0] == "Pos **Kupang**"


# ---------------------------------------------------------------- public pages name no loader and no server path

PUBLIC_PAGES = {
    "app_pages/beranda.py": {},
    "app_pages/kepatuhan.py": {},
    "app_pages/perjalanan.py": {},
    "app_pages/pengaduan.py": {},
    "app_pages/wilayah.py": {"kode": "53.71"},
    "app_pages/instansi.py": {"id": "kppn-kupang"},
    "app_pages/tentang.py": {},
}
NEW_YEAR = (
    b"region_kode;year;score;zone;category;opini;method;status;source_id;source_id_2;note;refs\n"
    b"53.71;2030;90,50;hijau;A;;opini;confirmed;src-c36;;uji;\n"
)


def _everything_shown(at: object) -> str:
    """Every text an AppTest run put on the page and in the sidebar, table and dataframe cells included."""
    parts: list[str] = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]  # type: ignore[attr-defined]
    parts += [str(e.label) for e in at.expander]  # type: ignore[attr-defined]
    for kind in ("table", "dataframe"):
        for e in getattr(at, kind):
            frame = e.value
            parts += [str(c) for c in frame.columns] + [str(v) for v in frame.to_numpy().ravel()]
    parts += [str(e.proto) for e in at.get("page_link")]  # type: ignore[attr-defined]
    return "\n".join(parts)


def test_public_pages_name_no_loader_and_no_server_path(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTEGRITAS_USER", "Siti Aminah")  # the seed build records the OS user (or this)
    build()
    load.commit(NEW_YEAR, "penilaian-2030.csv", "compliance", by="Budi Santoso")
    server_path = str(paths.current_db())
    for page, params in PUBLIC_PAGES.items():
        for lang in ("id", "en"):
            text = _everything_shown(open_page(page, lang, **params))
            for secret in ("Budi Santoso", "Siti Aminah", str(data_dir), server_path):
                assert secret not in text, f"{page} ({lang}) shows {secret!r}"
    at = open_page("app_pages/tentang.py", "id")
    loads = at.table[-1].value
    assert list(loads["Oleh"])[0] == "staf Ombudsman NTT"  # newest first: the upload
    assert set(loads["Oleh"][1:]) == {"data awal (seed)"}
    shown = _everything_shown(at)
    assert Path(server_path).name not in shown  # not even the file's name: the data version is its id
    assert versions.of_file(Path(server_path)).id in shown
    en = open_page("app_pages/tentang.py", "en").table[-1].value
    assert list(en["By"])[0] == "Ombudsman NTT staff"
