"""A big plan opens in the background: its tree is shown at once (a read-only glance), the plan itself
takes its place when checked and read, keeping the branches opened and the row chosen meanwhile. The
size above which a plan opens so is lowered here so that the demo plan does."""

import sqlite3

import pytest
from PySide6.QtCore import Qt

from ogsm_desktop.core.lock import PlanLock
from ogsm_desktop.core.storage import Plan
from ogsm_desktop.gui.controllers import opening
from ogsm_desktop.gui.main_window import MainWindow
from ogsm_desktop.gui.models.plan_model import COLUMNS, NODE_ID_ROLE


@pytest.fixture
def in_background(monkeypatch):
    monkeypatch.setattr(opening, "IN_BACKGROUND_ABOVE", 0)


@pytest.fixture
def bare_window(qtbot, settings, messages):
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    win.close()


def _free(path) -> bool:
    """Whether nobody holds the plan's lock."""
    try:
        PlanLock(path).acquire().release()
    except Exception:
        return False
    return True


def _row_texts(win, column="title", parent=None):
    proxy = win.proxy
    parent = parent if parent is not None else proxy.index(-1, -1)
    return [proxy.index(r, COLUMNS.index(column), parent).data() for r in range(proxy.rowCount(parent))]


def _proxy_index(win, node_id):
    """The tree's index of ``node_id`` among the rows read so far (searched as the view shows them)."""
    proxy, todo = win.proxy, [win.proxy.index(-1, -1)]
    while todo:
        parent = todo.pop()
        for row in range(proxy.rowCount(parent)):
            index = proxy.index(row, 0, parent)
            if index.data(NODE_ID_ROLE) == node_id:
                return index
            if win.tree_view.isExpanded(index):
                todo.append(index)
    raise AssertionError(f"node {node_id} is not shown")


def test_big_plan_shows_its_tree_at_once_then_becomes_the_plan(qtbot, bare_window, demo_path, in_background):
    with Plan.open(demo_path, readonly=True) as plan:
        tree = plan.nodes.tree()
        top = tree.roots()[0]
        strategy = next(n for n in tree.kids(top.id) if n.kind == "strategy")
        below = tree.kids(strategy.id)[0]
    win = bare_window
    assert win.open_plan(demo_path)
    # at once, before the worker is heard from: the tree as the file has it, nothing to edit
    assert win.session is None and win.opening.busy
    assert _row_texts(win) == [top.title]
    assert win.busy_bar.isVisible()
    assert not win.action("addChild").isEnabled() and not win.action("deleteNode").isEnabled()
    assert not win.filter_bar.isEnabled()
    # the user opens a strategy and picks a row under it while the plan is read
    win.tree_view.expand(_proxy_index(win, strategy.id))
    win.tree_view.setCurrentIndex(_proxy_index(win, below.id))
    with qtbot.waitSignal(win.opening.opened, timeout=20000):
        pass
    assert win.session is not None and not win.opening.busy
    assert not win.busy_bar.isVisible() and win.filter_bar.isEnabled()
    assert win.current_node_id() == below.id                     # the row chosen stays chosen
    assert win.tree_view.isExpanded(_proxy_index(win, strategy.id))
    assert win.proxy.index(0, COLUMNS.index("status")).data()      # statuses are shown now
    assert win.settings.last_plan == str(demo_path.resolve())
    # and it is the plan: an edit is journaled
    assert win.session.perform("rename", lambda: win.session.plan.nodes.update(top.id, title="Renamed"))
    with Plan.open(demo_path, readonly=True) as plan:
        assert plan.nodes.get(top.id).title == "Renamed"


def _as_format_5(path) -> None:
    """Make ``path`` a plan as format 5 left it: its two indexes of current values, its format number."""
    with sqlite3.connect(path) as conn:
        conn.execute("DROP INDEX actuals_now")
        conn.execute("CREATE UNIQUE INDEX actuals_current ON actuals (node_id, period) WHERE ended_batch IS NULL")
        conn.execute("CREATE INDEX actuals_recent ON actuals (node_id, period_end) WHERE ended_batch IS NULL")
        conn.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    conn.close()


