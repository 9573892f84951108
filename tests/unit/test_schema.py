"""One declared schema: the database's constraints are exactly what etl/datasets.py declares (plus the few rules it
has no words for), a dataset may start from a header-only seed, and a new dataset needs one entry and one seed."""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from core import paths
from etl import load, schema
from etl.build import build
from etl.datasets import DATASETS, Dataset, Field

REPO_DDL = schema.DDL_DIR


def _check_rule(expression: str) -> tuple | None:
    """A one-column CHECK as DuckDB prints it, read back into the declaration it stands for (None: not one)."""
    e = expression.strip()
    while e.startswith("(") and e.endswith(")"):
        e = e[1:-1].strip()
    col = r'"?(\w+)"?'
    if m := re.fullmatch(col + r" IN \((.*)\)", e):
        return (m[1], "choices", tuple(v.replace("''", "'") for v in re.findall(r"'((?:[^']|'')*)'", m[2])))
    if m := re.fullmatch(col + r" BETWEEN (-?[\d.]+) AND (-?[\d.]+)", e):
        return (m[1], "range", float(m[2]), float(m[3]))
    if m := re.fullmatch(col + r" >= (-?[\d.]+)", e):
        return (m[1], "range", float(m[2]), None)
    if m := re.fullmatch(col + r" <= (-?[\d.]+)", e):
        return (m[1], "range", None, float(m[2]))
    if m := re.fullmatch(r"regexp_full_match\(" + col + r", '((?:[^']|'')*)'\)", e):
        return (m[1], "pattern", m[2].replace("''", "'"))
    return None


def _declared(ds: Dataset, datasets: dict[str, Dataset]) -> set[tuple]:
    """What datasets.py says about `ds`, in the same shape as _found reads the database."""
    rules: set[tuple] = {("not null", f.name) for f in ds.fields if f.required}
    required = {f.name for f in ds.fields if f.required}
    rules.add(("PRIMARY KEY" if set(ds.key) <= required else "UNIQUE", tuple(ds.key)))
    for f in ds.fields:
        if f.ref and not f.ref_when:  # a conditional reference is the validator's only
            rules.add(("reference", f.name, datasets[f.ref].table, tuple(datasets[f.ref].key)))
        if f.choices:
            rules.add(("check", f.name, "choices", tuple(f.choices)))
        if f.min is not None or f.max is not None:
            lo, hi = (None if v is None else float(v) for v in (f.min, f.max))
            rules.add(("check", f.name, "range", lo, hi))
        if f.pattern:
            rules.add(("check", f.name, "pattern", f.pattern))
    rules |= {("rule", _printed(ds, r.sql)) for r in ds.rules if not r.lookup}
    return rules


def _printed(ds: Dataset, sql: str) -> str:
    """A rule across columns as DuckDB prints it back, read from a scratch table that has only that CHECK."""
    con = duckdb.connect()
    try:
        cols = ", ".join(f'"{f.name}" {schema.SQL_TYPES[f.kind]}' for f in ds.fields)
        con.execute(f"CREATE TABLE t ({cols}, CHECK ({sql}))")
        return str(
            con.execute("SELECT constraint_text FROM duckdb_constraints() WHERE table_name = 't'").fetchall()[0][0]
        )
    finally:
        con.close()


