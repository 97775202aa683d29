"""Help > About names the version, the Qt, PySide6 and Python versions and the data folder."""

import platform

import PySide6
import pytest
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator import __version__
from annotator.store.library import Library
from annotator.ui.main_window import MainWindow


def _about_action(window: MainWindow):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    return next(a for a in help_menu.actions() if "About" in a.text())


@pytest.fixture
def window(qtbot):
    library = Library.open(None)
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    library.close()


def test_about_shows_versions_and_the_data_folder(qtbot, window, _private_data_dir):

    _about_action(window).trigger()
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert len(boxes) == 1 and boxes[0].isVisible()
    box = boxes[0]
    text = box.text() + box.informativeText()
    assert f"Annotator {__version__}" in text
    assert f"{qVersion()} (PySide6 {PySide6.__version__})" in text
    assert platform.python_version() in text
    assert str(_private_data_dir) in text
    box.close()
