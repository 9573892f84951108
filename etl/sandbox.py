"""Run an upload's dry run or commit in a child process under a memory and time bound, so that no file, however it
is built, can take the server (and every reader with it) down: past the bound the child is stopped and the upload is
refused with a message naming the limit.

The child is a fresh interpreter (`python -m etl.sandbox`), not a fork: the server has threads and DuckDB state that a
fork would copy half-held. It reads its call from a file, reports its steps on stderr (the page's progress bar) and
writes its result to a file; the parent watches its resident memory (RLIMIT_AS does not bound DuckDB sensibly: it
reserves address space far beyond what it uses) and its wall time.
"""

from __future__ import annotations

import os
import pickle
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core import paths
from etl import load
from etl.load import LoadFailed
from etl.validate import ValidationFailed

MEMORY_MB = int(os.environ.get("INTEGRITAS_LOAD_MEMORY_MB", "1500"))  # resident memory of one dry run or commit
SECONDS = int(os.environ.get("INTEGRITAS_LOAD_SECONDS", "300"))  # wall time of one dry run or commit
_STEP = "step:"


def _exhausted(key: str) -> LoadFailed:
    """The refusal of a file whose dry run or commit passed a bound, naming it."""
    return LoadFailed(key, mb=MEMORY_MB, seconds=SECONDS)


def _rss_mb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def run(name: str, *args: Any, progress: Callable[[str], None] = lambda _s: None, **kwargs: Any) -> Any:
    """Call etl.load.`name`(*args, **kwargs) in a bounded child and return its result or raise its exception.

    Raises LoadFailed (load.too_much_memory, load.too_slow) when the child passed MEMORY_MB or SECONDS: it is
    killed, and nothing was written (a commit switches readers to its new database as its very last step)."""
    with tempfile.TemporaryDirectory(prefix="integritas-load-") as tmp:
        call, result = Path(tmp) / "call.pickle", Path(tmp) / "result.pickle"
        call.write_bytes(pickle.dumps((name, args, kwargs)))
        env = {**os.environ, paths.ENV_DATA_DIR: str(paths.data_dir())}
        proc = subprocess.Popen(
            [sys.executable, "-m", "etl.sandbox", str(call), str(result), str(SECONDS)],
            cwd=paths.REPO_ROOT,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        exhausted: list[LoadFailed] = []

        def watch() -> None:
            start = time.monotonic()
            while proc.poll() is None:
                if _rss_mb(proc.pid) > MEMORY_MB:
                    exhausted.append(_exhausted("load.too_much_memory"))
                elif time.monotonic() - start > SECONDS:
                    exhausted.append(_exhausted("load.too_slow"))
                if exhausted:
                    proc.kill()
                    return
                time.sleep(0.05)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith(_STEP):
                progress(line[len(_STEP) :].strip())
        proc.wait()
        watcher.join()
        if exhausted:
            raise exhausted[0]
        if proc.returncode != 0 or not result.exists():
            # killed by the CPU limit (SIGXCPU) or another signal: the time bound, said as such
            raise _exhausted("load.too_slow")
        ok, value = pickle.loads(result.read_bytes())  # written by our own child, below
    if ok:
        return value
    raise _rebuilt(value)


def _portable(err: LoadFailed | ValidationFailed) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
    """An exception as (kind, args, fields): pickled as such, whatever its constructor looks like."""
    if isinstance(err, ValidationFailed):
        return "validation", (err.dataset, err.problems, err.total), {}
    return "load", (err.key, err.breaches), err.fields


def _rebuilt(value: tuple[str, tuple[Any, ...], dict[str, Any]]) -> Exception:
    kind, args, fields = value
    if kind == "validation":
        return ValidationFailed(*args)
    return LoadFailed(*args, **fields)


def _child(call: Path, result: Path, seconds: int) -> None:
    # the kernel's own backstop on CPU time, beside the parent's watch on wall time and memory
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))
    name, args, kwargs = pickle.loads(call.read_bytes())  # written by the parent, above

    def step(s: str) -> None:
        print(f"{_STEP}{s}", file=sys.stderr, flush=True)

    try:
        value: tuple[bool, Any] = (True, getattr(load, name)(*args, progress=step, **kwargs))
    except (LoadFailed, ValidationFailed) as err:
        value = (False, _portable(err))
    result.write_bytes(pickle.dumps(value))


if __name__ == "__main__":
    _child(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
