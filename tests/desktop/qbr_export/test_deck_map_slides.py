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
from desktop.map.map_data import load_map_data
from desktop.map.render import MAX_SIDE
from desktop.qbr_export.deck_map import (
    LEGEND_ROOM_PT,
    MIN_NAME_PT,
    NAME_PT,
    ROOM_PT,
    name_points,
    qbr_picture,
)
from desktop.qbr_export.map_people import map_people
from graph import schema as s
from graph.vocabulary import PersonStatus
from graph.workspace import Workspace
from reports.deck import MapPicture
from tests.slide_boxes import apart

TODAY = dt.date(2026, 11, 20)
RATIO = 2  # the map's pictures are drawn at twice their pixels (below MAX_SIDE)
EMU = 12700  # per point


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


def _legend(slide: Any) -> Any | None:
    groups = [sh for sh in slide.shapes if sh.shape_type == 6 and sh.name == "Map legend"]
    assert len(groups) <= 1
    return groups[0] if groups else None


@pytest.mark.parametrize("account", ["Tidewater Payments", "Harbourline Retail Group"])
@pytest.mark.parametrize("edition", ["customer", "internal"])
def test_a_sample_accounts_map_slide_reads_and_the_whole_map_follows(
    sample: Path, tmp_path: Path, edition: str, account: str
) -> None:
    """Both editions print the names at 9 pt or more (the internal one with our team's row
    over the chart and the legend beside the picture), at least 8 people; the appendix has
    everyone, smaller."""
    prs = _deck(sample, account, edition, tmp_path / "qbr.pptx")
    titles = [_title(slide) for slide in prs.slides]
    slide = prs.slides[titles.index("Stakeholder map")]
    assert _name_points(slide) >= MIN_NAME_PT
    total = 24 if account == "Tidewater Payments" else 22
    (caption,) = [
        sh.text_frame.text
        for sh in slide.shapes
        if sh.has_text_frame and "who matter most" in sh.text_frame.text
    ]
    shown = int(caption.split()[1])  # "The 9 people who matter most, of 24 ..."
    assert 8 <= shown < total
    # the people left out print their names smaller: the whole map is the appendix, last
    assert titles[-1] == "Stakeholder map: everyone"
    assert _name_points(prs.slides[-1]) < MIN_NAME_PT
    # the internal edition's legend is on the slide, beside the picture, inside the slide;
    # the appendix's is in its picture; the customer's has none
    legend = _legend(slide)
    assert (legend is not None) is (edition == "internal")
    assert _legend(prs.slides[-1]) is None
    if legend is not None:
        (picture,) = [sh for sh in slide.shapes if sh.shape_type == 13]
        assert picture.left + picture.width <= legend.left
        assert legend.left + legend.width <= prs.slide_width
        footer = min(sh.top for sh in slide.shapes if sh.top > picture.top + picture.height)
        assert legend.top + legend.height <= footer
        others = [sh for sh in slide.shapes if sh not in (legend, picture)]
        assert all(apart(legend, sh) and apart(picture, sh) for sh in others)
        words = [
            run.font.size.pt
            for shape in legend.shapes
            if shape.has_text_frame
            for p in shape.text_frame.paragraphs
            for run in p.runs
            if run.text.strip()
        ]
        assert len(words) > 20 and min(words) >= 9
    caption = slide.notes_slide.notes_text_frame.text
    assert f"people who matter most, of {total} on the account" in caption
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


@pytest.mark.parametrize("internal", [True, False], ids=["internal", "customer"])
def test_the_qbr_pictures_say_where_the_legend_goes(
    qtbot, sample: Path, tmp_path: Path, internal: bool
) -> None:
    """The app's export and ``rapport export`` draw through ``qbr_picture``: the internal
    edition's map slide picture is drawn without the legend (the slide has it) and reads at
    9 pt beside it; the appendix's and the workbook's pictures keep theirs."""
    with Workspace.open(sample, today=lambda: TODAY) as ws:
        account = ws.account_named("Tidewater Payments").id
        full = load_map_data(ws, account, TODAY)
        stored = [p for p in ws.people(account) if p.status is not PersonStatus.LEFT]
        people = map_people(stored, lambda p: p.id)
        positions = ws.positions(account, "org")

    def drawn(slides: bool, to: Path) -> MapPicture:
        picture = qbr_picture(
            full, people, to, slides=slides, neutral=not internal, positions=positions
        )
        return picture.picture(people.total)

    main = drawn(True, tmp_path / "map.png")
    whole = drawn(False, tmp_path / "book.png")
    assert main.legend is internal and main.everyone is not None
    assert not main.everyone.legend and not whole.legend
    with Image.open(main.path) as image:
        width, height = image.size
    room = LEGEND_ROOM_PT if internal else ROOM_PT
    assert name_points((width / RATIO, height / RATIO), room) >= MIN_NAME_PT
    assert main.shown >= 8
