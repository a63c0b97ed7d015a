"""The account workspace: one portfolio in one file, every change committed at once.

Reads return detached records (plain values); writes validate, commit in their own transaction
and announce a ``ChangeSet`` through ``Workspace.changed``. ``batch()`` groups several writes
into one all-or-nothing transaction (imports) and one announcement.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from sqlalchemy import Engine, delete, event, insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from graph import integrity, store
from graph import schema as s
from graph.account_lookup import account_named
from graph.cadence import Cadence, cadence_for
from graph.changelog import Recorder
from graph.clock import Clock, DayClock, default_clock
from graph.errors import NotFoundError, ValidationError, WorkspaceFileError
from graph.events import Callbacks, Change, ChangeKind, ChangeSet
from graph.hlc import HybridClock
from graph.validation import describe, validate
from graph.vocabulary import DealRole, InteractionKind

R = TypeVar("R", bound=s.Base)
Key = int | tuple[Any, ...]


@dataclass
class Removal:
    """Everything a removal took away, so ``Workspace.restore`` can put it all back."""

    rows: list[tuple[type[s.Base], dict[str, Any]]] = field(default_factory=list)
    # (record type, primary key, column) that the removal set to NULL, with the old value.
    nulled: list[tuple[type[s.Base], tuple[Any, ...], str, Any]] = field(default_factory=list)


def key_fields(cls: type[s.Base]) -> list[str]:
    """Names of the primary-key fields of a record type."""
    return [cls.__mapper__.get_property_by_column(c).key for c in cls.__mapper__.primary_key]


def _pk(record: s.Base) -> tuple[Any, ...]:
    return tuple(getattr(record, name) for name in key_fields(type(record)))


def _class_of_table() -> dict[str, type[s.Base]]:
    return {m.class_.__tablename__: m.class_ for m in s.Base.registry.mappers}


_TABLE_ORDER = {t.name: i for i, t in enumerate(s.Base.metadata.sorted_tables)}


class Workspace:
    """An open workspace file. Use ``Workspace.open`` or ``Workspace.create``."""

    def __init__(
        self,
        engine: Engine,
        path: Path | None = None,
        *,
        readonly: bool = False,
        today: Callable[[], dt.date] | None = None,
        clock: Clock | None = None,
    ) -> None:
        self._engine = engine
        self.path = path
        self.readonly = readonly
        # The one clock of the app (graph.clock); ``today=`` alone gives a clock on that day.
        if clock is None:
            clock = DayClock(today) if today is not None else default_clock()
        self.clock: Clock = clock
        self.today: Callable[[], dt.date] = clock.today
        self._sessions = sessionmaker(engine, expire_on_commit=False, autoflush=False)
        self._reader = engine.execution_options(**{store.READS_OPTION: True})
        self._read_sessions = sessionmaker(self._reader, expire_on_commit=False, autoflush=False)
        self._batch: tuple[Session, ChangeSet] | None = None
        self._shared: tuple[int, dict[str, list[Any]]] | None = None  # see sharing_reads
        self.changed: Callbacks[ChangeSet] = Callbacks()
        self.changed.connect(self._forget_shared_reads)  # first: before any view reads again
        # Who makes the changes (a team member's name, a setting of the app) and where they
        # come from (graph.changelog): see ``recording``.
        self.author = ""
        self._sources: list[tuple[str, str | None]] = []
        self._history_paused = 0
        self._recorder: Recorder | None = None
        if not readonly and not event.contains(engine, "connect", _secure_delete):
            event.listen(engine, "connect", _secure_delete)
        self.hlc = HybridClock(self._device_id(), self.clock.now)

    # --- life cycle ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls, path: str | Path, *, readonly: bool = False, check_later: bool = False, **kwargs: Any
    ) -> Workspace:
        """``check_later``: see ``store.open_engine`` (the app's start)."""
        path = Path(path)
        engine = store.open_engine(path, readonly=readonly, check_later=check_later)
        return cls(engine, path, readonly=readonly, **kwargs)

    @classmethod
    def create(cls, path: str | Path, **kwargs: Any) -> Workspace:
        path = Path(path)
        return cls(store.create_file(path), path, **kwargs)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _device_id(self) -> str:
        """This file's device id (graph.store sets it at creation and migration)."""
        with self._engine.connect() as conn:
            device = conn.scalar(select(s.Meta.value).where(s.Meta.key == "device_id"))
        if device is None and not self.readonly:
            device = s.new_uid()
            with self._engine.begin() as conn:
                conn.execute(insert(s.Meta).values(key="device_id", value=device))
        return device or ""

    @property
    def engine(self) -> Engine:
        """For fast read-only queries (graph.queries); never write through it."""
        return self._engine

    @property
    def reader(self) -> Engine:
        """The engine for reads outside any write: they take no lock on the file (so a
        refresh after an edit opens no transaction and never blocks another window)."""
        return self._reader

    # --- units of work ------------------------------------------------------------------------

    @contextmanager
    def _unit(self) -> Iterator[tuple[Session, ChangeSet]]:
        """A transaction; writes made inside it (even through other methods) join it."""
        if self._batch is not None:
            yield self._batch
            return
        if self.readonly:
            raise WorkspaceFileError(f"{self.path}: opened read-only; changes are not allowed")
        session = self._sessions()
        changes = ChangeSet()
        self._batch = (session, changes)
        self._recorder = self.new_recorder()
        try:
            yield session, changes
            if self._recorder:
                session.flush()
                self._recorder.write(session.connection())
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            self._batch = None
            self._recorder = None
            session.close()
        if changes:
            self.changed.emit(changes)

    @contextmanager
    def recording(self, source: str, author: str | None = None) -> Iterator[None]:
        """History rows written inside come from ``source`` (``"undo"``, ``"import:x.csv"``),
        by ``author`` if given (else ``self.author``). Outside any, the source is ``"edit"``."""
        self._sources.append((source, author))
        try:
            yield
        finally:
            self._sources.pop()

    @contextmanager
    def history_paused(self) -> Iterator[None]:
        """Write without history rows: for the sample portfolio (a made-up past, see
        graph.samples) and for replaying changes whose history rows come with them (sync)."""
        self._history_paused += 1
        try:
            yield
        finally:
            self._history_paused -= 1

    @property
    def _log(self) -> Recorder | None:
        """Where this transaction's history goes: nowhere while history is paused (even in a
        transaction that began before the pause)."""
        return None if self._history_paused else self._recorder

    @property
    def in_transaction(self) -> bool:
        """Whether a write transaction (a ``batch``) is open."""
        return self._batch is not None

    def new_recorder(self, default_source: str = "edit") -> Recorder | None:
        """A recorder for one transaction with the current source and author (None while
        history is paused). ``default_source`` applies outside any ``recording`` block."""
        if self._history_paused:
            return None
        source, author = self._sources[-1] if self._sources else (default_source, None)
        return Recorder(
            self.hlc,
            self.clock.now(),
            author=self.author if author is None else author,
            source=source,
        )

    @contextmanager
    def batch(self) -> Iterator[ChangeSet]:
        """Group writes into one transaction: all of them land, or none (the file is untouched)."""
        with self._unit() as (_session, changes):
            yield changes

    @contextmanager
    def sharing_reads(self) -> Iterator[None]:
        """Inside, a ``find`` asked again (on the same thread) gets the same answer without
        reading the file again: the views refreshing after one change share their reads.
        Any write announced inside forgets them."""
        if self._shared is not None:
            yield
            return
        self._shared = (threading.get_ident(), {})
        try:
            yield
        finally:
            self._shared = None

    def _forget_shared_reads(self, _changes: ChangeSet) -> None:
        if self._shared is not None:
            self._shared[1].clear()

    def _shared_answers(self) -> dict[str, list[Any]] | None:
        shared = self._shared
        if shared is None or self._batch is not None or shared[0] != threading.get_ident():
            return None
        return shared[1]

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """The session of the current write transaction (one is opened if needed): for the few
        writes of graph/ the record methods cannot express (graph.erasure scrubs the log)."""
        with self._unit() as (session, _changes):
            yield session

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        if self._batch is not None:
            yield self._batch[0]
            return
        with self._read_sessions() as session:
            yield session

    @contextmanager
    def _translate_errors(self, what: str) -> Iterator[None]:
        try:
            yield
        except IntegrityError as exc:
            raise ValidationError(f"{what} conflicts with existing data ({exc.orig})") from exc
        except DBAPIError as exc:
            raise WorkspaceFileError(
                f"{self.path}: the change could not be written ({exc.orig}); nothing was changed"
            ) from exc
        except SQLAlchemyError as exc:
            raise WorkspaceFileError(f"{self.path}: {exc}") from exc

    # --- reading ------------------------------------------------------------------------------

    def get(self, cls: type[R], key: Key) -> R:
        with self._reading() as session:
            record = session.get(cls, key)
            if record is None:
                raise NotFoundError(f"{cls.__name__} {key} does not exist")
            return record

    def find(self, cls: type[R], *where: Any, order_by: Any = None, **equal: Any) -> list[R]:
        statement = select(cls).filter_by(**equal).where(*where)
        statement = statement.order_by(
            order_by if order_by is not None else cls.__mapper__.primary_key[0]
        )
        answers = self._shared_answers()
        if answers is None:
            with self._reading() as session:
                return list(session.scalars(statement))
        compiled = statement.compile()
        question = f"{compiled} {sorted(compiled.params.items())!r}"
        if question not in answers:
            with self._reading() as session:
                answers[question] = list(session.scalars(statement))
        return list(answers[question])

    def accounts(self, *, include_archived: bool = False) -> list[s.Account]:
        where = () if include_archived else (s.Account.archived.is_(False),)
        return self.find(s.Account, *where, order_by=s.Account.name)

    def account_named(self, name: str) -> s.Account:
        return account_named(self.accounts(include_archived=True), name)

    def people(self, account_id: int) -> list[s.Person]:
        return self.find(s.Person, account_id=account_id)

    def relationships(self, account_id: int) -> list[s.Relationship]:
        return self.find(s.Relationship, account_id=account_id)

    def coverage(self, account_id: int) -> list[s.Coverage]:
        people = select(s.Person.id).where(s.Person.account_id == account_id)
        return self.find(s.Coverage, s.Coverage.person_id.in_(people))

    def team(self, account_id: int | None = None) -> list[s.TeamMember]:
        """The whole team, or those assigned to or covering someone in one account."""
        if account_id is None:
            return self.find(s.TeamMember, order_by=s.TeamMember.name)
        people = select(s.Person.id).where(s.Person.account_id == account_id)
        covering = select(s.Coverage.member_id).where(s.Coverage.person_id.in_(people))
        assigned = select(s.AccountTeam.member_id).where(s.AccountTeam.account_id == account_id)
        return self.find(
            s.TeamMember,
            s.TeamMember.id.in_(covering) | s.TeamMember.id.in_(assigned),
            order_by=s.TeamMember.name,
        )

    def interactions(
        self, account_id: int, since: dt.datetime | None = None, until: dt.datetime | None = None
    ) -> list[s.Interaction]:
        where = [s.Interaction.account_id == account_id]
        if since is not None:
            where.append(s.Interaction.occurred_at >= since)
        if until is not None:
            where.append(s.Interaction.occurred_at < until)
        return self.find(s.Interaction, *where, order_by=s.Interaction.occurred_at)

    def attendees(self, interaction_id: int) -> tuple[list[int], list[int]]:
        """(customer person ids, team member ids) who took part in an interaction."""
        with self._reading() as session:
            people = session.scalars(
                select(s.InteractionPerson.person_id)
                .where(s.InteractionPerson.interaction_id == interaction_id)
                .order_by(s.InteractionPerson.person_id)
            ).all()
            members = session.scalars(
                select(s.InteractionMember.member_id)
                .where(s.InteractionMember.interaction_id == interaction_id)
                .order_by(s.InteractionMember.member_id)
            ).all()
        return list(people), list(members)

    def cadence_defaults(self) -> dict[DealRole, tuple[int, int]]:
        return {c.role: (c.ideal_days, c.max_days) for c in self.find(s.CadenceDefault)}

    def cadence_of(self, person: s.Person) -> Cadence:
        return cadence_for(person.role, person.level, person.cadence_days, self.cadence_defaults())

    def positions(self, account_id: int, view: str) -> dict[str, tuple[float, float]]:
        rows = self.find(s.CardPosition, account_id=account_id, view=view)
        return {r.node: (r.x, r.y) for r in rows}

    # --- writing ------------------------------------------------------------------------------

    def _account_of(self, session: Session, record: s.Base) -> int | None:
        return _account_of_values(session, type(record), record.values())

    def _note(self, changes: ChangeSet, kind: ChangeKind, session: Session, r: s.Base) -> None:
        changes.add(Change(kind, r.__tablename__, _pk(r), self._account_of(session, r)))

    def add(self, record: R) -> R:
        """Validate and insert a new record; returns it with its id set."""
        validate(record)
        with self._unit() as (session, changes), self._translate_errors(describe(record)):
            integrity.check(session, record)
            session.add(record)
            session.flush()
            self._note_added(changes, session, record)
        return record

    def _note_added(self, changes: ChangeSet, session: Session, record: s.Base) -> None:
        values = record.values()
        account_id = _account_of_values(session, type(record), values)
        changes.add(Change(ChangeKind.ADDED, record.__tablename__, _pk(record), account_id))
        if self._log is not None:
            self._log.inserted(record.__tablename__, values, account_id)

    def update(self, cls: type[R], key: Key, **values: Any) -> R:
        """Change some fields of a record. Unknown fields and primary keys are refused."""
        columns = {c.key for c in cls.__mapper__.column_attrs}
        primary = {c.key for c in cls.__mapper__.primary_key}
        for name in values:
            if name not in columns or name in primary:
                raise ValidationError(f"{cls.__name__} has no editable field {name!r}", field=name)
        with self._unit() as (session, changes):
            record = session.get(cls, key)
            if record is None:
                raise NotFoundError(f"{cls.__name__} {key} does not exist")
            before = record.values()
            with session.no_autoflush:
                for name, value in values.items():
                    setattr(record, name, value)
                try:
                    validate(record)
                    integrity.check(session, record)
                except ValidationError:
                    session.expunge(record)
                    raise
            with self._translate_errors(describe(record)):
                moved = None
                if isinstance(record, s.Person) and before["attitude"] != record.attitude:
                    moved = s.AttitudeChange(
                        person_id=record.id,
                        changed_on=self.today(),
                        old_attitude=before["attitude"],
                        new_attitude=record.attitude,
                    )
                    session.add(moved)
                session.flush()
            after = record.values()
            account_id = _account_of_values(session, cls, after)
            changes.add(Change(ChangeKind.UPDATED, record.__tablename__, _pk(record), account_id))
            if self._log is not None:
                self._log.updated(record.__tablename__, after, account_id, before, after)
                if moved is not None:
                    self._log.inserted(moved.__tablename__, moved.values(), account_id)
        return record

    def remove(self, cls: type[s.Base], key: Key) -> Removal:
        """Delete a record and everything that depends on it; returns what to restore on undo."""
        with self._unit() as (session, changes), self._translate_errors(cls.__name__):
            record = session.get(cls, key)
            if record is None:
                raise NotFoundError(f"{cls.__name__} {key} does not exist")
            removal = Removal()
            _collect(session, [record], removal)
            owner = self._account_of(session, record)
            for klass, values in removal.rows:
                pk = tuple(values[name] for name in key_fields(klass))
                account_id = values.get("account_id", owner)
                changes.add(Change(ChangeKind.REMOVED, klass.__tablename__, pk, account_id))
            self._log_removal(session, removal, owner)
            session.delete(record)
            session.flush()
        return removal

    def _log_removal(self, session: Session, removal: Removal, owner: int | None) -> None:
        """History of a removal, read before the database cascades: one delete row per record,
        one update row per reference the database sets to NULL."""
        if self._log is None:
            return
        for klass, values in removal.rows:
            account_id = _account_of_values(session, klass, values, owner)
            self._log.deleted(klass.__tablename__, values, account_id)
        for klass, pk, column, value in removal.nulled:
            dependent = session.get(klass, pk)
            if dependent is not None:
                keyed = dependent.values()
                account_id = _account_of_values(session, klass, keyed, owner)
                self._log.updated(
                    klass.__tablename__, keyed, account_id, {column: value}, {column: None}
                )

    def restore(self, removal: Removal) -> None:
        """Put back exactly what ``remove`` took away, with the same ids (and global uids)."""
        with self._unit() as (session, changes), self._translate_errors("restore"):
            for klass, values in removal.rows:
                record = klass(**values)
                session.add(record)
                session.flush()
                self._note_added(changes, session, record)
            for klass, pk, column, value in removal.nulled:
                nulled = session.get(klass, pk)
                if nulled is not None:
                    before = nulled.values()
                    setattr(nulled, column, value)
                    self._note(changes, ChangeKind.UPDATED, session, nulled)
                    if self._log is not None:
                        account_id = _account_of_values(session, klass, before)
                        self._log.updated(
                            klass.__tablename__, before, account_id, before, {column: value}
                        )
            session.flush()

    # --- domain operations --------------------------------------------------------------------

    def log_interaction(
        self,
        account_id: int,
        occurred_at: dt.datetime,
        *,
        kind: InteractionKind = InteractionKind.MEETING,
        duration_minutes: int = 30,
        summary: str = "",
        sentiment: int = 0,
        people: Sequence[int] = (),
        team: Sequence[int] = (),
        external_id: str | None = None,
    ) -> s.Interaction:
        with self.batch():
            interaction = self.add(
                s.Interaction(
                    account_id=account_id,
                    occurred_at=occurred_at,
                    kind=kind,
                    duration_minutes=duration_minutes,
                    summary=summary,
                    sentiment=sentiment,
                    external_id=external_id,
                )
            )
            self.set_attendees(interaction.id, people, team)
        return interaction

    def set_attendees(
        self, interaction_id: int, people: Iterable[int], team: Iterable[int]
    ) -> None:
        with self._unit() as (session, changes):
            # Only who joined or left the list is written (and so logged), not the whole list.
            links: list[tuple[type[s.InteractionPerson | s.InteractionMember], str, list[int]]] = [
                (s.InteractionPerson, "person_id", list(dict.fromkeys(people))),
                (s.InteractionMember, "member_id", list(dict.fromkeys(team))),
            ]
            for klass, other, wanted in links:
                for old in session.scalars(
                    select(klass).where(klass.interaction_id == interaction_id)
                ).all():
                    other_id = getattr(old, other)
                    if other_id not in wanted:
                        values = old.values()
                        account_id = _account_of_values(session, klass, values)
                        session.delete(old)
                        changes.add(
                            Change(ChangeKind.REMOVED, klass.__tablename__, _pk(old), account_id)
                        )
                        if self._log is not None:
                            self._log.deleted(klass.__tablename__, values, account_id)
                    else:
                        wanted.remove(other_id)
                session.flush()
                for other_id in wanted:
                    self.add(klass(interaction_id=interaction_id, **{other: other_id}))
            interaction = session.get(s.Interaction, interaction_id)
            if interaction is None:
                raise NotFoundError(f"interaction {interaction_id} does not exist")
            changes.add(
                Change(
                    ChangeKind.UPDATED, "interactions", (interaction_id,), interaction.account_id
                )
            )

    def set_manager(self, person_id: int, manager_id: int | None) -> None:
        """Make ``person_id`` report to ``manager_id`` (or to nobody), replacing any old line."""
        with self.batch():
            for line in self.find(s.Relationship, kind="reports_to", source_id=person_id):
                self.remove(s.Relationship, line.id)
            if manager_id is not None:
                person = self.get(s.Person, person_id)
                self.add(
                    s.Relationship(
                        account_id=person.account_id,
                        kind=s.RelationKind.REPORTS_TO,
                        source_id=person_id,
                        target_id=manager_id,
                    )
                )

    def set_positions(
        self, account_id: int, view: str, positions: Mapping[str, tuple[float, float]]
    ) -> None:
        """Store where cards were put (one undo step for a drag of several cards)."""
        with self._unit() as (session, changes), self._translate_errors("card positions"):
            if session.get(s.Account, account_id) is None:
                raise NotFoundError(f"account {account_id} does not exist")
            for node, (x, y) in positions.items():
                placed = session.get(s.CardPosition, (account_id, view, node))
                if placed is None:
                    placed = s.CardPosition(account_id=account_id, view=view, node=node, x=x, y=y)
                    session.add(placed)
                    if self._log is not None:
                        self._log.inserted("card_positions", placed.values(), account_id)
                else:
                    before = placed.values()
                    placed.x, placed.y = x, y
                    if self._log is not None:
                        self._log.updated(
                            "card_positions", before, account_id, before, {"x": x, "y": y}
                        )
                changes.add(
                    Change(
                        ChangeKind.UPDATED, "card_positions", (account_id, view, node), account_id
                    )
                )

    def clear_positions(
        self, account_id: int, view: str, nodes: Iterable[str] | None = None
    ) -> None:
        with self._unit() as (session, changes), self._translate_errors("card positions"):
            where = [s.CardPosition.account_id == account_id, s.CardPosition.view == view]
            if nodes is not None:
                where.append(s.CardPosition.node.in_(list(nodes)))
            if self._log is not None:
                for row in session.scalars(select(s.CardPosition).where(*where)):
                    self._log.deleted("card_positions", row.values(), account_id)
            session.execute(delete(s.CardPosition).where(*where))
            changes.add(
                Change(ChangeKind.REMOVED, "card_positions", (account_id, view), account_id)
            )


def _secure_delete(dbapi_connection: Any, _record: Any) -> None:
    # Deleted rows are overwritten with zeros, so an erased person (graph.erasure) leaves no
    # trace in the file's free space.
    dbapi_connection.execute("PRAGMA secure_delete=ON")


def _account_of_values(
    session: Session, cls: type[s.Base], values: Mapping[str, Any], default: int | None = None
) -> int | None:
    """The account a record (given as its values) belongs to, if any."""
    account_id = values.get("account_id")
    if account_id is not None:
        return cast(int, account_id)
    if cls is s.Account:
        return cast(int | None, values.get("id"))
    owner: s.Person | s.Interaction | s.UsageMetric | None = None
    if values.get("person_id") is not None:
        owner = session.get(s.Person, values["person_id"])
    elif values.get("interaction_id") is not None:
        owner = session.get(s.Interaction, values["interaction_id"])
    elif values.get("metric_id") is not None:
        owner = session.get(s.UsageMetric, values["metric_id"])
    return owner.account_id if owner is not None else default


def _collect(session: Session, records: list[s.Base], removal: Removal) -> None:
    """Snapshot ``records`` and, recursively, every row the database will cascade or null."""
    classes = _class_of_table()
    seen: set[tuple[str, tuple[Any, ...]]] = set()
    pending = list(records)
    while pending:
        record = pending.pop()
        marker = (record.__tablename__, _pk(record))
        if marker in seen:
            continue
        seen.add(marker)
        removal.rows.append((type(record), record.values()))
        for table in s.Base.metadata.sorted_tables:
            for fk in table.foreign_keys:
                if fk.column.table is not record.__table__:
                    continue
                klass = classes[table.name]
                column = fk.parent
                value = getattr(record, str(fk.column.key))
                dependents = session.scalars(select(klass).where(column == value)).all()
                for dependent in dependents:
                    if fk.ondelete == "CASCADE":
                        pending.append(dependent)
                    elif fk.ondelete == "SET NULL":
                        removal.nulled.append((klass, _pk(dependent), column.key, value))
    removal.rows.sort(key=lambda row: _TABLE_ORDER[row[0].__tablename__])
