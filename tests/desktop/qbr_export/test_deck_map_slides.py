"""The deck's map slides as ``rapport export`` writes them, read back with python-pptx: the
map slide's names measured on its picture at the size the slide shows it, and the appendix
with the whole map there exactly when the map slide leaves people out."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pptx import Presentation

from desktop.cli.export import export_qbr
from desktop.cli.sample_file import write_sample_file
from desktop.map.render import MAX_SIDE
from desktop.qbr_export.deck_map import MIN_NAME_PT, NAME_PT
from graph import schema as s
from graph.workspace import Workspace

TODAY = dt.date(2026, 11, 20)
RATIO = 2  # the map's pictures are drawn at twice their pixels (below MAX_SIDE)
# The internal edition's map slide shows at least 8 people with our team's row and the
# legend beside them: its names print at about 8 pt (7.3 to 8.8 on the sample accounts and
# the large portfolio's biggest); the customer edition's at MIN_NAME_PT or more.
INTERNAL_FLOOR_PT = 7.0


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("slides") / "sample.rapport"
    write_sample_file(path, today=TODAY)
    return path


def _deck(workspace: Path, account: str, edition: str, out: Path) -> Any:
    export_qbr(workspace, account=account, xlsx=None, pptx=out, edition=edition, today=TODAY)
    return Presentation(str(out))


def _title(slide: Any) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def _name_points(slide: Any) -> float:
    """Points the cards' names take on ``slide``: the map's name font, at the scale the slide
    shows its picture."""
    (picture,) = [sh for sh in slide.shapes if sh.shape_type == 13]
    with Image.open(io.BytesIO(picture.image.blob)) as image:
        width = image.size[0]
    assert width / RATIO < MAX_SIDE / RATIO
    points_per_pixel = picture.width / 12700 / width
    return NAME_PT * 96 / 72 * RATIO * points_per_pixel


@pytest.mark.parametrize(
    ("edition", "floor"), [("customer", MIN_NAME_PT), ("internal", INTERNAL_FLOOR_PT)]
)
def test_a_sample_accounts_map_slide_reads_and_the_whole_map_follows(
    sample: Path, tmp_path: Path, edition: str, floor: float
) -> None:
    prs = _deck(sample, "Tidewater Payments", edition, tmp_path / "qbr.pptx")
    titles = [_title(slide) for slide in prs.slides]
    slide = prs.slides[titles.index("Stakeholder map")]
    assert _name_points(slide) >= floor
    # 24 people print their names far smaller: the whole map is the appendix, last
    assert titles[-1] == "Stakeholder map: everyone"
    assert _name_points(prs.slides[-1]) < floor
    caption = slide.notes_slide.notes_text_frame.text
    assert "people who matter most, of 24 on the account" in caption
    assert 'on the appendix slide "Stakeholder map: everyone"' in caption


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.rapport"
    with Workspace.create(path, today=lambda: TODAY) as ws:
        acme = ws.add(s.Account(name="Acme", arr=1_200_000))
        boss = ws.add(s.Person(account_id=acme.id, name="Cee Oh", level="executive", title="CEO"))
        for name in ("Ann Lee", "Bo Diaz", "Cy Park"):
            ws.set_manager(ws.add(s.Person(account_id=acme.id, name=name)).id, boss.id)
        ws.log_interaction(acme.id, dt.datetime(2026, 8, 3, 9), people=[boss.id])
    return path


@pytest.mark.parametrize("edition", ["customer", "internal"])
def test_a_small_account_whose_map_reads_has_one_map_slide(
    small: Path, tmp_path: Path, edition: str
) -> None:
    prs = _deck(small, "Acme", edition, tmp_path / "qbr.pptx")
    titles = [_title(slide) for slide in prs.slides]
    assert [t for t in titles if t.startswith("Stakeholder map")] == ["Stakeholder map"]
    slide = prs.slides[titles.index("Stakeholder map")]
    assert _name_points(slide) >= MIN_NAME_PT
    assert "appendix" not in slide.notes_slide.notes_text_frame.text
