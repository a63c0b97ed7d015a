"""The `rapport` command line: Qt-free commands (Qt only for the window and the map image)."""

from desktop.cli.program import run
from desktop.cli.rapport import main

__all__ = ["main", "run"]
