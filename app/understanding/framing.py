"""Whose approach a mention is: the candidate's own, or one they name in order to set it aside.

Correct practice often names the mistake without negating it: someone else's approach ("a
junior might report accuracy here, and I'd push back"), a foil ("a state-of-the-art model is
tempting, but..."), the mistake named as such ("the classic trap here is a random split"), a
baseline to beat ("as a baseline I'd rank by clicks alone"), data kept out ("we strip religion
and health from the features"), a concession ("even if offline AUC improves"), an alternative
replaced later in the sentence ("..., so I'd hold out the last weeks instead"), a
counterfactual ("if we shuffled the logs, the model would see the future"), or a condition
whose outcome keeps it out ("if a pin moves to a secret board, we remove it from the index").
Such a mention is affirmed for polarity but is not a red flag. Only red flags consult this (the
reader's claims, its mistake detectors and the leakage detector): good practice keeps its
credit rules.
"""

from __future__ import annotations

import re

from app.knowledge.text import content_stems
from app.understanding.polarity import (
    PIECE_END,
    TURNED_DOWN,
    clause_bounds,
    clause_ends,
    polarity_of_span,
    reach,
)

MAX_CLAUSES = 16  # a "sentence" with more clauses is a list, not a framed mistake

# Kept out on purpose ("excluded", "left out", "drop it", "filter them out").
EXCLUDE = re.compile(
    r"\b(?:exclud\w*|leav\w* (?:[\w'’-]+ ){0,3}?out|left out|stays? out|stay(?:ing|ed) out|"
    r"kept out|keep\w* (?:[\w'’-]+ ){0,3}?out|drop(?:s|ped|ping)?|remov\w*|strip\w*|"
    r"filter\w* (?:[\w'’-]+ ){0,3}?out|mask\w*|discard\w*|throw\w* (?:[\w'’-]+ ){0,2}?away|"
    r"withh[eo]ld\w*|hold\w* back|off[- ]limits|forbid\w*|prohibit\w*|not allowed|"
    r"tak(?:e|es|ing|en) (?:[\w'’-]+ ){0,3}?out of)\b"
    # (not the first half of a compound: "the removed-content archive", "a drop-in")
    r"(?!-)"
)
# Kept out with the verb around it: "we keep direct messages completely out of ranking".
_KEEP_AROUND = re.compile(
    r"\b(?:keep|keeps|kept|keeping|leave|leaves|left|leaving|take|takes|took|taking|filter|"
    r"filters|filtered|filtering|hold|holds|held|holding|lock|locks|locked|shut|shuts)\s+"
    r"(?:[\w'’-]+\s+){0,3}?$"
)
_OUT_AFTER = re.compile(r"\W*(?:[\w'’-]+\s+){0,2}?out\b(?! of date)")

# Denied any use later in the sentence, by a word that points back to it: "users can send
# direct messages, but the ranker has no access to them", "secret boards exist; nothing from
# them is indexed".
_USE_WORD = (
    r"(?:access\w*|use|uses|used|using|index\w*|train\w*|personali[sz]\w*|reads?|touch\w*|"
    r"stor(?:e|ed|es)|logged|features?|inputs?)"
)
_BACK = r"(?:them|it|those|these|that data)"
_DENIED_USE = re.compile(
    r"\b(?:no|never|nothing|none|not|n't|without)\b[^.;]{0,40}?\b" + _USE_WORD + r"\b[^.;]{0,15}?"
    r"\b" + _BACK + r"\b|"
    r"\b(?:nothing|none|no \w+|not one \w+)\s+(?:from|of|in)\s+"
    + _BACK
    + r"\b[^.;]{0,25}?\b"
    + _USE_WORD
    + r"\b|"
    r"\b(?:they|those|these)\s+(?:are|were|will be|would be|get|gets)\s+(?:\w+ly\s+)?(?:never|not)"
    r"\s+(?:\w+ly\s+)?" + _USE_WORD + r"\b"
)

# Taken back right after it was said: "a random 20%... actually no, the most recent days",
# "we'd run it on every video, sorry, I mean on the shortlist".
RETRACT = re.compile(
    r"\b(?:actually,?\s+no|no,?\s+(?:wait|actually)|wait,?\s+no|scratch that|strike that|"
    r"sorry,?\s+i mean|i mean,?\s+no|on second thought|let me take that back|correction:)"
)

