"""The `rapport` program: the command line's ``main`` run as a process of its own.

After a successful export the process ends at once (``os._exit``): its files are written,
renamed into place and closed, the workspace is closed, and Python's teardown would only free
the export's few hundred thousand objects one by one (half a second of a big account's export).
Every other command, and a failed export, ends normally: the window saves its settings as it
closes, and a failure's clean-up runs at exit.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from contextlib import suppress
from typing import NoReturn

from desktop.cli.rapport import main

ENDS_AT_ONCE = frozenset({"export"})


def run(argv: Sequence[str] | None = None) -> NoReturn:
    args = list(sys.argv[1:] if argv is None else argv)
    code = main(args)
    if code == 0 and args[:1] and args[0] in ENDS_AT_ONCE:
        for stream in (sys.stdout, sys.stderr):
            with suppress(OSError, ValueError):  # a closed pipe or stream: nothing more to say
                stream.flush()
        os._exit(0)
    sys.exit(code)
