"""Speech acts of a candidate's sentences, for the offline reader: does a sentence ask, ask to
move on or for a hint, answer its own question, talk to the interviewer about something else,
or try to steer the grader? (Closing a part or the talk, and asking to finish, are in
`closure_shapes` and `closings`; stage names and signposts in `signposts`.)

The rules are structural, not phrase lists: sentence mood (a question word or an inverted
auxiliary first, a subordinate clause that only looks like a question, a question mark),
discourse lead-ins stripped before that test ("also", "quick one:", "three things:"), who is
addressed ("you" as the subject of a question), request frames ("can we", "let's", "I'd
rather", "feel free to") around a verb of moving or ending, and the interviewer's open
question (a yes/no question, an "anything else?").
"""

from __future__ import annotations

import re
from functools import lru_cache

from app.knowledge.memo import per_text
from app.knowledge.schema import STAGES, Stage
from app.knowledge.text import STOPWORDS, content_words, normalize, word_set
from app.understanding.closure_shapes import closes_plain
from app.understanding.signposts import (
    ANY_STAGE,
    STAGE_BARE,
    STAGE_NAME,
    STAGE_WORDS,
    stage_of_word,
)
from app.understanding.word_classes import (
    ACK,
    CLAUSE_END,
    CLAUSE_SPLIT,
    DESIGN_IMPERATIVE,
    POLAR_REPLY,
)

