"""A held-back red-flag set is scored but its per-item failures never leave the bench."""

from bench import redflags


def test_hide_errors_replaces_failures_at_any_depth_by_their_count():
    res = {
        "frozen": True,
        "answers": {"caught": "1/2", "errors": ["missed x: some sentence", "flag y: another"]},
        "grader": {"alone": {"errors": ["z"]}, "errors": []},
    }
    hidden = redflags.hide_errors(res)
    assert hidden["answers"]["caught"] == "1/2"
    assert hidden["answers"]["errors"] == ["(held back: 2 failures not shown)"]
    assert hidden["grader"]["alone"]["errors"] == ["(held back: 1 failures not shown)"]
    assert "some sentence" not in str(hidden)


def test_held_back_sets_are_known_and_frozen():
    assert all(name in redflags.SETS for name in redflags.HELD_BACK)
    assert all(redflags.set_frozen(name) for name in redflags.HELD_BACK)


def test_the_newest_set_is_held_back_and_the_one_before_is_tuning_data():
    assert set(redflags.HELD_BACK) == {"dev-38"}
    assert "dev-37" in redflags.ANSWER_SETS and "dev-37" not in redflags.HELD_BACK
    assert "dev-36" in redflags.ANSWER_SETS and "dev-36" not in redflags.HELD_BACK
