"""Issue 9's readers fit the source-format interface: registering one is one line.

The HTML, Word and PDF readers return an ``Extracted``; ``Extracted.content`` turns it into
the ``SourceContent`` a ``SourceFormat`` reads, citation metadata and page map included. Here
the PDF reader is registered again for one test (as ``formats.builtin`` registers it, in one
line) and a journal article is added, cited by page, and reloaded after an edit with its
highlight moved.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import JOURNAL_PARAGRAPHS, JOURNAL_TITLE, write_journal_pdf

from annotator.formats.extracted import Extracted
from annotator.formats.pdf_reader import read_pdf
from annotator.formats.registry import REGISTRY, SourceFormat, read_source
from annotator.services.sources import add_paths, scan
from annotator.services.tagging import tag_span
from annotator.store.library import Library

PDF = SourceFormat("pdf", "PDF", (".pdf",), lambda path: read_pdf(path).content("pdf"))


@pytest.fixture
def pdf_registered(monkeypatch):
    monkeypatch.setitem(REGISTRY.sources, PDF.key, PDF)


def test_a_reader_returns_what_a_source_format_reads(tmp_path: Path, pdf_registered) -> None:
    journal = write_journal_pdf(tmp_path / "journal.pdf")
    content = read_source(journal)
    extracted = read_pdf(journal)
    assert content.text == extracted.text and content.encoding == "pdf"
    assert content.title == JOURNAL_TITLE == extracted.title
    assert content.metadata.authors == ("Luna Pham",)
    assert content.locations == extracted.pages and [p for _o, p in content.locations] == [
        "1",
        "2",
        "3",
    ]
    last = content.locations[-1][0]
    assert content.location(last) == "3" and content.location(0) == "1"


def test_a_registered_reader_is_added_and_reloaded_like_a_text(
    tmp_path: Path, pdf_registered
) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    write_journal_pdf(folder / "journal.pdf")
    with Library.open(tmp_path / "p.annotator") as library:
        (document,) = add_paths(library, [folder]).added
        assert document.title == JOURNAL_TITLE  # from the file's metadata
        text = library.documents.text(document.id)
        words = " ".join(text.split()[-6:])  # the article's last words, on page 3
        start = text.rindex(words)
        tagged = tag_span(library, document.id, start, start + len(words))
        early = next(w for w in JOURNAL_PARAGRAPHS[1].split() if len(w) > 7 and w.isalpha())
        assert early not in words
        write_journal_pdf(folder / "journal.pdf", edit={early: "rewritten"})
        report = scan(library)
        assert [r.document_id for r in report.changed] == [document.id]
        moved = library.annotations.get(tagged.annotation_id)
        assert library.documents.text(document.id)[moved.start : moved.end] == words


def test_a_readers_warnings_reach_the_report(tmp_path: Path, monkeypatch) -> None:
    warned = SourceFormat(
        "warned",
        "Warned",
        (".warned",),
        lambda path: Extracted("Some text.", warnings=("2 pages had no text layer",)).content(
            "warned"
        ),
    )
    monkeypatch.setitem(REGISTRY.sources, warned.key, warned)
    (tmp_path / "a.warned").write_text("ignored", encoding="utf-8")
    with Library.open(None) as library:
        report = add_paths(library, [tmp_path / "a.warned"])
    assert report.warnings == [(str(tmp_path / "a.warned"), "2 pages had no text layer")]
