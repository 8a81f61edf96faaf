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
