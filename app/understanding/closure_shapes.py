"""What a closing sentence looks like: the current part closed ("that's plenty to go on", "I
have what I need"), the talk closed by a bare closure ("That is all."), by thanks ("I'll leave
it there, thanks"), by an idiom ("that's a wrap from me") or a courtesy ("thank you for the
interview"), and the hedges after a closing ("..., thanks", "..., I think").

Patterns and the predicates that need nothing but them; `closings` reads them with the
requests of `acts` (and `acts.wants_move_on` reads `closes_plain`), so this module imports
nothing of `acts`.
"""

from __future__ import annotations

import re

from app.knowledge.text import normalize
from app.understanding.signposts import ANY_STAGE, STAGE_BARE
from app.understanding.word_classes import ACK, CLAUSE_END

# -- the current part closed -----------------------------------------------------------------

# Closing the current part: sufficiency said at the start of a sentence ("that's plenty to go
# on", "I have what I need", "data is covered"), at most a few words after it.
_CLOSURE = re.compile(
    r"^(?:(?:that'?s|that is|this is|it'?s) (?:(?:about|just about|pretty much|more or less) )?"
    r"(?:enough|plenty|all|it|everything|what i (?:need|needed|wanted|was after))|"
    r"(?:that'?s|that is) (?:(?:about|just about|pretty much|more or less) )?(?:it |all )?"
    r"(?:for|on) (?:the |my )?(?:"
    + ANY_STAGE
    + r")|(?:that|this|those|these|it) (?:covers|wraps up|settles) (?:the |my )?(?:"
    + ANY_STAGE
    + r")|(?:that'?s|that is) (?:the|my) (?:"
    + ANY_STAGE
    + r")|i (?:know|have heard|'ve heard|'ve seen) enough|"
    r"i(?: have|'ve got|'ve| got| think i have) (?:enough|everything|what i (?:need|needed)|"
    r"all i need|a (?:clear|good|full|decent) (?:picture|idea|sense|understanding)|"
    r"the (?:full |whole |big )?(?:picture|gist))|"
    r"i(?: have|'ve) covered (?:the |my )?(?:" + ANY_STAGE + r")|"
    r"(?:i'?m|we'?re|i am|we are) (?:good|set|all set|done|happy|comfortable)|(?:all|looks) good|"
    r"(?:nothing|not much) (?:else|more|further)?\s*(?:to (?:add|ask|say))?|"
    r"no (?:more|further|other) questions|i(?:'ve| have)(?: got)? nothing (?:more|else|further)|"
    # "both of those feel settled", "those two are done": the parts just walked through
    r"(?:both(?: of)? (?:those|these|them)|(?:those|these)(?: two| parts| stages)?|both)"
    r"(?:'re| are| feel| seem| look)(?: \w+)? (?:covered|done|settled|sorted|clear|complete)|"
    r"(?:the )?(?:"
    + ANY_STAGE
    + r"|it|this|that)(?:'s| is| are) (?:covered|done|settled|sorted|clear)|"
    # "that's the backdrop I needed", "I don't need anything more on requirements"
    r"(?:that'?s|that is) (?:the|all the|my) (?:\w+ ){1,2}?(?:i|we) (?:needed|need|wanted|"
    r"was after)|i (?:don'?t|do not) need (?:to (?:know|ask|hear) )?(?:anything|any) "
    r"(?:more|else|further))\b"
)
_CLOSURE_TAIL = 4  # words a closure may carry after it ("...enough context for me")


def closes_plain(plain: str) -> bool:
    """The sentence, already in plain progress words (`acts.plain_progress`), says the current
    part is done (`_CLOSURE`, at most `_CLOSURE_TAIL` words and no number after it): the core of
    `closings.closes_part`, and one way `acts.wants_move_on` moves on."""
    s = ACK.sub("", plain)
    m = _CLOSURE.match(s)
    if m is None:
        return False
    end = CLAUSE_END.search(s, m.end())
    tail = s[m.end() : end.start() if end else len(s)]
    return len(tail.split()) <= _CLOSURE_TAIL and not re.search(r"\d", tail)


# -- the talk closed -------------------------------------------------------------------------

# Hedges and thanks after a request ("we're done here I think", "let's stop, thanks"): the
# request is whole without them.
TAIL_HEDGE = re.compile(
    # "done, thx", "end here pls": thanks and please in their chat shorthands too
    r"(?:[\s,]+(?:i think|i guess|i reckon|i believe|i suppose|thanks|thank you|thx|ty|cheers|"
    r"please|pls|plz|then|"
    r"if (?:that'?s|it'?s) (?:ok(?:ay)?|alright|all right|fine)(?: with you)?|"
    r"if you don'?t mind))+\W*$"
)


# A message that is nothing but a closure naming no part ("That is all.", "I have nothing
# further to add.", "I am finished."): the account is over. Inside a longer message the same
# words close one answer ("log loss and AUC. That's all."); with a part named, that part. Both
# registers: the uncontracted forms of a formal or plain speaker as well as the contractions.
_BARE_CLOSURE = re.compile(
    r"^(?:i (?:think|believe|suppose|reckon|guess) )?"
    r"(?:(?:that|it)(?:'s| is) (?:all|it|everything)|"
    r"(?:i(?:'ve| have)(?: got)? )?nothing (?:more|else|further)(?: to (?:add|say))?|"
    r"i(?:'m| am) (?:all )?(?:finished|done))\W*$"
)


