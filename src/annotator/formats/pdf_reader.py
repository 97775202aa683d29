"""Read a PDF's text layer (pypdfium2) in reading order, with a page map and its metadata.

Each page's words and their boxes come from PDFium; ``pdf_layout`` makes lines, orders columns
and finds paragraph starts, ``pdf_furniture`` drops running headers, footers and page numbers.
A paragraph that runs on over a column or page break continues unless the line before ended a
sentence short of the column's edge and the next one is indented or after a wider gap.

Hyphenation at a line end ("inter-" / "national") is repaired by dropping the hyphen and
joining the halves, except where the hyphen is probably real: the second half starts with a
capital or a digit ("Sino-" / "Russian", "COVID-" / "19"), the first half holds a digit or
ends in punctuation ("1990-" / "ies", "U.S.-" / "engineered"), or the document spells the
hyphenated word elsewhere and never the joined one ("well-known"); then the halves join with
the hyphen kept. A hyphen before "and", "or", "to" waits for its word: "mid- and long-range"
keeps its space. A soft hyphen (U+00AD) at a line end always joins; a dash set closed
("largest—" / "more") joins without a space.

The page map has a breakpoint where each page's text begins, labelled with the PDF's own page
labels ("iv", "12") when it has them, else 1, 2, 3 ...
"""

from __future__ import annotations

import ctypes
import gc
import re
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from annotator.core.textload import LoadError, read_bytes
from annotator.formats.extracted import Extracted, Incomplete, clean_paragraph
from annotator.formats.pdf_furniture import furniture
from annotator.formats.pdf_layout import (
    Line,
    Word,
    ends_hyphenated,
    make_lines,
    mark_paragraphs,
    reading_order,
)
from annotator.formats.pdf_meta import pdf_metadata
from annotator.formats.pdfium_lock import PDFIUM
from annotator.formats.source_file import check_text_size

# PDFs carry images and fonts: a long illustrated report can be 100 MB and more, and only its
# text layer is read. The whole file is read into memory first, so a writer saving it again
# meanwhile cannot change it under PDFium.
MAX_BYTES = 200 * 1024 * 1024
SUFFIXES = (".pdf",)

# PDFium joins a word hyphenated at a line end into one, its hyphen turned into U+FFFE (or
# U+0002): split it there again, each half keeps its own box (and the first half a hyphen).
# A no-break space does not end a word: the typesetter kept "that Russia has" together.
_TOKEN = re.compile(r"[^ \t\r\n\x00-\x08\x0b-\x1f\ufffe]+[\ufffe\x02]?|\ufffe")
_DASHES = ("\u2013", "\u2014")
# After "mid-", these begin the rest of a phrase like "mid- and long-range".
_CONJUNCTIONS = {"and", "or", "to", "und", "oder", "bis", "et", "ou", "и", "или", "y", "o", "e"}
_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass
class _Page:
    label: str
    lines: list[Line]
    height: float


