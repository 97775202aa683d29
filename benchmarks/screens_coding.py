"""Screenshots of issue 12's coding views: labelled stripes on a three-way overlap, the find
marks, the corpus search in context, and the matrix view, light and dark, at 1024×700 and
1600×1000.

Run (a real window): Xvfb :97 & DISPLAY=:97 QT_QPA_PLATFORM=xcb \
    python benchmarks/screens_coding.py OUT
(or offscreen). Builds a project over a copy of the seeds like ``screens.py``, adds three
highlights overlapping in one passage, and saves ``coding_<palette>_<size>.png``,
``search_<palette>_<size>.png`` and ``matrix_<palette>.png`` in OUT.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QStyleFactory
from screens import build_project, dark_palette

from annotator.store.library import Library

SIZES = ((1024, 700), (1600, 1000))


def three_way(library: Library) -> tuple[int, int, int]:
    """Three highlights with different tags overlapping in one sentence of the first document;
    the middle one marked for review. Returns (document id, start, end) of the passage."""
    document = library.documents.list()[0]
    text = library.documents.text(document.id)
    sentence = next(m for m in re.finditer(r"[A-Z][^.!?\n]{120,260}[.!?]", text) if m.start() > 400)
    start, end = sentence.span()
    words = [m.start() for m in re.finditer(r"\b\w", text[start:end])]
    tags = {t.name: t.id for t in library.tags.list()}
    spans = (
        (start, start + words[len(words) * 2 // 3] - 1, tags["Energy"]),
        (start + words[len(words) // 4], end, tags["Security"]),
        (start + words[len(words) // 3], start + words[len(words) * 5 // 6] - 1, tags["Diplomacy"]),
    )
    made = [library.annotations.create(document.id, s, e, tag_ids=[t]).value for s, e, t in spans]
    from annotator.core.models import AnchorStatus

    middle = made[1]
    library.annotations.replace_all([_moved(middle, AnchorStatus.MOVED)])
    return document.id, start, end


def _moved(annotation, status):
    from dataclasses import replace

    return replace(annotation, status=status, reviewed=False)


def shoot(app: QApplication, library: Library, out: Path, name: str, place) -> None:
    from annotator.ui.main_window import MainWindow

    document, start, end = place
    for width, height in SIZES:
        window = MainWindow(library)
        window.resize(width, height)
        window.show()
        for _ in range(5):
            app.processEvents()
        window.open_document(document, restore_scroll=False)
        window.parts.view.select_span(start, start, scroll=True)
        ids = window.parts.view.annotations_at(start + (end - start) // 2)
        if ids:
            window._on_annotation_clicked(ids)
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(out / f"coding_{name}_{width}x{height}.png"))
        window.parts.find_bar.open_bar()
        window.parts.find_bar.field.setText("Russia")
        window.actions_.on_search_corpus()
        window.parts.search_panel.set_query("pipeline")
        for _ in range(10):
            app.processEvents()
        window.parts.find_bar.find_next()
        for _ in range(3):
            app.processEvents()
        window.grab().save(str(out / f"search_{name}_{width}x{height}.png"))
        if width == SIZES[-1][0]:
            window.actions_.on_matrix()
            view = window.actions_.matrix_view
            assert view is not None
            for _ in range(5):
                app.processEvents()
            view.grab().save(str(out / f"matrix_{name}.png"))
            view.set_kind("tags")
            for _ in range(5):
                app.processEvents()
            view.grab().save(str(out / f"matrix_tags_{name}.png"))
            view.close()
        window.close()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="coding-"))
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="annotator-coding-screens-"))
    os.environ["ANNOTATOR_DATA_DIR"] = str(home / "data")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle(QStyleFactory.create("Fusion"))
    try:
        library = build_project(home)
        place = three_way(library)
        light = app.style().standardPalette()
        for name, palette in (("light", light), ("dark", dark_palette())):
            app.setPalette(palette)
            shoot(app, library, out, name, place)
        print(f"screenshots in {out}")
        library.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
