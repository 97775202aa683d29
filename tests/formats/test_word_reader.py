"""Word files in document order: headings, lists, tables, text boxes; notes and comments out."""

from __future__ import annotations

import os
import re
import zipfile
from datetime import datetime
from pathlib import Path

import docx
import pytest
from builders import (
    REPORT_BOX,
    REPORT_COMMENT,
    REPORT_FOOTNOTE,
    REPORT_TITLE,
    assert_changes_within,
    truncated_copy,
    write_article_docx,
    write_report_docx,
    zip_that_is_not_word,
)
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from seed_articles import seed_article

from annotator.core.textload import LoadError, NotRegularFile
from annotator.formats import word_reader
from annotator.formats.extracted import Incomplete
from annotator.formats.word_reader import read_docx

REPORT_TEXT = f"""{REPORT_TITLE}

Background

Russia and China signed a memorandum on the pipeline in 2022, but the price is still open. \
Gazprom expects the first gas in 2030.

What each side wants

• Moscow wants a signed contract

• Beijing wants a price near Russian tariffs

1. Agree the price

2. Agree the route

a) Through Mongolia

b) Through Kazakhstan

3. Fund the construction

Financing follows the contract.

Pipeline | Capacity | Status
Power of Siberia 1 | 38 bcm | See the text
Power of Siberia 2 | 50 bcm

The talks resume in June.

{REPORT_BOX}

Route:\tWestern
Length: 2,600 km of pipe; transcontinental, Sino-Mongolian."""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report_docx(tmp_path_factory.mktemp("docx") / "report.docx")


def test_body_in_order_with_headings_lists_table_and_text_box(report: Path) -> None:
    assert read_docx(report).text == REPORT_TEXT


def test_footnotes_and_comments_are_left_out(report: Path) -> None:
    text = read_docx(report).text
    assert REPORT_FOOTNOTE.split(",")[0] in zip_text(report, "word/footnotes.xml")
    assert REPORT_COMMENT in zip_text(report, "word/comments.xml")
    assert "Annual Report" not in text and "customs data" not in text


def test_a_text_box_is_read_once(report: Path) -> None:
    # Word stores a text box twice (DrawingML and a VML copy for old readers).
    assert read_docx(report).text.count(REPORT_BOX) == 1


def test_core_properties_give_title_authors_and_created_date(report: Path) -> None:
    got = read_docx(report)
    assert (got.title, got.authors, got.published) == (
        REPORT_TITLE,
        ("Luna Pham", "Tim Rühlig"),
        "2024-03-12",
    )
    assert (got.url, got.outlet, got.pages, got.warnings) == ("", "", (), ())


