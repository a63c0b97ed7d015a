"""The inspector fits its dock on a small laptop: no form is wider than the dock, whatever the
values, so no horizontal scrollbar and no field or header cut at the right edge."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QScrollArea

from desktop.inspector.fields import RecordForm
from graph import schema as s
from tests.desktop.helpers import show_account

LONG_INDUSTRY = "Healthcare (hospital network and regional outpatient clinics)"
LONG_TITLE = "Senior Director, Infrastructure Operations and Clinical Systems Reliability"


def _type_into(qtbot: Any, line: QLineEdit, text: str) -> None:
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def _assert_fits(window: Any, form: RecordForm) -> None:
    QApplication.processEvents()
    area = window.inspector.pages.currentWidget()
    assert isinstance(area, QScrollArea) and area.widget() is form
    viewport = area.viewport().width()
    assert form.minimumSizeHint().width() <= viewport
    assert not area.horizontalScrollBar().isVisible()
    assert form.width() <= viewport
    # Every editor, spin box arrows included, ends inside the visible part of the dock.
    for field in form.fields.values():
        right = field.editor.mapTo(form, field.editor.rect().topRight()).x()
        assert right < viewport, field.spec.name


@pytest.mark.parametrize("size", [(1024, 700), (1366, 768)])
def test_account_and_person_forms_fit_the_dock(
    qtbot: Any, window: Any, size: tuple[int, int]
) -> None:
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    show_account(window, "Northwind Logistics")
    inspector = window.inspector
    account = inspector.account
    _type_into(qtbot, account.fields["industry"].editor, LONG_INDUSTRY)
    assert window.session.ws.account_named("Northwind Logistics").industry == LONG_INDUSTRY
    # The long subtitle wraps inside the dock rather than widening the form.
    assert LONG_INDUSTRY in account.subtitle.text()
    _assert_fits(window, account)
    assert account.subtitle.width() <= inspector.pages.currentWidget().viewport().width()

    person = window.session.ws.find(s.Person, name="Eli Hart")[0]
    window.session.selection.set_nodes([f"p{person.id}"], source="test")
    form = inspector.person
    _type_into(qtbot, form.fields["title"].editor, LONG_TITLE)
    assert LONG_TITLE in form.subtitle.text()
    _assert_fits(window, form)