_STAGES = "|".join(STAGE_WORDS.values())
MOVE_ON = re.compile(
    # "wrap up the clarifying bit", "close out the data part": a part of the interview ended
    r"\b(?:wrap(?:ping)? up|clos(?:e|ing) out|finish(?:ing)? off) (?:the |my |this |our )?(?:\w+ )?"
    r"(?:" + _STAGES + r"|bit|part|section|stage)\b|"
    r"\b(move on|moving on|next (stage|step|section|part|topic)|let'?s go (on|ahead|to)|"
    r"go to the next|skip (this|ahead|to)|proceed to|i'?m done (with )?(this|the|clarify\w*|"
    r"here|asking)|done with (this|that) (part|stage|section)|that'?s all for (this|the)|"
    r"nothing else to (ask|add|clarify)|no more questions|that covers (it|this|that|everything|my "
    r"questions|what i (need|wanted))|"
    # "those answers cover what I was wondering about": what the candidate wanted is answered
    r"(that|this|those|these|it|your answers?|the answers?|those answers) (covers?|answers?) "
    r"what i (need\w*|want\w*|was (wondering|asking|after)|had)|"
    r"(that'?s|those are|that was) all my questions|"
    r"(i think )?that'?s (enough|all) (for|on) (this|now|clarif\w*)|enough (questions|clarif\w*)|"
    r"(can|could|shall|should) we (go|move|jump|switch|get) (on |over )?(to|into)|"
    r"let'?s (talk|move|switch|jump|get) (about|to|into|on to)|ready to (move|go) on|"
    # "let's park the data there", "I'll leave framing there": the part set aside for now
    r"\b(let'?s|i'?ll|we'?ll|we can|i can) (park|leave|pause|stop) (the |my )?(" + _STAGES + r"|"
    r"it|this|that)( \w+)? (there|here|for now)\b|"
    r"i'?ve covered (it|this|everything)|(can|could|shall|should) we (talk|discuss|do|cover) "
    r"(about )?(the )?(" + _STAGES + r")|let'?s (frame|talk|discuss|do|"
    r"cover|get into|look at) (it|the|about|" + _STAGES + r")|"
    r"(i'?d like to|(can|could|shall) we)( now)? go ahead and (frame|formulate) (it|this|the)\b|"
    r"done with (" + _STAGES + r")|(good|enough|done) on (the )?(" + _STAGES + r")|"
    r"covers what i need|(^|[,.;:–—] ?|\s-+ ?)(next|onwards?)\W*$|"
    # "...; over to you": the turn handed back, the part done
    r"(^|[,.;:–—] ?|\s-+ ?)(back |over )to you\W*$|"
    r"\b(jump|skip|go|mov|get|head|switch|turn|carry|carries|continu|proceed)\w* (on |over |ahead "
    r"|straight |along )?(to|into) "
    # ...not a stage word naming data ("can kids' accounts go into the training data?"), nor a
    # thing put into it in a role ("any flagged post goes into training as a positive") or
    # kept for it alone ("so the vendor grades go to evaluation only")
    r"(the )?(" + _STAGES + r")\b(?! (data|set|sets|examples|samples|as|only|alone)\b)|"
    r"^(next,? )?(" + _STAGES + r")( next)?[^\w?]*$|"
    # "keep going", "moving along", "carry on": onward, no stage named
    r"(^|[,;:–—] ?|\s-+ ?)(ok(ay)?,? |so,? |right,? )?(let'?s )?(keep (going|moving)|"
    r"mov(e|ing) (right )?along|carry on|continue|press on|crack on)(\W*$|\s[-–—]|[,;:])|"
    r"^(ok(ay)?,? |so,? |right,? )?next (one|thing|bit|part|please)\W*$|"
    # "skip", "skip it please": the whole message passes over what is on the table
    r"^(ok(ay)?,? |so,? |right,? )?skip( (it|that)( one| part| bit)?)?( please)?\W*$|"
    # "on to framing the problem", "over to serving": a sentence that only heads onward
    r"^(and |so |ok,? |now )?(on ?to|over to) (the )?(" + _STAGES + r")|"
    # "should I park candidate generation and get into ranking?": one part set aside for another
    r"\b(park|set aside|put aside|shelve)\b[\w' -]{1,30}? and (get|go|move|jump|switch|head|turn|"
    r"dive)( on| over| straight)? (in)?to\b)"
)
# Questions about the interviewer or the session, and attempts to steer it: not the problem.
META = re.compile(
    r"\b(ignore (all |any |your |the )?(previous|prior|above|earlier) instructions|system prompt|"
    r"(paste|show|give|reveal|print)( me)? (the |your )?(full )?(grading )?(rubric|instructions|"
    r"prompt|answer key|hidden facts)|what (llm|model|ai) are you|are you (an ai|a bot|gpt|"
    r"claude|human|a person)|do you have (weekends|kids|a family)|weather|pizza|football|"
    r"champions league|did you (catch|see|watch) the|"
    r"pretend (you are|to be)|"
    # how the candidate takes part in the session: thinking aloud, typing, diagrams, away
    r"bear with me|think(?:ing)? (?:out loud|aloud)|(?:i'?m|i am) back\b|typing on (?:my|a) "
    r"(?:phone|tablet|laptop)|(?:draw|drawing|sketch|sketching) (?:\w+ )?diagrams?|whiteboard|"
    r"share (?:my|the) screen|give me (?:a|one) (?:sec|second|moment|minute)|"
    r"(?:i'?m|i am|i feel|feeling) (?:a bit |a little |quite |so |very |really )?(?:nervous|"
    r"anxious|stressed)|"
    # the session itself: time left in it, whether it is recorded
    r"how (much time|many minutes) (do|have) (i|we) (have |got )?(got )?left|"
    # how the interview itself is run: its format, the real rounds it prepares for
    r"(?:this|the|that) (?:same )?(?:format|structure) as\b|(?:the )?real (?:onsite|interview|"
    r"loop|round)s?\b|"
    r"(this|the) (session|interview|call|conversation|chat) (being |be |is |gets? )?(recorded|"
    r"saved|transcribed|shared)|"
    # the practice itself ("how long do these mock interviews run?") and a record of it to take
    # away ("a written transcript I can download afterwards"; not a video's speech transcript)
    r"mock (?:interviews?|sessions?|rounds?)|transcript (?:(?:that )?(?:i|we) (?:can|could) "
    r"(?:download|keep|get|have|save)|of (?:this|the|our) (?:session|interview|call|chat|"
    r"conversation)))\b"
)
# A question about how the session is run, whatever problem words it carries ("is it ok to
# write pseudo-code for the ranking loop?"): the time it has ("how long do we have?", said
# alone), what the candidate may do in it (pseudo-code, words for a drawing, look-ups).
SESSION_CONDUCT = re.compile(
    r"\b(?:how (?:long|much time|many minutes) (?:do|have) (?:i|we) (?:have|got)(?: left)?"
    r"(?=\W*$)|pseudo[- ]?code|"
    r"(?:write|writing|type|typing) (?:out )?(?:some |real |actual |the )?code\b|"
    r"(?:rather than|instead of) (?:draw|drawing|sketch|sketching) (?:it|them|this|that|one)\b|"
    r"during (?:the|this|our) (?:interview|session|call)\b|"
    # the form the candidate's answer takes on the page ("may I use acronyms without spelling
    # them out?", "shall I write the equation down or just say it?", "is it ok if I draw it in
    # ASCII?"); only when they ask what they may do: "do users type abbreviations?" is the
    # problem's own question
    r"(?:(?:can|could|may|shall) (?:i|we)|(?:is it|it's|would it be) (?:ok|okay|fine|alright|"
    r"all right|useful|clearer|better)(?: (?:if|that) (?:i|we))?(?: to)?) (?:just )?(?:use|"
    r"write|type|draw|render|answer|stick to)\b(?: [\w'-]+){0,4}? (?:abbreviations?|acronyms?|"
    r"ascii)\b|spell(?:ing)? (?:them|it|those|that|each) out\b|"
    r"(?:write|writing|type|typing) (?:out |down )?(?:the |a |my )?(?:\w+ )?(?:formulas?|"
    r"formulae|equations?|maths?)\b|(?:describing|explaining|saying) it (?:in words )?(?:is )?"
    r"(?:enough|fine|ok|okay)\b|number(?:ing)? (?:the|my) (?:\w+ )?(?:steps|components|points|"
    r"parts|pieces|boxes|stages)\b(?! (?:of|in|for) (?:the|a|our) (?:data|model|system)))"
)
FINISH = re.compile(
    r"\b(end the interview|finish the interview|"
    # "wrap up the clarifying bit and frame it": a part of the interview wrapped up, not all of it
    r"wrap (it |this )?up(?! (?:the |my |our |this )?(?:\w+ )?(?:" + ANY_STAGE + r"|bit|part|"
    r"section|stage|side|piece|questions)\b)|let'?s stop here|stop the "
    r"interview|(?:we|let'?s|i'?d|i would|i'?ll|i will) call it (?:here|there|a day|quits)|"
    # "we're out of time", "are we about out of time?": the session's time is up
    r"(?:we'?re|are we|i'?m|i am) (?:just )?(?:about |nearly |almost |basically |pretty much )?"
    r"(?:at|out of|over) time|"
    r"i'?m done with the interview|that'?s (all|it) for (today|the interview)|"
    r"end (this|the) (session|interview)|grade me|i'?m done,? (grade|please grade)|"
    r"(can|could|shall) we (just )?(end|finish|stop)( it)?( here| now| the interview| there)?\W*$|"
    r"let'?s (end|finish|stop) (it|here|now|there|the interview)|i'?d like to (finish|stop|end)"
    r"( now| here| the interview)?\W*$|let'?s finish\W*$|i'?m (all )?done\W*$|"
    # "anything else, or are we done?", "that's it from me": the candidate's part is over
    r"(are|can) we (be )?done( here| now| then)?\W*$|"
    r"that'?s (it|all|everything|the lot) (from|for) (me|my side|my end|my part)"
    # "...from me for the design": what it was all said of
    r"( (for|on) (the|this|my) (design|interview|session|problem|system))?\s*($|[,.!?])|"
    # "that's the lot", "is that enough for today?", "that's where I'd leave it", "I reckon that
    # covers everything I had": the whole account given
    r"^(\w+\W+){0,2}that'?s the lot\W*$|(is|was) that enough for (today|now)\W*$|"
    r"that'?s where i'?d (leave it|stop|end( it)?)( for today)?\W*$|"
    r"i'?(d|ll) leave it (there|here|at that)( for today)?\W*$|"
    r"(that|this|it) covers everything (i had|i have|i'?ve got|i wanted|from me)\W*$|"
    # "I think that about covers what I wanted to say", "I'm out of things to add"
    r"(that|this|it) (about |pretty much |just about |basically |more or less )?covers (all |"
    r"everything )?what i (had|have|wanted|meant|planned|intended)( to (say|cover|add))?\W*$|"
    r"i'?m (all |completely |fully )?out of (things|anything|ideas|points|material|stuff) to "
    r"(add|say|cover)\W*$|"
    # "that's my whole story", "nothing more from me": the candidate's account is complete
    r"that'?s (my|the) (whole|entire|full) (story|design|answer|walkthrough|proposal|system|"
    r"pipeline|architecture|plan)\W*$|"
    r"that'?s my (design|answer|walkthrough|proposal|solution)\W*$|"
    r"(nothing|no more|not much) (more |else )?(from|for) me\W*$|"
    # "I think that wraps my design", "a good place to end", "let's leave it there"
    r"that (wraps|concludes) (up )?(it|things|everything|my (design|answer|walkthrough|proposal)|"
    r"the (design|interview|session))( up)?\W*$|"
    r"good (place|point|spot|time) to (end|stop|finish|wrap( it| things)? up|call it)( it| things|"
    r"| the interview| here| there| now| for today)?\W*$|"
    r"(let'?s|we can|we could|shall we) leave it (there|here|at that)( for today)?\W*$|"
    # "that's everything I had", "that's me done", "I'm finished", "stop here.", "wrap."
    r"that'?s (it|all|everything) (i had|i have|i'?ve got)\W*$|"
    r"that'?s me (done|finished|through)\W*$|"
    r"i'?m (all )?finished\W*$|^(ok(ay)?,? )?(stop|end|finish) (here|now|there)\W*$|"
    r"^wrap( up)?\W*$|let'?s end\W*$|we'?ve covered (it|it all|everything)\W*$|"
    # "Done.", "Thanks, done.", "Thanks, that's everything.": the whole message closes
    r"^((ok(ay)?|right|alright|great|thanks?|thank you)\W+)*(all )?(done|finished)\W*$|"
    r"^(thanks?|thank you)\W+(that'?s (it|everything)|i think that'?s everything)\W*$|"
    # "Finished here.", "I'm done for today", "I think I've covered what I wanted to, thanks":
    # the whole message closes the candidate's part
    # ...and the plain present a learner of English may use ("I finish here, thank you very
    # much")
    r"^((ok(ay)?|right|alright|so)\W+)*(i think )?((i'?m|i am|we'?re|i|we) )?(all )?(done|finished|"
    r"finish) (here|now|for (now|today))\W*((thanks?|thank you)( (very|so) much)?\W*)?$|"
    r"^((ok(ay)?|right|alright|so)\W+)*(i think )?i'?ve covered (everything|it all|all|what i "
    r"(wanted|meant|planned|had)( to( (say|cover))?)?)\W*((thanks?|thank you)\W*)?$)"
)
# "ok what's after that?", "and after that?", "what comes after this?": the next stage asked
# for with no stage named (not an empty message)
WHAT_FOLLOWS = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|and|right|cool|great|alright|got it|sure)\W+)*(?:(?:what'?s|what is|"
    r"what comes|and|then) )?(?:next|after (?:that|this))(?: (?:one|then|up))?\W*$"
)
# Not knowing what to do asks for a hint ("not sure how to start", "no idea what I should
# do"); not knowing a fact of the problem asks for the fact ("not sure how far back logs go").
HINT = re.compile(
    r"\b(hints?|clues?|i'?m stuck|stuck here|(?:not sure|no idea) (?:what|how|where)"
    r"(?= to\b| (?:i|we)(?:'d| should| would| could| can)\b| the (?:right|best) )|"
    # ...not what would help the candidate ("a rough figure would help me"): a benefit
    r"(?<!would )(?<!will )(?<!'d )(?<!'ll )(?<!it )help me|point me|nudge me|"
    r"give me a (pointer|tip)|any pointers|"
    # "I'd be grateful for a nudge on...", "a small steer would help"
    r"(?:an?|some|little|small|gentle) (?:little |small |gentle )?(?:nudges?|steer|pointers?)\b|"
    # "it would help to hear where you'd begin": the interviewer's own way in
    r"(?:hear|know|see|learn) (?:where|how|what) you'?d (?:begin|start|go|look|do)\b|"
    # "I'm not sure which direction you're hoping for": what the interviewer is after
    r"(?:which|what) (?:direction|angle|way) you(?:'re| are)? (?:hoping|looking|aiming|after)|"
    r"what (?:you'?re|you are) (?:hoping|looking) (?:for|to hear))\b|"
    # being stuck said of a part of the task ("I'm blanking on how to fold in history", "the
    # freshness part has me stumped", "I've hit a wall on the self-harm category"); said of the
    # interviewer's question alone ("I'm blank on that one") it is not knowing, no hint
    # (the candidate the one stuck: not "we hit a wall with the old batch job", "the model will
    # hit a wall", "I'm not lost on why")
    r"(?:\bi'?m (?:(?!not\b)\w+ ){0,2}?(?:blanking|stumped|lost|at a loss)|\bmy mind'?s? (?:has )?"
    r"(?:gone |went |is |going )?blank|\b(?:i'?ve |i have |i'?m |i am |i )(?:just )?"
    r"(?:hit|hitting) a (?:brick )?wall)"
    r" (?:on|with|about|over|as to|when it comes to) (?!(?:this|that|it)(?: one)?\W*$)|"
    r"(?<!\bthat )(?<!\bthis )(?<!\bit )(?<!\bone )(?<!that's )(?<!\bthats )\b(?:has|have|had|got) "
    # ("X has me stuck on one point: do we log ...?" leads into the question it asks)
    r"me (?:stumped|beat(?:en)?|puzzled|baffled)\b"
)
# Not knowing or not seeing a way to do something ("I'm not seeing how to keep it calibrated",
# "unsure which loss to use", "can't figure out where to put it"): a word of knowing negated,
# then a question word and "to" (the candidate's next step, as "not sure how to" in `HINT`);
# "not sure how many reviewers..." asks a fact instead (no "to" after the question word).
_KNOWING = r"(?:sure|certain|clear|see|seeing|know|idea|clue|figure|figuring|work|working|tell)"
_NOT_SEEING_HOW = re.compile(
    r"(?:\b(?:not|no|never)|n't)\s+(?:\w+\s+)?" + _KNOWING + r"(?:\s+out)?"
    r"(?:\s+(?:on|about|as to))?\s+(?:how|where|which \w+|what|when) to (?!be\b)\w|"
    r"\b(?:unsure|unclear)\s+(?:(?:on|about|as to)\s+)?(?:how|where|which \w+|what|when) to "
    r"(?!be\b)\w"
)
# Getting nowhere said of a part of the task ("nothing is coming to me on the ranking side",
# "not getting anywhere with the index bit", "coming up short on the bias question"): stuck on
# it, as "I'm blanking on ..." in `HINT`; a part named, so not "nothing comes to mind" alone.
_PART = r"(?:part|bit|side|piece|step|stage|category|question|problem|angle|area|aspect|front)"
_GETTING_NOWHERE = re.compile(
    r"(?:(?:\b(?:not|never)|n't)\s+(?:\w+\s+)?(?:getting|making|finding|coming up with)\s+"
    r"(?:anywhere|anything|any progress|any headway|much|progress|headway)|"
    r"\b(?:getting|going) nowhere|"
    r"\bnothing(?:'s| is| has)?\s+(?:\w+\s+)?(?:coming|comes|came|springing|springs)\s+to\s+"
    r"(?:me|mind)|\b(?:coming|come|came) up (?:empty|blank|short|dry)|\bdrawing (?:a )?blank)"
    r"\s+(?:on|with|about|for|over|as to|when it comes to)\s+(?:the\s+|this\s+|my\s+)?"
    r"(?:[\w-]+\s+){0,3}?" + _PART + r"\b|"
    # ...or said of a way to do something ("coming up empty on how to spot coded words")
    r"\b(?:coming|come|came) up (?:empty|blank|short|dry)\s+(?:on|about|as to)\s+"
    r"(?:how|where|which \w+|what) to (?!be\b)\w"
)
# The solution itself asked for ("just tell me the ideal answer for the model stage"): a hint
# request whose words evidence nothing the candidate did.
SOLUTION_ASKED = re.compile(
    r"\b(tell|show|give|walk) me (the|your|an?) (\w+ ){0,2}(answer|solution|design)\b|"
    r"\bwhat('s| is| would be) the (ideal|right|correct|best|expected|reference) "
    r"(answer|solution|design)\b"
)

# -- sentence mood --------------------------------------------------------------------------

# "the number", "a rough figure", "a feel for", "the p99", "the evening peak": what a wish for a
# quantity names after its verb
_AMOUNT_ASKED = (
    r"(?:the|a|an|some)\s+(?:(?:rough|ballpark|quick|approximate|firm|current|typical|"
    r"average|evening|daily|overall)\s+)*(?:numbers?|figures?|counts?|size|volume|estimate|"
    r"sense|feel|idea|ballpark|p\d\d|peak|rate|share|fraction|breakdown|split|range)\b"
)
# ...or the amount with what it measures before it ("the traffic numbers", "the request
# rate", "the throughput figures")
_NAMED_AMOUNT = (
    r"(?:the|our|your|some)\s+(?:[\w'-]+\s+){1,3}?(?:numbers|figures|stats|statistics|rates?|"
    r"counts|volumes?|breakdown)\b"
)
# A question word opening a clause about the problem, not about the candidate's own next
# step: "not sure how far back the logs go", not "not sure how to..." (said after a word of not
# knowing in `_WANT_TO_KNOW`).
_ABOUT_THE_PROBLEM = (
    r"(?= (?:whether|if|how|what|which|who|when|where)\b)(?! \w+ to\b| \w+ \w+ to\b)"
)
# A wish to know said as a statement ("I'm curious whether...", "I need to understand how...",
# "it would help to know if...", "something I'd want to know is how..."): it asks as a question
# does. A verb of knowing after the wish, or a question word after the curiosity.
_WANT_TO_KNOW = (
    # ...or the curiosity alone, its subject dropped as in chat ("curious how often people open
    # the feed", "just wondering what share of posts are reported")
    r"(?:(?:i'?m|i am|just) )?(?:curious|wondering)(?= (?:about|whether|if|how|what|which|who|"
    r"when|where|why)\b)|"
    # not knowing said of the problem ("not sure how far back the logs go", "I don't know yet
    # whether ranking gets all of it"); not of the candidate's next step ("not sure how to...")
    r"(?:i'?m |i am )?(?:not (?:quite |really |entirely )?sure|unsure|not certain)(?: yet)?"
    + _ABOUT_THE_PROBLEM
    + r"|"
    r"i (?:don'?t|do not) (?:yet |really )?know(?: yet)?" + _ABOUT_THE_PROBLEM + r"|"
    # "I'm unclear on what leadership counts as a win", "I've no feel yet for how many ads
    # are live": the same not knowing in other words (not "it's unclear whether X helps")
    r"(?:i'?m|i am) (?:still |a bit |a little )?unclear(?: (?:on|about|as to))?"
    + _ABOUT_THE_PROBLEM
    + r"|"
    r"(?:i'?ve|i have|i'?ve got) (?:no|little) (?:real )?(?:feel|feeling|sense|picture)(?: yet)? "
    r"(?:for|of)" + _ABOUT_THE_PROBLEM + r"|"
    # a fact to confirm ("I'd like to confirm what's out of scope")
    r"i(?:'d| would)? (?:really )?(?:need|want|like|love) to (?:confirm|check|verify|double-check)"
    r"(?= (?:whether|if|what|which|how|who)\b)|"
    # the candidate's own wish ("we need to check calibration weekly" is design, not a question)
    r"i(?:'d| would)? (?:really )?(?:need|want|like|love) to (?:know|understand|hear|find out|"
    r"learn|get a (?:sense|feel|feeling|idea|picture) (?:of|for))|"
    # "I'd appreciate knowing how much...", "I'd be grateful to hear whether..."
    r"i(?:'d| would)? (?:really )?(?:appreciate|be grateful for) (?:knowing|hearing|learning)|"
    r"i(?:'d| would) be (?:grateful|glad|happy) to (?:know|hear|learn)|"
    r"(?:(?:it )?would|it'?d|it will|it'?ll) (?:really )?(?:help|be "
    r"(?:useful|helpful|good|nice|great|handy)) to (?:know|understand|hear|learn|find out|check)|"
    r"(?:something|one thing|the thing|what) (?:i'?d|i would|i) (?:want|like|need|love) to "
    r"(?:know|understand|check|find out) is|"
    # ...or that thing put before a colon ("one thing I'd want to know before choosing the
    # window: what fraction of ...")
    r"(?:something|one thing|the thing|another thing) (?:i'?d|i would|i) (?:want|like|need|love) "
    r"to (?:know|understand|check|find out)\b[^.?!:]{0,60}:|"
    # a quantity wished for ("I'm going to need the number of...", "I'd appreciate the size
    # of...", "need the p99 for...", "looking for the peak...", "give me a rough sense of..."):
    # the wish, with a word of amount after it (the wish alone may be design: "I need a model")
    r"(?:(?:i'?d|i would|i'?m going to|i am going to|i'?ll|i will|i)\s+)?(?:really |also |first )?"
    r"(?:need|appreciate|could use)(?=\s+" + _AMOUNT_ASKED + r")|"
    r"(?:(?:i'?m|i am|i'?d be|i was)\s+)?looking for(?=\s+" + _AMOUNT_ASKED + r")|"
    r"(?:give|get) me(?=\s+" + _AMOUNT_ASKED + r")|"
    # "give me the traffic numbers at the busiest hour", "show me the request rate for the
    # home page": an imperative for a number, its subject named before the word of amount
    r"(?:(?:please|just|now|then|so)\s+)?(?:give|get|show|send) me(?=\s+" + _NAMED_AMOUNT + r")|"
    r"let me (?:grab|get|have)(?=\s+" + _AMOUNT_ASKED + r"\b[^.?!]*\bfrom you\b)"
)
# A sentence that opens by saying the candidate wants to know: it asks, whatever follows it
# (a reason after it does not make it rhetorical)
ASKED_BY_WISH = re.compile(r"^(?:(?:so|and|also|but|first),? )?(?:" + _WANT_TO_KNOW + r")")
QUESTION_START = re.compile(
    r"^(what|what's|whats|how|how's|hows|who|whom|which|when|where|why|is|are|am|do|does|did|can|"
    r"could|should|would|will|may|might|have|has|any|(?:please )?tell me|i'?d like to know|"
    r"i wonder|wondering|roughly how|approximately how|"
    r"(and|or) (what|how|which|is|are|do|does|can|if)|" + _WANT_TO_KNOW + r"|"
    r"" + _AMOUNT_ASKED + r"(?=\s+(?:for|of|on)\b[^.?!]*\b(?:would|will|'?d|'?ll)\s+(?:really\s+)?"
    r"(?:help|be (?:useful|handy|helpful|great|good|nice))\b))\b"
)
EMBEDDED_QUESTION = re.compile(
    r"^(?:\w+\W+){0,6}?(what (are|is|fraction|share|percent\w*|kind|happens|%)|how (many|much|"
    r"often|long|fast|big)|(?<!, )which)\b"
)
# "What goes in is the user and the ad.", "What I'd do is split by time.", "What the model
# should do: ...", "How often this user clicked is a strong input.": a pseudo-cleft, a what-
# or how-clause (with its own subject) as the subject of "is" (or before a colon),
# states (plain speech puts the point after it); unless the point is itself a question
# (or the how-clause is a part of something: "how much of the media is re-uploads" asks)
# ("what I'd like to know is whether...") or a "?" ends it.
PSEUDO_CLEFT = re.compile(
    r"^(?:what\s+(?:i|i'd|i'll|i'm|we|we'd|we'll|we're|they|it|the|this|that|our|my|people|"
    r"users|matters|counts|goes|comes|really|actually|ultimately)|how\s+(?:often|many|much|long|"
    r"far|well|fast|quickly)\s+(?:(?!of\b)\w+\s+)?(?:the|this|that|these|those|a|an|we|i|you|they|it|"
    r"each|our|my|their))\b[^?:]*?"
    r"(?:\s(?:is|are|was|means)\s+|:\s*)"
    r"(?!whether\b|if\b|how\b|what\b|which\b|who\b|when\b|where\b|why\b)"
    # "how many posts a day are we talking about": "are" put before its subject asks
    r"(?!(?:we|you|they|there|i|it)(?![\w']))\w"
)
# A short question as a heading, answered after its colon: "who looks first: a post at 0.9 with
# 50,000 expected views beats ...", "which goes first: the post likely to spread".
WH_HEADING = re.compile(
    r"^(?:who|what|which|how)\b[^:?.;]{0,30}:\s*"
    r"(?!(?:whether|if|how|what|which|who|when|where|why)\b)\w"
)
# "Any post a user has flagged goes into training as a positive.": "any" as the determiner of
# the subject of a statement (its verb after a noun phrase, not inside a relative clause), where
# "any" opening a question asks for something ("any data on reviewer agreement"); the verb may
# be any passive ("any post above the threshold is hidden", "... are sent to review"), but
# not after a question word ("any idea how many posts are flagged" asks).
ANY_STATEMENT = re.compile(
    r"^any\s+(?:(?!(?:how|what|which|whether|if|when|where|why|who)\b)[\w.%'’-]+\s+){1,8}?"
    r"(?<!that\s)(?<!which\s)(?<!who\s)(?:goes|gets|counts|becomes|"
    r"ends up|(?:is|are) (?:\w+ly )?(?:[a-z]+ed|[a-z]+en|sent|put|kept|shown|held|built|cut)|"
    r"will be|would be)\b"
)
# A clause opened by when/where/if/how... and a subject is subordinate ("when my mom opens the
# app she..."); without a question mark the sentence is a statement, unless a question follows.
SUBORDINATE = re.compile(
    r"^(?:when|whenever|where|wherever|if|once|while|how|why)\s+(?:i|we|you|they|he|she|it|"
    r"my|our|your|their|his|her|its|the|a|an|this|that|these|those|someone|somebody|people|"
    r"users?|each|every)\b"
    # "when ordinary people flag something": a subject of any words, no auxiliary after the
    # conjunction (a question inverts: "when do people flag...")
    r"|^(?:when|whenever|once|while)\s+(?!(?:do|does|did|is|are|was|were|am|can|could|will|would|"
    r"should|shall|may|might|must|has|have|had|exactly|roughly|approximately|precisely|else)\b)"
    r"[a-z]+\s+[a-z]+\s+(?:[a-z]+\s+)?[a-z]+s?\b"
)
# Discourse lead-ins that come before the sentence proper: "also", "btw", "quick q:", "haha".
_LEAD = re.compile(
    r"^(?:(?:ok(?:ay)?|so|and|also|plus|but|btw|by the way|oh|ah|hey|hi|hello|hmm+|um+|uh+|"
    r"well|like|right|"
    r"alright|haha+|lol|i mean|quick (?:q|one|question)|one more(?: thing| question| q)?|"
    r"(?:random|side|off-topic|unrelated) question|out of curiosity|just curious|"
    # "separately,", "different topic:", "another thing:": the next of the candidate's questions
    r"separately|on (?:another|a different|a separate) note|(?:a )?different (?:topic|question)|"
    r"(?:changing|switching) (?:topics?|gears)|(?:another|next) (?:thing|question)|"
    r"follow[- ]up|question)\b[\s,:;.!-]*)+"
)
# "three things: how...", "before I list them - are there...": a lead-in ended by a colon or
# a dash, before the question proper.
_LEAD_PUNCT = re.compile(r"^(?:[^:?]{1,40}?):\s+|^(?:[^?]{1,40}?)\s[-–—]\s+")
_WH_QUESTION_LEAD = re.compile(
    r"^(?:what|which|how|where|when|who|why)\b[^:?]*\b(?:is|are|was|were|do|does|did|can|"
    r"could|will|would|should)\b"
)
_QUESTION_WORDS = ("what", "whats", "how", "hows", "which", "where", "when", "why", "who")


@lru_cache(maxsize=1)
def _typos() -> dict[str, str]:
    """Misspellings of question words that are not words themselves: one letter dropped (not
    the first) or two neighbours swapped ("hw", "waht"). Substitutions are left alone: "hot"
    is a word, not "how"."""
    out: dict[str, str] = {}
    for q in _QUESTION_WORDS:
        for i in range(1, len(q)):
            out.setdefault(q[:i] + q[i + 1 :], q)
        for i in range(len(q) - 1):
            out.setdefault(q[:i] + q[i + 1] + q[i] + q[i + 2 :], q)
    return {k: v for k, v in out.items() if len(k) > 1 and k not in STOPWORDS and k != v}


_TYPO_TOKEN = re.compile(r"\b[a-z]{2,6}\b")
# chat spellings of the words a question starts with ("r there gpus", "cn we retrain", "wut %
# of people"): no word of their own, so spelled out wherever they stand
_CHAT_SPELLINGS = {
    "r": "are",
    "cn": "can",
    "cud": "could",
    "shud": "should",
    "wud": "would",
    "wut": "what",
    "wot": "what",
}
_CHAT_TOKEN = re.compile(r"(?<![\w'-])(?:" + "|".join(_CHAT_SPELLINGS) + r")(?![\w'-])")


# asked of each sentence by the question, hint and move-on tests: once per text
@per_text(8192)
def fix_question_words(norm: str) -> str:
    """Question words typed with a letter missing or swapped, or in chat spelling, spelled
    out."""
    typos = _typos()
    norm = _CHAT_TOKEN.sub(lambda m: _CHAT_SPELLINGS[m.group(0)], norm)
    return _TYPO_TOKEN.sub(lambda m: typos.get(m.group(0), m.group(0)), norm)


# "not sure this is known, but I'm wondering whether...", "maybe a silly one, but can we...":
# a hedge about the asking itself, before the question proper
_HEDGE_BUT = re.compile(
    r"^(?:\w+\W+){0,5}?(?:sure|known|silly|dumb|stupid|naive|obvious)\b[^,?;:]{0,30},\s+but\s+"
)


# "to set those weights I need to know what...": the purpose of asking, before the wish to know
_PURPOSE_BEFORE_ASKING = re.compile(
    r"^to [a-z]+(?: [\w'-]+){0,5}?,? (?=(?:i|we)(?:'d| would)? (?:really )?(?:need|want|like|"
    r"love) to (?:know|understand|find out|hear|learn)\b)"
)


def _past_asking_hedge(s: str) -> str:
    """`s` from its question on, when a hedge about the asking (`_HEDGE_BUT`) or the purpose
    of asking (`_PURPOSE_BEFORE_ASKING`) leads it."""
    hedge = _HEDGE_BUT.match(s) or _PURPOSE_BEFORE_ASKING.match(s)
    return s[hedge.end() :] if hedge and QUESTION_START.match(s[hedge.end() :]) else s


def lead_stripped(norm: str) -> str:
    """The sentence without its discourse lead-ins (and, in a question, a lead-in ended by a
    colon or a dash: "three things: how...?"; a hedge about asking ended by ", but")."""
    s = _past_asking_hedge(_LEAD.sub("", norm))
    punct = _LEAD_PUNCT.match(s) if s.endswith("?") else None
    # "which categories are we covering - is spam part of it?": a lead-in that is a question
    # of its own (a wh-word and a verb of asking) stays; "three things: how...?" goes
    if punct and _WH_QUESTION_LEAD.match(s[: punct.end()]):
        punct = None
    if punct and QUESTION_START.match(_LEAD.sub("", s[punct.end() :])):
        s = _LEAD.sub("", s[punct.end() :])
    return s


# "tell me how often...", "I'd like to know whether...", "I'll assume...": the question (or
# the proposition to confirm) inside the frame.
_FRAMED = re.compile(
    r"^(?:(?:can|could|would) you (?:please )?)?(?:tell me|let me know|remind me|share)"
    r"(?: (?:a bit |a little |some more |more )?about)?\s+(?:whether\s+|if\s+)?|"
    r"^i'?d (?:like|love) to (?:know|understand|hear)"
    r"(?: about)?\s+(?:whether\s+|if\s+)?|^i (?:want|need) to know\s+(?:whether\s+|if\s+)?|"
    r"^i wonder(?:ed)?\s+(?:whether\s+|if\s+)?|^wondering\s+(?:whether\s+|if\s+)?|"
    r"^(?:do|would) you happen to know\s+(?:whether\s+|if\s+)?|^would you mind (?:telling|"
    r"sharing with) me\s+(?:whether\s+|if\s+)?|^(?:" + _WANT_TO_KNOW + r")(?: about)?\s+"
    r"(?:whether\s+|if\s+)?"
    # "...need a feel for how many...", "give me a rough sense of how...": the question inside
    r"(?:(?:a|an|some|the)\s+(?:(?:rough|quick|better|clear)\s+)?(?:sense|feel|idea|picture)\s+"
    r"(?:of|for)\s+(?=(?:how|what|which|whether|who|when|where)\b))?|"
    r"^(?:i'?ll |i'?d |i'?m |we'?ll |i )?(?:assum\w*|guess\w*|suppose)\s+(?:that\s+)?|"
    r"^(?:my (?:assumption|guess) is|presumably)\s+(?:that\s+)?|"
    r"^(?:i'?ll |i will |i'?m going to |i am going to |i )take it\s+(?:that\s+)?|"
    r"^let'?s say\s+(?:that\s+)?|"
    # "is it fair to assume X?", "is it safe to say X?": X put up to be checked
    r"^is it (?:fair|safe|reasonable|right|ok|okay) to (?:assume|say|think|take it)\s+(?:that\s+)?",
    re.I,
)
# "would the scoring budget rule out a deep model?": a given asked by what it would mean for the
# design; the given itself is what the sheet answers, the design choice after the verb is not
_RULES_OUT = re.compile(
    r"^(?:would|will|does|do|could|might|can) (?P<given>(?:the|our|a|an|that|this|these|those) "
    r"[^,]+?) (?:rule|rules|ruling) out\b.*$|"
    r"^(?:would|will|does|do|could|might|can) (?P<given2>(?:the|our|a|an|that|this|these|those) "
    r"[^,]+?) (?:preclude|exclude|leave room for|be (?:enough|too \w+) for|stop us from|"
    r"prevent us from)\b.*$",
    re.I,
)


def unframed(question: str) -> str:
    """A question without the frame it is embedded in ("tell me how often we retrain" ->
    "how often we retrain"): what the fact sheet's phrasings are compared with."""
    question = _FRAMED.sub("", question, count=1) or question
    given = _RULES_OUT.match(question)
    if given:
        return "what is " + (given.group("given") or given.group("given2"))
    return question


@per_text(8192)
def question_core(norm: str) -> str:
    """A normalised sentence as the question test sees it: typos fixed, lead-ins gone."""
    return lead_stripped(fix_question_words(norm))


# "correct me if I'm wrong", "but I'd like to confirm that": a guess put up to be checked
CONFIRM_ASKED = re.compile(
    r"\b(?:correct|stop) me if (?:i'?m|i am|that'?s|that is|this is|it'?s|it is) (?:wrong|off|"
    r"not (?:the case|right|so|true|correct))\b|"
    r"\bunless (?:that'?s|that is|i'?m|i am|this is|it'?s|it is) (?:wrong|off|not (?:the case|"
    r"right|so|true|correct))\b|"
    r"\b(?:i'?d|i would|i) (?:like|want|need|love) to (?:confirm|check|verify|double-check) "
    r"(?:(?:that|this|it)\W*$|(?:whether|if|what|which|how)\b)|\b(?:can|could) you confirm\b"
)


# A lettered sub-point put as a question ("3. scale: a) which regions, b) can one post break
# several rules"): the heading before it only names what the questions are about. ("how" and
# "what" items are left out: "features: a) how often the user clicked" describes.)
_ASKED_SUB_POINT = re.compile(
    r"(?:^|[:,;]\s*)(?:(?:and|or)\s+)?\(?[a-h]\)\s*(?:(?:which|whether)\b|"
    r"(?:can|could|does|do|is|are|will|would|should)\s+(?:a|an|the|one|we|you|"
    r"they|it|users?|people|someone|each|every|this|that|posts?|ads?|videos?|images?)\b)"
)


# A modal alone as a heading before a colon ("Should: relearn now and then", "Could: ...",
# "Would be nice: ..."): a priority label in a plan (must / should / could), not a question
# opened by its auxiliary.
_MODAL_HEADING = re.compile(
    r"^(?:should|could|would|may|might|can|will|shall)(?: (?:have|do|be nice|be good))?\s*:"
)


@per_text(8192)
def _is_question(s: str) -> bool:
    if s.endswith("?"):
        return True
    if _MODAL_HEADING.match(_LEAD.sub("", s)):
        return False
    core = fix_question_words(s)
    if CONFIRM_ASKED.search(core) and (
        _GUESS_LEAD.match(lead_stripped(core)) or CONFIRM_ASKED.match(lead_stripped(core))
    ):
        return True  # "I'll assume X, but I'd like to confirm that"; "correct me if I'm wrong"
    core = _past_asking_hedge(core)  # "not sure this is known, but I'm wondering whether..."
    if not s.endswith((".", ";")):
        # after a full stop a lead-in stays: "also how many posts we send turn out bad." states
        core = _LEAD.sub("", core)
    if PSEUDO_CLEFT.match(_LEAD.sub("", core)) or ANY_STATEMENT.match(_LEAD.sub("", core)):
        return False
    if WH_HEADING.match(_LEAD.sub("", core)):
        return False
    if SUBORDINATE.match(core):
        return bool(EMBEDDED_QUESTION.match(core))
    n = len(core.split())
    if n < 3 or core.endswith((".", ";")):
        return bool(QUESTION_START.match(core)) and n >= 3
    return bool(QUESTION_START.match(core) or EMBEDDED_QUESTION.match(core))


@per_text(8192)  # asked of a sentence by several acts and by the claims
def is_question(sentence: str, norm: str | None = None) -> bool:
    """A sentence shaped like a question: a question mark, a question word or an inverted
    auxiliary first (after any lead-in such as "also" or "btw"), or a short lead-in before
    one ("roughly what fraction ...", "once we flag it what are ..."). A subordinate clause
    ("when my feed loads it should...") is not a question without its question mark."""
    # (a sub-point's letter is gone from the normalised text: it is looked for in the words)
    return bool(_ASKED_SUB_POINT.search(sentence.lower())) or _is_question(
        norm if norm is not None else normalize(sentence)
    )


def tentative(snorm: str) -> bool:
    """A short fragment said with a question mark but no question shape ("millions?")."""
    return snorm.endswith("?") and len(snorm.split()) <= 4 and not QUESTION_START.match(snorm)


# -- who is addressed ------------------------------------------------------------------------

# "you" as the subject of the question, or the interviewer's own things ("your name").
_ADDRESSED = re.compile(
    r"^(?:(?:are|were|do|did|have|will|would|can|could|don't|didn't) you|(?:what|how|who|where)"
    r"(?:'s|s| is| are| was| were| do| did)? (?:you|your)\b)"
)
# the interviewer as the object a question ends on ("which company built you?", "who made
# you?", "tell me about yourself"), however the question is put to them
_ABOUT_YOU = re.compile(
    r"\byourself\b|\b(?!(?:do|did|does|can|could|would|will|are|were|have|has|thank|thanks|to|for|with|"
    r"about|at|from|of|if|than|as|give|tell|let|help|show|see|hear)\b)[a-z]+ you\W*$"
)
# ...unless it asks the interviewer to do something for the interview: tell, help, grade, end.
_ASKS_OF_YOU = re.compile(
    r"^(?:are|would) you (?:be )?able to (?:share|tell|give|say)\b|"
    r"^(?:can|could|would|will) you (?:please |just )?(?:tell|give|share|remind|clarify|explain|"
    r"repeat|say|confirm|help|point|nudge|steer|guide|suggest|recommend|grade|score|assess|"
    r"evaluate|end|finish|stop|wrap|move|go|skip|walk)\b|^(?:what |how |which \w+ )?do you "
    r"(?:happen to )?(?:have|know|log|keep|store|track|measure|use|collect|record|see|mean|"
    r"expect)\b|^would you mind (?:telling|sharing|saying|letting)\b"
)


# The candidate's own life told in passing ("my cousin worked as...", "I watched hours of it
# last night"): their family and things, a time of their own life, something they own; said
# with no design mood (no "we", no "I'd", no modal), it is chit-chat, whatever it names.
# the people of the candidate's own life
_THEIR_PEOPLE = (
    r"cousin|brother|sister|mom|mum|mother|dad|father|wife|husband|partner|girlfriend|"
    r"boyfriend|friends?|kids?|children|son|daughter|family|parents|roommate|flatmate|"
    r"neighbou?rs?|niece|nephew|aunt|uncle|grandma|grandpa|grandmother|grandfather|grandparents"
)
PERSONAL_ASIDE = re.compile(
    r"\bmy (?:own )?(?:" + _THEIR_PEOPLE + r"|"
    r"phone|laptop|tv|house|flat|apartment|commute|weekends?|evenings?|"
    r"cat|dog|"
    # the candidate's own account on a product ("my feed was full of..."), not their design of
    # it ("my feed ranker"; "my recommendations" and "my colleagues" are as often the design's)
    r"(?:feed|timeline|account|inbox)(?! (?:rank\w*|model\w*|design|system|"
    r"pipeline|service|architecture|score\w*)))\b|"
    r"\b(?:last night|last weekend|yesterday|the other day|these days|as a kid|growing up|"
    # ("last month" names a data window as often: "last month's impressions are the holdout")
    r"this morning|all weekend|over the weekend|"
    r"when i was (?:a kid|younger|little))\b|\bi (?:own|owned|once)\b|"
    # "I actually use this feature all the time": the candidate as a user of the product
    r"\bi (?:actually |personally |myself |really )?(?:use|used|love|hate|like) (?:this|that|the) "
    r"(?:feature|app|site|product|feed|platform) (?:\w+ ){0,6}?(?:all the time|a lot|every day|"
    r"daily|constantly)\b"
)
_DESIGN_MOOD = re.compile(
    r"\b(?:we|we'd|we'll|we're|our|us|i'd|i'll|i would|i will|would|should|could|let'?s)\b"
)


def personal_aside(snorm: str) -> bool:
    """A statement about the candidate's own life (`PERSONAL_ASIDE`) in no design mood."""
    return (
        not snorm.endswith("?")
        and bool(PERSONAL_ASIDE.search(snorm))
        and not _DESIGN_MOOD.search(snorm)
    )


# The candidate, or someone of theirs, using the product in the past ("I watched one cooking
# video and ...", "my uncle reported a post once ..."): a verb of a user's use with "I" as its
# subject (not of building: "I trained a GBDT"), or any past verb of one of their people.
_USER_STORY = re.compile(
    r"\bi (?:\w+ )?(?:watched|clicked|tapped|bought|scrolled|binged|binge-watched|searched|"
    r"unfollowed|muted|blocked|reported|uploaded|posted|opened)\b|"
    r"\bmy (?:" + _THEIR_PEOPLE + r") (?:\w+ )?(?:\w+ed|saw|got|went|bought|had|was|were|did|"
    r"made|kept|spent|sent|put)\b"
)


def user_story(snorm: str) -> bool:
    """The candidate's own use of the product told in passing (`_USER_STORY`), in no design
    mood: chit-chat even when it names the product's things (an ad, a post, a video)."""
    return (
        not snorm.endswith("?")
        and bool(_USER_STORY.search(snorm))
        and not _DESIGN_MOOD.search(snorm)
    )


# "do you personally use the home feed?": the interviewer's own life, whatever it names
PERSONALLY = re.compile(r"\byou (?:personally|yourself)\b|\byour own\b(?! (?:team|company|data))")


def addressed_to_interviewer(snorm: str) -> bool:
    """A question about the interviewer ("are you...", "what's your...", "...yourself?"),
    not a request to them (tell me, help me) nor one about the company ("do you log...")."""
    core = question_core(snorm)
    return (
        bool(_ADDRESSED.search(core))
        and not _ASKS_OF_YOU.match(core)
        or bool(_ABOUT_YOU.search(core))
    )


# Attempts to steer the grader: role markers, markup, instructions about the grading itself.
STEER = re.compile(
    r"(?:^|\n)\s*(?:system|assistant|developer|grader|admin)\s*:|"
    r"</?\s*(?:system|assistant|user|grader|candidate|instructions?|prompt|admin|developer)\b[^>]*>|"
    r"\b(?:mark|score|rate|grade|give|award|pass)\b[^.?!]{0,40}(?:\bas met|\bfull (?:marks|points)|"
    r"\btop marks|\b\d/\d|\bstrong hire|\b(?:all|every|each) (?:the )?criteri)|"
    r"\b(?:list|show|tell me|reveal|print|which are|what are)\b[^.?!]{0,40}\b(?:rubric|answer key|"
    r"what answer|(?:grading|scoring|hiring|evaluation) criteri\w*|criteria (?:i|you|we)\b)|"
    r"\b(?:forget|ignore|disregard|bypass|skip)\s+(?:all\s+|any\s+)?(?:your\s+\w+|the interview|"
    r"(?:the\s+|these\s+)?(?:instructions|rubric|prompt|guidelines))\b|"
    r"\bthe candidate (?:has|is|did|answered|deserves|should)\b"
)

# -- requests: finish, move on, hint ---------------------------------------------------------
# (Closing a part, closing the talk and wanting to finish are in `closure_shapes`, what such a
# sentence looks like, and `closings`, the rules read with these requests.)

# A request frame: the mood of asking for something to happen in the interview.
_FRAME = (
    r"(?:(?:can|could|shall|should|may|might) (?:we|i|you)|let'?s|let us|lets|let me|"
    r"i'?d (?:like|love|rather|prefer|be happy|want)(?: us| you| me)? to|i'?d rather|"
    r"i (?:want|wanna|need|would like) to|i'?m (?:happy|ok|okay|fine|good|ready) to|"
    r"(?:feel free|happy|ok|okay|fine|ready|time) to|"
    r"we (?:can|could|should|might as well|may as well)|how about(?: we| i)?|what about(?: we)?|"
    r"(?:(?:do|would) you )?want (?:me )?to|mind if (?:we|i)|(?:i'?m|we'?re) ready for|please|"
    # "what would you like to see about the model?": the interviewer's wish asked for
    r"would you like (?:me |us )?to|"
    # "is it ok if we stop here?", "would it be fine to move on?": leave asked for
    r"(?:is it|would it be|it'?s) (?:ok|okay|fine|alright|all right) (?:if (?:we|i)|to)|"
    # "would you be ok if we stopped here?": the interviewer's leave asked for
    r"(?:would|will) you be (?:ok|okay|fine|alright|all right|happy) (?:if (?:we|i)|to)|"
    # "any objection to hopping over to monitoring?": leave asked for, a gerund after it
    r"any objections? (?:to|if (?:we|i))|"
    # "are we good to talk about...", "would it make sense to finish with...": leave asked for
    r"are we (?:good|ok|okay|fine|alright|all right|ready) to|(?:would|does) it make sense to|"
    # "just stop here?", "ok just wrap up": a bare "just" opens the request, after no word or a
    # discourse word; "the video she just finished" is someone else's doing
    r"(?<![a-z] )just|(?<=\bso )just|(?<=\bok )just|(?<=okay )just|(?<=then )just|"
    r"(?<=\band )just|(?<=\bnow )just)"
)
# ...and for ending, an announced decision: "I'm going to stop here", "I'll end it there".
_FINISH_FRAME = rf"(?:{_FRAME}|i'?m going to|i'?ll|i will|we'?ll)"
# (the past form too: "mind if we ended it here?", "would you be ok if we stopped now?")
_ENDING = (
    r"(?:end(?:ed)?|finish(?:ed)?(?: up)?|stop(?:ped)?|wrap(?:ped)?(?: (?:it|this|things))? up|"
    r"call(?:ed)? it|conclude|"
    r"close(?: (?:it|this|things))? out)"
)
_ENDING_OBJECT = r"(?:\s+(?:it|this|things|everything|the (?:interview|session|call)))?"
_ENDING_WHEN = (
    r"\s+(?:here|now|there|early|today|for today|a day|quits|off|at (?:this|that) point)\b"
)
FINISH_REQUEST = re.compile(
    rf"\b{_FINISH_FRAME}\s+(?:\w+\s+){{0,2}}?{_ENDING}{_ENDING_OBJECT}"
    r"(?:" + _ENDING_WHEN + r"|\s*(?:[,.;!?]|$)|\s+and\b)"
    r"|\b(?:can|could|would|will) you (?:please |just )?(?:grade|score|assess|evaluate|rate) "
    r"(?:me|what i|my|how i)\b"
    rf"|\b{_FRAME}\s+(?:\w+\s+){{0,3}}?(?:get|see|have|hear|read|give me|send me|show me) "
    r"(?:my |the |your |some )?"
    r"(?:feedback|report|grade|scores?|verdict|results)\s*(?:now|please|already|then)?"
    r"\s*(?:[,.;!?]|$)"
)
# Moving to a stage: a frame, a verb of motion or of taking up a topic, the stage, and the end
# of the clause ("how about we look at evaluation", "want me to do serving next?").
_MOTION = (
    r"(?:get going (?:on|with)\s+|"
    # "spend some time on", "spend what's left on serving": the rest of the session
    r"spend (?:(?:\w+ ){0,2}?time|what'?s left|the rest(?: of it)?) (?:on|with)\s+|"
    # "let's park the data there and talk about the model": set aside, then moving on; "put
    # ranking to one side and ...", "shelve calibration and ...": other verbs of setting aside
    r"(?:(?:park|leave|pause|close|wrap up|shelve|drop|table|(?:put|set|lay)\b[\w' ]{0,25}?"
    r"\b(?:aside|to one side|on hold|on ice))\b[\w' ]{0,25}? and )?"
    r"(?:go|move|get|jump|skip|head|turn|switch|continue|proceed|dive|look|talk|do|cover|"
    r"discuss|start|tackle|touch|hop|shift|pivot|transition|going|moving|getting|jumping|"
    r"skipping|heading|turning|switching|hopping|shifting|pivoting|"
    # "would you mind if I went straight on to serving?": leave asked in the past form
    r"went|moved|jumped|skipped|headed|turned|switched|hopped|shifted|pivoted|proceeded)"
    r"(?: on| over| ahead| back| along| straight| right)*"
    r"(?: to| into| at| about| with| on)?\s+|"
    r"(?:walk|take|run) (?:you )?through\s+)?"
)
MOVE_REQUEST = re.compile(
    rf"(?:\b{_FRAME}\s+{_MOTION}|(?:^|[,.;!?]\s*)(?:on ?to|onward to|next[:,]?)\s+)"
    # "the model architecture", "the serving infrastructure": a stage, a word of it after
    rf"(?:the\s+|some\s+)?(?P<stage>{ANY_STAGE})(?:\s+(?:{ANY_STAGE}|infrastructure|pipeline))?"
    r"(?:\s+(?:it|now|next|then|first|please|part|"
    r"stage|section|side|bit|itself|instead|properly|again))*"
    # "...rather than the model", "...the model part we jumped past"
    r"(?:\s+(?:rather than|instead of)\b[^,.;!?]*|\s+(?:we|i) (?:\w+ )?(?:skipped|jumped|"
    # ...the clause ends there, or a colon opens what the candidate says on it ("on to
    # monitoring: the hide rate, ...")
    r"missed|passed|left)(?: over| past| out)?)?\s*(?:[,.;:!?]|$)"
)
_BARE_STAGE = re.compile(
    rf"^(?:(?:ok(?:ay)?|so|and|now|then|next|maybe|perhaps)\W+)*(?:the\s+)?(?:{STAGE_NAME})"
    r"(?:\s+(?:next|now|then))?\s*\?+$"
    rf"|^(?:the\s+)?(?:{ANY_STAGE})\s+(?:next|now)(?:\s+(?:please|then))?\W*$"
    # "Time for deployment.", "ok, time for the model"
    rf"|^(?:(?:ok(?:ay)?|so|right|now)\W+)*(?:it'?s |i think it'?s )?time for (?:the\s+|some\s+)?"
    rf"(?:{ANY_STAGE})\W*$"
)
# "ok, evaluation.", "Right, serving.", "Now the model.": an acknowledgement (or a word of
# sequence) and a stage's own name make up the whole sentence: the candidate calls the next
# stage (a comma splits the clauses, so the sentence is read whole; "Evaluation." alone may
# answer "where would you start?").
_ACK_THEN_STAGE = re.compile(
    r"^(?:ok(?:ay)?|right|alright|all right|good|fine|cool|great|now|then|and now)\W+"
    r"(?:(?:so|now|then)\W+)?"
    rf"(?:on ?to\s+)?(?:the\s+)?(?P<ack_stage>{STAGE_NAME})(?:\s+(?:now|next|then))?\W*$"
)
# A stage asked for by what is done in it rather than by its name ("can we talk about how
# we'd ship this?", "let's get to how we keep it healthy after launch"): the request, and
# what is done, mapped to the stage's own word (monitoring first: it happens after launch).
# The doing may also be a gerund ("talk about keeping it fresh") or what happens ("spend the
# remaining time on what happens after launch"); an announced plan ("I'm going to...") asks
# as much as a request frame does.
DOING_REQUEST = re.compile(
    rf"\b(?:{_FRAME}|i'?m going to|i'?ll)\s+(?:\w+\s+(?:and\s+)?)??"
    r"(?:talk|chat|think|get|move|go|turn|jump|switch|skip|come|see|hear|look|fast[- ]forward|"
    r"do|start|finish|spend (?:\w+ ){0,2}?time)"
    r"(?: on| straight| right| back| over| ahead| with)*"
    # "fast-forward past serving to what we watch after launch": a stage passed on the way
    r"(?: (?:past|beyond) (?:the )?\w+)?(?: about| to| into| on| at)?"
    r"\s+(?:(?:how|when|what)\s+(?:exactly\s+)?(?:we'?d|we would|we'?ll|we will|we'?re|we are|we|"
    r"to|i'?d|i would|i'?ll|you'?d|you|happens|"
    r"(?=(?:it|this|the (?:system|model|service)) (?:\w+s|should|will|would|can)\b))|"
    r"where|(?=\w+ing\b))\s*(?P<doing>[^.;!?]*)"
)
_DOINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "monitoring",
        re.compile(
            r"\bkeep(?:ing)? (?:it|this|them|the \w+) (?:healthy|fresh|working|running|accurate)|"
            r"\b(?:after|post)[- ](?:launch|deployment)|\bonce (?:it'?s|it is|it goes) live|"
            # "what we keep an eye on afterwards"
            r"\bkeep(?:ing)? (?:an eye on|watch over|tabs on)\b"
        ),
    ),
    (
        "serving",
        re.compile(
            r"^(?:\w+ )?(?:ship|launch|deploy|serve|roll (?:it |this )?out|put (?:it|this) "
            r"(?:in|into) production)\b|"
            # "how this runs when a real person opens the app", "running it for real", "how it
            # answers live requests", "how it copes with 6,000 posts a second"
            r"^(?:it |this |the \w+ )?(?:runs?|running)\b(?! (?:a|an|the|our) (?:test|experiment|"
            r"eval\w*|a/b|ab|offline))|\bfor real\b|\bin production\b|\blive (?:requests|traffic|"
            r"system|service)\b|\b(?:real|live) (?:person|user|users|people)\b|"
            r"^(?:it |this |the \w+ )?(?:answers|handles|copes|deals)\b"
        ),
    ),
    (
        "evaluation",
        re.compile(
            r"^(?:\w+ )?(?:evaluate|measure|test|validate)\b|"
            # "how we'd know it's working", "how we'd tell whether it helps"
            r"^(?:\w+ )?(?:know|tell|check|see)\b[^.;!?]*\b(?:works?|working|helps?|better)\b"
        ),
    ),
    (
        "data",
        re.compile(
            r"\b(?:data|labels?|pairs|examples)\b[^.;!?]*\bcome from\b|"
            r"^(?:\w+ )?(?:collect|gather|label|get)\b[^.;!?]*\b(?:data|labels|examples|pairs)\b"
            # "what we train on", "what the model learns from"
            r"|^(?:\w+ ){0,2}?(?:train|learn)\w*(?: \w+)? (?:on|from)\W*$"
        ),
    ),
    # "what exactly we're predicting", "what the model should actually predict"
    ("framing", re.compile(r"^(?:\w+ ){0,4}?predict(?:ing|s)?\W*$")),
)


