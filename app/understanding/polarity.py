"""Clause-level polarity, hedging and reasoning cues for one (normalised) sentence.

A mention is *negated* when a negation cue precedes it in the same clause ("we don't need
labels", "skip the baseline", "split by time, not randomly", "instead of accuracy") or a
negating predicate follows it ("accuracy is not our metric", "calibration doesn't matter");
*hedged* when the clause carries an uncertainty cue ("maybe", "I guess", "not sure"); else
*affirmed*. Cues inside the matched phrase itself do not count: a red flag worded with a
negation ("no point in a baseline") is affirmed when said.
"""

from __future__ import annotations

import bisect
import re

from app.knowledge.memo import per_text
from app.understanding.schema import Polarity
from app.understanding.vocabulary import SPELLED_AMOUNT

# Words and phrases that end a clause: negation does not reach across them.
# (a comma between digits, as in "2,000 showings", groups thousands: no break; "because of"
# is a preposition inside the clause)
_CLAUSE_BREAK = re.compile(
    r"(?<!\d),|,(?!\d{3}(?!\d))|[;:()\n]|\s[-–—]\s|\b(?:but|because(?! of\b)|since|so|"
    r"although|though|whereas|while|which|then|otherwise|unless|and then|plus|also)\b"
)
# What a negated thing waits for is required, not negated: "no launch until we've checked
# fairness", "we don't ship until the shadow run is clean" (the cue stops at "until"); not a
# time it waits for ("wouldn't show until tomorrow": a delay).
# A foil fronted in its clause ("Instead of X, ...", "Rather than X ...") and the subject
# and modal that open the proposal after it ("I'd", "we will", "let's")
_FRONTED_FOIL = re.compile(
    r"\W*(?:(?:so|and|but|also|then|actually),?\s+)*(?:instead of|rather than)\b"
)
_DOER_OPENS = re.compile(r"\b(?:(?:i|we)(?:'d|'ll| would| will| should| can| could)|let'?s)\s")
_AWAITED = re.compile(
    r"\buntil\b(?!\s+(?:tomorrow|today|tonight|now|then|later|next|the next|(?:the )?\w*"
    r"(?:morning|evening|night|day|week|month|year)s?)\b)"
)
# A practice put off or waved away by the words before it, in its clause: deferral verbs ("hold
# off on", "put off", "postpone"), a first-person plural "let's not", a doubt that it is needed,
# a time condition ("only if time permits", "time permitting") and a time adverb fronted before
# its clause's subject ("down the line we can ..."). Not "put off by" (a user deterred).
_PUT_OFF_BEFORE = (
    r"hold(?:s|ing)? off(?: on)?|put(?:s|ting)? off(?! by)|postpon(?:e|es|ed|ing)|"
    r"let's not|let us not|"
    r"doubt (?:that )?(?:we|you|i)(?:'d|'ll| would| will| really| even| actually)* need|"
    r"(?:only )?if time (?:permits|allows)|time permitting(?! or not)|"
    r"down the (?:line|road)(?=,? (?:we|i|you)(?:'ll|'d| can| could| might| may| will| would))|"
    # "we can live without X", "X is something we could easily do without"
    r"(?:can|could)(?: \w+ly)? (?:live|manage|make do|do) without"
)
# These cues, like a negated verb, deny the whole clause: what they put off may be its subject
# ("the lag before labels arrive is something we can live without accounting for").
_PUT_OFF_CUE = re.compile(_PUT_OFF_BEFORE)
# Verbs that set a practice aside, in every form (issue #11): a broad class, not the phrases one
# set used ("park", "shelve", "table", "punt on", "descope", "deprioritise", "defer", "sideline",
# "omit", "leave out", "pass on", "put aside", "disregard", "waive", "mothball", "backlog"). Most
# are nouns or plain verbs too ("a lookup table", "pass on the ids"; "set aside" is how a holdout
# is made, so only "put aside"), so `_SHELVING` asks for a
# first-person subject, "let's", or the clause's first word (an imperative or a gerund).
_SET_ASIDE_VERB = (
    r"(?:park(?:s|ed|ing)?|shel(?:ve|ves|ved|ving)|tabl(?:e|es|ed|ing)|punt(?:s|ed|ing)?(?: on)?|"
    r"de-?scop(?:e|es|ed|ing)|de-?prioriti[sz](?:e|es|ed|ing)|defer(?:s|red|ring)?|"
    r"sidelin(?:e|es|ed|ing)|omit(?:s|ted|ting)?|disregard(?:s|ed|ing)?|waiv(?:e|es|ed|ing)|"
    r"mothball(?:s|ed|ing)?|backlog(?:s|ged|ging)?|(?:leav(?:e|es|ing)|left) (?:out|aside|off)|"
    r"pass(?:es|ed|ing)? on|put(?:s|ting)? (?:aside|on hold|on ice|on the back ?burner))"
)
_SHELVING = (
    r"(?:(?:let's|let us|(?:i|we|you)(?:'d|'ll|'re going to|'m going to| would| will| can| could|"
    r" should| might| may| are going to| am going to)?)(?: (?:\w+ly|just|simply|probably|also))*"
    r" |^|(?<=^ )|(?<=[,;:.!?(\n] ))" + _SET_ASIDE_VERB
)
# (said of the practice: "gets descoped", "are shelved"; not "won't be descoped")
_SET_ASIDE_DONE = (
    r"(?:parked|shelved|tabled|punted(?: on)?|de-?scoped|de-?prioriti[sz]ed|deferred|sidelined|"
    r"omitted|disregarded|waived|mothballed|backlogged|put (?:aside|on hold|on ice|on the "
    r"back ?burner))\b"
)
_SET_ASIDE_PARTICIPLE = (
    r"(?<!n't )(?<!not )(?<!never )(?:is|are|be|been|gets?|got|was|were)(?: \w+ly)? "
    + _SET_ASIDE_DONE
)
# Put in a place kept for later work (issue #11): "goes on the backlog", "sits on the back
# burner", "lands in the icebox" (a verb of placing or staying, then the place).
_SHELF_PLACED = (
    r"(?:goes|go|went|gone|going|sits?|sat|sitting|stays?|stayed|lands?|landed|belongs?|"
    r"moves?|moved|ends? up|ended up|(?:is|are|gets?|got) put) (?:on|to|onto|in|into) "
    r"(?:the |our |my )?(?:backlog|back ?burner|shelf|ice ?box|parking lot|wish ?list|"
    r"someday pile|later pile|to-?do list)\b"
    # (not with a second predicate after it: "each request goes on the backlog and gets an A/B
    # test before launch" says what happens to it next, the cue would take that too)
    r"(?! and (?:then )?(?:gets?|is|are|goes|go|runs?|passes|has|have|needs?)\b)"
)
_SHELF_PLACE = r"(?<!n't )(?<!not )(?<!never )" + _SHELF_PLACED
# ...or set aside or thrown out in the passive, after a subject of any length ("the canary for
# every region gets scrapped"); not "removed" or "dropped", which filtering says too.
_SET_ASIDE_PASSIVE = (
    r"(?<!n't )(?<!not )(?<!never )(?:is|are|was|were|be|been|gets?|got)(?: \w+ly)? (?:"
    + _SET_ASIDE_DONE
    + r"|"
    # (not "binned into buckets", "abandoned within 3 seconds": data words as often)
    r"(?:scrapped|ditched|axed)\b)"
)
# A judgement of little worth said of the practice after a copula (issue #11): a broad class of
# negative evaluations ("a luxury", "premature", "needless", "moot", "of dubious value", "a
# rabbit hole", "a stretch goal", "low on the list"), not negated ("not a luxury" affirms it).
_LOW_VALUE_WORD = (
    r"(?:luxury|luxuries|indulgence|extravagance|afterthought|"
    r"sideshow|detour|side quest|rabbit hole|red herring|distraction|diversion|bonus|extra|"
    r"stretch goals?|gold[- ]plating|premature|needless|frivolous|extraneous|gratuitous|"
    r"optional|moot|immaterial|negligible|marginal|dubious|questionable|doubtful|academic|"
    r"wasted (?:effort|time|work|energy|cycles|money|compute)|"
    r"(?:more )?(?:trouble|hassle|work|effort|pain|bother|overhead|headache)s? than)\b"
)
_LOW_VALUE = (
    r"(?:(?<=\bis )|(?<=\bare )|(?<=\bbe )|(?<=\bwas )|(?<=\bseems )|(?<=\bseem )|(?<=\bfeels )|"
    r"(?<=\bsounds )|(?<='s )|(?<=\blooks )|(?<=\blook )|(?<= me as )|(?<= us as ))"
    r"(?:(?:really|very|just|so|too|frankly|honestly|largely|mostly|"
    r"probably|arguably|basically|simply|purely|somewhat|a bit|kind of) )?"
    r"(?:(?:an? |pure |just an? )?" + _LOW_VALUE_WORD + r"|"
    r"(?:of )?(?:little|no|limited|marginal|dubious|questionable|doubtful|negligible) "
    r"(?:value|use|benefit|payoff|importance|consequence|help)|"
    r"low (?:on (?:the|my|our) (?:\w+ )?list|priority|value|impact)|"
    r"(?:a )?low[- ](?:priority|value)(?: \w+)?|(?:not|never) (?:a|an|our|my) (?:\w+ )?priority)\b|"
    # the worth as the object of "has": "has doubtful value", "have little use"
    r"(?:(?<=\bhas )|(?<=\bhave )|(?<=\bhad ))(?:little|no|limited|marginal|dubious|questionable|"
    r"doubtful|negligible) (?:value|use|benefit|payoff|importance)\b"
)
# ...or the practice costs more than it gives, matters little, or happens at no set time:
# "more trouble than it's worth", "hardly matters", "won't make much difference", "buys us
# little", "something we'll get to eventually", "will happen someday".
_SOMEDAY = r"(?:eventually|someday|some day|sometime|some time later|at some point|one day)"
_SMALL_PAYOFF = (
    r"(?<!not )(?<!n't )more (?:trouble|hassle|work|effort|pain|bother|complexity|overhead|"
    r"headache)s? than "
    r"(?:it's|it is|they're|they are|it was|that's|its|their) worth|"
    r"(?:hardly|barely|scarcely|seldom) (?:matters?|helps?|needed|necessary|worth|useful|"
    r"relevant|moves? the needle|makes? (?:a|any) difference)|"
    r"(?:won't|wouldn't|doesn't|don't|will not|would not|does not|do not) (?:make|matter|change|"
    r"move) (?:much|any|a big|a real|a lot of|that much)? ?(?:difference|the needle|much)|"
    r"(?:gains?|gets?|earns?|brings?|buys?|gives?) (?:us|you) (?:very |so |too )?(?:little|"
    r"nothing|next to nothing|almost nothing)|"
    r"(?:something|one|a thing|stuff) (?:that )?(?:we|i|you)(?:'d|'ll| can| could| would| will)? "
    r"(?:\w+ly )?(?:" + _SET_ASIDE_VERB + r"|get (?:around )?to(?: \w+)? " + _SOMEDAY + r")|"
    r"(?:we|i|you)(?:'ll| will) (?:get|come) (?:around |back )?to (?:it|that|this|them|those)"
    r"(?: \w+)? " + _SOMEDAY + r"|"
    r"(?:will|would|can|could) (?:happen|come|be done|be added|follow) " + _SOMEDAY
)
# The speaker's stance against the practice, or advice to keep away from it (issue #11): the
# practice is the complement of a word of opposition or reluctance said of a person ("i'm
# against X", "we'd be hesitant to X", "i'd advise against X", "steer clear of X", "resist the
# urge to X"). A bare "against" compares or defends ("check X against Y", "guard against
# leakage"): only after a verb of taking sides or a form of "be".
_STANCE_AGAINST = (
    r"(?:(?:am|'m|are|'re|be|was|were|is|'s)(?: \w+ly| very| quite| a bit| rather| firmly)* "
    r"(?:against|opposed to|reluctant to|hesitant to|loath to|unwilling to|averse to|"
    r"disinclined to|wary of|leery of|not keen on|no fan of|not a fan of)|"
    r"(?:argu|advis|caution|counsel|recommend|vot|decid|lean|warn|push(?:ed|es|ing)? back|"
    r"come down|came down)\w*(?: (?:the|our|my|a|any|\w+ly)){0,3}?(?: team| teams| people|"
    r" everyone| you| us| them)? (?:strongly |firmly )?against|"
    r"steer(?:s|ed|ing)? clear of|shy(?:ing)? away from|shie[sd] away from|"
    r"resist(?:s|ed|ing)? (?:the |any )?(?:urge|temptation|impulse|pull) to)"
)
# A bare "no" ends at the next "and" that opens an act of the speaker's own, a base-form verb
# of the design work ("check there's no drift and retrain daily"): that verb is not under the
# "no" ("no review and no appeal" and "no drift and bias" stay under it)
_AND_THEN = re.compile(r"\band\s+(?:then\s+|also\s+)?$")
_ACT = re.compile(
    r"(?:retrain|rebuild|refresh|recompute|reindex|re-index|alert|log|track|check|compare|update|"
    r"deploy|ship|roll|drop|filter|calibrate|sample|store|cache|index|train|evaluate|measure|"
    r"watch|flag|send|route|rank|re-rank|rerank|score|serve|use|keep|add)\b"
)
# ...and so does a cue that takes only a noun ("filter out anything removed, and maybe re-rank
# with freshness or popularity"): what follows that act is out of its reach too
_NOUN_CUE = re.compile(r"no|filter\w* out|(?:strip|weed)\w* out|exclud\w+|except(?: for)?")
_AND_ACT = re.compile(
    r"\band\s+(?:then\s+|also\s+|maybe\s+|probably\s+|later\s+)?(?=" + _ACT.pattern + ")"
)
# "the pretrained model with no fine-tuning as a baseline": the "no" has its noun; the role
# the whole plays after "as a" is not under it
# (only a "no" before a process, "no fine-tuning", "no extra training": "there's no heuristic
# as a baseline" and "with no rules as a fallback" have no baseline or fallback)
_AS_ROLE = re.compile(
    r"\s+(?:extra\s+|further\s+|more\s+|additional\s+)?[\w-]+(?:ing|changes?)\s*,?"
    r"(?:\s+(?:serves|works|acts|counts))?\s+as\s+(?:a|an|the|our|my)\s+(?:[\w-]+\s+)?$"
)
_NEG_BEFORE = re.compile(
    r"\b(?:not|no|never|without|skip|skipping|skipped|avoid|avoiding|avoided|instead of|"
    r"rather than|no need (?:for|to)|no point(?: in)?|neither|nor|nothing like|nobody|no one|"
    # "none of my private pictures is used", "none of the reports become labels"
    r"none of|"
    # "nothing" said of what is used: "...; nothing inferred about health or religion"
    r"nothing (?:(?:is|gets|will be|would be) )?(?:inferred|derived|guessed|predicted|taken|drawn|"
    r"used|collected|stored|kept|read)|"
    # ...or a "nothing" subject whose verb is the phrase: "nothing they watch during the pause
    # is used" (not "nothing changes and it is still used")
    r"nothing (?:(?!(?:and|or|but|still|else|changes?|happens?|special)\b)[\w'’-]+ ){1,8}?"
    r"(?:is|are|gets|will be|would be)(?=\s+(?:ever\s+)?$)|"
    # ...or inside a "nothing that" subject heading its clause: "nothing that reveals or infers a
    # person's faith or ethnicity goes in" (not "there's nothing that stops us using ...")
    r"^\s*nothing (?:that|which)(?: (?!but\b)[\w'’-]+,?){1,12}?(?=\s*$)|"
    # contrast markers set what follows aside: "unlike a random split, ..."
    r"unlike|as opposed to|in contrast (?:to|with)|contrary to|"
    # left out of what is used: "history, excluding paused history", "all except kids"
    r"exclud(?:e|es|ing)|except(?: for)?|leaving out|filtering out|"
    # "I'd filter out deleted rows and every under-13 account"
    r"filters? out|(?:strip|weed)(?:s|ped|ed|ping|ing)? out|"
    r"(?:do|does|did|would|will|could|should|ca|wo|is|are|was|were|have|has)n't|"
    r"(?:do|does|did|would|will|could|should|can|is|are) not|cannot|"
    r"not (?:bother(?:ing)? with)|forget about|won't bother with|"
    # "we can safely ignore calibration", "we'd forgo a baseline"
    r"(?:can|could|may) (?:safely |just |simply )?ignore|forgo|dispense with|"
    r"wouldn't bother with|against using|stay away from|refrain from|" + _STANCE_AGAINST + r"|"
    # beaten by whatever else: "almost anything beats X", "anything else would trump X"
    r"(?:anything|everything|just about anything|nearly anything|almost anything)(?: else)?"
    r"(?: (?:would|will|could))? (?:beats?|trumps?|outranks?|wins? over|"
    r"comes? (?:before|ahead of))|"
    # doubt said of it before it is named: "i'm sceptical of a canary stage"
    r"(?:sceptical|skeptical|doubtful|dubious|unconvinced)(?: \w+ly)? (?:of|about|by)|"
    # ...or of a claim about it: "i'm not convinced that X helps", "i doubt X matters", "we have
    # yet to see X work", "show me evidence that X helps" (the practice in what is doubted)
    r"(?:sceptical|skeptical|doubtful|dubious|unconvinced|not convinced)(?: \w+ly)? "
    r"(?:that|whether)|(?:i|we)(?: \w+ly)? doubt\b|(?:have|'ve|has) yet to (?:see|find|meet)|"
    r"show (?:me|us) (?:\w+ )?(?:proof|evidence|data|numbers)(?: that)?|"
    # "the last thing I'd report is accuracy"
    r"the last thing(?: [\w'’]+){0,6}? (?:is|are|would be)|"
    # what cannot be had: "we can only guess users' true intent"
    r"(?:can|could) only guess|no way (?:to|of) know\w*|"
    # what a view cannot show: "it's invisible in latency dashboards"
    r"invisible (?:in|to|on|from)|"
    # left behind: "we moved away from the random 80/20 split", "got rid of the nightly batch"
    r"(?:mov|walk|step|shift)\w* away from|(?:got|get|gets|getting) rid of|ditch\w*|abandon\w*|"
    # put off or dismissed before it is named (issue #11): "i'd hold off on X", "let's not X",
    # "i doubt we need X", "only if time permits would i X", "down the line we can X"
    r"phas\w* out|scrap(?:s|ped|ping)?|" + _PUT_OFF_BEFORE + r"|" + _SHELVING + r"|"
    # (what replaces the old system is not negated, nor how it is rolled out: "it replaces the
    # old one for every advertiser the same afternoon")
    # ("X is replaced by Y" says what Y does: no cue for it)
    r"replac(?:e|ed|es|ing)(?! by\b)(?! (?:the |our |its )?(?:old|current|existing|previous|"
    r"production|live|incumbent) (?:one|model|ranker|classifier|system|version|recommender)s?\b)|"
    # judged before it is said: "we'd be wrong to precompute every pair"
    r"(?:be|is|are|was|were|'s) (?:\w+ly |just |simply )?(?:wrong|unwise|foolish|a mistake|"
    r"a bad idea|an error) to)\b"
)
# What loses a comparison: "we'd rather learn embeddings than classify", "prefer PR-AUC over
# accuracy", "a time split is more honest than a random one" (the cue is the "than"/"over"); not
# a cost weighed against worth ("more trouble than it's worth" is a verdict, `_LOW_VALUE_WORD`).
_PREFERENCE = re.compile(
    r"(?:\b(?:rather|prefer\w*|(?:i|we|you)(?:'d| would)(?: \w+ly)? (?:take|choose|pick|favou?r|"
    r"back|go with))\b[^,;:.]{0,60}?\b|\b(?:better|safer|cheaper|faster|fresher|"
    r"simpler|more (?!(?:trouble|hassle|work|effort|pain|bother|overhead|headache)s? than)\w+)\s+)"
    r"(?P<cue>than|over)\b"
)
# "not only X but also Y" ("don't just predict clicks"), "no doubt", "no question we'd ...",
# "yes-or-no answers" and the noun "no" told apart from a "yes" ("how well it separates yes from
# no") and a bound ("no more than two") are not negations of what follows; nor is "not sure" as
# a hedge, unless it doubts that we would want or need something ("i'm not sure we'd need X":
# the speaker leans against X, so its "not" stays a negation).
_AUX_NEG = re.compile(r"n't|\b(?:do|does|did|would|will|could|should|can|is|are) not\b|cannot")
_NOT_A_NEGATION = re.compile(
    r"\b(?:not only|not just|(?:do|does|did)(?:n't| not) (?:just|only|merely)|no doubt|"
    r"no question|not sure(?!(?: that)? (?:we|i|you)(?:'d|'ll| would| will| should| could| can|"
    r" really| even| actually)+ (?:need|want|have to|bother)\b)|no matter|"
    r"yes(?:\s+(?:and|or|from|versus|vs\.?)\s+(?:an?\s+)?|\s*/\s*|-or-)no|"
    # ...and the noun "no" after an article, ending its phrase: "a hidden result is a (firm) no,"
    r"(?<![\w'-])(?:a|the) (?:[a-z]+ )?no(?= ?[,;:.!?)]|$| (?:and|or|but)\b)|"
    r"(?:by|in) no (?:means|way)(?= (?:an? )?(?:unnecessary|overkill|pointless|useless|"
    r"irrelevant|superfluous|unneeded|wasteful|a waste))|"
    # a hyphenated name: "not-interested taps", "no-click impressions"
    r"(?:not|no)-(?=[a-z])|"
    # a bound on an amount: "no more than two in a row", "not later than an hour", "never
    # more than two in a row" (a cap the design keeps, not a practice turned down)
    r"(?:no|not|never) (?:more|fewer|less|later|earlier|longer|older|higher|lower) than|"
    # a judgement of little worth denied affirms: "handling position bias is not a luxury"
    r"(?:(?:is|are|was|were)(?:n't| not)|not) (?:an? |just an? )?" + _LOW_VALUE_WORD + r")\b"
)
# Two negations in one clause affirm what follows: "we never ship without an A/B test", "not
# without correcting the rates", "we can't skip position bias", "we don't train without it".
# The gap stops at and/or/but/then: past them the "skip" is a new clause's own.
_DOUBLE_NEGATION = re.compile(
    r"\b(?:not|never|no|cannot|(?:do|does|did|would|will|could|should|ca|wo|must|is|are)n't)\b"
    r"(?:\s+(?!(?:and|or|but|then)\b)[\w'-]+){0,6}?\s+(?:without|skip(?:s|ped|ping)?|ignor(?:e|es|ed|ing)|"
    r"neglect(?:s|ed|ing)?|overlook(?:s|ed|ing)?|forget(?:ting)?(?: about)?|"
    r"hold(?:ing)? off(?: on)?|put(?:ting)? off|postpon\w*|"
    # (a set-aside verb, not the noun: "never reach the training tables")
    r"(?!(?:tables?|parks?|backlogs?)\b)" + _SET_ASIDE_VERB + r")\b"
)
# A negation said of the relative clause's own head, right after its pronoun ("lookalike images
# that aren't matches"): it describes those things, and reaches no further than the relative
# clause (up to the next "and").
_RELATIVE_NEG = re.compile(r"\b(?:that|which|who)\s+$")
_RELATIVE_END = re.compile(r"\s(?:and|but)\s")


