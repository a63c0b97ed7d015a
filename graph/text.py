"""Text fit to store and to write: no control characters a format cannot hold.

Imported files (a CSV from a CRM, a vCard, a calendar) can carry form feeds, escape sequences
and other control characters nobody can see. Stored, they would break every XML export (XML 1.0
cannot hold them) and could drive a terminal when echoed; so text is cleaned as it enters the
workspace, and again as it leaves for a format with rules of its own (old files).
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and the C1 controls (0x80-0x9f).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_OR_BREAK = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
# What XML 1.0 refuses, raw or written as a character reference (&#12; &#x1b;).
_XML_RAW = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XML_REFERENCE = re.compile(
    rb"&#(?:0*(?:[0-8]|1[12]|1[4-9]|2[0-9]|3[01])|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]));"
)
_XML_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str, *, multiline: bool = False) -> str:
    """``text`` without control characters. A one-line field keeps tabs, turned into spaces;
    a multi-line field (notes, summaries) keeps tabs and line breaks ("\\r\\n" becomes "\\n")."""
    if multiline:
        return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROL_OR_BREAK.sub(
        lambda m: " " if m.group(0) in "\n\r" else "", text.replace("\t", " ")
    )


def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold dropped."""
    return _XML_TEXT.sub("", text)


def xml_safe_bytes(data: bytes) -> bytes:
    """An XML document's bytes with what XML 1.0 refuses dropped (raw or as references)."""
    return _XML_RAW.sub(b"", _XML_REFERENCE.sub(b"", data))


def printable(text: str, limit: int = 200) -> str:
    """``text`` safe to print in a terminal or a one-line message: control characters shown
    as escapes (``\\x1b``), cut to ``limit`` characters."""
    shown = _CONTROL_OR_BREAK.sub(lambda m: m.group(0).encode("unicode_escape").decode(), text)
    shown = shown.replace("\t", "\\t")
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
