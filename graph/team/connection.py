"""Connecting to a team server: the URL a replica keeps, and what it never keeps.

A replica stores its server as ``postgresql://USER@HOST[:PORT]/DB[?...]``, never with a
password: libpq finds that in the user's ``~/.pgpass`` (``PGPASSFILE``) or service file, or
the system keyring holds it (the ``keyring`` package, where it is installed). TLS is used
whenever the server offers it (``sslmode=prefer`` unless the URL says otherwise).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import URL, Connection, Engine, create_engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from graph.team.errors import TeamError, ViewerError

_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
_KEYRING_SERVICE = "rapport-team"
# SQLSTATE classes: 42501 insufficient_privilege (row-level security, grants).
_REFUSED = "42501"


def parse(url: str) -> URL:
    """A team server URL, checked: a PostgreSQL URL naming a database."""
    try:
        parsed = make_url(url.strip())
    except ArgumentError as exc:
        raise TeamError(f"{url!r} is not a server address like postgresql://me@host/db") from exc
    if parsed.drivername not in _SCHEMES:
        raise TeamError(f"{url!r}: a team server is a PostgreSQL database (postgresql://...)")
    if not parsed.database:
        raise TeamError(f"{url!r}: name the database, e.g. postgresql://me@host/portfolio")
    return parsed


def stored_form(url: str) -> str:
    """The URL as a replica keeps it: no password, and the plain ``postgresql`` scheme."""
    # URL.set ignores None: the password goes through the named tuple's own _replace.
    parsed = parse(url).set(drivername="postgresql")._replace(password=None)
    return parsed.render_as_string(hide_password=False)


def _keyring_entry(parsed: URL) -> str:
    return f"{parsed.username or ''}@{parsed.host or ''}:{parsed.port or ''}/{parsed.database}"


def remember_password(url: str) -> bool:
    """Put a URL's password in the system keyring (True), if the URL has one and a keyring
    is there. The replica itself never holds it."""
    parsed = parse(url)
    if not parsed.password:
        return False
    try:
        import keyring
    except ImportError:
        return False
    try:
        keyring.set_password(_KEYRING_SERVICE, _keyring_entry(parsed), str(parsed.password))
    except Exception:  # no usable keyring backend on this machine: libpq's files remain
        return False
    return True


def _password_from_keyring(parsed: URL) -> str | None:
    try:
        import keyring
    except ImportError:
        return None
    try:
        return keyring.get_password(_KEYRING_SERVICE, _keyring_entry(parsed))
    except Exception:
        return None


_ENGINES: dict[str, Engine] = {}


def engine_for(url: str) -> Engine:
    """An engine for the server (psycopg 3), TLS when offered, a short connect timeout. One
    per URL and process, for its cache of compiled statements (half a sync's time otherwise);
    it pools no connection, so a forked process or a dropped network leaves none stale."""
    if url not in _ENGINES:
        _ENGINES[url] = _new_engine(url)
    return _ENGINES[url]


def _new_engine(url: str) -> Engine:
    parsed = parse(url).set(drivername="postgresql+psycopg")
    if not parsed.password:
        password = _password_from_keyring(parsed)
        if password:
            parsed = parsed.set(password=password)
    query = dict(parsed.query)
    query.setdefault("sslmode", "prefer")
    query.setdefault("connect_timeout", "10")
    query.setdefault("application_name", "rapport")
    return create_engine(parsed.set(query=query), poolclass=NullPool)


def describe(url: str) -> str:
    """The server as a message names it (no password)."""
    try:
        parsed = parse(url)
    except TeamError:
        return url
    host = parsed.host or parsed.query.get("host") or "localhost"
    return f"{parsed.database} on {host}"


@contextmanager
def server(url: str, *, snapshot: bool = False) -> Iterator[Connection]:
    """One transaction on the server (``snapshot``: every read sees one instant); what the
    server says becomes a ``TeamError``."""
    engine = engine_for(url)
    if snapshot:
        engine = engine.execution_options(isolation_level="REPEATABLE READ")
    with translated(url), engine.begin() as conn:
        yield conn


@contextmanager
def translated(url: str) -> Iterator[None]:
    try:
        yield
    except DBAPIError as exc:
        code = getattr(exc.orig, "sqlstate", None)
        if code == _REFUSED:
            raise ViewerError(str(exc.orig).splitlines()[0]) from exc
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        if "password" in reason and (code is None or code.startswith("28")):
            raise TeamError(
                f"the team server ({describe(url)}) asks for a password: put it in ~/.pgpass "
                "(or the file PGPASSFILE names) or a service file; Rapport never stores it"
            ) from exc
        if exc.connection_invalidated or code is None or code.startswith("08"):
            raise TeamError(
                f"cannot reach the team server ({describe(url)}): {reason}. "
                "Your changes are kept on this laptop and go out at the next sync."
            ) from exc
        raise TeamError(f"the team server ({describe(url)}) refused: {reason}") from exc
    except SQLAlchemyError as exc:
        raise TeamError(f"the team server ({describe(url)}): {exc}") from exc
