"""Word comments for notes: the comments part, one comment per note, anchored on its quote."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml.comments import CT_Comments
from lxml import etree

from annotator.briefing import oxml
from annotator.briefing.sanitize import split_paragraphs
from annotator.briefing.styles import StyleIds


class Comments:
    """Adds comments to ``document``, creating its comments part on first use."""

    def __init__(self, document: DocxDocument, styles: StyleIds) -> None:
        self.doc = document
        self.s = styles
        self._part: CT_Comments | None = None
        self._next = 0

    def add(
        self, author: str, created: str, note: str, first: etree._Element, last: etree._Element
    ) -> None:
        """A comment holding ``note`` on the runs from ``first`` to ``last``."""
        if self._part is None:
            # Accessing .comments adds the comments part (with its relationship) when missing.
            self._part = part = self.doc.comments._comments_elm
            ids = [int(i) for i in part.xpath("./w:comment/@w:id")]
            self._next = max(ids, default=-1) + 1
        comment_id = self._next
        self._next += 1
        initials = "".join(w[0] for w in author.split()[:3]).upper()
        self._part.append(
            oxml.comment(
                comment_id,
                author=author,
                initials=initials,
                date=_comment_date(created),
                paragraphs=split_paragraphs(note),
                text_style=self.s["comment_text"],
                reference_style=self.s["comment_reference"],
            )
        )
        oxml.mark_comment(first, last, comment_id, self.s["comment_reference"])


def _comment_date(created: str) -> str:
    """An xsd:dateTime for w:date, or "" when ``created`` is not an ISO timestamp."""
    if len(created) >= 19 and created[4] == "-" and created[10] == "T":
        return created[:19] + "Z"
    return ""
