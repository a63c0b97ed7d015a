"""Budgets on importers: small hostile files finish fast, big ones are refused with a reason."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import pytest

from graph import schema as s
from graph.imports import ImportFailed, csvfile, plan_calendar, plan_contacts, sources, xlsx
from graph.imports.recurrence import fast_forward
from graph.workspace import Workspace
from tests import hostile_files

from .conftest import Expansions

UTC = dt.UTC
SINCE, UNTIL = dt.date(2025, 6, 1), dt.date(2026, 11, 30)


@pytest.fixture
def acme(ws: Workspace) -> s.Account:
    account = ws.add(s.Account(name="Acme"))
    ws.add(s.Person(account_id=account.id, name="Ana Ruiz", email=hostile_files.CUSTOMER))
    return account


def plan(ws: Workspace, account: s.Account, path: Path) -> object:
    return plan_calendar(ws, path, account.id, since=SINCE, until=UNTIL, default_tz=UTC)


def test_hourly_since_year_one_is_skipped_at_once(
    ws: Workspace, acme: s.Account, tmp_path: Path, expansions: Expansions
) -> None:
    path = tmp_path / "flood.ics"
    path.write_bytes(hostile_files.hourly_since_year_one())
    assert path.stat().st_size < 300
    result = plan(ws, acme, path)
    assert result.skip_reasons() == {  # type: ignore[attr-defined]
        "repeats more than 10,000 times in the chosen dates": 1
    }
    # Skipped from the rule alone: not one occurrence was expanded.
    assert expansions.starts == [] and expansions.taken == 0


@pytest.mark.parametrize(
    ("rule", "start", "expected"),
    [
        ("FREQ=DAILY", "00010101T090000Z", (UNTIL - SINCE).days + 1),
        ("FREQ=WEEKLY;BYDAY=MO,TH", "00010101T090000Z", None),
        ("FREQ=MONTHLY;INTERVAL=5", "00010131T090000Z", None),
        ("FREQ=YEARLY", "00040229T090000Z", None),
        ("FREQ=HOURLY;INTERVAL=7;BYHOUR=2,9,16", "00010101T020000Z", None),
    ],
)
def test_rules_since_year_one_expand_only_the_import_period(
    ws: Workspace,
    acme: s.Account,
    tmp_path: Path,
    rule: str,
    start: str,
    expected: int | None,
    expansions: Expansions,
) -> None:
    path = tmp_path / "ancient.ics"
    path.write_bytes(hostile_files.since_year_one(rule, start))
    result = plan(ws, acme, path)
    if expected is not None:
        assert result.counts()["add"] == expected  # type: ignore[attr-defined]
    # A series reaches the expander already moved to just before the period (a 29th of
    # February by whole leap cycles), so the walk from its start covers years, not 2,000 of
    # them; and it yields no more than the period holds (at most 3 a day here, 2 days' margin).
    # A rule judged too frequent from the rule alone is skipped with nothing expanded.
    if expansions.starts:
        [moved] = expansions.starts
        assert moved.year >= SINCE.year - 4, moved
        assert 0 < expansions.taken <= 3 * ((UNTIL - SINCE).days + 5), expansions.taken
    else:
        assert expansions.taken == 0 and result.skip_reasons()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("rule", "start"),
    [
        ("FREQ=DAILY", "20190315T090000"),
        ("FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,FR", "20180102T140000"),
        ("FREQ=MONTHLY;BYDAY=2WE", "20170111T080000"),
        ("FREQ=MONTHLY", "20160131T080000"),
        ("FREQ=YEARLY;BYMONTH=3;BYDAY=-1FR", "20000331T150000"),
        ("FREQ=HOURLY;INTERVAL=5", "20240101T000000"),
    ],
)
def test_fast_forward_keeps_every_occurrence_in_the_period(rule: str, start: str) -> None:
    """Moving the start by whole periods changes no occurrence inside the import period."""
    import icalendar
    import recurring_ical_events

    def occurrences(moved: bool) -> list[dt.datetime]:
        text = hostile_files.since_year_one(rule, start)
        calendar = icalendar.Calendar.from_ical(text.replace(b"ATTENDEE", b"X-ATTENDEE"))
        since = dt.datetime(2025, 6, 1)
        if moved:
            for event in calendar.walk("VEVENT"):
                fast_forward(event, since, UTC)
        found = recurring_ical_events.of(calendar).between(since, dt.datetime(2026, 12, 1))
        return sorted(e.get("DTSTART").dt for e in found)

    moved = occurrences(moved=True)
    assert moved and moved == occurrences(moved=False)


def test_timezone_with_hundreds_of_rules_is_read_as_local(
    ws: Workspace, acme: s.Account, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import icalendar

    parsed: list[str] = []
    real_from_ical = icalendar.Calendar.from_ical

    def spy(text: str | bytes, *args: Any, **kwargs: Any) -> Any:
        parsed.append(text if isinstance(text, str) else text.decode())
        return real_from_ical(text, *args, **kwargs)

    monkeypatch.setattr(icalendar.Calendar, "from_ical", spy)
    path = tmp_path / "zone.ics"
    path.write_bytes(hostile_files.many_timezone_rules())
    result = plan(ws, acme, path)
    # The zone's 300 rules (each a walk from 1601) never reach the calendar parser.
    assert parsed and not any("BEGIN:VTIMEZONE" in text for text in parsed)
    assert result.counts()["add"] == 1  # type: ignore[attr-defined]
    assert any("Hostile Standard Time" in n for n in result.notes)  # type: ignore[attr-defined]


def test_csv_over_the_size_cap_is_refused_before_reading(
    ws: Workspace, acme: s.Account, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_TABLE_TEXT_BYTES", 1_000_000)
    import graph.imports.tabular as tabular

    monkeypatch.setattr(tabular, "MAX_TABLE_TEXT_BYTES", 1_000_000)
    path = hostile_files.big_csv(tmp_path / "big.csv", 1_200_000)
    with pytest.raises(
        ImportFailed, match=r"big\.csv: the file is \d MB; imports are limited to 1 MB"
    ):
        plan_contacts(ws, path, acme.id)


def test_the_real_size_cap_keeps_a_190_mb_csv_out() -> None:
    assert sources.MAX_TABLE_TEXT_BYTES < 190 * 1024 * 1024


def test_csv_with_too_many_rows_is_refused(
    ws: Workspace, acme: s.Account, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csvfile, "MAX_ROWS", 500)
    path = hostile_files.big_csv(tmp_path / "rows.csv", 200_000)
    with pytest.raises(ImportFailed, match="more than 500 rows; split it"):
        plan_contacts(ws, path, acme.id)


def test_workbook_with_too_many_rows_is_refused_while_streaming(
    ws: Workspace, acme: s.Account, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx, "MAX_ROWS", 1_000)
    path = hostile_files.many_rows_xlsx(tmp_path / "rows.xlsx", 50_000)
    with zipfile.ZipFile(path) as book:
        sheet_size = book.getinfo("xl/worksheets/sheet1.xml").file_size
    inflated: dict[str, int] = {}
    real_read = zipfile.ZipExtFile.read

    def counted(self: zipfile.ZipExtFile, n: int = -1) -> bytes:
        data = real_read(self, n)
        inflated[self.name] = inflated.get(self.name, 0) + len(data)
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counted)
    with pytest.raises(ImportFailed, match="more than 1,000 rows"):
        plan_contacts(ws, path, acme.id)
    # Refused on the sheet's first megabyte or so (one read chunk), not after inflating all 7 MB.
    read = inflated["xl/worksheets/sheet1.xml"]
    assert 0 < read <= 2 * (1 << 20) < sheet_size, (inflated, sheet_size)


def test_reporting_chains_take_linear_time(
    ws: Workspace, acme: s.Account, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cycle check walks a bounded number of reporting steps per row, counted (not timed):
    walking up the whole chain for every row, as it once did, is quadratic."""
    from graph.imports import people as people_module

    steps = 0

    class CountedManagers(dict[int, int]):
        def get(self, key: int, default: Any = None) -> Any:  # type: ignore[override]
            nonlocal steps
            steps += 1
            return super().get(key, default)

    real_init = people_module._Reports.__init__

    def counting_init(self: Any, managers: dict[int, int]) -> None:
        real_init(self, CountedManagers(managers))

    monkeypatch.setattr(people_module._Reports, "__init__", counting_init)
    per_row = {}
    for people in (2_000, 8_000):
        path = hostile_files.reporting_chain_csv(tmp_path / f"chain{people}.csv", people)
        steps = 0
        result = plan_contacts(ws, path, acme.id)
        assert result.counts()["add"] == people and not result.conflicts
        per_row[people] = steps / people
    # A few steps a row at either size (quadratic would be about people / 2 a row).
    assert 0 < per_row[2_000] <= 10 and 0 < per_row[8_000] <= 10, per_row


def test_a_cycle_deep_in_a_chain_is_still_found(
    ws: Workspace, acme: s.Account, tmp_path: Path
) -> None:
    path = hostile_files.reporting_chain_csv(tmp_path / "chain.csv", 300)
    with path.open("a", encoding="utf-8", newline="") as f:
        f.write("Person 0,p0@acme.example,Engineer,p299@acme.example\r\n")
    text = path.read_text(encoding="utf-8").splitlines()
    # Person 0 reports to the last one of their own chain: a cycle of 300.
    text[1] = "Person 0,p0@acme.example,Engineer,p299@acme.example"
    path.write_text("\r\n".join(text[:-1]) + "\r\n", encoding="utf-8")
    result = plan_contacts(ws, path, acme.id)
    conflicts = [str(c) for c in result.conflicts]  # type: ignore[attr-defined]
    assert len(conflicts) == 1 and "reporting cycle" in conflicts[0]
    assert conflicts[0].count("→") == 300
