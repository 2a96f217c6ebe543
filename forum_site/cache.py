"""Django's RedisCache, answering as an empty cache while Redis cannot be reached.

The cache only ever holds copies (pages, menus, sessions backed by the database), so a
stopped Redis must cost speed, not answers: every read is a miss, every write is dropped,
and one warning per minute says so. Other Redis errors (a wrong command, a full memory)
are not hidden.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
WARN_EVERY = 60  # seconds


def _warn(error):
    now = time.monotonic()
    if now - _warned_at[0] >= WARN_EVERY:
        _warned_at[0] = now
        logger.warning("Redis unreachable, pages are served uncached: %s", error)


_warned_at = [0.0]


def _on_outage(answer):
    """Run the RedisCache method; while Redis is unreachable, return `answer(*args)`."""

    def wrap(method):
        @functools.wraps(method)
        def resilient(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as error:
                _warn(error)
                return answer(*args, **kwargs)

        return resilient

    return wrap


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _default(key, default=None, version=None):
    return default


def _key_missing(key, *args, **kwargs):
    # What RedisCache.incr raises for a key it lacks: callers already handle it.
    raise ValueError(f"Key {key!r} not found: Redis is unreachable")


class ResilientRedisCache(RedisCache):
    add = _on_outage(_false)(RedisCache.add)
    get = _on_outage(_default)(RedisCache.get)
    set = _on_outage(_nothing)(RedisCache.set)
    touch = _on_outage(_false)(RedisCache.touch)
    delete = _on_outage(_false)(RedisCache.delete)
    get_many = _on_outage(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = _on_outage(_false)(RedisCache.has_key)
    incr = _on_outage(_key_missing)(RedisCache.incr)
    set_many = _on_outage(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    delete_many = _on_outage(_nothing)(RedisCache.delete_many)
    clear = _on_outage(_false)(RedisCache.clear)
