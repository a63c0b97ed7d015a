"""Where a map opens: whole when that reads, else at a readable zoom on the people to see
first (the top of the org chart, the "Manage closely" quadrant, the network's middle)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest

from desktop.map.map_widget import MapWidget
from desktop.map.view import READABLE_FIT
from desktop.workspace.selection import Selection
from graph import schema as s
from graph.vocabulary import Level, RelationKind
from graph.workspace import Workspace
from tests.desktop.map.test_laptop_opening import cut_sides

TODAY = dt.date(2026, 11, 22)
FIRST = ["Ada", "Ben", "Cleo", "Dev", "Ema", "Finn", "Gia", "Hugo", "Ines", "Joel"]
LAST = ["Moreau", "Okafor", "Lindqvist", "Tanaka", "Brennan", "Castillo"]


def build_company(ws: Workspace, reports: list[int], board: int = 0) -> dict[str, int]:
    """A CEO over one VP per entry of ``reports`` (each with that many reports), and, when
    ``board`` is given, a second small tree: a board chair with ``board`` advisers."""
    account = ws.add(s.Account(name="Wide Co"))
    ids = {"account": account.id}
    count = 0

    def person(key: str, title: str, level: Level, influence: int) -> int:
        nonlocal count
        name = f"{FIRST[count % len(FIRST)]} {LAST[count // len(FIRST) % len(LAST)]}-{count}"
        count += 1
        p = ws.add(
            s.Person(
                account_id=account.id, name=name, title=title, level=level, influence=influence
            )
        )
        ids[key] = p.id
        return p.id

    def reports_to(a: int, b: int) -> None:
        ws.add(
            s.Relationship(
                account_id=account.id, kind=RelationKind.REPORTS_TO, source_id=a, target_id=b
            )
        )

    ceo = person("ceo", "Chief Executive Officer", Level.EXECUTIVE, 5)
    for v, n in enumerate(reports):
        vp = person(f"vp{v}", "Vice President", Level.EXECUTIVE, 4)
        reports_to(vp, ceo)
        for r in range(n):
            reports_to(person(f"vp{v}r{r}", "Engineer", Level.OPERATIONS, 2), vp)
    if board:
        chair = person("chair", "Board Chair", Level.EXECUTIVE, 3)
        for b in range(board):
            reports_to(person(f"board{b}", "Adviser", Level.EXECUTIVE, 2), chair)
    return ids


def open_widget(qtbot, ws: Workspace, account_id: int, view: str = "org") -> MapWidget:
    w = MapWidget(ws, QUndoStack(), Selection())
    w._keep = (w.undo_stack, w.selection)
    w.scene.animate = False
    qtbot.addWidget(w)
    w.resize(1000, 700)
    w.show()
    qtbot.waitExposed(w)
    if view != "org":
        w._view = view
    with qtbot.waitSignal(w.layoutApplied, timeout=10000):
        w.set_account(account_id)
    return w


def seen(w: MapWidget) -> QRectF:
    return w.view.mapToScene(w.view.viewport().rect()).boundingRect()


def card_rect(w: MapWidget, key: str) -> QRectF:
    item = w.scene.cards[key]
    return item.mapRectToScene(item.body)


def all_cards_seen(w: MapWidget) -> bool:
    return all(seen(w).contains(card_rect(w, k)) for k in w.scene.visible_keys())


@pytest.fixture
def wide_ws(tmp_path: Path) -> Iterator[tuple[Workspace, dict[str, int]]]:
    """52 people: a CEO, nine VPs with 3-5 reports each (too wide to read whole, even with
    each team stacked in a column), and a board chair with two advisers in a tree of their
    own beside it."""
    ws = Workspace.create(tmp_path / "wide.rapport", today=lambda: TODAY)
    with ws.batch():
        ids = build_company(ws, [5, 5, 4, 4, 3, 5, 5, 4, 4], board=2)
    assert len(ws.people(ids["account"])) == 52
    yield ws, ids
    ws.close()


@pytest.fixture
def wide(qtbot, wide_ws) -> tuple[MapWidget, dict[str, int]]:
    ws, ids = wide_ws
    return open_widget(qtbot, ws, ids["account"]), ids


def test_a_wide_account_opens_readable_on_the_head_of_its_chart(wide) -> None:
    w, ids = wide
    ceo = f"p{ids['ceo']}"
    assert w.view.zoom() >= READABLE_FIT
    assert seen(w).contains(card_rect(w, ceo))
    # on the heads of both trees (side by side, they fit), centred across between them
    chair = f"p{ids['chair']}"
    assert seen(w).contains(card_rect(w, chair))
    centre = w.view.mapToScene(w.view.viewport().rect().center())
    heads = sorted(w.scene.cards[k].pos().x() for k in (ceo, chair))
    assert heads[0] < centre.x() < heads[1]
    # near the top: the CEO in the upper third, the CEO's VPs below, in view
    top = w.view.mapFromScene(w.scene.cards[ceo].pos()).y()
    assert top < w.view.viewport().height() * 0.4
    vps = [f"p{ids[f'vp{v}']}" for v in range(9)]
    assert sum(seen(w).contains(card_rect(w, k)) for k in vps) >= 3
    assert not all_cards_seen(w)
    assert w.toolbar.zoom_label.text() == f"{w.view.zoom() * 100:.0f}%"


def test_fit_never_shrinks_a_wide_account_past_readable(wide) -> None:
    w, ids = wide
    opened = w.view.zoom()
    w.view.set_zoom(1.5)
    w.view.setFocus()
    QTest.keyClick(w.view, Qt.Key.Key_F)  # as it opened: the head of the chart, readable
    assert w.view.zoom() == pytest.approx(opened)
    assert seen(w).contains(card_rect(w, f"p{ids['ceo']}"))
    assert not all_cards_seen(w)
    w.view.set_zoom(0.1)  # the view offers no zoom where cards cannot be read
    assert w.view.zoom() == pytest.approx(READABLE_FIT)
    w.view.set_zoom(1.0)
    w.toolbar.fit.trigger()
    assert w.view.zoom() >= READABLE_FIT
    # and it says the rest is a scroll away
    inside, total = w.extent.counts()
    assert w.extent.isVisible() and 0 < inside < total == 52
    assert f"{inside} of 52 people in view" in w.extent.text()


def no_card_cut(w: MapWidget) -> bool:
    """Every card in the view shows whole: none is cut by the view's edges."""
    shown = seen(w)
    return not any(
        shown.intersects(box) and not shown.contains(box)
        for box in (card_rect(w, k) for k in w.scene.visible_keys())
    )


