"""Drawing a map to files without a window (the command line's ``rapport export --map``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.map.render import ExportError, render_account_map
from graph.workspace import Workspace


@pytest.mark.parametrize("view", ["org", "network", "power_interest", "influence_attitude"])
def test_every_view_renders_to_png(qapp, map_ws: Workspace, ids, tmp_path: Path, view: str) -> None:
    path = render_account_map(map_ws, ids["account"], tmp_path / f"{view}.png", view=view)
    assert path.read_bytes()[:4] == b"\x89PNG"
    assert path.stat().st_size > 20_000


@pytest.mark.parametrize("suffix", [".svg", ".pdf"])
def test_vector_formats(qapp, map_ws: Workspace, ids, tmp_path: Path, suffix: str) -> None:
    path = render_account_map(map_ws, ids["account"], tmp_path / f"map{suffix}", dark=True)
    data = path.read_bytes()
    assert data.startswith(b"<?xml" if suffix == ".svg" else b"%PDF")
    if suffix == ".svg":
        text = data.decode("utf-8")
        assert "Carla Mendes" in text and "<image" not in text  # vector cards, not bitmaps


def test_stored_positions_are_respected(qapp, map_ws: Workspace, ids, tmp_path: Path) -> None:
    from desktop.map.render import build_account_scene

    map_ws.set_positions(ids["account"], "org", {f"p{ids['ethan']}": (5000.0, 40.0)})
    scene, name = build_account_scene(map_ws, ids["account"], "org")
    assert name == "Globex"
    card = scene.cards[f"p{ids['ethan']}"]
    assert (card.pos().x(), card.pos().y()) == (5000.0, 40.0)


def test_without_team(qapp, map_ws: Workspace, ids, tmp_path: Path) -> None:
    from desktop.map.render import build_account_scene

    scene, _ = build_account_scene(map_ws, ids["account"], "network", team=False)
    assert not any(k.startswith("t") for k in scene.visible_keys())


def test_refuses_unknown_formats_and_views(qapp, map_ws: Workspace, ids, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="png"):
        render_account_map(map_ws, ids["account"], tmp_path / "map.gif")
    with pytest.raises(ExportError, match="view"):
        render_account_map(map_ws, ids["account"], tmp_path / "map.png", view="spiral")
