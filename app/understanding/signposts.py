"""Stage naming and signposts: the words that name each interview stage, and the ways a
candidate's message announces, heads, returns to or is done with a stage ("For evaluation,
...", "Serving: ...", "Back to the model I skipped", "done with data"). Read by the offline
reader (which stage a message is about, whether it asks to move) and by the interviewer
policy (which stage an answer opens or goes back to).
"""

from __future__ import annotations

import re

from app.knowledge.schema import STAGES, Stage
from app.knowledge.text import content_words, word_set

STAGE_WORDS: dict[Stage, str] = {
    "clarify": r"requirements|clarif\w*|questions",
    "frame": r"fram\w*|problem formulation|formulat\w*|(the |an )?ml (task|objective|problem)",
    "data": r"data( prep\w*)?|features?( engineering)?|labels",
    # "training" alone is the model stage; "training data" is data (`TRAINING_DATA`)
    "model": r"(the )?model\w*|architecture|training(?! (?:data|examples|rows|sets?|pairs)\b)",
    "evaluate": r"eval\w*|metrics|offline metrics|testing|measurement|measuring",
    "serve": r"serv\w*|deploy\w*|production|inference|rollout",
    "monitor": r"monitor\w*|observability|drift|upkeep",
}
ANY_STAGE = "|".join(f"(?:{v})" for v in STAGE_WORDS.values())
# The stages' own names: a sentence made of one of them and a question mark asks to go there
# ("evaluation?"); "labels?" or "drift?" alone are more likely a fact question or an answer.
STAGE_NAME = (
    r"clarif\w*|requirements|fram\w*|formulation|data|model\w*|eval\w*|serv\w*|deploy\w*|"
    r"monitor\w*"
)
STAGE_NAMED = re.compile(
    r"\b(?:to|on to|onto|into|about|discuss|cover|talk(?: about)?|start (?:on|with))\s+(?:the\s+)?"
    r"(" + ANY_STAGE + r")\b"
)
# "For training data I'd take...": the data stage named through what the model learns from.
# "To learn from, I'd take ...", "As teaching examples, ...": the same, in plain words.
TRAINING_DATA = (
    r"training (?:data|examples|rows|sets?|pairs)|(?:learn|train) (?:it )?(?:from|on)|"
    r"teaching (?:data|examples|rows|pairs)"
)
_SIGNPOST_STAGE = ANY_STAGE + "|" + TRAINING_DATA
# "For evaluation I'd...", "As a feature...", "To evaluate it...": the message names its stage.
# "I'd frame it as ...", "let me formulate it as ...": the framing stage named by its verb.
# The formal register's topic markers ("Concerning the data, ...", "As for deployment, ...")
# open on a stage as "for" does.
_TOPIC_MARKER = (
    r"concerning|regarding|as regards|as for|as to|with regard to|with respect to|"
    r"for|to|as|in|on|at"
)
SIGNPOST = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|now|and|then|next|also),?\s+)?(?:(?:" + _TOPIC_MARKER + r")\s+"
    r"(?:the\s+|my\s+|our\s+|a\s+)?|(?:i'?d|i'?ll|i would|i will|we'?d|we'?ll|let'?s|let me)"
    r"\s+(?=fram|formulat))(" + _SIGNPOST_STAGE + r")\b"
)
# "Monitoring: ANN recall, ...": a stage name and a colon heading the message; also led by a
# word of sequence ("Next, the model: ...") or followed by one ("Serving then: ...").
SIGNPOST_HEAD = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|k{1,2}|so|now|and|then|next|anyway)\W+)*"
    # "Back to the model: it gets distilled ...": the stage returned to after an aside
    # ...and "For serving: when someone opens the app, ...", "On evaluation: ...": a topic
    # word before the stage, the colon still heading the message
    r"(?:(?:back|returning|coming back) to\s+|(?:for|on|as for|regarding|re)\s+)?"
    r"(?:the\s+|my\s+|our\s+)?(" + _SIGNPOST_STAGE + r")"
    # "data -> impression logs ...": a note-taker's arrow stands for the colon
    r"(?:\s+(?:then|now|next|first|wise|side|part))?\s*(?::|->|=>|\u2192)"
    # "Serving-wise, ...", "ok so metrics-wise: ...": the stage named as the respect in which
    r"|^\W*(?:(?:ok(?:ay)?|so|now|and|then|next)\W+)*(?:the\s+)?(" + _SIGNPOST_STAGE + r")"
    r"[\s-]wise\s*[:,]"
    # "## Model" or "**Evaluation**" on a line of its own: a markdown heading names the stage
    r"|^\s*(?:#{1,4}\s*|\*\*)(?:the\s+)?(" + _SIGNPOST_STAGE + r")(?:\*\*)?\s*(?::|\n|$)"
)
# "To see if it works, ...", "For checking it, ...", "To tell whether it's any good, ...": a
# sentence opening on judging the model announces evaluation, in plain words.
_JUDGING_OPENS = re.compile(
    r"^\W*(?:(?:and|then|so|now|next)\W+)?(?:to|for) (?:see|check|checking|know|tell|judge|"
    r"judging|test|testing)(?: (?:if|whether|how well|that))? (?:it|this|the (?:model|ranker|"
    r"classifier|system|new \w+))\b"
)


