"""Evidence and quote selection for the offline reader: the thresholds for a sentence to
evidence a criterion, how claims rank against each other, and how a quote is widened to the
sentence it leans on or the neighbour that names its term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.knowledge.schema import Criterion
from app.knowledge.text import content_stems, normalize
from app.understanding.acts import is_question
from app.understanding.quotes import has_quote
from app.understanding.schema import Claim

SIM_ALONE = 0.55  # no concept named: this close to an example phrasing counts

NAMED_BONUS = 0.5  # a claim naming a concept ranks above one only close to an example


def semicolon_runs(norms: list[str]) -> list[tuple[int, int]]:
    """For each sentence, the slice of sentences that make up the whole it belongs to: parts
    cut at semicolons ("fetch 48h candidates; feature store with ...; light ranker in 60 ms")
    are read together, so a terse answer is not taken for a bare list piece by piece."""
    out: list[tuple[int, int]] = []
    start = 0
    for i, norm in enumerate(norms):
        if not norm.endswith(";") or i == len(norms) - 1:
            out += [(start, i + 1)] * (i + 1 - start)
            start = i + 1
    return out


# A bullet item: "- staleness", "* bots and click fraud", "3) saves per session".
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u2013]|\(?\d{1,2}[.)])\s+")
BULLET_BLOCK_ITEMS = 3  # a run of at least this many bullet items is one list


def bullet_blocks(sents: list[str]) -> list[tuple[int, int, str]]:
    """Runs of bullet items (with the heading line just before them, when it ends in ":"),
    as (first sentence, end, the run written as one comma-separated sentence): a list
    written one item a line is read as the same list with commas would be."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(sents):
        j = i
        while j < len(sents) and _BULLET.match(sents[j]):
            j += 1
        if j - i >= BULLET_BLOCK_ITEMS:
            start = i - 1 if i > 0 and sents[i - 1].rstrip().endswith(":") else i
            items = [_BULLET.sub("", s).strip(" .;,") for s in sents[i:j]]
            head = sents[start].strip() + " " if start < i else ""
            out.append((start, j, normalize(head + ", ".join(items) + ".")))
        i = max(j, i + 1)
    return out


def claim_rank(claim: Claim) -> tuple[bool, bool, bool, float]:
    # affirmed first, then a sentence that is more than a bare list of terms, then one where
    # the candidate proposes ("I'd watch calibration hourly by country") over one that
    # states a fact or a judgement beside it ("miscalibration costs money", "the budget is
    # 20 ms") when both show the criterion strongly (a named term or a near copy)
    strong = claim.score >= NAMED_BONUS
    return (
        claim.polarity == "affirmed",
        not claim.bare,
        strong and bool(_PROPOSES.search(normalize(claim.quote))),
        claim.score,
    )


def stems_of(text: str) -> frozenset[str]:
    """Content stems of `text` with hyphens and slashes read as spaces ("two-tower")."""
    return content_stems(re.sub(r"[/-]", " ", normalize(text)))


def carries(claim: Claim, own: dict[str, frozenset[str]], key: dict[str, frozenset[str]]) -> int:
    """How much of its criterion's key element the quote carries: 2 for a term of the
    criterion named or a near copy of one of its examples (a strong claim), or one of the
    criterion's own words (its text's or terms' words no other criterion of its stage uses,
    see `distinct_stems`); 1 for a word of the criterion's text or terms its neighbours may
    share ("weight" for "class weighting"); 0 for the topic only."""
    said = stems_of(claim.quote)
    named = claim.concept is not None or claim.score >= NAMED_BONUS + SIM_ALONE  # a near copy
    if named or not own.get(claim.criterion_id, frozenset()).isdisjoint(said):
        return 2
    return int(not key.get(claim.criterion_id, frozenset()).isdisjoint(said))


