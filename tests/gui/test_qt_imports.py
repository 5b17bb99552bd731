"""What importing the window costs beyond Qt's own."""

import subprocess
import sys

CHILD = r"""
import inspect, sys
import PySide6.QtCore
import ogsm_desktop.gui
read = []
getsource = inspect.getsource
inspect.getsource = lambda obj: read.append(getattr(obj, "__name__", obj)) or getsource(obj)
sys.path.insert(0, sys.argv[1])
import plain_module_after_qt
from PySide6.QtCore import QObject
print(read)
"""


def test_a_module_imported_after_qt_is_not_read_from_its_source(tmp_path):
    """PySide6 checks every module imported after it for its ``__feature__`` switches by reading the module's
    whole source (``inspect.getsource``): 150 of our modules at start-up, some 15-20 ms, and the 330 of
    matplotlib when the first chart is drawn, 70 ms. The program selects no feature, so the check is spared."""
    (tmp_path / "plain_module_after_qt.py").write_text("VALUE = 1\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", done.stdout
