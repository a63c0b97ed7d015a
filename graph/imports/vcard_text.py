"""The text of a vCard file, cut into cards holding only the properties an import reads.

vobject parses whatever it is given, and some of it is slow or fragile: a 20 MB PHOTO took 215 s,
its quoted-printable decoding is quadratic (134 s for a 1.2 MB card), a damaged PHOTO or a
``PROFILE:VCard`` line (allowed by RFC 2426, written by Lotus Notes) sinks the whole file. So
before vobject sees a card, one linear pass over the lines:

- keeps the properties Rapport reads (``KEPT``) and skips everything else unparsed: photos,
  logos, sounds, keys, addresses, profiles, and the base64 lines that follow them;
- decodes quoted-printable values itself (joining soft line breaks in one go), in their
  CHARSET, and writes them back as plain escaped text;
- cuts the file into cards, numbered from 1 in file order, so one unreadable card can be named
  (and skipped) instead of refusing the file.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass, field

KEPT = frozenset(
    {
        *("VERSION", "FN", "N", "TITLE", "ROLE", "ORG", "EMAIL", "TEL", "NOTE", "KIND"),
        *("X-MS-MANAGER", "X-ABLABEL", "X-ABRELATEDNAMES", "X-ADDRESSBOOKSERVER-KIND"),
        "X-ABSHOWAS",
    }
)
# Values whose ";" separates parts (name parts, organisation units): kept unescaped.
_STRUCTURED = frozenset({"N", "ORG"})
_PROPERTY = re.compile(r"^(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$", re.S)
_QP = re.compile(r"(?:^|;)\s*(?:ENCODING\s*=\s*)?QUOTED-PRINTABLE\s*(?=;|$)", re.I)
_CHARSET = re.compile(r";\s*CHARSET\s*=\s*\"?([A-Za-z0-9_.:-]+)\"?", re.I)
_DROP_PARAMS = re.compile(
    r";\s*(?:ENCODING\s*=\s*)?QUOTED-PRINTABLE\s*(?=;|$)|;\s*CHARSET\s*=\s*[^;]*", re.I
)

_BARE_COMMA = re.compile(r"(\\.)|,")


@dataclass
class CardText:
    """One card: its number in the file, its first line, and the text vobject will read."""

    number: int
    line: int
    lines: list[str] = field(default_factory=list)
    name: str = ""
    skipped: set[str] = field(default_factory=set)
    complete: bool = False

    @property
    def text(self) -> str:
        return "\r\n".join(self.lines) + "\r\n"


def _escape(value: str, structured: bool) -> str:
    value = value.replace("\\", "\\\\").replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\n", "\\n").replace(",", "\\,")
    return value if structured else value.replace(";", "\\;")


def _decode_qp(raw: str, params: str) -> str:
    data = quopri.decodestring(raw.encode("latin-1", "replace"))
    charset = _CHARSET.search(params)
    for encoding in (charset.group(1) if charset else "utf-8", "utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("latin-1")


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded lines with their first physical line number: RFC folding (a leading space or
    tab) and quoted-printable soft breaks (a trailing '='), joined in linear time."""
    result: list[tuple[int, list[str]]] = []
    in_qp = False
    for number, line in enumerate(text.splitlines(), start=1):
        if result and in_qp:
            parts = result[-1][1]
            parts[-1] = parts[-1][:-1]  # the soft break's '='
            parts.append(line)
        elif result and line[:1] in (" ", "\t"):
            result[-1][1].append(line[1:])
        else:
            result.append((number, [line]))
            head = line.split(":", 1)[0]
            in_qp = bool(_QP.search(head.split(";", 1)[1] if ";" in head else ""))
            in_qp = in_qp and line.endswith("=")
            continue
        in_qp = in_qp and line.endswith("=")
    return [(number, "".join(parts)) for number, parts in result]


def split_cards(text: str) -> list[CardText]:
    """The cards of a vCard file, each reduced to the kept properties."""
    cards: list[CardText] = []
    card: CardText | None = None
    for number, line in _logical_lines(text):
        stripped = line.strip()
        upper = stripped.upper()
        if upper == "BEGIN:VCARD":
            card = CardText(len(cards) + 1, number, ["BEGIN:VCARD"])
            cards.append(card)
            continue
        if card is None:
            continue
        if upper == "END:VCARD":
            card.lines.append("END:VCARD")
            card.complete = True
            card = None
            continue
        match = _PROPERTY.match(line)
        if match is None:
            continue  # a continuation of a skipped property (base64 data) or a damaged line
        group, name, params, value = match.groups()
        upper_name = name.upper()
        if upper_name not in KEPT:
            card.skipped.add(upper_name)
            continue
        if _QP.search(params):
            value = _escape(_decode_qp(value, params), upper_name in _STRUCTURED)
            params = _DROP_PARAMS.sub("", params)
        else:
            # Google writes "FN:Mr. John Richter, James Doe Sr." with the comma unescaped; a
            # vCard 3 reader takes it for a list and keeps "Mr. John Richter". No property
            # read here is a list, so every bare comma is text.
            value = _BARE_COMMA.sub(lambda m: m.group(1) or "\\,", value)
            if _CHARSET.search(params):
                params = _DROP_PARAMS.sub("", params)
        if upper_name == "FN" and not card.name:
            card.name = value.replace("\\,", ",").replace("\\;", ";").strip()
        prefix = f"{group}." if group else ""
        card.lines.append(f"{prefix}{name}{params}:{value}")
    return cards
