"""A big plan's tree shows its statuses at once and its progress when the years to date are worked out on
a worker thread; an edit meanwhile is not lost, and the end result equals a model judged in one go."""

import pytest

from ogsm_desktop.gui.models import plan_model
from tests.gui.helpers import node_id


@pytest.fixture
def big(monkeypatch):
    monkeypatch.setattr(plan_model, "BACKGROUND_ABOVE", 0)        # the demo plan counts as big


def test_statuses_at_once_progress_from_the_worker(big, window, qtbot):
    model = window.session.model
    m2 = node_id(window, "C-S1-M2")
    model.rejudge()                                               # as a big plan is judged on opening
    assert str(model.standing[m2].status) == "off_track" and model.standing[m2].progress is None
    qtbot.waitUntil(lambda: model.standing[m2].progress is not None)
    assert model.standing[m2].progress == pytest.approx(184900 / 232500)


def test_an_edit_while_the_worker_runs_is_kept(big, window, qtbot):
    model, session = window.session.model, window.session
    m2 = node_id(window, "C-S1-M2")
    model.rejudge()
    session.perform("actual", lambda: session.plan.actuals.write([(m2, "2026-11", 30000.0, 22000.0, "")]))
    qtbot.waitUntil(lambda: model._to_date_job is None and all(not r.partial for r in model.readings.values()),
                    timeout=10_000)
    assert model.readings[m2].actual == 30000.0
    assert model.standing[m2].progress == pytest.approx((184900 + 30000) / 232500)
