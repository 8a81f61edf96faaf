"""Claim restrictions: the narrower readings that keep a sentence from evidencing a
criterion it only seems to name (a loss as a measure, a term bound to a budget, a precomputed
model part, a learned model standing in for a non-ML one, a foil said alone, a cadence left
unsaid, a practice waved away).
"""

from __future__ import annotations

import re

from app.knowledge.schema import Criterion
from app.knowledge.text import content_words, light_stem, words

# A criterion about how often the model learns ("retrains frequently", "continual training")
# is met only by a sentence that says how often: a period, a rate, or continual updates.
FREQUENT = re.compile(r"\b(?:frequent(?:ly)?|continual(?:ly)?|continuous(?:ly)?)\b", re.I)
SAYS_HOW_OFTEN = re.compile(
    r"\b(?:hourly|daily|nightly|weekly|every (?:\w+ )?(?:minutes?|hours?|days?|nights?|weeks?)|"
    r"(?:once|twice|\w+ times) (?:a|an|per) (?:day|hour|week)|(?:a|per|each) (?:day|hour)|"
    r"continual(?:ly)?|continuous(?:ly)?|incremental(?:ly)?|streaming|online learning|"
    r"real[- ]time|within (?:\w+ )?(?:minutes?|hours?)|as soon as|intraday)\b"
)

# A criterion that asks when something is done ("a retraining cadence or trigger") is met only
# by a sentence that says how often (`SAYS_HOW_OFTEN`) or upon what: "retrain periodically"
# or "regularly" promises a schedule without giving one.
CADENCE = re.compile(r"\bcadence\b", re.I)
# ("when we do" points back at the retraining itself: no trigger of it)
TRIGGER = re.compile(
    r"\b(?:(?:when|whenever|if|after)(?! (?:we|they|you) (?:do|did)(?: so| it)?(?:[,.;:)]|$))|"
    r"as soon as|"
    r"sooner|on (?:drift|a drop|decay))\b|"
    r"\b(?:every|each|per) (?:\w+ )?(?:months?|releases?|quarters?)\b|\b(?:monthly|quarterly)\b"
)


# A criterion about turning the business goal into an ML objective ("translates the business
# objective into a concrete, learnable ML objective") starts from the business number: a
# sentence that only states that number as the north star or the main number ("The north
# star is daily watch time per user, about 48 minutes today, as a proxy for long-term
# engagement") names where the translation starts, not what the model is to learn, even where
# it calls the number a proxy or a stand-in for a longer-term goal.
TRANSLATES_BUSINESS_GOAL = re.compile(
    r"\b(?:translat\w*|turns?)\b.*\bbusiness (?:objective|goal|metric)s?\b.*\binto\b", re.I
)
_BUSINESS_NUMBER_STATED = re.compile(
    r"^\W*(?:(?:the|our|my) )?(?:north[- ]star(?: metric| number)?|main (?:number|metric)|"
    r"business (?:metric|goal|objective|number)|top[- ]line (?:metric|number)|kpi|"
    r"success metric)(?: here| today)? (?:is|are|would be|will be|stays|remains)\b"
)
# ...unless the same sentence goes on to the model's side of it
_MODEL_SIDE_NAMED = re.compile(
    r"\b(?:model\w*|ml|machine learning|predict\w*|learn\w*|train\w*|label\w*|target\w*|"
    r"objective|estimat\w*|classif\w*|rank\w*|scor\w*|optimi[sz]\w*)\b"
)


def business_number_only(norm: str) -> bool:
    """The normalised sentence states the business number as the north star or main number
    and names nothing the model learns (`TRANSLATES_BUSINESS_GOAL`)."""
    return bool(_BUSINESS_NUMBER_STATED.match(norm)) and not _MODEL_SIDE_NAMED.search(norm)