def stage_of_word(word: str) -> Stage | None:
    """The stage a word of STAGE_WORDS names ("evaluation", "features", "the ml task")."""
    if re.fullmatch(TRAINING_DATA, word):
        return "data"
    for stage, pattern in STAGE_WORDS.items():
        if re.fullmatch(pattern, word):
            return stage
    return None


# A stage said as the one to go past ("what comes after the model?", "what follows the
# framing?", "beyond the data, where to?"): the request is for the stage after it.
_PAST_STAGE = re.compile(
    r"\b(?:after|past|beyond|following|follows)\s+(?:the\s+|our\s+|my\s+|this\s+)?"
    r"(" + TRAINING_DATA + "|" + ANY_STAGE + r")\b"
)


def stage_after_named(norm: str) -> Stage | None:
    """The stage after the one a request names as the one to go past, when it is the only
    stage the request names ("what comes after the model?" -> evaluate); None otherwise
    ("let's do serving after the model" names serving as the destination)."""
    m = _PAST_STAGE.search(norm)
    if m is None:
        return None
    named = {
        stage_of_word(w.group(0))
        for w in re.finditer(r"\b(?:" + TRAINING_DATA + "|" + ANY_STAGE + r")\b", norm)
    }
    past = stage_of_word(m.group(1))
    if named != {past} or past is None or past == STAGES[-1]:
        return None
    return STAGES[STAGES.index(past) + 1]


# A stage named as the one gone back to because it was passed over: "back to the model I
# skipped", "I realise I skipped the model", "on evaluation, which I skipped, ...".
_BACK_TO_SKIPPED = re.compile(
    r"\b(?:back to|return(?:ing)? to|revisit(?:ing)?)\s+(?:the\s+)?(?P<a>" + ANY_STAGE + r")\b"
    r"[^.;!?]{0,20}?\b(?:i|we)\s+(?:\w+\s+)?(?:skipped|jumped over|missed|passed over|left out)|"
    r"\b(?P<b>" + ANY_STAGE + r")\b[^.;:!?]{0,20}?\b(?:i|we)\s+(?:\w+\s+)?(?:skipped|jumped "
    r"over|missed|passed over|left out)|"
    r"\b(?:i|we)\s+(?:\w+\s+)?(?:skipped|jumped over|missed|passed over|left out)\s+(?:over\s+)?"
    r"(?:the\s+)?(?P<c>" + ANY_STAGE + r")\b"
)
# A message opening by going back to a stage ("Back on features for a moment: ...", "Going
# back to the data: ..."), without saying it was skipped.
_BACK_ON_STAGE_HEAD = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|oh|and|also|wait|actually|quickly|sorry|one sec)\W+)*"
    r"(?:(?:going|go|coming|come|jumping|jump|circling|circle|heading|head)\s+)?back\s+"
    r"(?:to|on|onto)\s+(?:the\s+|my\s+)?(?P<stage>" + ANY_STAGE + r")\b"
)


def went_back_to(norm: str) -> Stage | None:
    """The stage the message says it goes back to because it was skipped (`_BACK_TO_SKIPPED`)."""
    m = _BACK_TO_SKIPPED.search(norm)
    return stage_of_word(m["a"] or m["b"] or m["c"]) if m else None


