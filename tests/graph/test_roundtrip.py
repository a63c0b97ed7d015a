"""Property: whatever sequence of edits (valid or not) is made, the file reopens with exactly
the content the workspace reported, and refused edits leave no trace."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import schema as s
from graph.errors import RapportError
from graph.vocabulary import DealRole, Level, RelationKind
from graph.workspace import Workspace

names = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=12)
edits = st.lists(
    st.one_of(
        st.tuples(
            st.just("add"),
            names,
            st.integers(-1, 7),
            st.integers(-3, 3),
            st.sampled_from(list(Level)),
            st.sampled_from(list(DealRole)),
        ),
        st.tuples(st.just("update"), st.integers(0, 8), st.integers(-1, 7), names),
        st.tuples(
            st.just("link"),
            st.integers(0, 8),
            st.integers(0, 8),
            st.sampled_from(list(RelationKind)),
        ),
        st.tuples(st.just("remove"), st.integers(0, 8)),
        st.tuples(st.just("meet"), st.lists(st.integers(0, 8), max_size=3), st.integers(-10, 1500)),
    ),
    max_size=25,
)


def snapshot(ws: Workspace) -> dict[str, list[dict[str, object]]]:
    return {cls.__tablename__: [r.values() for r in ws.find(cls)] for cls in s.RECORD_TYPES}


def apply(ws: Workspace, account: s.Account, edit: tuple) -> None:  # type: ignore[type-arg]
    ids = [p.id for p in ws.people(account.id)]
    pick = lambda i: ids[i % len(ids)] if ids else 10_000  # noqa: E731
    kind = edit[0]
    if kind == "add":
        _, name, influence, attitude, level, role = edit
        ws.add(
            s.Person(
                account_id=account.id,
                name=name,
                influence=influence,
                attitude=attitude,
                level=level,
                role=role,
            )
        )
    elif kind == "update":
        _, i, influence, title = edit
        ws.update(s.Person, pick(i), influence=influence, title=title)
    elif kind == "link":
        _, a, b, rel = edit
        ws.add(
            s.Relationship(account_id=account.id, kind=rel, source_id=pick(a), target_id=pick(b))
        )
    elif kind == "remove":
        ws.remove(s.Person, pick(edit[1]))
    elif kind == "meet":
        _, people, minutes = edit
        ws.log_interaction(
            account.id,
            dt.datetime(2026, 5, 1, 9),
            duration_minutes=minutes,
            people=[pick(i) for i in people],
        )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits)
def test_file_reopens_with_the_same_content(sequence: list[tuple]) -> None:  # type: ignore[type-arg]
    with TemporaryDirectory() as folder:
        path = Path(folder) / "p.rapport"
        with Workspace.create(path) as ws:
            account = ws.add(s.Account(name="A"))
            for edit in sequence:
                before = snapshot(ws)
                try:
                    apply(ws, account, edit)
                except RapportError:
                    assert snapshot(ws) == before, f"refused edit {edit} left a trace"
            expected = snapshot(ws)
        with Workspace.open(path) as again:
            assert snapshot(again) == expected
