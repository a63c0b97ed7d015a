"""Finding an account by the name a user typed: any case, surrounding spaces ignored.

Plain Python over accounts already read (``Workspace.account_named`` and the read-only
commands of graph.quickread use it alike), so the match and the refusal read the same
everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from graph.errors import NotFoundError

if TYPE_CHECKING:
    from typing import Protocol

    class Named(Protocol):
        @property
        def name(self) -> str: ...


A = TypeVar("A", bound="Named")


def account_named(accounts: Sequence[A], name: str) -> A:
    """The account of ``accounts`` (every account, by name) called ``name``; NotFoundError
    listing them all when there is none."""
    wanted = name.strip().casefold()
    for account in accounts:
        if account.name.casefold() == wanted:
            return account
    known = ", ".join(a.name for a in accounts) or "none"
    raise NotFoundError(f"no account named {name!r} (accounts: {known})")
