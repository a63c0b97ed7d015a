from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from graph import schema as s
from graph.cadence import CadenceStatus
from graph.imports import ImportFailed, apply, plan_calendar
from graph.imports import ics as ics_module
from graph.queries import contact_stats
from graph.vocabulary import InteractionKind
from graph.workspace import Workspace

from . import samples
from .conftest import Expansions, WriteFile, table_rows

UTC = dt.UTC


@pytest.fixture
def northwind(
    ws: Workspace, account: s.Account, team: dict[str, s.TeamMember]
) -> dict[str, s.Person]:
    with ws.batch():
        found = {
            name: ws.add(
                s.Person(
                    account_id=account.id, name=name.title(), email=f"{name}@northwind.example"
                )
            )
            for name in ("ana", "bruno", "eve")
        }
    return found


def outlook_calendar() -> bytes:
    weekly = samples.vevent(
        "040000008200E00074C5B7101A82E00800000000D0F1B2C3",
        "20261006T100000",
        "20261006T103000",
        "Northwind weekly sync",
        ["ana@northwind.example", "Bruno@Northwind.example", "tina@vendor.example"],
        extra=[
            "RRULE:FREQ=WEEKLY;COUNT=6;BYDAY=TU",
            "EXDATE;TZID=W. Europe Standard Time:20261020T100000",
        ],
        declined=["Bruno@Northwind.example"],
    )
    cancelled_instance = samples.vevent(
        "040000008200E00074C5B7101A82E00800000000D0F1B2C3",
        "20261103T100000",
        "20261103T103000",
        "Canceled: Northwind weekly sync",
        ["ana@northwind.example"],
        extra=["RECURRENCE-ID;TZID=W. Europe Standard Time:20261103T100000", "STATUS:CANCELLED"],
    )
    qbr = samples.vevent(
        "qbr-2026-q3@vendor.example",
        "20260915T140000",
        "20260915T153000",
        "Northwind Q3 QBR",
        ["ana@northwind.example", "eve@northwind.example", "sam@vendor.example"],
    )
    internal = samples.vevent(
        "prep@vendor.example",
        "20260914T090000",
        "20260914T093000",
        "QBR prep",
        ["sam@vendor.example"],
    )
    other_customer = samples.vevent(
        "globex@vendor.example",
        "20260916T090000",
        "20260916T100000",
        "Globex sync",
        ["gil@globex.example"],
    )
    workshop = samples.vevent(
        "ws@vendor.example",
        "20260917T090000",
        "20260917T170000",
        "Canceled: Onsite workshop",
        ["ana@northwind.example"],
        extra=["STATUS:CANCELLED"],
    )
    future = samples.vevent(
        "future@vendor.example",
        "20261210T090000",
        "20261210T100000",
        "Planning",
        ["ana@northwind.example"],
    )
    return samples.ics(weekly, cancelled_instance, qbr, internal, other_customer, workshop, future)


def interactions(
    ws: Workspace, account: s.Account
) -> list[tuple[dt.datetime, str, int, InteractionKind]]:
    return [
        (i.occurred_at, i.summary, i.duration_minutes, i.kind) for i in ws.interactions(account.id)
    ]


def test_outlook_calendar_with_time_zone_repeats_and_cancellations(
    ws: Workspace, account: s.Account, northwind: dict[str, s.Person], write_file: WriteFile
) -> None:
    plan = plan_calendar(ws, write_file("calendar.ics", outlook_calendar()), account.id)
    assert plan.ok
    assert plan.skip_reasons() == {"no attendee from the account": 2, "cancelled": 2}
    apply(ws, plan)
    sync = "Northwind weekly sync"
    assert interactions(ws, account) == [
        (dt.datetime(2026, 9, 15, 12, 0), "Northwind Q3 QBR", 90, InteractionKind.QBR),
        (dt.datetime(2026, 10, 6, 8, 0), sync, 30, InteractionKind.MEETING),  # CEST: UTC+2
        (dt.datetime(2026, 10, 13, 8, 0), sync, 30, InteractionKind.MEETING),
        (dt.datetime(2026, 10, 27, 9, 0), sync, 30, InteractionKind.MEETING),  # CET: UTC+1
        (dt.datetime(2026, 11, 10, 9, 0), sync, 30, InteractionKind.MEETING),
    ]
    qbr, first_sync = ws.interactions(account.id)[:2]
    tina, sam = ws.team()[1], ws.team()[0]
    # the organiser takes part too
    assert ws.attendees(qbr.id) == ([northwind["ana"].id, northwind["eve"].id], [tina.id, sam.id])
    # Bruno declined: he was not there
    assert ws.attendees(first_sync.id) == ([northwind["ana"].id], [tina.id])


