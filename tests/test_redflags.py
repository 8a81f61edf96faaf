"""Red flags fire on mistakes, never on correct practice that names them: negation with a
longer subject, contrast markers, someone else's approach, a foil, a baseline to beat, a
counterfactual, a condition under which the thing is kept out, a replacement said after the
fact, a quotation, the harm it would do, a deferral ("before ..."), a frequency ("every
week") (app/understanding/polarity.py, framing.py); the LLM judge's support check reads a red
flag in its message; the hand-written dev sentences keep a floor (the numbers themselves are
the bench's: `python -m bench.redflags`)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from app.grading.judges import LLMJudge, OfflineJudge, TurnText
from app.knowledge.issues import load_yaml
from app.knowledge.text import find_phrase, normalize, sentences
from app.understanding.commitment import discussed_mode
from app.understanding.framing import foil, foil_in
from app.understanding.leakage import aware, named_as_label
from app.understanding.polarity import polarity_of_span, self_negating
from bench.redflags import (
    SENTENCES,
    grade_answers,
    read_flags,
    score,
    sentences_of,
    set_frozen,
)
from bench.validity import Grader
from tests.conftest import ROOT
from tests.reading import flag_ids

AD = "ad-click-prediction"
NF = "news-feed"
VS = "visual-search"
VR = "video-recommendation"
HANG_SECONDS = 20  # a read that has not ended by then backtracks without end
HC = "harmful-content"


def _span(sentence: str, phrase: str) -> tuple[str, int, int]:
    norm = normalize(sentence)
    m = find_phrase(phrase, norm, normalized=True)
    assert m is not None, (sentence, phrase)
    return norm, m.start(), m.end()


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        # a contrast marker
        (
            AD,
            "Unlike a random split of the logs, holding out the final week tells us how "
            "the model does on days it has not seen.",
        ),
        # a negated verb after a longer subject
        (AD, "A person's ethnicity or sexual orientation should never end up in the feature set."),
        # what it would do is bad
        (
            AD,
            "A random 80/20 split of the impressions would inflate every offline number we report.",
        ),
        # someone else's approach
        (
            AD,
            "The interns on my old team used to report accuracy as the metric, and the "
            "dashboard looked great while the model predicted no click everywhere.",
        ),
        (
            HC,
            "The newcomers on the team used to take reports as ground truth, and the "
            "classifier learned to remove satire.",
        ),
        (NF, "Plenty of teams roll out to everyone once offline AUC improves. We wouldn't."),
        # a foil, then the candidate's turn
        (
            AD,
            "Precomputing scores for all user-ad pairs is tempting, but new campaigns launch "
            "all day long.",
        ),
        # the baseline to beat
        (
            NF,
            "As a baseline I'd sort the feed purely for clicks, and the multi-task ranker must "
            "beat it on comments and shares.",
        ),
        # replaced after the fact
        (
            AD,
            "Random k-fold would mix future days into training, so we evaluate on the most "
            "recent week instead.",
        ),
        # a counterfactual
        (
            VR,
            "If we trained it once and froze it, the ranker could never keep up with new uploads.",
        ),
        # a condition under which it is kept out
        (VS, "If a pin is saved to a secret board, it is dropped from the index within the hour."),
        # a frequency, not the items quantified ("label every")
        (HC, "We retrain on newly reviewed labels every week and compare against the old model."),
        # a verdict after a longer subject: "... is the classic trap"
        (AD, "Reporting accuracy as the headline number is the classic trap with one percent CTR."),
        (HC, "I wouldn't use accuracy as the main model selection metric with 0.3% positives."),
        # the harm it would do
        (NF, "Precomputing every feed overnight would leave breaking posts invisible for hours."),
        # quoted as someone's words
        (VS, 'The quick fix, "compare against every image we store", dies at a billion images.'),
        # an example of what is kept out because it exists only later
        (
            VR,
            "We leave out anything observed after the tile is shown, like whether the user "
            "liked the candidate.",
        ),
        # "the last thing we'd ... is X"
        (HC, "The last thing we'd report is accuracy, with one harmful post in a thousand."),
        # judged right after it was said, in the same sentence or the next
        (AD, "Plenty of teams split their logs at random; that's a mistake, as campaigns change."),
        (
            NF,
            "We could shuffle the impressions before splitting. That would leak tomorrow's "
            "trends into training.",
        ),
        # endorsed only for another use
        (VR, "A one-day experiment is fine for catching crashes, not for judging watch time."),
        # a bare "never" right after the subject
        (VS, "Secret boards never feed the embedding model or the index."),
        # the accuracy of people, not of the model
        (HC, "We measure rater accuracy on a gold set to catch careless labellers."),
        # the practice that rules the mistake out, said in the same sentence (`cleared_by`)
        (
            NF,
            "After the baseline, we can move to a state-of-the-art deep ranking model if it pays.",
        ),
        (VR, "The whole catalogue is indexed in the ANN store and retrieval picks 500 candidates."),
        (VS, "Anchor and positive images from the same class feed the contrastive loss."),
        # a red flag's own words in a benign context: a frequency ("trained once a week"),
        # "random" said of a seed, a judgement that it shows too little, a passive exclusion
        (AD, "The ranker is trained once a week on the latest month of logs."),
        (AD, "We split by date and fix the random seed so runs are reproducible."),
        (VR, "A one-day test would only show the novelty bump, so we run two weeks."),
        (VS, "Secret boards are skipped when we build the index."),
        # `cleared_by`, also in the piece after a ";"
        (AD, "A nightly batch refreshes the ad embeddings; pCTR is computed per request."),
        (
            HC,
            "Each reviewer assigns a single label per policy, and a post can break several "
            "policies.",
        ),
        (NF, "Clicks are the label of one head in a multi-task model, next to likes and comments."),
        (VS, "We log the top-1 accuracy of the category head, but judge search by nDCG."),
        # the system being replaced; what can only be guessed
        (NF, "Sorting by predicted clicks alone was the previous ranker; ours adds comments too."),
        (VR, "The previous ranker optimised for CTR, and we are replacing it."),
        (VR, "We can only guess a viewer's true intent from what they watch."),
        # the clearing practice said again after the flag's own words ("retrain" in both)
        (
            VR,
            "Retraining is unnecessary only for the frozen thumbnail encoder; the ranker retrains.",
        ),
        # accuracy beside the metrics that rule the mistake out (`cleared_by`)
        (HC, "High accuracy means little alone, so we report it next to precision and recall."),
        # a leakage signal named as the label
        (VR, "How long the user watched this video is our training label, measured afterwards."),
        # a rejection cue governs its clause (issue #11; none of these is a check-set sentence;
        # five of them raised a flag before the rule)
        (AD, "I would caution against splitting the impression logs at random."),
        (NF, "We warn against optimising the feed for clicks alone."),
        (NF, "Ranking everyone's feed once a night would be a serious mistake for a live product."),
        (HC, "It would be a mistake to trust user reports as the labels."),
        (AD, "We advise the team against a random shuffle of the impression logs."),
        # a condition that limits it
        (
            VR,
            "Scoring every video in the catalogue with the heavy ranker only makes sense when "
            "the catalogue is tiny.",
        ),
        (VR, "Ranking every video with the big model only works when the library is small."),
        # kept out in the passive voice
        (VS, "Images in private collections are scrubbed from the training data first."),
        # written after dev-13's errors (teaching voice, verdicts, lists of refusals)
        # a verdict as the predicate
        (
            AD,
            "Precomputing a score for every user and ad pair in a nightly job is a poor choice, "
            "because new ads would wait a day.",
        ),
        # who makes the mistake between the noun and its verb
        (
            NF,
            "The trap most teams fall into here is ranking by clicks alone, which fills the feed "
            "with bait.",
        ),
        # a header of the candidate's own refusals
        (NF, "Two things we would never do here - rank by clicks alone, or ship without a test."),
        # shuffling to build mini-batches splits nothing off
        (
            AD,
            "Shuffling the impressions into mini-batches each epoch is standard, while the test "
            "set is the final week.",
        ),
        (
            AD,
            "If we randomly picked 10% as the test set and trained on the rest, the offline AUC "
            "would be inflated.",
        ),
        (AD, "I don't think a simpler model would waste our time, so we start with a baseline."),
        # left behind, judged before it is said, refused in the next sentence
        (
            AD,
            "We moved away from the random 80/20 split that the first prototype used, and now "
            "the last three days are the test set.",
        ),
        (AD, "We'd be wrong to precompute every user-ad pair each night, given hourly launches."),
        (AD, "It's tempting to report accuracy. Don't: it is 99% for a model that never clicks."),
        # a predicate after an aside, what would stop working, a worry with it, ground truth
        (
            VR,
            "Scoring the whole catalogue with the heavy model, even if we had the GPUs, would "
            "blow the latency budget, so retrieval narrows it first.",
        ),
        (
            VS,
            "A frozen encoder that is never retrained would slowly stop matching new styles, so "
            "we refresh it every month.",
        ),
        (
            VS,
            "My worry with classification accuracy is that it ignores the order of results, so "
            "we use mAP.",
        ),
        (
            VS,
            "Brute-force distance to every image is what we use to build the ground truth for "
            "recall@k, never for serving.",
        ),
        # a relative or "as" aside, or a resumptive "both", before the verdict
        (
            AD,
            "Splitting the impressions randomly, which many tutorials do, would let the model "
            "see the future, so our test days come strictly after the training days.",
        ),
        (
            NF,
            "Ranking by clicks alone, as the old feed did, brought clickbait, so our target mixes "
            "several engagement types.",
        ),
        (
            VR,
            "The data of kids under 13 and paused history, both are excluded from training and "
            "personalisation.",
        ),
        # a long subject ended by a comma, then its verdict
        (
            HC,
            "A single threshold that removes posts with no human, no appeal, is exactly the "
            "design we were told to avoid.",
        ),
        # the practice as the topic of a measurement ("for X: how many ...")
        (
            HC,
            "For removals made without any human review: recall while keeping precision at 98%.",
        ),
        (HC, "On deleting posts on its own: how often it is wrong, per category and language."),
        # a random share that is an online experiment or goes to people, not a test split
        (AD, "A random half of the users see the new model, to test it live."),
        (
            HC,
            "A random tenth of the reviewed posts goes to a second reviewer for testing label "
            "quality.",
        ),
    ],
)
def test_correct_practice_naming_a_mistake_raises_no_red_flag(reader, problem, text):
    assert flag_ids(reader, problem, text) == []


@pytest.mark.parametrize(
    ("problem", "text", "flag"),
    [
        (
            NF,
            "If offline AUC improves, we roll out to everyone the same day.",
            "nf-evaluate-offline-only",
        ),
        (
            AD,
            "People usually shuffle the logs and split them randomly, and that's what I'd do too.",
            "gen-data-random-split-leakage",
        ),
        (
            AD,
            "The obvious metric here is accuracy, so that's what we'll report.",
            "gen-evaluate-accuracy-on-imbalance",
        ),
        (
            HC,
            "If a user reported it, it counts as a positive label and we remove it from the feed.",
            "hc-data-reports-as-truth-red-flag",
        ),
        (
            AD,
            "As a first step we'll randomly split the impressions 80/20 into train and test.",
            "gen-data-random-split-leakage",
        ),
        (AD, "Accuracy is our headline metric, not AUC.", "gen-evaluate-accuracy-on-imbalance"),
        (
            NF,
            "I'd mine direct messages for affinity features, as most teams would.",
            "nf-data-private-content",
        ),
        (
            VR,
            "We score all 10 billion videos for every request, which keeps the design simple.",
            "vr-serve-score-all-red-flag",
        ),
        (
            NF,
            "Unlike the current ranker, ours will optimize for clicks alone.",
            "nf-frame-clicks-only",
        ),
        # a plan and its consequence name no harm
        (
            AD,
            "A nightly job would score every user-ad pair, so serving is a single lookup.",
            "ad-serve-batch-all-pairs",
        ),
        (
            VR,
            "Scoring every video in the catalogue would be simplest, so that's the plan.",
            "vr-serve-score-all-red-flag",
        ),
        # the candidate's own words in quotes
        (
            AD,
            'We\'d "just shuffle and split randomly" like everyone does.',
            "gen-data-random-split-leakage",
        ),
        # the harm named before a turn that keeps the plan
        (
            VS,
            "Brute-force search would be slow, but we'd run it over every stored image anyway.",
            "vs-serve-exact-knn-red-flag",
        ),
        # a quantifier over items, not a frequency
        (
            HC,
            "We'd label every post on the platform by hand to get the true intent.",
            "gen-frame-unobtainable-labels",
        ),
        # a verdict on what follows it, not on what came before
        (
            AD,
            "We'll report accuracy; it's a mistake to overcomplicate metrics for the ads team.",
            "gen-evaluate-accuracy-on-imbalance",
        ),
        # "never" coordinated with the mistake is part of it
        (
            VS,
            "The encoder is trained once and never retrained.",
            "vs-monitor-never-retrain-red-flag",
        ),
        # fine, with no other use it is kept for
        (
            NF,
            "A daily batch is fine for us, so the feed is ranked once a day.",
            "nf-serve-daily-batch",
        ),
        # the practice that would clear the flag is inside the flag's own words, or negated
        (
            HC,
            "No need for reviewers: anything above 0.9 is deleted automatically.",
            "hc-serve-auto-remove-red-flag",
        ),
        (
            AD,
            "Skip the baseline and go with a state-of-the-art deep model.",
            "gen-model-no-baseline",
        ),
        (
            VR,
            "We skip candidate generation and score every video in the catalogue per request.",
            "vr-serve-score-all-red-flag",
        ),
        # an A/B test dismissed does not clear the flag; nor a batch looked up at serving
        (
            NF,
            "An A/B test would slow us down, so if offline AUC improves we roll out to everyone.",
            "nf-evaluate-offline-only",
        ),
        (
            HC,
            "A single label per post is enough: the softmax picks one category.",
            "hc-frame-softmax-red-flag",
        ),
        (
            AD,
            "Every night we precompute pCTR for every user-ad pair and look the scores up at "
            "serving.",
            "ad-serve-batch-all-pairs",
        ),
        # the model chosen by accuracy; shuffled before a test set is kept aside
        (
            AD,
            "We keep whichever model has the best accuracy on the validation week.",
            "gen-evaluate-accuracy-on-imbalance",
        ),
        # accuracy as a metric with words qualifying it
        (
            HC,
            "I'd use accuracy as the main model selection metric since it's easy to explain.",
            "gen-evaluate-accuracy-on-imbalance",
        ),
        (
            AD,
            "Shuffle the month of impressions and keep 10% as test data.",
            "gen-data-random-split-leakage",
        ),
        # the old system named as what the new one is like
        (
            NF,
            "Our new ranker optimises for clicks alone, like the old system did.",
            "nf-frame-clicks-only",
        ),
        # the clearing practice only inside the flag's own words
        (
            VS,
            "Once trained, the encoder is frozen for good and retraining is unnecessary.",
            "gen-monitor-no-drift-or-retrain",
        ),
        # the clearing practice set aside by a turn before the flag
        (
            AD,
            "We'd glance at log loss, but the number that decides between models is accuracy.",
            "gen-evaluate-accuracy-on-imbalance",
        ),
        # ...or by a consequence: the clearing practice is the reason for the mistake
        (
            NF,
            "Ranking at request time needs a big cluster, so I'd precompute the feed in an "
            "overnight batch.",
            "nf-serve-daily-batch",
        ),
        # a lookup at request time is part of the precompute-everything mistake, not its cure
        (
            AD,
            "A nightly job scores every user against every live ad and we look it up at "
            "request time.",
            "ad-serve-batch-all-pairs",
        ),
        # beside the dev-13 rules
        (
            AD,
            "We randomly select 5% of the impressions as the test set and train on the remaining "
            "95%.",
            "gen-data-random-split-leakage",
        ),
        (AD, "Training anything simpler first would waste GPU time.", "gen-model-no-baseline"),
        # a header that is no refusal keeps the mistake after it
        (NF, "We don't have budget for that: we rank by clicks alone.", "nf-frame-clicks-only"),
        # "bad" of what the model judges is no verdict on the removal
        (
            HC,
            "Anything the model thinks is bad gets deleted automatically, with no review and no "
            "appeal.",
            "hc-serve-auto-remove-red-flag",
        ),
        (
            AD,
            "We moved to a random 80/20 split of all the impressions because it is simpler.",
            "gen-data-random-split-leakage",
        ),
        (
            AD,
            "Accuracy is what we report. Don't worry, it is easy to explain.",
            "gen-evaluate-accuracy-on-imbalance",
        ),
        # accuracy in other words, and a random share named by its fraction
        (
            AD,
            "The metric is the share of requests where it predicts the click right.",
            "gen-evaluate-accuracy-on-imbalance",
        ),
        (
            VR,
            "Our main number is how often the model correctly predicts that nobody clicks.",
            "gen-evaluate-accuracy-on-imbalance",
        ),
        (
            AD,
            "Take a random quarter of the logged sessions as the test set.",
            "gen-data-random-split-leakage",
        ),
        # a "for X:" heading whose body proposes rather than measures keeps the flag
        (
            HC,
            "For removal: no human review, anything the model scores above 0.5 is deleted.",
            "hc-serve-auto-remove-red-flag",
        ),
        (
            VR,
            "The heavy model scores the whole catalogue on every request, at our scale, which "
            "is fine.",
            "gen-serve-ignores-latency",
        ),
        (
            HC,
            "Every reported post is treated as a positive label; my concern is only the storage "
            "cost.",
            "hc-data-reports-as-truth-red-flag",
        ),
        # a heading that names the served output keeps the flag
        (
            NF,
            "Each user's feed: ranked once a night and stored for lookup.",
            "nf-serve-daily-batch",
        ),
    ],
)
def test_mistakes_said_near_the_same_cues_still_flag(reader, problem, text, flag):
    assert flag in flag_ids(reader, problem, text)


@pytest.mark.parametrize(
    ("sentence", "phrase", "want"),
    [
        ("Unlike a random split, a time split mimics serving.", "random split", "negated"),
        ("Brute-force search over five billion vectors is far too slow.", "brute-force", "negated"),
        ("A user's religion or health status must never be inferred.", "religion", "negated"),
        (
            "Classification accuracy doesn't measure the ranked list.",
            "classification accuracy",
            "negated",
        ),
        ("A model that is trained once and left running would decay.", "trained once", "negated"),
        ("Deleted history has to actually be removed from training.", "deleted history", "negated"),
        ("Random splits inflate the offline metrics.", "random split", "negated"),
        # a clause with its own subject is no list item a negation before it could reach
        ("Unlike the old system, we'll randomly split the logs.", "randomly split", "affirmed"),
        ("Instead of a time split, I'd just split randomly.", "split randomly", "affirmed"),
        ("No health, religion, ethnicity or politics as features.", "ethnicity", "negated"),
        ("Nobody should split these logs at random.", "at random", "negated"),
        # what loses a comparison
        (
            "I'd rather learn embeddings than classify images into categories.",
            "classify images into categories",
            "negated",
        ),
        ("Time-based holdouts are more honest than random splits.", "random split", "negated"),
        # a verdict on it
        ("Scoring the full catalogue per request would take forever.", "full catalogue", "negated"),
        ("Batch-scoring every user-ad pair nightly is wasteful.", "user-ad pair", "negated"),
        ("Accuracy is a poor fit for a 1% positive rate.", "accuracy", "negated"),
        # another clause's negation is not the mention's ("users who never react")
        ("The share of users who never react is high.", "share", "affirmed"),
        # a pronoun starts another subject
        ("We use accuracy and it is not a problem for us.", "accuracy", "affirmed"),
        # a bare "never" right after the subject; not one coordinated with the mistake
        ("Deleted history never feeds the ranker.", "deleted history", "negated"),
        ("The model is trained once and never retrained.", "trained once", "affirmed"),
        # "hides" as a noun is no verdict
        ("The A/B test tracks likes, shares and hides.", "a/b test", "affirmed"),
        ("A random split hides the drift.", "random split", "negated"),
        # "and the <noun>" after a mention inside its clause opens a clause with its own "not"
        (
            "I'd check the predictions still match reality and the inputs haven't shifted.",
            "match reality",
            "affirmed",
        ),
        # ...but coordinates a subject that heads its clause, sharing the negated verb
        ("Position features and the IPS weights aren't needed.", "position features", "negated"),
        # put off to a later version
        ("Exploration traffic can wait until the second release.", "exploration", "negated"),
        ("The shadow deployment is parked for now.", "shadow deployment", "negated"),
        ("Per-segment calibration is a version-two task.", "calibration", "negated"),
        ("A holdout group goes on the later list.", "holdout group", "negated"),
        ("Negative downsampling we'll launch without.", "negative downsampling", "negated"),
        # ...not a wait inside the design, nor a list of the phases themselves
        ("We retrain daily so nothing has to wait for a weekly job.", "retrain daily", "affirmed"),
        # validity check 12: a bound on an amount is no negation of what it bounds
        ("At most one ad per advertiser, and no more than three in a row.", "in a row", "affirmed"),
        ("Alerts fire no later than an hour after the drop.", "alerts", "affirmed"),
        ("No bot filtering, since it costs too much.", "bot filtering", "negated"),
        # a fronted foil ends where the candidate's own proposal begins
        (
            "Instead of training from scratch I'd start from a pretrained backbone.",
            "pretrained backbone",
            "affirmed",
        ),
        ("Instead of training from scratch I'd start from a pretrained one.", "scratch", "negated"),
        ("Rather than accuracy we'd use log loss.", "log loss", "affirmed"),
        ("Instead of fine-tuning a pretrained model, train from scratch.", "pretrained", "negated"),
    ],
)
def test_polarity_of_a_mention_with_a_longer_subject(sentence, phrase, want):
    norm, start, end = _span(sentence, phrase)
    assert polarity_of_span(norm, start, end)[0] == want


@pytest.mark.parametrize(
    ("sentence", "phrase", "kind"),
    [
        (
            "A junior might split the logs randomly, but I'd hold out the last week.",
            "randomly",
            "someone else's",
        ),
        ("The naive objective is clicks alone, but they reward clickbait.", "clicks alone", "foil"),
        ("A category classifier is a quick baseline for this.", "category classifier", "baseline"),
        ("If we never retrained, the embeddings would drift.", "never retrain", "counterfactual"),
        ("The classic trap here is a random split of the logs.", "random split", "the mistake"),
        ("We strip religion, ethnicity and health from the features.", "ethnicity", "kept out"),
        (
            "Hence the A/B test, even if offline AUC improves.",
            "if offline auc improves",
            "conceded",
        ),
        (
            "Nightly batch scoring leaves new ads unscored, so we score at request time instead.",
            "nightly batch",
            "replaced",
        ),
        ('Her advice was "split the data at random", which hides drift.', "at random", "quoted"),
        ("A naive setup would rank every post by predicted clicks alone.", "clicks alone", "foil"),
        (
            "Before we dive straight into the model, who are the users?",
            "straight into the model",
            "put off",
        ),
        (
            "Skipping the online test is fine only if the change is a pure bug fix.",
            "skipping the online test",
            "only under a condition",
        ),
        ("A shuffled holdout might put tomorrow's users in training.", "shuffled holdout", "harm"),
        (
            "Ranking overnight would mean users miss posts until the next batch.",
            "until the next batch",
            "harm",
        ),
        (
            "We drop everything recorded after the ad is shown, for example the conversion.",
            "conversion",
            "kept out",
        ),
        ("Overall accuracy is only a sanity check next to log loss.", "accuracy", "demoted"),
    ],
)
def test_foil_says_why_a_mention_is_set_aside(sentence, phrase, kind):
    norm, start, end = _span(sentence, phrase)
    why = foil(norm, start, end)
    assert why is not None and kind in why


@pytest.mark.parametrize(
    "sentence",
    [
        "We split the logs randomly and report accuracy.",
        "If the score passes 0.9, the post is deleted automatically.",  # the outcome is the rule
        "If we see accuracy go up, the model is better.",
        "Teams like ours use accuracy, and so will we.",
        "Skip any baseline and start with the biggest model.",  # a negated baseline frames nothing
        "Just remove everything the model flags.",  # removing is the mistake, not keeping data out
        "The problem is multi-class classification with exactly one label per post.",  # the task
        # taken in, not kept out: "taken/kept/held from" says where data comes from
        "The dwell feature is taken from the logs after the click, which makes it strong.",
        "The watch percentage is held from the session logs as an input.",
    ],
)
def test_foil_leaves_the_candidates_own_proposal_alone(sentence):
    assert foil_in(normalize(sentence)) is None


class _Chat:
    model_name = "stub"


def test_the_llm_judges_support_reads_a_red_flag_in_its_message(reader, bank):
    """A model may add a red flag only with a quote the offline judge relates to it; the
    quote is read in its message, where the next sentence may set the mistake aside."""
    judge = LLMJudge(_Chat(), OfflineJudge(reader), ROOT / "prompts")  # type: ignore[arg-type]
    crit = next(c for c in bank.criteria_for(NF, "senior") if c.id == "nf-evaluate-offline-only")
    said = "Plenty of teams roll out to everyone once offline AUC improves. We wouldn't."
    msg = TurnText("m1", 1, "candidate", said, "evaluate")
    support, why = judge.supported(crit, "roll out to everyone", msg, NF)
    assert support is None and why
    mistake = "If offline AUC improves, we roll out to everyone the same day."
    msg = TurnText("m2", 2, "candidate", mistake, "evaluate")
    support, _ = judge.supported(crit, "roll out to everyone", msg, NF)
    assert support is not None and support.met


def test_floor_on_the_hand_written_dev_sentences(reader):
    """bench/data/redflags-dev.yaml (dev problems only, frozen): no red flag on correct
    practice, and the mistakes caught at least as often as before the framing rules."""
    assert set_frozen("dev")
    items = load_yaml(SENTENCES.read_text(encoding="utf-8"))["items"]
    assert {it["problem_id"] for it in items} == {AD, HC, NF, VR, VS}
    res = score(items, read_flags(reader, items))
    assert res["correct"] == 115 and res["mistakes"] == 67
    assert res["correct_flagged"] == 0, res["errors"]
    assert res["precision"] >= 0.95 and res["recall"] >= 0.32, res["errors"]


@pytest.mark.parametrize(
    ("name", "correct", "mistakes", "flagged", "recall"),
    [
        # written later in other styles, against overfitting to the first set
        ("dev-2", 131, 43, 0, 0.86),
        ("dev-3", 64, 20, 0, 0.85),
        # plain correct answers with a red flag's own words in a benign context
        ("dev-4", 40, 10, 0, 1.0),
        # post-mortems, warnings, checklists of things to avoid, past counterfactuals,
        # a colleague's idea corrected, comparisons laid out in prose, questions
        ("dev-5", 65, 28, 0, 0.96),
        # replies, self-corrections, PM pitches (untuned on first run: 4 flagged; 3 after the
        # retraction rule, written once its errors were seen; 0 after the pitch / your-point
        # rules, tuned on it: no longer an untuned check)
        ("dev-6", 20, 10, 0, 0.5),
        # meeting notes, stakeholder demands, second-person objections, echoed questions,
        # confirmations (untuned: 2 flagged, recall 0.5 on first run; main had 2 and 0.33; 0
        # flagged after the outcome-moved and cost-verdict rules written after dev-8)
        ("dev-7", 10, 6, 0, 0.5),
        # comparisons, report-both, the baseline we beat, label windows, risks to monitor, topic
        # words for other purposes; half plain mistakes (untuned: 5 flagged, recall 0.5 on first
        # run; 0 flagged after the rejected-option, respected-choice, time-condition, magnitude
        # and people-assignment rules, tuned on it; recall 0.567 after the decimal-point and
        # "randomly put 20% aside" detector rules)
        ("dev-8", 31, 30, 0, 0.6),
        # contrast, concession, hypotheticals, traps, "the naive approach would be X, but",
        # correct practice with no negation cue; a third affirmed mistakes (untuned: 2 flagged,
        # recall 0.762 on first run; 0 flagged after the conceded-then-taken-back and
        # fool-yourself rules, tuned on it)
        ("dev-9", 39, 21, 0, 0.76),
        # answered questions, dashes, passive voice, "only makes sense if", "the thing to watch
        # for is", "I'd argue against", team rules, written after the dev-9 rules (untuned:
        # 5 flagged, recall 0.467 on first run, the same as main; not tuned on; 0 flagged after
        # the rejection-cue rules of issue #11, written from the kinds of its errors)
        ("dev-10", 30, 15, 0, 0.46),
        # rejection, limitation and prevention wordings, written after set 10's errors (untuned:
        # 5 flagged, recall 0.533 on first run; 0 flagged after the rejection-cue rules)
        ("dev-11", 30, 15, 0, 0.53),
        # interview voices: multi-clause contrasts, trade-offs weighing the wrong option,
        # unless / as long as / provided, numbers and ratios, abbreviations, quoting the
        # interviewer, checks against the mistake, harmless random / accuracy / brute force
        # (untuned: 7 flagged, recall 0.4 on first run; 0 flagged, recall 0.667 after the
        # weighed-option, reported-question, side-role, "<verb> nothing", PIT and abbreviation
        # rules, tuned on it; those also lifted dev-2 to 0.860 and dev-8 to 0.600)
        ("dev-12", 32, 15, 0, 0.66),
        # the mistake in a subordinate or contrastive clause, why it is bad, a teaching voice,
        # past counterfactuals, questions back, lists of things avoided, non-native grammar
        # (untuned: 4 flagged, recall 0.636 on first run; 0 flagged, recall 0.727 after the
        # "is bad" verdict, "a mistake I see often is", own-refusal list header, mini-batch
        # shuffle, "pick ... as the test set and train on the rest" and "would only waste
        # time" rules, tuned on it)
        ("dev-13", 36, 22, 0, 0.72),
    ],
)
def test_floor_on_the_later_dev_sets(reader, name, correct, mistakes, flagged, recall):
    """bench/data/redflags-dev-{2,...,13}.yaml (dev problems only, frozen): correct practice
    flagged at most as often as now, and the mistakes caught at least as often."""
    assert set_frozen(name)
    items = load_yaml(sentences_of(name).read_text(encoding="utf-8"))["items"]
    assert {it["problem_id"] for it in items} == {AD, HC, NF, VR, VS}
    res = score(items, read_flags(reader, items))
    assert res["correct"] == correct and res["mistakes"] == mistakes
    assert res["correct_flagged"] <= flagged, res["errors"]
    assert res["recall"] >= recall, res["errors"]


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        # written while fixing dev-8, in other words than its sentences
        ("news-feed", "The nightly precomputed feed is an approach the team ruled out early on."),
        (
            "news-feed",
            "Our first version precomputed the feed once a day; that was the design "
            "we abandoned after posts showed up hours late.",
        ),
        (
            "visual-search",
            "As soon as a board is made secret, a cleanup job drops its pins from the index.",
        ),
        (
            "video-recommendation",
            "If a user turns off their watch history, the ranker respects that choice.",
        ),
        (
            "harmful-content",
            "Escalated posts are routed at random to expert reviewers, and the "
            "test set is the latest two weeks.",
        ),
        (
            "ad-click-prediction",
            "Scoring each user against each ad every night would mean "
            "quadrillions of predictions, so scoring happens per request on the eligible ads.",
        ),
        (
            "ad-click-prediction",
            "A random split would look great offline and fall apart in "
            "production, so we split by day.",
        ),
        (
            "visual-search",
            "We log classification accuracy of the category head only as a "
            "debugging aid; search is judged by recall@k.",
        ),
        (
            "news-feed",
            "Last year's ranker precomputed the feed once a day; posts showed up hours "
            "late, so we moved to request-time ranking.",
        ),
        (
            "video-recommendation",
            "Scoring the full catalogue per request: infeasible at ten "
            "billion videos; retrieval first.",
        ),
        (
            "ad-click-prediction",
            "Marketing wants the model to boost conversions, which is why "
            "calibrated pCTR matters for the auction.",
        ),
        # turned down in the next sentence piece by pointing back at it
        (
            "harmful-content",
            "A first idea is to label every reported post as harmful; we ruled that out because "
            "most reports are mistaken.",
        ),
        ("news-feed", "Ranking on clicks alone leads to clickbait, so comments and shares count."),
        # the same words with the safeguard kept (conversations dev-check-3)
        (HC, "Anything above 0.9 is removed at once, with a notice and an appeal."),
        (NF, "I wonder whether predicting clicks alone is enough; I'd add hides."),
        # a heading names an input worked out ahead, not the served output (validity check 11)
        (NF, "Author affinity: recomputed every night and kept in a store for fast lookups."),
    ],
)
def test_correct_practice_naming_a_mistake_in_new_ways(reader, problem, text):
    assert flag_ids(reader, problem, text) == []


@pytest.mark.parametrize(
    "problem,text,flag",
    [
        # a red flag worded with its own negation: the affirmed view keeps too little to compare
        (
            "ad-click-prediction",
            "Honestly latency is not a concern, more servers fix it.",
            "gen-serve-ignores-latency",
        ),
        (
            "news-feed",
            "We can skip the A/B test; the offline numbers are convincing.",
            "nf-evaluate-offline-only",
        ),
        (
            "ad-click-prediction",
            "I'd put convolution layers over the sparse user and ad features.",
            "gen-model-wrong-family",
        ),
        (
            "visual-search",
            "I'd run exact nearest neighbour search over every embedding we store.",
            "vs-serve-exact-knn-red-flag",
        ),
        # beside the rules written after dev-8: a design kept, a private pin still indexed
        (
            "visual-search",
            "Our target is 97.5% accuracy on held-out queries.",
            "gen-evaluate-accuracy-on-imbalance",
        ),
        (
            "news-feed",
            "We randomly set 10% of impressions aside as the test data.",
            "gen-data-random-split-leakage",
        ),
        (
            "news-feed",
            "We precompute each user's feed once a day and that was the design we kept.",
            "nf-serve-daily-batch",
        ),
        (
            "visual-search",
            "Once a pin is on a secret board we still index it, and we remove "
            "duplicates from the index.",
            "vs-data-private-images-red-flag",
        ),
        (
            "ad-click-prediction",
            "We split the impressions at random into train and test.",
            "gen-data-random-split-leakage",
        ),
        # written after dev-12 (interview voices), in other words than its sentences
        # a similarity computed per query against the whole collection
        (
            VS,
            "At query time we compute the similarity between the query vector and each of the 3 "
            "billion stored vectors.",
            "gen-serve-ignores-latency",
        ),
        # accuracy as the bar a model must clear
        (
            AD,
            "The model must reach 98% accuracy on last week's impressions to launch.",
            "gen-evaluate-accuracy-on-imbalance",
        ),
        (
            HC,
            "We launch once accuracy on the holdout climbs above 97%.",
            "gen-evaluate-accuracy-on-imbalance",
        ),
        # a full stop inside an abbreviation does not end the sentence
        (
            NF,
            "Every user's feed is ranked at 11 p.m. and stored until the next morning.",
            "nf-serve-daily-batch",
        ),
        (
            VS,
            "We score it by whether the top result shares the query's category, i.e. top-1 "
            "accuracy.",
            "vs-evaluate-accuracy-red-flag",
        ),
        # ...and the limits of the rules written with them: scale not named, a verdict on
        # something else
        (
            VR,
            "Scoring every video in the catalogue is fine for us, but at peak we add more servers.",
            "vr-serve-score-all-red-flag",
        ),
        (NF, "We rank by clicks alone; it doesn't need anything else.", "nf-frame-clicks-only"),
        (
            AD,
            "We shuffle the training data and hold out 20% of it as the test set.",
            "gen-data-random-split-leakage",
        ),
        # said in passing inside longer turns (conversations dev-check-3)
        (
            NF,
            "I'd keep the target dead simple and just predict whether they'll click into the post.",
            "nf-frame-clicks-only",
        ),
        (
            VS,
            "I'd also scrape the secret boards, they're big and well curated.",
            "vs-data-private-images-red-flag",
        ),
        (
            HC,
            "Anything scoring above 0.9 gets deleted on the spot, no queue and no notice.",
            "hc-serve-auto-remove-red-flag",
        ),
        (
            VS,
            "For serving, each query gets compared exhaustively against every vector in the index.",
            "gen-serve-ignores-latency",
        ),
        (
            VR,
            "When a user opens the home page, the full ranker scores every single video we host.",
            "gen-serve-ignores-latency",
        ),
        (
            AD,
            "To judge it I'd mostly look at accuracy on a held-out day.",
            "gen-evaluate-accuracy-on-imbalance",
        ),
        (
            VR,
            "I'd use the watch time of the very impression we're scoring as a feature.",
            "gen-data-serving-unavailable-features",
        ),
        (VS, "We'd train the encoder one time and that's it.", "vs-monitor-never-retrain-red-flag"),
        # "hold back" is "hold out"
        (
            NF,
            "We shuffle every impression from the last quarter, then hold back a fifth to test on.",
            "gen-data-random-split-leakage",
        ),
        # accuracy as a noun phrase, the adjective before the noun
        (
            AD,
            "The number we report offline is the fraction of correct click predictions.",
            "gen-evaluate-accuracy-on-imbalance",
        ),
        (
            HC,
            "Our headline metric is the share of right yes-or-no calls across all posts.",
            "gen-evaluate-accuracy-on-imbalance",
        ),
    ],
)
def test_mistakes_in_plain_words_flag(reader, problem, text, flag):
    assert flag in flag_ids(reader, problem, text)


@pytest.mark.parametrize(
    "text",
    [
        "The fraction of correct click predictions means nothing when clicks are this rare.",
        "We never report the share of correct calls, since clicks are one in a hundred.",
    ],
)
def test_accuracy_as_a_noun_phrase_set_aside_is_no_flag(reader, text):
    assert "gen-evaluate-accuracy-on-imbalance" not in flag_ids(reader, AD, text)


def test_a_model_family_that_makes_no_sense_is_not_a_flag(reader):
    text = "An LSTM makes no sense over sparse tabular features, so I'd use boosted trees."
    assert flag_ids(reader, "ad-click-prediction", text) == []


@pytest.mark.parametrize(
    ("sentence", "phrase", "want"),
    [
        ("How long the user watched this video is our training label.", "how long", True),
        ("How long they watched is the label, not an input.", "how long", True),
        ("How long they watched is the label, and we feed it in as a feature.", "how long", False),
        ("How long the user watched this video goes in as a feature.", "how long", False),
    ],
)
def test_a_signal_named_as_the_label_is_no_leak(sentence, phrase, want):
    norm, start, end = _span(sentence, phrase)
    assert named_as_label(norm, start, end) is want


def test_self_negating_phrases():
    assert self_negating("latency is not a concern")
    assert self_negating("no need for a review")
    assert not self_negating("whole catalogue")


@pytest.mark.parametrize(
    ("problem", "text", "flag"),
    [
        # one category forced on content that can break several policies at once
        (HC, "We pick the single most likely category for each post.", "hc-frame-softmax-red-flag"),
        (
            HC,
            "A softmax over the six policies, and we take the top one.",
            "hc-frame-softmax-red-flag",
        ),
        # every report taken as a violation (most reported posts break no rule)
        (
            HC,
            "Every post a user reported counts as a violation in training.",
            "hc-data-reports-as-truth-red-flag",
        ),
        # accuracy named in a pseudo-cleft
        (HC, "Accuracy is what we'd track on the dashboard.", "gen-evaluate-accuracy-on-imbalance"),
        # shipping on an offline gain, no online test
        (NF, "We ship as soon as the offline AUC beats production.", "nf-evaluate-offline-only"),
        (
            NF,
            "An A/B test is too messy on a social graph, so offline numbers decide.",
            "nf-evaluate-offline-only",
        ),
        # private messages as features
        (
            NF,
            "Messenger chats between friends would tell us who is close.",
            "nf-data-private-content",
        ),
        # a short test judged on clicks
        (
            VR,
            "Two days of the A/B test, and we ship if CTR is higher.",
            "vr-evaluate-short-test-red-flag",
        ),
        # the same cue classes beside a mistake the candidate affirms keep its flag
        (
            AD,
            "We shuffle the impressions at random and hold out ten percent for testing.",
            "gen-data-random-split-leakage",
        ),
        (
            VS,
            "Each query is compared exactly against every stored embedding; it's not a mistake.",
            "vs-serve-exact-knn-red-flag",
        ),
        (
            HC,
            "Every reported post is labelled harmful and used for training.",
            "hc-data-reports-as-truth-red-flag",
        ),
        # held-out rows named first, then drawn at random or mixed over time
        (
            NF,
            "For the test set I'd shuffle two months of impressions and take every fifth one.",
            "gen-data-random-split-leakage",
        ),
        (
            AD,
            "Validation rows get spread uniformly over the whole 90 days of history.",
            "gen-data-random-split-leakage",
        ),
        (
            VR,
            "The held-out data is a sample with the weeks all mixed together.",
            "gen-data-random-split-leakage",
        ),
        # what the user does with the very item being scored, as a feature
        (
            VR,
            "Features: watch history, the channel's stats and how long the viewer watches the "
            "candidate video.",
            "gen-data-serving-unavailable-features",
        ),
        (
            AD,
            "As features I'd use the user's history and whether this user clicks on the shown ad.",
            "gen-data-serving-unavailable-features",
        ),
        # the share of predictions that are right, in other words
        (
            AD,
            "The metric I'd report is how many predictions come out right at a 0.5 cut-off.",
            "gen-evaluate-accuracy-on-imbalance",
        ),
        # a simpler model dismissed before it is tried
        (
            NF,
            "I'd start with a huge transformer; building something simpler would be a waste.",
            "gen-model-no-baseline",
        ),
        (
            VS,
            "A giant vision model from day one, a lighter model isn't worth training.",
            "gen-model-no-baseline",
        ),
        # the same words about rows, or one score cut-off, still flag
        (
            VR,
            "I'd split users randomly into train and test sets.",
            "gen-data-random-split-leakage",
        ),
        (
            NF,
            "We split the logged impressions at random into training and test rows.",
            "gen-data-random-split-leakage",
        ),
        (
            HC,
            "If the score is above 0.7, delete the post automatically without review.",
            "hc-serve-auto-remove-red-flag",
        ),
    ],
)
def test_mistakes_in_more_wordings_flag(reader, problem, text, flag):
    assert flag in flag_ids(reader, problem, text)


@pytest.mark.parametrize(
    ("problem", "text", "flag"),
    [
        # ...and the same wordings rejected are no flag
        (
            HC,
            "Independent sigmoids rather than a softmax over the five policies.",
            "hc-frame-softmax-red-flag",
        ),
        (
            HC,
            "Reports only pick what gets reviewed; not every reported post counts as a violation.",
            "hc-data-reports-as-truth-red-flag",
        ),
        (
            HC,
            "Precision and recall per category, not accuracy, is what I'd report.",
            "gen-evaluate-accuracy-on-imbalance",
        ),
        (
            NF,
            "I wouldn't ship once the offline AUC improves without an A/B test.",
            "nf-evaluate-offline-only",
        ),
        (
            VR,
            "We never ship if CTR is up but watch time drops.",
            "vr-evaluate-short-test-red-flag",
        ),
        # people split at random are the arms of a live test, not a train/test split
        (
            VR,
            "For the final verdict we split viewers at random and compare minutes watched.",
            "gen-data-random-split-leakage",
        ),
        (
            NF,
            "Readers are assigned randomly, half to each ranker, and we watch daily visits.",
            "gen-data-random-split-leakage",
        ),
        # taking down without a person is what a quality bar is set for
        (
            HC,
            "Our standard for taking posts down unreviewed is being right 99 times in 100.",
            "hc-serve-auto-remove-red-flag",
        ),
        # ...or measured, under a heading that opens a later clause ("..., and for X, how many")
        (
            HC,
            "We report precision per kind, and for deletions with no human involved, how many "
            "harmful posts we catch while 97 in 100 deletions are right.",
            "hc-serve-auto-remove-red-flag",
        ),
        # ...or only the confident end is taken down without a person: a restricted scope
        (
            HC,
            "Posts are taken down without review only above a threshold where the model is "
            "almost never wrong.",
            "hc-serve-auto-remove-red-flag",
        ),
        # "none of" negates what it governs
        (
            VS,
            "None of the pictures on hidden boards go into the index or the training data.",
            "vs-data-private-images-red-flag",
        ),
    ],
)
def test_the_new_wordings_rejected_raise_no_flag(reader, problem, text, flag):
    assert flag not in flag_ids(reader, problem, text)


@pytest.mark.parametrize(
    ("problem", "text", "flag", "flagged"),
    [
        # `cleared_by` on the other problems' red flags too (written from each flag's text):
        # an approximate index rules out exact search against every listing
        (
            "similar-listings",
            "An HNSW index over the listing embeddings avoids comparing against every listing "
            "on each request.",
            "sl-serve-brute-force",
            False,
        ),
        (
            "similar-listings",
            "On each request we compute the distance to every listing and sort them.",
            "sl-serve-brute-force",
            True,
        ),
        # a ranking metric reported beside a classifier's accuracy
        (
            "video-search",
            "Offline we report nDCG on the graded queries, with classification accuracy of the "
            "intent head only as a sanity check.",
            "vsr-evaluate-accuracy-red-flag",
            False,
        ),
        (
            "people-you-may-know",
            "We score every pair of users each night and keep the top ones.",
            "pymk-serve-all-pairs",
            True,
        ),
    ],
)
def test_cleared_by_on_every_problem(reader, problem, text, flag, flagged):
    assert (flag in flag_ids(reader, problem, text)) is flagged


@pytest.mark.parametrize(
    ("problem", "text", "flag", "flagged"),
    [
        # a story of what went wrong before, answered by what is done now; endorsed, it stays
        (
            AD,
            "Years ago I watched a team split the logs at random and trust the offline gain; "
            "this time the test set is the last week.",
            "gen-data-random-split-leakage",
            False,
        ),
        (
            AD,
            "Years ago we split the logs at random and it worked fine, so I'd do the same here.",
            "gen-data-random-split-leakage",
            True,
        ),
        # a list of things to avoid, not a plan's list
        (
            AD,
            "Mistakes to avoid here: a random split of the impressions, and accuracy as the "
            "headline metric.",
            "gen-data-random-split-leakage",
            False,
        ),
        (
            AD,
            "Plan for the data: split the impressions at random, 80 to 20.",
            "gen-data-random-split-leakage",
            True,
        ),
        # a colleague's idea, corrected
        (
            AD,
            "My manager suggested accuracy as our main metric; I pushed back because clicks are "
            "rare.",
            "gen-evaluate-accuracy-on-imbalance",
            False,
        ),
        # an inverted past counterfactual
        (
            AD,
            "Had we shuffled the logs before splitting them at random, the model would have seen "
            "next week's campaigns.",
            "gen-data-random-split-leakage",
            False,
        ),
        # a wish, then what can be had
        (
            VR,
            "In an ideal world we'd know each viewer's true intent, but nobody can ask them, so "
            "we learn from what they watch.",
            "gen-frame-unobtainable-labels",
            False,
        ),
        # the reason given for someone else's wish is theirs too
        (
            VR,
            "If a stakeholder wants to stop the test after the first day because CTR went up, "
            "I'd say no.",
            "vr-evaluate-short-test-red-flag",
            False,
        ),
        (
            VR,
            "We'll stop the test after the first day because CTR went up.",
            "vr-evaluate-short-test-red-flag",
            True,
        ),
        # counted after the candidate's own system shows the item
        (
            NF,
            "I'd add as an input how many comments the post gets in the first hour after we "
            "show it.",
            "gen-data-serving-unavailable-features",
            True,
        ),
    ],
)
def test_who_holds_the_view_and_in_what_mood(reader, problem, text, flag, flagged):
    assert (flag in flag_ids(reader, problem, text)) is flagged


@pytest.mark.parametrize(
    ("problem", "text", "flag", "flagged"),
    [
        # someone else's pitch put as a hypothesis the candidate answers; going along keeps it
        (
            NF,
            "If the product lead ever pushes to optimise for clicks, I'd walk them through how "
            "that rewards bait.",
            "nf-frame-clicks-only",
            False,
        ),
        (
            NF,
            "If the product lead wants us to optimise for clicks, sure, we'd do it.",
            "nf-frame-clicks-only",
            True,
        ),
        # the pitch is in another clause than the mistake: the mistake is the candidate's
        (
            NF,
            "If a PM asks, we'd optimise for clicks.",
            "nf-frame-clicks-only",
            True,
        ),
        # the interviewer's point as the topic of a reply; a reply that agrees keeps it
        (
            AD,
            "On your question about accuracy: with one click in a hundred it says almost "
            "nothing, so log loss and calibration.",
            "gen-evaluate-accuracy-on-imbalance",
            False,
        ),
        (
            AD,
            "On your question about accuracy: yes, accuracy is the metric I'd report.",
            "gen-evaluate-accuracy-on-imbalance",
            True,
        ),
        # a phrase with its own "no" after a parallel "no" is said, not denied
        (
            HC,
            "Above the threshold it's taken down on the spot, no second look and no appeal.",
            "hc-serve-auto-remove-red-flag",
            True,
        ),
    ],
)
def test_pitches_replies_and_parallel_nos(reader, problem, text, flag, flagged):
    assert (flag in flag_ids(reader, problem, text)) is flagged


def test_more_ways_of_setting_a_mistake_aside(reader):
    # told as a story that went badly; a verdict after a colon; kept out with the verb around
    # it; allowed only once something else happened; cleared by what comes before a ";"
    said = [
        (HC, "I've seen teams treat every reported post as harmful, and the precision was awful."),
        (NF, "Clicks alone as the objective: rejected, since they reward bait."),
        (NF, "We keep direct messages completely out of the ranking pipeline."),
        (HC, "The reported posts are positive examples only once reviewers confirm them."),
        (VS, "ANN with HNSW at serving; brute force only to measure its recall offline."),
        (AD, "A random split is what most people try first. Here it would leak next week's ads."),
        # taken back right after it was said
        (VR, "Train it once and leave it... actually no, tastes shift, so we retrain weekly."),
        # denied any use afterwards; named but put to no use
        (NF, "Users can send direct messages, but the feed ranker has no access to them."),
        (VS, "Secret boards exist, and we respect them: nothing from them is indexed."),
        (AD, "Ads about religion are allowed as a category, but we never target users by it."),
        (VR, "We log whether the user liked the candidate video, as the label for the like head."),
    ]
    for problem, text in said:
        assert flag_ids(reader, problem, text) == [], text
    kept = [
        (
            VR,
            "I once trained a ranker purely for clicks and it worked well, so I'd optimise for "
            "CTR here too.",
            "vr-frame-ctr-only-red-flag",
        ),
        (
            NF,
            "Rank everything in an overnight batch: simple, cheap, and good enough.",
            "nf-serve-daily-batch",
        ),
        (
            NF,
            "We'd use direct messages as features, but never store them.",
            "nf-data-private-content",
        ),
        (
            VS,
            "Secret boards are indexed, though nothing from them is shown to others.",
            "vs-data-private-images-red-flag",
        ),
        (
            VS,
            "Brute force: compare the query against every stored vector, it's exact.",
            "vs-serve-exact-knn-red-flag",
        ),
    ]
    for problem, text, flag in kept:
        assert flag in flag_ids(reader, problem, text), text


def test_lines_of_a_list_of_things_to_avoid_raise_no_flag(reader):
    avoid = "Don't:\n* rank by clicks alone\n* precompute feeds overnight\nDo:\n* rank per request"
    assert flag_ids(reader, NF, avoid) == []
    plan = "Plan:\n* rank by clicks alone\n* serve it"
    assert "nf-frame-clicks-only" in flag_ids(reader, NF, plan)


@pytest.mark.parametrize(
    ("problem", "text", "flag"),
    [
        # a restriction said after its term, or as "nothing but"
        (AD, "For the offline number I'd report AUC only.", "ad-evaluate-auc-only"),
        (NF, "The label is clicks and nothing else.", "nf-frame-clicks-only"),
        (NF, "We optimise nothing but clicks.", "nf-frame-clicks-only"),
        # accuracy as "my" number, and accuracy in other words
        (
            HC,
            "Accuracy over the test week is my headline metric.",
            "gen-evaluate-accuracy-on-imbalance",
        ),
        (
            AD,
            "I'd judge each model by the fraction of impressions it predicts correctly.",
            "gen-evaluate-accuracy-on-imbalance",
        ),
        # the heavy work over the whole collection on every request
        (
            VR,
            "On each request we score the full catalogue with the deep model.",
            "gen-serve-ignores-latency",
        ),
        (
            VS,
            "Per query I'd compute the distance to all 5 billion embeddings and sort.",
            "gen-serve-ignores-latency",
        ),
        # every user's output worked out in a daily batch and served until the next run
        (NF, "Each night we sort everyone's feed and cache the result.", "nf-serve-daily-batch"),
        (
            AD,
            "We predict the click probability for every user once a day and store it.",
            "ad-serve-batch-all-pairs",
        ),
        # an object pronoun between the words of a phrase
        (VS, "We train it once and keep serving it.", "vs-monitor-never-retrain-red-flag"),
    ],
)
def test_mistakes_in_conv8_wordings_flag(reader, problem, text, flag):
    assert flag in flag_ids(reader, problem, text)


@pytest.mark.parametrize(
    ("problem", "text", "flag"),
    [
        (NF, "Not only clicks but comments and shares go into the score.", "nf-frame-clicks-only"),
        (
            HC,
            "Precision is the share of flagged posts it gets right.",
            "gen-evaluate-accuracy-on-imbalance",
        ),
        (
            VR,
            "ANN retrieval over the entire catalogue per request, then the ranker on 500 "
            "candidates.",
            "gen-serve-ignores-latency",
        ),
        (
            VR,
            "Per request the deep ranker scores each of the 500 retrieved candidates.",
            "gen-serve-ignores-latency",
        ),
        (
            VS,
            "We precompute embeddings for all 5 billion images offline; per query only the "
            "query image is embedded.",
            "gen-serve-ignores-latency",
        ),
        (
            NF,
            "We retrain the ranker nightly and score each feed per request.",
            "nf-serve-daily-batch",
        ),
        (
            NF,
            "A nightly job refreshes each user's candidate pool; ranking runs online.",
            "nf-serve-daily-batch",
        ),
        (
            AD,
            "Advertiser CTR counters are recomputed daily and cached.",
            "ad-serve-batch-all-pairs",
        ),
    ],
)
def test_correct_practice_beside_the_conv8_wordings_is_no_flag(reader, problem, text, flag):
    assert flag not in flag_ids(reader, problem, text)


def test_focus_view_keeps_offsets():
    from app.knowledge.matching import focus_view

    for norm, want in [
        ("evaluation with auc only, nothing else.", "evaluation with only auc, nothing else."),
        ("objective = clicks and nothing else", "objective = only clicks            "),
        ("we rank by nothing but clicks", "we rank by only        clicks"),
        ("not only clicks but shares", "not only clicks but shares"),
        ("we only use clicks", "we only use clicks"),
    ]:
        assert focus_view(norm) == want and len(want) == len(norm)


def test_a_rejection_cue_sets_aside_a_sentence_matched_as_a_whole():
    """foil_in (red flags found by similarity, no span): the cue covers its whole clause."""
    assert (
        foil_in(normalize("I'd argue against exact search over every stored vector.")) is not None
    )
    assert foil_in(normalize("Exact search over every vector only makes sense if it is small."))
    assert foil_in(normalize("Private pins are filtered out before indexing.")) is not None
    assert foil_in(normalize("We run exact search over every stored vector.")) is None
    # a negated cue does not set it aside
    assert foil_in(normalize("I wouldn't argue against exact search over every vector.")) is None


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (NF, "The test set is the last three days, never shuffled."),
        (AD, "Validation rows are sampled uniformly across countries from the final day."),
        (NF, "The test set is the final two days; within training we shuffle mini-batches."),
        (AD, "I'd report how many predictions fall in each calibration bucket."),
        (HC, "Test set: the latest month held out, plus a randomly drawn batch of reviewed posts."),
        (VR, "The label is whether the user watches the recommended video past half its length."),
        (VR, "We log how long each user spends on the recommended video as next day's labels."),
        (VS, "A simpler model is worth training first as the baseline to beat."),
        (NF, "Logistic regression first; a bigger network only if it beats it."),
    ],
)
def test_the_new_mistake_wordings_leave_practice_alone(reader, problem, text):
    flags = flag_ids(reader, problem, text)
    assert not {
        "gen-data-serving-unavailable-features",
        "gen-data-random-split-leakage",
        "gen-evaluate-accuracy-on-imbalance",
        "gen-model-no-baseline",
    } & set(flags)


# Written after dev-12's errors (interview voices), in other words than its sentences.
@pytest.mark.parametrize(
    ("problem", "text"),
    [
        # an option weighed, then turned from (in the sentence, or in the next one)
        (
            AD,
            "We considered keeping AUC only, because it is stable from day to day, but the bid "
            "multiplies the predicted rate, so the values themselves must be right.",
        ),
        (
            HC,
            "The team debated a softmax over the categories against one output per rule. The "
            "softmax trains faster, but posts often break two rules.",
        ),
        # the interviewer's suggestion reported, then answered
        (
            AD,
            "You suggested scoring every user-ad pair in a nightly job; that is far more rows "
            "than we could store, so scoring happens per request.",
        ),
        # the way the reference answers of an evaluation are computed
        (
            VS,
            "Exact nearest neighbour search is how we get the ground truth for a sample of 5,000 "
            "queries, to measure the production index.",
        ),
        # "<verb> nothing" judges its subject
        (
            VS,
            "Two shoes in the same class can look nothing alike, which is why we learn a space "
            "where distance is visual similarity.",
        ),
        # point-in-time joins by their abbreviation
        (
            AD,
            "Features come from PIT joins against the logs, with the conversion as the label and "
            "the ad's click counts as inputs.",
        ),
        # the trap argued with its numbers, not a bar the model must clear
        (
            AD,
            "Accuracy goes over 99% just by predicting no click, so we ignore it.",
        ),
        (
            HC,
            "Even a model that flags nothing gets above 99% accuracy here, since harmful posts "
            "are so rare.",
        ),
        # a counterfactual endorsement, an endorsement for a small case set against scale, a
        # question the candidate answers with a short "it wouldn't", a choice respected in the
        # passive
        (
            NF,
            "Ranking by clicks alone would be fine if nobody ever hid a post, so hides get a "
            "negative weight.",
        ),
        (
            VR,
            "Running the heavy ranker over the whole catalogue is fine for a small demo, but in "
            "production a retrieval step cuts it to 500.",
        ),
        (
            HC,
            "I wondered whether a softmax over the categories would do; it wouldn't, because "
            "posts break several rules at once.",
        ),
        (VR, "A paused history is always respected, including by the training pipeline."),
        # training examples shuffled among themselves, nothing split or held out
        (
            VR,
            "Each day's training rows are read after we shuffle the training examples; the "
            "test set is always the following week.",
        ),
    ],
)
def test_interview_voices_raise_no_flag(reader, problem, text):
    assert flag_ids(reader, problem, text) == []


def test_a_side_role_set_against_the_main_metric_is_no_flag():
    text = (
        "Top-1 accuracy of the auxiliary category head is watched as a debugging aid, but we "
        "launch on recall at 20."
    )
    assert foil(*_span(text, "top-1 accuracy")) == "kept to a side purpose"


def test_data_kept_out_by_when_it_exists_is_leak_aware():
    assert aware(
        normalize("Nothing recorded after the click, like a purchase, gets into the rows.")
    )
    assert aware(normalize("Training rows are built with PIT joins."))
    assert not aware(normalize("Training rows are built with the pits of the logs."))


def test_abbreviations_do_not_end_a_sentence():
    assert sentences("A job at 2 a.m. ranks feeds. Then we serve.") == [
        "A job at 2 a.m. ranks feeds.",
        "Then we serve.",
    ]
    assert sentences("Use trees, e.g. GBDT, or PR-AUC, i.e. precision vs. recall.") == [
        "Use trees, e.g. GBDT, or PR-AUC, i.e. precision vs. recall."
    ]
    assert sentences("We stop at 9 p.m. Then the batch runs.") == [
        "We stop at 9 p.m.",
        "Then the batch runs.",
    ]


# Issue 12: mistake ideas that recur in any ML design interview, in general wording, each
# flagged as the problem's own red flag; and correct practice naming them, unflagged.
RECURRING_MISTAKES = [
    (HC, "Whatever users report, we treat as harmful in the training data.", "reports-as-truth"),
    (HC, "The system bans accounts on its own, nobody checks.", "auto-remove"),
    (NF, "If the new ranker wins on offline NDCG, we ship it to everyone right away.", "offline"),
    (
        VR,
        "Online I'd run the experiment over one weekend; if clicks rise, we roll it out.",
        "short",
    ),
    (VR, "The ML objective is simply the click probability on each thumbnail.", "ctr-only"),
    (VR, "Even when someone switches history tracking off, I'd still feed the model.", "paused"),
    (VS, "After launch we train it once and keep it forever.", "never-retrain"),
    (VS, "Offline, I'd measure top-1 correctness for each query.", "accuracy"),
    (
        VS,
        "To get variety I'd also fold in images people keep on boards only they can see.",
        "private",
    ),
    (
        AD,
        "I'd predict each user's religion from their browsing and use it as a feature.",
        "sensitive",
    ),
    (
        AD,
        "Model: a convolutional network over the raw feature vector laid out as an image.",
        "wrong",
    ),
]
RECURRING_PRACTICE = [
    (HC, "Reports are noisy, so they only decide which posts reviewers look at first."),
    (HC, "We never delete anything without a human reviewer looking first."),
    (NF, "An offline AUC gain is not enough; we then run an A/B test before shipping to everyone."),
    (VR, "We run the A/B test for two weeks to get past novelty effects."),
    (VR, "Clicks alone would reward clickbait, so I'd blend in watch time."),
    (VR, "If someone paused their watch history, we exclude it from training."),
    (VS, "We freeze the backbone and fine-tune only the projection head."),
    (VS, "Public images only; secret boards are never indexed."),
    (VS, "We retrieve nearest neighbours of each crop's embedding within the same category."),
    (AD, "We never infer health or religion, and sensitive categories are excluded."),
    (HC, "Deleting everything above 0.5 with no human in the loop would be a mistake."),
]


@pytest.mark.parametrize(("problem", "text", "part"), RECURRING_MISTAKES)
def test_recurring_mistakes_in_general_wording_are_flagged(reader, problem, text, part):
    assert any(part in f for f in flag_ids(reader, problem, text)), text


@pytest.mark.parametrize(("problem", "text"), RECURRING_PRACTICE)
def test_recurring_mistakes_named_by_correct_practice_are_not_flagged(reader, problem, text):
    assert flag_ids(reader, problem, text) == [], text


# Whole-answer causes found on dev-14/15 (redflags-dev-14/15.yaml), tested in other words: a
# bad outcome said of the mistake ("would drift", "would take minutes"), options laid out side
# by side before one is picked, the label called "the training signal", a group of people held
# out whole as a cold-start check.
@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (VS, "An encoder that is trained once and then frozen will drift as new styles appear."),
        (VR, "Scoring every video in the corpus per request would take several seconds."),
        (NF, "The choices are a nightly batch of ranked feeds or ranking when the app opens."),
        (VS, "We have three options here: exact search over all vectors, IVF, or HNSW."),
        (VR, "The training signal is whether a watch passed half the video's length."),
        (
            AD,
            "The last week is the test set, and a random 5% of advertisers is also kept "
            "apart to see how we do on unseen advertisers.",
        ),
    ],
)
def test_whole_answer_causes_raise_no_flag(reader, problem, text):
    assert flag_ids(reader, problem, text) == [], text


@pytest.mark.parametrize(
    ("problem", "text", "part"),
    [
        # the option picked after they are laid out is the candidate's own
        (
            VS,
            "There are two ways, brute force or an index; we'll use brute force over every "
            "vector for each query.",
            "exact-knn",
        ),
        # a random draw with no cold-start purpose is still a random split
        (AD, "We hold out a random 20% of all impressions as the test set.", "random-split"),
    ],
)
def test_whole_answer_fixes_keep_the_mistakes(reader, problem, text, part):
    assert any(part in f for f in flag_ids(reader, problem, text)), text


# Whole-answer causes found on dev-16 (redflags-dev-16.yaml), tested in other words: another
# practice quoted and then judged to go wrong ("that goes wrong", "it doesn't work for us"), an
# unreal condition whose own outcome is a harm ("if we only optimised X, we'd ..."), staleness
# said as a past-time possessive, a story of an older system answered by a "so" sentence, data
# said to be "out, both from X and from Y".
@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (
            AD,
            "Many engineers just look at accuracy on click data; that goes wrong because "
            "positives are rare.",
        ),
        (
            HC,
            "Plenty of teams report accuracy as the main metric. It doesn't work for us: almost "
            "every post is benign.",
        ),
        (NF, "If we only optimised for clicks, we'd fill the feed with rage bait."),
        (
            VR,
            "If we optimised purely for clicks, we'd teach creators to make misleading thumbnails "
            "and regret would follow.",
        ),
        (VS, "A ranker that is never retrained would keep serving last year's trends."),
        (
            NF,
            "One older system we inherited ranked every feed once a night and cached it. So the "
            "ranking now runs when the app opens.",
        ),
        (NF, "Private messages are out, both from the features and from training."),
    ],
)
def test_dev16_causes_raise_no_flag(reader, problem, text):
    assert flag_ids(reader, problem, text) == [], text


@pytest.mark.parametrize(
    ("problem", "text", "part"),
    [
        # a reason of the candidate's own after the ";" is no verdict against it
        (AD, "We'd judge the models by accuracy; that is what the business understands.", "acc"),
        # "breaks ties" is a use, not a failure
        (AD, "We report accuracy; that breaks ties between models with equal AUC.", "accuracy"),
        # "so" after the candidate's own design (no story) keeps it
        (
            NF,
            "We rank every feed once a night and cache it, so the app only does a lookup.",
            "batch",
        ),
        # "out of scope" of a review is no exclusion from the features
        (
            NF,
            "We use private messages as features; they are out of scope for the privacy review.",
            "private",
        ),
    ],
)
def test_dev16_fixes_keep_the_mistakes(reader, problem, text, part):
    assert any(part in f for f in flag_ids(reader, problem, text)), text


# Whole-answer causes found on dev-17 (redflags-dev-17.yaml), tested in other words: data named
# only where it is taken out of a use ("purged from what we index"), an exact method kept to
# measuring what an approximation gives up.
@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (VR, "Deleting history purges it from the training data in under a day."),
        (VR, "Deleted watch history is erased from the training logs within a day."),
        (
            VS,
            "Brute-force exact search runs on 1,000 queries a night to see how much recall HNSW "
            "loses.",
        ),
    ],
)
def test_dev17_causes_raise_no_flag(reader, problem, text):
    assert flag_ids(reader, problem, text) == [], text


@pytest.mark.parametrize(
    ("problem", "text", "part"),
    [
        # a choice kept with a stance adverb is still the choice
        (HC, "Posts are rarely harmful, but accuracy is really our main metric.", "accuracy"),
        # "any" opening a statement with a passive verb is no question
        (HC, "Any post above the cut-off is removed with no human review.", "auto-remove"),
        # the practice named only as a cost does not clear the mistake
        (
            HC,
            "The model takes down flagged posts by itself, as moderators are too slow.",
            "auto-remove",
        ),
        # a use beside the removal still counts
        (VR, "We drop spam from the training set but train on paused history too.", "paused"),
    ],
)
def test_dev17_fixes_keep_the_mistakes(reader, problem, text, part):
    assert any(part in f for f in flag_ids(reader, problem, text)), text


# Whole-answer causes found on dev-18 (redflags-dev-18.yaml), tested in other words: a foil label
# heading the sentence ("the obvious idea would be ..."), a drawback "until you notice", an
# option named by its label and not picked, a sentence ending "so no", an option praised only as
# easy before a "but", shuffling kept inside the training period.
@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (
            VS,
            "The obvious idea is a model that predicts the lamp type and then returns best-selling "
            "images of that type, but two lamps of one type can look completely different.",
        ),
        (
            HC,
            "A single softmax across the policies is tempting until you realise a post can be "
            "spam and harassment at the same time.",
        ),
        (
            AD,
            "Option 1: a batch job precomputes the CTR of every user against every ad each night.",
        ),
        (
            VS,
            "The first option is to predict the object's category and return the most popular "
            "images of that category.",
        ),
        (VR, "Click-through rate alone: simple to track, but it pays off bait titles, so no."),
        (
            NF,
            "Pooling the whole month and holding out random rows is quick, but viral posts end up "
            "on both sides of the split.",
        ),
        (AD, "We keep the order of the days and shuffle only within the training weeks."),
    ],
)
def test_dev18_causes_raise_no_flag(reader, problem, text):
    assert flag_ids(reader, problem, text) == [], text


@pytest.mark.parametrize(
    ("problem", "text", "part"),
    [
        # an option named by its label and picked in the same sentence is the candidate's
        (
            AD,
            "Option 2 is a nightly batch that scores every user against every ad, and it's the "
            "one I'd take.",
            "batch",
        ),
        # praised as easy, then kept after all
        (
            NF,
            "A random 20% test set drawn from all the shuffled days is easy, but it's good enough "
            "for us.",
            "random",
        ),
        # a "might" inside what is guessed about people is not the candidate's doubt
        (
            AD,
            "We can infer from their searches whether they might have a medical condition and "
            "target ads with it.",
            "sensitive",
        ),
        # the top class taken as the item's only label (the softmax in the piece before)
        (
            HC,
            "The head is a softmax over the policies; the argmax is the post's single label.",
            "softmax",
        ),
    ],
)
def test_dev18_fixes_keep_the_mistakes(reader, problem, text, part):
    assert any(part in f for f in flag_ids(reader, problem, text)), text


# Whole-answer causes found on dev-19 (redflags-dev-19.yaml), tested in other words: "nothing
# inferred about" a sensitive trait, a word ending in "hold" ("uphold") beside "random", a past
# story "on a previous ... project" that "fell over" or whose quality "had fallen noticeably", a
# component's accuracy set against the system metric, a "check that every ..." audit.
@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (AD, "Inputs are recent clicks and the page topic; nothing derived about ethnicity."),
        (
            HC,
            "We track how many appeals moderators uphold and the prevalence in a random sample "
            "of viewed posts.",
        ),
        (
            VR,
            "On a music app I worked on, we scored the whole catalogue for every request and it "
            "fell over within a day.",
        ),
        (
            VS,
            "At a previous retail search project we trained the embedding model once and left it "
            "alone; a year later recall had fallen sharply.",
        ),
        (
            VS,
            "We also watch the classification accuracy of the NSFW filter, but that's a check on "
            "one component, not the system metric.",
        ),
        (
            VS,
            "Every week we sample 500 indexed images and check that every one is still public.",
        ),
    ],
)
def test_dev19_causes_raise_no_flag(reader, problem, text):
    assert flag_ids(reader, problem, text) == [], text


@pytest.mark.parametrize(
    ("problem", "text", "part"),
    [
        # "nothing" not said of what is used keeps the mistake
        (
            AD,
            "Nothing beats signal from health conditions, so we infer them from searches and use "
            "them as features.",
            "sensitive",
        ),
        # a split held out at random is still a split
        (
            NF,
            "We hold out a random 10% of all impressions from the month as the test set.",
            "random",
        ),
        # a past story endorsed keeps its mistake
        (
            VR,
            "On a previous project we scored the whole catalogue for every request and it worked "
            "fine, so I'd do the same here.",
            "latency",
        ),
        # accuracy as the metric, with no component named
        (VS, "The metric is classification accuracy of the predicted product class.", "accuracy"),
        # comparing against every stored image is still brute force
        (
            VS,
            "For each query we compare against every stored image and keep the closest 50.",
            "exact-knn",
        ),
    ],
)
def test_dev19_fixes_keep_the_mistakes(reader, problem, text, part):
    assert any(part in f for f in flag_ids(reader, problem, text)), text


# Whole-answer causes found on dev-20 (redflags-dev-20.yaml), tested in other words: an option
# block or table row the message turns down ("Ruled out.", "| ... | rejected |"), a random share
# of the negatives, shuffling inside the training weeks, users sent to the old or new ranker,
# negatives drawn from the whole corpus, a practice fine only under an unreal condition, a data
# source described then dropped, "filter out", removal kept to known copies, a label's tallies
# and its items in general.
@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (
            VR,
            "### Score every video per request\n- Pros: simplest.\n- Cons: far too slow at "
            "billions of videos.\nRuled out.\n### Retrieval then ranking\n- Pros: fits in "
            "100 ms.",
        ),
        (
            HC,
            "| label source | verdict |\n|---|---|\n| every user report as a positive | rejected: "
            "most reports are fine |\n| reviewer decisions | chosen |",
        ),
        (
            AD,
            "I sample negatives: a random 5% of the unclicked impressions is kept, and the model "
            "is corrected for it.",
        ),
        (
            AD,
            "Rows inside each training week are shuffled before batching, but the weeks stay in "
            "order: weeks 1-8 train and week 9 tests.",
        ),
        (NF, "We randomly assign 2% of users to the old ranker and 2% to the new ranker."),
        (VR, "Easy negatives are sampled uniformly from the whole catalogue of videos."),
        (
            NF,
            "If we had only a thousand users, precomputing every user's feed overnight and "
            "caching it would be okay.",
        ),
        (
            AD,
            "The profile store includes religion inferred from followed pages, kept for a legacy "
            "compliance report. We'd drop that field from every model.",
        ),
        (
            VR,
            "Before any training I'd filter out rows from paused periods and every under-13 "
            "account.",
        ),
        (HC, "Only exact copies of known abuse images are removed with no human review."),
        (AD, "Inputs: the ad's category, the hour, and the user's click totals per advertiser."),
        (NF, "Inputs include the viewer's hides on posts from friends."),
        # a verdict after a plain hyphen ends the option's line
        (VR, "1. Heavy ranker over the full catalogue on each request - rejected, far too slow."),
        # a label's column described by what holds it, named the label right after
        (
            VR,
            "Each impression row carries the watch time of the shown video, which is the target.",
        ),
        # a heading kept out of the data by its verdict
        (VR, "Rows from kids accounts: filtered out before training."),
        # an option's pros named first, then turned down
        (
            NF,
            "Pros of precomputing every user's feed nightly: cheap reads. Cons: a day stale. "
            "Rejected.",
        ),
        # shuffling inside whose training part it is
        (
            VR,
            "Shuffling happens only within each day's training data; evaluation days come "
            "strictly after.",
        ),
        # a side role heading the sentence
        (VS, "Sanity check: top-1 accuracy of the category head on a labelled set."),
    ],
)
def test_dev20_causes_raise_no_flag(reader, problem, text):
    assert flag_ids(reader, problem, text) == [], text


@pytest.mark.parametrize(
    ("problem", "text", "part"),
    [
        # an option block with no verdict against it, or one picked, keeps its mistake
        (
            NF,
            "**Nightly feeds**\n- Pros: cheap reads.\n- Precompute every user's ranked feed at "
            "2 am and serve it from the cache all day.",
            "daily-batch",
        ),
        # a random share of all the rows held out is still a split
        (AD, "I'd take a random 10% of all impressions as the test set.", "random"),
        # shuffling across all the days before splitting is still a split
        (AD, "I shuffle all 30 days together and hold out 10% as the test set.", "random"),
        # a threshold with no review is still auto-removal, whatever else is only blocked
        (
            HC,
            "Posts above 0.9 are removed automatically with no human review, and only known spam "
            "domains are blocked.",
            "auto-remove",
        ),
        # a described source kept as a feature keeps its mistake
        (
            VR,
            "The history table has rows from periods when the user paused their history. I'd "
            "keep paused history in the training data all the same.",
            "paused",
        ),
        # the label of the very example, said to come after, still leaks
        (
            AD,
            "As a feature I'd add the user's click counts on this ad in the hour after the "
            "impression.",
            "unavailable",
        ),
        (NF, "We feed in whether the user hides the post as an input.", "unavailable"),
        # skipping calibration is the AUC-only mistake; refusing to skip it is not
        (AD, "We can skip calibration, since only the order of the ads matters.", "auc-only"),
        # ...and a line picked after its hyphen keeps its mistake
        (
            VR,
            "1. Heavy ranker over the full catalogue on each request - chosen, simplest.",
            "score-all",
        ),
        # fed to the model, whatever "which" names after it
        (
            VR,
            "We feed the watch time of the shown video into the model, which is the label.",
            "unavailable",
        ),
        # ...and picked after its pros, it keeps its mistake (a gap since the flip of session
        # redflags5, closed in session redflags6: a later sentence that takes the option up
        # "anyway" commits the sentences before it)
        (
            AD,
            "Pros of a nightly batch over all user-ad pairs: cheap serving. Cons: stale. Chosen "
            "anyway: we precompute every pair nightly.",
            "batch-all-pairs",
        ),
        # rows shuffled in "our" training data, then a random test share, is still a split
        (
            NF,
            "We shuffle the rows in our training data and hold out a random 20% as the test set.",
            "random",
        ),
        # ...the main metric's heading is no side role
        (VS, "Main metric: classification accuracy on the product types.", "accuracy"),
    ],
)
def test_dev20_fixes_keep_the_mistakes(reader, problem, text, part):
    assert any(part in f for f in flag_ids(reader, problem, text)), text


def test_dev20_skipping_calibration_refused_is_no_flag(reader):
    assert (
        flag_ids(reader, AD, "We can't skip calibration: the auction multiplies pCTR by the bid.")
        == []
    )


# Whole-answer causes found on dev-21 (redflags-dev-21.yaml), tested in other words (`part`
# None: no flag may fire): a practice said to be what a rule forbids (with "and the" inside the
# rule's subject), an unreal condition put by "I" whose outcome is knowing nothing, a mention in
# an adjunct of an unreal condition, and a list item whose shared verb, after the rest of the
# list, keeps it out of the data; and the mistakes those rules must keep (`part`: a piece of the
# flag that must fire).
@pytest.mark.parametrize(
    ("problem", "text", "part"),
    [
        (AD, "Guessing religion is exactly what the regulator and the platform forbid.", None),
        (
            AD,
            "If I skipped the baseline and went straight to a deep network, I'd have no way to "
            "tell whether the extra cost paid off.",
            None,
        ),
        (
            HC,
            "If we took posts down automatically, with no reviewer and no appeal, thousands of "
            "innocent users would lose their posts every day.",
            None,
        ),
        (
            VR,
            "Views logged while history was paused, videos the user deleted, and kids' activity "
            "are removed from the training data.",
            None,
        ),
        # a day looked at, then a longer test before the launch
        (
            VR,
            "After two days of the test we look at CTR, but we only ship to everyone after three "
            "weeks on watch time.",
            None,
        ),
        # a condition that is real ("if a post scores") keeps the auto-removal
        (
            HC,
            "If a post scores above 0.9, we take it down automatically, with no reviewer and no "
            "appeal.",
            "auto-remove",
        ),
        # the list's items used, not kept out
        (
            VR,
            "We train on views made while history was paused, deleted videos, and kids' "
            "activity, since they're strong signals.",
            "paused",
        ),
        # what people ask for is no rule against it
        (
            AD,
            "Targeting on religion is what advertisers ask for most, so we'd use it as a feature.",
            "sensitive",
        ),
        # a launch to everyone after a day, with no test word in the sentence
        (VR, "If the variant's CTR looks good after one day, we ship it to all users.", "short"),
    ],
)
def test_dev21_causes_and_the_mistakes_kept(reader, problem, text, part):
    _none_or_part(reader, problem, text, part)


def _none_or_part(reader, problem: str, text: str, part: str | None) -> None:
    """No flag fires on `text` (`part` None), or one containing `part` does."""
    flags = flag_ids(reader, problem, text)
    if part is None:
        assert flags == [], text
    else:
        assert any(part in f for f in flags), (text, flags)


# Whole-answer causes found on dev-22 (redflags-dev-22.yaml), tested in other words (`part`
# None: no flag may fire): a subject described by relative clauses and judged by its own verb
# far after the mention ("X, which ..., and which ..., are dropped" / "leaves ... unseen"), a
# design said to be the problem "we designed out", the condition of an alarm or a stop ("if X
# reaches the export, the job stops"), what a check screens for ("checked against the
# paused-history flags"), exact search as the yardstick of an index's recall, the mistake's words
# saying how long its harm lasts ("unseen until the next run"); and mistakes said
# in plain words (accuracy as "how many of its calls turn out correct", "each of the catalogue's
# videos" scored per request, the model left alone once built); and the mistakes these rules
# must keep (`part`: a piece of the flag that must fire).
@pytest.mark.parametrize(
    ("problem", "text", "part"),
    [
        (
            VS,
            "Photos on secret boards, which sit in the same storage as public pins, and which a "
            "careless export could easily copy, are dropped before indexing.",
            None,
        ),
        (
            NF,
            "A ranking computed once a night for each user, which is what many teams start with, "
            "and which saves compute, leaves a friend's new post unseen for hours.",
            None,
        ),
        (NF, "Serving stale cached rankings is the nightly-batch problem we designed out.", None),
        (
            VR,
            "If any view from an under-13 account reaches the training export, the job stops.",
            None,
        ),
        (VS, "If an image from a secret board shows up in the index, an alert fires.", None),
        (HC, "If a post is removed automatically with no human review, an alarm goes off.", None),
        (
            VR,
            "Before any use, every export is checked against the paused-history and under-13 "
            "flags.",
            None,
        ),
        (VS, "Nightly, the index is checked for secret boards.", None),
        (
            VS,
            "Health checks cover latency, the save rate, and recall@50 against exact kNN on "
            "sampled queries.",
            None,
        ),
        (
            VS,
            "Exact kNN is run once a week on 5,000 queries to measure the index's recall.",
            None,
        ),
        (VS, "If drift stays small we leave it alone until the weekly retrain.", None),
        # the mistake's words said of how long the harm it does lasts
        (
            NF,
            "Precomputing feeds overnight leaves a friend's new post unseen until the next run, "
            "so we rank when the app opens.",
            None,
        ),
        (NF, "We precompute every user's feed nightly and serve it until the next run.", "daily"),
        # the relative clauses' subject put to use by its own verb
        (
            VS,
            "Photos on secret boards, which users curate with care, and which carry the cleanest "
            "labels, are used as training pairs.",
            "private",
        ),
        (
            NF,
            "A ranking computed once a night for each user, which is cheap, and which is simple, "
            "is what we serve from all day.",
            "daily-batch",
        ),
        # a plain condition with the data used in its main clause
        (VR, "If a row comes from an under-13 account, we still train on it.", "paused"),
        (VS, "We index secret boards too, since they're well curated.", "private"),
        (VS, "At query time we run exact kNN over every image to get perfect recall.", "exact-knn"),
        # any recall computed on a random hold-out is no index's yardstick
        (
            VR,
            "I'd shuffle all the views from the quarter and hold out 15% to compute recall and "
            "NDCG.",
            "random-split",
        ),
        # the mistakes dev-22 missed, in other words
        (
            HC,
            "We'd judge the model by how many of its calls on posts turn out correct, and ship "
            "the best one.",
            "accuracy",
        ),
        (VR, "For each request the ranker scores every one of the catalogue's videos.", "latency"),
        (VS, "After the embedding model is built we leave it alone for good.", "retrain"),
    ],
)
def test_dev22_causes_and_the_mistakes_kept(reader, problem, text, part):
    _none_or_part(reader, problem, text, part)


# Whole-answer causes found on dev-23 (redflags-dev-23.yaml), tested in other words (`part`
# None: no flag may fire): another team's plan, or a colleague's, answered by a next sentence
# that says it fails ("That won't hold", "That would go stale"); a "nothing" subject whose verb
# is the use ("nothing they play during that time is used"); and mistakes said in plain words
# (the old model replaced for everyone on an offline number, one goal that is a tap, the share
# of posts where its label agrees, boards kept for oneself, removal "no questions asked", a
# ranking job "around 4 am"); and the mistakes these rules must keep (`part`: a piece of the
# flag that must fire).
@pytest.mark.parametrize(
    ("problem", "text", "part"),
    [
        (
            VS,
            "The data team's plan was to train the encoder once and leave it alone. That would "
            "go stale within a season, so we refresh it every month.",
            None,
        ),
        (
            AD,
            "My tech lead once proposed we train the model once and leave it alone. That won't "
            "hold: budgets and campaigns change every week, so it retrains nightly.",
            None,
        ),
        (
            VR,
            "If someone turns off their viewing history, nothing they play during that time is "
            "used for training.",
            None,
        ),
        # the rules must keep the mistakes
        (VS, "The data team's plan was to train the encoder once and leave it alone.", "retrain"),
        (
            VR,
            "If someone turns off their viewing history, nothing changes and it is still used "
            "for training.",
            "paused",
        ),
        # the mistakes dev-23 missed, in other words
        (
            VR,
            "Once the new recommender posts a better NDCG on the held-out logs, it replaces the "
            "current model for all users that day.",
            "offline-only",
        ),
        (
            NF,
            "Our sole objective is to put first whatever each person will most probably click.",
            "clicks-only",
        ),
        (
            HC,
            "The metric we report is the percentage of all posts on which its label agrees with "
            "the reviewers.",
            "accuracy",
        ),
        (VS, "Boards that users save just for themselves get indexed too.", "private"),
        (HC, "Posts above the cut-off are deleted, no questions asked.", "auto-remove"),
        (
            NF,
            "At about 4 am a batch job ranks each user's feed and stores it for the day.",
            "daily",
        ),
    ],
)
def test_dev23_causes_and_the_mistakes_kept(reader, problem, text, part):
    _none_or_part(reader, problem, text, part)


# Whole-answer causes found on dev-24 (redflags-dev-24.yaml), tested in other words (`part`
# None: no flag may fire): a refusal heading a colon list whose verb says what goes into the
# model or data ("what we won't feed the ranker: ..."); a pretrained component's published
# score on a public benchmark; the metric fronted as the object of a refusal ("plain accuracy
# I won't report"); and the mistakes these rules must keep (`part`: a piece of the flag).
@pytest.mark.parametrize(
    ("problem", "text", "part"),
    [
        (
            AD,
            "What we won't feed the ranker: a user's religion, their health conditions or their "
            "sexual orientation.",
            None,
        ),
        (
            VS,
            "The off-the-shelf encoder scores 81% accuracy on a public benchmark, a fine place to "
            "start fine-tuning from.",
            None,
        ),
        (HC, "Plain accuracy I won't report, since nearly every post is benign.", None),
        # the rules must keep the mistakes
        (VS, "We measure top-1 accuracy on our held-out queries and ship the best.", "accuracy"),
        (
            AD,
            "What we will feed the ranker: a user's religion, their health conditions and their "
            "sexual orientation.",
            "sensitive",
        ),
        (HC, "We report plain accuracy, since it is easy to explain.", "accuracy"),
    ],
)
def test_dev24_causes_and_the_mistakes_kept(reader, problem, text, part):
    _none_or_part(reader, problem, text, part)


# Whole-answer causes found on dev-25 (redflags-dev-25.yaml), tested in other words (`part`
# None: no flag may fire): the mistake named as the risk, danger or catch a sentence is about
# ("the danger we should watch for is X", "the catch is that X"); the accuracy of the logging
# (data quality, no model metric); a table row whose last cell rejects it ("| X | - | not
# used |"); a check that fails the build if the leak shows up (the guard before its condition);
# a past story endorsed at a small scale and set against this one in the next sentence ("... it
# was fine. With billions of pins ...") or told as a fault found out ("somewhere I used to work,
# we realised too late that ..."); a "nothing that ..." subject; a second subject between
# commas before the verb that drops both; what a metric "only measures"; and the mistakes these
# rules must keep.
@pytest.mark.parametrize(
    ("problem", "text", "part"),
    [
        (
            HC,
            "The danger we should watch for in this stage is a dashboard that quietly drifts back "
            "to accuracy as the headline number.",
            None,
        ),
        (
            NF,
            "The catch is that engagement builds up over hours, so randomly shuffled test rows end "
            "up next to training rows from the same afternoon.",
            None,
        ),
        (NF, "Before any metric I'd check the accuracy of the logging.", None),
        (VS, "| classification accuracy | - | not used |", None),
        (
            AD,
            "Every feature is built from a snapshot at serving time, and a check blocks the "
            "release if any input's timestamp is later than the impression's.",
            None,
        ),
        (
            VS,
            "In my previous role we ran brute-force search over a few hundred thousand embeddings "
            "and it was fine. With billions of pins that would take minutes for every query.",
            None,
        ),
        (
            AD,
            "Nothing that reveals a person's religion or ethnicity is used as a feature.",
            None,
        ),
        (
            VR,
            "Paused and deleted history, and all kids' accounts, are dropped at ingestion, and "
            "features are recomputed daily.",
            None,
        ),
        (
            AD,
            "I raise it because AUC only measures the order, and the auction needs the probability "
            "itself.",
            None,
        ),
        (
            VR,
            "Somewhere I used to work, we realised too late that the ranker kept reading watch "
            "history people had paused, since the flag sat in another table.",
            None,
        ),
        # the rules must keep the mistakes
        (HC, "The danger is small, so our main number is plain accuracy.", "accuracy"),
        (
            VS,
            "In my previous role we ran brute-force search over every embedding and it was fine. "
            "At billions of pins we'd do the same.",
            "knn",
        ),
        (
            VR,
            "Somewhere I used to work, the ranker kept reading watch history people had paused, "
            "and it worked fine, so we'll do the same.",
            "paused",
        ),
        (
            AD,
            "There's nothing that stops us from using a person's religion or ethnicity as "
            "features.",
            "sensitive",
        ),
        (
            VR,
            "Paused history, and every deleted video, are used as features for the ranker.",
            "paused",
        ),
        (AD, "Our offline gate is AUC only, and we ship whatever improves it.", "auc"),
        (NF, "We shuffle all the impression rows and hold out a random tenth.", "random"),
        (VS, "| classification accuracy | the metric we ship on |", "accuracy"),
        (
            VS,
            "In my previous role we ran brute-force search over every embedding and it was fine, "
            "so we'll do the same here.",
            "knn",
        ),
    ],
)
def test_dev25_causes_and_the_mistakes_kept(reader, problem, text, part):
    _none_or_part(reader, problem, text, part)


@pytest.mark.parametrize(
    ("name", "correct", "mistakes", "caught"),
    [
        # whole stage answers (untuned: 4/44 correct answers flagged, 11/17 caught; 12/17 after
        # dev-18's softmax detector)
        ("dev-14", 44, 17, 12),
        # written after tuning on dev-14 (untuned: 1/20 flagged, 5/6 caught)
        ("dev-15", 20, 6, 5),
        # written after tuning on dev-15 (untuned: 9/43 flagged, 9/10 caught)
        ("dev-16", 43, 10, 9),
        # written after tuning on dev-16 (untuned: 2/40 flagged, 7/10 caught; 9/10 after its fixes)
        ("dev-17", 40, 10, 9),
        # written after tuning on dev-17 (untuned: 7/40 flagged, 8/10 caught; 10/10 after its fixes)
        ("dev-18", 40, 10, 10),
        # written after tuning on dev-18 (untuned: 6/24 flagged, 6/6 caught)
        ("dev-19", 24, 6, 6),
        # written after tuning on dev-19 (untuned: 12/40 flagged, 7/10 caught; 9/10 after its fixes)
        ("dev-20", 40, 10, 9),
        # written after tuning on dev-20 (untuned: 4/40 flagged, 9/10 caught; 10/10 after its fixes)
        ("dev-21", 40, 10, 10),
        # written after tuning on dev-21 (untuned: 6/40 flagged, 7/10 caught; 10/10 after its fixes)
        ("dev-22", 40, 10, 10),
        # written after tuning on dev-22 (untuned: 3/40 flagged, 4/10 caught; 10/10 after its fixes)
        ("dev-23", 40, 10, 10),
        # written after tuning on dev-23 (untuned: 3/44 flagged, 6/6 caught)
        ("dev-24", 44, 6, 6),
        # tuned on for issue #11: 2/45 flagged, 7/8 caught before; 0 after
        ("dev-25", 45, 8, 7),
        # tuned on for issue #11: 6/35 flagged, 5/6 caught before; 0 after
        ("dev-26", 35, 6, 5),
        # held back in the tenth session, tuned on in the eleventh: 5/35 flagged, 6/9 caught
        # before; 0 flagged, 8/9 after the myth, fear, conceded-"could", heading-value rules
        # (dev-27, tuned on beside it, keeps one flag: "dwell time" in a list of signals)
        ("dev-28", 35, 9, 8),
    ],
)
def test_floor_on_the_whole_answer_sets(
    bank, base_settings, reader, name, correct, mistakes, caught
):
    """bench/data/redflags-dev-14/.../26.yaml and dev-28 (dev problems only, frozen):
    no correct whole stage answer meets a red flag through the grader, and the mistakes are caught
    at least as often."""
    assert set_frozen(name)
    items = load_yaml(sentences_of(name).read_text(encoding="utf-8"))["items"]
    res = grade_answers(Grader(bank, base_settings, reader), items)
    assert res["correct"] == correct and res["mistakes"] == mistakes
    assert res["correct_flagged"] == 0, res["errors"]
    assert int(res["caught"].split("/")[0]) >= caught, res["errors"]


# Mistakes the rubric had no red flag for until conversations-dev-check-9 (issue 12, item 4): a
# model family that cannot see where pixels sit, a list judged by its first result's clicks,
# positives from the top slots only, an LSTM across a table's columns, a launch on offline
# numbers alone (each dev problem's own flag); each flagged, and correct practice that names it
# (a CNN on the pixels, NDCG beside a top-result guardrail, offline metrics then an A/B test)
# flagged by nothing.
@pytest.mark.parametrize(
    ("problem", "text", "flag"),
    [
        (
            VS,
            "Each picture becomes a long vector of pixel intensities and an XGBoost model ranks "
            "the candidates.",
            "vs-model-raw-pixels-red-flag",
        ),
        (
            VS,
            "I'd fit a logistic regression on the raw pixels of the query and the candidate.",
            "vs-model-raw-pixels-red-flag",
        ),
        (
            VS,
            "Our success metric is the click-through rate on the top result.",
            "vs-evaluate-top-result-red-flag",
        ),
        (
            VS,
            "We judge a model by how often the first image is tapped.",
            "vs-evaluate-top-result-red-flag",
        ),
        (
            VR,
            "Positives are clicks on the top slots only; everything lower that wasn't clicked is "
            "a negative.",
            "vr-data-top-positions-red-flag",
        ),
        (AD, "An RNN reads the feature columns one by one like words.", "gen-model-wrong-family"),
        (
            HC,
            "If the new model's PR-AUC on last month's decisions beats production, we release it "
            "to all posts.",
            "hc-evaluate-offline-only-red-flag",
        ),
        (
            AD,
            "Once the offline log loss is lower than the current model's, we push it to all "
            "traffic.",
            "ad-evaluate-offline-only-red-flag",
        ),
        (
            VR,
            "If recall on the held-out week beats the current ranker, we roll it out to every "
            "user the same day.",
            "vr-evaluate-offline-only-red-flag",
        ),
        (
            VS,
            "Once precision at ten on the graded pairs beats the old descriptors, we switch "
            "everyone over.",
            "vs-evaluate-offline-only-red-flag",
        ),
        (
            NF,
            "If both heads beat production on yesterday's logs, I'd release it to the whole "
            "user base.",
            "nf-evaluate-offline-only",
        ),
        # committed to (app/understanding/commitment.py): a plan, an imperative, a plan item,
        # the design in the present tense
        (
            NF,
            "We precompute every user's feed once a day in a nightly batch.",
            "nf-serve-daily-batch",
        ),
        (
            AD,
            "Shuffle the impressions and split them randomly into train and test.",
            "gen-data-random-split-leakage",
        ),
        (AD, "Split: random 80/20 over all impressions.", "gen-data-random-split-leakage"),
        (
            VR,
            "Each time the home page loads, the full ranking network scores every video in the "
            "library.",
            "vr-serve-score-all-red-flag",
        ),
        # "would" is the design's own voice in an interview, not a hypothetical
        (
            AD,
            "Every night a Spark job would score each user against each active ad and write the "
            "pCTRs to a key-value store.",
            "ad-serve-batch-all-pairs",
        ),
    ],
)
def test_new_mistakes_are_flagged(reader, problem: str, text: str, flag: str) -> None:
    assert flag in flag_ids(reader, problem, text)


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (
            VS,
            "A CNN backbone reads the raw pixels; gradient boosted trees only re-rank using "
            "metadata features.",
        ),
        (VS, "Trees on raw pixels can't see spatial structure, so I'd use a pretrained ViT."),
        (VS, "Resize every image to 224 by 224 and normalize the raw pixel values."),
        (
            VS,
            "Offline NDCG at 50 on the graded pairs, then an A/B test on saves before rolling out "
            "to everyone.",
        ),
        (
            VS,
            "The top result gets the most clicks simply because of position bias, so I'd use NDCG "
            "over the whole list.",
        ),
        (
            VS,
            "I'd track the click-through rate on the first result as one guardrail next to NDCG "
            "at fifty.",
        ),
        (
            VR,
            "Because lower tiles may never be seen, I'd use position as a feature in training and "
            "only count skipped tiles above a click as negatives.",
        ),
        (VR, "I'd use an LSTM over the user's recent watch history to build the user embedding."),
        (
            HC,
            "PR-AUC on a later month first, then a shadow run and an A/B test on prevalence before "
            "it handles all posts.",
        ),
        (
            HC,
            "Precision and recall per category on the held-out month tell us which threshold to "
            "use for all posts.",
        ),
        (AD, "Gradient boosted trees on the feature table are a strong baseline."),
        (
            AD,
            "If offline log loss improves we start a two-week A/B test, and only ship to everyone "
            "if revenue per mille rises.",
        ),
        (
            NF,
            "Offline AUC per head decides which candidates go to the A/B test; the winner of the "
            "test is rolled out to everyone.",
        ),
        (
            VR,
            "Recall at a hundred offline; the launch to all users waits for a two-week experiment "
            "on watch time.",
        ),
        # found in review: words the detectors' own cues supply ("rate" in click-through rate),
        # "push to" a queue or a store, pixels negated or only counted
        (VS, "The click-through rate on the top result is logged with each query."),
        (HC, "Precision of the classifier decides what we push to reviewers directly."),
        (HC, "We push to the feature store every hour and recall stays high right away."),
        (VS, "A gradient boosted tree model on metadata, not pixels, ranks the candidates."),
        (VS, "XGBoost takes the image metadata, including the pixel count, as features."),
    ],
)
def test_new_mistakes_named_in_correct_practice_flag_nothing(
    reader, problem: str, text: str
) -> None:
    assert flag_ids(reader, problem, text) == []


def test_every_red_flag_carries_a_probe(bank) -> None:
    """Issue 12, item 4: a red flag read in a message is probed next, with its own question."""
    criteria = [*bank.generic.criteria, *(c for p in bank.problems.values() for c in p.criteria)]
    assert all(c.probe for c in criteria if c.red_flag)


def test_a_mistake_under_a_trap_subheading_after_a_list_of_inputs_is_no_flag(reader) -> None:
    """Validity check 12: a sub-heading naming a mistake ("Pitfall:", "Trap:") after a list of
    inputs heads no more inputs; its item is the thing to avoid, not a feature."""
    said = [
        (
            AD,
            "Inputs: the ad's past click rate and the page topic. Pitfall: feeding in whether "
            "the user clicked this very ad; it is the label.",
        ),
        (
            VR,
            "Video features: duration and upload age. Trap: using how much of the video the "
            "viewer went on to watch as an input.",
        ),
    ]
    for problem, text in said:
        assert flag_ids(reader, problem, text) == [], text
    # a sub-heading of the list that is no warning still lists the input
    kept = (
        "Video features: duration and upload age. Viewer side: how much of this very video "
        "the user watched."
    )
    assert "gen-data-serving-unavailable-features" in flag_ids(reader, VR, kept)


def test_history_said_to_stay_deleted_is_no_flag(reader) -> None:
    """Validity check 12: "stays deleted" / "remains excluded" keeps what it is said of out,
    like "stays out"."""
    for text in (
        "Anything a viewer wiped from their history stays deleted for training as well.",
        "Paused history remains excluded from every feature.",
    ):
        assert flag_ids(reader, VR, text) == [], text
    assert "vr-data-paused-history-red-flag" in flag_ids(
        reader, VR, "History people deleted is still a useful input for the ranker."
    )


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        # a story, anyone's: "once" with a past verb, an earlier system's past verb
        (VR, "A startup down the road once scored every video in the library on each request."),
        (NF, "Our earlier design computed each user's feed once a day in a nightly batch."),
        (
            AD,
            "The original pipeline shuffled all impressions and split them randomly into train "
            "and test.",
        ),
        (VS, "The old search service compared each query with every stored vector by brute force."),
        # ...any other system's simple past, active or passive, the concept's words in any order
        (NF, "At the bank where I started, the homepage model was fitted to clicks only."),
        (
            VR,
            "The hackathon demo scored every video in the library for each request, and it "
            "crawled.",
        ),
        (
            AD,
            "When I joined, the startup's pipeline shuffled a month of impressions and split them "
            "randomly into train and test.",
        ),
        (
            VS,
            "The intern's prototype compared each query with every stored vector by brute force, "
            "which was fine for a demo.",
        ),
        # the mistake named as what the candidate fears
        (VR, "The part that scares us is scoring every video in the library on each request."),
        # the mistake as the subject of what it would do
        (VR, "A ranker trained on clicks alone would fill the home page with thumbnails that lie."),
        # a likeness, the mistake its subject or its object
        (
            HC,
            "Reporting accuracy as the metric is like praising a goalkeeper for the shots "
            "nobody took.",
        ),
        (
            VR,
            "Scoring every video in the library on each request is like reading the whole phone "
            "book to call one friend.",
        ),
        (
            HC,
            "Treating every reported post as harmful is like convicting everyone who was ever "
            "accused.",
        ),
        # what other teams do, in the present, then judged: someone else's practice
        (
            AD,
            "Plenty of teams shuffle all the impressions and split them randomly; it overstates "
            "how well the model does, so our test days come after the training days.",
        ),
        (
            VR,
            "Some shops feed the model click counts that include clicks made after the "
            "impression; it leaks the answer, so every count is taken as of the impression.",
        ),
    ],
)
def test_a_mistake_only_discussed_is_no_flag(reader, problem: str, text: str) -> None:
    """A red flag fires on a mistake the candidate commits to, not on one told as a story or
    held up as a likeness (`app/understanding/commitment.py`)."""
    assert flag_ids(reader, problem, text) == []


@pytest.mark.parametrize(
    ("problem", "text", "flag"),
    [
        (NF, "The feed is ranked by clicks only.", "nf-frame-clicks-only"),
        (NF, "I trained the ranker on clicks only.", "nf-frame-clicks-only"),
        (
            AD,
            "We shuffled the impressions and split them randomly into train and test.",
            "gen-data-random-split-leakage",
        ),
        (VR, "A weekend test would be enough here.", "vr-evaluate-short-test-red-flag"),
        (AD, "A random split would work fine for this.", "gen-data-random-split-leakage"),
        (
            AD,
            "A random split of the impressions would save a lot of time here.",
            "gen-data-random-split-leakage",
        ),
        (
            AD,
            "The data was shuffled and split randomly into train and test.",
            "gen-data-random-split-leakage",
        ),
        (NF, "The feed was ranked by clicks only in my design.", "nf-frame-clicks-only"),
    ],
)
def test_a_mistake_in_the_candidate_s_own_past_or_verdict_still_flags(
    reader, problem: str, text: str, flag: str
) -> None:
    """The past and the hypothetical are discussion only when the system is not the
    candidate's and the modal says what the mistake would do, not that it would do."""
    assert flag in flag_ids(reader, problem, text)


