"""Cleaning the values people type into contact lists: names, emails, phones, tags.

Matching keys are forgiving on purpose: "Dr. José García", "garcia, jose" and "JOSE GARCIA"
are one normalised name, and email addresses compare without regard to case.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The same rule as graph.validation, so a value accepted here is accepted by the workspace.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ANGLE_EMAIL = re.compile(r"<\s*([^<>\s]+@[^<>\s]+)\s*>")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "herr", "frau"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "mba"})
# What a spreadsheet program would run as a formula; exports guard such cells with a quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# Digits joined by operators with nothing between ("+1-1", "-2+3"): Excel computes them.
_ARITHMETIC = re.compile(r"[+\-]?[\d.]+(?:[+\-*/^][\d.]+)+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 17)
def normalise_name(name: str) -> str:
    """A matching key for a person's name: no case, accents, titles or punctuation; 'Last,
    First' read as 'First Last'."""
    text = (
        name.casefold()
        if name.isascii()
        else strip_accents(unicodedata.normalize("NFKC", name)).casefold()
    )
    if text.count(",") == 1:
        last, first = text.split(",")
        if first.strip() and last.strip() and first.strip(" .") not in _SUFFIXES:
            text = f"{first} {last}"
    words = re.sub(r"[^\w\s'-]|_", " ", text).replace("'", "").split()
    while words and words[0].strip("-") in _HONORIFICS:
        words.pop(0)
    while words and words[-1].strip("-") in _SUFFIXES:
        words.pop()
    return " ".join(words)


def clean_email(text: str) -> str:
    """'Bob Smith <Bob@Acme.com>', 'mailto:bob@acme.com' -> the bare address as written."""
    text = text.strip()
    angled = _ANGLE_EMAIL.search(text)
    if angled:
        text = angled.group(1)
    if text[:7].lower() == "mailto:":
        text = text[7:]
    return text.strip().strip(";,").strip()


def email_key(text: str) -> str:
    """The matching key of an address: bare, without case."""
    if "<" not in text and ":" not in text:  # already bare: the common case
        return text.strip().casefold()
    return clean_email(text).casefold()


def is_email(text: str) -> bool:
    return bool(_EMAIL.match(text))


def name_from_email(email: str) -> str:
    """'jose.garcia@acme.com' -> 'Jose Garcia' for a contact that came without a name."""
    local = email.split("@", 1)[0]
    words = [w for w in re.split(r"[._\-+]+", local) if w]
    return " ".join(w.capitalize() for w in words) or email


def split_tags(text: str) -> list[str]:
    return [t.strip() for t in re.split(r"[,;|\n]", text) if t.strip()]


def unguard(text: str) -> str:
    """Drop the quote a careful export puts before a formula-like value ("'=SUM" -> "=SUM")."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r\n":
        return text[1:]
    return text


def guard(text: str) -> str:
    """Make a value safe to open in Excel: text that would run as a formula gets a quote.

    Phone numbers and numbers ("+1 555 0100", "-3") are left alone.
    """
    if not text.startswith(FORMULA_STARTS):
        return text
    if not re.fullmatch(r"[+\-]?[\d\s().\-/]+", text) or _ARITHMETIC.fullmatch(text):
        return "'" + text
    return text
