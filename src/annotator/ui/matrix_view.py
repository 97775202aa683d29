"""The matrix view: tags × documents or tags × tags, cells shaded by count, a click filters.

As MAXQDA's Code Matrix Browser and NVivo's matrix coding: each cell counts the passages under
a tag (sub-tags included, as everywhere) in a document, or carrying two tags at once. Clicking a
cell shows exactly those excerpts in the main window; the matrix exports to CSV. The counting
is done by the store (``library.counts``) and ``services.matrix``; this module only shows it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.atomic_write import WriteError
from annotator.core.models import Changes
from annotator.services import matrix as matrices
from annotator.services.matrix import Matrix
from annotator.ui.controller import ProjectController
from annotator.ui.theme import accent_colors, blend, text_color_for

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
HEADER_CHARS = 28  # document titles are cut to this in column headers (whole in the tooltip)
CellRole = Qt.ItemDataRole.UserRole + 1  # (row id, column id) of a cell


class MatrixModel(QAbstractTableModel):
    """A ``Matrix`` as a table: rows are its rows, or its columns when ``transposed``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix = Matrix(matrices.DOCUMENTS, (), ())
        self.transposed = False
        self._accent = QColor("#3d7bd9")
        self._base = QColor("white")
        self._shades: dict[int, tuple[QColor, QColor]] = {}

    def set_matrix(self, matrix: Matrix, transposed: bool) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self.transposed = transposed
        self._shades.clear()
        self.endResetModel()

    def set_palette(self, palette: QPalette) -> None:
        self._accent = accent_colors(palette)[0]
        self._base = palette.color(QPalette.ColorRole.Base)
        self._shades.clear()

    def _axes(self) -> tuple[tuple[tuple[int, str], ...], tuple[tuple[int, str], ...]]:
        m = self.matrix
        return (m.columns, m.rows) if self.transposed else (m.rows, m.columns)

    def cell(self, row: int, column: int) -> tuple[int, int]:
        """(tag id, column id) of the matrix cell shown at ``row``, ``column``."""
        rows, columns = self._axes()
        a, b = rows[row][0], columns[column][0]
        return (b, a) if self.transposed else (a, b)

    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._axes()[0])

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._axes()[1])

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        rows, columns = self._axes()
        axis = columns if orientation == Qt.Orientation.Horizontal else rows
        if not 0 <= section < len(axis):
            return None
        name = axis[section][1]
        if role == Qt.ItemDataRole.DisplayRole:
            return name if len(name) <= HEADER_CHARS else name[: HEADER_CHARS - 1] + "…"
        if role == Qt.ItemDataRole.ToolTipRole:
            return name
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        tag_id, other = self.cell(index.row(), index.column())
        n = self.matrix.count(tag_id, other)
        if role == Qt.ItemDataRole.DisplayRole:
            return str(n) if n else ""
        if role == CellRole:
            return (tag_id, other)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and n:
            background, text = self._shade(n, diagonal=self.matrix.implied(tag_id, other))
            return background if role == Qt.ItemDataRole.BackgroundRole else text
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(tag_id, other, n)
        return None

    def _shade(self, n: int, *, diagonal: bool) -> tuple[QColor, QColor]:
        """The accent, stronger with the count (square root: a few large cells must not wash
        out the rest); implied cells of tags × tags (a tag with itself, its parent or its
        sub-tags) in neutral grey."""
        key = -n if diagonal else n
        found = self._shades.get(key)
        if found is None:
            largest = max(self.matrix.largest, 1)
            share = min(1.0, (n / largest) ** 0.5)
            over = QColor("#8a8f98") if diagonal else self._accent
            background = blend(self._base, over, 0.12 + 0.68 * (0.35 if diagonal else share))
            found = self._shades[key] = (background, text_color_for(background))
        return found

    def _tooltip(self, tag_id: int, other: int, n: int) -> str:
        names = dict(self.matrix.rows)
        passages = f"{n} passage{'s' * (n != 1)}"
        if self.matrix.kind == matrices.DOCUMENTS:
            title = dict(self.matrix.columns).get(other, "")
            where = f"“{names.get(tag_id, '')}” in {title}"
        elif tag_id == other:
            where = f"under “{names.get(tag_id, '')}”"
        else:
            where = f"with both “{names.get(tag_id, '')}” and “{names.get(other, '')}”"
        return f"{passages} {where}" + ("\nClick to list them" if n else "")


