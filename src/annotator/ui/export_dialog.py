"""The export dialog: compile the chosen excerpts into a briefing in any briefing format."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QDate, QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.atomic_write import WriteError
from annotator.core.briefing import Briefing, BriefingOptions, EmptyBriefing
from annotator.core.models import ExcerptFilter
from annotator.formats import briefing_pdf
from annotator.formats.registry import export_format, export_formats
from annotator.services.briefing import compile_briefing, default_options, write_compiled
from annotator.services.export_target import ExportTargetError, check_export_target
from annotator.services.exporting import BriefingCancelled
from annotator.ui.controller import ProjectController
from annotator.ui.window_state import project_key, settings, stored_flag, stored_text


class _Writer(QObject):
    """Writes a compiled briefing on a worker thread; reports back through queued signals."""

    progressed = Signal(int, int)
    """Emitted with (done, total) excerpts as the document is laid out."""

    finished = Signal(str)
    """Emitted with the summary line once the file is in place."""

    failed = Signal(str)
    """Emitted with a readable reason; an empty reason means the user cancelled."""

    def __init__(self) -> None:
        super().__init__()
        self.cancelled = threading.Event()

    def start(
        self,
        briefing: Briefing,
        out: Path,
        fmt: str,
        template: Path | None,
        page_numbers: bool = True,
    ) -> threading.Thread:
        def progress(done: int, total: int) -> bool:
            self.progressed.emit(done, total)
            return not self.cancelled.is_set()

        def work() -> None:
            try:
                written = write_compiled(
                    briefing,
                    out,
                    fmt,
                    template=template,
                    progress=progress,
                    page_numbers=page_numbers,
                )
                self.finished.emit(written)
            except BriefingCancelled:
                self.failed.emit("")
            except (WriteError, OSError, ValueError) as error:  # BriefingError is a ValueError
                self.failed.emit(str(error))

        thread = threading.Thread(target=work, name="briefing-writer", daemon=True)
        thread.start()
        return thread


class ExportDialog(QDialog):
    """Choose what goes into the briefing and where it is written."""

    exported = Signal(str)
    """Emitted with the written file's path after a successful export."""

    def __init__(
        self, controller: ProjectController, selection: ExcerptFilter, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export briefing")
        self.controller = controller
        self.selection = selection
        self._thread: threading.Thread | None = None
        library = controller.library
        defaults = default_options(library, selection)
        stored = settings()

        # Title, subtitle and author belong to this project's briefing: the last ones typed
        # come back next time, and never show up in another project's.
        self._prefix = f"projects/{project_key(library)}/export"
        self._defaults = {
            "title": defaults.title,
            "subtitle": defaults.subtitle,
            "author": defaults.author,
        }
        self._summary_heading = defaults.summary_heading
        self.title = QLineEdit(stored_text(stored, f"{self._prefix}/title", defaults.title))
        self.subtitle = QLineEdit(
            stored_text(stored, f"{self._prefix}/subtitle", defaults.subtitle)
        )
        self.author = QLineEdit(stored_text(stored, f"{self._prefix}/author", defaults.author))
        self.date = QLineEdit(defaults.date)
        self.format = QComboBox()
        for fmt in export_formats("briefing"):
            self.format.addItem(f"{fmt.label} ({fmt.suffix})", fmt.key)
        self.format.setCurrentIndex(
            max(0, self.format.findData(stored_text(stored, "export/format", "docx")))
        )

        self.scope_filtered = QRadioButton()
        self.scope_all = QRadioButton("Every excerpt in the project")
        scope = QButtonGroup(self)
        scope.addButton(self.scope_filtered)
        scope.addButton(self.scope_all)
        self.scope_filtered.setChecked(True)
        if selection.is_empty:
            self.scope_filtered.setEnabled(False)
            self.scope_all.setChecked(True)
        self.scope_filtered.toggled.connect(self._update_summary)

        self.author_filter = QComboBox()
        self.author_filter.addItem("Anyone", None)
        for name in library.annotations.authors():
            self.author_filter.addItem(name, name)
        self.author_filter.currentIndexChanged.connect(self._update_summary)
        self.use_dates = QCheckBox("Annotated between")
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addMonths(-1))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setEnabled(False)
            edit.dateChanged.connect(self._update_summary)
        self.use_dates.toggled.connect(self.date_from.setEnabled)
        self.use_dates.toggled.connect(self.date_to.setEnabled)
        self.use_dates.toggled.connect(self._update_summary)

        self.by_document = QCheckBox("Group by document instead of by tag")
        self.by_date = QCheckBox("Order excerpts by date annotated (default: by position)")
        self.comments = QCheckBox("Put notes in Word comments on the quotes")
        self.doc_notes = QCheckBox("Include each document's note")
        self.doc_notes.setChecked(True)
        self.orphans = QCheckBox("Add orphaned excerpts in an appendix")
        self.context = QCheckBox("Show the sentence before and after each quote, in grey")
        # Laying a long briefing out with LibreOffice takes seconds: the reader may leave the
        # numbers to Word, which fills them in when it opens the file.
        self.page_numbers = QCheckBox(
            "Fill in the contents' page numbers with LibreOffice (a few seconds more)"
        )
        self.page_numbers.setChecked(True)
        for box, key in (
            (self.context, "context"),
            (self.page_numbers, "page_numbers"),
            (self.by_document, "by_document"),
            (self.by_date, "by_date"),
            (self.comments, "comments"),
            (self.doc_notes, "doc_notes"),
            (self.orphans, "orphans"),
        ):
            box.setChecked(stored_flag(stored, f"export/{key}", box.isChecked()))
            box.setObjectName(key)

        self.template = QLineEdit(stored_text(stored, "export/template", ""))
        self.template.setPlaceholderText("Bundled template")
        browse_template = QPushButton("Choose…")
        browse_template.clicked.connect(self._choose_template)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template, 1)
        template_row.addWidget(browse_template)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Title", self.title)
        form.addRow("Subtitle", self.subtitle)
        form.addRow("Author", self.author)
        form.addRow("Date", self.date)
        form.addRow("Format", self.format)
        form.addRow("Style template", template_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("<b>Excerpts</b>"))
        layout.addWidget(self.scope_filtered)
        layout.addWidget(self.scope_all)
        narrow = QFormLayout()
        narrow.addRow("Annotated by", self.author_filter)
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("and"))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        narrow.addRow(self.use_dates, dates)
        layout.addLayout(narrow)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("<b>Layout</b>"))
        for box in self._boxes():
            layout.addWidget(box)
        self.office_note = QLabel(
            "LibreOffice is not installed: the contents get their page numbers when Word opens "
            "the briefing (it asks to update the fields), and PDF needs LibreOffice."
        )
        self.office_note.setWordWrap(True)
        self.office_note.setVisible(briefing_pdf.soffice() is None)
        layout.addWidget(self.office_note)
        self.format.currentIndexChanged.connect(self._show_page_numbers)
        self._show_page_numbers()
        layout.addWidget(buttons)
        self._update_summary()

    def chosen_selection(self) -> ExcerptFilter:
        """The excerpts list's filter (or everything), narrowed by author and date here."""
        chosen = self.selection if self.scope_filtered.isChecked() else ExcerptFilter()
        author = self.author_filter.currentData()
        if author is not None:
            chosen = replace(chosen, authors=(author,))
        if self.use_dates.isChecked():
            chosen = replace(
                chosen,
                created_from=self.date_from.date().toString("yyyy-MM-dd"),
                created_to=self.date_to.date().toString("yyyy-MM-dd"),
            )
        return chosen

    def options(self) -> BriefingOptions:
        return BriefingOptions(
            title=self.title.text().strip() or self._defaults["title"],
            subtitle=self.subtitle.text().strip(),
            author=self.author.text().strip(),
            date=self.date.text().strip(),
            group_by="document" if self.by_document.isChecked() else "tag",
            order="date" if self.by_date.isChecked() else "position",
            include_document_notes=self.doc_notes.isChecked(),
            include_orphans=self.orphans.isChecked(),
            notes_as_comments=self.comments.isChecked(),
            context=self.context.isChecked(),
            summary_heading=self._summary_heading,
            selected_tags=self.chosen_selection().tag_ids,
        )

    def export_to(self, out: Path) -> bool:
        """Compile and write to ``out`` (the dialog's Export button asks for the path first)."""
        library = self.controller.library
        fmt = self.format.currentData()
        try:
            check_export_target(library, out)
        except ExportTargetError as error:
            QMessageBox.warning(self, "Choose another file", str(error))
            return False
        try:
            briefing = compile_briefing(library, self.chosen_selection(), self.options())
        except EmptyBriefing as error:
            QMessageBox.information(self, "Nothing to export", str(error))
            return False
        template = Path(self.template.text()) if self.template.text().strip() else None
        progress = QProgressDialog(
            "Writing the briefing…", "Cancel", 0, len(briefing.selection), self
        )
        progress.setWindowTitle("Export briefing")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(1000)  # only exports longer than a second show it
        writer = _Writer()
        outcome: dict[str, str] = {}

        def show_progress(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)

        writer.progressed.connect(show_progress)
        progress.canceled.connect(writer.cancelled.set)
        writer.finished.connect(lambda message: outcome.setdefault("ok", message))
        writer.failed.connect(lambda reason: outcome.setdefault("error", reason))
        # The writer's signals are queued to this thread, so they arrive inside loop.exec().
        loop = QEventLoop()
        writer.finished.connect(loop.quit)
        writer.failed.connect(loop.quit)
        # Only a Word briefing reads the choice (a PDF is always numbered, Markdown has none).
        numbered = self.page_numbers.isChecked()
        self._thread = writer.start(briefing, out, fmt, template, numbered)
        loop.exec()
        self._thread.join()
        progress.reset()
        if "error" in outcome:
            if outcome["error"]:
                QMessageBox.warning(self, "The briefing was not written", outcome["error"])
            return False
        self._remember()
        self.exported.emit(str(out))
        self.last_message = outcome["ok"]
        return True

    def _export(self) -> None:
        suffix = export_format(self.format.currentData()).suffix
        folder = stored_text(settings(), "export/folder", str(Path.home()))
        name = "".join(c for c in self.title.text() if c not in '\\/:*?"<>|').strip() or "Briefing"
        proposed = str(Path(folder) / f"{name}{suffix}")
        while True:
            path, _ = QFileDialog.getSaveFileName(self, "Save briefing as", proposed, f"*{suffix}")
            if not path:
                return
            out = Path(path)
            if out.suffix.lower() != suffix:
                out = out.with_suffix(suffix)
            try:
                check_export_target(self.controller.library, out)
                break
            except ExportTargetError as error:
                # The project or a source: say why, and let the reader pick again.
                QMessageBox.warning(self, "Choose another file", str(error))
                proposed = str(out.parent / f"{name}{suffix}")
        settings().setValue("export/folder", str(out.parent))
        if self.export_to(out):
            self.accept()

    def _choose_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Style template", str(Path.home()), "Word documents (*.docx)"
        )
        if path:
            self.template.setText(path)

    def _remember(self) -> None:
        stored = settings()
        stored.setValue("export/format", self.format.currentData())
        for key, field in (
            ("title", self.title),
            ("subtitle", self.subtitle),
            ("author", self.author),
        ):
            if field.text() == self._defaults[key]:
                stored.remove(f"{self._prefix}/{key}")  # follows the project's own name
            else:
                stored.setValue(f"{self._prefix}/{key}", field.text())
        stored.setValue("export/template", self.template.text())
        for box in self._boxes():
            stored.setValue(f"export/{box.objectName()}", box.isChecked())

    def _show_page_numbers(self) -> None:
        # Only a Word briefing, and only with LibreOffice there, has the choice to make.
        office = briefing_pdf.soffice() is not None
        self.page_numbers.setVisible(office and self.format.currentData() == "docx")

    def _boxes(self) -> tuple[QCheckBox, ...]:
        return (
            self.context,
            self.page_numbers,
            self.by_document,
            self.by_date,
            self.comments,
            self.doc_notes,
            self.orphans,
        )

    def _update_summary(self) -> None:
        library = self.controller.library
        total = library.annotations.count(ExcerptFilter())
        chosen = library.annotations.count(self.selection)
        self.scope_filtered.setText(f"What the excerpts list shows now ({_excerpts(chosen)})")
        self.scope_all.setText(f"Every excerpt in the project ({_excerpts(total)})")
        count = library.annotations.count(self.chosen_selection())
        self.summary.setText(
            f"{_excerpts(count).capitalize()} will be compiled."
            if count
            else "No excerpts are selected: tag some passages or widen the filter first."
        )
        self.export_button.setEnabled(count > 0)


def _excerpts(n: int) -> str:
    return f"{n:,} excerpt{'s' if n != 1 else ''}"
