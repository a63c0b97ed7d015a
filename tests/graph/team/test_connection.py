"""Server addresses as a replica keeps them, and what the server says, as a person reads it
(no server needed)."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy.exc import OperationalError

from graph.team.connection import engine_for, stored_form, translated
from graph.team.errors import TeamError


def test_a_stored_address_never_holds_the_password() -> None:
    assert stored_form(
        "postgresql+psycopg://ana:pw@db.example.com:5433/cobalt?sslmode=require"
    ) == ("postgresql://ana@db.example.com:5433/cobalt?sslmode=require")


def test_tls_is_preferred_unless_the_address_says_otherwise() -> None:
    assert engine_for("postgresql://ana@db.example.com/cobalt").url.query["sslmode"] == "prefer"
    strict = engine_for("postgresql://ana@db.example.com/cobalt?sslmode=verify-full")
    assert strict.url.query["sslmode"] == "verify-full"


@pytest.mark.parametrize(
    "url", ["mysql://ana@host/db", "postgresql://ana@host", "not a url at all"]
)
def test_addresses_that_are_no_team_server_are_refused(url: str) -> None:
    with pytest.raises(TeamError):
        stored_form(url)


def test_a_missing_password_says_where_to_put_it() -> None:
    refused = psycopg.OperationalError("connection failed: fe_sendauth: no password supplied")
    asks = r"asks for a password: put it in ~/\.pgpass"
    with pytest.raises(TeamError, match=asks), translated("postgresql://ana@host/cobalt"):
        raise OperationalError("connect", {}, refused)
