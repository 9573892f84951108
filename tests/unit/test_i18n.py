"""Translations as data (core/locales/*.toml): both languages hold the same keys with the same placeholders, every
key is used by the code, every key the code asks for exists; tr() formats, shows a missing key, and is what the
ETL's messages go through."""

from __future__ import annotations

import csv
import re
import string
import tomllib
from datetime import date
from pathlib import Path

import pytest

from core import i18n
from core.i18n import DEFAULT_LANG, LANGS, LOCALES_DIR, strings, tr
from etl.contracts import CONTRACTS_DIR, ContractResult
from etl.datasets import DATASETS, ZONES
from etl.load import UPLOADABLE, LoadFailed
from etl.validate import INLINE_REQUIRED, Problem
from integritas import charts, fmt, journey, upload

REPO = Path(__file__).resolve().parents[2]
SOURCES = sorted(
    [REPO / "app.py", *[p for d in ("app_pages", "integritas", "etl", "core") for p in (REPO / d).rglob("*.py")]]
)
CODE = "\n".join(p.read_text(encoding="utf-8") for p in SOURCES)
ETL_CODE = "\n".join(p.read_text(encoding="utf-8") for p in SOURCES if p.is_relative_to(REPO / "etl"))

# Every quoted literal shaped like a key ("home.wbk.label", 'yes'): a key written out in full is used.
LITERALS = set(re.findall(r"""["']([a-z_]+(?:\.[a-z0-9_]+)*)["']""", CODE))
# Keys built at run time: tr(f"zone.{z}", …), t(f"ds.{d}"), tr("val." + code, …). Only the prefix is in the code.
DYNAMIC = set(re.findall(r"""\b(?:tr|t)\(\s*f["']([a-z_.]+\.)\{""", CODE)) | set(
    re.findall(r"""\b(?:tr|t)\(\s*["']([a-z_.]+\.)["']\s*\+""", CODE)
)
# tr("…", …) and t("…") with a literal key.
CALLED = set(re.findall(r"""\b(?:tr|t)\(\s*["']([^"'{}]+)["']\s*[,)]""", CODE))


def _choices(dataset: str, column: str) -> set[str]:
    (field,) = [f for f in DATASETS[dataset].fields if f.name == column]
    assert field.choices, (dataset, column)
    return set(field.choices)


# The complaints view says a comparator in words: > < ~ become these keys; "=" is not said at all.
COMPARATOR_WORDS = {">": "gt", "<": "lt", "~": "approx"}
KINDS = {f.kind for ds in DATASETS.values() for f in ds.fields}
# Problem codes are literals in etl (Problem(..., "empty"), THEN 'formula' in the compiled SQL), plus one code per
# declared non-text kind ('type_' || kind). A val.* key whose code appears nowhere in etl is unused.
# rules across columns: 'rule.' + the declared rule's name, and the rules of a source written inline
RULES = {r.name for ds in DATASETS.values() for r in ds.rules} | {*INLINE_REQUIRED, "source_both"}
PROBLEM_CODES = set(re.findall(r"""["'](\w+)["']""", ETL_CODE)) | {f"type_{k}" for k in KINDS - {"str"}}

# The complaint categories of the seed, as integritas.labels.category_label looks them up (lower case).
with (REPO / "data" / "seed" / "complaints.csv").open(encoding="utf-8") as fh:
    SEED_CATEGORIES = {
        r["dimension_value"].strip().casefold()
        for r in csv.DictReader(fh)
        if r["dimension"] not in ("asal", "total", "unit") and r["dimension_value"].strip()
    }

# prefix -> (the values the code can put after it, whether every value must have a key)
DOMAINS: dict[str, tuple[set[str], bool]] = {
    "change.": ({*charts.CHANGE_CLASSES, charts.NO_DATA}, True),
    "comparator.": (set(COMPARATOR_WORDS.values()), True),
    # complaints breakdowns: 'total', 'unit' and 'persepsi' are never offered as a breakdown, so no key for them
    "contract.": ({p.stem for p in CONTRACTS_DIR.glob("*.sql")}, True),
    "dim.": (_choices("complaints", "dimension"), False),
    "ds.": (set(UPLOADABLE), True),
    "event.": (_choices("zi_events", "event"), True),
    "jenis.": (_choices("regions", "jenis") | _choices("agencies", "jenis"), True),
    # complaint categories as recorded in the seed (a region of origin is a name, a unit a name): each translated
    "lang.cat.": (SEED_CATEGORIES, True),
    "lang.method_note.": (_choices("methods", "id"), True),
    "kind.": (KINDS, True),
    "history.status.": ({"ok", "rejected", "undone", "undo"}, True),  # loads.status (etl/ddl/90_loads.sql)
    "guide.format.": ({*upload.FORMATS.values(), "other"}, True),
    "guide.rule.": ({r.name for ds in DATASETS.values() for r in ds.rules}, True),
    # the `role` column of integritas/sql/agency_lineage_of.sql
    "lineage.": ({"predecessor", "successor"}, True),
    "menuju.": (_choices("zi_events", "menuju"), True),
    "method.": (_choices("methods", "id"), True),
    "method.short.": (_choices("methods", "id"), True),
    "metric.": (_choices("complaints", "metric"), True),
    "status.": (_choices("zi_events", "status"), True),
    "step.": (set(journey.STEP_RANK), True),
    "upload.step.": (set(upload.STEPS), True),
    "val.": (PROBLEM_CODES | {f"rule.{r}" for r in RULES}, False),  # codes found in etl's code: nothing to complete
    "zone.": ({*ZONES, charts.NO_DATA}, True),
}


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


