"""The subcommands: each takes the open project and the parsed arguments, prints, returns status."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from annotator.core.models import AnchorStatus, Annotation, Document, ExcerptFilter, Match
from annotator.services import commands as cmd
from annotator.services.quotes import find_quote
from annotator.services.sources import add_paths, scan
from annotator.services.tagging import tag_span
from annotator.store.errors import NotFound
from annotator.store.library import Library


def cmd_add(lib: Library, args: argparse.Namespace) -> int:
    report = add_paths(lib, args.paths)
    for doc in report.added:
        print(f"added    {doc.path}  ({doc.word_count:,} words, {doc.encoding}): {doc.title}")
    for path in report.already:
        print(f"present  {path}")
    for path in report.left_out:
        print(f"left out {path} (removed from the project; add it by name to bring it back)")
    for path, note in report.warnings:
        print(f"note     {path}: {note}", file=sys.stderr)
    for path, reason in report.refused:
        print(f"refused  {path}: {reason}", file=sys.stderr)
    print(
        f"{len(report.added)} added, {len(report.already)} already present, "
        f"{len(report.refused)} refused"
    )
    return 1 if report.refused and not report.added and not report.already else 0


def cmd_scan(lib: Library, args: argparse.Namespace) -> int:
    report = scan(lib)
    for doc in report.new:
        print(f"new      {doc.path}")
    for doc, old in report.renamed:
        print(f"renamed  {old} -> {doc.path}")
    for result in report.changed:
        doc = lib.documents.get(result.document_id)
        print(f"changed  {doc.path}: {result.message}")
    for doc in report.restored:
        print(f"restored {doc.path}")
    for doc in report.missing:
        print(f"missing  {doc.path} (its annotations are kept)")
    for path, note in report.warnings:
        print(f"note     {path}: {note}", file=sys.stderr)
    for path, reason in report.refused:
        print(f"refused  {path}: {reason}", file=sys.stderr)
    print(
        f"{len(report.new)} new, {len(report.changed)} changed, {len(report.missing)} missing, "
        f"{len(report.renamed)} renamed, {report.unchanged} unchanged"
    )
    return 0


def cmd_docs(lib: Library, args: argparse.Namespace) -> int:
    docs = lib.documents.list()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": d.id,
                        "path": d.path,
                        "title": d.title,
                        "authors": list(d.authors),
                        "outlet": d.outlet,
                        "published": d.published,
                        "url": d.url,
                        "citation_note": d.citation_note,
                        "format": d.format,
                        "words": d.word_count,
                        "status": d.status.value,
                        "annotations": d.annotation_count,
                        "orphans": d.orphan_count,
                    }
                    for d in docs
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for d in docs:
        flag = " (missing)" if d.status.value == "missing" else ""
        print(
            f"{d.id:>4}  {d.path}{flag}\n      {d.title} · {d.word_count:,} words · "
            f"{d.annotation_count} annotations"
        )
    return 0


def cmd_doc(lib: Library, args: argparse.Namespace) -> int:
    """Print a document's metadata; with options, set them first (one undoable step)."""
    doc = lib.documents.resolve(args.doc)
    values: dict[str, object] = {
        name: getattr(args, name)
        for name in ("title", "authors", "outlet", "published", "url", "citation_note")
        if getattr(args, name) is not None
    }
    if values:
        cmd.set_document_metadata(lib, doc.id, values).redo()
        doc = lib.documents.get(doc.id)
    shown = document_metadata(doc)
    if args.json:
        print(json.dumps(shown, ensure_ascii=False, indent=2))
        return 0
    width = max(len(key) for key in shown)
    for key, value in shown.items():
        if isinstance(value, list):
            value = "; ".join(value)
        print(f"{key + ':':<{width + 1}} {value}")
    return 0


def document_metadata(doc: Document) -> dict[str, object]:
    """What ``annotator doc`` shows: the fields, the file, and which fields are the user's."""
    return {
        "id": doc.id,
        "title": doc.title,
        "authors": list(doc.authors),
        "outlet": doc.outlet,
        "published": doc.published,
        "url": doc.url,
        "citation_note": doc.citation_note,
        "format": doc.format,
        "path": doc.path,
        "words": doc.word_count,
        "annotations": doc.annotation_count,
        "set_by_you": sorted(doc.user_fields),
    }