# A criterion whose whole behaviour is weighing alternatives, with no design of its own that
# a plain statement could partly meet: "Candidate compares alternative ML objectives and
# explains the trade-offs of the chosen one", "... justifies the model choice by weighing it
# against an alternative ..." (not "discusses early versus late fusion": reading the words
# and the picture together is that design, partly said).
_WEIGHING_CRITERION = re.compile(
    r"^candidate (?:compares alternative|justifies [\w\s]+ by weighing it against an "
    r"alternative)\b",
    re.I,
)
# A sentence that sets one option against another: a contrast, a comparison, a cost, an
# alternative left out ("not clicks", "one model or several", "cheaper than", "only counted",
# "a bigger network makes every re-processing more expensive").
_SETS_AGAINST = re.compile(
    r"\b(?:but|whereas|instead|rather|versus|vs|than|not|no|only|over|or|unlike|against|"
    r"compared?|trade-?offs?|costs?|expensive|cheaper|faster|slower|simpler|better|worse|"
    r"bigger|smaller|heavier|lighter|either|alternatives?|otherwise|while)\b|n't\b"
)


def weighs_options(criterion: Criterion) -> bool:
    """The criterion is met by weighing options against each other (`_WEIGHING_CRITERION`)."""
    return bool(_WEIGHING_CRITERION.match(criterion.text))


def sets_against(text: str) -> bool:
    """The text sets one option against another (`_SETS_AGAINST`): without it, a sentence
    that only states the chosen design ("Multi-task pointwise prediction of like, comment,
    share and hide, combined with business weights into one value score") compares nothing."""
    return bool(_SETS_AGAINST.search(normalize(text)))


def met_by_asking(criteria: Iterable[Criterion]) -> frozenset[str]:
    """The ids of the criteria met by asking (the clarifying ones), for which `pick` does not
    favour a sentence proposing something."""
    return frozenset(c.id for c in criteria if c.stage == "clarify")


def pick(
    claim: Claim,
    own: dict[str, frozenset[str]],
    key: dict[str, frozenset[str]],
    asking: bool = False,
) -> tuple[bool, bool, int, bool, float]:
    """`claim_rank` with the key element weighed before closeness: of two sentences that both
    evidence a criterion, the quote is the one that says its key thing ("I'd drop most of the
    good posts and give rare kinds more weight" over "only 0.3% of posts are bad" for handling
    the imbalance). `asking`: the criterion is a clarifying one, met by asking, where the
    candidate's "I'd"/"I'll" proposes nothing it credits, so the closer question is the quote:
    "How many images are indexed?" over "I'll assume 5 billion images and 300 ms.", and "how
    many requests per second at the busiest hour?" over "I'd ask whether the goal is watch
    time, clicks, or how many people come back each day" (the goal, another idea)."""
    affirmed, not_bare, proposes, score = claim_rank(claim)
    return (affirmed, not_bare, carries(claim, own, key), proposes and not asking, score)


# A sentence that leans on the one before it for what it is about ("It is fast, roughly
# calibrated...", "This keeps the index small", "Doing so requires correcting the
# probabilities", "That way rare actions borrow signal from common ones"): quoted alone it
# names nothing.
_REFERS_BACK = re.compile(
    r"^(?:it|it's|its|this|that|that's|these|those|they|such|(?:by |in )?doing so|"
    r"(?:in )?(?:that|this) way|hence|thus)\b",
    re.I,
)


def refers_back(sentence: str) -> bool:
    """The sentence opens by pointing back at the one before it (`_REFERS_BACK`)."""
    return bool(_REFERS_BACK.match(sentence.strip()))


# A sentence that goes on with the same decision: its condition or consequence ("If
# fine-tuning doesn't clearly beat it, it isn't worth the re-indexing cost").
_GOES_ON = re.compile(r"^(?:if|otherwise|so|then|that way|this way|which)\b", re.I)
MAX_JOINED_WORDS = 80  # a longer pair is a passage, not a quote
# A quote this short is often a lead-in or an afterthought whose key words sit beside it
# ("Offline, two evaluation sets.", "So live precision is only known with lag.").
SHORT_LEAD_WORDS = 8


