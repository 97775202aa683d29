"""Save a PNG of the reading view on a seed article with a dozen overlapping highlights.

Run: QT_QPA_PLATFORM=offscreen python benchmarks/reading_view_screenshot.py [out.png] [--dark]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.ui.reading_view import Highlight, ReadingView  # noqa: E402

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
COLORS = ["#e6194b", "#3cb44b", "#ffe119", "#4363d8", "#f58231", "#911eb4", "#42d4f4"]


def dark_palette() -> QPalette:
    p = QPalette()
    p.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    p.setColor(QPalette.ColorRole.Base, QColor("#1e1f22"))
    p.setColor(QPalette.ColorRole.Text, QColor("#e8e8e8"))
    p.setColor(QPalette.ColorRole.WindowText, QColor("#e8e8e8"))
    return p


def demo_highlights(text: str) -> list[Highlight]:
    """A dozen highlights on whole words, several overlapping, one with two tags."""
    words = [i for i in range(1, len(text)) if text[i - 1].isspace() and text[i].isalnum()]
    out = []
    for k in range(12):
        start = words[20 + k * 9]
        end = words[20 + k * 9 + (14 if k % 3 == 0 else 5)] - 1
        colors = (COLORS[k % len(COLORS)],)
        tags: tuple[int, ...] = (k % len(COLORS),)
        if k == 4:
            colors, tags = (COLORS[1], COLORS[3]), (1, 3)
        out.append(Highlight(k + 1, start, end, colors, tags))
    return out


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else None
    dark = "--dark" in sys.argv
    out = out or Path(__file__).with_name("reading_view_dark.png" if dark else "reading_view.png")
    app = QApplication.instance() or QApplication([])
    if dark:
        app.setPalette(dark_palette())
    text = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    view = ReadingView()
    view.resize(1000, 700)
    view.set_text(text, demo_highlights(text))
    view.show()
    view.select_span(40, 60, scroll=False)
    app.processEvents()
    view.grab().save(str(out))
    print(out)


if __name__ == "__main__":
    main()
