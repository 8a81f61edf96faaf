"""Whether a sentence commits to the mistake it names, by the mood, tense and person of the clause
that holds it rather than by what the sentence is about.

A red flag is the candidate's own design choice: a plan ("we'd split randomly"), an imperative
("shuffle the rows and split"), a plan item ("Split: random 80/20") or the design described in the
present tense ("the model uses next week's bookings"). A mistake named in a past story ("the
original pipeline shuffled all impressions"), as a mere possibility with no one of ours doing it
("a shuffled split might look better offline"), or in a likeness ("reporting accuracy is like
praising a goalkeeper for the shots nobody took") is discussed, not committed. These are small
closed word classes (modals, past forms, the first person), so any topic said in those moods is
read the same way.
"""

from __future__ import annotations

import re

from app.understanding.framing import PRACTITIONERS
from app.understanding.polarity import clause_bounds
from app.understanding.scope_frames import suspending_frame

# A possibility only, "could/might" with no "i/we/our" anywhere in the sentence (then it is
# their plan: "a random split could be optimistic, but it's simpler, so that's what I'd use").
# In an interview "would" is the voice of the design itself ("a strong feature would be ...").
_IRREALIS, _OWN_VOICE = (
    re.compile(r"\b(?:could|might)\b"),
    re.compile(r"\b(?:i|we|i'd|we'd|i'll|we'll|let's|let us|our|us|my|me)\b"),
)
# A finished past: "used to", a verb after "once" ("a ranking team once pulled ..."), or an
# earlier system's past verb ("the old search service compared ..."). Not "was/were" alone
# ("views made while history was paused", "that was the design we kept"), nor the candidate's
# own past verb ("we moved to a random split" is a decision).
_PAST_VERB = r"(?:[a-z]{3,12}ed|had|ran|built|made|got|went|took|found|saw|blew|broke)\b"
_EARLIER_SYSTEM = (
    r"\b(?:previous|old|legacy|original|former|earlier|prior)\s+(?:[\w'-]+\s+){0,2}?(?:system|"
    r"ranker|model|feed|version|pipeline|setup|design|service|search|index|recommender|"
    r"classifier|detector|tool|team|company)s?\s+(?:\w+\s+)?"
)
_FINISHED_PAST = re.compile(
    rf"\bused to\b|(?<=[a-z] )once\s+{_PAST_VERB}|{_EARLIER_SYSTEM}{_PAST_VERB}"
)
# Unless the candidate carries the story into this design ("it worked fine, so I'd do the same"),
# their own plan voice; and the mistake held up as a likeness, as its object ("..., like reading
# the whole phone book to call one friend") or its subject ("treating every reported post as
# harmful is like ..."). Not "means": "success means 99% accuracy" is a plan.
_OWN_PLAN, _LIKENESS, _IS_LIKE = (
    re.compile(
        r"\b(?:i'd|we'd|i'll|we'll|let's|(?:i|we) (?:will|would|shall)|(?:i|we)(?:'m| am|'re| are) "
        r"going to)\b"
    ),
    re.compile(r"(?:^|[,;:]\s*)like\s+(?:\w+ing)\b"),
    re.compile(r"\b(?:is|are|feels|would be) (?:a bit |rather |just |much )?like\b"),
)


# Someone else's system told in the simple past (issue #11): the clause's own verb a past form,
# passive or active, before the mistake and after a subject that is not the candidate ("the
# homepage model was trained on clicks only", "the prototype ranker scored the whole catalogue per
# request"). A present or modal verb later in the clause keeps it in force: "a model trained on
# reports would learn ..." holds a participle, not a past.
_PAST_FORM = (
    r"(?:[a-z]{3,}ed|built|made|ran|run|kept|took|taken|gave|given|showed|shown|fed|sent|put|"
    r"chose|chosen|wrote|written|did|done|saw|seen|threw|thrown|left|sold|told|brought)"
)
_PAST_VOICE = re.compile(
    r"\b(?:was|were)\s+(?:[a-z]+ly\s+|only\s+|also\s+|just\s+|still\s+|then\s+)?"
    + _PAST_FORM
    + r"\b|^\W*(?:(?:and|but|so)\s+)?(?:the|a|an|that|this|their|its|one|his|her)\s+"
    r"(?:[\w'’-]+\s+){0,3}?" + _PAST_FORM + r"\s+(?=(?:the|a|an|every|each|all|its|their|\d)\b)"
)
# ...told as a story: another past verb outside the mistake's clause, where it happened or what
# came of it ("at a company i worked at, ...", "..., which was fine at ten thousand videos"); a
# lone past sentence may be the design itself ("the data was shuffled and split randomly").
_ANOTHER_PAST = re.compile(
    r"\b(?:was|were|had|did|got|went|took|saw|came|became)\b|"
    r"\b(?:i|we|you|they|he|she|it|which|that|who)\s+(?:[a-z]+ly\s+)?[a-z]{3,}ed\b"
)
_IN_FORCE = re.compile(
    r"\b(?:is|are|am|would|will|can|should|must|shall|does|has|have)\b|'(?:d|ll)\b"
)
# The mistake as the subject of a hypothetical consequence (issue #11): a clause opened by an
# indefinite noun phrase that holds it, then "would/could/might" and what it would do ("a weekend
# test would record that curiosity as a win", "and a model that learned from reports as ground
# truth would learn their politics"), not a verdict on its merit ("a weekend test would be
# enough", "a random split would work", "a nightly batch would give us fresh enough lists").
_GENERIC_SUBJECT = re.compile(
    r"\W*(?:(?:and|but|so|because|since|while|whereas)\s+)?(?:a|an|any|such an?)\s"
)
_CONSEQUENCE = re.compile(
    r"\b(?:would|could|might)\s+(?:[a-z]+ly\s+|also\s+|just\s+|still\s+|then\s+)?"
    # (nor a benefit: "a random split would save a lot of time here")
    r"(?!(?:be|work|do|suffice|make|give|serve|help|get|handle|cover|fit|hold|stay|remain|keep|"
    r"save|capture|simplify|speed|cut|reduce|lower|improve|boost|maximi[sz]e|let|allow|enable|"
    r"win|pay)\b)[a-z]+"
)
# ...and taken up after all: "..., so that's the plan", "..., so it is the metric".
_TAKEN_UP = re.compile(r"\bso (?:that's|that is|this is|it's|it is|that'll be|it will be)\b")

# The mistake named as what the candidate fears (issue #11): the complement of "is" after a verb
# of fear with them as its object ("the cost that scares me is comparing the query against every
# stored vector", "the part that worries us is ..."): a warning, not the plan. Not any verb of
# which they are the object: "the option that gives us the best recall is ..." picks it.
_FEARED = re.compile(
    r"\b(?:scar|worr|bother|concern|frighten|terrif|troubl|haunt|alarm|nag)\w*\s+(?:me|us)\b"
    r"(?:\s+\w+){0,3}?\s+(?:is|are|was|were|would be)\s"
)


