"""Literal pre-tests of large regexes: necessary, never wrong."""

import re

import pytest

from app.knowledge.prefilter import may_match, required_keys
from app.understanding import leakage
from app.understanding.mistakes import DETECTORS


@pytest.mark.parametrize(
    ("pattern", "keys"),
    [
        (r"\bsplit(?:ting)? (?:at random|randomly)", ("split",)),
        # one way through the alternation with no literal: nothing is required of it
        (r"\b(?:accuracy|\w+)\b", None),
        (r"\b(?:accuracy|\w+ rate)\b", (" rate", "accuracy")),
        # of the parts every match passes through, the most selective
        (r"(?:accuracy|error rate) is (?:the|our) metric", (" metric",)),
        (r"(?:accuracy|recall)s?", ("accuracy", "recall")),
        # an optional part requires nothing; a repeated one at least once does
        (r"(?:random )?split", ("split",)),
        (r"(?:very )+\w+", ("very ",)),
        (r"(?:very )*\w+", None),
        # a lookahead's words are in the text; a negative one's are not required
        (r"^(?=.*\bfuture\b).*\w+", ("future",)),
        (r"(?<!not )shuffle", ("shuffle",)),
        (r"shuffle", ("shuffle",)),
        (r"(?i)shuffle", None),  # case-blind: the text's case is unknown
        (r"ab", None),  # too short to tell anything
    ],
)
def test_required_keys_read_off_the_pattern(pattern, keys):
    assert required_keys(re.compile(pattern)) == keys


def _texts() -> list[str]:
    """Sentences that name the mistakes and the practice around them, the ones the detectors
    were written from, in many forms."""
    stems = [
        "we split the data randomly into train and test",
        "shuffle the rows and split 80/20",
        "accuracy is the metric we report",
        "the model uses next week's bookings as a feature",
        "we use the number of reports in the next day as an input",
        "no human checks the removals, they are automatic",
        "we launch on the offline auc alone",
        "train once and never retrain it",
        "the label is whether the ad was clicked, also fed as a feature",
        "split by time, not randomly",
        "we'd use precision and recall, not accuracy",
    ]
    return stems + [s.upper() for s in stems] + [s.replace(" ", "  ") for s in stems]


def test_the_pre_test_never_skips_a_match():
    patterns = [d.pattern for d in DETECTORS] + [leakage._USE, leakage._BARE_USE]
    for pattern in patterns:
        keys = required_keys(pattern)
        for text in _texts():
            if pattern.search(text):
                assert may_match(keys, text), (pattern.pattern[:60], text)


def test_the_big_patterns_get_a_pre_test():
    # the speed-up is real only if the detectors' keys can be read off
    assert sum(required_keys(d.pattern) is not None for d in DETECTORS) >= len(DETECTORS) - 2
