"""Bounded memories of per-text work: a sentence's normalised form, polarity, concepts named,
and so on. The service reads each message once live and again when it grades the interview,
so most grading work is found here.

Each memory is an LRU cache registered here, so `forget_per_text` can empty them all: a
benchmark times grading of a transcript never seen before (a restarted process, or one
imported from elsewhere) without listing the memories by name. Memories of the knowledge
base (phrase patterns, rubric and word vectors) are plain `lru_cache`s: a process builds
them once whatever it reads."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from functools import _lru_cache_wrapper, lru_cache
from typing import Any, TypeVar

T = TypeVar("T")

# Weak: a memory made per object (a matcher's) goes with its object.
_MEMORIES: weakref.WeakSet[_lru_cache_wrapper[Any]] = weakref.WeakSet()
_FORGETTERS: list[Callable[[], None]] = []


def per_text(maxsize: int) -> Callable[[Callable[..., T]], _lru_cache_wrapper[T]]:
    """`functools.lru_cache(maxsize)`, registered as a per-text memory."""

    def wrap(fn: Callable[..., T]) -> _lru_cache_wrapper[T]:
        cached = lru_cache(maxsize=maxsize)(fn)
        _MEMORIES.add(cached)
        return cached

    return wrap


def on_forget(forget: Callable[[], None]) -> Callable[[], None]:
    """Register a memory kept some other way (its function that empties it)."""
    _FORGETTERS.append(forget)
    return forget


def forget_per_text() -> None:
    """Empty every per-text memory."""
    for memory in list(_MEMORIES):
        memory.cache_clear()
    for forget in _FORGETTERS:
        forget()