# The mistake held up as a false belief, the sentence piece after the cue: "Myth: a click model
# with high accuracy is a good click model", "a common misconception is that ...", "it's a myth
# that ...". What the candidate does comes in another piece ("...; we report log loss").
_MYTH = re.compile(
    r"\b(?:myths?|misconceptions?|fallac(?:y|ies)|misbeliefs?|(?:false|mistaken|naive) "
    r"(?:beliefs?|assumptions?))\b(?:\s*:\s*|\s+(?:[\w'’-]+\s+){0,4}?(?:is|was|are|goes)\s+"
    r"(?:that\s+)?|\s+that\s+)"
)
# ...or as what someone is afraid of, in the clause that says what the fear is: "the fear they
# named first was that the app reads their private messages", "users worry that ...", "what
# parents dread is ..." (the people served, or the candidate: a warning, not the design). Not a
# fear denied ("nobody worries that ...", "we aren't afraid that ...").
_FEAR_OF = re.compile(
    r"(?<!\bnot )(?<!n't )(?<!\bno )(?<!nobody )(?<!never )"
    r"\b(?:fears?|feared|worr(?:y|ies|ied)|afraid|dread(?:s|ed)?|scared|nightmare|"
    r"anxious)\b(?:[\s:,]+(?:[\w'’-]+[\s:,]+){0,6}?(?:is|was|are|were)\s+|\s+)?"
    r"(?:(?:of\s+)?that|is|was)\b"
)
# ...or a possibility conceded before it is dismissed: "Sure, we could put X into the features and
# admire a superb offline AUC", "Of course you could give a random forest the raw pixels" (a
# concession's "could" is not the plan, unless the candidate takes it up after all).
_CONCEDED_COULD = re.compile(
    r"^\W*(?:sure|of course|granted|admittedly|true|yes|fine|okay|ok)\b[\s,;:—–-]*"
    r"(?:[\w'’-]+\s+){0,2}?(?:we|you|one|i|they|someone|a team)\s+(?:could|might)\b"
)
# (an earlier system's practice kept in the present, "..., and that worked, so we keep it", carries
# it into this design too; not "so we keep it out" or "keep it simple")
_ADOPTED = re.compile(
    r"\bthat's (?:what|the one|the plan|our plan)\b|\b(?:and|so) (?:we|i)(?:'ll|'d| will| would) "
    r"(?:do|go with|use|take|pick) (?:that|it|this)\b|\b(?:and|so) (?:we|i)(?:'ll|'d| will| "
    r"would)? (?:keep|reuse|stick with|copy|carry on with|continue with) (?:that|it|this)\b"
    r"(?!\s+(?:out|away|off|from|simple|small|short|cheap|light|fresh|separate|apart)\b)"
)


def _carried_over(norm: str) -> bool:
    """Whether the sentence takes an option it has named into the design ("..., so that's the
    plan", "..., so we keep it", "and so do we")."""
    return bool(_ADOPTED.search(norm) or _TAKEN_UP.search(norm) or _JOINS_IN.search(norm))


# The mistake as the subject of what something exists to stop: "pushing it to everyone on one
# offline number is exactly what the guardrails exist to stop", "shipping on AUC alone is the
# thing the launch review prevents". The sentence says what is prevented, not what is done.
_PREVENTED = re.compile(
    r"\b(?:is|are|would be)\s+(?:exactly\s+|precisely\s+|just\s+)?(?:what|the (?:thing|kind of "
    r"thing|mistake|failure))\s+(?:[\w'’-]+\s+){0,6}?(?:stops?|prevents?|blocks?|catch(?:es)?|"
    r"forbids?|rules? out|guards? against|protects? against)\b"
)


def _prevented(norm: str, end: int) -> str | None:
    """The words saying that the mistake ending at `end` is what something stops."""
    m = _PREVENTED.search(norm, end)
    # (the candidate's own voice before it makes it their deed: "we push it to everyone, which
    # is what the guardrails stop")
    if m is None or re.search(r"[.;!?]", norm[end : m.start()]):
        return None
    if _OWN_PLAN.search(norm) or _OWN_VOICE.search(norm, 0, m.start()):
        return None
    return m.group(0)


def _framed_as_belief(norm: str, start: int, end: int) -> str | None:
    """The myth or fear cue whose sentence piece holds the mistake at [start, end)."""
    for cue in (_MYTH, _FEAR_OF):
        for m in cue.finditer(norm, 0, end):
            if not re.search(r"[.;!?]", norm[m.end() : max(start, m.end())]):
                return m.group(0).strip(" :,")
    return None


def _told_in_the_past(norm: str, left: int, right: int, start: int, end: int) -> str | None:
    """The past verb of someone else's system in the clause [left, right) before the mistake
    at [start, end) or among its words, the story not carried into this design."""
    verb = _PAST_VOICE.search(norm[left:right])
    # (the verb may be among the mistake's own words: "the first version of this feed was ranked
    # once a night" is a detector's span from its subject on)
    if verb is None or left + verb.start() >= max(start, end - 1):
        return None
    if _OWN_PLAN.search(norm) or _ADOPTED.search(norm):
        return None
    if _OWN_VOICE.search(norm, left, right) or _IN_FORCE.search(norm, left + verb.end(), right):
        return None
    if not (_ANOTHER_PAST.search(norm, 0, left) or _ANOTHER_PAST.search(norm, right)):
        return None
    return verb.group(0).strip()


def _consequence_of(norm: str, left: int, right: int, start: int, end: int) -> str | None:
    """The modal of a clause that says what a subject holding the mistake at [start, end)
    would do: an indefinite noun phrase, or by default any subject that is not the candidate (a
    gerund, a bare or definite noun phrase) whose clause has no verb of its own before the
    modal and which holds the whole mistake (a detector's words that run on into the modal say
    the mistake with it: "training anything simpler first would waste GPU time")."""
    # (the candidate's voice anywhere may take it up: "..., so we'd use it")
    if _OWN_VOICE.search(norm) or _TAKEN_UP.search(norm):
        return None
    modal = _CONSEQUENCE.search(norm, left, right)
    if modal is None or modal.start() <= start:
        return None
    if _GENERIC_SUBJECT.match(norm, left):
        return modal.group(0)
    if (
        end <= modal.start()
        and _subject_only(norm, left, modal.start())
        and not _PLACED.search(modal.group(0))
    ):
        return modal.group(0)
    return None


