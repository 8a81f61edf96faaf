"""Small text helpers shared by the reader, the matcher and grading: normalising, words,
stopwords and the light stemmer behind tolerant phrase matching."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from bm25s.stopwords import STOPWORDS_EN_PLUS

from app.knowledge.memo import per_text

# Words a candidate says that carry no content, beyond the library's English function words:
# modal verbs, contractions NLTK's list spells apart, and interview filler ("I think we'd
# probably use..."). Hand-kept because they are this domain's, not English's.
INTERVIEW_FILLERS = frozenset(
    [
        "also",
        "could",
        "would",
        "might",
        "may",
        "must",
        "shall",
        "can't",
        "let",
        "i'd",
        "i'll",
        "i'm",
        "i've",
        "we'd",
        "we'll",
        "we're",
        "we've",
        "that's",
        "there's",
        "what's",
        "maybe",
        "probably",
        "guess",
        "think",
        "like",
        "well",
        "okay",
        "ok",
        "yeah",
        "yes",
        "really",
        "get",
        "got",
        "make",
        "use",
        "using",
        "used",
        "want",
        "need",
        "going",
        "go",
        "one",
        "two",
        "first",
        "second",
        "thing",
        "things",
        "something",
        "way",
    ]
)
# The matcher's and the reader's stopwords (content words, keyword-list density): NLTK's
# English list as bm25s ships it, plus the fillers. BM25 uses its own, smaller list (see
# app/knowledge/retrieval.py): question words like "how" and "what" help it find facts.
STOPWORDS = frozenset(STOPWORDS_EN_PLUS) | INTERVIEW_FILLERS

_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
# A full stop ends a sentence, except the one of an abbreviation inside it: "e.g.", "i.e.",
# "vs.", "cf." always; "a.m.", "p.m." and "etc." when the sentence goes on in lower case or a
# number ("a job at 2 a.m. ranks every feed").
_ABBREV_INSIDE = r"(?<!\b[eE]\.[gG]\.)(?<!\b[iI]\.[eE]\.)(?<!\b[vV][sS]\.)(?<!\b[cC][fF]\.)"
_ABBREV_GOES_ON = r"(?<!\b[aApP]\.[mM]\.)(?<!\b[eE][tT][cC]\.)"
_SENT = re.compile(
    r"(?<=[.!?;])" + _ABBREV_INSIDE + r"(?:" + _ABBREV_GOES_ON + r"\s+|\s+(?=[^\sa-z0-9]))|\n+"
)


_ASCII_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
# A lettered sub-point's marker ("overkill: a) pointless, b) no need for X") is layout, not
# words: without it the item reads as what it says of the heading before the colon.
_LETTER_MARK = re.compile(r"(^|[:;,]\s*|\s(?:and|or)\s+)\(?[a-h]\)\s+")


@per_text(16384)
def normalize(text: str) -> str:
    """Lower-case, strip accents and control characters, fold whitespace."""
    if text.isascii():  # the common case: no Unicode normalisation needed
        text = _ASCII_CONTROL.sub(lambda m: " " if m.group(0) == "\t" else "", text)
    else:
        text = unicodedata.normalize("NFKC", text)
        text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch)[0] != "C")
    text = re.sub(r"[ \t\r\f\v]+", " ", text.lower()).strip()
    # (a cheap test first: most texts have no closing bracket, and the search costs ~40 us)
    return _LETTER_MARK.sub(r"\1", text) if ")" in text else text


def words(text: str) -> list[str]:
    """Word tokens of normalised text (keeps hyphenated words and contractions whole)."""
    return _WORD.findall(normalize(text))


def word_set(text: str) -> frozenset[str]:
    """A vocabulary written as one string of words (how the readers' word tables are kept)."""
    return frozenset(words(text))


def light_stem(word: str) -> str:
    """A deliberately light stemmer: enough to match plurals and -ing/-ed forms.

    Not Snowball (which BM25 uses): a phrase pattern is its words' stems plus up to three
    letters, and Snowball cuts deeper ("calibration" -> "calibr", "accuracy" -> "accuraci"),
    so 146 of the 594 concept aliases would no longer find even themselves."""
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)] + repl
    return word


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS and len(w) > 1]


@per_text(16384)
def content_stems(text: str) -> frozenset[str]:
    """The light stems of a text's content words."""
    return frozenset(light_stem(w) for w in content_words(text))


def sentences(text: str) -> list[str]:
    """Split into sentences on punctuation and newlines; drops empty pieces."""
    return [s.strip() for s in _SENT.split(text) if s and s.strip()]