def cmd_tag(lib: Library, args: argparse.Namespace) -> int:
    # Every change runs the services' command, as the app's undo stack does.
    if args.tag_command == "add":
        parent = lib.tags.require(args.parent) if args.parent else None
        create = cmd.CreateTag(
            lib, args.name, parent.id if parent else None, args.color or "", args.description
        )
        create.redo()
        assert create.tag_id is not None
        tag = lib.tags.get(create.tag_id)
        print(f"created tag {lib.tags.path(tag.id)} ({tag.color})")
    elif args.tag_command == "rename":
        tag = lib.tags.require(args.name)
        cmd.rename_tag(lib, tag.id, args.new_name).redo()
        print(f"renamed {args.name} -> {args.new_name}")
    elif args.tag_command == "merge":
        source, target = lib.tags.require(args.name), lib.tags.require(args.into)
        merge = cmd.MergeTags(lib, source.id, target.id)
        merge.redo()
        assert merge.record is not None
        moved = len(merge.record.source_links)
        print(f"merged {args.name} into {args.into} ({moved} annotations)")
    elif args.tag_command == "delete":
        tag = lib.tags.require(args.name)
        n_tags, n_annotations = lib.tags.impact(tag.id)
        what = (
            f"{n_tags} tag{'s' if n_tags != 1 else ''} on "
            f"{n_annotations} annotation{'s' if n_annotations != 1 else ''}"
        )
        if not args.yes:
            if not sys.stdin.isatty():
                print(
                    f"annotator: deleting {args.name} removes {what}; add --yes to confirm",
                    file=sys.stderr,
                )
                return 1
            if input(f"Delete {what}? The annotations stay. [y/N] ").strip().lower() not in (
                "y",
                "yes",
            ):
                return 1
        cmd.DeleteTag(lib, tag.id).redo()
        print(f"deleted {what} (the annotations stay)")
    return 0


def cmd_tags(lib: Library, args: argparse.Namespace) -> int:
    tags = lib.tags.list()
    totals = {tag.id: lib.annotations.count(ExcerptFilter(tag_ids=(tag.id,))) for tag in tags}
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": t.id,
                        "name": t.name,
                        "path": lib.tags.path(t.id, tags),
                        "parent_id": t.parent_id,
                        "color": t.color,
                        "description": t.description,
                        "count": t.count,
                        "total": totals[t.id],
                    }
                    for t in tags
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    depth: dict[int, int] = {}
    for tag in tags:
        depth[tag.id] = depth[tag.parent_id] + 1 if tag.parent_id else 0
        below = f" ({totals[tag.id]} with children)" if totals[tag.id] != tag.count else ""
        print(f"{'  ' * depth[tag.id]}{tag.name}  {tag.color}  {tag.count}{below}")
    if not tags:
        print("no tags yet: create one with `annotator tag add NAME`")
    return 0


def cmd_annotate(lib: Library, args: argparse.Namespace) -> int:
    doc = lib.documents.resolve(args.doc)
    text = lib.documents.text(doc.id)
    if args.quote is not None and args.end is not None:
        raise ValueError("--end goes with --start, not with --quote")
    if args.quote is None and args.nth is not None:
        raise ValueError("--nth goes with --quote")
    if args.quote is not None:
        start, end = _find_quote(text, args.quote, args.nth)
    else:
        if args.end is None:
            raise ValueError("--start needs --end")
        start, end = args.start, args.end
    tag_ids = [lib.tags.require(name).id for name in args.tag]
    # The app's use case: a passage already highlighted gains the tags (and the note).
    tagged = tag_span(lib, doc.id, start, end, tag_ids, args.note)
    annotation = tagged.annotation
    assert annotation is not None
    if tagged.created:
        done = ""
    elif tagged.changed:
        done = " (already highlighted there: added to that highlight)"
    else:
        done = " (already highlighted with these tags: nothing changed)"
    print(
        f"annotation {annotation.id}: {doc.path} {start}–{end} “{_short(annotation.exact)}”{done}"
    )
    if args.quote is not None and text[start:end] != args.quote:
        # Matched with typography folded: say which words were taken, in full.
        print(f"the text reads: “{_visible(text[start:end])}”")
    return 0


