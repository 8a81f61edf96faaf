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
    # ("so" as a conclusion, whatever its subject: "So we use one sigmoid per category", "So the
    # plan is a monthly refresh", "So ranking happens when the feed is opened"; a "So" that goes
    # on with the plan, "So the app just reads the list", says no practice ruling it out. Not
    # "so far", "so that", "so much", an answer "so yes" or a supposition "so if")
    r"^\W*(?:so\b(?!\s+(?:far|that|much|many|long|yes|no|if|what|to)\b)|instead|"
    r"rather|hence|therefore|thus|that is why|that's why|this is why|which "
    r"is why|for that reason)\b(?!\s+(?:than|of)\b)"
)
# A note headed by its topic ("Serving: precompute everyone's feed overnight") is the
# candidate's plan, written without a pronoun.
_HEADED_NOTE = re.compile(r"^\W*[a-z][\w&/-]*(?: [\w&/-]+){0,2}:\s")
OVERRULE_REACH = 3  # how many sentences after the mistake may replace it
# The option as the subject of a hypothetical judgement: a gerund opening the sentence and a
# "would" after it ("Launching to everyone on the offline numbers alone would skip ...",
# "Removing every post above one score would be cheap"): the option weighed, not done.
_JUDGED_OPTION = re.compile(
    r"^\W*(?!(?:during|everything|nothing|something|anything|thing|morning|evening|string|"
    r"bring|spring|king)\b)[a-z]+ing\b(?!\s+(?:is|was)\b)[^.;:!?]*?\bwould\b"
)


# ...or as the subject of a relative clause that only says which thing someone else's clause is
# about: "the vendor we replaced used to ...", "the ranker our team inherited had been trained
# once", "... would skip the effects we care about" (a noun, then the pronoun and its verb, no
# "that is" between: "the plan is that we ..." stays ours; nor a plan's modal after it: "the
# table we'd build").
_NOT_A_NOUN = r"(?:is|are|was|were|be|been|that|which|so|and|or|but|if|when|to|of|in|on|for|with)"
_RELATIVE_OWN = re.compile(
    rf"\b(?:the|a|an|this|these|those|every|each|any)\s+(?:(?!{_NOT_A_NOUN}\b)[a-z-]+\s+){{1,3}}"
    r"(?:(?:that|which|whom)\s+)?(?:i|we|our team|my team)\s+"
    r"(?!(?:will|would|can|could|should|shall|must|need|plan|want|are going)\b)(?=[a-z])"
)


def commits_in_own_voice(norm: str) -> bool:
    """Whether a normalised sentence has the candidate (or their team) as the one doing what it
    says, other than only raising a possibility ("we could ...") or naming a thing in a
    relative clause ("the vendor we replaced used to ...")."""
    if _HEADED_NOTE.match(norm):
        return True
    rest = _RELATIVE_OWN.sub(" ", _OWN_POSSIBILITY.sub(" ", norm))
    return _OWN_SUBJECT.search(rest) is not None


def replacement_opens(norm: str) -> bool:
    """Whether a normalised sentence opens as a conclusion or a replacement of what came
    before ("So we use one sigmoid per category", "That is why we use ANN instead")."""
    return _REPLACEMENT_OPENS.match(norm) is not None


# The very next sentence refusing the option in the candidate's own voice, with no practice word
# needed: "We never read their content", "We don't use that", "I wouldn't do that". Its object
# points back to what was just said ("we don't use anything else" refuses something else; "we
# never store them in plain text" goes on using the data).
_REFUSAL = re.compile(
    r"^\W*(?:but\s+|and\s+)?(?:we|i)\s+(?:never|don't|do not|won't|will not|wouldn't|would "
    r"not|would never|refuse to)\s+(?:\w+ly\s+)?(?:do (?:that|this|it)\b|go there\b|"
    r"(?:use|read|touch|look at|rely on|train on|open)\s+(?:it|that|this|them|those|their|such|"
    r"any of (?:it|that|this|them|those))\b)"
)


# ...not a limit on how it is used: "we don't use them for anything else", "we don't rely on it
# alone", "we never read them by hand" go on using it
_LIMITED_USE = re.compile(
    r"\b(?:else|alone|only|by hand|manually|though|however|except|other than|beyond|directly|"
    r"more than|without|during|until|unless|outside)\b"
)


def refuses_it(norm: str) -> bool:
    """Whether a normalised sentence refuses what was just said in the candidate's own voice
    ("We never read their content"), not only limits its use ("we don't rely on it alone")."""
    m = _REFUSAL.match(norm)
    return m is not None and _LIMITED_USE.search(norm, m.end()) is None


def judged_option(norm: str) -> bool:
    """Whether a normalised sentence judges an option as a hypothetical, the option (a gerund
    phrase) its subject: "Launching on offline numbers alone would skip the effects we care
    about"."""
    return _JUDGED_OPTION.match(norm) is not None