def requested_doing(snorm: str) -> str | None:
    """The stage word for a stage asked for by what is done in it, if the sentence asks so."""
    m = DOING_REQUEST.search(snorm)
    if m is None:
        return None
    return next((word for word, pat in _DOINGS if pat.search(m.group("doing"))), None)


# Two stages named together as what comes next ("straight to data and model then: ...",
# "Moving on, evaluation and serving together: ..."): the request takes both, and ends on the
# later one.
# A list of three reads the same ("framing, data and model in one answer" ends on the model).
_JOINED_STAGES = re.compile(
    r"\b(?P<first>" + ANY_STAGE + r")(?:,\s*(?:the\s+)?(?:" + ANY_STAGE + r"))*+,?\s+"
    r"(?:and|&|plus|then)\s+(?:the\s+|then\s+)?(?P<second>" + ANY_STAGE + r")\b"
)
# A sentence opening on stages named together as what it covers at once ("Framing, data and
# model together: ...", "framing and data in one go."): a walk through them, ending on the last;
# a heading, so "data and model together decide quality" is no such walk.
_STAGES_AT_ONCE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|right|now|then)\W+)*(?:the\s+)?(?=(?:" + ANY_STAGE + r")\b)"
    r"[\w ,&-]{0,40}?\s(?:together|(?:all\s+)?in\s+(?:one|a single)\s+(?:go|answer|message|pass)|"
    r"(?:all\s+)?at once)\s*(?:[:;,.!–—-]|$)"
)
# The stage gone straight to, past those set aside on the way: "Jumping over framing and data
# for now, straight to the model: ...".
_STRAIGHT_TO_STAGE = re.compile(
    r"\b(?:straight|right|directly)\s+(?:on\s*)?to\s+(?:the\s+)?(?P<stage>" + ANY_STAGE + r")\b"
)
# A word of going on past stages, said before "straight to" a stage ("jumping over framing and
# data for now, straight to the model"): with it, "straight to X" asks to move there even with
# no move request or move-on words (`requested_stage`).
_GOING_PAST = re.compile(r"\b(?:jump\w*|skip\w*|pass\w* over|leav\w*|go(?:ing)?|head\w*)\b")
# Stages named right after a word that sets them aside ("skip data and the model", "jumping
# over framing and data"): those are passed over, not gone to.
_SET_ASIDE_BEFORE = re.compile(
    r"\b(?:skip\w*|jump\w* over|pass\w* over|leav\w*|park\w*|paus\w*|set\w* aside|"
    r"postpon\w*|defer\w*)\s+(?:(?:the|my|our|both)\s+)?$"
)


