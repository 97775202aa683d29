"""File > Export and Import annotations in the app: a round trip between two projects."""

from __future__ import annotations

import shutil

import pytest
import shiboken6
from PySide6.QtWidgets import QMessageBox

from annotator.bundled import seeds_dir
from annotator.core.models import ExcerptFilter
from annotator.services.sources import add_paths
from annotator.store.library import Library
from annotator.ui import interchange_dialogs
from annotator.ui.main_window import MainWindow


@pytest.fixture
def make_window(tmp_path, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    texts = tmp_path / "texts"
    shutil.copytree(seeds_dir(), texts)
    made = []

    def make(name: str) -> MainWindow:
        library = Library.open(tmp_path / f"{name}.annotator")
        add_paths(library, [texts])
        window = MainWindow(library)
        qtbot.addWidget(window)
        window.show()
        made.append((window, library))
        return window

    yield make
    for window, library in made:
        # pytest-qt may have closed and deleted the windows it was given already (qtbot.wait
        # runs the deferred deletion of all of them): close what is left.
        if shiboken6.isValid(window):
            window.close()
        qtbot.wait(100)
        library.close()


def annotate_two(library: Library) -> None:
    doc = library.documents.list()[0]
    text = library.documents.text(doc.id)
    energy = library.tags.create("Energy").value
    pipelines = library.tags.create("Pipelines", parent_id=energy.id).value
    for quote, tag, note in (("Putin landed in Beijing", energy, "arrival"), ("Xi", pipelines, "")):
        start = text.index(quote)
        library.annotations.create(doc.id, start, start + len(quote), tag_ids=[tag.id], note=note)


@pytest.mark.parametrize("fmt", ["w3c", "qdpx"])
def test_export_then_import_into_another_project_shows_the_same_excerpts(
    make_window, tmp_path, fmt
):
    source = make_window("source")
    annotate_two(source.library)
    out = tmp_path / f"export.{'json' if fmt == 'w3c' else 'qdpx'}"
    assert interchange_dialogs.export_to(source, fmt, ExcerptFilter(), out)
    target = make_window("target")
    report = interchange_dialogs.import_annotations(target, str(out))
    assert report is not None
    library = target.library
    quotes = sorted(a.exact for a in library.annotations.query())
    assert quotes == ["Putin landed in Beijing", "Xi"]
    assert [library.tags.path(t.id) for t in library.tags.list()] == ["Energy", "Energy/Pipelines"]
    assert target.parts.excerpts.model.rowCount() == 2  # the open window refreshed


def test_a_broken_file_is_refused_with_a_message_and_changes_nothing(
    make_window, tmp_path, monkeypatch
):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    window = make_window("p")
    broken = tmp_path / "broken.qdpx"
    broken.write_bytes(b"not a zip at all")
    assert interchange_dialogs.import_annotations(window, str(broken)) is None
    assert warnings
    assert window.library.annotations.count() == 0 and not window.library.tags.list()


def test_the_codebook_export_writes_the_tag_tree(make_window, tmp_path):
    window = make_window("p")
    annotate_two(window.library)
    out = tmp_path / "tags.qdc"
    message = interchange_dialogs.export_to(window, "qdc", ExcerptFilter(), out)
    assert message and out.exists()
    assert b"Pipelines" in out.read_bytes()


def test_unmatched_sources_of_a_w3c_file_can_be_mapped_in_the_dialog(make_window, tmp_path, qtbot):
    import json

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox

    window = make_window("p")
    doc = window.library.documents.list()[0]
    item = {
        "uri": "https://example.com/elsewhere",
        "text": "a note from Hypothesis",
        "target": [
            {
                "source": "https://example.com/elsewhere",
                "selector": [{"type": "TextQuoteSelector", "exact": "words found nowhere"}],
            }
        ],
    }
    path = tmp_path / "hypothesis.json"
    path.write_text(json.dumps({"total": 1, "rows": [item]}), encoding="utf-8")
    seen = []

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, interchange_dialogs.MapSourcesDialog)
        combo = dialog.findChild(QComboBox)
        seen.append([combo.itemText(i) for i in range(combo.count())])
        combo.setCurrentIndex(combo.findData(doc.id))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, choose)
    message = interchange_dialogs.import_annotations(window, str(path))

    assert seen and seen[0][0] == "(leave out)"
    assert "mapped by hand" in message
    (annotation,) = window.library.annotations.query()
    assert annotation.document_id == doc.id and annotation.note == "a note from Hypothesis"


def test_the_export_dialog_offers_one_code_per_selection_and_warns_of_repeated_names(
    make_window, qtbot
):
    window = make_window("p")
    library = window.library
    a = library.tags.create("A").value
    b = library.tags.create("B").value
    library.tags.create("Prices", parent_id=a.id)
    library.tags.create("Prices", parent_id=b.id)
    from annotator.services.exporting import tag_name_warnings

    dialog = interchange_dialogs.ExportAnnotationsDialog(
        ExcerptFilter(), window, tag_name_warnings(library)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.format.setCurrentIndex(dialog.format.findData("qdpx"))
    assert dialog.one_code.isVisible() and dialog.warning.isVisible()
    assert "“Prices” is used under 2 parents" in dialog.warning.text()
    dialog.format.setCurrentIndex(dialog.format.findData("w3c"))
    assert not dialog.one_code.isVisible() and not dialog.warning.isVisible()
