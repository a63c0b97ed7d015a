"""The team commands: ``rapport team create|clone|member|members``, ``rapport sync`` and
``rapport conflicts``. Qt-free, like every command but the app itself."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph.workspace import Workspace

Handler = Callable[[argparse.Namespace], int]


def add_commands(commands: argparse._SubParsersAction) -> dict[str, Handler]:
    """Add the team commands to the ``rapport`` parser; returns their handlers by name."""
    team = commands.add_parser(
        "team", help="share a portfolio with your account team through a PostgreSQL server"
    )
    actions = team.add_subparsers(dest="team_action", metavar="ACTION", required=True)
    create = actions.add_parser(
        "create", help="publish a portfolio file to an empty PostgreSQL database"
    )
    create.add_argument("url", help="postgresql://USER@HOST/DB (no password: use ~/.pgpass)")
    create.add_argument(
        "--from", dest="source", type=Path, required=True, help="the portfolio (*.rapport)"
    )
    clone = actions.add_parser("clone", help="make a local replica of a team portfolio")
    clone.add_argument("url", help="postgresql://USER@HOST/DB")
    clone.add_argument("path", type=Path, help="new workspace file (*.rapport)")
    member = actions.add_parser(
        "member", help="add a member, change their role, or remove them (owners only)"
    )
    member.add_argument("url", help="postgresql://USER@HOST/DB")
    member.add_argument("login", help="the member's PostgreSQL login")
    member.add_argument(
        "--role", required=True, choices=("viewer", "editor", "owner", "none"), help="none: remove"
    )
    listing = actions.add_parser("members", help="list the portfolio's members and roles")
    listing.add_argument("url", help="postgresql://USER@HOST/DB")

    sync = commands.add_parser("sync", help="push this laptop's changes and pull the team's")
    sync.add_argument("path", type=Path, help="a team replica (*.rapport)")

    conflicts = commands.add_parser(
        "conflicts", help="list the team's open conflicts, or decide one"
    )
    conflicts.add_argument("path", type=Path, help="a team replica (*.rapport)")
    conflicts.add_argument(
        "--keep",
        nargs=2,
        metavar=("SIDE", "ID"),
        help="decide conflict ID: keep mine, theirs, first or second",
    )
    conflicts.add_argument(
        "--author", help="your name in the history (default: your login on the server)"
    )
    return {"team": run_team, "sync": run_sync, "conflicts": run_conflicts}


def run_team(args: argparse.Namespace) -> int:
    from graph.team import sync as team

    if args.team_action == "create":
        count = team.publish(args.url, args.source)
        print(f"Published {args.source} ({count:,} records); it is now a replica")
    elif args.team_action == "clone":
        count = team.clone(args.url, args.path)
        print(f"Cloned the team portfolio ({count:,} records) to {args.path}")
    elif args.team_action == "member":
        role = None if args.role == "none" else args.role
        team.set_member(args.url, args.login, role)
        done = f"is now {'an' if role == 'owner' or role == 'editor' else 'a'} {role}"
        print(f"{args.login} {done if role else 'is no longer a member'}")
    else:
        for login, role in team.members(args.url):
            print(f"{login}\t{role}")
    return 0


def run_sync(args: argparse.Namespace) -> int:
    from graph.team.sync import sync
    from graph.workspace import Workspace

    with Workspace.open(args.path) as ws:
        print(sync(ws))
    return 0


def _login(ws: Workspace) -> str:
    from graph.team.connection import parse
    from graph.team.replica import server_of

    url = server_of(ws)
    return str(parse(url).username or "") if url else ""


def run_conflicts(args: argparse.Namespace) -> int:
    from graph.errors import ValidationError
    from graph.team.conflicts import open_conflicts, resolve
    from graph.workspace import Workspace

    with Workspace.open(args.path) as ws:
        if args.keep:
            side, number = args.keep
            if not number.isdigit():
                raise ValidationError(f"--keep {side} {number}: the conflict's number, e.g. 3")
            ws.author = args.author or _login(ws)
            print(resolve(ws, int(number), side))
            return 0
        views = open_conflicts(ws)
        if not views:
            print("No open conflicts")
        for view in views:
            for line in view.lines():
                print(line)
    return 0
