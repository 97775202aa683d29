"""Undo across a reload from disk: other documents' steps stay, the reloaded document's steps
move with its text (through the reload's offset map), and only a step whose passage is gone
is dropped, with a note in the status bar."""

from __future__ import annotations

from test_live_reload import PARAGRAPHS, QUOTE, WAIT_MS, open_window, write

from annotator.services import commands as cmd
from annotator.services.tagging import TagSpan

ADDED = "A new first paragraph, written in another editor."


def test_a_reload_maps_the_reloaded_documents_steps_and_keeps_the_others(tmp_path, qtbot):
    with open_window(tmp_path, qtbot, "article.txt") as (window, library, article, doc, ann):
        other_file = article.with_name("other.txt")
        write(other_file, ["Grain moves by rail across the border."])
        with qtbot.waitSignal(window.sources.bridge.file_changed, timeout=WAIT_MS):
            pass  # the new file comes in through the watcher
        other = next(d for d in library.documents.list() if d.path == "other.txt")
        controller = window.controller
        # A step on the other document, then two on the article: a deleted highlight and a
        # new one over "milestone".
        assert controller.push(TagSpan(library, other.id, 0, 5, [ann.tag_ids[0]]))
        assert controller.push(cmd.DeleteAnnotation(library, ann.id))
        text = library.documents.text(doc.id)
        at = text.index("milestone")
        assert controller.push(TagSpan(library, doc.id, at, at + 9, [ann.tag_ids[0]]))
        controller.undo_stack.undo()  # the new highlight undone: its step waits to be redone
        assert controller.undo_stack.count() == 3 and controller.undo_stack.index() == 2

        with qtbot.waitSignal(window.sources.bridge.file_changed, timeout=WAIT_MS):
            write(article, [ADDED, *PARAGRAPHS])
        qtbot.waitUntil(lambda: window.parts.view.text().startswith(ADDED), timeout=WAIT_MS)

        assert controller.undo_stack.count() == 3 and controller.undo_stack.index() == 2
        controller.undo_stack.redo()  # the highlight over "milestone", where it is now
        new_text = library.documents.text(doc.id)
        made = [a for a in library.annotations.for_document(doc.id) if a.exact == "milestone"]
        assert len(made) == 1 and new_text[made[0].start : made[0].end] == "milestone"
        controller.undo_stack.undo()
        controller.undo_stack.undo()  # the deleted highlight comes back on its words
        back = library.annotations.get(ann.id)
        assert new_text[back.start : back.end] == QUOTE and back.start > len(ADDED)
        controller.undo_stack.undo()  # and the other document's step is still there
        assert library.annotations.for_document(other.id) == []


def test_a_step_whose_passage_was_rewritten_is_dropped_alone(tmp_path, qtbot):
    with open_window(tmp_path, qtbot, "article.txt") as (window, library, article, doc, ann):
        controller = window.controller
        text = library.documents.text(doc.id)
        at = text.index("milestone")
        assert controller.push(TagSpan(library, doc.id, at, at + 9, [ann.tag_ids[0]]))
        assert controller.push(cmd.DeleteAnnotation(library, ann.id))
        controller.undo_stack.undo()
        controller.undo_stack.undo()  # both undone: their spans are in the redo half
        rewritten = [PARAGRAPHS[0], PARAGRAPHS[1], "Both governments praised the deal."]
        with qtbot.waitSignal(window.sources.bridge.file_changed, timeout=WAIT_MS):
            write(article, rewritten)
        qtbot.waitUntil(lambda: controller.undo_stack.count() == 1, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: "reloaded" in window.statusBar().currentMessage())
        assert "1 undo step on a passage changed on disk was dropped" in (
            window.statusBar().currentMessage()
        )
        assert controller.undo_stack.index() == 0
        controller.undo_stack.redo()  # the delete, mapped: still the same passage
        assert ann.id not in {a.id for a in library.annotations.for_document(doc.id)}
