"""Start-up of the frozen app (or any annotator command): --version, and time to first paint.

Run after ``packaging/build.sh``: ``python benchmarks/frozen_startup.py [APP ...]`` (default
``dist/annotator/annotator``; give ``.venv/bin/annotator`` too to compare with the installed
one). Each figure is the median of 5 runs after one warm-up, offscreen, in a private data folder.
First paint is when the window's "first paint" line reaches us (ANNOTATOR_QUIT_AFTER_SHOW=1);
"closed" is when the process has exited after its start-up scan and a clean close.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
ROOT = Path(__file__).resolve().parents[1]


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds to the first-paint line or to exit, seconds to exit) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    painted = None
    assert process.stdout is not None
    for line in process.stdout:
        if b"first paint" in line and painted is None:
            painted = time.perf_counter() - start
    process.wait(timeout=120)
    closed = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{command} exited with {process.returncode}: {process.stderr.read()}")
    return (painted if painted is not None else closed), closed


def median_of(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    timed(command, env)  # warm-up: the files are in the page cache afterwards
    runs = [timed(command, env) for _ in range(RUNS)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def measure(app: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ANNOTATOR_DATA_DIR=folder)
        version, _ = median_of([app, "--version"], env)
        seeded = Path(folder) / "seeded.annotator"
        subprocess.run(
            [app, "--project", str(seeded), "add", str(ROOT / "seeds")],
            env=env,
            check=True,
            capture_output=True,
        )
        gui_env = dict(env, ANNOTATOR_QUIT_AFTER_SHOW="1")
        # A new project each run: the empty window a double-click on a new file shows.
        counter = iter(range(100))

        def new_project() -> list[str]:
            return [app, str(Path(folder) / f"new{next(counter)}.annotator")]

        timed(new_project(), gui_env)
        empty = [timed(new_project(), gui_env) for _ in range(RUNS)]
        paint_seeded, closed_seeded = median_of([app, str(seeded)], gui_env)
    print(f"{app}")
    print(f"  --version                         {version * 1000:6.0f} ms")
    print(
        f"  first paint, new project          {statistics.median(r[0] for r in empty) * 1000:6.0f}"
        f" ms (closed {statistics.median(r[1] for r in empty) * 1000:.0f} ms)"
    )
    print(
        f"  first paint, 5 seed articles      {paint_seeded * 1000:6.0f} ms"
        f" (closed {closed_seeded * 1000:.0f} ms)"
    )


def main(argv: list[str]) -> int:
    apps = argv or [str(ROOT / "dist" / "annotator" / "annotator")]
    print(f"median of {RUNS} runs after a warm-up, offscreen")
    for app in apps:
        measure(app)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
