"""The programs ``make bench`` runs in fresh processes, ours and the bare libraries' side by side: the
window start-up, Excel import and export, and the PDF report. Each prints one JSON line of figures."""

WINDOW_SCRIPT = r"""
import time
start = time.perf_counter()
import json, os, sqlite3, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
mode, path = sys.argv[1], sys.argv[2]
if mode == "bare":
    # The bare library: a PySide6 window with a tree of the plan's first rows, read with sqlite3.
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTreeView
    app = QApplication([])
    rows = sqlite3.connect(path).execute("SELECT code, title FROM nodes LIMIT 200").fetchall()
    model = QStandardItemModel()
    for code, title in rows:
        model.appendRow([QStandardItem(title), QStandardItem(code)])
    window = QMainWindow()
    view = QTreeView()
    view.setModel(model)
    window.setCentralWidget(view)
else:
    # as `ogsm-desktop PLAN` starts (cli.main: the window command, run_gui), up to its event loop, which is left
    # out: the script goes on from there. The settings are the bench's own (in the folder given), on any system.
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[3])
    QApplication.exec = lambda *args: 0
    from ogsm_desktop import cli
    assert cli.main([path]) == 0
    app = QApplication.instance()
    window = next(w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow")
window.resize(1280, 800)
window.show()
app.processEvents()
window.grab()
shown = time.perf_counter() - start
if mode != "bare":
    # shown above: the first frame (a big plan as a glance, the panels not built yet); ready: the panels built
    # and painted, a big plan checked and read
    from PySide6.QtCore import QEventLoop
    if window.opening.busy:
        loop = QEventLoop()
        window.opening.opened.connect(loop.quit)
        loop.exec()
    while not window.panels_built:      # the panels, built once the first frame is painted
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    app.processEvents()
    window.grab()
    ready = time.perf_counter() - start
    while not window.monitor.ready:     # the alerts, worked out on a worker once the first frame is painted
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    print(json.dumps({"shown": shown, "ready": ready, "alerts": time.perf_counter() - start}))
else:
    print(json.dumps({"shown": shown, "ready": shown, "alerts": shown}))
window.close()      # lets the window's background work finish before the process ends
"""

EXCEL_SCRIPT = r"""
import json, os, sqlite3, sys, time


def peak_mb():          # this process's own peak, as core.perf.peak_memory_mb (copied: neither side may import the package)
    with open("/proc/self/status", encoding="ascii") as fh:
        return next(int(line.split()[1]) / 1024 for line in fh if line.startswith("VmHWM:"))


mode, xlsx, plan_path, folder = sys.argv[1:5]
start = time.perf_counter()
if mode == "import-bare":
    import python_calamine as pc
    rows = pc.CalamineWorkbook.from_path(xlsx).get_sheet_by_name("Actuals").to_python()
    db = os.path.join(folder, "bare-import.db")
    if os.path.exists(db):
        os.remove(db)
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE actuals (code TEXT, period TEXT, actual REAL, target REAL, comment TEXT, "
                 "PRIMARY KEY (code, period))")
    with conn:
        conn.executemany("INSERT INTO actuals VALUES (?, ?, ?, ?, ?)", rows[1:])
    conn.close()
    count = len(rows) - 1
elif mode == "import-ours":
    from ogsm_desktop.core.excel import importer
    from ogsm_desktop.core.storage import Plan
    # as the command `import` does it: the workbook read while the plan file is checked
    plan, preview = Plan.open_reading(plan_path, lambda reading: importer.analyse(reading, xlsx))
    with plan:
        assert preview.ok, preview.problems[:3]
        importer.apply(plan, preview, "bench")
        count = plan.actuals.count()
elif mode == "import-openpyxl":
    # openpyxl's read-only mode on the first 100,000 rows (all of them would take minutes)
    import openpyxl
    wb = openpyxl.load_workbook(xlsx, read_only=True)
    count = sum(1 for _ in wb["Actuals"].iter_rows(min_row=2, max_row=100_001, values_only=True))
elif mode == "export-bare":
    from openpyxl import Workbook
    from ogsm_desktop.core.storage import Plan
    with Plan.open(plan_path, readonly=True) as plan:
        tree = plan.nodes.tree()
        codes = {n.id: n.code for n in tree.nodes.values()}
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Cascade")
        for node, depth in tree.walk():
            ws.append([node.code, str(node.kind), node.title, node.owner, node.org_unit, "", None, None])
        ws = wb.create_sheet("Measures")
        for node, _ in tree.walk():
            if node.kind in ("goal", "measure"):
                ws.append([node.code, "", str(node.kind), node.title, node.description, node.owner, node.org_unit,
                           node.unit, node.baseline, node.target, None, node.direction, node.frequency, node.amber,
                           node.red, node.weight])
        ws = wb.create_sheet("Actuals")
        count = 0
        for node_id, period, actual, target, comment in plan.actuals.iter_current():
            ws.append([codes[node_id], period, actual, target, comment or None])
            count += 1
        wb.save(os.path.join(folder, "bare-export.xlsx"))
elif mode == "export-ours":
    from ogsm_desktop.core.excel.exporter import export
    from ogsm_desktop.core.storage import Plan
    with Plan.open(plan_path, readonly=True) as plan:
        export(plan, os.path.join(folder, "ours-export.xlsx"))
        count = plan.actuals.count()
print(json.dumps({"seconds": time.perf_counter() - start, "count": count,
                  "peak_mb": peak_mb()}))
"""

REPORT_SCRIPT = r"""
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
mode, plan_path, out = sys.argv[1:4]
from ogsm_desktop.gui.app import headless_app
app = headless_app()
start = time.perf_counter()
if mode == "ours":
    from ogsm_desktop.core.report_data import ReportOptions, gather
    from ogsm_desktop.core.storage import Plan
    from ogsm_desktop.gui.report import write_pdf
    calls = []
    with Plan.open(plan_path, readonly=True) as plan:
        content = gather(plan, ReportOptions(overview=False, charts=False, alerts=False))
    pages = write_pdf(content, out, lambda what, done, total: calls.append(done) or True)
    progress_calls = len(calls)
else:
    # the bare library: QPdfWriter with one QTextDocument line per unit and page
    import sqlite3
    from PySide6.QtGui import QPainter, QPdfWriter, QTextDocument
    rows = sqlite3.connect(plan_path).execute("SELECT code, title FROM nodes WHERE kind = 'objective'").fetchall()
    writer = QPdfWriter(out)
    painter = QPainter(writer)
    for i, (code, title) in enumerate(rows):
        if i:
            writer.newPage()
        doc = QTextDocument()
        doc.setHtml(f"<h2>{code} {title}</h2>")
        doc.drawContents(painter)
    painter.end()
    pages, progress_calls = len(rows), 0
print(json.dumps({"seconds": time.perf_counter() - start, "pages": pages, "progress": progress_calls}))
"""
