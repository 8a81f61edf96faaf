"""Frames that hold a mistake in their scope without the candidate doing it (session redflags8).

Held-back set dev-35 kept seven false flags through a session whose tuning sets held none, and
every one was a commitment cue read outside the clause that governs the mistake: a first person
that is the subject of another verb ("I've heard a smaller ad network scores every user against
every ad overnight"; "if we had split the logs randomly we would have reported 0.82"), an object
pronoun ("what could mislead us in evaluation: ..."), a part of the system named inside a frame
("a trap for people new to images is to flatten the pixels ..."). The rule here is one: a mistake
inside the complement of a frame that suspends it is not the design, whatever voice speaks in the
frame itself. The frames are the few kinds of head that take a clause as their complement and
say it is not so: a condition contrary to fact whose main clause is only a consequence, a report
of what was heard or seen elsewhere, and a mistake named as the trap. Whether the candidate then
carries it into the design ("..., and that's what we'd do") is the caller's to read.
"""

from __future__ import annotations

import re

# A condition contrary to fact: "if", the designer as its subject and a past form in it ("if we
# removed every post ...", "if I went straight to ...", "if our team had split the logs
# randomly"), then a main clause with a modal ("we'd be fast", "I couldn't tell", "the AUC we
# quoted would have looked ..."): the designer's act is supposed, and only its consequences are
# said. A condition on the world ("if the user watched it to the end, we'd feed that in") is a
# plan, and so is a present one ("if a post is reported, we'd label it"): both are left.
_DESIGNER = r"(?:i|we|you|one|someone|anyone|(?:a|the|our|my|your)\s+team)"
# (verbs whose past is their present, "split", "cut", "put", "set", "let", say the past only
# after "had": "if we split the logs randomly, we'd get a big test set" is a plan; nor is
# every "-ed" word a past form: "hundred", "speed", "need", "embed")
_PAST_IN_CONDITION = (
    r"(?:(?!(?:hundred|speed|need|embed|feed|seed|bed|red|shed|breed|proceed|exceed|succeed)\b)"
    r"[a-z]{3,}ed|had|were|could|went|did|got|took|made|built|ran|kept|gave|sent|threw|"
    r"chose|left|fed|shipped)"
)
# (after a comma the main clause's subject may be a phrase, "the AUC we quoted would ..."; with
# no comma only a pronoun opens it, "if we had split the logs randomly we would have ...")
_MODAL = r"(?:'d|’d|\s+(?:would|could|might)(?:n't|n’t)?)\b"
_PRONOUN_MODAL = r"(?:i|we|you|they|it|he|she|that|this|there)" + _MODAL
_PHRASE_MODAL = r"(?:[\w'’-]+\s+){0,5}?(?:would|could|might)(?:n't|n’t)?\b"
_COUNTERFACTUAL_IF = re.compile(
    rf"\bif\s+(?P<cond>{_DESIGNER}\s+(?:[^,;:.!?]{{0,40}}?\s)?{_PAST_IN_CONDITION}\b"
    rf"[^,;:.!?]*?)(?:,\s*(?=(?:{_PRONOUN_MODAL}|{_PHRASE_MODAL}))|\s+(?={_PRONOUN_MODAL}))"
)
# A report of what was heard, read or seen elsewhere, with a subject of its own that is not the
# candidate: "I've heard a smaller ad network scores every user ...", "we read that a rival
# ranks on clicks alone". The first person is the one who heard it, not the one who does it.
# ("read" and "seen" only in the perfect: "we read what two people write" is the design)
_HEARD = re.compile(
    r"\b(?:i|we)(?:(?:'ve|’ve|\s+have)\s+(?:\w+ly\s+|once\s+|also\s+)?(?:heard|read|seen|"
    r"been told|come across)|\s+(?:\w+ly\s+|once\s+|also\s+)?(?:heard|saw|was told|were told|"
    r"came across))\s+(?:that\s+|of\s+|about\s+|how\s+)?"
    r"(?!(?:i|we|us|our|my|me|i'd|we'd|i'll|we'll)\b)(?=[a-z])"
)
# The mistake named as what a trap, a mistake or a pitfall is: "a trap for people new to images
# is to flatten the pixels ...", "the classic mistake here is to ship on ...".
_TRAP_IS = re.compile(
    r"\b(?:a|the|one|another|our)\s+(?:[\w-]+\s+){0,2}?(?:trap|mistake|pitfall|anti-pattern|"
    r"gotcha|error|temptation)s?\b(?:\s+[\w'’-]+){0,6}?\s+(?:is|was|would be)\s+(?:to|that)\s"
)
_OWN_PLAN = re.compile(r"\b(?:i'd|we'd|i'll|we'll|let's|(?:i|we) (?:will|would|shall))\b")
# a piece ends at a full stop, or where a clause of the candidate's own opens after a comma:
# "i've seen the logs are huge, so we split them randomly" does the split
_PIECE_END = re.compile(r"[.;!?]|,\s*(?:(?:so|and|but|then)\s+)?(?:i|we)\b")


def suspending_frame(norm: str, start: int, end: int) -> str | None:
    """The frame of the normalised sentence whose complement holds the mistake at [start, end)
    and says it is not so (a condition contrary to fact with only a consequence after it, a
    report of what was heard elsewhere, the trap named), or None."""
    for m in _COUNTERFACTUAL_IF.finditer(norm):
        # (the mistake is the supposition itself: the condition holds it whole)
        if m.start() <= start and end <= m.end("cond"):
            return m.group(0).strip(" ,")
    for cue in (_HEARD, _TRAP_IS):
        for m in cue.finditer(norm):
            piece = norm[m.start() : max(start, m.end())]
            # (before the mistake's last words, in the same piece: a detector's span may open
            # with the frame itself, "i once heard a small forum removes"; a plan of the
            # candidate's inside the frame is a plan: "the trap I'd accept is to ...")
            if m.end() >= end or _PIECE_END.search(piece) or _OWN_PLAN.search(piece):
                continue
            return m.group(0).strip()
    return None


# Options weighed at the head of a sentence that then chooses: "between user reports and reviewer
# decisions, I'd go with reports ...", "of a category classifier or an embedding, we'd pick the
# classifier". What the heading names is only on offer; the choice after it is the statement.
_WEIGHED_HEAD = re.compile(
    r"^\W*(?:(?:so|ok|okay|well|now)[,\s]+)?(?:between|of|out of|from|choosing between|"
    r"comparing)\s+[^,;:.!?]{2,120}?\b(?:and|or|vs\.?|versus)\b[^,;:.!?]{1,120}[,:]"
)
_OWN_CHOICE = re.compile(
    r"\b(?:i|we)(?:'d|’d|'ll|’ll|\s+would|\s+will)?\s+(?:\w+ly\s+)?(?:go with|take|pick|choose|"
    r"prefer|opt for|settle on|lean towards?)\b"
)


def only_on_offer(norm: str, start: int, end: int) -> bool:
    """Whether [start, end) of a normalised sentence is one of the options a heading weighs
    before the sentence's own choice among them (then it is not what the candidate does)."""
    head = _WEIGHED_HEAD.match(norm)
    return bool(head and end <= head.end() and _OWN_CHOICE.search(norm, head.end()))