# Words that may stand between a phrase's words ("softmax over the five categories"): the
# determiners, an object pronoun ("train it once" says "train once" of the thing named before)
# and small numbers, as words or digits, up to two of them.
_GAP_WORDS = word_set(
    "the a an all each every our its their these those this that it them "
    "one two three four five six seven eight nine ten"
)
# A searched text has these words in upper case where they stand alone between separators
# (`_gap_words_marked`), so the gap in every phrase pattern is a short character class. Spelt
# out as a 26-word alternation in each gap, it made compiling a pattern 1.7 times as slow, and
# compiling was most of the cost of a new process's first turns.
_GAP_WORD_ALONE = re.compile(rf"(?<![^\s\-/])(?:{'|'.join(sorted(_GAP_WORDS))})(?![^\s\-/])")
_GAP = r"[\s\-/]+(?:(?:[A-Z]+|\d+)[\s\-/]+){0,2}"


@per_text(4096)
def _gap_words_marked(norm: str) -> str:
    """Normalised (lower-case) text with each gap word that stands alone in upper case; same
    length, so a match's span is the same in `norm`."""
    return _GAP_WORD_ALONE.sub(lambda m: m.group(0).upper(), norm)


def _suffix(token: str) -> str:
    """The endings a phrase token may carry in text. A stem of four letters or more takes
    any light suffix ("rank" in "ranking"); a short token only an inflection, else "als"
    would match "also", "top" "topic" and "per" "person"."""
    if len(token) >= 4:
        return r"[a-z]{0,3}"
    if len(token) < 3 or not token.isalpha():
        return r"(?:e?s|'s)?"
    ends = ["e?s", "'s", "ed", "ing", "er", "est"]
    if token.endswith("e"):
        ends += ["d", "r"]  # "use" in "used"
    elif token[-1] not in "aeiouwxy":
        ends += [f"{token[-1]}(?:ed|ing|er)"]  # "log" in "logged", "run" in "running"
    return "(?:" + "|".join(ends) + ")?"


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    # "history ... deleted": the parts in order with a few words of one clause between them,
    # for a pairing that English words in many orders ("history that users deleted")
    parts = [_phrase_body(part) for part in phrase.split(PHRASE_GAP)]
    if not all(parts):
        return re.compile(r"(?!x)x")
    # (upper case too: the searched text has its gap words in upper case)
    body = _WORD_GAP.join(parts)
    # The word-start test goes after the first word's letters, not before them: a pattern that
    # opens with letters lets `re` skip to where they occur instead of trying every position
    # (a failed search ~15x faster); "the letters, not preceded by a letter" is the same test
    lead = _LITERAL_LEAD.match(body)
    if lead:
        word, rest = lead.group(), body[lead.end() :]
        return re.compile(rf"{word}(?<![a-zA-Z0-9]{word}){rest}(?![a-zA-Z0-9])")
    return re.compile(rf"(?<![a-zA-Z0-9]){body}(?![a-zA-Z0-9])")


# the plain letters and digits a phrase pattern opens with (a literal `re` can scan for)
_LITERAL_LEAD = re.compile(r"[a-z0-9]+")


PHRASE_GAP = "..."
_WORD_GAP = r"(?:[\s\-/]+[a-zA-Z0-9']+){0,6}?[\s\-/]+"


def _phrase_body(phrase: str) -> str:
    # Tokens may be joined by space or hyphen, with up to two gap words between them.
    head, cut = _without_cut_off(phrase)
    body = _GAP.join(_token_pattern(light_stem(t)) for t in _said_tokens(head))
    return body + _CUT_OFF_SAID if cut and body else body


# An article inside a phrase is any article, or none: the gap between two words takes it, so
# "predict the probability" is also said as "predict a probability" (a phrase's first and last
# words stay as written: "a/b test")
_ARTICLES = frozenset(["the", "a", "an"])


def _said_tokens(phrase: str) -> list[str]:
    """The words of `phrase` a text must say, in order: all but the articles inside it."""
    toks = words(phrase)
    return [
        t
        for i, t in enumerate(toks)
        if t not in _ARTICLES or i in (0, len(toks) - 1) or toks[i + 1] in _ARTICLE_KEPT
    ]


# ...but "the only", "the main", "the same" say something an article's absence does not ("clicks
# are the only signal" against "clicks are only one signal")
_ARTICLE_KEPT = frozenset(["only", "main", "whole", "entire", "same", "one", "b"])


# A ranking metric's cut-off: "recall@k" and "ndcg at k" are said "recall@k", "recall at 10"
# or "precision@5" (a number or "k", after "@" or "at"); the phrase's own words
# had never met even "recall@k", since "@" is no separator of words.
_CUT_OFF = re.compile(r"(.*?[a-z0-9])\s*(?:@|\s+at\s+)k\s*")
# (a number, not an amount: "map at 1 million images", "recall at one point" name no cut-off)
_CUT_OFF_SAID = (
    r"(?:\s*@\s*|[\s\-]+at[\s\-]+)"
    r"(?:k|\d+(?![\d.,]|\s*(?:million|thousand|hundred|billion|ms|seconds?|%|percent)\b))"
)