def test_a_big_plan_of_an_older_format_opens_in_the_background_too(qtbot, bare_window, demo_path, in_background):
    """The first opening of a big plan after an update converts it: that, too, behind its tree shown at once
    (it was done with the window held up, as for a plan too small to open in the background)."""
    _as_format_5(demo_path)
    with Plan.open(demo_path, readonly=True) as plan:        # read from an up-to-date copy; the file is left
        tree = plan.nodes.tree()
        top = tree.roots()[0]
        strategy = next(n for n in tree.kids(top.id) if n.kind == "strategy")
        numbers = list(plan.actuals.iter_current())
    win = bare_window
    holder = sqlite3.connect(demo_path, isolation_level=None)
    try:
        assert win.open_plan(demo_path)
        # the conversion holds the file for seconds: the glance has read every row before, and reads
        # nothing from it meanwhile (a read would wait for the lock)
        holder.execute("BEGIN EXCLUSIVE")
        assert win.session is None and win.opening.busy
        assert not win.opening.glance.glance.reads_the_file
        assert _row_texts(win) == [top.title]
        win.tree_view.expand(_proxy_index(win, top.id))
        win.tree_view.expand(_proxy_index(win, strategy.id))
        assert _row_texts(win, parent=_proxy_index(win, strategy.id)) == [n.title for n in tree.kids(strategy.id)]
    finally:
        holder.close()
    with qtbot.waitSignal(win.opening.opened, timeout=20000):
        pass
    assert win.session is not None and win.session.plan.schema_version == 6
    assert list(win.session.plan.actuals.iter_current()) == numbers
    assert win.proxy.index(0, COLUMNS.index("status")).data()
    assert (demo_path.parent / f"{demo_path.name}.schema5.bak").exists()      # the plan as it was, kept aside
    assert f"{demo_path.name}.schema5.bak" in win.statusBar().currentMessage()  # and the user is told where
    with sqlite3.connect(demo_path) as conn:
        assert {r[1] for r in conn.execute("PRAGMA index_list(actuals)")} == {"actuals_now"}
    conn.close()


def test_opening_a_plan_of_an_older_format_says_where_the_plan_as_it_was_is_kept(bare_window, demo_path, tmp_path,
                                                                                   monkeypatch):
    small = tmp_path / "small.ogsm"
    small.write_bytes(demo_path.read_bytes())
    _as_format_5(small)
    _sync_open(bare_window, small, monkeypatch)
    assert bare_window.session.plan.schema_version == 6
    assert "small.ogsm.schema5.bak" in bare_window.statusBar().currentMessage()
    _sync_open(bare_window, demo_path, monkeypatch)                      # a plan of this format: nothing said
    assert "schema" not in bare_window.statusBar().currentMessage()


def test_a_damaged_big_plan_is_refused_once_checked_and_left_unchanged(qtbot, bare_window, demo_path, messages,
                                                                       in_background):
    with sqlite3.connect(demo_path) as conn:          # damage the checks find and a glance does not mind
        conn.execute("UPDATE nodes SET kind = 'bogus' WHERE id = (SELECT max(id) FROM nodes)")
    conn.close()
    before = demo_path.read_bytes()
    win = bare_window
    assert win.open_plan(demo_path)
    assert _row_texts(win)                              # shown while checked
    with qtbot.waitSignal(win.opening.opened, timeout=20000):
        pass
    assert any("bogus" in text for text in messages.texts("critical"))
    assert demo_path.read_bytes() == before
    PlanLock(demo_path).acquire().release()            # the lock was let go
    # no plan was open before it (as at start-up): the default plan is opened instead
    from ogsm_desktop.core.paths import ensure_default_plan

    qtbot.waitUntil(lambda: win.session is not None, timeout=20000)
    assert win.session.plan.path == ensure_default_plan()


def test_closing_the_window_while_a_big_plan_opens(qtbot, settings, demo_path, messages, in_background):
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    assert win.open_plan(demo_path)
    win.close()
    assert not win.opening.busy and win.session is None
    PlanLock(demo_path).acquire().release()
    assert messages.shown == []


def test_opening_another_plan_meanwhile_drops_the_first(qtbot, bare_window, demo_path, tmp_path, monkeypatch):
    other = tmp_path / "other.ogsm"
    other.write_bytes(demo_path.read_bytes())
    win = bare_window
    monkeypatch.setattr(opening, "IN_BACKGROUND_ABOVE", 0)
    assert win.open_plan(demo_path)
    monkeypatch.setattr(opening, "IN_BACKGROUND_ABOVE", 1 << 40)
    assert win.open_plan(other)                         # a small plan: opened at once, not waiting for the first
    assert win.session is not None and win.session.plan.path == other
    qtbot.waitUntil(lambda: _free(demo_path), timeout=20000)     # let go when its worker has finished
    qtbot.wait(50)
    assert win.session.plan.path == other               # the first one's late answer changes nothing


def test_a_big_plan_open_elsewhere_is_refused_at_once(bare_window, demo_path, tmp_path, messages, in_background):
    other = tmp_path / "other.ogsm"
    other.write_bytes(demo_path.read_bytes())
    win = bare_window
    assert win.open_plan(demo_path)
    with PlanLock(other):                                # another program has it open for editing
        assert not win.open_plan(other)
    assert messages.texts("critical") and "elsewhere" in messages.texts("critical")[0]
    assert win.opening.busy                              # the plan being opened goes on opening