def test_reimporting_a_calendar_changes_nothing(
    ws: Workspace, account: s.Account, northwind: dict[str, s.Person], write_file: WriteFile
) -> None:
    path = write_file("calendar.ics", outlook_calendar())
    apply(ws, plan_calendar(ws, path, account.id))
    before = table_rows(ws)
    again = plan_calendar(ws, path, account.id)
    assert not again.has_changes and again.counts()["unchanged"] == 5
    apply(ws, again)
    assert table_rows(ws) == before


def test_a_moved_meeting_is_updated_and_a_cancelled_one_is_flagged(
    ws: Workspace, account: s.Account, northwind: dict[str, s.Person], write_file: WriteFile
) -> None:
    apply(ws, plan_calendar(ws, write_file("v1.ics", outlook_calendar()), account.id))
    qbr_id = ws.interactions(account.id)[0].id
    ws.update(s.Interaction, qbr_id, summary="QBR: renewal risk discussed", sentiment=1)
    moved = samples.vevent(
        "qbr-2026-q3@vendor.example",
        "20260915T150000",
        "20260915T160000",
        "Northwind Q3 QBR",
        ["ana@northwind.example", "eve@northwind.example", "bruno@northwind.example"],
    )
    weekly_cancelled = samples.vevent(
        "040000008200E00074C5B7101A82E00800000000D0F1B2C3",
        "20261006T100000",
        "20261006T103000",
        "Northwind weekly sync",
        ["ana@northwind.example"],
        extra=["RECURRENCE-ID;TZID=W. Europe Standard Time:20261006T100000", "STATUS:CANCELLED"],
    )
    plan = plan_calendar(ws, write_file("v2.ics", samples.ics(moved, weekly_cancelled)), account.id)
    (update,) = plan.updated
    assert [(c.field, c.old, c.new) for c in update.changes] == [
        ("time", "2026-09-15 12:00", "2026-09-15 13:00"),
        ("minutes", "90", "60"),
        ("attendees", "", "+1"),
    ]
    (conflict,) = plan.conflicts
    assert conflict.reason.startswith("imported before, now cancelled in the calendar")
    apply(ws, plan)
    qbr = ws.get(s.Interaction, qbr_id)
    assert qbr.occurred_at == dt.datetime(2026, 9, 15, 13, 0) and qbr.duration_minutes == 60
    assert qbr.summary == "QBR: renewal risk discussed" and qbr.sentiment == 1  # the user's
    assert northwind["bruno"].id in ws.attendees(qbr_id)[0]
    assert len(ws.interactions(account.id)) == 5  # nothing deleted


def test_cadence_follows_the_imported_meetings(
    ws: Workspace, account: s.Account, northwind: dict[str, s.Person], write_file: WriteFile
) -> None:
    ana = northwind["ana"]
    with ws.engine.connect() as conn:
        assert ana.id not in contact_stats(conn, dt.datetime(2020, 1, 1), [account.id])
    assert ws.cadence_of(ana).status(None, ws.today()) is CadenceStatus.OVERDUE
    apply(ws, plan_calendar(ws, write_file("calendar.ics", outlook_calendar()), account.id))
    with ws.engine.connect() as conn:
        last = contact_stats(conn, dt.datetime(2020, 1, 1), [account.id])[ana.id].last_contact
    assert last == dt.datetime(2026, 11, 10, 9, 0)
    assert ws.cadence_of(ana).status(last.date(), ws.today()) is CadenceStatus.OK


