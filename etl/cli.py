"""The ETL command line: build, check, where, boundaries, load, history, undo."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import duckdb

from core import paths, versions
from core.i18n import LANGS, tr
from etl import boundaries
from etl.build import BuildFailed, build
from etl.contracts import report, run_contracts


def _cmd_build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    print(f"Building from {paths.seed_dir()}")
    try:
        result = build(by=args.by, progress=print)
        from etl import load

        replayed = load.replay(progress=print)
    except BuildFailed as err:
        print(f"\nBUILD FAILED — the previous database keeps serving.\n{err}", file=sys.stderr)
        return 1
    except Exception as err:  # a stored upload no longer fits the rebuilt seed: say which, stop there
        print(f"\nREPLAY STOPPED — the seed was rebuilt, but an upload could not be re-applied: {err}", file=sys.stderr)
        return 1
    took = time.perf_counter() - started
    print(f"\n{'table':<20}{'rows':>6}")
    for name, n in result.rows.items():
        print(f"{name:<20}{n:>6}")
    print(f"{'sources':<20}{result.rows.get('sources', 0):>6}  (cited passages)")
    print(f"\nwarnings: {sum(len(c.rows) for c in result.warnings)}")
    for c in result.warnings:
        print(f"  - {c.name}: {len(c.rows)} row(s) — {c.rule('en')}")
    if replayed:
        print(f"replayed {replayed} upload(s) and undo(s) from {load.manifest_file()}")
    print(f"\nnow serving {paths.current_db()} (built in {took:.2f} s)")
    return 0


def _cmd_check(_args: argparse.Namespace) -> int:
    db = paths.current_db()
    if db is None:
        print("no database yet: run `python -m etl build`", file=sys.stderr)
        return 2
    con = duckdb.connect(str(db), read_only=True)
    try:
        results = run_contracts(con)
    finally:
        con.close()
    print(report(results))
    breached = [r for r in results if r.breached]
    print(f"\n{len(results)} contracts, {len(breached)} breached")
    return 1 if breached else 0


def _cmd_where(_args: argparse.Namespace) -> int:
    db = paths.current_db()
    if db is None:
        print("no database yet: run `python -m etl build`", file=sys.stderr)
        return 2
    print(db)
    return 0


def _cmd_boundaries(args: argparse.Namespace) -> int:
    try:
        target, n, size = boundaries.run(Path(args.path) if args.path else None)
    except boundaries.BoundaryError as err:
        print(f"boundaries: {err}", file=sys.stderr)
        return 1
    print(f"wrote {target} — {n} kab/kota, {size / 1024:.0f} KB")
    return 0


REFUSED = "DITOLAK, tidak ada yang ditulis / REFUSED, nothing written."


def _cmd_load(args: argparse.Namespace) -> int:
    from etl import load
    from etl.validate import ValidationFailed

    path = Path(args.file)
    raw = path.read_bytes()
    try:
        p = load.plan(raw, path.name, args.dataset)
        if p.loaded_before:
            print(f"this file (sha256 {p.sha256[:12]}) was already loaded as load {p.loaded_before}")
        if p.breaches:
            for prob in p.breach_problems[:100]:
                print(f"  {prob.message('id')}\n    {prob.message('en')}", file=sys.stderr)
            raise load.LoadFailed("load.breached", p.breaches)
        if not p.ok:
            raise ValidationFailed(args.dataset, p.problems, p.problem_total)
        print(
            f"{args.dataset}: {p.n_new} new, {p.n_changed} changed, {p.unchanged} unchanged, "
            f"{p.n_sources} new source(s) written inline"
        )
        for before, after in p.changed[:20]:
            diff = {k: (before[k], after[k]) for k in after if str(before.get(k)) != str(after[k])}
            print("  changed:", ", ".join(f"{k}: {a} → {b}" for k, (a, b) in diff.items()))
        if args.dry_run:
            print("dry run: nothing written")
            return 0
        load_id, _ = load.commit(raw, path.name, args.dataset, by=args.by)
    except ValidationFailed as err:
        print(f"{REFUSED} {err.total} masalah / problem(s):", file=sys.stderr)
        for prob in err.problems[:100]:
            print(f"  {prob.message('id')}\n    {prob.message('en')}", file=sys.stderr)
        return 1
    except load.LoadFailed as err:
        print(f"{REFUSED}\n{err.bilingual()}", file=sys.stderr)
        return 1
    print(f"committed as load {load_id}; now serving {paths.current_db()}")
    return 0


def _cmd_history(_args: argparse.Namespace) -> int:
    from etl import load

    print(load.history().to_string(index=False))
    return 0


def _cmd_undo(args: argparse.Namespace) -> int:
    from etl import load

    try:
        undo_id = load.undo(args.load_id, by=args.by)
    except load.LoadFailed as err:
        print(f"{REFUSED}\n{err.bilingual()}", file=sys.stderr)
        return 1
    print(f"load {args.load_id} undone (recorded as load {undo_id})")
    return 0


def _cmd_staff_add(args: argparse.Namespace) -> int:
    import getpass

    from core import accounts

    prompt = " / ".join(tr("auth.password", lang) for lang in LANGS) + ": "
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass(prompt)
    try:
        accounts.add_staff(args.name, password)
    except ValueError as err:
        print(f"staff add: {err}", file=sys.stderr)
        return 1
    print(f"staff account {args.name!r} saved in {accounts.accounts_file()} (argon2 hash only)")
    return 0


def _cmd_package(args: argparse.Namespace) -> int:
    from etl import package

    if args.version:  # a published version still kept (a pinned permalink's download)
        found = versions.find(args.version)
        if found is None:
            print(f"no kept version {args.version!r}: see data/db/{versions.REGISTRY}", file=sys.stderr)
            return 2
        db, version = paths.db_dir() / found.file, found.id
    else:
        current = paths.current_db()
        if current is None:
            print("no database yet: run `python -m etl build`", file=sys.stderr)
            return 2
        db, version = current, versions.of_file(current).id
    started = time.perf_counter()
    out = package.build_package(db, version, Path(args.out)) if args.out else package.package_path(db, version)
    print(out)
    print(f"{out.stat().st_size / 1024:.0f} KB in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command line, also read by the test that keeps README's command table true."""
    parser = argparse.ArgumentParser(prog="python -m etl", description="Integritas NTT data pipeline")
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("build", help="build the database from data/seed and switch to it atomically")
    p.add_argument("--by", help="who runs the build (recorded in loads)")
    p.set_defaults(func=_cmd_build)
    sub.add_parser("check", help="run the data contracts on the current database").set_defaults(func=_cmd_check)
    sub.add_parser("where", help="print the path of the database the app reads now").set_defaults(func=_cmd_where)
    p = sub.add_parser("boundaries", help="simplify the kab/kota polygons into data/geo")
    p.add_argument("path", nargs="?", help=f"source GeoJSON (default {boundaries.DEFAULT_SOURCE})")
    p.set_defaults(func=_cmd_boundaries)
    p = sub.add_parser("load", help="validate a CSV/XLSX file and add it to the database (all or nothing)")
    p.add_argument("file")
    p.add_argument("--dataset", required=True, help="compliance, complaints, zi_events, unit_compliance, …")
    p.add_argument("--dry-run", action="store_true", help="show what would change and write nothing")
    p.add_argument("--by", help="who loads the file (recorded in loads)")
    p.set_defaults(func=_cmd_load)
    sub.add_parser("history", help="list every load").set_defaults(func=_cmd_history)
    p = sub.add_parser("undo", help="restore exactly the state before a load, and record the undo")
    p.add_argument("load_id", type=int)
    p.add_argument("--by", help="who undoes the load (recorded in loads)")
    p.set_defaults(func=_cmd_undo)
    p = sub.add_parser("package", help="zip every public table (CSV, Parquet, DuckDB, Frictionless), print its path")
    p.add_argument("--out", help="write the zip into this folder (default: the cache under the data directory)")
    p.add_argument("--version", help="a kept data version id (default: the current one)")
    p.set_defaults(func=_cmd_package)
    p = sub.add_parser("staff", help="manage local staff accounts")
    staff = p.add_subparsers(dest="staff_cmd", required=True)
    p = staff.add_parser("add", help="create or reset a staff account (asks for the password)")
    p.add_argument("name")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p.set_defaults(func=_cmd_staff_add)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))
