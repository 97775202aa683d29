"""Source files for the reader tests and benchmarks: Word files, PDFs and half-written copies.

Word files are written with python-docx (and raw XML for what it lacks: a footnote, a text box);
PDFs with Qt's QPdfWriter, drawing each line with QPainter at a known place, so a test knows
which text sits in which column of which page. Page lines are drawn row by row across the
columns, as some PDF producers emit them, so a reader that follows the drawing order instead of
the layout reads the columns interleaved.
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from seed_articles import SeedArticle

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# --- Word -----------------------------------------------------------------------------------

REPORT_TITLE = "Power of Siberia 2: Where the Talks Stand"
REPORT_FOOTNOTE = "Gazprom, Annual Report 2023, p. 14."
REPORT_COMMENT = "Check this figure against the customs data."
REPORT_BOX = "Key figure: 50 billion cubic metres a year."


def write_report_docx(path: Path) -> Path:
    """A short briefing as people write them in Word, with every structure the reader handles.

    Title and headings, a paragraph carrying a footnote and a comment, a bullet list, a
    numbered list with a nested level, a table with a merged cell, a text box, and a paragraph
    with a tab, a line break, a soft hyphen and a non-breaking hyphen. Core properties: title,
    two authors, created 12 March 2024.
    """
    document = docx.Document()
    core = document.core_properties
    core.title = REPORT_TITLE
    core.author = "Luna Pham; Tim Rühlig"
    core.created = datetime(2024, 3, 12, 9, 30, tzinfo=UTC)
    core.modified = datetime(2024, 5, 2, 16, 0, tzinfo=UTC)
    document.add_paragraph(REPORT_TITLE, style="Title")
    document.add_heading("Background", level=1)
    intro = document.add_paragraph(
        "Russia and China signed a memorandum on the pipeline in 2022, but the price is still open."
    )
    _add_footnote(document, intro, REPORT_FOOTNOTE)
    figure = intro.add_run(" Gazprom expects the first gas in 2030.")
    document.add_comment([figure], text=REPORT_COMMENT, author="Editor", initials="ED")
    document.add_heading("What each side wants", level=2)
    for item in ("Moscow wants a signed contract", "Beijing wants a price near Russian tariffs"):
        document.add_paragraph(item, style="List Bullet")
    steps = _numbered_list(document)
    _list_item(document, "Agree the price", steps, 0)
    _list_item(document, "Agree the route", steps, 0)
    _list_item(document, "Through Mongolia", steps, 1)
    _list_item(document, "Through Kazakhstan", steps, 1)
    _list_item(document, "Fund the construction", steps, 0)
    document.add_paragraph("Financing follows the contract.")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(
        (("Pipeline", "Capacity", "Status"),
         ("Power of Siberia 1", "38 bcm", "Operating"),
         ("Power of Siberia 2", "50 bcm", "Planned"))
    ):  # fmt: skip
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    merged = table.cell(1, 2).merge(table.cell(2, 2))
    merged.text = "See the text"
    boxed = document.add_paragraph("The talks resume in June.")
    _add_text_box(boxed, REPORT_BOX)
    odd = document.add_paragraph()
    odd.add_run("Route:\tWestern")
    odd.add_run().add_break()
    odd.add_run("Length: 2,600 km")
    odd._p.append(
        parse_xml(
            f"<w:r {nsdecls('w')}><w:t xml:space='preserve'> of pipe; trans</w:t><w:softHyphen/>"
            "<w:t>continental, Sino</w:t><w:noBreakHyphen/><w:t>Mongolian.</w:t></w:r>"
        )
    )
    document.save(path)
    return path


def _numbered_list(document: docx.document.Document) -> int:
    """A two-level numbered list ("1.", then "a)") as Word defines one; returns its numId."""
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{kind}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for level, kind, text in ((0, "decimal", "%1."), (1, "lowerLetter", "%2)"))
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        f'<w:multiLevelType w:val="hybridMultilevel"/>{levels}</w:abstractNum>'
    )
    first_num = numbering.find(f"{{{W_NS}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)  # the schema wants every abstractNum before the nums
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    return 90


def _list_item(document: docx.document.Document, text: str, num_id: int, level: int) -> None:
    paragraph = document.add_paragraph(text, style="List Paragraph")
    numbers = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numbers.get_or_add_ilvl().val = level
    numbers.get_or_add_numId().val = num_id


def _add_footnote(document: docx.document.Document, paragraph: object, text: str) -> None:
    """A footnotes part (python-docx has no footnote API) and a reference in ``paragraph``."""
    xml = (
        f'<w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        "</w:r></w:p></w:footnote>"
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        xml.encode("utf-8"),
        document.part.package,
    )
    document.part.relate_to(part, RT.FOOTNOTES)
    paragraph._p.append(  # type: ignore[attr-defined]
        parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference w:id="1"/></w:r>')
    )


def _add_text_box(paragraph: object, text: str) -> None:
    """A floating text box as Word writes it: DrawingML, with a VML copy for old readers."""
    box = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    xml = (
        f"<w:r {nsdecls('w', 'wp', 'a')} "
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
        '<mc:Choice Requires="wps"><w:drawing><wp:inline><wp:extent cx="1828800" cy="457200"/>'
        '<wp:docPr id="7" name="Text Box 7"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        f"<wps:txbx>{box}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
        "</wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
        f"{box}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    paragraph._p.append(parse_xml(xml))  # type: ignore[attr-defined]


def write_article_docx(
    path: Path, articles: Sequence[SeedArticle], *, title: str = "", author: str = ""
) -> Path:
    """The articles one after another as a Word file: headings, paragraphs, a page break each."""
    document = docx.Document()
    document.core_properties.title = title or articles[0].title
    document.core_properties.author = author
    document.core_properties.created = datetime(2024, 1, 15, tzinfo=UTC)
    for index, article in enumerate(articles):
        if index:
            document.add_page_break()
        document.add_heading(article.title, level=1)
        for kind, text in article.blocks:
            if kind == "h2":
                document.add_heading(text, level=2)
            else:
                document.add_paragraph(text)
    document.save(path)
    return path


# --- PDF --------------------------------------------------------------------------------------


@dataclass
class PdfPage:
    """One page: columns of lines top to bottom; a line starting a paragraph is indented."""

    columns: list[list[str]]
    header: str = ""
    footer: str = ""
    title: str = ""  # a full-width heading above the columns
    starts: set[tuple[int, int]] = field(default_factory=set)  # (column, line) starting a paragraph
    scanned: bool = False  # drawn as an image of its lines: no text layer


PAGE_W, PAGE_H = 595, 842  # A4 in points
MARGIN, GUTTER, LINE = 56, 24, 13.0
FONT_SIZE = 8.5
INDENT = 12  # a paragraph's first line
COLUMN_WIDTH = (PAGE_W - 2 * MARGIN - GUTTER) / 2


def _app() -> object:
    from PySide6.QtWidgets import QApplication

    # A QApplication (not a QGuiApplication): the widget tests of the same run need one.
    return QApplication.instance() or QApplication([])


def write_pdf(path: Path, pages: Sequence[PdfPage], *, title: str = "", author: str = "") -> Path:
    """Draw ``pages`` into a PDF with a real text layer (fonts embedded by Qt)."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QFont, QPageSize, QPainter, QPdfWriter

    _app()
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(72)  # one unit is one point
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setTitle(title)
    writer.setAuthor(author)
    painter = QPainter(writer)
    body = QFont("DejaVu Serif")
    body.setPointSizeF(FONT_SIZE)
    heading = QFont("DejaVu Serif")
    heading.setPointSizeF(15)
    heading.setBold(True)
    try:
        _draw(writer, painter, pages, body, heading)
    finally:
        painter.end()
    return path


