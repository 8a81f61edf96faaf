"""Per-problem leakage detector: the problem's labels and the signals only known after
prediction time (`leakage` in knowledge/problems/*.yaml), found used as a model input.

A sentence *leaks* when it names one of the problem's signals and puts something into the
model ("as a feature", "feed X into the ranker", "features like X, Y", "X is a strong
signal"), both affirmed (polarity.py), with nothing saying the candidate means what is known
at prediction time: a historical aggregate ("past clicks", "click rate over 30 days") or the
signal used as the label ("clicks are our label"). A counter (likes, views) leaks only when
counted past prediction time ("final", "in the week after", "by tomorrow").

Beside the problem's own words, every problem's label and later outcomes are found in general
words: "the outcome we are predicting", "the target itself", "whether they ended up buying",
"how much they watch once they have clicked"; and a count that takes in the example itself or
the whole log ("including this impression", "over the full dataset") is past prediction time
even as a rate. So is a window around or through the moment of prediction ("the seven days
around its upload", "until the end of the day"), a fact someone learns later ("the grade the
vendor assigns next month"), and target encoding unless out-of-fold or cut off in time.

The same signal with the use negated, excluded, or said to be known only afterwards is
*correct practice*: never a flag, and credit where the problem names a criterion for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from app.knowledge.memo import per_text
from app.knowledge.prefilter import may_match, required_keys
from app.knowledge.schema import Criterion, Leakage
from app.knowledge.text import light_stem, words
from app.understanding.framing import EXCLUDE, foil, heads_things_to_avoid
from app.understanding.polarity import clause_bounds, polarity_of_span

LEAKAGE_CRITERION = "gen-data-serving-unavailable-features"

Kind = Literal["label", "after_prediction", "counter"]
Verdict = Literal["leak", "practice"]

# -- how an alias is found: word forms, determiners skipped, up to two words between --------

_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "each",
        "every",
        "its",
        "their",
        "our",
        "his",
        "her",
        "my",
        "your",
    ]
)
_SEP = r"[\s_/-]+"
# A pronoun for the people in an alias ("how long they stay") stands for any person said by
# name of role: the user, the person, people, the viewer...
_PEOPLE_PRONOUNS = frozenset(["they", "them"])
_PERSON = (
    r"(?:they|them|he|she|someone|somebody|people|(?:user|person|viewer|member|customer|"
    r"buyer|searcher|reader|visitor|shopper)s?)"
)
_POSSESSIVE = r"(?:['’]s?)"  # the user's, the annotators'
# Between two words of an alias: up to two other words, and a possessive may come first
# ("the reviewer's category decision")...
_JOIN = rf"{_POSSESSIVE}?(?:{_SEP}[\w'’-]+){{0,2}}?{_SEP}"
# ...except before a verb, where another word means another subject: "the user's friends
# signed up" is not the user signing up.
_JOIN_VERB = rf"(?:{_POSSESSIVE}?{_SEP}|(?:{_SEP}[\w'’-]+){{1,2}}?{_SEP})"
_IRREGULAR_PAST = frozenset(
    ["bought", "sent", "went", "made", "hid", "gave", "got", "left", "saw", "took"]
)
_INFLECTION = r"(?:e|s|es|ed|d|ing|er|ers)?"
# The same act in another interface's word: a click is a tap on a phone (each with the stem
# its inflections take).
_SAME_ACT = {"click": ("tap", "tapp")}


def same_acts(moments: Iterable[str]) -> dict[str, str]:
    """The other words for an act an alias may be said in, but not a word that names the
    problem's moment of prediction (a visual search starts at the user's tap)."""
    said = {w for m in moments for w in words(m)}
    return {
        root: "(?:" + "|".join([root, *others]) + ")"
        for root, others in _SAME_ACT.items()
        if said.isdisjoint(others)
    }


def _root(word: str) -> str:
    """The stem, also of short inflected words the shared stemmer keeps whole ("saved",
    "likes"), so that every form of them matches."""
    root = light_stem(word)
    if root == word and len(word) == 5 and word.endswith(("ed", "es")):
        return word[:-2]
    return root


def alias_pattern(alias: str, acts: Mapping[str, str] | None = None) -> re.Pattern[str]:
    """A loose pattern of `alias`: each word in its inflected forms ("saves" finds "saved",
    "saving"), determiners left out, and up to two other words between the alias's words
    ("whether the user saved" finds "whether that user has saved"); `acts` (see `same_acts`)
    lets a word be said in another's ("clicked" finds "tapped")."""
    toks = [t for t in words(alias) if t not in _DETERMINERS] or words(alias)
    body = ""
    for i, tok in enumerate(toks):
        if i:
            verb = tok.endswith("ed") or tok in _IRREGULAR_PAST
            body += _JOIN_VERB if verb else _JOIN
        if tok in _PEOPLE_PRONOUNS:  # "how long they stay" finds "how long the person stayed"
            body += _PERSON
            continue
        root = _root(tok)
        body += (acts or {}).get(root) or re.sub(r"y$", "(?:y|i)", re.escape(root))
        body += _INFLECTION
    return re.compile(rf"(?<![a-z0-9]){body}{_POSSESSIVE}?(?![a-z0-9])")


# -- the cues around a mention ---------------------------------------------------------------