def with_referent(
    claim: Claim,
    i: int,
    by_sentence: dict[tuple[str, int], Claim],
    sents: list[str],
    text: str,
    key: frozenset[str] | None = None,
) -> None:
    """A quote that opens by pointing back ("It is fast...") is quoted with the sentence it
    points to; a quote whose next sentence goes on with the same criterion's decision (its
    condition or consequence, or a sentence pointing back at it: "That makes the model think
    clicks are ten times more common, so I'd correct...", itself a claim of the criterion) is
    quoted with that sentence:
    the key element of a decision is often in the second half ("...an off-the-shelf
    pretrained embedding as a baseline. If fine-tuning doesn't clearly beat it, it isn't worth
    the re-indexing cost."). A short quote (`SHORT_LEAD_WORDS`) is quoted with the sentence
    before or after it that completes the criterion's key element (`_completes`): "Labels
    arrive with a delay: reviewer decisions within a day, appeals weeks later. So live
    precision is only known with lag." Kept only when the pair is the message's own words."""
    if claim.red_flag or not claim.counts or not text or is_question(sents[i]):
        return  # a question is quoted as asked (a design checked with "right?" included)
    span = ""
    short = len(claim.quote.split()) <= SHORT_LEAD_WORDS
    if i > 0 and refers_back(claim.quote):
        span = f"{sents[i - 1].strip()} {claim.quote.strip()}"
    elif (
        i + 1 < len(sents)
        and (nxt := by_sentence.get((claim.criterion_id, i + 1))) is not None
        and (
            _GOES_ON.match(sents[i + 1].strip())
            or refers_back(sents[i + 1])
            or ((claim.quote.rstrip().endswith(";") or short) and _completes(claim.quote, nxt, key))
        )
    ):
        span = f"{claim.quote.strip()} {sents[i + 1].strip()}"
    elif (
        short
        and i > 0
        and (prev := by_sentence.get((claim.criterion_id, i - 1))) is not None
        and _completes(claim.quote, prev, key)
    ):
        span = f"{sents[i - 1].strip()} {claim.quote.strip()}"
    if span and len(span.split()) <= MAX_JOINED_WORDS and has_quote(text, span):
        claim.quote = span


def _completes(quote: str, nxt: Claim, key: frozenset[str] | None) -> bool:
    """The next piece, an affirmed claim of the same criterion, says key words of the
    criterion the quote lacks: the halves of one key element that a semicolon cuts apart
    ("Positive is a click on the impression; negative is an impression with no click",
    "Input: query image or crop; output: 50 ranked public images")."""
    if not key or nxt.polarity != "affirmed" or nxt.bare:
        return False
    return bool((key & stems_of(nxt.quote)) - stems_of(quote))


def with_named_neighbour(
    claim: Claim, i: int, by_sentence: dict[tuple[str, int], Claim], sents: list[str], text: str
) -> None:
    """A plain-words claim (no term named) is quoted together with the statement right before
    or after it when that statement names the same criterion's term: "So I'd use a two-tower
    model: ... Trained with sampled softmax over in-batch negatives ..." shows the criterion
    where either alone holds only half of it (a sentence where the candidate proposes is the
    behaviour on its own and stays alone). A statement is its parts cut at semicolons (see
    `semicolon_runs`); the span is the message's own words, kept only when found verbatim in it."""
    if claim.concept or claim.red_flag or not claim.counts or not text:
        return
    if _PROPOSES_ITSELF.search(normalize(claim.quote)):
        return  # "I'd match each upload against fingerprints ...": the proposal stands alone
    runs = semicolon_runs([s.strip() for s in sents])
    own = runs[i]
    before = range(runs[own[0] - 1][0], own[0]) if own[0] > 0 else range(0)
    after = range(own[1], runs[own[1]][1]) if own[1] < len(sents) else range(0)
    for side, lo, hi in ((before, before.start, i + 1), (after, i, after.stop)):
        if not any(
            (o := by_sentence.get((claim.criterion_id, j))) is not None
            and o.concept
            and o.polarity == "affirmed"
            and not o.bare
            for j in side
        ):
            continue
        span = " ".join(x.strip() for x in sents[lo:hi])
        if has_quote(text, span):
            claim.quote = span
            return


