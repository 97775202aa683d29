"""Screenshots of the main window on the seed corpus, in light and dark palettes (offscreen).

Run: QT_QPA_PLATFORM=offscreen python benchmarks/screens.py [out_dir]
Builds a throw-away project over a copy of the seed articles with a dozen tags (two levels) and
overlapping highlights, opens it in the main window, selects a highlight, checks two tags in the
filter, and saves ``main_light.png`` and ``main_dark.png`` (window.grab()). Prints timings.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QStyleFactory  # noqa: E402

from annotator.bundled import seeds_dir  # noqa: E402
from annotator.core.palette import PALETTE  # noqa: E402
from annotator.services.sources import add_paths  # noqa: E402
from annotator.store.library import Library  # noqa: E402

TAGS = (
    "Energy",
    "Energy/Oil and gas",
    "Energy/Pipelines",
    "Security",
    "Security/Military",
    "Security/Arms sales",
    "Economy",
    "Economy/Trade",
    "Economy/Sanctions",
    "Diplomacy",
    "History",
    "Method",
)


def dark_palette() -> QPalette:
    """A neutral dark palette (as Fusion's dark themes): every role set, disabled ones too."""
    p = QPalette()
    window, base, alt = QColor("#2b2d30"), QColor("#1f2023"), QColor("#26282b")
    text, muted, accent = QColor("#e6e6e6"), QColor("#8c8f94"), QColor("#3d7bd9")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: alt,
        QPalette.ColorRole.ToolTipBase: QColor("#3a3c40"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: muted,
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#35373b"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"),
        QPalette.ColorRole.Highlight: accent,
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#6ea8fe"),
        QPalette.ColorRole.Light: QColor("#45474b"),
        QPalette.ColorRole.Midlight: QColor("#3a3c40"),
        QPalette.ColorRole.Mid: QColor("#2f3134"),
        QPalette.ColorRole.Dark: QColor("#18191b"),
        QPalette.ColorRole.Shadow: QColor("#000000"),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, muted)
    return p


def build_project(folder: Path) -> Library:
    texts = folder / "texts"
    shutil.copytree(seeds_dir(), texts)
    library = Library.open(folder / "screens.annotator")
    library.project.set_name("China–Russia reading")
    add_paths(library, [texts])
    ids = {}
    for i, path in enumerate(TAGS):
        ids[path] = library.tags.ensure_path(path, color=PALETTE[i % len(PALETTE)]).value.id
    names = list(ids.values())
    with library.atomic():
        for n, document in enumerate(library.documents.list()):
            text = library.documents.text(document.id)
            sentences = [m.span() for m in re.finditer(r"[A-Z][^.!?\n]{40,220}[.!?]", text)]
            for k, (start, end) in enumerate(sentences[2::3][:14]):
                tags = [names[(n * 5 + k) % len(names)]]
                if k % 3 == 0:
                    tags.append(names[(n * 5 + k + 4) % len(names)])
                note = "Compare with the 2001 treaty." if k % 4 == 1 else ""
                library.annotations.create(document.id, start, end, tag_ids=tags, note=note)
                if k % 4 == 2:  # an overlapping, shorter highlight inside the sentence's end
                    middle = (start + end) // 2
                    space = text.find(" ", middle)
                    if 0 < space < end:
                        library.annotations.create(
                            document.id, space + 1, end, tag_ids=[names[(k + 7) % len(names)]]
                        )
    return library


def shoot(app: QApplication, library: Library, out: Path, name: str) -> float:
    from annotator.ui.main_window import MainWindow

    started = time.perf_counter()
    window = MainWindow(library)
    window.resize(1440, 900)
    window.show()
    app.processEvents()
    opened = time.perf_counter() - started
    document = library.documents.list()[0]
    window.open_document(document.id, restore_scroll=False)
    annotations = library.annotations.for_document(document.id)
    overlapping = [
        a
        for a in annotations
        if any(b.id != a.id and b.start < a.end <= b.end for b in annotations)
    ]
    chosen = (overlapping or annotations)[0]
    window.jump_to_annotation(chosen.id)
    window.parts.view.select_span(chosen.end, chosen.end, scroll=False)
    window.parts.inspector.show_candidates(
        [a.id for a in annotations if a.start < chosen.end <= a.end]
    )
    tags = library.tags.list()
    window.parts.tag_panel.set_checked([tags[0].id, tags[3].id])
    # The previous shot's session is restored from the settings: show the usual tabs.
    window.parts.left_tabs.setCurrentWidget(window.parts.documents)
    window.parts.right_tabs.setCurrentWidget(window.parts.excerpts)
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(out / f"{name}.png"))
    # The same window searching: the find bar over the text, corpus results on the left.
    window.parts.find_bar.open_bar()
    window.parts.find_bar.field.setText("Putin")
    window.actions_.on_search_corpus()
    window.parts.search_panel.set_query("pipeline gas")
    window.parts.right_tabs.setCurrentWidget(window.parts.notes)
    for _ in range(5):
        app.processEvents()
    window.parts.find_bar.find_next()
    window.grab().save(str(out / f"{name}_search.png"))
    window.close()
    return opened


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "screens"
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="annotator-screens-"))
    os.environ["ANNOTATOR_DATA_DIR"] = str(home / "data")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle(QStyleFactory.create("Fusion"))
    try:
        library = build_project(home)
        light = app.style().standardPalette()
        for name, palette in (("main_light", light), ("main_dark", dark_palette())):
            app.setPalette(palette)
            seconds = shoot(app, library, out, name)
            print(f"{name}: window built and shown in {seconds * 1000:.0f} ms -> {out / name}.png")
        count = library.annotations.count()
        print(f"{len(library.documents.list())} documents, {count} annotations, {len(TAGS)} tags")
        library.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