def _found(con: duckdb.DuckDBPyConnection, table: str) -> tuple[Counter[tuple], list[str]]:
    """The table's constraints in the database, as declarations (counted: a rule written twice shows), and those
    datasets.py has no words for."""
    rules: Counter[tuple] = Counter()
    own: list[str] = []
    for kind, expression, text, columns, ref_table, ref_columns in con.execute(
        "SELECT constraint_type, expression, constraint_text, constraint_column_names, referenced_table, "
        "referenced_column_names FROM duckdb_constraints() WHERE schema_name = 'main' AND table_name = ?",
        [table],
    ).fetchall():
        if kind == "NOT NULL":
            rules[("not null", columns[0])] += 1
        elif kind == "PRIMARY KEY":
            rules[(kind, tuple(columns))] += 1
        elif kind == "FOREIGN KEY":
            rules[("reference", columns[0], ref_table, tuple(ref_columns))] += 1
        elif kind == "CHECK" and len(set(columns)) == 1:
            rule = _check_rule(expression)
            rules[("check", *rule) if rule else ("unreadable check", text)] += 1
        elif kind == "CHECK":
            rules[("rule", text)] += 1  # a rule across columns: declared as a Rule in datasets.py
        elif kind == "UNIQUE" and len(columns) > 1:
            rules[(kind, tuple(columns))] += 1  # only a key spans columns; a one-column UNIQUE is the DDL's own
        else:
            own.append(text)  # a check across columns or a one-column UNIQUE: written in etl/ddl
    return rules, own


def disagreements(con: duckdb.DuckDBPyConnection, datasets: dict[str, Dataset]) -> list[str]:
    """Every declared rule the database lacks and every database rule of that kind nobody declared."""
    out = []
    for ds in datasets.values():
        found, _own = _found(con, ds.table)
        declared = Counter(_declared(ds, datasets))
        out += [f"{ds.table}: declared in etl/datasets.py, missing in the database: {r}" for r in declared - found]
        out += [f"{ds.table}: in the database, not declared in etl/datasets.py: {r}" for r in found - declared]
        out += [f"{ds.table}: in the database {n} times: {r}" for r, n in found.items() if n > 1]
    return sorted(out)


def _con(db: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(db), read_only=True)


def test_built_database_has_exactly_the_declared_constraints(use_built: Path) -> None:
    con = _con(paths.current_db())
    try:
        assert disagreements(con, DATASETS) == []
        # the rules across columns are declared too; only a one-column UNIQUE stays etl/ddl's own
        own = {t: _found(con, ds.table)[1] for t, ds in DATASETS.items()}
        assert not any(text.startswith("CHECK") for texts in own.values() for text in texts), own
        assert ("rule", "CHECK((period_start <= period_end))") in _found(con, "complaints")[0]
        assert {"UNIQUE(kode_bps)", "UNIQUE(nama)"} <= set(own["regions"])
        # columns, types and comments are the public schema: as written in etl/ddl
        cols = con.execute(
            "SELECT column_name, data_type, comment FROM duckdb_columns() WHERE table_name = 'compliance' "
            "ORDER BY column_index"
        ).fetchall()
        assert [c for c, _, _ in cols] == DATASETS["compliance"].columns
        assert ("score", "DECIMAL(5,2)", None) in cols
        (comment,) = con.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 'compliance'").fetchone()
        assert comment.startswith("Ombudsman assessment of a pemda")
    finally:
        con.close()


def test_agreement_check_fails_when_the_ddl_repeats_or_contradicts_a_rule(tmp_path: Path) -> None:
    # One side broken: a rule written again in etl/ddl (narrower than the declared one).
    ddl = tmp_path / "ddl"
    shutil.copytree(REPO_DDL, ddl)
    facts = ddl / "30_facts.sql"
    text = facts.read_text(encoding="utf-8")
    narrower = "    zone VARCHAR CHECK (zone IN ('merah', 'kuning')),\n"
    facts.write_text(text.replace("    zone        VARCHAR,\n", narrower, 1), encoding="utf-8")
    assert facts.read_text(encoding="utf-8") != text
    con = duckdb.connect()
    try:
        con.execute(schema.schema_sql(ddl))
        assert disagreements(con, DATASETS) == [
            "compliance: in the database, not declared in etl/datasets.py: "
            "('check', 'zone', 'choices', ('merah', 'kuning'))"
        ]
    finally:
        con.close()


