"""Fast paths from a workspace change to the map: read only the rows a change names.

An edit of a person's fields rebuilds that card; a link added, changed or removed touches that
edge. Anything else (people added or removed, interactions logged) returns None and the map
reads the account again.
"""

from __future__ import annotations

import dataclasses

from desktop.map.card_risks import card_marks, map_risks, owner_initials
from desktop.map.map_data import LinkData, MapData, SceneChange
from desktop.map.scene import MapScene
from graph import schema as s
from graph.events import ChangeSet
from graph.signals import account_signals
from graph.workspace import Workspace

_PERSON_FIELDS = (
    "name",
    "title",
    "department",
    "level",
    "role",
    "influence",
    "attitude",
    "interest",
    "status",
    "email",
)


def only_people(changes: ChangeSet) -> bool:
    """Only existing people's fields changed (and their attitude history)."""
    return changes.tables <= {"people", "attitude_changes"} and all(
        c.kind == "updated" for c in changes.changes if c.table == "people"
    )


def refresh_people(ws: Workspace, scene: MapScene, changes: ChangeSet) -> SceneChange | None:
    """Rebuild the cards of the people a change updated."""
    data = scene.data
    cards = dict(data.cards)
    for change in changes.changes:
        if change.table != "people":
            continue
        person_id = change.key[0]
        assert isinstance(person_id, int)  # people's key is their integer id
        key = f"p{person_id}"
        old = cards.get(key)
        if old is None:
            return None
        person = ws.get(s.Person, person_id)
        values = {f: getattr(person, f) for f in _PERSON_FIELDS}
        values = {k: (v.value if hasattr(v, "value") else v) for k, v in values.items()}
        values["email"] = values.get("email") or ""
        cadence = ws.cadence_of(person).status(old.last_contact, data.today or ws.today())
        cards[key] = dataclasses.replace(old, **values, cadence=str(cadence))
    fresh = MapData(
        data.account_id,
        data.account_name,
        cards,
        data.links,
        data.graph_source,
        data.today,
        data.risks,
    )
    return scene.set_data(fresh)


def refresh_links(
    ws: Workspace, scene: MapScene, account_id: int | None, changes: ChangeSet
) -> SceneChange | None:
    """Add, change or drop the edges of the relationships and coverage a change names."""
    data = scene.data
    links = dict(data.links)
    graph = data.graph.copy()
    for change in changes.changes:
        prefix = "r" if change.table == "relationships" else "c"
        record_id = change.key[0]
        key = f"{prefix}{record_id}"
        old = links.pop(key, None)
        if old is not None and graph.has_edge(old.source, old.target, old.kind):
            graph.remove_edge(old.source, old.target, old.kind)
        if change.kind == "removed":
            continue
        link = read_link(ws, account_id, prefix, int(str(record_id)))
        if link is None or link.source not in data.cards or link.target not in data.cards:
            return None  # someone new on either end: read the account again
        links[key] = link
        attrs = {"kind": link.kind, "record_id": record_id, "strength": link.strength}
        graph.add_edge(link.source, link.target, key=link.kind, **attrs)
    fresh = MapData(
        data.account_id, data.account_name, data.cards, links, graph, data.today, data.risks
    )
    return scene.set_data(fresh)


# What the account's risks and the cards' marks read: a title or a note changes none of them.
_RISK_FIELDS = ("level", "role", "influence", "attitude", "status")
_RISK_LINKS = ("influences", "reports_to")


def risks_may_change(before: MapData, after: MapData, changes: ChangeSet) -> bool:
    """Whether an edit the quick paths applied can change risks, marks or owners."""
    if "coverage" in changes.tables:
        return True
    for key, card in after.cards.items():
        old = before.cards.get(key)
        if (
            old is not None
            and old is not card
            and any(getattr(old, f) != getattr(card, f) for f in _RISK_FIELDS)
        ):
            return True
    for change in changes.changes:
        if change.table == "relationships":
            key = f"r{change.key[0]}"
            link = after.links.get(key) or before.links.get(key)
            if link is None or link.kind in _RISK_LINKS:
                return True
    return False


def refresh_risks(ws: Workspace, scene: MapScene) -> SceneChange:
    """Recompute the account's risks, the marks on the cards and who owns whom, after an edit
    refreshed only some cards or links (a contact logged, an owner added, an attitude moved)."""
    data = scene.data
    if data.account_id is None:
        return SceneChange()
    signals = account_signals(ws, data.account_id, today=data.today or ws.today())
    risks = map_risks(data.graph, signals.flags)
    marks = card_marks(risks)
    cards = dict(data.cards)
    for key, card in data.cards.items():
        if card.is_member:
            continue
        values = {"risks": marks.get(key, ()), "owned_by": owner_initials(data.graph, key)}
        if (card.risks, card.owned_by) != (values["risks"], values["owned_by"]):
            cards[key] = dataclasses.replace(card, **values)  # type: ignore[arg-type]
    fresh = MapData(
        data.account_id, data.account_name, cards, data.links, data.graph, data.today, risks
    )
    return scene.set_data(fresh)


def read_link(
    ws: Workspace, account_id: int | None, prefix: str, record_id: int
) -> LinkData | None:
    """A Relationship ("r") or Coverage ("c") row as map link data."""
    if prefix == "r":
        r = ws.get(s.Relationship, record_id)
        if r.account_id != account_id:
            return None
        return LinkData(f"r{r.id}", f"p{r.source_id}", f"p{r.target_id}", r.kind.value, r.strength)
    c = ws.get(s.Coverage, record_id)
    return LinkData(
        f"c{c.id}",
        f"t{c.member_id}",
        f"p{c.person_id}",
        c.kind.value,
        1,
        c.current_level.value,
        c.desired_level.value,
    )