_NOUN = (
    # (not "the training signal": what the model learns from is the label)
    r"(?:feature (?:set|vector|list|table|store|columns?|space)|features?|inputs?|"
    r"(?<!training )(?<!supervision )(?<!supervisory )(?<!learning )signals?|"
    r"predictors?|covariates?|regressors?)"
)
_MODEL = (
    r"(?:models?|rankers?|re-?rankers?|classifiers?|network|net|towers?|scorer|gbdt|trees?|"
    r"heads?|mlp|encoder|detector|learner)"
)
_VERB = (
    r"(?:feed(?:s|ing)?|fed|pass(?:es|ed|ing)?|plug(?:s|ged|ging)?|put(?:s|ting)?|"
    r"add(?:s|ed|ing)?|giv(?:e|es|en|ing)|gave|send(?:s|ing)?|sent|append(?:s|ed|ing)?|"
    r"concatenat(?:e|es|ed|ing)|throw(?:s|ing)?|threw|bring(?:s|ing)?|brought|"
    r"incorporat(?:e|es|ed|ing)|inject(?:s|ed|ing)?|provid(?:e|es|ed|ing)|"
    r"suppl(?:y|ies|ied|ying)|include[sd]?|including|us(?:e|es|ed|ing)|hand(?:s|ed|ing)?)"
)
_JUDGE_MODEL = (
    r"(?:evaluat|test|measur|validat|monitor|compar|benchmark|assess|audit|debug|calibrat|"
    r"sanity[- ]check)\w*"
)
# Something is put into the model, said explicitly ("as a feature", "into the ranker",
# "features like", "a strong signal"): the cue whose polarity decides, with the mention's.
_USE = re.compile(
    rf"\bas (?:an?|the|one|our|another|extra|additional|its|their|my|some)?\s?"
    rf"(?:[\w'’-]+ ){{0,3}}?{_NOUN}\b"
    # (a focusing adverb may come between: "the model's inputs also include X")
    rf"|\b{_NOUN} (?:(?:also|still|even|further|now|then|already|always) )?(?:like|such as|"
    rf"including|include|includes|e\.?g\.?|would be|could be|will be|is|are)\b|\b{_NOUN}\s?:"
    # "a feature for the post is X": what it is an input about said between
    rf"|\b{_NOUN} (?:for|of|on) (?:the |each |every |a |an |this )?[\w'’-]+ "
    r"(?:is|are|would be|will be)\b"
    # "one input for the ranker: ..."
    rf"|\b{_NOUN} (?:for|to|of) (?:the |our |a |an )?(?:[\w'’-]+ )?{_MODEL}\s?:"
    # "two features i'm sure will help: X, Y", "my features, roughly: X, Y"
    rf"|\b{_NOUN}\b(?:,? [\w'’-]+){{1,6}},?\s?:"
    # what goes into a model said after its purpose: "for the scorer, give it X", "for
    # re-ranking i'd combine X, Y", "for inputs i'm thinking X"
    rf"|\bfor (?:the |our |a |my |each )?(?:[\w'’-]+ )?(?:{_MODEL}|{_NOUN}|(?:re-?)?ranking|"
    r"scoring),? (?:(?:i|we)(?:['’]d|['’]m|['’]ll| would| will| am| are)? (?:also |just )?)?"
    r"(?:give|feed|pass|hand|use|add|include|combine|concatenate|stack|thinking|go with|pick)\b"
    # (not "used only to evaluate the ranker": a measure of the model, not an input)
    # (the way to the model crosses no denial: "used for evaluation only, not as inputs to the
    # ranker" says "as inputs" negated, "logged for evaluation, not fed to the model" too)
    rf"|\b{_VERB}\b(?:(?!\bnot (?:[\w'’-]+ )?(?:as|in|into|to|for)\b|\bnever\b)[^.;:]){{0,80}}?"
    rf"\b(?:in|into|to|for) (?!{_JUDGE_MODEL})"
    rf"(?:the |our |a |an |each |its |every )?(?:[\w'’-]+ ){{0,2}}?(?:{_MODEL}|{_NOUN})\b"
    rf"|\b(?:giv(?:e|es|ing)|feed(?:s|ing)?|tell(?:s|ing)?|hand(?:s|ing)?) (?:the |our |a )?"
    rf"(?:[\w'’-]+ )?{_MODEL}\b"
    # the model is let at it: "let the model see X", "for the ranker to know", "goes into the
    # model", "X goes in"
    rf"|\b(?:let(?:s|ting)?|allow(?:s|ing)?) (?:the |our |a )?(?:[\w'’-]+ )?{_MODEL} "
    rf"(?:to )?(?:see|use|know|learn from|look at|have|read|condition on|access)\b"
    rf"|\bfor (?:the |our |a )?(?:[\w'’-]+ )?{_MODEL} to (?:see|use|know|learn from|look at|have|"
    rf"condition on)\b"
    rf"|\b(?:go(?:es)?|going|went|gone|get(?:s)? fed) (?:in)?to (?:the |our |a |each )?"
    rf"(?:[\w'’-]+ )?(?:{_MODEL}|{_NOUN})\b"
    rf"|\b(?:is|are|be|been|makes?|making|made|remains?) (?:a|an|the|one|our|another|my|its)?"
    rf"\s?(?:[\w'’-]+ ){{0,3}}?{_NOUN}\b"
    rf"|\b(?:useful|strong|strongest|good|best|key|important|great|powerful|predictive|more|"
    rf"helpful|valuable|telling|main|top|extra|additional|another|obvious)\s(?:[\w'’-]+\s)?"
    rf"{_NOUN}\b"
    r"|\b(?:very|really|extremely|highly|super|so|quite) (?:predictive|informative)\b"
    # made part of an input however long the list before it: "... into one input vector"
    rf"|\binto (?:one|a single|a combined|a joint) {_NOUN}\b"
    # "i'd add a feature for X", "we derive a signal from X"
    r"|\b(?:add|create|build|make|compute|engineer|derive)\w* (?:a|an|one|another) (?:[\w'’-]+ )?"
    rf"{_NOUN} (?:for|from|of|on|with)\b"
    # "one input i'd add is X", "the feature we would use is X", "a feature i really like is X"
    rf"|\b{_NOUN} (?:that |which )?(?:i|we)(?:['’]d| would| will|['’]ll)? "
    r"(?:(?:also|really|particularly|especially|definitely) )?"
    r"(?:add|use|include|feed|pass|pick|choose|want|like|love)\w* (?!least|less)(?:[\w'’-]+ )?"
    r"(?:is|are|would be|will be)\b"
    # the model said to take it in: "the ranker gets X", "the classifier is fed X", "the model
    # would get X"
    rf"|\b{_MODEL} (?:also |then |only |just )?(?:gets|receives|takes in|sees|consumes|ingests|"
    r"is given|is fed)\b"
    # ("a good ranker should get 97% right" is how well it does)
    rf"|\b{_MODEL} (?:would|will|should|could|can|must|might|is going to|gets to) (?:also )?"
    r"(?:get|receive|take in|take|see|consume|ingest|be given|be fed)\b"
    r"(?![^.;:]{0,60}?\b(?:right|wrong|correct|correctly)\b)"
    # "i'd feed in X", "we plug in X": a verb whose particle says into the model
    # ("if we had fed in X" is what was not done)
    r"|\b(?:feed(?:s|ing)?|plug(?:s|ging)?|pip(?:e|es|ing)|pass(?:es|ing)?) in\b"
    # each training example given it: "every row gets X", "attach X to every impression", "pull
    # X into each impression row"
    r"|\b(?:each|every) (?:[\w'’-]+ )?(?:rows?|examples?|records?|training examples?) "
    r"(?:gets|receives|carries|has)\b"
    r"|\b(?:attach|join|pull|add|append|write)(?:s|es|ed|ing)?\b[^.;:]{0,80}?\b(?:to|into|onto) "
    r"(?:each|every|all) (?:[\w'’-]+ ){0,2}?(?:rows?|examples?|records?|impressions?)\b"
)
# ...or only by a verb of the candidate's ("I'd also include X", "we add X"): a feature in
# the data stage, but the label too ("I'd use clicks as the label") when the clause says so.
_BARE_USE = re.compile(
    r"\b(?:i'?d|i would|i will|i'll|we'?d|we would|we will|we'll|we can|i can|let's|let us|"
    r"i want to|we want to|i'm going to|we're going to)\s(?:also\s|just\s|then\s)?"
    r"(?:add|include|use|feed|pass|throw in|bring in|plug in|put in|incorporate|leverage)\b"
)
# The signal is what the model learns from, not an input: "clicks are our label".
_LABEL_ROLE = re.compile(
    r"\bas (?:an?|the|our|its|their|my)?\s?(?:[\w-]+ ){0,2}?(?:labels?|targets?|ground[- ]truth|"
    r"positives?|negatives?|supervision|objective)\b"
    r"|\b(?:labels?|targets?|ground[- ]truth|objective) (?:is|are|will be|would be|comes? from)\b"
    r"|\b(?:is|are|be|becomes?) (?:the|our|a|an|one of the|its|their)?\s?(?:[\w-]+ ){0,2}?"
    r"(?:labels?|targets?|ground[- ]truth|positives?|negatives?|objective)\b"
    # "whether the viewer liked the post is the outcome": the outcome, plainly, is the label
    r"|\b(?:is|are) (?:the|our) outcomes?\b(?! (?:of|from|for)\b)"
    r"|\b(?:we|i|you|the model|it)(?: are| is| 're| want to| try to| will| would| need to)? "
    r"(?:predict\w*|estimat\w*|train\w* (?:against|on|for))\b"
    r"|\bto (?:predict|label|estimate)\b|\blabel(?:s|led|ed|ing)? (?:each|every|the|it|them)\b"
    r"|\b(?:to|into|in|for|from) (?:the |our )?(?:training )?(?:labels?|targets?|ground[- ]truth)\b"
    r"|\b(?:negatives|positives)\b|\b(?:positive|negative|training) (?:examples?|pairs?|samples?|"
    r"data|set)\b"
)
# A signal named as what a change moves ("it lifts conversions", "to increase watch time") is
# a goal being argued for, not something put into the model.
_MOVED = re.compile(
    r"\b(?:lift|raise|increase|boost|improve|drive|hurt|lower|reduce|grow|double|cut|maximi[sz]e)"
    r"(?:s|es|d|ed|ing)?\s+(?:the\s+|our\s+|their\s+|its\s+|more\s+|overall\s+)?$"
)
# "past" after a verb of moving by is a place, not a time: "scrolled past it".
_MOVED_PAST = "".join(
    f"(?<!{v} )" for v in ("scrolled", "scrolls", "scroll", "swiped", "swipes", "went", "moved")
)
# The user leaving the example: "before swiping away" is the end of their response to it, not a
# time before prediction.
_LEAVING = r"(?:swip|clos|leav|exit|skipp|quitt|bounc|abandon|switch|mov)\w*"
# Something that ends after prediction time: "before the campaign ends" counts up to it.
_RUNS_OUT = r"(?:[\w'’-]+ ){0,3}?(?:ends|closes|finishes|expires|wraps up|runs out|is over)"
# Time words that end before prediction time ("past", "last 7 days", "so far", "trailing").
_BEFORE_NOW = (
    rf"{_MOVED_PAST}past|previous(?:ly)?|prior|historic\w*|history|earlier|"
    rf"before(?! {_LEAVING})(?! {_RUNS_OUT})|"
    r"last (?:\d+ |few |couple of )?(?:hours?|days?|weeks?|months?|years?|sessions?|visits?)|"
    r"so far|to date|until now|trailing|rolling|yesterday"
)
# Known at prediction time: an aggregate over the past, or an estimate.
_HISTORY = re.compile(
    rf"\b(?:{_BEFORE_NOW}|histories|recent(?:ly)?|lately|of late|"
    r"up to (?:but (?:not including|excluding) )?(?:now|then|the|that|this|prediction|serving|"
    r"request)|"
    r"averages?|avg|mean|rates?|ratios?|how often|frequency|typically|usually|in general|"
    r"aggregat\w*|running|expected|estimated|predicted|forecast\w*)\b|"
    # a tally out of a count of showings is a rate: "tapped 3 of 40 travel ads", "30 times in
    # 2,000 showings"
    r"\b\d[\d,]* (?:times )?(?:out of|of|in) (?:the |its |their )?\d[\d,]*\b"
)
# Right after a label's words, a tally of them: "the user's click counts", "like totals".
_TALLY = re.compile(r"\b(?:counts|totals|tallies|counters|histor(?:y|ies))\b")
_TALLY_OF = re.compile(r"\s*" + _TALLY.pattern)
_ITEMS_IN_GENERAL = re.compile(
    r"\b(?:on|of|to|with|for|from)\s+(?!this\b|these\b|its\b)[a-z]{2,}[a-rt-z]s\b"
)
_OF_ITEMS_IN_GENERAL = re.compile(r"\s*" + _ITEMS_IN_GENERAL.pattern)
# ...or of the owner's other items: "the tier the review team assigned to the author's other
# posts", "the rating raters gave her older videos".
_OF_OTHER_ITEMS = re.compile(
    r"\s*(?:on|of|to|for|from|with|across) (?:the |their |his |her |its )?"
    r"(?:[\w'’-]+['’]s )?(?:other|older|earlier|previous|prior|past) [\w'’-]+s\b"
)
# An aggregate that counts the example itself or the whole log, future included: past
# prediction time even where it is a rate or an average.
# The example being scored, named as such: "this one", "the current session", "the session
# we're scoring", "this row's own click".
_THE_EXAMPLE = (
    r"(?:this|the current|the present|the very|the same) (?:very |same )?[a-z]+(?:['’]s)?"
    r"|the [\w'’-]+ (?:[\w'’-]+ )?(?:being|we['’]re|we are|in which we|where we|that we) "
    r"(?:scor|rank|predict|show|serv|recommend)\w*"
    r"|(?:this|the|its|their) (?:[\w'’-]+['’]s )?own [\w'’-]+"
)
_SPANS_FUTURE = (
    # (not "up to but not including this impression": cut before it)
    rf"(?<!not )(?:including|includes?|incl\.?|plus) (?:{_THE_EXAMPLE})|(?:{_THE_EXAMPLE}) "
    r"(?:[\w'’-]+ ){0,2}?(?:included|folded in|counted in|added in|mixed in|baked in|thrown in)"
    # "counting the strike this post itself earned", "counting the click from this same search"
    # (not "counting strikes before this upload": cut before it)
    r"|(?<!not )counting (?:(?!(?:before|prior|until|till|up|earlier|previous)\b)[\w'’-]+ )"
    rf"{{0,3}}?(?:{_THE_EXAMPLE})"
    r"|(?:including|incl\.?|with) (?:the )?future|future [\w'’-]+ included"
    r"|(?:over|across|on|from|using) (?:the )?(?:whole|entire|full|complete) (?:training )?"
    r"(?:dataset|data set|data|logs?|table|corpus|training set)"
    r"|(?:over|across|from|of) all (?:the )?[\w'’-]+ in the (?:dataset|data|logs?|table|corpus)"
    # a window that takes in the moment of prediction, or runs past it
    r"|(?:during|in|over|within|across) the (?:same )?(?:session|visit|day|window|hour) "
    r"(?:in which|where|when|that) (?:we|it is|it's|it was) (?:show|serv|rank|scor|display|"
    r"recommend)\w*"
    r"|(?:window|period|span|interval|hours?|days?|weeks?|months?) (?:centred on|centered on|"
    r"around|surrounding|straddling|either side of)"
    r"|(?:until|till|through|to) the end of (?:the|its|their) (?:day|week|month|session|"
    r"campaign|window|life)"
    # a calendar window that holds the moment of prediction: "during the month of the query",
    # "on the day it was uploaded"
    r"|(?:during|in|over|within|across|on) the (?:same |whole |entire )?(?:hour|day|week|month|"
    r"year) (?:of (?:the|this|that|its|their) (?:[\w'’-]+ )?(?:impression|request|query|search|"
    r"recommendation|upload|session|visit|click|suggestion)|(?:it|they) (?:was|were) [a-z]+ed)"
    # ...or by a clause of its own: "for the whole week the impression falls in", "on the day we
    # recommend it", "of the week the search was made"
    # (not "up to the start of the day we recommend it": cut before it)
    r"|(?:for|during|in|over|within|across|on|(?<!start )(?<!beginning )(?<!morning )of) the "
    r"(?:same |whole |entire |full )?(?:hour|day|"
    r"week|month|year) (?:that |when |in which |where )?(?:(?:the |this |that )(?:[\w'’-]+ )?"
    r"(?:impression|request|query|search|recommendation|upload|session|visit|click|suggestion) "
    r"(?:falls?|fell|happen\w*|occur\w*|took place|takes place|was|is|were|are)|(?:we|it|they) "
    r"(?:show|serv|rank|scor|recommend|display|surfac)\w*)"
)
_SPANS_FUTURE_RE = re.compile(rf"\b(?:{_SPANS_FUTURE})\b")
# Counted past prediction time: forward in time whatever the problem...
# "once the day closed out", "once a person there has made the call", "after the reviewer has
# looked at it", "by friday evening": a later moment in the past tense, after a person's act,
# or on the clock.
_LATER_MOMENT = (
    r"once (?:[\w'’-]+ ){0,3}?(?:ended|closed|finished|expired|completed|wrapped up|stopped)|"
    r"(?:once|after) (?:[\w'’-]+ ){0,3}?(?:has|have|had|['’]s|['’]ve) (?:been |already |finally )?"
    r"[a-z]+|"
    r"by (?:the |that |this |next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|evening|tonight|midnight|nightfall|weekend|month[- ]end|week[- ]end|"
    r"close of (?:day|business))"
)
_LATER_MOMENT_RE = re.compile(rf"\b(?:{_LATER_MOMENT})\b")
_FORWARD = (
    r"afterwards|later|subsequent\w*|eventual\w*|ends? up|ended up|final|"
    # "the shares it ends the day with", "after it went viral": a later state of the item
    r"ends? (?:the|its|their) (?:day|week|month|year|session|life)|(?:went|goes|gone|got) viral|"
    r"by (?:tomorrow|the end|the close|the time|then)|tomorrow|"
    r"(?:over|in|during|within) the (?:next|following|coming)|"
    r"next \d* ?(?:hours?|days?|weeks?|months?)|at the end\b|in the end|"
    # "over its lifetime", "over the post's whole lifetime": everything it will ever collect
    r"over (?:its|their|the)(?: [\w'’-]+['’]s?)? (?:whole |full |entire )?"
    r"(?:life(?:time|span| cycle)?|window)|all[- ]time|"
    # "the reactions after 48 hours", "once the campaign ends": a count at a later horizon
    r"after (?:\d+|one|two|three|four|five|six|seven|ten|a few|a couple of|several) (?:hours?|"
    r"days?|weeks?|months?)|(?:once|until|till) (?:[\w'’-]+ ){0,3}?(?:ends|closes|finishes|"
    r"expires|completes|wraps up|stops)|" + _LATER_MOMENT + r"|"
    r"future|(?:once|when) (?:[\w'’-]+ ){0,5}?(?:is|are|was|were|has|have) (?:over|done|finished|"
    r"closed|ended|out)"
    rf"|before {_RUNS_OUT}"
    # "the engagement the post goes on to get": what it collects from then on
    r"|(?:goes|go|went|going) on to (?:get|collect|receive|gather|reach|earn|rack up|attract|draw)"
    # "once it has been live for a day", "once they have clicked": a state reached later
    r"|once (?:[\w'’-]+ ){0,3}?(?:has|have|had|'s|'ve) (?:been |already )?[a-z]+"
    # "next week's spend", "the following days": named by when, ahead of the prediction
    r"|(?:next|following|coming) (?:\d+ |few |couple of )?(?:hours?|days?|weeks?|months?|years?|"
    r"sessions?|visits?)(?:['’]s?)?|the day after|the (?:\d+ |few )?(?:hours?|days?|weeks?) "
    r"(?:after|following|(?:that |which )?(?:follows?|followed|comes? after|came after))"
    # "a week after we rank it": a horizon counted from the moment of prediction
    r"|(?:a|an|one|two|three|a few|several|\d+) (?:hours?|days?|weeks?|months?) after "
    r"(?:we|it|they)\b"
    r"|" + _SPANS_FUTURE
)
# What the model predicts, said as a state the user reaches later ("whether they ended up
# buying", "how much they watch once they have clicked"): an outcome of the example whatever the
# problem's words for it.
# The example reaching the user: what the user does after it is their response to it.
_EXPOSED = (
    r"(?:seeing|watching|viewing|tapping|clicking|opening|reading|being shown|the click|the tap|"
    r"the search|the query|the impression|the recommendation|it (?:is|was|gets|got) (?:shown|"
    r"served|displayed|recommended|clicked|opened)|"
    # "after this video was served": the example named, then shown
    r"(?:is|was|were|are|gets|got) (?:shown|served|displayed|recommended|surfaced)|"
    r"(?:we|they) (?:show(?:ed)?|serve[sd]?|"
    r"display(?:ed)?|recommend(?:ed)?|surface[sd]?) (?:it|them))"
)
# The future tense of what an item collects or a user does: "the post will have", "they'll click".
_WILL = (
    r"(?:will|['’]ll|(?:is|are) going to) (?:still |then |eventually |later )?(?:have|get|receive|"
    r"collect|gather|reach|rack up|end (?:up )?with|do|make|give|spend|watch|click|tap|buy|"
    r"purchase|convert|like|share|save|report|hide|comment|finish|complete)"
)
_REACHED_LATER = (
    r"(?:ultimately|eventually|ended up|ends? up|went on to|goes on to|go on to|later(?: on)?|"
    r"(?:turns?|turned) out(?: to be)?|"
    r"in the end|afterwards|subsequently|once (?:[\w'’-]+ ){0,3}?(?:has|have|had|'ve) [a-z]+"
    # "how far they scrolled before closing the app": up to the moment the user leaves
    rf"|before {_LEAVING}(?: (?:away|off|on|out))?"
    rf"|(?:right |just |soon |shortly |immediately )?(?:after|when|while|once) "
    rf"(?:[\w'’-]+ ){{0,2}}?"
    rf"{_EXPOSED}"
    # "in the first ten seconds of this recommendation": a window that opens at the moment
    r"|(?:in|during|within) (?:the )?first (?:[\w-]+ )?(?:seconds?|minutes?|hours?|days?) "
    r"(?:of|after) (?:this|that|the|its|their) (?:[\w-]+ )?(?:recommendation|impression|session|"
    r"query|search|visit|request)"
    # "whether the ad led to a purchase": what the example brought about
    r"|(?:led|leads|lead|resulted|results|turned|translated) (?:in|to|into)"
    # "whether this impression sent the person through to the site": a person taken on by it
    rf"|(?:sent|sends|drove|drives|brought|brings|took|takes|got|gets) (?:the |a |that |this )?"
    rf"{_PERSON} (?:through|over|back|on|along)\b"
    # "whether the user subscribed by the end of the session": a state reached when it is over
    r"|by the end of (?:the|this|that|its|their) (?:[\w'’-]+ )?(?:session|visit|day|week|month|"
    r"campaign|window|query|search)"
    # "how many shares the post will have": said in the future tense
    rf"|{_WILL}"
    # "whether people flagged it in the days after it went up": a window that opens later
    r"|(?:in|during|within|over) the (?:\d+ |few |next )?(?:hours?|days?|weeks?|months?) "
    r"(?:after|following))"
)
_OUTCOME_LATER = re.compile(
    rf"\b(?:whether|if|how(?: (?:much|long|many|often|far|well))?|the (?:number|count|amount|share|"
    rf"fraction) of)\b(?:[\s,]+[\w'’-]+){{0,10}}?[\s,]+{_REACHED_LATER}\b"
)
# A measure of the example taken when it is over: "the final watch percentage", "the eventual
# decision".
_FINAL_MEASURE = re.compile(
    r"\b(?:final|eventual|ultimate|post[- ]hoc|end-of-(?:day|week|month|session))\s+"
    r"(?:[\w'’-]+\s+){0,2}?"
    r"(?:percentages?|percents?|counts?|totals?|tally|tallies|fractions?|durations?|outcomes?|"
    r"decisions?|verdicts?|rulings?|judge?ments?|status|grades?|ratings?|times?|labels?|"
    # where the example ends up once every stage has run: "the post's final position in the feed"
    r"positions?|ranks?|rankings?|placements?|slots?)\b"
)
# ...or a thing named by the later state it reaches: "the slot the post ended up in", "the rank
# the blender finally gave the video" (not a choice of the design's: "the features we eventually
# chose").
_ENDED_UP_AS = re.compile(
    rf"\b(?:the|its|their) (?!(?:{_NOUN}|{_MODEL}|design|approach|plan|choice|setup|version|"
    r"architecture|solution|system|pipeline|metrics?|loss|idea|option)\b)[\w'’-]+ "
    r"(?:that |which )?(?:the |this |that |a |it |they )(?:[\w'’-]+ )?"
    r"(?:ended up|ends up|eventually|finally|ultimately) [a-z]+"
)
# The step that makes the prediction, named as a step: "once ranking is done", "after scoring".
_SCORING_STEP = r"(?:(?:re-?)?ranking|scoring|serving|blending|the (?:prediction|auction))"
# A fact about the example that someone learns or makes only later: "the outcome we learn next
# week", "the grade the vendor assigns next month".
_KNOWN_LATER = re.compile(
    r"\b(?:the|an?|its|their)\s(?:[\w'’-]+\s){0,3}?(?:that\s|which\s)?"
    r"(?:we|they|it|users?|people|the\s[\w'’-]+)\s(?:[\w'’-]+\s)?"
    r"(?:learn|get|assign|give|receive|collect|make|file|see|find out|hear|decide|know|record|"
    r"log)\w*\s(?:about\s|of\s)?(?:next (?:\d+ )?(?:days?|weeks?|months?|years?)|later|"
    r"afterwards|tomorrow|(?:days?|weeks?|months?) later|in the (?:coming|following|next) \w+|"
    # "the score the integrity filter assigns once ranking is done": after the prediction's own
    # step ("the bid we get once the auction starts" is the moment itself)
    rf"after (?:the )?{_SCORING_STEP}|once (?:the )?{_SCORING_STEP} (?:is|are|was|were|has been|"
    r"have been) (?:done|over|finished|complete|completed))\b"
)
# ...or a person's say on the example given once they have had it: "the survey answer the user
# gives after the session", "the review the guest leaves after the stay".
_GIVEN_AFTER = re.compile(
    r"\b(?:answers?|ratings?|feedback|reviews?|responses?|replies|scores?|comments?|votes?)\s"
    rf"(?:that\s|which\s)?(?:the\s|a\s|this\s|that\s)?{_PERSON}\s(?:[\w'’-]+\s)?"
    r"(?:gives?|gave|leaves?|left|submits?|submitted|writes?|wrote|posts?|posted|fills? in|"
    r"filled in)\s(?:[\w'’-]+\s){0,3}?(?:after|once|later|afterwards|at the end)\b"
)
# The label named without the problem's words for it: "the outcome we are predicting", "the
# target itself", "what the model is trying to predict".
_PREDICTS = (
    r"(?:we|i|you|the model|it|they)(?:['’]re| are| is| am|['’]ll| will| want to| wanna)? "
    r"(?:(?:trying|going|meant|supposed|about|asked|here) to )?(?:predict|estimat|forecast)\w*"
)
_GENERIC_LABEL = re.compile(
    r"\b(?:the|our|its|their|this|that) (?:(?:training|true|actual|real|final|eventual) )?"
    r"(?:labels?|targets?|target variables?|ground[- ]truth)(?: itself| themselves| value)?\b"
    rf"|\b(?:the|our) (?:(?:actual|real|final|eventual|very) )?(?:outcomes?|things?|quantity|"
    rf"variable|values?|events?|answers?|results?) (?:that )?{_PREDICTS}\b"
    rf"|\bwhat {_PREDICTS}\b"
)
# A mention of the label that is itself a label role ("... is the outcome we predict", "as the
# target"): it says what the label is, it does not put the label in.
_ROLE_AFTER = re.compile(
    r"\s+(?:is|are|was|will be|would be|becomes?)\s+(?!(?:a|an|also|one|another|just|really|"
    r"very|quite|then|too|itself|something|the (?:best|strongest|most|single|biggest))\b)"
)
# "the like the user gives": a like, where "features like" is the preposition.
_A_LIKE = re.compile(
    r"\b(?:the|a|one|each|every|their|its|his|her|your|my|our|this|that|any|no)\s+$"
)
_ROLE_BEFORE = re.compile(r"(?:\b(?:is|are|was|were|be|been|becomes?|as|for|into|to|from)\s+)$")
# ...unless what comes before is an input: "one input i'd add is whether ...", "a column for
# whether ...".
_INPUT_BEFORE = re.compile(rf"\b(?:{_NOUN}|columns?|fields?)\b")
# An item's first hours or days: past prediction time only where the item is scored the
# moment it appears (`prediction_time` names its arrival); a feed ranks a post hours later.
_FIRST_WINDOW = (
    r"(?:in|during|over|within) (?:its|their|the) (?:very )?first (?:\d+ |few |couple of |one |"
    r"two |three |four |five |six |seven |ten |twelve )?"
    r"(?:minutes?|hours?|days?|weeks?)"
)
_ARRIVAL = frozenset(
    {"upload", "uploaded", "posted", "published", "publication", "created", "captured", "listed"}
)
# ...or after the moment of prediction: these, plus the problem's own (`prediction_time`).
_MOMENTS = (
    "shown",
    "served",
    "displayed",
    "recommended",
    "ranked",
    "scored",
    "suggested",
    "predicted",
    "prediction",
    "impression",
    "request",
    "query",
    "search",
    "click",
    "session",
    "visit",
)
# The candidate shows they know when the signal exists: correct practice, whole sentence.
_AWARE = re.compile(
    r"\b(?:leak\w*|(?:only|just) (?:be |becomes? )?(?:known|knowable|available|exists?|"
    r"observed|observable|logged|seen|recorded|measured|happens?|arrives?|comes? in|there|"
    r"decided|settled)|"
    # when it comes about: "that signal arrives hours after the impression"
    r"(?:arriv(?:e|es|ed|ing)|comes? in|came in|shows? up|showed up|turns? up|lands?) "
    r"(?:[\w'’-]+ ){0,2}?(?:after|later|once)|"
    r"(?:not|isn't|aren't|wasn't|weren't|never|won't be|wouldn't be|"
    r"can't be|cannot be) (?:yet |even )?(?:known|available|observed|observable|there|logged|"
    r"recorded|measured)|unknown (?:at|when|until|before)|unavailable (?:at|when|until|before)|"
    r"after the fact|from the future|future information|(?:look|peek)\w* (?:into|at) the future|"
    r"cheat\w*|point[- ]in[- ]time|time[- ]travel\w*|hindsight|circular|"
    # named as what must not get in: "X sneaking into the feature store"
    r"(?:sneak|slip|creep|seep)\w* (?:in|into|through)|"
    # its abbreviation ("PIT joins"), and a class of data kept out by when it exists: "nothing
    # logged after the impression, like the conversion, gets in"
    r"pit[- ](?:joins?|correct\w*|lookups?|snapshots?)|"
    r"(?:nothing|none|no (?:signal|feature|data|event|field|column)s?) (?:\w+ )?(?:logged|known|"
    r"recorded|observed|measured|collected|seen|created) (?:after|later)|"
    r"as of (?:the )?(?:prediction|request|impression|suggestion|scoring|serving|ranking|query))\b"
)