def test_agreement_check_fails_when_datasets_py_and_the_database_differ() -> None:
    # The other side: a database built from another declaration (a choice dropped, a reference and a range added).
    con = duckdb.connect()
    try:
        con.execute(schema.schema_sql())
        changed = dict(DATASETS)
        fields = {f.name: f for f in DATASETS["compliance"].fields}
        fields["zone"] = dataclasses.replace(fields["zone"], choices=("merah", "kuning"))
        fields["opini"] = dataclasses.replace(fields["opini"], ref="sources")
        fields["score"] = dataclasses.replace(fields["score"], max=110)
        changed["compliance"] = dataclasses.replace(DATASETS["compliance"], fields=tuple(fields.values()))
        problems = disagreements(con, changed)
        assert len(problems) == 5, problems  # the old zone and score checks, and the three new rules, each missing
        assert any("missing in the database: ('reference', 'opini', 'sources', ('id',))" in p for p in problems)
    finally:
        con.close()


def test_declared_rules_are_enforced_by_the_database() -> None:
    con = duckdb.connect()
    try:
        schema.create(con)
        con.execute("INSERT INTO sources (id, publisher) VALUES ('src-x', 'uji')")
        con.execute("INSERT INTO regions VALUES ('53.71', '5371', 'Kota Kupang', 'kota', 'Kupang')")
        con.execute("INSERT INTO methods VALUES ('opini', 'Opini', 2025, NULL, 'src-x', NULL)")
        good = "('53.71', 2025, 80, 'hijau', NULL, NULL, 'opini', 'confirmed', 'src-x', NULL, NULL, NULL)"
        bad = {
            "zone": good.replace("'hijau'", "'biru'"),  # not an allowed value
            'year" BETWEEN 2010': good.replace("2025", "2009"),  # below the range
            "foreign key": good.replace("'53.71'", "'53.99'"),  # unknown reference
            "compliance.status": good.replace("'confirmed'", "NULL"),  # required
        }
        for message, row in bad.items():
            with pytest.raises(duckdb.ConstraintException, match=message):
                con.execute(f"INSERT INTO compliance VALUES {row}")
        con.execute(f"INSERT INTO compliance VALUES {good}")
        with pytest.raises(duckdb.ConstraintException, match="53.71"):  # the key
            con.execute(f"INSERT INTO compliance VALUES {good}")
    finally:
        con.close()


def test_ddl_columns_must_match_the_declared_fields(tmp_path: Path) -> None:
    ddl = tmp_path / "ddl"
    shutil.copytree(REPO_DDL, ddl)
    agencies = ddl / "20_agencies.sql"
    agencies.write_text(agencies.read_text(encoding="utf-8").replace("    alias     VARCHAR\n", "    nama VARCHAR\n"))
    with pytest.raises(schema.SchemaError, match="agency_aliases"):
        schema.schema_sql(ddl)


