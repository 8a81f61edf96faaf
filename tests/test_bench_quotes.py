"""The met-quote audit's choice of population (`python -m bench.quotes --sets ...`)."""

from __future__ import annotations

import pytest

from bench.quotes import QUOTES_HELD_BACK, QUOTES_TUNING, set_dirs


def test_named_check_sets_are_drawn_in_the_order_named():
    dirs = set_dirs("validity-check-2, validity-check-1")
    assert [d.name for d in dirs] == ["validity-check-2", "validity-check-1"]


@pytest.mark.parametrize(
    ("alias", "names"), [("tuning", QUOTES_TUNING), ("held-back", QUOTES_HELD_BACK)]
)
def test_the_audit_populations_have_names(alias, names):
    assert [d.name for d in set_dirs(alias)] == list(names)
    assert not set(QUOTES_TUNING) & set(QUOTES_HELD_BACK)


def test_an_unknown_set_is_refused():
    with pytest.raises(SystemExit, match="no such set"):
        set_dirs("validity-check-99")


def test_the_held_back_population_is_check_24_and_tuning_checks_1_to_19_22_and_23():
    # met-quotes-heldback-8.md was drawn from check 24; the earlier held-back checks 8-12
    # (met-quotes-heldback-1.md), 13-15 (met-quotes-heldback-2.md), 16
    # (met-quotes-heldback-3.md), 17 (met-quotes-heldback-4.md), 19
    # (met-quotes-heldback-5.md), 22 (met-quotes-heldback-6.md) and 23
    # (met-quotes-heldback-7.md) are tuning data now
    assert list(QUOTES_HELD_BACK) == ["validity-check-24"]
    want = [f"validity-check-{k}" for k in range(1, 20)] + [
        "validity-check-22",
        "validity-check-23",
    ]
    assert want == list(QUOTES_TUNING)
