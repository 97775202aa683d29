"""The shapes W3C annotations come in: wrappers, nested selectors, and Hypothesis's API fields.

- A file may hold an AnnotationCollection (its pages followed through embedded ``next``), an
  AnnotationPage, a list, one annotation, a Hypothesis search result (``{"total", "rows"}``)
  or a Hypothesis client export (``{"export_date", "annotations"}``).
- Selectors may sit under another's ``refinedBy`` (a FragmentSelector refined by a quote, as
  EPUB and PDF readers write): they are walked, and the kinds that cannot place a passage in
  a text (RangeSelector's XPaths, CSS, SVG, a PDF page) are counted so the report names them.
- Hypothesis API rows carry ``uri``, ``text`` (the note, Markdown), ``tags``, ``user``
  (``acct:name@host``), ``user_info.display_name`` and ``updated``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from annotator.core.textclean import without_controls

USED = ("TextQuoteSelector", "TextPositionSelector")
_DEPTH = 8  # refinedBy chains deeper than this are not from a real client
_PAGES = 10_000


def unwrap(data: Any) -> tuple[list[Any], str]:
    """The annotations a file's JSON holds, and what held them (for the report)."""
    if isinstance(data, list):
        return data, "a list of annotations"
    if not isinstance(data, dict):
        return [], ""
    kind = data.get("type")
    if kind == "AnnotationCollection":
        items: list[Any] = []
        page = data.get("first")
        for _ in range(_PAGES):
            if not isinstance(page, dict):
                break
            found = page.get("items")
            items.extend(found if isinstance(found, list) else [])
            page = page.get("next")
        if not items and isinstance(data.get("items"), list):
            items = data["items"]
        return items, "an annotation collection"
    if kind == "AnnotationPage":
        found = data.get("items")
        return (found if isinstance(found, list) else []), "an annotation page"
    if isinstance(data.get("rows"), list):
        return data["rows"], "a Hypothesis search result"
    if isinstance(data.get("annotations"), list):
        return data["annotations"], "a Hypothesis export"
    return [data], "one annotation"


def flatten_selectors(selector: Any, unused: Counter[str]) -> list[dict[str, Any]]:
    """The TextQuote and TextPosition selectors in ``selector`` (a list, one, or nested under
    ``refinedBy``); every other kind met is counted in ``unused``."""
    found: list[dict[str, Any]] = []
    stack = [(item, 0) for item in reversed(selector if isinstance(selector, list) else [selector])]
    while stack:
        item, depth = stack.pop()
        if depth > _DEPTH:
            unused["selectors nested too deeply"] += 1
            continue
        if not isinstance(item, dict):
            if item is not None:
                unused["selectors given as a link"] += 1
            continue
        kind = item.get("type")
        if kind in USED:
            found.append(item)
        else:
            unused[str(kind or "selectors without a type")] += 1
        refined = item.get("refinedBy")
        if refined is not None:
            items = refined if isinstance(refined, list) else [refined]
            stack.extend((child, depth + 1) for child in reversed(items))
    return found


def hypothesis_author(item: dict[str, Any]) -> str | None:
    """The display name, else the name in ``acct:name@host``; None when the row has neither."""
    info = item.get("user_info")
    if isinstance(info, dict) and isinstance(info.get("display_name"), str):
        name = " ".join(without_controls(info["display_name"]).split())
        if name:
            return name
    user = item.get("user")
    if not isinstance(user, str) or not user:
        return None
    name = user.removeprefix("acct:").split("@", 1)[0]
    return " ".join(without_controls(name).split())


def hypothesis_tags(item: dict[str, Any], problems: list[str], label: str) -> list[str]:
    tags = item.get("tags")
    if tags is None:
        return []
    if not isinstance(tags, list):
        problems.append(f"{label}: its tags are not a list: left out")
        return []
    found = []
    for tag in tags:
        if isinstance(tag, str) and (clean := " ".join(without_controls(tag).split())):
            found.append(clean)
        else:
            problems.append(f"{label}: a tag that is not text was left out")
    return found