def test_a_dataset_can_start_from_a_header_only_seed(data_dir: Path) -> None:
    seed = data_dir / "seed" / "agency_aliases.csv"
    seed.write_text(seed.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    result = build(by="pytest")
    assert result.rows["agency_aliases"] == 0 and result.rows["agencies"] > 0
    con = _con(result.path)
    try:
        assert con.execute("SELECT count(*) FROM agency_aliases").fetchall() == [(0,)]
        assert con.execute("SELECT added FROM loads WHERE dataset = 'agency_aliases'").fetchall() == [(0,)]
    finally:
        con.close()


SURVEY = Dataset(
    "survey_scores",
    (
        Field("region_kode", required=True, ref="regions"),
        Field("year", "int", required=True, min=2010, max=2100),
        Field("grade", required=True, choices=("baik", "cukup", "buruk")),
        Field("score", "decimal", min=0, max=100),
        Field("source_id", required=True, ref="sources"),
        Field("note"),
    ),
    key=("region_kode", "year"),
    fact=True,
)


def test_adding_a_dataset_is_one_declaration_and_one_seed(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The whole recipe: an entry in DATASETS (no DDL file: the table comes from the fields) and a header-only seed.
    monkeypatch.setitem(DATASETS, SURVEY.name, SURVEY)
    (data_dir / "seed" / "survey_scores.csv").write_text(",".join(SURVEY.columns) + "\n", encoding="utf-8")
    result = build(by="pytest")
    assert result.rows["survey_scores"] == 0
    con = _con(result.path)
    try:
        assert disagreements(con, DATASETS) == []
    finally:
        con.close()

    header = "region_kode;year;grade;score;source_id;note\n"
    first = (header + "Kota Kupang;2030;baik;81,5;src-c36;uji\n").encode()
    load_id, plan = load.commit(first, "survei.csv", "survey_scores", by="staf")
    assert plan.n_new == 1
    rows = "SELECT region_kode, year, grade, score::VARCHAR FROM survey_scores"
    con = _con(paths.current_db())
    try:
        assert con.execute(rows).fetchall() == [("53.71", 2030, "baik", "81.5")]
        assert con.execute("SELECT dataset, added FROM loads WHERE id = ?", [load_id]).fetchall() == [
            ("survey_scores", 1)
        ]
    finally:
        con.close()

    # a fact: the same key with other values is a correction, and undo restores the row
    fix = (header + "53.71;2030;cukup;70;src-c36;koreksi\n").encode()
    assert load.plan(fix, "koreksi.csv", "survey_scores").n_changed == 1
    fix_id, _ = load.commit(fix, "koreksi.csv", "survey_scores", by="staf")
    load.undo(fix_id, by="staf")
    con = _con(paths.current_db())
    try:
        assert con.execute(rows).fetchall() == [("53.71", 2030, "baik", "81.5")]
    finally:
        con.close()
    # its declared rules hold for uploads too
    bad = load.plan((header + "53.71;2031;hebat;;src-zzz;\n").encode(), "salah.csv", "survey_scores")
    assert {(p.column, p.code) for p in bad.problems} == {("grade", "choice"), ("source_id", "unknown_ref")}
    # and the rule that every cited source is quoted covers it without editing a contract
    con = _con(paths.current_db())
    try:
        assert con.execute("SELECT row_id, source_id FROM cited_rows WHERE tbl = 'survey_scores'").fetchall() == [
            ("53.71/2030", "src-c36")
        ]
    finally:
        con.close()


def test_what_uploads_may_do_follows_the_declaration(data_dir: Path) -> None:
    build(by="seed")
    assert {name for name, ds in DATASETS.items() if ds.fact or ds.extendable} == load.UPLOADABLE
    # reference data (extendable, not a fact): a new agency may be added, an existing one not changed
    header = "id,nama,singkatan,jenis,induk,region_kode,is_group,note\n"
    new = header + "kppn-uji,KPPN Uji,,vertikal,,53.71,false,uji\n"
    assert load.plan(new.encode(), "instansi.csv", "agencies").n_new == 1
    renamed = header + "kppn-kupang,KPPN Kota Kupang,KPPN Kupang,vertikal,Kementerian Keuangan (DJPb),53.71,false,\n"
    p = load.plan(renamed.encode(), "instansi.csv", "agencies")
    assert p.n_changed == 1 and [(pr.row, pr.code) for pr in p.problems] == [(2, "not_updatable")]
    # undo of reference rows: deleted where a foreign key points at the table, the table rebuilt where none does
    agency_id, _ = load.commit(new.encode(), "instansi.csv", "agencies")
    alias_id, _ = load.commit(b"agency_id,alias\nkppn-uji,Kantor Uji\n", "alias.csv", "agency_aliases")
    load.undo(alias_id)
    load.undo(agency_id)
    con = _con(paths.current_db())
    try:
        assert con.execute("SELECT count(*) FROM agencies WHERE id = 'kppn-uji'").fetchall() == [(0,)]
        assert con.execute("SELECT count(*) FROM agency_aliases WHERE agency_id = 'kppn-uji'").fetchall() == [(0,)]
        assert disagreements(con, DATASETS) == []  # the rebuilt table kept its constraints
    finally:
        con.close()
    # not uploadable at all
    with pytest.raises(load.LoadFailed) as err:
        load.plan(b"kode,kode_bps,nama,jenis,ibukota\n", "wilayah.csv", "regions")
    assert err.value.key == "load.not_uploadable"