# A statement that waves a practice away instead of doing it: doing it rarely is declared
# enough ("retraining once in a while is fine"), the outcome is left to time ("new ads will be
# picked up eventually"), or asking is called a waste ("scope questions just slow things down").
DISMISSES = re.compile(
    r"\b(?:(?:once in a while|now and then|every so often|from time to time|occasionally|"
    r"rarely|at some point)\s+(?:is|are|would be|will be|should be|seems)\s+(?:\w+\s+)?"
    r"(?:fine|enough|ok|okay|sufficient|plenty)|(?:will|would|'ll) (?:\w+ )?(?:be )?"
    r"(?:picked up|caught|handled|sorted out|fixed|fine) eventually|"
    r"(?:just|only) (?:slows?|slowing) (?:us|things|everything|it) down|"
    r"(?:is|are|'s) (?:no|not a) big deal|"
    # handed off as not the design's concern ("click fraud and bots are someone else's problem")
    r"(?:is|are|'s|'re) (?:someone|somebody) else's (?:problem|job|concern)|"
    r"(?:is|are|'s|'re) not (?:our|my) (?:problem|job|concern)|"
    # the trouble the practice guards against declared too small to matter ("where a post sits
    # has little effect on whether it gets liked"), or one measure declared enough on its own
    # ("AUC tells us all we need")
    r"(?:has|have|had|makes?|made) (?:very )?(?:little|hardly any|next to no) "
    r"(?:effect|impact|difference|bearing)|tells? us all we need|"
    # the world declared not to change: "the inputs will look the same next year as today"
    r"(?:will|would|'ll) (?:look|stay|be|remain) (?:much |about |roughly )?the same "
    r"(?:next (?:year|month|week|quarter)|over time|for years|as (?:today|now)))\b"
)

# Logged data declared a fair sample of the whole ("the reported posts are a good sample of
# everything on the site", "the logs are a fair picture of what people like"): the skew the
# practice corrects is denied. Not when the clause says what a fix brings about ("so the
# training set is a fair sample").
_CLAIMED_SAMPLE = re.compile(
    r"\b(?:is|are|'s|'re) (?:already )?(?:a |an )?(?:good|fair|representative|unbiased|true) "
    r"(?:sample|picture|mirror|reflection|slice)\b"
)
_CLAUSE_START = re.compile(r"[,;:.!?]")
_MADE_SO = re.compile(r"\b(?:so|that|until|whether|if|once|after)\b")


def claims_representative(norm: str) -> bool:
    """`norm` declares logged data a fair sample of the whole (`_CLAIMED_SAMPLE`), as a fact
    rather than as what a fix makes it."""
    for m in _CLAIMED_SAMPLE.finditer(norm):
        starts = [c.end() for c in _CLAUSE_START.finditer(norm, 0, m.start())]
        if not _MADE_SO.search(norm, starts[-1] if starts else 0, m.start()):
            return True
    return False


# A criterion asking for a score per category ("multi-label classification that outputs a
# probability per harm category") is contradicted by keeping one category per item: "we'd pick
# the single most likely harm", "each post gets exactly one label, whichever scores highest".
MULTI_LABEL_ASKED = re.compile(r"\bmulti-?label\b", re.I)
ONE_CATEGORY_KEPT = re.compile(
    r"\b(?:single|exactly one|only one|just one|one and only)\b"
    r"(?: (?!all\b|every\b|each\b|per\b|for\b|across\b|covering\b|with\b)[\w-]+){0,3}? "
    r"(?:harms?|labels?|class(?:es)?|categor(?:y|ies)|types?|kinds?)\b|"
    r"\bwhichever (?:one )?(?:scores?|is) (?:highest|most likely)\b"
)
# ...unless the sentence keeps several in view: the single category named as what to avoid ("a
# post can be hateful and bullying at the same time, and one 'pick a single kind' answer would
# hide the second").
SEVERAL_CATEGORIES = re.compile(
    r"\b(?:several|both|multiple|more than one|at the same time|at once|independent\w*|"
    r"per (?:harm|category|class|label|type|kind)|why not|instead|rather than|would hide)\b"
)
# A criterion that precomputes the corpus offline and encodes only the query live is
# contradicted by computing the corpus at request time ("everything gets computed when the
# query arrives, including the vectors of the whole collection"), unless the sentence also
# keeps something ahead of time.
PRECOMPUTES_OFFLINE = re.compile(r"\bprecomput\w*\b.*\boffline\b", re.I)
_AT_REQUEST_TIME = re.compile(
    r"\b(?:when|as soon as|once|whenever) (?:the |a |each )?(?:query|request|search)\w* "
    r"(?:arrives?|comes? in|is made)\b|\bat (?:query|request|search) time\b|\bon the (?:spot|fly)\b"
)
_WHOLE_CORPUS = re.compile(
    r"\b(?:everything|all of it|whole (?:collection|catalog(?:ue)?|corpus|index)|"
    r"every (?:catalog(?:ue)? |corpus |collection )?(?:image|item|picture|photo|vector)s?)\b"
)
_AHEAD_OF_TIME = re.compile(
    r"\b(?:offline|ahead|in advance|beforehand|overnight|nightly|batch\w*|stored?|precomput\w*|"
    r"cached?|already|pre-?built)\b"
)