def _find_quote(text: str, quote: str, nth: int | None = None) -> tuple[int, int]:
    """The span ``quote`` reads: its only occurrence, or the ``nth`` when it occurs several
    times. Quotes, dashes and white space are compared folded, as re-anchoring does."""
    if not quote:
        raise ValueError("the quote is empty")
    spans = find_quote(text, quote)
    if not spans:
        raise NotFound("the quote does not occur in that document")
    if nth is not None:
        if not 1 <= nth <= len(spans):
            raise ValueError(
                f"the quote occurs {len(spans)} times; --nth must be 1 to {len(spans)}"
            )
        return spans[nth - 1]
    if len(spans) > 1:
        shown = ", ".join(str(s) for s, _e in spans[:5])
        raise ValueError(
            f"the quote occurs {len(spans)} times "
            f"(at {shown}{', ...' if len(spans) > 5 else ''}); "
            "quote more words, or pick one with --nth N"
        )
    return spans[0]


def selection_filter(lib: Library, args: argparse.Namespace) -> ExcerptFilter:
    """The ExcerptFilter of --tag, --all-tags, --doc, --search, --by, --from, --to, --status."""
    tag_ids = [lib.tags.require(name).id for name in args.tag]
    for name in args.group:
        tag_ids += _group_tags(lib, name)
    return ExcerptFilter(
        tag_ids=tuple(dict.fromkeys(tag_ids)),
        match=Match.ALL if args.all_tags else Match.ANY,
        document_ids=tuple(lib.documents.resolve(ref).id for ref in args.doc),
        search=args.search,
        authors=tuple(args.authors),
        created_from=args.created_from,
        created_to=args.created_to,
        statuses=tuple(AnchorStatus(s) for s in args.status),
    )


def _group_tags(lib: Library, name: str) -> list[int]:
    group = lib.interchange.group(name)
    if group is None:
        known = ", ".join(g.name for g in lib.interchange.groups()) or "none"
        raise ValueError(f"no tag group named '{name}' (the project's groups: {known})")
    if not group.tag_ids:
        raise ValueError(f"the tag group '{group.name}' has no tags")
    return list(group.tag_ids)


def cmd_excerpts(lib: Library, args: argparse.Namespace) -> int:
    annotations = lib.annotations.query(selection_filter(lib, args))
    docs = {d.id: d for d in lib.documents.list()}
    tags = lib.tags.list()
    names = {t.id: lib.tags.path(t.id, tags) for t in tags}
    if args.json:
        print(
            json.dumps(
                [_as_json(a, docs, names) for a in annotations], ensure_ascii=False, indent=2
            )
        )
        return 0
    for a in annotations:
        status = "" if a.status is AnchorStatus.EXACT else f" [{a.status.value}]"
        labels = ", ".join(names[t] for t in a.tag_ids) or "untagged"
        print(f"#{a.id}  {docs[a.document_id].path} {a.start}–{a.end}{status}  {labels}")
        print(f"    “{_short(a.exact, 200)}”")
        if a.note:
            print(f"    note: {_short(a.note, 200)}")
    print(f"{len(annotations)} excerpt{'s' if len(annotations) != 1 else ''}")
    return 0


def _as_json(a: Annotation, docs: dict, names: dict[int, str]) -> dict:
    return {
        "id": a.id,
        "document": docs[a.document_id].path,
        "document_id": a.document_id,
        "start": a.start,
        "end": a.end,
        "exact": a.exact,
        "tags": [names[t] for t in a.tag_ids],
        "note": a.note,
        "status": a.status.value,
        "author": a.author,
        "created": a.created,
    }


def cmd_search(lib: Library, args: argparse.Namespace) -> int:
    hits = lib.search.documents(args.query)
    for hit in hits:
        print(f"{hit.document_id:>4}  {hit.title}\n      {hit.snippet}")
    print(f"{len(hits)} document{'s' if len(hits) != 1 else ''}")
    return 0


