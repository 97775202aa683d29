"""The export dialog writes the briefing of the current selection; it says when there is none."""

import docx
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from annotator.core.models import ExcerptFilter
from annotator.services.sources import add_paths
from annotator.store.library import Library
from annotator.ui.controller import ProjectController
from annotator.ui.export_dialog import ExportDialog


@pytest.fixture
def controller(tmp_path, qtbot):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Gas deal\n\nThe pipeline deal stalled over price.\n\nBeijing waited for a better offer.",
        encoding="utf-8",
    )
    library = Library.open(tmp_path / "p.annotator")
    add_paths(library, [folder])
    doc = library.documents.list()[0]
    text = library.documents.text(doc.id)
    energy = library.tags.create("Energy").value
    politics = library.tags.create("Politics").value
    quote = "The pipeline deal stalled over price."
    start = text.index(quote)
    library.annotations.create(
        doc.id, start, start + len(quote), tag_ids=[energy.id], note="Price is the crux."
    )
    start = text.index("Beijing waited")
    library.annotations.create(doc.id, start, start + 14, tag_ids=[politics.id])
    yield ProjectController(library), energy, politics
    library.close()


def paragraphs(path):
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_exports_only_what_the_excerpts_list_shows(controller, tmp_path, qtbot):
    ctl, energy, politics = controller
    dialog = ExportDialog(ctl, ExcerptFilter(tag_ids=(energy.id,)))
    qtbot.addWidget(dialog)
    assert "(1 excerpt)" in dialog.scope_filtered.text()
    out = tmp_path / "brief.docx"
    assert dialog.export_to(out)
    text = "\n".join(paragraphs(out))
    assert "The pipeline deal stalled over price." in text
    assert "Price is the crux." in text
    assert "Beijing waited" not in text


def test_every_excerpt_when_asked(controller, tmp_path, qtbot):
    ctl, energy, politics = controller
    dialog = ExportDialog(ctl, ExcerptFilter(tag_ids=(energy.id,)))
    qtbot.addWidget(dialog)
    dialog.scope_all.setChecked(True)
    out = tmp_path / "all.docx"
    assert dialog.export_to(out)
    assert "Beijing waited" in "\n".join(paragraphs(out))


def test_markdown_format(controller, tmp_path, qtbot):
    ctl, *_ = controller
    dialog = ExportDialog(ctl, ExcerptFilter())
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    out = tmp_path / "brief.md"
    assert dialog.export_to(out)
    assert "> The pipeline deal stalled over price." in out.read_text(encoding="utf-8")


def test_an_empty_selection_says_so_and_writes_nothing(controller, tmp_path, qtbot, monkeypatch):
    ctl, *_ = controller
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    dialog = ExportDialog(ctl, ExcerptFilter(search="nonexistentword"))
    qtbot.addWidget(dialog)
    assert not dialog.export_button.isEnabled()
    out = tmp_path / "empty.docx"
    assert not dialog.export_to(out)
    assert shown and "No excerpts" in shown[0]
    assert not out.exists()


def test_an_unwritable_target_gives_a_message_and_no_file(controller, tmp_path, qtbot, monkeypatch):
    ctl, *_ = controller
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    dialog = ExportDialog(ctl, ExcerptFilter())
    qtbot.addWidget(dialog)
    out = tmp_path / "missing-folder" / "brief.docx"
    assert not dialog.export_to(out)
    assert warnings and "does not exist" in warnings[0]