def test_glance_rows_are_read_only(bare_window, demo_path, in_background):
    win = bare_window
    assert win.open_plan(demo_path)
    index = win.proxy.index(0, 0)
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable
    assert not index.flags() & Qt.ItemFlag.ItemIsDragEnabled


def _sync_open(win, path, monkeypatch):
    monkeypatch.setattr(opening, "IN_BACKGROUND_ABOVE", 1 << 40)
    assert win.open_plan(path) and win.session is not None
    monkeypatch.setattr(opening, "IN_BACKGROUND_ABOVE", 0)


def test_a_filter_left_on_from_the_plan_before_stays_on_the_plan(qtbot, bare_window, demo_path, tmp_path,
                                                                 monkeypatch):
    """The glance shows every row (it has nothing to filter on); the plan, once read, is filtered again.
    (The filter left on used to fail the open and keep the new plan's file locked.)"""
    before = tmp_path / "before.ogsm"
    with Plan.create(before) as plan, plan.batch("edit", "a plan whose node ids are not the demo's"):
        plan.nodes.delete(plan.nodes.add(None, "objective", code="X", title="x").id)
        plan.nodes.add(None, "objective", code="Y", title="C-S1-M1")
    win = bare_window
    _sync_open(win, before, monkeypatch)
    win.filter_bar.find.setText("C-S1-M1")
    win._apply_filter()
    assert win.proxy.active
    assert win.open_plan(demo_path)
    assert _row_texts(win)
    with qtbot.waitSignal(win.opening.opened, timeout=20000):
        pass
    assert win.session.plan.path == demo_path
    shown = []
    todo = [win.proxy.index(-1, -1)]
    while todo:
        parent = todo.pop()
        for row in range(win.proxy.rowCount(parent)):
            todo.append(win.proxy.index(row, 0, parent))
            shown.append(win.proxy.index(row, COLUMNS.index("code"), parent).data())
    assert "C-S1-M1" in shown and "C-S2" not in shown


def test_a_late_answer_of_a_cancelled_open_changes_nothing(qtbot, bare_window, demo_path, tmp_path, in_background):
    other = tmp_path / "other.ogsm"
    other.write_bytes(demo_path.read_bytes())
    win = bare_window
    assert win.open_plan(demo_path)
    win.opening.job.wait()                  # its answer is on its way to the window, not yet taken
    assert win.open_plan(other)
    with qtbot.waitSignal(win.opening.opened, timeout=20000):
        pass
    assert win.session is not None and win.session.plan.path == other
    PlanLock(demo_path).acquire().release()
    qtbot.wait(50)
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert win.opening.findChildren(opening.OpenJob) == []       # finished workers are let go


def test_a_big_plan_refused_once_checked_gives_the_plan_before_back(qtbot, bare_window, demo_path, tmp_path,
                                                                    messages, monkeypatch):
    before = tmp_path / "before.ogsm"
    before.write_bytes(demo_path.read_bytes())
    win = bare_window
    _sync_open(win, before, monkeypatch)
    with sqlite3.connect(demo_path) as conn:
        conn.execute("UPDATE nodes SET kind = 'bogus' WHERE id = (SELECT max(id) FROM nodes)")
    conn.close()
    assert win.open_plan(demo_path)
    with qtbot.waitSignal(win.opening.opened, timeout=20000):
        pass
    assert any("bogus" in text for text in messages.texts("critical"))
    qtbot.waitUntil(lambda: win.session is not None, timeout=20000)
    assert win.session.plan.path == before


def test_a_plan_left_in_wal_mode_opens_at_once_and_leaves_it(bare_window, demo_path, in_background):
    """A reader beside would keep the plan in WAL mode (opening it puts it back in rollback mode)."""
    conn = sqlite3.connect(demo_path)
    assert conn.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    conn.close()
    win = bare_window
    assert win.open_plan(demo_path)
    assert win.session is not None and not win.opening.busy
    with open(demo_path, "rb") as fh:
        assert fh.read(20)[18] == 1                 # rollback mode again


def test_no_department_banner_over_the_glance(qtbot, bare_window, demo_path, tmp_path, monkeypatch):
    from ogsm_desktop.core import departments

    d1 = tmp_path / "d1.ogsm"
    with Plan.open(demo_path) as plan:
        departments.split(plan, "D1", d1)
    win = bare_window
    _sync_open(win, d1, monkeypatch)
    assert win.departments.banner.isVisible()
    assert win.open_plan(demo_path)
    assert not win.departments.banner.isVisible()
    with qtbot.waitSignal(win.opening.opened, timeout=20000):
        pass
    assert not win.departments.banner.isVisible()
