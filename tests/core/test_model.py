import pytest

from ogsm_desktop.core.errors import GrammarError
from ogsm_desktop.core.model import Kind, Node, Tree, check_child


@pytest.mark.parametrize(
    ("parent", "child"),
    [(None, Kind.OBJECTIVE), (Kind.OBJECTIVE, Kind.GOAL), (Kind.OBJECTIVE, Kind.STRATEGY),
     (Kind.STRATEGY, Kind.MEASURE), (Kind.STRATEGY, Kind.ACTION), (Kind.STRATEGY, Kind.OBJECTIVE)],
)
def test_grammar_allows_the_ogsm_tree(parent, child):
    check_child(parent, child)


@pytest.mark.parametrize(
    ("parent", "child", "reason"),
    [(None, Kind.ACTION, "only an objective can be the top of a plan, not an action"),
     (Kind.OBJECTIVE, Kind.MEASURE, "a measure cannot sit under an objective; an objective holds: goal, strategy"),
     (Kind.GOAL, Kind.ACTION, "a goal holds nothing below it (it cannot take an action)"),
     (Kind.ACTION, Kind.OBJECTIVE, "an action holds nothing below it (it cannot take an objective)"),
     (Kind.MEASURE, Kind.OBJECTIVE, "a measure holds nothing")],
)
def test_grammar_refuses_with_a_reason_in_plain_english(parent, child, reason):
    """Found by a tester: "a objective", "is a action" (the article was written before the kind)."""
    with pytest.raises(GrammarError) as refused:
        check_child(parent, child)
    assert str(refused.value).startswith(reason)


def test_a_kind_is_named_with_its_own_article_where_a_number_is_refused(demo_path):
    from ogsm_desktop.core import numbers
    from ogsm_desktop.core.errors import ValidationError
    from ogsm_desktop.core.storage import Plan

    with Plan.open(demo_path) as plan:
        with pytest.raises(ValidationError) as refused:
            numbers.write(plan, plan.nodes.by_code("C-S1-A1"), {"2026-10": {"actual": 1.0}})
    assert str(refused.value) == "C-S1-A1 is an action: only goals and measures take numbers"


def test_tree_walks_in_position_order_and_knows_ancestors():
    nodes = {
        1: Node(1, Kind.OBJECTIVE, "C", "top"),
        2: Node(2, Kind.STRATEGY, "C-S1", "second", parent_id=1, position=1),
        3: Node(3, Kind.GOAL, "C-G1", "first", parent_id=1, position=0),
        4: Node(4, Kind.MEASURE, "C-S1-M1", "m", parent_id=2, position=0),
    }
    tree = Tree.build(nodes)
    assert [(n.code, d) for n, d in tree.walk()] == [("C", 0), ("C-G1", 1), ("C-S1", 1), ("C-S1-M1", 2)]
    assert [n.code for n in tree.ancestors(4)] == ["C-S1", "C"]
    assert [n.code for n in tree.descendants(2)] == ["C-S1-M1"]


def test_a_move_is_judged_by_the_grammar_and_the_tree_before_anything_moves():
    from ogsm_desktop.core.model import move_refusal

    top = Node(1, Kind.OBJECTIVE, "C", "top")
    strategy = Node(2, Kind.STRATEGY, "C-S1", "s", parent_id=1)
    dept = Node(3, Kind.OBJECTIVE, "D1", "d", parent_id=2)
    goal = Node(4, Kind.GOAL, "C-G1", "g", parent_id=1)
    assert move_refusal(dept, top, [1]) is not None                          # an objective under an objective
    assert "an objective holds: goal, strategy" in str(move_refusal(dept, top, [1]))
    assert str(move_refusal(strategy, dept, [3, 2, 1])) == "C-S1 cannot move into its own subtree (D1, which is below it)"
    assert str(move_refusal(goal, None, [])).startswith("C-G1 cannot move to the top of the plan")
    assert move_refusal(goal, top, [1]) is None


def test_a_few_nodes_are_put_in_display_order_as_the_walk_has_them(demo_path):
    """Alerts of the nodes an edit touched were listed in tree order by walking the whole plan (50 ms at each
    edit of the big plan): a few are put in order by their rows."""
    import random

    from ogsm_desktop.core.storage import Plan

    with Plan.open(demo_path, readonly=True) as plan:
        tree = plan.nodes.tree()
    order = [n.id for n, _depth in tree.walk()]
    rng = random.Random(7)
    for size in (1, 2, 3, 5, len(order) // 2, len(order)):
        some = rng.sample(order, size)
        assert [n.id for n in tree.in_order(some + [10**9])] == [i for i in order if i in set(some)]
