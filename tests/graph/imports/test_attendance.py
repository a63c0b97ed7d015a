"""Teams and Zoom attendance reports log one interaction with who attended and for how long."""

from __future__ import annotations

import datetime as dt

import pytest

from graph import schema as s
from graph.imports import ImportFailed, apply, plan_attendance
from graph.workspace import Workspace

from . import activity_samples as files
from .conftest import WriteFile, table_rows

UTC = dt.UTC


@pytest.fixture
def people(ws: Workspace, account: s.Account, team: dict[str, s.TeamMember]) -> dict[str, int]:
    with ws.batch():
        ana = ws.add(
            s.Person(account_id=account.id, name="Ana Ruiz", email="ana.ruiz@northwind.example")
        )
        bo = ws.add(s.Person(account_id=account.id, name="Bo Li"))
    return {"ana": ana.id, "bo": bo.id}


def test_teams_report_as_downloaded(
    ws: Workspace, account: s.Account, people: dict[str, int], team: dict, write_file: WriteFile
) -> None:
    path = write_file("Northwind weekly sync - Attendance report 11-3-26.csv", files.teams_report())
    assert path.read_bytes()[:2] == b"\xff\xfe"
    plan = plan_attendance(ws, path, account.id, default_tz=UTC)
    assert plan.ok and plan.counts()["add"] == 1
    assert [(e.row, e.what, e.reason) for e in plan.skipped] == [
        (14, "Pat Unknown", "not in the account or your team")
    ]
    apply(ws, plan)
    (meeting,) = ws.interactions(account.id)
    assert meeting.occurred_at == dt.datetime(2026, 11, 3, 9, 58, 12)
    assert meeting.duration_minutes == 65
    assert meeting.summary == (
        "Northwind weekly sync (Teams attendance: Ana Ruiz 54 min, Bo Li 30 min)"
    )
    people_ids, team_ids = ws.attendees(meeting.id)
    assert sorted(people_ids) == sorted(people.values())  # Bo matched by name ("(External)")
    assert list(team_ids) == [team["tina"].id]
    # Idempotent: the same report again changes nothing.
    before = table_rows(ws)
    again = plan_attendance(ws, path, account.id, default_tz=UTC)
    assert not again.has_changes and again.counts()["unchanged"] == 1
    apply(ws, again)
    assert table_rows(ws) == before


def test_teams_times_are_local(
    ws: Workspace, account: s.Account, people: dict[str, int], write_file: WriteFile
) -> None:
    from zoneinfo import ZoneInfo

    path = write_file("report.csv", files.teams_report())
    apply(ws, plan_attendance(ws, path, account.id, default_tz=ZoneInfo("Europe/Paris")))
    (meeting,) = ws.interactions(account.id)
    assert meeting.occurred_at == dt.datetime(2026, 11, 3, 8, 58, 12)


def test_teams_2021_layout(
    ws: Workspace, account: s.Account, people: dict[str, int], write_file: WriteFile
) -> None:
    plan = plan_attendance(
        ws, write_file("q.csv", files.teams_report_2021()), account.id, default_tz=UTC
    )
    apply(ws, plan)
    (meeting,) = ws.interactions(account.id)
    assert meeting.kind.value == "qbr" and meeting.duration_minutes == 60
    assert meeting.occurred_at == dt.datetime(2026, 9, 14, 14, 0)


def test_zoom_participants_report(
    ws: Workspace, account: s.Account, people: dict[str, int], team: dict, write_file: WriteFile
) -> None:
    path = write_file("participants_85746352419.csv", files.zoom_report())
    plan = plan_attendance(ws, path, account.id, default_tz=UTC)
    assert plan.ok, plan.problems
    assert [(e.row, e.what) for e in plan.skipped] == [(9, "iPhone")]
    apply(ws, plan)
    (meeting,) = ws.interactions(account.id)
    assert meeting.occurred_at == dt.datetime(2026, 11, 5, 15, 0, 4)
    assert meeting.duration_minutes == 62
    # Ana rejoined: both stretches count.
    assert (
        meeting.summary
        == "Northwind platform review (Zoom attendance: Ana Ruiz 54 min, Bo Li 48 min)"
    )
    assert meeting.external_id == "zoom:85746352419/20261105T1500"


