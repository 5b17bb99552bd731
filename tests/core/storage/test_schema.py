"""The schema: new plans at the current version, migrations of older plans with a backup first."""

import sqlite3

import pytest

from ogsm_desktop.core.storage import Plan
from ogsm_desktop.core.storage.schema import SCHEMA_VERSION


def test_new_plan_has_a_rollback_journal_and_the_current_schema(tmp_path):
    path = tmp_path / "new.ogsm"
    Plan.create(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"      # whole in one file
    assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
    conn.close()


def test_older_plan_is_backed_up_and_migrated(tmp_path, monkeypatch):
    from ogsm_desktop.core.storage import schema

    path = tmp_path / "old.ogsm"
    Plan.create(path).close()

    def add_weight_note(db):
        db["meta"].insert({"key": "migrated", "value": "yes"})

    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(schema.MIGRATIONS, SCHEMA_VERSION + 1, add_weight_note)
    with Plan.open(path) as plan:
        assert plan.meta.get("migrated") == "yes"
        assert plan.schema_version == SCHEMA_VERSION + 1
    assert (tmp_path / f"old.ogsm.schema{SCHEMA_VERSION}.bak").exists()


def _plan_of_schema(path, version, monkeypatch):
    """A plan file written by the program as it was at schema ``version``, holding one objective."""
    from ogsm_desktop.core.storage import schema

    monkeypatch.setattr(schema, "SCHEMA_VERSION", version)
    Plan.create(path).close()
    monkeypatch.undo()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO batches (at, who, kind, reason, node_changes) VALUES ('2026-01-05', 'li', 'edit', '', 1)")
        top = conn.execute("INSERT INTO nodes (kind, code, title) VALUES ('objective', 'C', '成为第一入口')").lastrowid
        conn.execute("INSERT INTO used_codes VALUES ('C', ?)", (top,))
    conn.close()
    return path


def test_a_schema_1_plan_is_migrated_to_the_current_schema_with_a_backup(tmp_path, monkeypatch):
    path = _plan_of_schema(tmp_path / "v1.ogsm", 1, monkeypatch)
    with Plan.open(path) as plan:
        assert plan.schema_version == SCHEMA_VERSION == 6
        node = plan.nodes.by_code("C")
        assert (node.title, node.streak, node.alerts_off) == ("成为第一入口", None, "")
    conn = sqlite3.connect(path)
    assert {r[1] for r in conn.execute("PRAGMA index_list(actuals)")} == {"actuals_now"}
    conn.close()
    assert (tmp_path / "v1.ogsm.schema1.bak").exists()


def test_a_schema_2_plan_gets_a_journal_of_its_settings(tmp_path, monkeypatch):
    path = _plan_of_schema(tmp_path / "v2.ogsm", 2, monkeypatch)
    with Plan.open(path) as plan:
        assert plan.journal.batches()[0].meta_changes == 0          # older batches keep their counts
        with plan.batch("edit", "改名") as changes:
            plan.meta.set("name", "京东新能源汽车 OGSM 2026")
        assert changes.meta == {"name": (None, "京东新能源汽车 OGSM 2026")}
        assert [(m.key, m.old, m.new) for m in plan.journal.meta_rows()] == [("name", None, "京东新能源汽车 OGSM 2026")]
        plan.revert_batch(changes.batch_id, "undo")
        assert plan.meta.get("name") is None
    assert (tmp_path / "v2.ogsm.schema2.bak").exists()


def test_an_older_plan_is_read_without_being_changed(tmp_path, monkeypatch, capsys):
    """Read-only opens never migrated, so reading commands failed on an older plan ("no such table")."""
    from ogsm_desktop.cli import main
    from tests.helpers import file_digest

    path = _plan_of_schema(tmp_path / "v2.ogsm", 2, monkeypatch)
    digest = file_digest(path)
    for command in (["history", path], ["tree", path], ["versions", path], ["diff", path, "now"]):
        assert main([str(a) for a in command]) == 0, capsys.readouterr().err
    assert "成为第一入口" in capsys.readouterr().out
    with Plan.open(path, readonly=True) as plan:
        assert plan.schema_version == SCHEMA_VERSION and plan.journal.meta_rows() == []
    assert file_digest(path) == digest
    assert not (tmp_path / "v2.ogsm.schema2.bak").exists()


def test_the_backup_before_a_migration_holds_what_is_still_in_the_wal(tmp_path, monkeypatch):
    """The backup copied the main file only: changes still in the -wal were not in it."""
    path = _plan_of_schema(tmp_path / "v2.ogsm", 2, monkeypatch)
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    with writer:
        writer.execute("INSERT INTO nodes (kind, code, title, parent_id) VALUES ('goal', 'C-G9', '仍在WAL里', 1)")
    assert (tmp_path / "v2.ogsm-wal").stat().st_size > 0
    with Plan.open(path) as plan:
        assert plan.nodes.by_code("C-G9").title == "仍在WAL里"
    writer.close()
    backup = sqlite3.connect(tmp_path / "v2.ogsm.schema2.bak")
    assert backup.execute("SELECT title FROM nodes WHERE code = 'C-G9'").fetchone() == ("仍在WAL里",)
    assert backup.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("2",)
    backup.close()


def test_the_structure_a_plan_is_checked_against_is_what_the_migrations_make():
    import sqlite_utils

    from ogsm_desktop.core.storage import schema
    from ogsm_desktop.core.storage.inspect import _objects, expected

    for version in range(1, SCHEMA_VERSION + 1):
        conn = sqlite3.connect(":memory:")
        db = sqlite_utils.Database(conn)
        for step in range(1, version + 1):
            schema.MIGRATIONS[step](db)
        found = _objects(conn)
        want = expected(version)
        assert {name: cols for (kind, name), cols in found.items() if kind == "table"} == want.tables
        assert {name for kind, name in found if kind == "index"} == want.indexes
        conn.close()


def test_a_schema_3_plan_gets_period_figures_percent_measures_averaging(tmp_path, monkeypatch):
    path = _plan_of_schema(tmp_path / "v3.ogsm", 3, monkeypatch)
    conn = sqlite3.connect(path)
    with conn:
        top = conn.execute("SELECT id FROM nodes WHERE code = 'C'").fetchone()[0]
        for code, unit in (("C-G1", "%"), ("C-G2", "万辆")):
            nid = conn.execute("INSERT INTO nodes (kind, code, title, parent_id, unit) VALUES ('goal', ?, 'g', ?, ?)",
                               (code, top, unit)).lastrowid
            conn.execute("INSERT INTO used_codes VALUES (?, ?)", (code, nid))
    conn.close()
    with Plan.open(path) as plan:
        assert plan.nodes.by_code("C-G1").aggregation == "average"        # judged as before: a level
        assert plan.nodes.by_code("C-G2").aggregation == "average"
        assert plan.nodes.by_code("C-G2").target_mode == "period"


def test_a_second_reader_is_offered_only_where_it_reads_what_the_plan_reads(tmp_path, monkeypatch):
    """Plan.side_reader: reads on a second connection (alerts of a big plan) must see the plan's state; an
    older plan is read from an up-to-date copy in memory, which a second connection to the file would not
    see (its tables are of the older schema)."""
    path = _plan_of_schema(tmp_path / "v2.ogsm", 2, monkeypatch)
    with Plan.open(path, readonly=True) as older:
        assert older.side_reader() is None
    with Plan.in_memory() as memory:
        assert memory.side_reader() is None
    with Plan.open(path) as plan:                         # migrated on opening: now the current schema
        top = plan.nodes.by_code("C")
        with plan.batch("edit"):
            assert plan.side_reader() is None             # a batch running: its changes are not committed
        with plan.side_reader() as side:
            assert side.first_ends([top.id]) == plan.actuals.first_ends([top.id]) == {}


def test_no_second_reader_of_a_plan_whose_file_was_replaced_while_open(tmp_path):
    """The plan's connection keeps reading the file it opened; a second connection would open the file now at
    its path (a sync tool's or another program's save) and mix the two files' numbers."""
    import os
    import shutil

    path, other = tmp_path / "plan.ogsm", tmp_path / "other.ogsm"
    Plan.create(path).close()
    shutil.copyfile(path, other)
    for readonly in (True, False):
        with Plan.open(path, readonly=readonly) as plan:
            with plan.side_reader() as side:
                assert side is not None
            replacement = tmp_path / "replacement.ogsm"
            shutil.copyfile(other, replacement)
            os.replace(replacement, path)
            assert plan.side_reader() is None


def reads(plan, node_id):
    """What a plan says of a measure's values: each read of them, in its order."""
    a = plan.actuals
    return (a.of(node_id), a.latest(), a.history(), list(a.iter_current()), a.recent_values(9, [node_id]),
            a.between("2026-01-01", "2027-12-31"))


def test_a_schema_5_plan_keeps_its_values_under_one_index_of_current_values(tmp_path, monkeypatch):
    """Schema 6 replaces the two indexes of current values (by node and period; by node and period end) by
    one (by node, period end and period): the values, their order and the newest one stay, and a period
    still holds one current value."""
    from ogsm_desktop.core.model import Kind
    from ogsm_desktop.core.storage import schema

    path = tmp_path / "v5.ogsm"
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 5)
    with Plan.create(path) as plan:
        top = plan.nodes.add(None, Kind.OBJECTIVE, title="成为第一入口")
        goal = plan.nodes.add(top.id, Kind.GOAL, title="市占率", target=10)
        rows = [(goal.id, p, a, 10.0, "") for p, a in (("2026-Q4", 4.0), ("2026", 9.0), ("2026-12", 3.0),
                                                       ("2026-11", 2.0), ("2027-01", None))]
        plan.actuals.write(rows)
        plan.actuals.write([(goal.id, "2026-11", 2.5, 10.0, "修正")])
        before = reads(plan, goal.id)
    monkeypatch.undo()
    conn = sqlite3.connect(path)
    assert {r[1] for r in conn.execute("PRAGMA index_list(actuals)")} == {"actuals_current", "actuals_recent"}
    conn.close()
    with Plan.open(path) as plan:
        assert plan.schema_version == 6
        assert reads(plan, goal.id) == before
        assert plan.actuals.latest()[goal.id].period == "2026-12"       # the year, Q4 and December end alike
        with pytest.raises(sqlite3.IntegrityError):
            plan.conn.execute("INSERT INTO actuals (node_id, period, period_end, actual, batch_id) "
                              "VALUES (?, '2026-11', '2026-11-30', 1, 1)", (goal.id,))
    conn = sqlite3.connect(path)
    assert {r[1] for r in conn.execute("PRAGMA index_list(actuals)")} == {"actuals_now"}
    conn.close()
    assert (tmp_path / "v5.ogsm.schema5.bak").exists()


def test_a_conversion_that_fails_leaves_no_connection_to_the_plan(tmp_path, monkeypatch):
    """The connection opened for the conversion stayed open while the error was kept (the window keeps it
    to say it): on Windows, a handle on the file."""
    from ogsm_desktop.core.errors import PlanFileError
    from ogsm_desktop.core.storage import schema
    from tests.helpers import open_on

    path = _plan_of_schema(tmp_path / "v5.ogsm", 5, monkeypatch)

    def full_disk(db):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setitem(schema.MIGRATIONS, 6, full_disk)
    with pytest.raises(PlanFileError, match="full") as refused:
        Plan.open(path)
    assert refused.value is not None and open_on(path) in ([], None)