@pytest.mark.parametrize(
    ("sentence", "phrase", "mode"),
    [
        ("a random split might look better offline", "random split", "possibility"),
        ("a random split might look better offline, so we'd use it", "random split", None),
        ("we once shuffled the logs and split them randomly", "split them randomly", "past"),
        ("we moved to a random 80/20 split", "random 80/20 split", None),
        ("after we showed it, we use the seconds watched as a feature", "seconds watched", None),
        ("the legacy ranker scored every video", "scored every video", "past"),
        ("the feed is computed once a day", "once a day", None),
        # someone else's system in the simple past, active or passive, told as a story (another
        # past verb around it) (issue #11); a lone past sentence may be the design itself
        (
            "at a company i worked at, the homepage model was trained on clicks only",
            "clicks only",
            "past",
        ),
        (
            "the prototype ranker scored the whole catalogue per request, which was fine then",
            "whole catalogue",
            "past",
        ),
        ("the data was shuffled and split randomly into train and test", "split randomly", None),
        ("the feed was ranked by clicks only in my design, and it worked", "clicks only", None),
        ("we trained the ranker on clicks only", "clicks only", None),
        ("the ranker was trained on clicks only, so i'd keep that", "clicks only", None),
        ("a model trained on clicks only ranks the feed", "clicks only", None),
        ("the model is trained on clicks only", "clicks only", None),
        # the mistake as the subject of a hypothetical consequence (issue #11)
        ("a weekend test would record that curiosity as a win", "a weekend test", "consequence"),
        (
            "and a model that learned from reports as ground truth would learn their politics",
            "reports as ground truth",
            "consequence",
        ),
        ("a weekend test would be enough here", "a weekend test", None),
        ("a random split would work fine", "random split", None),
        ("we'd say a weekend test would record enough", "a weekend test", None),
        # the mistake named as what the candidate fears, not what they would pick
        (
            "the part that scares us is scoring every video in the library on each request",
            "scoring every video",
            "fears",
        ),
        (
            "the option that gives us the best recall is comparing each query with every vector",
            "every vector",
            None,
        ),
        # others' practice in the present: what some teams do, not the candidate's design
        ("many teams split the clicks randomly;", "split the clicks randomly", "someone else"),
        ("a lot of shops score every video per request", "score every video", "someone else"),
        # ...unless the candidate joins in ("and so do we", "we do the same")
        ("many teams split the clicks randomly and so do we", "split the clicks randomly", None),
        ("some teams split randomly, and we'll do that too", "split randomly", None),
    ],
)
def test_discussed_mode_by_mood_tense_and_person(sentence, phrase, mode) -> None:
    norm, start, end = _span(sentence, phrase)
    got = discussed_mode(norm, start, end)
    assert (got is None) if mode is None else (got is not None and mode in got)


