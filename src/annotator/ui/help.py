"""The F1 help (how to annotate, every keyboard shortcut) and the About box."""

from __future__ import annotations

import html
import platform
import re
import sys

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator import __version__
from annotator.services.defaults import data_dir

GUIDE = (
    "Select a passage in the text with the mouse or with Shift and the arrow keys, then press "
    "a digit key to tag it (right-click a tag in the tree to pin it to a key), or press Ctrl+T "
    "and type: Enter takes the first matching tag, Shift+Enter creates a new one. Right-click "
    "a selection or a highlight for the coding menu. Tag the same selection again to give a "
    "highlight several tags. Click a highlight to see it in the inspector and write its note. "
    "Check tags in the tag tree to filter the excerpts; double-click an excerpt to go to its "
    "passage. View > Matrix counts tags by document and by tag."
)

SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("1 … 9", "Tag the selection (or the current highlight) with the tag on that key"),
    ("Ctrl+T", "Quick tag: type, Enter takes the first match, Shift+Enter creates the tag"),
    ("Ctrl+Shift+N", "Write the current highlight's note"),
    ("Del", "Delete the current highlight (in the text) or tag (in the tag tree)"),
    ("Ctrl+N", "New tag (in the tag tree; under the current tag)"),
    ("Ctrl+C", "Copy the selected text"),
    ("Ctrl+F", "Find in the document (Enter: next, Shift+Enter: previous, Esc: close)"),
    ("F3, Shift+F3", "Next / previous match"),
    ("Ctrl+Shift+F", "Search across all documents"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z, Ctrl+Y", "Redo"),
    ("Ctrl+=, Ctrl++, Ctrl+-", "Larger / smaller text (or Ctrl+mouse wheel)"),
    ("Ctrl+0", "Default text size"),
    ("Ctrl+N", "New project"),
    ("Ctrl+O", "Open a project (type a new name to create one)"),
    ("Ctrl+Shift+S", "Save a copy of the project"),
    ("Ctrl+E", "Export a briefing"),
    ("Ctrl+Shift+M", "Matrix: tags × documents and tags × tags; a click lists the excerpts"),
    ("Ctrl+Shift+R", "Fit a highlight to the selected passage over it (widen or narrow it)"),
    ("Ctrl+Shift+E", "Export annotations (W3C JSON, REFI-QDA project or codebook)"),
    ("Ctrl+I", "Import annotations (W3C JSON, REFI-QDA .qdpx or .qdc)"),
    ("Alt+Return", "Document properties: title, authors, outlet, date, URL"),
    ("F5", "Rescan the source files (reload changed texts, find new and missing ones)"),
    ("Ctrl+Q", "Quit"),
    ("F1", "This help"),
)


def _native(keys: str) -> str:
    """Shortcut text as this platform writes it (Cmd on macOS)."""

    def convert(match: re.Match[str]) -> str:
        native = QKeySequence(match.group(0)).toString(QKeySequence.SequenceFormat.NativeText)
        return native or match.group(0)

    return re.sub(r"(?:Ctrl|Shift)\+(?:Shift\+)?[^\s,]+", convert, keys)


def help_html() -> str:
    rows = "".join(
        f"<tr><td style='padding-right:16px'><b>{html.escape(_native(keys))}</b></td>"
        f"<td>{html.escape(text)}</td></tr>"
        for keys, text in SHORTCUTS
    )
    return (
        f"<h3>Annotating</h3><p>{html.escape(GUIDE)}</p>"
        f"<h3>Keyboard shortcuts</h3><table cellspacing='4'>{rows}</table>"
    )


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Annotator help")
        self.resize(560, 520)
        browser = QTextBrowser()
        browser.setOpenExternalLinks(False)
        browser.setHtml(help_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)


def about_facts() -> list[tuple[str, str]]:
    """What a bug report needs: the versions this copy runs on and where it keeps its data."""
    build = "standalone build" if getattr(sys, "frozen", False) else "Python package"
    return [
        ("Version", f"{__version__} ({build})"),
        ("Qt", f"{qVersion()} (PySide6 {PySide6.__version__})"),
        ("Python", f"{platform.python_version()} ({platform.system()} {platform.machine()})"),
        ("Data folder", str(data_dir())),
    ]


def about_box(parent: QWidget | None = None) -> QMessageBox:
    """Help > About: the version, Qt, PySide6 and Python versions and the data folder."""
    rows = "".join(
        f"<tr><td style='padding-right:12px'><b>{html.escape(label)}</b></td>"
        f"<td>{html.escape(value)}</td></tr>"
        for label, value in about_facts()
    )
    box = QMessageBox(parent)
    box.setWindowTitle("About Annotator")
    if not QApplication.windowIcon().isNull():
        box.setIconPixmap(QApplication.windowIcon().pixmap(64, 64))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(f"<h3>Annotator {html.escape(__version__)}</h3>")
    box.setInformativeText(
        "<p>Read articles closely: highlight and tag passages, take research notes, "
        f"compile a Word briefing.</p><table>{rows}</table>"
    )
    # The facts can be selected and copied into a bug report.
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box