# "back to the framing?", "Back to the data for a sec?", "could we go back to the model,
# quickly?": a message that only asks to go back to a stage (a request, not a fact question)
_BARE_BACK = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|and|um+|hmm+|actually|wait|sorry|sure|right)\W+)*"
    r"(?:(?:can|could|shall|may) we (?:just )?|let'?s )?(?:(?:go|going|come|coming|circle|"
    r"circling|jump|jumping|step|head) )?back to (?:the |my |our )?(?:problem |ml )?"
    r"(?P<stage>" + ANY_STAGE + r")(?: (?:part|side|bit|stage|section|piece))?"
    r"(?:\W+(?:for a (?:sec|second|moment|minute|bit)|quickly|briefly|please|real quick|"
    r"(?:for )?now|first|again))*\W*$"
)


# "Right, where were we: serving, I think.": the stage the candidate resumes at, said after
# an aside or a step back
_RESUME_AT = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|and|right|alright|anyway)\W+)*where were we\W+(?:(?:on|at|in|with|"
    r"up to)\s+)?(?:the\s+|my\s+)?(?P<stage>" + ANY_STAGE + r")\b(?:\W+(?:i think|i guess|"
    r"i believe|right|yes|yeah))*\W*$"
)


def bare_back_to(norm: str) -> Stage | None:
    """The stage a message asks to go back (or on) to and says nothing else (`_BARE_BACK`,
    `_RESUME_AT`)."""
    m = _BARE_BACK.match(norm) or _RESUME_AT.match(norm)
    return stage_of_word(m["stage"]) if m else None


def back_on_stage(norm: str) -> Stage | None:
    """The stage a message opens by going back to (`_BACK_ON_STAGE_HEAD`), if any."""
    m = _BACK_ON_STAGE_HEAD.match(norm)
    return stage_of_word(m["stage"]) if m else None


# "Multi-objective ranking: watch time, like, dislike", "Binary classification: ...": a heading
# naming the kind of ML task, a modifier saying which, heads the framing ("Ranking: a DCN" alone
# may be the ranker of a two-stage model)
_TASK_HEAD = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|now|and|then|next)\W+)*(?:an?\s+)?"
    r"(?:multi[- ]?(?:objective|task|label|class)|binary|pointwise|pairwise|listwise)\s+"
    r"(?:ranking|classification|regression)(?:\s+problem|\s+task)?\s*(?::|->|=>|\u2192)"
)


def heading_alone(norm: str) -> Stage | None:
    """The stage a sentence names when it is nothing but a heading ("Data:", "## Model",
    "Next, evaluation:"): in a message, what follows it is said under that heading."""
    m = SIGNPOST_HEAD.match(norm)
    if m is None or norm[m.end() :].strip():
        return None
    return stage_of_word(next(g for g in m.groups() if g))


def headed_stage(norm: str) -> Stage | None:
    """The stage a heading opening normalised text names ("Monitoring: ...", "Serving-wise,
    ...": `SIGNPOST_HEAD`; "Multi-objective ranking: ...": `_TASK_HEAD`)."""
    if _TASK_HEAD.match(norm):
        return "frame"
    m = SIGNPOST_HEAD.match(norm)
    return stage_of_word(next(g for g in m.groups() if g)) if m else None


# "Training rows come from reviewer verdicts ...": the data stage named as the subject the
# sentence opens on (the nouns only: "train on ..." may be the model's training)
_TRAINING_DATA_OPENS = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|now|and|then|next|also),?\s+)?(?:the\s+|my\s+|our\s+)?"
    r"(?:training|teaching) (?:data|examples|rows|sets?|pairs)\b"
)

# A kind of ML task, or a gerund saying what is done ("as ranking", "as a multi-label
# classification problem", "as predicting watch time"); not "something", "anything"
_TASK_KIND = (
    r"(?:ranking|classification|classifier|regression|retrieval|recommendation|detection|"
    r"prediction|estimation|search|matching|similarity|problem|task|"
    r"(?!(?:some|any|no|every)thing\b)[a-z]{3,}ing)\b"
)