# A modal that places the subject in the design rather than says what it would do: "whether
# this impression got clicked would go into the model" is the design in an interview's "would".
_PLACED = re.compile(r"\b(?:go|enter|feed|flow|come|end|sit|live|become|appear|land)$")
# A subject the default above does not take: a pronoun, which points at something said
# elsewhere ("it would put ...": what "it" is, the clause does not say), or "there".
_PRONOUN_SUBJECT = re.compile(
    r"\W*(?:(?:and|but|so|because|since|while|whereas)\s+)?(?:it|this|that|these|those|they|"
    r"you|he|she|there|which|who|what|one)\b"
)
# A verb of the clause's own before its modal: then the mistake is what the subject does, and
# the modal only adds a consequence of a stated design ("exact search compares every vector and
# would take two seconds"): a form of be/have/do, a past form, or a verb in -s/-ed taking an
# object ("scores all", "ranks the", "used every").
_OWN_VERB = re.compile(
    r"\b(?:is|are|am|was|were|has|have|had|does|do|did|will|can|should|must|shall)\b|"
    r"\b[a-z]{2,}(?:s|ed)\s+(?:the|a|an|every|each|all|its|their|our|his|her|\d)\b"
)


def _subject_only(norm: str, left: int, modal: int) -> bool:
    """Whether the clause stretch [left, modal) before its modal is a subject and nothing else
    (a gerund or noun phrase, "shuffling the days and drawing a random 80/20", "clicks on the
    first result only"): no pronoun in its place, no verb of its own."""
    return not _PRONOUN_SUBJECT.match(norm, left) and not _OWN_VERB.search(norm, left, modal)


# The mistake as a practice talked about (session redflags4): in the first scorings of five
# held-back sets (dev-27 to dev-31) most false flags named the mistake in the subject or topic
# of its clause, none in a plan of the candidate's, with a verb saying what it gets wrong or
# costs ("treating reports as labels hands the training set to brigades", "a feed sorted by
# click probability alone gets worse", "classification accuracy tells you nothing"). A subject
# is often a part of the design doing the mistake ("a job at 2 a.m. ranks every user's feed",
# "exact search compares every vector"), and a verb of benefit argues for it ("treating every
# report as harmful turns the queue into free labels"), so only a verb that can say nothing but
# what the practice gets wrong or costs makes it a verdict.
_VERDICT_VERB = re.compile(
    r"\b(?:(?:only|mostly|just|also|still|quickly|silently|simply)\s+)?"
    r"(?:gets? (?:worse|stale|gamed|fooled|noisier|biased)|goes stale|fails?|breaks?|leaks?|"
    r"miss(?:es)?|ignores?|overstates?|overestimates?|inflates?|rewards?|punish(?:es)?|hides?|"
    r"says? nothing|tells? (?:you |us |anyone )?(?:nothing|little|very little)|costs?|wastes?|"
    r"falls? apart|blows? (?:up|through|past)|explodes?|degrades?|rots?|drowns?|misleads?|"
    r"flatters?|conflates?|penali[sz]es?|bias(?:es)?|teach(?:es)?|hands? (?:the|it|our|them))\b"
)
_OWN_SUBJECT = re.compile(r"\b(?:i|we|i'd|we'd|i'll|we'll|let's|let us)\b")

# ...or a gerund named as a topic that a colon hands to a verdict ("precomputing a score for
# every pair each night: billions of pairs, most never shown"), unless the verdict takes it
# ("...: yes"). (An -ing word that is mostly a noun or a modifier, "ranking model", "training
# data", is a gerund only before a determiner or a plural: "ranking every video".)
_NOMINAL_ING = (
    r"(?:training|ranking|serving|learning|embedding|streaming|logging|monitoring|label{1,2}ing|"
    r"sampling|routing|tracking|pricing|bidding|targeting|matching|scoring|testing|clustering|"
    r"engineering|bucketing|hashing|caching|indexing|boosting|processing|computing|encoding|"
    r"reporting|filtering|posting|messaging|shopping|advertising|marketing|onboarding|pooling|"
    r"[a-z]*thing|morning|evening|string|setting|meeting|building|heading|landing|rating|listing|"
    r"booking|recording|reading|during|spring|timing|warning|meaning|feeling|finding|following)"
)
_GERUND_TOPIC = re.compile(
    r"\W*(?:(?:and|but|so|because|since|while|whereas)\s+)?(?:[a-z]{3,}ing\s+(?:the|a|an|every|"
    rf"each|all|only|just|any|one|raw|random|[a-z]+s)\b|(?!{_NOMINAL_ING}\b)[a-z]{{3,}}ing\s)"
)
_VERDICT_TAKES_IT = re.compile(r"\s*(?:yes|chosen|picked|adopted|ours|go|do it|we)\b")


def _topic_of_verdict(norm: str, left: int, right: int) -> bool:
    """Whether the clause [left, right) is a gerund topic closed by a colon whose verdict does
    not take it up."""
    return (
        bool(_GERUND_TOPIC.match(norm, left))
        and norm.startswith(":", right)
        and not _VERDICT_TAKES_IT.match(norm, right + 1)
    )


def _kind_described(norm: str, left: int, right: int, end: int) -> str | None:
    """The verdict said of a subject or topic [left, end...) that holds the whole mistake
    ending at `end`, when the candidate is not the subject anywhere in the sentence."""
    if _OWN_SUBJECT.search(norm) or _TAKEN_UP.search(norm) or _JOINS_IN.search(norm):
        return None
    if _topic_of_verdict(norm, left, right):
        return "a topic before a colon"
    return _verdict_on_subject(norm, left, right, end)


def _verdict_on_subject(norm: str, left: int, right: int, end: int) -> str | None:
    """The verdict verb after a subject [left, verb) that holds the whole mistake ending at
    `end` and is nothing but a subject (it may run on a few words past the mistake: "a feed
    sorted by click probability alone gets worse")."""
    verb = _VERDICT_VERB.search(norm, end, right)
    if verb is None or len(norm[end : verb.start()].split()) > 6:
        return None
    # (a modal or a determiner before it: the word is a noun or the clause's verb came earlier,
    # "the key metric would be the accuracy of the hide head")
    if _NOT_A_SUBJECT_VERB.search(norm, left, verb.start()) or not _subject_only(
        norm, left, verb.start()
    ):
        return None
    return verb.group(0).strip()


_NOT_A_SUBJECT_VERB = re.compile(
    r"\b(?:would|could|might|should|be|been)\b|\b(?:the|a|an|of|its|their|our|this|that)\s*$"
)


# The mistake as one side of a comparison that chooses nothing in its sentence ("scoring every
# video per request versus a two-stage funnel", "compared with ranking on each load, a nightly
# batch is ..."): options weighed, the choice said elsewhere. A choice in the same sentence
# ("..., so exact search it is", "we'll take the first") is the candidate's own.
# ("compared with" opening a clause only: "each vector is compared with every stored one" is
# the design's own verb)
_COMPARED = re.compile(
    r"\b(?:versus|vs\.?|as opposed to)(?=\s)|(?:^|[,;:(]\s*)(?:compared|contrasted) (?:with|to)\b"
)
_CHOSEN = re.compile(r"\b(?:it is|it's|wins?|(?:i|we) (?:take|pick|choose|go with|use))\b")


