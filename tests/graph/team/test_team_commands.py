"""The team commands as a person types them: ``rapport team``, ``rapport sync`` and
``rapport conflicts`` (they live in desktop/cli/team.py; their tests sit here, beside the
PostgreSQL cluster they need)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.cli import main
from graph import schema as s
from graph.workspace import Workspace
from tests.graph.team.conftest import Cluster, clock_at


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _set_attitude(path: Path, who: str, value: int, minutes: int) -> None:
    with Workspace.open(path, clock=clock_at(minutes)) as ws:
        ws.author = who
        person = ws.find(s.Person, name="Person 01")[0]
        ws.update(s.Person, person.id, attitude=value)


def test_from_publishing_to_a_decided_conflict(
    cluster: Cluster,
    database: str,
    tmp_path: Path,
    portfolio: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    alice, bob, victor = (tmp_path / f"{n}.rapport" for n in ("alice", "bob", "victor"))
    shutil.copyfile(portfolio, alice)
    url = cluster.url("alice", database)

    code, out, _ = _run(capsys, "team", "create", url, "--from", alice)
    assert code == 0 and out.startswith(f"Published {alice} (")
    assert _run(capsys, "team", "member", url, "bob", "--role", "editor")[1] == (
        "bob is now an editor\n"
    )
    _run(capsys, "team", "member", url, "victor", "--role", "viewer")
    assert _run(capsys, "team", "members", url)[1] == (
        "alice\towner\nbob\teditor\nvictor\tviewer\n"
    )
    code, out, _ = _run(capsys, "team", "clone", cluster.url("bob", database), bob)
    assert code == 0 and out.endswith(f"records) to {bob}\n")

    _set_attitude(alice, "Alice", 2, 10)
    _set_attitude(bob, "Bob", -1, 20)
    # An attitude edit is two rows of the log: the field and the attitude change record.
    assert _run(capsys, "sync", alice)[1] == "pushed 2, pulled 0, conflicts 0\n"
    assert _run(capsys, "sync", bob)[1] == "pushed 2, pulled 2, conflicts 1\n"

    code, out, _ = _run(capsys, "conflicts", bob)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "#1 Person Person 01: attitude"
    assert lines[1].startswith("    first: 2  [Alice, 2026-11-22 09:10]")
    assert lines[2] == "    second: -1  [Bob, 2026-11-22 09:20 (mine)]"

    code, out, _ = _run(capsys, "conflicts", bob, "--keep", "theirs", "1")
    assert (code, out) == (0, "conflict #1: kept the first side (kept)\n")
    assert _run(capsys, "sync", bob)[1] == "pushed 2, pulled 0, conflicts 0\n"
    assert _run(capsys, "conflicts", bob)[1] == "No open conflicts\n"
    with Workspace.open(bob) as ws:
        decided = [x for x in ws.find(s.HistoryEntry) if x.source == "conflict"]
        assert [(x.field, x.author) for x in decided if x.field] == [("attitude", "bob")]

    code, out, err = _run(capsys, "conflicts", bob, "--keep", "mine", "7")
    assert code == 1 and err == "rapport: no open conflict #7 (open: none)\n"

    # A viewer reads, but the server takes no write from them: one clear line.
    assert _run(capsys, "team", "clone", cluster.url("victor", database), victor)[0] == 0
    _set_attitude(victor, "Victor", 1, 30)
    code, out, err = _run(capsys, "sync", victor)
    assert code == 1 and out == ""
    assert err.startswith(
        "rapport: You are a viewer of this portfolio; ask an owner for edit rights"
    )
    assert "Traceback" not in err


def test_an_unreachable_server_is_one_clear_line(
    cluster: Cluster,
    database: str,
    tmp_path: Path,
    portfolio: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    alice = tmp_path / "alice.rapport"
    shutil.copyfile(portfolio, alice)
    gone = cluster.url("alice", database).replace(f"port={cluster.port}", "port=1")
    code, out, err = _run(capsys, "team", "create", gone, "--from", alice)
    assert code == 1 and out == ""
    assert err.startswith(f"rapport: cannot reach the team server ({database} on ")
    assert err[-1] == "\n" and err.count("\n") == 1
    code, _, err = _run(capsys, "team", "create", "mysql://me@host/db", "--from", alice)
    assert code == 1 and "a team server is a PostgreSQL database" in err
