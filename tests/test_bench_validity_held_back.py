"""The validity bench's held-back sets: named among the scored sets and frozen."""

from bench import validity


def test_held_back_checks_are_scored_sets_with_frozen_labels():
    checks = dict(validity.VALIDITY_CHECKS)
    held = [k for k in validity.HELD_BACK if k.startswith("validity_check")]
    assert set(held) == {"validity_check21", "validity_check24"}
    assert all(validity.labels_frozen(checks[k]) for k in held)


def test_previous_held_back_checks_are_now_tuning():
    for key in (
        "validity_check15",
        "validity_check16",
        "validity_check17",
        "validity_check18",
        "validity_check19",
        "validity_check20",
        "validity_check22",
        "validity_check23",
    ):
        assert key in dict(validity.VALIDITY_CHECKS)
        assert key not in validity.HELD_BACK