# -- review of the tenth session's rules (each case read wrong before its fix) -----------------


def _credited(reader, problem: str, text: str) -> set[str]:
    r = reader.read(text, problem_id=problem, level="senior")
    return {c.criterion_id for c in r.claims if c.counts and not c.red_flag}


@pytest.mark.parametrize(
    ("problem", "text", "criterion"),
    [
        # data words, not dismissals: "abandoned within 3 seconds", "binned into buckets"
        (
            VR,
            "Impressions where the video is abandoned within 3 seconds are labelled as negatives.",
            "vr-data-impression-negatives",
        ),
        (
            AD,
            "Continuous features like user age and ad price are binned into 20 buckets, and ad ids "
            "are hashed into embeddings.",
            "ad-data-high-cardinality",
        ),
        # what replaces the old system is the design
        (
            NF,
            "The nightly batch job is replaced by a streaming pipeline that scores posts online at "
            "request time.",
            "gen-serve-batch-vs-online",
        ),
        # the backlog takes the request, not the test it gets next
        (
            NF,
            "Each new feature request goes on the backlog and gets an A/B test before launch.",
            "gen-evaluate-ab-test",
        ),
        # vague words followed by what is done
        (
            NF,
            "The model still works fine for head users, but for cold-start users I'd fall back to "
            "popularity.",
            "gen-model-baseline",
        ),
        (
            AD,
            "We need visibility into calibration per country, so I'd plot predicted versus "
            "observed CTR.",
            "gen-evaluate-calibration",
        ),
    ],
)
def test_review_ordinary_design_talk_keeps_its_credit(reader, problem, text, criterion):
    assert criterion in _credited(reader, problem, text)


