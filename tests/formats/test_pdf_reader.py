"""PDFs read in reading order, without running heads, with repaired hyphens and a page map."""

from __future__ import annotations

import gc
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from builders import (
    JOURNAL_BREAKS,
    JOURNAL_HEADER,
    JOURNAL_PARAGRAPHS,
    JOURNAL_TITLE,
    PdfPage,
    assert_changes_within,
    encrypt_pdf,
    journal_pages,
    truncated_copy,
    typeset,
    write_journal_pdf,
    write_pdf,
    write_scanned_pdf,
)
from pypdf import PdfReader, PdfWriter

from annotator.core.textload import LoadError, NotRegularFile
from annotator.formats import pdf_reader
from annotator.formats.extracted import Incomplete
from annotator.formats.pdf_reader import read_pdf


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_journal_pdf(tmp_path_factory.mktemp("pdf") / "journal.pdf")


def test_two_columns_read_in_order_with_paragraphs_and_hyphens_repaired(journal: Path) -> None:
    got = read_pdf(journal)
    assert got.text == "\n\n".join(JOURNAL_PARAGRAPHS)
    # "inter-" / "national" and "relation-" / "ship" joined; "Sino-" / "Russian" kept.
    assert "international" in got.text and "relationship" in got.text
    assert "Sino-Russian" in got.text


def test_the_fixture_draws_its_columns_interleaved(journal: Path) -> None:
    # Without the layout analysis the columns would mix: PDFium's own order is row by row.
    with pdfium.PdfDocument(journal) as document:
        raw = document[0].get_textpage().get_text_range()
    assert raw.index("Central Asia and the Arctic") < raw.index("the opening of the Winter")


def test_running_heads_and_page_numbers_are_dropped(journal: Path) -> None:
    text = read_pdf(journal).text
    assert JOURNAL_HEADER.split()[0] not in text
    for folio in ("37", "38", "39"):
        assert folio not in text


def test_page_map_tells_the_page_of_every_offset(journal: Path) -> None:
    got = read_pdf(journal)
    assert [label for _offset, label in got.pages] == ["1", "2", "3"]
    text = got.text
    assert got.page_at(0) == "1"
    assert got.page_at(text.index("China buys")) == "1"
    # A paragraph runs on over each page break: pages 2 and 3 begin inside one.
    assert got.page_at(text.index("oil, gas and coal")) == "2"
    assert got.page_at(text.index("each would")) == "2"
    assert got.page_at(text.index("step back")) == "3"
    assert got.page_at(len(text) - 1) == "3"


def test_the_fixture_breaks_words_at_line_column_and_page_ends() -> None:
    _lines, broken = typeset(JOURNAL_PARAGRAPHS[1:], JOURNAL_BREAKS)
    assert broken == ["international", "Sino-Russian", "relationship"]
    first, second, third = journal_pages()
    assert first.columns[0][-1].endswith("aims in")  # a paragraph runs on into column 2
    assert first.columns[1][-1].endswith("China buys")  # and over the page break


def test_page_labels_of_the_pdf_are_used(journal: Path, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(journal))
    writer.set_page_label(0, 2, style="/D", start=37)  # the journal's own page numbers
    labelled = tmp_path / "labelled.pdf"
    writer.write(labelled)
    got = read_pdf(labelled)
    assert [label for _offset, label in got.pages] == ["37", "38", "39"]
    assert got.page_at(got.text.index("Over four")) == "39"


def test_metadata_from_the_document_information(journal: Path, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(journal))
    writer.add_metadata(
        {"/Author": "Luna Pham and Tim Rühlig", "/CreationDate": "D:20240312101500+01'00'"}
    )
    dated = tmp_path / "dated.pdf"
    writer.write(dated)
    got = read_pdf(dated)
    assert got.title == JOURNAL_TITLE
    assert got.authors == ("Luna Pham", "Tim Rühlig")
    # The day the file was made (printed, exported) is not the day the article appeared: a PDF
    # that names no journal or DOI gets no date from it.
    assert got.published == ""


def test_reading_twice_gives_the_same_text(journal: Path) -> None:
    assert read_pdf(journal) == read_pdf(journal)


def test_pdfs_read_on_several_threads_at_once_each_get_their_own_text(
    journal: Path, tmp_path: Path
) -> None:
    # The scan's worker, the watcher and an export can each read a PDF at the same time, and
    # PDFium is not thread-safe: the reads must not mix.
    edited = write_journal_pdf(tmp_path / "edited.pdf", edit={"every year": "twice a year"})
    expected = {journal: read_pdf(journal), edited: read_pdf(edited)}
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(read_pdf, [journal, edited] * 6))
    assert got == [expected[journal], expected[edited]] * 6


@pytest.mark.parametrize("collecting", [True, False])
def test_reading_a_pdf_leaves_the_cycle_collector_as_it_was(
    journal: Path, tmp_path: Path, collecting: bool
) -> None:
    # The reader holds the collector off while it works; the app keeps it off for good (it
    # collects on the GUI thread), a script keeps it on.
    scanned = write_scanned_pdf(tmp_path / "scan.pdf")
    was = gc.isenabled()
    (gc.enable if collecting else gc.disable)()
    try:
        read_pdf(journal)
        assert gc.isenabled() is collecting
        with pytest.raises(LoadError, match="needs OCR"):
            read_pdf(scanned)
        assert gc.isenabled() is collecting
    finally:
        (gc.enable if was else gc.disable)()