def _draw(writer: Any, painter: Any, pages: Sequence[PdfPage], body: Any, heading: Any) -> None:
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QFontMetricsF

    column_width = COLUMN_WIDTH
    metrics = QFontMetricsF(body, writer)  # at the PDF's 72 dpi, not the screen's
    for number, page in enumerate(pages):
        if number:
            writer.newPage()
        if page.scanned:
            painter.drawImage(QRectF(0, 0, PAGE_W, PAGE_H), _scan(page.columns, body))
            continue
        painter.setFont(body)
        if page.header:
            painter.drawText(QPointF(MARGIN, 36), page.header)
        top = 80.0
        if page.title:
            painter.setFont(heading)
            painter.drawText(QPointF(MARGIN, top), page.title)
            painter.setFont(body)
            top += 34
        rows = max((len(c) for c in page.columns), default=0)
        for row in range(rows):  # across the columns, row by row: not the reading order
            for col, lines in enumerate(page.columns):
                if row < len(lines) and lines[row]:
                    indent = INDENT if (col, row) in page.starts else 0
                    if metrics.horizontalAdvance(lines[row]) + indent > column_width:
                        raise ValueError(f"line wider than its column: {lines[row]!r}")
                    x = MARGIN + col * (column_width + GUTTER) + indent
                    painter.drawText(QPointF(x, top + row * LINE), lines[row])
        if page.footer:
            painter.drawText(QPointF(PAGE_W / 2 - 8, PAGE_H - 30), page.footer)


