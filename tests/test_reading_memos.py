"""The reader's per-text memories save work, never change a reading.

`tests/data/frozen_readings.json` holds the readings of a few dev messages (the slowest
multi-question ones, and requests to move on, for a hint, to finish) made by the reader before
the sentence tests got their memories. Regenerate it only for an intended change of reading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.knowledge.memo import forget_per_text
from app.understanding import acts, closings
from app.understanding.offline import OfflineReader

FROZEN = Path(__file__).parent / "data" / "frozen_readings.json"

# asked several times of one sentence by the acts and the claims (issue #11: reading cost)
MEMOISED = (
    acts.plain_progress,
    acts.fix_question_words,
    acts.question_core,
    acts.is_question,
    acts.moves_on,
    acts.wants_move_on,
    acts.wants_hint,
    closings.wants_finish,
)


@pytest.mark.parametrize("test", MEMOISED, ids=lambda f: f.__name__)
def test_sentence_test_is_a_per_text_memory(test) -> None:
    forget_per_text()
    test("ok let's move on to the model, i'm stuck on the features?")
    assert test.cache_info().currsize == 1
    forget_per_text()  # a benchmark's cold read empties it with the others
    assert test.cache_info().currsize == 0


def _readings(reader: OfflineReader, items: list[dict]) -> list[dict]:
    return [
        reader.read(
            m["text"], problem_id=m["problem_id"], level="senior", open_question=m["open_question"]
        ).model_dump(mode="json")
        for m in items
    ]


def test_readings_cold_and_warm_match_the_frozen_ones(reader: OfflineReader) -> None:
    items = json.loads(FROZEN.read_text(encoding="utf-8"))
    forget_per_text()
    cold = _readings(reader, items)
    warm = _readings(reader, items)  # every memory now full: the same answers
    assert warm == cold
    for item, got in zip(items, cold, strict=True):
        assert got == item["reading"], item["text"][:60]