def test_a_zoom_report_cut_mid_line_is_read_or_refused_in_words(
    ws: Workspace, account: s.Account, people: dict[str, int], write_file: WriteFile
) -> None:
    """A stray carriage return and a control byte where the file was cut (found by hypothesis):
    the csv module's own error must not escape."""
    damaged = files.zoom_report().rstrip(b"\r\n") + b"\r\x01"
    try:
        plan = plan_attendance(ws, write_file("cut.csv", damaged), account.id, default_tz=UTC)
    except ImportFailed as refused:
        assert "cut.csv" in str(refused)
    else:
        assert plan.ok, plan.problems


def test_bad_duration_refuses_or_is_skipped(
    ws: Workspace, account: s.Account, people: dict[str, int], write_file: WriteFile
) -> None:
    broken = files.teams_report(["Eve Evans\t\t\tforever\teve@northwind.example\t\tAttendee"])
    path = write_file("broken.csv", broken)
    plan = plan_attendance(ws, path, account.id, default_tz=UTC)
    assert [str(p) for p in plan.problems] == [
        "broken.csv, line 15, column 'In-Meeting Duration': 'forever' is not a duration "
        "(like 1h 4m 33s)"
    ]
    with pytest.raises(ImportFailed):
        apply(ws, plan)
    skipping = plan_attendance(ws, path, account.id, default_tz=UTC, skip_bad=True)
    assert skipping.ok and [str(p) for p in skipping.bad_rows] == [str(plan.problems[0])]
    assert any(e.row == 15 and "forever" in e.reason for e in skipping.skipped)
    apply(ws, skipping)
    assert len(ws.interactions(account.id)) == 1


def test_not_an_attendance_report(ws: Workspace, account: s.Account, write_file: WriteFile) -> None:
    with pytest.raises(ImportFailed, match="not a Teams attendance report or a Zoom"):
        plan_attendance(ws, write_file("x.csv", b"Name,Email\r\nAna,a@x.example\r\n"), account.id)


def test_no_one_from_the_account(ws: Workspace, account: s.Account, write_file: WriteFile) -> None:
    plan = plan_attendance(ws, write_file("r.csv", files.zoom_report()), account.id, default_tz=UTC)
    assert not plan.has_changes
    assert "no attendee from the account" in plan.skip_reasons()


def test_a_meeting_from_the_calendar_is_completed_not_doubled(
    ws: Workspace, account: s.Account, people: dict[str, int], team: dict, write_file: WriteFile
) -> None:
    from graph.imports import plan_calendar

    from . import samples

    event = samples.vevent(
        "sync-1@vendor.example",
        "20261103T100000",
        "20261103T110000",
        "Northwind weekly sync",
        ["ana.ruiz@northwind.example"],
        tz=None,
    )
    apply(
        ws, plan_calendar(ws, write_file("c.ics", samples.ics(event)), account.id, default_tz=UTC)
    )
    (meeting,) = ws.interactions(account.id)
    assert ws.attendees(meeting.id)[0] == [people["ana"]]
    path = write_file("report.csv", files.teams_report())
    plan = plan_attendance(ws, path, account.id, default_tz=UTC)
    assert plan.counts()["add"] == 0 and plan.counts()["update"] == 1
    apply(ws, plan)
    (meeting,) = ws.interactions(account.id)  # still one meeting, now with Bo too
    assert sorted(ws.attendees(meeting.id)[0]) == sorted(people.values())
    assert not plan_attendance(ws, path, account.id, default_tz=UTC).has_changes