JOURNAL_TITLE = "Partners Without an Alliance: Russia and China"
JOURNAL_HEADER = "Journal of Eurasian Affairs 12 (2024)"
JOURNAL_PARAGRAPHS = [
    JOURNAL_TITLE,
    "Three weeks before Russian tanks rolled into Ukraine, Vladimir Putin travelled to Beijing "
    "for the opening of the Winter Olympics.",
    "Bilateral ties between the two powers are more complex than they seem. Their international "
    "standing differs, and so do their aims in Central Asia and the Arctic.",
    "The border was settled only in 2008, after forty years of patient and very difficult "
    "Sino-Russian talks about the islands in the Amur and the Ussuri.",
    "Trade has grown fast since 2014. China buys oil, gas and coal; Russia buys machines, cars "
    "and electronics from its neighbour.",
    "Yet the trade is lopsided, and Moscow worries about its dependence on a single buyer in the "
    "east. Gazprom still hopes for a contract on the Power of Siberia 2 pipeline, but the price "
    "is not agreed.",
    "Military ties are closer than before. Joint exercises are held every year, and the two "
    "navies patrol together in the Pacific.",
    "Neither side wants a formal alliance. Each keeps its freedom of manoeuvre, and each would "
    "step back if the cost of the partnership grew too high. Officials in Beijing all describe "
    "the relationship as a partnership of equals.",
    "Over four centuries the neighbours have learned to value each other, and to keep their "
    "distance.",
]
# Where the typesetter may break a word at a line end (the first part's length).
JOURNAL_BREAKS = {"international": 5, "Sino-Russian": 5, "relationship": 8}
JOURNAL_LINES = 6  # lines per column: the article runs over three pages
JOURNAL_FIRST_PAGE = 37  # the journal's page numbers, printed in the header and the footer


def journal_pages(edit: dict[str, str] | None = None) -> list[PdfPage]:
    """The pages of a two-column journal article; ``edit`` replaces words before typesetting."""
    paragraphs = []
    for paragraph in JOURNAL_PARAGRAPHS[1:]:
        for old, new in (edit or {}).items():
            paragraph = paragraph.replace(old, new)
        paragraphs.append(paragraph)
    lines, _used = typeset(paragraphs, JOURNAL_BREAKS)
    pages = []
    for number, (columns, starts) in enumerate(pour(lines, JOURNAL_LINES)):
        folio = JOURNAL_FIRST_PAGE + number
        pages.append(
            PdfPage(
                columns,
                header=f"{JOURNAL_HEADER}    {folio}",
                footer=str(folio),
                title=JOURNAL_TITLE if number == 0 else "",
                starts=starts,
            )
        )
    return pages


def write_journal_pdf(path: Path, edit: dict[str, str] | None = None) -> Path:
    """A three-page, two-column article with running heads, page numbers and hyphenation."""
    return write_pdf(path, journal_pages(edit), title=JOURNAL_TITLE, author="Luna Pham")


