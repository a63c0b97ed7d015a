"""The map's menus: the context menu of a card, a link or the empty canvas, and the small menu
that asks which kind of relationship a drag should create. ``exec_menu`` is the one place a
menu is shown modally, so tests replace it and trigger an action instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from desktop.map.map_data import CardData


@dataclass(frozen=True)
class LinkChoice:
    kind: str
    strength: int
    text: str


def link_choices(source: CardData, target: CardData) -> list[LinkChoice]:
    """The kinds of link a drag from ``source`` to ``target`` can create, worded for them."""
    a, b = source.name, target.name
    if source.is_member or target.is_member:
        member, person = (a, b) if source.is_member else (b, a)
        return [
            LinkChoice("owns", 1, f"{member} owns the relationship with {person}"),
            LinkChoice("knows", 1, f"{member} knows {person}"),
        ]
    return [
        LinkChoice("reports_to", 1, f"{a} reports to {b}"),
        LinkChoice("influences", 1, f"{a} influences {b} (weak)"),
        LinkChoice("influences", 2, f"{a} influences {b} (medium)"),
        LinkChoice("influences", 3, f"{a} influences {b} (strong)"),
        LinkChoice("ally", 1, f"{a} and {b} are allies"),
        LinkChoice("conflict", 1, f"{a} and {b} are in conflict"),
    ]


def exec_menu(menu: QMenu, at: QPoint) -> QAction | None:
    """Show ``menu`` at a screen position and return the chosen action (tests replace this)."""
    return menu.exec(at)


def ask_link_kind(
    parent: QWidget,
    at: QPoint,
    choices: list[LinkChoice],
    show: Callable[[QMenu, QPoint], QAction | None],
) -> LinkChoice | None:
    menu = QMenu(parent)
    menu.addSection("New relationship")
    actions = {}
    for choice in choices:
        actions[menu.addAction(choice.text)] = choice
    chosen = show(menu, at)
    menu.deleteLater()
    return actions.get(chosen) if chosen is not None else None


@dataclass
class MenuTarget:
    """What a context menu is about: selected node keys, and the clicked one (if any)."""

    keys: list[str]
    clicked: str | None


def build_context_menu(
    parent: QWidget, target: MenuTarget, handlers: Mapping[str, Callable[[], object]]
) -> QMenu:
    """A menu of the actions that apply to ``target``; ``handlers`` maps action ids to calls."""
    menu = QMenu(parent)
    people = [k for k in target.keys if k[0] == "p"]
    cards = [k for k in target.keys if k[0] in "pt"]
    links = [k for k in target.keys if k[0] in "rc"]

    def add(action_id: str, text: str, enabled: bool = True) -> None:
        action = menu.addAction(text)
        action.setObjectName(action_id)
        action.setEnabled(enabled and action_id in handlers)
        if action_id in handlers:
            action.triggered.connect(handlers[action_id])

    if target.clicked is None:
        add("add_person", "Add person here")
        add("fit", "Fit map")
        return menu
    if len(target.keys) == 1:
        add("edit", "Edit…")
    if len(cards) == 1 and not links:
        add("add_link", "Add relationship…")
    if people:
        add("log_interaction", "Log interaction…")
        add("contacted_today", "Mark contacted today")
    if len(cards) == 1 and not links:
        add("departure", "What if they leave?")
    menu.addSeparator()
    add("add_person", "Add person here")
    menu.addSeparator()
    label = "Delete link" if links and not cards else "Delete"
    add("delete", label)
    return menu
