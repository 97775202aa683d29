"""Which of the Qt files PyInstaller collects the frozen app keeps (used by annotator.spec).

PyInstaller's Qt hooks collect every plugin of a folder (all platforms, all image formats) and
Qt's translations. The app needs far fewer: this module names what it keeps, by file name, for
Linux, Windows and macOS alike, and finds the libraries only the dropped plugins needed.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from pathlib import PurePath

# Platform plugins: X11, Wayland and offscreen on Linux, the native one elsewhere, and offscreen
# everywhere (smoke tests, headless use). eglfs, linuxfb, vnc, minimal and the like serve kiosks.
KEEP_PLATFORMS = ("qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa")
# Plugin folders for kiosk input, QML, TLS, network state, printing, SQL drivers: unused here.
DROP_FOLDERS = frozenset(
    {
        "designer",
        "egldeviceintegrations",
        "generic",
        "multimedia",
        "networkinformation",
        "position",
        "printsupport",
        "qmllint",
        "qmltooling",
        "sensors",
        "sqldrivers",
        "tls",
    }
)
# SVG for the icons and the common raster formats; qpdf would pull in all of QtPdf.
KEEP_IMAGE_FORMATS = ("qsvg", "qgif", "qjpeg", "qico")
# GTK 3's theme plugin loads the system's GTK, which then meets the copies of GLib, Pango and
# Cairo bundled for the plugin: version clashes, and ~8 MB. The XDG portal theme stays (native
# file dialogs through D-Bus).
DROP_THEMES = ("qgtk3",)
# Wayland: the xdg-shell every desktop compositor speaks, its decorations, and EGL for OpenGL.
# The *-server plugins and the other shells serve Qt's own compositors and embedded systems.
KEEP_WAYLAND_SHELLS = ("xdg-shell",)


def plugin_of(dest: str) -> tuple[str, str] | None:
    """(plugin folder, file stem without a 'lib' prefix) for a file in Qt's plugins folder."""
    parts = PurePath(dest).parts
    if "plugins" not in parts:
        return None
    at = parts.index("plugins")
    if len(parts) < at + 3:
        return None
    stem = parts[-1].split(".")[0]
    return parts[at + 1], stem.removeprefix("lib")


def wanted(dest: str) -> bool:
    """Whether the frozen app keeps the file collected to ``dest`` (relative to its folder)."""
    path = PurePath(dest)
    if path.suffix == ".qm" and "translations" in path.parts:
        return False  # the app is in English and installs no QTranslator
    plugin = plugin_of(dest)
    if plugin is None:
        return True
    folder, stem = plugin
    if folder in DROP_FOLDERS:
        return False
    if folder == "platforms":
        return stem.startswith(KEEP_PLATFORMS)
    if folder == "imageformats":
        return stem in KEEP_IMAGE_FORMATS
    if folder == "platformthemes":
        return stem not in DROP_THEMES
    if folder == "platforminputcontexts":
        return "virtualkeyboard" not in stem  # the virtual keyboard needs QtQuick
    if folder == "wayland-shell-integration":
        return stem in KEEP_WAYLAND_SHELLS
    if folder == "wayland-graphics-integration-client":
        return not stem.endswith("-server")
    return True


def _prunable(dest: str, kind: str) -> bool:
    """A shared library that is there only because a binary links to it."""
    path = PurePath(dest)
    if kind != "BINARY" or ".so" not in path.name or path.name.startswith("libpython"):
        return False  # the bootloader loads libpython itself: no binary names it
    return path.parent.as_posix() in (".", "PySide6/Qt/lib")


def orphans(
    binaries: Iterable[tuple[str, str, str]], needs: Callable[[str], Iterable[str]]
) -> set[str]:
    """The prunable libraries no kept binary links to, directly or through another library.

    ``binaries`` are PyInstaller TOC entries (dest, source, kind); ``needs(source)`` names the
    libraries a binary links to (ELF NEEDED entries). Linux only: there dependencies are plain
    file names, which is what makes matching them to the collected files this simple.
    """
    entries = [entry for entry in binaries if entry[2] != "SYMLINK"]
    by_name = {PurePath(dest).name: (dest, source) for dest, source, _kind in entries}
    todo = [(dest, source) for dest, source, kind in entries if not _prunable(dest, kind)]
    reached = {PurePath(dest).name for dest, _source in todo}
    while todo:
        _dest, source = todo.pop()
        for name in needs(source):
            name = PurePath(name).name
            if name in by_name and name not in reached:
                reached.add(name)
                todo.append(by_name[name])
    return {dest for dest, _source, _kind in entries if PurePath(dest).name not in reached}


def without(
    toc: Iterable[tuple[str, str, str]], dropped: set[str]
) -> list[tuple[str, str, str]]:
    """``toc`` less the ``dropped`` files and the symlinks that point at them."""
    kept = []
    for dest, source, kind in toc:
        if dest in dropped:
            continue
        if kind == "SYMLINK":
            target = posixpath.normpath(posixpath.join(posixpath.dirname(dest), source))
            if target in dropped:
                continue
        kept.append((dest, source, kind))
    return kept
