"""Detectors for the classic mistakes, worded however the candidate likes: features known only
after prediction time, the label used as a feature, a random split of time-ordered data,
accuracy as the metric on rare positives. Each fires on an affirmed clause only (the reader
checks the polarity of the matched cue), so "split by time, not randomly" is not a flag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Detector:
    criterion_id: str
    pattern: re.Pattern[str]  # group "cue" is the span whose polarity decides
    why: str
    # the cue's clause says it is about something else: no flag
    unless: re.Pattern[str] | None = None
    # a mistake the bank words per problem: the detector flags each red-flag criterion of the
    # problem whose text describes it (`criterion_id` is then only this detector's name)
    criterion_text: re.Pattern[str] | None = None
    # the pattern is itself a rejection of good practice ("anything simpler would be a
    # waste"): the cue reads as negated by design, so only a doubt about the rejection
    # itself (`DISMISSAL_DOUBTED`) keeps it from flagging
    dismissal: bool = False


# "I don't think a simpler model would be a waste", "if a baseline isn't worth it": the
# rejection doubted, or only a condition.
DISMISSAL_DOUBTED = re.compile(
    r"\b(?:don'?t|do not|wouldn'?t|would not) (?:think|say|agree|claim)|\bnot true\b|"
    r"\b(?:if|unless|whether)\b|\bnever\b"
)


# Users split at random between two models is an online experiment, not a train/test split.
_EXPERIMENT = re.compile(
    r"\b(?:a/?b|a-b)(?: test\w*)?\b|\bexperiment\w*|\b(?:live|online) test|\bcontrol\b|"
    r"\btreatment\b|\b(?:old|new|current) (?:or|and|vs\.?|versus) (?:the )?(?:old|new|current)\b|"
    r"\b(?:old|new|current|two) models?\b|\bvariants?\b|\barms?\b|\btraffic\b|\bcanary\b|"
    r"\brollout\b|"
    # work handed out to people at random: "posts are assigned at random to reviewers"
    r"\bto (?:the |our |a |each |different |human )?(?:reviewers?|annotators?|raters?|"
    r"label(?:l)?ers?|moderators?|judges?|graders?|experts?)\b"
)


# Shuffling the training examples to build mini-batches splits nothing off: "shuffling is fine
# inside the training window to build mini-batches".
_NOT_A_TEST_SPLIT = re.compile(
    _EXPERIMENT.pattern + r"|\bmini-?batch\w*|\b(?:within|inside|in) (?:the |each )?(?:training|"
    r"train) (?:window|set|data|split|period|portion|part)\b"
)


# The accuracy of people or of labels (annotators, raters, reviewers) is no model metric.
_HUMAN_ACCURACY = re.compile(
    r"\b(?:annotators?|raters?|reviewers?|label(?:l)?ers?|moderators?|humans?|human label\w*|"
    r"crowd\w*|vendors?|judges?|labels?|labell?ing)['’]?\s+accuracy\b|"
    r"\baccuracy of (?:the |our |each |every )?(?:human |crowd |vendor )?(?:labels?|annotat\w*|"
    r"raters?|reviewers?|label(?:l)?ers?|judg\w*|ratings?|moderators?)\b"
)


# "random" said of something other than the split: "the random seed is fixed", "random crops".
_NOT_A_SPLIT = (
    r"(?! (?:seeds?|state|init\w*|crops?|flips?|noise|jitter|restarts?|search|forests?|effects?|"
    r"walks?|negatives|projections?|guess\w*|sampl\w* (?:of )?negatives))"
)


# A character of the same sentence: a decimal point ("99.6% accuracy") does not end it.
_IN_SENTENCE = r"(?:[^.;]|(?<=\d)\.(?=\d))"


_AFTER_EVENT = (
    r"(?:shown|served|posted|published|impression|clicked|click|prediction|predicted|happened|"
    r"watched|listed|uploaded|booked|registered|attended|ended|created|sent|search|query|"
    r"request|recommendation|event|(?:show|serve|display|recommend|surface|post|publish)(?:s|ed)?)"
)
# Work done on every request (or query, or visit), and the whole collection it is done over:
# "run the heavy ranker over the entire catalogue on every request", "at query time, the
# exact distance to each of the 5 billion stored vectors".
_PER_REQUEST = (
    r"(?:\bper (?:request|query|search|visit|page load|feed load)|\b(?:on|for|at|with) (?:every|"
    r"each) (?:single )?(?:[\w-]+ ){0,2}?(?:request|query|search|visit|page load|feed load)s?\b|"
    r"\bevery time (?:a|someone|the user|a user)\b|\bat (?:query|request|serving) time\b|"
    r"\bthe query (?:embedding|vector|image|photo|crop)s?\b)"
)
_ITEMS = (
    r"(?:videos?|images?|items?|ads?|posts?|vectors?|embeddings?|products?|listings?|pictures?|"
    r"photos?|documents?|pins?|events?|people|users|accounts)"
)
_COLLECTION = r"(?:catalogue|catalog|corpus|inventory|collection|library|site|platform)"
_WHOLE = (
    r"(?P<cue>(?:entire|whole|full) " + _COLLECTION + r"|"
    r"(?:every|each|all)(?: single| one)?(?: of)?(?: the| our)? \d[\d.,]* ?(?:billion|million|"
    r"bn|b|m)\b|(?:every|each|all)(?: one)? of (?:the |our )?(?:billions|millions)\b|"
    r"every single (?:[\w-]+ ){0,2}?" + _ITEMS + r"\b|"
    r"(?:every|each|all) (?:[\w-]+ ){0,2}?"
    + _ITEMS
    + r" (?:in|of|on) (?:the |our )?"
    + _COLLECTION
    + r"\b)"
)
# ...unless what is done over it is the cheap first stage, or done ahead of time.
_CHEAP_STAGE = re.compile(
    r"\b(?:ann|hnsw|faiss|scann|ivf|quantiz\w*|(?<!no )approximat\w*|candidate generation|"
    r"retriev\w*|two[- ]stage|precomput\w*|offline|batch|nightly|index(?:ed|ing)? (?:all|every)|"
    r"embed(?:ded|ding)? (?:all|every|each))\b"
)


# Every user's output worked out once a day ahead and served from storage until the next run:
# "rank the whole feed once a night and cache it", "a batch job sorts every person's feed at
# 2am". A daily job over features, embeddings or the model itself, or one that an online step
# follows, is no such thing.
_DAILY = (
    r"(?:once (?:a|per|each) (?:day|night)|every (?:night|morning|day)|each (?:night|morning)|"
    r"nightly|overnight|at \d{1,2}(?::\d\d)? ?(?:am|pm|a\.m\.?|p\.m\.?)|at midnight|"
    # "daily" of the schedule, not of a measure ("compare daily visits over time")
    r"daily(?! (?:active|users?|visits?|visitors?|volume|budget|traffic|dau|posts?|uploads?|"
    r"rates?|numbers?|counts?|metrics?|reach|impressions?|revenue|spend|cap)\b))"
)
_PREPARED = (
    r"(?:precomput\w*|rank\w*|sort\w*|scor\w*|order\w*|works? out|comput\w*|prepar\w*|"
    r"predict\w*)"
)
_KEPT_TILL_SERVED = (
    r"(?:\bcach\w*|\blook ?ups?\b|\bserv\w* (?:that|it|them|those|the stored)\b|\bstor\w*|"
    r"\b(?:each|every) (?:user|person|viewer|member)(?:'s)?\b|\beveryone(?:'s)?\b|"
    r"\bfor all users\b|\ball day\b|\buntil the next\b)"
)
_NOT_THE_OUTPUT = re.compile(
    r"\b(?:re)?train\w*|\bembedding\w*|\bfeatures?\b|\bcounters?\b|\baggregat\w*|"
    r"\bcandidate (?:pool|set)s?\b|\bindex\w*|\bper request\b|\bonline\b|"
    r"\bat request time\b|\breal[- ]?time\b|\bfallback\b"
)


DETECTORS: tuple[Detector, ...] = (
    Detector(
        "gen-data-serving-unavailable-features",
        re.compile(
            r"(?P<cue>in the (?:first )?(?:\d+ |next |following )?(?:hours?|days?|weeks?|"
            r"minutes?|months?) after (?:the|it|its|it's|it is|they|each|an?|that|this|we|you)\b"
            r"[\w ]{0,30}?" + _AFTER_EVENT + r"|(?:hours?|days?|weeks?) after (?:it|the|they) "
            r"(?:is |was |are |were |gets? )?" + _AFTER_EVENT + r"|in the (?:next|following) "
            r"(?:hour|hours|day|days|week|weeks|month)|"
            r"end(?:s|ed)? up (?:with|getting|\w+ing)|"
            r"(?:gets?|collects?|receives?|reaches) after (?:it's|it is|it was|the \w+ (?:is|was)) "
            r"(?:shown|served|posted|published|listed|uploaded)|"
            r"eventually (?:gets?|reaches|receives|collects)|"
            r"final [\w ]{0,30}?(?:counts?|number|outcome|rating|label|status)|"
            r"at the end of (?:its|the) [\w-]+ window|"
            r"future (?:clicks|views|engagement|popularity|outcome|reports|interactions))"
        ),
        "uses information only known after prediction time",
    ),
    Detector(
        "gen-data-serving-unavailable-features",
        re.compile(
            r"(?P<cue>(?:label|flag|verdict|reaction|outcome|target|ground truth)\b[^.;]{0,60}?"
            r"\b(?:as (?:an? |the )?(?:input|feature)s?|for the training label|into the features))"
        ),
        "uses the label (or what it is computed from) as a feature",
    ),
    Detector(
        "gen-data-serving-unavailable-features",
        re.compile(
            # what the user does with the very item being scored, as an input: "the number of
            # minutes this user spends on the candidate video", "the percentage of the
            # recommended video this viewer completes"
            r"\b(?:spends?|watch(?:es)?|completes?|clicks?|likes?|buys?|rates?|finishes)\b"
            r"[^.;]{0,30}?\b(?P<cue>(?:(?:on|of|with) )?(?:the|this|that) (?:very )?(?:candidate|"
            r"recommended|ranked|shown|scored|served) (?:video|item|ad|post|listing|image|pin|"
            r"event)s?)\b|"
            r"\b(?P<cue2>(?:the|this|that) (?:very )?(?:candidate|recommended|ranked|shown|"
            r"scored|served) (?:video|item|ad|post|listing|image|pin|event)s?) (?:that |which )?"
            r"(?:this|the) (?:user|viewer|person|member|customer) (?:then |later )?(?:spends|"
            r"watches|completes|clicks|likes|buys|rates|finishes)\b"
        ),
        "uses what the user does with the item being scored as an input",
    ),
    Detector(
        "gen-data-random-split-leakage",
        re.compile(
            # (not the training examples or batches shuffled among themselves, when nothing
            # is split or held out after: "we shuffle the training examples within each day")
            r"(?P<cue>shuffl\w*|pool(?:ed|ing)?)\b(?!\s+(?:the\s+)?(?:(?:training|train)\s+"
            r"(?:examples|batches|rows|samples|data)|(?:mini-?)?batches)\b"
            r"(?![^.;]*\b(?:split|hold out|holdout|test|testing)\b))"
            r"[^.;]{0,80}?\b(?:split|hold out|holdout|"
            r"test set|test data|testing|train)|(?:split|assign|divide|hold)\w*\b[^.;]{0,60}?\b"
            r"(?P<cue2>random(?:ly)?|at random)" + _NOT_A_SPLIT + r"|"
            r"(?P<cue3>random(?:ly)?) (?:hold(?:ing)? out|split|assign|\d+ ?%|"
            # "randomly put 20% aside as the test set"
            r"(?:put|set|keep|take|leave)\w* (?:[\w%]+ ){0,3}?(?:aside|apart)|"
            # a test set drawn at random and the model trained on what is left of the same pool:
            # "randomly pick 10% of all impressions as the test set and train on the rest"
            r"(?:pick|select|sampl|choos|draw|take|grab)\w* [^.;]{0,80}?\b(?:test|held-out|"
            r"holdout|validation|evaluation|eval)\b[^.;]{0,40}?\btrain\w* (?:on|with) (?:the |"
            r"all the )?(?:rest|remain\w*|others?)\b)"
        ),
        "splits time-ordered data at random",
        unless=_NOT_A_TEST_SPLIT,
    ),
    Detector(
        "gen-data-random-split-leakage",
        re.compile(
            # the held-out rows named first, then shuffled or mixed over time: "to get a test
            # set I'd shuffle the last month", "held-out rows sprinkled uniformly across the 90
            # days", "validation rows with the days all mixed together" (not "at random": a
            # randomly sampled reviewed set beside a later period is an unbiased test set)
            r"\b(?:test(?:ing)? (?:set|data|rows|split)|held[- ]out|holdout|validation|"
            r"evaluation (?:set|data))\b[^.;]{0,60}?\b(?P<cue>shuffl\w*|"
            r"(?:days|dates|weeks|months)(?: \w+)? mixed|mix\w*(?: \w+){0,2} together|"
            r"(?:uniformly|evenly)(?= (?:\w+ )?(?:across|over|from|throughout) (?:the |all |"
            r"our |whole |entire |last |past |\d+ ){0,3}(?:days?|weeks?|months?|history|logs?|"
            r"time|period|dates?)\b))"
        ),
        "splits time-ordered data at random",
        unless=_NOT_A_TEST_SPLIT,
    ),
    Detector(
        "gen-model-wrong-family",
        re.compile(
            r"^(?!.*\b(?:image|images|pixels?|photos?|video|frames?|audio|text|sequence)\b)"
            r".*?(?P<cue>convolution(?:al|s)?|cnns?|rnns?|recurrent|lstms?)\b[^.;]{0,60}?\b"
            r"(?:feature table|tabular|table of features|sparse (?:[\w-]+ ){0,4}?(?:features|ids)|"
            r"one-hot)"
        ),
        "a model family that does not fit the data",
    ),
    Detector(
        "gen-model-no-baseline",
        re.compile(
            # the simpler model dismissed as not worth it: "training anything simpler first
            # would be a waste of GPUs", "a smaller model ... isn't worth comparing to"
            r"(?P<cue>(?:anything|something) (?:simpler|smaller)|(?:an? |any )?(?:simpler|"
            r"smaller|simple|lighter) (?:model|version|approach|network|baseline)s?)\b"
            r"[^.;]{0,50}?(?:\b(?:would be|is|are|'s|seems?) (?:just )?(?:a waste|pointless|"
            r"unnecessary|overkill|a detour)|\b(?:aren'?t|isn'?t|wouldn'?t be|won'?t be|not) "
            r"worth (?:it|the|comparing|training|building|trying|bothering)|\bwon'?t cut it|"
            # "a simple model would only waste time"
            r"\b(?:would|will|'d|'ll) (?:only |just |simply )?(?:waste|be (?:a )?wast\w*))"
        ),
        "dismisses a simpler model or baseline before trying one",
        dismissal=True,
    ),
    Detector(
        "gen-serve-ignores-latency",
        re.compile(
            r"^(?=.*" + _PER_REQUEST + r")(?=.*\b(?:scor\w*|rank\w*|compar\w*|distances?|run\w*|"
            r"push\w*|sort\w*|predict\w*|infer\w*|model|ranker|through|similarit\w*)\b).*?" + _WHOLE
        ),
        "runs the heavy work over the whole collection on every request",
        unless=_CHEAP_STAGE,
    ),
    Detector(
        "problem-daily-batch-output",
        re.compile(
            r"^(?=.*"
            + _KEPT_TILL_SERVED
            + r")(?=.*\b"
            + _PREPARED
            + r"\b).*?\b(?P<cue>"
            + _DAILY
            + r")\b"
        ),
        "works every user's output out in a daily batch and serves it until the next run",
        unless=_NOT_THE_OUTPUT,
        criterion_text=re.compile(r"(?i)precomput\w*\b[^.]*\b(?:daily|nightly) batch"),
    ),
    Detector(
        "gen-evaluate-accuracy-on-imbalance",
        re.compile(
            r"(?:(?:metric|measure|number|compare (?:the )?models?|evaluate|evaluation|headline|"
            r"report|optimi[sz]e (?:for)?)\b" + _IN_SENTENCE + r"{0,50}?\b(?P<cue>accuracy)\b|"
            # with up to three words qualifying the metric ("as the main model selection
            # metric", "is our primary offline measure")
            r"\b(?P<cue2>accuracy)\b[^.;]{0,40}?\b(?:as (?:the|our|my) "
            r"(?:[\w-]+ ){0,3}?(?:metric|criterion|yardstick)|is (?:the|our|my) "
            r"(?:[\w-]+ ){0,3}?(?:metric|measure|number)|"
            # a pseudo-cleft: "overall accuracy is what I'd report"
            r"is what (?:i|we)(?:'d| would|'ll| will)? (?:report|use|track|show|optimi[sz]e|"
            r"look at|go with|measure|judge)|"
            # "99% accuracy ..., and that's the number I'd put in the launch review"
            r"(?:that's|that is|which is) (?:the|our) (?:main |primary |headline |only |one )?"
            r"(?:metric|measure|number|kpi|yardstick|bar)\b)|"
            # the model chosen by it: "the best accuracy", "the target is 99% accuracy"
            r"\b(?:best|highest|higher|better|target)\b" + _IN_SENTENCE + r"{0,20}?\b"
            r"(?P<cue3>accuracy)\b|"
            # a bar the model must clear: "needs at least 99.2% accuracy", "once its accuracy
            # on the holdout is above 95%" (not the trap argued: "a model that never predicts a
            # click gets over 99% accuracy", "accuracy is above 99% for the trivial model")
            r"\b(?:needs?|must|has to|have to|should|requires?|required|bar|goal|target)\b"
            + _IN_SENTENCE
            + r"{0,20}?\b(?:at least|above|over|more than|beyond|exceeds?|exceeding|reach\w*|"
            r"hit\w*)\s+\d[\d.]*\s?(?:%|percent)\s+(?P<cue6>accuracy)\b|"
            r"\b(?:once|as soon as|the moment)\s+(?:[\w'’-]+\s+){0,2}?(?P<cue7>accuracy)\b"
            r"[^;]{0,30}?\b(?:is|gets?|goes|reaches|stays|climbs)\s+(?:above|over|at least|"
            r"beyond|past|north of)\s+\d|"
            # accuracy in other words, as the model's score: "how often the model gets click
            # versus no-click right", "the share of posts it classifies correctly" (of all
            # of them: "the share of flagged posts it gets right" is precision); the cue stops
            # before what it gets right ("click versus no-click" negates nothing)
            r"\b(?:score|judge|measure|evaluate|report|look at|metric|number)\b[^.;]{0,40}?"
            r"(?P<cue4>(?:how often|(?:the )?(?:share|fraction|percentage|proportion|number) of "
            r"(?:all )?(?:the )?(?:posts|examples|items|ads|impressions|images|videos|cases|"
            r"predictions|rows))[^.;]{0,10}? (?:the model|it|we) (?:gets?|classif\w*|label\w*|"
            r"predicts?|guess\w*|calls?))\b[^.;]{0,30}?\b(?:right|correct(?:ly)?)|"
            # "the number I'd put on the dashboard is how many predictions land on the right
            # side of 0.5": the share of predictions that are right, in other words
            r"\b(?:score|judge|measure|evaluate|report|dashboard|metric|number)\b[^.;]{0,50}?"
            r"(?P<cue5>how many (?:of (?:the |our )?)?(?:predictions|posts|examples|items|ads|"
            r"impressions|images|videos|cases|rows) (?:land|fall|end up|come out|are)\b)"
            r"[^.;]{0,20}?\b(?:right|correct(?:ly)?))"
        ),
        "uses accuracy although positives are rare",
        unless=_HUMAN_ACCURACY,
    ),
)


def cue_span(match: re.Match[str]) -> tuple[int, int]:
    """The span whose polarity decides whether the detector fires: the first of the
    pattern's cue groups (`cue`, `cue2`, `cue3`, ...) that took part in the match."""
    for name in _cue_names(match.re):
        if match.start(name) >= 0:
            return match.start(name), match.end(name)
    return match.start(), match.end()


@lru_cache(maxsize=64)
def _cue_names(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """A pattern's cue groups in the order of their numbers (read from the pattern, so a
    new alternative's `cueN` needs no list kept beside it)."""
    cues = [n for n in pattern.groupindex if re.fullmatch(r"cue\d*", n)]
    return tuple(sorted(cues, key=lambda n: int(n[3:] or 1)))