def _joined_later(snorm: str, at: int = 0) -> str | None:
    """Of two stages named together from position `at` on, the later one's word."""
    joined = _JOINED_STAGES.search(snorm, at)
    if joined is None or (at and joined.start() != at):
        return None
    if _SET_ASIDE_BEFORE.search(snorm[: joined.start()]):
        return None  # "I'll skip data and the model for now and go to evaluation": passed over
    first, second = stage_of_word(joined["first"]), stage_of_word(joined["second"])
    if first is None or second is None:
        return None
    return joined["second"] if STAGES.index(second) > STAGES.index(first) else joined["first"]


def requested_stage(snorm: str) -> str | None:
    """The stage word a move request names ("how about we look at evaluation" -> evaluation),
    if the sentence is one; of two named together, the later ("on to data and model")."""
    asked = MOVE_REQUEST.search(snorm)
    straight = _STRAIGHT_TO_STAGE.search(snorm)
    if straight is not None and (
        asked is not None or moves_on(snorm) or _GOING_PAST.search(snorm[: straight.start()])
    ):
        return _joined_later(snorm, straight.start("stage")) or straight.group("stage")
    if asked is not None:  # the stage moved to, not one set aside on the way ("park X and...")
        return _joined_later(snorm, asked.start("stage")) or asked.group("stage")
    if (moves_on(snorm) or _STAGES_AT_ONCE.match(snorm)) and (
        later := _joined_later(snorm)
    ) is not None:
        return later
    m = _ACK_THEN_STAGE.match(snorm.strip())
    for clause in CLAUSE_SPLIT.split(snorm):
        m = m or _BARE_STAGE.match(lead_stripped(clause))
    named = STAGE_BARE.search(m.group(0)) if m else None
    return named.group(1) if named else requested_doing(snorm)


