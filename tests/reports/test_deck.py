"""The QBR deck read back with python-pptx: slides, native charts, the map, editions, templates."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Inches

from reports.briefing import with_briefing
from reports.deck import (
    Edition,
    MapPicture,
    Sharing,
    TemplateError,
    export_deck,
    slide_titles,
)
from reports.model import Qbr
from reports.qbr import assemble_qbr
from reports.wording import internal_pattern
from tests.reports.conftest import EVIL, Q3, TODAY, Acme
from tests.slide_boxes import apart

# What the customer edition must never say: the team's own vocabulary (attitude labels,
# political roles, coverage gaps), built from the workspace's closed lists and reports.wording.
INTERNAL = internal_pattern()


@pytest.fixture
def qbr(acme: Acme) -> Qbr:
    return with_briefing(acme.ws, assemble_qbr(acme.ws, acme.account_id, Q3, TODAY))


@pytest.fixture
def picture(tmp_path: Path) -> MapPicture:
    path = tmp_path / "map.png"
    Image.new("RGB", (1200, 600), "white").save(path)
    return MapPicture(path, 6, 6)


def _cut(qbr: Qbr, tmp_path: Path, shown: int, total: int | None = None) -> MapPicture:
    """The map slide showing the first ``shown`` people; the appendix the whole map, or, for
    an account of ``total`` people, the account's people as its key people."""
    ids = tuple(p.person_id for p in qbr.people.stakeholders)
    whole = tmp_path / "everyone.png"
    Image.new("RGB", (2400, 1000), "white").save(whole)
    if total is None:
        everyone = MapPicture(whole, len(ids), len(ids))
    else:
        everyone = MapPicture(whole, len(ids), total, ids)
    main = tmp_path / "map.png"
    Image.new("RGB", (1200, 600), "white").save(main)
    return MapPicture(main, shown, total or len(ids), ids[:shown], everyone)


def _deck(qbr: Qbr, tmp_path: Path, picture: MapPicture | None, **kw: Any) -> Any:
    sharing = kw.pop("sharing", Sharing())
    name = f"{sharing.edition.value}{'-anon' if sharing.anonymize else ''}.pptx"
    path = export_deck(qbr, tmp_path / name, sharing=sharing, picture=picture, **kw)
    return Presentation(str(path))


def _title(slide: Any) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def texts(prs: Any) -> Iterator[tuple[int, str]]:
    """Every text of the deck: text frames, table cells, chart titles and series, notes."""
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if shape.has_text_frame:
                yield number, shape.text_frame.text
            if shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        yield number, cell.text_frame.text
            if shape.has_chart:
                chart = shape.chart
                if chart.has_title:
                    yield number, chart.chart_title.text_frame.text
                for plot in chart.plots:
                    yield number, " ".join(str(c) for c in plot.categories)
                    for series in plot.series:
                        yield number, series.name
        if slide.has_notes_slide:
            yield number, slide.notes_slide.notes_text_frame.text


def test_slide_titles_in_order(qbr: Qbr, tmp_path: Path, picture: MapPicture) -> None:
    customer = _deck(qbr, tmp_path, picture)
    internal = _deck(qbr, tmp_path, picture, sharing=Sharing(Edition.INTERNAL))
    expected = [
        "Acme Retail · Quarterly business review",
        "Agenda and attendees",
        "Executive summary",
        "What changed since our last QBR",
        "Wins and their business impact",
        "Usage and adoption",
        "Support and incidents",
        "Roadmap fit: your requests on our roadmap",
        "Stakeholder map",
        "Success plan",
        "Plan for Q4 2026: owners and asks",
    ]
    assert [_title(s) for s in customer.slides] == expected
    assert slide_titles(qbr, Sharing()) == expected
    internal_titles = [_title(s) for s in internal.slides]
    assert internal_titles == [*expected[:9], "Relationship coverage (internal)", *expected[9:]]


