"""The QBR as a PowerPoint deck: ``export_deck(qbr, path, sharing=..., template=...)``.

Slides, in order: title; agenda and attendees; executive summary; what changed since the last
QBR; wins; usage and adoption; support and incidents; roadmap fit; the stakeholder map;
relationship coverage (internal edition only); success plan; next quarter's plan with owners
and asks; and, when the map slide shows only the people who matter most (so their names can
be read), the whole map as an appendix. Charts are native PowerPoint charts bound to their
data; every slide carries the edition in its footer and the reasoning behind its numbers in
its speaker notes.

``qbr`` should carry its briefing (``reports.briefing.with_briefing``); the edition's copy of
it is made here (``reports.edition.prepare``), so an edition never sees what it may not show.
Like the workbook, the deck is written to a temporary file and renamed into place at the end:
an error or Cancel leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from pathlib import Path

from graph.files import Staging
from reports.deck.builder import Deck, MapPicture, PictureSource
from reports.deck.template import DeckTemplate, TemplateError
from reports.edition import Edition, Sharing, prepare
from reports.model import Qbr
from reports.xlsx_safety import (
    ExportError,
    atomic_target,
    check_writable,
    run_steps,
)

__all__ = [
    "DeckTemplate",
    "Edition",
    "MapPicture",
    "Sharing",
    "TemplateError",
    "default_deck_name",
    "export_deck",
    "export_deck_steps",
    "slide_titles",
]


def default_deck_name(qbr: Qbr, sharing: Sharing) -> str:
    name = "".join(ch for ch in qbr.account.name if ch not in '<>:"/\\|?*' and ord(ch) >= 32)
    return f"{name.strip(' .') or 'Account'} QBR {qbr.quarter.label} {sharing.edition.value}.pptx"


def _builders(sharing: Sharing) -> list[Callable[[Deck], None]]:
    from reports.deck import slides_intro, slides_plan, slides_value

    steps: list[Callable[[Deck], None]] = [
        slides_intro.title,
        slides_intro.agenda,
        slides_intro.summary,
        slides_intro.since_last,
        slides_value.wins,
        slides_value.usage,
        slides_value.support,
        slides_value.roadmap,
        slides_plan.stakeholder_map,
    ]
    if sharing.internal:
        steps.append(slides_plan.relationships)
    # the map's appendix ends the deck when the map slide leaves people out (known only once
    # the map's picture is drawn: the step adds no slide otherwise)
    return [*steps, slides_plan.success_plan, slides_plan.next_quarter, slides_plan.map_appendix]


def slide_titles(qbr: Qbr, sharing: Sharing, picture: MapPicture | None = None) -> list[str]:
    """The titles the deck's slides will have, in order (for tests and the export dialog);
    the map's appendix slide ends it when ``picture`` leaves people out."""
    from reports.deck.slides_plan import appendix_title

    titles = [
        f"{qbr.account.name} · Quarterly business review",
        "Agenda and attendees",
        "Executive summary",
        "What changed since our last QBR",
        "Wins and their business impact",
        "Usage and adoption",
        "Support and incidents",
        "Roadmap fit: your requests on our roadmap",
        "Stakeholder map",
    ]
    if sharing.internal:
        titles.append("Relationship coverage (internal)")
    titles += ["Success plan", f"Plan for {qbr.quarter.next.title}: owners and asks"]
    appendix = appendix_title(picture)
    return titles if appendix is None else [*titles, appendix]


def export_deck_steps(
    qbr: Qbr,
    path: str | Path,
    *,
    sharing: Sharing | None = None,
    template: str | Path | None = None,
    picture: PictureSource = None,
    stage: Staging | None = None,
) -> Generator[float, None, None]:
    """Build the deck slide by slide, yielding the fraction done; write ``path`` at the end
    (with ``stage``: to its temporary, renamed when the stage commits). ``picture``: the map's
    picture, or a callable giving it, called when the map's slide is built."""
    if qbr.briefing is None:
        raise ValueError("export_deck needs a QBR with its briefing (reports.briefing)")
    path = Path(path)
    if path.suffix.lower() != ".pptx":
        raise ExportError(f"{path.name}: the deck must be a .pptx file")
    check_writable(path)
    sharing = sharing or Sharing()
    shown = prepare(qbr, sharing)
    deck_template = DeckTemplate(Path(template) if template is not None else None)
    q = shown.quarter
    deck_template.fill_tokens(
        {
            "account": shown.account.name,
            "quarter": q.title,
            "period": q.months,
            "edition": sharing.label,
            "date": f"{shown.generated_on:%d %b %Y}",
        }
    )
    deck = Deck(deck_template, shown, sharing, picture)
    builders = _builders(sharing)
    for done, build in enumerate(builders, start=1):
        build(deck)
        yield done / (len(builders) + 1) * 0.9
    deck.finish()
    _properties(deck, sharing)
    with atomic_target(path, stage, "the deck") as temporary:
        deck.prs.save(str(temporary))
    yield 1.0


def _properties(deck: Deck, sharing: Sharing) -> None:
    import datetime as dt

    props = deck.prs.core_properties
    qbr = deck.qbr
    props.title = f"{qbr.account.name} QBR {qbr.quarter.title}"
    props.subject = f"Quarterly business review, {sharing.label}"
    props.author = props.last_modified_by = "Rapport"
    props.keywords = f"QBR, {qbr.quarter.label}, {sharing.edition.value}"
    props.created = props.modified = dt.datetime.combine(qbr.generated_on, dt.time(12))
    props.revision = 1


def export_deck(
    qbr: Qbr,
    path: str | Path,
    *,
    sharing: Sharing | None = None,
    template: str | Path | None = None,
    picture: PictureSource = None,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    stage: Staging | None = None,
) -> Path:
    """Write the deck; raises ``TemplateError``, ``ExportError`` or ``ExportCancelled``."""
    steps = export_deck_steps(
        qbr, path, sharing=sharing, template=template, picture=picture, stage=stage
    )
    run_steps(steps, progress, cancelled)
    return Path(path)