# Another practitioner as the subject: other teams, a junior, a common idea...
PRACTITIONERS = re.compile(
    r"\b(?:(?:some|many|most|a lot of|lots of|plenty of|other|several)\s+(?:\w+\s+)?"
    r"(?:teams|engineers|candidates|companies|advertisers|papers|systems|practitioners|"
    r"startups|shops)|(?:a|the|one)\s+(?:\w+\s+)?(?:junior|newcomer|beginner|intern|novice)s?|"
    r"juniors|in my (?:last|previous|old|first) (?:team|job|company|role)|"
    r"my (?:last|previous|old) team|(?:a|the) (?:common|classic|typical|usual|frequent|standard) "
    r"(?:first )?(?:idea|mistake|approach|trap|pitfall|error|answer|instinct|reflex)|"
    # colleagues and stakeholders: "a teammate proposed...", "my manager's take was..."
    r"(?:a|the|my|our|one|their)\s+(?:\w+\s+)?(?:colleague|teammate|team-mate|co-?worker|"
    r"manager|boss|pm|product (?:lead|manager|owner)|stakeholder|tech lead|director|"
    r"executive|exec)(?:s|'s)?|someone (?:on|in|from) (?:the|my|our|their|another) team)\b"
)
# ...or people in general, who may also be the product's users ("people who click"): they
# need the candidate's turn away, not just a modal.
_PEOPLE = re.compile(
    r"\b(?:(?:some|many|most|a lot of|lots of|plenty of)\s+)?(?:people|folks|someone|somebody|"
    r"others)\b|"
    # another team named by its role ("the research team's plan was ..."), not "our team"
    r"\b(?:the|a|one|another)\s+(?:(?!our\b|my\b)[\w-]+\s+)?team(?:'s|s)?\b(?<!\bthe team)"
)
# What such a practitioner might do or used to do ("a junior might", "teams used to").
_REPORTED = re.compile(r"\b(?:might|may|would|could|used to)\b")
# Labels that set something up to be knocked down ("tempting", "the naive objective").
_FOIL = re.compile(
    r"\b(?:tempting|naive(?! bayes)|naively|shortcut|straw ?man|ideally|in theory|"
    r"at first glance|first instinct|would be nice|obvious (?:first )?(?:idea|move|approach)|"
    # a wish: "the dream label would be ..., but nobody can label that"
    r"dream\w*|in an? (?:ideal|perfect) world|holy grail|(?:the )?(?:ideal|perfect) "
    r"(?:label|target|signal|objective|metric|answer))\b"
)
# What a design choice spares the team when something changes: "each chance stays honest, so
# that when the publisher reweights replies we change one figure and the model doesn't need
# retraining" (a benefit of the design, not a plan never to retrain).
_SPARED_BY_DESIGN = re.compile(r"\bso that (?:when|if|whenever|once)\b")
# An option the candidate weighed, then turned from later in the sentence or in the next one:
# "we considered tracking AUC only, since ..., but ...", "we went back and forth between one
# softmax and separate heads; the softmax is simpler, but ...".
_WEIGHED = re.compile(
    r"\b(?:i|we|the team)\s+(?:\w+ly\s+)?(?:considered|weighed|debated|entertained|toyed with|"
    r"went back and forth)\b"
)
# Options laid out side by side before any is chosen: "there are two ways to find neighbours:
# brute force over every vector, or an approximate index", "the choices are a nightly batch or
# ranking per request" (the pick, if any, is said after).
_OPTIONS_LEAD = re.compile(
    r"\b(?:(?:two|three|four|several|a few|a couple of|some|main|basic) (?:\w+ )?"
    r"(?:ways|options|approaches|choices|alternatives|designs|strategies)|(?:the|our|my) "
    r"(?:\w+ )?(?:options|choices|alternatives|candidates) (?:are|were|would be))\b"
)
# ...or put as a possibility with a listed alternative (", or"): "we could judge it by X, by Y,
# or by Z" (not "history they turned off or wiped", one thing described)
_POSSIBLE = re.compile(r"\b(?:i|we|you|one) (?:could|might)\b")
_LISTED_OR = re.compile(r",\s*(?:or|versus|vs)\b")
_OR_ANOTHER = re.compile(r"\b(?:or|versus|vs)\b")
_PICKED = re.compile(r"[;.!?]|\b(?:i|we)(?:'d|'ll| would| will)? (?:use|go|pick|choose|take)\b")
# ...followed by the candidate's own turn: a contrast, a refusal, a replacement.
_TURN = re.compile(
    r"\b(?:but|however|yet|whereas|instead|rather|though|i wouldn't|we wouldn't|i won't|"
    r"we won't|i'd never|refus\w*|reject\w*|push(?:ed|ing)? back|push for|disagree\w*|so now|"
    r"now i|now we|"
    # the candidate answers it: "I pointed out...", "I'd say no", "I'd correct that to..."
    r"(?:i|we) pointed out|(?:i|we)(?:'d| would)? (?:say|said) no|correct(?:ed)? (?:that|it|this)|"
    r"my answer|talked (?:them|him|her) out of|argued against|overrul\w*|vetoed|"
    # a drawback about to be seen: "X looks tempting until you notice that ..."
    r"until (?:you|we|i|one) (?:notice|realis|realiz|see|remember|look|consider|think|check)\w*)\b"
)
# An option named by its label at the head of the sentence ("Option A: a nightly job scores
# every pair", "the second option is to keep paused history"): laid out, not yet the
# candidate's, unless the sentence (or the next one's opening) picks it ("..., which I'd
# choose", "that's the one I'd take").
_OPTION_LABEL = re.compile(
    r"^\W*(?:(?:option|approach|alternative|choice|design|candidate)\s+(?:[a-d1-4]|one|two|"
    r"three|four)\b|(?:the\s+)?(?:first|second|third|fourth|other|another|last|one)\s+"
    r"(?:option|approach|alternative|choice|design|way)\b)"
)
_OPTION_PICKED = re.compile(
    r"\b(?:i|we)(?:'d|'ll| would| will)? (?:\w+ly )?(?:choose|pick|take|go with|go for|prefer|"
    r"recommend|start with|ship|do)\b|\bthe one (?:i|we)\b|\bmy (?:choice|pick|preference)\b"
)
_PICKED_NEXT = re.compile(
    r"^\W*(?:that's|that is|this is|which is|it's|it is) (?:the one|what|my (?:choice|pick))\b"
)
# A short verdict ending the sentence after a turn: "Clicks alone: easy to measure, but it
# rewards clickbait, so no." ("so no" on what came before the turn).
_ENDS_REJECTED = re.compile(
    r"[,;:\u2013\u2014]\s*(?:so\s+)?(?:no|nope|not (?:that|this|it)(?: one)?|(?:that|it|this)"
    r"(?:'s| is) (?:out|a no(?:-go)?|ruled out))\W*$"
)
# Someone else's request or pitch put as a hypothesis the candidate answers: "if a PM asked me
# to just optimise for clicks, I'd show them ...", "if anyone pitches mining private chats, my
# answer is no". The mention is in the condition; the reply is the main clause, unless it goes
# along ("I'd do it", "sure").
_PITCH_IF = re.compile(
    r"\bif\s+(?:(?:a|an|the|my|our|one|some|any)\s+)?(?:\w+\s+)?(?:pm|"
    r"product (?:lead|manager|owner)|manager|boss|stakeholder|exec\w*|director|colleague|"
    r"teammate|co-?worker|lead|team|anyone|anybody|someone|somebody|people|folks|others|"
    r"client|customer|advertiser)s?\s+(?:(?:ever|really|just|then|later|still)\s+)?"
    r"(?:asks?|asked|pitch(?:es|ed)?|propos(?:es|ed|e)|suggest(?:s|ed)?|wants?|wanted|"
    r"insists?|insisted|push(?:es|ed)? (?:for|to|us to)|comes? to me with|came to me with|"
    r"tells? me to|told me to|brings? up|brought up|floats?|floated)\b"
)
_GOES_ALONG = re.compile(
    r"\b(?:i|we)(?:'d| would|'ll| will)? (?:(?:just|happily|gladly|probably) )?"
    r"(?:do (?:it|that|so)|go (?:with|along)|agree|say yes|accept (?:it|that))\b|"
    r"\b(?:sure|happy to|fine by me|no problem|why not|go ahead|let (?:them|him|her))\b"
)
# The interviewer's point named as the topic a reply opens with: "to your point about exact
# nearest neighbours: at a few billion vectors that's out of reach". The mention is in the
# header (before its ':' or ','); a reply that opens by agreeing keeps it.
_YOUR_POINT = re.compile(
    r"^\W*(?:(?:to|on|about|regarding|re|as for|as to|(?:coming )?back to)\s+)?(?:your|the)\s+"
    r"(?:point|question|concern|comment|challenge|pushback|suggestion|idea)\s+"
    r"(?:about|on|of|regarding|re|around)\b[^:;,\u2013\u2014]*[:;,\u2013\u2014]"
)
# ...or the interviewer's question or suggestion reported: "you asked why not precompute every
# pair overnight; that is far too many scores" (the mention before its ':', ';', ',' or dash).
_YOU_ASKED = re.compile(
    r"^\W*(?:you|the interviewer)\s+(?:just\s+|also\s+)?(?:asked|suggested|proposed|mentioned|"
    r"raised|wondered|brought up|floated|challenged)\b[^:;,\u2013\u2014]*[:;,\u2013\u2014]"
)
_AGREES = re.compile(r"\W*(?:yes|yeah|yep|sure|agreed|right|exactly|absolutely|fair|good point)\b")
# A story of what happened before ("last time a team shuffled the logs, the offline AUC lied",
# "we got burned once by a 24-hour test") answered by what the candidate does now ("so here",
# "which is why"); a story endorsed ("it worked fine, so I'd do the same") keeps its mistake.
_PAST_STORY = re.compile(
    r"\b(?:last time|years ago|a year ago|last (?:year|quarter)(?:'s)?|"
    r"back (?:when|then|in)|in (?:a|one|my|our) (?:past|previous|former|"
    r"old|last|earlier) (?:project|job|team|company|role|life)|(?:on|in|at|with) (?:a|one|my|our) "
    # "on a previous image search project", "on a video product I worked on"
    r"(?:(?:past|previous|former|old|last|earlier) )?(?:[\w-]+ ){0,3}?(?:project|product|job|team|"
    r"company|system|app) (?:(?:i|we) (?:worked on|built|ran|owned|was on|were on|joined)|"
    r"(?:i|we) (?:had|ran|built|trained|shipped|used|tried))|(?:on|in|at|with) (?:a|one|my|our) "
    r"(?:past|previous|former|old|last|earlier) (?:[\w-]+ ){0,3}?(?:project|product|job|team|"
    r"company|system|app|role)|at (?:my|our|a) (?:previous|last|"
    r"old|former) (?:company|job|team|employer|place)|(?:got|get|were|was|been) (?:burned|burnt|"
    r"bitten|stung)|i(?:'ve| have) seen|(?:i|we|they) once|once (?:saw|had|worked|tried|shipped|"
    r"built|trained|used)|[a-z]+ once (?:\w+ed|had|saw|built|ran|took|made|put|got|went|did)|"
    r"(?:a|one) team i (?:know|knew|worked with|joined|advised)|"
    # "somewhere I worked, we ...", "a startup I worked for once ..."
    r"somewhere (?:i|we) (?:worked|used to work)|(?:a|one|the) (?:place|company|startup|shop|"
    r"employer) (?:i|we) (?:worked|used to work) (?:at|for|with)|"
    # "a previous version I know of indexed ...", "one system we inherited ranked ..."
    r"(?:a|an|one) (?:previous|earlier|old|older|former|first) (?:version|system|design|model|"
    r"pipeline|setup|ranker) (?:i|we) (?:know|knew|saw|inherited|worked on|replaced))\b"
)
_NOW = re.compile(
    r"\b(?:so (?:here|now|this time|for this|i|we|i'd|we'd|i'll|we'll|in this design)|"
    r"which is why|that's why|that is why|this time|for this one|here,|since then|ever since|"
    r"now i|now we|in my design|(?:in|for) this (?:design|system|problem|product|project|case)|"
    # "here it's two steps", "what I'd do here is ..."
    r"here (?:i|we|it's|it is|i'd|we'd|i'll|we'll)|(?:i|we)(?:'d| would) do (?:here|now|instead))\b"
)
_WENT_BADLY = re.compile(
    r"\b(?:awful|terrible|horrible|disast\w*|backfired|blew up|fell (?:flat|apart)|lied|misled|"
    r"burn(?:ed|t)|failed|broke|crashed|went (?:badly|wrong)|was wrong|were wrong|painful|"
    r"fell over|(?:had )?(?:fallen|dropped|degraded|decayed) (?:\w+ ){0,2}?(?:noticeably|badly|"
    r"sharply|a lot)|"
    r"a mess|regrett?\w*|"
    r"(?:never|didn't|did not) (?:show up|hold up|survive|transfer|carry over)|"
    # the people served saw it go wrong: "users noticed", "advertisers complained"
    r"(?:users|people|customers|viewers|advertisers|everyone) (?:\w+ly )?(?:noticed|complained))\b"
)
# The candidate's own past act opening the clause of a mention whose story is told after it:
# "we tried a nightly precomputed feed at a startup I worked for"
# (a tried act, or one done once: "we used X" and "we went with X" are how designs are told)
_OWN_PAST_ACT = re.compile(
    r"\b(?:i|we)\s+(?:(?:once|first)\s+)?tried\b|\b(?:i|we)\s+once\s+(?:used|had|built|"
    r"shipped|ran|went with|chose|picked|deployed|launched)\b"
)
# ...or, inside the story, the mistake as a fault found out: "we discovered months in that the
# pipeline still read paused history".
_FOUND_OUT = re.compile(r"\b(?:discovered|realised|realized|found out)(?: [\w-]+){0,3}? that\b")
_AT_SCALE_NOW = re.compile(
    r"^\W*(?:but\s+)?(?:at|with|for|across)\s+(?:[\w,.-]+\s+){0,2}?(?:billions?|trillions?|"
    r"(?:this|our|that|production|full|real) scale)\b"
)
_RESPONSE_OPENS = re.compile(r"\W*(?:so|therefore|hence|thus|instead|which is why|that's why)\b")
_ENDORSED = re.compile(
    r"\b(?:the same|again|worked (?:out )?(?:fine|well|great|nicely)|(?:it|that) was fine|"
    r"no (?:problems?|issues?)|did the trick|do it that way)\b"
)
# A list of what to avoid: "things to avoid in the feature set: religion, health, ...",
# "pitfalls to steer clear of: random splits, ..." (the list runs to the end of the sentence or
# its next ";").
_AVOID_HEADER = re.compile(
    r"\b(?:avoid\w*|steer clear|stay away|keep\w* out|leave out|don'?ts|do-nots|pitfalls?|traps?|"
    r"mistakes?|anti-?patterns?|red lines?|no-?gos?|not to do|never to do|watch out|beware|"
    r"gotchas?|shortcuts?|off[- ]limits|banned|forbidden|won't do|will not do|wouldn't do|"
    r"never do)\b|"
    # the candidate's own refusal: "three things I would not take here:", "what we never ship -"
    r"\b(?:i|we)(?:'d|'ll)?\s+(?:(?:would|will|should|must|do|did)(?:n't|\s+not|\s+never)|never|"
    r"won't|wouldn't|don't)\s+(?:\w+\s+)?(?:do|take|use|try|ship|make|want|accept|allow|"
    r"recommend|build|touch|go with|go for|"
    # what goes into the model or the data: "things I will not put in the model:"
    r"put|include|add|feed|index|store|collect|log|infer|train on|rely on)\b|"
    r"\b(?:don'?t|do not|never)\W*$"  # a header that is just "Don't:"
)
# A line of a list: "- random split", "* rank by clicks alone", "2) ...", or a bare "1."
_LIST_LINE = re.compile(r"^\s*(?:[-*•·–]|\d+[.)])(?:\s|$)")
_SUBORDINATE = re.compile(r"\b(?:because|since|while|when|so that)\s*$")
_HEADER_END = re.compile(r"[:\u2013\u2014]|\s-\s")
MAX_HEADER_WORDS = 12