def test_a_small_account_opens_fitted(qtbot, tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "small.rapport", today=lambda: TODAY)
    ids = build_company(ws, [1])  # three people
    w = open_widget(qtbot, ws, ids["account"])
    opened = w.view.zoom()
    assert all_cards_seen(w)
    w.view.fit()
    assert w.view.zoom() == pytest.approx(opened)
    ws.close()


def test_a_moved_head_is_found_where_the_user_put_it(qtbot, wide_ws) -> None:
    ws, ids = wide_ws
    ceo = f"p{ids['ceo']}"
    ws.set_positions(ids["account"], "org", {ceo: (2600.0, 900.0)})
    w = open_widget(qtbot, ws, ids["account"])
    assert w.scene.cards[ceo].pos() == QPointF(2600.0, 900.0)  # the user's place, kept
    assert w.view.zoom() >= READABLE_FIT
    assert seen(w).contains(card_rect(w, ceo))


def test_switching_views_opens_each_readable(qtbot, wide) -> None:
    w, _ = wide
    with qtbot.waitSignal(w.layoutApplied, timeout=10000):
        w.set_view("network")
    assert w.view.zoom() >= READABLE_FIT
    centre = w.view.mapToScene(w.view.viewport().rect().center())
    middle = w.scene.content_rect().center()
    # on the middle, moved at most a quarter of the view so that no card is cut at its edges
    # where it can; where it cannot, the cut cards fade out at that edge
    shown = seen(w)
    assert abs(centre.x() - middle.x()) <= shown.width() / 4 + 1
    assert abs(centre.y() - middle.y()) <= shown.height() / 4 + 1
    assert no_card_cut(w) or cut_sides(w) <= w.fade.sides()

    for view in ("power_interest", "influence_attitude"):
        with qtbot.waitSignal(w.layoutApplied, timeout=10000):
            w.set_view(view)
        assert w.view.zoom() >= READABLE_FIT
        spec = w.scene.backdrop.spec
        # Mendelow's names in the same places in both grids: "Manage closely" top right
        assert spec.quadrants == ("Keep satisfied", "Manage closely", "Monitor", "Keep informed")
        key = QRectF(
            QPointF(spec.split.x(), spec.plot.top()), QPointF(spec.plot.right(), spec.split.y())
        )
        # it opens on people in that quadrant (or, with nobody there, the most influential),
        # never on an empty corner of it
        people = {k: c for k, c in w.scene.cards.items() if k.startswith("p")}
        wanted = [k for k, c in people.items() if key.contains(c.pos())]
        if not wanted:
            top = max(w.scene.data.cards[k].influence for k in people)
            wanted = [k for k in people if w.scene.data.cards[k].influence == top]
        assert any(seen(w).contains(card_rect(w, k)) for k in wanted), view