# "Frame it as scoring each post per policy", "Treat this as ranking", "I'll treat it as
# ranking", "we can see this as binary classification", "I would propose that we treat this as
# ...": the framing stage opened by its verb, with no subject as a list item or a note says it,
# or with one in any tense or register, and the phrasal "set the task up"; the problem itself
# its object ("it" as an example or a label is data: "we'd treat it as a negative")
_FRAME_VERB_OPENS = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|now|and|then|first|next),?\s+)?"
    r"(?:i(?:'d| would) (?:propose|suggest)(?: that)? )?"
    r"(?:(?:(?:i|we)(?:'?d|'?ll| would| will| shall| can| could|'m going to| am going to| are "
    r"going to)?|let'?s|let me)\s+)?"
    r"(?:(?:first|now|then|just) )?"
    # "frame/formulate it as" is framing whatever follows; the everyday verbs ("treat it as",
    # "see this as", "approach it as") only with a kind of task after them: "we'd treat it as
    # a weak signal", "I'd view it as a nice-to-have" are about data or priorities
    r"(?:(?:frame|formulate) (?:it|this|the (?:problem|task))\s+as\b|"
    r"(?:treat|cast|pose|see|view|approach|set up) (?:it|this|the (?:problem|task))\s+as\s+"
    r"(?:an?\s+)?(?:[\w-]+\s+){0,3}?" + _TASK_KIND + r"|"
    r"set the (?:problem|task) up\b)"
)
# "Good. I'll frame it as ...", "Right. Monitoring: ...": a nod said as a sentence of its own
# before the signpost; the signpost still opens what the candidate says
_NOD_SENTENCE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|k{1,2}|right|good|great|fine|sure|alright|all right|cool|perfect|"
    r"understood|noted|got it|i see|yes|yeah|thanks|thank you)"
    r"(?:[\s,]+(?:thanks|thank you|then|that helps|makes sense))?\s*[.!]\s+)+"
)


# "Allow me to revisit the framing for a moment: ...", "If I may return briefly to the data":
# the formal register's going back to a stage, by a verb of returning that takes the stage.
RETURN_TO_STAGE = re.compile(
    r"^\W*(?:(?:if i may|allow me to|permit me to|let me|may i|i'?d like to|i want to|just)\W+)?"
    r"(?:(?:briefly|quickly)\s+)?(?:revisit|(?:return|go back|come back|circle back|step back)"
    r"(?:\s+(?:briefly|quickly|for a (?:moment|second|minute)))?\s+to)\s+(?:the\s+|my\s+)?"
    r"(?:" + ANY_STAGE + r")\b"
)
# "..., and, as regards the data, every impression ...": a clause that turns to a stage by a
# topic marker in the middle of a long sentence, set off by commas on both sides.
MID_SIGNPOST = re.compile(
    r"[,;]\s*(?:(?:and|but|then|while)\s*,?\s*)?(?=(?:" + _TOPIC_MARKER + r")\s+"
    r"(?:the\s+|my\s+|our\s+)?(?:" + ANY_STAGE + r")\s*,)"
)


# "For the model's inputs ...": a stage word owning a noun is a modifier; the noun owned
# names the stage (inputs and signals are what the data stage prepares)
_POSSESSED = re.compile(r"'s\s+(\w+)")
_INPUT_WORD = re.compile(r"inputs?|signals?")
_ASPECT_WORD = re.compile(r"side|sake|part|end|half|bit|piece|section|stage|step")


def signposted_stage(norm: str) -> Stage | None:
    """The stage normalised text announces at its start ("For evaluation, ...", "Serving:
    ...", "Training rows come from ...")."""
    norm = _NOD_SENTENCE.sub("", norm, count=1)
    m = SIGNPOST.match(norm)
    if m is None:
        if headed := headed_stage(norm):
            return headed
        if _JUDGING_OPENS.match(norm):
            return "evaluate"
        if _FRAME_VERB_OPENS.match(norm):
            return "frame"
        return "data" if _TRAINING_DATA_OPENS.match(norm) else None
    if owned := _POSSESSED.match(norm, m.end()):
        if _INPUT_WORD.fullmatch(owned[1]):
            return "data"
        # "on the model's side", "for evaluation's sake": a part of the stage keeps it; any
        # other noun owned decides ("for the model's latency" names no stage)
        if _ASPECT_WORD.fullmatch(owned[1]):
            return stage_of_word(m.group(1))
        return stage_of_word(owned[1])
    return stage_of_word(m.group(1))


