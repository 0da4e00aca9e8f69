"""Erlang C: how many advisors a queue of calls needs, and how well a number of advisors copes.

Traffic is in Erlangs: calls in an interval times the average handle time, over the length
of the interval (100 calls in 30 minutes at 180 seconds each is 10 Erlangs). Nothing here
takes a factorial or a power: the Erlang B blocking probability comes from its recursion
B(0) = 1, B(n) = A·B(n-1) / (n + A·B(n-1)), which stays between 0 and 1 for any traffic,
and Erlang C comes from Erlang B: C = N·B / (N - A·(1 - B)).

Every function takes numbers or numpy arrays (broadcast together) and answers a float or an
array: a week of 672 fifteen-minute intervals is one call, not 672.
"""

from __future__ import annotations

import math

import numpy as np

# Above this many advisors in one interval the answer is no longer a contact centre's.
MAX_AGENTS = 5000


def traffic(calls, aht_seconds, interval_seconds):
    """Traffic intensity in Erlangs."""
    calls = np.asarray(calls, dtype=float)
    return _out(calls * np.asarray(aht_seconds, dtype=float) / float(interval_seconds))


def _out(value):
    array = np.asarray(value)
    return float(array) if array.ndim == 0 else array


def _erlang_b_at(agents, load):
    """Erlang B for each (agents, load) pair, by the recursion up to the largest N."""
    agents, load = np.broadcast_arrays(np.asarray(agents, dtype=int), np.asarray(load, dtype=float))
    blocking = np.ones(agents.shape)
    answer = np.where(agents <= 0, 1.0, 0.0)
    top = int(agents.max(initial=0))
    for n in range(1, top + 1):
        blocking = load * blocking / (n + load * blocking)
        answer = np.where(agents == n, blocking, answer)
    return agents, load, answer


def erlang_b(agents, load):
    """The probability that a call finds every advisor busy when there is no queue."""
    return _out(_erlang_b_at(agents, load)[2])


def _erlang_c(agents, load, blocking):
    with np.errstate(divide="ignore", invalid="ignore"):
        waiting = agents * blocking / (agents - load * (1 - blocking))
    return np.where(agents > load, np.clip(waiting, 0.0, 1.0), 1.0)


def probability_of_waiting(agents, load):
    """Erlang C: the probability that a call waits at all (1 when the queue never clears)."""
    agents, load, blocking = _erlang_b_at(agents, load)
    return _out(_erlang_c(agents, load, blocking))


def _service_level(agents, load, waiting, aht_seconds, target_seconds):
    with np.errstate(over="ignore", invalid="ignore"):
        level = 1 - waiting * np.exp(-(agents - load) * target_seconds / aht_seconds)
    level = np.where(agents > load, level, 0.0)
    return np.where(load <= 0, 1.0, np.clip(level, 0.0, 1.0))


def service_level(agents, load, aht_seconds, target_seconds):
    """The share of calls answered within `target_seconds` (0 to 1)."""
    agents, load, blocking = _erlang_b_at(agents, load)
    waiting = _erlang_c(agents, load, blocking)
    return _out(_service_level(agents, load, waiting, float(aht_seconds), float(target_seconds)))


def _asa(agents, load, waiting, aht_seconds):
    with np.errstate(divide="ignore", invalid="ignore"):
        asa = waiting * aht_seconds / (agents - load)
    return np.where(load <= 0, 0.0, np.where(agents > load, asa, np.inf))


def average_speed_of_answer(agents, load, aht_seconds):
    """The average wait in seconds over all calls (infinite when the queue never clears)."""
    agents, load, blocking = _erlang_b_at(agents, load)
    waiting = _erlang_c(agents, load, blocking)
    return _out(_asa(agents, load, waiting, aht_seconds))