def test_a_map_slide_leaving_people_out_has_the_whole_map_as_the_last_slide(
    qbr: Qbr, tmp_path: Path
) -> None:
    cut = _cut(qbr, tmp_path, 3)
    for sharing in (Sharing(), Sharing(Edition.INTERNAL)):
        prs = _deck(qbr, tmp_path, cut, sharing=sharing)
        titles = [_title(s) for s in prs.slides]
        assert titles == [*slide_titles(qbr, sharing), "Stakeholder map: everyone"]
        assert titles == slide_titles(qbr, sharing, cut)
        pictures = [_title(s) for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
        assert pictures == ["Stakeholder map", "Stakeholder map: everyone"]
    slide = next(s for s in prs.slides if _title(s) == "Stakeholder map")
    words = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
    assert "The 3 people who matter most, of 6 on the account (everyone on the last slide)" in (
        words
    )
    # the notes name who is left out, by name and title, and where they are
    notes = slide.notes_slide.notes_text_frame.text
    people = qbr.people.stakeholders
    assert 'Not on this slide (3), on the appendix slide "Stakeholder map: everyone"' in notes
    for p in people[3:]:
        assert (f"{p.name} ({p.title})" if p.title else p.name) in notes
    for p in people[:3]:
        assert p.name not in notes
    appendix = prs.slides[-1]
    assert appendix.notes_slide.notes_text_frame.text.startswith("Appendix: all 6 people")
    number = [sh.text_frame.text for sh in appendix.shapes if sh.has_text_frame]
    assert f"{len(prs.slides)} / {len(prs.slides)}" in number


def test_a_big_accounts_appendix_is_its_key_people(qbr: Qbr, tmp_path: Path) -> None:
    cut = _cut(qbr, tmp_path, 4, total=2000)
    prs = _deck(qbr, tmp_path, cut)
    assert _title(prs.slides[-1]) == "Stakeholder map: key people"
    assert slide_titles(qbr, Sharing(), cut)[-1] == "Stakeholder map: key people"
    notes = prs.slides[8].notes_slide.notes_text_frame.text
    assert notes.startswith(
        "The 4 people who matter most, of 2,000 on the account (the 6 key people on the last "
        "slide; the workbook lists everyone)."
    )
    assert "Key people not on this slide (2)" in notes
    assert "The other 1,994 people are listed in the workbook's Stakeholders sheet." in notes
    caption = prs.slides[-1].notes_slide.notes_text_frame.text
    assert caption.startswith("Appendix: the 6 people who matter most, of 2,000 on the account")


def test_a_map_slide_showing_everyone_has_no_appendix(
    qbr: Qbr, tmp_path: Path, picture: MapPicture
) -> None:
    prs = _deck(qbr, tmp_path, picture)
    assert _title(prs.slides[-1]).startswith("Plan for")
    assert "appendix" not in prs.slides[8].notes_slide.notes_text_frame.text


def test_charts_are_native_and_bound_to_data(qbr: Qbr, tmp_path: Path, picture: MapPicture) -> None:
    prs = _deck(qbr, tmp_path, picture, sharing=Sharing(Edition.INTERNAL))
    charts: dict[str, Any] = {}
    pictures: list[str] = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                charts[shape.chart.chart_title.text_frame.text] = shape.chart
            if shape.shape_type == 13:  # a picture
                pictures.append(_title(slide))
    assert pictures == ["Stakeholder map"], "charts are never pictures; the map is"
    assert len(charts) >= 8
    for title, chart in charts.items():
        plot = chart.plots[0]
        assert plot.series, title
        assert all(len(list(s.values)) == len(plot.categories) > 0 for s in plot.series), title
        assert chart.value_axis.minimum_scale == 0, f"{title}: axis starts at zero"
        # the data sit in the chart's embedded workbook, editable in PowerPoint
        assert chart.part.chart_workbook.xlsx_part is not None, title
    users = next(c for t, c in charts.items() if t.startswith("Active users"))
    assert list(users.plots[0].series[0].values) == [100, 110, 120, 130, 140, 150]
    assert "Active users (users): +27%" in charts  # mean 140 against 110
    wins = charts["Wins per quarter"]
    assert list(wins.plots[0].series[0].values)[-2:] == [1, 2]  # Q2: 1 win, Q3: 2 wins
    tickets = charts["Tickets opened per quarter, by severity"]
    assert [s.name for s in tickets.plots[0].series] == ["SEV1", "SEV2", "SEV3", "SEV4"]
    assert [list(s.values)[-1] for s in tickets.plots[0].series] == [1, 2, 0, 0]


def test_the_map_is_a_picture_filling_its_slide(
    qbr: Qbr, tmp_path: Path, picture: MapPicture
) -> None:
    prs = _deck(qbr, tmp_path, picture)
    slide = next(s for s in prs.slides if _title(s) == "Stakeholder map")
    images = [sh for sh in slide.shapes if sh.shape_type == 13]
    assert len(images) == 1
    assert images[0].width > Inches(10)  # a 2:1 map fills the width of a 16:9 slide
    assert images[0].top + images[0].height < prs.slide_height - Inches(0.5)
    # its alt text says what it shows, not the name of the file it was drawn to
    alt = images[0]._element.nvPicPr.cNvPr.get("descr")
    assert alt.startswith("Stakeholder map: ") and picture.path.name not in alt


@pytest.mark.parametrize("company", [False, True], ids=["ours", "company 4:3"])
def test_a_picture_drawn_without_its_legend_gets_it_on_the_slide(
    qbr: Qbr, tmp_path: Path, picture: MapPicture, company: bool
) -> None:
    """The internal edition's map slide: the legend as slide shapes in a column right of the
    picture (editable, every word at 9 pt), the picture as large as the rest of the room
    allows; nothing overlaps and everything is on the slide, in our template and a 4:3 one."""
    kw: dict[str, Any] = {"template": _company_template(tmp_path / "c.pptx")} if company else {}
    drawn = dataclasses.replace(picture, legend=True)
    prs = _deck(qbr, tmp_path, drawn, sharing=Sharing(Edition.INTERNAL), **kw)
    slide = next(s for s in prs.slides if _title(s) == "Stakeholder map")
    (image,) = [sh for sh in slide.shapes if sh.shape_type == 13]
    (legend,) = [sh for sh in slide.shapes if sh.shape_type == 6]
    assert legend.name == "Map legend"
    assert image.left + image.width <= legend.left  # beside it, on its left
    assert legend.left + legend.width <= prs.slide_width
    assert legend.top + legend.height <= prs.slide_height - Inches(0.5)  # above the footer
    for shape in slide.shapes:
        assert shape.left >= 0 and shape.top >= 0, shape.name
        if shape not in (image, legend):
            assert apart(shape, legend) and apart(shape, image), shape.name
    inside = list(legend.shapes)
    for shape in inside:  # the legend's own shapes stay in its panel
        assert legend.left <= shape.left and shape.left + shape.width <= legend.left + legend.width
        assert legend.top <= shape.top and shape.top + shape.height <= legend.top + legend.height
    labels = [sh for sh in inside if sh.shape_type == 17]  # text boxes: no two overlap
    assert all(apart(a, b) for i, a in enumerate(labels) for b in labels[i + 1 :])
    sizes = [
        run.font.size.pt
        for sh in inside
        if sh.has_text_frame
        for p in sh.text_frame.paragraphs
        for run in p.runs
    ]
    assert min(sizes) >= 9
    said = {sh.text_frame.text for sh in labels}
    assert {"ATTITUDE", "Opponent → supporter", "Owns", "Knows", "Our owner (initials)"} <= said
    # without the flag the picture has its legend: the slide adds none
    prs = _deck(qbr, tmp_path, picture, sharing=Sharing(Edition.INTERNAL), **kw)
    slide = next(s for s in prs.slides if _title(s) == "Stakeholder map")
    assert not [sh for sh in slide.shapes if sh.shape_type == 6]


@pytest.mark.parametrize("cut", [False, True])
def test_the_customer_edition_says_nothing_internal(
    qbr: Qbr, tmp_path: Path, picture: MapPicture, cut: bool
) -> None:
    if cut:  # the map slide's notes name who is left out; the appendix has its own
        picture = _cut(qbr, tmp_path, 2)
    # Names may be anything ("Dan Detractor" is a customer's name here): scan what is said.
    names = [p.name for p in qbr.people.stakeholders] + ["Tara TAM", "Alex AE"]

    def said(prs: Any) -> list[tuple[int, str]]:
        found = []
        for number, text in texts(prs):
            for name in names:
                text = text.replace(name, "")
            found += [(number, m.group(0)) for m in INTERNAL.finditer(text)]
        return found

    internal = _deck(qbr, tmp_path, picture, sharing=Sharing(Edition.INTERNAL))
    assert said(internal), "the internal edition does carry attitudes and coverage"
    customer = _deck(qbr, tmp_path, picture)
    assert said(customer) == []
    everything = "\n".join(t for _, t in texts(customer))
    # our risk register names people and tactics: the customer sees its levels only
    assert "Budget freeze" not in everything and "Champion may move on" not in everything
    assert "2 open risks (1 high, 1 medium) under review with the account team" in everything
    assert "Mitigation" not in everything


def test_edition_on_every_slide_and_notes_on_every_content_slide(
    qbr: Qbr, tmp_path: Path, picture: MapPicture
) -> None:
    prs = _deck(qbr, tmp_path, picture)
    total = len(prs.slides)
    for number, slide in enumerate(prs.slides, start=1):
        words = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
        assert "Acme Retail · QBR Q3 2026 · Customer edition" in words, number
        assert f"{number} / {total}" in words
        assert slide.notes_slide.notes_text_frame.text.strip(), f"slide {number} has notes"
    summary = prs.slides[2].notes_slide.notes_text_frame.text
    assert "green from 70, amber from 45" in summary
    assert "Renewal 15 Dec 2026: 76 days after 30 Sep 2026" in summary


@pytest.mark.parametrize("cut", [False, True])
def test_anonymized_deck_names_roles_not_people(
    qbr: Qbr, tmp_path: Path, picture: MapPicture, cut: bool
) -> None:
    if cut:  # the notes list who the map slide leaves out: by role
        picture = _cut(qbr, tmp_path, 2)
    prs = _deck(qbr, tmp_path, picture, sharing=Sharing(Edition.INTERNAL, anonymize=True))
    everything = "\n".join(t for _, t in texts(prs))
    for name in ("Erin Exec", "Manny Manager", "Olga Ops", "Tara TAM", "Alex AE", EVIL):
        assert name not in everything
    assert "CIO" in everything and "Our TAM" in everything


def test_hostile_text_is_kept_as_text(qbr: Qbr, tmp_path: Path, picture: MapPicture) -> None:
    prs = _deck(qbr, tmp_path, picture, sharing=Sharing(Edition.INTERNAL))
    assert any(EVIL[:20] in t for _, t in texts(prs))


# --- templates --------------------------------------------------------------------------------


def _company_template(path: Path) -> Path:
    """A company template: 4:3, its own layout names, a branded line with tokens, a sample slide."""
    prs = Presentation()
    layouts = list(prs.slide_layouts)
    layouts[0].name = "Acme Cover"
    layouts[5].name = "Acme Title Only"
    scratch = prs.slides.add_slide(layouts[6])
    box = scratch.shapes.add_textbox(Inches(0.3), Inches(0.05), Inches(6), Inches(0.3))
    box.text_frame.text = "{{account}} · {{quarter}} ({{period}}) · {{edition}} · {{date}}"
    layouts[5].shapes._spTree.append(copy.deepcopy(box._element))
    sample = prs.slides.add_slide(layouts[1])
    sample.shapes.title.text = "Our company sample slide"
    prs.save(str(path))
    return path


def test_a_company_template_gives_its_layouts_and_tokens(
    qbr: Qbr, tmp_path: Path, picture: MapPicture
) -> None:
    template = _company_template(tmp_path / "company.pptx")
    prs = _deck(qbr, tmp_path, picture, template=template)
    layouts = [s.slide_layout.name for s in prs.slides]
    assert layouts[0] == "Acme Cover"
    assert set(layouts[1:]) == {"Acme Title Only"}
    assert "Our company sample slide" not in [_title(s) for s in prs.slides]
    assert prs.slide_width == Inches(10)  # the template's size, not ours
    branded = [
        sh.text_frame.text
        for sh in prs.slides[1].slide_layout.shapes
        if sh.has_text_frame and "Acme Retail" in sh.text_frame.text
    ]
    assert branded == ["Acme Retail · Q3 2026 (Jul–Sep 2026) · Customer edition · 30 Sep 2026"]
    for slide in prs.slides:  # content stays on the slide
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.left + shape.width <= prs.slide_width, shape.name
            assert shape.top + shape.height <= prs.slide_height, shape.name


def _without_title_layout(path: Path) -> Path:
    prs = Presentation()
    prs.slide_layouts.remove(prs.slide_layouts[0])  # "Title Slide"
    prs.save(str(path))
    return path


def _without_titles(path: Path) -> Path:
    prs = Presentation()
    for layout in list(prs.slide_layouts)[1:]:
        prs.slide_layouts.remove(layout)
    prs.save(str(path))
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.with_suffix(".pptx"), "no such template file"),
        (
            lambda p: (p.with_suffix(".pptx").write_text("not a deck"), p.with_suffix(".pptx"))[1],
            "not a PowerPoint .pptx file",
        ),
        (
            lambda p: (p.with_suffix(".potx").write_bytes(b"PK"), p.with_suffix(".potx"))[1],
            "save it as a .pptx",
        ),
        (lambda p: _without_title_layout(p.with_suffix(".pptx")), "no title slide layout"),
        (lambda p: _without_titles(p.with_suffix(".pptx")), "no layout with a title placeholder"),
    ],
)
def test_a_template_it_cannot_use_says_what_is_missing(
    make: Any, message: str, qbr: Qbr, tmp_path: Path
) -> None:
    template = make(tmp_path / "bad")
    with pytest.raises(TemplateError, match=message) as caught:
        export_deck(qbr, tmp_path / "out.pptx", template=template)
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "out.pptx").exists()
