"""Compile a seed-like briefing (a dozen tags over the bundled articles) and render it to PNG pages.

Usage: ``python benchmarks/render_briefing.py OUT_DIR [--no-render]``. Writes briefing.docx (by tag,
notes inline, orphans appendix), briefing-comments.docx (notes as Word comments),
briefing-by-document.docx, briefing.md and briefing.csv; then, when LibreOffice and poppler are
installed (``apt-get install libreoffice-writer-nogui poppler-utils``), PDFs and 60 dpi PNG pages to
look at.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

from annotator.briefing.writer import write_briefing
from annotator.bundled import seeds_dir
from annotator.core.briefing import BriefingOptions, build_briefing
from annotator.core.models import AnchorStatus, Annotation, DocStatus, Document, Tag
from annotator.formats.briefing_csv import write_csv
from annotator.formats.briefing_markdown import write_markdown

# (id, name, parent, description, keywords): keywords pick the sentences a tag's quotes come from.
TAGS = [
    (1, "Geopolitics", None, "How the two powers position themselves.", ()),
    (2, "Alliance or partnership", 1, "Is it an alliance?", ("alliance", "partnership")),
    (3, "Asymmetry", 1, "Who depends on whom.", ("junior", "equal", "depend")),
    (4, "History", 1, "Echoes of the Sino-Soviet past.", ("Stalin", "Mao", "Soviet")),
    (5, "War in Ukraine", None, "The invasion and its consequences.", ("Ukraine", "invasion")),
    (6, "Sanctions", 5, "Western sanctions and workarounds.", ("sanction",)),
    (7, "Economy", None, "Trade, energy and money.", ()),
    (8, "Trade", 7, "", ("trade", "export", "import")),
    (9, "Energy", 7, "Oil, gas and pipelines.", ("oil", "gas", "energy", "pipeline")),
    (10, "Military", None, "Arms, exercises and technology.", ("military", "weapons", "arms")),
    (11, "United States", None, "Washington as the common rival.", ("United States", "Washington")),
    (12, "Central Asia", None, "The shared neighbourhood.", ("Central Asia", "Kazakhstan")),
]
NOTES = [
    "Key claim: compare with the 2001 treaty wording before quoting in the memo.",
    "Strong quote for the opening section.",
    "Contradicts the second article's reading; flag for the discussion.",
    "",
    "Check the figure against official customs statistics.",
    "",
]
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")


def seed_inputs() -> dict:
    folder = seeds_dir()
    documents, texts = [], {}
    for i, path in enumerate(sorted(folder.glob("*.txt")), start=1):
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
        title = next((ln for ln in lines if len(ln) > 25), lines[0])[:120]
        documents.append(
            Document(
                id=i,
                source_id=1,
                path=path.name,
                title=title,
                content_hash="",
                status=DocStatus.PRESENT,
                encoding="utf-8",
                word_count=len(text.split()),
                char_count=len(text),
                note=f"Read for the China-Russia brief; source {i} of 5." if i % 2 else "",
                created="2026-11-20T09:00:00",
                modified="2026-11-20T09:00:00",
                read_at=f"2026-11-2{i}T10:15:00",
            )
        )
        texts[i] = text
    tags = [
        Tag(tid, name, parent, "", desc, "", position=tid) for tid, name, parent, desc, _ in TAGS
    ]
    annotations: list[Annotation] = []
    for doc in documents:
        text = texts[doc.id]
        sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text)]
        for tid, _name, _parent, _desc, words in TAGS:
            hits = [
                s for s in sentences if any(w.lower() in text[s[0] : s[1]].lower() for w in words)
            ]
            for k, (start, end) in enumerate(hits[:2]):
                if k and len(text[start:end]) < 200:  # some quotes run over two sentences
                    end = next((e for s, e in sentences if s >= end), end)
                while text[start].isspace():
                    start += 1
                n = len(annotations)
                extra = (tid % 11 + 1,) if n % 3 == 0 and tid % 11 + 1 != tid else ()
                annotations.append(
                    Annotation(
                        id=n + 1,
                        document_id=doc.id,
                        start=start,
                        end=end,
                        exact=text[start:end],
                        prefix="",
                        suffix="",
                        note=NOTES[n % len(NOTES)],
                        author="Dana Analyst",
                        created=f"2026-11-{20 + n % 5}T1{n % 10}:00:00",
                        modified="",
                        status=AnchorStatus.EXACT if n % 9 else AnchorStatus.MOVED,
                        reviewed=True,
                        tag_ids=(tid, *extra),
                    )
                )
    # One untagged excerpt and one orphan, as a real project has.
    doc = documents[0]
    annotations.append(
        dataclasses.replace(annotations[0], id=9001, tag_ids=(), note="Untagged for now.")
    )
    annotations.append(
        dataclasses.replace(
            annotations[1], id=9002, status=AnchorStatus.ORPHAN, note="Lost after an edit."
        )
    )
    return {
        "project_name": "China–Russia relations",
        "project_note": (
            "This briefing collects what five recent analyses say about the relationship between "
            "Beijing and Moscow since the invasion of Ukraine: whether it amounts to an alliance, "
            "how unequal it has become, and where the two governments' interests diverge.\n"
            "Excerpts are grouped by theme; each carries its source and paragraph so it can be "
            f"checked against the original. Sources: {len(documents)} articles ({doc.title} ...)."
        ),
        "documents": documents,
        "texts": texts,
        "tags": tags,
        "annotations": annotations,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--no-render", action="store_true", help="skip PDF and PNG")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    inputs = seed_inputs()
    base = BriefingOptions(
        title="China and Russia: a fragile fraternity",
        subtitle="What five analyses say about the partnership",
        author="Dana Analyst",
        date="23 November 2026",
        include_orphans=True,
    )
    variants = {
        "briefing": base,
        "briefing-comments": dataclasses.replace(base, notes_as_comments=True),
        "briefing-by-document": dataclasses.replace(base, group_by="document"),
    }
    written = []
    for name, options in variants.items():
        briefing = build_briefing(options, **inputs)
        written.append(write_briefing(briefing, args.out / f"{name}.docx"))
        if name == "briefing":
            write_markdown(briefing, args.out / "briefing.md")
            write_csv(briefing, args.out / "briefing.csv")
            print(f"{len(list(briefing.excerpts()))} excerpts, {len(briefing.keywords)} tags")
    for path in written:
        print(f"wrote {path}")
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