def corpus_at_request_time(norm: str) -> bool:
    """`norm` computes the whole corpus when a query arrives and keeps nothing ahead of time."""
    return bool(
        _AT_REQUEST_TIME.search(norm)
        and _WHOLE_CORPUS.search(norm)
        and not _AHEAD_OF_TIME.search(norm)
    )


# A criterion about serving predictions in batch or online ("chooses between batch and online
# prediction") is about the model's outputs: precomputing a part the model reads or searches
# ("video embeddings are precomputed and held in an ANN index", "precomputed user features")
# is not that choice, so "precompute" naming such a part is read as no term named.
BATCH_AND_ONLINE = re.compile(r"\bbatch\b.*\bonline\b|\bonline\b.*\bbatch\b", re.I)
_PRECOMPUTE = re.compile(r"^pre-?comput")
_MODEL_PART = re.compile(
    r"\b(?:embeddings?|vectors?|index(?:es)?|features?|counters?|encodings?|towers?)\b"
)
ONLINE_SIDE = re.compile(
    r"\b(?:online|at request time|per request|in real time|real-time|on the spot)\b"
)
PART_REACH = 3  # words either side of "precomputed" within which the part it names stands


def precomputes_a_part(norm: str, concept: str, start: int, end: int) -> bool:
    """`concept` is a "precompute" term whose object, within `PART_REACH` words, is a part
    of the model (embeddings, features, an index) rather than its predictions."""
    if not _PRECOMPUTE.match(concept):
        return False
    before = " ".join(norm[:start].split()[-PART_REACH:])
    after = " ".join(norm[end:].split()[:PART_REACH])
    return bool(_MODEL_PART.search(before) or _MODEL_PART.search(after))


# A model-stage criterion about the loss the model trains with is not met by a sentence of the
# evaluation stage that names the loss only as a measure of the trained model, beside a metric
# ("ROC-AUC and log loss on the next day's impressions"), with no word of training around it.
# (Monitoring's "roll back if the update worsens log loss" is the same use, but terse answers
# often state their loss in a fragment too short to read, "BCE loss.", and such a sentence is
# then the only trace of it: left as it is until fragments are read.)
LOSS_WORD = re.compile(r"\bloss(?:es)?\b", re.I)
_MEASURE_CUE = re.compile(
    r"\b(?:metrics?|offline|online|evaluat\w*|auc|ndcg|recall|precision|worsens?|worse|"
    r"improves?|roll(?:s|ed)? ?back|rollback|alerts?|dashboards?|measur\w*|holdout|held-out)\b"
)
_TRAINING_CUE = re.compile(
    r"\b(?:train\w*|optimi[sz]\w*|minimi[sz]\w*|objective|fit|fits|fitted|learn\w*|"
    r"gradients?|loss(?:es)?)\b"
)


