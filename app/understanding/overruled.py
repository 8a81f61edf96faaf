"""A red flag met in one sentence and overruled by a later sentence of the same answer (issue #11).

Strong candidates name the risky option in one sentence and replace it in the next ("We could
compute exact distances against every image. That is why we use ANN instead: ..."). Read one
sentence at a time, the first looks like a plan. The answer's own structure settles it: when the
sentence naming the mistake carries no commitment of the candidate's own (no plan voice, no
first person doing it: a possibility, a description of the option, its consequence) and one of
the next few sentences opens as a conclusion or a replacement ("So", "Instead", "That is why")
and says the practice that rules this mistake out, the mistake was weighed, not chosen. A
sentence in the candidate's own voice ("we'd shuffle the rows", "I switch it on for everyone")
stays a flag whatever follows: a contradiction in the answer is still a commitment.
"""

from __future__ import annotations

import re

# The first person as the one who does something: subject pronouns, plan contractions and
# possessives ("our pipeline shuffles ..."). Not an object ("things that could bite us").
_OWN_SUBJECT = re.compile(r"\b(?:i|we|let's|let us|our|my)\b|\b(?:i|we)(?:'|’)(?:d|ll|m|re|ve)\b")
# ...except as a mere possibility the candidate raises to weigh ("we could compute ...", "one
# option: we might ..."): "could/might" after the pronoun, not "can" or "may" (a plan: "we can
# reuse the nightly table"); or as the subject of a supposition ("say we pushed it to
# everyone", "if we shuffle the rows"), whose main clause is what is said of it.
_OWN_POSSIBILITY = re.compile(
    r"\b(?:i|we)\s+(?:could|might)\b|\b(?:say|suppose|supposing|imagine|if|what if)\s+(?:i|we)\b"
)
# A later sentence opening as the answer's conclusion or replacement: "So ...", "Instead, ...",
# "That is why we ...", "Hence ...", "Rather, ...". "But" alone is not enough: it may add a
# caveat to the same plan ("But we keep the table small"). Nor "rather than X" or "instead of
# X": they replace the option they name themselves, not the one before.
_REPLACEMENT_OPENS = re.compile(
    # ("so" only with the candidate's own act after it: "So the app just reads the list" goes on
    # with the plan, "So we use one sigmoid per category" replaces it)
    r"^\W*(?:so,?\s+(?:(?:instead|rather)\b|(?:i|we)\b|(?:i|we)(?:'|’)(?:d|ll)\b)|instead|"
    r"rather|hence|therefore|thus|that is why|that's why|this is why|which "
    r"is why|for that reason)\b(?!\s+(?:than|of)\b)"
)
# A note headed by its topic ("Serving: precompute everyone's feed overnight") is the
# candidate's plan, written without a pronoun.
_HEADED_NOTE = re.compile(r"^\W*[a-z][\w&/-]*(?: [\w&/-]+){0,2}:\s")
OVERRULE_REACH = 3  # how many sentences after the mistake may replace it


def commits_in_own_voice(norm: str) -> bool:
    """Whether a normalised sentence has the candidate (or their team) as the one doing what it
    says, other than only raising a possibility ("we could ...")."""
    if _HEADED_NOTE.match(norm):
        return True
    return _OWN_SUBJECT.search(_OWN_POSSIBILITY.sub(" ", norm)) is not None


def replacement_opens(norm: str) -> bool:
    """Whether a normalised sentence opens as a conclusion or a replacement of what came
    before ("So we use one sigmoid per category", "That is why we use ANN instead")."""
    return _REPLACEMENT_OPENS.match(norm) is not None
