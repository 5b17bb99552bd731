"""Fixtures of the Excel tests: the demo plan, open for writing."""

import pytest

from ogsm_desktop.core.storage import Plan


@pytest.fixture
def plan(demo_path):
    with Plan.open(demo_path) as p:
        yield p