def _compared(norm: str) -> str | None:
    """The comparison cue of a sentence that weighs the mistake against another option without
    choosing either (not when the candidate's plan voice or a choice is in the sentence)."""
    m = _COMPARED.search(norm)
    # (the candidate as a subject anywhere: "we judge the ranker by its accuracy on click versus
    # no click" compares no options)
    if m is None or _OWN_SUBJECT.search(norm) or _ADOPTED.search(norm) or _TAKEN_UP.search(norm):
        return None
    return None if _CHOSEN.search(norm) else m.group(0)


# The mistake as a first thought the candidate gives up ("I was about to put total watch time
# in as a feature, but ...", "the first number that comes to mind is accuracy, but actually
# ..."): a plan in the past or a thought, not the design; unless they keep it ("my first
# instinct is a random split, and I'll go with it").
_FIRST_THOUGHT = re.compile(
    r"\b(?:(?:i|we) (?:was|were) (?:going|about|tempted) to|(?:first|initial|gut|knee-jerk) "
    r"(?:instinct|thought|idea|reaction|guess|answer)s?|(?:comes|came|springs|sprang) to mind|"
    r"(?:i|we) (?:nearly|almost) (?:said|went with|picked|chose))\b"
)


def _first_thought(norm: str, end: int) -> str | None:
    """The cue before the mistake ending at `end` that makes it a thought given up."""
    m = _FIRST_THOUGHT.search(norm, 0, end)
    if m is None or _OWN_PLAN.search(norm, m.end()) or _ADOPTED.search(norm):
        return None
    return m.group(0)


# The mistake as what someone else asked for or proposed, reported ("the growth team wanted to
# ship after a one-day test", "our PM suggests ranking by clicks alone"): a report, not the
# design, unless the candidate speaks anywhere in the sentence ("a colleague suggested reports
# as labels, and I think that's fine").
_PROPOSER = (
    r"(?:team|lead|manager|pm|colleague|teammate|co-?worker|engineer|analyst|scientist|director|"
    r"boss|someone|somebody|people|stakeholder|partner|client|advertiser|paper|post|author|intern|"
    r"junior|vp|ceo|cto|founder|sales|marketing|legal|product|they|he|she)s?"
)
_PROPOSED = re.compile(
    rf"\b{_PROPOSER}\s+(?:[a-z]+ly\s+|also\s+|first\s+|once\s+)?(?:wanted|wants|asked|asks|"
    r"suggested|suggests|proposed|proposes|pushed|pushes|argued|argues|insisted|insists|"
    r"recommended|recommends|pitched|pitches|requested|requests|keeps? asking)\b"
)


def _proposed_by_others(norm: str, start: int) -> str | None:
    """The reporting words before `start` that make the mistake someone else's proposal, when
    the candidate's voice is nowhere in the sentence."""
    m = _PROPOSED.search(norm, 0, start or len(norm))
    if m is None or _OWN_VOICE.search(norm) or _JOINS_IN.search(norm):
        return None
    return m.group(0)


# Others' practice told in the present ("some teams feed in counts that include later views",
# "many shops split randomly"): the subject of the mistake's clause is other practitioners, so
# the clause describes what they do, not this design, unless the candidate joins in ("and so do
# we", "we do the same", "we'll do that too") or speaks in their own voice within the clause.
_JOINS_IN = re.compile(
    r"\b(?:(?:so|as) (?:do|did|will|would) (?:we|i)|(?:we|i)(?:'ll|'d| will| would)? do "
    r"(?:the same|that|it|this)(?: too| as well)?|(?:we|i) (?:too|as well)|same here|like them)\b"
)


# ...or people in general, by habit ("people often treat a report as a label"): what is commonly
# done, said as such, is not what this design does.
_PEOPLE_BY_HABIT = re.compile(
    r"\b(?:(?:most|many|a lot of)\s+)?(?:people|folks)\s+(?:often|usually|commonly|typically|"
    r"generally|sometimes|tend to|like to)\b"
)


def _others_practice(norm: str, left: int, start: int, end: int, right: int) -> str | None:
    """The practitioners ("some teams") who are the subject of the clause at [left, right)
    holding the mistake at [start, end), when nothing of the candidate's own follows them."""
    # the nearest practitioners before the mistake; a flag with no span of its own is its whole
    # sentence, whose subject opens its first clause
    stop = start or clause_bounds(norm, 0, 0)[1]
    found = [*PRACTITIONERS.finditer(norm, left, stop)]
    # (people in general are no one named: the candidate's voice anywhere may join them, "people
    # usually shuffle the logs, and that's what i'd do too")
    if not _OWN_VOICE.search(norm):
        found += _PEOPLE_BY_HABIT.finditer(norm, left, stop)
    agent = max(found, key=lambda m: m.start(), default=None)
    if agent is None or _OWN_VOICE.search(norm, agent.end(), right) or _JOINS_IN.search(norm):
        return None
    return agent.group(0)


# Session redflags6: shapes of a chat in which a named mistake is turned down or guarded against.
# A verdict of rejection right after the mistake, in chat shorthand ("train once and forget =
# nope", "accuracy? nope", "random split => no", "reports as labels: no"); not a verdict that
# waves a worry away ("... ? no problem") or opens a phrase ("removal: no human review").
_REJECTED_AFTER = re.compile(
    r"(?:\s+[\w'’-]+){0,5}?\s*(?:=+>?|-+>|→|\?|:|—|–|\s-)\s*(?:nope|no|nah|never|no way|"
    # (the verdict a piece of its own: not "removal: no human review")
    r"bad idea|rejected|wrong|avoid(?:ed)?)\b(?=\s*(?:[,.;:!?)]|$))"
)
# The mistake as what a check guards against: in the condition or object of a test, check,
# alert or rule that fails, blocks or flags it ("a unit test in the feature pipeline that fails
# if any feature column is derived from inferred health", "a schema check that blocks any column
# sourced from private messages").
_GUARD = re.compile(
    r"\b(?:tests?|checks?|assertions?|asserts?|guards?|guardrails?|rules?|alerts?|alarms?|"
    r"monitors?|validators?|validations?|linters?|lint|gates?|audits?|contracts?|schemas?)\b"
    r"(?:\s+[\w'’-]+){0,6}?\s+(?:fails?|alerts?|alarms?|fires?|trips?|blocks?|rejects?|"
    r"refuses?|forbids?|bans?|catch(?:es)?|flags?|detects?|prevents?|stops?|errors? out|"
    r"(?:guards?|protects?) against)\b"
)
# The mistake as the topic of a hazard: the complement of "the cost of", "the risk of", "the
# problem with" ("the cost of a nightly job scoring every user against every ad grows with
# users times ads"), or the item after a heading that names one ("Risk: a feature quietly
# proxies ...", "Pitfall: ...").
_HAZARD_OF = re.compile(
    r"\W*(?:(?:and|but|so)\s+)?(?:(?:the|a|an|one|another|its|their)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:cost|price|risk|danger|problem|trouble|downside|drawback|flaw|weakness|pitfall|hazard|"
    r"failure mode|anti-pattern|trap)s?\s+(?:of|with|in)\s"
)
_HAZARD_HEADING = re.compile(
    r"\W*(?:(?:main|biggest|big|key|one|another|the)\s+)?(?:risks?|dangers?|pitfalls?|downsides?|"
    r"drawbacks?|cons|traps?|anti-patterns?|failure modes?|gotchas?|hazards?|catch(?:es)?|"
    r"caveats?|snags?)\s*(?:\d+\s*)?:\s"
)
# ...or the content of a problem named ("there is also the problem that posts high on the screen
# get more clicks only for being high", "the catch is that ...", "one catch: ...").
_HAZARD_THAT = re.compile(
    r"\W*(?:(?:and|but|so)\s+)?(?:there(?:'s|’s| is| are)\s+(?:also\s+)?)?"
    r"(?:the|a|an|one|another|our)\s+(?:[\w-]+\s+){0,2}?(?:problem|catch|issue|trouble|snag|"
    r"risk|danger|caveat|pitfall|gotcha)s?\s+(?:(?:here|there)\s+)?(?:(?:is|being)\s+)?"
    r"that\s"
)
# ...or named, then denied in the same sentence with a pronoun pointing back at it ("direct-
# message text is the richest signal of who is close to whom, which is exactly why it must not
# be read for ranking"), when the candidate has not taken it up before the denial.
_DENIED_AFTER = re.compile(
    r"[,;]\s*(?:(?:and|but|so|yet)\s+)?(?:which is (?:exactly |precisely |just )?why|which means|"
    r"so|and so|but|and|yet)\s+(?:it|they|that|this|those|these)\s+(?:(?:must|should|can|may|will|"
    r"would|is|are|does|do|could|gets?)(?:n't|\s+not|\s+never)|cannot|can't|won't|shan't)\b"
)