def test_an_edited_line_changes_only_its_paragraph(journal: Path, tmp_path: Path) -> None:
    before = read_pdf(journal).text
    edited = write_journal_pdf(tmp_path / "edited.pdf", edit={"every year": "twice a year"})
    after = read_pdf(edited)
    assert after.text == before.replace("every year", "twice a year")
    assert_changes_within(before, after.text, "Military ties")
    assert [label for _offset, label in after.pages] == ["1", "2", "3"]


def test_scanned_pdf_needs_ocr(tmp_path: Path) -> None:
    scanned = write_scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(LoadError, match="scan.pdf has no text layer: this PDF needs OCR first"):
        read_pdf(scanned)


def test_pages_without_text_layer_are_reported(tmp_path: Path) -> None:
    pages = journal_pages()
    pages.insert(1, PdfPage([["A page pasted in as a scan"]], scanned=True))  # page 2 of 4
    mixed = write_pdf(tmp_path / "mixed.pdf", pages)
    got = read_pdf(mixed)
    assert got.warnings == (
        "1 of 4 pages have no text layer (scanned?), their text is missing: page 2",
    )
    assert "pasted" not in got.text
    assert [label for _offset, label in got.pages] == ["1", "3", "4"]


def test_password_protected_pdf_is_refused(journal: Path, tmp_path: Path) -> None:
    locked = encrypt_pdf(journal, tmp_path / "locked.pdf")
    with pytest.raises(LoadError, match="locked.pdf is password-protected"):
        read_pdf(locked)


def test_pdf_with_only_an_owner_password_reads(journal: Path, tmp_path: Path) -> None:
    # Encrypted against editing, not against reading: opens without a password.
    writer = PdfWriter(clone_from=PdfReader(journal))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    restricted = tmp_path / "restricted.pdf"
    writer.write(restricted)
    assert read_pdf(restricted).text == "\n\n".join(JOURNAL_PARAGRAPHS)


def test_truncated_pdf_is_incomplete(journal: Path, tmp_path: Path) -> None:
    half = truncated_copy(journal, tmp_path / "half.pdf")
    with pytest.raises(Incomplete, match="half.pdf looks incomplete"):
        read_pdf(half)


def test_damaged_pdf_is_refused(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\n" + os.urandom(2000) + b"\n%%EOF\n")
    with pytest.raises(LoadError, match="damaged.pdf is a damaged PDF") as caught:
        read_pdf(damaged)
    assert not isinstance(caught.value, Incomplete)


def test_a_file_that_is_not_a_pdf_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "notes.pdf"
    fake.write_text("Just some notes saved with the wrong name.\n", encoding="utf-8")
    with pytest.raises(LoadError, match="notes.pdf is not a PDF file"):
        read_pdf(fake)


def test_pdf_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.pdf"
    with open(huge, "wb") as file:
        file.truncate(pdf_reader.MAX_BYTES + 1)  # sparse: nothing is written
    with pytest.raises(LoadError, match=r"huge.pdf is 200.0 MB; PDF files over 200 MB are not"):
        read_pdf(huge)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_is_never_opened(tmp_path: Path, finishes) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFile, match="pipe.pdf is not a regular file"):
        finishes(lambda: read_pdf(fifo))


XMP = """<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:prism="http://prismstandard.org/namespaces/basic/2.0/"
 prism:publicationName="Journal of Eurasian Affairs" prism:doi="10.1234/jea.2024.037">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Partners Without an Alliance</rdf:li>
</rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>Luna Pham</rdf:li><rdf:li>Tim Rühlig</rdf:li></rdf:Seq></dc:creator>
<prism:publicationDate>2024-03</prism:publicationDate>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""


def with_xmp(source: Path, target: Path, info: dict[str, str]) -> Path:
    """A copy of ``source`` with this information dictionary and the XMP packet above."""
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.metadata = None
    writer.add_metadata(info)
    stream = DecodedStreamObject()
    stream.set_data(XMP.encode("utf-8"))  # uncompressed, as the XMP standard asks
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
    writer.write(target)
    return target


def test_xmp_fills_what_the_information_dictionary_lacks(journal: Path, tmp_path: Path) -> None:
    # The title a word processor makes up is no title: XMP's is used instead.
    made = with_xmp(journal, tmp_path / "xmp.pdf", {"/Title": "Microsoft Word - draft3.docx"})
    got = read_pdf(made)
    assert (got.title, got.authors, got.published, got.outlet, got.url) == (
        "Partners Without an Alliance",
        ("Luna Pham", "Tim Rühlig"),
        "2024-03",
        "Journal of Eurasian Affairs",
        "https://doi.org/10.1234/jea.2024.037",
    )


def test_the_information_dictionary_comes_before_xmp(journal: Path, tmp_path: Path) -> None:
    made = with_xmp(
        journal,
        tmp_path / "both.pdf",
        {"/Title": "Info's title", "/Author": "Katie Stallard", "/CreationDate": "D:2023"},
    )
    got = read_pdf(made)
    assert (got.title, got.authors, got.published) == (
        "Info's title",
        ("Katie Stallard",),
        "2024-03",  # the publication date beats the file's creation date
    )
    assert got.outlet == "Journal of Eurasian Affairs"


def test_a_publishers_pdf_without_a_publication_date_is_dated_by_its_creation(
    journal: Path, tmp_path: Path
) -> None:
    made = with_xmp(journal, tmp_path / "x.pdf", {"/CreationDate": "D:20231105"})
    text = made.read_bytes().replace(b"<prism:publicationDate>2024-03</prism:publicationDate>", b"")
    made.write_bytes(text)
    got = read_pdf(made)
    assert got.outlet == "Journal of Eurasian Affairs" and got.published == "2023-11-05"
