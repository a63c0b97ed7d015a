"""The pictures of the stakeholder map that ``rapport export`` puts in the deck and the workbook.

Drawing the map needs Qt and the map's modules (most of a second to load) and, for a big
account, about as long as writing the workbook. On Linux the pictures are drawn in a child
process (``desktop.cli.side_process``), forked before the workspace is opened (no connection,
no thread to inherit): it loads Qt while this process reads the account, gets the account's
snapshot (pickled: a tenth of a second less than reading it again) and builds the map's data
while this process assembles the QBR, then draws what it is told to (who is shown, in which
edition) while this process writes the deck and the workbook. Each document takes its picture
at the last moment (the deck's map slide, the workbook's Map sheet), waiting for it only if it
is not drawn yet. This process never loads Qt. Elsewhere, and when Qt is already loaded (the
tests, the app), each picture is drawn here when first asked for.

Either way the pictures are written to temporaries this process chose beside the documents
(``Staging.scratch``): it owns them and removes them at the end, whatever happened in the
child. A child that fails or crashes makes the export fail with one message, and is ended (and
what it left half-written removed) if this process fails first.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from desktop.cli.side_process import Link, SideProcess, can_fork
from desktop.qbr_export.map_people import Drawn, MapPeople, map_people

if TYPE_CHECKING:
    from desktop.map.map_data import MapData
    from graph.snapshot import AccountSnapshot
    from reports.deck import MapPicture
    from reports.edition import Sharing
    from reports.model import Qbr

WORKBOOK, DECK = "workbook", "deck"
Positions = Mapping[str, Mapping[str, tuple[float, float]]]


@dataclass(frozen=True)
class Wanted:
    """One picture to draw: to ``path`` (a temporary the export owns), of ``view``, for an
    edition. A deck's picture has an ``appendix`` too: the temporary its appendix slide's
    picture (the whole map) is drawn to, when the map slide leaves people out."""

    path: Path
    view: str
    sharing: Sharing
    appendix: Path | None = None


@dataclass(frozen=True)
class Drawing:
    """What drawing one picture needs beyond the account's snapshot, as the QBR decides it;
    plain data, so it can be passed to the child process: ``deck_map.qbr_picture``'s
    arguments (with an ``appendix``, the deck's slides; without, the workbook's whole map)."""

    path: Path
    appendix: Path | None
    view: str
    people: MapPeople
    neutral: bool
    names: tuple[tuple[str, str], ...]
    label: str


def drawing_for(qbr: Qbr, people: MapPeople, wanted: Wanted) -> Drawing:
    sharing = wanted.sharing
    names = dict(qbr.briefing.roles) if sharing.anonymize and qbr.briefing is not None else {}
    return Drawing(
        wanted.path,
        wanted.appendix,
        wanted.view,
        people,
        not sharing.internal,
        tuple(sorted(names.items())),
        sharing.label,
    )


class Maps:
    """The pictures of one account's map, from its snapshot (no second read): the map data is
    built once, each picture laid out and drawn once, and a picture both documents show (one
    edition for both) is drawn once for both.

    ``positions``: the saved card positions of each view to draw, read beforehand, so drawing
    reads nothing from the workspace (the child process that draws has no connection to it)."""

    def __init__(self, snapshot: AccountSnapshot, positions: Positions) -> None:
        self.snapshot, self.positions = snapshot, positions
        self._data: MapData | None = None
        self._drawn: dict[tuple[object, ...], Path] = {}

    def full(self) -> MapData:
        if self._data is None:
            from desktop.map.map_data import snapshot_map_data

            self._data = snapshot_map_data(self.snapshot)
        return self._data

    def draw(self, drawing: Drawing) -> Drawn:
        """Draw the picture (a picture already drawn alike is not drawn again)."""
        from desktop.qbr_export.deck_map import qbr_picture

        return qbr_picture(
            self.full(),
            drawing.people,
            drawing.path,
            slides=drawing.appendix is not None,
            neutral=drawing.neutral,
            positions=self.positions[drawing.view],
            names=dict(drawing.names),
            label=drawing.label,
            view=drawing.view,
            appendix=drawing.appendix,
            drawn=self._drawn,
        )


def load_before_qt(*, writers: bool = False, deck: bool = False) -> None:
    """Load before Qt what is imported once Qt is loaded (in the child that draws, or here when
    the map is drawn in this process): once PySide6 is loaded, its feature hook reads the
    source of every module imported after it, half a second of an export for openpyxl,
    python-pptx, networkx and numpy. The map's pure-Python modules always (graph's layouts,
    the history its change marks read); with ``writers``, the workbook's writer, and with
    ``deck`` the deck's slides."""
    import graph.changes
    import graph.departure
    import graph.history
    import graph.lattice_layout
    import graph.layout
    import graph.networks  # noqa: F401

    if writers:
        import openpyxl.chart
        import openpyxl.drawing.image
        import openpyxl.worksheet.table
        import openpyxl.writer.excel  # noqa: F401

        import reports.workbook
    if deck:
        import PIL.PngImagePlugin  # noqa: F401
        import pptx.chart.data  # noqa: F401

        import reports.deck
        import reports.deck.charts
        import reports.deck.slides_intro
        import reports.deck.slides_plan
        import reports.deck.slides_value  # noqa: F401


