"""Question splitting and request detection for the offline reader: one question sentence
cut into its question parts, questions put to oneself, requests to move on or to be told
something, and the patterns that tell a question from a statement that asks.
"""

from __future__ import annotations

import re

from app.knowledge.schema import STAGES, Stage
from app.knowledge.text import content_words, words
from app.understanding.acts import (
    CONFIRMATION,
    EMBEDDED_QUESTION,
    QUESTION_START,
    SUBORDINATE,
    declines_more,
    fix_question_words,
    is_question,
    lead_stripped,
    progress_talk,
    progress_target,
    question_core,
    requested_stage,
    skipped_stage,
    wants_hint,
    wants_move_on,
)
from app.understanding.closings import wants_finish
from app.understanding.polarity import affirmed_view
from app.understanding.signposts import (
    DONE_WITH,
    STAGE_BARE,
    STAGE_NAMED,
    stage_after_named,
    stage_of_word,
)

# A statement that asks: the candidate says what they want to know ("I'd like to understand
# how...", "we need to find out whether...").
WANTS_TO_KNOW = re.compile(
    r"^(?:so |and |also |first,? )?"
    # (after what it comes before: "before i say anything about the model, i'd like to ask")
    r"(?:before\s[^.?!]{1,80}?[,\s]\s*)?(?:i|we)(?:'d| would| will|'ll)? (?:really |also |first )?"
    r"(?:want(?:ed)?|like|need(?:ed)?|wish) to "
    r"(?:know|understand|find out|learn|hear|confirm|ask)\b"
)
# An instruction to ask ("Before you build anything, find out which screen this is.", "Then
# ask what counts as winning", "you should ask whether...", "make sure we find out which logs
# ...", "let's ask whether ..."): a clarifying question told as a step of a recipe. It asks
# for clarify criteria only; elsewhere it is read as it stands.
# Also the candidate's own plan to ask, after its reason ("Because the design depends on the
# surface, I'd first ask whether this is the home page"), or told of a past project ("We asked
# which kinds of content we were responsible for").
ASK_INSTRUCTED = re.compile(
    r"^(?:(?:so|and|then|next|also|first(?:ly)?|second(?:ly)?|finally|before (?:you|we|anything)"
    r"[^,]{0,40}|(?:because|since|as|given that) [^,]{3,80})[,\s]+)*"
    r"(?:(?:make sure|be sure|remember|don't forget|let's)(?: to)? )?"
    r"(?:(?:you|we|i)(?:'d| would| should| need to| want to| have to|'ll want to| must| will|'ll)?"
    r"(?: (?:first|also|then|next|still|always))? )?(?:ask(?:ed)?|find out|found out|"
    r"clarif(?:y|ied)|confirm(?:ed)?|check(?:ed)? with (?:the |your |our )?\w+)(?: (?:them|the \w+|"
    r"your \w+|our \w+))?(?: about)? (?:whether|if|what|which|how|who|when|where|why)\b"
)
# ...or in an impersonal, formal register ("It would first be necessary to establish whether
# ...", "One would wish to establish which ...", "It should be determined whether ...", "The
# measure of success should be agreed", "The share of new users should be known"): clarify
# only, as with ASK_INSTRUCTED.
ASK_IMPERSONAL = re.compile(
    r"^(?:(?:first(?:ly)?|then|also|next)[,\s]+)?(?:(?:it (?:would|will|should|must|may) "
    r"(?:first |also |then )?be (?:necessary|important|essential|useful|wise|worth \w+) to|"
    r"one would (?:first |also )?(?:wish|want|need|like) to)(?: first)? (?:establish|determine|"
    r"know|find out|confirm|ask|learn|understand|clarify|check|agree)|it (?:should|must|would "
    r"need to) (?:first |also )?be (?:determined|established|confirmed|agreed|clarified|asked|"
    r"checked|known)) (?:whether|if|what|which|how|who|when|where|why)\b|"
    r"^(?:the|our) [\w', -]{3,80}? (?:should|must|would need to|needs to) (?:first |also )?be "
    r"(?:agreed|known|established|confirmed|determined|clarified)\b(?! (?:by|with|to|in)\b)"
)

