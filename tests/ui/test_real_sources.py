"""Web pages, Word files and PDFs in the open app: properties, page marks, drops, live reloads."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from annotator.services.sources import add_paths
from annotator.services.tagging import tag_span
from annotator.store.library import Library
from annotator.ui.document_list import BYLINE_ROLE
from annotator.ui.main_window import MainWindow
from annotator.ui.page_marks import visible_marks

CTRL = Qt.KeyboardModifier.ControlModifier
WAIT_MS = 10_000
PAGE_TEXT = [
    [
        f"Paragraph {page}.{n}: the two neighbours trade gas, oil and machines, and their "
        f"leaders meet often; page {page} of the study."
        for n in range(1, 4)
    ]
    for page in range(1, 4)
]


def write_pdf(path: Path, pages: list[list[str]], edit: str = "") -> Path:
    """A small PDF with a text layer: each page holds its paragraphs, wrapped by Qt."""
    from PySide6.QtCore import QMarginsF, QRectF
    from PySide6.QtGui import QFont, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    writer.setResolution(72)
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setTitle("Neighbours in Trade")
    writer.setAuthor("Luna Pham")
    painter = QPainter(writer)
    font = QFont("DejaVu Serif")
    font.setPointSizeF(10)
    painter.setFont(font)
    for number, paragraphs in enumerate(pages):
        if number:
            writer.newPage()
        top = 50.0
        for paragraph in paragraphs:
            if edit and number == 0:
                paragraph = edit + " " + paragraph
            rect = QRectF(40, top, 340, 200)
            flags = int(Qt.TextFlag.TextWordWrap)
            used = painter.boundingRect(rect, flags, paragraph)
            painter.drawText(rect, flags, paragraph)
            top += used.height() + 14
    painter.end()
    return path


@pytest.fixture
def opened(tmp_path, qtbot):
    """The app open on a watched folder of a plain text with a byline and a PDF."""
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "byline.txt").write_text(
        "Pipeline politics\n\nBy Luna Pham and Ivan Petrov\n\n"
        "The pipeline carries gas east, and the price is still not agreed.\n\n"
        "This article was originally published by Foreign Affairs.\n",
        encoding="utf-8",
    )
    write_pdf(folder / "study.pdf", PAGE_TEXT)
    library = Library.open(tmp_path / "p.annotator")
    add_paths(library, [folder])
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.parts.watch_label.text().startswith("Watching"), timeout=WAIT_MS)
    yield window, library, folder
    window.close()
    qtbot.wait(200)
    library.close()


def _doc(library: Library, name: str) -> int:
    return library.documents.resolve(name).id


def test_the_properties_dialog_edits_the_metadata_as_one_undoable_step(opened, qtbot) -> None:
    window, library, _folder = opened
    doc_id = _doc(library, "byline.txt")
    window.open_document(doc_id)
    window.actions_.document_properties.trigger()
    dialog = window.actions_.properties_dialog
    assert dialog is not None and dialog.isVisible()
    fields = dialog.fields
    assert fields["authors"].text() == "Luna Pham; Ivan Petrov"
    assert fields["outlet"].text() == "Foreign Affairs"
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    fields["published"].setText("2024-02-30")
    assert not ok.isEnabled() and dialog.errors["published"].isVisibleTo(dialog)
    assert "not a date" in dialog.errors["published"].text()
    fields["published"].setText("2024-02")
    fields["url"].setText("www.example.org")
    assert not ok.isEnabled() and "http" in dialog.errors["url"].text()
    fields["url"].setText("https://www.foreignaffairs.com/pipeline")
    fields["authors"].setText("Luna Pham;  ; Ivan Petrov; Tim Rühlig")
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    stored = library.documents.get(doc_id)
    assert stored.authors == ("Luna Pham", "Ivan Petrov", "Tim Rühlig")
    assert (stored.published, stored.url) == ("2024-02", "https://www.foreignaffairs.com/pipeline")
    assert stored.user_fields == {"authors", "published", "url"}
    assert window.controller.undo_stack.undoText() == "Edit document properties"
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    back = library.documents.get(doc_id)
    assert back.authors == ("Luna Pham", "Ivan Petrov") and back.published == ""
    assert back.user_fields == frozenset()


def test_the_document_list_shows_authors_outlet_and_date_under_the_title(opened) -> None:
    window, library, _folder = opened
    model = window.parts.documents.model
    row = model.row_of(_doc(library, "byline.txt"))
    index = model.index(row, 0)
    assert index.data() == "Pipeline politics"
    assert index.data(BYLINE_ROLE) == "Luna Pham, Ivan Petrov · Foreign Affairs"
    assert "Luna Pham, Ivan Petrov · Foreign Affairs" in index.data(Qt.ItemDataRole.ToolTipRole)
    view = window.parts.documents.view
    assert view.rowHeight(0) >= 2 * view.fontMetrics().height()  # room for the second line


def test_a_pdf_shows_its_page_boundaries_and_a_highlights_page(opened, qtbot) -> None:
    window, library, _folder = opened
    doc_id = _doc(library, "study.pdf")
    window.open_document(doc_id)
    view = window.parts.view
    pages = view.pages()
    assert [label for _o, label in pages] == ["1", "2", "3"]
    assert pages == library.documents.pages(doc_id)
    assert visible_marks(view, pages)[0] == pages[0]  # the first page's mark is on screen
    text = view.text()
    start = text.index("Paragraph 2.2")
    tagged = tag_span(library, doc_id, start, start + len("Paragraph 2.2"))
    window.controller.check_outside()
    window.parts.inspector.show_annotation(tagged.annotation_id)
    assert window.parts.inspector.location.text().splitlines()[1].startswith("p. 2 · ")


def test_dropping_files_and_folders_adds_every_format_and_names_the_refused(
    opened, qtbot, tmp_path, monkeypatch
) -> None:
    window, library, _folder = opened
    dropped = tmp_path / "dropped"
    dropped.mkdir()
    write_pdf(dropped / "second.pdf", PAGE_TEXT[1:])
    (dropped / "page.html").write_text(
        "<html><head><title>Saved page</title><meta name='author' content='Ivan Petrov'>"
        "</head><body><nav>Home World</nav><article><h1>Saved page</h1><p>"
        + "The two countries signed a long gas contract after years of talks. " * 6
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    with zipfile.ZipFile(tmp_path / "notes.docx", "w") as archive:
        archive.writestr("notes/readme.txt", "not a Word file")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    mime = QMimeData()
    mime.setUrls(
        [
            QUrl.fromLocalFile(str(p))
            for p in (dropped, tmp_path / "notes.docx", tmp_path / "photo.png")
        ]
    )
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.sources.sources_added, timeout=WAIT_MS):
        window.dropEvent(event)
    formats = {d.path: d.format for d in library.documents.list()}
    assert formats["second.pdf"] == "pdf" and formats["page.html"] == "html"
    assert "Added 2 documents" in window.statusBar().currentMessage()
    (box,) = warnings
    assert "notes.docx: notes.docx is a zip archive but not a Word document" in box
    assert "photo.png: is not a kind of file Annotator reads" in box


def test_an_edited_pdf_reloads_in_the_open_app_with_its_highlight(opened, qtbot) -> None:
    window, library, folder = opened
    doc_id = _doc(library, "study.pdf")
    window.open_document(doc_id)
    text = window.parts.view.text()
    quote = "Paragraph 3.2"
    start = text.index(quote)
    tagged = tag_span(library, doc_id, start, start + len(quote))
    window.controller.check_outside()
    with qtbot.waitSignal(window.sources.bridge.file_changed, timeout=WAIT_MS) as blocker:
        write_pdf(folder / "study.pdf", PAGE_TEXT, edit="Updated.")
    assert "study.pdf reloaded" in blocker.args[0].message
    new_text = window.parts.view.text()
    assert new_text.startswith("Updated.")
    (shown,) = [
        h for h in window.parts.view.highlights() if h.annotation_id == tagged.annotation_id
    ]
    assert new_text[shown.start : shown.end] == quote and shown.start != start
    assert window.parts.view.pages() == library.documents.pages(doc_id)
