"""The choice shown when a note being edited was changed by another program meanwhile."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)


class Choice(Enum):
    KEEP_MINE = "keep mine"
    TAKE_THEIRS = "take theirs"
    COPY_MINE = "copy mine to the clipboard and take theirs"


class NoteConflictDialog(QDialog):
    """Theirs (stored now) beside yours (typed, not saved), and what to do with them.

    Closing it without a choice copies yours to the clipboard and takes theirs: nothing is lost.
    """

    def __init__(self, parent: QWidget | None, what: str, theirs: str, mine: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("This note was changed by another program")
        self.choice = Choice.COPY_MINE
        heading = QLabel(
            f"{what} was changed by another program (the command line, another window) while "
            "you were editing it. Nothing has been overwritten yet."
        )
        heading.setWordWrap(True)
        self.theirs = _text_box(theirs)
        self.mine = _text_box(mine)
        buttons = QDialogButtonBox()
        self.keep_button = QPushButton("Keep mine")
        self.keep_button.setToolTip("Save your text over theirs")
        self.take_button = QPushButton("Take theirs")
        self.take_button.setToolTip("Drop your text and show theirs")
        self.copy_button = QPushButton("Copy mine to clipboard and take theirs")
        self.copy_button.setToolTip("Show theirs; your text is on the clipboard to paste")
        # Enter (and Esc) take the choice that loses nothing: no button becomes the default
        # merely by having the focus.
        for button in (self.keep_button, self.take_button):
            button.setAutoDefault(False)
        self.copy_button.setDefault(True)
        for button, choice in (
            (self.keep_button, Choice.KEEP_MINE),
            (self.take_button, Choice.TAKE_THEIRS),
            (self.copy_button, Choice.COPY_MINE),
        ):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
        layout = QGridLayout(self)
        layout.addWidget(heading, 0, 0, 1, 2)
        layout.addWidget(QLabel("<b>Theirs</b> (saved in the project now)"), 1, 0)
        layout.addWidget(QLabel("<b>Yours</b> (typed here, not saved)"), 1, 1)
        layout.addWidget(self.theirs, 2, 0)
        layout.addWidget(self.mine, 2, 1)
        layout.addWidget(buttons, 3, 0, 1, 2)
        self.resize(720, 360)
        self.copy_button.setFocus()

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()


def _text_box(text: str) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setReadOnly(True)
    return box
