from __future__ import annotations

import datetime as dt

import pytest

from graph import schema as s
from graph.imports import ImportFailed, apply, plan_usage
from graph.imports.measures import decide_date_order, decide_number_style, parse_number
from graph.workspace import Workspace

from . import samples
from .conftest import WriteFile, table_rows


def series(ws: Workspace, account: s.Account) -> dict[str, list[tuple[dt.date, float]]]:
    metrics = ws.find(s.UsageMetric, account_id=account.id)
    return {
        f"{m.name} [{m.unit}]" if m.unit else m.name: [
            (p.measured_on, p.value)
            for p in ws.find(s.UsagePoint, metric_id=m.id, order_by=s.UsagePoint.measured_on)
        ]
        for m in metrics
    }


def test_long_layout_with_units(ws: Workspace, account: s.Account, write_file: WriteFile) -> None:
    rows = [
        ["Date", "Metric", "Value", "Unit"],
        ["2026-07-01", "Active users", "1,250", ""],
        ["2026-08-01", "Active users", "1,410", ""],
        ["2026-07-01", "Hosts covered", "312", "hosts"],
        ["2026-08-01", "active users", "1,410", ""],  # the same figure again
    ]
    plan = plan_usage(ws, write_file("usage.csv", samples.csv_text(rows).encode()), account.id)
    assert plan.ok and any("layout: long" in n for n in plan.notes)
    assert [(e.row, e.reason) for e in plan.skipped] == [(5, "repeats row 3")]
    apply(ws, plan)
    assert series(ws, account) == {
        "Active users": [(dt.date(2026, 7, 1), 1250.0), (dt.date(2026, 8, 1), 1410.0)],
        "Hosts covered [hosts]": [(dt.date(2026, 7, 1), 312.0)],
    }


