"""Live updates: the server tells every listening laptop that a push landed.

A push that the server accepted sends ``NOTIFY rapport_changes`` with the pusher's device id
(graph.team.merge), delivered when its transaction commits. A ``Listener`` waits for those on
its own connection, on a daemon thread, and calls ``on_change`` for every other device's push;
the app then syncs at once. When the server is out of reach it tries again every few seconds
until stopped; it never touches the workspace itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from graph.team.connection import engine_for

CHANNEL = "rapport_changes"
_WAIT_SECONDS = 0.5
_RETRY_SECONDS = 5.0


def notify_sql() -> str:
    return f"SELECT pg_notify('{CHANNEL}', :device)"


def _conninfo(url: str) -> str:
    """The libpq URI of a server URL (with the keyring's password, if one is kept there)."""
    parsed = engine_for(url).url.set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


class Listener:
    """Calls ``on_change(device)`` whenever another device pushed to the portfolio."""

    def __init__(self, url: str, device: str, on_change: Callable[[str], None]) -> None:
        self.url = url
        self.device = device
        self.on_change = on_change
        self.listening = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rapport-listen", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, wait: bool = True) -> None:
        self._stop.set()
        if wait and self._thread.is_alive():
            self._thread.join(timeout=2 * _WAIT_SECONDS + 1)

    def _run(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                with psycopg.connect(_conninfo(self.url), autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    self._wait(conn)
            except psycopg.Error:
                pass  # out of reach: try again in a moment
            self.listening.clear()
            self._stop.wait(_RETRY_SECONDS)

    def _wait(self, conn: Any) -> None:
        while not self._stop.is_set():
            for note in conn.notifies(timeout=_WAIT_SECONDS):
                if note.payload != self.device:
                    self.on_change(note.payload)