def loss_as_measure(norm: str, spans: tuple[tuple[str, int, int], ...]) -> bool:
    """The sentence names the loss only as a measure (see `_MEASURE_CUE`): a metric or check
    word beside it and no training word outside the named terms."""
    if not spans or not _MEASURE_CUE.search(norm):
        return False
    rest = norm
    for _, start, end in sorted(spans, key=lambda sp: -sp[1]):
        rest = rest[:start] + " " + rest[end:]
    return not _TRAINING_CUE.search(rest)


# A monitoring term bound to a number ("200 ms p99", "p99 under 15 ms", "error rate below
# 0.1%") states a requirement or a budget the design must meet, not a watch kept on the live
# service: said outside the monitoring stage with no watching word in the sentence, the term
# is no evidence of monitoring ("Funnel sizing against 200 ms p99 at 120,000 QPS peak: ...",
# "To fit 15 ms p99 on CPUs, I'd compute ..."). "Alert if p99 passes 200 ms" still watches.
WATCHING = re.compile(
    r"\b(?:monitor\w*|watch\w*|track\w*|alert\w*|alarm\w*|dashboards?|pag(?:e|es|ed|ing)|"
    r"on-call|observ\w*|log(?:s|ged|ging)?|chart\w*|notic\w*|detect\w*|measur\w*|report\w*)\b"
)
_NUMBER_TOKEN = re.compile(r"\d")
BUDGET_REACH = 3  # words either side of the term within which its number stands


def term_as_budget(norm: str, start: int, end: int) -> bool:
    """The named term at norm[start:end] has a number within BUDGET_REACH words of it."""
    before = norm[:start].split()[-BUDGET_REACH:]
    after = norm[end:].split()[:BUDGET_REACH]
    return any(_NUMBER_TOKEN.search(w) for w in before + after)


# A reason clause after a main clause ("test on the last 10 days, since ads and users drift"):
# what it names is why the main clause is done, not a thing the candidate does.
_REASON_OPENS = re.compile(r"\b(?:since|because|as|given that|due to|seeing that)\b")
_CLAUSE_BREAK = re.compile(r"[.;:!?]")
MAIN_CLAUSE_WORDS = 3  # words a main clause needs before its reason


def in_reason_clause(norm: str, start: int) -> bool:
    """The position `start` of `norm` lies in a reason clause that follows, in the same
    clause, a main clause of its own."""
    head = _CLAUSE_BREAK.split(norm[:start])[-1]
    opens = list(_REASON_OPENS.finditer(head))
    return bool(opens) and len(head[: opens[-1].start()].split()) >= MAIN_CLAUSE_WORDS


# What a criterion sets its behaviour against ("...relevance rather than raw clicks",
# "...instead of a single engagement label"), and the words that say a sentence does only that.
_FOIL = re.compile(r"\b(?:rather than|instead of) ([^,.;:()]+)", re.I)
_EXCLUSIVE = frozenset({"purely", "only", "solely", "just", "exclusively", "alone"})
# A criterion that asks for something without machine learning ("a simple non-ML baseline"),
# and the learned models a sentence may name in its place.
NOT_LEARNED = re.compile(r"\bnon-(?:ml|machine[- ]learning|learned)\b", re.I)
RESTRICTS = (NOT_LEARNED, FREQUENT)  # a generic practice narrowed (see `generic_parents`)
_LEARNED_MODEL = re.compile(
    r"\b(?:lr|logistic regression|linear (?:model|regression)|gbdt|gradient[- ]boosted|xgboost|"
    r"lightgbm|(?:boosted |decision )trees?|random forests?|neural (?:net|network)s?|dnn|mlp|"
    r"deep (?:model|network)s?|transformers?|two[- ]towers?|matrix factori[sz]ation|naive bayes|"
    r"svms?|classifiers?)\b"
)
STAND_IN_REACH = 4  # words after the named term within which the learned model stands
# What a clause sets up as the term that follows ("<logistic regression on hashed features> as
# a baseline"): the clause's words before "as", back to its start.
_AS_THE = re.compile(r"([^,;:()]*)\bas (?:a |an |the |our |my )?$")


