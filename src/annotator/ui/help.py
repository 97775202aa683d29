"""The F1 help: how to annotate, and every keyboard shortcut of the main window."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

GUIDE = (
    "Select a passage in the text with the mouse or with Shift and the arrow keys, then press "
    "a digit key to tag it with one of the first nine tags, or press Ctrl+T and type a tag "
    "name (a new name creates the tag). Tag the same selection again to give a highlight "
    "several tags. Click a highlight to see it in the inspector and write its note. Check tags "
    "in the tag tree to filter the excerpts; double-click an excerpt to go to its passage."
)

SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("1 … 9", "Tag the selection (or the current highlight) with one of the first nine tags"),
    ("Ctrl+T", "Quick tag: type a tag name, Enter (a new name creates the tag)"),
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
    ("Ctrl+O", "Open a project"),
    ("Ctrl+E", "Export a briefing"),
    ("Ctrl+Shift+R", "Fit a highlight to the selected passage over it (widen or narrow it)"),
    ("Ctrl+Shift+E", "Export annotations (W3C JSON, REFI-QDA project or codebook)"),
    ("Ctrl+I", "Import annotations (W3C JSON, REFI-QDA .qdpx or .qdc)"),
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
