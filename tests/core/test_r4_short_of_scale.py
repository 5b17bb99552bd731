"""Review (r4): figures.short_of's slack is a relative 1e-12 — about 4,500 ulps, not 'the rounding of binary
arithmetic' (a sum of twelve values is off by a few ulps at most). At the scale of a big company's revenue in
yuan or cents (1e12 and up) it swallows whole units that were really missed."""
import math

from ogsm_desktop.core import figures


def test_a_whole_unit_short_of_a_trillion_is_short():
    target = 5_000_000_000_000.0                   # 5 trillion (e.g. a group's revenue in yuan)
    actual = target - 4                            # four yuan short: exact in binary (ulp here is 0.001)
    assert math.ulp(target) < 0.01
    assert figures.short_of(actual, target, False)
