"""Errors a user can cause, each with a message fit to show them as it is."""

from __future__ import annotations


class RapportError(Exception):
    """Base of every error Rapport reports to a user instead of a traceback."""


class WorkspaceFileError(RapportError):
    """The workspace file cannot be opened or written: missing, foreign, damaged, too new..."""


class ValidationError(RapportError):
    """A value breaks a rule of the domain. ``field`` names the offending field."""

    def __init__(self, message: str, *, field: str | None = None, record: str | None = None):
        self.field = field
        self.record = record
        self.detail = message
        prefix = f"{record}: " if record else ""
        super().__init__(prefix + message)


class NotFoundError(RapportError):
    """A record the caller named does not exist (any more)."""