def _chat_discussed(norm: str, left: int, start: int, end: int, right: int) -> str | None:
    """Why a mistake at [start, end) is turned down or guarded against in a chat's shapes."""
    if (m := _REJECTED_AFTER.match(norm, end)) and not re.search(r"[.;!]", m.group(0)):
        return f"a verdict rejecting it ('{m.group(0).strip()}')"
    for g in _GUARD.finditer(norm, 0, start or len(norm)):
        if not re.search(r"[.;!?]", norm[g.end() : max(start, g.end())]):
            return f"what a check guards against ('{g.group(0)}')"
    if not _FIRST_PERSON.search(norm, left, right):
        hazards = (_HAZARD_OF.match(norm, left), _HAZARD_HEADING.match(norm))
        for hazard in (*hazards, _HAZARD_THAT.match(norm, left), _HAZARD_THAT.match(norm)):
            if hazard and hazard.end() <= start:
                return f"the topic of a hazard ('{hazard.group(0).strip()}')"
    if (d := _DENIED_AFTER.search(norm, end)) and not _FIRST_PERSON.search(norm, 0, d.start()):
        return f"denied after it ('{d.group(0).strip(' ,;')}')"
    return None


# Session redflags7: a row of a table is a statement of its own (issue #11: "| nightly batch,
# all user x ad pairs | stale by morning | rejected | | score ~500 candidates per request | ... |
# chosen |" read as one sentence let the chosen row's "score ..." commit the rejected row). Rows
# meet at a closing and an opening bar with nothing but space between ("| |"); the text after
# the last bar is not the row's.
_ROW_MEET = re.compile(r"\|\s*\|")
# ...and its verdict is its last cell: one that turns the row down, or one that takes it.
# (not a bare "no", "x", "out" or "never": a last column of yes/no answers, "| leakage risk
# | no |", is an attribute of the row, not a verdict on it)
_ROW_REJECTED = re.compile(
    r"\|\s*(?:rejected|nope|dropped|ruled out|avoid(?:ed)?|not chosen|not used|bad idea|✗|❌)"
    r"\s*\|?\s*$"
)
_ROW_CHOSEN = re.compile(
    r"\|\s*(?:chosen|picked|yes|adopted|selected|go|ours|winner|✓|✔|✅)\s*\|?\s*$"
)


_ROW_SLOT = re.compile(r"^\s*\|\s*(?:[\w'’/&-]+\s+){0,3}[\w'’/&-]+\s*\|(?=.*\|)")


def table_row(norm: str, start: int, end: int) -> tuple[int, int] | None:
    """The bounds of the table row of a normalised text that holds [start, end), or None when
    the text is no table (fewer than two rows)."""
    meets = list(_ROW_MEET.finditer(norm))
    if not meets or norm.count("|") < 4:
        return None
    left = max((m.end() - 1 for m in meets if m.end() - 1 <= start), default=0)
    right = min((m.start() + 1 for m in meets if m.start() >= end), default=len(norm))
    if right == len(norm) and (last := norm.rfind("|")) >= end:
        right = last + 1
    return left, right


def in_own_row(norm: str, start: int, end: int) -> tuple[str, int, int]:
    """The table row holding [start, end) with the span rebased on it; the text itself when it is
    no table or the span crosses rows."""
    row = table_row(norm, start, end)
    if row is None or not (row[0] <= start and end <= row[1]):
        return norm, start, end
    return norm[row[0] : row[1]], start - row[0], end - row[0]


# A verdict that accepts the mistake only in a world that is not ours (session redflags7): the
# main clause after a condition contrary to fact, "if a post could break only one policy, a
# softmax would be fine", "if the catalogue were a million images, exact search would do". The
# condition holds "could", a subjunctive "were" (not "were to", the design's own hypothetical)
# or a past perfect, with no first person in it ("if i were building this, ..." is a plan).
_CONTRARY_IF = re.compile(
    r"\W*(?:(?:but|and|so|even|only)\s+)?if\s+(?P<cond>[^,;:.!?]{3,160}?\b(?:could|were(?!\s+to\b)|"
    r"had\s+(?:[a-z]{3,12}ed|been|known|seen|done|built|run|made|taken|kept))\b[^,;:.!?]*),\s*"
)
_WORKS_ONLY_THERE = re.compile(
    r"\b(?:would|could|might)\s+(?:(?:still|also|probably|actually)\s+)?(?:be\s+(?:\w+\s+)?"
    r"(?:fine|ok|okay|acceptable|good enough|enough|sufficient|reasonable|right|correct)|work|do|"
    r"suffice)\b"
)


def _contrary_to_fact(norm: str, start: int, end: int) -> str | None:
    """The contrary-to-fact condition under which the sentence accepts the mistake at [start,
    end) in its main clause, or None."""
    m = _CONTRARY_IF.match(norm)
    if m is None or start < m.end() or _FIRST_PERSON.search(m.group("cond")):
        return None
    stop = re.search(r"[.;!?]", norm[end:])
    verdict = _WORKS_ONLY_THERE.search(norm, m.end(), end + (stop.start() if stop else len(norm)))
    if verdict is None or _FIRST_PERSON.search(norm, m.end(), verdict.start()):
        return None
    return m.group(0).strip(" ,")