# The same asking in two more shapes, read as the candidate's own words by `own_asking`:
# under a short heading ("Step two: ask how many ...", "Fix: find out whether ...") and
# reported in the third person by a note-taker ("She said she'd first ask which ...", "He asked
# how rare ...", "She wanted to know if ..."), whose frame and pronoun are the candidate's voice.
_ASK_HEADING = re.compile(r"^(?:[\w'-]+ ){0,2}[\w'-]+:\s+")
_REPORT_FRAME = re.compile(
    r"^(?:she|he) (?:said|says|added|noted|explained|mentioned|went on)(?: that)?,?\s+"
)
_REPORTER_ASIDE = re.compile(
    r",\s*(?:(?:she|he) (?:said|says|added|noted|explained)|in (?:her|his) (?:own )?words),"
)
_REPORTED_SUBJECT = re.compile(r"^(?:she|he)(?=\b)")


def own_asking(norm: str) -> str:
    """The normalised sentence as the candidate's own words for the asking patterns
    (WANTS_TO_KNOW, ASK_INSTRUCTED, ASK_IMPERSONAL): a short heading, a note-taker's report
    frame and its third-person subject taken off ("she'd first ask" -> "i'd first ask")."""
    s = _REPORTER_ASIDE.sub("", _ASK_HEADING.sub("", norm))
    s = _REPORT_FRAME.sub("", s)
    # "before anything else, she'd ask ...": a lead-in before the reported subject
    lead = re.match(r"^[^,;:]{1,40},\s+(?=(?:she|he)\b)", s)
    head, s = (s[: lead.end()], s[lead.end() :]) if lead else ("", s)
    return head + _REPORTED_SUBJECT.sub("i", s)


# "No, I keep every click", "nope", "not really": a reply that denies its question; the
# question's words must then not be read into the answer
_DENYING_REPLY = re.compile(r"^(?:no|nope|nah|not|never|none|neither)\b")
SELF_QUESTION_WORDS = 14  # a question the candidate puts to themself is short


def answers_with_their_question(
    sents: list[str], norms: list[str], views: list[str]
) -> dict[int, str]:
    """A candidate who interviews themself ("What do I start with? A simple weighted sum of
    the bucketed inputs.", "How do I keep up? Start from yesterday's version every hour.")
    leaves the topic in the question and says only the answer: by sentence, the answer with
    its question before it, read for similarity beside the answer alone. Only a short
    question before an affirmed statement that does not deny it ("No, ..."); the caller
    asks for a design stage (asked of the interviewer, in clarify, a question stands alone)."""
    out: dict[int, str] = {}
    for i in range(1, len(norms)):
        prev, norm = norms[i - 1], norms[i]
        if (
            views[i] == norm
            and len(prev.split()) <= SELF_QUESTION_WORDS
            and not _DENYING_REPLY.match(norm)
            and is_question(sents[i - 1], prev)
            and not is_question(sents[i], norm)
        ):
            out[i] = f"{affirmed_view(lead_stripped(prev)).rstrip('?')} {norm}"
    return out


