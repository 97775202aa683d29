"""Which CSV cells LibreOffice Calc evaluates, and what our CSV guard writes for each.

    python benchmarks/csv_in_libreoffice.py

Writes a CSV of cells that look like formulas (raw, and as ``formats.briefing_csv.text_cell``
writes them), converts it with ``soffice --headless --convert-to xlsx`` (needs LibreOffice
Calc) and reads each cell back from the .xlsx: prints whether Calc computed a value (the cell
ran as a formula) or kept the text.
"""

from __future__ import annotations

import csv
import html
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from annotator.formats.briefing_csv import text_cell

CELLS = [
    "=1+1",
    '=HYPERLINK("http://example.org","x")',
    "=A1",
    "+1+1",
    "-1+1",
    "@SUM(1;2)",
    "+cmd|' /C calc'!A0",
    "-text that starts with a dash",
    "- a bullet",
    "-5",
    "+44 20 7946 0000",
    "@home",
    "\t=1+1",
    " =1+1",
    "'=1+1",
]


def _read_back(xlsx: Path) -> list[str]:
    with zipfile.ZipFile(xlsx) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
        strings = []
        if "xl/sharedStrings.xml" in book.namelist():
            shared = book.read("xl/sharedStrings.xml").decode("utf-8")
            strings = [
                re.sub(r"<[^>]+>", "", s) for s in re.findall(r"<si>(.*?)</si>", shared, re.S)
            ]
    values = []
    for attrs, inner in re.findall(r'<c r="[A-Z]+\d+"([^>]*?)(?:/>|>(.*?)</c>)', sheet, re.S):
        found = re.search(r"<v>(.*?)</v>", inner or "")
        value = found.group(1) if found else ""
        values.append(html.unescape(strings[int(value)] if 't="s"' in attrs and value else value))
    return values


def main() -> int:
    soffice = shutil.which("soffice")
    if soffice is None:
        print("LibreOffice (soffice) is not installed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        source = base / "cells.csv"
        with source.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            for cell in CELLS:
                writer.writerow([cell, text_cell(cell)])
        profile = (base / "profile").as_uri()
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "xlsx",
                "--outdir",
                str(base),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        values = _read_back(base / "cells.xlsx")
    print(f"{'cell':36} {'raw: Calc shows':22} {'written as':38} {'Calc shows'}")
    for index, cell in enumerate(CELLS):
        raw, guarded = values[2 * index], values[2 * index + 1]
        evaluated = "EVALUATED " if raw != cell else ""
        print(f"{cell!r:36} {evaluated + repr(raw):22} {text_cell(cell)!r:38} {guarded!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
