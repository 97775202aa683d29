"""Reading source files: a 100-page PDF, a 1 MB web page and a 200-page Word file, median of 5.

Generated from the seed articles (``corpus.build_paragraphs``) with the same builders the
tests use (``tests/formats/builders.py``, ``html_pages.py``): the PDF has two columns of 54
lines per page, drawn interleaved, with running heads and folios (Qt's QPdfWriter); the
web page is the news-site page of the tests with a 1 MB article; the Word file has a heading
per article and a page break between articles. A second PDF is made as most are, by an office
suite: a two-column Word file with a running head and page numbers, exported by LibreOffice
when it is installed. Targets: PDF <= 1 s, HTML <= 0.5 s, Word <= 1 s.

    python benchmarks/sources.py
"""

from __future__ import annotations

import difflib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
# The fixture builders of the tests make the files: one definition of what they hold.
sys.path.insert(0, str(ROOT / "tests" / "formats"))

import docx  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402
from builders import PdfPage, pour, typeset, write_article_docx, write_pdf  # noqa: E402
from corpus import build_paragraphs  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls  # noqa: E402
from html_pages import news_site  # noqa: E402
from seed_articles import SeedArticle  # noqa: E402

from annotator.core.content import SourceContent  # noqa: E402
from annotator.formats.pdf_reader import read_pdf  # noqa: E402
from annotator.formats.registry import read_source  # noqa: E402
from annotator.formats.word_reader import read_docx  # noqa: E402
from annotator.services.sources import add_paths  # noqa: E402
from annotator.store.library import Library  # noqa: E402

RUNS = 5


def make_pdf(path: Path, pages: int = 100) -> None:
    """Two columns drawn by Qt: one text object per glyph, PDFium's slowest kind of page."""
    paragraphs = build_paragraphs(pages * 5_000, seed=1)
    lines, _broken = typeset(paragraphs)
    laid_out = pour(lines, 54)[:pages]
    write_pdf(
        path,
        [
            PdfPage(
                columns,
                header=f"Journal of Eurasian Affairs 12 (2024)    {101 + n}",
                footer=str(101 + n),
                starts=starts,
            )
            for n, (columns, starts) in enumerate(laid_out)
        ],
        title="A hundred pages on Russia and China",
        author="Luna Pham",
    )


def make_pdf_libreoffice(path: Path, pages: int = 100) -> bool:
    """A two-column journal made the usual way: Word file, LibreOffice's PDF export.

    A running head and a PAGE field in the footer; its first ``pages`` pages are kept. False
    when LibreOffice (``soffice``) is not installed.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return False
    source = path.with_suffix(".docx")
    # The seeds carry stray no-break spaces from the web: a PDF shows them as plain spaces, so
    # the lines they kept together would look broken early (see ``paragraphs_kept``).
    paragraphs = [p.replace("\xa0", " ") for p in build_paragraphs(pages * 5_200, seed=4)]
    blocks = tuple(("p", p) for p in paragraphs)
    write_article_docx(source, [SeedArticle("Russia and China, at length", "", blocks)])
    document = docx.Document(source)
    section = document.sections[0]
    section._sectPr.append(parse_xml(f'<w:cols {nsdecls("w")} w:num="2" w:space="425"/>'))
    section.header.paragraphs[0].text = "Journal of Eurasian Affairs 12 (2024)"
    section.footer.paragraphs[0]._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )
    document.save(source)
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(path.parent), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    made = pdfium.PdfDocument(path.with_suffix(".pdf"))
    kept = pdfium.PdfDocument.new()
    kept.import_pages(made, list(range(min(pages, len(made)))))
    kept.save(path)
    return True


def make_html(path: Path, size: int = 1_000_000) -> None:
    paragraphs = build_paragraphs(size - 12_000, seed=2)  # the page around it is about 12 KB
    blocks = tuple(("p", p) for p in paragraphs)
    page = news_site(SeedArticle("A very long read on Russia and China", "", blocks))
    path.write_bytes(page.data)


def make_docx(path: Path, pages: int = 200) -> None:
    # About 3,300 characters make a page of 11 pt Calibri on A4 with Word's default margins.
    paragraphs = build_paragraphs(pages * 3_300, seed=3)
    articles = []
    for start in range(0, len(paragraphs), 40):
        chunk = paragraphs[start : start + 40]
        blocks = tuple(("h2" if i % 12 == 11 else "p", p) for i, p in enumerate(chunk))
        articles.append(SeedArticle(f"Part {len(articles) + 1}", "", blocks))
    write_article_docx(path, articles, title="Two hundred pages", author="Tim Rühlig")


def paragraphs_kept(pdf: Path) -> str:
    """How many paragraphs of the PDF read exactly as in the Word file LibreOffice made it of."""
    source = read_docx(pdf.with_suffix(".docx")).text.split("\n\n")
    read = read_pdf(pdf).text.split("\n\n")
    matcher = difflib.SequenceMatcher(None, source[: len(read) + 5], read, autojunk=False)
    same = sum(i2 - i1 for tag, i1, i2, _j1, _j2 in matcher.get_opcodes() if tag == "equal")
    return f"{same} of {len(read)} paragraphs as in the Word file"


def median_time(read: Callable[[Path], SourceContent], path: Path) -> tuple[float, SourceContent]:
    times = []
    got = read(path)
    for _ in range(RUNS):
        start = time.perf_counter()
        got = read(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times), got


def add_time(path: Path) -> float:
    """Median seconds to add the file to a new project: read, store, index (as ``add`` does)."""
    times = []
    for _ in range(3):
        with Library.open(None) as library:
            start = time.perf_counter()
            report = add_paths(library, [path])
            times.append(time.perf_counter() - start)
            assert report.added, report.refused
    return statistics.median(times)


def main() -> None:
    # Each file is read through the registry, as add, scan and the watcher read it ("read"),
    # and added to a new project: read, stored with its metadata and page map, indexed ("add").
    cases = [
        ("PDF, 100 pages", "qt.pdf", make_pdf, 1.0),
        ("PDF, 100 p., LO", "lo.pdf", make_pdf_libreoffice, 1.0),
        ("HTML, 1 MB", "sources.html", make_html, 0.5),
        ("Word, 200 pages", "sources.docx", make_docx, 1.0),
    ]
    print(f"{'source':18} {'file':>9} {'text':>11} {'read':>8} {'target':>7}       {'add':>7}")
    with tempfile.TemporaryDirectory() as folder:
        for label, name, make, target in cases:
            path = Path(folder) / name
            if make(path) is False:
                print(f"{label:18} skipped: LibreOffice (soffice) is not installed")
                continue
            seconds, got = median_time(read_source, path)
            verdict = "ok  " if seconds <= target else "SLOW"
            extra = f"  ({len(got.locations)} pages in the map)" if got.locations else ""
            if name == "lo.pdf":
                extra += f"; {paragraphs_kept(path)}"
            print(
                f"{label:18} {path.stat().st_size / 1e6:7.2f} MB {len(got.text):8,} ch "
                f"{seconds:7.3f} s {target:5.1f} s {verdict} {add_time(path):7.3f} s{extra}"
            )


if __name__ == "__main__":
    main()
