"""An edited web page, Word file or PDF reloads live, with the real watcher, and re-anchors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from builders import JOURNAL_PARAGRAPHS, write_article_docx, write_journal_pdf
from html_pages import news_site
from seed_articles import seed_article

from annotator.services.live import handle_events, source_watcher
from annotator.services.sources import add_paths
from annotator.services.tagging import tag_span
from annotator.store.library import Library

FAST = {"close_delay": 0.05, "modify_delay": 0.25, "stable_look": 0.03, "root_poll": 0.2}


def _html(path: Path, edited: bool) -> None:
    data = news_site().data
    if edited:
        data = data.replace(b"a whopping 42 times", b"42 times")
    path.write_bytes(data)


def _docx(path: Path, edited: bool) -> None:
    article = seed_article(3)
    if edited:
        first = article.blocks[1]
        blocks = (article.blocks[0], (first[0], "A new opening sentence. " + first[1]))
        article = type(article)(article.title, article.standfirst, blocks + article.blocks[2:])
    write_article_docx(path, [article], author="Katie Stallard")


def _pdf(path: Path, edited: bool) -> None:
    early = next(w for w in JOURNAL_PARAGRAPHS[1].split() if len(w) > 7 and w.isalpha())
    write_journal_pdf(path, edit={early: "rewritten"} if edited else None)


@pytest.mark.parametrize(
    ("name", "write"),
    [("page.html", _html), ("article.docx", _docx), ("journal.pdf", _pdf)],
)
def test_an_edited_file_reloads_and_its_highlight_moves(
    tmp_path: Path, events, name: str, write: Callable[[Path, bool], None]
) -> None:
    folder = tmp_path / "sources"
    folder.mkdir()
    path = folder / name
    write(path, False)
    with Library.open(tmp_path / "p.annotator") as library:
        (doc,) = add_paths(library, [folder]).added
        text = library.documents.text(doc.id)
        words = " ".join(text.split()[-6:])  # the last words: after every edit above
        start = text.rindex(words)
        tagged = tag_span(library, doc.id, start, start + len(words))

        watcher = source_watcher(events, **FAST)  # the watcher the app makes
        watcher.watch(folder)
        watcher.start()
        try:
            write(path, True)
            event = events.wait_for(name)
        finally:
            watcher.stop()
        assert event is not None and event.kind == "changed"
        (result,) = handle_events(library, [(event, True)])
        assert f"{name} reloaded" in result.message and result.text_changed
        new_text = library.documents.text(doc.id)
        assert new_text != text
        moved = library.annotations.get(tagged.annotation_id)
        assert new_text[moved.start : moved.end] == words
        assert moved.start != start  # the text before it changed
        assert library.documents.get(doc.id).format == name.rsplit(".", 1)[1]