def discussed_mode(norm: str, start: int, end: int) -> str | None:
    """Why the mistake at [start, end) of a normalised sentence is discussed rather than
    committed to (a possibility, a past story, others' practice, a likeness), or None
    when its clause is the candidate's plan or the present design."""
    if norm.lstrip().startswith("|") and _ROW_REJECTED.search(norm):
        return "a table row marked rejected"
    if cond := _contrary_to_fact(norm, start, end):
        return f"accepted only if contrary to fact ('{cond}')"
    if (frame := suspending_frame(norm, start, end)) and not _carried_over(norm):
        return f"held in a frame that suspends it ('{frame}')"
    left, right = clause_bounds(norm, start, end)
    if (m := _IRREALIS.search(norm, left, right)) and not _OWN_VOICE.search(norm):
        return f"a possibility ('{m.group(0)}')"
    if (
        (m := _CONCEDED_COULD.match(norm))
        and m.end() <= end
        and not (_ADOPTED.search(norm) or _TAKEN_UP.search(norm) or _JOINS_IN.search(norm))
    ):
        return f"a possibility conceded ('{m.group(0).strip()}')"
    if stopped := _prevented(norm, end):
        return f"what something exists to stop ('{stopped}')"
    if belief := _framed_as_belief(norm, start, end):
        return f"a belief held up as false or feared ('{belief}')"
    if (m := _FINISHED_PAST.search(norm, left, right)) and not (
        _OWN_PLAN.search(norm) or _ADOPTED.search(norm)
    ):
        return f"a past story ('{m.group(0)}')"
    if past := _told_in_the_past(norm, left, right, start, end):
        return f"a past story of another system ('{past}')"
    if would := _consequence_of(norm, left, right, start, end):
        return f"a consequence of the mistake ('{would}')"
    if does := _kind_described(norm, left, right, end):
        return f"a kind of practice described ('{does}')"
    if versus := _compared(norm):
        return f"one side of a comparison ('{versus}')"
    if thought := _first_thought(norm, end):
        return f"a first thought given up ('{thought}')"
    if asked := _proposed_by_others(norm, start):
        return f"someone else's proposal reported ('{asked}')"
    # (a detector's words may open with the fear itself)
    if (fear := _FEARED.search(norm, left, right)) and fear.start() < end:
        return f"what the candidate fears ('{fear.group(0).strip()}')"
    if who := _others_practice(norm, left, start, end, right):
        return f"someone else's practice ('{who}')"
    # (a flag with no span of its own is its whole sentence)
    if (m := _LIKENESS.search(norm, 0, start or len(norm))) or (m := _IS_LIKE.search(norm)):
        return f"a likeness ('{m.group(0).strip(' ,;:')}')"
    return _chat_discussed(norm, left, start, end, right)


