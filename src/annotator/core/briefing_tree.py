"""The briefing's layout: the tag tree as sections, where each excerpt is printed in full, and the
tag × document heat map.

Each excerpt is printed in full once. In the by-tag layout its home is the most specific selected
tag it carries (the deepest; the first in tree order among equals); every other selected tag it
carries lists it as a cross-reference. A passage lying inside another selected passage of the same
document is printed within that one (its home is the container's).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from annotator.core.briefing_model import (
    UNTAGGED_TITLE,
    Excerpt,
    HeatMap,
    HeatRow,
    Section,
    SourceEntry,
    TagRef,
)
from annotator.core.models import Document, Tag

HEAT_COLUMNS = 8  # documents the heat map shows side by side; the rest share an "others" column


class TagTree:
    """The tag tree in display order, tolerant of dangling parents and cycles."""

    def __init__(self, tags: Sequence[Tag]) -> None:
        self.tags = {t.id: t for t in tags}
        kids: dict[int | None, list[Tag]] = {}
        for t in tags:
            parent = t.parent_id if t.parent_id in self.tags and t.parent_id != t.id else None
            kids.setdefault(parent, []).append(t)
        for siblings in kids.values():
            siblings.sort(key=lambda t: (t.position, t.name.casefold(), t.id))
        self._kids = kids
        self.children: dict[int | None, list[Tag]] = {}  # the tree as placed (no cycles)
        self.parent: dict[int, int | None] = {}
        self.order: list[int] = []
        self.depth: dict[int, int] = {}
        self.paths: dict[int, str] = {}
        self._visit(None, 0, "")
        # Tags caught in a parent cycle are unreachable from the roots: show them as roots.
        for t in sorted(tags, key=lambda t: (t.position, t.name.casefold(), t.id)):
            if t.id not in self.depth:
                self._place(t, None, 1, "")
        self._rank = {tag_id: i for i, tag_id in enumerate(self.order)}

    def _visit(self, parent: int | None, depth: int, prefix: str) -> None:
        for t in self._kids.get(parent, []):
            if t.id not in self.depth:
                self._place(t, parent, depth + 1, prefix)

    def _place(self, t: Tag, parent: int | None, depth: int, prefix: str) -> None:
        self.children.setdefault(parent, []).append(t)
        self.parent[t.id] = parent
        self.depth[t.id] = depth
        self.paths[t.id] = f"{prefix} / {t.name}" if prefix else t.name
        self.order.append(t.id)
        self._visit(t.id, depth, self.paths[t.id])

    def rank(self, ref: TagRef) -> int:
        return self._rank[ref.id]

    def ref(self, tag_id: int) -> TagRef:
        return TagRef(tag_id, self.tags[tag_id].name, self.paths[tag_id])

    def subtree(self, tag_id: int) -> list[int]:
        out, stack = [], [tag_id]
        while stack:
            t = stack.pop()
            out.append(t)
            stack.extend(c.id for c in self.children.get(t, []))
        return out

    def selected(self, chosen: Sequence[int]) -> tuple[set[int], list[Tag]]:
        """The tags a selection covers (``chosen`` and their descendants; all when empty) and the
        roots of the sections (chosen tags that are not inside another chosen tag)."""
        chosen = [t for t in chosen if t in self.tags]
        if not chosen:
            return set(self.tags), list(self.children.get(None, []))
        covered: set[int] = set()
        for t in chosen:
            covered.update(self.subtree(t))
        roots = [self.tags[t] for t in self.order if t in chosen and self._outermost(t, chosen)]
        return covered, roots

    def _outermost(self, tag_id: int, chosen: Sequence[int]) -> bool:
        parent = self.parent.get(tag_id)
        while parent is not None:
            if parent in chosen:
                return False
            parent = self.parent.get(parent)
        return True


def nest(excerpts: list[Excerpt]) -> tuple[dict[int, int], dict[int, list[Excerpt]]]:
    """Which excerpts lie inside another of the same document: inner id -> outermost container id,
    and container id -> its inner excerpts in document order."""
    container: dict[int, int] = {}
    inner: dict[int, list[Excerpt]] = {}
    outer: Excerpt | None = None
    for e in sorted(excerpts, key=lambda e: (e.document_id, e.start, -e.end, e.annotation_id)):
        if (
            outer is not None
            and e.document_id == outer.document_id
            and e.end <= outer.end
            and e.end > e.start
        ):
            container[e.annotation_id] = outer.annotation_id
            inner.setdefault(outer.annotation_id, []).append(e)
        else:
            outer = e
    return container, inner


def place(
    body: list[Excerpt], home_of: Mapping[int, tuple[str, str]]
) -> tuple[list[Excerpt], dict[int, Excerpt]]:
    """The body with each excerpt's home and block set, nested excerpts inside their container;
    and every excerpt by id (as placed)."""
    container, inner = nest(body)

    placed: dict[int, Excerpt] = {}
    for e in body:
        if e.annotation_id in container:
            continue
        key, title = home_of[e.annotation_id]
        kids = tuple(_homed(k, key, title, e.annotation_id) for k in inner.get(e.annotation_id, ()))
        for k in kids:
            placed[k.annotation_id] = k
        placed[e.annotation_id] = _homed(e, key, title, e.annotation_id, kids)
    return [placed[e.annotation_id] for e in body], placed


def _homed(
    e: Excerpt, key: str, title: str, block: int, inner: tuple[Excerpt, ...] = ()
) -> Excerpt:
    # dataclasses.replace checks every field on each call: a tenth of a second per 10,000.
    return Excerpt(
        e.annotation_id, e.document_id, e.document_title, e.document_path, e.paragraph, e.start,
        e.end, e.quote, e.note, e.tags, e.author, e.created, e.status, e.page, e.before, e.after,
        key, title, block, inner,
    )  # fmt: skip


def tag_sections(
    tree: TagTree, body: list[Excerpt], chosen: Sequence[int]
) -> tuple[tuple[Section, ...], list[Excerpt]]:
    """Sections for the selected tags, each excerpt printed in full under one of them."""
    covered, roots = tree.selected(chosen)
    titles = {t: tree.tags[t].name for t in covered}

    def home(e: Excerpt) -> tuple[str, str]:
        mine = [t for t in e.tags if t.id in covered]
        if not mine:
            return "untagged", UNTAGGED_TITLE
        best = min(mine, key=lambda t: (-tree.depth[t.id], tree.rank(t)))
        return f"tag-{best.id}", titles[best.id]

    placed_body, placed = place(body, {e.annotation_id: home(e) for e in body})
    by_tag: dict[int, list[Excerpt]] = {}
    untagged: list[Excerpt] = []
    for e in placed_body:
        carried = [t for t in e.tags if t.id in covered]
        if not carried and e.block_id == e.annotation_id:
            untagged.append(e)
        for t in carried:
            by_tag.setdefault(t.id, []).append(e)
    base = {r.id: tree.depth[r.id] - 1 for r in roots}

    def build(t: Tag, shift: int) -> Section | None:
        kids = [s for s in (build(c, shift) for c in tree.children.get(t.id, [])) if s]
        mine = by_tag.get(t.id, [])
        if not mine and not kids:
            return None
        key = f"tag-{t.id}"
        ids = {e.annotation_id for e in mine}
        docs = {e.document_id for e in mine}
        for kid in kids:
            for s in kid.walk():
                for e in s.excerpts + s.references:
                    ids.add(e.annotation_id)
                    docs.add(e.document_id)
        return Section(
            key=key,
            kind="tag",
            title=t.name,
            level=tree.depth[t.id] - shift,
            description=t.description,
            note=t.note,
            color=t.color,
            tag_id=t.id,
            excerpts=tuple(e for e in mine if e.home_key == key and e.block_id == e.annotation_id),
            references=tuple(e for e in mine if e.home_key != key),
            children=tuple(kids),
            excerpt_count=len(ids),
            source_count=len(docs),
        )

    sections = [s for s in (build(r, base[r.id]) for r in roots) if s]
    if untagged:
        sections.append(
            Section(
                key="untagged",
                kind="untagged",
                title=UNTAGGED_TITLE,
                level=1,
                description="Excerpts that carry no tag.",
                excerpts=tuple(untagged),
                excerpt_count=len(untagged),
                source_count=len({e.document_id for e in untagged}),
            )
        )
    return tuple(sections), placed_body


def document_sections(
    body: list[Excerpt], docs: Mapping[int, Document], rank: Mapping[int, int], with_notes: bool
) -> tuple[tuple[Section, ...], list[Excerpt]]:
    home = {e.annotation_id: (f"doc-{e.document_id}", e.document_title) for e in body}
    placed_body, _placed = place(body, home)
    grouped: dict[int, list[Excerpt]] = {}
    for e in placed_body:  # already in the chosen order, which each document keeps
        grouped.setdefault(e.document_id, []).append(e)
    sections = []
    for doc_id in sorted(grouped, key=lambda i: (rank.get(i, len(rank)), i)):
        items = grouped[doc_id]
        doc = docs.get(doc_id)
        sections.append(
            Section(
                key=f"doc-{doc_id}",
                kind="document",
                title=items[0].document_title,
                level=1,
                note=doc.note if doc and with_notes else "",
                document_id=doc_id,
                excerpts=tuple(e for e in items if e.block_id == e.annotation_id),
                excerpt_count=len(items),
                source_count=1,
                tag_count=len({t.id for e in items for t in e.tags}),
            )
        )
    return tuple(sections), placed_body


def heat_map(
    tree: TagTree,
    sections: Sequence[Section],
    body: Sequence[Excerpt],
    sources: Sequence[SourceEntry],
    by_tag: bool,
    chosen: Sequence[int],
) -> HeatMap:
    """Excerpts per tag (with its nested tags) and document; cells link to their section."""
    counts: dict[int, int] = {}
    for e in body:
        counts[e.document_id] = counts.get(e.document_id, 0) + 1
    cited = [s for s in sources if s.document_id in counts]
    columns = cited
    if len(cited) > HEAT_COLUMNS:
        top = sorted(cited, key=lambda s: -counts[s.document_id])[: HEAT_COLUMNS - 1]
        keep = {s.document_id for s in top}
        columns = [s for s in cited if s.document_id in keep]
    column_of = {s.document_id: i for i, s in enumerate(columns)}
    width = len(columns) + (len(columns) < len(cited))
    covered, roots = tree.selected(chosen)
    cells: dict[str, list[set[int]]] = {}
    for e in body:
        col = column_of.get(e.document_id, len(columns))
        rows = set()
        for t in e.tags:
            tag_id: int | None = t.id
            while tag_id is not None and tag_id in covered:
                rows.add(f"tag-{tag_id}")
                tag_id = tree.parent.get(tag_id)
        if not any(t.id in covered for t in e.tags):
            rows.add("untagged")
        for row in rows:
            cells.setdefault(row, [set() for _ in range(width)])[col].add(e.annotation_id)
    order: list[tuple[str, str, int]] = []
    if by_tag:
        order = [(s.key, s.title, s.level) for top in sections for s in top.walk()]
    else:
        base = {r.id: tree.depth[r.id] - 1 for r in roots}
        for r in roots:
            inside = set(tree.subtree(r.id))
            for tid in tree.order:
                if tid in inside and f"tag-{tid}" in cells:
                    order.append((f"tag-{tid}", tree.tags[tid].name, tree.depth[tid] - base[r.id]))
        if "untagged" in cells:
            order.append(("untagged", UNTAGGED_TITLE, 1))
    heat_rows: list[HeatRow] = []
    for key, title, level in order:
        sets = cells.get(key, [set() for _ in range(width)])
        values = tuple(len(s) for s in sets)
        if by_tag:
            links = tuple(key if v else "" for v in values)
        else:
            links = tuple(
                f"doc-{columns[i].document_id}" if v and i < len(columns) else ""
                for i, v in enumerate(values)
            )
        heat_rows.append(HeatRow(title, level, links, values, len(set().union(*sets))))
    return HeatMap(tuple(columns), tuple(heat_rows), others=width > len(columns))
