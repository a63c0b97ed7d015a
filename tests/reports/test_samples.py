"""Every account of the sample portfolio exports without error (once graph.samples exists)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from graph.workspace import Workspace
from reports.qbr import assemble_qbr
from reports.quarter import Quarter
from reports.workbook import SHEETS, export_workbook

samples = pytest.importorskip("graph.samples")
TODAY = dt.date(2026, 9, 30)


def test_every_sample_account_exports(tmp_path: Path) -> None:
    with Workspace.create(tmp_path / "sample.rapport", today=lambda: TODAY) as ws:
        samples.write_sample(ws, today=TODAY)
        accounts = ws.accounts(include_archived=True)
        assert accounts
        for account in accounts:
            quarter = Quarter.containing(TODAY, account.fiscal_year_start_month)
            qbr = assemble_qbr(ws, account.id, quarter, TODAY)
            path = export_workbook(qbr, tmp_path / f"{account.id}.xlsx")
            assert openpyxl.load_workbook(path).sheetnames == list(SHEETS)
