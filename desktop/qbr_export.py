"""``rapport export``: a QBR workbook, deck, charts and stakeholder map, from the command line.

Qt is loaded only to draw the map (offscreen, no screen needed); the workbook and the charts come
from reports/, which never loads Qt.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import RapportError
from graph.workspace import Workspace

if TYPE_CHECKING:
    from desktop.map.map_data import MapData
    from reports.deck import MapPicture
    from reports.edition import Sharing
    from reports.model import Qbr


class ExportArgumentError(RapportError):
    """The command line named something that cannot be exported."""


def export_qbr(
    workspace: Path,
    *,
    account: str,
    quarter: str,
    xlsx: Path | None,
    charts: Path | None = None,
    map_path: Path | None = None,
    map_view: str = "org",
    today: dt.date | None = None,
    pptx: Path | None = None,
    edition: str | None = None,
    template: Path | None = None,
    anonymize: bool = False,
) -> list[str]:
    """Export what was asked for; returns one line per file written.

    ``edition`` (customer or internal) applies to the deck and the workbook; without it the
    deck is the customer edition and the workbook the internal one.
    """
    from reports.qbr import assemble_qbr
    from reports.quarter import Quarter

    if xlsx is None and pptx is None:
        raise ExportArgumentError(
            "nothing to export: give --xlsx FILE.xlsx, --pptx FILE.pptx or both"
        )
    if xlsx is not None and xlsx.suffix.lower() != ".xlsx":
        raise ExportArgumentError(f"{xlsx}: the workbook must be an .xlsx file")
    if pptx is not None and pptx.suffix.lower() != ".pptx":
        raise ExportArgumentError(f"{pptx}: the deck must be a .pptx file")
    deck_sharing, book_sharing = _sharings(edition, anonymize)
    template_ready = _check_template(template) if pptx is not None else None
    if map_path is not None and map_path.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise ExportArgumentError(f"{map_path}: the map can be a .png, .svg or .pdf file")
    written: list[str] = []
    with Workspace.open(workspace, readonly=True) as ws:
        record = ws.account_named(account)
        try:
            period = Quarter.parse(quarter, record.fiscal_year_start_month)
        except ValueError as exc:
            raise ExportArgumentError(str(exc)) from exc
        qbr = assemble_qbr(ws, record.id, period, today)
        from reports.briefing import with_briefing

        qbr = with_briefing(ws, qbr)
        maps = _Maps(ws, qbr)
        with tempfile.TemporaryDirectory(prefix="rapport-map-") as scratch:
            if xlsx is not None:
                image = maps.workbook(Path(scratch) / "map.png", map_view, book_sharing)
                _write_workbook(qbr, xlsx, image, book_sharing)
                written.append(f"workbook: {xlsx} ({book_sharing.label})")
            if pptx is not None:
                picture = maps.deck(Path(scratch) / "deck-map.png", deck_sharing)
                from reports.deck import export_deck

                export_deck(
                    qbr, pptx, sharing=deck_sharing, template=template_ready, picture=picture
                )
                written.append(f"deck: {pptx} ({deck_sharing.label})")
            if map_path is not None:
                _draw_map(ws, record.id, map_path, map_view, today)
                written.append(f"map: {map_path}")
    if charts is not None:
        from reports.charts import export_charts

        paths = export_charts(qbr, charts)
        written.append(f"charts: {len(paths)} files in {charts}")
    return written


def _draw_map(ws: Workspace, account_id: int, path: Path, view: str, today: dt.date | None) -> Path:
    from desktop.map.render import render_account_map

    return render_account_map(ws, account_id, path, view, today=today)


def _sharings(edition: str | None, anonymize: bool) -> tuple[Sharing, Sharing]:
    """(deck, workbook) editions: customer and internal unless one is chosen for both."""
    from reports.edition import Edition, Sharing

    if edition is None:
        return Sharing(Edition.CUSTOMER, anonymize), Sharing(Edition.INTERNAL, anonymize)
    chosen = Sharing(Edition.parse(edition), anonymize)
    return chosen, chosen


def _check_template(template: Path | None) -> Path | None:
    """Open the template before any work, so a bad one fails at once with its message."""
    if template is None:
        return None
    from reports.deck import DeckTemplate

    DeckTemplate(template)
    return template


def _key_people(qbr: Qbr) -> tuple[int, ...] | None:
    from reports.key_people import is_big, key_people

    people = qbr.people.stakeholders
    return tuple(p.person_id for p in key_people(people)) if is_big(people) else None


class _Maps:
    """The workbook's and the deck's pictures of the map, from one read of the account."""

    def __init__(self, ws: Workspace, qbr: Qbr) -> None:
        self.ws, self.qbr = ws, qbr
        self._data: MapData | None = None

    def _full(self) -> MapData:
        if self._data is None:
            from desktop.map.map_data import load_map_data

            self._data = load_map_data(self.ws, self.qbr.account.id, self.qbr.generated_on)
        return self._data

    def _draw(self, path: Path, view: str, sharing: Sharing) -> Path:
        from desktop.qbr.deck_map import draw_deck_map

        qbr = self.qbr
        return draw_deck_map(
            self.ws,
            qbr.account.id,
            path,
            keep=_key_people(qbr),
            neutral=not sharing.internal,
            names=_names(qbr, sharing),
            view=view,
            today=qbr.generated_on,
            subtitle=f"As of {qbr.generated_on:%d %b %Y} · {sharing.label}",
            full=self._full(),
        )

    def workbook(self, path: Path, view: str, sharing: Sharing) -> Path:
        """The Map sheet's picture: the whole map (internal) or its customer-safe cut."""
        return self._draw(path, view, sharing)

    def deck(self, path: Path, sharing: Sharing) -> MapPicture:
        from reports.deck import MapPicture

        self._draw(path, "org", sharing)
        keep = _key_people(self.qbr)
        total = len(self.qbr.people.stakeholders)
        return MapPicture(path, len(keep) if keep is not None else total, total)


def _names(qbr: Qbr, sharing: Sharing) -> dict[str, str] | None:
    if not sharing.anonymize or qbr.briefing is None:
        return None
    return dict(qbr.briefing.roles)


def _write_workbook(qbr: Qbr, path: Path, image: Path, sharing: Sharing) -> None:
    from reports.workbook import export_workbook

    export_workbook(qbr, path, map_image=image, sharing=sharing)
