"""Detectors for the classic mistakes, worded however the candidate likes: features known only
after prediction time, the label used as a feature, a random split of time-ordered data,
accuracy as the metric on rare positives, noisy user reports taken as truth, automated actions
with no human check, launches on an offline number or a weekend test, a model never
refreshed, private or sensitive personal data put to use, a single click signal as the
objective, a classifier where retrieval is asked for. Each fires on an affirmed clause only
(the reader checks the polarity of the matched cue), so "split by time, not randomly" is not a flag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from app.knowledge.prefilter import required_keys


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
    # for a dismissal: what doubts it, when `DISMISSAL_DOUBTED` does not fit (it reads "never"
    # as a doubt, and "never retrain it" is the mistake itself)
    doubt: re.Pattern[str] | None = None
    # the sentence names the mistake to warn against it, anywhere in it: no flag
    warned: re.Pattern[str] | None = None
    # what the sentence piece goes on to say after the cue says it is about something else
    unless_after: re.Pattern[str] | None = None
    # strings one of which every match of `pattern` holds (`required_keys`): most sentences
    # hold none, and their search is skipped
    keys: tuple[str, ...] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "keys", required_keys(self.pattern))


# "I don't think a simpler model would be a waste", "if a baseline isn't worth it": the
# rejection doubted, or only a condition.
DISMISSAL_DOUBTED = re.compile(
    r"\b(?:don'?t|do not|wouldn'?t|would not) (?:think|say|agree|claim)|\bnot true\b|"
    r"\b(?:if|unless|whether)\b|\bnever\b"
)


# People split at random, with no training or test rows said to come of it, are the arms of an
# online experiment: "the real test: split users randomly, and the main number is watch time",
# "we test on randomly split users" (not "split users randomly into train and test", "80/20").
_PEOPLE_SPLIT_AT_RANDOM = (
    r"\b(?:(?:split|divid|assign|bucket|allocat)\w*(?: (?:the|our|all|live))? (?:users|people|"
    r"viewers|visitors|readers|members|customers|accounts|shoppers|players|listeners|subscribers|"
    r"households)|(?:users|people|viewers|visitors|readers|members|customers|accounts|shoppers) "
    r"(?:are |get |being )?(?:split|divided|assigned|bucketed|allocated))\b"
    r"(?![^.;]{0,50}\b(?:train\w*|test(?:ing)? (?:sets?|data|rows)|validation|held[- ]out|"
    r"hold-?out|\d+ ?/ ?\d+)\b)"
)
# Users split at random between two models is an online experiment, not a train/test split.
_EXPERIMENT = re.compile(
    _PEOPLE_SPLIT_AT_RANDOM + "|"
    r"\b(?:a/?b|a-b)(?: test\w*)?\b|\bexperiment\w*|\b(?:live|online) test|\bcontrol\b|"
    r"\btreatment\b|\b(?:old|new|current) (?:or|and|vs\.?|versus) (?:the )?(?:old|new|current)\b|"
    r"\b(?:old|new|current|two) models?\b|\bvariants?\b|\barms?\b|\btraffic\b|\bcanary\b|"
    r"\brollout\b|"
    # people sent to one of the systems compared: "assign 1% of users to the new ranker"
    r"\bto (?:the |our )?(?:new|current|old|existing|production|candidate|baseline) (?:ranker|"
    r"model|system|version|recommender|algorithm|embedding|index|feed|one)s?\b|"
    # work handed out to people at random: "posts are assigned at random to reviewers"
    r"\bto (?:the |our |a |each |different |human )?(?:reviewers?|annotators?|raters?|"
    r"label(?:l)?ers?|moderators?|judges?|graders?|experts?)\b"
)


# Shuffling the training examples to build mini-batches splits nothing off: "shuffling is fine
# inside the training window to build mini-batches".
_NOT_A_TEST_SPLIT = re.compile(
    _EXPERIMENT.pattern + r"|\bmini-?batch\w*|\b(?:before|for|into) batch(?:es|ing)\b|"
    # ("within each day's training data": whose training part it is may come between)
    r"\b(?:within|inside|in) (?:the |each |every )?(?:[\w-]+['’]s? )?(?:training|train) "
    r"(?:window|set|data|split|"
    r"period|portion|part|days?|weeks?|months?)\b|"
    # a random part of a picture cut out to make a training pair: "cut out a random 60% of it"
    r"\b(?:cut\w* out|crop\w*|augment\w*)\b"
)
# A group of people held out whole to see how the model does on people it never saw ("a random
# 1% of users is also held out to check we generalise to new users"): a cold-start check, said
# anywhere after the draw, not time-ordered rows shuffled.
_COLD_START_HOLDOUT = re.compile(
    r"\b(?:new|unseen|cold[- ]start|never[- ]seen) (?:users|accounts|members|viewers|customers|"
    r"people|advertisers|authors|creators)\b"
)


# The accuracy of people or of labels (annotators, raters, reviewers), or of the data's
# recording ("the accuracy of the logging itself"), is no model metric.
_HUMAN_ACCURACY = re.compile(
    r"\b(?:annotators?|raters?|reviewers?|label(?:l)?ers?|moderators?|humans?|human label\w*|"
    r"crowd\w*|vendors?|judges?|labels?|labell?ing)['’]?\s+accuracy\b|"
    r"\baccuracy of (?:the |our |each |every )?(?:human |crowd |vendor )?(?:labels?|annotat\w*|"
    r"raters?|reviewers?|label(?:l)?ers?|judg\w*|ratings?|moderators?)\b|"
    # (not "accuracy of the held-out logs": the model's accuracy measured on logs)
    r"\baccuracy of (?:the |our |its |their )?(?:logging|tracking|instrumentation|timestamps|"
    r"event counts|counters)\b"
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
    r"\b(?:the|each|every|an?) (?:incoming |new )?query (?:embedding|vector|image|photo|crop)s?\b|"
    # "each query gets compared...", "when a user opens the home page"
    r"^(?:[\w,]+ ){0,3}?(?:each|every) (?:single |incoming |new )?(?:request|query|search)\b|"
    r"\bwhen(?:ever)? (?:a|the|any|someone|somebody)(?: \w+)? (?:opens|loads|visits|refreshes|"
    r"searches)\b)"
)
_ITEMS = (
    r"(?:videos?|images?|items?|ads?|posts?|vectors?|embeddings?|products?|listings?|pictures?|"
    r"photos?|documents?|pins?|events?|people|users|accounts)"
)
_COLLECTION = r"(?:catalogue|catalog|corpus|inventory|collection|library|site|platform|index)"
_WHOLE = (
    r"(?P<cue>(?:entire|whole|full) " + _COLLECTION + r"|"
    r"(?:every|each|all)(?: single| one)?(?: of)?(?: the| our)? (?:\d[\d.,]*|one|two|three|four|"
    r"five|six|seven|eight|nine|ten|twenty|fifty|hundred|several|a few) ?(?:billion|million|"
    r"bn|b|m)\b|(?:every|each|all)(?: one)? of (?:the |our )?(?:billions|millions)\b|"
    r"every single (?:[\w-]+ ){0,2}?" + _ITEMS + r"\b|"
    # the collection's own items: "each of the platform's videos", "all of the catalogue's items"
    r"(?:every|each|all)(?: one)? of (?:the |our )?" + _COLLECTION + r"['’]s " + _ITEMS + r"\b|"
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
    r"embed(?:ded|ding)? (?:all|every|each)|"
    # training examples drawn from it: "negatives are sampled at random from the whole catalogue"
    r"negatives|(?<!no )sampl(?:e|es|ed|ing) (?:[\w-]+ ){0,3}?(?:from|across|out of))\b"
)


# Every user's output worked out once a day ahead and served from storage until the next run:
# "rank the whole feed once a night and cache it", "a batch job sorts every person's feed at
# 2am". A daily job over features, embeddings or the model itself, or one that an online step
# follows, is no such thing.
_DAILY = (
    # ...not a habit of the users ("the goal is people coming back daily"): the schedule of a job
    r"(?<!back )(?<!return )(?<!returns )(?<!returning )(?<!visit )(?<!visits )(?<!visiting )"
    r"(?:once (?:a|per|each) (?:day|night)|every (?:night|morning|day)|each (?:night|morning)|"
    r"nightly|overnight|(?:at|around|about|by|from) (?:roughly |about |around )?\d{1,2}(?::\d\d)? ?"
    r"(?:am|pm|a\.m\.?|p\.m\.?)|(?:at|around) midnight|"
    # "daily" of the schedule, not of a measure ("compare daily visits over time")
    r"daily(?! (?:active|users?|visits?|visitors?|volume|budget|traffic|dau|posts?|uploads?|"
    r"rates?|numbers?|counts?|metrics?|reach|impressions?|revenue|spend|cap)\b))"
)
_PREPARED = (
    r"(?:precomput\w*|rank\w*|sort\w*|scor\w*|order\w*|works? out|comput\w*|prepar\w*|"
    # the output put together: "the feed for every user is assembled overnight"
    r"predict\w*|assembl\w*|generat\w*|compil\w*)"
)
_KEPT_TILL_SERVED = (
    r"(?:\bcach\w*|\blook ?ups?\b|\blook (?:\w+ ){1,2}?up\b|"
    r"\bserv\w* (?:that|it|them|those|the stored)\b|\bstor\w*|"
    r"\b(?:each|every) (?:user|person|viewer|member)(?:'s)?\b|\beveryone(?:'s)?\b|"
    r"\bfor all users\b|\ball day\b|\buntil the next\b)"
)
_NOT_THE_OUTPUT = re.compile(
    # an input worked out ahead is no served output: "closeness between people: computed once a
    # night", "the slow signals are prepared nightly"
    r"\b(?:re)?train\w*|\bembedding\w*|\bfeatures?\b|\bcounters?\b|\baggregat\w*|"
    r"\binputs?\b|\bsignals?\b|\bstatistics\b|\baffinit(?:y|ies)\b|\bcloseness\b|"
    r"\bcandidate (?:pool|set)s?\b|\bindex\w*|\bper request\b|\bonline\b|"
    r"\bat request time\b|\breal[- ]?time\b|\bfallback\b"
)


# A sentence that names a mistake to rule it out, wherever it does so ("Rejected: training on
# private boards", "X is the failure mode I'd monitor for", "what we guard against", "X
# would be a mistake"). Not "never": the mistake itself says it ("removed and never
# reviewed").
_WARNED_AGAINST = re.compile(
    r"\b(?:reject\w*|rule[sd]? out|ruled out|guard\w* against|protect\w* against|"
    r"warn\w* against|failure mode|would be (?:a |the )?(?:mistake|wrong|bad|risky)|"
    r"(?:is|was) (?:a |the )?mistake|mistake to|anti-?pattern|suppose|"
    r"(?:sales|marketing|the pm|product|someone|a colleague|leadership) "
    r"(?:wants?|asks?|asked|suggest\w*|propos\w*))\b"
)

# People's own reports or flags (not the model flagging): "any post a user has flagged",
# "whatever users report".
_USER_FLAGS = (
    r"(?:(?:users?|members?|viewers?|people|somebody|someone|anyone|anybody|the crowd|"
    r"the community)(?: has| have| had)? (?:flag|report)\w*|user[- ](?:flag|report)\w*|"
    r"(?<!no )reports?\b|reported\b|flagged by (?:users?|people|viewers?|the community))"
)
# ...taken as the truth about the post: "goes into training as a positive", "we count as
# genuinely violating", "are the ground truth".
_AS_TRUTH = (
    r"(?:as (?:an? |the |our )?(?:[\w-]+ )?(?:positives?|ground[- ]truth|truth|harmful|"
    r"violating|violations?|bad)\b|count\w* (?:it |them )?as (?:\w+ )?(?:violating|harmful|"
    r"positives?|bad|true)\b|(?:is|are) (?:the |our )?(?:ground[- ]truth|truth|labels?)\b|"
    r"(?:label|mark|treat)\w* (?:it |them )?(?:as )?(?:harmful|violating|positive)\b|"
    # the reported post as the subject: "any post a user reported is a positive"
    r"(?:is|are|becomes?) (?:an? )?(?:positives?|positive (?:label|example)s?)\b)"
)
# Said of reports weighed, not believed: "a weak signal", "only to pick what reviewers see".
_REPORTS_WEIGHED = re.compile(
    r"\b(?:weak|noisy|signal|sampl\w*|prioriti\w*|queue\w*|triage|review\w*|verif\w*|"
    r"confirm\w*|checked|audit\w*|upheld|after)\b"
)

# An adverb that keeps a choice while conceding something ("accuracy is still the metric",
# "is really what we'd report"): the copula's choice stands.
_STANCE_ADVERB = r"(?:(?:still|also|really|ultimately|simply|basically|definitely|just) )?"

# Something taken down or banned by the system ("gets deleted", "taken down", "removed"), and
# no person in the loop said in the same sentence.
_REMOVAL = (
    r"(?:delet\w*|remov\w*|tak(?:en|es?|ing) (?:it |them )?down|took (?:it |them )?down|"
    r"ban(?:s|ned|ning)?|block\w*|suspend\w*|pull\w* (?:it |them )?down)"
)
_NO_HUMAN = (
    r"(?:no (?:human|person|one|reviewer|moderator|people)s?\b[^.;]{0,20}?\b(?:looks?|checks?|"
    r"reviews?|sees?|involved|in the loop|confirms?)|no (?:human|manual) (?:review|check|"
    r"oversight|step)|(?:nobody|no one|no-one)\b[^.;]{0,15}?\b(?:looks?|checks?|reviews?|sees?|"
    r"confirms?)|without (?:any )?(?:human|manual|people|a person|a reviewer|review|"
    r"moderator)|(?:fully|purely|completely|entirely) automatic\w*|on its own\b|by itself\b|"
    r"(?:reviewers?|moderators?|humans?|people) (?:would |will )?(?:only |just )?slow|"
    r"on the spot\b|no (?:queue|notice|notification)s?\b|"
    # final, with no way back: "taken down and that's the end of it", "no questions asked"
    r"(?:that's|that is) the end of (?:it|the matter|the story)|end of story|"
    r"no questions asked|no second look)"
)
# ...unless what is taken down goes to people or can be contested after all.
_HUMAN_AFTER_ALL = re.compile(
    r"(?<!\bno )(?<!\bwithout )(?<!\bwithout a )(?<!\bwithout any )"
    r"\b(?:appeal\w*|notice|notif\w*|queue|band|review queue)\b|"
    # ...or only copies of what was already judged are taken down: "only exact matches against
    # known illegal material are taken down without a person"
    r"\bonly (?:[\w-]+ ){0,3}?(?:exact|known|hash\w*|verbatim|identical|near-identical|"
    r"fingerprint\w*|re-?uploads?)\b|"
    # ...or taking down without a person is what a bar of quality is set for: "how many it caught
    # while right 95 times in 100, since that was our bar for removing without a person", "the
    # standard for taking posts down unreviewed is 99% precision" (a bar, not one score cut-off)
    r"\b(?:bar|standard|requirement|precision (?:target|floor))s? (?:[\w-]+ ){0,2}?for (?:[\w-]+ )?"
    + _REMOVAL
    # ...or its scope is restricted to the confident end: "taken down without review only above
    # a threshold where the model is almost never wrong"
    + r"|\bonly (?:above|over|beyond|past) (?:an? |the |its |our )?(?:[\w-]+ )?(?:bar|threshold|"
    r"cut-?off|line|confidence|precision)\b"
)

# A launch decided on a number read off logged data: "once its offline AUC clears the current
# ranker, flip it on for all users", "if it beats production on last month's logs, switch
# everyone over".
_OFFLINE_NUMBER = (
    r"(?:offline|auc|logloss|log loss|ndcg|held[- ]out|holdout|backtest\w*|historical|"
    r"last \w+['’]s logs|logged data|the logs|yesterday['’]s logs|"
    # an offline measure by name ("once recall at fifty on the graded pairs beats the old
    # descriptors") or a comparison with what runs now, made before any online test is named
    # ("if those beat production, release it to the whole user base")
    r"recall|precision|cross-entropy|graded (?:pairs|set)|test set|validation set|"
    r"beats? (?:production|prod)|(?:beats?|tops?|clears?) the (?:current|production|old) "
    r"(?:one|model|ranker|classifier|system|version))"
)
_PUSHED_MODEL = (
    r"(?:it|them|the (?:new |updated |retrained )?"
    r"(?:model|ranker|classifier|version|recommender)s?)"
)
_LAUNCH = (
    r"(?:ship\w*|launch\w*|roll\w* (?:it |them )?out|flip\w*|switch\w*|deploy\w*|"
    r"turn\w* (?:it )?on|replace\w*|go live|put (?:it )?live|releas\w*|"
    # "push it to everyone", not "what we push to reviewers" or "push to the feature store"
    r"push\w* (?:" + _PUSHED_MODEL + r" )?(?:out|live)\b|push\w* " + _PUSHED_MODEL + r" to\b|"
    r"swap\w* (?:it |them )?in)"
)
_TO_EVERYONE = (
    r"(?:(?:for|to|over) (?:all|every|100 ?%)\b(?: of)?(?: (?:our|the))?(?: \w+)?|"
    r"(?:the )?whole (?:user ?base|audience|population|site|platform)\b|"
    r"(?:all|every) (?:users?|members?|viewers?|traffic)\b|everyone\b|everybody\b|"
    r"straight away|right away|immediately|directly|same (?:day|afternoon|morning|evening)|"
    r"that (?:day|afternoon)|(?:on|from) (?:that|the (?:offline )?(?:number|metric|gain)) alone)"
)
# ("roll the new model out": the launch verb and its particle around the object)
_LAUNCH_TO_ALL = r"(?:" + _LAUNCH + r"|roll\w* (?:[\w-]+ ){1,3}?out)"
_NO_TURN = r"(?:(?!\b(?:but|however|yet|whereas|only|until|unless|instead)\b)[^.;])"
_ONLINE_CHECK = re.compile(
    r"\b(?:a/?b|a-b)\b|\bexperiment\w*|\bonline (?:test|metric|evaluation)|\bcanary|\bgradual\w*|"
    r"\bstaged\b|\bramp\w*|\bholdback|\bshadow|\binterleav\w*|\bslice of (?:users|traffic)|"
    r"\bper ?cent of (?:users|traffic)"
)

# An online test judged after a day or a weekend: "run the experiment over one weekend; if
# click-through rises, we roll it out".
_SHORT_SPAN = (
    r"(?:(?:one|a|the|a single|this|next) weekend|(?:one|a|a single|1) (?:day|afternoon|"
    r"evening|night)|(?:two|2|a couple of|a few|few) (?:days|hours)|\d+ hours|"
    r"(?:a |one )?saturday and sunday|24 hours|48 hours|overnight|"
    # spelled out: "forty-eight hours", "twenty four hours"
    r"(?:twelve|twenty[- ]four|thirty[- ]six|forty[- ]eight) hours)"
)
_TEST_RUN = (
    r"(?:a/?b|a-b|experiment|test|trial|split test|bucket|"
    # "switch it on for a slice of users over one afternoon": a test in plain words
    r"(?:slice|share|sample|group|fraction|portion|subset) of (?:the )?(?:users|people|"
    r"traffic|viewers))"
)

# The model trained once and kept as it is: "we train it once and keep it forever", "the
# encoder stays frozen after launch", "never re-embed the catalogue".
_KEPT_AS_IS = (
    r"(?P<cue>train\w* (?:it |them |the \w+ (?:model |encoder )?)?(?:just )?(?:once|one time)\b"
    r"(?! (?:a|an|per|every|each) )|keep (?:it|them|the \w+) (?:forever|for good|"
    r"as (?:it is|is))|"
    r"(?:stays?|remains?|kept|left|is|are) (?:frozen|fixed|untouched|unchanged|as is) "
    r"(?:forever|for good|after (?:launch|release|deployment)|from then on|permanently|"
    r"indefinitely|once (?:it'?s |it is )?(?:live|deployed|launched|shipped))|"
    r"(?:freeze|froze|frozen)\w* (?:it |them |the \w+ )?(?:forever|for good|after (?:launch|"
    r"release|deployment)|permanently)|(?:leave|leaving|left) (?:the |our )?(?:model|encoder|"
    r"classifier|ranker|embeddings?) alone|"
    # "once the model is trained at launch we leave it alone"
    r"(?:trained|fitted|built|shipped|deployed|launched) (?:[\w'’-]+ ){0,5}?(?:we |i )?"
    r"(?:'ll |will |would |'d |just |simply )?(?:leave|leaving|left) (?:it|them) alone|"
    # "the embedding model ships once and stays as it is"
    r"(?:ship|deploy|launch|releas|train|fitt?)\w* (?:just |only )?once,? and (?:then )?"
    r"(?:stays?|remains?|is (?:left|kept)) (?:as (?:it is|is)|the same|unchanged|frozen|untouched)|"
    # a plan's heading with no refresh as its value: "Retraining: none"
    r"\b(?:re-?train\w*|refresh\w*|model updates?)\s*:\s*(?:none|never|not planned|n/a)\b)"
)
_NEVER_REFRESHED = (
    r"(?:\bnever|no need to|(?:don['’]?t|do not|won['’]?t|will not) (?:ever )?need to) "
    r"(?:re-?train|refresh|re-?embed|update|retouch|re-?fit)\w*(?: (?:it|them|(?:the|our) "
    r"[\w-]+(?: [\w-]+)?))?(?= *(?:[,.;:!—–-]|$|again\b|after\b|once\b|later\b|since\b|"
    r"because\b|as\b))"
)

# The bank's wording of that mistake, which both detectors of it flag.
_NEVER_REFRESHED_FLAG = re.compile(r"(?i)\bonce and never refresh|never (?:refresh|retrain)")

# Personal data people kept private, or asked not to be used: private messages or boards,
# content hidden from the viewer, a history the user paused or switched off.
_PRIVATE_DATA = (
    r"(?:private (?:messages?|chats?|conversations?|boards?|posts?|photos?|images?|"
    r"pins?|content|albums?|groups?|history|data|notes?)|secret boards?|direct messages?|\bdms\b|"
    r"(?:boards?|posts?|images?|photos?|content) (?:that )?only (?:they|the owner|its owner|"
    r"their owner|the author) can see|(?:marked|set|kept) (?:as )?(?:hidden|private|secret)|"
    r"hidden (?:boards?|pins?|images?|photos?|posts?)|not allowed to see|"
    # "pins people keep only for themselves", "boards users save just for themselves"
    r"(?:boards?|pins?|posts?|images?|photos?|pictures?|videos?|content|collections?)(?: that| "
    r"which)? (?:people|users|members|they|owners?|the owner|someone) (?:keep|kept|keeps|save|"
    r"saved|saves)(?: \w+)? (?:only |just )?(?:to|for) (?:themselves|himself|herself)|"
    r"(?:paused|deleted|cleared|switch(?:ed|es)? off|turn(?:ed|s)? off|disabled) (?:their |the "
    r"|his |her )?(?:watch |search |viewing )?history(?: tracking)?|history (?:tracking )?"
    r"(?:is |was |gets |got |has been )?(?:paused|deleted|switched off|turned off|off)|"
    r"(?:switch(?:es|ed)?|turn(?:s|ed)?) "
    r"(?:their |the )?(?:watch |search |viewing )?history(?: tracking)? off)"
)
# ...put to use, in the same sentence.
_USED = (
    # ("feed" the verb, not the news feed: "the feed ranker has no access to them")
    r"(?:\b(?:use[sd]?|using|add(?:s|ed|ing)?|includ\w*|(?<!the )(?<!news )(?<!home )"
    r"(?<!our )feed(?:s|ing)?|fed|train\w*|index\w*|"
    r"min(?:e|es|ing)|fold\w* in|pull\w* in|bring\w* in|scrap(?:e|es|ed|ing)|harvest\w*|"
    r"keep\w* (?:using|feeding)|read(?:s|ing)?|"
    r"scan\w*|learn(?:s|ed|ing)? from|extract\w*)\b|\bas (?:a |an )?(?:features?|signals?|"
    r"inputs?)\b|"
    # left where the model learns from: "views recorded while it is paused stay in those tables"
    r"\b(?:stay|stays|remain|remains) in (?:the |those |these |our |its |their )?(?:training|"
    r"tables?|data\w*|logs?|features?|index|corpus)\b)"
)
_PRIVACY_KEPT = re.compile(
    r"\b(?:exclud\w*|respect\w*|honou?r\w*|except|only public|public only|opt\w* in|"
    r"don['’]?t|won['’]?t|can['’]?t|cannot|no|"
    r"consent\w*|filter\w* out|drop\w*|remov\w*|skip\w*|leave out|left out|kept out|"
    r"off limits|never|not)\b|"
    # taken out of what is built, said as the data going: "a pin that moves to a secret board
    # leaves the index within the hour", "disappears from results"
    r"\b(?:leav(?:es|ing)|leave|disappears?|disappearing|vanish\w*|purg\w*|eras\w*) "
    r"(?:from )?(?:the |our |all )?(?:index\w*|results?|train\w*|features?|corpus|data\w*|"
    r"model|logs?)\b"
)
# ...or the sentence says the user's choice is kept, anywhere in it ("a paused history is
# always respected, including by the training pipeline").
_PRIVACY_RESPECTED = re.compile(
    _WARNED_AGAINST.pattern + r"|\b(?:respect\w*|honou?r\w*|exclud\w*|consent\w*|no access)\b|"
    # the data the object of a removal verb: "drop every account whose history is paused, ...
    # from training"
    r"\b(?:drop|remov|purg|strip|filter\w* out|delet\w* from)\w*\b[^.;]{0,60}?"
    + _PRIVATE_DATA
    + r"|"
    # said to be out of what is built: "anything on a secret board is out, both from training
    # and from the index", "private chats are out of the features"
    r"\b(?:is|are|stays?) out(?=\s*,?\s*(?:both\s+|either\s+)?(?:of|from)\s+(?:the\s+)?"
    r"(?:index\w*|train\w*|features?|inputs?|data\w*|model|corpus|logs?)\b)|"
    # ...or taken out of it: "is purged from the training data", "erases it from the index"
    r"\b(?:(?:is|are|gets?|get)\s+(?:\w+ly\s+)?(?:purged|erased|removed|deleted|stripped|"
    r"scrubbed|wiped|dropped|excluded|withheld)|(?:purg|eras|remov|delet|strip|scrub|wip|drop)\w*"
    r"\s+(?:it|them|those|this|that))\s+(?:out\s+)?(?:of|from)\s+(?:the\s+|our\s+|all\s+)?"
    r"(?:index\w*|train\w*|features?|inputs?|data\w*|model|corpus|logs?)\b|"
    # ...or what a check screens the data for: "the index is checked for secret boards nightly",
    # "every batch is screened against the paused-history flag"
    r"\b(?:check|screen|vett|audit)\w*\s+(?:\w+\s+){0,2}?(?:against|for)\s+(?:[\w'’-]+\s+){0,4}?"
    + _PRIVATE_DATA
)
# Sensitive attributes guessed or used: "guess each user's religion and medical conditions".
# Several labels per item allowed: not a single-label softmax.
_SEVERAL_LABELS = re.compile(
    r"\b(?:sigmoids?|multi-?label|independent|several|multiple|more than one|per (?:policy|"
    r"category|class|label)|each (?:policy|category|class|label))\b"
)
_SENSITIVE = (
    r"(?P<cue>religio\w*|health|medical|diagnos\w*|illness\w*|sexual orientation|sexuality|"
    r"ethnicit\w*|race|political (?:views?|leaning|affiliation)|pregnan\w*)"
)

# One click signal as the whole objective: "the target is simply whether the thumbnail gets
# tapped", "the one and only target is whether the viewer taps".
_CLICK = (
    r"(?:taps?|tapped|tapping|clicks?|clicked|clicking|ctr|click-?through(?: rate)?|"
    r"click probability)"
)
_ONLY = r"(?:only|solely|purely|simply|just|exclusively)"

# A classifier over product types whose predicted class is served as the results: "return
# other images sharing the top predicted label", "answer a search with pins of that type".
_SERVE_VERB = r"(?:return\w*|show\w*|answer\w*|serv\w*|retriev\w*|fetch\w*|respond\w*|surfac\w*)"
_SAME_CLASS = (
    r"(?:same|that|this|sharing|predicted|matching|top) (?:[\w-]+ ){0,2}?(?:type|class|"
    r"category|label|categories|classes)\b"
)
_BY_SIMILARITY = re.compile(
    r"\b(?:embed\w*|nearest|neighbou?rs?|similar\w*|cosine|distance|vectors?|re-?rank\w*|"
    r"filter\w*)\b"
)


# Pixel values fed as they are to a model family that sees each one as a column of its own:
# "fit a random forest on the flattened RGB values", "XGBoost over the raw pixels".
_PIXEL_VALUES = (
    r"(?:(?:raw|flattened|individual|plain) )?(?:pixels?(?: values| intensities)?|"
    r"rgb(?: values)?)"
)
# ...named as the input itself: not "metadata, not pixels", "rather than raw pixels", nor "the
# pixel count" (a number about the image, not its pixels).
_PIXEL_INPUT = (
    r"(?<!\bnot )(?<!\bno )(?<!\bthan )(?<!\binstead of )(?<!\bwithout )"
    + _PIXEL_VALUES
    + r"(?! (?:count|size|dimension|resolution|width|height|density)s?\b)"
)
_NO_SPATIAL_FAMILY = (
    r"(?:random forests?|forests?|(?:gradient[- ])?boosted (?:decision )?trees?|xgboost|lightgbm|"
    r"gbdts?|decision trees?|logistic regressions?|linear (?:models?|regressions?|classifiers?)|"
    r"svms?)"
)
# ...unless a network that reads images comes first: "trees over the CNN's pixel embeddings".
_SPATIAL_MODEL = re.compile(
    r"\b(?:cnns?|convolution\w*|vision transformers?|vits?|resnets?|efficientnets?|backbones?|"
    r"image encoders?|embedd\w*)\b"
)

# A ranked list judged by clicks or taps on its first result alone: "one number: the share of
# searches where the number-one image gets a tap", "how often the single top result gets
# clicked".
_TOP_SLOT = (
    r"(?:(?:single )?top|first|number[- ]one|#1|leading) (?:result|image|item|video|slot|hit|"
    r"position|match|picture|pin|tile)s?"
)
# (not the cue's own words: the "rate" of "click-through rate", the "number" of "number-one")
_MEASURED_BY = (
    r"\b(?:measur\w*|metrics?|number(?![- ]one\b)|scor\w*|judg\w*|evaluat\w*|success|track\w*|"
    r"kpis?|how often|share of|(?<!click-through )(?<!click )(?<!tap )rate)\b"
)
_WHOLE_LIST_JUDGED = re.compile(
    r"\b(?:ndcg|precision|recall|mrr|mean average precision|whole (?:list|page)|rest of the|"
    r"position bias|graded)\b"
)


# Not clicked, before or after the item: "unclicked", "non-clicked", "without a click".
_UNCLICKED = r"\b(?:un|non-?)click(?:ed)?\b|\bwithout (?:a |any )?(?:click|tap)s?\b"
_SHOWN_ITEM = (
    r"(?:tiles?|videos?|items?|thumbnails?|results?|slots?|impressions?|recommendations?|"
    r"posts?|images?|pins?)\b"
)
# ...an unclicked item that was seen, or whose place is used, is a fair negative ("every
# unclicked tile above the last click", "items the user scrolled past on screen")
_SEEN_OR_PLACED = re.compile(
    r"\b(?:saw|seen|view(?:ed)?|examined|scrolled past|on[- ]screen|in view|above (?:the|a) "
    r"(?:last )?click\w*|position\w*|propensit\w*|skip-above)\b"
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
            # (not something judged a bad label: "reports are a poor label, ..., so they serve
            # as a feature" keeps them out of the labels)
            r"(?<!poor )(?<!weak )(?<!noisy )(?<!bad )(?<!unreliable )(?<!lousy )"
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
            r"watches|completes|clicks|likes|buys|rates|finishes)\b|"
            # "the watch time of the very impression we're scoring"
            r"\b(?:watch time|dwell time|time spent|completion|clicks?|likes?|rating|outcome) "
            r"(?:of|on) (?P<cue3>(?:the|this|that) (?:very )?(?:impression|video|item|ad|post|"
            r"listing|image|pin|event)s? (?:that )?(?:we'?re|we are|being|is being|are being) "
            r"(?:scor|rank|predict|recommend|show|serv)\w*)"
        ),
        "uses what the user does with the item being scored as an input",
    ),
    Detector(
        "gen-data-random-split-leakage",
        re.compile(
            # (not the training examples or batches shuffled among themselves, when nothing
            # is split or held out after: "we shuffle the training examples within each day",
            # "shuffle only within the training days")
            r"(?P<cue>shuffl\w*|pool(?:ed|ing)?)\b(?!\s+(?:(?:only|just)\s+(?:within|inside|"
            r"among)\s+|(?:within|inside|among)\s+)?(?:the\s+|each\s+)?(?:(?:training|train)\s+"
            r"(?:examples|batches|rows|samples|data|days|weeks|months|period|window|set)|"
            r"(?:mini-?)?batches)\b"
            r"(?![^.;]*\b(?:split|hold out|holdout|test|testing)\b))"
            # ("hold back" is "hold out": "shuffle ..., hold back a tenth to test on")
            r"[^.;]{0,80}?\b(?:split|hold out|holdout|hold back|"
            r"test set|test data|testing|train)|\b(?:split|assign|divide|hold)\w*\b"
            # (a split said to be by time is that split: "split by time: test on a later
            # period, plus the random-review set")
            r"(?! by (?:time|date|day|week|month))[^.;]{0,60}?\b"
            r"(?P<cue2>random(?:ly)?|at random)" + _NOT_A_SPLIT + r"|"
            r"(?P<cue3>random(?:ly)?) (?:hold(?:ing)? (?:out|back)|split|assign|"
            # a split named by its shares: "the random 80/10/10 shuffle", "a random 90/10"
            r"\d{1,2}/\d{1,2}(?:/\d{1,2})?\b|"
            # (not a share of the negatives kept: "a random 10% of the non-clicks")
            r"\d+ ?%(?! of (?:the |all |our )?(?:non-?[a-z]+|negatives?|negative [a-z]+|"
            r"unclicked [a-z]+)\b)|"
            # "randomly put 20% aside as the test set"
            r"(?:put|set|keep|take|leave)\w* (?:[\w%]+ ){0,3}?(?:aside|apart)|"
            # a share named by its fraction: "set aside a random fifth of it to test on"
            r"(?:half|third|quarter|fifth|tenth|twentieth|hundredth)\b[^.;]{0,40}?\b(?:to test|"
            r"test (?:on|with|against)|for testing|as (?:the |a |our )?test)\b|"
            # a test set drawn at random and the model trained on what is left of the same pool:
            # "randomly pick 10% of all impressions as the test set and train on the rest"
            r"(?:pick|select|sampl|choos|draw|take|grab)\w* [^.;]{0,80}?\b(?:test|held-out|"
            r"holdout|validation|evaluation|eval)\b[^.;]{0,40}?\btrain\w* (?:on|with) (?:the |"
            r"all the )?(?:rest|remain\w*|others?)\b|"
            # a share of the pool drawn as the test set: "randomly sample 10% of the month's
            # impressions as the test set"
            r"(?:pick|select|sampl|choos|draw|take|grab)\w* (?:\d+ ?%|\d+ percent|a (?:tenth|fifth|"
            r"quarter|third|half)) of [^.;]{0,50}?\bas (?:the |a |our )?(?:test|held-out|holdout|"
            r"validation|evaluation)\b)|"
            # "pull a random fifth of the rows out ... and train on the rest"
            r"(?P<cue4>random) (?:fifth|tenth|quarter|third|half|share|slice|portion|fraction|"
            r"chunk|subset|sample|\d+ ?%|\d+ percent)\b[^.;]{0,80}?\btrain\w* (?:on|with) "
            r"(?:the |all the )?(?:rest|remain\w*|others?)\b|"
            # the test rows taken whatever their date: "..., whatever day they're from"
            r"^(?=[^.;]*\b(?:test\w*|held[- ]out|holdout|validation)\b)[^.;]*?\b(?P<cue5>"
            r"(?:whatever|whichever|no matter (?:what|which)|regardless of (?:the |what |which )?)"
            r"(?:day|date|week|month|time)s?)\b"
        ),
        "splits time-ordered data at random",
        unless=_NOT_A_TEST_SPLIT,
        unless_after=_COLD_START_HOLDOUT,
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
        unless_after=_COLD_START_HOLDOUT,
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
            r"\b(?:would|will|'d|'ll) (?:only |just |simply )?(?:waste|be (?:a )?wast\w*|lose))|"
            # "skip any simple version", "no need for a simpler model"
            r"\b(?:skip\w*|no need for|(?:don'?t|do not) bother with) (?:any |a |the )?"
            r"(?P<cue2>(?:simple|simpler|smaller|basic|plain) (?:model|version|approach|network|"
            r"baseline)s?)\b"
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
            r"report|optimi[sz]e (?:for)?|judge|look at)\b"
            + _IN_SENTENCE
            + r"{0,50}?\b(?P<cue>accuracy)\b|"
            # with up to three words qualifying the metric ("as the main model selection
            # metric", "is our primary offline measure")
            r"\b(?P<cue2>accuracy)\b[^.;]{0,40}?\b(?:as (?:the|our|my) "
            r"(?:[\w-]+ ){0,3}?(?:metric|criterion|yardstick|measure|kpi)|"
            # ("as our main number"; a bare "as the number that ..." may be argued about)
            r"as (?:the|our|my) (?:[\w-]+ ){1,3}?number|is " + _STANCE_ADVERB + r"(?:the|our|my) "
            r"(?:[\w-]+ ){0,3}?(?:metric|measure|number)|"
            # a pseudo-cleft: "overall accuracy is what I'd report"
            r"is "
            + _STANCE_ADVERB
            + r"what (?:i|we)(?:'d| would|'ll| will)? (?:report|use|track|show|optimi[sz]e|"
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
            r"\b(?:score|judge|measure|evaluate|report|look at|metric|number|count|tally)\b"
            r"[^.;]{0,40}?"
            r"(?P<cue4>(?:how often|(?:the )?(?:share|fraction|percentage|proportion|number) of "
            r"(?:all )?(?:the )?(?:posts|examples|items|ads|impressions|images|videos|cases|"
            r"predictions|rows|showings|views|requests|searches|queries|sessions|pairs|times))"
            r"[^.;]{0,10}? (?:the model|it|we) (?:gets?|classif\w*|label\w*|"
            r"predicts?|guess\w*|calls?))\b[^.;]{0,30}?\b(?:right|correct(?:ly)?)|"
            # the adverb first: "how often it correctly says she won't click"
            r"\b(?:score|judge|measure|evaluate|report|look at|metric|number|count|tally)\b"
            r"[^.;]{0,40}?"
            r"(?P<cue8>how often (?:the model|it|we) (?:correctly|rightly|accurately) "
            r"(?:says|predicts|guesses|calls|labels|classifies|tells))\b|"
            # "the number I'd put on the dashboard is how many predictions land on the right
            # side of 0.5": the share of predictions that are right, in other words
            r"\b(?:score|judge|measure|evaluate|report|dashboard|metric|number)\b[^.;]{0,50}?"
            # (a guess qualified on its way: "how many of its yes-or-no guesses about a click
            # turn out right")
            r"(?P<cue5>how many (?:of (?:the |our |its |their |the model's )?)?(?:[\w-]+ )?"
            r"(?:predictions|guesses|calls|answers|posts|examples|items|ads|impressions|images|"
            r"videos|cases|rows)(?: (?:about|on|for|of)(?: [\w-]+){1,2}?)? (?:land|fall|end up|"
            r"come out|turn out|are)\b)"
            r"[^.;]{0,20}?\b(?:right|correct(?:ly)?))|"
            # the share of items where its verdict matches the labels: "the number on the
            # dashboard is the share of posts where the classifier's verdict matches the
            # moderators'" (of all of them: not "of flagged posts", precision)
            r"\b(?:score|judge|measure|evaluate|report|dashboard|metric|number)\b[^.;]{0,50}?"
            r"(?P<cue11>(?:share|fraction|percentage|proportion|number) of (?:all )?(?:the )?"
            r"(?:posts|examples|items|ads|impressions|images|videos|cases|rows) (?:where|on which|"
            r"for which|in which) (?:the |its |their )?(?:[\w'’-]+ )?(?:verdicts?|predictions?|"
            r"guess(?:es)?|calls?|labels?|answers?|outputs?|decisions?) (?:matches|match|agrees?|"
            r"lines? up|coincides?))\b|"
            # ...or the same share named as a noun phrase, the adjective before the noun: "the
            # headline number is the fraction of correct click predictions"
            r"\b(?:score|judge|measure|evaluate|report|dashboard|metric|number|headline)\b"
            r"[^.;]{0,50}?\b(?P<cue12>(?:share|fraction|percentage|proportion) of "
            r"(?:correct|right) (?:[\w-]+ ){0,2}?(?:predictions|guesses|calls|answers|"
            r"classifications|"
            r"decisions|verdicts))\b|"
            # a bar of agreement with the labels on nearly every example: "agree with the
            # reviewers on almost every post, say 995 in a thousand", "98 out of 100 right"
            r"\b(?P<cue10>agree\w*) with (?:the |our )?(?:reviewers?|labels?|raters?|annotators?|"
            r"ground[- ]truth)\b[^.;]{0,40}?\b(?:(?:almost|nearly|practically) (?:every|all)|"
            r"\d[\d,.]* (?:out of|in) (?:a |one )?(?:100|hundred|1,?000|thousand)|"
            r"\d[\d.]* ?(?:%|percent))|"
            r"\b(?:gets?|got|calls?|labels?|classif\w*) (?:about |around |roughly )?"
            r"(?P<cue9>\d[\d,.]* (?:out of|in) (?:a |one |every )?(?:100|hundred|1,?000|thousand))"
            r" (?:\w+ )?(?:right|correct(?:ly)?)\b"
        ),
        "uses accuracy although positives are rare",
        unless=_HUMAN_ACCURACY,
    ),
    Detector(
        "gen-model-wrong-family",
        re.compile(
            # a flat feature vector or table laid out as a picture: "a convolutional network over
            # the raw feature vector laid out as an image"
            r"(?P<cue>convolution(?:al|s)?|cnns?)\b[^.;]{0,60}?\b(?:feature (?:vectors?|tables?|"
            r"rows?|columns?)|tables?|tabular|features)\b[^.;]{0,40}?\b(?:as|like|into) "
            r"(?:an? |one )?(?:image|picture|grid)s?\b"
        ),
        "a convolutional network over a flat feature table treated as an image",
    ),
    Detector(
        "problem-list-judged-per-item",
        re.compile(
            # a ranked list scored by whether one result is right: "top-1 correctness", "whether
            # the first result is right or wrong"
            r"\b(?P<cue>top-?1 (?:correctness|accuracy|hit rate)|(?:first|top) (?:result|hit|item|"
            r"image|video|match)e?s? (?:is |was |comes back )?(?:right|correct) or (?:wrong|not|"
            r"incorrect))\b"
        ),
        "judges a ranked list by whether one result is right",
        criterion_text=re.compile(r"(?i)accuracy (?:instead of|rather than)"),
        warned=_WARNED_AGAINST,
    ),
    Detector(
        "problem-raw-pixels",
        re.compile(
            r"\b(?P<cue>" + _NO_SPATIAL_FAMILY + r")\b[^.;]{0,60}?\b" + _PIXEL_INPUT + r"\b|"
            r"\b" + _PIXEL_INPUT + r"\b[^.;]{0,60}?\b(?P<cue2>" + _NO_SPATIAL_FAMILY + r")\b"
        ),
        "feeds raw pixel values to a model that cannot see where they sit",
        unless=_SPATIAL_MODEL,
        criterion_text=re.compile(r"(?i)raw pixel values"),
        warned=_WARNED_AGAINST,
    ),
    Detector(
        "problem-top-result-clicks",
        re.compile(
            r"^(?=.*" + _MEASURED_BY + r").*?(?:\b(?P<cue>clicks?|taps?|click-through(?: rate)?|"
            r"ctr|click rate|tap rate)\b[^.;]{0,20}?\b(?:on|of|for|at) (?:the )?"
            + _TOP_SLOT
            + r"\b|"
            r"\b(?P<cue2>" + _TOP_SLOT + r")\b[^.;]{0,20}?\b(?:gets?|got|is|was|receives?) "
            r"(?:a |an )?(?:click|tap|clicked|tapped)\b)"
        ),
        "judges a ranked list by clicks on its first result alone",
        unless=_WHOLE_LIST_JUDGED,
        criterion_text=re.compile(r"(?i)single top result"),
        warned=_WARNED_AGAINST,
    ),
    Detector(
        "problem-unclicked-as-negative",
        re.compile(
            # every shown item the user did not click labelled a negative, with nothing said of
            # where it sat or whether it was seen: "every tile on the page that the user didn't
            # click is a negative", "all unclicked videos count as negatives" (the cue is the
            # "every ..." phrase: the "didn't" after it is no negation of the labelling)
            r"\b(?P<cue>(?:every|each|all|any)\s+(?:(?:of the|other|the|single)\s+)?"
            r"(?P<pre>(?:" + _UNCLICKED + r")\s+)?(?:[\w-]+\s+)?" + _SHOWN_ITEM + r")"
            # (not clicked after the noun, unless said before it)
            r"(?(pre)|[^.;]{0,60}?(?:" + _UNCLICKED + r"|\b(?:that|which|the (?:user|viewer)|"
            r"they|nobody|no one)\b[^.;]{0,25}?\b(?:did ?n['’]?t|did not|does ?n['’]?t|does not|"
            r"never|was ?n['’]?t|were ?n['’]?t|was not|were not)\s+(?:get\s+)?click\w*))"
            r"[^.;]{0,40}?\b(?:is|are|counts? as|becomes?|as|(?:gets?|is|are) (?:labell?ed|"
            r"marked|treated as))\s+(?:a |an )?negatives?\b"
        ),
        "labels every item shown without a click a negative, wherever it sat",
        unless=_SEEN_OR_PLACED,
        criterion_text=re.compile(r"(?i)without a click as a negative"),
        warned=_WARNED_AGAINST,
    ),
    Detector(
        "problem-reports-as-truth",
        re.compile(
            r"(?P<cue>" + _USER_FLAGS + r")[^.;]{0,60}?\b" + _AS_TRUTH + r"|"
            r"\b(?:believe|trust|take)\w* (?:every |each |any |all )?(?P<cue2>" + _USER_FLAGS + r")"
            r"(?: at face value| as (?:the )?truth)"
        ),
        "takes users' reports as the truth about a post",
        unless=_REPORTS_WEIGHED,
        criterion_text=re.compile(r"(?i)\breport\w*\b[^.]*\b(?:positive|label|truth)"),
        warned=_WARNED_AGAINST,
    ),
    Detector(
        "problem-no-human-in-the-loop",
        re.compile(
            r"^(?=.*" + _NO_HUMAN + r").*?\b(?P<cue>" + _REMOVAL + r")\b|"
            r"\b(?P<cue2>" + _REMOVAL + r")\b(?=.*" + _NO_HUMAN + r")"
        ),
        "acts on people's content automatically with no human check",
        unless=_HUMAN_AFTER_ALL,
        criterion_text=re.compile(r"(?i)auto-remov\w*|no human review"),
        warned=_WARNED_AGAINST,
    ),
    Detector(
        "problem-offline-only-launch",
        re.compile(
            r"^(?=.*\b" + _OFFLINE_NUMBER + r"\b)(?=.*\b" + _LAUNCH + r")"
            r".*?\b(?P<cue>" + _TO_EVERYONE + r")"
        ),
        "launches to everyone on an offline number, with no online test",
        unless=_ONLINE_CHECK,
        criterion_text=re.compile(r"(?i)offline\b[^.]*\balone|without an online experiment"),
        warned=_WARNED_AGAINST,
    ),
    Detector(
        "problem-offline-only-launch",
        # the launch decided on an offline number with the online test refused in so many words:
        # "Launch decision: offline NDCG on the logged data, with no live experiment"
        re.compile(
            r"\b(?:launch|ship|releas|roll-?out|go-live)\w*\b[^.;]{0,60}?\b"
            + _OFFLINE_NUMBER
            + r"\b[^.;]{0,60}?\b(?P<cue>without|with no|no)\s+(?:an?\s+|any\s+)?(?:live|online|"
            r"a/?b|real[- ]user)\s+(?:experiment|test)\w*"
        ),
        "launches on an offline number, with the online test refused",
        criterion_text=re.compile(r"(?i)offline\b[^.]*\balone|without an online experiment"),
        dismissal=True,
        doubt=re.compile(
            r"\b(?:if|unless|whether|never|not|nobody|no one|mistake|risk\w*|wrong|bad idea|"
            r"tempt\w*|trap)\b|n['’]t\b"
        ),
        warned=_WARNED_AGAINST,
    ),
    Detector(
        "problem-short-online-test",
        re.compile(
            r"\b" + _TEST_RUN + r"\w*\b[^.;]{0,40}?\b(?:for|over|during|across|on) (?:just |only )?"
            r"(?P<cue>" + _SHORT_SPAN + r")\b|\b(?P<cue2>" + _SHORT_SPAN + r")(?:['’]s|-long)? "
            r"(?:[\w-]+ )?" + _TEST_RUN + r"\b|"
            # a launch to everyone decided after a day, the test itself named elsewhere: "if CTR
            # is up after 24 hours, we roll the new model out to everyone"
            # (with no turn between: "after two days we look at CTR, but we only ship after
            # three weeks")
            r"\bafter (?:just |only )?(?P<cue3>"
            + _SHORT_SPAN
            + r")\b"
            + _NO_TURN
            + r"{0,60}?\b"
            + _LAUNCH_TO_ALL
            + _NO_TURN
            + r"{0,40}?\b"
            + _TO_EVERYONE
            # a test plan's length given as a heading value, then the launch decided on it:
            # "Length: forty-eight hours, and the new model ships if click-through is up"
            + r"|\b(?:length|duration|run ?time|runs? for)\s*[:\u2013\u2014-]\s*(?:just |only )?"
            r"(?P<cue4>" + _SHORT_SPAN + r")\b" + _NO_TURN + r"{0,60}?\b" + _LAUNCH
        ),
        "judges an online test after a day or a weekend",
        criterion_text=re.compile(r"(?i)test lasting|novelty"),
        warned=_WARNED_AGAINST,
    ),
    Detector(
        "gen-monitor-no-drift-or-retrain",
        re.compile(_KEPT_AS_IS),
        "trains the model once and keeps it as it is",
        warned=_WARNED_AGAINST,
        criterion_text=_NEVER_REFRESHED_FLAG,
    ),
    Detector(
        "gen-monitor-no-drift-or-retrain",
        re.compile(r"(?P<cue>" + _NEVER_REFRESHED + r")"),
        "never refreshes the model",
        criterion_text=_NEVER_REFRESHED_FLAG,
        dismissal=True,
        doubt=re.compile(
            r"\b(?:if|unless|whether|mistake|risk\w*|wrong|bad idea|can['’]?t|shouldn['’]?t|"
            r"assum\w*|claim\w*)\b"
        ),
    ),
    Detector(
        "problem-private-data",
        # the cue is the use ("I'd still feed the model", "never index"), whose polarity decides
        re.compile(
            # (the data the object of the use, in its clause: not "... may feed the ranker, and
            # private chats are never read")
            r"(?P<cue>"
            + _USED
            + r")[^.;,]{0,80}?"
            + _PRIVATE_DATA
            + r"|"
            + _PRIVATE_DATA
            # (not past "and I'd ...": a new clause of the candidate's own is another act:
            # "paused history is left out, and I'd split train and test by date")
            + r"(?:(?!\band (?:i|we)(?:'d|'ll| would| will)?\b)[^.;]){0,80}?(?P<cue2>"
            + _USED
            + r")"
        ),
        "puts data people kept private, or paused, to use",
        unless=_PRIVACY_KEPT,
        criterion_text=re.compile(
            r"(?i)\bprivate (?:message|information)|non-public|secret boards|paused or deleted"
        ),
        warned=_PRIVACY_RESPECTED,
    ),
    Detector(
        "problem-sensitive-attributes",
        re.compile(
            r"\b(?:guess\w*|infer\w*|predict\w*|estimat\w*|deriv\w*|work\w* out|us(?:e|es|ed|ing)|"
            r"add\w*|feed\w*|target\w*)\b[^.;]{0,60}?\b" + _SENSITIVE + r"\b"
        ),
        "guesses or uses sensitive personal attributes",
        unless=_PRIVACY_KEPT,
        criterion_text=re.compile(r"(?i)sensitive attributes"),
        warned=_WARNED_AGAINST,
    ),
    Detector(
        "problem-single-click-objective",
        re.compile(
            r"^(?=.*\b(?:target|objective|label|optimi[sz]\w*|goal|maximi[sz]\w*|learns?|"
            r"predict\w*)\b).*?(?:\b(?P<cue>" + _ONLY + r")\b(?: [\w'’-]+){0,5}? " + _CLICK + r"\b|"
            r"\b" + _CLICK + r" (?:(?:rate|probability|signal|events?|counts?) )?"
            r"(?P<cue2>alone|only)\b|"
            # the one goal said, the click in what it is: "the ranker's single goal is to put
            # the posts people are most likely to tap on at the top"
            r"\b(?:single|sole|one|only) (?:goal|objective|target|aim)\b"
            + _NO_TURN
            + r"{0,80}?\b(?P<cue3>"
            + _CLICK
            + r")\b)"
        ),
        "optimises a single click signal as the whole objective",
        # "if we only chase clicks, ...": a consequence weighed, not the design
        # ("whether" doubts only after asking or knowing: "predict whether they click" is the
        # target itself)
        unless=re.compile(
            r"\b(?:if|unless|otherwise)\b|\b(?:ask\w*|wonder\w*|question|doubt\w*|unsure|sure|"
            r"know|check\w*|see) whether\b"
        ),
        criterion_text=re.compile(r"(?i)single click|purely for click"),
        warned=_WARNED_AGAINST,
    ),
    Detector(
        "problem-classifier-for-retrieval",
        re.compile(
            r"^(?=.*\b(?:classif\w*|\d[\d,]*-way|product types?|categor\w*|classes)\b).*?"
            r"\b(?P<cue>" + _SERVE_VERB + r")\b[^.;]{0,60}?\b" + _SAME_CLASS
        ),
        "serves the predicted class where similar items are asked for",
        unless=_BY_SIMILARITY,
        criterion_text=re.compile(r"(?i)returning images of the predicted class"),
        warned=_WARNED_AGAINST,
    ),
    Detector(
        "problem-single-label-softmax",
        # one softmax whose top class is the item's only label: "output is a softmax over hate,
        # violence, spam and none; argmax is the post's one category" (the classes listed by
        # name, so no concept's "softmax over the categories")
        re.compile(
            r"\b(?P<cue>softmax)\b[^.]{0,120}?\b(?:arg ?max|(?:exactly|only|just) one "
            r"(?:category|class|label|policy)|(?:the|its|their) (?:[\w'’-]+ )?(?:one|single|only) "
            r"(?:category|class|label|policy|type|kind))\b|"
            # (the softmax may be in the piece before a ";": "argmax is the post's one category")
            r"\b(?P<cue2>arg ?max|top class|highest class)\b[^.;]{0,40}?\b(?:the|its|their|a) "
            r"(?:[\w'’-]+ )?(?:one|single|only) (?:category|class|label)\b"
        ),
        "makes one softmax pick each item's only class",
        criterion_text=re.compile(r"(?i)single softmax"),
        # (or several labels allowed anywhere in the sentence: not the mistake)
        warned=re.compile(f"{_WARNED_AGAINST.pattern}|{_SEVERAL_LABELS.pattern}"),
    ),
)


# A sentence opening with the practice as its topic and measuring it after the colon: "for
# taking down with no person involved: how many bad posts we catch while 95 in 100 takedowns are
# right", "for auto-removal: recall at 95% precision"; or after a comma ("for taking down
# without a person, the catch count when 95 of 100 take-downs are right"). A cue inside such a
# heading names what is measured, not what the candidate does. The heading may open a later
# clause too ("precision per kind, and for deletions with no human involved, how many ...").
TOPIC_HEADING = re.compile(
    r"(?:^|(?<=[,;:] )(?:and |then |plus )?)(?:for|on|about|as for) [^:;.,]{3,80}?[:,]\s*"
)
MEASURED_BODY = re.compile(
    r"\bhow (?:many|often|much|well)\b|\bprecision\b|\brecall\b|\bmeasur\w*|\bmetrics?\b|"
    r"\bpr-?auc\b|\b(?:error|catch|hit|false[- ]positive|overturn) (?:rates?|counts?)\b|"
    # a share of the actions said to be right: "when 95 of 100 take-downs are right"
    r"\b\d+ (?:of|out of|in) (?:every )?\d+\b[^.;]{0,30}?\b(?:are|is) (?:right|correct)\b"
)


def measured_topic(norm: str, cue_start: int) -> int | None:
    """Where the leading "for X:" heading holding the cue at `cue_start` ends, when the body
    after it measures X; else None."""
    # the last heading opening before the cue
    head = max(
        (h for h in TOPIC_HEADING.finditer(norm) if h.start() <= cue_start),
        key=lambda h: h.start(),
        default=None,
    )
    if head is None or cue_start >= head.end():
        return None
    stop = re.search(r"[.;]", norm[head.end() :])
    body = norm[head.end() : head.end() + stop.start() if stop else len(norm)]
    return head.end() if MEASURED_BODY.search(body) else None


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
