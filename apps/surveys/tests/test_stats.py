import math

from hypothesis import given
from hypothesis import strategies as st
from statsmodels.stats.proportion import proportion_confint

from apps.surveys import stats


@given(n=st.integers(min_value=1, max_value=5000), data=st.data())
def test_wilson_matches_statsmodels(n, data):
    successes = data.draw(st.integers(min_value=0, max_value=n))
    ours = stats.wilson(successes, n)
    low, high = proportion_confint(successes, n, alpha=0.05, method="wilson")
    assert math.isclose(ours.low, low, abs_tol=1e-9)
    assert math.isclose(ours.high, high, abs_tol=1e-9)


def test_wilson_of_nothing_is_none():
    assert stats.wilson(0, 0) is None


def test_mean_interval_is_a_t_interval():
    from scipy import stats as scipy_stats

    scores = [1, 2, 3, 4, 5, 5, 4, 4]
    n, mean, sd = stats.mean_sd_from_distribution([1, 1, 1, 3, 2])
    assert n == 8 and math.isclose(mean, sum(scores) / 8)
    interval = stats.mean_interval(n, mean, sd)
    low, high = scipy_stats.t.interval(0.95, 7, loc=mean, scale=scipy_stats.sem(scores))
    assert math.isclose(interval.low, low) and math.isclose(interval.high, high)


def test_two_proportion_z_matches_statsmodels():
    from statsmodels.stats.proportion import proportions_ztest

    ours = stats.compare_proportions(80, 100, 60, 100)
    z, p = proportions_ztest([80, 60], [100, 100])
    assert math.isclose(ours["z"], z) and math.isclose(ours["p"], p)
