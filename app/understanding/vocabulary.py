"""Vocabulary: the words that mark a message as about ML system design or about one
problem in particular, vagueness and spelled-out amounts, and keyboard mashing.
"""

from __future__ import annotations

import re
from collections import Counter

from app.knowledge.bank import KnowledgeBank
from app.knowledge.memo import per_text
from app.knowledge.text import STOPWORDS, content_words, words
from app.understanding.word_classes import POLAR_REPLY

# What a sentence says when it gestures at the work instead of doing it: deferring the choice
# ("depends on", "we'd need to decide"), promising care ("make sure", "closely"), unnamed
# plurals ("various ways", "a few approaches", "other metrics") and generalities.
_VAGUE = re.compile(
    r"\b(?:depends? on|depending on|it depends|(?:need|needs|want|have) to (?:think about|"
    r"consider|decide|figure out|look into|understand)|decide how|make sure|look at|"
    # "we'll keep an eye on it", not "keep an eye on click-through and lookup latency"
    r"keep an eye(?! on (?!(?:it|this|that|them|things|everything|stuff|the (?:system|model|"
    r"metrics|results|numbers))\b))|try (?:a few|some|several|different|various)|"
    r"a few (?:different )?(?:approaches|options|things|ways)|"
    r"(?:different|many|several) (?:approaches|options|ways)|"
    r"(?:i|we)(?:'d| would|'ll| will) think about|how (?:they|these|those|it all) relates?|"
    r"various|some kind of|reasonable|sensible|suitable|"
    r"appropriate|as needed|if needed|some (?:way|sort|form) (?:of|to)|worth (?:considering|"
    r"exploring|looking at)|these days|where (?:it|they) makes? sense|in general|"
    r"unexpected ways|the right (?:balance|split|"
    r"one|choice|approach)|best (?:balance|trade-?off)|(?:other|main|key|relevant) "
    r"(?:business )?metrics|the business metrics|stuff|carefully|closely|usually|a lot|lots of|"
    # unnamed methods and results: "one of the standard techniques", "return good results"
    r"appropriately|(?:the|one of the) (?:standard|usual|common|typical) (?:techniques|methods|"
    r"approaches|ways|tricks|metrics|numbers|measures)|(?:standard|usual|common|typical) ones|"
    r"(?:good|better|great|decent) results|"
    # options left open, troubles unnamed, care promised, learning deferred to later
    r"pros and cons|(?:several|many|multiple|different) ways|somehow|anything that seems|"
    r"when something changes|(?:notice|catch|react to) problems|"
    r"making sure|keep(?:s)? improving|(?:what|as) we (?:learn|observe)|what matters|"
    r"(?:important|right) (?:metrics|signals|things)|general checks|extra logic|"
    r"other useful information|could help|"
    # amounts and changes left unnamed, a method left unnamed by an adjective, a trade-off
    # taken as known, inputs left unnamed: "a very large number of images", "things can
    # change", "some efficient way to search, with the usual trade-off", "information about
    # the user and the videos"
    r"(?:very )?(?:large|huge|big) (?:number|amount|volume)s? of|"
    r"things (?:can|could|may|might|will) change|some \w+ (?:way|method|approach)s? (?:of|to)|"
    r"the usual trade-?offs?|(?:some |the )?information about (?:the|what|our)|"
    # a placeholder for what is to be built, a promise that only restates the need: "turn the
    # goal into something the model can work with", "it has to be fast, so we'd make it fast"
    # (each ends its clause: "something it can learn: the chance of a click" names it)
    r"(?:(?:into )?something (?:that )?(?:the |our |a )?(?:model|system|it|we) can (?:work with|"
    r"use|learn|handle)|(?:make|keep) (?:it|things|that|them) (?:fast|quick|good|better|work)"
    r"(?: enough)?)(?=\s*(?:[.,;!]|$))|"
    # a guess, a trouble or a benefit left open, an unnamed part of the work: "I guess we'd
    # train it again", "alerts if something looks off", "one that's already been trained on
    # something, if that helps", "some parts could be done ahead of time", "it still works okay"
    r"i guess(?! (?:wrong|right))|(?:if|when) (?:something|anything|it) (?:looks|seems|goes|is) "
    r"(?:off|wrong|weird)|if (?:that|it) helps|some (?:parts|bits|prep|preparation)|"
    # troubles and checks left unnamed, the topic seen only from afar: "logs always have
    # some noise and some issues", "there can also be issues with the data pipeline ..., so
    # it's good to have some checks in place", "at a high level, the feed should show ..."
    # (the trouble or check ends its phrase: "some noise samples checked by hand" names them)
    # ("some problems with people only clicking what we put at the top" names its trouble)
    r"some (?:noise|issues|problems)(?=\s*(?:[.,;:!?]|$|(?:and|too|along)\b))|"
    r"some checks(?=\s*(?:[.,;:!?]|$)| in place\b)|"
    r"(?:can|could|may|might) (?:also )?be (?:some )?(?:issues|problems)(?!\s+with\b)|"
    r"at a high level)\b"
)
# Vague only with nothing done about it in the sentence: "it still works okay", care promised
# and importance stated ("clear visibility into the inputs and outputs", "capacity and
# efficiency both matter"); not "precision and recall both matter, so I'd tune the threshold".
_VAGUE_UNLESS_DONE = re.compile(
    r"\b(?:(?:still )?works? (?:okay|ok|fine)|visibility into|(?:both|all) matter)\b"
)
_DONE_AFTER = re.compile(r"\b(?:i|we)(?:'d|'ll| would| will)\s+(?:\w+ly\s+)?(?!be\b|have\b)[a-z]+")
_NUMBER_WORD = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|hundreds?|thousands?|"
    r"millions?|billions?|half|daily|hourly|weekly|monthly|nightly)\b"
)


