"""Property tests: whatever the bytes, importers answer with a plan or an ImportFailed."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import schema as s
from graph.imports import (
    ImportFailed,
    ImportPlan,
    apply,
    plan_attendance,
    plan_calendar,
    plan_contacts,
    plan_mail,
    plan_usage,
    plan_vcards,
    preview_contacts,
)
from graph.workspace import Workspace

from . import activity_samples, msg_file, samples
from .conftest import table_rows
from .test_files_people_have import ANDROID

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_names = itertools.count()


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, int, Path]]:
    folder = tmp_path_factory.mktemp("properties")
    ws = Workspace.create(folder / "p.rapport", today=lambda: dt.date(2026, 11, 22))
    account = ws.add(s.Account(name="Northwind"))
    with ws.batch():
        ws.add(s.TeamMember(name="Tina Tam", email="tina@vendor.example"))
        for name in ("ana", "bo", "eve"):
            ws.add(
                s.Person(
                    account_id=account.id, name=name.title(), email=f"{name}@northwind.example"
                )
            )
    yield ws, account.id, folder
    ws.close()


Importer = Callable[[Workspace, Path, int], object]
IMPORTERS: dict[str, Importer] = {
    "contacts": lambda ws, p, a: plan_contacts(ws, p, a),
    "vcards": lambda ws, p, a: plan_vcards(ws, p, a),
    "calendar": lambda ws, p, a: plan_calendar(ws, p, a),
    "usage": lambda ws, p, a: plan_usage(ws, p, a),
    "preview": lambda ws, p, a: preview_contacts(p),
    "attendance": lambda ws, p, a: plan_attendance(ws, p, a, default_tz=dt.UTC),
    "mail": lambda ws, p, a: plan_mail(ws, [p], a),
    "skip-bad": lambda ws, p, a: plan_contacts(ws, p, a, skip_bad=True),
}


def attempt(shared: tuple[Workspace, int, Path], name: str, data: bytes, suffix: str) -> object:
    ws, account, folder = shared
    path = folder / f"input{next(_names)}{suffix}"
    path.write_bytes(data)
    try:
        return IMPORTERS[name](ws, path, account)
    except ImportFailed as failed:
        assert failed.problems and all(
            p.file == path.name or p.file == "--map" for p in failed.problems
        )
        assert str(failed)
        return failed
    finally:
        path.unlink()


def apply_and_undo(ws: Workspace, plan: ImportPlan) -> None:
    """Apply a plan if it may be applied, then undo it: the workspace must come back exactly."""
    before = table_rows(ws)
    try:
        done = apply(ws, plan)
    except ImportFailed:
        assert table_rows(ws) == before
        return
    done.undo(ws)
    before.pop("history")
    assert table_rows(ws, history=False) == before


@pytest.mark.parametrize("importer", sorted(IMPORTERS))
@PROPERTY
@given(data=st.binary(max_size=2000))
def test_random_bytes(shared: tuple[Workspace, int, Path], importer: str, data: bytes) -> None:
    before = table_rows(shared[0])
    attempt(shared, importer, data, ".csv")
    assert table_rows(shared[0]) == before


SEEDS = {
    "contacts": samples.salesforce_csv(),
    "vcards": samples.vcard3_apple() + samples.vcard4(),
    "calendar": samples.ics(
        samples.vevent(
            "a@x",
            "20260901T090000",
            "20260901T100000",
            "Sync",
            ["ana@northwind.example"],
            extra=[
                "RRULE:FREQ=WEEKLY;COUNT=4",
                "EXDATE;TZID=W. Europe Standard Time:20260908T090000",
            ],
        ),
        samples.vevent(
            "b@x", "20260902T090000", "20260902T100000", "QBR", ["bo@northwind.example"]
        ),
    ),
    "usage": samples.european_csv([["Date", "Users", "Cost (€)"], ["01.07.2026", "1.250", "3,5"]]),
    "xlsx": samples.xlsx([["Name", "Email"], ["Ana", "ana@northwind.example"]]),
    "teams": activity_samples.teams_report(),
    "zoom": activity_samples.zoom_report(),
    "mbox": activity_samples.mbox(
        [activity_samples.eml(to="ana@northwind.example"), activity_samples.eml("<2@x>")]
    ),
    "eml": activity_samples.eml(to="bo@northwind.example"),
    "android": ANDROID.encode(),
    "msg": msg_file.outlook_msg(
        subject="Pricing",
        sender=("Tina Tam", "tina@vendor.example"),
        to=[("Ana", "ana@northwind.example")],
        cc=[],
        sent=dt.datetime(2026, 11, 4, 9, 30, tzinfo=dt.UTC),
        message_id="<1@x>",
    ),
}


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=40))
        elif data:
            del data[at : at + draw(st.integers(1, 40))]
    return bytes(data)


@pytest.mark.parametrize(
    ("importer", "seed", "suffix"),
    [
        ("contacts", "contacts", ".csv"),
        ("contacts", "xlsx", ".xlsx"),
        ("vcards", "vcards", ".vcf"),
        ("calendar", "calendar", ".ics"),
        ("usage", "usage", ".csv"),
        ("attendance", "teams", ".csv"),
        ("attendance", "zoom", ".csv"),
        ("mail", "mbox", ".mbox"),
        ("mail", "eml", ".eml"),
        ("vcards", "android", ".vcf"),
        ("mail", "msg", ".msg"),
    ],
)
@PROPERTY
@given(data=st.data())
def test_damaged_real_files(
    shared: tuple[Workspace, int, Path], importer: str, seed: str, suffix: str, data: st.DataObject
) -> None:
    result = attempt(shared, importer, data.draw(mutated(SEEDS[seed])), suffix)
    if isinstance(result, ImportPlan):
        apply_and_undo(shared[0], result)


cell = st.text(
    alphabet=st.characters(codec="cp1252", exclude_categories=["Cs"]), max_size=12
) | st.sampled_from(["", "Ana Ruiz", "ana@northwind.example", "2026-07-01", "1,5", '"', "\n", ";"])


@pytest.mark.parametrize("importer", ["contacts", "usage"])
@PROPERTY
@given(
    header=st.lists(
        st.sampled_from(
            [
                "Name",
                "Email",
                "Title",
                "Reports To",
                "Owner",
                "Date",
                "Metric",
                "Value",
                "Users",
                "Influence",
                "Level",
                "Company",
                "",
            ]
        )
        | cell,
        min_size=1,
        max_size=6,
    ),
    rows=st.lists(st.lists(cell, max_size=7), max_size=12),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
)
def test_random_csv_shapes(
    shared: tuple[Workspace, int, Path],
    importer: str,
    header: list[str],
    rows: list[list[str]],
    delimiter: str,
    encoding: str,
) -> None:
    data = samples.csv_text([header, *rows], delimiter=delimiter).encode(encoding)
    result = attempt(shared, importer, data, ".csv")
    if isinstance(result, ImportPlan):
        apply_and_undo(shared[0], result)


contact = st.tuples(
    st.sampled_from(["Ana Ruiz", "Bo Li", "José García", "jose garcia", "Zoë Ö", "Li, Bo", "A"]),
    st.sampled_from(["", "a@n.example", "b@n.example", "A@N.example", "c@n.example"]),
    st.sampled_from(["", "CIO", "SRE"]),
    st.sampled_from(["", "Ana Ruiz", "a@n.example", "Bo Li", "Nobody"]),
)


@PROPERTY
@given(people=st.lists(contact, max_size=10))
def test_importing_twice_changes_nothing(
    shared: tuple[Workspace, int, Path], people: list[tuple[str, str, str, str]]
) -> None:
    ws, _account, folder = shared
    account = ws.add(s.Account(name=f"Generated {next(_names)}")).id
    path = folder / f"people{next(_names)}.csv"
    path.write_bytes(samples.csv_text([["Name", "Email", "Title", "Reports To"], *people]).encode())
    first = plan_contacts(ws, path, account)
    assert first.ok
    apply(ws, first)
    before = table_rows(ws)
    again = plan_contacts(ws, path, account)
    assert not again.has_changes, [str(e) for e in again.entries]
    apply(ws, again)
    assert table_rows(ws) == before
