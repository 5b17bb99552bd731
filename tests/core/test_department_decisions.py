"""Each side of the department round decides a conflict its own way: the company keeps its number in the merge,
the department keeps its own in the refresh that follows (or the other way round). The two files must not then
disagree for good while both say they are up to date: a decision is news for the file that did not get it, so
the next merge and refresh end with both files the same, and nothing more to say."""

import random

import pytest

from ogsm_desktop.core import merge, refresh
from ogsm_desktop.core.storage import Plan

from .test_department_rounds import Round, part_state, random_step

BOTH_TYPED = [("number", "C", "D1-S1-M1", "2026-11", "actual", 10500.0),
              ("number", "D", "D1-S1-M1", "2026-11", "actual", 11000.0)]
BOTH_RENAMED = [("edit", "C", "D1-S1-M1", "title", "company's title"),
                ("edit", "D", "D1-S1-M1", "title", "department's title")]
# (a decision one sync made is taken by the next sync the other way without asking again, unless that side has
# changed the value since: a merge following a refresh that kept the department's takes it, whatever it prefers)
CASES = {
    "a number: merge keeps the company's, refresh the department's": BOTH_TYPED + [
        ("merge", merge.COMPANY), ("refresh", merge.DEPARTMENT)],
    "a number: refresh keeps the department's, a merge preferring the company's follows": BOTH_TYPED + [
        ("refresh", merge.DEPARTMENT), ("merge", merge.COMPANY)],
    "a title: merge keeps the company's, refresh the department's": BOTH_RENAMED + [
        ("merge", merge.COMPANY), ("refresh", merge.DEPARTMENT)],
    "a title: refresh keeps the department's, a merge preferring the company's follows": BOTH_RENAMED + [
        ("refresh", merge.DEPARTMENT), ("merge", merge.COMPANY)],
    # (then a merge and a refresh deciding the other way: the refresh asked again and kept the department's)
    "a number: merge keeps the company's": BOTH_TYPED + [("merge", merge.COMPANY)],
    "a title: merge keeps the company's": BOTH_RENAMED + [("merge", merge.COMPANY)],
    "a number: refresh keeps the department's": BOTH_TYPED + [("refresh", merge.DEPARTMENT)],
    "a title: refresh keeps the department's": BOTH_RENAMED + [("refresh", merge.DEPARTMENT)],
}


@pytest.mark.parametrize("then", [merge.COMPANY, merge.DEPARTMENT])
@pytest.mark.parametrize("case", sorted(CASES))
def test_opposite_decisions_of_one_conflict_do_not_leave_the_files_apart(demo_template, tmp_path, case, then):
    """Found by a tester: D1-S1-M1's November, 10,500 in the company, 11,000 in the department; the merge kept
    the company's, the refresh the department's; the next merge 'brought nothing new', the next refresh too —
    and the files held 10,500 and 11,000 for good."""
    run = Round(demo_template, tmp_path, then)
    for step in CASES[case]:
        run.do(step)
    run._sync(then)             # (asserts both files the same, and nothing more to merge or refresh)


# What the random rounds found when each merge and refresh decides its own way (seed in the name), shrunk: the
# place of nodes — a deletion, a move — decided one way by a merge and the other by a refresh. Open, each a strict
# expected failure until it is fixed (then it moves into MIXED_FOUND).
BOTH_MOVED = [("move", "C", "D1-S1-M1", "D1-S2"), ("move", "D", "D1-S1-M1", "D1-S3")]
MOVED_OUT = [("move", "C", "D1-S1-M1", "P1-S1"), ("move", "D", "D1-S1-M1", "D1-S3")]
MIXED_FOUND = {
    "a measure the department deleted and the company moved, the merge keeping the company's (5020)": (
        merge.DEPARTMENT, [("delete", "D", "D1-S1-M1"), ("move", "C", "D1-S1-M1", "D1-S3"), ("merge", merge.COMPANY)]),
    "a refreshed measure moved by the department, the company restoring a version before it (5063)": (
        merge.COMPANY, [("save", "C", "before"), ("add", "C", "P1-S1", "newC"), ("refresh", merge.COMPANY),
                        ("move", "D", "P1-S1-M2", "D1-S1"), ("restore", "C", "before"),
                        ("refresh", merge.DEPARTMENT)]),
    "a refreshed measure the company deleted, a comment typed on it, the refresh undone (5082)": (
        merge.DEPARTMENT, [("add", "C", "D1-S2", "newC"), ("refresh", merge.COMPANY), ("delete", "C", "D1-S2-M2"),
                           ("number", "D", "D1-S2-M2", "2026-09", "comment", "cD"), ("merge", merge.COMPANY),
                           ("refresh", merge.COMPANY), ("undo", "D")]),
    "a measure both moved, the merge keeping the company's place": (merge.DEPARTMENT, BOTH_MOVED + [
        ("merge", merge.COMPANY)]),
    "a measure both moved, the refresh keeping the department's place": (merge.COMPANY, BOTH_MOVED + [
        ("refresh", merge.DEPARTMENT)]),
    "a measure moved out of the part by the company, moved by the department, kept out by the merge": (
        merge.DEPARTMENT, MOVED_OUT + [("merge", merge.COMPANY)]),
    "a measure moved out of the part by the company, moved by the department, kept by the refresh": (
        merge.COMPANY, MOVED_OUT + [("refresh", merge.DEPARTMENT)]),
}
def _rounds(demo_template, tmp_path, prefer, steps):
    run = Round(demo_template, tmp_path, prefer)
    for step in steps:
        run.do(step)
    run._sync(prefer)           # (not through do(): an assertion here is the finding)