@per_text(8192)
def moves_on(norm: str) -> bool:
    """MOVE_ON found in the text, and not held back ("I'm not ready to move on") nor put off
    in the rest of its clause ("I'll get to the model shortly, but first ...")."""
    m = MOVE_ON.search(norm)
    if m is None or _held_before(norm, m.start()):
        return False
    end = CLAUSE_END.search(norm, m.end())
    return not _DEFER.search(norm[m.end() : end.start() if end else len(norm)])


def _held_before(snorm: str, at: int) -> bool:
    """A word holding on in the few words before position `at` ("not ready to move on",
    "before we move on", "don't want to skip ahead")."""
    before = " ".join(snorm[:at].split()[-HOLD_WINDOW:])
    return bool(_HOLD.search(before))


HOLD_WINDOW = 3


# Time said to be short, then a part taken up ("the clock's against me, so let me get to the
# model", "time's running short, so I'll jump to the ranking model", "we've only got a quarter
# of an hour left, let's get the serving side in"): what time is left goes to another part,
# named or not; a verb of going on (`_MOTION`'s) after a request or an announced plan.
_TIME_PRESSED_WORDS = (
    r"\b(?:(?:the )?clock(?:'s| is)? (?:against|ticking|running)|(?:conscious|mindful|aware) of "
    # (of time, said or left to the end of the clause: not "we're running out of GPU memory")
    r"(?:the )?(?:time|clock)|(?:time(?:'s| is)|we'?re|i'?m) (?:running|getting) (?:short|low|out)"
    r"(?=(?: (?:of|on) (?:time|minutes))?\s*(?:[,;:.!?–—-]|$))|"
    r"(?:short|tight|pressed) (?:on|for) time|running low on (?:time|minutes)|watching the "
    r"(?:time|clock)|(?:minutes?|hour|time) (?:left|to go|remaining))\b"
)
TIME_PRESSED = re.compile(_TIME_PRESSED_WORDS)
# A request to go somewhere ("I'll leave X and jump to re-ranking", "let's head over to ..."):
# a frame of wanting, then a verb of motion and where to
_ONWARD_FRAME = (
    r"\b(?:let'?s|let me|i'?ll|i will|i'?d better|we'?d better|"
    r"i should|we should|i'?m going to|time to)\s+"
)
_ONWARD_VERB = (
    r"(?:go|move|get|jump|skip|head|turn|switch|hop|shift|pivot|dive|talk|cover)\w*"
    r"(?:\s+\w+){0,4}?\s+(?:to|into|in|ahead|onto|over)\b"
)
_PRESSED_MOVE = re.compile(
    _TIME_PRESSED_WORDS + r"[^.;!?]{0,40}?" + _ONWARD_FRAME + r"(?:\w+\s+){0,8}?" + _ONWARD_VERB
)
# ...and as a clause of its own, nothing between the frame and the motion but a part set aside
# ("I'll leave X and jump to Y"; not "I'll use accuracy and move to serving", which proposes)
ONWARD_ASKED = re.compile(
    _ONWARD_FRAME + r"(?:(?:just|now|quickly|then)\s+)?(?:(?:leave|park|pause|drop|shelve|skip|"
    r"table|(?:put|set|lay)\b[\w' -]{0,25}?\b(?:aside|to one side|on hold|on ice))\b"
    r"[\w' -]{0,30}? and (?:then )?)?" + _ONWARD_VERB
)


# Time said to be short as a clause of its own before the rest ("I'm watching the time, so
# ...", "Conscious of the clock; ..."): the reason for what follows, which decides alone.
_PRESSED_LEAD = re.compile(
    r"^[^,;:.!?]*?" + _TIME_PRESSED_WORDS + r"[^,;:.!?]*(?:[,;:]|\s[-–—])\s*(?:(?:so|and|then)\s+)?"
)


_TIME_HINT = re.compile(r"time|clock|minute|hour")


# "Quick ones, so we can move: whole image or a crop?": moving on is the purpose of asking
# quickly, said before the question; what follows the lead is what the sentence asks.
_PURPOSE_LEAD = re.compile(
    r"^[^:?;]{0,40}?\bso(?: that)? (?:we|i) (?:can|could) (?:move|keep moving|get going|go)"
    r"(?: on| along| quickly| fast| faster)?\s*(?::|\s[-\u2013\u2014])\s*(?=\S)"
)


@per_text(8192)  # asked of a sentence for the acts and again for its claims
def wants_move_on(snorm: str) -> bool:
    """The sentence asks for the next (or a named) stage, or closes the current one, or
    talks only about moving through the interview (`progress_talk`)."""
    if snorm.rstrip().endswith("?") and (purpose := _PURPOSE_LEAD.match(snorm)):
        return wants_move_on(snorm[purpose.end() :])
    if only_not_knowing(snorm):
        return False  # "no, nothing comes to mind": not knowing, not a part closed
    # (a cheap word check first: the lead's pattern is costly and rarely there)
    lead = _PRESSED_LEAD.match(snorm) if _TIME_HINT.search(snorm) else None
    if lead is not None and lead.end() < len(snorm) and wants_move_on(snorm[lead.end() :]):
        return True  # "I'm watching the time, so let's ... talk serving"
    progress = progress_talk(snorm)  # (it reads the idioms itself; cached per sentence)
    plain = plain_progress(snorm)
    asked = MOVE_REQUEST.search(plain)
    doing = DOING_REQUEST.search(plain)
    # "what we keep an eye on afterwards": a word of later time inside a topic that is itself
    # after launch (monitoring) says what the topic is, not when to take it up
    after_launch = doing is not None and requested_doing(plain) == "monitoring"
    before = plain[: doing.start("doing")] if doing is not None and after_launch else plain
    if _DEFER.search(before):
        return False  # "I'll get to the model in a bit": not now
    return bool(
        moves_on(plain)
        or (asked is not None and not _held_before(plain, asked.start()))
        or any(_BARE_STAGE.match(lead_stripped(c)) for c in CLAUSE_SPLIT.split(plain))
        or _ACK_THEN_STAGE.match(plain.strip()) is not None
        or (_STAGES_AT_ONCE.match(plain) is not None and _joined_later(plain) is not None)
        or closes_plain(plain)
        or requested_doing(plain) is not None
        or (progress is not None and progress[0] == "onward")
        or _PRESSED_MOVE.search(plain) is not None
    )


# Idioms of a part finished, said in the plain words the progress rules read: "framing's in
# the can" -> "framing's done", "I'll draw a line under the data" -> "done with the data",
# "Data: tick." -> "done with data", "I've squeezed the requirements dry" -> "covered".
_STOP_ASKING = (
    r"\b(?:(?:i )?(?:won'?t|will not|(?:i'?m|am) not going to|no need to) (?:keep )?"
    r"(?:ask|grill|quiz|question|pester|bother|interrogat)\w*(?: you)?"
    r"(?: (?:anything (?:more|else)|any ?more|further|more))?|enough of me "
    r"(?:ask|grill|quiz|question|pester|bother|interrogat)\w*(?: you)?|"
    r"(?:i'?ll|i will|let me) stop (?:ask|question|quiz|pester)\w*(?: (?:you|things|questions))?)"
)
_DONE_IDIOMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\b(?:in the (?:can|bag)|out of the way|done and dusted|dealt with|taken care of|"
            r"locked (?:in|down)|signed off|sewn up|put to bed|ticked off|squared away|"
            r"buttoned up)\b"
        ),
        "done",
    ),
    (re.compile(r"\b(?:draw|drawing|put|putting) a line under\b"), "done with"),
    # "that settles the framing for me", "let's put data to bed"
    (
        re.compile(
            r"\b(?:that |this )?(?:settles|wraps up|concludes) (?:the |my )?(" + ANY_STAGE + r")\b"
        ),
        r"done with \1",
    ),
    (
        re.compile(r"\bput(?:ting)? (?:the |my )?(" + ANY_STAGE + r") to bed\b"),
        r"done with \1",
    ),
    (
        re.compile(r"\bcall(?:ing)? ((?:the |my )?(?:" + ANY_STAGE + r")) a wrap\b"),
        r"done with \1",
    ),
    (
        re.compile(r"^(\W*)(" + ANY_STAGE + r")\s*[:,-]?\s*(?:check|checked|tick|ticked)\W*$"),
        r"\1done with \2",
    ),
    (re.compile(r"\b(?:squeezed|wrung|milked) ((?:\w+ ){0,3}?)dry\b"), r"covered \1"),
    # "the framing's been done to death", "we've beaten data to death"
    (
        re.compile(r"(?:'s| has| have|'ve) been (?:beaten|flogged|done|talked) to death\b"),
        " is covered",
    ),
    (re.compile(r"\b(?:beaten|beat|flogged|done) ((?:\w+ ){0,3}?)to death\b"), r"covered \1"),
    # "not much more to wring out of metrics", "nothing left to squeeze from the data"
    (
        re.compile(
            r"\b(?:there'?s |there is )?(?:nothing|not much|little) (?:more |else )?(?:left )?"
            r"to (?:wring|squeeze|get|milk|extract|say|add) (?:out of|from|on|about)\b"
        ),
        "done with",
    ),
    # "I won't keep grilling you on requirements", "enough of me quizzing you": no more asking
    # (about the part named, which is then done)
    (
        re.compile(_STOP_ASKING + r" (?:on|about|regarding) (?:the )?(" + ANY_STAGE + r")\b"),
        r"done with \1",
    ),
    (re.compile(_STOP_ASKING), "no more questions"),
    # "I'd rather spend the time left on serving": that part next
    (
        re.compile(
            r"\bi'?d (?:rather|prefer to|like to) (?:spend|use) (?:the |our |my )?(?:\w+ )?time "
            r"(?:(?:we have )?(?:left|remaining) )?(?:on|for)\b"
        ),
        "let's move on to",
    ),
    # "the features are where I'd like to spend my time": that part next
    (
        re.compile(
            r"\b(?:the )?(" + ANY_STAGE + r")(?: (?:part|side|piece|bit))? (?:is|are) where i'?d "
            r"(?:like|rather|prefer|love|want) to (?:spend|use|put) (?:the |our |my )?(?:\w+ )?"
            r"time\b"
        ),
        r"let's move on to \1",
    ),
    # "I've said what I wanted", "I've said everything I wanted to": all that was to say
    (
        re.compile(r"\b(?:i'?ve|i have) said (?:what|everything) i want(?:ed)?(?: to)?\b"),
        "said all",
    ),
    # Where the candidate's interest lies is where they want to go: "the interesting part
    # here is really serving", "monitoring is where this gets hard", "serving is the bigger
    # topic", "what I'd really like to dig into is how we measure it"
    (
        re.compile(
            r"\bthe (?:most |really |truly )?(?:interesting|important|hard|tricky|fun|meaty|juicy|"
            r"crucial|challenging) (?:part|bit|piece|question|topic|stuff)(?: (?:here|for me|of "
            r"(?:this|the) (?:problem|design)|in (?:this|the) (?:problem|design)))?(?:'s| is| are)"
            r"(?: (?:really|mostly|honestly|definitely|clearly|probably|actually))* (?:the )?"
            r"(" + ANY_STAGE + r")\b"
        ),
        r"let's move on to \1",
    ),
    (
        re.compile(
            r"\b(?:the )?(" + ANY_STAGE + r")(?:'s| is| are) (?:where (?:this|it|things|the "
            r"(?:problem|design)) gets? (?:really |more |most )?(?:hard|interesting|tricky|fun|"
            r"hairy|difficult|challenging)|the (?:bigger|more interesting|harder|real|main|"
            r"interesting|hard|tricky) (?:topic|part|problem|question|challenge))\b"
        ),
        r"let's move on to \1",
    ),
    (
        re.compile(
            r"\bwhat i(?:'d| would)? (?:really |most )?(?:like|love|want) to (?:dig into|"
            r"talk about|focus on|get into|look at|discuss|spend (?:the |my |our )?(?:\w+ )?"
            r"time on) is\b|"
            r"\bwhat i (?:find|think is) (?:the )?(?:most |really )?(?:interesting|exciting|"
            r"important)(?: (?:here|in this problem|about this problem))? is\b"
        ),
        "let's talk about",
    ),
    (re.compile(r"\bat peace with\b"), "happy with"),
    (re.compile(r"\bthe long and (?:the )?short of\b"), "all for"),
    # "that's the bulk of my evaluation story": near enough all of it
    (re.compile(r"\bthe (?:bulk|gist|meat|main part) of\b"), "all of"),
    (re.compile(r"\b(?:up|in) my sleeve\b"), "to add"),
    (re.compile(r"\bthe (?:lie|lay) of the land\b"), "a good picture"),
    (re.compile(r"\bwhere i'?d (?:land|settle|leave it) on\b"), "all on"),
)


# How the candidate lays out their own answer, not where the interview is: an opener ("to
# start: ...", "first off, ..."), the plan they follow ("following my plan: ...", "here's how
# I'd like to run this: ..."), all of it at once ("then in one go: ...") and a span of time
# ("test on the last two days"). Said in words outside the progress vocabulary, so that what
# follows decides.
_PRESENTING: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            # (the run of fillers possessive: "ok, " x 26 backtracked for seconds)
            r"^(?:\W*+(?:ok(?:ay)?|so|and|then|right)\W++)*+"
            r"(?:to (?:start|begin|kick off)(?: with)?|"
            r"first(?:ly| off| of all)?|for starters)(?=\s*[:,]|\s*$)"
        ),
        "opener",
    ),
    (re.compile(r"\b(?:follow(?:ing)?|as per|per) (?:my|the|our) plan\b"), "as sketched"),
    (
        re.compile(
            r"\b(?:here'?s |this is )?how i'?d (?:like to |want to )?(?:run|do|structure|approach)"
            r" (?:this|it|things|the interview|the session)\b"
        ),
        "my outline",
    ),
    (re.compile(r"\b(?:all )?in (?:one|a single) go\b"), "together"),
    (
        re.compile(
            r"\b(?:the )?last (?=(?:\d+|few|couple|two|three|four|five|six|seven|ten|several|"
            r"hours?|days?|weeks?|months?|years?|quarters?)\b)"
        ),
        "recent ",
    ),
)


