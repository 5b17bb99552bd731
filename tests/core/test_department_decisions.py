"""Each side of the department round decides a conflict its own way: the company keeps its number in the merge,
the department keeps its own in the refresh that follows (or the other way round). The two files must not then
disagree for good while both say they are up to date: a decision is news for the file that did not get it, so
the next merge and refresh end with both files the same, and nothing more to say."""

import pytest

from ogsm_desktop.core import merge

from .test_department_rounds import Round

BOTH_TYPED = [("number", "C", "D1-S1-M1", "2026-11", "actual", 10500.0),
              ("number", "D", "D1-S1-M1", "2026-11", "actual", 11000.0)]
BOTH_RENAMED = [("edit", "C", "D1-S1-M1", "title", "company's title"),
                ("edit", "D", "D1-S1-M1", "title", "department's title")]
CASES = {
    "a number: merge keeps the company's, refresh the department's": BOTH_TYPED + [
        ("merge", merge.COMPANY), ("refresh", merge.DEPARTMENT)],
    "a number: refresh keeps the department's, merge the company's": BOTH_TYPED + [
        ("refresh", merge.DEPARTMENT), ("merge", merge.COMPANY)],
    "a title: merge keeps the company's, refresh the department's": BOTH_RENAMED + [
        ("merge", merge.COMPANY), ("refresh", merge.DEPARTMENT)],
    "a title: refresh keeps the department's, merge the company's": BOTH_RENAMED + [
        ("refresh", merge.DEPARTMENT), ("merge", merge.COMPANY)],
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