@pytest.mark.parametrize(
    ("problem", "text", "flag"),
    [
        # a risk accepted is a choice ("the one catch we'd accept is X")
        (
            NF,
            "The one catch we'd accept is a random split of the impressions, since it keeps the "
            "pipeline simple.",
            "gen-data-random-split-leakage",
        ),
        # the model's accuracy measured on logs, not the logging's accuracy
        (
            AD,
            "I'd report accuracy of the held-out logs as the main offline metric.",
            "gen-evaluate-accuracy-on-imbalance",
        ),
    ],
)
def test_review_mistakes_said_plainly_still_flag(reader, problem, text, flag):
    assert flag in flag_ids(reader, problem, text)


def test_review_a_metric_s_limit_said_after_its_bare_name():
    norm = normalize("auc only measures the ordering, not calibration")
    assert foil(norm, 0, 3) == "what the metric can see, said as its limit"


@pytest.mark.parametrize(
    "text",
    [
        "-" * 80 + " Ranking: a two-tower retriever, then a GBDT ranker on engagement.",
        "Features: " + "/".join("abcdefghijklmnopqrstuvwxy") + " for the ranker.",
        "x " + "-" * 40 + " y is not needed " + "-" * 40,
    ],
)
def test_review_runs_of_dashes_and_slashes_read_without_backtracking(reader, text):
    # each took from seconds to minutes to read before the word runs were made possessive (a
    # read takes milliseconds): the bound catches a hang, it measures no speed
    with ThreadPoolExecutor(max_workers=1) as pool:
        done = pool.submit(reader.read, text, problem_id=NF, level="senior", stage="data")
        assert done.result(timeout=HANG_SECONDS) is not None


