"""The window starts without the machinery of what it does only when asked (the workbook readers and
writers, the printed report, the merge), so that start-up stays short: they are imported on first use."""

import json
import os
import subprocess
import sys

LATER = ("ogsm_desktop.core.excel.importer", "ogsm_desktop.core.excel.exporter", "ogsm_desktop.gui.report",
         "ogsm_desktop.core.report_data", "ogsm_desktop.core.merge", "ogsm_desktop.core.refresh",
         "ogsm_desktop.gui.dialogs.merge_dialog", "ogsm_desktop.gui.dialogs.import_dialog", "openpyxl", "xlsxwriter", "rustpy_xlsxwriter",
         "python_calamine", "numpy", "matplotlib")


def test_the_window_starts_without_what_it_imports_on_first_use(tmp_path):
    script = (
        "import json, sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from ogsm_desktop.gui.app import make_app\n"
        "from ogsm_desktop.gui.main_window import MainWindow\n"
        "from ogsm_desktop.gui.settings import Settings\n"
        "app = make_app()\n"
        f"window = MainWindow(Settings(QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat)))\n"
        "window.show()\n"
        "app.processEvents()\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    loaded = set(json.loads(out.stdout.strip().splitlines()[-1]))
    assert "ogsm_desktop.gui.main_window" in loaded
    assert sorted(loaded & set(LATER)) == []


def test_what_is_imported_on_first_use_is_there(qapp):
    """Each module the window imports later imports cleanly (a typo would only show when the user asks)."""
    import importlib

    for name in LATER:
        importlib.import_module(name)
