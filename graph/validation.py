"""Rules a single record must follow on its own. Rules that span records live in the workspace."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import String, Text

from graph import schema as s
from graph.errors import ValidationError
from graph.text import clean
from graph.vocabulary import Health

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

Rule = Callable[[s.Base], None]


def describe(record: s.Base) -> str:
    """How messages name a record: its type and name or title."""
    kind = type(record).__name__
    name = getattr(record, "name", None) or getattr(record, "title", None)
    return f"{kind} {name!r}" if name else kind


def _fail(record: s.Base, field: str, message: str) -> None:
    raise ValidationError(message, field=field, record=describe(record))


def _required_text(record: s.Base, field: str) -> None:
    value = getattr(record, field)
    if not isinstance(value, str) or not value.strip():
        _fail(record, field, f"{field.replace('_', ' ')} is required")


def _in_range(record: s.Base, field: str, low: float, high: float, optional: bool = False) -> None:
    value = getattr(record, field)
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        _fail(record, field, f"{field.replace('_', ' ')} must be a number (got {value!r})")
    if not low <= value <= high:
        _fail(
            record,
            field,
            f"{field.replace('_', ' ')} must be between {low:g} and {high:g} (got {value!r})",
        )


def _is_date(record: s.Base, field: str, optional: bool = False) -> None:
    value = getattr(record, field)
    if value is None and optional:
        return
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        _fail(record, field, f"{field.replace('_', ' ')} must be a date (got {value!r})")


def _is_datetime(record: s.Base, field: str) -> None:
    value = getattr(record, field)
    if not isinstance(value, dt.datetime):
        _fail(record, field, f"{field.replace('_', ' ')} must be a date and time (got {value!r})")


def _email(record: s.Base, field: str = "email") -> None:
    value = getattr(record, field)
    if value and not _EMAIL.match(value):
        _fail(record, field, f"{value!r} is not an email address")


def _enums(record: s.Base) -> None:
    """Coerce enum fields given as text ('Champion', 'steady state') and reject unknown values."""
    for column in record.__table__.columns:
        enum_class = getattr(column.type, "enum_class", None)
        if enum_class is None:
            continue
        value = getattr(record, column.key)
        if value is None or isinstance(value, enum_class):
            continue
        try:
            setattr(record, column.key, enum_class.parse(str(value)))
        except ValueError as exc:
            _fail(record, column.key, str(exc))


def _account(r: Any) -> None:
    _required_text(r, "name")
    _in_range(r, "arr", 0, 1e13)
    _is_date(r, "renewal_date", optional=True)
    _in_range(r, "it_maturity", 1, 5, optional=True)
    _in_range(r, "security_maturity", 1, 5, optional=True)
    _in_range(r, "fiscal_year_start_month", 1, 12)
    if r.health_override == Health.NOT_ENOUGH_DATA:
        _fail(r, "health_override", "can be set by hand to green, amber or red only")


def _person(r: Any) -> None:
    _required_text(r, "name")
    _email(r)
    _in_range(r, "influence", 1, 5)
    _in_range(r, "attitude", -2, 2)
    _in_range(r, "interest", 1, 5)
    _in_range(r, "cadence_days", 1, 3650, optional=True)
    _is_date(r, "joined_on", optional=True)
    _is_date(r, "left_on", optional=True)
    if not isinstance(r.cares_about, list) or not all(isinstance(t, str) for t in r.cares_about):
        _fail(r, "cares_about", "cares about must be a list of tags")
    r.cares_about = sorted({t.strip().lower() for t in r.cares_about if t.strip()})


def _member(r: Any) -> None:
    _required_text(r, "name")
    _email(r)


def _relationship(r: Any) -> None:
    _in_range(r, "strength", 1, 3)
    if r.source_id == r.target_id:
        _fail(r, "target_id", "a person cannot have a relationship with themselves")


def _interaction(r: Any) -> None:
    _is_datetime(r, "occurred_at")
    _in_range(r, "duration_minutes", 0, 24 * 60)
    _in_range(r, "sentiment", -2, 2)


def _win(r: Any) -> None:
    _required_text(r, "title")
    _is_date(r, "won_on")


def _metric(r: Any) -> None:
    _required_text(r, "name")


def _point(r: Any) -> None:
    _is_date(r, "measured_on")
    _in_range(r, "value", -1e15, 1e15)


def _ticket(r: Any) -> None:
    _required_text(r, "title")
    _is_date(r, "opened_on")
    _is_date(r, "resolved_on", optional=True)
    if r.resolved_on is not None and r.resolved_on < r.opened_on:
        _fail(r, "resolved_on", "a ticket cannot be resolved before it was opened")


def _incident(r: Any) -> None:
    _required_text(r, "title")
    _is_date(r, "occurred_on")
    _in_range(r, "duration_minutes", 0, 1e7)


def _titled_dated(field: str, optional: bool = False) -> Rule:
    def rule(r: s.Base) -> None:
        _required_text(r, "title")
        _is_date(r, field, optional)

    return rule


def _request(r: Any) -> None:
    _required_text(r, "title")
    _is_date(r, "requested_on")
    _in_range(r, "priority", 1, 5)


def _goal(r: Any) -> None:
    _required_text(r, "title")
    _is_date(r, "due_on", optional=True)
    _in_range(r, "progress", 0, 100)


def _cadence(r: Any) -> None:
    _in_range(r, "ideal_days", 1, 3650)
    _in_range(r, "max_days", 1, 3650)
    if r.max_days < r.ideal_days:
        _fail(r, "max_days", "the maximum interval cannot be shorter than the ideal one")


def _nothing(r: s.Base) -> None:
    return None


RULES: dict[type[s.Base], Rule] = {
    s.Account: _account,
    s.Person: _person,
    s.TeamMember: _member,
    s.Relationship: _relationship,
    s.Interaction: _interaction,
    s.Win: _win,
    s.UsageMetric: _metric,
    s.UsagePoint: _point,
    s.Ticket: _ticket,
    s.Incident: _incident,
    s.RoadmapItem: lambda r: _required_text(r, "title"),
    s.CustomerRequest: _request,
    s.Goal: _goal,
    s.Risk: _titled_dated("raised_on"),
    s.ActionItem: _titled_dated("created_on"),
    s.CadenceDefault: _cadence,
}


# Identifiers from other systems must round-trip exactly (a calendar UID matches its meeting).
_IDENTIFIERS = frozenset({"external_id"})


def _text_fields(cls: type[s.Base]) -> tuple[tuple[str, bool], ...]:
    """(field, multi-line) for each text field: Text columns hold paragraphs, String one line."""
    fields: list[tuple[str, bool]] = []
    for column in cls.__table__.columns:
        kind = column.type
        if column.name in _IDENTIFIERS:
            continue
        if isinstance(kind, String) and getattr(kind, "enum_class", None) is None:
            fields.append(
                (cls.__mapper__.get_property_by_column(column).key, isinstance(kind, Text))
            )
    return tuple(fields)


def _cleaning(cls: type[s.Base], rule: Rule) -> Rule:
    """``rule``, after the record's text fields are cleaned of control characters (a form feed
    or an escape sequence from an imported file would break every XML export)."""
    fields = _text_fields(cls)

    def cleaned(r: s.Base) -> None:
        for name, multiline in fields:
            value = getattr(r, name, None)
            if isinstance(value, str):
                setattr(r, name, clean(value, multiline=multiline))
        if isinstance(getattr(r, "cares_about", None), list):
            r.cares_about = [  # type: ignore[attr-defined]
                clean(t) if isinstance(t, str) else t
                for t in r.cares_about  # type: ignore[attr-defined]
            ]
        rule(r)

    return cleaned


RULES = {cls: _cleaning(cls, rule) for cls, rule in RULES.items()}


def validate(record: s.Base) -> None:
    """Check one record's own fields, normalising enum and cleaning text. Raises
    ValidationError."""
    _enums(record)
    cls = type(record)
    rule = RULES.get(cls)
    if rule is None:
        rule = RULES[cls] = _cleaning(cls, _nothing)
    rule(record)
