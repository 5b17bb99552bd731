"""Plan files: reopening, one window per plan, a plan file deleted while open."""

from ogsm_desktop.core.storage import Plan
from ogsm_desktop.gui.main_window import MainWindow
from ogsm_desktop.gui.models.plan_model import NODE_ID_ROLE
from tests.gui.helpers import select, type_into


def test_reopen_finds_everything(window, qtbot, settings, demo_path):
    select(window, "C")
    type_into(qtbot, window.detail.widgets["title"], "成为新能源汽车消费的首选入口")
    window.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.open_plan(demo_path)
    index = again.session.model.index(0, 0)
    assert index.data() == "成为新能源汽车消费的首选入口" and index.data(NODE_ID_ROLE)
    again.close()


def test_a_plan_open_in_another_window_is_refused(window, qtbot, settings, demo_path, messages):
    other = MainWindow(settings)
    qtbot.addWidget(other)
    assert not other.open_plan(demo_path)
    assert "already open for editing elsewhere" in messages.texts("critical")[0]
    assert other.session is None


def test_a_deleted_plan_file_is_noticed_and_can_be_saved_elsewhere(window, qtbot, demo_path, messages, tmp_path,
                                                                    monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    select(window, "C-S1")
    demo_path.unlink()
    messages.answer = QMessageBox.StandardButton.Save
    rescued = tmp_path / "rescued.ogsm"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(rescued), ""))
    type_into(qtbot, window.detail.widgets["title"], "改过的策略")
    qtbot.waitUntil(lambda: bool(messages.texts("warning")))
    assert "deleted or replaced while open" in messages.texts("warning")[0]
    assert window.session.plan.path == rescued
    select(window, "C-S1")
    assert window.detail.widgets["title"].text() == "联合车企推出定制车型"     # the refused edit was not made
    type_into(qtbot, window.detail.widgets["title"], "改过的策略")
    with Plan.open(rescued, readonly=True) as plan:
        assert plan.nodes.by_code("C-S1").title == "改过的策略"


def _file_bytes(path):
    return path.read_bytes() if path.exists() else None


def test_a_name_typed_without_its_suffix_never_replaces_a_file_unasked(window, qtbot, demo_path, messages, tmp_path,
                                                                        monkeypatch):
    """Found by a tester: File → New plan…, "budget2027" typed where budget2027.ogsm holds a year's plan. The file
    dialog asked nothing (no file "budget2027"), the program added ".ogsm" and made an empty plan over it — 53
    nodes and 240 numbers gone; Save As… copied the open plan over it the same way. The name with its suffix
    is asked about now, and No leaves the file as it was."""
    import shutil

    from PySide6.QtWidgets import QFileDialog, QMessageBox

    kept = tmp_path / "budget2027.ogsm"
    shutil.copy(demo_path, kept)
    before = _file_bytes(kept)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "budget2027"), ""))
    messages.answer = QMessageBox.StandardButton.No
    window.files.new_plan()
    window.action("saveAs").trigger()
    assert [t for t in messages.texts("question") if "already exists" in t] == [
        f"{kept} already exists. Replace it?"] * 2
    assert _file_bytes(kept) == before and window.session.plan.path == demo_path
    messages.answer = QMessageBox.StandardButton.Yes                 # asked, and answered Yes: replaced
    window.files.new_plan()
    assert window.session.plan.path == kept
    with Plan.open(kept, readonly=True) as plan:
        assert plan.nodes.tree().nodes == {}


def test_an_export_typed_without_its_suffix_gets_it(window, qtbot, tmp_path, monkeypatch, messages):
    """Found by a tester: "ep_noext" typed for Export to Excel or Export PDF wrote files without ".xlsx" or
    ".pdf" (which nothing then opens by a double click); the department plan and the cascade map had theirs."""
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "ep_noext"), ""))
    assert window.excel.export_excel()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "ep_pdf"), ""))
    assert window.reports.export_pdf(review_of=("2026-Q4", None))     # (a review's PDF: no dialog of options)
    assert (tmp_path / "ep_noext.xlsx").exists() and not (tmp_path / "ep_noext").exists()
    assert (tmp_path / "ep_pdf.pdf").exists() and not (tmp_path / "ep_pdf").exists()


def _cancelled_as_it_ends(result):
    """Work that does not ask whether to go on: the user cancels while it runs, and it ends anyway."""
    from PySide6.QtCore import QThread

    def work(*_args, **_kwargs):
        QThread.currentThread().cancelled = True          # (the job running it: Cancel pressed meanwhile)
        return result
    return work


def test_a_check_cancelled_says_so_and_shows_no_answer_later(window, monkeypatch, messages):
    """Like an import's reading (found by a tester): a cancelled check that ended anyway showed its answer."""
    from ogsm_desktop.gui.controllers import files

    monkeypatch.setattr(files, "check", _cancelled_as_it_ends("the plan file is sound"))
    assert window.files.check_plan() is False
    assert messages.shown == [] and window.statusBar().currentMessage() == "The check was cancelled"


def test_a_report_cancelled_while_it_is_prepared_goes_no_further(window, monkeypatch, messages):
    from ogsm_desktop.core import report_data

    monkeypatch.setattr(report_data, "gather", _cancelled_as_it_ends(object()))
    assert window.reports._gather(report_data.ReportOptions()) is None
    assert window.statusBar().currentMessage() == "The report was cancelled: nothing was written"