def test_modified_date_stands_in_when_created_is_missing(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("A note on the pipeline talks.")
    core = document.core_properties._element
    core.remove(core.find("{http://purl.org/dc/terms/}created"))
    document.core_properties.modified = datetime(2023, 11, 5, 8, 0)
    path = tmp_path / "note.docx"
    document.save(path)
    assert read_docx(path).published == "2023-11-05"


def test_a_file_without_core_properties_has_no_made_up_metadata(tmp_path: Path) -> None:
    source = write_article_docx(tmp_path / "full.docx", [seed_article(0)], author="Someone")
    stripped = tmp_path / "bare.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(stripped, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "docProps/core.xml":
                continue
            if item.filename == "_rels/.rels":
                data = re.sub(rb"<Relationship [^>]*core-properties[^>]*/>", b"", data)
            new.writestr(item, data)
    got = read_docx(stripped)
    assert (got.title, got.authors, got.published) == ("", (), "")
    assert got.text.startswith(seed_article(0).title)


def test_title_falls_back_to_the_title_paragraph(report: Path, tmp_path: Path) -> None:
    document = docx.Document(report)
    document.core_properties.title = ""
    untitled = tmp_path / "untitled.docx"
    document.save(untitled)
    assert read_docx(untitled).title == REPORT_TITLE


def test_seed_articles_come_back_paragraph_for_paragraph(tmp_path: Path) -> None:
    articles = [seed_article(n) for n in range(5)]
    path = write_article_docx(tmp_path / "seeds.docx", articles)
    expected = "\n\n".join(f"{a.title}\n\n{a.body_text()}" for a in articles)
    assert read_docx(path).text == expected


def test_reading_twice_gives_the_same_text(report: Path) -> None:
    assert read_docx(report) == read_docx(report)


def test_an_edited_paragraph_changes_only_itself(report: Path, tmp_path: Path) -> None:
    before = read_docx(report).text
    document = docx.Document(report)
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Financing"))
    paragraph.runs[0].text = "Financing follows a signed contract."
    edited = tmp_path / "edited.docx"
    document.save(edited)
    after = read_docx(edited).text
    assert after == before.replace("follows the contract", "follows a signed contract")
    assert_changes_within(before, after, "Financing")


def test_a_zip_that_is_not_word_is_refused(tmp_path: Path) -> None:
    notes = zip_that_is_not_word(tmp_path / "notes.docx")
    with pytest.raises(LoadError, match="notes.docx is a zip archive but not a Word document"):
        read_docx(notes)


def test_a_file_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "fake.docx"
    fake.write_text("Plain text saved with the wrong name.\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"fake.docx is not a Word file \(it is not a zip"):
        read_docx(fake)


def test_an_old_or_encrypted_word_file_says_so(tmp_path: Path) -> None:
    old = tmp_path / "old.docx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    with pytest.raises(LoadError, match="old.docx is an old Word 97-2003 file or a password"):
        read_docx(old)


def test_damaged_xml_inside_is_refused(report: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(report) as old, zipfile.ZipFile(damaged, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            new.writestr(item, data)
    with pytest.raises(LoadError, match="damaged.docx is a damaged Word file") as caught:
        read_docx(damaged)
    assert not isinstance(caught.value, Incomplete)


def test_a_truncated_docx_is_incomplete(report: Path, tmp_path: Path) -> None:
    half = truncated_copy(report, tmp_path / "half.docx")
    with pytest.raises(Incomplete, match="half.docx looks incomplete"):
        read_docx(half)


def test_a_docx_unpacking_to_too_much_is_refused(
    report: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(word_reader, "MAX_UNPACKED", 10_000)
    with pytest.raises(LoadError, match=r"report.docx unpacks to \d+ MB; Word files over 0 MB"):
        read_docx(report)


def test_a_docx_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.docx"
    with open(huge, "wb") as file:
        file.truncate(word_reader.MAX_BYTES + 1)
    with pytest.raises(LoadError, match="huge.docx is 100.0 MB; Word files over 100 MB"):
        read_docx(huge)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_is_never_opened(tmp_path: Path, finishes) -> None:
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFile):
        finishes(lambda: read_docx(fifo))


def zip_text(path: Path, member: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(member).decode("utf-8")


def test_tracked_changes_fields_links_controls_and_breaks(tmp_path: Path) -> None:
    document = docx.Document()
    body = document.element.body
    ns = nsdecls("w", "r")
    for xml in (
        # Tracked changes: what Word shows (the insertion, not the deletion).
        f"<w:p {ns}><w:r><w:t xml:space='preserve'>Gas flows </w:t></w:r>"
        "<w:del w:id='1' w:author='E'><w:r><w:delText>in 2025</w:delText></w:r></w:del>"
        "<w:ins w:id='2' w:author='E'><w:r><w:t>from 2030</w:t></w:r></w:ins></w:p>",
        # A field: its result, not its code; a hyperlink's text.
        f"<w:p {ns}><w:r><w:t xml:space='preserve'>See page </w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
        "<w:r><w:instrText xml:space='preserve'> PAGEREF _Ref1 \\h </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>12</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r><w:r><w:t xml:space='preserve'> and </w:t>"
        "</w:r><w:hyperlink r:id='rId99'><w:r><w:t>the report</w:t></w:r></w:hyperlink></w:p>",
        # A content control around a paragraph.
        f"<w:sdt {ns}><w:sdtContent><w:p><w:r><w:t>Inside a control</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>",
        # A page break inside a paragraph ends it there.
        f"<w:p {ns}><w:r><w:t>Before the break</w:t><w:br w:type='page'/>"
        "<w:t>after it</w:t></w:r></w:p>",
    ):
        body.insert(len(body) - 1, parse_xml(xml))  # before the section properties
    path = tmp_path / "changes.docx"
    document.save(path)
    assert read_docx(path).text == (
        "Gas flows from 2030\n\nSee page 12 and the report\n\nInside a control\n\n"
        "Before the break\n\nafter it"
    )
