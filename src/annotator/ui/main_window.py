"""The main window: documents and tags left, the text centre, the inspector and excerpts right."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeyEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QWidget,
)

from annotator.core.models import Changes, ExcerptFilter
from annotator.store.errors import StoreError
from annotator.store.library import Library
from annotator.ui import window_layout
from annotator.ui.actions import WindowActions
from annotator.ui.after_first_paint import AfterFirstPaint
from annotator.ui.coding_menu import CodingMenus
from annotator.ui.controller import ProjectController
from annotator.ui.document_list import DOCUMENT_ID_ROLE
from annotator.ui.document_menu import DocumentMenu
from annotator.ui.highlight_sync import HighlightSync
from annotator.ui.scroll_state import ScrollState
from annotator.ui.search_panel import first_match
from annotator.ui.window_annotating import AnnotatingMixin
from annotator.ui.window_fit import WindowFit
from annotator.ui.window_layout import STATUS_TIMEOUT_MS
from annotator.ui.window_sources import WindowSources
from annotator.ui.window_state import WindowState, restore_session, save_session

_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


class MainWindow(AnnotatingMixin, QMainWindow):
    """One open project. Changes go through ``controller``; views refresh from its signals.

    Its widgets are ``parts`` (``window_layout.WindowParts``); everything else it holds is set
    here, in ``__init__``.
    """

    export_requested = Signal()
    """File > Export briefing… (the export dialog connects here)."""
    project_requested = Signal(str)
    """The reader chose another project file to open."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.controller = ProjectController(library, self)
        self.state = WindowState(library)
        self._document_id: int | None = None
        self._content_hash = ""
        self._current_annotation: int | None = None
        self._pending_scroll: ScrollState | None = None
        self._error_box: QMessageBox | None = None
        self._restored = False
        self._sources_start: AfterFirstPaint | None = None
        self._caret_ids: list[int] = []
        self._last_inspected: int | None = None  # what "fit to selection" acts on
        self.pane_toggles: dict[QWidget, QAction] = {}
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)  # drop files or folders to add them as sources
        self.setWindowTitle("Annotator")
        self.parts = window_layout.build(self)
        self.sync = HighlightSync(self.library, self.parts.view)
        self.parts.view.set_tooltip_provider(self.sync.tooltip)
        self.coding = CodingMenus(self)  # the reading view's right-click menu, recent tags
        self.actions_ = WindowActions(self)
        self.actions_.build_menus(self.menuBar())
        self.actions_.build_toolbar(self.parts.toolbar)
        self._add_panel_toggles()
        self._connect()
        self.sources = WindowSources(self)
        self.document_menu = DocumentMenu(self)  # the document list's context menu
        self.fit = WindowFit(self)  # side panels fold away before the text gets too narrow
        if library.read_only:
            window_layout.add_read_only_notice(self)
        self._restore()

    # -- building ----------------------------------------------------------------------------

    def _add_panel_toggles(self) -> None:
        menu = self.actions_.panels_menu
        for text, pane in (
            ("Documents and tags", self.parts.left),
            ("Inspector and excerpts", self.parts.right),
        ):
            action = menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(True)
            action.toggled.connect(pane.setVisible)
            self.pane_toggles[pane] = action
        self.parts.toolbar.toggleViewAction().setText("Toolbar")
        menu.addAction(self.parts.toolbar.toggleViewAction())

    def _connect(self) -> None:
        c = self.controller
        c.changed.connect(self._on_changed)
        c.error.connect(self.show_error)
        c.stepped.connect(self.show_status)  # an undo may touch a passage far from view
        c.notice.connect(self.show_status)  # another program's changes came in
        self.parts.view.installEventFilter(self)
        self.parts.quick_tag.installEventFilter(self)
        self.parts.inspector.note.installEventFilter(self)
        self.parts.view.annotation_clicked.connect(self._on_annotation_clicked)
        self.parts.view.selection_changed.connect(self._on_selection_changed)
        self.parts.view.annotations_hovered.connect(self._on_hovered)
        self.parts.view.tag_dropped.connect(self._on_tag_dropped)
        self.parts.view.context_menu_requested.connect(self.coding.show)
        self.parts.inspector.tag_box.tag_chosen.connect(self.coding.remember)
        self.parts.view.zoom_changed.connect(self.state.set_zoom)
        self.parts.documents.document_selected.connect(self.open_document)
        self.parts.tag_panel.filter_changed.connect(self._on_tag_filter)
        self.parts.tag_panel.tag_applied.connect(self.apply_tag)
        self.parts.tag_panel.tag_selected.connect(self._on_tag_selected)
        self.parts.quick_tag.tag_chosen.connect(self.apply_tag)
        self.parts.quick_tag.tag_chosen.connect(lambda _tag: self.parts.view.setFocus())
        self.parts.inspector.annotation_deleted.connect(self._on_annotation_deleted)
        self.parts.inspector.candidates.currentItemChanged.connect(self._on_inspector_candidate)
        self.parts.excerpts.excerpt_activated.connect(self.jump_to_annotation)
        self.parts.excerpts.excerpt_selected.connect(self._show_in_inspector)
        self.parts.excerpts.filter_changed.connect(self._on_excerpt_filter)
        self.parts.excerpts.match_box.currentIndexChanged.connect(self._sync_match_to_tags)
        self.parts.search_panel.document_requested.connect(self.open_search_hit)
        self.parts.search_panel.hit_requested.connect(self.open_hit)
        self.parts.review.jump_requested.connect(self.jump_to_annotation)
        self.parts.review.reattach_requested.connect(self.reattach_annotation)

    # -- documents ---------------------------------------------------------------------------

    def current_document(self) -> int | None:
        return self._document_id

    def current_annotation(self) -> int | None:
        """The highlight tagging and Del act on when nothing is selected (the inspector's)."""
        return self._current_annotation

    def open_document(self, document_id: int, *, restore_scroll: bool = True) -> bool:
        """Show ``document_id`` in the reading view (where the reader left it)."""
        if document_id == self._document_id:
            return True
        try:
            document = self.library.documents.get(document_id)
            text = self.library.documents.text(document_id)
            annotations = self.library.annotations.for_document(document_id)
        except StoreError as error:
            self.show_error(str(error))
            return False
        self._remember_scroll()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._document_id = document_id
            self._content_hash = document.content_hash
            self._current_annotation = None
            self._caret_ids = []
            self.parts.view.set_text(text, self.sync.highlights(annotations))
            self.parts.view.set_pages(self.library.documents.pages(document_id))
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._apply_view_filter()
        if restore_scroll:
            saved = self.state.scroll(document_id)
            if saved is not None:
                self._pending_scroll = saved
                self._restore_scroll()
        self.state.set_last_document(document_id)
        self.parts.inspector.show_annotation(None)
        self.parts.documents.select_document(document_id)
        self.parts.notes.set_document(document_id)
        self.parts.review.set_document(document_id)
        self.parts.find_bar.refresh()
        self._update_document_labels()
        return True

    def _restore_scroll(self) -> None:
        state, self._pending_scroll = self._pending_scroll, None
        if state is not None and self._document_id is not None:
            self.parts.view.restore_scroll_state(state)

    def _remember_scroll(self) -> None:
        if self._document_id is not None and self.parts.view.text():
            self.state.set_scroll(self._document_id, self.parts.view.scroll_state())

    def _update_document_labels(self) -> None:
        project = self.library.project.name or (
            self.library.path.stem if self.library.path else "Untitled"
        )
        document = None
        if self._document_id is not None:
            try:
                document = self.library.documents.get(self._document_id)
            except StoreError:
                return
        self.parts.show_document(document)
        title = f"{document.title or document.path} — {project}" if document else project
        title += " — Annotator"
        self.setWindowTitle(f"{title} (read-only)" if self.library.read_only else title)

    def set_watch_state(self, text: str) -> None:
        """Show the file watcher's state (e.g. "Watching 3 folders") in the status bar."""
        self.parts.watch_label.setText(text)

    # -- reacting to changes -----------------------------------------------------------------

    def _on_changed(self, changes: Changes) -> None:
        document_id = self._document_id
        last = self.state.last_document()
        if document_id is None and last in changes.documents and self.open_document(last):
            # The document removed from under the reader came back (undo): the reader is on
            # it again, and its excerpts come back into the list.
            self.parts.excerpts.refresh(changes)
            self._update_document_labels()
            return
        if document_id is not None and document_id in changes.documents:
            if not self._reload_if_text_changed(document_id):
                document_id = None  # deleted: the view is empty now
        if document_id is not None:
            self.sync.apply(changes, document_id)
            if changes.tag_tree:
                self._apply_view_filter()  # the tags below a filtered one may have changed
        elif changes.tag_tree or changes.tags:
            self.sync.load_tags()
        if self._current_annotation in changes.annotations:
            self._check_current_annotation()
        self.parts.excerpts.refresh(changes)
        self._update_document_labels()

    def _reload_if_text_changed(self, document_id: int) -> bool:
        """Reload the open document when its text changed on disk; False when it is gone."""
        try:
            document = self.library.documents.get(document_id)
        except StoreError:
            self._document_id = None
            self._current_annotation = None
            self.parts.view.set_text("")
            self.parts.inspector.show_annotation(None)
            self.parts.notes.set_document(None)
            self.parts.review.set_document(None)
            return False
        if document.content_hash != self._content_hash:
            # The reader stays on the same words, wherever the edit moved them: through the
            # map of the reload that replaced the text shown (recorded before its commit, so
            # however this change was learnt of). Without one (another program's edit),
            # offsets are only kept in range.
            mapping = self.controller.text_mappings.find(
                document_id, self._content_hash, document.content_hash
            )
            scroll = self.parts.view.scroll_state()
            self._content_hash = document.content_hash
            text = self.library.documents.text(document_id)
            annotations = self.library.annotations.for_document(document_id)
            self.parts.view.set_text(text, self.sync.highlights(annotations))
            self.parts.view.set_pages(self.library.documents.pages(document_id))
            self.parts.view.restore_scroll_state(scroll, mapping.map_offset if mapping else None)
            self._apply_view_filter()
            self.parts.find_bar.refresh()
        return True

    def _check_current_annotation(self) -> None:
        if self._current_annotation is None:
            return
        try:
            self.library.annotations.get(self._current_annotation)
        except LookupError:
            self._current_annotation = None

    def show_error(self, message: str) -> None:
        """Show a failed change: in the status bar, and in a non-modal box (nothing was lost)."""
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS * 2)
        if self._error_box is None:
            box = QMessageBox(QMessageBox.Icon.Warning, "Annotator", message, parent=self)
            box.setWindowModality(Qt.WindowModality.NonModal)
            box.finished.connect(lambda _r: setattr(self, "_error_box", None))
            self._error_box = box
            box.show()
        else:
            self._error_box.setText(message)

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)

    # -- filters -----------------------------------------------------------------------------

    def current_filter(self) -> ExcerptFilter:
        """The excerpts filter on screen (the export dialog starts from it)."""
        return self.parts.excerpts.current_filter()

    def _on_tag_filter(self, tag_ids: list, match: str) -> None:
        self.parts.excerpts.set_tag_filter(tag_ids, match)
        if tag_ids:
            self.parts.right_tabs.setCurrentWidget(self.parts.excerpts)  # where the filter shows

    def _sync_match_to_tags(self) -> None:
        match = self.parts.excerpts.current_filter().match.value
        if self.parts.tag_panel.match_mode() != match:
            self.parts.tag_panel.set_match_mode(match)

    def _on_excerpt_filter(self, _filter: ExcerptFilter) -> None:
        self._apply_view_filter()

    def set_filter_highlights(self, enabled: bool) -> None:
        self.state.set_flag("filter_highlights", enabled)
        self.state.set_text("filter_mode", self.actions_.filter_mode())
        self._apply_view_filter()

    def _apply_view_filter(self) -> None:
        actions = getattr(self, "actions_", None)
        tag_ids = self.parts.excerpts.current_filter().tag_ids
        if actions is None or not actions.filter_highlights.isChecked() or not tag_ids:
            if self.parts.view.tag_filter()[0] is not None:
                self.parts.view.set_tag_filter(None)
            return
        self.parts.view.set_tag_filter(self.sync.filter_ids(tag_ids), actions.filter_mode())

    def _on_tag_selected(self, tag_id: int) -> None:
        if tag_id >= 0:
            self.parts.notes.set_tag(tag_id)

    # -- other actions -----------------------------------------------------------------------

    def open_search_hit(self, document_id: int, query: str) -> None:
        """Open a corpus search hit at its first match."""
        if not self.open_document(document_id, restore_scroll=False):
            return
        span = first_match(
            self.parts.view.text(), query, self.parts.search_panel.snippet(document_id)
        )
        if span is not None:
            self.parts.view.select_span(*span)

    def add_sources(self, paths: list[str]) -> None:
        """Add files or folders to the project in the background (progress in the status bar)."""
        if paths:
            self.sources.add(paths)

    # -- keys and events ---------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.parts.quick_tag and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.parts.quick_tag.clear()
                self.parts.view.setFocus()  # back to the text, its selection intact
                return True
        if watched is self.parts.inspector.note and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                # Ctrl+Shift+N, type, Esc: the note is saved and the reader is back in the text.
                self.parts.inspector.note.flush()
                self.parts.view.setFocus()
                return True
        if watched is self.parts.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            digit = _DIGITS.get(Qt.Key(event.key()))
            blocked = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            if digit is not None and not event.modifiers() & (
                blocked | Qt.KeyboardModifier.MetaModifier
            ):
                self.apply_digit(digit)
                return True
        return super().eventFilter(watched, event)

    def _restore(self) -> None:
        restore_session(self)
        last = self.state.last_document()
        # The document list has just read every document: no second read of them all.
        listed = self.parts.documents.model
        if last is None or listed.document(last) is None:
            first = listed.index(0, 0)
            last = int(first.data(DOCUMENT_ID_ROLE)) if first.isValid() else None
        if last is not None:
            self.open_document(last)
        self._update_document_labels()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if _local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        paths = _local_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.add_sources(paths)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "actions_"):
            self.actions_.refresh_icons()
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            # Back from the terminal: show what the command line did there at once.
            self.controller.check_outside()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self.sources.started and self._sources_start is None:
            # After the text's first paint: the window shows at once, then catches up with the
            # files (a zero timer fired before the first expose, so the start-up scan and the
            # watcher, ~70 ms, delayed the first sight of the text).
            self._sources_start = AfterFirstPaint(self.parts.view.viewport(), self.sources.start)
        if not self._restored and self._document_id is not None:
            self._restored = True
            saved = self.state.scroll(self._document_id)
            if saved is not None:
                # The text wraps to its final width only once shown: place it again then.
                self._pending_scroll = saved
                QTimer.singleShot(0, self._restore_scroll)

    def save_state(self) -> None:
        """Write layout, zoom, last document and scroll position to the settings."""
        self._remember_scroll()
        save_session(self)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.parts.inspector.note.flush()
        self.parts.notes.flush()
        self.save_state()
        self.sources.stop()
        super().closeEvent(event)


def _local_paths(mime: QMimeData) -> list[str]:
    """The local files and folders in a drag (web links and the like are ignored)."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