# Framed as the baseline to beat ("as a baseline", "is a quick baseline", "a baseline to beat").
_BASELINE = re.compile(
    r"\b(?:as (?:a|the|our|my) (?:[\w-]+ ){0,2}?baseline|(?:is|are|makes?|serves? as) "
    r"(?:a|the|our|one|my) (?:[\w-]+ ){0,3}?baselines?|baselines? to beat)\b"
)
# Named as the mistake itself: "the classic trap here is X", "the risk with X is clickbait"
# ("the problem is X" is often the task itself: only "the problem with X" judges X).
_JUDGED = re.compile(
    # (who makes it may come between: "a mistake I see often is ...", "the trap teams fall into
    # here is ...")
    r"\b(?:trap|mistake|pitfall|anti-pattern|gotcha)s?(?: (?:that )?(?:i|we|you|people|teams|"
    r"candidates|engineers|juniors|beginners|newcomers|folks|many|most)(?: [\w'’]+){0,3}?)?"
    r"(?: here| in practice)? (?:with|of|in|is|are|was|would be|:)|"
    r"\b(?:risks?|dangers?|downsides?|flaws?) (?:with|of|in)\b|"
    r"\b(?:problems?|issues?|trouble) with\b|"
    # the risk a sentence is about, said before it ("the danger we should watch for here is X",
    # "the risk I'd keep an eye on is X"; "the catch is that X"), but not a sized risk ("the
    # risk is small, so ...", whose mention sits in the next clause)
    r"\bthe (?:main |big |biggest |real |one )?(?:risks?|dangers?|failure(?: mode)?s?|traps?|"
    r"worr(?:y|ies)|catch|snag|drawbacks?|downsides?)(?: (?:that |which )?(?:i|we|you|i'd|we'd|"
    # (a verb of watching or fearing: "the one catch we'd accept is X" accepts X)
    r"you'd|i'll|we'll)(?: (?:should|must|need to|have to|would|will|can|could|really|also))*"
    r" (?:watch|worry|keep an eye|guard|look|check|fear|expect|face|run into|see|think about|"
    r"care about|flag|hit)\w*(?: [\w'’-]+){0,5}?)? (?:is|are|would be)\b(?! (?:small|low|minor|"
    r"limited|tiny|negligible|acceptable|fine|manageable)\b)|"
    # "my worry with classification accuracy is ...", "the concern about a nightly batch"
    r"\b(?:worr(?:y|ies)|concerns?|objections?|criticisms?) (?:with|about)\b"
)
# A sentence that opens by saying what goes wrong: "the catch is that ..., so shuffled rows sit
# among training rows" (all it says after is the drawback, unless the candidate's own plan
# comes in: "the problem is that data is scarce, so we shuffle and split").
_DRAWBACK_THAT = re.compile(
    # (a word run taken whole, "++": a long run of dashes fits both classes and would backtrack)
    r"^\W*(?:[\w'’-]++\W+){0,3}?the (?:trouble|problem|issue|catch|snag|downside|drawback) "
    r"(?:here |with (?:that|this|it) )?is that\b"
)
# A replacement said after the fact, as the answer to what came before: "..., so I'd hold out
# the last weeks instead" (an "and ... instead" may replace something else).
_INSTEAD = re.compile(r"\binstead\b(?! of)|\b(?:i|we)(?:'d| would) (?:much )?rather\b(?! than)")
_RESPONSE = re.compile(r"\b(?:so|but|therefore|hence|thus|which is why|that's why|that is why)\b")
# "Had the logs been shuffled, ...", "had accuracy been the yardstick": a condition by inversion
# (at the start of a clause, so "we had a random split" is not one).
_INVERTED_HAD = r"(?:^|(?<=[,;:]))\W*had\s+(?!to\b)(?:[\w'’-]+\s+){0,6}?(?:been|\w+ed)\b"
_CONDITION = re.compile(
    r"\b(?:if|suppose|imagine|were we to|had we)\b|(?:^|(?<=[,;:]))\W*had\b(?!\s+to\b)"
)
# A judged approach put as the harm it would do: "a random split would put the same session
# on both sides", "precomputing everyone's feed overnight would leave new posts invisible until
# the next run", "top-1 accuracy would say little about a ranked list". The mention is the
# subject of the modal (or in what follows it), the subject is not the candidate ("we'd ..." is
# their plan), and what would happen is a harm, not a plan ("a nightly job would score every
# pair, so serving is a lookup" keeps its flag).
_MODAL = re.compile(r"\b(?:would|could|might)\b")
_OWN = re.compile(r"\b(?:i|we|you|i'd|we'd|you'd|i'll|we'll|let's|let us)\b")
_HARM = re.compile(
    r"\b(?:invisible|stale|outdated|leak\w*|little|nothing|violat\w*|privacy|wrong\w*|"
    r"mislead\w*|miss(?:es|ed|ing)?|fail\w*|break\w*|broken|hurt\w*|inflat\w*|overstat\w*|"
    r"novelty|bias\w*|noise|noisy|useless|meaningless|wast\w*|impossible|infeasible|unfair|"
    r"illegal|unethical|tomorrow's|(?:the )?future|both sides|(?:train|training) and (?:test|"
    r"testing|eval\w*)|\w*bait|outrage|regret\w*|harm\w*|danger\w*|los(?:e|es|ing)|lost|worse|"
    r"degrad\w*|decay\w*|confus\w*|fool\w*|blow\w*|overcharg\w*|punish\w*|bury|cheat\w*|"
    r"fall(?:s|ing)? (?:apart|flat|over)|collaps\w*|"
    r"overfit\w*|too (?:slow|expensive|costly|late|long|much)|no longer|never|"
    # nothing learnt from it: "I'd have no idea whether its gain was worth the cost"
    r"no (?:idea|clue)|no way (?:to|of) (?:know|tell)\w*|(?:can['’]?t|cannot|couldn['’]?t) tell|"
    # stale: "would keep recommending last month's content", "yesterday's posts"
    r"yesterday['’]s|last (?:week|month|year|season)['’]s|"
    # a magnitude cited as the cost: "scoring every pair would be trillions of rows a day"
    r"trillions?|quadrillions?|orders? of magnitude|"
    # says too little: "a one-day test would only catch crashes"
    r"(?:only|merely|just) (?:catch|measure|show|tell|see|reflect|capture|find|cover)\w*)\b"
)
# (the harm is what comes before a turn: "X would be slow, but it's worth it" keeps X)
_BUT = re.compile(r"\b(?:but|however|yet|although|though)\b")
# Disparaged as an approach, then described as what it would do: "a naive pipeline would mark
# reported posts as harmful; ...", "the textbook answer would be to shuffle".
_NAIVE = re.compile(r"\b(?:naive(?! bayes)|naively|textbook|simplistic|knee-jerk|lazy)\b")
# Quoted words are someone's words under discussion: 'the textbook answer is "shuffle and split
# 80/20", but ...' (a short quoted name is not; nor a quote the candidate adopts: 'we'd "just
# shuffle"').
_QUOTE = re.compile(r'"([^"\n]+)"|\u201c([^\u201d\n]+)\u201d')
_ADOPTED = re.compile(
    r"\b(?:i|we)(?:'d|'ll| would| will)?(?:\s+(?:just|simply))?"
    r"(?:\s+(?:say|do|go with|use|pick|take))?\W*$"
)
# Put off until after something else: "before I jump into the architecture, what is...?"
_BEFORE = re.compile(r"\bbefore\s+(?:[\w'’-]+\s+){0,3}?$")
# Said only under a condition: "retraining would be wasted effort only if the content never
# changed, and it does".
_ONLY_IF = re.compile(
    r"\W*(?:[\w'’-]+\W+){0,6}?only (?:if|when|"
    # "only once reviewers confirm them" (not "trained only once", "only once a week")
    r"(?:once|after)(?=\s+(?!(?:and|or|but|a|an|per|every|in|then|more)\b)[a-z]))\b"
)
# Kept out as an example of what is only known later: "I'd leave out anything logged after the
# impression, such as whether the user liked the video" (the exclusion names a class of data
# by when it exists; the mention is one of its examples).
_LATER = re.compile(
    r"\b(?:logged|known|recorded|collected|observed|measured|seen|happens?|happened|arrives?|"
    r"comes? in|generated|created|available)\s+(?:only\s+)?(?:after|later)\b"
)
_EXAMPLE = re.compile(
    r"\W*(?:[\w'’-]+\W+){0,5}?(?:such as|like|e\.?g\.?|including|for example|for instance)"
    r"(?:\s+(?:the|a|an|its|their|his|her|our|any|this|that))?\W*$"
)
# Judged right after it was said: "many candidates shuffle the logs; it's a classic mistake",
# "we could split at random. That would leak." (not "it's a mistake to use AUC", which judges
# what follows).
_VERDICT_AFTER = re.compile(
    # "clicks alone as the objective: rejected", "CTR-only — a non-starter"
    # (or after a plain hyphen or an arrow: "full catalogue on each request - rejected")
    # (or in the next cell of a table row, past an empty one: "| top-1 accuracy | - | not used |")
    r"\s*(?:[:\u2013\u2014\u2192]|-(?=\s)|->|[\s|-]{0,12}\|)\s*(?:\w+ly\s+)?(?:rejected|"
    r"ruled out|not an option|not meaningful|meaningless|"
    r"no-?go|"
    r"out of the question|off the table|a non-starter|wrong|a trap|a mistake|dropped|discarded|"
    r"avoided|bad idea|never|nope|no(?=\W*$|\W*[.;,])|"
    # kept out of the data: "rows from kids accounts: filtered out before training"
    r"excluded|filtered out|left out|kept out|(?:not|never) used|"
    # a cost that rules it out: "heavy ranker over the full catalogue: too slow by far"
    r"too (?:slow|expensive|costly|late)|infeasible|impossible|unaffordable)\b|"
    r"\W*(?:and\s+|but\s+)?(?:(?:here|in this case|in practice|for us|sadly|unfortunately|"
    r"honestly|in our case)\W+)?(?:it|that|this|which|both)(?:'s|'d be| is| was| would be| are)\s+"
    r"(?:(?:\w+ly|just|simply|also|exactly)\s+)?(?:a |an |the )?(?:classic |common |typical |"
    r"big |real |serious |rookie |known |textbook )?(?:mistake|trap|pitfall|error|bad idea|"
    r"anti-pattern|red flag|wrong|misleading|leakage|cheating|bug)\b(?!\s+(?:to|if|when)\b)|"
    # a short answer to a question the candidate put: "whether a softmax could work; it can't"
    r"\W*(?:and\s+|but\s+)?(?:it|that|this|which)\s+(?:can't|cannot|doesn't|does not|won't|"
    r"will not|wouldn't|would not|couldn't)(?:\s+(?:work|scale|fit|hold))?"
    # ("it doesn't work for us:", "that won't scale here.")
    r"(?:\s+(?:here|for us|in our case|in practice|at (?:our|this) scale))?\s*(?:[,;:.]|$)|"
    r"\W*(?:and\s+|but\s+)?(?:(?:here|in this case|in practice|for us|sadly|unfortunately|"
    r"honestly|in our case)\W+)?(?:it|that|this|which)(?:\s+(?:would|will|could))?\s+(?:leaks?|"
    r"inflates?|cheats?|overstates?|misleads?|"
    # it goes wrong: "that fails here because ...", "that misses what users want"
    r"fail(?:s|ed)?|breaks?(?! (?:ties|down|up|into))|broke|backfire[sd]?|miss(?:es|ed)|"
    r"falls? (?:apart|flat|over)|"
    r"go(?:es)? wrong|went wrong)\b"
)
# Endorsed only for another use: "exact kNN is fine for a prototype, not for billions".
_ELSEWHERE = re.compile(
    r"\W*(?:[\w'’/-]+\W+){0,8}?(?:is|are|would be|works?|might work|could work)\s+"
    r"(?:(?:\w+ly|only|just)\s+)?(?:fine|ok|okay|good enough|acceptable|enough|useful)?\s*"
    r"(?:for|at|in|with|on)\b[^;.]{0,60}?,\s*(?:(?:but\s+)?not\s+(?:for|at|in|with|on|when|once|"
    r"if)\b|"
    # "..., but at ten billion videos", "..., but in production"
    r"but\s+(?:at|for|with|in|once)\s+(?:[\w'’,.-]+\s+){0,3}?(?:scale|production|prod|"
    r"billions?|millions?|full size|real traffic)\b)"
)
# Demoted to a side role: "overall accuracy is only a sanity check".
_DEMOTED = re.compile(
    r"\W*(?:[\w'’-]+\W+){0,4}?(?:is|are|serves? as|stays?|remains?)\s+(?:only|just|merely|at most)"
    r"\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:sanity check|tie-?breaker|diagnostic|guardrail|side metric|"
    r"secondary metric|debugging aid|reference point)\b"
)
# What a metric can see, said of it as its limit: "AUC only measures the ordering", "accuracy
# only counts hits" (the metric the subject of its own verb, not the candidate's gate).
_ONLY_MEASURES = re.compile(
    r"(?:(?<=\bonly)|\s+only)\s+(?:measures|captures|reflects|counts|tells (?:us|you)|sees|"
    r"looks at|cares about|rewards|checks|judges|ranks|orders)\b"
)
# Said, as its subject, to tell nothing about what matters, in the present: "classification
# accuracy tells you nothing about a list of fifty results", "top-1 accuracy says little here",
# "accuracy is meaningless at 1% positives" (a verdict on it, not the candidate's metric).
_SAYS_NOTHING = re.compile(
    r"\s+(?:(?:\w+ly|really|also|alone|here)\s+)?(?:(?:tells?|says?|shows?|reveals?|means?|"
    r"proves?)\s+(?:(?:you|us|me|anyone|anybody|them|the \w+)\s+)?(?:(?:next to|almost|very|"
    r"precious|so|too)\s+)?(?:nothing|little)|(?:is|are)\s+(?:(?:\w+ly|just)\s+)?"
    r"(?:meaningless|useless|worthless|pointless|uninformative))\b"
)
# A side role heading the sentence, the mention after its colon: "Sanity check: top-1 accuracy
# of the category head", "Guardrail: CTR per slot".
_SIDE_HEADING = re.compile(
    r"^\W*(?:sanity[- ]checks?|smoke[- ]tests?|guardrails?(?: metrics?)?|diagnostics?|"
    r"(?:for )?debugging|secondary(?: metrics?)?|side metrics?|health checks?|"
    r"monitored(?: only)?)\s*[:\u2013\u2014]\s*"
)
# A pretrained component's published score, not the system's metric: "85% top-1 accuracy on
# ImageNet", "its accuracy on a public benchmark".
_BENCHMARK_SCORE = re.compile(
    r"\s*(?:of\s+[\d.]+\s*%\s+)?on\s+(?:the\s+)?(?:imagenet(?:-\w+)?|coco|cifar-?\d*|mnist|"
    r"(?:super)?glue|squad|open images|kinetics(?:-\d+)?|(?:a |an |the )?(?:public|standard|"
    r"academic|published) (?:benchmark|leaderboard|dataset)s?)\b"
)
# Kept to a side purpose later in its clause: "I measured accuracy of the category head for
# debugging, nothing more", "exact kNN only as a reference for the ANN's recall".
_SIDE_ROLE = (
    r"(?:as|for)\s+(?:a\s+|an\s+)?(?:debugging|debug|sanity[- ]checks?|diagnostics?|diagnostic|"
    r"reference|tie-?breaker)"
)
_SIDE_USE = re.compile(
    r"\b(?:(?:only|just|purely|solely|merely)\s+" + _SIDE_ROLE + r"\b|" + _SIDE_ROLE + r"\W+"
    r"(?:nothing (?:more|else)|and nothing (?:more|else)|only|that's all|no more)\b|"
    # ...or a side role set against the main one: "tracked as a debugging signal, but the
    # metric we decide on is mAP"
     + _SIDE_ROLE + r"\b[^,;.]{0,25}?,?\s+(?:but|while|whereas)\b|"
    # ...or set against the system's own metric: "..., but that's a check on one component,
    # not the system metric"
    r"\bbut (?:that'?s|that is|it'?s|it is) (?:only |just )?an? (?:[\w-]+ )?check on (?:one|a "
    r"single|a|the) (?:component|part|stage|piece|module|step)\b|"
    r",\s*not (?:the|our) (?:system|main|primary|headline|overall|end-to-end|launch|decision)\s+"
    r"(?:metric|number|measure)\b|"
    # ...or the way the reference answers are computed: "brute force is how we compute the true
    # neighbours for the test queries", "exact search, used to get the ground truth"
    r"(?:(?:is|are)\s+(?:how|what)\s+(?:we|i|you)(?:\s+use\s+to)?|used\s+(?:only\s+)?(?:to|for))\s+"
    r"(?:compute|get|build|obtain|produce|generate|find|label)\w*\s+(?:the\s+|our\s+)?"
    r"(?:ground[- ]truth|true|exact|reference|gold)\b|"
    # ...or the yardstick for what another part gives up: "to measure how much recall the
    # index loses", "to check how many true neighbours the approximation misses", "to measure
    # what the approximate index misses"
    r"\bto\s+(?:measure|estimate|quantify|check|see|know|track)\s+(?:how\s+(?:much|many)|what)\s+"
    r"(?:[\w-]+\s+){0,5}?(?:loses|lose|lost|misses|miss|missed|gives up|give up|drops|drop)\b)"
)
# Exact search kept as the yardstick of an approximate index's recall: named as what the recall
# is measured against ("index recall vs. exact kNN (weekly sample)", "recall@50 against exact
# kNN"), or run to measure it ("exact kNN only offline, to measure the index's recall").
_EXACT_SEARCH = re.compile(r"\b(?:exact|brute[- ]force|exhaustive|knn|nearest[- ]neighbou?rs?)\b")
_MEASURED_AGAINST = re.compile(
    r"\b(?:recall|overlap|agreement)(?:@\d+|\s+at\s+\d+)?\s+(?:vs\.?|versus|against|relative to|"
    r"compared (?:to|with))\s+(?:the\s+|an?\s+)?$"
)
# (an index's recall, not any: "hold out 10% to compute recall and nDCG" is no yardstick)
_INDEX_RECALL_MEASURED = re.compile(
    r"\bto\s+(?:measure|estimate|quantify|check|compute|track|monitor|validate)\s+(?:the\s+|our\s+|"
    r"its\s+)?(?:ann|approximate|index|hnsw|ivf|faiss|scann)(?:['’]s|\s+index(?:['’]s)?)?\s+"
    r"(?:recall|overlap|agreement)\b"
)
# The system being replaced: "ranking by clicks alone was the old system", "the previous
# ranker sorted by predicted clicks" (not "the current ranker", which may be kept).
_OLD = r"(?:old|previous|legacy|original|former)"
_WAS_OLD = re.compile(
    r"\W*(?:[\w'’-]+\W+){0,4}?(?:was|were|used to be|had been)\s+(?:the|our|their|an?)\s+"
    + _OLD
    + r"\b"
)
_OLD_DID = re.compile(
    r"\b(?:(?:the|our|their|an?)\s+" + _OLD + r"|last (?:year|quarter)'s)\s+(?:[\w-]+\s+)?"
    r"(?:system|ranker|model|feed|version|pipeline|setup|design)s?\s+(?:\w+\s+)?(?:ranked|used|"
    r"sorted|optimi[sz]ed|relied|scored|trained|precomputed|computed|served|did|had|was|were)\b"
)
# An option the candidate already rejected: "precomputing the feed once a day was the first design
# we threw out", "a random split is the option I ruled out" (said of the mention, after it).
_REJECTED = (
    r"(?:threw out|thrown out|ruled out|rejected|dropped|discarded|abandoned|scrapped|killed|"
    r"vetoed|binned|gave up on|gave up|crossed off|said no to|turned down|walked away from)"
)
_DISCARDED = re.compile(
    r"\W*(?:[\w'’-]+\W+){0,4}?(?:was|were|is|are|has been|had been)\s+(?:the|an?|one of the|"
    r"our|my)\s+(?:[\w-]+\s+){0,2}?(?:design|idea|option|approach|plan|proposal|candidate|"
    r"version|alternative|thing|choice)s?\s+(?:that\s+)?(?:i|we|they|the team)\s+(?:\w+ly\s+)?"
    + _REJECTED
    + r"\b"
)
# The user's choice kept, said of the mention: "when a user pauses their history we honour
# that", "opted-out accounts: we respect the opt-out".
_RESPECTED = re.compile(
    r"\b(?:i|we|the system|the ranker|the model|the pipeline)(?:'d|'ll| would| will| always)?\s+"
    r"(?:always\s+|strictly\s+|fully\s+)?(?:honou?rs?|respects?|obeys?|abides? by)\s+"
    r"(?:that|it|this|them|those|the (?:setting|choice|request|opt-?out|pause|wish)\w*|"
    r"their (?:setting|choice|request|opt-?out|wish|decision)\w*)\b"
)
# ...or in the passive: "paused history is respected: ...", "the opt-out is always honoured".
_RESPECTED_PASSIVE = re.compile(
    r"\W*(?:[\w'’-]+\W+){0,3}?(?:is|are|gets?|get|will be|stays?)\s+(?:\w+ly\s+|always\s+)?"
    r"(?:respected|honou?red|obeyed)\b"
)
# A sentence describing what a data source holds: "the user profile table has ...", "the
# messaging service stores every private message with ...".
_SOURCE_HAS = re.compile(
    r"^\W*(?:the|our|a|an|each|every)\s+(?:[\w'’-]+\s+){0,3}?(?:table|log|logs|store|service|"
    r"dataset|data set|database|column|record|profile|warehouse|stream|dump|export)s?\s+"
    r"(?:already\s+)?(?:has|have|holds?|stores?|contains?|includes?|keeps?|records?|carries|"
    r"lists?)\b"
)
# ...and the next sentence dropping it, by a word that points back: "I'd drop that column
# entirely", "None of it goes into feed ranking", "those fields are excluded".
_DROPPED_NEXT = re.compile(
    r"^\W*(?:(?:i|we)(?:'d|'ll| would| will)?\s+(?:\w+ly\s+)?(?:drop|exclude|remove|discard|"
    r"strip|delete|leave|filter|throw)\w*\s+(?:out\s+|away\s+)?(?:that|this|those|these|it|them)"
    r"\b|(?:none|no part|nothing) of (?:it|that|this|them|those|these)\b|(?:that|this|those|"
    r"these)\s+(?:[\w-]+\s+)?(?:columns?|fields?|tables?|data|attributes?|signals?)\s+(?:is|are|"
    r"gets?|stays?)\s+(?:\w+ly\s+)?(?:dropped|excluded|removed|discarded|out|never)\b)"
)
# Judged acceptable, said of the mention after it: "... would be perfectly fine", "might do".
_FINE_THERE = re.compile(
    r"\b(?:would|might|could)\s+(?:\w+ly\s+|just\s+|still\s+)?(?:be\s+(?:\w+ly\s+|just\s+|"
    r"a\s+)?(?:fine|ok|okay|acceptable|reasonable|enough|sensible|good enough|workable|"
    r"affordable|feasible)|work|do|suffice)\b"
)
# Conceded, not proposed: "hence the A/B test, even if offline AUC improves".
_CONCESSION = re.compile(r"\beven (?:if|when)\b")
# An unreal condition: "if we shuffled ...", "if the only label were clicks".
_COUNTERFACTUAL = re.compile(
    r"\b(?:if|suppose|imagine)\s+(?:i|we|you|one|they|someone|people)\s+(?:\w+ly\s+)?"
    r"(?:never\s+|only\s+|just\s+|simply\s+|all\s+)?(?:\w+ed|were|had|did|ran|took|put|fed|"
    r"kept|let|made|went|threw|built|chose|split)\b|"
    r"\b(?:if|suppose)\s+(?:[\w'’-]+\s+){1,6}?were\b|\b(?:were we to|had we)\b|" + _INVERTED_HAD
)
# ...or one in the past, whoever's doing the outcome is: "had we used accuracy, we'd have picked
# a model that never predicts a click" (not "we'd have more data", a possession).
_PAST_UNREAL = re.compile(
    r"^\W*(?:[\w'’/-]+\W+){0,8}?(?:would|could|might|'d)(?:n't)? have (?:\w+ed|\w+en|been|had|"
    r"made|done|put|won|lost|got|run|kept|built|found|thought|told|left|sat|shipped|seen)\b"
)
# ...whose outcome is something else's doing: "the model would see tomorrow's trends".
_OUTCOME = re.compile(
    r"^\W*(?:then\s+)?(?!(?:i|we)\b|i'd|we'd|i'll|we'll)(?:[\w'’/-]+\W+){0,10}?"
    r"(?:would|could|might)\b"
)
# ...or the candidate's own outcome, when it is a harm: "if we only optimised for clicks, we'd
# reward bait headlines" (not "if we shuffled, we'd train on more data", a plan).
_OWN_OUTCOME = re.compile(r"^\W*(?:then\s+)?(?:i|we|you)(?:'d|\s+(?:would|could|might))\b")