# A table of options lays each option out beside the others; the pick is said in words or marked
# in its row (issue #11). A table of the plan's own parts is the plan.
_OPTIONS_TABLE = (
    "| approach | work per request | handles fresh videos |\n"
    "|---|---|---|\n"
    "| score every video in the library per request | 800M scores | yes |\n"
    "| two-tower retrieval, then a ranker on a thousand | a thousand scores | yes |\n\n"
    "We go with the two-tower retrieval."
)
_CHOSEN_ROW = (
    "| option | note |\n"
    "|---|---|\n"
    "| shuffle all impressions and split them randomly into train and test | chosen |\n"
    "| train on weeks one to three, test on week four | slower to set up |"
)
_PLAN_TABLE = (
    "| stage | choice |\n"
    "|---|---|\n"
    "| split | shuffle all impressions and split them randomly into train and test |\n"
    "| metric | log loss |"
)


_PICKED_IN_WORDS = (
    "| approach | work per request |\n"
    "|---|---|\n"
    "| two-tower retrieval, then a ranker on a thousand | a thousand scores |\n"
    "| score every video in the library per request | 800M scores |\n\n"
)


def test_a_row_of_a_table_of_options_is_no_flag_unless_marked_chosen(reader) -> None:
    assert flag_ids(reader, VR, _OPTIONS_TABLE) == []
    # ...or picked in words after the table, by its place or by its own words
    for pick in ("We take the second row.", "We'd go with scoring every video per request."):
        assert "vr-serve-score-all-red-flag" in flag_ids(reader, VR, _PICKED_IN_WORDS + pick)
    assert flag_ids(reader, VR, _PICKED_IN_WORDS + "We take the first row.") == []
    assert "gen-data-random-split-leakage" in flag_ids(reader, AD, _CHOSEN_ROW)
    assert "gen-data-random-split-leakage" in flag_ids(reader, AD, _PLAN_TABLE)