# The data stage named by where examples come from rather than by its name: "a tap counts as a
# positive", "labels come from reviewer decisions", "impression logs joined with clicks",
# "fed in alongside the post": a vote for data as a claim of it weighs (`OfflineReader._stages`)
DATA_SOURCED = re.compile(
    r"\b(?:counts?|counted|treat(?:ed)?(?: it| them)?) as (?:an? )?(?:positive|negative)s?\b|"
    r"\b(?:positives?|negatives?|labels?|examples?|pairs?|rows?) (?:\w+ )?(?:come|comes|came) "
    r"from\b|"
    r"\blogs? (?:\w+ )?joined (?:with|to|on)\b|\bjoined (?:with|to) (?:the )?(?:\w+ )?logs?\b|"
    r"\b(?:feed|fed) (?:it|them|those|these|that) in\b|"
    # "every video shown but not clicked is a negative", "the click as the label": what an
    # example is and what it is labelled
    r"\b(?:every|each|any|all) [\w' -]{1,60}? (?:is|are|counts?) (?:as )?(?:an? )?"
    r"(?:negative|positive)s?\b|\b(?:negatives?|positives?)\s*:|"
    r"\bas (?:the|a|our) (?:label|target)s?\b|"
    # "train on the first 80 days, test on the last 10": a split in time, said as one
    r"\btrain(?:ing)? on\b[^.;:]{0,50}?\b(?:test|evaluat\w*|validat\w*)(?:ing)? on\b"
)
# The prediction target said in one sentence ("we predict if the user clicks the ad", "the
# model estimates how likely a post is to be reported"): framing, whatever measure words its
# target shares with evaluation (a vote for framing, `OfflineReader._stages`)
TARGET_STATED = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|now|and|then|basically|simply),?\s+)*(?:we|i|the model|it)"
    r"(?:'?d| would| will|'ll| want to| need to)? (?:predict|estimate|output)s? "
    r"(?:(?:for each|per) [\w -]{1,30}?,? )?(?:if|whether|the (?:chance|probability|likelihood|"
    r"odds)|how (?:likely|long|much|many|often)|which)\b"
)
# The business goal said as the reason or premise of a framing ("Since the goal is people coming
# back daily, I'd frame ...", "our objective here is revenue"): the candidate states what
# success is, so asking them "what would success look like?" next asks for what they just said
GOAL_STATED = re.compile(
    r"\b(?:the|our|my|their|its) (?:(?:business|product|company'?s?|team'?s?|main|real|overall) )?"
    # ("our objective is to predict whether they click" is the model's: a business one only)
    r"(?:goal|aim|north[- ]star|(?<=business )objective|(?<=product )objective)(?: here)? "
    r"(?:is|being|would be)\b"
)
# The task stated as what the system does ("The task: rank the home-page videos by how long
# the user will watch each", "our job is to score each post"): framing, as a target stated is
TASK_STATED = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|now|and|then|basically|simply),?\s+)*(?:the|our|my) (?:ml )?"
    r"(?:task|problem|job)(?: (?:is|would be|will be))?(?:\s*:\s*|\s+to\s+)(?:to\s+)?"
    r"(?:rank|predict|estimate|classify|score|sort|order|detect|retrieve)\b"
)
# Words of judging a model: a target statement with one of these also measures something
MEASURE_WORDS = re.compile(
    r"\b(?:check\w*|compar\w*|measur\w*|plot\w*|bucket\w*|ratio|against|divid\w*|"
    r"evaluat\w*|metrics?|test\w*|offline|online|a/b|auc|log ?loss|ndcg|recall|precision)\b"
)
# A message opening on the moment a request is served ("When someone opens the app, we
# gather ...", "At query time ..."): what follows is how the request is answered
REQUEST_MOMENT_OPENS = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|now|and|then),?\s+)?(?:(?:when|whenever|once|as soon as|each time|"
    r"every time) (?:someone|somebody|an? (?:user|person|viewer|visitor|request|query)|the "
    r"(?:user|person|viewer|visitor|request|query)|they|people) (?:\w+ )?(?:opens?|loads?|"
    r"search(?:es)?|asks?|requests?|arrives?|comes? in|scrolls?|visits?|refresh(?:es)?|"
    r"uploads?)\b|(?:at|on) (?:request|query|serving|inference|upload) time\b)"
)
# Evaluation said as what is counted or compared rather than named: "I'd look at how many
# different channels show up", "compare saves for people who get the new version against
# those who don't" (a vote for evaluation as a claim of it weighs)
MEASURED = re.compile(
    r"\b(?:look(?:ing)? at|count(?:ing)?|check(?:ing)?|measur\w*|compar\w*) how (?:many|often|"
    r"much)\b|\b(?:people|users|those|viewers|visitors) who (?:get|see|got|saw|are shown) the "
    r"new \w+"
)
# A test judged by what counts as its success ("I'd call the test a success if people like more
# posts", "Success is more clicks on the tiles during the test"): evaluation, whatever measure
# words it shares with the framing's objective
TEST_SUCCESS = re.compile(
    r"\b(?:success\w*|succeed\w*|a win|wins?)\b[^.;?]{0,80}?\b(?:test|experiment|a/b|trial)\b|"
    r"\b(?:test|experiment|a/b|trial)\b[^.;?]{0,80}?\b(?:success\w*|succeed\w*|a win)\b"
)
# Watching that goes on after launch ("keep comparing ...", "now and then I'd run ...",
# "page someone if ..."): a message with monitoring content said this way is about monitoring
ONGOING_WATCH = re.compile(
    r"\bkeep(?:s|ing)? (?:an eye|comparing|checking|watching|tracking|looking)\b|"
    r"\b(?:now and then|every so often|from time to time)\b|"
    # "we'd check it again every week", "look again each day": the same look, again and again
    r"\b(?:check|look|test|measure|compare|review)\w*(?: \w+){0,2}? again (?:every|each)\b|"
    r"\b(?:page|wake|alert) (?:someone|somebody|the on-?call|us|the team)\b|"
    r"\balert(?:s|ing)? (?:on|if|when)\b"
)


# "I've covered data", "done with evaluation": the stage after the one named comes next.
DONE_WITH = re.compile(
    r"\b(?:covered|done with|finished(?: with)?|good on|enough on|no more|(?:happy|comfortable|"
    r"satisfied) with|(?:feel|i'?m) (?:good|happy|comfortable) about|settles|"
    r"(?:park|leave|pause) (?:\w+ )?|said (?:\w+ ){0,4}?(?:on|about)|that'?s "
    r"(?:(?:about|just about|pretty much|more or less) )?(?:it |all )?"
    r"(?:for|on)|that'?s (?:the|my)|"
    # "what else to say about data", "not much more to add on the model", "nothing further on
    # the model": nothing left to say about a part is being done with it
    # ("much more" or "a lot more" only denied: "I have much more to say about evaluation"
    # holds on to it; "what else" only as what is left to say: "what else matters for serving")
    r"(?:nothing|little|anything|(?:(?:do|does|did|have|has)n'?t|not) (?:have |got )?"
    r"(?:much|a lot)) (?:else|more|further)"
    r"(?: \w+){0,3}? (?:about|on|for)|what (?:else|more) (?:is there |do i have )?to (?:say|add)"
    r"(?: \w+){0,2}? (?:about|on|for))\s+(?:the\s+|my\s+)?(" + ANY_STAGE + r")\b"
)
# "Serving is where the rubber meets the road", "Models here get big fast", "Data is always
# the hard part": a stage's name as the subject a message's first sentence opens on
_SUBJECT_OPENS = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|now|and|then|anyway|well)\W+)*(?:the\s+)?(" + STAGE_NAME + r")\s+"
    r"(?:(?:here|itself|(?:is|are)(?: always| usually| often)?|gets?|tends? to)\b)"
)


