"""Search across the corpus: every hit in its words (keyword in context), under its document.

Each matching document heads its hits (click it to open the document at its best passage);
each hit is one line, the matched words in bold between the words around them, and a click
goes to exactly that place.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from annotator.store.errors import StoreError
from annotator.store.library import Library

SEARCH_DELAY_MS = 300
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
SPAN_ROLE = Qt.ItemDataRole.UserRole + 2  # (start, end) of a hit; None on a document's row
_WORD = re.compile(r"\w+", re.UNICODE)


def query_words(query: str) -> list[str]:
    """The words of a search, as the full-text index sees them."""
    return _WORD.findall(query)


def first_match(text: str, query: str, snippet: str = "") -> tuple[int, int] | None:
    """Where a search hit shows in ``text``: the passage its snippet quotes, else the first match.

    The index matches each word of the query as a word prefix; the snippet marks the terms it
    matched between ``[`` and ``]``. The reader clicked the snippet, so the view goes there;
    the whole query is selected when its words stand together (a phrase), else its first word.
    """
    words = query_words(query)
    marked = [w for m in re.findall(r"\[([^\]]+)\]", snippet) for w in query_words(m)]
    patterns = []
    if len(words) > 1:
        patterns.append(r"\w*\W+".join(re.escape(w) for w in words))
    patterns += [re.escape(w) for w in dict.fromkeys([*marked, *words])]
    origins = [0]
    quoted = _snippet_position(text, snippet)
    if quoted is not None:
        origins.insert(0, quoted)
    for origin in origins:
        for pattern in patterns:
            match = re.compile(r"\b" + pattern, re.IGNORECASE).search(text, origin)
            if match:
                end = match.end()
                while end < len(text) and (text[end].isalnum() or text[end] == "_"):
                    end += 1
                return match.start(), end
    return None


def _snippet_position(text: str, snippet: str) -> int | None:
    """Where the longest stretch of ``snippet`` (between its "…" cuts) starts in ``text``."""
    pieces = [query_words(p) for p in re.sub(r"[\[\]]", "", snippet).split("…")]
    # The cut words at either end of a stretch may be partial: keep the whole ones inside.
    inner = max((p[1:-1] for p in pieces), key=len, default=[])
    if len(inner) < 2:
        return None
    match = re.search(r"\W+".join(re.escape(w) for w in inner), text, re.IGNORECASE)
    return match.start() if match else None


_Index = QModelIndex | QPersistentModelIndex


class _HitDelegate(QStyledItemDelegate):
    """Draws a hit as its title in bold over the snippet, the matched words in bold."""

    def _document(self, option: QStyleOptionViewItem, index: _Index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(4)
        doc.setHtml(index.data(HTML_ROLE) or "")
        doc.setTextWidth(max(option.rect.width(), 120))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(option.rect.translated(-option.rect.topLeft()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()))


class SearchPanel(QWidget):
    """A search field and the matching documents, best first."""

    document_requested = Signal(int, str)
    """Open this document at the first match of this query."""
    hit_requested = Signal(int, int, int)
    """Open this document and select [start, end): one hit, clicked."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.field = QLineEdit()
        self.field.setPlaceholderText("Search all documents")
        self.field.setClearButtonEnabled(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.results = QListWidget()
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setAlternatingRowColors(True)
        self.results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.results.setItemDelegate(_HitDelegate(self.results))
        self.results.setSpacing(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.field)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.field.textChanged.connect(self._timer.start)
        self.field.returnPressed.connect(self._on_return)
        self.results.itemActivated.connect(self._open_item)
        self.results.itemClicked.connect(self._open_item)
        self._snippets: dict[int, str] = {}

    def focus_field(self) -> None:
        self.field.setFocus()
        self.field.selectAll()

    def set_query(self, text: str) -> None:
        self.field.setText(text)
        self.search()

    def snippet(self, document_id: int) -> str:
        return self._snippets.get(document_id, "")

    def search(self) -> None:
        """Run the query in the field now."""
        self._timer.stop()
        self.results.clear()
        self._snippets.clear()
        query = self.field.text().strip()
        if not query:
            self.summary.setText("")
            return
        try:
            found = self.library.search.hits(query)
        except StoreError as error:
            self.summary.setText(str(error))
            return
        total = 0
        for hit, contexts in found:
            self._snippets[hit.document_id] = hit.snippet
            count = f"{len(contexts)} hit" + "s" * (len(contexts) != 1) if contexts else ""
            item = QListWidgetItem(f"{hit.title}\n{' '.join(hit.snippet.split())}")
            item.setData(Qt.ItemDataRole.UserRole, hit.document_id)
            item.setData(HTML_ROLE, _title_html(hit.title, count, "" if contexts else hit.snippet))
            self.results.addItem(item)
            for context in contexts:
                line = QListWidgetItem(f"{context.left}{context.keyword}{context.right}")
                line.setData(Qt.ItemDataRole.UserRole, hit.document_id)
                line.setData(SPAN_ROLE, (context.start, context.end))
                line.setData(HTML_ROLE, _context_html(context.left, context.keyword, context.right))
                line.setToolTip("Go to this place")
                self.results.addItem(line)
            total += len(contexts)
        documents = len(found)
        if not documents:
            self.summary.setText("No document matches")
            return
        self.summary.setText(
            f"{total:,} hit{'s' * (total != 1)} in {documents} document{'s' * (documents != 1)}"
        )

    def hit_count(self) -> int:
        """The hits listed (lines in context, not the documents' rows)."""
        items = (self.results.item(i) for i in range(self.results.count()))
        return sum(1 for item in items if item.data(SPAN_ROLE) is not None)

    def _on_return(self) -> None:
        self.search()
        if self.results.count():
            self.results.setCurrentRow(0)
            self._open_item(self.results.item(0))

    def _open_item(self, item: QListWidgetItem) -> None:
        document_id = item.data(Qt.ItemDataRole.UserRole)
        if document_id is None:
            return
        span = item.data(SPAN_ROLE)
        if span is not None:
            self.hit_requested.emit(int(document_id), int(span[0]), int(span[1]))
        else:
            self.document_requested.emit(int(document_id), self.field.text().strip())


def _title_html(title: str, count: str, snippet: str) -> str:
    """The title in bold with its number of hits; the index's snippet when no hit is listed."""
    head = f"<b>{html.escape(title)}</b>" + (f" <small>({count})</small>" if count else "")
    if not snippet:
        return head
    body = html.escape(" ".join(snippet.split()))
    body = re.sub(r"\[([^\]]*)\]", r"<b>\1</b>", body)
    return f"{head}<br>{body}"


def _context_html(left: str, keyword: str, right: str) -> str:
    """One hit on one line, indented under its document: …left <b>keyword</b> right…"""
    return (
        f"&nbsp;&nbsp;&nbsp;…{html.escape(left)}<b><u>{html.escape(keyword)}</u></b>"
        f"{html.escape(right)}…"
    )
