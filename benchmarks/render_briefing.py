"""Build a project from the bundled seed articles and render its briefings to PNG pages to look at.

Usage: ``python benchmarks/render_briefing.py OUT_DIR [--no-render]``. The project is made the way a
user makes one (the store and services): the five seeds, a tree of twelve tags with parents and
children, passages found by keyword (some inside others, some carrying two tags), notes, document
metadata as the articles state it (bylines, outlets) and project settings for the title page. It
exports, through the same path as ``annotator export``: briefing.docx (by tag, with context),
briefing-by-document.docx, briefing-energy.docx (only the Energy tag selected),
briefing-comments.docx (notes as Word comments), briefing.md and briefing.csv; then, when
LibreOffice and poppler are installed, PDFs and 60 dpi PNG pages.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
from pathlib import Path

from annotator.bundled import seeds_dir
from annotator.core.models import ExcerptFilter
from annotator.services import commands as cmd
from annotator.services.briefing import default_options
from annotator.services.exporting import export
from annotator.services.sources import add_paths
from annotator.store.library import Library

# (name, parent, description, keywords): keywords pick the sentences a tag's quotes come from.
TAGS = [
    ("Geopolitics", None, "How the two powers position themselves.", ()),
    ("Alliance or partnership", "Geopolitics", "Is it an alliance?", ("alliance", "partnership")),
    ("Asymmetry", "Geopolitics", "Who depends on whom.", ("junior", "equal", "depend")),
    ("History", "Geopolitics", "Echoes of the Sino-Soviet past.", ("Stalin", "Mao", "Soviet")),
    ("War in Ukraine", None, "The invasion and its consequences.", ("Ukraine", "invasion")),
    ("Sanctions", "War in Ukraine", "Western sanctions and workarounds.", ("sanction",)),
    ("Economy", None, "Trade, energy and money.", ()),
    ("Trade", "Economy", "", ("trade", "export", "import")),
    ("Energy", "Economy", "Oil, gas and pipelines.", ("oil", "gas", "energy", "pipeline")),
    ("Military", None, "Arms, exercises and technology.", ("military", "weapons", "arms")),
    ("United States", None, "Washington as the common rival.", ("United States", "Washington")),
    ("Central Asia", None, "The shared neighbourhood.", ("Central Asia", "Kazakhstan")),
]
NOTES = [
    "Key claim: compare with the 2001 treaty wording before quoting in the memo.",
    "Strong quote for the opening section.",
    "Contradicts the second article's reading; flag for the discussion.",
    "",
    "Check the figure against official customs statistics (https://example.org/customs-2023).",
    "",
]
# What each article states about itself (bylines, mastheads); nothing guessed.
METADATA = {
    "001": {"authors": ["Luna Pham"]},
    "002": {
        "outlet": "Internationale Politik Quarterly",
        "citation_note": "Republished with permission.",
    },
    "003": {"authors": ["Katie Stallard"], "outlet": "New Statesman"},
}
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")


def build_project(path: Path) -> Library:
    library = Library.open(path)
    add_paths(library, [seeds_dir()])
    ids: dict[str, int] = {}
    for name, parent, description, _ in TAGS:
        parent_id = ids[parent] if parent else None
        ids[name] = library.tags.create(name, parent_id=parent_id, description=description).value.id
    library.tags.set_note(ids["Energy"], "Gas volumes matter more than the rhetoric.")
    spans: dict[tuple[int, int, int], set[int]] = {}
    for doc in library.documents.list():
        prefix = Path(doc.path).name[:3]
        if prefix in METADATA:
            cmd.set_document_metadata(library, doc.id, dict(METADATA[prefix])).redo()
        text = library.documents.text(doc.id)
        sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text)]
        for name, _parent, _desc, words in TAGS:
            hits = [
                s for s in sentences if any(w.lower() in text[s[0] : s[1]].lower() for w in words)
            ]
            for k, (start, end) in enumerate(hits[:2]):
                if k and len(text[start:end]) < 200:  # some quotes run over two sentences
                    end = next((e for s, e in sentences if s >= end), end)
                while text[start].isspace():
                    start += 1
                spans.setdefault((doc.id, start, end), set()).add(ids[name])
    for n, ((doc_id, start, end), tags) in enumerate(sorted(spans.items())):
        library.annotations.create(
            doc_id, start, end, tag_ids=sorted(tags), note=NOTES[n % len(NOTES)]
        )
    cmd.set_project_settings(
        library,
        {
            "title": "China and Russia: a fragile fraternity",
            "subtitle": "What five analyses say about the partnership",
            "author": "Asia desk",
            "summary_heading": "Key judgements",
        },
    ).redo()
    cmd.set_project_note(
        library,
        "Five recent analyses of the relationship between Beijing and Moscow since the invasion "
        "of Ukraine: whether it amounts to an alliance, how unequal it has become, and where the "
        "two governments' interests diverge.\nEach excerpt carries its source so it can be "
        "checked against the original.",
    ).redo()
    return library


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--no-render", action="store_true", help="skip PDF and PNG")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    project = args.out / "seeds.annotator"
    project.unlink(missing_ok=True)
    library = build_project(project)
    energy = next(t.id for t in library.tags.list() if t.name == "Energy")
    everything = ExcerptFilter()
    one_tag = ExcerptFilter(tag_ids=(energy,))
    variants = {
        "briefing": (everything, {"context": True}),
        "briefing-by-document": (everything, {"group_by": "document"}),
        "briefing-energy": (one_tag, {}),
        "briefing-comments": (everything, {"notes_as_comments": True}),
    }
    written = []
    for name, (selection, extra) in variants.items():
        options = default_options(library, selection, **extra)
        out = args.out / f"{name}.docx"
        print(export(library, "docx", out, selection, options=options))
        written.append(out)
    for key in ("md", "csv"):
        print(export(library, key, args.out / f"briefing.{key}", everything))
    library.close()
    if args.no_render or not (shutil.which("soffice") and shutil.which("pdftoppm")):
        return 0
    for path in written:
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(args.out), str(path)],
            check=True,
            capture_output=True,
        )
        pdf = path.with_suffix(".pdf")
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", str(pdf), str(args.out / f"{path.stem}-page")],
            check=True,
        )
        print(f"rendered {pdf} and {path.stem}-page-*.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