# Where one question sentence holds several questions: before a question word after a comma,
# a colon, a dash or "and"/"also"/"plus" ("how many users, what's the p99?"); before an
# auxiliary only after "and"/"also"/"plus" (", is it like 10 ms?" guesses at the same one).
# Not "or": "GPUs or is it all CPU?" is one question with two options.
_WH = r"what|what's|whats|how|how's|hows|which|who|when|where|roughly|if"
_NEXT_WH = rf"(?=(?:{_WH})\b)"
_NEXT_QUESTION = rf"(?=(?:{_WH}|is|are|am|do|does|did|can|could|will|would|should)\b)"
# "..., and if a user deletes their history can we still train on it?": a condition, then
# the question proper
_CONDITIONAL_QUESTION = re.compile(
    r"^(?:if|when|once)\b.*\b(?:can|could|do|does|is|are|will|would|should|may) (?:we|i|you|"
    r"they|it|users?)\b"
)
_SPLIT_QUESTIONS = re.compile(
    r"\s*(?:[,;:]|\s[-–—])\s*(?:and|also|plus)\s+"
    + _NEXT_QUESTION
    + r"|\s*(?:[,;:]|\s[-–—])\s*"
    + _NEXT_WH
    + r"|\s+(?:and|also|plus)\s+"
    + _NEXT_QUESTION
    # "..., and out of a hundred ads shown how many get clicked?": a question of its own led
    # by a phrase before its question word
    + r"|\s*[,;]\s*(?:and|also|plus)\s+(?=(?:[\w'-]+\s+){1,6}?(?:how|what|which)\b)"
    # "how many tiles per page, do thumbnails autoplay, and...": an inverted question of its
    # own after a comma or a dash (not a check on the last: ", do you think", ", is that right")
    + r"|\s*(?:[,;]|\s[-–—])\s*(?=(?:do|does|is|are|can|could|will|would|should)\s+"
    r"(?!(?:you|that|this|it|there|i)\b)[\w'-]+\s+[\w'-]+)"
)
# "Base CTR, and candidates per request?": pieces of a terse compound (no question word).
SPLIT_TERSE = re.compile(r"\s*[,;]\s*(?:and\s+|plus\s+)?|\s+(?:and|plus)\s+")
_JOINED = re.compile(r"\b(?:and|also|plus)\b")
COORDINATED = re.compile(
    r"^(?P<head>(?:what(?:'s|s| is| are)|which are|how many|how much)\s+(?:the\s+|our\s+)?)"
    r"(?P<left>[\w'-]+(?:\s[\w'-]+){0,2})\s+and\s+(?:the\s+|our\s+)?"
    r"(?P<right>[\w'-]+(?:\s[\w'-]+){0,3})$",
    re.I,
)
TOPIC_WORDS = 6  # a bare topic said unprompted is at most this long ("months of logs we keep")
COORDINATED_WORDS = 10  # longer parts are sentences, not two topics under one question word
_CONFIRM_WORDS = 8


def question_parts(snorm: str) -> tuple[list[str], str]:
    """One question sentence as its question parts and the lead-in before the first ("the
    impression logs, how long..."). "I'd guess 1B users, is that right?" asks about what it
    confirms. A piece "and" joins to the question after it is a question of its own, however
    terse ("Home page or up-next, and what feedback exists?")."""
    core = question_core(snorm).rstrip("?.! ")
    joins = [bool(_JOINED.search(m.group(0))) for m in _SPLIT_QUESTIONS.finditer(core)]
    split = zip(_SPLIT_QUESTIONS.split(core), [*joins, False], strict=True)
    joined_pieces = [(lead_stripped(p.strip(" ,;:-")), j) for p, j in split]
    pieces = [p for p, _ in joined_pieces if p]
    joined = [j for p, j in joined_pieces if p]
    confirm = [bool(CONFIRMATION.match(p)) and len(p.split()) <= _CONFIRM_WORDS for p in pieces]
    shaped = [
        bool(
            (QUESTION_START.match(p) or EMBEDDED_QUESTION.match(p))
            and not SUBORDINATE.match(p)
            or _CONDITIONAL_QUESTION.match(p)
        )
        and not c
        for p, c in zip(pieces, confirm, strict=True)
    ]
    parts: list[str] = []
    # "the EU point you raised: how many of those users...?": a lead-in ended by a colon or a
    # dash says what the question's pronoun stands for
    plain = fix_question_words(snorm).rstrip("?.! ")
    lead = plain[: len(plain) - len(core)].rstrip() if plain.endswith(core) else ""
    pointed = bool(pieces) and bool(ANAPHOR.search(pieces[0]))
    context = lead.rstrip(":-–— ") if pointed and lead.endswith((":", "-", "–", "—")) else ""
    for piece, is_confirm, is_shaped, is_joined in zip(
        pieces, confirm, shaped, joined, strict=True
    ):
        if is_confirm:
            if context:  # the question is the statement it confirms
                parts.append(context)
                context = ""
            elif not parts:
                parts.append(piece)
        elif is_shaped or not any(shaped) or is_joined:
            parts.append(piece)
        elif not parts:
            context = f"{context} {piece}".strip()
        else:
            parts[-1] = f"{parts[-1]}, {piece}"
    if not parts and context:
        parts, context = [context], ""
    return parts, context


