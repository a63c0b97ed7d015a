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