def _non_negations_blanked(text: str, fill: str = " ") -> str:
    """`text` with the stretches whose negation words negate nothing after them
    (`_NOT_A_NEGATION`, `_DOUBLE_NEGATION`) blanked out, each character by `fill`."""
    for pattern in (_NOT_A_NEGATION, _DOUBLE_NEGATION):
        text = pattern.sub(lambda m: fill * len(m.group(0)), text)
    return text


def _relative_only(text: str, cue_start: int, cue_end: int, end: int) -> bool:
    """The cue at [cue_start, cue_end) negates a relative clause's own verb ("images that aren't
    matches") and that clause ends before `end` ("... and use them as hard negatives")."""
    return bool(_RELATIVE_NEG.search(text, 0, cue_start)) and bool(
        _RELATIVE_END.search(text, cue_end, end)
    )


# A comparison the practice loses, said of it (issue #11): ranked last, beaten by the rest ("X
# ranks dead last", "X loses to almost anything", "X is the last thing we'd staff"); or a problem
# said to resolve itself, which needs no practice ("X takes care of itself", "X will wash out on
# its own").
_LOSES = (
    r"(?:los(?:es|e|ing)|lost) (?:out )?to|(?:ranks?|ranked|comes?|came|sits?|finish(?:es)?) "
    r"(?:dead |a distant |near the |at the )?(?:last|bottom)|"
    r"(?:(?<=\bis )|(?<=\bare )|(?<=\bbe ))(?:at )?the (?:very )?(?:last thing|bottom of) "
    r"(?:i|we|you|on|my|our|the)\b|"
    r"(?:takes?|took|taking) care of (?:itself|themselves)|"
    r"(?:wash|work|even|average|sort|iron)(?:s|es|ed)? (?:itself |themselves )?out "
    r"(?:on (?:its|their) own|by (?:itself|themselves))|"
    r"(?:work|sort|iron|fix|correct|resolve|solve|heal)(?:s|es|ed)? (?:itself|themselves)"
)
# Its harm outweighs its good (issue #11): "X backfires", "X does more harm than good", "X hurts
# more than it helps", "X makes the rankings worse" (not "stops them getting worse").
_HARM_OVER_GOOD = (
    r"do more harm than good|hurt more than (?:it |they )?helps?|backfire|"
    r"make (?:\w+ ){0,3}?worse"
)
_HARM_DONE = (
    r"backfir(?:es|ed)|(?:does|do|did) more harm than good|hurts? more than (?:it |they )?helps?|"
    r"(?:makes?|made) (?:\w+ ){0,3}?worse"
)
# What it would do is bad: "a model trained once would decay", "that split would leak".
_BAD_OUTCOME = (
    r"(?:would|will|could|might) (?:\w+ )?(?:" + _HARM_OVER_GOOD + r"|"
    r"miss|leak|inflate|overstate|mislead|decay|degrade|"
    r"drift|break|fail|hurt|blow|overfit|cheat|punish|bury|reward clickbait|go stale|violate|"
    r"breach|cost too much|lose touch|force|ignore|hide|waste|throw away|"
    # a cost out of all proportion: "would take minutes per request", "take several hours"
    r"take (?:forever|too long|(?:several |many |a few |\w+ly )?(?:seconds|minutes|hours|days))|"
    r"slow (?:us|things|it|everything) down|"
    r"make (?:\w+ ){0,4}?stale|"
    # "a shuffled split would let the model see the future"
    r"let (?:\w+ ){0,2}?(?:see|peek at|learn from|use) (?:the |tomorrow's |future )?"
    r"(?:future|tomorrow|answers?|labels?)\b|"
    # "a frozen encoder would slowly stop matching new styles"
    r"stop (?:working|matching|reflecting|catching|keeping up|generali[sz]ing)|"
    # "the feed would be a day stale"
    r"be (?:\w+ ){0,3}?(?:stale|outdated|out of date|inflated|biased|useless))"
)
# ...or already does, said of a subject: "random splits inflate the metrics". (Only verbs that
# are a verdict whatever follows; "breaks" or "fails" are too often plain description.)
_BAD_VERB = (
    r"(?:inflates?|overstates?|misleads?|leaks?|rewards? clickbait|(?:says|tells(?: us)?) "
    r"(?:little|nothing|very little)|(?:gives?|yields?|produces?) (?:poor|bad|worse|weak|"
    r"misleading)|(?:would |will )?(?:just|only|merely) means?|ignores|wastes|throws away|"
    r"violates|breaches|" + _HARM_DONE + r"|" + _LOSES + r"|"
    # what something else already gives: "duplicates what the log loss shows", "would only
    # repeat what X does", "is subsumed by X" (not "repeats every request": a replay)
    r"(?:(?:would|will) )?(?:(?:just|only|merely) )?(?:duplicat|repeat|replicat|restat|echo)\w* "
    r"(?:\w+ )?(?:what|whatever)\b|(?:is|are|was|were|be) (?:\w+ly )?subsumed by|"
    # "two lamps in the same class can look nothing alike", "that number means nothing here"
    r"looks? nothing (?:alike|like)|(?:means?|adds?|buys?|proves?) (?:little|nothing)(?! else)|"
    # what it brings: "gives you a feed full of bait", "leads to leakage"
    r"(?:gives?|yields?|produces?|leads? to|ends? in|results? in|invites?|brought|brings?|"
    r"breeds?|bred|caus(?:es|ed))(?: you| us)?"
    r"(?: (?:a|an|the)(?: \w+)?(?: full of)?)? (?:bait|clickbait|junk|garbage|spam|leak\w*|"
    r"disaster|trouble|regret\w*|overfitting|inflated \w+)|"
    # what it leaves behind: "leaves a friend's new post invisible until the next morning"
    r"(?:leaves|left) (?:[\w'’-]+ ){0,6}?(?:invisible|unseen|stale|outdated|out of date)|"
    # a verb with an object, not the noun ("likes, shares and hides")
    r"hides(?=\s+(?!and\b|or\b)\w))\b"
)
# Done only when someone forces it, a refusal and not a plan (issue #11): "X only if leadership
# insists", "X happens only under pressure" (not "review only if the score is near the
# threshold": a condition of the design); or left to another party to own: "X is the infra
# team's problem", "X is for the platform group to worry about", "X belongs to the ML team".
_FORCED_ONLY = (
    r"only (?:if|when|once|after|under|because) (?:[\w'’-]+ ){0,4}?(?:forc(?:e|es|ed|ing)|"
    r"insist(?:s|ed)?|demand(?:s|ed)|mandat(?:e|es|ed)|compel(?:s|led)?|su(?:e|es|ed)|"
    r"pressure|twist(?:s|ed)? (?:our|my) arm|makes? us|made us)\b"
)
_PARTY = r"(?:team|teams|group|crew|folks|org|department|squad|people|guys)"
_LEFT_TO_OTHERS = (
    r"(?:the|an?|some|their) (?:[\w-]+ ){0,3}?" + _PARTY + r"'s (?:\w+ )?(?:problem|headache|"
    r"job|concern|call|business|worry|responsibility)|someone else's (?:\w+ )?(?:problem|"
    r"headache|job|concern|worry)|for (?:the |an? |some )?(?:[\w-]+ ){0,3}?" + _PARTY + r" to "
    r"(?:worry about|handle|deal with|own|sort out|figure out)|belongs? (?:to|with) "
    r"(?:the |an? |some )?(?:[\w-]+ ){0,3}?" + _PARTY + r"\b"
)
# Put off to a later version, which leaves it out of the design being proposed: "the baseline
# can wait", "calibration is parked for a later phase", "is a v2 item", "are phase-three
# items", "is a later refinement", "goes on the later list", "distillation we'll ship without",
# "is something for v2", "can come later" (not "labels come days later": a delay, no deferral).
_DEFERRED = (
    r"(?:can|could|will have to|may) wait\b|"
    r"(?:(?<=\bis )|(?<=\bare )|(?<=\bbe )|(?<=\bsomething )|(?<=\bone ))for (?:v\d+|"
    r"version[- ](?:two|three|\d)|phase[- ](?:two|three|\d)|later|a later (?:version|release|"
    r"phase)|the next (?:version|release|phase))(?=\s*(?:[,.;:!]|$))|"
    r"(?:can|could|may|will|would) (?:come|be added|be done|happen) later(?=\s*(?:[,.;:!]|$))|"
    r"(?:(?<=\bis )|(?<=\bare )|(?<=\bbe )|(?<=\bgets )|(?<=\bget ))parked\b|" + _SHELF_PLACE + r"|"
    r"(?:(?<=\bis )|(?<=\bare )|(?<=\bbe )|(?<=\bwas ))(?:an? |just an? )?(?:v\d+|"
    r"version[- ](?:two|three|\d)|phase[- ](?:two|three|four|\d)|later[- ]phase|later|"
    r"next[- ](?:phase|version|release|quarter))[- ](?:items?|things?|features?|projects?|"
    r"material|refinements?|optimi[sz]ations?|tasks?|work|problems?)\b|"
    r"(?:on|onto|goes on|go on|for) the (?:later|someday|v2|next[- ]phase) list\b|"
    r"(?:we|i)(?:'ll| will| can| could| would|'d)? (?:just )?(?:ship|launch|go live|manage|live|"
    r"make do) without\b"
)
# Set aside as a predicate of the practice (issue #11): "is out of scope" (not in a question
# about scope: "are targeting and candidate selection out of scope?"), "is a down-the-line
# thing", "is for down the line", "is something we can live without".
_SET_ASIDE_PREDICATE = (
    r"(?:(?:out of |outside (?:the |our )?|beyond (?:the |our )?)scope|not in scope)\b"
    r"(?![^.;!?]*\?)|"
    r"(?:(?<=\bis )|(?<=\bare )|(?<=\bbe )|(?<=\bwas ))(?:an? |for |(?:something|one) (?:for )?)?"
    r"down[- ]the[- ](?:line|road)\b|"
    r"(?:something|one|a thing|stuff) (?:that )?(?:we|i|you)(?:'d|'ll| can| could| would)? "
    r"(?:\w+ly )?(?:live|manage|make do) without\b"
)
# A verdict of no worth denied by litotes affirms: "is far from pointless", "by no means
# superfluous", "anything but irrelevant".
_LITOTES = r"(?<!far from )(?<!anything but )(?<!by no means )(?<!in no way )"
_NEG_PREDICATE = (
    r"(?:" + _SET_ASIDE_PARTICIPLE + "|" + _LOW_VALUE + "|" + _SMALL_PAYOFF + "|"
    # (a judgement of little worth, negated, affirms: "is not a luxury", "isn't premature")
    r"not (?!(?:an? |just an? )?"
    + _LOW_VALUE_WORD
    + r")(?:needed|necessary|useful|important|relevant|our|the|a|an|what|worth|helpful|"
    r"required|used|allowed|available|an option|going)|"
    r"(?:isn't|aren't)(?! (?:an? |just an? )?" + _LOW_VALUE_WORD + r")|doesn't (?:matter|help)|"
    r"don't (?:matter|help)|does not (?:matter|help)|won't (?:help|matter|be needed)|"
    + _LITOTES
    + r"(?:unnecessary|overkill|pointless|useless|irrelevant)|off[- ]limits|excluded|"
    # more than the design needs: "is more than we need", "is overdoing it"
    r"more than (?:we|you) need|more than needed|overdoing it|over-?engineering|"
    r"(?:is|are) nothing (?:i|we)(?:'d| would)? |"
    r"never used|out of bounds|can be skipped|we can skip|not worth|infeasible|not feasible|"
    r"impossible|meaningless|misleading|a mistake|a bad idea|(is|are|would be) (the )?wrong|"
    # a verdict as the predicate: "scoring every pair nightly is bad for two reasons" (the copula
    # right before it and a reason after it: "posts that are bad" describes the posts)
    r"(?:(?<=\bis )|(?<=\bare )|(?<=\bbe )|(?<=\bwas ))(?:(?:\w+ly|really|very|just|so|too) )?"
    r"(?:bad|risky|flawed|problematic) (?=(?:for|because|since|in practice)\b)|"
    r"an? (?:\w+ )?(?:bad|poor|risky|flawed) (?:choice|practice|approach|plan|design|habit)\b|"
    # not wanted: "is superfluous", "is beside the point", "is hardly necessary", and, as a
    # predicate only, "is redundant", "are nice-to-haves", "is skippable" ("skippable ads")
     + _LITOTES + r"(?:superfluous|unneeded|beside the point)|"
    r"(?:(?<=\bis )|(?<=\bare )|(?<=\bbe )|(?<=\bwas ))(?:(?:\w+ly|really|very|just|so|too) )?"
    r"(?:redundant|skippable|(?:a |just a )?nice[- ]to[- ]haves?|(?:just )?a distraction|"
    r"hardly (?:necessary|needed|useful|worth it))\b|"
    # "is exactly the design we were told to avoid", "is something I'd never ship"
    # "the daily-batch failure we designed out", "a shortcut we engineered away"
    r"(?:that |which )?(?:we|i|you|teams?)(?:'ve| have| had)? (?:\w+ly )?(?:designed|engineered|"
    r"architected) (?:it |them |this |that )?(?:out|away)\b|"
    r"(?:the|a|an|something|one) (?:[\w-]+ ){0,2}?(?:that )?(?:we|i|you|teams?|people)(?:'d|"
    r" would| should| must| were told to| have to| need to| want to| try to)? (?:avoid|never "
    r"(?:do|ship|build|use))\b|"
    r"(?:a|the) (?:classic |common |typical |known |real |big )?(?:trap|pitfall|red flag)|"
    # self-deception: "a random split is the classic way to fool yourself", "a recipe for leaks"
    r"(?:a|the) (?:\w+ )?(?:way|recipe) (?:to|for) (?:fool|disaster|trouble|leak|overfit|"
    r"mislead|cheat)\w*|fool(?:s|ing)? (?:yourself|ourselves|themselves|you|us|everyone)|"
    r"asking for trouble|"
    # where it leads: "is how you end up deleting satire"; what it is: "a privacy violation"
    r"how (?:you|we|teams|people|they) (?:end up|get burned|get bitten|lose|break|leak|fool)|"
    r"(?:a |an )?(?:\w+ )?(?:violation|breach)\b|" + _SET_ASIDE_PREDICATE + r"|"
    r"out of the question|off the table|(a )?non-starter|(a )?no-go|(an )?anti-pattern|"
    + _DEFERRED
    + r"|"
    + _FORCED_ONLY
    + r"|"
    + _LEFT_TO_OTHERS
    + r"|"
    + _LOSES
    + r"|"
    r"unworkable|not viable|(?:makes?|made) no sense|(?:doesn't|does not|don't) make sense|"
    r"prohibitive\w*|wasteful|impractical|unrealistic|unsafe|illegal|"
    r"unethical|a waste|(a )?poor fit|(exactly |precisely )?what (we|you|i) (\w+ )?"
    r"(avoid|never do|don't do|do not do|shouldn't do|must not do)|"
    # forbidden by a rule: "is exactly what the ad policy and the law forbid", "is prohibited"
    r"(?:exactly |precisely )?what (?:[\w'’-]+ ){1,6}?(?:forbids?|prohibits?|bans|disallows?|"
    r"rules? out)\b|forbidden\b|prohibited\b|"
    r"wrong (measure|metric|choice)|misses|(is|are|be|been|gets?|get|got) (\w+ly )?(removed|"
    r"excluded|dropped|scrapped|ditched|axed|left out|filtered out|deleted|ignored|"
    r"purged|discarded|skipped|blocked|taken out)|left out|"
    r"(stays?|stayed|kept|keep|remains?) out|too (slow|expensive|costly|stale)|"
    # "history people deleted stays deleted", "remains excluded" (intransitive verbs only:
    # "we keep deleted rows" uses them)
    r"(?:stays?|stayed|remains?|remained) (?:deleted|excluded|removed|gone|hidden)\b|"
    + _BAD_OUTCOME
    + r"|"
    r"(won't|wouldn't|doesn't|does not|will not|would not) (work|scale|fit|cut it)|"
    r"rewards clickbait|can't be (used|trusted)|isn't (available|known)|never (reaches|enters|"
    r"goes|gets|makes it|leaves))"
)
# A pronoun starts another subject: "we use accuracy and it is not a problem" does not
# negate accuracy. (A relative does too, further on: "the share of users who never react".)
_OTHER_SUBJECT = r"(?!(?:i|we|you|they|it|he|she|i'd|we'd|i'll|we'll|it's|that's|there's|let's)\b)"
# A clause that opens with its own subject is a statement, not the next item of a list.
_OWN_SUBJECT = re.compile(
    r"\W*(?:i|we|you|they|i'd|we'd|i'll|we'll|i'm|we're|you'd|they'd|let's|ours|our|my|mine)\b"
)
_OTHER_CLAUSE = r"(?!(?:who|whom|whose|that|which|where|when)\b)"
_NEG_AFTER = re.compile(
    r"^\W*(?:"
    + _OTHER_SUBJECT
    + r"\w+\W+){0,3}?(?:is|are|isn't|aren't|was|would be|will be|seems)?\s*"
    + _NEG_PREDICATE
)
# The mention fronted as the object of a refusal, its verb with nothing after it ("simple
# accuracy we cannot use, because ...", "that data I won't touch").
_FRONTED_REFUSAL = re.compile(
    r"^\W*(?:i|we)\s+(?:cannot|can't|can not|won't|will not|wouldn't|would not|don't|do not|"
    r"shouldn't|should not|must not|never)\s+(?:\w+ly\s+)?(?:use|report|trust|rely on|"
    r"consider|take|pick|ship|want|touch|include|keep|accept)"
    r"(?:\s+(?:here|at all|for (?:this|that|it|now)))?\W*$"
)
# The mention heads a longer subject whose verb is negated or judged: "a user's religion or
# health status must never be inferred", "brute-force search over a billion vectors is far too
# slow", "accuracy doesn't measure ...". A verb is required (a bare "not the auc" further on
# may negate something else).
_AUX = (
    r"(?:is|are|was|were|be|been|has|have|had|does|do|did|would|will|could|can|ca|wo|must|"
    r"should|may|might|needs?|seems?|"
    # linking verbs carry a verdict too: "dashboards for latency feel unnecessary"
    r"feels?|felt|sounds?|appears?)"
)
_ADVERBS = r"(?:\s+(?:\w+ly|far|way|much|so|just|still|also|even|then|simply|at all))*"
_NEG_SUBJECT = re.compile(
    r"^\W*(?:"
    + _OTHER_SUBJECT
    + _OTHER_CLAUSE
    # (each word taken whole, "++": "a/b/c/..." or a run of dashes fits both classes)
    + r"[\w'’/-]++\W+){0,12}?(?:"
    + _SHELF_PLACE
    + r"|"
    + _SET_ASIDE_PASSIVE
    + r"|"
    + _AUX
    + r"(?:n't|\s+not\b|\s+never\b|\s+no longer\b)(?!\s+(?:an? |just an? )?"
    + _LOW_VALUE_WORD
    # (nor set aside: "the rollout won't be descoped" keeps it)
    + r"|(?:\s+(?:be|get|been))?\s+"
    + _SET_ASIDE_DONE
    # (nor put on the backlog: "it won't go on the backlog")
    + r"|\s+"
    + _SHELF_PLACED
    + r")|cannot\b|"
    + _BAD_OUTCOME
    + r"|"
    + _BAD_VERB
    + r"|"
    + _AUX
    + _ADVERBS
    + r"\s+"
    + _NEG_PREDICATE
    + ")"
)
# ...or a bare "never" right after it, with no coordination between ("deleted history never
# feeds recommendations"; "trained once and never retrained" keeps its mistake).
_NEVER_AFTER = re.compile(
    r"^\W*(?:" + _OTHER_SUBJECT + _OTHER_CLAUSE + r"(?!(?:and|or|then|but|so)\b)[\w'’/-]++\W+)"
    r"{0,4}?never\b"
)
# An aside set off by commas between a subject and its verb, or just the comma that ends a long
# subject: "X, even if we had the GPUs, would blow the budget", "a threshold with no human, no
# appeal, is the design we avoid" (the predicate after it is read for the mention).
_ASIDE = re.compile(
    r",\s*(?:(?:even (?:if|when|though)|if|when|assuming|in theory|in practice|of course|"
    r"at (?:our|this|that|\d)\w*|given|which|who|as|like|how|what|namely|meaning)\b"
    r"[^,;:.]{0,60},|"
    # (a bare comma only before a verb of its own: "..., no appeal, is the design we avoid",
    # "kids' data and paused history, both are excluded")
    r"(?=\s*(?:(?:both|all|each)\s+)?(?:would|will|could|might|is|are|was|were)\b))|"
    # a second participle of the same subject: "a model trained once and then frozen will drift"
    r"\s*(?:and )?then (?:\w+ed|frozen|left|kept|built|shipped)\b(?: \w+){0,3}?"
    r"(?=\s+(?:would|will|could|might|is|are|was|were)\b)"
)
# A subject described by relative clauses, then its main verb: "pins saved to secret boards,
# which ..., and which engineers have been known to sweep up, are excluded by a filter", "the
# design that comes up first, in which a nightly job ranks every feed ..., and which looks cheap
# ..., leaves new posts invisible". A mention in the head or in any of its relative clauses is
# judged by that verb, however far after it (`_judged_subject`).
# (so is a second subject put between commas: "paused history, and every under-13 account,
# are dropped at ingestion", "secret boards, as well as hidden pins, are left out")
_RELATIVE_OPENS = re.compile(
    r"\s*(?:and\s+|or\s+)?(?:which|who|whom|whose|where|(?:in|on|of|for|from|by|with|under|"
    r"through|at)\s+(?:which|whom))\b|"
    r"\s*(?:and\s+(?:every|each|all|any)|as well as|along with|together with)\b"
)
# The subject's own verb opening the piece after a comma: an auxiliary or a verb in -s ("...,
# are excluded by a filter", "..., leaves new posts invisible").
_MAIN_VERB_OPENS = re.compile(
    r"\s*(?:(?:\w+ly|also|still|just|then|all|both)\s+)?(?:" + _AUX + r"(?:n't)?|cannot|"
    r"[a-z]+s)\b"
)
# A comma between the subject, its relative clauses and its verb; not the comma of a number
# ("1,000 posts"), which ends nothing.
_SUBJECT_COMMA = re.compile(r"(?<!\d),|,(?!\d{3}(?!\d))")
# Where a sentence piece ends; not at a decimal point ("0.5").
PIECE_END = re.compile(r"[;:!?]|\.(?!\d)")
# (a piece opening with a subordinator or coordinator is no subject: "if we ..., which ..., ...")
_SUBORDINATE_OPENS = re.compile(
    r"\W*(?:if|when|whenever|because|since|although|though|while|unless|once|after|before|as|"
    r"so|but|and|or|then|until|even)\b"
)
# A coordinator and a determiner: the start of a clause with a subject of its own...
_AND_NEW_SUBJECT = re.compile(r"\b(?:and|but) (?:the|our|their|its|these|those|this)\b")
_FREE_RELATIVE = re.compile(r"\bwhat\b")
_APPOSITIVE = re.compile(r"\b(?:that|who|whose)\b")  # a relative inside an appositive
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|gets?|got)(?: \w+ly)? $")
_PASSIVE_TELLS = re.compile(r"(?:abandon|replac)\w*")
PASSIVE_LOOKBACK = 24  # characters before a cue searched for its passive auxiliary
NEW_SUBJECT_LEAD = 3  # ...after a mention with this many words of its clause before it
LIST_ITEM_WORDS = 3  # an item of a list at most this long, in `affirmed_view`
# The same predicate anywhere in a clause (searched with a word boundary: linear time).
_PARALLEL_NEG = re.compile(r"(no|without|zero)\s")  # "no appeal" (`polarity_of_span`)
_NEG_IN_CLAUSE = re.compile(r"\b" + _NEG_PREDICATE)
# A concession the next clause takes back: "a nightly job would be simple, but new posts would be
# missing", "a random split is tempting, yet it leaks". The mention's clause is hypothetical
# (a modal) or praised only as easy; the "but" clause that follows it says what goes wrong.
_CONCEDING = re.compile(
    r"\b(?:would|could|might)\b|\w'd\b|\b(?:tempting|easy|easier|simple|simpler|obvious|"
    r"natural|convenient|appealing|attractive|naive|default|quick|cheap|cheaper)\b"
)
# A measure said to look good while the system fails (issue #12): "accuracy would look great
# while missing everything", "AUC can look excellent even though the top slots are junk". The
# mention is the subject; the concessive clause says why its good look misleads. Not a negation
# (the measure may still be reported beside others), but a probe asking what the measure would
# tell has its answer (`shown_misleading`).
_LOOKS_GOOD_WHILE = re.compile(
    r"\s*(?:(?:alone|itself|here|overall|by itself|on its own)\s+)?"
    r"(?:(?:would|will|could|can|might|may)\s+)?(?:still\s+)?"
    r"(?:looks?|seems?|appears?|would look|reads?)\s+(?:\w+ly\s+|very\s+|really\s+|so\s+)?"
    r"(?:great|good|fine|excellent|amazing|impressive|healthy|high|perfect|stellar|fantastic)\b"
    r"[^.;!?]{0,20}?\s(?:while|even (?:when|if|though|as)|although|though|despite)\b"
)


