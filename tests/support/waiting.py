"""Waiting for something another thread or process does: poll with a deadline, never a
fixed sleep."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

import httpx

T = TypeVar("T")


def eventually(probe: Callable[[], T], timeout: float = 10.0, interval: float = 0.05) -> T:
    """Call `probe` until it returns something truthy and return that; fail the test with
    the last value if `timeout` seconds pass first."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still {value!r} after {timeout} s")
        time.sleep(interval)


def answers_200(url: str) -> bool:
    """Whether a GET of `url` answers 200 now (a server still starting does not)."""
    try:
        # verify=False: a plain-http poll needs no CA bundle, which costs ~50 ms per client.
        return httpx.get(url, timeout=1, verify=False).status_code == 200
    except httpx.HTTPError:
        return False
