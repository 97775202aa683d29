"""Run the W3C web-annotation-tests MUST assertions on a W3C export and print every result.

    python benchmarks/w3c_suite.py SUITE_DIR EXPORT.json

SUITE_DIR is a checkout of https://github.com/w3c/web-annotation-tests (its ``annotations/``,
``collections/`` and ``definitions/`` folders); nothing of it is copied here. The assertions
listed by ``annotations/annotationMusts.test`` run on every annotation of the export, those of
``collections/collectionMusts.test`` on the collection and ``collections/pages/pageMusts.test``
on each page. Each assertion is a JSON Schema (Draft 4) whose ``$ref``s name the schemas in
``definitions/`` by their ``id``; ``format: uri`` is checked with ``rfc3987``, as the suite's
own runner does. An assertion whose ``onUnexpectedResult`` is ``failAndContinue`` is a MUST.
Prints one line per assertion (passed, failed on how many items, with the suite's message)
and exits 1 when a MUST fails.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SUITES = (
    ("annotation", "annotations/annotationMusts.test"),
    ("collection", "collections/collectionMusts.test"),
    ("page", "collections/pages/pageMusts.test"),
)


def _registry(suite: Path) -> Registry:
    resources = []
    for path in sorted((suite / "definitions").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema.get("id", path.name), Resource.from_contents(schema, DRAFT4)))
    return Registry().with_resources(resources)


def _items(export: Any) -> dict[str, list[dict[str, Any]]]:
    """The annotations, the collection and its pages of an export (or of one annotation)."""
    found: dict[str, list[dict[str, Any]]] = {"annotation": [], "collection": [], "page": []}
    if isinstance(export, dict) and export.get("type") == "AnnotationCollection":
        found["collection"].append(export)
        page = export.get("first")
        while isinstance(page, dict):
            found["page"].append(page)
            found["annotation"].extend(i for i in page.get("items", []) if isinstance(i, dict))
            page = page.get("next") if isinstance(page.get("next"), dict) else None
    elif isinstance(export, list):
        found["annotation"] = [i for i in export if isinstance(i, dict)]
    elif isinstance(export, dict):
        found["annotation"] = [export]
    return found


def _page_in_context(page: dict[str, Any], collection: dict[str, Any]) -> dict[str, Any]:
    # An embedded page inherits the collection's @context (JSON-LD scoping): the suite checks
    # a page as a document of its own, so give it the context it is read with.
    if "@context" in page or "@context" not in collection:
        return page
    return {"@context": collection["@context"], **page}


def run(suite: Path, export: Any) -> Iterator[tuple[str, str, bool, int, int, str]]:
    """(kind, assertion, is a MUST, items failing, items checked, message) per assertion."""
    registry = _registry(suite)
    items = _items(export)
    if items["collection"]:
        items["page"] = [_page_in_context(p, items["collection"][0]) for p in items["page"]]
    for kind, test in SUITES:
        listed = json.loads((suite / test).read_text(encoding="utf-8"))["assertions"]
        for name in listed:
            schema = json.loads((suite / name).read_text(encoding="utf-8"))
            validator = Draft4Validator(schema, registry=registry, format_checker=FormatChecker())
            must = schema.get("onUnexpectedResult") == "failAndContinue"
            expect_valid = schema.get("expectedResult", "valid") == "valid"
            failing = sum(validator.is_valid(item) != expect_valid for item in items[kind])
            yield kind, name, must, failing, len(items[kind]), schema.get("errorMessage", "")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    suite, export_path = Path(argv[0]), Path(argv[1])
    export = json.loads(export_path.read_text(encoding="utf-8"))
    musts = failed = 0
    for kind, name, must, failing, checked, message in run(suite, export):
        musts += must
        failed += must and failing > 0
        state = "pass" if not failing else f"FAIL on {failing} of {checked}"
        level = "MUST" if must else "may "
        line = f"{level} {kind:10} {Path(name).stem:45} {state}"
        if failing:
            line += f"  {message}"
        print(line)
    print(f"{musts - failed} of {musts} MUST assertions pass ({failed} fail)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