def occupancy(agents, load):
    """The share of advisors' time on calls (at most 1)."""
    agents = np.asarray(agents, dtype=float)
    load = np.asarray(load, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        busy = np.where(agents > 0, np.minimum(load / agents, 1.0), 0.0)
    return _out(busy)


def abandonment(agents, load, aht_seconds, patience_seconds):
    """The share of calls that would hang up before being answered.

    A documented simple model, not full Erlang A: callers' patience is exponential with
    mean `patience_seconds`, and the wait is Erlang C's (a caller who waits does so with
    probability C, for an exponential time with rate (N - A)/AHT). The chance the wait
    outlasts the patience is C / (1 + patience·(N - A)/AHT). Because callers who hang up
    shorten the queue for the others, this overstates abandonment a little: it errs on the
    side of caution. When the queue never clears, everyone who waits gives up in the end.
    """
    agents, load, blocking = _erlang_b_at(agents, load)
    waiting = _erlang_c(agents, load, blocking)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = (agents - load) / aht_seconds
        share = waiting / (1 + patience_seconds * rate)
    share = np.where(agents > load, share, 1.0)
    return _out(np.where(load <= 0, 0.0, share))


def _search(load, aht_seconds, meets):
    """The fewest advisors for each load with `meets(agents, load, waiting)` true.

    One pass of the Erlang B recursion serves every interval at once: at step n each
    interval still searching checks whether n advisors are enough.
    """
    load = np.atleast_1d(np.asarray(load, dtype=float))
    aht = np.broadcast_to(np.asarray(aht_seconds, dtype=float), load.shape)
    needed = np.zeros(load.shape, dtype=int)
    done = ~(load > 0)  # no calls (or no data): no advisors
    blocking = np.ones(load.shape)
    n = 0
    while not done.all():
        n += 1
        if n > MAX_AGENTS:
            raise ValueError("The traffic needs more than %d advisors in an interval" % MAX_AGENTS)
        blocking = load * blocking / (n + load * blocking)
        stable = n > load
        if not stable.any():
            continue
        waiting = _erlang_c(np.full(load.shape, n), load, blocking)
        hit = ~done & stable & meets(n, load, aht, waiting)
        needed[hit] = n
        done |= hit
    return needed


def agents_for_service_level(load, aht_seconds, target_level, target_seconds):
    """The fewest advisors answering `target_level` (0 to 1) of calls in `target_seconds`."""
    target_level, target_seconds = float(target_level), float(target_seconds)
    if not 0 < target_level < 1:
        raise ValueError("The service level target must be between 0 and 1")
    shape = np.shape(load)
    needed = _search(
        load,
        aht_seconds,
        lambda n, load, aht, waiting: (
            _service_level(n, load, waiting, aht, target_seconds) >= target_level - 1e-12
        ),
    )
    return int(needed[0]) if shape == () else needed


def agents_for_asa(load, aht_seconds, target_asa_seconds):
    """The fewest advisors keeping the average speed of answer at most `target_asa_seconds`."""
    target = float(target_asa_seconds)
    if target <= 0:
        raise ValueError("The answer time target must be more than 0 seconds")
    shape = np.shape(load)
    needed = _search(
        load,
        aht_seconds,
        lambda n, load, aht, waiting: _asa(n, load, waiting, aht) <= target + 1e-12,
    )
    return int(needed[0]) if shape == () else needed


def rostered_for(agents_needed, shrinkage):
    """Advisors to roster so that `agents_needed` are on the phones after shrinkage
    (leave, training, breaks): ceil(needed / (1 - shrinkage))."""
    if not 0 <= shrinkage < 1:
        raise ValueError("Shrinkage must be at least 0 and less than 1")
    needed = np.asarray(agents_needed, dtype=float)
    # Round first so that 14 / 0.7 = 20.000000000000004 is 20, not 21.
    rostered = np.ceil(np.round(needed / (1 - shrinkage), 9)).astype(int)
    return int(rostered) if rostered.ndim == 0 else rostered


def is_finite(value) -> bool:
    return value is not None and math.isfinite(value)
