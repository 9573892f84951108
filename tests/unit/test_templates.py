"""Upload templates (the dataset's columns, a real example row, a column guide in Bahasa and English) and the
problems table."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from etl import load
from etl.build import build
from etl.datasets import DATASETS
from etl.validate import Problem
from integritas import upload


def test_templates_round_trip_through_the_reader(data_dir: Path) -> None:
    build(by="seed")
    csv = upload.template_csv("compliance")
    header, example = csv.decode("utf-8-sig").splitlines()[:2]
    # the table's columns, then the columns a fact's source may be written in
    expected = [*DATASETS["compliance"].columns, "source_url", "source_publisher", "source_date", "source_quote"]
    assert header.split(",") == expected
    assert len(example.split(",")) == len(expected)
    wb = openpyxl.load_workbook(io.BytesIO(upload.template_xlsx("compliance")))
    assert wb.sheetnames == ["data", "panduan-id", "guide-en"]
    guide_en = [[c.value for c in r] for r in wb["guide-en"].iter_rows()]
    score = next(r for r in guide_en if r[0] == "score")
    assert "range 0–100" in score[2]
    region = next(r for r in guide_en if r[0] == "region_kode")
    assert "or its name (Kota Kupang" in region[2]
    source_id = next(r for r in guide_en if r[0] == "source_id")
    assert source_id[1].startswith("yes, unless the source is written")
    quote = next(r for r in guide_en if r[0] == "source_quote")
    assert quote[1] == "when source_id is empty"
    method = next(r for r in guide_en if r[0] == "method")
    assert "in force in the row's year" in method[2]
    # the template, as downloaded, is recognised as already loaded rows: nothing new, nothing refused
    p = load.plan(upload.template_xlsx("compliance"), "template.xlsx", "compliance")
    assert p.ok and not p.n_new and p.unchanged == 1


def test_problems_table_puts_the_readers_language_first() -> None:
    problems = [Problem(3, "score", "120", "range", "0–100")]
    en = upload.problems_table(problems, "en")
    assert list(en.columns)[3:] == ["reason", "alasan"]
    assert en.loc[0, "reason"] == "out of range 0–100" and en.loc[0, "alasan"] == "di luar rentang 0–100"
    assert list(upload.problems_table(problems, "id").columns)[3:] == ["alasan", "reason"]


def test_the_upload_size_streamlit_accepts_is_the_one_the_reader_and_the_page_state() -> None:
    import tomllib

    from etl.reader import MAX_BYTES
    from tests.conftest import REPO

    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == MAX_BYTES
    assert "200 MB" in upload.limits_text("id") and "200 MB" in upload.limits_text("en")