# The flip of the default (session redflags5): in the first scorings of six held-back sets
# nearly every false flag named the mistake in a sentence nobody commits in, and each new closed
# class of "discussed" shapes left the next held-back set where it was. So a red flag now needs
# a sentence that commits, in one of five moods: the candidate's own voice (a plan, a choice, the
# design told as ours: "we compute the distance to every vector"), an instruction (an imperative,
# "shuffle the rows and split", or a design slot, "Labels: every reported post"), a verdict that
# accepts the mistake or waves the right practice away ("a random split is fine", "no need for an
# A/B test"), or a design statement: a part of the system as subject in the present, future or
# "would" of a design ("a nightly job computes each feed", "the model classifies the image"), the
# passive ("each query embedding is compared with every stored one"), a part of the system as
# where the mistake goes or what it is made ("... is a positive", "... goes into the model"), or
# a note with no verb opened by one ("A live test for a couple of days."). What is said
# otherwise (a definition, a verdict of cost, a lesson, a topic) is discussed.
_FIRST_PERSON = re.compile(
    r"\b(?:i|we|let's|let us|our|ours|my|me|us)\b|\b(?:i|we)(?:'|’)(?:d|ll|m|re|ve)\b"
)
# A verb that opens an instruction: a sentence, clause or list item starting with it.
_BASE_VERB = (
    r"(?:use|collect|gather|train|retrain|build|log|store|label|sample|rank|sort|order|show|"
    r"compute|precompute|predict|filter|fetch|cache|track|measure|count|drop|remove|combine|feed|"
    r"embed|encode|score|apply|send|deploy|ship|host|run|make|update|keep|put|serve|monitor|"
    r"shuffle|mix|split|hold|pick|choose|select|take|treat|call|report|optimi[sz]e|maximi[sz]e|"
    r"launch|roll|switch|push|add|include|join|read|infer|delete|compare|return|leave|judge|"
    r"evaluate|classify|index|ignore|skip|stop|start|give|let|go|do)"
)
_IMPERATIVE = re.compile(
    r"(?:^|[.;:!?|,]\s+|\s[-–—]\s)\W*(?:\d{1,2}[.)]\s*|[-*•]\s*|\([a-z0-9]\)\s*)?"
    r"(?:(?:just|then|and|so|first|next|simply|always|also|now|finally|please|kindly|tbh|"
    rf"honestly|basically|instead)[,]?\s+)*{_BASE_VERB}\s+(?!of\b|to\b|is\b|are\b|was\b|and\b|or\b)"
)
# A design slot: a short heading (at most four words) before a colon, the mistake after it, or an
# item of a numbered or bulleted list ("Features: ...", "Output: a softmax", "1. ...").
_SLOT = re.compile(r"^\W*(?:[\w'’/&-]+\s+){0,3}[\w'’/&-]+\s*:\s|^\s*(?:\d{1,2}[.)]|[-*•])\s")
# An option taken up ("..., so that's the plan") or a conclusion that decides by it ("..., so
# offline numbers decide").
_DECIDES = re.compile(
    r",?\s+so\s+(?!that\b)(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:decides?|wins?|rules?|ships?|goes|"
    r"it is)\b"
)
# A verdict that accepts the mistake, or waves the right practice away ("no need for an A/B
# test", "a simple model isn't worth the time", "no checking needed", "can stay in the data",
# "training anything simpler first would waste GPU time").
_ACCEPTED = re.compile(
    # ("aren't worth": the n't of a contraction has no word boundary before it)
    r"(?:\bnot|n't) (?:needed|necessary|worth|a concern|an issue|bother)\b|"
    r"\b(?:no need|"
    r"no (?:\w+ ){1,2}(?:needed|necessary|required)|unnecessary|overkill|(?:is|are) (?:just )?a "
    r"detail|don't bother|no point|(?:is|are|'s|would be|will be) (?:\w+ )?(?:fine|ok|okay|"
    r"acceptable|good enough|enough|sufficient)|can stay|would (?:\w+ )?waste)\b"
)
# The parts of a system a design statement names, and the problems' own things it handles.
_PART = (
    r"(?:system|pipeline|job|cron|workflow|model|ranker|re-?ranker|recommender|classifier|"
    r"detector|service|server|backend|api|endpoint|index|store|table|database|cache|queue|"
    r"worker|feature|input|output|label|target|objective|goal|loss|metric|number|split|set|data|"
    r"layer|head|stage|step|batch|retrieval|embedding|tower|network|encoder|experiment|test|"
    r"rollout|launch|evaluation|feed|page|app|homepage|grid|algorithm|process|post|ad|video|"
    r"image|pin|photo|request|impression|tile|example|row|corpus|catalogue|catalog|ranking|"
    r"serving|scoring|rnn|lstm|cnn|transformer|mlp|gbdt|forest|tree|regression|softmax)s?"
)
# ...what a mistake is made or where it goes: "is a positive", "a great input for the re-ranker".
_SLOT_PART = (
    r"(?:label|positive|negative|feature|input|signal|column|predictor|example|target|objective|"
    r"output|metric|training|index|choice|pick)s?"
)
_DESIGN_VERB = re.compile(
    rf"\b(?:{_PART}|(?:search|quer(?:y|ies))|it)(?:'s|’s)?\b(?:\s+[\w'’.@/-]+){{0,6}}?\s+"
    r"(?<!that )(?<!which )(?<!who )(?:(?:then|also|just|only|simply|automatically|always|"
    r"\w+ly)\s+)?(?:(?:will|'ll|’ll|would|'d|’d|should|must|shall)\s+(?!not\b|never\b)[a-z]+|"
    r"(?:stays?|remains?|keeps?)\s+\w+|(?:(?:is|are)\s+(?:also\s+)?|(?!\w*(?:less|ness|ous|ss|"
    r"us)\b)[a-z]{2,}s\s+|(?:include|contain|cover|consist of)\s+)(?:the|a|an|every|each|all|its|"
    rf"their|our|any|whether|only|how|what|to|as|up|down|in|into|through|over|on|from|at|by|"
    rf"against|with|\d|{_SLOT_PART}))\b"
)
# ...or a clause opened by a noun phrase headed by a system part, then "is/are" ("the main
# offline metric is accuracy", "the embedding model is never updated"), or a note with no verb
# ("a live test for a couple of days after that.").
_PART_IS = re.compile(
    r"\W*(?:(?:and|but|so)\s+)?(?:(?:the|a|an|each|every|this|its|one)\s+)?(?:[\w'’-]+\s+){0,3}?"
    rf"(?:{_PART}|option|approach|plan|solution|default)\s+(?:\w+ly\s+)?(?:is|are)\b"
)
_PART_NOTE = re.compile(
    rf"\W*(?:(?:and|then)\s+)?(?:(?:a|an|the|one)\s+)?(?:[\w'’-]+\s+){{0,2}}?{_PART}\b"
)
_A_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|am|would|will|could|might|should|must|can|do|does|did|has|"
    r"have|had)\b|'(?:re|d|ll)\b"
)
# (a passive denied is no design: "it must not be read for ranking"; a past one may be, "the
# data was shuffled and split randomly": stories are `discussed_mode`'s)
_PASSIVE = re.compile(
    r"(?<!not )(?<!n't )(?<!never )(?:\b(?:is|are|was|were|gets?|got|be|been)|(?<=\w)'s)\s+(?:(?:"
    r"then|also|just|only|simply|still|automatically|always|\w+ly)\s+)?(?:[a-z]{3,}ed|used|built|"
    r"made|kept|run|taken|"
    r"sent|shown|fed|put|given|written|left|read|done|set|split|cut|drawn|chosen|thrown|held|"
    r"sold|told|seen|known)\b"
)
_MADE_PART = re.compile(
    r"\b(?:(?:is|are|'s|be|becomes?|counts? as|makes?|make|gets?|has|have|takes?|uses?)\s+"
    r"(?:as\s+)?"
    r"(?:one of\s+)?(?:(?:a|an|the|our|one|another|its|their)\s+)?"
    # (the words before the slot describe it, no verb or preposition among them: "is a great
    # input", not "be used for the index")
    r"(?:(?![a-z]+ed\b|for\b|to\b|in\b|of\b|on\b|by\b|with\b|from\b|at\b)[\w-]+\s+){0,3}?"
    rf"{_SLOT_PART}|(?:go|goes|going|went|feeds?|fed|enters?|added|included|ends? up)\s+"
    rf"(?:in(?:to)?\s+|to\s+)?(?:as\s+)?(?:(?:a|an|the|our|its)\s+)?(?:[\w-]+\s+){{0,2}}?"
    rf"(?:{_PART}|{_SLOT_PART})|(?:useful|helpful|valuable|predictive|informative|good|great|"
    rf"strong|best)\s+(?:[\w-]+\s+){{0,3}}?(?:for|to)\s+(?:the\s+)?(?:[\w-]+\s+)?{_PART}|"
    # ...or named as one of the inputs: "with reports as a feature", "the best input of all"
    r"\bas (?:a|an) (?:[\w-]+\s+)?(?:feature|input|signal)|(?:best|strongest|extra|great|strong|"
    r"good|useful|key) (?:[\w-]+\s+)?(?:feature|input|signal|predictor))\b"
)


# A clause that is not the sentence's statement: one opened by a subordinator or relative ("...,
# which lets the model learn from ...", "because it is tested on ..."), or by a gerund subject
# ("shuffling the rows leaks the future": the practice is the subject, not a part of the system).
# (not "whether": "whether the user liked it is a strong input" is a noun clause as subject)
_SUBORDINATE = re.compile(
    r"\W*(?:(?:and|but|so|or)\s+)?(?:which|that|who|whose|because|since|if|when|whenever|unless|"
    r"although|though|while|as(?! an? )|until|before|after|where|so that|even if)\b"
)
_SUBORDINATE_BREAK = re.compile(r"[,;(]\s*(?:which|that|who|whose)\s*$")
_GERUND_SUBJECT = re.compile(
    r"\W*(?:(?:and|but|so|or)\s+)?(?!\w*thing\b)(?:[a-z]{3,}ing\s+(?:the|a|an|every|each|all|"
    rf"only|just|any|one|raw|random)\b|(?!{_NOMINAL_ING}\b)[a-z]{{3,}}ing\s)"
)


def _in_statement(norm: str, cue: re.Pattern[str], part_subject: bool) -> re.Match[str] | None:
    """The first match of `cue` in a clause of the sentence that is its statement (with a part
    of the system, not a gerund, as its subject, when `part_subject`)."""
    for m in cue.finditer(norm):
        left, _ = clause_bounds(norm, m.start(), m.end())
        # (a relative pronoun may be where the clause breaks: ", which lets ...")
        if _SUBORDINATE.match(norm, left) or _SUBORDINATE_BREAK.search(
            norm, max(0, left - 9), left
        ):
            continue
        if not (part_subject and _GERUND_SUBJECT.match(norm, left)):
            return m
    return None


