"""A fixed-window rate limit kept in the cache: how many times a key may act in a period."""

from django.core.cache import cache


def hit(*, key: str, limit: int, period_seconds: int) -> bool:
    """Count one use of `key`; True while it is within `limit` uses in the current period.

    With the dummy cache (the default in tests) nothing is counted and every use is allowed.
    """
    bucket = f"ratelimit:{key}"
    cache.add(bucket, 0, timeout=period_seconds)
    try:
        count = cache.incr(bucket)
    except ValueError:  # the key expired between add and incr, or the cache keeps nothing
        cache.add(bucket, 1, timeout=period_seconds)
        count = cache.get(bucket) or 0
    return count <= limit