@per_text(8192)  # ~30 substitutions, asked of each sentence by several tests
def plain_progress(snorm: str) -> str:
    """The sentence with its idioms of a part finished in plain words (`_DONE_IDIOMS`), and
    the ways of laying out an answer in words that are no progress (`_PRESENTING`)."""
    for pattern, plain in _PRESENTING:
        snorm = pattern.sub(plain, snorm)
    for pattern, plain in _DONE_IDIOMS:
        snorm = pattern.sub(plain, snorm)
    return snorm


# -- talk about the interview's own progress --------------------------------------------------
# A clause made only of words about the interview itself says where the candidate is in it, not
# what they design: "where to now?", "shall we press forward?", "I've said all I wanted about
# the features", "the data's nailed down", "let's not dwell on evaluation", "that's the close
# of my walkthrough". Word classes, not phrases: a direction or motion onward, a part done
# with, staying put (negated: moving on), an ending, taking up a topic, the interview's parts,
# and the small words around them. A clause with more than one word outside these is design talk.
_ONWARD_WORDS = word_set(
    "next onward onwards ahead forward forwards further along upwards proceed progress advance "
    "continue push press carry move moving head heading follow follows comes come remains "
    "remain left start starting begin go turn turning switch shift jump hop skip transition "
    "pivot hand"
)
_DONE_WORDS = word_set(  # said alone, these close the current part
    "done finished through exhausted covered settled sorted squared nailed wrapped said heard "
    "run ran last leave laid complete completed understood"
)
_CONTENT_WORDS = word_set(  # ...these only next to a part ("clear on the setup", "good on data")
    "enough clear content happy good fine ready all everything picture grasp sense idea "
    "comfortable satisfied confident pleased shape"
)
_BEGIN_WORDS = frozenset(["start", "begin", "beginning"])


def _only_begins(tokens: list[str]) -> bool:
    """The clause's only word of motion is one of beginning ("let's start", "ok, let's begin")."""
    moving = [t for t in tokens if t in _ONWARD_WORDS]
    return bool(moving) and all(t in _BEGIN_WORDS for t in moving)


_STAY_WORDS = frozenset(["linger", "dwell", "stay", "belabour", "belabor", "labour"])
_END_WORDS = frozenset(["end", "close", "conclude", "stop", "wrap", "feedback", "verdict", "today"])
_TAKE_UP = word_set("walk take talk discuss cover look dig get getting bring see hear")
_PART_WORDS = word_set(
    "part parts bit side piece section stage step topic questions question asking setup scope "
    "design designing answer answers plan session interview time mind page stop story list "
    "agenda groundwork backdrop background context brief"
)
_SMALL_WORDS = word_set(
    "alright right cool great hmm reckon think guess suppose feel thanks thank yeah sure let us "
    "lets away down say wanted wanna give obvious ok okay then suggest propose wise"
)
_PROGRESS_WORDS = (
    _ONWARD_WORDS
    | _DONE_WORDS
    | _CONTENT_WORDS
    | _STAY_WORDS
    | _END_WORDS
    | _TAKE_UP
    | _PART_WORDS
    | _SMALL_WORDS
)
# Holding on rather than moving: "not", "wait", "before we...", "one more on...", "still";
# "tell me when to move on" asks how the session runs, and moves nowhere.
_HOLD = re.compile(
    r"\b(?:not|never|wait|hang on|hold on|before|until|when to|when (?:i|we) should|one more|"
    r"still|yet|"
    r"(?:do|does|did|is|are|was|were|have|has|ca|can|wo|should|would|could)n'?t)\b"
)
# Deferring: "I'll get to the model shortly", "which I'll come to".
_DEFER = re.compile(
    r"\b(?:later|shortly|soon|afterwards|eventually|in a (?:bit|minute|moment|sec)|"
    r"but first)\b|^(?:which|who|that (?:i|we))\b"
)
# "how I did", "my feedback": the verdict asked for.
_VERDICT = re.compile(r"\bhow (?:i|i'?ve) (?:did|done|performed|got on)\b")
# A stage a clause moves to: after a word of motion or taking up, "to/into/through..."
_DESTINATION = re.compile(
    r"\b(?:" + "|".join(sorted(_ONWARD_WORDS | _TAKE_UP)) + r")\w*\s+(?:\w+\s+){0,2}?"
    r"(?:to|into|onto|through|at)\s+(?:the\s+|some\s+)?(" + ANY_STAGE + r")\b"
)
# A stage a clause is about: "on/about/with/for the model".
_TOPIC = re.compile(r"\b(?:on|about|with|for|of)\s+(?:the\s+|my\s+|our\s+)?(" + ANY_STAGE + r")\b")
# "that's data and model from my side": what the candidate had to say on it is said
_FROM_ME = re.compile(r"\b(?:from|on) my (?:side|end|part)\b")
# "let's start on the framing", "begin with the data": the stage taken up next
_START_ON = re.compile(
    r"\b(?:start|begin|kick off)\w*\s+(?:on|with)\s+(?:the\s+)?(?:\w+\s+)?(" + ANY_STAGE + r")\b"
)
_TOKEN = re.compile(r"[a-z]+")
PROGRESS_LOOSE_WORDS = 12
# "is that close?", "does this end up biased?": checking what was just said, not progress
_CHECKING = re.compile(r"^(?:is|are|was|were|does|did|would|will|can|could)\s+(?:that|this|it)\b")
# "how it runs in production", "run it on servers": where something executes, not a part run
# through
_RUNS_IN = re.compile(
    r"\bruns? (?:(?:it|them|this|that|everything|the (?:\w+ )?\w+) )?(?:in|on|inside)\b"
)
# "with a head for each", "a good model, maybe deep learning": a noun phrase (an article, a
# word or two, then a stage's noun or "head") describes the design; it moves nothing on
_DESCRIBED_THING = re.compile(
    rf"^(?:a|an|one)\s+(?:[\w-]+\s+){{0,2}}?(?:{STAGE_NAME})\b|\b(?:a|an|one|each|per|own|the)\s+"
    r"(?:(?:separate|shared|output|task|prediction|small|linear)\s+)?heads?\b"
)
# "is there a model in production today?", "do we have labels?": asks whether something exists
# in the problem, never where the interview is ("today", "production" are no progress there)
_EXISTS_QUESTION = re.compile(
    r"^(?:and |so )?(?:is|are|was|were) there\b|^(?:and |so )?(?:do|does|did) (?:we|you|they|it)"
    r" (?:already |currently )?(?:have|run|use)\b"
    # "do we need labels to start?": whether something is required ("to start": at first)
    r"|^(?:and |so )?(?:do|does|did) (?:we|you|they|it|i) (?:really |even |actually )?"
    r"(?:need|require)\b(?! to\b)"
)
_WILL_DO = re.compile(r"\bthat(?:'?ll| will) do\b")  # "that'll do for questions"
_REQUEST_FRAME = re.compile(rf"\b{_FRAME}\b")
# "I had to close a window": something the candidate had to do, told, not a request
_DONE_BEFORE = re.compile(r"\b(?:had|needed) to\b")
_ENDED_THERE = re.compile(r"\b(?:there|here)\b")
# "as I said", "like I mentioned earlier": the candidate points back to what they said before
# ("said" alone would read as a part closed)
_AS_I_SAID = re.compile(
    r"^(?:as|like)\s+(?:i|we)(?:'ve| have)?\s+(?:already\s+)?(?:said|mentioned|noted|explained|"
    r"described|covered|argued)\b"
)
# "can we skip the model stage?", "skipping serving": a stage passed over, not the one asked
# for ("skip to the model" asks for it)
_SKIP_STAGE = re.compile(
    r"\b(?:skip|skipping|pass over|passing over|leave out|leaving out)\s+(?:over\s+)?"
    r"(?:the\s+)?(" + ANY_STAGE + r")\b(?!\s+(?:to|into|and go)\b)"
)


def skipped_stage(snorm: str) -> Stage | None:
    """The stage a sentence asks to pass over ("can we skip serving?"), if any."""
    m = _SKIP_STAGE.search(snorm)
    return stage_of_word(m.group(1)) if m else None


def _base(token: str) -> str:
    """A token as the vocabulary spells it: "stopping" -> "stop", "moved" -> "move"."""
    if token in _PROGRESS_WORDS:
        return token
    for suffix in ("ing", "ed", "es", "s"):
        stem = token[: -len(suffix)]
        if token.endswith(suffix) and len(stem) >= 3:
            for base in (stem, stem + "e", stem[:-1] if stem[-1] == stem[-2] else stem):
                if base in _PROGRESS_WORDS:
                    return base
    return token


# A verb of motion with a thing as its object and a direction ("pushing it down", "move them
# up", "turn it off"): something done to a post or a model, not the interview moving on.
_ACTS_ON_THING = re.compile(
    r"\b(?:push|pushing|pushed|move|moving|moved|turn|turning|turned|shift|shifting|shifted)\s+"
    r"(?:it|them|this|that|those|these|the \w+)\s+(?:down|up|off|out|lower|higher|away)\b"
)


# "you can stop me", "feel free to cut me off": leave to interrupt the speaker, who goes on
_INTERRUPT_ME = re.compile(r"\b(?:stop|interrupt|cut|pull) me\b")


def _progress_tokens(text: str) -> tuple[list[str], list[str]]:
    """The words of `text` past its stage names, in the vocabulary's spelling, and those of
    them outside the progress vocabulary."""
    tokens = [_base(t) for t in _TOKEN.findall(STAGE_BARE.sub(" ", text))]
    return tokens, [t for t in tokens if t not in _PROGRESS_WORDS and t not in STOPWORDS]


def _progress_clause(clause: str, loose: bool) -> tuple[str, str | None] | None:
    """`progress_talk` of one clause: (kind, stage word and how it is named). `loose`: the
    clause may carry one word outside the vocabulary (a short sentence that asks nothing)."""
    lead = lead_stripped(clause.strip())
    if _CHECKING.match(lead) or _EXISTS_QUESTION.match(lead) or _DONE_BEFORE.search(clause):
        return None
    if _ACTS_ON_THING.search(clause):
        return None  # "..., pushing it down, or ...": an action on a thing, not the interview
    if _INTERRUPT_ME.search(clause):
        return None  # "...and then you can stop me": leave to interrupt, not an ending
    if _AS_I_SAID.match(lead):
        return None  # "as I said at the start": a pointer to an earlier turn, not a closure
    if DESIGN_IMPERATIVE.match(lead) or _DESCRIBED_THING.search(lead):
        return None
    stages = [m.group(1) for m in STAGE_BARE.finditer(clause)]
    tokens, unknown = _progress_tokens(clause)
    asked = bool(stages and _REQUEST_FRAME.search(clause))
    allowed = 1 if loose and (len(tokens) >= 4 or asked) else 0
    if len(unknown) > allowed or len(tokens) + len(stages) < 2:
        return None
    held = _HOLD.search(clause)
    stay = any(t in _STAY_WORDS for t in tokens)
    if (held and not stay) or (stay and not held) or _DEFER.search(clause):
        return None
    # "where the labels are coming from": where something comes from, not moving onward
    # ("where do we go from here?" still moves)
    onward = any(
        t in _ONWARD_WORDS and not (t == "come" and tokens[k + 1 : k + 2] == ["from"])
        for k, t in enumerate(tokens)
    )
    # "how it runs in production": where something executes, not a part run through
    finished = [
        t for t in tokens if t in _DONE_WORDS and not (t == "run" and _RUNS_IN.search(clause))
    ]
    done = stay or bool(finished) or bool(_WILL_DO.search(clause) or _FROM_ME.search(clause))
    parts = bool(stages) or any(t in _PART_WORDS for t in tokens)
    content = parts and any(t in _CONTENT_WORDS for t in tokens)
    ending = any(t in _END_WORDS for t in tokens) or bool(_VERDICT.search(clause))
    # "I'd wrap the data piece there": a part ended where it stands is that part done
    done = done or (ending and bool(stages) and bool(_ENDED_THERE.search(clause)))
    # taking up a stage is a move only when asked for ("what about getting this into
    # production?"), not in a question about it ("how do we get data?")
    take_up = any(t in _TAKE_UP for t in tokens) and asked
    if ending and not stages and "start" not in tokens and "next" not in tokens:
        return "end", None
    if not (onward or done or content or ending or take_up or asked):
        return None
    if not stages and not (done or content or ending) and _only_begins(tokens):
        return None  # "hi, let's start": beginning what is on the table, not leaving it
    if not stages:
        return "onward", None
    if (dest := _DESTINATION.search(clause) or _START_ON.search(clause)) is not None:
        return "onward", "to " + dest.group(1)
    if asked and not (done or content):
        # "let's transition to the data", "time to formalise the ML task": a stage asked
        # for, whatever the verb
        return "onward", "to " + stages[-1]
    if (topic := _TOPIC.search(clause)) is not None or done or content:
        return "onward", "done " + (topic.group(1) if topic else stages[-1])
    return "onward", "to " + stages[-1]


# A message that opens by holding on to the part being talked about: "hang on, I'm not
# finished with the data - ...", "before we leave data - ...", "one more on the model: ...".
# What follows is more of that part, whatever later stage its words also read as.
HOLDING_ON = re.compile(
    r"^\W*(?:(?:(?:hang|hold) on|wait|sorry|actually|hmm+|ok(?:ay)?|oh|one (?:sec|second|moment))"
    r"\W+)*(?:(?:i'?m|i am|we'?re|we are)\s+)?(?:not (?:quite |yet )?(?:finished|done|ready)\b|"
    r"before we (?:leave|move|go|wrap|finish|get)\b|one more\b|still (?:on|got|have)\b)"
)


# A choice taken back in the same message ("I'd use X, actually no, Y", "scratch that"): the
# candidate is still working on the current part, correcting themselves.
RETRACTION = re.compile(
    r"\b(?:actually|wait|hmm+|oh|sorry)\W+no\b(?!\s+(?:one|more|need|longer|way)\b)|"
    r"\b(?:scratch|strike|forget) that\b|\b(?:i )?take (?:that|it) back\b|"
    r"\bon second thoughts?\b"
)


def retracts(norm: str) -> bool:
    """The message takes back something it said (`RETRACTION`)."""
    return bool(RETRACTION.search(norm))


def holds_on(norm: str) -> bool:
    """The message opens by holding on to the current part (`HOLDING_ON`)."""
    return bool(HOLDING_ON.search(norm))


def progress_target(snorm: str) -> Stage | None:
    """The stage a sentence of progress talk moves to: the one named as a destination, or
    the one after a stage said to be done."""
    progress = progress_talk(snorm)
    where = progress[1] if progress else None
    if not where:
        return None
    how, word = where.split(" ", 1)
    stage = stage_of_word(word)
    if how == "to" or stage is None:
        return stage
    order: list[Stage] = list(STAGE_WORDS)
    at = order.index(stage)
    return order[at + 1] if at + 1 < len(order) else None


# a lead-in that turns to the next item of a list of questions ("next thing,", "another
# question:", "one more point -")
_NEXT_ITEM = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|and|also|then|right)\W+)?(?:next|another|one more|other|"
    r"different|separate|second|last) (?:thing|question|q|point|item|topic|one)\W*$"
)