def shown_misleading(norm: str, alias: str) -> bool:
    """The normalised sentence says the measure `alias` looks good while the system fails."""
    at = norm.find(alias)
    while at >= 0:
        if _LOOKS_GOOD_WHILE.match(norm, at + len(alias)):
            return True
        at = norm.find(alias, at + 1)
    return False


_TAKEN_BACK = re.compile(r"\s*[,;]?\s*(?:but|yet|however)\b")
# ...praised only as easy, as its predicate ("shuffling everything is easy, but ...", "a random
# 10% would be simple, but ..."): the "but" clause that follows is the drawback, whatever its
# words, unless it keeps the mention after all ("..., but it's fine here", "but we'd still").
_EASY_PREDICATE = re.compile(
    r"\b(?:is|are|was|were|would be|could be|'s|looks?|seems?|sounds?)\s+(?:\w+ly\s+|very\s+|"
    r"so\s+|pretty\s+|quite\s+)?(?:tempting|easy|easier|simple|simpler|obvious|convenient|"
    r"appealing|attractive|quick|quicker|cheap|cheaper)\b"
)
_KEPT_AFTER_ALL = re.compile(
    r"\b(?:still|anyway|regardless|fine|ok|okay|good enough|enough|acceptable|works?|"
    r"worth it|go with it|do it|use it|keep it)\b"
)
# An option named, then turned down by pointing back at it: "one option is to treat every report
# as a label; i'd reject it", "the metric people grab first is accuracy, and it's the one i'd drop".
TURNED_DOWN = re.compile(
    r"\b(?:reject\w*|drop\w*|discard\w*|dismiss\w*|veto\w*|avoid\w*|push\w* back on)\s+"
    r"(?:it|that|this|them|those)\b|\brul\w+ (?:it|that|this|them) out\b|"
    r"\bthe (?:one|thing|option|idea) (?:i|we)(?:'d| would| will)? (?:\w+ )?(?:drop|reject|avoid|"
    r"rule out|skip|cut)\b"
)
_FAILS = re.compile(r"\b(?:" + _NEG_PREDICATE + "|" + _BAD_VERB + ")")
_HEDGE = re.compile(
    r"\b(?:maybe|perhaps|possibly|i guess|i suppose|not sure|unsure|might|i think maybe|"
    r"probably not|no idea|"
    # "I kind of think", "it sort of works"; not the noun "this kind of ad" (a type of ad)
    r"(?<!\bthis )(?<!\bthat )(?<!\bthese )(?<!\bthose )(?<!\bwhat )(?<!\bwhich )"
    r"(?<!\bthe )(?<!\ba )(?<!\bany )(?<!\beach )(?<!\bevery )(?<!\bsame )(?<!\bone )"
    r"(?:kind|sort) of)\b"
)
# A hedge taken back in the same sentence: "maybe ..., or maybe not", "not sure, we'll see",
# "hard to say", "probably not worth it". The speaker commits to nothing.
_RETRACTED = re.compile(
    r"\b(?:(?:or )?(?:maybe|perhaps|possibly) not|hard to say|(?:we'll|we will) see|who knows|"
    r"probably not(?= (?:worth|needed|necessary|important|useful|required)\b|\s*(?:[,.;!]|$)))"
)
# The clause that ends "... anyway" after a rejection gives the rejection's reason.
_EXCUSE = re.compile(r"\b(?:anyway|anyhow)\W*$")
_EXCUSE_TURNED = re.compile(r"\b(?:so|but|therefore|hence)\b")
# Signs of reasoning in a clause: a why, a trade-off, a condition, an example...
_REASON_CLAUSE = (
    r"[,;\u2014]\s*so\b|\bso (?:i|i'd|i'll|they|our|each|every)\b|"  # ", so every week we..."
    # a purpose: "fine-tune it with a contrastive loss so matching pairs get high similarity"
    r"\bso (?!many\b|much\b|far\b|sure\b)(?:[a-z-]+ ){1,3}(?:gets?|stays?|becomes?|ends? up|can|"
    r"will|learns?)\b|"
    # an ordered plan: "start with logistic regression as a baseline, then a two-tower model"
    r"\b(?:start|begin|starting|beginning) (?:with|from|by)\b.*[,;]\s*(?:and )?then\b|"
    r"\s(?:=|->|\u2192)\s|"  # shorthand: "reports = cheap, noisy"
    r"\b(?:but|whereas|regardless)\b|"
    r"\b(?:because|since|so that|so we|so the|so it|which means|that means|means that|"
    r"otherwise|to avoid|to prevent|to keep|to catch|to make sure|to ensure|in order to|"
    r"trade-?offs?|at the cost of|versus|vs|instead of|rather than|given that|given|"
    r"due to|therefore|which is why|the reason|as long as|unless|if|when|e\.g|for example|"
    r"for instance|such as|compared to|cheaper|faster|slower|better than|worse than)\b"
)
# ...or an amount: a number, a rate, a bound ("within 15 ms", "per language").
_REASON_AMOUNT = (
    r"\b(?:more than|less than|fewer than|at least|at most|per|within|under|over)\b|\d|"
    # "about" as an amount ("about two percent", "about the same", "about one in five"), not
    # as a topic ("think about the users")
    r"\babout (?:the same|half|a (?:third|quarter|tenth)|(?:one|two|three|four|five|six|"
    r"seven|eight|nine|ten|twenty|fifty|a hundred|a thousand|a million)\b)"
)
_REASON = re.compile(_REASON_CLAUSE + "|" + _REASON_AMOUNT)
_CLAUSE_CUE = re.compile(_REASON_CLAUSE)
# A string of things joined by "and" over and over ("for evaluation I will use AUC and log
# loss and calibration and the 15 ms budget"): its pieces after the lead-in are short noun
# phrases, with no verb, subject or comma of their own.
_STRUNG_JOINER = re.compile(r"\s(?:and|or|plus)\s")
_CLAUSE_WORD = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|does|do|did|gets?|got|can|will|would|"
    r"should|could|must|may|might|i|we|it|they|you|that|which|who)\b|n't\b|'(?:d|ll|s|re)\b"
)
STRUNG_ITEMS = 4  # pieces of a strung list (three joiners at least)...
STRUNG_ITEM_WORDS = 8  # ...each this short after the lead-in
_QUOTED = re.compile(r'"[^"\n]{1,40}"|\u201c[^\u201d\n]{1,40}\u201d')
_LIST_JOINER = re.compile(r",|\band\b|\bor\b|\bplus\b|/")


