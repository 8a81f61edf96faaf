"""One process at a time for start-up work that several workers would otherwise race:
database migrations and the embedded index build (`mlsd serve --workers N` on a fresh data
dir). An advisory file lock in the data dir; waiting workers then find the work done."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.security import private_dir


@contextmanager
def startup_lock(data_dir: Path, name: str) -> Iterator[None]:
    """Hold `data_dir/.NAME.lock` exclusively for the duration of the block."""
    private_dir(data_dir)
    with open(data_dir / f".{name}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