@per_text(8192)  # asked of each sentence for move-on, finish and the target stage
def progress_talk(snorm: str) -> tuple[str, str | None] | None:
    """Whether the sentence talks only about the interview's progress: ("end", None) for an
    ending ("that's the close of my walkthrough"); ("onward", where) for moving on, where is
    "to <stage word>" (a destination: "does serving come after this?"), "done <stage word>"
    (a part closed: "I've said all I wanted about the features") or None. A clause holding on
    ("not yet", "before we leave data") or deferring ("I'll get to the model shortly") is not;
    in a sentence of several clauses, one that is design talk does not stop another from
    being progress talk, but one holding on does."""
    snorm = plain_progress(snorm)
    if _HOLD.search(snorm) and not any(w in _STAY_WORDS for w in _TOKEN.findall(snorm)):
        return None
    if _DEFER.search(snorm):
        return None
    # one word outside the vocabulary only in a short sentence that asks nothing: "when does
    # the model go live?" asks about the design; "..., so it has a vector from the start" is
    # design talk
    loose = len(snorm.split()) <= PROGRESS_LOOSE_WORDS and not snorm.rstrip().endswith("?")
    clauses = [c for c in CLAUSE_SPLIT.split(snorm) if c.strip()]
    if len(clauses) > 1 and snorm.rstrip().endswith("?") and _NEXT_ITEM.match(clauses[0]):
        # "next thing, are we on the hook for ads?": the next of the candidate's questions,
        # not the next part of the interview
        clauses = clauses[1:]
    # ...and only when the sentence's other clauses have at most one such word between them:
    # in "more taps means a better feed, so that's all the model learns" the clause beside it
    # is design talk, and so is its own "learns"; "given the time, I'd suggest we start on the
    # problem framing" stays a request
    outside = [len(_progress_tokens(c)[1]) for c in clauses]
    found = [
        r
        for c, own in zip(clauses, outside, strict=True)
        if (r := _progress_clause(c, loose and sum(outside) - own <= 1))
    ]
    if not found:
        return None
    # "I'll stop there on the model and go to evaluation": moving to a stage, not ending;
    # "that's all for the design - happy to hear how I did": a part closed, then
    # the end
    to = [r for r in found if r[1] and r[1].startswith("to ")]
    if to:
        return to[0]
    return next((r for r in found if r[0] == "end"), found[-1])


# Asking the interviewer what they would do is asking for a hint.
_ADVICE = re.compile(
    r"(?:^|[,;:.!]\s+)(?:what|how|where|which \w+)\s+(?:\w+\s+)?(?:would|should|could) you\s+"
    r"(?:suggest|recommend|do|try|take|start|begin|look|approach|tackle|go|use|pick|consider)\b|"
    r"(?:^|[,;:.!]\s+)(?:can|could|would) you (?:please )?(?:help|point|nudge|steer|guide)\b|"
    # "what would a seasoned engineer reach for first?": what someone who knows would do
    r"(?:^|[,;:.!]\s+)what would (?:a|an|someone|somebody)\b[^?.!]{0,40}?\b(?:do|reach for|go for|"
    r"start with|try|pick|use|choose|look at)\b|"
    r"\bany\s+(?:tips?|pointers?|ideas?|suggestions?|direction|steer|breadcrumbs?)\b[^.!]*\?|"
    r"\b(?:a|some)\s+(?:tip|pointer|nudge|steer|breadcrumb)s?\b[^.!]*\?"
)


# Asking what is still missing from the candidate's own answer ("what else should I cover
# here?", "am I missing anything?", "anything I've left out?") asks for a hint on this stage,
# not for a fact ("what else should I know about the logs?" asks for one: no saying verb).
_WHAT_ELSE_TO_SAY = re.compile(
    r"\bwhat (?:else|more|other \w+) (?:should|could|would|do|might|must) (?:i|we) (?:also )?"
    r"(?:cover|mention|add|discuss|address|include|say|talk about|touch on|go (?:into|over))\b|"
    r"\bwhat else (?:would|do) you (?:like|want) (?:me|us) to (?:cover|mention|add|discuss|"
    r"address|include|say|talk about|touch on)\b|"
    # "what else do you want to hear?", "anything else you'd like me to cover?", "is there
    # anything more you want here?": what the interviewer still wants from this stage
    r"\bwhat (?:else|more) (?:would|do) you (?:like|want) to (?:hear|see)\b|"
    r"\banything (?:else|more) (?:you'?d|you would|you) (?:like|want)(?: (?:me|us))?"
    r"(?: to (?:cover|mention|add|discuss|address|include|say|talk about|touch on|hear|see))?"
    r"(?: (?:here|on this|on that|for this (?:part|stage|step)))?\W*$|"
    r"\b(?:am i|are we) missing (?:anything|something)\b|"
    r"\bwhat (?:am i|are we) (?:missing|leaving out|forgetting)\b|"
    # "where am I going wrong?", "what did I miss?": the flaw in the answer so far
    r"\bwhere (?:am i|are we) going wrong\b|\bwhat (?:did|have) (?:i|we) (?:miss|missed|overlook|"
    r"overlooked|get wrong|got wrong)\b|"
    r"\banything (?:else )?(?:i'?m|i am|i'?ve|i have|we'?re|we'?ve) (?:missing|missed|left out|"
    r"forgotten|forgetting|leaving out)\b"
)


def stuck(snorm: str) -> bool:
    """The candidate says they see no way forward on a step or a part of the task
    (`_NOT_SEEING_HOW`, `_GETTING_NOWHERE`): a hint asked, no part closed."""
    return bool(_NOT_SEEING_HOW.search(snorm) or _GETTING_NOWHERE.search(snorm))


@per_text(8192)
def wants_hint(snorm: str) -> bool:
    """The sentence asks for a hint or for the interviewer's approach."""
    return bool(
        HINT.search(snorm)
        or stuck(snorm)
        or SOLUTION_ASKED.search(snorm)
        or _ADVICE.search(question_core(snorm))
        or _WHAT_ELSE_TO_SAY.search(snorm)
    )


# The whole reply says only that the candidate does not know or passes ("I don't know,
# honestly", "Pass.", "Hmm, I'm not really sure, I'd have to think about that one"): each of
# its clauses is one of these, or a filler word.
_FILLER = (
    r"(?:hmm+|um+|uh+|er+|erm|well|sorry|honestly|frankly|really|truthfully|to be honest|"
    r"i'?m afraid|oh|ah|so|no|let me (?:think|see))"
)
_NOT_KNOWING_CLAUSE = re.compile(
    rf"^(?:{_FILLER}\s+)*(?P<not_knowing>pass|dunno|idk|no (?:idea|clue)|beats me|"
    r"(?:i'?m |i am )?not (?:really |quite |totally |entirely |too )?sure|"
    r"i (?:really |honestly |just )?(?:don'?t|do not) (?:really )?know|i can'?t say|"
    r"i'?d (?:have|need) to think (?:about )?(?:it|that|this)(?: one)?(?: (?:more|longer|over))?|"
    # "nothing comes to mind", "I'm blank on that one", "drawing a blank"
    r"nothing (?:comes|springs) to mind|(?:i'?m |i am |my mind'?s |my mind is )?(?:drawing a |"
    r"(?:a )?bit )?blank(?: on (?:that|this|it)(?: one)?)?)"
    r"(?:\s+(?:honestly|really|to be honest|here|sorry|yet|on that|about that|offhand))*$"
    rf"|^(?:{_FILLER}\s*)+$"
)


def only_not_knowing(norm: str) -> bool:
    """The reply says only that the candidate does not know (`_NOT_KNOWING_CLAUSE`)."""
    clauses = [c.strip() for c in re.split(r"[,.;:!?]|\s[-–—]\s", norm) if c.strip()]
    found = [_NOT_KNOWING_CLAUSE.match(c) for c in clauses]
    return all(found) and any(m.group("not_knowing") for m in found if m)


# A whole message that only acknowledges ("ok", "yep", "k", "👍"): a nod, with nothing said
# to go deeper on. Emoji carry no word at all: a message of them (no letter, digit or question
# mark) is read the same.
ACKNOWLEDGED = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|k+|yep|yup|yes|yeah|ya|sure|cool|right|alright|fine|great|nice|noted|"
    r"got it|makes sense|sounds good|understood|thanks|thank you|"
    # a greeting or a word of being ready: nothing said yet ("Hi, let's start.")
    r"hi|hello|hey|good (?:morning|afternoon|evening)|(?:i'?m |i am )?ready(?: when you are)?|"
    r"let'?s (?:get started|start|begin)|(?:shall|can) we (?:start|begin)\??)"
    r"(?:[\s,.!;-]+|$))+$"
)


def acknowledges_only(text: str) -> bool:
    """The whole message is a nod (`ACKNOWLEDGED`), or symbols such as emoji with no word."""
    s = text.strip().lower()
    if not s:
        return False
    if not re.search(r"[\w?]", s):
        return re.search(r"[^\x00-\x7f]", s) is not None  # an emoji, not "..." (silence)
    return ACKNOWLEDGED.match(s) is not None


# "Pass.", "I'll pass on this one": the whole message declines the question on the table. The
# reader keeps it a non-answer (like "I don't know"); the interviewer takes it as a move on.
_PASS_TURN = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|sorry|hmm+)\W+)*(?:i'?ll |i will |i'?d (?:like to )?|let me )?"
    r"pass(?: on (?:this|that|it)(?: one)?)?(?:,? (?:please|for now|thanks?))?\W*$"
)


def passes_turn(norm: str) -> bool:
    """The whole message passes on the question ("pass", "I'll pass on this one")."""
    return _PASS_TURN.match(norm) is not None


# The time left in the session asked for, in any wording ("how much time is left?", "how many
# minutes do we still have?", "how long have we got?"); "how long do we have to score them?"
# or "how much time do we have between upload and a verdict?" asks for a latency budget.
TIME_LEFT = re.compile(
    r"\bhow (?:much (?:more )?time|many (?:more )?minutes|long)\b(?: \w+){0,3}? (?:(?:is|are) "
    r"(?:still )?(?:left|remaining)|left|remain(?:s|ing)?|have (?:i|we) (?:still )?got|do (?:i|we) "
    r"(?:still )?(?:have|get)(?: left)?)"
    # ...ending its clause: "how much time do we get per request?" asks for a budget
    r"(?: (?:left|remaining|in (?:this|the) (?:interview|session)))?(?=\s*(?:[?,;.!]|$|and\b))"
)
# A move asked for in so many words ("let's go to serving, how long do we have?"): a time
# question beside it does not cancel it.
MOVE_SPOKEN = re.compile(
    r"\blet'?s\b|\b(?:can|could|shall|may) (?:we|i) (?:now )?(?:move|go|jump|switch|head|turn|"
    r"get)\b|\bmov(?:e|ing) on\b"
)


# A question about how the session itself runs ("how am I doing?", "will you tell me when to
# move on?", "should I draw a diagram?"): no design talk, but no stray topic either; the
# interviewer answers it in a line and goes back to the stage.
SESSION_ASKED = re.compile(
    r"\bhow am i doing\b|\bhow(?:'?s| is) (?:it|this|the interview) going\b|"
    r"\bam i on (?:the right )?track\b|\b(?:tell|let) me (?:know )?when (?:to|i should|we should) "
    r"(?:move on|stop|wrap|switch)|\bkeep (?:an eye on|track of) (?:the )?(?:time|clock)\b|"
    r"\b(?:draw|drawing|sketch|sketching) (?:\w+ )?diagrams?\b|\bwhiteboard\b|"
    r"\b(?:question )?about the format\b|\bhow (?:much time|many minutes) (?:do|have) (?:i|we)\b|"
    + TIME_LEFT.pattern
)


# The whole message asks what the interviewer's last question means, or to hear it again
# ("what do you mean?", "sorry, I don't follow", "could you rephrase that?"): the question
# stays open and is put another way. "What do you mean by the gap?" names what it asks about
# and is read as a question like any other.
UNCLEAR_ASKED = re.compile(
    r"^\W*(?:(?:sorry|hmm+|um+|uh+|ok(?:ay)?|wait|huh|pardon)\W+)*(?:"
    r"what do you mean|what does (?:that|this|it) mean|what did you mean|what are you asking|"
    r"(?:can|could|would) you (?:please )?(?:rephrase|reword|repeat|clarify|explain)"
    r"(?: (?:that|this|it|the question|your question|what you mean))?|"
    r"i don'?t (?:follow|understand|get (?:it|that|the question|what you mean))|"
    r"(?:i'?m )?not sure i (?:follow|understand|get)(?: (?:it|that|the question|what you mean))?|"
    r"come again|say (?:that|it) again"
    r")(?: (?:exactly|here|there|by that|please))*\W*$"
)


# A moment asked to think, and nothing else ("one sec, let me think", "mind if I take a
# minute?", "give me a moment to gather my thoughts"): the candidate is working, not done
_A_MOMENT = r"(?:a|one) (?:sec|second|moment|minute)"
THINKING_ASKED = re.compile(
    r"^\W*(?:(?:sorry|hmm+|um+|uh+|ok(?:ay)?|sure|right|so|wait|hold on|hang on)\W+)*(?:"
    r"(?:(?:mind if|can|could|may) i|let me|i'?ll|i need to|i'?d like to) (?:take|have|get) "
    + _A_MOMENT
    + r"|(?:give|allow) me "
    + _A_MOMENT
    + r"|"
    + _A_MOMENT
    + r"|let me (?:think|gather my thoughts)(?: (?:about (?:it|this|that)|for "
    + _A_MOMENT
    + r"))?)"
    r"(?:\W+(?:to think(?: (?:about )?(?:it|this|that))?|to gather my thoughts|let me think|"
    r"please|thanks|thank you|i'?m thinking))*\W*$"
)


# The candidate still at work on the part in hand, and nothing else ("wait, I'm not done with
# the data yet", "more on the model in a bit", "let me think about the ranking for a minute",
# "still typing, bear with me"): a pause that keeps the stage, not a move on, an answer or talk
# off the problem. One clause of these, or a few joined; a part named in at most three words.
_WORK_PART = r"(?:(?:the|my|this|that|our) )?(?:[a-z'-]+ ){0,2}[a-z'-]+"
_STILL_CLAUSE = (
    r"(?:(?:i'?m|i am|we'?re|we are) (?:not|nowhere near) |i (?:haven'?t|have not) )"
    # ("i haven't done much with images" admits inexperience: "done" takes "with" or "on")
    r"(?:quite |yet |really )?(?:(?:done|through)(?: (?:with|on) " + _WORK_PART + r")?|"
    r"(?:finished|covered everything)(?: (?:(?:with|on) )?" + _WORK_PART + r")?)"
    r"(?: (?:yet|here))?"
    r"|(?:there'?s|there is|i have|i'?ve got|i got) (?:a (?:bit|little|few things?) |something |"
    r"one (?:more )?(?:thing|point|piece|bit) )?(?:more|else)(?: to (?:add|say|come))?"
    r"(?: (?:on|about|for) " + _WORK_PART + r")?(?: coming)?"
    r"|more (?:(?:on|about|for) " + _WORK_PART + r" )?(?:coming|to come|in a (?:bit|"
    r"sec|second|moment|minute))"
    r"|let me (?:think|reflect) (?:about|through|over|on) "
    + _WORK_PART
    + r"(?: (?:for|in) "
    + _A_MOMENT
    + r")?|(?:give|allow) me "
    + _A_MOMENT
    + r"(?: to (?:finish|write|type|think)(?: [a-z'-]+){0,3})?|"
    + _A_MOMENT
    + r"|bear with me|(?:(?:i'?m|i am) )?still (?:typing|writing|thinking|going)"
    r"|(?:i'?m |i am )?typing (?:slowly|slow)"
)
STILL_AT_WORK = re.compile(
    r"^\W*(?:(?:sorry|hmm+|um+|uh+|oh|ok(?:ay)?|so|wait|hold on|hang on|actually)\W+)*(?:"
    + _STILL_CLAUSE
    + r")(?:\W+(?:(?:and|but|so) )?(?:"
    + _STILL_CLAUSE
    + r"))*(?:\W+(?:sorry|thanks|thank you|please))*\W*$"
)