def cmd_note(lib: Library, args: argparse.Namespace) -> int:
    get: Callable[[], str]
    put: Callable[[str], cmd.SetValue]
    if args.target == "project":
        get, put = (lambda: lib.project.note), (lambda t: cmd.set_project_note(lib, t))
    elif not args.name:
        raise ValueError(f"say which {args.target}")
    elif args.target == "doc":
        doc = lib.documents.resolve(args.name)
        get = lambda: lib.documents.get(doc.id).note  # noqa: E731
        put = lambda t: cmd.set_document_note(lib, doc.id, t)  # noqa: E731
    elif args.target == "tag":
        tag = lib.tags.require(args.name)
        get = lambda: lib.tags.get(tag.id).note  # noqa: E731
        put = lambda t: cmd.set_tag_note(lib, tag.id, t)  # noqa: E731
    else:
        if not args.name.isdigit():
            raise ValueError(f"'{args.name}' is not an annotation id (a number)")
        annotation = lib.annotations.get(int(args.name))
        get = lambda: lib.annotations.get(annotation.id).note  # noqa: E731
        put = lambda t: cmd.set_annotation_note(lib, annotation.id, t)  # noqa: E731
    if args.text is not None:
        put(args.text).redo()
    print(get())
    return 0


def cmd_project(lib: Library, args: argparse.Namespace) -> int:
    """Set the given project settings (one undoable step), then print them all."""
    given = {
        key: value
        for key, value in (
            ("title", args.title),
            ("subtitle", args.subtitle),
            ("author", args.author),
            ("summary_heading", args.summary_heading),
        )
        if value is not None
    }
    if given:
        cmd.set_project_settings(lib, given).redo()
    labels = {"summary_heading": "summary heading"}
    for key, value in lib.project.settings.items():
        shown = value or {"summary_heading": "(Summary)", "title": "(what is selected)"}.get(
            key, "(none)"
        )
        print(f"{labels.get(key, key)}: {shown}")
    return 0


def cmd_import(lib: Library, args: argparse.Namespace) -> int:
    from annotator.services.importing import import_file

    mapping = {}
    for pair in args.mapping:
        source, sep, ref = pair.rpartition("=")
        if not sep or not source or not ref:
            raise ValueError(f"--map takes SOURCE=DOC, not '{pair}'")
        mapping[source] = lib.documents.resolve(ref).id
    print(import_file(lib, Path(args.file), mapping=mapping).message)
    return 0


def cmd_export(lib: Library, args: argparse.Namespace) -> int:
    if not args.out.strip():
        raise ValueError("--out needs a file name")
    from annotator.services.briefing import default_options
    from annotator.services.exporting import export

    selection = selection_filter(lib, args)
    options = default_options(
        lib,
        selection,
        title=args.title,
        subtitle=args.subtitle,
        author=args.author,
        summary_heading=args.summary_heading,
        context=args.context,
        group_by=args.group_by,
        order=args.order,
        include_document_notes=args.doc_notes,
        include_orphans=args.orphans,
        notes_as_comments=args.comments,
    )
    template = Path(args.template) if args.template else None
    message = export(
        lib,
        args.format,
        Path(args.out),
        selection,
        options=options,
        template=template,
        progress=_progress_bar(),
        one_code_per_selection=args.one_code_per_selection,
        page_numbers=args.page_numbers,
    )
    print(message)
    return 0


def _progress_bar():
    """A progress bar on the terminal for long exports (nothing when output is not a terminal)."""
    if not sys.stderr.isatty():
        return None
    import time

    started = time.monotonic()

    # The bar's carriage returns are deliberate: past the filter that shows control characters.
    terminal = getattr(sys.stderr, "unfiltered", sys.stderr)

    def show(done: int, total: int) -> bool:
        if time.monotonic() - started < 1.0 and done < total:
            return True  # short exports print nothing
        width = 30
        filled = width * done // max(total, 1)
        end = "\n" if done >= total else ""
        print(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} entries laid out",
            end=end,
            file=terminal,
            flush=True,
        )
        return True

    return show


def _visible(text: str) -> str:
    """``text`` as is, but with white space other than a plain space written as an escape, so
    that a non-breaking space or a line break taken for a typed space shows."""
    return "".join(f"\\u{ord(c):04x}" if c.isspace() and c != " " else c for c in text)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