def _harmful_own_outcome(outcome: str) -> bool:
    """The unreal condition's outcome is the candidate's own doing, and a harm (up to a turn
    or the end of its piece)."""
    own = _OWN_OUTCOME.match(outcome)
    if own is None:
        return False
    stop = re.search(r"[;.!?]", outcome[own.end() :])
    piece = outcome[own.end() : own.end() + stop.start()] if stop else outcome[own.end() :]
    turn = _BUT.search(piece)
    return _HARM.search(piece[: turn.start()] if turn else piece) is not None


# A clause that opens a main clause after an unreal condition: "if we removed ..., we'd ...".
_MAIN_OPENS = re.compile(r",\s*(?:then\s+)?(?:i|we|you|they|it)\b|\w['’]d\b")


def _open_condition(text: str, left: int) -> re.Match[str] | None:
    """An unreal condition opened in an earlier clause of the mention's piece of sentence whose
    main clause has not begun by `left`: the mention is in an adjunct of the condition ("if we
    removed every post above 0.8 automatically, with no reviewer and no appeal, a 2% error
    rate would ...")."""
    piece = max((m.end() for m in PIECE_END.finditer(text, 0, left)), default=0)
    found = None
    for m in _COUNTERFACTUAL.finditer(text, piece, left):
        found = m
    if found is None or _MODAL.search(text, found.end(), left):
        return None
    return None if _MAIN_OPENS.search(text, found.end(), left) else found


