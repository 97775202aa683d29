"""Screenshots of the side panels over the seed texts, in light and dark palettes, for review.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/screens_panels.py OUT_FOLDER
Writes tag_panel, document_list, inspector, inspector_review, notes and quick_tag PNGs
(``*_dark.png`` for the dark palette) and prints how long each panel took to build.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from annotator.bundled import seeds_dir
from annotator.services.sources import add_paths, scan
from annotator.store.library import Library
from annotator.ui.controller import ProjectController
from annotator.ui.document_list import DocumentList
from annotator.ui.inspector import Inspector
from annotator.ui.note_editor import NotesPanel
from annotator.ui.quick_tag import QuickTagBox
from annotator.ui.tag_panel import TagPanel

TAGS = (
    "Energy",
    "Energy/Oil and gas",
    "Energy/Renewables",
    "Energy/Nuclear",
    "Security",
    "Security/Arms sales",
    "Security/Border disputes",
    "Economy",
    "Economy/Trade",
    "Diplomacy",
    "Method/To verify",
    "A rather long tag name that needs eliding in a narrow panel",
)


def dark_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    for r, color in (
        (role.Window, "#2b2d30"),
        (role.Base, "#1e1f22"),
        (role.AlternateBase, "#26282b"),
        (role.Text, "#dfe1e5"),
        (role.WindowText, "#dfe1e5"),
        (role.Button, "#3c3f41"),
        (role.ButtonText, "#dfe1e5"),
        (role.Highlight, "#2f65ca"),
        (role.HighlightedText, "#ffffff"),
        (role.ToolTipBase, "#3c3f41"),
        (role.ToolTipText, "#dfe1e5"),
        (role.PlaceholderText, "#8c8f94"),
    ):
        palette.setColor(r, QColor(color))
    return palette


def build_project(folder: Path) -> tuple[ProjectController, int, int]:
    """A project over a copy of the seeds, tagged, with one passage edited on disk."""
    sources = folder / "sources"
    shutil.copytree(seeds_dir(), sources)
    library = Library.open(folder / "project.annotator")
    add_paths(library, [sources])
    tags = {path: library.tags.ensure_path(path).value.id for path in TAGS}
    documents = library.documents.list()
    first = documents[0]
    main = library.annotations.create(
        first.id,
        120,
        420,
        tag_ids=[tags["Energy/Oil and gas"], tags["Security/Arms sales"], tags["Diplomacy"]],
        note="Compare with the 2019 pipeline deal; the figures differ.",
    ).value
    library.annotations.create(first.id, 150, 200, tag_ids=[tags["Economy/Trade"]])
    for n, doc in enumerate(documents[1:], start=1):
        for k in range(n + 1):
            library.annotations.create(
                doc.id, 100 * k + 10, 100 * k + 60, tag_ids=[tags[TAGS[(n + k) % len(TAGS)]]]
            )
    library.documents.set_note(first.id, "Key source for the energy chapter.")
    library.project.set_note("Briefing for the March meeting: energy and security in Eurasia.")
    # Edit inside a passage of the second document on disk, and lose the last file.
    second = documents[1]
    review = library.annotations.create(second.id, 600, 700, tag_ids=[tags["Energy"]]).value
    path = Path(library.sources.get(second.source_id).path) / second.path
    body = library.documents.text(second.id)
    quote = body[600:700]
    word = max(quote.split(), key=len)
    path.write_text(body[:600] + quote.replace(word, "REVISED", 1) + body[700:], encoding="utf-8")
    last = documents[-1]
    (Path(library.sources.get(last.source_id).path) / last.path).unlink()
    scan(library)
    return ProjectController(library), main.id, review.id


def shoot(widget: QWidget, size: tuple[int, int], out: Path, name: str) -> None:
    widget.resize(*size)
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(out / f"{name}.png"))


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    app.setStyle("Fusion")
    light = app.palette()
    with tempfile.TemporaryDirectory() as tmp:
        controller, main_id, review_id = build_project(Path(tmp))
        for suffix, palette in (("", light), ("_dark", dark_palette())):
            app.setPalette(palette)
            started = time.perf_counter()
            panel = TagPanel(controller)
            panel.set_checked(panel.first_nine()[1:3])
            panel.select_tag(panel.first_nine()[4])
            built = time.perf_counter() - started
            shoot(panel, (300, 420), out, "tag_panel" + suffix)
            print(f"TagPanel built in {built * 1000:.1f} ms")
            documents = DocumentList(controller)
            documents.select_document(documents.model.document(1) and 1)
            shoot(documents, (420, 220), out, "document_list" + suffix)
            inspector = Inspector(controller)
            inspector.show_annotation(main_id)
            shoot(inspector, (320, 520), out, "inspector" + suffix)
            inspector.show_annotation(review_id)
            shoot(inspector, (320, 520), out, "inspector_review" + suffix)
            ids = [a.id for a in controller.library.annotations.query()][:2]
            inspector.show_candidates(ids)
            shoot(inspector, (320, 560), out, "inspector_overlap" + suffix)
            notes = NotesPanel(controller)
            notes.set_document(1)
            notes.setCurrentIndex(1)
            shoot(notes, (360, 240), out, "notes" + suffix)
            box = QuickTagBox(controller)
            shoot(box, (260, 30), out, "quick_tag" + suffix)
            box.setFocus()
            QTest.keyClicks(box, "ener")
            box.completer().complete()
            app.processEvents()
            box.completer().popup().grab().save(str(out / f"quick_tag_popup{suffix}.png"))
            box.completer().popup().hide()
            for widget in (panel, documents, inspector, notes, box):
                widget.close()
                widget.deleteLater()
            app.processEvents()
    del app


if __name__ == "__main__":
    main()
