"""Damaged plans are refused with one clear line and left untouched; a damaged row is named, never a crash."""

import json
import os
import random
import sqlite3
import threading
from pathlib import Path

import pytest

from ogsm_desktop.cli import main
from ogsm_desktop.core import versions as ver
from ogsm_desktop.core.errors import PlanFileError
from ogsm_desktop.core.storage import Plan, journal
from ogsm_desktop.core.storage.errors import DamagedPlanError
from ogsm_desktop.core.storage.journal import JournalStore, UndoRows
from tests.helpers import file_digest, write_xlsx


def tamper(path, *statements):
    conn = sqlite3.connect(path)
    with conn:
        for sql in statements:
            conn.execute(sql)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _rows(undo: UndoRows) -> list[tuple]:
    """The journal rows read to undo, each as ``(id, node id, action, field, old)``."""
    return list(zip(*undo, strict=True))


def refused(path, capsys, message):
    """Refused unchanged by every way of opening it, with one line naming the file."""
    digest = file_digest(path)
    for readonly in (False, True):
        with pytest.raises(PlanFileError, match=message) as exc:
            Plan.open(path, readonly=readonly)
        assert str(path) in str(exc.value) and "\n" not in str(exc.value)
    for command in (["tree", path], ["history", path], ["snapshot", path, "--name", "x", "--reason", "y"]):
        assert main([str(a) for a in command]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and message.split("(")[0].strip() in err
    assert file_digest(path) == digest


@pytest.mark.parametrize(("statement", "what"), [
    ("DROP TABLE versions", "table versions is missing"),
    ("ALTER TABLE nodes RENAME COLUMN owner TO owner_name", "table nodes has columns that are not a plan's"),
    ("ALTER TABLE batches DROP COLUMN meta_changes", "table batches has columns that are not a plan's"),
])
def test_a_plan_whose_tables_were_changed_is_refused(demo_path, capsys, statement, what):
    tamper(demo_path, statement)
    refused(demo_path, capsys, f"damaged: {what}")


@pytest.mark.parametrize("value", ["abc", "", "-1", "0", "1.5", "99999999999999999999"])
def test_a_damaged_format_number_is_refused(demo_path, capsys, value):
    tamper(demo_path, f"UPDATE meta SET value = '{value}' WHERE key = 'schema_version'")
    refused(demo_path, capsys, "damaged: its format number")


@pytest.mark.parametrize("statement", [
    "CREATE TRIGGER wipe AFTER UPDATE ON nodes BEGIN DELETE FROM journal; END",
    "CREATE VIEW everything AS SELECT * FROM nodes",
    "CREATE TABLE notes (x)",
])
def test_a_plan_with_objects_the_program_did_not_make_is_refused(demo_path, capsys, statement):
    """A crafted plan (a department's file, a plan mailed in) must not change or delete history when edited."""
    tamper(demo_path, statement)
    refused(demo_path, capsys, "contains")


def test_a_pipe_named_like_a_plan_is_refused_at_once(tmp_path, capsys):
    fifo = tmp_path / "x.ogsm"
    os.mkfifo(fifo)
    result = []
    worker = threading.Thread(target=lambda: result.append(main(["tree", str(fifo)])), daemon=True)
    worker.start()
    worker.join(5)
    assert result == [1], "tree hung on a pipe"
    assert "not a regular file" in capsys.readouterr().err


def test_damaged_text_in_the_journal_names_the_row(demo_path, capsys):
    """Damage integrity_check does not see crashed history, diff and restore."""
    tamper(demo_path, "UPDATE journal SET old = '{\"title\": broken' WHERE id = (SELECT MIN(id) FROM journal "
                      "WHERE action = 'update')")
    row = sqlite3.connect(demo_path).execute("SELECT MIN(id) FROM journal WHERE action = 'update'").fetchone()[0]
    digest = file_digest(demo_path)
    for command in (["history", demo_path], ["diff", demo_path, "2026年度计划"],
                    ["restore", demo_path, "2026年度计划", "--reason", "x"]):
        assert main([str(a) for a in command]) == 1
        err = capsys.readouterr().err
        assert f"journal row {row} is damaged" in err and err.count("\n") == 1
    assert file_digest(demo_path) == digest


def test_damaged_values_that_read_as_json_only_together_are_still_named(demo_path):
    """The journal's values are read back in one go; three damaged ones that make valid JSON side by side
    ('1,2', '[3', '4]') must not shift the others into the wrong rows. (Opening refuses such a file; this
    reads the journal past that check, as a file damaged while open would be read.)"""
    conn = sqlite3.connect(demo_path)
    rows = [r[0] for r in conn.execute("SELECT id FROM journal WHERE action = 'update' ORDER BY id DESC LIMIT 3")]
    good = _rows(JournalStore(conn, "plan").undo_rows(0))
    tamper(demo_path, *(f"UPDATE journal SET old = '{text}' WHERE id = {row}"
                        for text, row in zip(("1,2", "[3", "4]"), reversed(rows), strict=True)))
    first = conn.execute(f"SELECT id FROM journal WHERE id IN ({', '.join(map(str, rows))}) "   # the first one read
                         "ORDER BY node_id, id DESC").fetchone()[0]
    with pytest.raises(DamagedPlanError, match=f"journal row {first} is damaged"):
        JournalStore(conn, "plan").undo_rows(0)
    tamper(demo_path, f"UPDATE journal SET old = 'NaN' WHERE id = {rows[0]}",     # Python reads what SQLite calls
           f"UPDATE journal SET old = '1' WHERE id IN ({rows[1]}, {rows[2]})")   # not JSON: read row by row
    again = _rows(JournalStore(conn, "plan").undo_rows(0))
    order = [r[0] for r in conn.execute("SELECT id FROM journal ORDER BY node_id, id DESC")]     # the rows' order
    at = [order.index(row) for row in rows]
    assert len(again) == len(good) and again[at[0]][4] != again[at[0]][4]           # NaN, in its own row
    assert again[at[1]][4] == again[at[2]][4] == 1
    assert [r for i, r in enumerate(again) if i not in at] == [r for i, r in enumerate(good) if i not in at]


def test_journal_values_read_in_one_go_are_each_the_value_written(demo_path):
    """SQLite gathers the values into one array for Python to read at once: every value must come back as
    reading its own text gives, digits, escapes and nesting as written, and in the rows' order."""
    texts = ['12345678901234567', '0.30000000000000004', '1952.8500000000001', '-0.0', '1e20',
             '"\\u4e2d \\"quoted\\" \\\\ ],[ 0"', '"负责人 \\n 二"', '{"a": [1, {"b": null}], "c": "x"}',
             '[]', 'true', ' 5 ']
    conn = sqlite3.connect(demo_path)
    rows = [r[0] for r in conn.execute(f"SELECT id FROM journal WHERE action <> 'delete' ORDER BY id DESC "
                                       f"LIMIT {len(texts)}")]
    tamper(demo_path, *(f"UPDATE journal SET old = '{text}' WHERE id = {row}" for text, row in zip(texts, rows,
                                                                                                  strict=True)))
    read = _rows(JournalStore(conn, "plan").undo_rows(0))
    assert [r[0] for r in read] == [r[0] for r in conn.execute("SELECT id FROM journal ORDER BY node_id, id DESC")]
    by_id = {r[0]: r[4] for r in read}
    for text, row in zip(texts, rows, strict=True):
        assert by_id[row] == json.loads(text) and type(by_id[row]) is type(json.loads(text)), text
    assert repr(by_id[rows[3]]) == "-0.0" and by_id[rows[0]] == 12345678901234567


@pytest.mark.parametrize("text", ["'quoted'", "[1,]", "0x10", ".5", "NaN"])
def test_a_journal_value_only_json5_reads_is_named_or_read_as_python_reads_it(demo_path, text):
    """Found by a review: from SQLite 3.42 on, its json() reads JSON5 ('quoted', [1,], 0x10, .5, NaN as null)
    and wrote it out as JSON, so a damaged value read in one go came back as a value its own text does not
    give. Each value read in one go is checked as strict JSON first."""
    conn = sqlite3.connect(demo_path)
    row = conn.execute("SELECT MIN(id) FROM journal WHERE action = 'update'").fetchone()[0]
    tamper(demo_path, f"UPDATE journal SET old = {text!r} WHERE id = {row}")
    if text == "NaN":                                     # Python's own reading of the row's text: nan
        value = next(r[4] for r in _rows(JournalStore(conn, "plan").undo_rows(0)) if r[0] == row)
        assert value != value
        return
    with pytest.raises(DamagedPlanError, match=f"journal row {row} is damaged"):
        JournalStore(conn, "plan").undo_rows(0)


def test_a_journal_value_kept_as_a_blob_reads_as_its_text(demo_path):
    """SQLite calls a blob valid JSON; the values are still read, as they were before they were read in one go."""
    conn = sqlite3.connect(demo_path)
    good = JournalStore(conn, "plan").undo_rows(0)
    tamper(demo_path, "UPDATE journal SET old = CAST(old AS BLOB) WHERE id = (SELECT MAX(id) FROM journal "
                      "WHERE action = 'update')")
    assert JournalStore(conn, "plan").undo_rows(0) == good


def test_a_damaged_node_that_no_state_compared_holds_does_not_stop_a_comparison(demo_path):
    """A node added and deleted again after a version: its journaled fields are not read as a node unless
    it is in one of the states compared (a kind this program does not know stopped the comparison)."""
    with Plan.open(demo_path) as plan:
        with plan.batch("edit", "add"):
            node = plan.nodes.add(plan.nodes.by_code("C-S1").id, "action", title="短暂")
        with plan.batch("edit", "delete"):
            plan.nodes.delete(node.id)
        with plan.batch("edit", "rename"):
            plan.nodes.update(plan.nodes.by_code("C-S1").id, title="改名")
    tamper(demo_path, "UPDATE journal SET old = json_set(old, '$.kind', 'bogus') WHERE id = (SELECT MAX(id) "
                      "FROM journal WHERE action = 'delete')")
    with Plan.open(demo_path) as plan:
        diff = ver.compare(plan, ver.resolve(plan, "2026年度计划"), ver.resolve(plan, None))
        assert ("changed", "C-S1") in {(c.change, c.node.code) for c in diff.nodes}
        assert node.id not in {c.node.id for c in diff.nodes}


def test_a_node_with_a_damaged_value_is_named(demo_path, capsys):
    tamper(demo_path, "UPDATE nodes SET kind = 'goa1' WHERE code = 'C-G1'",
           "UPDATE nodes SET target = 'lots' WHERE code = 'C-G2'")
    node = sqlite3.connect(demo_path).execute("SELECT id FROM nodes WHERE code = 'C-G1'").fetchone()[0]
    assert main(["tree", str(demo_path)]) == 1
    err = capsys.readouterr().err
    assert f"node {node} (C-G1) is damaged: kind “goa1”" in err and err.count("\n") == 1


def test_invalid_text_encoding_is_named_not_a_traceback(demo_path, capsys):
    tamper(demo_path, "UPDATE nodes SET title = CAST(X'E6B5FF' AS TEXT) WHERE code = 'C-S1'")
    assert main(["tree", str(demo_path)]) == 1
    err = capsys.readouterr().err
    assert "C-S1" in err and "damaged" in err and err.count("\n") == 1


def _flip(data: bytearray, rng: random.Random, page_size: int = 4096) -> None:
    for _ in range(rng.randint(1, 8)):
        page = rng.randrange(1, len(data) // page_size)      # page 0 holds the header: damage it too, sometimes
        if rng.random() < 0.1:
            page = 0
        offset = page * page_size + rng.randrange(page_size)
        data[offset] ^= 1 << rng.randrange(8)


def test_flipped_bits_are_refused_or_read_never_written_and_never_a_traceback(demo_path, tmp_path, capsys):
    """Files with flipped bits showed data, got written (25 of 330 runs) or ended in tracebacks."""
    tamper(demo_path)
    clean = bytearray(demo_path.read_bytes())
    rng = random.Random(20261201)
    workbook = write_xlsx(tmp_path / "numbers.xlsx", {"Actuals": [["Code", "Period", "Actual"],
                                                                  ["C-S1-M2", "2026-11", 18800]]})
    refusals = 0
    for run in range(150):
        data = bytearray(clean)
        _flip(data, rng)
        path = tmp_path / f"flipped{run}.ogsm"
        path.write_bytes(bytes(data))
        codes = {}
        for args in (["tree", path], ["history", path], ["check", path],
                     # the import reads the plan while the file is checked: every third run
                     *([["import", path, workbook, "--dry-run"]] if run % 3 == 0 else []),
                     ["snapshot", path, "--name", f"v{run}", "--reason", "r"]):
            code = codes[args[0]] = main([str(a) for a in args])
            out, err = capsys.readouterr()
            assert code in (0, 1), (run, args, err)
            if code == 1:
                assert err.count("\n") == 1 and "unexpected error" not in err, (run, args, err)
        # nothing is written to a plan `check` calls damaged (snapshot wrote to 3 of them)
        assert not (codes["check"] == 1 and codes["snapshot"] == 0), run
        assert not (codes["check"] == 1 and codes.get("import") == 0), run      # what it read was not believed
        if code == 1:                                     # a refused snapshot wrote nothing
            refusals += 1
            assert path.read_bytes() == bytes(data), run
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    assert refusals > 0


def test_check_reports_in_one_line(demo_path, capsys):
    assert main(["check", str(demo_path)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.startswith(f"{demo_path}: the plan file is sound (53 nodes,")
    tamper(demo_path, "UPDATE journal SET new = 'not json' WHERE id = 3")
    assert main(["check", str(demo_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "journal row 3 is damaged" in err


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_broken_file_is_said_in_the_planners_words_and_check_does_not_send_to_itself(demo_path, capsys, language):
    """Found by a tester: a plan file cut short (a copy that did not finish) was refused with SQLite's English
    "database disk image is malformed" inside the Chinese sentence, and `check` answered the same line, ending
    "`ogsm-desktop check` … says more"."""
    data = demo_path.read_bytes()
    demo_path.write_bytes(data[:60000])
    assert main(["--lang", language, "tree", str(demo_path)]) == 1
    opened = capsys.readouterr().err
    assert main(["--lang", language, "check", str(demo_path)]) == 1
    checked = capsys.readouterr().err
    for said in (opened, checked):
        assert "malformed" not in said and said.count("\n") == 1
    assert ("ogsm-desktop check" in opened) and ("ogsm-desktop check" not in checked.split(":", 1)[1])


def test_restore_on_a_damaged_plan_writes_nothing(demo_path):
    tamper(demo_path, "UPDATE journal SET old = '[' WHERE id = (SELECT MAX(id) FROM journal)")
    digest = file_digest(demo_path)
    with pytest.raises(PlanFileError, match="is damaged"):     # refused on open now, before any restore
        with Plan.open(demo_path) as plan:
            ver.restore(plan, "2026年度计划", "回到基线")
    assert file_digest(demo_path) == digest


CRAFTED = {
    "text position": "UPDATE nodes SET position = 'abc' WHERE code = 'C-S1'",
    "garbage due date": "UPDATE nodes SET due_date = '2026-13-45' WHERE code = 'C-S1-A1'",
    "negative due date": "UPDATE nodes SET due_date = '-0001-01-01' WHERE code = 'C-S1-A1'",
    "negative streak": "UPDATE nodes SET streak = -3 WHERE code = 'C-S1-M1'",
    "text in latest": "UPDATE latest_actuals SET actual = 'many' WHERE node_id = (SELECT MIN(node_id) FROM latest_actuals)",
    "actual of no node": "UPDATE actuals SET node_id = 99999 WHERE id = (SELECT MIN(id) FROM actuals "
                         "WHERE ended_batch IS NULL)",
    "unknown journal field": "UPDATE journal SET field = 'colour' WHERE id = (SELECT MIN(id) FROM journal "
                             "WHERE action = 'update')",
    "null journal field": "UPDATE journal SET field = NULL WHERE id = (SELECT MIN(id) FROM journal "
                          "WHERE action = 'update')",
    "text version batch": "UPDATE versions SET batch_id = 'soon' WHERE id = (SELECT MIN(id) FROM versions)",
    "root deleted": "DELETE FROM nodes WHERE parent_id IS NULL",
    "root in a cycle": "UPDATE nodes SET parent_id = (SELECT id FROM nodes WHERE code = 'C-S1') WHERE parent_id IS NULL",
    "parent cycle": "UPDATE nodes SET parent_id = (SELECT id FROM nodes WHERE code = 'C-S1-M1') WHERE code = 'C-S1'",
    "deep json": "UPDATE journal SET old = '" + "[" * 5000 + "]" * 5000 + "' WHERE id = (SELECT MIN(id) FROM journal "
                 "WHERE action = 'update')",
    "bad period": "UPDATE actuals SET period = '2026-13' WHERE id = (SELECT MIN(id) FROM actuals)",
    "text actual": "UPDATE actuals SET actual = 'lots' WHERE id = (SELECT MIN(id) FROM actuals)",
    # 2025 has 52 ISO weeks: reading the value failed ("Invalid week: 53") though `check` called the plan sound
    "week 53 of a 52-week year": "UPDATE actuals SET period = '2025-W53', period_end = '2026-01-04' "
                                 "WHERE id = (SELECT MIN(id) FROM actuals)",
    "period with a line break": "UPDATE actuals SET period = period || char(10) WHERE id = (SELECT MIN(id) FROM actuals)",
    "wrong period end": "UPDATE actuals SET period_end = '2099-12-31' WHERE id = (SELECT MIN(id) FROM actuals)",
    # a second current value of a period, which the index of current values lets by only with another end
    "repeated period": "INSERT INTO actuals (node_id, period, period_end, actual, batch_id) SELECT node_id, period, "
                       "'2099-12-31', 1, batch_id FROM actuals WHERE id = (SELECT MIN(id) FROM actuals "
                       "WHERE ended_batch IS NULL)",
}


@pytest.mark.parametrize("damage", sorted(CRAFTED))
def test_crafted_damage_is_found_by_check_and_refused_by_every_command(demo_path, capsys, damage, qapp):
    """`check` called these plans sound, and the commands then ended in "unexpected error" (or `tree`
    silently left out 22 of 53 nodes while `export` said 53)."""
    workbook = write_xlsx(demo_path.with_name("numbers.xlsx"), {"Actuals": [["Code", "Period", "Actual"],
                                                                            ["C-S1-M2", "2026-11", 18800]]})
    tamper(demo_path, CRAFTED[damage])
    digest = file_digest(demo_path)
    assert main(["check", str(demo_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "damaged" in err and "unexpected" not in err, err
    for command in (["tree"], ["alerts"], ["history"], ["diff", "2026年度计划"], ["lint"],
                    ["export", demo_path.with_suffix(".xlsx")], ["report", demo_path.with_suffix(".pdf")],
                    ["snapshot", "--name", "x", "--reason", "y"], ["restore", "2026年度计划", "--reason", "r"],
                    ["import", workbook], ["import", workbook, "--dry-run"]):      # (read while the file is checked)
        args = [command[0], demo_path, *command[1:]]
        assert main([str(a) for a in args]) == 1, (damage, command)
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "damaged" in err and "unexpected" not in err, (command, err)
    assert file_digest(demo_path) == digest


def test_the_refusal_of_a_crafted_object_names_it_in_the_users_language(demo_path, capsys):
    """Found in review: "包含并非由 OGSM Desktop 创建的 trigger 'wipe'": SQLite's own word in a Chinese sentence."""
    tamper(demo_path, "CREATE TRIGGER wipe AFTER UPDATE ON nodes BEGIN DELETE FROM journal; END")
    assert main(["tree", str(demo_path), "--lang", "zh"]) == 1
    err = capsys.readouterr().err
    assert "触发器“wipe”" in err and "trigger" not in err, err


def test_a_plain_history_is_read_in_one_go_not_row_by_row(demo_path, monkeypatch):
    """The rows to undo are read in a few calls, not one Python call per row (a big history: 50,000 rows)."""
    with Plan.open(demo_path) as plan:
        with plan.batch("edit", "a few changes"):
            for node in list(plan.nodes.tree().nodes.values())[::5]:
                plan.nodes.update(node.id, owner="someone else")
    conn = sqlite3.connect(demo_path)

    def one_by_one(*_args):
        raise AssertionError("read row by row")
    monkeypatch.setattr(journal, "_value", one_by_one)
    read = _rows(JournalStore(conn, "plan").undo_rows(0))
    assert len(read) == conn.execute("SELECT count(*) FROM journal").fetchone()[0]
    assert all(r[2] != "update" or r[3] for r in read) and "someone else" not in [r[4] for r in read]


def test_rows_that_come_out_of_order_are_put_in_order():
    """Node by node, each node's newest row first, whatever order they came in (ids may be negative)."""
    rows = [(5, 2, "update", "title", "a"), (-3, 1, "update", "owner", "b"), (9, 2, "create", "", None),
            (7, 1, "delete", "", {"id": 1}), (1, 2, "update", "code", "c")]
    undo = UndoRows(*(list(column) for column in zip(*rows, strict=True)))
    assert undo.in_order().ids == [7, -3, 9, 5, 1]
    assert _rows(undo.in_order()) == sorted(rows, key=lambda r: (r[1], -r[0]))
    ordered = undo.in_order()
    assert ordered.in_order() is ordered


@pytest.mark.parametrize("shuffled", [False, True], ids=["as-written", "ids-out-of-batch-order"])
def test_the_rows_between_two_batches_are_exactly_theirs_newest_first(demo_path, shuffled):
    """A comparison undoes the rows of the batches between two states, found by the rows' ids and then
    checked by batch: every row of those batches and no other, node by node and each node's newest first, even where a row's id does not
    follow its batch (a file another program wrote)."""
    with Plan.open(demo_path) as plan:
        for step in range(6):
            with plan.batch("edit", f"step {step}"):
                for node in list(plan.nodes.tree().nodes.values())[step::7]:
                    plan.nodes.update(node.id, owner=f"owner {step}")
    if shuffled:      # the newest batch's rows get ids below the older ones', and an old row the newest id
        tamper(demo_path, "UPDATE journal SET id = -id WHERE batch_id = (SELECT max(batch_id) FROM journal)",
               "UPDATE journal SET id = (SELECT max(id) + 1 FROM journal) WHERE id = (SELECT min(id) FROM journal "
               "WHERE id > 0)")
    conn = sqlite3.connect(demo_path)
    batches = [r[0] for r in conn.execute("SELECT DISTINCT batch_id FROM journal ORDER BY batch_id")]
    store = JournalStore(conn, "plan")
    for lo, hi in [(0, None), (batches[-4], batches[-2]), (batches[-3], batches[-1]), (batches[-2], batches[-2]),
                   (batches[1], batches[-1]), (batches[-1], None)]:
        expected = [r[0] for r in conn.execute("SELECT id FROM journal WHERE batch_id > ? AND batch_id <= ? "
                                               "ORDER BY node_id, id DESC", (lo, hi if hi is not None else 1 << 62))]
        assert store.undo_rows(lo, hi).ids == expected, (lo, hi)
        assert expected or lo == hi or hi is None


def test_a_restore_plan_shows_what_the_restore_changes_when_a_row_s_batch_is_missing(demo_path):
    """A review: journal rows of a batch the batches table lacks (a damaged file that opens) were undone by a
    restore but not by the comparison that shows what it changes ("no changes", then the title changed)."""
    with Plan.open(demo_path) as plan:
        nid = sorted(plan.nodes.tree().nodes)[3]
        ver.save_version(plan, "v", "x")
        before = plan.nodes.get(nid).title
        plan.nodes.update(nid, title="B")
    tamper(demo_path, "UPDATE journal SET batch_id = batch_id + 100 WHERE id = (SELECT max(id) FROM journal)")
    with Plan.open(demo_path) as plan:
        _point, diff, _wanted = ver.restore_plan(plan, "v")
        assert [(c.node.id, c.fields) for c in diff.nodes] == [(nid, [("title", "B", before)])]
        assert ver.compare(plan, ver.resolve(plan, "v"), ver.resolve(plan, "now")).nodes[0].fields == [
            ("title", before, "B")]


@pytest.mark.parametrize("node", ["'true'", "'null'", "'x7'", "1.5", "X'01'"], ids=["true", "null", "text", "real", "blob"])
def test_a_journal_row_whose_node_is_not_a_number_is_named(demo_path, capsys, node):
    """Found by a review: the rows to undo are read in one go as JSON, where a node written 'true' read as node 1 (a
    comparison then dropped the plan's top objective) and 'null' or 1.5 crashed it. Such a row is damage: the file
    is refused at its opening, and one damaged while open is named when its rows are read."""
    conn = sqlite3.connect(demo_path)
    row = conn.execute("SELECT max(id) FROM journal WHERE action = 'create'").fetchone()[0]
    conn.close()
    tamper(demo_path, f"UPDATE journal SET node_id = {node} WHERE id = {row}")
    refused(demo_path, capsys, f"journal row {row} is damaged")
    with pytest.raises(DamagedPlanError, match=f"journal row {row} is damaged"):
        JournalStore(sqlite3.connect(demo_path), "plan").undo_rows(0)