def read_pdf(path: Path | str) -> Extracted:
    """The text and metadata of the PDF ``path``; LoadError (or Incomplete) when unreadable."""
    path = Path(path)
    data = read_bytes(path, MAX_BYTES, "PDF")
    _check_shape(data, path)
    with PDFIUM, _collector_paused():
        document = _open(data, path)
        try:
            meta = pdf_metadata(document, data)
            pages, unreadable = _pages(document)
        finally:
            document.close()
        if not pages:
            raise LoadError(f"{path.name} has no pages")
        empty = [page.label for page in pages if not page.lines]
        if len(empty) == len(pages):
            raise LoadError(f"{path.name} has no text layer: this PDF needs OCR first")
        text, breakpoints = _assemble(pages)
    if not text:
        raise LoadError(f"no text found in {path.name}")
    check_text_size(text, path)
    warnings = []
    if empty:
        shown = ", ".join(empty[:5]) + (" ..." if len(empty) > 5 else "")
        warnings.append(
            f"{len(empty)} of {len(pages)} pages have no text layer (scanned?), their text is "
            f"missing: {'page' if len(empty) == 1 else 'pages'} {shown}"
        )
    if unreadable:
        warnings.append(f"pages that could not be read: {', '.join(unreadable)}")
    return Extracted(
        text=text,
        title=meta.title,
        authors=meta.authors,
        published=meta.published,
        url=meta.url,
        outlet=meta.outlet,
        pages=tuple(breakpoints),
        warnings=tuple(warnings),
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector held off: a long PDF makes ~100,000 word and line objects, none
    in a cycle, and each collection they trigger walks every object of the process (~10% of
    the read). The app collects on its GUI thread only, with the collector already off."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _check_shape(data: bytes, path: Path) -> None:
    if b"%PDF-" not in data[:1024]:
        raise LoadError(f"{path.name} is not a PDF file")
    # The end-of-file marker is written last (in the final 1024 bytes, says the standard):
    # without it the file is most likely still being written.
    if b"%%EOF" not in data[-1024:]:
        raise Incomplete(f"{path.name} looks incomplete (no end-of-file marker); retry later")


def _open(data: bytes, path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise LoadError(f"{path.name} is password-protected") from error
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise LoadError(
                f"{path.name} is encrypted in a way that cannot be opened here"
            ) from error
        raise LoadError(f"{path.name} is a damaged PDF ({error})") from error


def _pages(document: pdfium.PdfDocument) -> tuple[list[_Page], list[str]]:
    """Each page's lines, and the labels of pages PDFium could not load.

    PDFium loads a page in C with Python's lock released, so a second thread lays out the
    words of the page before meanwhile (pure Python: it never calls PDFium, which is not
    thread-safe). Two pages are open at a time. Nothing else calls PDFium while the layout
    runs: each short call would hand Python's lock to the layout thread for a whole switch
    interval.
    """
    labels = [document.get_page_label(i) or str(i + 1) for i in range(len(document))]
    pages: list[_Page] = []
    unreadable: list[str] = []
    with ThreadPoolExecutor(1, thread_name_prefix="pdf-layout") as layout:
        laid_out: _Loaded | None = None
        try:
            for index, label in enumerate(labels):
                try:
                    loading: _Loaded | None = _Loaded(label, document[index])
                except pdfium.PdfiumError:
                    unreadable.append(label)
                    loading = None
                if loading is not None:
                    try:
                        loading.textpage = loading.page.get_textpage()
                    except BaseException:
                        loading.close()
                        raise
                if laid_out is not None:
                    done, laid_out = laid_out, None
                    pages.append(done.finish())
                if loading is not None:
                    laid_out = loading
                    laid_out.start(layout)
            if laid_out is not None:
                done, laid_out = laid_out, None
                pages.append(done.finish())
        finally:
            if laid_out is not None:
                laid_out.close()
    return pages, unreadable


@dataclass
class _Loaded:
    """A page open in PDFium, its words being laid out into lines."""

    label: str
    page: pdfium.PdfPage
    textpage: pdfium.PdfTextPage | None = None
    lines: Future[list[Line]] | None = None

    def start(self, layout: ThreadPoolExecutor) -> None:
        """Read the words (here) and lay them out into lines (on ``layout``)."""
        assert self.textpage is not None
        self.lines = layout.submit(make_lines, _words(self.textpage))

    def finish(self) -> _Page:
        """The page with its lines, closed in PDFium."""
        assert self.textpage is not None and self.lines is not None
        try:
            lines = self.lines.result()
            # Glyph boxes vary with the letters (and some fonts carry no ascent): the font size
            # says where a heading starts.
            raw, font_size = self.textpage.raw, pdfium_c.FPDFText_GetFontSize
            for line in lines:
                line.size = font_size(raw, line.words[0].index) or line.size
            return _Page(self.label, lines, self.page.get_height())
        finally:
            self.close()

    def close(self) -> None:
        if self.lines is not None:
            self.lines.cancel()
        if self.textpage is not None:
            self.textpage.close()
        self.page.close()


# FPDFText_GetLooseCharBox(text page, index, FS_RECTF *) called through a prototype whose
# arguments are plain pointers: ctypes converts them much faster than pypdfium2's typed ones,
# and a 100-page PDF makes ~140,000 calls.
_LOOSE_BOX_AT = ctypes.cast(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_void_p).value
if not _LOOSE_BOX_AT:  # pragma: no cover (a PDFium without the function fails to load)
    raise ImportError("PDFium has no FPDFText_GetLooseCharBox")
_LOOSE_BOX = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)(
    _LOOSE_BOX_AT
)


def _words(textpage: pdfium.PdfTextPage) -> list[Word]:
    count = textpage.count_chars()
    if count <= 0:
        return []
    raw = textpage.raw
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # characters beyond UCS-2, or left out: read them one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 32) for i in range(count))
    box = pdfium_c.FS_RECTF()
    page = ctypes.c_void_p(ctypes.cast(raw, ctypes.c_void_p).value)
    into = ctypes.c_void_p(ctypes.addressof(box))
    loose_box = _LOOSE_BOX
    words: list[Word] = []
    append = words.append
    for match in _TOKEN.finditer(text):
        first, last = match.span()
        if not loose_box(page, first, into):
            continue
        x0, top, bottom = box.left, box.top, box.bottom
        if last - first > 1 and loose_box(page, last - 1, into):
            if box.top > top:
                top = box.top
            if box.bottom < bottom:
                bottom = box.bottom
        if top > bottom:
            token = match.group()
            if "\ufffe" in token or "\x02" in token:
                token = token.replace("\ufffe", "-").replace("\x02", "-")
            append(Word(token, x0, box.right, bottom, top, first))
    return words


def _assemble(pages: list[_Page]) -> tuple[str, list[tuple[int, str]]]:
    """The text of all pages, and where each page's text starts in it."""
    dropped = furniture([(page.lines, page.height) for page in pages])
    ordered: list[tuple[int, Line]] = []
    for number, page in enumerate(pages):
        body = [line for line in page.lines if id(line) not in dropped[number]]
        lines = reading_order(body)
        mark_paragraphs(lines, ordered[-1][1] if ordered else None)
        ordered.extend((number, line) for line in lines)
    # Words never run over a line's end here: a hyphen, soft hyphen or newline is no letter.
    joined = "\n".join([line.text for _n, line in ordered])
    vocabulary = Counter(map(str.lower, _WORDS.findall(joined)))
    parts: list[str] = []
    length = 0
    breakpoints: list[tuple[int, str]] = []
    last_page = -1
    for number, line in ordered:
        piece = clean_paragraph(line.text).replace("\n", " ")
        if not piece:
            continue
        if parts:
            if line.starts_paragraph:
                kept, joiner = parts[-1].rstrip(), "\n\n"
            else:
                kept, joiner = _join(parts[-1], piece, vocabulary)
            length += len(kept) - len(parts[-1]) + len(joiner)
            parts[-1] = kept
            parts.append(joiner)
        if number != last_page:
            breakpoints.append((length, pages[number].label))
            last_page = number
        parts.append(piece)
        length += len(piece)
    return "".join(parts), breakpoints


def _join(before: str, after: str, vocabulary: Counter[str]) -> tuple[str, str]:
    """(``before`` as it stays, what goes between it and ``after``): a space, or nothing."""
    if before.endswith(_DASHES) and not before[:-1].endswith(" "):
        return before, ""  # "largest—" / "more": a dash set closed breaks without a space
    if not ends_hyphenated(before) or not after[:1].isalnum():
        return before, " "
    if before[-1] == "\u00ad":
        return before[:-1], ""
    head = before[:-1].rsplit(" ", 1)[-1]
    tail = after.split(" ", 1)[0]
    if tail.lower() in _CONJUNCTIONS:
        return before[:-1] + "-", " "  # "mid- and long-range": a hyphen waiting for its word
    if not head[-1].isalpha() or any(c.isdigit() for c in head):
        return before[:-1] + "-", ""  # "U.S.-" / "engineered", "1990-" / "ies"
    if tail[0].isupper() or tail[0].isdigit():
        return before[:-1] + "-", ""  # "Sino-" / "Russian", "COVID-" / "19"
    words = _WORDS.findall(head)
    right = _WORDS.findall(tail)
    if words and right:
        hyphenated = f"{words[-1]}-{right[0]}".lower()
        if vocabulary[hyphenated] and not vocabulary[(words[-1] + right[0]).lower()]:
            return before[:-1] + "-", ""  # "well-" / "known" where the text spells it so
    return before[:-1], ""
