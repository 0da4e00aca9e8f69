"""The statistics the results and the value review use: intervals and significance tests."""

import math
import warnings
from dataclasses import dataclass

from scipy import stats

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


def wilson(successes: int, n: int, *, z: float = Z95) -> Interval | None:
    """The Wilson score interval for a proportion (None when there is nothing to measure)."""
    if n <= 0:
        return None
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return Interval(max(0.0, centre - half), min(1.0, centre + half))


def mean_interval(
    n: int, mean: float, sd: float, *, low: float = 1.0, high: float = 5.0
) -> Interval | None:
    """A 95% t interval for a mean score, kept within the scale (1 to 5)."""
    if n < 2:
        return None
    half = stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n)
    # Scores run from 1 to 5; an interval past either end would claim the impossible.
    return Interval(max(low, mean - half), min(high, mean + half))


def mean_sd_from_distribution(distribution: list[int]) -> tuple[int, float | None, float | None]:
    """Count, mean and sample standard deviation of 1-to-5 scores given as counts per score."""
    n = sum(distribution)
    if n == 0:
        return 0, None, None
    mean = sum((i + 1) * c for i, c in enumerate(distribution)) / n
    if n < 2:
        return n, mean, None
    ss = sum(c * ((i + 1) - mean) ** 2 for i, c in enumerate(distribution))
    return n, mean, math.sqrt(ss / (n - 1))


def expand(distribution: list[int]) -> list[int]:
    """Scores 1 to 5 as a list, from counts per score."""
    return [score for score, count in enumerate(distribution, start=1) for _ in range(count)]


def compare_means(a: list[int], b: list[int]) -> dict:
    """Welch's t test and the Mann-Whitney U test of two groups of scores."""
    if len(a) < 2 or len(b) < 2:
        return {"difference": None, "welch_p": None, "mann_whitney_p": None}
    with warnings.catch_warnings():
        # Identical scores in both groups make the t statistic undefined; it is reported so.
        warnings.simplefilter("ignore", RuntimeWarning)
        welch = stats.ttest_ind(a, b, equal_var=False)
        mann_whitney = stats.mannwhitneyu(a, b, alternative="two-sided")
    welch_p = float(welch.pvalue)
    return {
        "difference": sum(a) / len(a) - sum(b) / len(b),
        "welch_p": None if math.isnan(welch_p) else welch_p,
        "mann_whitney_p": float(mann_whitney.pvalue),
    }


def compare_proportions(x1: int, n1: int, x2: int, n2: int) -> dict:
    """The two-proportion z test (pooled), two-sided."""
    if n1 == 0 or n2 == 0:
        return {"difference": None, "z": None, "p": None}
    p1, p2 = x1 / n1, x2 / n2
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return {"difference": p1 - p2, "z": 0.0, "p": 1.0}
    z = (p1 - p2) / se
    return {"difference": p1 - p2, "z": z, "p": float(2 * stats.norm.sf(abs(z)))}
