"""Can this machine show a Qt window? Checked before Qt is asked to, because Qt's own answer
is an abort (exit 134) with a message that names a plugin, not the missing library.

On Linux, Qt's X11 plugin loads a dozen system libraries (libxcb-cursor0, libxcb-icccm4, …) that a
fresh Debian or Ubuntu machine does not have. This module finds which ones are missing and says
which ``apt-get install`` brings them. No Qt import here: it must work when Qt cannot load.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

# What the README's set-up line installs; kept here so the message and the README agree.
APT_PACKAGES = (
    "libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 libxkbcommon-x11-0 libxcb-cursor0 "
    "libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 "
    "libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 fonts-dejavu-core"
)
_NOT_FOUND = re.compile(r"^\s*(\S+\.so[.\d]*) => not found", re.MULTILINE)
_DLOPEN_ERROR = re.compile(r"(\S+\.so[.\d]*): cannot open shared object file")


_PACKAGE_OF = {"libglib-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0"}


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package that ships ``soname``: libxcb-cursor.so.0 → libxcb-cursor0."""
    if soname in _PACKAGE_OF:
        return _PACKAGE_OF[soname]
    name, _, version = soname.partition(".so")
    version = version.strip(".").split(".")[0]
    name = name.lower()
    return f"{name}-{version}" if name[-1:].isdigit() else f"{name}{version}"


def _qt_folder() -> Path | None:
    spec = find_spec("PySide6")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "Qt"


def _missing_libraries(binary: Path) -> list[str]:
    """Shared libraries ``binary`` needs that the dynamic loader cannot find (all of them)."""
    ldd = shutil.which("ldd")
    if ldd is not None:
        try:
            out = subprocess.run(
                [ldd, str(binary)], capture_output=True, text=True, timeout=10, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        return sorted(set(_NOT_FOUND.findall(out)))
    import ctypes

    try:
        ctypes.CDLL(str(binary))
    except OSError as exc:  # the loader names the first library it missed
        return _DLOPEN_ERROR.findall(str(exc))[:1]
    return []


def _platform() -> str:
    return os.environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip()


def problem() -> str | None:
    """One line saying why no window can open here, with the fix; None when all is well."""
    if not sys.platform.startswith("linux"):
        return None
    platform = _platform()
    if platform and platform not in ("xcb", "wayland", "wayland-egl"):
        return None  # offscreen, vnc, …: the user chose; nothing to check
    qt = _qt_folder()
    if qt is None:
        return "PySide6 is not installed: run `python3 -m pip install -e .` in the project folder"
    wayland = bool(os.environ.get("WAYLAND_DISPLAY")) and platform != "xcb"
    if not wayland and not platform.startswith("wayland"):
        if not os.environ.get("DISPLAY"):
            return (
                "no screen to show the window on (DISPLAY is not set); run it in a desktop "
                "session, or use the command line (`rapport --help`)"
            )
        binaries = [qt / "lib" / "libQt6XcbQpa.so.6", qt / "plugins" / "platforms" / "libqxcb.so"]
    else:
        binaries = [qt / "lib" / "libQt6Gui.so.6"]
    missing = sorted({lib for b in binaries if b.exists() for lib in _missing_libraries(b)})
    if not missing:
        return None
    packages = " ".join(dict.fromkeys(debian_package(lib) for lib in missing))
    return (
        f"Qt cannot open a window: missing system libraries {', '.join(missing)}. "
        f"On Debian/Ubuntu: sudo apt-get install {packages} "
        f"(or everything the README lists: sudo apt-get install {APT_PACKAGES})"
    )
