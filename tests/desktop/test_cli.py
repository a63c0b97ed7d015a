"""The command line: output, the JSON document, and one-line errors without tracebacks."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from graph import schema as s
from graph.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    path = tmp_path / "p.rapport"
    with Workspace.create(path) as ws:
        acme = ws.add(s.Account(name="Acme", arr=1_200_000, renewal_date=dt.date(2027, 1, 31)))
        ws.add(s.Account(name="Globex", arr=90_000, archived=False))
        ceo = ws.add(
            s.Person(
                account_id=acme.id,
                name="Cee",
                level="executive",
                role="economic_buyer",
                title="CEO",
            )
        )
        champ = ws.add(s.Person(account_id=acme.id, name="Cham", role="champion"))
        ws.log_interaction(acme.id, dt.datetime(2026, 11, 20, 9), people=[champ.id])
        ws.log_interaction(acme.id, dt.datetime(2026, 3, 1, 9), people=[ceo.id])
    return path


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_summary_json_document(portfolio: Path, capsys) -> None:
    code, out, err = run(["summary", str(portfolio), "--json", "--today", "2026-11-22"], capsys)
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc["format"] == "rapport-summary" and doc["version"] == 1
    assert [a["name"] for a in doc["accounts"]] == ["Acme", "Globex"]
    acme = doc["accounts"][0]
    assert acme["people"] == 2 and acme["overdue"] == 1 and acme["due"] == 0
    assert acme["days_to_renewal"] == 70 and acme["renewal_date"] == "2027-01-31"
    assert acme["health"] in {"green", "amber", "red"} and 0 <= acme["health_score"] <= 100
    assert acme["levels"]["executive"] == {"people": 1, "covered": 0, "contacted_last_quarter": 0}
    assert {"overdue_executive", "no_executive_contact"} <= {r["code"] for r in acme["risks"]}


def test_summary_one_account_as_text(portfolio: Path, capsys) -> None:
    code, out, _ = run(
        ["summary", str(portfolio), "--account", "acme", "--today", "2026-11-22"], capsys
    )
    assert code == 0
    assert "Acme" in out and "Globex" not in out
    assert "1.2M USD" in out and "2027-01-31 (70d)" in out
    assert "[high] Cee (CEO) is overdue: last contact 266 days ago" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["summary", "{missing}"], "no such file"),
        (["summary", "{junk}"], "not a Rapport workspace"),
        (["summary", "{portfolio}", "--account", "Initech"], "no account named 'Initech'"),
        (["sample", "{portfolio}"], "already exists"),
    ],
)
def test_errors_are_one_line_with_exit_code(
    args: list[str], message: str, portfolio: Path, tmp_path: Path, capsys
) -> None:
    junk = tmp_path / "junk.rapport"
    junk.write_bytes(b"PK\x03\x04 definitely a zip")
    paths = {"missing": tmp_path / "nope.rapport", "junk": junk, "portfolio": portfolio}
    code, out, err = run([a.format(**paths) for a in args], capsys)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("rapport: ") and message in err
    assert "Traceback" not in err


def test_usage_errors_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["summary"])
    assert caught.value.code == 2


def test_summary_runs_without_qt(portfolio: Path) -> None:
    code = (
        "import sys; from desktop.cli import main; "
        f"rc = main(['summary', {str(portfolio)!r}, '--json']); "
        "assert 'PySide6' not in sys.modules, 'Qt was imported'; "
        "assert 'matplotlib' not in sys.modules and 'openpyxl' not in sys.modules; "
        "sys.exit(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["accounts"][0]["name"] == "Acme"


def test_export_writes_workbook_charts_and_map(portfolio: Path, tmp_path: Path, capsys) -> None:
    from openpyxl import load_workbook

    xlsx, charts, picture = tmp_path / "qbr.xlsx", tmp_path / "charts", tmp_path / "map.pdf"
    code, out, err = run(
        [
            "export",
            str(portfolio),
            "--account",
            "ACME",
            "--quarter",
            "2026-Q4",
            "--xlsx",
            str(xlsx),
            "--charts",
            str(charts),
            "--map",
            str(picture),
            "--today",
            "2026-11-22",
        ],
        capsys,
    )
    assert code == 0, err
    assert f"Wrote workbook: {xlsx}" in out
    book = load_workbook(xlsx)
    assert book.sheetnames[0] == "Summary" and "Map" in book.sheetnames
    assert book["Map"]._images, "the stakeholder map is embedded"
    assert picture.read_bytes().startswith(b"%PDF")
    assert sorted(p.suffix for p in charts.iterdir()) == [".png"] * 6 + [".svg"] * 6


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--quarter", "2026-Q5", "--xlsx", "{out}.xlsx"], "is not a quarter"),
        (["--quarter", "2026-Q3", "--xlsx", "{out}.csv"], "must be an .xlsx file"),
        (["--quarter", "2026-Q3", "--xlsx", "{out}.xlsx", "--map", "{out}.gif"], ".png, .svg"),
    ],
)
def test_export_argument_errors(
    extra: list[str], message: str, portfolio: Path, tmp_path: Path, capsys
) -> None:
    args = ["export", str(portfolio), "--account", "Acme"]
    args += [a.format(out=tmp_path / "out") for a in extra]
    code, _, err = run(args, capsys)
    assert code == 1 and message in err and "Traceback" not in err
    assert list(tmp_path.glob("out*")) == []


def test_a_damaged_page_is_reported_as_damage(portfolio: Path, capsys) -> None:
    data = bytearray(portfolio.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data), page):  # scribble over every page but the first two
        data[offset : offset + 200] = b"\xff" * 200
    portfolio.write_bytes(bytes(data))
    code, out, err = run(["summary", str(portfolio)], capsys)
    assert code == 1 and out == ""
    assert "damaged" in err and err.count("\n") == 1 and "Traceback" not in err
    # The same for commands that read through reports/ rather than the workspace API.
    args = ["export", str(portfolio), "--account", "Acme", "--quarter", "2026-Q4", "--xlsx"]
    code, _, err = run([*args, str(portfolio.with_suffix(".xlsx"))], capsys)
    assert code == 1 and "damaged" in err and "Traceback" not in err


def test_summary_as_of_a_past_day_and_not_enough_data(portfolio: Path, capsys) -> None:
    code, out, _ = run(["summary", str(portfolio), "--json", "--today", "2026-03-01"], capsys)
    doc = json.loads(out)
    acme, globex = doc["accounts"]
    assert code == 0 and doc["today"] == "2026-03-01"
    # the CEO was met that day; the champion not yet (overdue); 22 Nov is the other way round
    assert acme["overdue"] == 1 and acme["enough_data"] is True
    assert "overdue_executive" not in {r["code"] for r in acme["risks"]}
    assert (globex["health"], globex["health_score"], globex["enough_data"]) == (
        "not_enough_data",
        None,
        False,
    )
    # before any interaction was logged: not enough data, and no score in the table either
    code, out, _ = run(["summary", str(portfolio), "--today", "2026-02-28"], capsys)
    assert code == 0
    rows = out.splitlines()[2:4]
    assert [row.split()[0] for row in rows] == ["Acme", "Globex"]
    assert all(row.split(maxsplit=1)[1].startswith("not enough data  ") for row in rows)
    assert "Not enough data: nobody on the account, or no interaction logged yet." in out


def test_export_states_the_quarter_and_its_dates(portfolio: Path, tmp_path: Path, capsys) -> None:
    xlsx = tmp_path / "qbr.xlsx"
    base = ["export", str(portfolio), "--account", "Acme", "--xlsx", str(xlsx)]
    code, out, err = run([*base, "--today", "2026-11-22"], capsys)  # default: the last quarter
    assert code == 0, err
    assert out.splitlines()[0] == "Exported the QBR of Acme for Q3 2026, 1 Jul 2026 – 30 Sep 2026"
    code, out, err = run([*base, "--quarter", "current", "--today", "2026-11-22"], capsys)
    assert code == 0, err
    assert out.splitlines()[0] == (
        "Exported the QBR of Acme for Q4 2026 to date, 1 Oct 2026 – 22 Nov 2026 "
        "(the quarter ends 31 Dec 2026)"
    )


@pytest.mark.parametrize(
    ("quarter", "message"),
    [
        ("2031-Q2", "rapport: Q2 2031 (1 Apr 2031 – 30 Jun 2031) has not started yet"),
        ("2019-Q1", "rapport: Q1 2019 (1 Jan 2019 – 31 Mar 2019) ends before Acme has any data"),
        ("soon", "rapport: 'soon' is not a quarter; write it like 2026-Q3, or write 'last'"),
    ],
)
def test_export_refuses_quarters_it_cannot_report(
    quarter: str, message: str, portfolio: Path, tmp_path: Path, capsys
) -> None:
    xlsx = tmp_path / "qbr.xlsx"
    args = ["export", str(portfolio), "--account", "Acme", "--quarter", quarter, "--xlsx"]
    code, out, err = run([*args, str(xlsx), "--today", "2026-11-22"], capsys)
    assert code == 1 and out == "" and not xlsx.exists()
    assert err.startswith(message) and err.count("\n") == 1