def test_google_calendar_utc_times_and_calendar_time_zone(
    ws: Workspace, account: s.Account, northwind: dict[str, s.Person], write_file: WriteFile
) -> None:
    single = samples.vevent(
        "abc123@google.com",
        "20260801T163000Z",
        "20260801T170000Z",
        "Call with Ana",
        ["ana@northwind.example"],
        tz=None,
    )
    floating = samples.vevent(
        "def456@google.com",
        "20260802T090000",
        "20260802T100000",
        "Kick-off",
        ["eve@northwind.example"],
        tz=None,
    )
    pacific = samples.vevent(
        "ghi789@google.com",
        "20260803T090000",
        "20260803T091500",
        "Standup",
        ["eve@northwind.example"],
        tz="Pacific Standard Time",
    )
    data = samples.ics(
        single, floating, pacific, extra="X-WR-TIMEZONE:America/New_York", timezone=False
    )
    apply(ws, plan_calendar(ws, write_file("google.ics", data), account.id))
    assert interactions(ws, account) == [
        (dt.datetime(2026, 8, 1, 16, 30), "Call with Ana", 30, InteractionKind.CALL),
        (dt.datetime(2026, 8, 2, 13, 0), "Kick-off", 60, InteractionKind.KICKOFF),  # New York
        (dt.datetime(2026, 8, 3, 16, 0), "Standup", 15, InteractionKind.MEETING),  # Outlook name
    ]


def test_all_day_onsite_and_unknown_time_zone(
    ws: Workspace, account: s.Account, northwind: dict[str, s.Person], write_file: WriteFile
) -> None:
    onsite = "\r\n".join(
        [
            "BEGIN:VEVENT",
            "UID:onsite@vendor.example",
            "SUMMARY:Onsite visit Seattle",
            "DTSTART;VALUE=DATE:20260820",
            "DTEND;VALUE=DATE:20260822",
            "ATTENDEE:mailto:ana@northwind.example",
            "END:VEVENT",
        ]
    )
    odd = samples.vevent(
        "odd@vendor.example",
        "20260821T090000",
        "20260821T100000",
        "Training session",
        ["eve@northwind.example"],
        tz="Mars/Olympus_Mons",
    )
    path = write_file("cal.ics", samples.ics(onsite, odd, timezone=False))
    plan = plan_calendar(ws, path, account.id, default_tz=ZoneInfo("America/Los_Angeles"))
    assert any("Mars/Olympus_Mons" in n for n in plan.notes)
    apply(ws, plan)
    assert interactions(ws, account) == [
        (dt.datetime(2026, 8, 20, 7, 0), "Onsite visit Seattle", 960, InteractionKind.ONSITE),
        (dt.datetime(2026, 8, 21, 16, 0), "Training session", 60, InteractionKind.TRAINING),
    ]


def test_a_cancellation_message_cancels_every_event(
    ws: Workspace, account: s.Account, northwind: dict[str, s.Person], write_file: WriteFile
) -> None:
    event = samples.vevent(
        "x@vendor.example", "20260901T090000", "20260901T100000", "Sync", ["ana@northwind.example"]
    )
    plan = plan_calendar(
        ws, write_file("cancel.ics", samples.ics(event, method="CANCEL")), account.id
    )
    assert plan.skip_reasons() == {"cancelled": 1} and not plan.has_changes


