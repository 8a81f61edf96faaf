"""Helpers the reader's tests share."""

from __future__ import annotations

from app.understanding.offline import OfflineReader


def flag_ids(reader: OfflineReader, problem: str, text: str) -> list[str]:
    """The red flags a senior candidate's `text` raises on `problem`, by criterion id, sorted."""
    return sorted(
        c.criterion_id for c in reader.read(text, problem_id=problem, level="senior").flags
    )