def subject_stage(norm: str) -> Stage | None:
    """The stage whose name is the subject normalised text opens on (`_SUBJECT_OPENS`)."""
    m = _SUBJECT_OPENS.match(norm)
    return stage_of_word(m.group(1)) if m else None


STAGE_BARE = re.compile(r"\b(" + ANY_STAGE + r")\b")


# A question about the interview's own course ("is it fine if I go ahead and frame it now?",
# "would now be a good time to talk about the training data?", "is it time for the part that
# learns?"): it says where the candidate wants to go and asks nothing of the system. Shared by
# the reader (such a question is a request to move, and where to) and the interviewer policy
# (which overrides a reader that took it for a fact question or called it off the problem).
# `COURSE_MARK` is a word of going, talking, sequence or readiness; `_COURSE_WORDS` the content
# words such a question may hold besides the stages it names (permission, time, what is done,
# what the interviewer would like to hear).
COURSE_MARK = re.compile(
    r"\b(?:next|now|after|then|go|going|move|moving|talk|discuss|cover|turn|return|come|comes|"
    r"start|continue|proceed|head|jump|skip|on ?to|ready|time for|mind if|get to|get into|"
    r"say how|hear how|where to|from here|take it)\b"
)
# ...and the words of going on, which a request naming no stage needs ("ready to move on?",
# "where to now?")
_GOING = re.compile(
    r"\b(?:next|go|going|move|moving|on ?to|continue|proceed|head|jump|skip|where to|from here|"
    r"after|then|onwards?|forward|ahead)\b"
)
_COURSE_WORDS = word_set(
    "fine ok okay good right alright sure time moment sec second minute ahead talk discuss cover "
    "covered done already next first later part stage step topic bit return back comes mind like "
    "want ready say hear get getting start move go anything more else left take"
)
# Stages named by a course verb or in plain words, not by their names: "the part that learns",
# "how I'd test it", "getting it to users", "keeping an eye on it later". Each is read only in
# a sentence with nothing of the system in it (`course_question`).
_IT = r"(?:it|this|that|the (?:system|model|thing))"
PLAIN_STAGE_NAMES: dict[Stage, re.Pattern[str]] = {
    "frame": re.compile(
        r"\b(?:(?:frame|framing|formulat\w*|put|pose|posing|putting) (?:it|this|the problem|"
        r"the task)|the (?:problem|task) (?:itself|statement))\b"
    ),
    "data": re.compile(
        r"\b(?:where (?:the )?(?:examples|labels|rows|data) (?:come|comes) from|what it learns "
        r"from)\b"
    ),
    "model": re.compile(
        r"\b(?:(?:the )?(?:part|bit|piece|thing|side)s? (?:that|which) (?:learns|picks|ranks|"
        r"predicts|scores|decides|does the learning)(?: (?:from )?(?:it|them|the \w+))?|"
        r"what (?:learns|picks|ranks|"
        r"predicts|scores)(?: (?:from it|the \w+|it))?|(?:the )?learning (?:part|bit|piece|side)|"
        r"how it (?:learns|picks|ranks|predicts|decides))\b"
    ),
    "evaluate": re.compile(
        r"\b(?:(?:how )?(?:i'?d|we'?d|i would|we would|to|i'?ll|we'?ll|i can|we can) (?:check|"
        r"measure|test|judge|evaluate|show|know|tell|prove)(?: (?:if|whether|that))?(?: "
        + _IT
        + r")?(?: (?:works|is any good|'?s any good|is good))?|(?:"
        + _IT
        + r"|it'?s) (?:works|is any good|'?s any good)|measuring "
        + _IT
        + r"|check\w*|measur\w*|test\w*)\b"
    ),
    "serve": re.compile(
        r"\b(?:(?:getting|get|putting|put|rolling|roll|shipping|ship|deploying|deploy|serving|"
        r"serve|launching|launch|running|run) "
        + _IT
        + r"(?: (?:to|in front of|out to) (?:the )?(?:users|people|customers)| (?:live|out|"
        r"online|into production))?|getting (?:it )?(?:to users|live|out)|going live)\b"
    ),
    "monitor": re.compile(
        r"\b(?:keep(?:ing)? (?:an eye on|watch(?:ing)?|track(?:ing)? of) "
        + _IT
        + r"(?: (?:later|after\w*|over time|once \w+ \w+))?|watch(?:ing)? "
        + _IT
        + r" (?:after (?:launch|it'?s live|that)|later|over time|once it'?s (?:live|out|"
        r"running))|keep(?:ing)? "
        + _IT
        + r" (?:healthy|running|working)|after launch|once it'?s (?:live|out|running))\b"
    ),
}
_AFTER_NAMED = re.compile(r"\bafter\s+(?:the\s+)?$")
_STAGE_NAMED = re.compile(r"\b(?:" + TRAINING_DATA + "|" + ANY_STAGE + r")\b")