# The candidate's voice that turns the mistake down rather than takes it ("so we gave it up for
# ANN retrieval", "we'd fix that", "we ruled it out", "we moved away from it").
_OWN_REJECTION = re.compile(
    r"\b(?:i|we)(?:'d|'ll|’d|’ll|\s+would|\s+will|\s+then|\s+later|\s+eventually|\s+quickly)?\s+"
    r"(?:\w+ly\s+)?(?:(?:gave|give|giving)\s+(?:it|that|this|them|those)\s+up|(?:fix|fixed|change|"
    r"changed|drop|dropped|avoid|avoided|abandon|abandoned|ditch|ditched|reject|rejected|rule|"
    r"ruled|replace|replaced|retire|retired|scrap|scrapped|kill|killed)\s+(?:it|that|this|them|"
    r"those)\b(?:\s+out)?|(?:stopped|stop)\s+doing\s+(?:it|that|this)|(?:moved|move)\s+away\s+"
    r"from\s+(?:it|that|this)|got\s+rid\s+of\s+(?:it|that|this))"
    # (not put off: "we'd fix that only if latency hurts", "we'll drop it later")
    r"(?!\s+(?:only\s+)?(?:if|when|once|later|eventually|someday|down the line|in v2)\b)"
)
# A gerund subject holding the mistake, then a verb of consequence: the first person after the
# verb is who suffers it ("taking a report as a label means a mass-reporting campaign gets to
# write our training data"), not who does it.
_CONSEQUENCE_VERB = re.compile(
    r"\b(?:(?:would|will)\s+)?(?:means?|meant|mean|lets?|let|leads?\s+to|led\s+to|causes?|"
    r"caused|results?\s+in|resulted\s+in|invites?|hands?)\b"
)


# The first person as an object, in a clause that does not hold the mistake: "what could mislead
# us in evaluation: ...; or scoring a classification accuracy ..." (session redflags8, dev-35):
# who something happens to, not who does it. In the mistake's own clause it may say the design
# is ours ("anything users have flagged to us counts as bad content"). Not "let us".
_OBJECT_PERSON = re.compile(r"(?<!\blet )\b(?:us|me)\b")


def _own_voice_of(norm: str, start: int, end: int) -> str:
    """The sentence with the candidate's words that do not take the mistake at [start, end)
    blanked out: a voice that turns it down, the first person as an object outside the
    mistake's clause, and the first person inside the consequence that a gerund subject
    holding the mistake is said to have."""
    out = _OWN_REJECTION.sub(lambda m: " " * len(m.group(0)), norm)
    left, right = clause_bounds(norm, start, end)
    out = _OBJECT_PERSON.sub(
        lambda m: m.group(0) if left <= m.start() < right else " " * len(m.group(0)), out
    )
    if (
        _GERUND_SUBJECT.match(norm, 0)
        and (v := _CONSEQUENCE_VERB.search(norm, end))
        and not _FIRST_PERSON.search(norm, 0, v.start())
        and not re.search(r"[.;!?]", norm[end : v.start()])
    ):
        stop = re.search(r"[.;!?]", norm[v.end() :])
        cut = v.end() + (stop.start() if stop else len(norm) - v.end())
        out = (
            out[: v.end()]
            + _FIRST_PERSON.sub(lambda m: " " * len(m.group(0)), out[v.end() : cut])
            + out[cut:]
        )
    return out


def commits(norm: str, start: int, end: int) -> str | None:
    """How the sentence commits to the mistake it names at [start, end) (the candidate's voice,
    an instruction, a verdict that accepts it, or a design statement), or None when nothing in
    it commits: then the mistake is only discussed."""
    if m := _FIRST_PERSON.search(_own_voice_of(norm, start, end)):
        return f"the candidate's voice ('{m.group(0)}')"
    if norm.lstrip().startswith("|") and _ROW_CHOSEN.search(norm):
        return "a table row marked chosen"
    # (a row's short first cell is a heading, like a slot's: "| serving | nightly batch |")
    if (m := _ROW_SLOT.match(norm)) and end > m.end():
        return "a design slot in a table"
    if (m := _SLOT.match(norm)) and end > m.end():
        return "a design slot"
    if m := _TAKEN_UP.search(norm) or _ADOPTED.search(norm) or _DECIDES.search(norm):
        return f"an option taken up ('{m.group(0).strip()}')"
    if m := _IMPERATIVE.search(norm) or _ACCEPTED.search(norm):
        return f"an instruction or a verdict that accepts it ('{m.group(0).strip()}')"
    for cue, part_subject in ((_DESIGN_VERB, True), (_PASSIVE, True), (_MADE_PART, False)):
        if m := _in_statement(norm, cue, part_subject):
            return f"a design statement ('{m.group(0).strip()}')"
    if _PART_NOTE.match(norm) and not (_A_VERB.search(norm) or _GERUND_SUBJECT.match(norm)):
        return "a note about a part of the system"
    for left in (0, *(m.end() for m in re.finditer(r"[,;:.!?]\s*", norm))):
        if _SUBORDINATE.match(norm, left) or _GERUND_SUBJECT.match(norm, left):
            continue
        if m := _PART_IS.match(norm, left):
            return f"a design statement ('{m.group(0).strip()}')"
    return None


# An option named in one sentence and taken up after its drawbacks a few sentences later, by a
# sentence that opens with the choice and "anyway" ("Pros of a nightly batch over all pairs: cheap
# serving. Cons: stale. Chosen anyway: we precompute every pair nightly.", "Going with it
# anyway."): the sentences before it are the option's own, and commit to it.
_ADOPTED_ANYWAY = re.compile(
    r"\W*(?:(?:but|so|still|and)[,\s]+)?(?:chosen|picked|taken|kept|adopted|(?:(?:we|i)(?:'ll|'d|"
    r"\s+will|\s+would)?\s+)?(?:go|going)\s+with\s+(?:it|that|this)|(?:we|i)(?:'ll|'d|\s+will|"
    r"\s+would)?\s+(?:do|take|keep|pick|choose|use)\s+(?:it|that|this))\s+(?:anyway|regardless|"
    r"nonetheless|all the same)\b"
)
ADOPTION_REACH = 5  # how many sentences back an "anyway" choice reaches


def adopted_later(norms: list[str]) -> set[int]:
    """The sentences (indices) whose option a later sentence, at most `ADOPTION_REACH` on,
    takes up "anyway"."""
    out: set[int] = set()
    for i, n in enumerate(norms):
        if _ADOPTED_ANYWAY.match(n):
            out.update(range(max(0, i - ADOPTION_REACH), i))
    return out