# a quantifier that ends a question with its noun left out ("can a post hit several?")
ELLIPTICAL = re.compile(
    r"\b(?:several|both|multiple|more than one|many|each|either|neither)\s*[?.!]*$", re.I
)
ANAPHOR = re.compile(r"\b(?:it|its|they|them|their|that|this|those|these|ones?)\b", re.I)


def no_topic(part: str) -> bool:
    """A question part that refers back ("how long is it kept") or names next to nothing."""
    return bool(ANAPHOR.search(part)) or len(content_words(part)) <= 2


def own_words(part: str, sent: str) -> str:
    """A question part as the candidate wrote it (their case, and the question mark that
    ends it), when it is in the sentence."""
    folded = " ".join(sent.split())
    i = folded.lower().find(part)
    if i < 0:
        return part
    end = i + len(part)
    return folded[i : end + 1] if folded[end : end + 1] == "?" else folded[i:end]


def declines(norm: str, toks: list[str], open_question: str | None) -> bool:
    """A bare 'no' to the interviewer's 'anything else?'."""
    return len(toks) <= 3 and declines_more(norm, open_question)


# A question asking for a requirement or a number of the setting (not a design deliberation
# like "what about ties?" or "what would I minimize?").
INFO_REQUEST = re.compile(
    r"^(?:(?:and|so|also|quick one|by the way)\W+)*(?:how (?:many|much|fast|often|long|big|"
    r"quickly|soon|far)\b|what(?:'s| is| are) the (?:\w+ ){0,3}?(?:budget|rate|size|number|volume|"
    r"latency|qps|peak|share|scale|ratio|limit|cap|p\d\d)\b|"
    # "what p99 does the scoring step get?": the amount as the question word's own noun
    r"what (?:\w+ )?(?:budget|rate|size|number|volume|latency|qps|peak|share|scale|ratio|limit|"
    r"cap|p\d\d) (?:does|do|is|are|can|will)\b|(?:is|are) there\b|do (?:we|users|they|"
    r"people) (?:have|keep|get|store|log|know|track|retain)\b|does (?:a|the|each|every) \w+ "
    r"(?:also )?(?:have|get|come with)\b|can (?:users|people)\b)"
)


SHORT_REQUEST_WORDS = 12


def move_target(norm: str, norms: list[str], n_words: int) -> Stage | None:
    """The stage a move-on request names: the stage of a request sentence ("how about we look
    at evaluation", first: "I feel good about the model; how about evaluation next?" asks for
    evaluation), "to/about <stage>" anywhere, a bare stage word in a short message, or the one
    after a stage said to be done ("I've covered evaluation")."""
    # a stage asked to be skipped is passed over: the stage asked for elsewhere in the
    # message, else the one after it ("can we skip serving? I'd rather talk monitoring")
    skipped = [st for n in norms if (st := skipped_stage(n)) is not None]
    # "what comes after the model?": the one stage named is the one to go past
    past = stage_after_named(norm)
    if past is not None and not skipped:
        return past
    for n in norms:
        word = requested_stage(n)
        if word is not None and stage_of_word(word) not in skipped:
            return stage_of_word(word)
    target = _move_target(norm, norms, n_words)
    if skipped and (target is None or target in skipped):
        last = max(skipped, key=STAGES.index)
        return STAGES[STAGES.index(last) + 1] if last != STAGES[-1] else None
    return target