# Target encoding: a category replaced by the mean of the label over its rows, which takes in
# the row's own label unless the encoding is out-of-fold or cut off at prediction time.
_TARGET_ENCODED = re.compile(
    r"\btarget[- ]encod\w*|\b(?:mean|average|avg) (?:[\w'’-]+ )?(?:labels?|targets?)\b"
)
_OUT_OF_FOLD = re.compile(
    r"\bout[- ]of[- ](?:fold|sample)\b|\bk[- ]fold\b|\bcross[- ]fit\w*|\bleave[- ]one[- ]out\b"
    r"|\b(?:other|held[- ]out) folds?\b|\bexclud\w* (?:its|their|the|this|each)\b"
    r"|\b(?:before|prior to|up to|as of) (?:the|this|each|that)\b"
)


@dataclass(frozen=True)
class LeakFinding:
    """What one sentence does with one of the problem's signals."""

    verdict: Verdict
    kind: Kind
    alias: str
    why: str


@dataclass(frozen=True)
class _Alias:
    kind: Kind
    alias: str
    pattern: re.Pattern[str]
    # found by the language, not the problem's words: flagged only when its own clause, or
    # the sentence going on about it, says it goes in as an input
    generic: bool = False


# What the user does with the very example scored, whatever the problem's words for it:
# "whether the viewer commented on this impression", "the viewer's reaction to the post".
_SCORED = (
    r"(?:this|that|the current|the same|the scored|the logged|the very) (?:very |same |logged )?"
    r"(?:impression|session|query|search|recommendation|request|visit|suggestion|exposure)"
)
_USER = r"(?:user|viewer|person|member|customer|searcher|reader|buyer|shopper|audience)"
_ITEM = (
    r"(?:post|ad|video|result|item|impression|recommendation|listing|image|suggestion|story|"
    r"page|product)"
)
_ACTION_ON_SCORED = re.compile(
    rf"\b(?:whether|if|how (?:much|long))\s(?:[\w'’-]+\s){{0,7}}?(?:on|in|during|for|within) "
    rf"{_SCORED}\b"
    rf"|\b(?:the|this|that) {_USER}['’]?s? (?:own )?(?:reaction|response|feedback|rating|verdict)"
    rf"s? (?:to|on) (?:the|this|that) (?:[\w-]+ )?{_ITEM}\b"
    # one act of the user on the example: "the click of user on the result", "the user's save
    # of this image"
    r"|\b(?:the|this|that) (?:click|tap|save|like|share|view|watch|report|hide|purchase|"
    rf"conversion|comment|install)s? (?:of|by) (?:the |this |that )?{_USER}s? (?:on|to|of|for) "
    rf"(?:the|this|that) (?:[\w-]+ )?{_ITEM}\b"
    rf"|\b(?:the|this|that) {_USER}['’]s? (?:click|tap|save|like|share|report|hide|purchase|"
    rf"conversion|install) (?:on|of) (?:the|this|that) (?:[\w-]+ )?{_ITEM}\b"
    # what the user or the item will do or get: "the watch time the user will do on it"
    rf"|\b(?:the|its|their) (?:[\w'’-]+ ){{1,3}}?(?:that |which )?(?:the |this )?"
    rf"(?:{_USER}s?|people|they|it|{_ITEM}) {_WILL}\b"
    # an outcome measured on the example itself: "the watch duration of this very impression"
    r"|\b(?:durations?|watch time|dwell time|time spent|clicks?|reactions?|responses?|ratings?|"
    r"engagement|outcomes?|feedback|likes?|saves?|shares?|comments?|conversions?)\s(?:of|on|in|"
    r"from|for|during|to) (?:this|that|the current|the same|the scored|the very) (?:very |same )?"
    r"(?:impression|query|search|recommendation|request|suggestion|exposure)\b"
)
# What the person did to the example, in the past tense, whatever the problem: "whether the
# user saved that result", "whether they booked the listing", "whether the member accepted
# this invite". (Not what they had done before, "whether the user ever clicked this ad", nor
# having seen it: an earlier exposure is known when the request comes.)
# (Not a page, a profile or a person: "whether the user liked the page", "completed the
# profile", "followed the person" say how things stand when the request comes.)
_EXAMPLE_ITEM = (
    r"(?:post|ad|video|result|item|impression|recommendation|listing|image|suggestion|story|"
    r"product|event|invite|invitation|candidate|photo|thumbnail|tile|clip|track|song|article|"
    r"link|creative|pin|offer|booking|face|plate|stay)"
)
# ...or a person who judges it: "whether the checker removed the post".
_JUDGE_ROLE = (
    r"(?:moderator|reviewer|checker|rater|annotator|labell?er|grader|vendor|human|expert|agent)s?"
)
_ACTED_ON_EXAMPLE = re.compile(
    rf"\b(?:whether|if|what) (?:the |this |that |a )?(?:{_PERSON}|{_JUDGE_ROLE}) "
    r"(?!(?:ever|already|previously|once|recently|before|had|has|have)\b)(?:[\w'’-]+ )?"
    r"(?!(?:seen|saw|viewed|encountered|received)\b)"
    rf"(?:[a-z]+ed|did|{'|'.join(sorted(_IRREGULAR_PAST - {'saw'}))}) "
    rf"(?:on |to |for |with |through |into |in )?(?:the|this|that) (?:[\w'’-]+ )?"
    rf"{_EXAMPLE_ITEM}s?\b"
)
# What became of the example, said of the example: "whether the post was found violating",
# "whether that result was the one picked", "whether the post got a reaction from this viewer"
# (not what others did before: "whether the post was liked by a friend").
_BECAME_OF_EXAMPLE = re.compile(
    rf"\b(?:whether|if) (?:the|this|that) (?:[\w'’-]+ )?{_EXAMPLE_ITEM} (?:was|were|got|had been) "
    r"(?:[\w'’-]+ ){0,2}?(?:removed|taken down|found [\w-]+|rejected|accepted|approved|deleted|"
    r"picked|chosen|booked|bought|purchased|converted|installed|attended|clicked|tapped|saved|"
    r"liked|watched|played|opened)\b(?! by (?:[\w'’-]+ )?(?:friends?|followers?|connections?|"
    r"contacts?|others|other users|people|someone)\b)"
    rf"|\b(?:whether|if) (?:the|this|that) (?:[\w'’-]+ )?{_EXAMPLE_ITEM} (?:got|gets|received) "
    r"(?:a|an|any) (?:[\w'’-]+ )?(?:click|tap|reaction|like|save|share|comment|reply|report|"
    rf"purchase|booking|response|view)s? from (?:this|that|the) {_USER}"
)
# Something made for training, named so: "the engaged flag we compute for training".
_MADE_FOR_TRAINING = re.compile(
    r"\b(?:the|a|an|our|that|this) (?:[\w'’-]+ ){0,2}?(?:flags?|bits?|columns?|fields?|values?|"
    r"indicators?|booleans?) (?:that |which )?(?:we|i|you) (?:[\w'’-]+ )?(?:comput|buil|deriv|mak|"
    r"creat|generat|writ|set|assign)\w* (?:for|to) (?:the |our )?train\w*"
)
# What the example being scored led to, said as such: "the response the viewer gave to the post
# we are ranking", "the impression's own result".
_BEING_SCORED = (
    r"(?:the|this|that) [\w'’-]+ (?:[\w'’-]+ )?(?:being|we['’]re|we are|it is|it['’]s|they are|"
    r"we['’]ll be|we will be) (?:scor|rank|predict|serv|recommend)\w*"
)
_OUTCOME_WORD = (
    r"(?:outcomes?|results?|responses?|reactions?|answers?|verdicts?|decisions?|ratings?|feedback|"
    r"engagement)"
)
_OUTCOME_OF_SCORED = re.compile(
    rf"\b{_OUTCOME_WORD} (?:[\w'’-]+ ){{0,4}}?(?:of|to|for|on|with|from) {_BEING_SCORED}"
    rf"|(?:['’]s|\bits|\btheir) own (?:[\w'’-]+ )?{_OUTCOME_WORD}\b"
)
# A team or queue of them: "the severity tier the human review queue assigns", "the grade the
# rating team hands each shown result".
_JUDGING_GROUP = (
    r"(?:review|moderation|rating|grading|labell?ing|annotation|integrity|trust and safety) "
    r"(?:team|queue|crew|staff|panel|desk)s?"
)
# A judging person's call on the example, said the other way round: "the answer the reviewers
# reached for the post", "the enforcement outcome recorded in the review tool".
_JUDGED_BY = re.compile(
    r"\b(?:annotations?|verdicts?|decisions?|grades?|ratings?|answers?|calls?|judge?ments?|"
    r"rulings?|assessments?|outcomes?|tiers?|severit(?:y|ies)) (?:that |which )?"
    rf"(?:the |a |an |our )?(?:[\w'’-]+ )?(?:{_JUDGE_ROLE}|{_JUDGING_GROUP}) (?:[\w'’-]+ ){{0,2}}?"
    r"(?:gave|give|made|make|wrote|write|reached|reach|assign|hand|enter|record|mark|chose|"
    r"choose|pick|produc|submit|put|came to|arrived at)\w*"
    r"|\b(?:outcomes?|decisions?|verdicts?|results?|rulings?) (?:[\w'’-]+ ){0,2}?(?:recorded|"
    r"logged|stored|entered|written) (?:in|by|into) (?:the )?(?:review|moderation|labell?ing|"
    r"annotation|rating|grading|enforcement) (?:tool|queue|system|team|log|table|database)s?\b"
)
# A value made at a later moment for each showing of an example: "the rewatch flag the analytics
# batch writes overnight for each recommendation" (not per item or user: "the embedding the job
# computes overnight for each video" is made from what came before).
_EXPOSURE_EVENT = (
    r"(?:recommendation|impression|suggestion|request|query|search|session|visit|"
    r"(?:shown|served|displayed|recommended|ranked) [\w'’-]+)s?"
)
_MADE_LATER_PER_EXPOSURE = re.compile(
    r"\b(?:flags?|values?|scores?|labels?|tags?|fields?|bits?|grades?|tiers?|outcomes?|results?) "
    r"(?:that |which )?(?:the |a |an |our )?(?:[\w'’-]+ ){0,3}?(?:writes?|wrote|written|"
    r"computes?|computed|produces?|produced|assigns?|assigned|sets?|fills? in|filled in|"
    r"attaches?|attached|stamps?|stamped) (?:[\w'’-]+ ){0,2}?(?:overnight|later|afterwards|"
    r"the next day|the day after|at the end of the day) (?:for|on|to) (?:each|every|the) "
    rf"(?:[\w'’-]+ )?{_EXPOSURE_EVENT}\b"
)
# How much of the example itself the person took in: "how many minutes of this video the user
# sat through", "how much of the clip the viewer got through" (what the example led to).
_CONSUMED_OF_EXAMPLE = re.compile(
    r"\bhow (?:much|many (?:minutes|seconds|hours|frames|pages|episodes|percent)|long|far) of "
    rf"(?:this|the|that) (?:[\w'’-]+ )?{_EXAMPLE_ITEM} (?:the |this |that )?{_PERSON}\b"
    r"(?! (?:had |has |have )?(?:already|previously|ever|before)\b)"
)
# An aggregate whatever of, over rows that take in the example itself or the future: "a
# violation rate over all posts in the table, the one being scored included".
_AGGREGATE_SPANS_FUTURE = re.compile(
    r"\b(?:rates?|counts?|averages?|mean|totals?|number|sums?|ratios?|shares?|ctr|frequency)\b"
    rf"[^.;:]{{0,60}}?\b(?:{_SPANS_FUTURE})\b"
)

