"""The one-click data package: a valid Frictionless package of every public table, no staff data, built once."""

from __future__ import annotations

import ast
import csv
import io
import json
import shutil
import threading
import zipfile
from decimal import Decimal
from pathlib import Path

import duckdb
import frictionless
import pytest

from core import paths
from etl import package
from etl.cli import main
from etl.datasets import DATASETS
from tests.conftest import REPO

VERSION = "2026-11-30-3f9a1c"
INTERNAL = ("loads", "load_changes")  # the load audit: who built or uploaded what, and upload row images


def _db() -> Path:
    db = paths.current_db()
    assert db is not None
    return db


def _built_db(built_dir: Path) -> Path:
    """The database of the shared seed build (conftest's built_dir), whatever INTEGRITAS_DATA_DIR says now."""
    return built_dir / "db" / (built_dir / "db" / "CURRENT").read_text(encoding="utf-8").strip()


def _unzip(zip_path: Path, into: Path) -> Path:
    """Extract the zip and return the folder holding datapackage.json."""
    with zipfile.ZipFile(zip_path) as zf:
        assert zf.testzip() is None
        zf.extractall(into)
    (root,) = [p.parent for p in into.rglob("datapackage.json")]
    return root


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _parquet(sql: str, path: Path, *params: object) -> list[tuple[object, ...]]:
    """Rows of `sql`, whose first parameter is the Parquet file (`read_parquet(?)`), read by DuckDB."""
    con = duckdb.connect()
    try:
        return con.execute(sql, [str(path), *params]).fetchall()
    finally:
        con.close()