# The mistake's own words said of the harm it does, as how long it lasts: "leaves a friend's new
# post unseen until the next run", "anything cached is stale until tomorrow's batch".
_HARM_LASTS = re.compile(
    r"\b(?:unseen|invisible|stale|outdated|out of date|missing|delayed|wait(?:s|ing)?)\s+$"
)
# What a check screens for: "every batch is checked against the account-age and paused-history
# flags", "images are screened for secret boards" (what it tests for, not what it uses).
_SCREENED_FOR = re.compile(
    r"\b(?:check|screen|validat|vett)\w*\s+(?:\w+\s+){0,2}?(?:against|for)\s+(?:[\w'’-]+\s+){0,4}?$"
)
# What a guard does when its condition holds: "if a single row from an under-13 account gets
# through, the job stops", "if it shows up in the index, an alert fires and the on-call is
# paged". The mention is in the condition of an alarm or a stop, not a plan.
_GUARD_REACTION = re.compile(
    r"\W*(?:then\s+)?(?:(?:the|our|that|this|an?)\s+)?(?:[\w-]+\s+){0,2}?(?:(?:job|pipeline|build|"
    r"run|batch|export|deploy\w*|release|rollout|ingest\w*|load)s?\s+(?:\w+ly\s+)?(?:stops|halts|"
    r"fails|aborts|(?:is|gets)\s+(?:stopped|halted|blocked|rejected|aborted|quarantined|killed|"
    r"cancell?ed))|(?:alert|alarm|page|pager)s?\s+(?:fires|goes off|is raised|is sent|triggers|"
    r"trips))\b|"
    r"\W*(?:then\s+)?(?:we|it|the system|the pipeline)(?:'ll|\s+will)?\s+(?:page|alert|halt|abort|"
    r"quarantine|roll back)\b|"
    r"\W*(?:then\s+)?(?:someone|the on-?call|an engineer|the team)\s+(?:is|gets)\s+"
    r"(?:paged|alerted|woken up)\b"
)
# ...or said before its condition: "a check blocks the release if any input is stamped after
# the impression", "the unit test fails the pipeline if ...".
_GUARD_BEFORE = re.compile(
    r"\b(?:tests?|checks?|assertions?|validators?|validations?|monitors?|alerts?|alarms?|"
    r"guards?)\s+(?:\w+\s+)?(?:fails?|blocks?|stops?|halts?|aborts?|rejects?|fires?|trips?|"
    r"pages?)\b(?:\s+[\w'’-]+){0,3}?\s+$"
)
# A short correction at the end: "..., that earns it an a/b test, not a launch." ("rather
# than" or "instead" could point either way: "we ship rather than wait for a test").
_CORRECTION = re.compile(r"[,;:]\s*not (?:a |an |the )?[\w/-]+(?: [\w/-]+)?\W*$")
# What is kept out must be the system's data: "we remove it from the index", "drop the
# feature" ("if a user reported it, we remove it" removes the post, not the mistake).
_ARTEFACT = re.compile(
    r"\b(?:index|training|features?|feature set|inputs?|model|logs?|dataset|data|corpus)\b"
)
# ...and when the exclusion comes first, not the model ("remove everything the model flags" is
# the mistake of auto-removal): "we exclude religion and health from the features".
_DATA = re.compile(r"\b(?:index|training|features?|feature set|inputs?|dataset|data|corpus)\b")


def foil(text: str, start: int, end: int, then: str = "") -> str | None:
    """Why the affirmed mention at [start, end) of a normalised sentence is named as something
    the candidate sets aside (see the module's docstring), or None when it is their own.
    `then` is the next sentence, whose opening clause may turn away from it ("Some teams ship
    on AUC alone; I wouldn't")."""
    left, right = clause_bounds(text, start, end)
    turn = _TURN.search(text, end) is not None or _opens_with_turn(then)
    # the other agent, the foil label or the baseline frame is in the mention's own clause
    holder = _holder_start(text, left)
    agent = PRACTITIONERS.search(text, holder, start)
    if agent and (turn or _REPORTED.search(text, agent.end(), right)):
        return f"someone else's approach ('{agent.group(0)}')"
    if turn and (agent := _PEOPLE.search(text, holder, start)):
        return f"someone else's approach ('{agent.group(0)}')"
    if end > start and (why := _pitched_or_raised(text, left, start, end, right)) is not None:
        return why
    if (story := _told_as_story(text, left, start, end, then)) is not None:
        return f"a story of what went wrong before ('{story}')"
    if (header := _avoid_header(text, start)) is not None:
        return f"listed as a thing to avoid ('{header}')"
    if RETRACT.search(text, end) or (
        not text[right:].strip(" ,;:.!?-–—") and RETRACT.match(then.lstrip(" .,;:-–—"))
    ):
        return "taken back right after it was said"
    # a data source described ("the profile table has ..., a column of health conditions") and
    # the next sentence dropping what it named ("I'd drop that column entirely")
    if _SOURCE_HAS.match(text) and _DROPPED_NEXT.match(then):
        return "described, then dropped in the next sentence"
    # "one option is to treat every report as a label; i'd reject it because ..."
    if not text[right:].strip(" ,;:.!?-–—") and (
        down := TURNED_DOWN.search(then, 0, clause_bounds(then, 0, 0)[1])
    ):
        return f"turned down right after it was named ('{down.group(0)}')"
    label = _FOIL.search(text, left, right)
    if label and not _inside(label, start, end) and (_TURN.search(text, label.end()) or turn):
        return f"named as a foil ('{label.group(0)}')"
    # ...or at the head of the sentence, the mention in a later clause of the same stretch,
    # before the turn: "the obvious move would be a classifier that ... and then shows popular
    # sofas, but ..."
    head = _FOIL.search(text, 0, left)
    if (
        head
        and ";" not in text[head.end() : start]
        and not _TURN.search(text, head.end(), start)
        and _TURN.search(text, end)
    ):
        return f"named as a foil ('{head.group(0)}')"
    option = _OPTION_LABEL.match(text)
    if (
        option
        and option.end() <= max(start, left)
        and not _OPTION_PICKED.search(text, option.end())
        and not _PICKED_NEXT.match(then)
    ):
        return f"one of the options laid out ('{option.group(0).strip()}')"
    verdict = _ENDS_REJECTED.search(text, end)
    if verdict and _TURN.search(text, end, verdict.start()):
        return f"judged at the end of its sentence ('{verdict.group(0).strip(' ,;:.')}')"
    for lead_at, another in ((_OPTIONS_LEAD, _OR_ANOTHER), (_POSSIBLE, _LISTED_OR)):
        lead = lead_at.search(text, 0, start)
        if (
            lead
            and not _PICKED.search(text, lead.end(), start)
            and (another.search(text, lead.end(), start) or another.search(text, end))
        ):
            return f"one of the options laid out ('{lead.group(0)}')"
    weighed = _WEIGHED.search(text, left, start)
    if weighed and (_TURN.search(text, end) or _TURN.search(then)):
        return f"an option weighed, then turned from ('{weighed.group(0)}')"
    if judged := _JUDGED.search(text, left, start):
        return f"named as the mistake ('{judged.group(0)}')"
    drawback = _DRAWBACK_THAT.match(text)
    if drawback and drawback.end() <= start and not _OWN.search(text, drawback.end(), start):
        return f"said as what goes wrong ('{drawback.group(0).strip()}')"
    if spared := _SPARED_BY_DESIGN.search(text, 0, start):
        return f"what a design choice spares when something changes ('{spared.group(0)}')"
    if why := _ruled_against(text, left, start, end, right):
        return why
    frame = _BASELINE.search(text, left, right)
    if frame and not _inside(frame, start, end) and _affirmed(text, frame):
        return f"named as a baseline ('{frame.group(0)}')"
    first = reach(text, start, end, EXCLUDE)[0]  # "exclude religion, ethnicity and health"
    kept_out = EXCLUDE.search(text, first, start)
    if kept_out and _affirmed(text, kept_out) and _DATA.search(text, kept_out.end()):
        return f"kept out of the data ('{kept_out.group(0)}')"
    if (kept_then := _excluded_rows_when(text, left)) is not None:
        return f"which rows are kept out ('{kept_then}')"
    denied = _DENIED_USE.search(text, right)
    # (after a turn, only when the mention was not the candidate's own doing: "we'd use DMs as
    # features, but never store them" keeps its flag)
    turned = denied and _TURN.search(text, right, denied.start()) and _OWN.search(text, left, right)
    if end > start and denied and not turned:
        return f"denied any use afterwards ('{denied.group(0)}')"
    # "we keep direct messages completely out of ranking"
    around = _KEEP_AROUND.search(text, left, start)
    if around and _OUT_AFTER.match(text, end) and _affirmed(text, around):
        return f"kept out ('{around.group(0).strip()} ... out')"
    if (later := _kept_out_later(text, start)) is not None:
        return f"an example of what is kept out ('{later}')"
    if why := _set_aside(text, left, start, end, right):
        return why
    last = not text[right:].strip(" ,;:.!?-–—")  # the mention's clause ends the sentence
    if _VERDICT_AFTER.match(text, right) or (last and _VERDICT_AFTER.match(then)):
        return "judged right after it was said"
    if end > start and _ELSEWHERE.match(text, end):
        return "endorsed only for another use"
    if end > start and _DEMOTED.match(text, end):
        return "demoted to a side role"
    if end > start and _ONLY_MEASURES.match(text, end):
        return "what the metric can see, said as its limit"
    if end > start and _SAYS_NOTHING.match(text, end):
        return "said to tell nothing"
    if end > start and _BENCHMARK_SCORE.match(text, end):
        return "a pretrained component's benchmark score"
    stop = min((i for i in (text.find(";", end), text.find(".", end)) if i >= 0), default=len(text))
    if end > start:  # a mention with words of its own: what is said around it
        if _SIDE_USE.search(text, end, stop):
            return "kept to a side purpose"
        if _HARM_LASTS.search(text, left, start):
            return "how long the harm it does lasts"
        if screen := _SCREENED_FOR.search(text, left, start):
            return f"what a check screens for ('{screen.group(0).strip()}')"
        if _EXACT_SEARCH.search(text, start, end) and (
            _MEASURED_AGAINST.search(text, left, start)
            or _INDEX_RECALL_MEASURED.search(text, end, stop)
        ):
            return "the yardstick of an approximate index's recall"
    side = _SIDE_HEADING.match(text)
    if side and side.end() <= start:
        return f"under a side role's heading ('{side.group(0).strip()}')"
    old = _OLD_DID.search(text, left, end)  # its verb may open the mention
    if end > start and (_WAS_OLD.match(text, end) or (old and old.start() < start)):
        return "the system being replaced"
    if end > start and (_DISCARDED.match(text, end) or (last and _DISCARDED.match(then))):
        return "an option already rejected"
    if end > start:
        for kept in (_RESPECTED_PASSIVE.match(text, end), _RESPECTED.search(text, end)):
            if kept and _affirmed(text, kept):
                return f"the user's choice respected ('{kept.group(0).strip()}')"
    # "if we had a few thousand users, precomputing every score overnight would be fine": allowed
    # only in a world unlike this one (the unreal condition in a clause before the mention's)
    unreal = _COUNTERFACTUAL.search(text, 0, left)
    if unreal and _FINE_THERE.search(text, end, right):
        return f"fine only under an unreal condition ('{unreal.group(0)}')"
    concession = _CONCESSION.search(text, left, end)
    if concession and concession.start() < start:  # "even if" may open the mistake's words
        return f"conceded, not proposed ('{concession.group(0)}')"
    instead = _INSTEAD.search(text, right)
    if instead and _RESPONSE.search(text, right, instead.start()) and _affirmed(text, instead):
        return f"replaced later ('{instead.group(0)}')"
    condition = _CONDITION.search(text, left, end) or _open_condition(text, left)
    if condition is None:
        return _kept_out_when(text, left, end, right)
    outcome = text[right:]
    if _COUNTERFACTUAL.search(text, condition.start(), right) and (
        _OUTCOME.match(outcome) or _PAST_UNREAL.match(outcome) or _harmful_own_outcome(outcome)
    ):
        return f"a counterfactual ('{condition.group(0)}')"
    if _GUARD_REACTION.match(outcome) or _GUARD_BEFORE.search(
        text, max(0, condition.start() - 80), condition.start()
    ):
        return f"the condition of an alarm or a stop ('{condition.group(0)}')"
    kept_out = EXCLUDE.search(text, right)
    if kept_out and _affirmed(text, kept_out) and _ARTEFACT.search(outcome):
        return f"a condition under which it is kept out ('{condition.group(0)}')"
    if _CORRECTION.search(outcome):
        return f"a condition under which it is set aside ('{condition.group(0)}')"
    return None


