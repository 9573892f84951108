"""Every public page offers a citation of what it shows and downloads of its tables and charts, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import versions
from tests.conftest import open_page

PAGES = {
    "app_pages/beranda.py": {},
    "app_pages/kepatuhan.py": {"tahun": "2024", "banding": "2018"},
    "app_pages/perjalanan.py": {},
    "app_pages/pengaduan.py": {},
    "app_pages/wilayah.py": {"kode": "53.71"},
    "app_pages/instansi.py": {"id": "kppn-kupang"},
    "app_pages/tentang.py": {},
}
WORDS = {
    "id": ("Kutip", "Versi data", "CSV (", "Excel + sumber (", "Unduh SVG"),
    "en": ("Cite", "Data version", "CSV (", "Excel + sources (", "Download SVG"),
}


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_has_a_citation_and_downloads(use_built: Path, page: str, lang: str) -> None:
    cite, version_word, csv, xlsx, svg = WORDS[lang]
    (version,) = versions.kept()
    at = open_page(page, lang, **PAGES[page])
    assert cite in [e.label for e in at.expander]
    citation, bibtex, ris = (c.value for c in at.code[-3:])
    assert f"{version_word} {version.id}" in citation and f"versi={version.id}" in citation
    for key, value in PAGES[page].items():  # the permalink reopens this view: its parameters, then the version
        assert f"{key}={value}" in citation
    assert bibtex.startswith("@misc{") and ris.startswith("TY  - DATA")
    labels = [b.proto.label for b in at.get("download_button")]
    assert any(label.startswith(csv) for label in labels) and any(label.startswith(xlsx) for label in labels)
    if page not in ("app_pages/tentang.py",):  # every page but Tentang draws a chart, with its SVG download
        assert svg in labels
