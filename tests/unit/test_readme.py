"""README is the manual: its command table names exactly the CLI's commands and options, and every Make target."""

from __future__ import annotations

import argparse
import re

from etl.cli import build_parser
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], set[str]]:
    """Every command path of the CLI (('load',), ('staff', 'add')…) with its option strings and positionals."""
    found: dict[tuple[str, ...], set[str]] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.update(_commands(sub, (*prefix, name)))
    if prefix and not any(isinstance(a, argparse._SubParsersAction) for a in parser._actions):
        words = set()
        for a in parser._actions:
            if isinstance(a, argparse._HelpAction):
                continue
            words |= set(a.option_strings) if a.option_strings else {a.dest.upper()}
        found[prefix] = words
    return found


def _readme_commands() -> dict[tuple[str, ...], set[str]]:
    block = README.split("## ETL command line", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    found: dict[tuple[str, ...], set[str]] = {}
    for line in block.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line.startswith("python -m etl "):
            continue
        words = line.removeprefix("python -m etl ").replace("[", " ").replace("]", " ").split()
        path = tuple(w for w in words if re.fullmatch(r"[a-z]+", w))
        found[path] = {w for w in words if w.startswith("--") or re.fullmatch(r"[A-Z_]+", w)}
    return found


def test_readme_lists_every_cli_command_with_its_options() -> None:
    cli = _commands(build_parser())
    readme = _readme_commands()
    assert set(readme) == set(cli), (
        f"README has {sorted(set(readme) - set(cli))}, CLI has {sorted(set(cli) - set(readme))}"
    )
    for path, words in cli.items():
        options = {w for w in words if w.startswith("--")}
        assert options == {w for w in readme[path] if w.startswith("--")}, path


def test_readme_lists_every_make_target() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z-]+):.*## ", makefile, flags=re.M))
    section = README.split("## Make targets", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"`make ([a-z-]+)`", section))
    assert targets, "no documented targets found in the Makefile"
    assert listed == targets, f"README lists {sorted(listed - targets)} too many, misses {sorted(targets - listed)}"