# A count of anything: a feature up to prediction time, a leak when counted past it ("the
# number of views the video racks up over the next week"), like the problem's own counters.
# A negation before "counts" is no count's name: "never counts that include later clicks".
_ANY_COUNT = re.compile(
    r"\b(?:number|count|total|tally|sum) of (?:[\w'’-]+ ){0,2}?[\w'’-]+s\b"
    r"|\b(?!(?:the|a|an|its|their|our|this|that|in|no|not|never|nor|without)\b)[\w'’-]+ "
    r"(?:counts?|totals?|tally)\b"
    r"|\btotal [\w'’-]+s\b"
)

# What people do with an item, counted: "the comments it gets over its lifetime" is past
# prediction time in any problem whose words for it miss the act.
_ENGAGEMENT_COUNT = re.compile(
    r"\b(?:views|likes|dislikes|comments|shares|saves|clicks|taps|reactions|reports|impressions|"
    r"replies|reposts|downloads|installs|purchases|bookings|registrations|subscriptions|"
    r"watch time|engagement)\b"
)

# A person's judgement of the example, which is what a labelled problem learns: "the
# moderator's decision on the post", "the rater's grade".
_HUMAN_JUDGEMENT = re.compile(
    r"\b(?:moderator|reviewer|rater|annotator|labell?er|grader|vendor|human|expert|review team)"
    r"(?:['’]s?|s['’]?)? (?:[\w-]+ )?(?:decisions?|verdicts?|labels?|grades?|ratings?|judge?ments?|"
    r"rulings?|annotations?|assessments?)\b"
)