# Cue classes that rule against what their clause names, with scope over the mention (named) or
# the whole clause (a red flag found by similarity, which has no span): an argument or a guard
# against it ("I'd argue against exact search", "we guard against treating reports as truth",
# "to protect against wrongful takedowns"), a verdict on it ("X would be a mistake", "it would
# be a mistake to skip a baseline"), a condition that limits it ("X only makes sense if the
# catalogue is tiny", "accuracy only fits when ...") and data kept out in the passive voice
# ("pins from secret boards are filtered before indexing").
_AGAINST = re.compile(
    r"\b(?:argu\w*|warn\w*|guard\w*|protect\w*|caution\w*|advis\w*|vot(?:e|es|ed|ing)|"
    r"lobb\w*|push\w* back|safeguard\w*|defend\w*|insur\w*|hedg\w*)\s+"
    r"(?:[\w'’-]+\s+){0,3}?against\b"
)
_MISTAKE_WORD = (
    r"(?:(?:\w+ly|just|simply|also)\s+)?(?:a |an |the )?(?:\w+ )?(?:mistake|trap|pitfall|error|"
    r"bad idea|anti-pattern|red flag)\b"
)
_VERDICT_ON = re.compile(r"\b(?:would be|is|are|'s|was|were|seems?|looks?)\s+" + _MISTAKE_WORD)
_LIMITED = re.compile(
    r"\bwould\s+(?:only\s+)?(?:be\s+(?:fine|ok|okay|acceptable|enough|valid|reasonable|safe|"
    r"sound)|work|make sense)\s+(?:(?:as|for)\s+[^,;]{1,40}?\s+)?(?:if|provided|as long as|"
    r"so long as)\b|"
    r"\b(?:only\s+(?:makes? sense|fits?|works?|holds?|pays? off|applies|helps?|"
    r"(?:is|are|would be)\s+(?:enough|fine|ok|okay|acceptable|valid|appropriate|justified|"
    r"worth it|reasonable|safe|sound))|(?:is|are|would be)\s+only\s+(?:enough|fine|ok|okay|"
    r"acceptable|valid|appropriate|justified|worth it|reasonable|safe|sound))\s+"
    r"(?:(?:as|for)\s+[^,;]{1,40}?\s+)?(?:if|when|once|where|for)\b"
)
_PASSIVE_OUT = re.compile(
    r"\b(?:is|are|gets?|got|was|were|be|been|always|first)\s+(?:\w+ly\s+)?(?:(?:filtered|dropped|"
    r"excluded|removed|stripped|masked|discarded|scrubbed|purged)(?:\s+(?:out|back|away))?|"
    # "kept/left/held/taken" keep out only with a particle: "taken from the logs" takes in
    r"(?:kept|left|held|taken)\s+(?:out|back|away)|"
    # "anything on a secret board is out, both from training and from the index"
    r"(?:(?<=\bis )|(?<=\bare ))out(?=,|\s+(?:of|from)\b)(?! of date))"
    r"\s*,?\s+(?:both\s+|either\s+)?(?:before|from|of)\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:index\w*|"
    r"train\w*|features?|feature (?:store|set|table)|inputs?|dataset|data|corpus|logs?|model|"
    r"embeddings?|candidates?|examples?)\b"
)


def _ruled_against(text: str, left: int, start: int, end: int, right: int) -> str | None:
    """A cue in the mention's clause [left, right) rules against it (see `_AGAINST` and its
    neighbours): before a named mention [start, end), or after it for a verdict, a limit or a
    passive exclusion whose subject it is; anywhere in the clause for a sentence matched as a
    whole (an empty span)."""
    whole = end == start
    against = _AGAINST.search(text, left, right if whole else start)
    if against and _affirmed(text, against):
        return f"argued or guarded against ('{against.group(0)}')"
    # "it would be a mistake to X" (before) or "X would be a mistake" (after)
    for verdict in _VERDICT_ON.finditer(text, left, right):
        if (whole or verdict.start() >= end or verdict.end() <= start) and _affirmed(text, verdict):
            return f"judged a mistake ('{verdict.group(0)}')"
    limit = _LIMITED.search(text, left if whole else end, right)
    if limit:
        return f"limited by a condition ('{limit.group(0)}')"
    # (its verb in the clause, what it is kept out of may trail after a comma: "X is out, both
    # from training and from the index")
    piece = min(
        (i for i in (text.find(";", right), text.find(".", right)) if i >= 0), default=len(text)
    )
    kept = _PASSIVE_OUT.search(text, left if whole else end, piece)
    if (
        kept
        and (kept.start() < right or _rest_of_list(text[right : kept.start()]))
        and _affirmed(text, kept)
    ):
        return f"kept out of the data ('{kept.group(0)}')"
    return None


# A word that opens a clause of its own, not the next item of a list.
_NOT_AN_ITEM = re.compile(
    r"[;:]|\b(?:i|we|you|they|because|since|so|but|which|while|when|then|that|if|unless|"
    r"although|though|whereas)\b"
)
LIST_REST_WORDS = 7  # an item of the list at most this long


def _rest_of_list(stretch: str) -> bool:
    """`stretch`, between the end of a mention's clause and a verb, is the rest of the list the
    clause is an item of: short items after commas, the last opened by "and"/"or" (", anything
    the user deleted, and all activity from under-13 accounts" before "are filtered out")."""
    first, *items = [i.strip() for i in stretch.split(",")]
    return (
        not first
        and bool(items)
        and re.match(r"(?:and|or)\s", items[-1]) is not None
        and all(0 < len(i.split()) <= LIST_REST_WORDS and not _NOT_AN_ITEM.search(i) for i in items)
    )


# A condition in time whose outcome keeps the mention out: "once a pin moves to a secret board,
# a deletion event removes it from the index" (the event that triggers the removal).
_WHEN = re.compile(r"\b(?:when|whenever|once|as soon as|the moment|after)\b")
_BACK_REF = re.compile(r"\s+(?:\w+\s+)?(?:it|its|them|their|those|these|that)\b")


def _kept_out_when(text: str, left: int, end: int, right: int) -> str | None:
    """The mention is the event in a time clause whose main clause keeps it out of the data."""
    when = _WHEN.search(text, left, end)
    if when is None:
        return None
    kept_out = EXCLUDE.search(text, right)
    if (
        kept_out
        and _affirmed(text, kept_out)
        # it is the mention that goes ("removes its vector", "drops them"), not something else
        and _BACK_REF.match(text, kept_out.end())
        and _ARTEFACT.search(text, kept_out.end())
    ):
        return f"a time under which it is kept out ('{when.group(0)}')"
    return None


