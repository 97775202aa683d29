"""The main window's actions: menus, toolbar and keyboard shortcuts, wired to the window's slots."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenuBar, QToolBar

from annotator.core.models import ExcerptFilter
from annotator.ui import project_files, source_dialogs, theme_choice
from annotator.ui.document_properties import DocumentProperties
from annotator.ui.file_manager import exported_message
from annotator.ui.help import HelpDialog, about_box
from annotator.ui.icons import icon
from annotator.ui.project_settings import ProjectSettingsDialog

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow
    from annotator.ui.matrix_view import MatrixView

Key = QKeySequence.StandardKey


class WindowActions:
    """Every command of the main window as a QAction, so menus, toolbar and keys share them."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.properties_dialog: DocumentProperties | None = None  # the last one opened
        w = window
        stack = w.controller.undo_stack

        def make(
            text: str,
            slot: Callable[..., object] | None,
            shortcuts: Sequence[QKeySequence.StandardKey | str] = (),
            icon_name: str = "",
            tip: str = "",
            checkable: bool = False,
        ) -> QAction:
            action = QAction(text, w)
            if icon_name:
                action.setIcon(icon(icon_name, w.palette()))
            if shortcuts:
                # A standard key can equal a literal one on some platforms: the same sequence
                # twice on one action makes Qt treat it as ambiguous and ignore it.
                unique = {QKeySequence(s).toString(): QKeySequence(s) for s in shortcuts}
                action.setShortcuts([k for k in unique.values() if not k.isEmpty()])
            if tip:
                action.setStatusTip(tip)
                action.setToolTip(_with_shortcut(tip, action))
            action.setCheckable(checkable)
            if slot is not None:
                (action.toggled if checkable else action.triggered).connect(slot)
            # Window-wide: works wherever the focus is inside the main window.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            w.addAction(action)
            return action

        # File
        self.new_project = make(
            "&New project…",
            lambda: project_files.new_project_dialog(w),
            [Key.New],
            "",
            "Create a project file (empty, or with the sample articles)",
        )
        self.save_copy = make(
            "Save a &copy…",
            lambda: project_files.save_copy_dialog(w),
            ["Ctrl+Shift+S"],
            "",
            "Save a copy of this project under another name (this one stays open)",
        )
        project_files.remember_project(w.library.path)
        self.open_project = make(
            "&Open project…", self.on_open_project, [Key.Open], "open", "Open another project file"
        )
        self.add_folder = make(
            "Add &folder…",
            self.on_add_folder,
            (),
            "add",
            "Add a folder of texts (watched for changes)",
        )
        self.add_files = make(
            "Add f&iles…",
            self.on_add_files,
            (),
            "",
            "Add single files: texts, Markdown, web pages, Word documents, PDFs",
        )
        self.export = make(
            "&Export briefing…",
            self.on_export,
            ["Ctrl+E"],
            "export",
            "Compile a Word briefing",
        )
        self.project_settings = make(
            "Project &settings…",
            self.on_project_settings,
            (),
            "",
            "The briefing's title, subtitle, author and summary heading",
        )
        self.import_annotations = make(
            "&Import annotations…",
            lambda: _interchange().import_annotations(w),
            ["Ctrl+I"],
            "",
            "Import W3C annotations (.json) or a REFI-QDA project (.qdpx) or codebook (.qdc)",
        )
        self.export_annotations = make(
            "Export &annotations…",
            lambda: _interchange().export_annotations_dialog(w),
            ["Ctrl+Shift+E"],
            "",
            "Export annotations as W3C JSON or a REFI-QDA project or codebook",
        )
        self.document_properties = make(
            "Document &properties…",
            self.on_document_properties,
            ["Alt+Return"],
            "",
            "Show and edit the current document's title, authors, outlet, date and URL",
        )
        self.rescan = make(
            "&Rescan sources",
            self.on_rescan,
            [Key.Refresh, "F5"],
            "",
            "Re-read every source file: reload changed texts, find new and missing files",
        )
        self.quit = make("&Quit", w.close, [Key.Quit, "Ctrl+Q"], "", "Quit Annotator")
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        # Edit
        self.undo = stack.createUndoAction(w, "&Undo")
        self.undo.setShortcuts([QKeySequence(Key.Undo)])
        self.undo.setIcon(icon("undo", w.palette()))
        self.redo = stack.createRedoAction(w, "&Redo")
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo.setIcon(icon("redo", w.palette()))
        for action in (self.undo, self.redo):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            w.addAction(action)
        self.find = make("&Find…", self.on_find, [Key.Find], "find", "Find in this document")
        self.find_next = make("Find &next", w.parts.find_bar.find_next, [Key.FindNext])
        self.find_previous = make(
            "Find pre&vious", w.parts.find_bar.find_previous, [Key.FindPrevious]
        )
        self.search_corpus = make(
            "Find in &corpus…",
            self.on_search_corpus,
            ["Ctrl+Shift+F"],
            "search",
            "Search every document",
        )
        self.quick_tag = make(
            "&Tag selection…",
            self.on_quick_tag,
            ["Ctrl+T"],
            "tag",
            "Type a tag for the selection",
        )
        self.edit_note = make(
            "Edit &note", self.on_edit_note, ["Ctrl+Shift+N"], "note", "Write the highlight's note"
        )
        self.delete_highlight = make(
            "&Delete highlight",
            w.delete_current_highlight,
            [Key.Delete],
            "delete",
            "Delete the current highlight",
        )
        # The tag tree binds Del to deleting a tag: a window-wide Del would make both ambiguous.
        self.delete_highlight.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        w.parts.view.addAction(self.delete_highlight)
        self.fit_highlight = make(
            "&Fit highlight to selection",
            lambda: w.fit_to_selection(),
            ["Ctrl+Shift+R"],
            "",
            "Widen or narrow the inspected highlight to the selected passage",
        )
        self.copy_quote = make("&Copy", self.on_copy, [Key.Copy])

        # View
        self.zoom_in = make(
            "Zoom &in", w.parts.view.zoom_in, ["Ctrl+=", "Ctrl++"], "zoom-in", "Larger text"
        )
        self.zoom_out = make(
            "Zoom &out", w.parts.view.zoom_out, ["Ctrl+-"], "zoom-out", "Smaller text"
        )
        self.zoom_reset = make("&Actual size", w.parts.view.reset_zoom, ["Ctrl+0"])
        self.filter_highlights = make(
            "Show only &filtered highlights",
            w.set_filter_highlights,
            (),
            "",
            "Dim or hide highlights whose tags are not checked in the tag tree",
            checkable=True,
        )
        self.dim_mode = make("&Dim the others", None, checkable=True)
        self.hide_mode = make("&Hide the others", None, checkable=True)
        group = QActionGroup(w)
        group.addAction(self.dim_mode)
        group.addAction(self.hide_mode)
        self.dim_mode.setChecked(True)
        group.triggered.connect(
            lambda _a: w.set_filter_highlights(self.filter_highlights.isChecked())
        )

        self.matrix = make(
            "&Matrix…",
            self.on_matrix,
            ["Ctrl+Shift+M"],
            "",
            "Tags × documents and tags × tags, shaded by count; a click lists the excerpts",
        )
        self.matrix_view: MatrixView | None = None
        # View > Theme: kept in settings, applied to every window at once
        self.themes: dict[str, QAction] = {}
        themes = QActionGroup(w)
        for name, text in (("system", "&System"), ("light", "&Light"), ("dark", "&Dark")):
            action = make(text, None, checkable=True)
            action.triggered.connect(lambda _c=False, n=name: theme_choice.choose(n))
            themes.addAction(action)
            self.themes[name] = action
        current = theme_choice.stored_theme()
        self.themes[current].setChecked(True)
        if current != "system":
            theme_choice.apply(current)

        # Help
        self.help = make("Annotator &help", self.on_help, [Key.HelpContents, "F1"], "help")
        self.about = make("&About Annotator", self.on_about, (), "", "Version and data folder")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

    # -- slots ---------------------------------------------------------------------------------

    def on_open_project(self) -> None:
        project_files.open_project_dialog(self.window)

    def on_add_folder(self) -> None:
        self.window.add_sources(source_dialogs.choose_folder(self.window))

    def on_add_files(self) -> None:
        self.window.add_sources(source_dialogs.choose_files(self.window))

    def on_export(self) -> None:
        w = self.window
        w.export_requested.emit()
        # Imported when first used: the briefing writer (python-docx) costs 0.2 s at start-up.
        from annotator.ui.export_dialog import ExportDialog

        dialog = ExportDialog(w.controller, w.current_filter(), w)
        dialog.exported.connect(lambda path: w.show_status(f"Briefing written to {path}"))
        dialog.exported.connect(lambda path: exported_message(w, Path(path)))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def on_project_settings(self) -> None:
        dialog = ProjectSettingsDialog(self.window.controller, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def on_document_properties(self, document_id: int | None = None) -> None:
        """The properties of ``document_id`` (a context menu's row), else the current one."""
        w = self.window
        if isinstance(document_id, bool):  # triggered(checked) from the menu or the key
            document_id = w.current_document()
        if document_id is None:
            w.show_status("Open a document first to see its properties.")
            return
        dialog = DocumentProperties(w.controller, document_id, w)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.properties_dialog = dialog  # for tests and screenshots

    def on_rescan(self) -> None:
        self.window.sources.rescan()

    def on_find(self) -> None:
        self.window.parts.find_bar.open_bar()

    def on_search_corpus(self) -> None:
        """Show the corpus search; a short selection in the text becomes the query."""
        w = self.window
        w.parts.left_tabs.setCurrentWidget(w.parts.search_panel)
        span = w.parts.view.selected_span()
        if span is not None and 0 < span[1] - span[0] <= 80:
            w.parts.search_panel.set_query(w.parts.view.text()[span[0] : span[1]])
        w.parts.search_panel.focus_field()

    def on_quick_tag(self) -> None:
        self.window.parts.quick_tag.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.window.parts.quick_tag.selectAll()

    def on_edit_note(self) -> None:
        w = self.window
        if w.parts.inspector.annotation_id() is None:
            w.show_status("Click a highlight first to write its note.")
            return
        w.parts.inspector.note.setFocus()

    def on_copy(self) -> None:
        self.window.parts.view.copy()

    def on_help(self) -> None:
        HelpDialog(self.window).show()

    def on_about(self) -> None:
        about_box(self.window).open()

    def on_matrix(self) -> None:
        """Show the matrix window (made on first use); a cell clicked filters the excerpts."""
        if self.matrix_view is None:
            from annotator.ui.matrix_view import MatrixView  # the counting machinery: on use

            self.matrix_view = MatrixView(self.window.controller, self.window)
            self.matrix_view.cell_chosen.connect(self.show_excerpts)
        self.matrix_view.show()
        self.matrix_view.raise_()
        self.matrix_view.activateWindow()

    def show_excerpts(self, excerpt_filter: ExcerptFilter) -> None:
        """Filter the excerpts list to ``excerpt_filter``'s tags (any/all) and document."""
        w = self.window
        w.parts.tag_panel.set_match_mode(excerpt_filter.match.value)
        w.parts.tag_panel.set_checked(excerpt_filter.tag_ids)
        documents = excerpt_filter.document_ids
        w.parts.excerpts.set_document(documents[0] if documents else None)
        w.parts.right_tabs.setCurrentWidget(w.parts.excerpts)

    def filter_mode(self) -> str:
        return "hide" if self.hide_mode.isChecked() else "dim"

    def build_menus(self, bar: QMenuBar) -> None:
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new_project, self.open_project])
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(
            lambda: project_files.fill_recent_menu(self.recent_menu, self.window)
        )
        file_menu.addAction(self.save_copy)
        file_menu.addSeparator()
        file_menu.addActions([self.add_folder, self.add_files])
        file_menu.addSeparator()
        file_menu.addActions([self.document_properties, self.rescan])
        file_menu.addSeparator()
        file_menu.addAction(self.project_settings)
        file_menu.addAction(self.export)
        file_menu.addActions([self.export_annotations, self.import_annotations])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)

        edit = bar.addMenu("&Edit")
        edit.addActions([self.undo, self.redo])
        edit.addSeparator()
        edit.addActions([self.copy_quote, self.quick_tag, self.edit_note])
        edit.addActions([self.fit_highlight, self.delete_highlight])
        edit.addSeparator()
        edit.addActions([self.find, self.find_next, self.find_previous, self.search_corpus])

        view = bar.addMenu("&View")
        view.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])
        view.addSeparator()
        view.addAction(self.filter_highlights)
        view.addActions([self.dim_mode, self.hide_mode])
        view.addSeparator()
        view.addAction(self.matrix)
        theme = view.addMenu("&Theme")
        theme.addActions(list(self.themes.values()))
        panels = view.addMenu("&Panels")
        self.panels_menu = panels

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.help)
        help_menu.addSeparator()
        help_menu.addAction(self.about)

    def build_toolbar(self, bar: QToolBar) -> None:
        bar.addActions([self.open_project, self.add_folder, self.export])
        bar.addSeparator()
        bar.addActions([self.undo, self.redo])
        bar.addSeparator()
        bar.addActions([self.quick_tag, self.edit_note, self.find, self.search_corpus])
        bar.addSeparator()
        bar.addActions([self.zoom_out, self.zoom_in])

    def refresh_icons(self) -> None:
        """Redraw the icons in the current palette's colours (after a light/dark switch)."""
        palette = self.window.palette()
        for action, name in (
            (self.open_project, "open"),
            (self.add_folder, "add"),
            (self.export, "export"),
            (self.undo, "undo"),
            (self.redo, "redo"),
            (self.find, "find"),
            (self.search_corpus, "search"),
            (self.quick_tag, "tag"),
            (self.edit_note, "note"),
            (self.delete_highlight, "delete"),
            (self.zoom_in, "zoom-in"),
            (self.zoom_out, "zoom-out"),
            (self.help, "help"),
        ):
            action.setIcon(icon(name, palette))


def _interchange() -> ModuleType:
    """The interchange dialogs, imported when first used (they load every export format)."""
    from annotator.ui import interchange_dialogs

    return interchange_dialogs


def _with_shortcut(tip: str, action: QAction) -> str:
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{tip} ({shortcut})" if shortcut else tip