# An aggregate word: said between a signal's own words ("click rates of ad", "the click ratio
# on ads") it makes the mention a rate over past events, not this event's outcome.
_RATE_INSIDE = re.compile(
    r"(?:rates?|ratios?|averages?|avg|means?|frequency|frequencies|percentages?|ctr)"
)
# ...or, a rate of the signal's own words, taken over a group of items rather than the example:
# "the user's completion rate of the same channel", "the save rate for this creator".
_OF_A_GROUP = re.compile(
    r"\s*(?:of|on|for|per|across|in|over|with) (?:the |this |that |its |their |each )?(?:same )?"
    r"(?:channels?|creators?|authors?|advertisers?|publishers?|categor(?:y|ies)|topics?|genres?|"
    r"pages?|accounts?|brands?)\b"
)


def _aggregate_said(norm: str, alias: str, start: int, end: int) -> str:
    """The aggregate word that makes a named signal at [start, end) a rate over the past: one
    said between the alias's own words, or one of them when a group of items follows."""
    own = {_root(t) for t in words(alias)}
    said = [w for w in words(norm[start:end]) if _RATE_INSIDE.fullmatch(w)]
    extra = [w for w in said if _root(w) not in own]
    if extra:
        return extra[0]
    return said[0] if said and _OF_A_GROUP.match(norm, end) else ""