def _used(key: str) -> bool:
    if key in LITERALS:
        return True
    return any(key.startswith(p) and key[len(p) :] in values for p, (values, _) in DOMAINS.items())


def test_both_languages_hold_the_same_keys_in_the_same_order() -> None:
    ids, ens = list(strings("id")), list(strings("en"))
    assert set(ids) - set(ens) == set(), "keys in id.toml missing from en.toml"
    assert set(ens) - set(ids) == set(), "keys in en.toml that id.toml (the reference) does not have"
    assert ids == ens, "en.toml follows id.toml key for key"


def test_every_string_has_text_and_the_same_placeholders_in_both_languages() -> None:
    for key, id_text in strings("id").items():
        en_text = strings("en")[key]
        assert id_text.strip() and en_text.strip(), key
        assert _fields(id_text) == _fields(en_text), key


def test_every_key_is_used_by_the_code() -> None:
    unused = sorted(k for k in strings(DEFAULT_LANG) if not _used(k))
    assert unused == [], "keys no code uses: remove them, or declare the domain of a dynamic prefix"


def test_every_dynamic_prefix_has_a_declared_domain_and_is_still_used() -> None:
    assert DYNAMIC - set(DOMAINS) == set(), "a key built at run time: declare its values in DOMAINS"
    assert set(DOMAINS) - DYNAMIC == set(), "a prefix no code builds keys from any more: drop it from DOMAINS"
    assert set(COMPARATOR_WORDS) == _choices("complaints", "comparator") - {"="}


def test_every_rule_across_columns_has_its_message_in_both_languages() -> None:
    for lang in ("id", "en"):
        assert sorted(r for r in RULES if f"val.rule.{r}" not in strings(lang)) == [], lang


def test_every_key_the_code_asks_for_exists() -> None:
    keys = set(strings(DEFAULT_LANG))
    assert len(CALLED) > 100  # the scan finds the calls
    assert sorted(CALLED - keys) == [], "tr()/t() with a key neither locale file has"
    for prefix, (values, complete) in DOMAINS.items():
        if complete:
            assert sorted(v for v in values if prefix + v not in keys) == [], prefix


def test_the_scans_see_what_they_should() -> None:
    # a key built at run time is found as a prefix, not as a literal; a literal key is found as a literal
    assert {"zone.", "val.", "contract."} <= DYNAMIC
    assert "zone.merah" not in LITERALS and "home.wbk.label" in CALLED
    assert _used("zone.merah") and not _used("zone.biru") and not _used("val.no_such_code")


def test_id_toml_is_the_declared_source_language() -> None:
    head = (LOCALES_DIR / "id.toml").read_text(encoding="utf-8").splitlines()[:10]
    assert any("source language" in line.lower() for line in head)


def test_tr_reads_the_locale_files_by_dotted_key() -> None:
    for lang in LANGS:
        raw = tomllib.loads((LOCALES_DIR / f"{lang}.toml").read_text(encoding="utf-8"))
        assert tr("home.wbk.label", lang) == raw["home"]["wbk"]["label"]
        assert tr("yes", lang) == raw["yes"]
    assert tr("home.wbk.label", "id") != tr("home.wbk.label", "en")
    assert tr("home.wbk.label", "fr") == tr("home.wbk.label", "id")  # an unknown language reads Bahasa


def test_placeholders_take_numbers_and_dates_formatted_for_the_language() -> None:
    day = date(2026, 2, 6)
    by_lang = {
        lang: (
            tr("upload.sample", lang, shown=fmt.number(1106, lang), n=fmt.number(2_500_000, lang)),
            tr("cite.version", lang, version="2026-02-06-3f9a1c", day=fmt.day(day, lang)),
        )
        for lang in LANGS
    }
    assert "1.106" in by_lang["id"][0] and "2.500.000" in by_lang["id"][0]
    assert "1,106" in by_lang["en"][0] and "2,500,000" in by_lang["en"][0]
    assert "6 Februari 2026" in by_lang["id"][1] and "February 6, 2026" in by_lang["en"][1]
    assert not any("{" in text for pair in by_lang.values() for text in pair)


def test_a_missing_key_shows_itself_not_the_other_language(monkeypatch: pytest.MonkeyPatch) -> None:
    assert tr("no.such.key", "en") == "no.such.key"
    assert tr("no.such.key", "id", n=3) == "no.such.key"
    monkeypatch.setattr(i18n, "_TABLES", {"id": {"only.id": "hanya {n}"}, "en": {}})
    assert tr("only.id", "id", n=2) == "hanya 2"
    assert tr("only.id", "en", n=2) == "only.id"


def test_etl_messages_come_from_the_locales() -> None:
    problem = Problem(1106, "score", "120", "range", "0–100")
    messages = {lang: problem.message(lang) for lang in LANGS}
    assert messages["id"] != messages["en"]
    for lang, text in messages.items():
        assert text.endswith(tr("val.range", lang, detail="0–100")) and "1106" in text and "«120»" in text
    refused = LoadFailed("load.not_undoable", id=7)
    assert refused.message("id") == tr("load.not_undoable", "id", id=7) != refused.message("en") == str(refused)
    assert "7" in refused.message("id")
    rule = ContractResult("award_status", "error", [], [])
    assert rule.rule("id") == strings("id")["contract.award_status"] != rule.rule("en")