def test_author_and_dates_narrow_the_selection(controller, tmp_path, qtbot):
    ctl, energy, politics = controller
    library = ctl.library
    doc = library.documents.list()[0]
    text = library.documents.text(doc.id)
    start = text.index("Gas deal")
    library.annotations.create(doc.id, start, start + 8, tag_ids=[energy.id], author="Someone Else")
    dialog = ExportDialog(ctl, ExcerptFilter())
    qtbot.addWidget(dialog)
    dialog.author_filter.setCurrentIndex(dialog.author_filter.findData("Someone Else"))
    assert "1 excerpt will" in dialog.summary.text()
    out = tmp_path / "by-author.docx"
    assert dialog.export_to(out)
    body = "\n".join(paragraphs(out))
    assert "Gas deal" in body and "The pipeline deal stalled" not in body
    dialog.author_filter.setCurrentIndex(0)
    dialog.use_dates.setChecked(True)
    dialog.date_from.setDate(dialog.date_from.date().addYears(-3))
    dialog.date_to.setDate(dialog.date_from.date().addYears(1))
    assert "No excerpts are selected" in dialog.summary.text()
    assert not dialog.export_button.isEnabled()


def test_default_title_says_what_is_selected_and_context_is_a_check_box(
    controller, tmp_path, qtbot
):
    ctl, energy, politics = controller
    dialog = ExportDialog(ctl, ExcerptFilter(tag_ids=(energy.id,)))
    qtbot.addWidget(dialog)
    assert dialog.title.text() == "Briefing: Energy"
    assert dialog.author.text() == ""  # never the login name
    dialog.context.setChecked(True)
    out = tmp_path / "brief.docx"
    assert dialog.export_to(out)
    quote = next(p for p in docx.Document(str(out)).paragraphs if p.style.name == "Block Quote")
    context = "Gas deal {} Beijing waited for a better offer."
    assert quote.text == context.format("The pipeline deal stalled over price.")


def test_the_dialog_says_when_libreoffice_is_missing(controller, qtbot):
    ctl, energy, _ = controller
    dialog = ExportDialog(ctl, ExcerptFilter())
    qtbot.addWidget(dialog)
    assert not dialog.office_note.isHidden() and "LibreOffice" in dialog.office_note.text()


def test_project_settings_dialog_sets_the_identity_as_one_undoable_step(controller, qtbot):
    from annotator.ui.project_settings import ProjectSettingsDialog

    ctl, energy, _ = controller
    dialog = ProjectSettingsDialog(ctl)
    qtbot.addWidget(dialog)
    dialog.fields["title"].setText("Gas watch")
    dialog.fields["author"].setText("Asia  desk")
    dialog.fields["summary_heading"].setText("Key points")
    dialog.apply()
    settings = ctl.library.project.settings
    assert (settings["title"], settings["author"], settings["summary_heading"]) == (
        "Gas watch", "Asia desk", "Key points"
    )  # fmt: skip
    export = ExportDialog(ctl, ExcerptFilter(tag_ids=(energy.id,)))
    qtbot.addWidget(export)
    assert (export.title.text(), export.author.text()) == ("Gas watch", "Asia desk")
    ctl.undo_stack.undo()
    assert ctl.library.project.settings["title"] == ""
    ctl.undo_stack.redo()
    assert ctl.library.project.settings["author"] == "Asia desk"


def test_with_libreoffice_the_reader_may_leave_page_numbers_to_word(
    controller, tmp_path, qtbot, monkeypatch
):
    from annotator.formats import briefing_pdf

    laid_out = []
    monkeypatch.setattr(briefing_pdf, "soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(briefing_pdf, "number_contents", lambda *args: laid_out.append(1) or 4)
    ctl, energy, _ = controller
    dialog = ExportDialog(ctl, ExcerptFilter(tag_ids=(energy.id,)))
    qtbot.addWidget(dialog)
    box = dialog.page_numbers
    assert box.isVisibleTo(dialog) and box.isChecked()
    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    assert not box.isVisibleTo(dialog)  # only a Word briefing has contents to number
    dialog.format.setCurrentIndex(dialog.format.findData("docx"))
    assert dialog.export_to(tmp_path / "numbered.docx") and laid_out == [1]
    assert "by LibreOffice" in dialog.last_message
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert not box.isChecked()
    assert dialog.export_to(tmp_path / "plain.docx") and laid_out == [1]
    assert "left for Word" in dialog.last_message