# Counted up to the moment of speaking: "the spend so far".
_SO_FAR = re.compile(r"\b(?:so far|to date|until now|up to now|as of now)\b")
# Said to end before prediction time, in time words ("aggregate", "rate" say nothing of when).
_UP_TO_NOW = re.compile(rf"\b(?:{_BEFORE_NOW}|up to)\b")
# A later clause naming a count again: "that number", "this hide count", "the same total".
_ANAPHOR = re.compile(
    r"\b(?:that|this|those|these|the same) (?:[\w'’-]+ ){0,2}?(?:numbers?|counts?|totals?|"
    r"figures?|values?|tall(?:y|ies)|sums?|amounts?)\b"
)

# Something the sentence produced before, picked up again: "that code", "that on-screen time";
# one of its words says what was produced: a value word, or one said before.
_LATER_THING = re.compile(r"\b(?:that|those|the same) (?P<noun>[\w'’-]+(?: [\w'’-]+){0,2})")
_PART_END = re.compile(r"[;:.!?]")
# A clause of its own in a list of inputs: "..., and we retrain once the campaign has ended".
_OWN_CLAUSE = re.compile(
    r"\b(?:and|then|or)\s+(?:i|we|you|they|it|then)\b|\b(?:retrain|refresh|evaluat|monitor)\w*"
)
_PRODUCT_WORDS = frozenset(
    words(
        "number numbers count counts total totals figure figures value values tally sum amount "
        "time times duration code codes flag flags link links ping pings score scores outcome "
        "outcomes result results decision decisions verdict verdicts event events"
    )
)

# A record that the person did something, said by what it says: "a flag from the redirect
# server saying the user went through to the shop", "an event showing that the viewer replied".
_RECORD_OF_ACT = re.compile(
    r"\b(?:flags?|records?|events?|pings?|bits?|markers?|beacons?|log lines?|entr(?:y|ies)|"
    r"signals?|callbacks?)\b(?: (?:from|sent by|fired by|written by) (?:the |a |an )?"
    r"(?:[\w'’-]+ ){0,2}?[\w'’-]+)?,? (?:saying|showing|telling us|indicating|that says|that shows|"
    rf"which says|which shows) (?:that )?(?:the |this |that )?{_PERSON} (?:[\w'’-]+ )?"
    rf"(?:[a-z]+ed|{'|'.join(sorted(_IRREGULAR_PAST))})\b"
)

# Every problem's: its label and its later outcomes, named in general words.
_GENERIC = (
    _Alias("label", "the label", _GENERIC_LABEL, generic=True),
    _Alias("after_prediction", "a later outcome", _OUTCOME_LATER, generic=True),
    _Alias("after_prediction", "a final measure", _FINAL_MEASURE, generic=True),
    _Alias("after_prediction", "something learnt later", _KNOWN_LATER, generic=True),
    _Alias("after_prediction", "what it ended up as", _ENDED_UP_AS, generic=True),
    _Alias("after_prediction", "a say given afterwards", _GIVEN_AFTER, generic=True),
    _Alias("counter", "a count", _ANY_COUNT, generic=True),
    _Alias("counter", "an engagement count", _ENGAGEMENT_COUNT, generic=True),
    _Alias("label", "a person's judgement of the example", _HUMAN_JUDGEMENT, generic=True),
    _Alias("label", "the user's action on the scored example", _ACTION_ON_SCORED, generic=True),
    _Alias("label", "the person's act on the example", _ACTED_ON_EXAMPLE, generic=True),
    _Alias("label", "what became of the example", _BECAME_OF_EXAMPLE, generic=True),
    _Alias("label", "something made for training", _MADE_FOR_TRAINING, generic=True),
    _Alias("label", "the outcome of the example being scored", _OUTCOME_OF_SCORED, generic=True),
    _Alias("label", "a judging person's call", _JUDGED_BY, generic=True),
    _Alias("label", "a record of the person's act", _RECORD_OF_ACT, generic=True),
    _Alias(
        "after_prediction", "a value made later per showing", _MADE_LATER_PER_EXPOSURE, generic=True
    ),
    _Alias(
        "label", "how much of the example the person took in", _CONSUMED_OF_EXAMPLE, generic=True
    ),
    _Alias(
        "after_prediction", "an aggregate over the future", _AGGREGATE_SPANS_FUTURE, generic=True
    ),
)


@per_text(8192)  # asked by the leak reader and the mistake detectors of each sentence
def aware(norm: str) -> bool:
    """The sentence says when a signal becomes known ("only known after", "would leak"):
    whatever it names, it names it as something to keep out. "No leakage here" is not."""
    for m in _AWARE.finditer(norm):
        if not m.group(0).startswith("leak"):
            return True
        if polarity_of_span(norm, m.start(), m.end())[0] != "negated":
            return True
    return False


# words every sentence about features shares: no sign that two sentences speak of one signal
_COMMON_STEMS = frozenset(
    map(
        light_stem,
        words(
            "feature features input inputs signal signals model models data use used time post "
            "posts user users video videos item items ad ads first like also just only early late "
            "later number numbers count counts rate rates total totals amount share"
        ),
    )
)


def said_unknown_next(norm: str, alias: str, after: Iterable[str]) -> bool:
    """A sentence right after a leaking one (`after`, normalised) says that what it named is
    not known yet at prediction time, naming a word of the same clause of it: "..., and early
    engagement like report rate in the first minutes. Careful with the engagement features
    though: at scoring time there are no comments or reactions yet, so those can only be used
    in a second-pass model". The candidate placed the signal themselves. `alias` is the signal
    as the detector named it; its clause is the piece of `norm` between commas that says it."""
    head = light_stem(words(alias)[0])[:4] if words(alias) else ""
    pieces = [
        p
        for p in re.split(r"[,;:]|\band\b", norm)
        if head and any(light_stem(w).startswith(head) for w in words(p))
    ]
    for nxt in after:
        if not (aware(nxt) or _NOT_YET.search(nxt)):
            continue
        # ...pointing back at it: "the engagement features", "those early signals"
        toks = words(nxt)
        said = {
            light_stem(w)
            for i, w in enumerate(toks)
            if any(t in _POINTING for t in toks[max(0, i - 2) : i])
        } - _COMMON_STEMS
        if any(len(w) > 3 and light_stem(w) in said for p in pieces for w in words(p)):
            return True
    return False


_POINTING = frozenset(["the", "those", "these", "that", "this", "such"])
# ...said of a sentence that follows a leak only (in `aware` they would excuse a leak in their
# own sentence: "..., because new accounts have no violations yet"): none of it exists yet at
# that moment, "there are no comments or reactions yet", "those can only be used later"
_NOT_YET = re.compile(
    r"\bno [\w'’-]+(?: (?:or|and|nor) [\w'’-]+)? yet\b|\b(?:can|could|will|would) only be used "
    r"(?:[\w'’-]+ ){0,6}?(?:later|afterwards|after)\b"
)


def named_as_label(norm: str, start: int, end: int) -> bool:
    """The signal at [start, end) of a normalised sentence is said to be the label ("how long
    the user watched this video is our training label"), and nothing in the sentence puts
    anything in as an input unless negated ("the label, not an input"): no leak."""
    left, right = clause_bounds(norm, start, end)
    # ...or in an "as ..." right after it: "we log whether they liked it, as the label"
    after = _AS_AFTER.match(norm, right)
    # ...or in a relative clause right after it: "each row carries the watch time of the shown
    # video, which is the label" (what holds it then holds the label, it puts in no input)
    which = _WHICH_IS_LABEL.match(norm, right)
    if (
        not _LABEL_ROLE.search(norm, left, right)
        and not (after and _LABEL_ROLE.match(norm, after.end() - 2))
        and not which
    ):
        return False
    return all(
        polarity_of_span(norm, m.start(), m.end())[0] == "negated"
        or _OTHER_SUBJECT.search(norm, end, m.end()) is not None
        or (which is not None and m.end() <= start and _HOLDS_IT.search(m.group(0)) is not None)
        for m, _ in _cues(norm)
    )


_WHICH_IS_LABEL = re.compile(
    r"[\s,]*(?:which|that) (?:is|are|'s|will be|becomes?|serves as) (?:the |our |its |their )?"
    r"(?:[\w-]+ ){0,2}?(?:labels?|targets?|ground[- ]truth|objective)\b"
)
_HOLDS_IT = re.compile(
    r"\b(?:carr(?:y|ies)|has|have|holds?|contains?|stores?|records?|keeps?|includes?)$"
)