def typeset(
    paragraphs: Sequence[str], breaks: dict[str, int] | None = None
) -> tuple[list[tuple[str, bool]], list[str]]:
    """Paragraphs filled into column-wide lines as a typesetter does, first lines indented.

    A word that does not fit goes to the next line, unless ``breaks`` says where it may be
    hyphenated and its first part fits. Returns the lines (each with whether it starts a
    paragraph) and the words that were broken.
    """
    from PySide6.QtCore import QBuffer
    from PySide6.QtGui import QFont, QFontMetricsF, QPdfWriter

    _app()
    device = QPdfWriter(QBuffer())
    device.setResolution(72)
    font = QFont("DejaVu Serif")
    font.setPointSizeF(FONT_SIZE)
    metrics = QFontMetricsF(font, device)
    lines: list[tuple[str, bool]] = []
    used: list[str] = []
    for paragraph in paragraphs:
        line, start = "", True
        for word in paragraph.split():
            width = COLUMN_WIDTH - (INDENT if start else 0) - 1
            candidate = f"{line} {word}" if line else word
            if metrics.horizontalAdvance(candidate) <= width:
                line = candidate
                continue
            bare = word.strip(".,;:")
            cut = (breaks or {}).get(bare, 0)
            head = word[:cut] + ("" if word[cut - 1 : cut] == "-" else "-")
            if cut and metrics.horizontalAdvance(f"{line} {head}") <= width:
                lines.append((f"{line} {head}", start))
                used.append(bare)
                line, start = word[cut:], False
            else:
                lines.append((line, start))
                line, start = word, False
        lines.append((line, start))
    return lines, used


def pour(
    lines: list[tuple[str, bool]], per_column: int
) -> list[tuple[list[list[str]], set[tuple[int, int]]]]:
    """Typeset lines poured into two-column pages: per page, its columns and paragraph starts."""
    pages = []
    for first in range(0, len(lines), 2 * per_column):
        chunk = lines[first : first + 2 * per_column]
        columns = [[t for t, _ in chunk[:per_column]], [t for t, _ in chunk[per_column:]]]
        starts = {(i // per_column, i % per_column) for i, (_t, s) in enumerate(chunk) if s}
        pages.append((columns, starts))
    return pages


def _scan(columns: list[list[str]], font: Any) -> Any:
    """A page image of ``columns``' lines, as a scanner sees the printed page."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(PAGE_W, PAGE_H, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    for col, lines in enumerate(columns):
        for row, line in enumerate(lines):
            painter.drawText(QPointF(MARGIN + col * (COLUMN_WIDTH + GUTTER), 80 + row * LINE), line)
    painter.end()
    return image


def write_scanned_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF of page images only, as a scanner makes: text you can see but no text layer."""
    scans = [
        PdfPage(
            [[f"Scanned line {row + 1} of page {number + 1}" for row in range(30)]], scanned=True
        )
        for number in range(pages)
    ]
    return write_pdf(path, scans)


def encrypt_pdf(source: Path, target: Path, password: str = "secret") -> Path:
    """A copy of ``source`` that needs ``password`` to open (RC4-128: no crypto library needed)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    with open(target, "wb") as file:
        writer.write(file)
    return target


def assert_changes_within(before: str, after: str, paragraph_start: str) -> None:
    """Every difference between the two texts lies inside the paragraph starting so."""
    start = before.index(paragraph_start)
    end = before.find("\n\n", start)
    end = len(before) if end < 0 else end
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag != "equal":
            assert start <= i1 <= i2 <= end, (tag, i1, i2, before[i1:i2])


# --- Damaged files --------------------------------------------------------------------------


def truncated_copy(source: Path, target: Path, keep: float = 0.6) -> Path:
    """The first ``keep`` of ``source``: what a reader sees while a writer is still at work."""
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * keep)])
    return target


def zip_that_is_not_word(target: Path) -> Path:
    """A valid zip archive holding no Word document (a folder of notes, zipped)."""
    import zipfile

    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("notes/readme.txt", "Interview notes, not a Word file.\n")
    return target


def docx_bytes(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
