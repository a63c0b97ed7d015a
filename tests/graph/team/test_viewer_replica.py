"""A viewer's replica is read-only on the laptop too: edits are refused before they are made,
not after they have waited for a sync the server refuses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from graph import schema as s
from graph.operations import bind, edit_fields, perform
from graph.team import sync as team
from graph.team.conflicts import resolve
from graph.team.errors import ViewerError
from graph.team.replica import waiting
from graph.team.role import read_only, replica_role
from graph.workspace import Workspace
from tests.graph.team.conftest import Cluster, clock_at, team_of

MESSAGE = "You are a viewer of this portfolio; ask an owner for edit rights"

VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Vera Quint\r\nN:Quint;Vera;;;\r\n"
    "TITLE:Chief Nursing Officer\r\nORG:Cobalt Ridge Health\r\n"
    "EMAIL;TYPE=work:vera.quint@cobaltridge.example\r\nEND:VCARD\r\n"
)


@pytest.fixture
def team_urls(cluster: Cluster, published: tuple[str, Path, Path], tmp_path: Path) -> Any:
    database, alice, bob = team_of(cluster, published, tmp_path)
    return (lambda login: cluster.url(login, database)), alice, bob


def _victor(team_urls: Any, folder: Path) -> Path:
    url = team_urls[0]
    team.set_member(url("alice"), "victor", "viewer")
    path = folder / "victor.rapport"
    team.clone(url("victor"), path, clock=clock_at())
    return path


def _retitle(ws: Workspace, name: str, title: str) -> None:
    person = ws.find(s.Person, name=name)[0]
    perform(ws, bind(edit_fields, s.Person, person.id, title=title), "edit")


def test_each_replica_knows_its_role(team_urls: Any, tmp_path: Path) -> None:
    _url, alice, bob = team_urls
    victor = _victor(team_urls, tmp_path)
    for path, role in ((alice, "owner"), (bob, "editor"), (victor, "viewer")):
        with Workspace.open(path, clock=clock_at(5)) as ws:
            assert (replica_role(ws), read_only(ws)) == (role, role == "viewer")


def test_a_file_of_ones_own_is_never_read_only(portfolio: Path, tmp_path: Path) -> None:
    with Workspace.open(portfolio, clock=clock_at(5), readonly=True) as ws:
        assert (replica_role(ws), read_only(ws)) == (None, False)


def test_a_viewer_edit_is_refused_before_it_waits(team_urls: Any, tmp_path: Path) -> None:
    victor = _victor(team_urls, tmp_path)
    with Workspace.open(victor, clock=clock_at(5)) as ws:
        with pytest.raises(ViewerError) as refused:
            _retitle(ws, "Person 02", "CEO")
        assert str(refused.value) == MESSAGE
        assert ws.find(s.Person, name="Person 02")[0].title == "Director"
        assert waiting(ws) == 0
        with pytest.raises(ViewerError):
            resolve(ws, 1, "mine")
        assert team.sync(ws).pushed == 0  # reading still works


def test_a_role_changed_on_the_server_counts_from_the_next_sync(
    team_urls: Any, tmp_path: Path
) -> None:
    url, _alice, bob = team_urls
    victor = _victor(team_urls, tmp_path)
    team.set_member(url("alice"), "victor", "editor")
    team.set_member(url("alice"), "bob", "viewer")
    with Workspace.open(victor, clock=clock_at(5)) as ws:
        assert read_only(ws)  # the laptop has not heard yet
        team.sync(ws)
        assert not read_only(ws)
        _retitle(ws, "Person 02", "CEO")
        assert team.sync(ws).pushed == 1
    with Workspace.open(bob, clock=clock_at(6)) as ws:
        _retitle(ws, "Person 03", "CFO")  # an editor until the sync says otherwise
        with pytest.raises(ViewerError):
            team.sync(ws)
        assert read_only(ws)
        with pytest.raises(ViewerError):
            _retitle(ws, "Person 04", "CIO")


def test_an_import_into_a_viewer_replica_is_one_line(
    team_urls: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victor = _victor(team_urls, tmp_path)
    card = tmp_path / "vera.vcf"
    card.write_text(VCARD, encoding="utf-8")
    code = main(["import", "vcard", str(victor), str(card), "--account", "Cobalt Ridge Health"])
    captured = capsys.readouterr()
    assert (code, captured.out, captured.err) == (1, "", f"rapport: {MESSAGE}\n")
    with Workspace.open(victor, clock=clock_at(5), readonly=True) as ws:
        assert not ws.find(s.Person, name="Vera Quint")
