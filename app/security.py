"""Boundary hardening shared by the API and the web app: a throttle on failed authentication."""

from __future__ import annotations

import threading
import time
from collections import deque

# --- failed authentication -------------------------------------------------------------------


class AuthFailures:
    """Failed authentications per client address in a sliding window: after `limit` failures
    within `window_s` seconds the address is refused (429) until the oldest one ages out.
    In memory, per process."""

    MAX_CLIENTS = 10_000

    def __init__(self, limit: int = 10, window_s: float = 60.0):
        self.limit = limit
        self.window_s = window_s
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _prune(self, who: str, now: float) -> deque[float] | None:
        times = self._seen.get(who)
        if times is None:
            return None
        while times and times[0] <= now - self.window_s:
            times.popleft()
        if not times:
            del self._seen[who]
            return None
        return times

    def wait(self, who: str) -> float:
        """0 when `who` may try again, else seconds until it may."""
        if self.limit <= 0:
            return 0.0
        now = time.monotonic()
        with self._lock:
            times = self._prune(who, now)
            if times is None or len(times) < self.limit:
                return 0.0
            return max(0.0, times[-self.limit] + self.window_s - now)

    def failed(self, who: str) -> None:
        if self.limit <= 0:
            return
        now = time.monotonic()
        with self._lock:
            if len(self._seen) >= self.MAX_CLIENTS and who not in self._seen:
                for other in list(self._seen):
                    self._prune(other, now)
                if len(self._seen) >= self.MAX_CLIENTS:  # a flood of addresses: forget the oldest
                    self._seen.pop(next(iter(self._seen)))
            self._seen.setdefault(who, deque()).append(now)