# The candidate proposing: first person with a modal, or "let's".
_PROPOSES = re.compile(r"\b(?:i|we)(?:'d|'ll| would| will| should| can| could)\b|\blet's\b")
# ...committing to do it ("we can search with ANN" states what a part allows, not a proposal).
_PROPOSES_ITSELF = re.compile(r"\b(?:i|we)(?:'d|'ll| would| will| should)\b|\blet's\b")


def with_proposal_after(
    claim: Claim, i: int, sents: list[str], text: str, next_names_term: bool
) -> None:
    """A claim that states a problem or a fact in the criterion's words ("...so niche or new
    content never gets a chance") is quoted together with the next sentence when there the
    candidate proposes (`_PROPOSES_ITSELF`) and names one of the criterion's terms too ("I'd
    keep a small exploration budget, a tile or two per page..."), even where that term was
    read as evidence of another criterion (`spans_to_closest`), or reads close to the
    criterion without one ("Third, changes in what people upload: seasons, new phone
    cameras." then "I'd track summary statistics of the number lists for new uploads"):
    the proposal is the behaviour, the statement before it only its motive
    (`next_names_term` is either). Kept only when the pair is the message's own words and
    no longer than `MAX_JOINED_WORDS`."""
    if not next_names_term or claim.red_flag or not claim.counts or not text:
        return
    if i + 1 >= len(sents) or is_question(sents[i]) or is_question(sents[i + 1]):
        return
    nxt = sents[i + 1].strip()
    if has_quote(claim.quote, nxt) or _PROPOSES_ITSELF.search(normalize(claim.quote)):
        return  # already quoted with it, or the claim proposes on its own
    if not _PROPOSES_ITSELF.search(normalize(nxt)):
        return
    span = f"{claim.quote.strip()} {nxt}"
    if len(span.split()) <= MAX_JOINED_WORDS and has_quote(text, span):
        claim.quote = span


def with_near_neighbour(
    claim: Claim,
    i: int,
    sents: list[str],
    text: str,
    near: set[int],
    key: frozenset[str] | None,
) -> None:
    """A claim is quoted with the sentence right before or after it when that sentence reads
    close to the same criterion too (`near`: the sentences the matcher related to it, before
    any was dropped for reading closer to another criterion or for want of reasoning) and
    says more of the criterion's key words than the quote, some of them the quote lacks:
    "The winner is picked by multiplying the advertiser's price by our chance" is the
    consequence, "the number must be a true chance, not just a score that puts ads in the
    right order" before it is the requirement; "I'd keep every click and one in ten
    non-clicks" is half of what "...so I'd correct every output by a known formula" after it
    completes; a term named is no whole decision either ("If tasks conflict, ... I'd move to
    a multi-gate mixture of experts" after "Main model: a multi-task network with shared
    bottom layers ..."). A short quote (`SHORT_LEAD_WORDS`) is a lead-in or an afterthought
    whose neighbour need not read close to the criterion ("Offline, two evaluation sets."
    before "The main one is the roughly 150,000 vendor-graded query-result pairs..."). Only
    a quote inside its own sentence (not widened already); of two such neighbours the one
    adding more key words (the one after on a tie). Kept only when the pair is the message's
    own words and no longer than `MAX_JOINED_WORDS`."""
    if claim.red_flag or not claim.counts or not key or not text:
        return
    if is_question(sents[i]) or not has_quote(sents[i], claim.quote):
        return
    said = stems_of(claim.quote)
    short = len(claim.quote.split()) <= SHORT_LEAD_WORDS
    best: tuple[int, int, str] | None = None
    for j in (i - 1, i + 1):
        if not 0 <= j < len(sents) or is_question(sents[j]) or (j not in near and not short):
            continue
        theirs = key & stems_of(sents[j])
        adds = len(theirs - said)
        if not adds or len(theirs) <= len(key & said):
            continue  # the quote says as much of the key element itself
        other = sents[j].strip()
        span = f"{other} {claim.quote.strip()}" if j < i else f"{claim.quote.strip()} {other}"
        if len(span.split()) > MAX_JOINED_WORDS or not has_quote(text, span):
            continue
        if best is None or (adds, j) > best[:2]:
            best = (adds, j, span)
    if best is not None:
        claim.quote = best[2]