# "Anything else you want pinned down?", "What else would you like to know?": a question
# asking for more of the current part, which a bare closure then answers
_ASKS_FOR_MORE = re.compile(
    r"\b(?:anything|something|what) (?:else|more)\b|\bany (?:other|more|further)\b|"
    r"\badd anything\b|\b(?:full|whole|complete) list\b|\bis that (?:all|everything)\b"
)


def closes_the_talk(snorm: str, open_question: str | None = None) -> bool:
    """The sentence is a bare closure that names no part ("that is all", "I have nothing
    further to add"): said as a whole message, it ends the interview; not as the answer to a
    question asking for more ("anything else?", "any other features you'd include?", "is
    that the full list?"), where it closes only the part asked about."""
    if open_question and _ASKS_FOR_MORE.search(normalize(open_question)):
        return False
    return _BARE_CLOSURE.match(ACK.sub("", TAIL_HEDGE.sub("", snorm)).strip()) is not None


# Closing with no part named ("I'll leave things there", "let me stop at that") and thanks in
# it or after it ("; thanks, I learned a lot"): the interview closed, not a part of it; a part
# left for the next one is named ("leave the features there"), or no thanks comes with it.
_CLOSED_HERE = re.compile(
    r"\b(?:i|i'?ll|i'?d|i will|i would|i'?m going to|i am going to|let me|let'?s|we'?ll)\s+"
    r"(?:\w+\s+){0,3}?(?:leave|stop|end|park)\b[^,;.!?]{0,30}?\b(?:there|here|at that)\b"
)
# ("thanks to the filter" gives a cause, no thanks)
_THANKS = re.compile(r"\b(?:thanks(?! to\b)|thank you|thx|cheers|appreciate|grateful)\b")


def closed_with_thanks(norms: list[str], i: int) -> bool:
    """Sentence `i` of `norms` closes with no part named (`_CLOSED_HERE`) and it or a later
    sentence thanks the interviewer, no stage named in any: the interview ends."""
    if not _CLOSED_HERE.search(norms[i]):
        return False
    said = " ".join(norms[i:])
    return bool(_THANKS.search(said) and not STAGE_BARE.search(said))


# "thanks, that's all", "that's everything, thank you": a whole message closing with thanks;
# a bare "that's all" can close one answer ("log loss, that's all"), the thanks closes the talk
THANKED_AND_DONE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|great|cool|right|alright)\W+)?(?:thanks|thank you)\W+that'?s "
    r"(?:all|it|everything)\W*$|^\W*that'?s (?:all|it|everything)\W+(?:thanks|thank you)"
    r"(?: (?:so much|very much|for (?:your|the) time))?\W*$"
)


# "we're done here", "we are all done": the candidate's part of the interview is over
WE_ARE_DONE = re.compile(r"\bwe(?:'?re| are) (?:all )?(?:done|finished)(?: here| now)?\W*$")


# The whole answer given, in idioms: "that's a wrap from me", "I've said what I came to
# say", "I'll call time on it here", "that's me talked out", "nothing left in the tank".
ENDING_IDIOM = re.compile(
    r"\b(?:that'?s a wrap|stop(?:ping)? the clock|call(?:ing)? time|wind(?:ing)? (?:it |this |"
    r"things |everything )?up|rest my case|(?:me|i'?m|i am) (?:all )?talked out|given (?:it|this) "
    r"(?:my all|everything i'?ve got)|nothing (?:left|more) in the tank|all (?:she|he) wrote|"
    r"(?:i'?ve|i have) said (?:what|all|everything) i (?:came|wanted|meant|had|needed) to say|"
    # "that's everything I planned", "that's all I had to cover"
    r"that'?s (?:everything|all|it) (?:i|we) (?:planned|prepared|had|wanted)(?: to (?:say|cover|"
    r"present|show))?|"
    # "I think I've said everything I wanted to.": the whole message, nothing named after it
    r"^(?:i think |i guess |ok(?:ay)?,? |so,? )?(?:i'?ve|i have) said (?:all|everything) i "
    r"(?:wanted|meant|had|needed) to(?= *[.!]* *$))"
    r"(?:\s+(?:on it|from me|for me|for today|on my side|here|there|now))*\s*(?:[,.!;?]|$)"
)
# Courtesies that close a talk, but only at its end: thanks for the interview itself ("thank
# you for the interview", "thanks for listening", "thanks a lot for your time today"), the end
# of the account reached ("that brings me to the end of what I wanted to present"), the session
# looked back on as a whole ("it's been a useful hour", "I enjoyed this"; not one answer:
# "that's been helpful, thanks" after a fact). With more after them ("Thanks for listening.
# Next I'd cover serving", "I enjoyed this, but let me add one thing") they open or bridge.
COURTESY_CLOSE = re.compile(
    r"\b(?:thank(?:s| you)(?: (?:so|very) much| a lot)? for (?:(?:the|this|your) (?:interview|"
    r"session|chat|call|conversation|time)|listening)(?: today)?|"
    r"brings (?:me|us) to the end(?: of (?:what|everything|all) i (?:had|wanted|planned|meant)"
    r"(?: to (?:say|present|cover|show|walk through))?)?|"
    r"(?:it'?s|it has|this has|this'?s|that'?s|that has) been (?:a |an )?(?:(?:really|very) )?"
    r"(?:(?:useful|great|good|fun|helpful|enjoyable|lovely|productive|interesting) (?:hour|"
    r"session|chat|interview|conversation|exercise)|(?:real |great )?pleasure)|"
    r"i (?:really )?enjoyed (?:it|this|the (?:session|interview|chat|conversation)))"
    r"(?:\s+(?:on it|from me|for me|for today|on my side|here|there|now))*\W*$"
)
