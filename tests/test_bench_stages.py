"""The stage bench's data and its reading modes (bench/stages.py)."""

from collections import Counter

from bench.stages import PARTS, STAGES_DEV, load_messages, said_in
from bench.validity import labels_frozen


def test_said_in_is_none_or_the_stage_before_the_label():
    assert said_in("data", "no stage") is None
    assert said_in("data", "one stage early") == "frame"
    assert said_in("clarify", "one stage early") == "clarify"  # the interview starts there


def test_parts_have_the_same_mix_and_the_labels_are_frozen():
    assert labels_frozen(STAGES_DEV)
    mixes = [Counter(m["stage"] for m in load_messages(p)) for p in PARTS]
    assert mixes[0] == mixes[1] and sum(mixes[0].values()) == 60
