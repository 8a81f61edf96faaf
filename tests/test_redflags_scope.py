"""A red flag's commitment is read in the scope that governs the mistake (session redflags7,
tuned on redflags-dev-34): a markdown table's row is a statement of its own, so another row's
verb does not commit it and its last cell's verdict ("rejected" / "chosen") decides; and a
verdict accepting the mistake under a condition contrary to fact ("if X could ..., Y would be
fine") is a hypothetical, not the design. The mistakes in the same shapes keep their flags.
Tested in other words than the tuning sets'."""

from __future__ import annotations

import pytest

from app.understanding.commitment import commits, discussed_mode, in_own_row, table_row
from tests.reading import flag_ids

AD = "ad-click-prediction"
HC = "harmful-content"
VS = "visual-search"


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        # a table row turned down while another row, with an instruction's verb, is chosen
        (
            AD,
            "| approach | note | decision | | precompute the click chance of every user-ad pair "
            "each night | a day stale | rejected | | rank the eligible ads at request time | "
            "12 ms | chosen |",
        ),
        (
            VS,
            "| search | latency | pick | | exact distance to every one of the billions of vectors "
            "| seconds | no | | HNSW graph over quantised vectors | 20 ms | yes |",
        ),
        # a verdict accepting the mistake only in a world contrary to fact
        (
            HC,
            "If every post could break at most one rule, a softmax over the policy categories "
            "would be enough. Posts often break two rules, so each category gets its own sigmoid.",
        ),
        (
            VS,
            "If the collection were ten thousand photos, exhaustive exact search against all of "
            "them would be fine; at our size we use an approximate index.",
        ),
    ],
)
def test_the_mistake_outside_the_governing_scope_is_no_red_flag(reader, problem, text):
    assert flag_ids(reader, problem, text) == []


@pytest.mark.parametrize(
    ("problem", "text", "flag"),
    [
        # the row marked chosen
        (
            AD,
            "| approach | note | decision | | precompute the click chance of every user-ad pair "
            "each night | fast reads | chosen |",
            "ad-serve-batch-all-pairs",
        ),
        # a condition that may hold keeps the verdict the candidate's
        (
            HC,
            "If latency is tight, a softmax over the policy categories would be fine for us.",
            "hc-frame-softmax-red-flag",
        ),
    ],
)
def test_the_mistake_inside_the_governing_scope_keeps_its_flag(reader, problem, text, flag):
    assert flag in flag_ids(reader, problem, text)


def test_a_table_row_is_read_alone():
    text = "| a | b | | nightly job | rejected | | request time | chosen | tail words"
    start = text.find("nightly")
    row = table_row(text, start, start + 7)
    assert row is not None and text[row[0] : row[1]] == "| nightly job | rejected |"
    sub, a, b = in_own_row(text, start, start + 7)
    assert sub[a:b] == "nightly"
    assert discussed_mode(sub, a, b) == "a table row marked rejected"
    assert table_row("no table here", 0, 2) is None


def test_a_contrary_to_fact_condition_is_not_the_candidates_when_they_speak_in_it():
    text = "if i were building this, a random split would be fine."
    start = text.find("random split")
    assert discussed_mode(text, start, start + 12) is None
    assert commits(text, start, start + 12) is not None


def test_a_yes_no_attribute_column_is_no_verdict_on_the_row():
    """'| leakage risk | no |' answers a column's question; it does not turn the row down."""
    from app.understanding.commitment import _ROW_REJECTED

    assert _ROW_REJECTED.search("| total watch time of this video | yes | no |") is None
    assert _ROW_REJECTED.search("| total watch time of this video | leaks | rejected |")