# "reviewer decisions are the labels and the report count is just an input": a cue after a
# coordinated clause with a subject of its own puts in that other thing, not the label
_OTHER_SUBJECT = re.compile(
    r"(?:[;,]|\b(?:and|while|whereas|but))\s+(?:the|a|an|our|its|their|each|every)\s+"
    r"[\w'-]+(?:\s+[\w'-]+)?\s+(?:is|are|goes|go|stays?|becomes?|gets?|comes? in)\b"
)


_AS_AFTER = re.compile(r"[\s,;:–—-]*as\b")


def leak_criteria(criteria: Iterable[Criterion]) -> frozenset[str]:
    """The red flags about leakage: the generic one, and any whose id, text or concepts say
    'leak' (a random split, a privacy leak). Correct practice that names the mistake ("a
    random split would leak") clears them."""
    return frozenset(
        c.id
        for c in criteria
        if c.red_flag
        and (c.id == LEAKAGE_CRITERION or "leak" in " ".join([c.id, c.text, *c.concepts]).lower())
    )


# (a speed-up only: see `required_keys`)
_USE_KEYS = required_keys(_USE)
_BARE_USE_KEYS = required_keys(_BARE_USE)


def _cues(norm: str) -> list[tuple[re.Match[str], bool]]:
    """Where the sentence puts something into the model, each with whether it says so
    explicitly (True) or only by a verb (False)."""
    said = [(m, True) for m in _USE.finditer(norm)] if may_match(_USE_KEYS, norm) else []
    if may_match(_BARE_USE_KEYS, norm):
        said += [(m, False) for m in _BARE_USE.finditer(norm)]
    return said


@per_text(8192)  # asked of each sentence, live and again when graded
def feeds_model(norm: str) -> bool:
    """The sentence puts something into the model (explicitly or by a verb of the
    candidate's): a leakage detector fires only then."""
    return (may_match(_USE_KEYS, norm) and _USE.search(norm) is not None) or (
        may_match(_BARE_USE_KEYS, norm) and _BARE_USE.search(norm) is not None
    )


def _after_pattern(moments: list[str]) -> re.Pattern[str]:
    said = "|".join(alias_pattern(m).pattern for m in [*_MOMENTS, *moments])
    forward = _FORWARD + (f"|{_FIRST_WINDOW}" if _ARRIVAL.intersection(moments) else "")
    return re.compile(rf"\b(?:{forward})\b|\bafter\b(?:[\s,]+[\w'’-]+){{0,3}}?[\s,]+(?:{said})")


def _says_what_it_is(norm: str, start: int, end: int) -> bool:
    """A general mention of the label at [start, end) in a label role: after a copula or "as"
    ("saving it is our label", "as the target"), or with a role in its clause outside its own
    words ("the label comes from reviewers")."""
    left, right = clause_bounds(norm, start, end)
    before = _ROLE_BEFORE.search(norm, 0, start)
    if before and not _INPUT_BEFORE.search(norm, left, before.start()):
        return True
    if _ROLE_AFTER.match(norm, end):
        return True  # "saving it is our label", "what we predict is the click"
    return any(
        not (start <= m.start() and m.end() <= end) for m in _LABEL_ROLE.finditer(norm, left, right)
    )


# The rest of a cut-off after a "but" ("up to | but not including this impression"), which the
# clause it ends belongs with.
_CUT_GOES_ON = re.compile(
    r"(?<=\bup to )\s*(?:,\s*)?(?:but|and) (?:not including|excluding|not counting)\b[^,;:.!?]*"
)
# What ends the thing a sentence talks about: another clause joined by a conjunction.
_NEW_TOPIC = re.compile(r"[;:]|\b(?:and|but|while|whereas|although|though|or|because|since)\b")


# ...or a "so" with another subject: "positions bias the labels, so position goes in".
_SO_OTHER_SUBJECT = re.compile(
    r"\b(?:so|therefore|hence|thus)\s+(?!(?:it|its|they|them|that|this|these|those|we|i|you|"
    rf"i['’]d|we['’]d|i['’]ll|we['’]ll|(?:the |our )?(?:[\w'’-]+ )?{_MODEL})\b)[\w'’-]+"
)


def _carried(norm: str, end: int, cue: int) -> bool:
    """The sentence goes on about the mention ending at `end` up to the cue at `cue`: an
    aside or a "so" between them, no other clause ("the outcome we predict is informative, so
    I'd pass it in as a feature")."""
    return (
        end <= cue
        and _NEW_TOPIC.search(norm, end, cue) is None
        and _SO_OTHER_SUBJECT.search(norm, end, cue) is None
    )


# What ends what a cue puts in: another sentence part, not the commas and "and" between the
# items it lists.
_LIST_END = re.compile(r"[;:.!?]|\b(?:but|while|whereas|although|though|because|since|so)\b")
_COLON_AFTER = re.compile(r"\s*:")


def _listed(norm: str, use: re.Match[str], start: int) -> bool:
    """The mention at `start` is one of the things the cue `use` before it puts in ("the
    inputs are the user embedding, ..., the final watch percentage and the upload age", "let
    the model learn from whether the impression led to a click")."""
    colon = _COLON_AFTER.match(norm, use.end())
    begin = colon.end() if colon else use.end()
    return use.end() <= start and _LIST_END.search(norm, begin, start) is None


LEAK_FINDINGS_KEPT = 4096  # sentences whose finding a problem's detector keeps