def _move_target(norm: str, norms: list[str], n_words: int) -> Stage | None:
    """`move_target` past the request sentences: progress talk, a stage named, a part done."""
    for n in norms:  # "does serving come after this?", "the data's nailed down"
        target = progress_target(n)
        # a part said done, in a message that goes on with content ("Enough clarifying.
        # Input is the crop, ..."): where the content is decides, not the part closed
        closed = ((progress_talk(n) or ("", ""))[1] or "").startswith("done ")
        # ...unless the part is closed last, after its content ("<framing>. Consider the
        # framing nailed down."): the stage after the part they closed
        if target is not None and (
            n_words <= SHORT_REQUEST_WORDS or not closed or (len(norms) > 1 and n is norms[-1])
        ):
            return target
    # a stage named as a part the candidate is done with ("what else to say about data, can
    # we move on") is the part left, not the destination
    closures = list(DONE_WITH.finditer(norm))
    parts_left = {m.span(1) for m in closures}
    named = next((m for m in STAGE_NAMED.finditer(norm) if m.span(1) not in parts_left), None)
    if named is None and n_words <= 4 and not closures:
        named = STAGE_BARE.search(norm)  # "data next?", "next, evaluation"; not "covered data"
    if named is not None:
        return stage_of_word(named.group(1))
    done = closures[0] if closures else None  # "I've covered evaluation": the stage after it
    if done is not None and len(words(norm[done.end() :])) > CLOSED_THEN_CONTENT_WORDS:
        # "I'm done with framing; evaluation would be recall at k...": content follows the
        # part closed, and where the content is decides (the policy reads it), not the part
        return None
    # "that's the framing and the data side": the stage after the last one said done
    said = re.split(r"[.;!?]", norm[done.start(1) :])[0] if done else ""
    stages = [stage_of_word(w.group(1)) for w in STAGE_BARE.finditer(said)]
    left = max((st for st in stages if st), key=STAGES.index, default=None)
    return STAGES[STAGES.index(left) + 1] if left and left != STAGES[-1] else None


# words after "done with <stage>" that make the rest of the message content, not a tail
CLOSED_THEN_CONTENT_WORDS = 6


# a question whose subject is a pronoun with nothing before it in the sentence to stand for
PRONOUN_ASKED = re.compile(
    r"^\W*(?:(?:so|and|ok|okay|then)\W+)?(?:(?:how (?:many|much)(?: \w+){1,2}|how \w+(?: back)?|"
    r"what|when|where|which)\s+"
    r"(?:does|do|is|are|can|will|would|did|should)\s+(?:it|they|that|this|those|these)\b"
    # "How many do people typically have?": the amount with its noun left out
    r"|how (?:many|much)\s+(?:do|does|did|can|will|would)\s+\w+)",
    re.I,
)
QUANTITY = re.compile(
    r"\b(hundreds?|thousands?|millions?|billions?|huge|big|small|tiny|lots|few|many|rare|"
    r"under|over|about|around|roughly|most|half|percent)\b|\b\d|"  # not "p99?": it asks
    # an amount spelled out with its unit: "twenty ms", "fifty milliseconds", "two GPUs"
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|ninety)\s+(?:ms|milliseconds?|secs?|seconds?|mins?|minutes?|hours?|"
    r"days?|weeks?|gpus?|qps)\b"
)


def is_request(snorm: str) -> bool:
    """A move-on, finish or hint request (however phrased)."""
    return wants_move_on(snorm) or wants_finish(snorm) or wants_hint(snorm)


def short_reply(norm: str) -> bool:
    return len(norm.split()) <= 12
