"""Rate limit per caller with the `limits` library: a moving window of one minute, kept in
Redis when `MLSD_REDIS_URL` is set (shared by every worker and replica), in process memory
otherwise (then each worker counts on its own)."""

from __future__ import annotations

import asyncio
import logging
import time

from limits import RateLimitItemPerMinute
from limits.aio.storage import Storage as AsyncStorage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

log = logging.getLogger(__name__)

_WARN_EVERY_S = 60.0


def storage_uri(redis_url: str | None) -> str:
    """The `limits` storage URI: async Redis for `redis://` / `rediss://` URLs, else memory."""
    if not redis_url:
        return "async+memory://"
    if redis_url.startswith("async+"):
        return redis_url
    return "async+" + redis_url


def async_storage(uri: str, **options: float | str | bool) -> AsyncStorage:
    """`storage_from_string` for an `async+` URI, typed as the async storage it returns."""
    storage = storage_from_string(uri, **options)
    if not isinstance(storage, AsyncStorage):  # only a URI without `async+` gives a sync one
        raise ValueError(f"not an async rate-limit storage URI: {uri!r}")
    return storage


class RateLimiter:
    """`per_minute` requests per caller in any sliding minute; 0 disables. If Redis cannot be
    reached the request is let through (logged): a limiter outage must not take the API
    down with it."""

    def __init__(self, per_minute: int, redis_url: str | None = None, prefix: str = "mlsd"):
        self.per_minute = per_minute
        self.item = RateLimitItemPerMinute(per_minute) if per_minute > 0 else None
        self.shared = bool(redis_url)
        self._uri = storage_uri(redis_url)
        self._options: dict[str, str] = {}
        if self.shared:
            self._options = {"implementation": "redispy", "key_prefix": f"{prefix}:limits"}
        self.storage = async_storage(self._uri, **self._options)
        self.strategy = MovingWindowRateLimiter(self.storage)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._warned_at = 0.0

    def _current(self) -> MovingWindowRateLimiter:
        """The strategy for the running event loop: an async Redis client belongs to the
        loop it connected on (one per worker; tests run several loops in one process)."""
        if self.shared:
            loop = asyncio.get_running_loop()
            if self._loop is not loop:
                if self._loop is not None:
                    self.storage = async_storage(self._uri, **self._options)
                    self.strategy = MovingWindowRateLimiter(self.storage)
                self._loop = loop
        return self.strategy

    @classmethod
    def from_settings(cls, settings) -> RateLimiter:
        return cls(settings.rate_limit_per_minute, settings.redis_url, settings.redis_prefix)

    async def take(self, who: str) -> float:
        """0 when allowed, else the seconds to wait before the next request is allowed."""
        if self.item is None:
            return 0.0
        try:
            strategy = self._current()
            if await strategy.hit(self.item, "rate", who):
                return 0.0
            stats = await strategy.get_window_stats(self.item, "rate", who)
            return max(0.0, stats.reset_time - time.time())
        except Exception:
            if time.monotonic() - self._warned_at > _WARN_EVERY_S:
                self._warned_at = time.monotonic()
                log.warning(
                    "rate limit storage unavailable; requests are not limited", exc_info=True
                )
            return 0.0

    async def reset(self) -> None:
        """Forget every count (tests)."""
        self._current()
        await self.storage.reset()