class MatrixView(QWidget):
    """The matrix in a window of its own beside the main one (View > Matrix)."""

    cell_chosen = Signal(object)
    """A cell was clicked: the ExcerptFilter that lists the excerpts it counts."""

    def __init__(self, controller: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.controller = controller
        self.setWindowTitle("Matrix — Annotator")
        self.setObjectName("MatrixView")
        self.kind_box = QComboBox()
        self.kind_box.addItem("Tags × documents", matrices.DOCUMENTS)
        self.kind_box.addItem("Tags × tags (co-occurrence)", matrices.TAGS)
        self.swap_box = QCheckBox("Swap rows and columns")
        self.export_button = QPushButton("Export CSV…")
        self.hint = QLabel("Click a cell to list its excerpts")
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.model = MatrixModel(self)
        self.model.set_palette(self.palette())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        for header in (self.table.horizontalHeader(), self.table.verticalHeader()):
            # Fixed sizes: measuring 30,000 cells to fit them is what makes a big matrix slow.
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setDefaultSectionSize(
            self.fontMetrics().horizontalAdvance("0" * HEADER_CHARS) // 2
        )
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)

        bar = QHBoxLayout()
        bar.addWidget(self.kind_box)
        bar.addWidget(self.swap_box)
        bar.addStretch(1)
        bar.addWidget(self.hint)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.resize(900, 560)

        self._stale = True
        self._timer = QTimer(self, singleShot=True, interval=300)  # a burst of edits: once
        self._timer.timeout.connect(self.refresh)
        self.kind_box.currentIndexChanged.connect(self.refresh)
        self.swap_box.toggled.connect(self._swap)
        self.export_button.clicked.connect(self.export_csv)
        self.table.clicked.connect(self._clicked)
        controller.changed.connect(self._on_changed)

    def kind(self) -> str:
        return str(self.kind_box.currentData())

    def set_kind(self, kind: str) -> None:
        self.kind_box.setCurrentIndex(max(self.kind_box.findData(kind), 0))

    def refresh(self) -> None:
        """Count again and show the matrix chosen."""
        library = self.controller.library
        build = (
            matrices.tags_by_tags if self.kind() == matrices.TAGS else matrices.tags_by_documents
        )
        self.model.set_matrix(build(library), self.swap_box.isChecked())
        self._stale = False

    def _swap(self, on: bool) -> None:
        self.model.set_matrix(self.model.matrix, on)  # the same counts, turned round

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def changeEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange and hasattr(self, "model"):
            self.model.set_palette(self.palette())
            self.table.viewport().update()

    def _on_changed(self, changes: Changes) -> None:
        if changes.annotations or changes.tags or changes.tag_tree or changes.documents:
            self._stale = True
            if self.isVisible():
                self._timer.start()

    def _clicked(self, index: QModelIndex) -> None:
        tag_id, other = index.data(CellRole)
        if self.model.matrix.count(tag_id, other):
            self.cell_chosen.emit(self.model.matrix.excerpt_filter(tag_id, other))

    def export_csv(self, path: str = "") -> str:
        """Write the matrix shown to ``path`` (asked for when empty); returns the path or ""."""
        if not path:
            name = "matrix-tags-by-tags.csv" if self.kind() == matrices.TAGS else "matrix.csv"
            path, _ = QFileDialog.getSaveFileName(self, "Export matrix as CSV", name, "*.csv")
            if not path:
                return ""
        try:
            matrices.write_csv(self.model.matrix, path)
        except (WriteError, OSError) as error:
            self.controller.error.emit(f"The matrix could not be written to {path}: {error}")
            return ""
        self.hint.setText(f"Written to {path}")
        return path
