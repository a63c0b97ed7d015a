"""What can go wrong with a team server, each with a message fit to show as it is."""

from __future__ import annotations

from graph.errors import RapportError


class TeamError(RapportError):
    """The team server cannot be reached, refuses the login, or is not a Rapport portfolio."""


class ViewerError(TeamError):
    """The server refused a write: the user is a viewer (or no member) of the portfolio."""

    def __init__(self, detail: str = "") -> None:
        message = "You are a viewer of this portfolio; ask an owner for edit rights"
        super().__init__(f"{message} ({detail})" if detail else message)