def beside_possible() -> bool:
    """Whether the pictures can be drawn in a child process: Linux, and Qt not loaded yet."""
    return can_fork() and "PySide6" not in sys.modules and "shiboken6" not in sys.modules


class MapPictures:
    """The pictures asked for (``wanted``, by name: WORKBOOK, DECK, in the order to draw
    them). With ``beside``, the child is forked at once (it gets ready: Qt, the map's
    modules); ``begin(snapshot, positions)`` once the account is read (the child builds the
    map's data), ``order(qbr)`` once the QBR is assembled (the child draws), then
    ``workbook()`` and ``deck()`` give the pictures, waiting for them or drawing them here.

    Use it as a context manager inside the export's staging: leaving it waits for the child
    to end (and fails if it failed), or ends the child when the export failed."""

    def __init__(self, wanted: dict[str, Wanted], *, beside: bool, folders: Iterable[Path]) -> None:
        self._wanted = wanted
        self._maps: Maps | None = None
        self._people: MapPeople | None = None
        self._drawings: dict[str, Drawing] = {}
        self._drawn: dict[str, Drawn] = {}
        self._side: SideProcess | None = None
        if beside and wanted:
            try:
                self._side = SideProcess(
                    _in_child, what="the stakeholder map could not be drawn", folders=folders
                )
            except OSError:  # the system has no process to spare: drawn here, in turn
                self._side = None

    @property
    def beside(self) -> bool:
        """Whether the pictures are being drawn in a child process."""
        return self._side is not None

    def begin(self, snapshot: AccountSnapshot, positions: Positions) -> None:
        """The account is read (and the file checked): the child gets its snapshot."""
        self._maps = Maps(snapshot, positions)
        if self._side is not None:
            try:
                self._side.tell((snapshot, positions))
            except (pickle.PicklingError, TypeError, AttributeError):
                # a snapshot that cannot be passed on (a bug): drawn here instead
                self._side.stop()
                self._side = None

    def order(self, qbr: Qbr) -> None:
        """The QBR is assembled: what each picture shows is known; the child starts drawing."""
        assert self._maps is not None, "begin, then order"
        people = map_people(qbr.people.stakeholders, lambda p: p.person_id)
        self._people = people
        self._drawings = {n: drawing_for(qbr, people, w) for n, w in self._wanted.items()}
        if self._side is not None:
            self._side.tell(list(self._drawings.items()))

    def drawn(self, name: str) -> Drawn:
        """The picture ``name``, drawn (waiting for it, or drawing it, if need be)."""
        side = self._side
        if side is None and name not in self._drawn:
            assert self._maps is not None and name in self._drawings, "begin, then order"
            self._drawn[name] = self._maps.draw(self._drawings[name])
        while name not in self._drawn:
            assert side is not None
            done, drawn = side.next_message()
            self._drawn[done] = drawn
        return self._drawn[name]

    def workbook(self) -> Path:
        return self.drawn(WORKBOOK).path

    def deck(self) -> MapPicture:
        """The map slide's picture, with the appendix's when the slide leaves people out."""
        assert self._people is not None, "begin, then order"
        return self.drawn(DECK).picture(self._people.total)

    def __enter__(self) -> MapPictures:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._side is not None:
            self._side.__exit__(kind, error, trace)


def _in_child(link: Link) -> None:
    """The child's work: get ready (Qt, the map's modules) while the account is read, build
    the map's data once its snapshot arrives, then draw each picture ordered, announcing each
    one once it is written."""
    load_before_qt()
    from desktop.map.render import ensure_application

    ensure_application()
    snapshot, positions = link.receive()
    maps = Maps(snapshot, positions)
    maps.full()
    for name, drawing in link.receive():
        link.send((name, maps.draw(drawing)))