def _pitched_or_raised(text: str, left: int, start: int, end: int, right: int) -> str | None:
    """The mention at [start, end) (its clause [left, right)) is someone else's pitch put as a
    hypothesis the candidate answers, or the interviewer's point a reply opens with (see
    `_PITCH_IF`, `_YOUR_POINT`). Only a named mention: a sentence matched as a whole may make
    the mistake in the reply."""
    header = _YOUR_POINT.match(text) or _YOU_ASKED.match(text)
    if (
        header
        and end <= header.end()
        and not _AGREES.match(text, header.end())
        and not _GOES_ALONG.search(text, header.end())
    ):
        return f"the interviewer's point being answered ('{header.group(0).strip()}')"
    pitch = None
    for m in _PITCH_IF.finditer(text, left, start + 1):
        pitch = m
    if pitch is None or pitch.end() > start:
        return None
    # the condition runs to the first clause break after the mention; the reply follows it
    reply = text[right:]
    if not reply.strip(" ,;:.!?-\u2013\u2014") or _GOES_ALONG.search(reply):
        return None
    return f"someone else's pitch answered ('{pitch.group(0)}')"


def _set_aside(text: str, left: int, start: int, end: int, right: int) -> str | None:
    """The rules of `foil` for a mention put as a hypothesis, a quotation or a deferral."""
    quote = _quoted(text, start, end)
    if quote is not None and not _ADOPTED.search(text, max(0, quote - 30), quote):
        return "quoted as someone's words"
    naive = _NAIVE.search(text, left, start)
    if naive and _REPORTED.search(text, naive.end(), start):
        return f"named as a foil ('{naive.group(0)}')"
    if end > start and _BEFORE.search(text[left:start]):
        return "put off until after something else ('before')"
    if end > start and _ONLY_IF.match(text, end):
        return "said only under a condition ('only if')"
    if end == start:
        return None
    modal = _MODAL.search(text, end, right)
    if modal is not None and len(text[end : modal.start()].split()) > 6:
        modal = None
    if modal is None:  # the mention in what would happen: "X would leave posts invisible until"
        modal = next(iter(_MODAL.finditer(text, left, start)), None)
        if modal is None or _OWN.search(text, left, modal.start()):
            return None
    elif _OWN.search(text, left, start):
        return None
    turn = _BUT.search(text, modal.end(), right)
    stop = turn.start() if turn else right
    outcome = text[modal.end() : stop]
    if modal.end() < start < stop:  # the mention's own words are not the harm
        outcome = text[modal.end() : start] + " " + text[end:stop]
    if harm := _HARM.search(outcome):
        return f"the harm it would do ('{modal.group(0)} ... {harm.group(0)}')"
    return None


def _holder_start(text: str, left: int) -> int:
    """Where the clause that a subordinate clause starting at `left` depends on starts: whose
    reason or circumstance it gives ("someone wants to stop the test because CTR went up")."""
    for _ in range(3):
        sub = _SUBORDINATE.search(text, 0, left)
        if sub is None:
            break
        left = clause_bounds(text, sub.start(), sub.start())[0]
    return left


def _told_as_story(text: str, left: int, start: int, end: int, then: str) -> str | None:
    """The words that tell the mention at [start, end) (its clause from `left`) as a past
    that went wrong: a story opened before it and answered now (`_answered_now`), or one said
    after it when the candidate's own tried act opens its clause and it went badly ("we tried
    X at a startup I worked for ... users noticed"; "... For this design, X" endorses it)."""
    if story := _PAST_STORY.search(text, 0, start):
        return story.group(0) if _answered_now(text, end, then, story.end()) else None
    if not _OWN_PAST_ACT.search(text, left, start) or not (story := _PAST_STORY.search(text, end)):
        return None
    rest = f"{text[end:]} {then}"
    went_badly = _WENT_BADLY.search(rest) is not None and _ENDORSED.search(rest) is None
    return story.group(0) if went_badly else None


def _answered_now(text: str, end: int, then: str, told_from: int = 0) -> bool:
    """After a story of the past (told from `told_from`), the candidate says what they do now
    or how badly it went (in the sentence or the next one), or the story tells the mistake as
    a fault found out, and does not endorse what happened then."""
    rest = f"{text[end:]} {then}"
    # (fine back then at its size, set against this scale: "... and it was fine. With billions
    # of images that would take minutes")
    scaled = _AT_SCALE_NOW.match(then) is not None
    # ...or the next sentence opens with the candidate's response ("So the index ...")
    told = (
        scaled
        or _FOUND_OUT.search(text, told_from, end) is not None
        or _NOW.search(rest) is not None
        or _WENT_BADLY.search(rest) is not None
        or _RESPONSE_OPENS.match(then) is not None
    )
    # (the scale sentence itself may not endorse it: "At billions we'd do the same")
    return told and _ENDORSED.search(then if scaled else rest) is None


def _avoid_header(text: str, start: int) -> str | None:
    """The header of a list of things to avoid that the mention at `start` is an item of."""
    stop = max(text.rfind(c, 0, start) for c in ";.!?")
    ends = [m for m in _HEADER_END.finditer(text, stop + 1, start)]
    if not ends:
        return None
    header = text[stop + 1 : ends[0].start()]
    cue = _AVOID_HEADER.search(header)
    if cue is None or len(header.split()) > MAX_HEADER_WORDS:
        return None
    return cue.group(0)


def heads_things_to_avoid(header: str) -> bool:
    """A short heading ("Pitfall:", "Trap:", "Things we won't do -") names what follows as
    something to avoid."""
    return _AVOID_HEADER.search(header) is not None and len(header.split()) <= MAX_HEADER_WORDS


def avoid_list_lines(sents: list[str]) -> set[int]:
    """The sentences of a message that are lines of a list headed by things to avoid
    ("Don't:", "Pitfalls to avoid:") on a line of its own."""
    out: set[int] = set()
    head = False
    for i, sent in enumerate(sents):
        line = sent.strip().lower()
        if line.endswith(":") and not _LIST_LINE.match(line):
            header = line.rstrip(":").strip()
            head = heads_things_to_avoid(header)
        elif head and (
            _LIST_LINE.match(line) or (i and re.fullmatch(r"\d+[.)]", sents[i - 1].strip()))
        ):
            out.add(i)
        else:
            head = False
    return out


# An option laid out as a block of its own: a markdown heading ("### Nightly batch"), a line in
# bold ("**Rank the whole catalogue per request**"), an option label on a line of its own
# ("Option A: ...") or its pros named first; the block runs to the next such heading.
_OPTION_HEADING = re.compile(
    r"^\s*(?:#{1,6}\s|\*\*|__|"
    # ...or its merits opening the sentence: "Pros of jumping straight to a deep model: ..."
    r"(?:pros|cons|upsides?|downsides?|merits?)\s+(?:of|for)\b)|" + _OPTION_LABEL.pattern[1:]
)
# ...turned down by a verdict with no subject of its own, which is the block's option:
# "Rejected.", "Rejected as the only metric.", "Verdict: ruled out".
_BLOCK_REJECTED = re.compile(
    r"^\W*(?:verdict\s*[:\u2013\u2014-]\s*)?(?:rejected|ruled out|not chosen|discarded|"
    r"dropped|no-go|a no-go)\b(?!\s*:\s*\S)"
)
# A table row whose verdict cell turns its option down: "| single softmax | ... | rejected: a
# post can be hateful and violent at once |".
_ROW_REJECTED = re.compile(
    r"\|\s*(?:\W\s*)?(?:rejected|ruled out|not chosen|discarded|no-go|avoid)\b(?![^|]*\|\s*\S)"
)


# A table of options (issue #11): its first column is headed by a kind of alternative ("| option
# | work | freshness |", "| model | NE | p99 |", "| framing | ... |"), so each body row lays out
# one option side by side with the others, and the candidate's pick is said in words, or marked
# in the row itself ("| two-tower | ... | chosen |").
_OPTIONS_HEADER = re.compile(
    r"^\|\s*(?:\W\s*)?(?:options?|approach(?:es)?|alternatives?|candidates?|models?|framings?|"
    r"designs?|methods?|famil(?:y|ies)|variants?|architectures?|strateg(?:y|ies)|techniques?|"
    r"choices?|ideas?)\s*\|"
)
_TABLE_RULE = re.compile(r"^\|[\s:|-]+\|?$")
_ROW_CHOSEN = re.compile(
    r"\|\s*(?:\W\s*)?(?:chosen|picked|selected|ours|adopted|winner|ship(?:ped)?|go)\b|"
    r"[\u2713\u2714\u2705]"
)


# ...or picked in words after the table: by its place ("we take the second row") or by two words
# of its first cell ("I'd ship the deep and cross network").
_ROW_PICKED = re.compile(
    r"\b(?:i|we)(?:'d|'ll| would| will)? (?:\w+ly )?(?:choose|pick|take|go with|go for|prefer|"
    r"recommend|start with|ship|use|keep|launch|deploy)\b(?P<what>[^.;]*)"
)
_ROW_PLACE = {"first": 0, "second": 1, "third": 2, "fourth": 3}
_ROW_BY_PLACE = re.compile(
    r"\b(?P<place>first|second|third|fourth|last|bottom|top) (?:row|option|one)\b"
)


def _picked_rows(rows: list[str], after: list[str]) -> set[int]:
    """Which of a table's `rows` (by position) the sentences `after` it pick."""
    picked: set[int] = set()
    for line in after:
        for m in _ROW_PICKED.finditer(line):
            what = m.group("what")
            if place := _ROW_BY_PLACE.search(what):
                word = place.group("place")
                at = {"last": -1, "bottom": -1, "top": 0}.get(word, _ROW_PLACE.get(word, 0))
                picked.add(range(len(rows))[at])
            said = content_stems(what)
            for k, row in enumerate(rows):
                cell = row.strip("| ").split("|")[0]
                if len(content_stems(cell) & said) >= 2:
                    picked.add(k)
    return picked


def _options_table_rows(lines: list[str]) -> set[int]:
    """The body rows of each table of options (`_OPTIONS_HEADER`) in `lines` (lower case,
    stripped), but the one its own cells mark as chosen or the words after it pick."""
    out: set[int] = set()
    for i, line in enumerate(lines[:-1]):
        if not (_OPTIONS_HEADER.match(line) and _TABLE_RULE.match(lines[i + 1])):
            continue
        rows = []
        for j in range(i + 2, len(lines)):
            if not lines[j].startswith("|"):
                break
            rows.append(j)
        if len(rows) < 2:
            continue
        picked = _picked_rows([lines[j] for j in rows], lines[rows[-1] + 1 :])
        out.update(
            j for k, j in enumerate(rows) if k not in picked and not _ROW_CHOSEN.search(lines[j])
        )
    return out


