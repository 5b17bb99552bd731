"""The packs a review meeting reads: the board's (the company and its departments) and a department's
(one unit and everything below it) — what each gathers from the plan."""

import datetime as dt

import pytest

from ogsm_desktop.core import demo
from ogsm_desktop.core.errors import ValidationError
from ogsm_desktop.core.report_data import BOARD, DEPARTMENT, gather, preset_options
from ogsm_desktop.core.storage import Plan

AS_OF = dt.date(2026, 11, 20)


def _unit_of(tree, node):
    while node.kind.value != "objective":
        node = tree.nodes[node.parent_id]
    return node.code


def test_the_board_pack_holds_the_company_and_its_departments(demo_path):
    with Plan.open(demo_path, readonly=True) as plan:
        options = preset_options(plan, BOARD, today=AS_OF)
        assert (options.review, options.changes_since) == ("2026-Q4", plan.versions.all()[-1].name)
        content = gather(plan, options)
    tree = content.tree
    assert [u.code for u in content.units] == ["C"] and [u.code for u in content.map_units] == ["C"]
    assert {r.unit.code for r in content.review.rows} == {"C", "D1", "D2"}          # not the teams below
    assert {_unit_of(tree, a.node) for a in content.alerts} <= {"C", "D1", "D2"} and content.alerts
    cover = content.cover
    assert (cover.preset, cover.unit.code, cover.period, cover.since) == (BOARD, "C", "2026-Q4", demo.V2[0])
    assert (cover.achieved, cover.not_achieved, cover.without, cover.without_target) == content.review.totals()
    assert cover.alerts == len(content.alerts)
    assert [g.unit.code for g in content.change_units] == ["C", "D1", "D2"]


def test_a_department_pack_holds_the_unit_and_everything_below_it(demo_path):
    with Plan.open(demo_path, readonly=True) as plan:
        d1 = plan.nodes.by_code("D1")
        content = gather(plan, preset_options(plan, DEPARTMENT, d1.id, "2026-10", AS_OF))
    assert [u.code for u in content.units] == ["D1", "P1"] and [u.code for u in content.map_units] == ["D1"]
    assert {r.unit.code for r in content.review.rows} == {"D1", "P1"} and content.review.period == "2026-10"
    assert {_unit_of(content.tree, a.node) for a in content.alerts} <= {"D1", "P1"} and content.alerts
    assert [g.unit.code for g in content.change_units] == ["D1", "P1"]
    assert content.cover.unit.code == "D1" and not content.overview and not content.charts


def test_a_department_pack_needs_its_unit_and_presets_are_named(demo_path):
    with Plan.open(demo_path, readonly=True) as plan:
        with pytest.raises(ValidationError):
            preset_options(plan, DEPARTMENT, None, today=AS_OF)
        with pytest.raises(ValidationError):
            preset_options(plan, "annual", today=AS_OF)


def test_a_department_files_pack_is_of_its_own_unit_unless_another_is_named(demo_path, tmp_path):
    """Found by a tester: `report d1.ogsm --preset department` was refused ("name its objective"), though
    the department file knows its unit."""
    from ogsm_desktop.core import departments

    d1 = tmp_path / "d1.ogsm"
    with Plan.open(demo_path) as plan:
        departments.split(plan, "D1", d1)
    with Plan.open(d1, readonly=True) as dept:
        content = gather(dept, preset_options(dept, DEPARTMENT, today=AS_OF))
        assert [u.code for u in content.units][0] == "D1"
        named = preset_options(dept, DEPARTMENT, dept.nodes.by_code("P1").id, today=AS_OF)
        assert [u.code for u in gather(dept, named).units] == ["P1"]


def test_the_cover_says_the_period_as_the_review_does(demo_path):
    """Found by a tester: the board pack's cover echoed the period as typed ("2026Q4") while its review page
    said 2026-Q4."""
    with Plan.open(demo_path, readonly=True) as plan:
        content = gather(plan, preset_options(plan, BOARD, period="2026Q4", today=AS_OF))
    assert content.cover.period == content.review.period == "2026-Q4"


def test_a_pack_tells_the_changes_since_the_last_version_the_plan_has_changed_since(demo_path):
    """Found by the window's tester: a planner who saved a version ("Board Dec 2026") just before printing got
    "Changes since Board Dec 2026 — No changes." A pack tells the changes since the newest version the plan has
    changed since; a version saved with nothing changed after it is the plan as it is."""
    from ogsm_desktop.core import versions as ver

    with Plan.open(demo_path) as plan:
        newest = plan.versions.all()[-1].name
        assert preset_options(plan, BOARD).changes_since == newest       # changed since it (the demo's October)
        ver.save_version(plan, "Board Dec 2026", "before the board meeting")
        assert preset_options(plan, BOARD).changes_since == newest
        assert preset_options(plan, DEPARTMENT, plan.nodes.by_code("D1").id).changes_since == newest
        with plan.batch("edit", "late change"):
            plan.nodes.update(plan.nodes.by_code("C-S1").id, owner="王五")
        assert preset_options(plan, BOARD).changes_since == "Board Dec 2026"


def test_a_version_the_plan_came_back_to_by_an_undo_is_the_plan_as_it_is(demo_path):
    """A second review's case: a version saved, an edit, its undo: the plan is the version again, and the pack
    told "No changes" once more."""
    from ogsm_desktop.core import versions as ver

    with Plan.open(demo_path) as plan:
        newest = plan.versions.all()[-1].name
        ver.save_version(plan, "Board Dec 2026", "before the board meeting")
        with plan.batch("edit", "slip") as slip:
            plan.nodes.update(plan.nodes.by_code("C-S1").id, owner="王五")
        plan.revert_batch(slip.batch_id, "undo the slip")
        assert preset_options(plan, BOARD).changes_since == newest


