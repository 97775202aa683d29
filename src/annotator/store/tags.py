"""The tag tree: create, rename, recolour, describe, move, merge and delete, each undoable."""

from __future__ import annotations

import builtins
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.core.models import Changes, Outcome, Tag
from annotator.core.palette import PALETTE, least_used
from annotator.core.textclean import without_controls
from annotator.store.errors import Conflict, NotFound, check_expected
from annotator.store.rows import now, placeholders, to_tag
from annotator.store.tag_merge import MergeRecord, merge_tags, unmerge_tags

if TYPE_CHECKING:
    from annotator.store.library import Library

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_DEPTH = 64  # levels of the tag tree; deeper trees are refused (no real codebook needs more)
_LIST = """
    SELECT t.*, (SELECT count(*) FROM annotation_tags l WHERE l.tag_id = t.id) AS count
    FROM tags t
"""


@dataclass(frozen=True, slots=True)
class RemovedTags:
    """What deleting a tag took away, enough to put it back (undo)."""

    tags: tuple[Tag, ...]  # the tag and its descendants, parents first
    links: tuple[tuple[int, int], ...]  # (annotation_id, tag_id)


class TagManager:
    """Read and change the tag tree; every change is one transaction and returns an Outcome."""

    def __init__(self, library: Library) -> None:
        self._lib = library

    # Reading --------------------------------------------------------------------------------

    def list(self) -> builtins.list[Tag]:
        """Every tag in tree order (parents before children, siblings by position)."""
        rows = [to_tag(row) for row in self._lib.db.query(_LIST + " ORDER BY position, id")]
        children: dict[int | None, list[Tag]] = {}
        for tag in rows:
            children.setdefault(tag.parent_id, []).append(tag)
        ordered: builtins.list[Tag] = []

        def walk(parent: int | None) -> None:
            for tag in children.get(parent, []):
                ordered.append(tag)
                walk(tag.id)

        walk(None)
        return ordered

    def get(self, tag_id: int) -> Tag:
        rows = list(self._lib.db.query(_LIST + " WHERE t.id = ?", [tag_id]))
        if not rows:
            raise NotFound(f"no tag {tag_id}")
        return to_tag(rows[0])

    def find(self, name: str) -> Tag | None:
        """A tag by name, or by path ("Security/Arms sales") when names repeat under parents."""
        tags = self.list()
        if "/" in name:
            by_path = {self.path(tag.id, tags): tag for tag in tags}
            found = {k.lower(): v for k, v in by_path.items()}.get(name.lower())
            if found:
                return found
        matches = [tag for tag in tags if tag.name.lower() == name.lower()]
        if len(matches) > 1:
            paths = ", ".join(self.path(tag.id, tags) for tag in matches)
            raise Conflict(f"several tags are named '{name}' ({paths}); give its path")
        return matches[0] if matches else None

    def require(self, name: str) -> Tag:
        tag = self.find(name)
        if tag is None:
            raise NotFound(f"no tag named '{name}'")
        return tag

    def path(self, tag_id: int, tags: builtins.list[Tag] | None = None) -> str:
        by_id = {tag.id: tag for tag in tags or self.list()}
        names = []
        current: int | None = tag_id
        while current is not None and current in by_id:
            names.append(by_id[current].name)
            current = by_id[current].parent_id
        return "/".join(reversed(names))

    def descendants(self, tag_id: int) -> set[int]:
        """The tag itself and every tag below it."""
        rows = self._lib.db.query(
            "WITH RECURSIVE d(id) AS "
            "(SELECT ? UNION SELECT t.id FROM tags t JOIN d ON t.parent_id = d.id) "
            "SELECT id FROM d",
            [tag_id],
        )
        return {row["id"] for row in rows}

    def impact(self, tag_id: int) -> tuple[int, int]:
        """(tags, annotations) a delete of this tag would touch, for the confirmation."""
        ids = self.descendants(tag_id)
        rows = list(
            self._lib.db.query(
                f"SELECT count(DISTINCT annotation_id) AS n FROM annotation_tags "
                f"WHERE tag_id IN ({placeholders(ids)})",
                list(ids),
            )
        )
        return len(ids), rows[0]["n"]

    # Changing -------------------------------------------------------------------------------

    def create(
        self, name: str, *, parent_id: int | None = None, color: str = "", description: str = ""
    ) -> Outcome[Tag]:
        name = _clean_name(name)
        if parent_id is not None:
            self.get(parent_id)
            self._check_depth(parent_id, 1)
        color = _check_color(color) if color else least_used(self.color_counts())
        self.check_unique(name, parent_id)
        with self._lib.atomic() as db:
            position = self.next_position(parent_id)
            # Plain SQL: sqlite-utils' insert inspects the table on every call, which was a
            # third of the time of creating the tags of a large codebook.
            cursor = db.execute(
                "INSERT INTO tags (parent_id, name, color, description, note, position, created) "
                "VALUES (?, ?, ?, ?, '', ?, ?)",
                [parent_id, name, color, description, position, now()],
            )
            assert cursor.lastrowid is not None
            tag = self.get(cursor.lastrowid)
        return Outcome(tag, Changes(tags={tag.id}, tag_tree=True))

    def ensure_path(self, path: str, *, color: str = "") -> Outcome[Tag]:
        """The tag at ``path`` ("Security/Arms sales"), creating missing levels (imports)."""
        parent: Tag | None = None
        changes = Changes()
        names = [part for part in (" ".join(p.split()) for p in path.split("/")) if part]
        if not names:
            raise ValueError("a tag name cannot be empty")
        if len(names) > MAX_DEPTH:
            raise ValueError(f"a tag path may have at most {MAX_DEPTH} levels, not {len(names)}")
        tags = self.list()
        for depth, name in enumerate(names):
            parent_id = parent.id if parent else None
            found = next(
                (t for t in tags if t.parent_id == parent_id and t.name.lower() == name.lower()),
                None,
            )
            if found is None:
                last = depth == len(names) - 1
                created = self.create(name, parent_id=parent_id, color=color if last else "")
                changes.merge(created.changes)
                found = created.value
                tags.append(found)
            parent = found
        assert parent is not None
        return Outcome(parent, changes)

    def rename(self, tag_id: int, name: str) -> Outcome[None]:
        name = _clean_name(name)
        tag = self.get(tag_id)
        self.check_unique(name, tag.parent_id, exclude=tag_id)
        return self._update(tag_id, {"name": name})

    def recolor(self, tag_id: int, color: str) -> Outcome[None]:
        return self._update(tag_id, {"color": _check_color(color)})

    def describe(self, tag_id: int, description: str) -> Outcome[None]:
        return self._update(tag_id, {"description": description})

    def set_note(self, tag_id: int, note: str, *, expected: str | None = None) -> Outcome[None]:
        """``expected``: the note as the caller last read it; another one raises StaleValue."""
        with self._lib.atomic():
            check_expected(self.get(tag_id).note, expected, "This tag's note")
            return self._update(tag_id, {"note": note})

    def move(
        self, tag_id: int, parent_id: int | None, position: int | None = None
    ) -> Outcome[None]:
        """Reparent and/or reorder: ``position`` is the index among the new siblings."""
        tag = self.get(tag_id)
        if parent_id is not None and parent_id in self.descendants(tag_id):
            raise Conflict(f"'{tag.name}' cannot go inside itself or one of its own children")
        if parent_id is not None:
            self.get(parent_id)
            self._check_depth(parent_id, self._height(tag_id))
        self.check_unique(tag.name, parent_id, exclude=tag_id)
        with self._lib.atomic() as db:
            siblings = [
                row["id"]
                for row in db.query(
                    "SELECT id FROM tags WHERE ifnull(parent_id, 0) = ifnull(?, 0) AND id != ? "
                    "ORDER BY position, id",
                    [parent_id, tag_id],
                )
            ]
            index = len(siblings) if position is None else max(0, min(position, len(siblings)))
            siblings.insert(index, tag_id)
            db.execute("UPDATE tags SET parent_id = ? WHERE id = ?", [parent_id, tag_id])
            for order, sibling in enumerate(siblings):
                db.execute("UPDATE tags SET position = ? WHERE id = ?", [order, sibling])
            if tag.parent_id != parent_id:
                # Close the gap it left, so moving it back restores every position exactly.
                left = db.execute(
                    "SELECT id FROM tags WHERE ifnull(parent_id, 0) = ifnull(?, 0) "
                    "ORDER BY position, id",
                    [tag.parent_id],
                ).fetchall()
                for order, (sibling,) in enumerate(left):
                    db.execute("UPDATE tags SET position = ? WHERE id = ?", [order, sibling])
        return Outcome(None, Changes(tags={tag_id}, tag_tree=True))

    def delete(self, tag_id: int) -> Outcome[RemovedTags]:
        """Delete a tag and the tags below it; annotations stay, with their other tags.

        The value is what was removed, for ``restore``."""
        ids = self.descendants(tag_id)
        tags = tuple(tag for tag in self.list() if tag.id in ids)
        if not tags:
            raise NotFound(f"no tag {tag_id}")
        marks = placeholders(ids)
        with self._lib.atomic() as db:
            links = tuple(
                (row["annotation_id"], row["tag_id"])
                for row in db.query(
                    f"SELECT annotation_id, tag_id FROM annotation_tags WHERE tag_id IN ({marks})",
                    list(ids),
                )
            )
            db.execute(f"DELETE FROM annotation_tags WHERE tag_id IN ({marks})", list(ids))
            # Children first, so no row ever points at a deleted parent.
            for tag in reversed(tags):
                db.execute("DELETE FROM tags WHERE id = ?", [tag.id])
        changes = Changes(tags=set(ids), annotations={a for a, _ in links}, tag_tree=True)
        return Outcome(RemovedTags(tags, links), changes)

    def restore(self, removed: RemovedTags) -> Outcome[None]:
        """Put back what ``delete`` removed, with the same ids."""
        with self._lib.atomic() as db:
            for tag in removed.tags:
                db.table("tags").insert(
                    {
                        "id": tag.id,
                        "parent_id": tag.parent_id,
                        "name": tag.name,
                        "color": tag.color,
                        "description": tag.description,
                        "note": tag.note,
                        "position": tag.position,
                        "created": now(),
                    }
                )
            db.table("annotation_tags").insert_all(
                [{"annotation_id": a, "tag_id": t} for a, t in removed.links], ignore=True
            )
        changes = Changes(
            tags={tag.id for tag in removed.tags},
            annotations={a for a, _ in removed.links},
            tag_tree=True,
        )
        return Outcome(None, changes)

    def merge(self, source_id: int, target_id: int) -> Outcome[MergeRecord]:
        """Fold ``source`` into ``target``: its annotations and children move, then it goes.

        The value says what moved, for ``unmerge``."""
        return merge_tags(self._lib, source_id, target_id)

    def unmerge(self, record: MergeRecord) -> Outcome[None]:
        return unmerge_tags(self._lib, record)

    # Helpers --------------------------------------------------------------------------------

    def color_counts(self) -> dict[str, int]:
        """How many tags have each palette colour (counted by SQLite over an index).

        Listing every tag to pick each new tag's colour made a codebook import quadratic;
        an import of many tags counts once and keeps the counts itself.
        """
        rows = self._lib.db.query(
            "SELECT lower(color) AS c, count(*) AS n FROM tags "
            f"WHERE lower(color) IN ({placeholders(PALETTE)}) GROUP BY 1",
            list(PALETTE),
        )
        return {row["c"]: row["n"] for row in rows}

    def _check_depth(self, parent_id: int, levels: int) -> None:
        """Refuse to hang ``levels`` more levels below ``parent_id`` past MAX_DEPTH."""
        rows = self._lib.db.query(
            "WITH RECURSIVE up(id, depth) AS (SELECT ?, 1 UNION ALL "
            "SELECT t.parent_id, up.depth + 1 FROM tags t JOIN up ON t.id = up.id "
            f"WHERE t.parent_id IS NOT NULL AND up.depth <= {MAX_DEPTH}) "
            "SELECT max(depth) AS d FROM up",
            [parent_id],
        )
        depth = next(iter(rows))["d"]
        if depth + levels > MAX_DEPTH:
            raise Conflict(f"the tag tree may be at most {MAX_DEPTH} levels deep")

    def _height(self, tag_id: int) -> int:
        """Levels in the subtree of ``tag_id`` (1 for a tag without children)."""
        rows = self._lib.db.query(
            "WITH RECURSIVE d(id, level) AS (SELECT ?, 1 UNION ALL "
            "SELECT t.id, d.level + 1 FROM tags t JOIN d ON t.parent_id = d.id "
            f"WHERE d.level <= {MAX_DEPTH}) SELECT max(level) AS h FROM d",
            [tag_id],
        )
        return next(iter(rows))["h"]

    def next_position(self, parent_id: int | None) -> int:
        """The position after the last child of ``parent_id`` (None: the top level)."""
        rows = list(
            self._lib.db.query(
                "SELECT ifnull(max(position) + 1, 0) AS p FROM tags "
                "WHERE ifnull(parent_id, 0) = ifnull(?, 0)",
                [parent_id],
            )
        )
        return rows[0]["p"]

    def check_unique(self, name: str, parent_id: int | None, exclude: int | None = None) -> None:
        """Raise Conflict when a sibling under ``parent_id`` is already called ``name``."""
        rows = list(
            self._lib.db.query(
                "SELECT id FROM tags WHERE ifnull(parent_id, 0) = ifnull(?, 0) "
                "AND name = ? COLLATE NOCASE AND id != ifnull(?, -1)",
                [parent_id, name, exclude],
            )
        )
        if rows:
            where = f"under '{self.get(parent_id).name}'" if parent_id else "at the top level"
            raise Conflict(f"a tag named '{name}' already exists {where}")

    def _update(self, tag_id: int, values: dict[str, Any]) -> Outcome[None]:
        with self._lib.atomic() as db:
            cursor = db.execute(
                "UPDATE tags SET " + ", ".join(f"{key} = ?" for key in values) + " WHERE id = ?",
                [*values.values(), tag_id],
            )
            if cursor.rowcount == 0:
                raise NotFound(f"no tag {tag_id}")
        return Outcome(None, Changes(tags={tag_id}))


def _clean_name(name: str) -> str:
    name = " ".join(without_controls(name).split())
    if not name:
        raise ValueError("a tag name cannot be empty")
    if "/" in name:
        raise ValueError("a tag name cannot contain '/' (it separates parent and child in paths)")
    return name


def _check_color(color: str) -> str:
    if not _COLOR.match(color):
        raise ValueError(f"'{color}' is not a colour of the form #RRGGBB")
    return color.lower()