def practice_saying(criteria: list[Criterion], pattern: re.Pattern[str]) -> frozenset[str]:
    """Ids of the good-practice criteria whose text says `pattern`."""
    return frozenset(c.id for c in criteria if not c.red_flag and pattern.search(c.text))


def learned_stand_in(norm: str, spans: tuple[tuple[str, int, int], ...]) -> bool:
    """Every term the sentence names for a non-ML criterion is filled by a learned model:
    one that follows it closely ("baseline is logistic regression on TF-IDF", "baseline LR")
    or that its clause sets up as it ("logistic regression on hashed features as a
    baseline"): the sentence offers an ML model where the criterion asks for none."""
    return bool(spans) and all(
        _LEARNED_MODEL.search(" ".join(norm[end:].split()[:STAND_IN_REACH]))
        or bool((m := _AS_THE.search(norm[:start])) and _LEARNED_MODEL.search(m.group(1)))
        for _, start, end in spans
    )


EXCLUSIVE_REACH = 4  # words between "purely"/"only" and the foil it restricts to


def foil_stems(text: str) -> frozenset[str]:
    """Stems of the content words a criterion's text sets its behaviour against."""
    return frozenset(
        light_stem(w)
        for m in _FOIL.finditer(text)
        for w in content_words(m.group(1))
        if w not in _EXCLUSIVE
    )


def only(norm: str, foil: frozenset[str]) -> bool:
    """The sentence commits to the criterion's foil and nothing else ("rank purely by
    predicted click-through rate", "clicks alone"): it contradicts the criterion."""
    toks = words(norm)
    for i, tok in enumerate(toks):
        if tok not in _EXCLUSIVE or (
            i and (toks[i - 1] in ("not", "never") or toks[i - 1].endswith("n't"))
        ):
            continue  # "not just clicks" sets the foil beside the behaviour
        near = toks[max(0, i - 2) : i] if tok == "alone" else toks[i + 1 : i + 1 + EXCLUSIVE_REACH]
        if any(light_stem(part) in foil for w in near for part in w.split("-")):
            return True
    return False


# A clarifying criterion that asks whether something exists at all ("asks whether labelled
# data or user feedback already exists").
_EXISTENCE = re.compile(r"\bwhether\b.*\b(?:exists?|already|is available|are available)\b")
# A question of degree about the term that follows: "how imbalanced the labels are", "how
# noisy are the reports" (how much, how many, how far back... ask what there is).
_DEGREE_BEFORE = re.compile(
    r"\bhow (?!much\b|many\b|far\b|long\b|big\b|large\b|often\b|old\b|soon\b|fast\b)"
    r"[a-z-]+ (?:(?:are|is|were|was) )?(?:(?:the|our|its|their|these|those) )?$"
)


def asks_existence(criterion: Criterion) -> bool:
    """A good-practice clarifying criterion asking whether something exists (`_EXISTENCE`)."""
    return (
        not criterion.red_flag
        and criterion.stage == "clarify"
        and bool(_EXISTENCE.search(criterion.text.lower()))
    )


def degree_asked(norm: str, start: int) -> bool:
    """The term at `start` is asked about by degree ("how imbalanced the labels are"): the
    question takes the term as there already."""
    return bool(_DEGREE_BEFORE.search(norm[:start]))


# A criterion that explains why an option is unsuitable ("explains why a pairwise or listwise
# ranking objective is unsuitable here") names that option among its terms: a sentence that
# calls the option the right fit ("a pairwise ranking loss is the right fit here") says the
# opposite of the criterion, whatever else it shares with it.
JUDGED_UNSUITABLE = re.compile(r"\bunsuitable\b|\bnot suit(?:ed|able)\b|\binappropriate\b", re.I)
CALLED_RIGHT_FIT = re.compile(
    r"\b(?:is|are|'s|'re) (?:the |a |an )?(?:right|best|ideal|natural|perfect|good|great|"
    r"obvious) (?:fit|choice|call|option|pick|way to go)\b|\bworks? (?:best|well|fine) here\b"
)
