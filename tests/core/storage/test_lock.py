"""One writer per plan: the lock is on the plan file itself (its identity, not its name), and no plan is
written without it."""

import os

import pytest

from ogsm_desktop.core.errors import PlanFileError
from ogsm_desktop.core.storage import Plan
from tests.helpers import file_digest


def test_every_writable_open_takes_the_lock(demo_path):
    with Plan.open(demo_path):
        with pytest.raises(PlanFileError, match="already open for editing elsewhere"):
            Plan.open(demo_path)
        with Plan.open(demo_path, readonly=True) as reader:                 # reading needs no lock
            assert reader.nodes.by_code("C")
    Plan.open(demo_path).close()                                            # released on close


def test_another_path_to_an_open_plan_is_the_same_plan(demo_path, tmp_path):
    """Two names, one file: two writers and two -wal files damaged it ("database disk image is malformed").
    A second hard name is refused for writing (test_file_hazards); another path to the same folder is
    the same file and finds it locked."""
    other = tmp_path / "elsewhere"
    other.symlink_to(demo_path.parent, target_is_directory=True)
    link = other / demo_path.name
    with Plan.open(demo_path) as plan:
        with pytest.raises(PlanFileError, match="already open for editing elsewhere"):
            Plan.open(link)
        plan.nodes.update(plan.nodes.by_code("C").id, title="改名")
    with Plan.open(link, readonly=True) as plan:
        assert plan.nodes.by_code("C").title == "改名"


@pytest.mark.parametrize("how", ["deleted", "a folder"])
def test_the_lock_holds_whatever_happens_to_the_file_beside_the_plan(demo_path, how):
    with Plan.open(demo_path):
        side = demo_path.with_name(f".{demo_path.name}.lock")
        if side.exists():
            side.unlink()
        if how == "a folder":
            side.mkdir()
        with pytest.raises(PlanFileError, match="already open for editing elsewhere"):
            Plan.open(demo_path)


def test_a_plan_whose_lock_file_is_a_folder_still_opens(demo_path):
    demo_path.with_name(f".{demo_path.name}.lock").mkdir()
    digest = file_digest(demo_path)
    with Plan.open(demo_path) as plan:
        assert plan.nodes.by_code("C")
    assert file_digest(demo_path) == digest


def test_save_as_onto_a_plan_open_elsewhere_is_refused(demo_path, tmp_path):
    other = tmp_path / "other.ogsm"
    other.write_bytes(demo_path.read_bytes())
    digest = file_digest(other)
    with Plan.open(other), Plan.open(demo_path) as plan:
        with pytest.raises(PlanFileError, match="already open for editing elsewhere"):
            plan.copy_to(other)
    assert file_digest(other) == digest


def test_a_new_plan_never_replaces_one_open_for_editing(demo_path):
    with Plan.open(demo_path):
        digest = file_digest(demo_path)
        with pytest.raises(PlanFileError, match="already open for editing elsewhere"):
            Plan.create(demo_path, overwrite=True)
        assert file_digest(demo_path) == digest


def test_letting_go_of_a_replaced_file_leaves_who_holds_the_new_one(demo_path, tmp_path):
    """Found by a review: with another plan file put in the place of the open one and opened, closing the
    first removed the note beside it saying who holds the second: a second writer was told "another process"."""
    import shutil

    from ogsm_desktop.core.lock import PlanLock, lock_path

    first = PlanLock(demo_path).acquire()
    replacement = tmp_path / "replacement.ogsm"
    shutil.copy(demo_path, replacement)
    os.replace(replacement, demo_path)                      # a new file under the same name
    second = PlanLock(demo_path).acquire()
    first.release()
    assert lock_path(demo_path).exists()
    with pytest.raises(PlanFileError, match=f"process {os.getpid()}"):
        PlanLock(demo_path).acquire()
    second.release()
    assert not lock_path(demo_path).exists()