def _count(db: Path, table: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()
    finally:
        con.close()
    assert row is not None
    return int(row[0])


@pytest.fixture(scope="module")
def unpacked(built_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package of the seed build, made and unzipped once for the tests that only read it."""
    db = _built_db(built_dir)
    mp = pytest.MonkeyPatch()
    mp.setenv(paths.ENV_DATA_DIR, str(built_dir))  # the boundary file is read from the data directory
    try:
        zip_path = package.build_package(db, VERSION, tmp_path_factory.mktemp("zip"))
    finally:
        mp.undo()
    return _unzip(zip_path, tmp_path_factory.mktemp("unzipped"))


def test_the_zip_is_a_valid_data_package_of_every_public_table(seeded: Path, tmp_path: Path) -> None:
    zip_path = package.package_path(_db(), VERSION)
    assert zip_path.name == f"integritas-ntt-data_{VERSION}.zip"
    assert zip_path.parent == seeded / "packages"
    unpacked = _unzip(zip_path, tmp_path / "unzipped")
    report = frictionless.validate(unpacked / "datapackage.json")
    assert report.valid, report.flatten(["type", "note", "rowNumber", "fieldName"])

    descriptor = json.loads((unpacked / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == VERSION
    assert descriptor["profile"] == "tabular-data-package"
    # every declared dataset is public: one resource, one CSV, one Parquet file each, as many rows as the database
    public = set(DATASETS)
    assert {r["name"] for r in descriptor["resources"]} == public
    shipped = unpacked / f"integritas-ntt_{VERSION}.duckdb"
    assert shipped.exists()
    for table in public:
        n = _count(_db(), table)
        assert len(_csv_rows(unpacked / "data" / f"{table}.csv")) == n, table
        assert _count(shipped, table) == n, table
        parquet = unpacked / "parquet" / f"{table}.parquet"
        assert _parquet("SELECT count(*) FROM read_parquet(?)", parquet) == [(n,)], table
    # the keys a reader can join on are declared
    compliance = next(r for r in descriptor["resources"] if r["name"] == "compliance")
    assert compliance["schema"]["primaryKey"] == ["region_kode", "year"]
    assert {"resource": "regions", "fields": ["kode"]} in [
        fk["reference"] for fk in compliance["schema"]["foreignKeys"]
    ]


def test_the_schema_is_enforced_on_the_csv(unpacked: Path, tmp_path: Path) -> None:
    # a wrong zone and a region that does not exist: the package's own schema must catch both
    unpacked = Path(shutil.copytree(unpacked, tmp_path / "copy"))
    path = unpacked / "data" / "compliance.csv"
    rows = _csv_rows(path)
    rows[0]["zone"] = "biru"
    rows[1]["region_kode"] = "99.99"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    report = frictionless.validate(unpacked / "datapackage.json")
    kinds = {e[0] for e in report.flatten(["type"])}
    assert not report.valid and {"constraint-error", "foreign-key"} <= kinds


def test_no_internal_table_or_staff_detail_is_shipped(built_dir: Path, unpacked: Path) -> None:
    assert package.unclassified_tables(_built_db(built_dir)) == []  # every table of the warehouse has its decision
    names = [p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()]
    assert not [n for n in names for t in INTERNAL if Path(n).stem == t]
    assert _count(_built_db(built_dir), "loads") > 0  # the warehouse has them, so their absence below means something
    con = duckdb.connect(str(unpacked / f"integritas-ntt_{VERSION}.duckdb"), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        constraints = con.execute("SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'FOREIGN KEY'")
        n_fk = constraints.fetchone()
    finally:
        con.close()
    assert tables == set(DATASETS)
    assert n_fk is not None and n_fk[0] > 0  # the copy keeps its references
    # the seed build was recorded as made by "pytest" (conftest); neither that name nor a server path is in the zip
    for path in unpacked.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"pytest" not in data, path.name
            assert str(built_dir).encode() not in data, path.name


def test_every_field_and_table_is_described_in_both_languages(unpacked: Path) -> None:
    descriptor = json.loads((unpacked / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["titles"]["id"] != descriptor["titles"]["en"]
    for resource in descriptor["resources"]:
        texts = resource["descriptions"]
        assert texts["id"] and texts["en"] and texts["id"] != texts["en"], resource["name"]
        for field in resource["schema"]["fields"]:
            where = f"{resource['name']}.{field['name']}"
            texts = field["descriptions"]
            assert texts["id"].strip() and texts["en"].strip() and texts["id"] != texts["en"], where
            assert "package." not in texts["id"] + texts["en"], where  # a missing translation shows its key
            assert texts["id"] in field["description"] and texts["en"] in field["description"], where


def test_real_seed_values_read_back_from_csv_parquet_and_duckdb(unpacked: Path) -> None:
    seed = REPO / "data" / "seed"
    scored = next(r for r in _csv_rows(seed / "compliance.csv") if r["score"])
    group = next(r for r in _csv_rows(seed / "agencies.csv") if r["is_group"] == "true")
    event = next(r for r in _csv_rows(seed / "zi_events.csv") if r["date"] and not r["source_id_2"])
    quoted = next(r for r in _csv_rows(seed / "sources.csv") if "," in r["quote"])

    # typed, as a Frictionless reader sees the CSV
    resource = frictionless.Package(unpacked / "datapackage.json").get_table_resource("compliance")
    typed = next(
        r
        for r in resource.read_rows()
        if r["region_kode"] == scored["region_kode"] and r["year"] == int(scored["year"])
    )
    assert typed["score"] == Decimal(scored["score"]) and typed["zone"] == scored["zone"]
    shipped = unpacked / "data"
    agencies = {r["id"]: r for r in _csv_rows(shipped / "agencies.csv")}
    assert agencies[group["id"]]["is_group"] == "true" and agencies[group["id"]]["nama"] == group["nama"]
    events = {r["id"]: r for r in _csv_rows(shipped / "zi_events.csv")}
    assert events[event["id"]]["date"] == event["date"]  # ISO date, as the seed writes it
    assert events[event["id"]]["source_id_2"] == ""  # NULL is an empty cell
    sources = {r["id"]: r for r in _csv_rows(shipped / "sources.csv")}
    assert sources[quoted["id"]]["quote"] == quoted["quote"]  # commas inside a quoted cell survive

    got = _parquet(
        "SELECT quote FROM read_parquet(?) WHERE id = ?", unpacked / "parquet" / "sources.parquet", quoted["id"]
    )
    assert got == [(quoted["quote"],)]
    con = duckdb.connect(str(unpacked / f"integritas-ntt_{VERSION}.duckdb"), read_only=True)
    try:
        row = con.execute(
            "SELECT score FROM compliance WHERE region_kode = ? AND year = ?",
            [scored["region_kode"], int(scored["year"])],
        ).fetchone()
    finally:
        con.close()
    assert row == (Decimal(scored["score"]),)


def test_the_readme_says_what_is_inside_how_to_cite_and_the_licence(unpacked: Path) -> None:
    data = REPO / "data"
    readme = (unpacked / "README.txt").read_text(encoding="utf-8")
    assert VERSION in readme and f"integritas-ntt_{VERSION}.duckdb" in readme
    for table in DATASETS:
        assert f"{table} (" in readme, table
    assert "Lisensi" in readme and "Licence" in readme
    descriptor = json.loads((unpacked / "datapackage.json").read_text(encoding="utf-8"))
    assert "licenses" not in descriptor  # the project states no licence for the facts: none is made up
    # the boundary file ships with its attribution and licence as the file itself states them
    geo = json.loads((data / "geo" / "ntt_kabkota.geojson").read_text(encoding="utf-8"))
    assert geo["attribution"] in readme and geo["licence"] in readme
    assert geo["licence"] in descriptor["description"]
    assert (unpacked / "geo" / "ntt_kabkota.geojson").read_bytes() == (
        data / "geo" / "ntt_kabkota.geojson"
    ).read_bytes()
    # the sources publishers are summarised from the sources table
    publishers = {r["publisher"] for r in _csv_rows(data / "seed" / "sources.csv")}
    assert {s["title"] for s in descriptor["sources"]} & publishers


def test_package_path_builds_once_per_version(seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = package.build_package

    def counted(db_file: Path, version: str, out_dir: Path) -> Path:
        calls.append(version)
        return real(db_file, version, out_dir)

    monkeypatch.setattr(package, "build_package", counted)
    results: list[Path] = []
    threads = [threading.Thread(target=lambda: results.append(package.package_path(_db(), VERSION))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1 and calls == [VERSION]  # three callers at once, one build
    first = results[0].stat().st_mtime_ns
    assert package.package_path(_db(), VERSION) == results[0]
    assert results[0].stat().st_mtime_ns == first and calls == [VERSION]
    with zipfile.ZipFile(results[0]) as zf:
        assert zf.testzip() is None
    assert not [p for p in results[0].parent.iterdir() if p.name.startswith(".build-")]  # no scratch left behind


def test_a_version_is_never_a_path(seeded: Path) -> None:
    for bad in ("../etc", "a/b", "", "x y"):
        with pytest.raises(ValueError):
            package.package_path(_db(), bad)
    assert not (seeded / "packages").exists() or not list((seeded / "packages").glob("*.zip"))


def test_cli_prints_the_path_of_the_zip(seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["package", "--out", str(tmp_path / "out")]) == 0
    printed = Path(capsys.readouterr().out.strip())
    assert printed.parent == tmp_path / "out" and printed.suffix == ".zip" and zipfile.is_zipfile(printed)
    assert main(["package"]) == 0
    cached = Path(capsys.readouterr().out.strip())
    assert cached.parent == seeded / "packages" and zipfile.is_zipfile(cached)


def test_the_app_never_imports_frictionless() -> None:
    # frictionless is a test dependency: the package is written with DuckDB and the standard library only
    repo = Path(__file__).resolve().parents[2]
    sources = [
        repo / "app.py",
        *[p for d in ("app_pages", "integritas", "etl", "core") for p in (repo / d).rglob("*.py")],
    ]
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not [n for n in names if n.split(".")[0] == "frictionless"], path