@pytest.mark.parametrize("case", sorted(MIXED_FOUND))
def test_what_the_mixed_rounds_found(demo_template, tmp_path, case):
    _rounds(demo_template, tmp_path, *MIXED_FOUND[case])


@pytest.mark.parametrize("seed", range(5000, 5012))
def test_random_rounds_deciding_each_sync_its_own_way_end_with_both_files_agreeing(demo_template, tmp_path, seed):
    """The random rounds of test_department_rounds, each merge and refresh deciding its conflicts its own way
    (1,400 seeds, 5000-6399, ran clean outside the suite)."""
    rng = random.Random(seed)
    run = Round(demo_template, tmp_path, rng.choice([merge.COMPANY, merge.DEPARTMENT]))
    for n in range(1, 31):
        step = random_step(run, rng, n)
        if step is not None and step[0] in ("merge", "refresh"):
            step = (step[0], rng.choice([merge.COMPANY, merge.DEPARTMENT]))
        if step is not None:
            run.do(step)
    run.do(("sync", run.prefer))


# A deletion question one sync answered, then asked again by the next sync the other way (2068): the merge asks
# at the top of the branch the company deleted (D1-S1), the refresh at the measure below it the department
# changed (D1-S1-M1) — a question of its own, though the merge's answer was for the whole branch.
ANSWERED_DELETIONS = {
    "a branch the company deleted, a measure in it edited by the department, kept deleted by the merge": (
        [("delete", "C", "D1-S1"), ("edit", "D", "D1-S1-M1", "title", "tD")], ("merge", merge.COMPANY)),
    "a branch the company deleted, a number typed in it by the department, kept deleted by the merge": (
        [("delete", "C", "D1-S1"), ("number", "D", "D1-S1-M1", "2026-10", "actual", 5.0)], ("merge", merge.COMPANY)),
    "a branch the department deleted, a measure in it edited by the company, kept deleted by the refresh": (
        [("delete", "D", "D1-S1"), ("edit", "C", "D1-S1-M1", "title", "tC")], ("refresh", merge.DEPARTMENT)),
}


@pytest.mark.parametrize("case", sorted(ANSWERED_DELETIONS))
def test_a_deletion_answered_by_one_sync_is_not_asked_again_by_the_next_the_other_way(demo_template, tmp_path,
                                                                                     case):
    """The sync that asked decided it (the branch stays deleted); the next sync the other way takes that
    decision without asking again — nothing was done to the branch since — whichever way it prefers, and the
    files end the same (2068)."""
    steps, (way, prefer) = ANSWERED_DELETIONS[case]
    run = Round(demo_template, tmp_path, prefer)
    for step in steps:
        run.do(step)
    run.do((way, prefer))
    with Plan.open(run.dept if way == "merge" else run.company, readonly=True) as plan:
        other = refresh.preview(plan, run.company) if way == "merge" else merge.preview(plan, run.dept)
    assert [(c.kind, c.code) for c in other.conflicts] == []
    run._sync(merge.DEPARTMENT if prefer == merge.COMPANY else merge.COMPANY)
    assert "D1-S1" not in part_state(run.company)[0]


@pytest.mark.parametrize("later", [("edit", "D", "D1-S1-M1", "owner", "oD"),
                                   ("number", "D", "D1-S1-M1", "2026-11", "actual", 7.0)])
def test_a_deletion_answered_is_asked_again_once_that_side_changed_the_node_since(demo_template, tmp_path, later):
    """The merge kept the company's deletion of D1-S1; the department then edits D1-S1-M1 again (or types a
    number on it): that is news the merge did not decide, the refresh asks."""
    run = Round(demo_template, tmp_path, merge.COMPANY)
    for step in [("delete", "C", "D1-S1"), ("edit", "D", "D1-S1-M1", "title", "tD"), ("merge", merge.COMPANY), later]:
        run.do(step)
    with Plan.open(run.dept, readonly=True) as plan:
        assert [(c.kind, c.code) for c in refresh.preview(plan, run.company).conflicts] == [
            ("deleted_there", "D1-S1-M1")]
    run._sync(merge.DEPARTMENT)