@per_text(1024)
def _breaks(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Starts and ends of the clause breaks in `text` (both ascending: the matches do not
    overlap), found once per text: a message with thousands of cues stays linear."""
    found = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(text)]
    return tuple(a for a, _ in found), tuple(b for _, b in found)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of `text` that contains [start, end)."""
    starts, ends = _breaks(text)
    i = bisect.bisect_right(ends, start)  # the last break ending at or before the span
    j = bisect.bisect_left(starts, end)  # the first break starting at or after its end
    return (ends[i - 1] if i else 0), (starts[j] if j < len(starts) else len(text))


def clause_ends(text: str) -> list[int]:
    """Where each clause of `text` ends (the start of each break, then the text's end)."""
    return [*_breaks(text)[0], len(text)]


# A practice named, then dismissed in a verdict of its own: after a colon or dash ("cross
# layers: overkill", "filtering bot taps: don't bother", "streamed counts: unnecessary, nightly
# batch ok"), or by a short clause of dismissal with the practice as its object put first
# ("reading text out of pictures, i'd skip", "removing near-duplicates i'd skip", "how long we
# have, we can ignore for now"; "bot clicks, we drop them" is filtering, not dismissal: only
# "skip" takes a pronoun). The whole named stretch is negated, not just what follows.
_DISMISSAL = (
    r"(?:not (?:needed|necessary|required|worth (?:it|the \w+))|unnecessary(?: \w+)?|overkill|"
    r"skip(?: it| that| this| them)?|(?:just )?(?:don't|do not) bother|no need|pointless|useless|"
    r"superfluous|unneeded|(?:a |just a )?waste of (?:time|effort|money|compute)|"
    # set aside (issue #11): "out of scope", "a nice-to-have", "for down the line"
    r"out of scope|(?:only |just )?(?:a )?nice[- ]to[- ]have|(?:for |a )?down[- ]the[- ]line|"
    r"none of (?:that|this|these|those|it|them) (?:matters|changes \w+(?: \w+){0,4}|is needed|"
    r"helps|"
    # "account age, prior violations, report counts: none of it goes into the model"
    r"(?:goes|go|gets|get|is|are) (?:in|into|used)(?: \w+){0,3}))"
)
_VERDICT_DISMISSES = re.compile(
    r"(?P<sep>\s*:\s*|\s[-\u2013\u2014]\s+)(?P<verdict>" + _DISMISSAL + r")(?=\s*(?:[,.;!]|$))"
)
_DISMISSING_CLAUSE = re.compile(
    r"(?P<lead>\s*,\s*|\s)(?:so |and )?(?P<verdict>"
    # a reason, then the answer: "a pairwise loss only learns order, so no"
    r"(?<=so )(?:no|not (?:that|this|it|here))|"
    # deferred to spare time: "evaluating each head offline, only if time permits"
    r"(?:only )?if time (?:permits|allows)|time permitting|"
    # done only when forced: "the fairness slices, only if legal insists"
    + _FORCED_ONLY
    + r"(?: [\w'’-]+){0,4}?|"
    # put off to no set time: "the human-graded set, sometime later"
    + _SOMEDAY
    + r"(?: later| down the (?:line|road))?|"
    r"(?:i|we|you)(?:'d|'ll| would| will| can| could|"
    r" should)? (?:just |safely |simply |happily |probably |honestly |easily )?(?:(?:skip|pass on|"
    r"not bother with)(?: (?:it|that|this|them|those|these)(?: \w+)?)?|pass|drop|ignore|"
    r"leave out|"
    # "..., i'd shelve", "..., we'll defer" (a set-aside verb with nothing after it)
     + _SET_ASIDE_VERB + r"|"
    # "crossed features, we can live without those"
    r"(?:do|live|manage|make do) without(?: (?:it|that|this|them|those|these))?|"
    # "..., i honestly don't think we need any of that"
    r"(?:don't|do not) think (?:we|you|i)(?:'d| would| will)? (?:really )?need"
    r"(?: any of)?(?: it| that| this| them| those)?|"
    # "calibration we don't need", "drift monitoring i'd consider unnecessary"
    r"(?:don't|do not|won't|wouldn't) (?:really |even )?need(?: to \w+)?(?: it| that| this| them)?|"
    r"(?:consider|call|find) (?:it |that |this |them )?(?:unnecessary|overkill|pointless|"
    r"useless|superfluous|not needed))"
    r"(?: (?:for now|entirely|altogether|here|too|as well|completely|at first|initially))?)"
    r"(?=\s*(?:[,.;!]|$))"
)
# The practice put first, then a clause that sets it aside and points back at it (issue #11):
# "X, i'd park that", "X: let's table that for now", "X, i'd leave those out of the features",
# "X, we'll get to it eventually", "X, the model can do without them", "X, put it aside" (any
# verb of `_SET_ASIDE_VERB`, a pronoun after it; "bot clicks, we drop them" is filtering, not this).
_RESUMING = r"(?:it|that|this|them|those|these)\b"
_RESUMED_DISMISSAL = re.compile(
    r"(?P<lead>\s*[,:]\s*)(?P<verdict>(?:(?:let's|let us|(?:i|we|you|the \w+)(?:'d|'ll|"
    r"'re going to|'m going to| would| will| can| could| should| might| are going to| am going "
    r"to)?)(?: (?:\w+ly|just|simply|also))* )?(?:"
    + _SET_ASIDE_VERB
    + r" (?:[\w'-]+ ){0,4}?"
    + _RESUMING
    + r"|(?:leav(?:e|es|ing)|left) "
    + _RESUMING
    + r" (?:out|aside|off)|put(?:s|ting)? "
    + _RESUMING
    + r" (?:aside|on hold|on ice)|set(?:s|ting)? "
    + _RESUMING
    # (not "we set it aside as the test set": a holdout)
    + r" aside(?! as\b| for (?:testing|evaluation|validation)\b)|(?:get|come) (?:around |back )?to "
    + _RESUMING
    + r"(?: \w+)? "
    + _SOMEDAY
    + r"|(?:do|live|manage|make do) without "
    + _RESUMING
    + r")[^,;:.!?]*)"
)
# The same verdicts said of a subject ("... is overkill", "... are not needed")
_VERDICT_IN_CLAUSE = re.compile(
    r"\b(?:is|are|be|seems?|sounds?|feels?|felt|appears?)\s+(?:\w+ly\s+)?" + _DISMISSAL + r"\b"
)
# A clause that opens with the verb of the verdict has no subject of its own: the verdict is said
# of the subject before its comma ("a reliability plot, or comparing the rates, would be
# overkill"), however long that subject is.
_VERB_FIRST = re.compile(r"\s*(?:would|will|could|might|is|are|was|were|seems?|feels?)\b")

# A view put in other people's mouths, then the speaker's own choice against it: "a naive team
# would split randomly; we split by time", "some would assume clicks are what matters, but i'd
# ask ...", "others would build an index; i'd score everything". The first clause is a foil,
# not the speaker's design, whichever side of it is the good practice.
_OTHER_PARTY = (
    r"(?:(?:some|many|most|plenty of|a lot of|other) (?:teams|engineers|candidates|designers|"
    r"practitioners|companies|folks)|(?:an?|the) (?:[\w-]+ ){0,2}?(?:team|engineer|candidate|"
    r"designer|practitioner|newcomer|beginner)(?: in a (?:hurry|rush))?|(?:[\w-]+ )?teams|"
    r"(?:some|many|most) people|some|others|many|most)"
)
_OTHERS_VIEW = re.compile(
    r"(?:^|(?<=[;:.!?]\s))\W*" + _OTHER_PARTY + r"\s+(?:would|might|could|will|often|usually|"
    r"typically|tend to|just|simply|insist|prefer|reach|go|jump|grab|assume|say|suggest|argue|"
    r"start|use|pick|take|treat|ask)\b[^;.!?]*?"
    r"(?P<turn>\s*[,;:]\s*(?:but |yet |whereas |however,? |instead,? )?"
    r"(?:i|we|i'd|we'd|i'll|we'll|i'm|we're|my|our)\b)"
)


@per_text(4096)
def dismissed(text: str) -> tuple[tuple[int, int, int, str], ...]:
    """Stretches of a normalised sentence a verdict after them dismisses (see `_DISMISSAL`):
    (start, where the verdict starts, where it ends, the verdict)."""
    out = []
    for m in _OTHERS_VIEW.finditer(text):
        left = m.start() + len(m.group(0)) - len(m.group(0).lstrip(" ,;:-"))
        cue = "others would ... " + m.group("turn").strip(" ,;:")
        out.append((left, m.start("turn"), m.start("turn"), cue))
    for m in _VERDICT_DISMISSES.finditer(text):
        left = max(text.rfind(c, 0, m.start()) for c in ";:.") + 1
        out.append((left, m.start("verdict"), m.end(), m.group("verdict")))
    for m in _RESUMED_DISMISSAL.finditer(text):
        if ":" in m.group("lead"):  # "X: let's table that": the piece before the colon
            left = max(text.rfind(c, 0, m.start()) for c in ";.") + 1
        else:
            left = _list_start(text, clause_bounds(text, m.start(), m.start())[0])
        if text[left : m.start()].strip(" ,;:-"):
            out.append((left, m.start("verdict"), m.end(), m.group("verdict")))
    for m in _DISMISSING_CLAUSE.finditer(text):
        if m.group("lead").strip():  # ", i'd skip": the clause before it, with its list
            left = _list_start(text, clause_bounds(text, m.start(), m.start())[0])
            # ...and the head an appositive describes ("hard negatives, images that look
            # alike, i'd shelve")
            left = _appositive_head(text, left, m.start())
        else:  # "removing near-duplicates i'd skip": its own clause
            left = clause_bounds(text, m.start(), m.start())[0]
        if text[left : m.start()].strip(" ,;:-"):
            out.append((left, m.start("verdict"), m.end(), m.group("verdict")))
    return tuple(out)


def _appositive_head(text: str, left: int, right: int) -> int:
    """Where the head starts when [left, right) is an appositive with a relative clause after
    a comma ("..., similar-looking images that don't match,"), else `left`."""
    if left < 1 or text[left - 1] != "," or not _APPOSITIVE.search(text, left, right):
        return left
    head = clause_bounds(text, left - 1, left - 1)[0]
    if _OWN_SUBJECT.match(text, head) or _SUBORDINATE_OPENS.match(text, head):
        return left
    return head


def _list_start(text: str, left: int, opener: re.Pattern[str] | None = None) -> int:
    """Extend a clause's start back over short comma-separated list items, so a cue (a
    negation, by default) before a list covers every item ("no health, religion, ethnicity
    or politics"). Without `opener`, over every short item (nothing opens the list)."""
    while left > 0 and text[left - 1] == ",":
        prev = text.rfind(",", 0, left - 1)
        item = text[prev + 1 : left - 1]
        if len(item.split()) > 3 or _CLAUSE_BREAK.search(item.strip()):
            if opener and opener.search(item):  # "no health, religion": the cue opens the list
                return prev + 1
            break
        left = prev + 1
        if opener and opener.search(item):
            break
    return left


_LIST_TAIL = re.compile(r"\s*(?!(?:and|but|or|so|then)\b)[\w'-]+(?:\s+[\w'-]+)?\s+(?:or|and)\s")


def _list_end(text: str, right: int) -> int:
    """Extend a clause's end forward over the list the span's clause is a short item of, so
    the predicate after the list is read for every item ("filtering out private, deleted or
    flagged images isn't necessary"). The next piece must go on the list: a word or two,
    then "or"/"and" (a piece opening with a conjunction is a new clause)."""
    while right < len(text) and text[right] == "," and _LIST_TAIL.match(text, right + 1):
        nxt = text.find(",", right + 1)
        right = len(text) if nxt < 0 else nxt
    return right


def reach(
    text: str, start: int, end: int, opener: re.Pattern[str] = _NEG_BEFORE
) -> tuple[int, int]:
    """The stretch a cue before the span may reach it from: its clause, extended back over
    the list it is an item of when `opener` opens that list ("no health, religion, ethnicity
    or politics"), unless the clause opens with its own subject ("unlike the old one, we
    split...")."""
    left, right = clause_bounds(text, start, end)
    if not _OWN_SUBJECT.match(text, left):
        left = _list_start(text, left, opener)
    return left, right


def _names_blanked(text: str, start: int, end: int) -> str:
    """`text` with short quoted stretches other than [start, end) blanked out: a quoted name
    ('"not interested" rates', 'the "no thanks" button') negates nothing around it."""
    if '"' not in text and "\u201c" not in text:
        return text
    return _QUOTED.sub(
        lambda m: m.group(0) if m.start() < end and m.end() > start else " " * len(m.group(0)),
        text,
    )


# asked again of one span: by each criterion naming its concept, by the quote's clauses, and
# when the transcript read live is graded
@per_text(8192)
def polarity_of_span(text: str, start: int, end: int) -> tuple[Polarity, str]:
    """Polarity of the phrase at [start, end) of a normalised sentence, and the cue seen."""
    text = _names_blanked(text, start, end)
    for a, v, _, verdict in dismissed(text):
        if a <= start and end <= v:  # (a phrase holding the verdict is worded with it)
            return "negated", verdict
    left, right = reach(text, start, end)
    before = _non_negations_blanked(text[left:start])
    cue = None
    # a phrase worded with its own "no" is not negated by the "no" of a parallel item before it
    # ("removed automatically, no review and no appeal"): the same bare cue, said again
    own = _PARALLEL_NEG.match(text, start)
    for m in _NEG_BEFORE.finditer(before):
        if _relative_only(before, m.start(), m.end(), len(before)):
            continue
        if _AWAITED.search(before, m.end()):
            continue
        if _FRONTED_FOIL.match(before, 0, m.end()) and _DOER_OPENS.search(before, m.end()):
            continue  # "Instead of X I'd <phrase>": the foil is X, not the proposal
        if m.group(0) == "no" and _AND_THEN.search(before, m.end()) and _ACT.match(text, start):
            continue  # "... getting no exposure, and retrain daily": a new act, not negated
        if _NOUN_CUE.fullmatch(m.group(0)) and _AND_ACT.search(before, m.end()):
            continue  # "filter out X, and re-rank with popularity": past a new act
        if m.group(0) == "no" and _AS_ROLE.match(before, m.end()):
            continue  # "with no fine-tuning as a baseline": the role, not the negated noun
        if own is None or m.group(0) != own.group(1):
            cue = m.group(0)
    lost = _PREFERENCE.search(before) if cue is None else None
    if lost and not (
        _FRONTED_FOIL.match(before, 0, lost.end()) and _DOER_OPENS.search(before, lost.end())
    ):
        cue = lost.group(0)
    if cue is None:
        after = text[end : _list_end(text, right)]
        if aside := _ASIDE.match(text, right):
            # "scoring the whole catalogue, even if we had the gpus, would blow the budget"
            after += " " + text[aside.end() : clause_bounds(text, aside.end(), aside.end())[1]]
        tail = (
            _NEG_AFTER.match(after)
            or _NEG_SUBJECT.match(after)
            or _NEVER_AFTER.match(after)
            or _FRONTED_REFUSAL.match(after)
        )
        # "check the predictions still match reality and the inputs haven't shifted": a
        # mention inside its clause, then "and the <noun>" opening a clause with its own
        # subject; that clause's "not" is its own (a mention that heads the clause keeps a
        # shared verb: "position features and the IPS weights aren't needed")
        sub = _AND_NEW_SUBJECT.search(tail.group(0)) if tail else None
        # (not inside a free relative: "is what the ad policy and the law forbid")
        if tail and sub and _FREE_RELATIVE.search(tail.group(0), 0, sub.start()):
            sub = None
        if sub and not _new_subject_too_soon(sub, before):
            tail = None
        if tail:
            cue = tail.group(0).strip()
    if cue is None:
        cue = _conceded(text, left, right) or _turned_down(text, right)
    if cue is None:
        cue = _judged_subject(text, start)
    if cue is None:
        cue = next((v for a, b, _, v in judged_subjects(text) if a <= start and end <= b), None)
    # "i'd skip checking the features; it's the same code anyway": the reason for a rejection
    # said just before, not a practice of its own
    excuse = _EXCUSE.search(text, left, right) if cue is None else None
    # ...but not a practice the rejection leads to ("we have no fresh labels, so we'd add a
    # popularity fallback anyway"): a "so" or "but" between them turns the sentence
    rejected = list(_NEG_BEFORE.finditer(_non_negations_blanked(text[:left]))) if excuse else []
    if excuse and rejected and not _EXCUSE_TURNED.search(text, rejected[-1].end(), left):
        cue = excuse.group(0)
    if cue is not None:
        return "negated", cue
    hedge = _own_hedge(text, left, right)
    if hedge is None:
        hedge = _own_hedge(text, max(0, start - 40), start)
    if hedge:
        # only a take-back from the hedge on: "hard to say which ..., so maybe X" commits to X
        if retracted := _RETRACTED.search(text, hedge.start()):
            return "negated", f"{hedge.group(0)} ... {retracted.group(0)}"
        return "hedged", hedge.group(0)
    return "affirmed", ""


# The people an indirect question is about: "guess whether they might be pregnant" (its
# "might" is what is guessed, not the candidate's doubt).
_ABOUT_THEM = re.compile(
    r"\b(?:whether|if)\s+(?:they|he|she|the (?:user|viewer|person|reader|author)|users|"
    r"people|someone|somebody)\s+$"
)


def _own_hedge(text: str, start: int, end: int) -> re.Match[str] | None:
    """The first hedge in `text[start:end]` that is the speaker's own, not inside an indirect
    question about other people (`_ABOUT_THEM`). Searched in place, not in a slice: "the kind
    of images" cut to "e kind of images" had lost the "the" that makes it a noun."""
    for m in _HEDGE.finditer(text, start, end):
        if not _ABOUT_THEM.search(text, start, m.start()):
            return m
    return None


def _judged_subject(text: str, start: int) -> str | None:
    """The negating verdict on the subject a mention at `start` belongs to, when its sentence
    piece opens with that subject, goes on with one relative clause or more (each after a comma:
    ", which ...", ", and which ...", ", in which ..."), and then reaches the subject's own verb
    after a comma, a negation or a verdict ("..., are excluded by a filter", "..., leaves new posts
    invisible", "..., doesn't reflect how the model is used"); else None."""
    piece = max((m.end() for m in PIECE_END.finditer(text, 0, start)), default=0)
    if _OWN_SUBJECT.match(text, piece) or _SUBORDINATE_OPENS.match(text, piece):
        return None
    stop = PIECE_END.search(text, start)
    piece_end = stop.start() if stop else len(text)
    relatives = 0
    for comma in _SUBJECT_COMMA.finditer(text, piece, piece_end):
        if _RELATIVE_OPENS.match(text, comma.end()):
            relatives += 1
            continue
        if not relatives or comma.start() < start or not _MAIN_VERB_OPENS.match(text, comma.end()):
            return None
        verb = text[comma.end() : piece_end]
        tail = _NEG_AFTER.match(verb) or _NEG_SUBJECT.match(verb) or _NEVER_AFTER.match(verb)
        return tail.group(0).strip() if tail else None
    return None


# A practice as the subject of a judgement (issue #11): "X is a science project", "X strikes me
# as fussy", "X would be small potatoes". Dismissive verdicts are an open class, so the default
# flips for this one shape: the practice earns credit only when the judgement is in the closed
# class of good ones (`_GOOD_VERDICT`) or the predicate describes it rather than judges it
# (`_DESCRIBING`). A practice as the object of a plan ("we'd add X") keeps its reading.
_JUDGING_VERB = (
    r"(?:is|are|was|were|(?:would|will|could|might|must|should) (?:be|remain)|seems?(?: to be)?|"
    r"feels?(?: like)?|sounds?(?: like)?|looks?(?: like)?|strikes? (?:me|us) as|amounts? to|"
    r"comes? across as|counts? as|remains?)"
)
_SUBJECT_WORD = (
    r"(?!(?:i|we|you|they|it|he|she|there|here|i'd|we'd|you'd|i'll|we'll|let's|so|but|"
    r"because|since|although|though|whereas|while|then|if|when|whenever|unless|once|as|"
    r"which|who|what|how|why|is|are|was|were|would|will|could|should|do|does|did|must|can|may|"
    r"might|be|been|has|have|had|need|needs)\b)"
    r"[\w'’/-]+[ ,]+"
)
_JUDGED_SUBJECT = re.compile(
    r"\W*(?P<subject>(?:" + _SUBJECT_WORD + r"){1,14}?)(?:(?:\w+ly|just|also|still|then) )?"
    r"(?P<verb>" + _JUDGING_VERB + r")\s+(?P<pred>[^,;:.!?()\n]{1,80})"
)
# the closed class of good verdicts: needed, important, worth it, the main one
_GOOD_VERDICT = re.compile(
    r"(?:(?:\w+ly|so|very|really|just|also|still|pretty|quite|the|an?|our|one|two|more|much|"
    r"far) )*"
    r"(?:essential|important|key|crucial|critical|vital|needed|necessary|required|mandatory|"
    r"must(?:-haves?)?|non-?negotiable|indispensable|fundamental|central|core|worth(?! \w+ing)|"
    r"worthwhile|main|primary|first|top|biggest|priority|requirement|useful|helpful|valuable|"
    r"good|great|better|best|right|underrated|"
    # enough, or easy: "a daily job is fine", "two towers are simpler"
    r"fine|ok|okay|enough|plenty|sufficient|adequate|all|simple|simpler|easy|easier|cheap|"
    r"cheaper|fast|faster|quick|quicker|safe|safer|accurate|reliable|robust|effective|"
    r"efficient|standard|"
    # sound, or true: "a reasonable alternative", "a natural start", "a true chance"
    r"reasonable|sensible|natural|solid|sound|nice|honest|strong|decent|smart|clean|clear|"
    r"true|real|proper|correct|"
    # where the design begins: "matrix factorization is a start", "logistic regression is
    # the default"
    r"start|starting point|beginning|default|go-to|way to go|option)\b"
)
# a predicate that describes it: done, built, kept; where, when or how; an amount; a thing
# of the design ("a small linear model", "a real risk for latency", "our metric")
_DESCRIBING = re.compile(
    r"(?:(?:\w+ly|also|still|then|just|usually|always|often) )?(?:"
    r"(?!(?:over|mis|un|ill)\w+(?:ed|ing)\b)\w+(?:ed|ing|est)\b|"
    r"(?:done|built|run|kept|made|sent|put|shown|split|fed|"
    r"held|taken|given|cut|read|set|known|seen|drawn|written|chosen|frozen|thrown|grown|"
    r"broken)\b|"
    r"(?:in|on|at|by|for|from|with|to|into|onto|per|under|over|about|within|after|before|up|"
    r"out|off|through|via|across|where|how|what|when|why|whether|that|which|who|because|"
    r"there|here|our|my|the|this|these|those|its|their|not|no|never|n't|nothing|far from|"
    r"one|two|three|four|five|ten|hundreds?|thousands?|millions?|billions?|half|several|many|"
    r"few|multiple|different|"
    r"anything but|by no means|in no way|"
    r"\d)\b|"
    # a trade-off weighed ("precise but costly"), not a verdict; a negation, read as before
    r"[^,;:.!?()\n]*(?:\b(?:but|yet|though|although|whereas|while|not|never|no|hardly|"
    # ...or what it is when: "a row is a success if they pressed play" (a definition)
    r"if|when|unless|only|once|daily|hourly|weekly|nightly)\b|n't)|"
    r"[^,;:.!?()\n]*\b(?:model|models|metric|metrics|rates?|features?|signals?|labels?|loss|"
    r"baseline|tests?|split|index|embeddings?|network|classifier|regression|trees?|towers?|"
    r"layers?|scores?|objective|target|probabilit(?:y|ies)|ranker|ranking|retrieval|pipeline|"
    r"service|job|steps?|stage|inputs?|outputs?|encoder|table|store|cache|dashboards?|alerts?|"
    r"checks?|samples?|data|dataset|thresholds?|heads?|tasks?|candidates?|fallback|proxy|"
    r"guardrails?|negatives?|positives?|yes|success|failure|examples?|rows?|clicks?|matche?s?|"
    r"pairs?|hints?|signs?|sum|average|"
    r"approach|method|technique|problem|issue|concern|risk|challenge|danger|bottleneck|"
    r"trade-?off|cost|bias|signal|part|piece|component|way)\b)"
)

# A verdict is an adjective or a noun phrase with an article ("is pedantic", "is a vanity
# project", "is more hype than substance"); a bare noun names what it is ("the metric is
# prevalence", "rows are impressions").
_VERDICT_SHAPE = re.compile(
    r"(?:(?:\w+ly|just|pure|really|very|so|too|pretty|quite|rather|kind of|a bit) )*"
    r"(?:(?:an?|more|less|too|so) \w|\w+(?:ful|less|ous|ive|able|ible|al|ic|ary|ory|ish|ant|ent)\b|"
    r"(?:over|mis|un)\w+(?:ed|ing)\b)"
)
# ...said of the design's slot, the subject names what fills it: "the label is a satisfied
# watch", "the headline metric is a weighted sum" (an identity, not a verdict)
_ROLE_HEAD = re.compile(
    r"\b(?:label|labels|objective|goal|metric|metrics|target|evaluation|serving|monitoring|"
    r"success|rows?|scope|plan|idea|question|answer|step|stage|outputs?|inputs?|results?|"
    r"point|rule|signals?|choice|option|definition|setup|design|features?|positives?|"
    r"negatives?|value|outcome|loss|baseline|model|(?:output|input|final|last|top) layers?|"
    r"first|second|third|last)[ ,]+$"
)
_ONLY_IN_THEORY = re.compile(
    r"\b(?:on paper|in theory|on (?:a|the) (?:slide|whiteboard)|(?:of|in|for) (?:a |the )?"
    r"(?:\w+ )?(?:papers|textbooks?|slide decks?|slides))\b"
)
# a subject that opens with a gerund ("weighting ...", not "the morning ...")
_GERUND_HEAD = re.compile(
    r"(?!(?:during|morning|evening|thing|nothing|something|string|ceiling)\b)\w+ing\b"
)
# a complement clause closing a subject: "... the probability that a post", "... whether the ad"
_SAID_THAT = re.compile(
    r"\b(?:(?:probabilit(?:y|ies)|chances?|likelihood|odds|risk) that|whether) "
    r"(?P<np>(?:an?|the|this|each|every|any|some|its|their|our|one) "
    r"[\w'’-]+(?: [\w'’-]+)?)[ ,]+$"
)
_PREMISE_OF = re.compile(
    r"\b(?:so|hence|therefore|thus|which is why|that's why|which means|that means)\b"
)


@per_text(4096)
def judged_subjects(text: str) -> tuple[tuple[int, int, int, str], ...]:
    """Sentence pieces of a normalised sentence whose subject is judged by a verdict outside
    the good ones (`_JUDGED_SUBJECT`): (subject start, subject end, clause end, verdict)."""
    out = []
    for piece in (0, *(m.end() for m in PIECE_END.finditer(text))):
        m = _JUDGED_SUBJECT.match(text, piece)
        if m is None or _SUBORDINATE_OPENS.match(text, piece) or _OWN_SUBJECT.match(text, piece):
            continue
        pred = m.group("pred")
        subject = m.group("subject")
        # (a subject headed by a gerund is that act, whatever noun ends it: "weighting the
        # class up in the loss is counterproductive")
        role = _ROLE_HEAD.search(subject) and not _GERUND_HEAD.match(subject)
        if role:
            continue
        # praise kept to paper or a slide is a verdict against it in practice, whatever its
        # shape ("X is fine on paper", "X looks great on a slide", "the stuff of papers")
        if not _ONLY_IN_THEORY.search(pred) and (
            not _VERDICT_SHAPE.match(pred) or _GOOD_VERDICT.match(pred) or _DESCRIBING.match(pred)
        ):
            continue
        # a premise the design follows from: "the harmful class is tiny, ..., so we'd weight it"
        stop = PIECE_END.search(text, m.end())
        if _PREMISE_OF.search(text, m.end(), stop.start() if stop else len(text)):
            continue
        verdict = f"{m.group('verb')} {pred.strip()}"
        # a clause that says what is predicted or claimed judges its own subject only: "we
        # predict the probability that a post is harmful" says nothing of the prediction
        said = _SAID_THAT.search(subject)
        start = m.start("subject") + (said.start("np") if said else 0)
        out.append((start, m.start("verb"), m.end(), verdict))
    return tuple(out)


_FIRST_WORD = re.compile(r"\W*([\w'’-]+)")


def judged_whole(text: str) -> str | None:
    """The cue when a normalised sentence is one clause that denies or judges badly the subject
    it opens with ("adding the slot as a feature just makes things worse", "X would do more harm
    than good"), else None. Such a sentence is a verdict on the practice, not the practice: its
    likeness to a rubric example earns nothing (issue #11). A sentence that goes on after the
    verdict ("accuracy isn't enough, so we calibrate") or opens with its speaker is not one; nor
    is a plain negated verb, which may be the practice itself ("latency must not rise": a
    guardrail), nor a cue that stops before the sentence's end."""
    m = _FIRST_WORD.match(text)
    if m is None or _OWN_SUBJECT.match(text) or _SUBORDINATE_OPENS.match(text):
        return None
    body = text.rstrip(" .!")
    if clause_bounds(text, m.start(1), m.end(1))[1] < len(body):
        return None
    pol, cue = polarity_of_span(text, m.start(1), m.end(1))
    if pol != "negated" or _AUX_NEG.search(cue) or not body.endswith(cue.strip()):
        return None
    return cue


def _conceded(text: str, left: int, right: int) -> str | None:
    """The concession cue when the clause [left, right) is conceded and the "but" clause right
    after it names a failure ("would be simple, but posts would be missing"), or the clause
    praises the mention only as easy and the "but" clause does not keep it (`_EASY_PREDICATE`),
    else None."""
    but = _TAKEN_BACK.match(text, right)
    if but is None or (conceding := _CONCEDING.search(text, left, right)) is None:
        return None
    after = text[but.end() :]
    stop = _CLAUSE_BREAK.search(after)
    taken_back = after[: stop.start() if stop else len(after)]
    if _FAILS.search(taken_back) or _AUX_NEG.search(taken_back):
        return f"{conceding.group(0)} ... {but.group(0).strip(' ,;')}"
    easy = _EASY_PREDICATE.search(text, left, right)
    if easy and not _KEPT_AFTER_ALL.search(taken_back):
        return f"{easy.group(0)} ... {but.group(0).strip(' ,;')}"
    return None


def _turned_down(text: str, right: int) -> str | None:
    """The cue when the clause right after the mention's turns it down by pointing back at it
    ("...; i'd reject it because ..."), else None."""
    nxt = _CLAUSE_BREAK.match(text, right)
    if nxt is None:
        return None
    following = text[nxt.end() :].lstrip(" ,;")
    stop = _CLAUSE_BREAK.search(following)
    following = following[: stop.start() if stop else len(following)]
    return m.group(0) if (m := TURNED_DOWN.search(following)) else None


# An alarm or action set off by something that did not happen: "alert if the model hasn't been
# updated in 24 hours", "roll back when the job doesn't finish", "page someone if the counts no
# longer match". The negation is the trigger's condition, not a rejection of the practice.
_TRIGGERED_IF = re.compile(
    r"\b(?:alert\w*|alarm\w*|notif\w*|warn\w*|roll(?:s|ed|ing)? back|rollback|"
    r"fall(?:s|ing)? back|page (?:someone|somebody|the on-?call|on-?call|an engineer|us|me)|"
    r"ping (?:someone|somebody|the on-?call|us)|wake (?:someone|somebody) up|escalat\w*|"
    r"raise (?:an? )?(?:alarm|alert|flag))\b"
    r"[^.;:]{0,40}?\b(?:if|when|whenever|once|as soon as|in case)\b[^.;:,]*$"
)


def negation_in_condition(text: str, cue_start: int) -> bool:
    """The negation cue at `cue_start` lies in the condition of an alarm or action said just
    before it (`_TRIGGERED_IF`)."""
    return _TRIGGERED_IF.search(text, max(0, cue_start - 120), cue_start) is not None


@per_text(4096)
def affirmed_view(text: str) -> str:
    """The sentence without its negated stretches: each negation cue's scope (to the end of
    its clause) is cut out. Similarity to rubric examples is measured on this view, so
    "split by time, not randomly" is not close to "split randomly"."""
    cut_from = len(text)
    # (a subject judged badly stays: `judged_subjects` negates its mentions only, as the red flag
    # a dismissal names is read on this view: "...; calibration is a detail" is AUC alone)
    for a, _, b, _ in sorted(dismissed(text), reverse=True):
        b = min(b, cut_from)
        if a < b:
            text = text[:a] + text[b:]
            cut_from = a
    out: list[str] = []
    pos = 0
    cleaned = _non_negations_blanked(text, "\x00")
    cues = [(m.start(), m.end()) for m in _NEG_BEFORE.finditer(cleaned)]
    cues += [(m.start("cue"), m.end("cue")) for m in _PREFERENCE.finditer(cleaned)]
    for start, end in sorted(cues):
        if start < pos or negation_in_condition(text, start):
            continue
        left, right = clause_bounds(text, start, end)
        if awaited := _AWAITED.search(text, end, right):
            right = awaited.start()
        elif _FRONTED_FOIL.match(text, left, end) and (
            doer := _DOER_OPENS.search(text, end, right)
        ):
            # "Instead of training from scratch I'd start from a pretrained backbone": the
            # fronted foil ends where the candidate's own proposal begins
            right = doer.start()
        else:  # a negation before a list takes every item ("skip titles, thumbnails or audio")
            right = _list_end(text, right)
        relative = _RELATIVE_NEG.search(text, left, start)
        rel_end = _RELATIVE_END.search(text, end, right) if relative else None
        if relative and rel_end:
            # "images that aren't matches and use them ...": the relative clause only
            out.append(text[pos : relative.start()])
            pos = rel_end.start()
            continue
        # A negated verb ("we don't need", "is not") denies the whole clause; a bare cue
        # ("not randomly", "instead of accuracy") only what follows it. The clause starts at
        # an "and the <noun>" that opens one with its own subject.
        for sub in _AND_NEW_SUBJECT.finditer(text, left, start):
            if not _new_subject_too_soon(sub, text[left : sub.start()]):
                left = sub.start()
        whole = (
            _AUX_NEG.search(text, start, end)
            or _PUT_OFF_CUE.match(text, start, end)
            # a passive ("the canary gets ditched") judges its subject; not one that tells what
            # happens ("impressions where the video is abandoned within 3 seconds")
            or (
                not _PASSIVE_TELLS.match(text, start, end)
                and _PASSIVE_BEFORE.search(text, max(left, start - PASSIVE_LOOKBACK), start)
            )
        )
        cut = max(left, pos) if whole else start
        out.append(text[pos:cut])
        pos = right
    out.append(text[pos:])
    view = "".join(out)
    # a negating predicate after a subject ("accuracy is not our metric") drops the clause
    pieces = []
    last = 0
    breaks = sorted(
        [*_CLAUSE_BREAK.finditer(view), *_AND_NEW_SUBJECT.finditer(view)], key=lambda m: m.start()
    )
    for brk in [*breaks, None]:
        stop = brk.start() if brk else len(view)
        if brk is not None and (brk.start() < last or _new_subject_too_soon(brk, view[last:stop])):
            continue  # "and the <noun>" after a clause's own subject only (see below)
        clause = view[last:stop]
        neg = _NEG_IN_CLAUSE.search(clause)
        if not neg or negation_in_condition(view, last + neg.start()):
            pieces.append(clause)
        elif pieces[-1:] == [","] and (
            (_VERB_FIRST.match(clause) and _NEG_SUBJECT.match(clause))
            or (_LIST_TAIL.match(clause) and _VERDICT_IN_CLAUSE.search(clause))
        ):
            # "a reliability plot, or comparing the rates, would be overkill", "X, how we'd
            # do it, is a detour": the subject before the comma, back to where its sentence
            # piece starts; so too a verdict on a list whose first items come before the
            # comma ("a panel of latency, errors and drops is superfluous")
            k = len(pieces)
            while (
                k and not PIECE_END.search(pieces[k - 1]) and not _OWN_SUBJECT.match(pieces[k - 1])
            ):
                k -= 1
            del pieces[k:]
        elif _VERDICT_IN_CLAUSE.search(clause):
            # a verdict on a list takes the whole list ("predicting like, comment, share and
            # hide separately is overkill"): the short items before it, each after a comma
            while (
                len(pieces) >= 2
                and pieces[-1].strip() == ","
                and len(pieces[-2].split()) <= LIST_ITEM_WORDS
                and not _OWN_SUBJECT.match(pieces[-2])
            ):
                del pieces[-2:]
        pieces.append(brk.group(0) if brk else "")
        last = brk.end() if brk else len(view)
    return re.sub(r"\s+", " ", "".join(pieces)).strip(" ,;")


def _new_subject_too_soon(brk: re.Match[str], clause: str) -> bool:
    """A coordinator and a determiner right after the clause's first words coordinates its
    subject ("position features and the IPS weights aren't needed"), not a new clause."""
    return brk.re is _AND_NEW_SUBJECT and len(clause.split()) < NEW_SUBJECT_LEAD


def hedged(text: str) -> bool:
    return _HEDGE.search(text) is not None


def hedged_proposal(text: str) -> bool:
    """A hedge on what the sentence proposes, before any reason, contrast or condition it gives
    ("maybe alerts if something looks off"); a hedge inside the reason ("look at user groups
    separately, since it might work for some and not others") leaves the proposal said."""
    cue = _CLAUSE_CUE.search(text)
    return _HEDGE.search(text, 0, cue.start() if cue else len(text)) is not None


def noncommittal(text: str) -> bool:
    """A hedged sentence that takes the hedge back ("maybe some baseline, or maybe not, hard to
    say"): no commitment to anything in it, so not even a hedged claim. A take-back said
    before the hedge is about something else ("hard to say which ..., so maybe X")."""
    hedge = _HEDGE.search(text)
    return hedge is not None and _RETRACTED.search(text, hedge.start()) is not None


@per_text(8192)  # asked of a sentence for each criterion it matches
def reasoning_cues(text: str) -> int:
    """How many signs of reasoning a normalised sentence carries."""
    return len(_REASON.findall(text))


def strung_list(text: str) -> bool:
    """A normalised sentence that strings noun phrases together with "and" again and again,
    with no clause of reasoning: a list read out, however many of the problem's own numbers
    and names its pieces carry (numbers and "per" inside a piece are the piece's words, not
    a reason). Real answers with that many pieces use commas or say why."""
    if "," in text or _CLAUSE_CUE.search(text):
        return False
    items = _STRUNG_JOINER.split(text.rstrip(" .!"))
    return len(items) >= STRUNG_ITEMS and all(
        len(i.split()) <= STRUNG_ITEM_WORDS and not _CLAUSE_WORD.search(i) for i in items[1:]
    )


# A list led in by the name of a stage ("Monitoring is ...", "Data: ...", "The framing involves
# ...", "My serving is ...", "Clarifying topics: ..."): the stage's topics read out, each a short
# phrase with no verb or subject of its own, however plain their words ("Data: shows and
# clicks, finger mistakes, past click rates, last hour and last week"). A list under a heading
# that names its items' kind ("Features: ...", "Main model: ...", "Video: ...") is an answer.
_STAGE_LEAD = re.compile(
    r"^\W*(?:the |our |my |your )?(?:clarifications?|clarifying|questions|framing|frame|data|"
    r"model|modelling|modeling|evaluation|serving|monitoring)(?: topics)?"
    r"(?:\s*:|\s+(?:is|are|involves?|covers?|includes?|concerns?|brings? in)\b)"
    r"(?:[^:,]{0,30}:)?\s*"  # "serving is like milk: ..."
)
_TOPIC_ITEM = re.compile(r",|\s(?:and|or|plus)\s")
TOPIC_ITEMS = 4  # phrases at least...
TOPIC_ITEM_WORDS = 5  # ...each this short
# A bare heading ("Monitoring: ...") is also how a chat answer is typed: "Monitoring: watch
# time per user, the distribution of predicted scores, feature drift, and retraining weekly."
# is four things to watch, tersely. A heading then a long string of topics is the read-out.
HEADED_TOPIC_ITEMS = 6


def stage_topic_list(text: str) -> bool:
    """A normalised sentence that names a stage and then reads out short phrases
    (`_STAGE_LEAD`), with no clause of reasoning and no semicolon-cut parts: the stage's
    topics, not what the candidate does in it."""
    if ";" in text or _CLAUSE_CUE.search(text):
        return False
    lead = _STAGE_LEAD.match(text)
    if lead is None:
        return False
    items = [i.strip() for i in _TOPIC_ITEM.split(text[lead.end() :].rstrip(" .!")) if i.strip()]
    headed = ":" in lead.group(0) and not re.search(
        r"\b(?:is|are|involves?|covers?|includes?|concerns?|brings?|topics)\b", lead.group(0)
    )
    return len(items) >= (HEADED_TOPIC_ITEMS if headed else TOPIC_ITEMS) and all(
        len(i.split()) <= TOPIC_ITEM_WORDS and not _CLAUSE_WORD.search(i) for i in items
    )


# A heading, then short phrases of different kinds side by side: bare amounts ("five hundred
# ads", "half a second", "256 numbers") among methods and topics ("quick lookup", "fewer
# digits", "quiet run"). Under a heading that names what its items are ("Video: ID embedding,
# duration, age, views over 1 hour, 1 day, 7 days", "Assumptions: 1% CTR, 500 ads, 15 ms") the
# items are all of one kind; a heading over amounts mixed with a stage's methods is the stage's
# topics read out, whatever the heading's words ("Line items for serving: ...", "The roster:
# ..."). An amount that goes on a series begun by the item before it ("over 1 hour, 1 day") is
# that item's, not an item of its own kind.
_HEADED = re.compile(r"^\W*[^:,.;?!]{2,50}:\s*")
_DIGITS = re.compile(r"(?<![\w@/.-])\d[\d.,]*%?(?![\w@/-])")
_AMOUNT_GLUE = {"in", "out", "of", "per", "a", "an", "about", "around", "roughly", "under", "over"}
_SERIES_START = re.compile(r"\d|\b(?:hour|day|week|month|year)s?\b")
MIXED_ITEMS = 6  # items at least, under the heading...
MIXED_OTHER_ITEMS = 3  # ...of which at least this many are not amounts


def amount_only(item: str) -> bool:
    """A list item (normalised) that is only an amount and at most a unit word ("five
    hundred ads", "half a second", "three in a thousand", "256 numbers", "95 out of 100");
    not a count of things of the design ("two towers"), nor a term with digits ("ndcg@50")."""
    rest = SPELLED_AMOUNT.sub(" ", _DIGITS.sub(" ", item))
    if rest == item:
        return False
    return len([w for w in rest.split() if w.strip(" .!,") not in _AMOUNT_GLUE]) <= 1


def mixed_topic_list(text: str) -> bool:
    """A normalised sentence that is a heading and then at least `MIXED_ITEMS` short phrases
    with no verb or subject, no reason and no semicolon parts, mixing bare amounts with other
    things: a stage's topics read out under a heading, not a list of one kind of thing."""
    if ";" in text or "?" in text or _CLAUSE_CUE.search(text):
        return False
    lead = _HEADED.match(text)
    if lead is None:
        return False
    items = [i.strip(" .!") for i in _TOPIC_ITEM.split(text[lead.end() :]) if i.strip(" .!")]
    if len(items) < MIXED_ITEMS or any(
        len(i.split()) > TOPIC_ITEM_WORDS or _CLAUSE_WORD.search(i) for i in items
    ):
        return False
    is_amount = [amount_only(i) for i in items]
    amounts = [
        k
        for k, amount in enumerate(is_amount)
        if amount and not (k and _SERIES_START.search(items[k - 1]))
    ]
    others = is_amount.count(False)
    return bool(amounts) and others >= MIXED_OTHER_ITEMS


# A connective between two bare noun phrases gives no reason: "RPM, therefore pointwise
# classification, so the impression, which is why calibration" is a list read out with
# "therefore" for a comma.
_CHAIN_LINK = re.compile(
    r"\b(?:and )?(?:so then|so|therefore|hence|thus|consequently|accordingly|as a result|"
    r"in turn|which is why|which means|which leads to|that's why|because of|due to|owing to|"
    r"given|on top of that|not to mention|as well as)\b"
)
_CHAIN_PIECE = re.compile(r"[,;]|\s(?:and|or|plus)\s")
CHAIN_LINKS = 3  # connectives at least...
CHAIN_PIECE_WORDS = 6  # ...each piece between them this short, with no verb or subject


def chained_list(text: str) -> bool:
    """A normalised sentence whose connectives ("so", "therefore", "because of", "on top of
    that") only join short noun phrases, none with a verb or subject of its own: a list read
    out, however many connectives it has. A real chain of reasons says what follows from
    what ("posts are fresh, so we rank online")."""
    links = _CHAIN_LINK.findall(text)
    if len(links) < CHAIN_LINKS:
        return False
    pieces = [p.strip(" .!") for p in _CHAIN_PIECE.split(_CHAIN_LINK.sub(",", text))]
    pieces = [p for p in pieces if p]
    return len(pieces) > len(links) and all(
        len(p.split()) <= CHAIN_PIECE_WORDS and not _CLAUSE_WORD.search(p) for p in pieces
    )


def clause_reasons(text: str) -> int:
    """How many clause-level signs of reasoning (a why, a contrast, a condition) a normalised
    text carries, leaving out amounts: in a list read out, "15 ms" or "1 day" is an item's
    word, not a reason."""
    return len(_CLAUSE_CUE.findall(text))


def list_items(text: str) -> int:
    """How many list joiners a sentence has (commas, and, or)."""
    return len(_LIST_JOINER.findall(text))


@per_text(4096)
def self_negating(phrase: str) -> bool:
    """A phrase worded with its own negation ("no need for a review", "latency is not a
    concern", "retraining would be wasted"): the affirmed view cuts such words out, so a
    sentence saying it may keep too little text to be compared with anything."""
    norm = phrase.lower()
    return bool(_NEG_BEFORE.search(norm) or _NEG_IN_CLAUSE.search(norm))
