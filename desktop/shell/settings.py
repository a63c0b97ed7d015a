"""What the app remembers between runs: recent files, the last workspace, window layout.

Stored with QSettings in INI format under organisation and application "Rapport"; tests point
it at a temporary folder with ``QSettings.setPath``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class Settings:
    def __init__(self) -> None:
        self._store = QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Rapport", "Rapport"
        )

    # --- files --------------------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        value = self._store.value("files/recent", [])
        if isinstance(value, str):  # QSettings gives a lone string for a one-item list
            value = [value]
        if not isinstance(value, list):
            return []
        return [Path(str(v)) for v in value if v]

    def add_recent(self, path: Path) -> None:
        path = path.resolve()
        recent = [p for p in self.recent_files() if p != path]
        recent.insert(0, path)
        self._store.setValue("files/recent", [str(p) for p in recent[:MAX_RECENT]])
        self._store.setValue("files/last", str(path))

    def forget(self, path: Path) -> None:
        path = path.resolve()
        self._store.setValue("files/recent", [str(p) for p in self.recent_files() if p != path])
        if self.last_workspace() == path:
            self._store.remove("files/last")

    def clear_recent(self) -> None:
        self._store.remove("files/recent")

    def last_workspace(self) -> Path | None:
        value = self._store.value("files/last", "")
        return Path(str(value)) if value else None

    # --- per workspace ------------------------------------------------------------------------

    def last_account(self, workspace: Path) -> int | None:
        value = self._store.value(f"accounts/{_key(workspace)}", None)
        try:
            return int(str(value)) if value is not None else None
        except (TypeError, ValueError):
            return None

    def set_last_account(self, workspace: Path, account_id: int | None) -> None:
        if account_id is None:
            self._store.remove(f"accounts/{_key(workspace)}")
        else:
            self._store.setValue(f"accounts/{_key(workspace)}", account_id)

    def author(self, workspace: Path) -> str:
        """Who the user is in this workspace's history of changes ("" if never said)."""
        return str(self._store.value(f"authors/{_key(workspace)}", "") or "")

    def set_author(self, workspace: Path, name: str) -> None:
        self._store.setValue(f"authors/{_key(workspace)}", name)

    # --- window -------------------------------------------------------------------------------

    def geometry(self) -> QByteArray | None:
        return _bytes(self._store.value("window/geometry"))

    def window_state(self) -> QByteArray | None:
        return _bytes(self._store.value("window/state"))

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._store.setValue("window/geometry", geometry)
        self._store.setValue("window/state", state)

    def table_state(self, name: str) -> QByteArray | None:
        return _bytes(self._store.value(f"tables/{name}"))

    def save_table_state(self, name: str, state: QByteArray) -> None:
        self._store.setValue(f"tables/{name}", state)

    def sync(self) -> None:
        self._store.sync()


def _key(path: Path) -> str:
    # Slashes would make nested groups in the INI file: keep one flat key per file.
    return str(path.resolve()).replace("/", "|").replace("\\", "|")


def _bytes(value: object) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    return None
