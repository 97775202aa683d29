"""The frozen app keeps the Qt plugins it uses on each system and drops what only they needed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SPEC_HELPER = Path(__file__).resolve().parents[2] / "packaging" / "qt_selection.py"


@pytest.fixture(scope="module")
def qt_selection():
    spec = importlib.util.spec_from_file_location("qt_selection", SPEC_HELPER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/plugins/platforms/qwindows.dll",  # the Windows wheel has no Qt/ level
        "PySide6/plugins/platforms/qoffscreen.dll",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/plugins/imageformats/qjpeg.dll",
        "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
        "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
        "PySide6/Qt/plugins/wayland-graphics-integration-client/libqt-plugin-wayland-egl.so",
        "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "annotator/_data/resources/briefing-template.docx",
        "docx/templates/default-header.xml",
    ],
)
def test_kept(qt_selection, dest):
    assert qt_selection.wanted(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/platforms/libqlinuxfb.so",
        "PySide6/plugins/platforms/qdirect2d.dll",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "PySide6/Qt/plugins/imageformats/libqtiff.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/plugins/tls/qschannelbackend.dll",
        "PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so",
        "PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so",
        "PySide6/Qt/plugins/wayland-graphics-integration-client/libdmabuf-server.so",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/translations/qtbase_fr.qm",
    ],
)
def test_dropped(qt_selection, dest):
    assert not qt_selection.wanted(dest)


def test_orphans_are_the_libraries_only_dropped_plugins_needed(qt_selection):
    links = {
        "src/QtWidgets.abi3.so": ["libQt6Widgets.so.6"],
        "src/libQt6Widgets.so.6": ["libQt6Gui.so.6", "libc.so.6"],
        "src/libQt6Gui.so.6": ["libglib-2.0.so.0"],
        "src/libqxcb.so": ["libQt6XcbQpa.so.6"],
        "src/libQt6XcbQpa.so.6": ["libxcb-cursor.so.0"],
    }
    kept = [
        ("PySide6/QtWidgets.abi3.so", "src/QtWidgets.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "src/libQt6Widgets.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "src/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "src/libQt6XcbQpa.so.6", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "src/libqxcb.so", "BINARY"),
        ("libglib-2.0.so.0", "src/libglib-2.0.so.0", "BINARY"),
        ("libxcb-cursor.so.0", "src/libxcb-cursor.so.0", "BINARY"),
        # Only the GTK theme plugin (dropped) linked to these two:
        ("libpango-1.0.so.0", "src/libpango-1.0.so.0", "BINARY"),
        ("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", "src/libQt6Egl.so.6", "BINARY"),
        # Loaded by the bootloader or by Python, never linked to: always kept.
        ("libpython3.11.so.1.0", "src/libpython3.11.so.1.0", "BINARY"),
        ("fast_diff_match_patch.cpython-311-x86_64-linux-gnu.so", "src/fdmp.so", "EXTENSION"),
    ]
    orphans = qt_selection.orphans(kept, lambda source: links.get(source, []))
    assert orphans == {"libpango-1.0.so.0", "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6"}


def test_symlinks_to_dropped_files_go_too(qt_selection):
    toc = [
        ("PySide6/Qt/lib/libQt6Gui.so.6", "src/gui", "BINARY"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libQt6Egl.so.6", "PySide6/Qt/lib/libQt6Egl.so.6", "SYMLINK"),
    ]
    kept = qt_selection.without(toc, {"PySide6/Qt/lib/libQt6Egl.so.6"})
    assert [dest for dest, _source, _kind in kept] == [
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "libQt6Gui.so.6",
    ]