def rejected_option_lines(sents: list[str]) -> set[int]:
    """The sentences of a message that lay out an option the message itself turns down: every
    line of an option block (its heading included) holding a subjectless verdict line
    ("**Rank the whole catalogue per request**", "- Pros: ...", "- Cons: ... Rejected."), a
    table row whose last cell says so, and a row of a table of options not marked chosen."""
    out: set[int] = _options_table_rows([s.strip().lower() for s in sents])
    block: list[int] = []
    rejected = False
    for i, sent in enumerate([*sents, "## end"]):
        line = sent.strip().lower()
        if _OPTION_HEADING.match(line):
            if rejected:
                out.update(block)
            block, rejected = [i], False
            continue
        if block:
            block.append(i)
            rejected = rejected or _BLOCK_REJECTED.match(line) is not None
        if line.startswith("|") and _ROW_REJECTED.search(line):
            out.add(i)
    return {i for i in out if i < len(sents)}


# An option set up to be weighed by the answer that follows (issue #11): the sentence opens by
# calling it the simplest, most obvious or first thing to do ("the simplest thing would be to
# flatten each image and ...", "a natural first idea is to treat this as classification: ..."),
# a set-up whose verdict the next sentences give, wherever they give it. It is the candidate's
# own only when taken up: in its sentence in their plan voice ("..., and that's what i'd ship")
# or by the next sentence's opening ("That's what I'd do.", "I'd go with it.").
_SET_UP = re.compile(
    r"^\W*(?:(?:so|well|now|ok|okay),?\s+)?(?:the|a|an|my|our)\s+(?:(?:most|very)\s+)?"
    r"(?:simplest|easiest|obvious|natural|naive|quickest|cheapest|laziest|textbook|classic|first|"
    r"tempting|straightforward|knee-jerk)\s+(?:first\s+)?(?:thing|idea|approach|option|move|way|"
    r"solution|answer|instinct|reflex|attempt|design|framing|version|take)\b[^.;:]{0,30}?"
    r"\b(?:would be|is to|was to|might be|could be)\b"
)
_TAKEN_UP_HERE = re.compile(r"\b(?:i|we)(?:'d|'ll| would| will)\b|\blet's\b")
_TAKEN_UP_NEXT = re.compile(
    r"^\W*(?:and\s+|so\s+)?(?:(?:that's|that is|this is|which is|it's|it is) (?:the one|what|"
    r"where|my (?:choice|pick))|(?:i|we)(?:'d|'ll| would| will)? (?:\w+ly )?(?:go with|start "
    r"with|do|use|take|ship|pick|choose|keep) (?:it|that|this|exactly that)\b)"
)


# ...whose verdict opens one of the next sentences: a turn or a conclusion ("But the catalogue
# has millions of products", "So the encoder is a vision transformer"); praise alone ("It is
# quick and good enough") leaves it the candidate's.
_VERDICT_OPENS = re.compile(
    r"^\W*(?:but|however|yet|still|instead|so|thus|hence|therefore|that said|then again|"
    r"unfortunately|sadly|in practice|in the end)\b"
)
SET_UP_REACH = 3  # how many sentences after the set-up may hold its verdict


def laid_out_lines(sents: list[str]) -> set[int]:
    """The sentences of a message that set an option up (`_SET_UP`) for one of the next ones
    to judge (`_VERDICT_OPENS`), and that nothing before that verdict takes up as the
    candidate's own (`_TAKEN_UP_*`)."""
    lines = [s.strip().lower() for s in sents]
    out: set[int] = set()
    for i, line in enumerate(lines):
        lead = _SET_UP.match(line)
        if lead is None or _TAKEN_UP_HERE.search(line, lead.end()):
            continue
        for after in lines[i + 1 : i + 1 + SET_UP_REACH]:
            if _TAKEN_UP_NEXT.match(after):
                break
            if _VERDICT_OPENS.match(after) or _opens_with_turn(after):
                out.add(i)
                break
    return out


# A time clause saying which rows an exclusion verb just before it takes out: "remove every
# watch made while the history is paused from the training rows" (the mention is in the
# "while" clause; the verb and its short object in the clause before).
_TIME_CLAUSE_OPENS = re.compile(r"\b(?:while|when|whenever|during which)\s*$")
MAX_EXCLUDED_OBJECT_WORDS = 6


def _excluded_rows_when(text: str, left: int) -> str | None:
    """The affirmed exclusion verb (`EXCLUDE`) whose object, at most a few words long, is
    narrowed by the time clause opening at `left`, when data is named after it."""
    opener = _TIME_CLAUSE_OPENS.search(text, max(0, left - 20), left)
    if opener is None:
        return None
    before = clause_bounds(text, opener.start(), opener.start())[0]
    for kept_out in EXCLUDE.finditer(text, before, opener.start()):
        gap = text[kept_out.end() : opener.start()].split()
        if (
            len(gap) <= MAX_EXCLUDED_OBJECT_WORDS
            and _affirmed(text, kept_out)
            and _DATA.search(text, kept_out.end())
        ):
            return kept_out.group(0)
    return None


def _kept_out_later(text: str, start: int) -> str | None:
    """The affirmed exclusion of what is only known later whose example begins at `start`."""
    for kept_out in EXCLUDE.finditer(text, 0, start):
        later = _LATER.search(text, kept_out.end(), start)
        if (
            later is not None
            and len(text[kept_out.end() : later.start()].split()) <= 4
            and _EXAMPLE.match(text, later.end(), start)
            and _affirmed(text, kept_out)
        ):
            return kept_out.group(0)
    return None


def _quoted(text: str, start: int, end: int) -> int | None:
    """Where the quotation of three words or more that holds [start, end) opens, if any."""
    for m in _QUOTE.finditer(text):
        if m.start() < start and end < m.end() and len(m.group(0).split()) >= 3:
            return m.start()
    return None


def foil_in(text: str, then: str = "") -> str | None:
    """`foil` for a sentence as a whole (a red flag matched by similarity, with no span): an
    empty span at the end of each clause sees that clause as what was named. Only the first
    `MAX_CLAUSES` clauses are looked at: each look scans the rest of the sentence."""
    for end in clause_ends(text)[:MAX_CLAUSES]:
        if why := foil(text, end, end, then):
            return why
    return None


def _opens_with_turn(sentence: str) -> bool:
    """The sentence's first clause turns away ("I wouldn't", "we'd rather ...", a bare
    "Don't:", "That doesn't hold")."""
    first = clause_bounds(sentence, 0, 0)[1]
    return bool(sentence) and (
        _TURN.search(sentence, 0, first) is not None
        or _REFUSAL_OPENS.match(sentence) is not None
        or _FAILS_OPENS.match(sentence) is not None
    )


# What came before judged as failing, by a pronoun opening the next sentence: "That doesn't
# hold: ...", "This won't scale.", "That would go stale as new products arrive".
_FAILS_OPENS = re.compile(
    r"\W*(?:that|this|it)(?:'s| is| was)?\s+(?:(?:doesn't|does not|didn't|did not|won't|will not|"
    r"wouldn't|would not|can't|cannot)\s+(?:\w+ly\s+)?(?:hold(?: up)?|work|fly|scale|survive|"
    r"last)|(?:would|will)\s+(?:\w+ly\s+)?(?:go stale|rot|decay|break|fail|backfire|"
    r"fall apart))\b"
)
# A refusal that is the whole first clause: "Don't: ...", "Never do that.", "Resist it."
_REFUSAL_OPENS = re.compile(
    r"\W*(?:please\s+)?(?:don'?t|do not|never|resist)(?:\s+(?:do\s+)?(?:it|that|this))?\s*"
    r"(?:[:.!;,\u2013\u2014]|\s-\s|$)"
)


def _inside(m: re.Match[str], start: int, end: int) -> bool:
    # a cue within the red flag's own words is part of the mistake ("no point in a baseline")
    return m.start() < end and m.end() > start


def _affirmed(text: str, m: re.Match[str]) -> bool:
    return polarity_of_span(text, m.start(), m.end())[0] != "negated"


# An item of a list of options closed by a verdict with no subject of its own, the item's last
# sentence ("1. A nightly table of scores for every pair: ... Out.", "(a) never retrain: no
# cost, but ... Rejected."): every sentence of the item lays out an option the message turns
# down. The item marker may be a number, a letter in brackets or a bullet.
_ITEM_LINE = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-h]\)|[-*•·–])\s+")
_ITEM_VERDICT = re.compile(
    r"^\W*(?:verdict\s*[:\u2013\u2014-]\s*)?(?:so\s+)?(?:out|rejected|ruled out|not chosen|"
    r"discarded|dropped|no-go|a no-go|(?:a )?non-starter|no|nope|not viable|infeasible|"
    r"too (?:slow|expensive|costly|stale))\W*$"
)


def rejected_item_lines(text: str, sents: list[str]) -> set[int]:
    """The sentences of a message (`sents`, in order, each found in `text`) that belong to an
    item of a list whose last sentence is a subjectless verdict turning it down
    (`_ITEM_VERDICT`)."""
    out: set[int] = set()
    at = 0
    placed: list[tuple[int, int]] = []  # each sentence's (line number, index)
    lines_start = [0, *(m.end() for m in re.finditer(r"\n", text))]
    for i, sent in enumerate(sents):
        pos = text.find(sent.strip(), at)
        if pos < 0:
            return out  # (the sentences no longer follow the text: nothing to place)
        at = pos + len(sent.strip())
        line = sum(1 for s in lines_start if s <= pos) - 1
        placed.append((line, i))
    by_line: dict[int, list[int]] = {}
    for line, i in placed:
        by_line.setdefault(line, []).append(i)
    raw_lines = text.split("\n")
    for line, members in by_line.items():
        if len(members) < 2 or not _ITEM_LINE.match(raw_lines[line]):
            continue
        if _ITEM_VERDICT.match(sents[members[-1]].strip().lower()):
            out.update(members[:-1])
    return out


# A concession heading its own sentence ("Granted, accuracy is the number finance
# understands.", "Sure, ranking everyone's feed overnight would be cheap.") that the next
# sentence answers with a turn ("Even so, ...", "But ..."): the conceded merit is no plan. Not
# when the candidate speaks as the one doing it ("Sure, we shuffle the rows. But ...").
_CONCEDES = re.compile(
    r"^\W*(?:granted|admittedly|sure|of course|true|no doubt|to be fair|fair enough|"
    r"i grant (?:you )?(?:that)?|yes)\s*[,;:\u2013\u2014]"
)
_TURN_OPENS = re.compile(
    r"^\W*(?:but|even so|still|yet|however|that said|having said that|nonetheless|"
    r"nevertheless|all the same|then again)\b"
    # (not an addition: "But it is also ...", "But we report it too.")
    r"(?![^.;]{0,25}?\balso\b|[^.;]*\b(?:too|as well)\W*$)"
)
_PLAN_VOICE = re.compile(r"\b(?:i|we|i'd|we'd|i'll|we'll|let's|let us|our|us)\b")


def conceded_lines(sents: list[str]) -> set[int]:
    """The sentences of a message that concede a merit (`_CONCEDES`) the next sentence turns
    from (`_TURN_OPENS`), with no plan voice of the candidate's own in them."""
    lines = [s.strip().lower() for s in sents]
    return {
        i
        for i, (line, after) in enumerate(zip(lines, lines[1:], strict=False))
        if _CONCEDES.match(line) and _TURN_OPENS.match(after) and not _PLAN_VOICE.search(line)
    }