def test_the_date_window(
    ws: Workspace, account: s.Account, northwind: dict[str, s.Person], write_file: WriteFile
) -> None:
    path = write_file("calendar.ics", outlook_calendar())
    plan = plan_calendar(
        ws, path, account.id, since=dt.date(2026, 10, 1), until=dt.date(2026, 10, 31)
    )
    assert [e.what for e in plan.added] == [
        "Northwind weekly sync, 2026-10-06 08:00 UTC",
        "Northwind weekly sync, 2026-10-13 08:00 UTC",
        "Northwind weekly sync, 2026-10-27 09:00 UTC",
    ]
    assert plan.notes[0] == "meetings from 2026-10-01 to 2026-10-31"
    with pytest.raises(ImportFailed, match="starts"):
        plan_calendar(ws, path, account.id, since=dt.date(2026, 11, 1), until=dt.date(2026, 10, 1))


def test_a_rule_repeating_every_second_is_skipped_fast(
    ws: Workspace,
    account: s.Account,
    northwind: dict[str, s.Person],
    write_file: WriteFile,
    expansions: Expansions,
) -> None:
    hostile = samples.vevent(
        "dos@evil.example",
        "20250101T000000",
        "20250101T000001",
        "Spam",
        ["ana@northwind.example"],
        extra=["RRULE:FREQ=SECONDLY"],
    )
    minutely = samples.vevent(
        "dos2@evil.example",
        "20250101T000000",
        "20250101T000001",
        "Spam",
        ["ana@northwind.example"],
        extra=["RRULE:FREQ=DAILY;BYHOUR=1,2,3,4,5;BYMINUTE=1,2,3,4,5,6"],
    )
    plan = plan_calendar(ws, write_file("evil.ics", samples.ics(hostile, minutely)), account.id)
    assert plan.skip_reasons() == {"repeats more than 24 times a day": 2}
    # Judged from the rules alone: not one occurrence was expanded.
    assert expansions.starts == [] and expansions.taken == 0


def test_too_many_meetings_in_the_window_is_refused(
    ws: Workspace,
    account: s.Account,
    northwind: dict[str, s.Person],
    write_file: WriteFile,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ics_module, "MAX_MEETINGS", 50)
    daily = samples.vevent(
        "daily@vendor.example",
        "20260101T090000",
        "20260101T091500",
        "Daily",
        ["ana@northwind.example"],
        extra=["RRULE:FREQ=DAILY"],
    )
    with pytest.raises(ImportFailed, match="more than 50 meetings"):
        plan_calendar(ws, write_file("daily.ics", samples.ics(daily)), account.id)


def test_files_that_are_not_calendars(
    ws: Workspace, account: s.Account, northwind: dict[str, s.Person], write_file: WriteFile
) -> None:
    with pytest.raises(ImportFailed, match="not a calendar"):
        plan_calendar(ws, write_file("a.ics", b"Name,Email\r\n"), account.id)
    truncated = outlook_calendar()[:-200]
    with pytest.raises(ImportFailed, match=r"b\.ics: the calendar is incomplete or damaged"):
        plan_calendar(ws, write_file("b.ics", truncated), account.id)
    bad_date = samples.vevent(
        "x@vendor.example", "2026XXXX", "20260901T100000", "Sync", ["ana@northwind.example"]
    )
    plan = plan_calendar(ws, write_file("c.ics", samples.ics(bad_date)), account.id)
    assert plan.skip_reasons() == {"an event that cannot be read": 1}


def test_big_calendar_text_prefilter_keeps_series_with_known_attendees() -> None:
    text = samples.ics(
        samples.vevent("a", "20260101T090000", "20260101T100000", "A", ["x@other.example"]),
        samples.vevent("b", "20260101T090000", "20260101T100000", "B", ["ana@northwind.example"]),
        samples.vevent(
            "b",
            "20260108T090000",
            "20260108T100000",
            "B moved",
            ["x@other.example"],
            extra=["RECURRENCE-ID:20260108T090000"],
        ),
    ).decode()
    kept, dropped = ics_module.prefilter(ics_module.unfold(text), {"ana@northwind.example"})
    assert dropped == 1 and "SUMMARY;LANGUAGE=en-US:A\r\n" not in kept and "B moved" in kept
    assert "BEGIN:VTIMEZONE" in kept