def course_question(norm: str) -> tuple[bool, Stage | None]:
    """Whether `norm` (one sentence, normalised) holds nothing but the interview's course
    (the stages it names, by name or in plain words, and `_COURSE_WORDS`), and the stage it
    asks for: the one after a stage said as "after X", else the last stage it names (the
    destination comes last: "data and model are covered, so on to evaluation"), else None (the
    next one)."""
    # plain names first: "frame the problem" is one name, not "frame" and a word of the system
    named: list[tuple[int, int, Stage]] = []
    for plain, pattern in PLAIN_STAGE_NAMES.items():
        named += [
            (m.start(), m.end(), plain)
            for m in pattern.finditer(norm)
            if not any(s < m.end() and m.start() < e for s, e, _ in named)
        ]
    for m in _STAGE_NAMED.finditer(norm):
        said = stage_of_word(m.group(0))
        if said is not None and not any(s < m.end() and m.start() < e for s, e, _ in named):
            named.append((m.start(), m.end(), said))
    rest = norm
    for start, end, _ in sorted(named, reverse=True):
        rest = rest[:start] + " " + rest[end:]
    if not set(content_words(rest)) <= _COURSE_WORDS:
        return False, None  # "how much training data is there?" asks about the system
    if not named:
        return True, None
    start, _, last = max(named)
    if _AFTER_NAMED.search(norm[:start]):  # "what comes after the model?"
        return True, STAGES[STAGES.index(last) + 1] if last != STAGES[-1] else None
    return True, last


