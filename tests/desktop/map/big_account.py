"""A 2,000-person account built straight as map data (no workspace: writing one takes half a
minute), shaped like ``benchmarks/bench_map.py``'s: a six-level org chart, influence, ally and
conflict links, eight team members covering a fifth of the people."""

from __future__ import annotations

import random

from desktop.map.map_data import CardData, LinkData, MapData

TITLES = ["Director", "Engineer", "Manager", "Analyst", "Architect"]
SURNAMES = ["Smith", "Lee", "Garcia", "Khan", "Ito"]
ROLES = ["economic_buyer", "technical_buyer", "champion", "blocker", "primary_user", ""]


def big_map_data(people: int = 2000, seed: int = 3) -> MapData:
    rng = random.Random(seed)
    data = MapData(1, "Initech Global")
    keys = [f"p{i + 1}" for i in range(people)]
    for i, key in enumerate(keys):
        level = "executive" if i < 12 else "management" if i < 300 else "operations"
        data.cards[key] = CardData(
            key=key,
            kind="person",
            name=f"Person {i:04d} {rng.choice(SURNAMES)}",
            title=rng.choice(TITLES),
            level=level,
            role=rng.choice(ROLES),
            influence=rng.randint(1, 5),
            attitude=rng.randint(-2, 2),
            interest=rng.randint(1, 5),
        )
    seen: set[tuple[str, str, str]] = set()

    def link(kind: str, a: str, b: str, strength: int = 1, directed: bool = True) -> None:
        if a == b:
            return
        if not directed:
            a, b = min(a, b), max(a, b)
        if (kind, a, b) in seen:
            return
        seen.add((kind, a, b))
        prefix = "c" if kind in ("owns", "knows") else "r"
        key = f"{prefix}{len(data.links) + 1}"
        data.links[key] = LinkData(key, a, b, kind, strength)

    depth = {keys[0]: 0}
    for i in range(1, people):
        manager = keys[rng.randrange(max(1, i // 6), i)] if i > 6 else keys[0]
        if depth[manager] >= 6:
            manager = keys[rng.randrange(0, min(50, i))]
        depth[keys[i]] = depth[manager] + 1
        link("reports_to", keys[i], manager)
    for _ in range(people * 3 // 4):
        link("influences", rng.choice(keys), rng.choice(keys), rng.randint(1, 3))
    for _ in range(people // 7):
        link("ally", rng.choice(keys), rng.choice(keys), directed=False)
    for _ in range(people // 10):
        link("conflict", rng.choice(keys), rng.choice(keys), directed=False)
    members = [f"m{i + 1}" for i in range(8)]
    for i, key in enumerate(members):
        data.cards[key] = CardData(key=key, kind="member", name=f"Member {i}", role="tam")
    for person in rng.sample(keys, people // 5):
        link(rng.choice(["owns", "knows"]), rng.choice(members), person)
    return data
