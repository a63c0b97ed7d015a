"""Edits from the map, each one undo step (desktop.map.edits), and its context menu.

The edits' modules load the database library: they are imported at the first edit, so the
window's first look paints without them (desktop.shell.quick_start)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF

from desktop.map import map_menu
from desktop.map.link_routes import Point
from desktop.map.widget_parts import MapParts
from graph.errors import RapportError
from graph.nodes import person_node

if TYPE_CHECKING:
    from graph.operations import OpResult
    from graph.workspace import Workspace


class MapEdits(MapParts):
    def _run(self, operation: Callable[[Workspace], OpResult] | None) -> OpResult | None:
        """Run an edit as one undo step; a refusal is shown in words and pushes nothing."""
        from desktop.workspace.undo_operation import run_operation

        if operation is None:
            return None
        try:
            return run_operation(self.undo_stack, self.ws, operation)
        except RapportError as exc:
            self.show_message(str(exc))
            return None

    def _push(self, operation: Callable[[Workspace], OpResult] | None) -> bool:
        return self._run(operation) is not None

    def _on_moved(self, before: dict[str, Point], after: dict[str, Point]) -> None:
        from desktop.map import edits
        from graph.operations import Titled

        if self.account_id is None:
            return
        text = "Move card" if len(after) == 1 else f"Move {len(after)} cards"
        self._run(Titled(edits.move_cards(self.account_id, self._view, after), text))

    def _on_link_requested(self, source: str, target: str, at: QPoint) -> None:
        cards = self.scene.data.cards
        if self.account_id is None or source not in cards or target not in cards:
            return
        choices = map_menu.link_choices(cards[source], cards[target])
        choice = map_menu.ask_link_kind(self, at, choices, self.exec_menu)
        if choice is not None:
            self.add_link(source, target, choice.kind, choice.strength)

    def add_link(self, source: str, target: str, kind: str, strength: int = 2) -> bool:
        from desktop.map import edits

        assert self.account_id is not None
        return self._push(edits.link_edit(self.account_id, source, target, kind, strength))

    def add_person_at(self, at: QPointF) -> str | None:
        from desktop.map import edits

        if self.account_id is None:
            return None
        result = self._run(
            edits.add_person_at(self.account_id, self._view, (at.x(), at.y()), "New person")
        )
        if result is None:
            return None
        node = person_node(result.new_id("people"))
        self.selection.set_nodes([node])
        self.editRequested.emit(node)
        return node

    def mark_contacted_today(self, keys: list[str] | None = None) -> bool:
        from desktop.map import edits

        if self.account_id is None:
            return False
        keys = keys if keys is not None else self.scene.selected_keys()
        return self._push(edits.contacted_today(self.ws, self.account_id, keys))

    def delete_selected(self) -> bool:
        from desktop.map import edits

        if self.account_id is None:
            return False
        return self._push(edits.delete_edit(self.account_id, self.scene.selected_keys()))

    # --- context menu ------------------------------------------------------------------------

    def _on_context_menu(self, key: str | None, scene_pos: QPointF, screen_pos: QPoint) -> None:
        keys = self.scene.selected_keys() if key is not None else []
        target = map_menu.MenuTarget(keys, key)
        people = [k for k in keys if k.startswith("p")]
        card = next((self.scene.cards[k] for k in keys if k in self.scene.cards), None)
        handlers = {
            "add_person": lambda: self.add_person_at(scene_pos),
            "fit": self.fit_map,
            "edit": lambda: self.editRequested.emit(keys[0]),
            "log_interaction": lambda: self.logInteractionRequested.emit(people),
            "contacted_today": lambda: self.mark_contacted_today(people),
            "departure": lambda: self.show_departure(key),
            "delete": self.delete_selected,
        }
        if card is not None:
            handlers["add_link"] = lambda: self.scene.link.start(card, scene_pos, dragging=False)
        if self.account_id is None:
            handlers = {"fit": handlers["fit"]}
        menu = map_menu.build_context_menu(self, target, handlers)
        self.exec_menu(menu, screen_pos)
        menu.deleteLater()