@per_text(8192)  # asked of each sentence and its long clauses, live and when graded
def is_vague(norm: str) -> bool:
    """A sentence with a vagueness marker and no number in it (see `_VAGUE`); the caller
    also asks for no word specific to the problem."""
    concrete = re.search(r"\d", norm) or _NUMBER_WORD.search(norm)
    if concrete:
        return False
    if _VAGUE.search(norm):
        return True
    marker = _VAGUE_UNLESS_DONE.search(norm)
    return marker is not None and not _DONE_AFTER.search(norm, marker.end())


def domain_vocab(bank: KnowledgeBank) -> frozenset[str]:
    """Words that mark a message as being about ML system design or a problem of the bank:
    curated terms (concepts, rubric concepts, section titles and keywords) plus the problems'
    statements and anticipated questions; not the prose of the framework notes."""
    vocab: set[str] = set()
    for sec in bank.sections:
        vocab.update(words(sec.title))
        vocab.update(w for k in sec.keywords for w in words(k))
    for problem in bank.problems.values():
        vocab.update(words(problem.statement))
        for fact in problem.facts:
            vocab.update(words(" ".join(fact.asked_as)))
        for crit in problem.criteria:
            vocab.update(w for c in crit.concepts for w in words(c))
    for crit in bank.generic.criteria:
        vocab.update(w for c in crit.concepts for w in words(c))
    for concept in bank.concepts.concepts:
        vocab.update(words(" ".join(concept.aliases)))
    # a word that is also a bare yes/no reply ("how sure it says" is a concept alias) does not
    # make "sure" an answer about the design
    return frozenset(w for w in vocab if len(w) > 2 and not POLAR_REPLY.fullmatch(w))


def specific_vocab(bank: KnowledgeBank) -> dict[str, frozenset[str]]:
    """Per problem, the words that only its own statement, facts and rubric use: the
    entities and constraints that show an answer is about this problem, not a generic one."""
    generic: set[str] = set()
    for crit in bank.generic.criteria:
        generic.update(words(crit.text))
        generic.update(w for p in crit.phrasings for w in words(p))
        generic.update(w for c in crit.concepts for w in words(c))
    for sec in bank.sections:  # the framework's prose: generic ML English
        generic.update(words(sec.title))
        generic.update(words(sec.text))
    per: dict[str, set[str]] = {}
    for pid, problem in bank.problems.items():
        text = [problem.title, problem.statement, *(f.answer for f in problem.facts)]
        text += [c for crit in problem.criteria for c in crit.concepts]
        per[pid] = {w for t in text for w in content_words(t) if len(w) > 3 and not w.isdigit()}
    df = Counter(w for ws in per.values() for w in ws)
    return {
        pid: frozenset(w for w in ws if df[w] <= 2 and w not in generic and w not in STOPWORDS)
        for pid, ws in per.items()
    }


def specific_plain(
    bank: KnowledgeBank, vocab: dict[str, frozenset[str]]
) -> dict[str, tuple[tuple[frozenset[str], tuple[str, ...]], ...]]:
    """Per problem, the plain-word classes of the lexicon that speak for it: those with a term
    among its specific words (see `specific_vocab`), as (the terms' words, plain phrases).
    Derived the same way for every problem from its own words."""
    out: dict[str, tuple[tuple[frozenset[str], tuple[str, ...]], ...]] = {}
    for pid, mine in vocab.items():
        rows = []
        for cls in bank.concepts.plain_words:
            term_words = frozenset(w for t in cls.terms for w in words(t))
            if term_words & mine:
                rows.append((term_words, tuple(cls.plain)))
        out[pid] = tuple(rows)
    return out


# An amount said in words: "one in a hundred", "two percent", "fifteen hundred", "half an
# hour", "a fifth of a second", "ten seconds" (digits are counted apart). An order of magnitude
# ("a few hundred", "thousands") is no number of the problem.
_NUMBER_NAMES = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    "forty|fifty|sixty|a hundred|a thousand"
)
SPELLED_AMOUNT = re.compile(
    rf"\b(?:{_NUMBER_NAMES}|a)\s+(?:hundred|thousand|million|billion|dozen)\b"
    rf"|\b(?:{_NUMBER_NAMES})\s+(?:[a-z]+\s+)?(?:in|out of)\s+(?=(?:a|an|every|ten|twenty|fifty)\b)"
    rf"|\b(?:{_NUMBER_NAMES})\s+(?:percent|per cent|times (?:a|an|per)\b|milliseconds?|"
    r"seconds?|minutes?|hours?|days?|weeks?|months?)"
    r"|\b(?:half an?|a (?:third|quarter|fifth|tenth|twentieth|hundredth) of)\b"
)


_VOWELS = set("aeiouy")


def looks_like_gibberish(toks: list[str], vocab: frozenset[str]) -> bool:
    """Keyboard mashing: few known words and many unpronounceable ones."""
    alpha = [t for t in toks if t.replace("-", "").isalpha()]  # "re-uploads" is a word
    if not alpha:  # "p99?", "2b": a term with digits is no mashing
        return not any(ch.isdigit() for t in toks for ch in t)
    known = sum(1 for t in alpha if t in vocab or t in STOPWORDS)
    if known / len(alpha) >= 0.34:
        return False  # mostly known words: no need to weigh the rest
    weird = sum(1 for t in alpha if _unpronounceable(t))
    return weird / len(alpha) >= 0.34


def _unpronounceable(token: str) -> bool:
    if len(token) <= 3:
        return False
    if not any(ch in _VOWELS for ch in token):
        return True
    run = 0
    for ch in token:
        run = 0 if ch in _VOWELS else run + 1
        if run >= 4:
            return True
    return len(set(token)) <= 2