class LeakDetector:
    """One problem's leakage signals, ready to read sentences with."""

    def __init__(self, leakage: Leakage | None):
        self.credit: tuple[str, ...] = tuple(leakage.credit) if leakage else ()
        groups: list[tuple[Kind, list]] = (
            [
                ("label", leakage.labels),
                ("after_prediction", leakage.after_prediction),
                ("counter", leakage.counters),
            ]
            if leakage
            else []
        )
        acts = same_acts(leakage.prediction_time if leakage else [])
        own = tuple(
            _Alias(kind, alias, alias_pattern(alias, acts))
            for kind, signals in groups
            for signal in signals
            for alias in signal.aliases
        )
        self.aliases = (*own, *_GENERIC) if own else ()
        self.after = _after_pattern(list(leakage.prediction_time) if leakage else [])
        # a sentence read live is read again when the transcript is graded
        self._findings = per_text(LEAK_FINDINGS_KEPT)(self._read)

    def read(self, norm: str) -> LeakFinding | None:
        """The finding for one normalised sentence: a leak if any signal named in it is used
        as an input, else correct practice if one is named and kept out, else None."""
        return self._findings(norm)

    def _read(self, norm: str) -> LeakFinding | None:
        if not self.aliases:
            return None
        uses = _cues(norm)
        is_aware = aware(norm)
        encoded = _target_encoding(norm, is_aware)
        if encoded is not None and encoded.verdict == "leak":
            return encoded
        if not uses and not is_aware and not EXCLUDE.search(norm):
            return None  # nothing is put into a model, and nothing is kept out
        practice: LeakFinding | None = None
        if not is_aware and self._produced_later(norm, uses):
            why = "uses what comes about later as an input"
            return LeakFinding("leak", "after_prediction", "a later product", why)
        if not is_aware and self._listed_later(norm, uses):
            why = "puts in something taken at a later moment"
            return LeakFinding("leak", "after_prediction", "an input taken later", why)
        for entry in self.aliases:
            for m in entry.pattern.finditer(norm):
                if m.group(0) == "like" and not _A_LIKE.search(norm, 0, m.start()):
                    continue  # "features like ...": the preposition, not a like
                verdict = self._judge(norm, entry, m.start(), m.end(), uses, is_aware)
                if verdict == "leak":
                    return LeakFinding("leak", entry.kind, entry.alias, _why(entry, m.group(0)))
                if verdict == "practice" and practice is None:
                    practice = LeakFinding(
                        "practice",
                        entry.kind,
                        entry.alias,
                        f"keeps '{m.group(0)}' out of the inputs",
                    )
        return practice or encoded

    def _judge(
        self,
        norm: str,
        entry: _Alias,
        start: int,
        end: int,
        uses: list[tuple[re.Match[str], bool]],
        is_aware: bool,
    ) -> Verdict | None:
        kind = entry.kind
        if entry.generic and _says_what_it_is(norm, start, end):
            return None  # "whether they clicked is the outcome we predict": no input
        pol, _ = polarity_of_span(norm, start, end)
        if pol == "negated" or is_aware:
            return "practice"
        blanked = norm[:start] + " " * (end - start) + norm[end:]  # cues, not the alias's words
        left, right = clause_bounds(norm, start, end)
        # a cut-off said across a "but" stays in the clause: "clicks up to but not including
        # this impression"
        cut = _CUT_GOES_ON.match(norm, right)
        right = cut.end() if cut else right
        context = blanked[left:right]
        if not uses:
            return "practice" if EXCLUDE.search(context) else None
        # the nearest explicit cue, else the nearest verb
        use, explicit = min(uses, key=lambda u: (not u[1], abs(u[0].start() - start)))
        # the signal's own words do not negate the use: "whether the user skipped it goes in"
        use_pol, _ = polarity_of_span(blanked, use.start(), use.end())
        use_left, use_right = clause_bounds(norm, use.start(), use.end())
        if use_pol == "negated" or EXCLUDE.search(context + " " + blanked[use_left:use_right]):
            return "practice"
        # from the mention's clause to the cue's: "the rate over the full log, including
        # sessions after this query, as a feature" says when across commas
        lo, hi = min(left, use_left), max(right, use_right)
        # a window may run on past the clause: "during the session | in which we show it"
        end_of_part = _LIST_END.search(norm, hi)
        hi = end_of_part.start() if end_of_part else len(norm)
        spans_future = any(lo <= f.start() < hi for f in _SPANS_FUTURE_RE.finditer(blanked))
        # ...or the general mention says it itself: "a rate over all posts, this one included"
        spans_future = spans_future or (
            entry.generic and _SPANS_FUTURE_RE.search(norm, start, end) is not None
        )
        # "... we know how many people hid it, and i'd use that hide count as a feature": the
        # time said before a later clause picks the count up again
        picked = self._picked_up(norm, start, end, use)
        later = spans_future or picked or self.after.search(context) is not None
        # a general mention says its own time: "whether their earlier clicks led to", "how often"
        own = norm[start:end] if entry.generic else _aggregate_said(norm, entry.alias, start, end)
        # ...an aggregate word alone ("the rate", "the average") says nothing of when: a later
        # moment in its clause ("the click-through rate as it stood at the end of the campaign")
        # outweighs it unless time words end it before ("the rate over the past week")
        past = (
            _HISTORY.search(context + " " + own) is not None
            and not spans_future
            and (not later or _UP_TO_NOW.search(context + " " + own) is not None)
        )
        # a label counted up with no later time said is a tally of past events: "the user's click
        # counts per ad category" (the tally may stand between the alias's words)
        past = past or (
            kind == "label"
            and not later
            and bool(_TALLY_OF.match(blanked, end) or _TALLY.search(norm, start, end))
        )
        # ...or said of items in general, a bare plural in its words or right after them: "hides
        # on posts they were allowed to see", "the viewer's hides on posts" (the example is "the
        # post")
        past = past or (
            kind == "label"
            and not later
            and bool(
                _ITEMS_IN_GENERAL.search(norm, start, end)
                or _OF_ITEMS_IN_GENERAL.match(blanked, end)
                or _OF_OTHER_ITEMS.match(blanked, end)
            )
        )
        if pol == "hedged" or use_pol == "hedged" or past:
            return None
        if _MOVED.search(norm, max(0, start - 30), start):
            return None  # "because it lifts conversions": the outcome moved, not an input
        if foil(norm, start, end):  # "a junior might add whether they liked it, but..."
            return None
        # The signal is the label here ("clicks are our label"), unless the same clause
        # also says it goes in as a feature ("the flag we compute for the label, as a feature").
        said_as_input = explicit and (left <= use.start() < right or use_left <= start < use_right)
        if entry.generic and not (
            said_as_input
            or (explicit and (_carried(norm, end, use.start()) or _listed(norm, use, start)))
            or picked
        ):
            return None
        if _LABEL_ROLE.search(context) and not said_as_input:
            return None
        # ...an outcome of the problem's own said to come later in its clause ("i'd include
        # whether the account got suspended in the days after the upload") goes in all the same
        own_later = kind == "after_prediction" and not entry.generic and later
        if not explicit and (
            (kind != "counter" and not own_later) or _LABEL_ROLE.search(blanked[use_left:use_right])
        ):
            # a label or an outcome needs to be said to go in ("I'd add hard negatives:
            # results users hid" adds training examples); a count past prediction time
            # ("I'd add the likes it has by tomorrow") is a feature whatever the verb
            return None
        if kind == "counter" and not (later or self._counted_later(blanked, start, end)):
            return None  # counted up to prediction time: a fine feature
        if (
            kind == "counter"
            and entry.generic
            and not picked
            and not self._counted_later(blanked, start, end)
        ):
            return None  # any count: its own words must say when ("..., and retrain next week")
        return "leak"

    def _picked_up(self, norm: str, start: int, end: int, use: re.Match[str]) -> bool:
        """The mention at [start, end), or "that number" after it, is picked up again by the
        clause that puts it in, and the sentence said before that it is counted past
        prediction time ("a week after the impression we know the conversions; that number
        goes in as a feature")."""
        stop = _LIST_END.search(norm, max(end, use.end()))
        for a in _ANAPHOR.finditer(norm, max(0, start - 12), max(end, use.end())):
            before = norm[: min(a.start(), start)]
            itself = norm[a.start() : stop.start() if stop else len(norm)]  # "that count so far"
            if _UP_TO_NOW.search(before + " " + itself) is None and (
                self.after.search(before) is not None or _SPANS_FUTURE_RE.search(before) is not None
            ):
                return True
        return False

    def _produced_later(self, norm: str, uses: list[tuple[re.Match[str], bool]]) -> bool:
        """A clause put in as an input picks up ("that code", "that on-screen time") something
        the sentence said before comes about later ("after the reviewer has looked at it, the
        post carries a takedown reason code; that code goes into the classifier")."""
        for use, explicit in uses:
            if not explicit:
                continue
            if polarity_of_span(norm, use.start(), use.end())[0] != "affirmed":
                continue
            # the part of the sentence the cue is in, its list of items included
            left = max(norm.rfind(p, 0, use.start()) for p in ";:.") + 1
            stop = _PART_END.search(norm, use.end())
            right = stop.start() if stop else len(norm)
            if _LABEL_ROLE.search(norm, left, right) or EXCLUDE.search(norm, left, right):
                continue
            for a in _LATER_THING.finditer(norm, left, right):
                before = norm[: a.start()]
                when = self.after.search(before)
                if when is None or _UP_TO_NOW.search(norm, when.start(), right):
                    continue
                said = norm[when.end() : a.start()]
                for noun in a.group("noun").split():
                    if noun in _PRODUCT_WORDS or (
                        len(noun) > 3 and re.search(rf"\b{re.escape(light_stem(noun))}", said)
                    ):
                        return True
        return False

    def _listed_later(self, norm: str, uses: list[tuple[re.Match[str], bool]]) -> bool:
        """What an explicit cue puts in, up to the end of its part, is said to be taken at a
        later moment, with nothing saying it stops before ("i'd hand the model whatever the
        billing system charged for that impression once the day closed out")."""
        for use, explicit in uses:
            if not explicit or polarity_of_span(norm, use.start(), use.end())[0] != "affirmed":
                continue
            stop = _LIST_END.search(norm, use.end())
            items = norm[use.end() : stop.start() if stop else len(norm)]
            when = _LATER_MOMENT_RE.search(items)
            if when is None or _OWN_CLAUSE.search(items, 0, when.start()):
                continue
            if (
                EXCLUDE.search(norm, 0, use.start())
                or _HISTORY.search(items)
                or _UP_TO_NOW.search(items)
                or _LABEL_ROLE.search(items)
                or EXCLUDE.search(items)
            ):
                continue
            return True
        return False

    def _counted_later(self, blanked: str, start: int, end: int) -> bool:
        """A count of anything at [start, end) is said to run past prediction time in the words
        that go on about it, before another clause ("and ...") begins."""
        stop = _NEW_TOPIC.search(blanked, end)
        tail = blanked[start : stop.start() if stop else len(blanked)]
        if _SPANS_FUTURE_RE.search(tail) is not None:
            return True
        # ("the spend so far, before the budget runs out": counted up to now)
        when = self.after.search(tail)
        return when is not None and _SO_FAR.search(tail, 0, when.start()) is None


# A sentence that opens a list of inputs: "let me walk through the features.", "the feature
# list i'd go with.", "my features, roughly: ...".
_OPENS_INPUTS = re.compile(rf"\b{_NOUN}\b(?:,? [\w'’-]+){{0,6}}?,?\s?(?::|[.!]?\s*$)")
# ...and one that goes on with it: an additive opener, a side of the list or a sub-heading
# ("on top of that, ...", "on the ad side, ...", "video side: ...").
_MORE_ITEMS = re.compile(
    r"^(?:(?:and|also|plus|then|next|finally|lastly|besides|additionally|on top of (?:that|this)|"
    r"in addition(?: to (?:that|this))?|beyond (?:that|this)|after that|apart from (?:that|this))"
    r",?\s+|(?:on|for) the [\w'’-]+(?: [\w'’-]+)? side,?\s+|(?:[\w'’-]+ ){0,2}[\w'’-]+\s?:\s*)"
)
_LISTED_AS = "features: "
# A sentence that opens by naming the count the one before it gave: "that number i'd feed in".
_PICKS_UP = re.compile(rf"^{_ANAPHOR.pattern}")


def as_listed(norms: list[str]) -> list[str]:
    """Each normalised sentence as the leakage detector reads it: one that goes on with a list
    of inputs an earlier sentence opened ("let me walk through the features. ... on top of
    that, how the ad ended up doing") is read as items of that list, unless it says what the
    labels are ("then the label comes from reviewers"). One that opens by picking up a count
    the one before named ("...; that number goes in as a feature") is read with it."""
    out: list[str] = []
    listing = False
    for i, norm in enumerate(norms):
        more = _MORE_ITEMS.match(norm) if listing and not _LABEL_ROLE.search(norm) else None
        if more and heads_things_to_avoid(more.group(0)):
            more = None  # "pitfall: ...", "trap: ...": what follows is to avoid, not an input
        if more:
            out.append(_LISTED_AS + norm[more.end() :])
        elif i and (
            _PICKS_UP.match(norm)
            or (norms[i - 1].rstrip().endswith(";") and _LATER_THING.search(norm))
        ):
            out.append(f"{norms[i - 1]} {norm}")  # "...; that number goes in as a feature"
        else:
            out.append(norm)
        listing = more is not None or _OPENS_INPUTS.search(norm) is not None
    return out


def _target_encoding(norm: str, is_aware: bool) -> LeakFinding | None:
    """Target encoding (or a mean of the label) as an input: a leak unless said to be
    out-of-fold or cut off at prediction time, which is correct practice."""
    m = _TARGET_ENCODED.search(norm)
    if m is None:
        return None
    said = m.group(0)
    pol, _ = polarity_of_span(norm, m.start(), m.end())
    if pol == "negated" or is_aware or _OUT_OF_FOLD.search(norm):
        return LeakFinding("practice", "label", "target encoding", f"keeps '{said}' out of fold")
    if pol == "hedged" or foil(norm, m.start(), m.end()):
        return None
    # encoding a category by its target makes a feature; a mean label must be said to go in
    if said.startswith("target") or feeds_model(norm):
        return LeakFinding("leak", "label", "target encoding", f"uses '{said}' in fold as an input")
    return None


def _why(entry: _Alias, said: str) -> str:
    if entry.kind == "label":
        return f"uses the label ('{said}') as an input"
    if entry.kind == "counter":
        return f"uses '{said}' counted past prediction time as an input"
    return f"uses '{said}', only known after prediction time, as an input"