def test_wide_european_file_with_decimal_commas_and_day_first_dates(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    rows = [
        ["Datum", "Aktive Nutzer", "Abdeckung (%)", "Kosten (€)"],
        ["01.07.2026", "1.250", "45,5", "1.234,50"],
        ["01.08.2026", "1.410", "47", "1.300"],
        ["01.09.2026", "", "48,25", "1.310,75"],
    ]
    plan = plan_usage(ws, write_file("nutzung.csv", samples.european_csv(rows)), account.id)
    assert plan.ok, plan.problems
    assert any("dates such as 01.07.2026 were read as day/month/year" in n for n in plan.notes)
    apply(ws, plan)
    assert series(ws, account) == {
        "Aktive Nutzer": [(dt.date(2026, 7, 1), 1250.0), (dt.date(2026, 8, 1), 1410.0)],
        "Abdeckung [%]": [
            (dt.date(2026, 7, 1), 45.5),
            (dt.date(2026, 8, 1), 47.0),
            (dt.date(2026, 9, 1), 48.25),
        ],
        "Kosten [€]": [
            (dt.date(2026, 7, 1), 1234.5),
            (dt.date(2026, 8, 1), 1300.0),
            (dt.date(2026, 9, 1), 1310.75),
        ],
    }


def test_us_dates_and_an_unambiguous_day_decide_the_order(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    rows = [["Week", "Active users"], ["3/4/2026", "10"], ["3/18/2026", "12"]]
    plan = plan_usage(ws, write_file("u.csv", samples.csv_text(rows).encode()), account.id)
    assert [e.what for e in plan.added[1:]] == [
        "Active users on 2026-03-04: 10",
        "Active users on 2026-03-18: 12",
    ]
    assert not any("were read as" in n for n in plan.notes)  # 3/18 can only be March 18
    ambiguous = [["Date", "Active users"], ["3/4/2026", "10"], ["4/5/2026", "12"]]
    path = write_file("v.csv", samples.csv_text(ambiguous).encode())
    plan = plan_usage(ws, path, account.id)
    assert any("were read as month/day/year (as US tools write them)" in n for n in plan.notes)
    plan = plan_usage(ws, path, account.id, day_first=True)
    assert plan.added[1].what == "Active users on 2026-04-03: 10"


def test_mixed_date_orders_are_a_problem(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    rows = [["Date", "Users"], ["13/01/2026", "1"], ["01/13/2026", "2"], ["2026-13-45", "3"]]
    plan = plan_usage(ws, write_file("u.csv", samples.csv_text(rows).encode()), account.id)
    messages = [str(p) for p in plan.problems]
    assert (
        "u.csv, column 'Date': the dates mix day/month/year and month/day/year; use one order"
        in messages
    )
    assert "u.csv, row 4, column 'Date': '2026-13-45' is not a date" in messages


def test_workbook_with_date_cells_and_updates(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    data = samples.xlsx(
        [
            ["Month", "Active users", "Feature adoption (%)"],
            [dt.datetime(2026, 7, 1), 1250, 0.45],
            [dt.datetime(2026, 8, 1), 1410, "n/a"],
        ]
    )
    plan = plan_usage(ws, write_file("usage.xlsx", data), account.id)
    assert [str(p) for p in plan.problems] == [
        "usage.xlsx, row 3, column 'Feature adoption (%)': 'n/a' is not a number"
    ]
    data = samples.xlsx(
        [
            ["Month", "Active users", "Feature adoption (%)"],
            [dt.datetime(2026, 7, 1), 1250, 0.45],
            [dt.datetime(2026, 8, 1), 1410, None],
        ]
    )
    apply(ws, plan_usage(ws, write_file("usage.xlsx", data), account.id))
    before = table_rows(ws)
    assert not plan_usage(ws, write_file("usage.xlsx", data), account.id).has_changes
    corrected = samples.xlsx(
        [
            ["Month", "Active users"],
            [dt.datetime(2026, 8, 1), 1420],
            [dt.datetime(2026, 9, 1), 1500],
        ]
    )
    plan = plan_usage(ws, write_file("usage2.xlsx", corrected), account.id)
    assert plan.counts() == {"add": 1, "update": 1, "unchanged": 0, "skip": 0, "conflict": 0}
    (update,) = plan.updated
    assert [(c.field, c.old, c.new) for c in update.changes] == [("value", "1410", "1420")]
    done = apply(ws, plan)
    assert series(ws, account)["Active users"][-2:] == [
        (dt.date(2026, 8, 1), 1420.0),
        (dt.date(2026, 9, 1), 1500.0),
    ]
    done.undo(ws)
    before.pop("history")
    assert table_rows(ws, history=False) == before


def test_a_file_without_dates(ws: Workspace, account: s.Account, write_file: WriteFile) -> None:
    rows = [["Metric", "Users"], ["a", "1"]]
    with pytest.raises(ImportFailed, match="no column holds dates"):
        plan_usage(ws, write_file("u.csv", samples.csv_text(rows).encode()), account.id)


def test_conflicting_figures_in_one_file(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    rows = [
        ["Date", "Metric", "Value"],
        ["2026-07-01", "Users", "10"],
        ["2026-07-01", "Users", "11"],
    ]
    plan = plan_usage(ws, write_file("u.csv", samples.csv_text(rows).encode()), account.id)
    (conflict,) = plan.conflicts
    assert (conflict.row, conflict.reason) == (3, "row 2 gives 10 for the same date; it is kept")


@pytest.mark.parametrize(
    ("texts", "european", "decimal", "note"),
    [
        (["1,234.5", "12"], False, ".", ""),
        (["1.234,5"], False, ",", ""),
        (["1,5", "2"], False, ",", ""),
        (["1,234"], False, ".", "numbers such as 1,234 were read with thousands separators"),
        (["1,234"], True, ",", "numbers such as 1,234 were read with a decimal comma"),
        (["1.234.567"], False, ",", ""),
        (["1 234,5"], False, ",", ""),
    ],
)
def test_number_styles(texts: list[str], european: bool, decimal: str, note: str) -> None:
    style = decide_number_style(texts, european)
    assert (style.decimal, style.note) == (decimal, note)


@pytest.mark.parametrize(
    ("text", "decimal", "value"),
    [
        ("1,234.5", ".", 1234.5),
        ("1.234,5", ",", 1234.5),
        ("$1,200", ".", 1200.0),
        ("45%", ".", 45.0),
        ("(12)", ".", -12.0),
        ("1'234.5", ".", 1234.5),
        ("12 345,6", ",", 12345.6),
        ("abc", ".", None),
        ("nan", ".", None),
    ],
)
def test_numbers(text: str, decimal: str, value: float | None) -> None:
    assert parse_number(text, decide_number_style([], decimal == ",")) == value


def test_date_order_decisions() -> None:
    assert decide_date_order(["13/01/2026"], None, False).day_first is True
    assert decide_date_order(["01/13/2026"], None, True).day_first is False
    assert decide_date_order(["01/02/2026"], None, True).day_first is True
    assert decide_date_order(["2026-01-02"], None, False).note == ""
