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


def test_a_sum_a_hair_off_its_total_meets_it_and_a_real_shortfall_does_not():
    import random

    rng = random.Random(7)
    for _ in range(2000):                         # a year of one-decimal months, weeks and days: their own total
        values = [round(rng.uniform(0, 5000), 1) for _ in range(rng.choice((12, 53, 365)))]
        total = float(sum(__import__("decimal").Decimal(repr(v)) for v in values))
        assert not figures.short_of(sum(values), total, False) and not figures.short_of(sum(values), total, True)
    assert figures.short_of(1e12 - 1, 1e12, False) and figures.short_of(80.9999, 81.0, False)
    assert not figures.short_of(80.99999999999999, 81.0, False) and not figures.short_of(0.0, 0.0, True)
