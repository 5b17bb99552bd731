"""Fixtures of the Excel tests: the demo plan, open for writing; the corpus of workbooks other programs write."""

import pytest

from ogsm_desktop.core.storage import Plan
from tests.fixtures.corpus import build_corpus


@pytest.fixture
def plan(demo_path):
    with Plan.open(demo_path) as p:
        yield p


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """``(cases, why LibreOffice's are missing or None)``: see tests/fixtures/corpus.py."""
    return build_corpus(tmp_path_factory.mktemp("corpus"))