def _without_cut_off(phrase: str) -> tuple[str, bool]:
    """`phrase` without its ranking cut-off ("@k", "at k"), and whether it had one."""
    m = _CUT_OFF.fullmatch(phrase.lower())
    return (m.group(1), True) if m else (phrase, False)


def _token_pattern(stem: str) -> str:
    """One phrase token: its stem with a light suffix. A stem ending in "y" also matches its
    "-ies" forms ("category" in "categories"). Where the token (or a part of a hyphenated
    one) can be a gap word, the gap word's upper-case form matches too, as the searched
    text spells it when it stands alone."""
    *inner, last = stem.split("-")
    parts = [_or_marked(re.escape(part), part) for part in inner]
    tail = re.sub(r"y$", "(?:y|i)", re.escape(last)) + _suffix(stem)
    # (only a gap word that begins as the stem does can match it: a cheap test first)
    marked = [
        w.upper() for w in sorted(_GAP_WORDS) if w.startswith(last[:-1]) and re.fullmatch(tail, w)
    ]
    parts.append(f"(?:{tail}|{'|'.join(marked)})" if marked else tail)
    return r"\-".join(parts)


def _or_marked(piece: str, part: str) -> str:
    return f"(?:{piece}|{part.upper()})" if part in _GAP_WORDS else piece


def find_phrase(phrase: str, text: str, *, normalized: bool = False) -> re.Match[str] | None:
    """Find `phrase` in `text` tolerant to case, plurals, hyphens and spacing.
    Pass `normalized=True` when `text` already went through `normalize` (hot loops). The match
    is made on the normalised text with its gap words in upper case (`_gap_words_marked`, same
    length): take its span on the normalised text, not its `group()`."""
    norm = text if normalized else normalize(text)
    for key in _phrase_keys_kept(phrase):  # cheap substring tests first (a loop: `all` over
        if key not in norm:  # a generator cost more)
            return None
    return _phrase_search(phrase)(_gap_words_marked(norm))


@lru_cache(maxsize=8192)
def _phrase_keys_kept(phrase: str) -> tuple[str, ...]:
    """`_phrase_keys`, once per phrase (`find_phrase` is the hottest function of grading)."""
    return _phrase_keys(phrase)


@lru_cache(maxsize=8192)
def _phrase_search(phrase: str) -> Callable[[str], re.Match[str] | None]:
    """`phrase`'s compiled search, built only once a text passed its keys: most phrases tried
    on a text fail them, and compiling every one of them made a new process's first turns
    slow."""
    return _phrase_pattern(phrase).search


@lru_cache(maxsize=8192)
def phrase_head(phrase: str) -> str:
    """The first four letters of a phrase's first word: a word of a text that can start a
    match of the phrase begins with them (stems only cut suffixes of 4+ letter words)."""
    toks = words(phrase)
    return toks[0][:4] if toks else ""


SHINGLE = 6  # words in a row that count as quoting a text (the leak guard's measure)


def shingles(text: str, n: int = SHINGLE) -> set[tuple[str, ...]]:
    """Every run of `n` words of `text`: two texts sharing one quote each other."""
    toks = words(text)
    return {tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)}


_ALNUM_RUN = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=8192)
def match_head(phrase: str) -> str:
    """Four letters that start a run of letters and digits in every match of `phrase`, or ""
    when there are none ("a/b test", "city"): such phrases are tried on any text.
    `find_phrase` starts each word's stem after a space, hyphen or slash, and a final "y" may
    read "i"; the longest word's four letters are taken, as the rarest in text."""
    heads = []
    for stem in map(light_stem, words(phrase)):
        run = m.group() if (m := _ALNUM_RUN.match(stem)) else ""
        if run == stem and run.endswith("y"):
            run = run[:-1]
        if len(run) >= 4:
            heads.append((-len(run), run[:4]))
    return min(heads)[1] if heads else ""


def text_heads(norm: str) -> set[str]:
    """The first four letters of every run of letters and digits in normalised text: a phrase
    whose `match_head` is not among them cannot be found in it."""
    return {run[:4] for run in _ALNUM_RUN.findall(norm)}


def _phrase_keys(phrase: str) -> tuple[str, ...]:
    """Text every match of `phrase` contains: each token's stem up to four letters (a stem
    ending in "y" without it, since "-ies" forms replace it). A phrase with common first words
    ("how many ... per second") is ruled out by its rarer ones before its regex runs."""
    head = _without_cut_off(phrase)[0]  # "recall@k" holds no "k" in "recall at 10"
    keys = {
        (stem[:-1] if stem.endswith("y") else stem)[:4]
        for stem in map(light_stem, _said_tokens(head))
    }
    return tuple(sorted(k for k in keys if k))


def keyword_density(text: str) -> float:
    """Share of tokens that are stopwords: real sentences score ~0.3-0.6, keyword lists ~0."""
    toks = words(text)
    if not toks:
        return 0.0
    return sum(1 for t in toks if t in STOPWORDS) / len(toks)