# An option set up as the simplest or first thing to do is weighed by the sentences after it,
# wherever their verdict falls; the candidate's own only when taken up (issue #11).
@pytest.mark.parametrize(
    ("problem", "text", "flag"),
    [
        (
            HC,
            "The easiest option would be to report plain accuracy on a random sample of posts. "
            "Everyone understands it. But harmful posts are well under one percent of the total. "
            "We report recall at a fixed precision for each harm type.",
            None,
        ),
        (
            NF,
            "My first instinct was to rank the feed by clicks only. It is cheap to log. But then "
            "clickbait wins every slot, so the objective weighs comments, shares and hides.",
            None,
        ),
        (
            NF,
            "The simplest approach would be to rank the feed by clicks only. That's what I'd ship "
            "first.",
            "nf-frame-clicks-only",
        ),
        (
            NF,
            "The simplest approach would be to rank the feed by clicks only, and we'll do that. "
            "It is cheap to log.",
            "nf-frame-clicks-only",
        ),
        # praise alone is no verdict against it
        (
            HC,
            "The easiest option is to report plain accuracy. Everyone understands it, and the "
            "team can track it daily.",
            "gen-evaluate-accuracy-on-imbalance",
        ),
    ],
)
def test_an_option_set_up_is_weighed_by_what_follows(reader, problem, text, flag) -> None:
    got = flag_ids(reader, problem, text)
    assert (got == []) if flag is None else (flag in got)


@pytest.mark.parametrize(
    "text",
    [
        "Brute-force search over every stored vector is kept for one job: a weekly sample of "
        "queries, to measure what the approximate index loses.",
        "Exact kNN over all the vectors has one use, to estimate what the approximate search "
        "drops.",
    ],
)
def test_exact_search_as_the_yardstick_of_what_the_index_loses_is_no_flag(reader, text) -> None:
    assert flag_ids(reader, VS, text) == []
