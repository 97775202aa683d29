"""The MUST assertions of the W3C web-annotation-tests suite, written here as our own schemas.

Written from reading what the suite's ``annotationMusts.test``, ``collectionMusts.test`` and
``pageMusts.test`` assert (the Web Annotation Data Model, sections 3, 4 and 5), not copied
from it: the suite's files may not be committed here. ``benchmarks/w3c_suite.py`` runs the
suite itself against an export. Each check is a Draft 4 JSON Schema run by ``jsonschema``,
with ``format: uri`` checked by ``rfc3987`` as the suite does; times are checked with a
pattern for xsd:dateTime, which ``jsonschema`` only checks with an extra package.
"""

from __future__ import annotations

from typing import Any

from jsonschema import Draft4Validator, FormatChecker

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
URI = {"type": "string", "format": "uri"}
ONE_URI = {"oneOf": [URI, {"type": "array", "minItems": 1, "maxItems": 1, "items": URI}]}
URIS = {"oneOf": [URI, {"type": "array", "items": URI}]}
# xsd:dateTime with a time zone (the model: "SHOULD be expressed in UTC with Z").
DATE_TIME = {
    "type": "string",
    "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$",
}
ONE_DATE_TIME = {
    "oneOf": [DATE_TIME, {"type": "array", "minItems": 1, "maxItems": 1, "items": DATE_TIME}]
}
# The anno.jsonld context alone, or among others (Draft 4 has no "contains": "not every item
# is something else").
CONTEXT_VALUE = {
    "oneOf": [
        {"enum": [CONTEXT]},
        {"type": "array", "not": {"items": {"not": {"enum": [CONTEXT]}}}},
    ]
}
OPTIONAL_PROPERTIES = {
    "created": ONE_DATE_TIME,
    "modified": ONE_DATE_TIME,
    "generated": ONE_DATE_TIME,
    "rights": URIS,
    "canonical": ONE_URI,
    "via": URIS,
}
POSITIONS = ["TextPositionSelector", "DataPositionSelector"]
SELECTOR_TYPES = [
    "FragmentSelector",
    "CssSelector",
    "XPathSelector",
    "TextQuoteSelector",
    "TextPositionSelector",
    "DataPositionSelector",
    "SvgSelector",
    "RangeSelector",
]
SELECTOR: dict[str, Any] = {
    "oneOf": [
        URI,
        {
            "type": "object",
            "required": ["type"],
            "properties": {
                "type": {"enum": SELECTOR_TYPES},
                "refinedBy": {"$ref": "#/definitions/selectors"},
            },
            "allOf": [
                {  # a quote selector has its quote as one string
                    "oneOf": [
                        {"properties": {"type": {"not": {"enum": ["TextQuoteSelector"]}}}},
                        {"required": ["exact"], "properties": {"exact": {"type": "string"}}},
                    ]
                },
                {  # a position selector has a start and an end, whole numbers from 0
                    "oneOf": [
                        {
                            "properties": {
                                "type": {
                                    "not": {
                                        "enum": ["TextPositionSelector", "DataPositionSelector"]
                                    }
                                }
                            }
                        },
                        {
                            "required": ["start", "end"],
                            "properties": {
                                "start": {"type": "integer", "minimum": 0},
                                "end": {"type": "integer", "minimum": 0},
                            },
                        },
                    ]
                },
                {  # a range selector has both ends
                    "oneOf": [
                        {"properties": {"type": {"not": {"enum": ["RangeSelector"]}}}},
                        {"required": ["startSelector", "endSelector"]},
                    ]
                },
            ],
        },
    ]
}
# A body or target: an IRI, a textual body (a value and no id), an external resource (an id),
# a specific resource (a source IRI), or a choice or set of them (its items).
RESOURCE: dict[str, Any] = {
    "oneOf": [
        URI,
        {
            "type": "object",
            "properties": {**OPTIONAL_PROPERTIES, "id": URI, "source": URI},
            "oneOf": [
                {"required": ["value"], "not": {"required": ["id"]}},
                {"required": ["id"], "not": {"required": ["source"]}},
                {
                    "required": ["source"],
                    "properties": {"selector": {"$ref": "#/definitions/selectors"}},
                },
                {
                    "required": ["items"],
                    "properties": {
                        "type": {"enum": ["Choice", "Composite", "List", "Independents"]},
                        "items": {"type": "array", "minItems": 1},
                    },
                },
            ],
        },
    ]
}
ANNOTATION: dict[str, Any] = {
    "definitions": {
        "selectors": {"oneOf": [SELECTOR, {"type": "array", "items": SELECTOR}]},
        "resource": RESOURCE,
    },
    "type": "object",
    "required": ["@context", "id", "type", "target"],
    "properties": {
        "@context": CONTEXT_VALUE,
        "id": ONE_URI,
        "type": {"oneOf": [{"enum": ["Annotation"]}, {"type": "array"}]},
        # When a body is given it is one or more bodies: never an empty list.
        "body": {
            "oneOf": [
                {"$ref": "#/definitions/resource"},
                {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/resource"}},
            ]
        },
        "bodyValue": {"type": "string"},
        "target": {
            "oneOf": [
                {"$ref": "#/definitions/resource"},
                {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/resource"}},
            ]
        },
        **OPTIONAL_PROPERTIES,
    },
    "not": {"required": ["body", "bodyValue"]},
}
PAGE_OR_IRI = {"oneOf": [URI, {"type": "object", "required": ["id"], "properties": {"id": URI}}]}
COLLECTION: dict[str, Any] = {
    "type": "object",
    "required": ["@context", "id", "type"],
    "properties": {
        "@context": CONTEXT_VALUE,
        "id": ONE_URI,
        "type": {"oneOf": [{"enum": ["AnnotationCollection"]}, {"type": "array"}]},
        "label": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
        "total": {"type": "integer", "minimum": 0},
        "first": PAGE_OR_IRI,
        "last": PAGE_OR_IRI,
        **OPTIONAL_PROPERTIES,
    },
}
PAGE: dict[str, Any] = {
    "type": "object",
    "required": ["id", "type", "items"],
    "properties": {
        "id": ONE_URI,
        "type": {"oneOf": [{"enum": ["AnnotationPage"]}, {"type": "array"}]},
        "items": {"type": "array"},
        "startIndex": {"type": "integer", "minimum": 0},
        "partOf": PAGE_OR_IRI,
        "next": PAGE_OR_IRI,
        "prev": PAGE_OR_IRI,
        **OPTIONAL_PROPERTIES,
    },
}


def errors(schema: dict[str, Any], item: Any) -> list[str]:
    """What ``item`` breaks of ``schema``, one message each (empty: it passes)."""
    validator = Draft4Validator(schema, format_checker=FormatChecker())
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
        for e in validator.iter_errors(item)
    ]


def collection_errors(export: dict[str, Any]) -> list[str]:
    """Every MUST an exported collection, its pages and its annotations break."""
    found = [f"collection {e}" for e in errors(COLLECTION, export)]
    page = export.get("first")
    number = 0
    while isinstance(page, dict):
        found += [f"page {number} {e}" for e in errors(PAGE, page)]
        for index, item in enumerate(page.get("items", [])):
            found += [f"annotation {index} {e}" for e in errors(ANNOTATION, item)]
        page, number = page.get("next"), number + 1
    return found