def test_a_pack_tells_the_changes_since_the_last_version_its_own_units_changed_since(demo_path):
    """Left open at stop 20: a change in D2 after a version made D1's pack tell the changes since that version —
    "No changes" for D1, whose own changes since the version before were not told. A pack's default version
    is the newest its own units (those it tells the changes of) have changed since."""
    from ogsm_desktop.core import versions as ver

    with Plan.open(demo_path) as plan:
        newest = plan.versions.all()[-1].name
        ver.save_version(plan, "Board Dec 2026", "before the board meeting")
        with plan.batch("edit", "a change in D2"):
            plan.nodes.update(plan.nodes.by_code("D2-G1").id, owner="王五")
        d1, d2 = plan.nodes.by_code("D1").id, plan.nodes.by_code("D2").id
        assert preset_options(plan, DEPARTMENT, d2).changes_since == "Board Dec 2026"
        assert preset_options(plan, BOARD).changes_since == "Board Dec 2026"             # D2 is a department
        options = preset_options(plan, DEPARTMENT, d1, today=AS_OF)
        assert options.changes_since == newest
        assert gather(plan, options).change_units                                        # D1's own, told
        with plan.batch("edit", "a change in P2, below D2"):
            plan.nodes.update(plan.nodes.by_code("P2").id, owner="赵六")
        ver.save_version(plan, "after P2", "P2 settled")
        with plan.batch("edit", "another in P2"):
            plan.nodes.update(plan.nodes.by_code("P2").id, owner="钱七")
        assert preset_options(plan, DEPARTMENT, d2).changes_since == "after P2"         # P2 is below D2
        assert preset_options(plan, BOARD).changes_since == "Board Dec 2026"             # the board leaves P2 out


@pytest.mark.parametrize("change", ["delete", "move away", "number", "undone"])
def test_a_departments_default_version_sees_every_kind_of_change_of_its_own(demo_path, change):
    from ogsm_desktop.core import versions as ver

    with Plan.open(demo_path) as plan:
        newest = plan.versions.all()[-1].name
        ver.save_version(plan, "v3", "before the meeting")
        with plan.batch("edit", "elsewhere"):
            plan.nodes.update(plan.nodes.by_code("D2-G1").id, owner="王五")
        ver.save_version(plan, "v4", "after D2's change")
        measure = plan.nodes.by_code("D1-S1-M1")
        with plan.batch("edit", change) as batch:
            if change == "delete":
                plan.nodes.delete(measure.id)
            elif change == "move away":
                plan.nodes.move(measure.id, plan.nodes.by_code("D2-S1").id)
            else:
                plan.actuals.write([(measure.id, "2026-11", 123.0, None, "")])
        if change == "undone":
            plan.revert_batch(batch.batch_id, "undo it")
        expected = newest if change == "undone" else "v4"
        assert preset_options(plan, DEPARTMENT, plan.nodes.by_code("D1").id).changes_since == expected


def test_an_undone_slip_after_many_versions_leaves_the_default_at_the_real_change(demo_path):
    """A second review's case: a change in D1, then six versions with changes in D2 only, then a slip in D1 undone:
    D1's default was a version after its real change (the five versions compared found nothing, and the sixth
    was taken unread). Versions with no write of D1's between them and the next are D1's part as that one is,
    and are not compared; the others are, however many."""
    from ogsm_desktop.core import versions as ver

    with Plan.open(demo_path) as plan:
        ver.save_version(plan, "before", "before D1's change")
        with plan.batch("edit", "D1's real change"):
            plan.nodes.update(plan.nodes.by_code("D1-G1").id, owner="王五")
        for month in range(6):
            ver.save_version(plan, f"month {month}", "monthly")
            with plan.batch("edit", f"D2 {month}"):
                plan.nodes.update(plan.nodes.by_code("D2-G1").id, owner=f"赵{month}")
        with plan.batch("edit", "a slip in D1") as slip:
            plan.nodes.update(plan.nodes.by_code("D1-G2").id, owner="错")
        plan.revert_batch(slip.batch_id, "undo the slip")
        assert preset_options(plan, DEPARTMENT, plan.nodes.by_code("D1").id).changes_since == "before"
        assert preset_options(plan, DEPARTMENT, plan.nodes.by_code("D2").id).changes_since == "month 5"


@pytest.mark.parametrize("how", ["moved below D1", "deleted"])
def test_the_board_is_told_a_department_left_it(demo_path, how):
    """A second review's case: D2 moved below D1 (or deleted) after a version: the board's default skipped the
    version, and given it the pack said "No changes" — D2's move was told under D2 alone, no longer a
    department. A unit moved or deleted is told in the unit above it too, the one it left."""
    from ogsm_desktop.core import versions as ver
    from ogsm_desktop.core.change_list import changes_by_unit

    with Plan.open(demo_path) as plan:
        ver.save_version(plan, "v3", "before")
        d2 = plan.nodes.by_code("D2")
        with plan.batch("edit", how):
            if how == "deleted":
                plan.nodes.delete(d2.id)
            else:
                plan.nodes.move(d2.id, plan.nodes.by_code("D1-S1").id)
        assert preset_options(plan, BOARD).changes_since == "v3"
        content = gather(plan, preset_options(plan, BOARD, today=AS_OF))
        told = {g.unit.code: [i.node.code for i in g.items] for g in content.change_units}
        assert "D2" in told.get("C", []), told
        if how == "moved below D1":
            diff = ver.compare(plan, ver.resolve(plan, "v3"), ver.resolve(plan, None))
            groups = {g.unit.code: g for g in changes_by_unit(plan, diff, plan.nodes.tree())}
            assert "D2" in [i.node.code for i in groups["D1"].items]             # and in the unit it joined