def test_a_view_that_fits_readably_opens_fitted(qtbot, wide) -> None:
    w, _ = wide
    w.resize(3000, 2000)  # room enough to read the whole chart
    qtbot.wait(20)
    with qtbot.waitSignal(w.layoutApplied, timeout=10000):
        w.set_view("network")
    with qtbot.waitSignal(w.layoutApplied, timeout=10000):
        w.set_view("org")
    opened = w.view.zoom()
    assert opened >= READABLE_FIT
    assert all_cards_seen(w)
    w.view.fit()
    assert w.view.zoom() == pytest.approx(opened)


def test_on_a_small_laptop_a_wide_chart_opens_at_the_readable_minimum(qtbot, wide) -> None:
    w, ids = wide
    w.resize(620, 560)  # the map's share of a 1024 x 700 screen
    qtbot.wait(20)
    with qtbot.waitSignal(w.layoutApplied, timeout=10000):
        w.set_view("network")
    with qtbot.waitSignal(w.layoutApplied, timeout=10000):
        w.set_view("org")
    assert w.view.zoom() == pytest.approx(READABLE_FIT)  # as many readable cards as fit
    assert seen(w).contains(card_rect(w, f"p{ids['ceo']}"))


def legend_area(w: MapWidget) -> QRectF:
    corner = w.legend.geometry().translated(-w.view.viewport().pos())
    return w.view.mapToScene(corner).boundingRect()


@pytest.mark.parametrize("size", [(540, 560), (745, 600), (1100, 900)])
def test_every_sample_view_opens_with_whole_cards_clear_of_the_legend(
    qtbot, sample: Workspace, size: tuple[int, int]
) -> None:
    """The map areas of 1024x700, 1366x768 and 1920x1080 windows."""
    from tests.desktop.map.conftest import open_map

    accounts = sample.accounts()
    w = open_map(qtbot, sample, accounts[0].id, size)
    for view in ("org", "network", "power_interest", "influence_attitude"):
        if w.current_view() != view:
            with qtbot.waitSignal(w.layoutApplied, timeout=10000):
                w.set_view(view)
        for account in accounts:
            if w.account_id != account.id:
                with qtbot.waitSignal(w.layoutApplied, timeout=10000):
                    w.set_account(account.id)
            where = f"{account.name}, {view}"
            assert w.view.zoom() >= READABLE_FIT, where
            # A map bigger than the view at the readable zoom opens on a window whose edges
            # fall between cards where one exists; a dense one may have none: then (only) the
            # extent note says more is a scroll away.
            if not w.extent.isVisible():
                assert no_card_cut(w), where
            in_view = [k for k in w.scene.visible_keys() if seen(w).contains(card_rect(w, k))]
            assert len(in_view) >= 5, where
            if w.legend.isVisible():
                area = legend_area(w)
                under = [k for k in w.scene.visible_keys() if area.intersects(card_rect(w, k))]
                assert under == [], where
