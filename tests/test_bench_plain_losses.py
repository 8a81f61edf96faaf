"""The categories of bench.plain_losses: why a paraphrase misses a criterion its textbook meets."""

import pytest

from bench.plain_losses import category, tuning_sets
from bench.validity import HELD_BACK


@pytest.mark.parametrize(
    ("args", "want"),
    [
        (("not credited: 'x' negated by 'never'", False, 0.6, 0.6, 0.6, True), "polarity or hedge"),
        (
            ("not credited: named only as a term in a list", True, 0.6, 0.0, 0.0, True),
            "read as a list",
        ),
        (("", True, 0.1, 0.1, 0.1, False), "concept named, a rule set it aside"),
        (("", False, 0.60, 0.5, 0.1, False), "near copy, capped or set aside"),
        (("", False, 0.45, 0.4, 0.1, True), "close, with a reason"),
        (("", False, 0.45, 0.4, 0.1, False), "close, no reason cue"),
        (("", False, 0.30, 0.45, 0.5, False), "spread over two sentences"),
        (("", False, 0.30, 0.30, 0.5, False), "said in another stage"),
        (("", False, 0.38, 0.38, 0.2, False), "words differ, near"),
        (("", False, 0.20, 0.25, 0.2, False), "words differ, far"),
    ],
)
def test_category_orders_judge_notes_then_concepts_then_closeness(args, want):
    assert category(*args) == want


def test_held_back_check_is_never_analysed():
    names = [name for name, _ in tuning_sets()]
    assert "validity_check15" in names
    assert not set(names) & HELD_BACK
