"""The ``rapport`` command line.

With no command it opens the desktop app. The other commands work on a workspace file without
importing Qt, so they start fast and run on machines with no screen. Errors a user can cause are
printed as one line on stderr with a non-zero exit code, never as a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop.cli.team import Handler
from desktop.cli.team import add_commands as add_team_commands
from graph.errors import RapportError

EXIT_ERROR = 1
_TEAM_HANDLERS: dict[str, Handler] = {}  # rapport team, sync, conflicts (desktop/cli/team.py)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-22") from exc


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rapport",
        description="Stakeholder maps and QBR workbooks for account teams. "
        "Run with no command to open the app.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    open_ = commands.add_parser("open", help="open a workspace in the app")
    open_.add_argument("path", type=Path, help="workspace file (*.rapport)")

    sample = commands.add_parser("sample", help="write the sample portfolio to a new file")
    sample.add_argument("path", type=Path, help="new workspace file (*.rapport)")
    sample.add_argument(
        "--size",
        choices=("small", "large"),
        default="small",
        help="small: 4 realistic accounts; large: 50 accounts, 5,000 people, "
        "100,000 interactions (for benchmarks)",
    )
    sample.add_argument("--today", type=_date, help=argparse.SUPPRESS)

    summary = commands.add_parser("summary", help="health, coverage and risks of each account")
    summary.add_argument("path", type=Path, help="workspace file (*.rapport)")
    summary.add_argument("--account", help="only this account (by name)")
    summary.add_argument("--json", action="store_true", help="print a JSON document")
    summary.add_argument("--today", type=_date, help="compute as of this date (YYYY-MM-DD)")

    export = commands.add_parser("export", help="export an account's QBR workbook and deck")
    export.add_argument("path", type=Path, help="workspace file (*.rapport)")
    export.add_argument("--account", required=True, help="account name")
    export.add_argument(
        "--quarter",
        default="last",
        help="the account's fiscal quarter: 'last' (default: the last complete one), "
        "'current' (to date) or e.g. 2026-Q3",
    )
    export.add_argument("--xlsx", type=Path, help="workbook to write (.xlsx)")
    export.add_argument("--pptx", type=Path, help="QBR deck to write (.pptx)")
    export.add_argument(
        "--edition",
        choices=("customer", "internal"),
        help="customer (safe to hand over) or internal, for the deck and the workbook "
        "(default: customer deck, internal workbook)",
    )
    export.add_argument(
        "--template", type=Path, help="the team's PowerPoint template for the deck (.pptx)"
    )
    export.add_argument(
        "--anonymize", action="store_true", help="replace people's names by their roles"
    )
    export.add_argument("--charts", type=Path, help="also write the charts (PNG, SVG) here")
    export.add_argument("--map", type=Path, help="also write the map (.png, .svg or .pdf)")
    export.add_argument(
        "--view",
        default="org",
        choices=("org", "network", "power_interest", "influence_attitude"),
        help="map view (default: org chart)",
    )
    export.add_argument("--today", type=_date, help=argparse.SUPPRESS)

    import_ = commands.add_parser(
        "import", help="import contacts, a calendar, vCards, usage, attendance reports or mail"
    )
    import_.add_argument(
        "kind", choices=("contacts", "calendar", "vcard", "usage", "attendance", "mail")
    )
    import_.add_argument("path", type=Path, help="workspace file (*.rapport)")
    import_.add_argument(
        "file",
        type=Path,
        nargs="+",
        help="file to import (.csv, .xlsx, .ics, .vcf; a Teams or Zoom report; "
        "mail: one or more .eml, .mbox, .msg)",
    )
    import_.add_argument("--account", required=True, help="account to import into")
    import_.add_argument(
        "--dry-run", action="store_true", help="report what would change; write nothing"
    )
    import_.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=field",
        help="contacts: read COLUMN as this field (or 'ignore'); repeat for several columns",
    )
    import_.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="leave out (and list) rows or cards with a bad value instead of refusing the file",
    )
    import_.add_argument(
        "--company", help="contacts, vCards: import the contacts of this company only"
    )
    import_.add_argument(
        "--yes",
        action="store_true",
        help="import even if the file names another company than the account's",
    )
    import_.add_argument(
        "--add-new-people",
        action="store_true",
        help="mail: add the unknown addresses at the account's domains as new people",
    )
    import_.add_argument("--since", type=_date, help="calendar: first day (YYYY-MM-DD)")
    import_.add_argument("--until", type=_date, help="calendar: last day (YYYY-MM-DD)")

    graph = commands.add_parser("graph", help="export an account's graph (GraphML, GEXF, JSON)")
    graph.add_argument("path", type=Path, help="workspace file (*.rapport)")
    graph.add_argument("--account", required=True, help="account name")
    graph.add_argument("--out", required=True, type=Path, help="FILE.graphml, .gexf or .json")
    graph.add_argument(
        "--view",
        choices=("org", "network", "power_interest", "influence_attitude"),
        help="include the card positions of this map view",
    )

    people = commands.add_parser(
        "people", help="export an account's people list as CSV or an Excel workbook"
    )
    people.add_argument("path", type=Path, help="workspace file (*.rapport)")
    people.add_argument("--account", required=True, help="account name")
    people.add_argument(
        "--out", required=True, type=Path, help="FILE.csv or FILE.xlsx (phone numbers stay text)"
    )
    _TEAM_HANDLERS.update(add_team_commands(commands))
    return parser


def _cmd_import(args: argparse.Namespace) -> int:
    from desktop.cli.imports import run_import

    run_import(
        args.kind,
        args.path,
        args.file,
        account=args.account,
        dry_run=args.dry_run,
        mapping_options=args.map,
        skip_bad_rows=args.skip_bad_rows,
        company=args.company,
        confirmed=args.yes,
        add_new_people=args.add_new_people,
        since=args.since,
        until=args.until,
        out=sys.stdout,
    )
    return 0


def _cmd_graph(args: argparse.Namespace) -> int:
    from desktop.cli.imports import run_graph_export

    print(run_graph_export(args.path, account=args.account, out_path=args.out, view=args.view))
    return 0


def _cmd_people(args: argparse.Namespace) -> int:
    from desktop.cli.imports import run_people_export

    print(run_people_export(args.path, account=args.account, out_path=args.out))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from desktop.cli.collector import without_cyclic_collection

    with without_cyclic_collection():  # one export, then the process ends
        return _export(args)


def _export(args: argparse.Namespace) -> int:
    from desktop.cli.export import export_qbr

    lines = export_qbr(
        args.path,
        account=args.account,
        quarter=args.quarter,
        xlsx=args.xlsx,
        charts=args.charts,
        map_path=args.map,
        map_view=args.view,
        today=args.today,
        pptx=args.pptx,
        edition=args.edition,
        template=args.template,
        anonymize=args.anonymize,
    )
    for line in lines:
        print(line)
    return 0


def _cmd_sample(args: argparse.Namespace) -> int:
    from desktop.cli.sample_file import write_sample_file

    write_sample_file(args.path, size=args.size, today=args.today)
    print(f"Wrote the {args.size} sample portfolio to {args.path}")
    return 0


def _cmd_summary(args: argparse.Namespace) -> int:
    from desktop.cli.summary import print_summary

    print_summary(args.path, account=args.account, as_json=args.json, today=args.today)
    return 0


def _cmd_gui(path: Path | None) -> int:
    from desktop.cli import window_system

    problem = window_system.problem()
    if problem is not None:
        print(f"rapport: {problem}", file=sys.stderr)
        return EXIT_ERROR
    # While the modules load, the collector would only scan them again and again, finding
    # nothing; once loaded they live as long as the app, so no collection scans them again.
    # (The app runs the collector itself, on the GUI thread: desktop.common.qt_runtime.)
    gc.disable()
    try:
        from desktop.shell.app import run_gui
    except ImportError as exc:  # Qt's own libraries need system ones (libGL, libEGL, …)
        print(
            f"rapport: Qt cannot load ({exc}). On Debian/Ubuntu: "
            f"sudo apt-get install {window_system.APT_PACKAGES}",
            file=sys.stderr,
        )
        gc.enable()
        return EXIT_ERROR
    gc.freeze()
    return run_gui(path, create_if_missing=path is not None)


def _clean_stale_beside(path: Path | None) -> None:
    """Remove what a killed Rapport left beside the workspace (a half-written sample copy)."""
    if path is not None:
        from graph.files import clean_stale

        clean_stale(path.expanduser().parent)


def _shown(message: str) -> str:
    """A message fit for a terminal: each line's control characters escaped."""
    from graph.text import printable

    return "\n".join(printable(line, 100_000) for line in message.split("\n"))


def _os_error(exc: OSError) -> str:
    from graph.files import reason_of

    return f"{exc.filename}: {reason_of(exc)}" if exc.filename else reason_of(exc)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "sample": _cmd_sample,
        "summary": _cmd_summary,
        "export": _cmd_export,
        "import": _cmd_import,
        "graph": _cmd_graph,
        "people": _cmd_people,
        "open": lambda a: _cmd_gui(a.path),
        **_TEAM_HANDLERS,
    }
    try:
        if args.command is None:
            return _cmd_gui(None)
        _clean_stale_beside(getattr(args, "path", None))
        return handlers[args.command](args)
    except RapportError as exc:
        print(f"rapport: {_shown(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:  # a file the command writes or reads, outside the checked paths
        print(f"rapport: {_shown(_os_error(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("rapport: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: still one clear line, with the details on request
        if os.environ.get("RAPPORT_DEBUG"):
            raise
        print(
            f"rapport: internal error: {type(exc).__name__}: {_shown(str(exc))} "
            "(set RAPPORT_DEBUG=1 for details, and please report it)",
            file=sys.stderr,
        )
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