def still_at_work(norm: str) -> bool:
    """The whole message says the candidate is still at work on the current part
    (`STILL_AT_WORK`, short messages only): the interviewer waits on the same stage."""
    return len(norm.split()) <= 16 and STILL_AT_WORK.match(norm) is not None


# "...where you'd begin": the interviewer's own starting point asked for (a hint, not a move)
YOUR_WAY_IN = re.compile(r"\bwhere (?:you'?d|you would|would you) (?:begin|start)\b")
# A question about the bot itself ("what model are you running on?", "are you GPT?"): chit-chat
# whatever stage word it uses
ABOUT_THE_BOT = re.compile(
    r"\b(?:what|which) (?:llm|model|ai) (?:are you|do you run|powers you)\b|\bare you (?:running|"
    r"built|based) on\b|\bare you (?:an ai|a bot|gpt|claude|human|a person|a real person)\b"
)


# The interviewer's opinion asked for: a hint when it is about the design, chit-chat if not.
OPINION = re.compile(
    r"^(?:(?:what|how) do you (?:think|feel)|do you think|would you (?:agree|go with|recommend|"
    r"use|pick|choose)|is it (?:ok|okay|fine|reasonable|a good idea) (?:if|to))\b"
)


# -- replies to the interviewer's open question -------------------------------------------

_POLAR_QUESTION = re.compile(
    r"^(?:(?!what|how|which|why|where|when|who)\w+[,.]?\s+){0,2}?(?:would|will|do|does|did|is|are|can|could|should|shall|have|has|"
    r"was|were)\s+(?:you|we|it|that|this|there|the|a|an|your)\b"
)
_MORE_QUESTION = re.compile(
    r"\b(?:anything|something|what) (?:else|more)\b|\bany(?:thing)? (?:other|further)\b|"
    r"\banything to add\b"
)
_NEGATIVE_REPLY = re.compile(r"^(?:no|nope|nah|not really|none|nothing)\b")


def asks_for_more(open_question: str | None) -> bool:
    """The interviewer's question invites more of the same ("Anything else?")."""
    return bool(open_question and _MORE_QUESTION.search(open_question.lower()))


def polar_reply(norm: str, open_question: str | None) -> bool:
    """A yes/no reply to the interviewer's yes/no question about the design."""
    if not open_question or asks_for_more(open_question):
        return False
    return bool(_POLAR_QUESTION.match(open_question.lower()) and POLAR_REPLY.match(norm))


def declines_more(norm: str, open_question: str | None) -> bool:
    """'No' to the interviewer's 'anything else?': done with this part."""
    return asks_for_more(open_question) and bool(_NEGATIVE_REPLY.match(norm))


# -- how a question relates to the sentences around it --------------------------------------

ANSWERS_ITSELF = re.compile(
    r"^(because|since|well,|simple|the answer|it'?s because|that'?s because|mainly because|"
    r"to (avoid|keep|make|catch|get)|yes|yeah|yep|yup|nope|nah|only|sure|definitely|"
    r"absolutely|never|of course|mostly|usually|it depends|depends|probably|unlikely|hardly|"
    # "It can't, so...", "We wouldn't:", "They do.": a pronoun and the question's auxiliary
    # alone, the question answered by ellipsis
    r"(?:it|they|we|that|this|i) (?:can(?:'?t|not)?|won'?t|wouldn'?t|doesn'?t|don'?t|isn'?t|"
    r"aren'?t|shouldn'?t|couldn'?t|does|do|is|are|would|should|will)(?=\s*(?:[,.;:!]|$| - ))|"
    # "no, ..." and "not if ..." answer; "no idea" and "not sure" leave the question open
    r"no(?! idea| clue)|not(?! sure| certain))\b"
)
# ...and, when the next sentence states rather than asks, an agreement or a number first
# ("Right, under-13 accounts stay out", "5B times 256-d is over a trillion FLOPs"); "right"
# is also a lead-in, so this is tested before lead-ins are stripped.
ANSWERS_STATED = re.compile(
    r"^(?:right|fair|exactly|correct|true)\b|^\d"
    # "20 ms of GPU per post? that fits": the candidate's own verdict on it
    r"|^(?:that|it|which)(?:'s| is)? (?:fits?|works?|holds?|fine|enough|plenty|doable)\b"
)
# a choice put to the interviewer: "X, or is it Y?", "what recall..., or is success framed..."
ALTERNATIVES = re.compile(
    r"^(?P<a>.+?),?\s+or\s+(?P<b>(?:is|are|do|does|can|could|will|would|should|what|how|which)"
    r"\b.+)$",
    re.I,
)
# "..., right?" / "..., yeah?": the candidate checks their own statement.
TAG_QUESTION = re.compile(r",\s*(?:right|yeah|yes|correct|no|ok|okay|isn'?t it|agreed)\s*\?+$")
# A sentence after a question that keeps it open: a condition on its answer.
CONDITIONAL = re.compile(r"^(?:if|unless|otherwise|assuming|in that case|either way|or)\b")
# ...or says why it is asked ("need it for position bias", "I'd want to know before...").
_MOTIVE = re.compile(
    r"^(?:i'?d |i |we'?d |we )?(?:really |just )?(?:want|need|like|would like|care|ask\w*|"
    r"wonder\w*|curious)\b"
)
ASSUMPTION = re.compile(
    r"\b(assum\w*|let'?s say|presumably|i'?d guess|my guess|i suppose|suppose|i'?ll take|"
    # "I'll treat users as logged in" assumes; "I'll treat it as ranking" frames the task
    r"i'?m going to take|we'?ll take|i'?ll treat(?! (?:it|this|the (?:problem|task)) as\b))\b"
)
SUPPORT_WORDS = 10
# "I'd assume we're at about a billion users", "my guess is most people just scroll": a guess
# said as a statement, opening the sentence; said unprompted, it asks the interviewer to
# confirm or correct it (see `guess_stated`)
_GUESS_LEAD = re.compile(
    r"^(?:(?:i'?d|i|i'?m|i'?ll|we'?d|we'?ll|i would|i will)\s+)?(?:assum\w*|guess\w*|suppose|"
    r"imagine|expect)\b|^(?:presumably|my (?:guess|assumption) is|i take it)\b|"
    r"^(?:i'?ll|i will|i'?m going to|i am going to) take it\b"
)


def guess_stated(snorm: str) -> bool:
    """A sentence that opens with a guess ("I'd assume...", "presumably...", "my guess is"),
    after any lead-in: when nobody asked for it, the candidate checks the guess."""
    return bool(_GUESS_LEAD.match(lead_stripped(snorm)))


# "That tells me how much calibration matters", "the rebuild schedule depends on that": what
# the answer to the question just asked will decide, pointed back to by "that"/"this"
_DECIDES_WHETHER = re.compile(
    r"^(?:that|this|the answer)(?:'ll| will|'d| would)? (?:decides?|determines?|settles?|tells? me)"
    r" (?:whether|if|how|which)\b"
)
_ANSWER_DECIDES = re.compile(
    r"^(?:that|this|the answer|your answer)(?:'ll| will|'d| would)?\s+(?:\w+\s+)?(?:tells?|"
    r"decides?|determines?|changes?|drives?|affects?|shapes?|settles?|dictates?)\b"
    r"|\b(?:depends?|hinges?|rests?) (?:up)?on (?:that|this|the answer)\W*$"
)


# the candidate's own voice: a subject in the first person or a modal ("I'd use...", "we can...")
_OWN_VOICE = re.compile(
    r"\b(?:i|i'?d|i'?ll|i'?m|i'?ve|we|we'?d|we'?ll|we'?re|let'?s|me|us)\b"
    r"|\b(?:would|will|should|could|might|can|must|want|need)\b"
)
RECAP_WORDS = 6  # content words a recap of what was just heard says at most


def recap_of(snorm: str) -> str | None:
    """What an acknowledgement restates ("OK, so no autoplay on the home grid" -> "no autoplay
    on the home grid"): a short statement after an acknowledgement, in no voice of the
    candidate's own (no "I'd", "we", modal); None for anything else."""
    m = ACK.match(snorm)
    if m is None or not m.group(0).strip() or _OWN_VOICE.search(snorm[m.end() :]):
        return None
    rest = snorm[m.end() :].strip(" .!;,")
    n = len(content_words(rest))
    return rest if 1 <= n <= RECAP_WORDS else None


# "You mentioned the survey before.", "you said earlier there's an old version": what the
# interviewer said, pointed back to for the question that follows
_POINTS_BACK = re.compile(
    r"^(?:you|you'?ve|you have)\s+(?:\w+\s+)?(?:mentioned|said|raised|brought up|noted|"
    r"talked about|told me)\b"
)


# A yes/no question put mid-answer ("Does the grid ever autoplay?") ...
_YES_NO_ASKED = re.compile(r"^(?:do|does|did|is|are|was|were|can|could|will|have|has)\b")
# ...marked as an aside to the interviewer ("..., by the way?")...
_ASIDE_MARK = re.compile(r"\b(?:by the way|btw|incidentally|out of curiosity)\b")
# ...or followed by the design's next step rather than a reply ("Then I'd blend the heads",
# "For training I'd weight..."): the candidate carries on and leaves the question open.
_NEXT_STEP = re.compile(
    r"^(?:then|after that|afterwards|from there|beyond that|on top of that|after which)\b|"
    r"^for (?:the )?\w+(?: \w+)?,? (?:i'?d|i would|we'?d|we would|i'?ll|we'?ll)\b"
)


def left_open(question: str, following: str) -> bool:
    """A yes/no question inside an answer that the candidate leaves for the interviewer: it
    is marked as an aside, or the next sentence goes on to the design's next step."""
    if not _YES_NO_ASKED.match(question):
        return False
    return bool(_ASIDE_MARK.search(question) or _NEXT_STEP.match(following))


# "I'm planning the review queue.", "Thinking about the feature pipeline now.": the part the
# candidate is working on, said as an activity under way in a few words, sets the scene for a
# question beside it
_AT_WORK_ON = re.compile(
    r"^(?:(?:ok(?:ay)?|so|right|now|alright)\W+)*(?:i'?m |i am )?(?:currently |now |still )?"
    r"(?:thinking|planning|sketching|working|looking|mulling|figuring|scoping)\b"
    # (a part of the task, "the review queue", not a proposal: "thinking about a two-tower")
    r"(?: (?:about|on|at|through|out|over))? (?:the|my|our|this) "
)
AT_WORK_WORDS = 8


def supports_question(snorm: str) -> bool:
    """A short sentence next to a question or request that says why it is asked or what the
    candidate assumes meanwhile, not design content ("need it for X", "I assume it's big",
    "that decides the loss")."""
    n = len(snorm.split())
    if ASSUMPTION.search(snorm) and n <= SUPPORT_WORDS + 4:
        return True
    # ("That decides whether I need a light first pass, which I suspect...": any length)
    if _ANSWER_DECIDES.search(snorm) and (n <= SUPPORT_WORDS + 4 or _DECIDES_WHETHER.match(snorm)):
        return True
    if _POINTS_BACK.match(lead_stripped(snorm)) and n <= SUPPORT_WORDS + 4:
        return True
    if _AT_WORK_ON.match(snorm) and n <= AT_WORK_WORDS:
        return True
    return n <= SUPPORT_WORDS and bool(_MOTIVE.search(snorm)) and not re.search(r"\d", snorm)


# "is that right?", "does that match what you see?", "correct?": confirm what was just said.
CONFIRMATION = re.compile(
    r"^(?:(?:is|does|would|will|can|could)\s+)?(?:that|this)\s+(?:\w+\s+){0,2}?(?:right|"
    r"correct|fair|ok|okay|reasonable|accurate|realistic|true|match\w*|sound\w*|hold\w*|"
    r"ballpark|the case)\b|^(?:that\s+)?(?:right|correct|fair|true|accurate|ok|okay|"
    r"reasonable|sounds? (?:good|right|ok)|makes sense)\W*$"
)


# "..., does that make sense?", "..., sound ok?", "...; would that be enough to start?",
# "..., wouldn't you agree?": a check closing a statement, after a comma, semicolon or dash
_CHECK_BODY = (
    # (a check of what was said: "that/this" and a word of judging; "can it be stale by an
    # hour?" and "is this for mobile users only?" ask about the problem)
    r"(?:(?:does|do|would|will|is|can|could) (?:that|this)(?: [\w']+){0,3}? (?:make sense|work|"
    r"be enough|enough|sound\w*|seem\w*|fine|ok(?:ay)?|reasonable|sensible|fair|right|hold up)"
    r"(?: [\w']+){0,4}|"
    r"sounds? \w+|(?:wouldn'?t|don'?t|would|do) you (?:agree|say so|think so)|"
    # "or is that window too short?", "are those steps too coarse?": a degree of what was just
    # proposed put in doubt
    r"(?:or )?(?:is|are|would|will) (?:that|this|these|those)(?: [\w'-]+){0,2}? (?:too|overly) "
    r"\w+(?: [\w']+){0,4}|"
    r"make sense|fair|ok(?:ay)?|right|yeah|no|agreed|sensible|reasonable)\s*\?+$"
)
_CHECK_TAIL = re.compile(r"(?:[,;]|\s[-–—])\s*" + _CHECK_BODY)
# ...or the check as a sentence of its own after the statement ("...index. Would that be
# enough to start?"; a semicolon ends a sentence too)
CHECK_ALONE = re.compile(r"^" + _CHECK_BODY)
# "which" opening a clause after a comma with a subject and verb of its own, not inverted
_RELATIVE_WHICH = re.compile(
    r"^which (?!(?:is|are|was|were|do|does|did|would|will|should|can|could|one|ones)\b)"
    # ...nor "which" and a noun before its verb: "which approach would you prefer?", "which
    # signal matters most?" ask (a pronoun there is the relative's subject: "which we cache")
    r"(?!(?!(?:i|we|you|it|they|he|she)\b)[a-z]+ (?:would|should|do|does|did|is|are|was|were|"
    r"will|can|could|might|may|\w+s)\b)"
)
RISING_WORDS = 8  # a proposal, not a terse ask ("peak QPS?", "two towers, then?")


def rising_statement(snorm: str) -> bool:
    """A statement said with a question mark, or closed by a check ("a light ranker on CPU,
    then the heavy model on GPU?", "reviewer decisions as labels, does that make sense?"): no
    clause of it is shaped like a question, and it is long enough to be a proposal. Said to
    the interviewer's question, it is an answer put tentatively, not a question; a guess
    said so ("I assume...?") still asks."""
    if not snorm.endswith("?"):
        return False
    body = _CHECK_TAIL.sub("", snorm).rstrip(" ?")
    if "?" in body or len(body.split()) < RISING_WORDS or ASSUMPTION.search(body):
        return False  # "...- I assume we get a couple of million a day?": a guess to check
    pieces = [question_core(p.strip()) for p in re.split(r"[,;:]|\s[-–—]\s", body) if p.strip()]
    return not any(
        (QUESTION_START.match(p) or EMBEDDED_QUESTION.match(p) or SUBORDINATE.match(p))
        # "..., which I think is the standard move": a relative clause after a comma, no question
        and not (k and _RELATIVE_WHICH.match(p))
        for k, p in enumerate(pieces)
    )


def echo_question(snorm: str) -> bool:
    """A short fragment said with a question mark and no question shape ("From the 1,500 or
    so unseen posts?", "300 ms at p99 for 50 results?"): the candidate restates a given of
    the interviewer's question before answering with it; shorter than a rising proposal
    (`rising_statement`), and no guess to check ("I assume millions?")."""
    if not snorm.endswith("?"):
        return False
    body = snorm.rstrip(" ?")
    if "?" in body or len(body.split()) >= RISING_WORDS or ASSUMPTION.search(body):
        return False
    core = question_core(body)
    return not (
        QUESTION_START.match(core) or EMBEDDED_QUESTION.match(core) or SUBORDINATE.match(core)
    )