def asks_course(norm: str) -> tuple[bool, Stage | None]:
    """A question (one normalised sentence ending in "?") that only asks about the course and
    says where to go or when (`COURSE_MARK`) or names a stage in plain words: a request to move
    there ("is it time for the part that learns?", "getting it to users, then?")."""
    if not norm.rstrip().endswith("?"):
        return False, None
    course, target = course_question(norm)
    if not course:
        return False, None
    # (a plain name of more than one word: "what should I check?" asks what, not to move)
    plain = any(" " in m.group(0) for p in PLAIN_STAGE_NAMES.values() for m in p.finditer(norm))
    if not (COURSE_MARK.search(norm) or plain):
        return False, None
    if target is None and not plain and not goes_on(norm):
        return False, None
    return True, target


def goes_on(norm: str) -> bool:
    """A word of going on (`_GOING`), which a request to move that names no stage needs:
    "mind if I take a minute?" asks for time, not to move on; "ready to move on?" moves."""
    return bool(_GOING.search(norm))


# The current stage's own work said as an act ("when I build the table I'd keep ...", "the
# scoring service loads ...", "we predict whether ..."): a point of a later stage said inside
# it is part of that work (sampling the negatives while the training rows are made is data
# work, however the rubric files the correction it needs), not a step on to the later stage.
_DATA_WORK = re.compile(
    r"\b(?:build\w*|assembl\w*|put\w* together|construct\w*|mak(?:e|ing)|creat\w*|prepar\w*)"
    r"\b[^.;:]{0,30}?\b(?:table|dataset|data ?set|examples|rows|pairs|training (?:data|set))\b|"
    r"\btraining (?:table|set|examples|rows|pairs)\b|\bin the (?:training )?(?:table|dataset)\b"
)
# "Then I'd hold out the last three days as the validation split", "keep the last week for
# testing": the split of the rows is data work, whatever stage its test words name
_SPLIT_WORK = re.compile(
    r"\b(?:hold\w* (?:\w+ ){0,4}?out|set\w* (?:\w+ ){0,4}?aside|keep\w*|kept)\b[^.;:]{0,40}?"
    r"\b(?:as|for) (?:the |a |our )?(?:validation|holdout|held-out|test)\b|"
    r"\b(?:validation|holdout) split\b|"
    # "Features for each row: ...": what each training row holds
    r"^\W*(?:the )?(?:features|labels|inputs) (?:for|of|on|per) (?:each|every|a) "
    r"(?:row|example|impression|pair)\b"
)
_SERVE_WORK = re.compile(
    r"\b(?:scoring|ranking|serving|prediction|inference|model|ad) (?:service|server)s?\b|"
    r"\b(?:at|on) (?:request|query|serving|inference) time\b|\b(?:per|each|every) request\b"
)


def works_on(norm: str) -> Stage | None:
    """The stage whose own work normalised text says as an act (`_DATA_WORK`, `_SERVE_WORK`,
    a target or task stated for the framing, a request's moment for serving), if any."""
    if TARGET_STATED.match(norm) or TASK_STATED.match(norm):
        return "frame"
    if _DATA_WORK.search(norm) or _SPLIT_WORK.search(norm):
        # not `DATA_SOURCED`: "train on ..., test on ..." is no act
        return "data"
    if _SERVE_WORK.search(norm) or REQUEST_MOMENT_OPENS.match(norm):
        return "serve"
    return None
