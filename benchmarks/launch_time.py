"""Launch the real app as a subprocess and time it to the first paint of the reading view.

Each run starts ``python -m annotator PROJECT`` with ``ANNOTATOR_QUIT_AFTER_SHOW=1``: the app
prints a line once the window is painted (and closes after its start-up scan). The clock runs
from just before the process starts to the moment that line arrives; the median of the warm
runs (after one warm-up run) is printed, next to an empty PySide6 window timed the same way.

    python benchmarks/launch_time.py                          # the five seeds, offscreen
    python benchmarks/launch_time.py big/big.annotator        # store.py's 1,000 documents
    DISPLAY=:95 python benchmarks/launch_time.py --platform xcb   # a real X server (Xvfb)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
EMPTY_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1200, 800)
class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("annotator: first paint", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
painted = Painted()
window.installEventFilter(painted)
window.show()
app.exec()
"""


def time_launch(command: list[str], env: dict[str, str], timeout: float = 60.0) -> float:
    """Seconds from starting ``command`` to its "first paint" line (the process is then left
    to close itself, and waited for)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert process.stdout is not None
    painted = None
    for line in process.stdout:
        if "first paint" in line:
            painted = time.perf_counter()
            break
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if painted is None:
        raise RuntimeError(f"{' '.join(command)} never reported its first paint")
    return painted - started


def median_of(command: list[str], env: dict[str, str], runs: int) -> tuple[float, list[float]]:
    time_launch(command, env)  # warm-up: files in the page cache, Python's bytecode compiled
    times = [time_launch(command, env) for _ in range(runs)]
    return statistics.median(times), times


def seeds_project(folder: Path) -> Path:
    """A project over a copy of the five seed articles, made through the command line."""
    project = folder / "seeds.annotator"
    copy = folder / "seeds"
    shutil.copytree(SEEDS, copy)
    subprocess.run(
        [sys.executable, "-m", "annotator", "--project", str(project), "add", str(copy)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return project


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, nargs="?", help="default: the five seeds")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM (xcb: Xvfb)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="annotator-launch-"))
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM=args.platform,
        ANNOTATOR_DATA_DIR=str(folder / "data"),
        XDG_CONFIG_HOME=str(folder / "config"),  # fresh settings: no saved layout or theme
        ANNOTATOR_QUIT_AFTER_SHOW="1",
    )
    project = args.project or seeds_project(folder)
    empty, empty_runs = median_of([sys.executable, "-c", EMPTY_WINDOW], env, args.runs)
    app, app_runs = median_of([sys.executable, "-m", "annotator", str(project)], env, args.runs)
    shown = ", ".join(f"{t:.2f}" for t in app_runs)
    print(f"platform {args.platform}, {project.name}, median of {args.runs} warm runs")
    print(f"empty PySide6 window   {empty:5.2f} s  ({', '.join(f'{t:.2f}' for t in empty_runs)})")
    print(f"Annotator, text shown  {app:5.2f} s  ({shown})  = {app / empty:.1f}x the empty window")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
