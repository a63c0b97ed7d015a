"""Finding people on the map by what a TAM remembers: a name, a title ("engineer"), a
department or an email address (no Qt)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from desktop.map.map_data import CardData


def search_cards(cards: Iterable[CardData], text: str) -> list[CardData]:
    """The cards ``text`` finds, best first: a name match (exact, then a prefix of the name or
    of one of its words, then anywhere in it) wins alone; else every person whose title,
    department or email holds it, by name."""
    wanted = text.strip().casefold()
    if not wanted:
        return []
    cards = list(cards)
    tests: list[Callable[[str], bool]] = [
        lambda n: n == wanted,
        lambda n: n.startswith(wanted),
        lambda n: any(w.startswith(wanted) for w in n.split()),
        lambda n: wanted in n,
    ]
    for test in tests:
        found = [c for c in cards if test(c.name.casefold())]
        if found:
            return found[:1]
    found = [
        c
        for c in cards
        if not c.is_member
        and any(wanted in field.casefold() for field in (c.title, c.department, c.email))
    ]
    return sorted(found, key=lambda c: c.name.casefold())
