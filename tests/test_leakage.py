"""The per-problem leakage detector (app/understanding/leakage.py) and the `leakage` field of
problem files: a problem's label or a signal only known after prediction time used as an
input is the red flag, with its quote; correct practice naming the same signal is not, and
earns the problem's credit criterion where it has one; a problem without the field is read
by the generic detectors alone; the hand-written dev sentences keep a floor (the numbers
themselves are the bench's: `python -m bench.leakage`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from app.knowledge.bank import KnowledgeBank, KnowledgeError, load_bank
from app.knowledge.issues import load_yaml
from app.knowledge.text import normalize
from app.understanding.leakage import LEAKAGE_CRITERION, LeakDetector, alias_pattern
from app.understanding.offline import OfflineReader
from bench.leakage import SENTENCES, SETS, score
from tests.conftest import ROOT

AD = "ad-click-prediction"
FLAG = LEAKAGE_CRITERION


def _flags(reader, text: str, problem: str = AD) -> list:
    r = reader.read(text, problem_id=problem, level="senior")
    return [c for c in r.flags if c.criterion_id == FLAG]


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (AD, "I'd pass whether the user clicked this ad into the model as a feature."),
        (AD, "The time spent on the landing page is a great signal, so it goes in."),
        (AD, "Features like device, ad category and whether the person converted."),
        ("news-feed", "A strong input is how long the post was on screen in this impression."),
        ("harmful-content", "I'd give the classifier the reviewer's decision as an input."),
        ("visual-search", "Use whether the user saved the result as a re-ranking feature."),
        ("video-recommendation", "One more feature: the views the video gets over the next week."),
        (
            "video-recommendation",
            "A feature I really like is the total watch time of the video in the user's current"
            " session, including after the impression.",
        ),
    ],
)
def test_a_label_or_post_prediction_signal_as_input_is_flagged_with_its_quote(
    reader, problem, text
):
    flags = _flags(reader, text, problem)
    assert flags, text
    assert flags[0].quote == text and flags[0].red_flag and flags[0].polarity == "affirmed"
    assert flags[0].concept and "input" in flags[0].why


@pytest.mark.parametrize(
    "text",
    [
        "We must not use whether they clicked as a feature.",
        "Whether they clicked is only known after the impression, so exclude it.",
        "The click on the impression is the label, never an input.",
        "Dwell time on the landing page would leak the outcome, so it stays out of the model.",
        "I'd use the user's click-through rate over the past 30 days as a feature.",
        "The ad's clicks so far today are a fine input, counted up to the request.",
        "A feature I really like is the ad's click count so far, up to the request.",
        "The feature I like least is whether the user converted after the click.",
        "Clicks within the session are our positives and the rest of the impressions negatives.",
        # a negation before "counts" names no count
        "Take every rate as it stood at serving time, never totals that take in later taps.",
    ],
)
def test_correct_practice_naming_the_signal_is_no_flag(reader, text):
    assert not _flags(reader, text), text


def test_a_counter_leaks_only_when_counted_past_prediction_time(reader):
    assert not _flags(reader, "I'd use the total likes the post has as a feature.", "news-feed")
    leaked = "I'd use the total likes the post has by tomorrow as a feature."
    assert _flags(reader, leaked, "news-feed")
    # "after posting" is not after prediction in a feed: posts are ranked hours later...
    early = "Likes in the first hour after posting make a good feature."
    assert not _flags(reader, early, "news-feed")
    # ...but it is for harmful content, scored at upload (the problem's prediction_time)
    upload = "Reports in the day after it is posted make a good feature."
    assert _flags(reader, upload, "harmful-content")


def test_naming_what_would_leak_clears_the_leakage_red_flags(reader):
    for text in (
        "A random split would leak future information, so I split by time.",
        "Future information like the final click count would leak, so features stop at the "
        "impression.",
    ):
        r = reader.read(text, problem_id=AD, level="senior")
        assert not r.flags, (text, [c.criterion_id for c in r.flags])
    said = reader.read("I'll shuffle the logs and split them randomly.", problem_id=AD, level="")
    assert "gen-data-random-split-leakage" in {c.criterion_id for c in said.flags}


def test_an_experiment_is_not_a_random_split(reader):
    ab = reader.read(
        "I'd randomly split users between the old and new model and compare clicks.",
        problem_id=AD,
        level="senior",
    )
    assert "gen-data-random-split-leakage" not in {c.criterion_id for c in ab.flags}


def test_correct_practice_earns_the_problem_credit_criterion(reader, bank):
    pid = "people-you-may-know"
    (credit,) = bank.problem(pid).leakage.credit
    good = reader.read(
        "Mutual connections must be counted on the graph as of the suggestion, never on a "
        "later one, since edges formed after it are what we predict.",
        problem_id=pid,
        level="senior",
    )
    assert credit in good.evidence and not good.flags
    leak = reader.read(
        "A great feature is the number of mutual friends they end up having a month later.",
        problem_id=pid,
        level="senior",
    )
    assert credit not in leak.evidence and [c.criterion_id for c in leak.flags] == [FLAG]


def test_a_problem_without_the_field_is_read_by_the_generic_detectors(bank, matcher, retriever):
    bare = {pid: p.model_copy(update={"leakage": None}) for pid, p in bank.problems.items()}
    reader = OfflineReader(
        KnowledgeBank(bare, bank.generic, bank.concepts, bank.sections, "x"), matcher, retriever
    )
    # only the per-problem lists know that a landing-page visit follows the click
    assert not _flags(reader, "The time spent on the landing page is a great signal.")
    generic = "I'd include the clicks the ad received in the hour after the impression."
    assert _flags(reader, generic)
    assert LeakDetector(None).read(normalize(generic)) is None


def test_floor_on_the_hand_written_dev_sentences(reader):
    """bench/data/leakage-dev.yaml (dev problems only): the detector the reader runs keeps
    its precision and recall there (bench: `python -m bench.leakage`)."""
    items = load_yaml(SENTENCES.read_text(encoding="utf-8"))["items"]
    assert {it["problem_id"] for it in items} == {
        AD,
        "harmful-content",
        "news-feed",
        "video-recommendation",
        "visual-search",
    }
    res = score(reader, items)
    assert res["leaking"] == 20 and res["sentences"] == 40
    assert res["precision"] >= 0.95 and res["recall"] >= 0.85, res["errors"]


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        # the label in general words, whatever the problem calls it
        (AD, "The outcome we are predicting is very informative, so I'd pass it in as a feature."),
        ("news-feed", "I'd include the label itself, the viewer's reaction, as one of the inputs."),
        # an outcome the user reaches later, named by when
        ("harmful-content", "I'd give the classifier whether a moderator ultimately took it down."),
        ("video-recommendation", "Feed the model how much they watch once they have clicked."),
        # a count that includes the example itself or the whole log, future included
        ("news-feed", "The like count including this very impression is a strong feature."),
        (
            "visual-search",
            "Use the click rate over the full log, sessions after this query "
            "included, as a feature.",
        ),
        ("harmful-content", "A good input is the report count once the post has been live a day."),
    ],
)
def test_the_label_or_a_later_outcome_in_general_words_is_flagged(reader, problem, text):
    assert _flags(reader, text, problem), text


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (AD, "What we predict is the click, using features like the user's age and the ad type."),
        (AD, "We get the label from the impression log, and the features include past clicks."),
        (AD, "Whether they ended up clicking is the outcome we predict, so it never goes in."),
        (
            "video-recommendation",
            "I'd train on the whole dataset with features like watch history and video age.",
        ),
        (
            "news-feed",
            "Engagement counts snapshotted at the request, excluding the current "
            "impression, are features.",
        ),
        (
            "visual-search",
            "Whether the user ended up saving the result is our label, never a feature.",
        ),
    ],
)
def test_the_label_in_general_words_as_the_label_is_no_flag(reader, problem, text):
    assert not _flags(reader, text, problem), text


@pytest.mark.parametrize(
    ("which", "recall"),
    [
        # frozen before the general rules were written: the label named indirectly, outcomes
        # named by time
        ("check", 0.9),
        # frozen and scored once before any change (recall 0.30): later outcomes described by
        # process, the label in a list
        ("check2", 0.85),
        # frozen and scored once before any change (precision 0.875, recall 0.35): time words,
        # windows over the moment of prediction, target encoding in fold, counts that include
        # the scored example
        ("check3", 0.9),
        # frozen and scored once before any change (precision 1.0, recall 0.44): leaks inside a
        # longer feature-list paragraph, said indirectly or by lifetime / after-the-impression
        # time words, the label in everyday words
        ("check4", 0.9),
        # frozen and scored once before any change (precision 1.0, recall 0.70): leaks in long
        # feature lists, as aggregates, with far time words, the label renamed, non-native English
        ("check5", 0.9),
        # frozen and scored once before any change (precision 0.90, recall 0.72, 2 false flags):
        # the outcome itself in the problem's words, windows around the moment of prediction,
        # products of a later stage
        ("check7", 0.9),
        # frozen and scored once before any change (precision 0.875, recall 0.35, 1 false flag
        # of 30): 30 correct, 20 leaking; cut-offs across a "but", windows named by a clause,
        # counts with the example folded in, a judging team's call, a value made later per showing
        ("check8", 0.9),
    ],
)
def test_floor_on_the_frozen_check_sentences(reader, which, recall):
    """bench/data/leakage-dev-check*.yaml (dev problems only), each a floor on new wordings."""
    items = load_yaml(SETS[which].read_text(encoding="utf-8"))["items"]
    res = score(reader, items)
    assert res["leaking"] >= 20 and res["sentences"] >= 2 * res["leaking"]
    assert res["precision"] >= 0.95 and res["recall"] >= recall, res["errors"]


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        # what the user does after the example reaches them, or what it led to
        (AD, "Whether the impression led to an app install is something I'd hand the model."),
        ("news-feed", "Let the ranker see whether the viewer muted the author after seeing it."),
        ("visual-search", "How long they kept the result open when we showed it is a feature."),
        # a measure taken when the example is over, slipped into a list of inputs
        ("harmful-content", "The inputs are the caption, the account age and the final verdict."),
        # a count named by a later state of the item
        ("news-feed", "The comment count the post ends the week with is a strong feature."),
    ],
)
def test_later_outcomes_described_by_process_are_flagged(reader, problem, text):
    assert _flags(reader, text, problem), text


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        # the future tense of what the item collects or the user does
        ("news-feed", "I'd feed in how many comments the post will get as a feature."),
        ("visual-search", "A feature is the time the searcher will spend on the image."),
        # one act of the user on the example, in other words
        ("visual-search", "The input I'd add is the save of the user on this image."),
        # the time said first, the count picked up again later in the sentence
        (
            "news-feed",
            "Once the post has been live for a day we count its likes, and that like count "
            "goes into the ranker.",
        ),
        (AD, "Two weeks after the impression we know the spend; that amount is a feature."),
    ],
)
def test_later_outcomes_in_the_future_tense_or_picked_up_again_are_flagged(reader, problem, text):
    assert _flags(reader, text, problem), text


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        ("news-feed", "The features the model will use are the author and the post age."),
        (AD, "Before the auction we read the click count, and that count goes in as a feature."),
        (
            "harmful-content",
            "A day after upload we retrain; that number of reports so far is an input.",
        ),
        ("visual-search", "The user's click on this result is the label; features are embeddings."),
    ],
)
def test_the_future_tense_and_picked_up_counts_up_to_now_are_no_flag(reader, problem, text):
    assert not _flags(reader, text, problem), text


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        ("news-feed", "The final results of retrieval are fed to the re-ranker as candidates."),
        (AD, "Whether the user's earlier ad clicks led to purchases is a useful feature."),
        ("visual-search", "How often the user saves results after tapping them is a feature."),
        ("harmful-content", "The final decision of the classifier goes to a human reviewer."),
    ],
)
def test_the_same_words_about_the_past_or_the_pipeline_are_no_flag(reader, problem, text):
    assert not _flags(reader, text, problem), text


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        # target encoding that takes in the row's own label
        (AD, "We'd target-encode the campaign id on all of the logs and use it as a feature."),
        # a window that takes in the moment of prediction, or the scored example itself
        ("news-feed", "I'd use the post's share count over the two days around the request."),
        ("visual-search", "A feature is the result's save count, the current query included."),
        # something learnt later, named by when it is learnt
        ("harmful-content", "The verdict the appeals team gives next month is a strong input."),
        # the user's response to the very item scored, in any problem's words
        ("video-recommendation", "I'd feed the viewer's response to the video into the model."),
        # an outcome measured on the example itself
        ("visual-search", "A strong feature is the dwell time on this very search."),
        # a person's judgement of the example
        (
            "harmful-content",
            "I'd pass the rater's grade for the post to the classifier as a feature.",
        ),
        # a count of anything, said to run past prediction time
        (
            "video-recommendation",
            "The total subscriptions the channel gains next week is a feature.",
        ),
    ],
)
def test_leaks_said_in_general_time_words_are_flagged(reader, problem, text):
    assert _flags(reader, text, problem), text


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (AD, "The ranker's features also include whether the user clicked this ad."),
        ("news-feed", "Our inputs still include how long the post stays on screen in this visit."),
    ],
)
def test_a_focusing_adverb_between_the_inputs_and_their_verb_still_leaks(reader, problem, text):
    assert _flags(reader, text, problem), text


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (AD, "Campaign ids are target-encoded out-of-fold, so no row sees its own click."),
        ("news-feed", "Share counts stop at the request, before the session we rank."),
        (
            "harmful-content",
            "Appeal verdicts come a month later and are used to evaluate the model.",
        ),
        ("video-recommendation", "The viewer's response to the video is the label we predict."),
        ("news-feed", "Features: the device, the time of this request and the post's age."),
        (
            "news-feed",
            "We'd use the number of sessions per week as a feature and retrain next week.",
        ),
        (
            "harmful-content",
            "Reviewer decisions on the author's earlier posts are a useful feature.",
        ),
        # "so" with another subject: what goes in is the position, not the label
        ("news-feed", "Position biases the labels, so position goes in as a training feature."),
    ],
)
def test_the_same_signals_kept_out_or_as_labels_are_no_flag(reader, problem, text):
    assert not _flags(reader, text, problem), text


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        # an item of a list of inputs an earlier sentence opened
        (
            "news-feed",
            "Here are my features. On the post side, its age and type. Then the shares it gets "
            "in the 3 days after we rank it.",
        ),
        # a count over the item's whole life, or until something later ends
        ("video-recommendation", "As a feature I'd add the video's comments over its lifetime."),
        (AD, "Its impressions from launch until the campaign wraps up go into the model."),
        # how the example turned out, and what happened in the days after
        ("harmful-content", "Another input: how the post ended up doing with reviewers."),
        # a click said as a tap where the tap is not the moment of prediction
        (AD, "For the ranker, give it whether the user tapped the ad."),
        # "past" after a verb of moving by is no history
        ("news-feed", "Whether they reacted to the post or scrolled past it goes in as a feature."),
    ],
)
def test_lists_lifetimes_and_later_outcomes_are_flagged(reader, problem, text):
    assert _flags(reader, text, problem), text


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        ("news-feed", "My features. Post side: its age. Then its shares before the request."),
        ("news-feed", "Here are my features. Then the label is whether they reacted to the post."),
        ("video-recommendation", "Lifetime comments on a video are a monitoring metric only."),
        # a tap that starts the search is the moment of prediction, not the label
        ("visual-search", "Input: the query image, or the crop the user tapped."),
    ],
)
def test_the_same_lists_and_counts_up_to_the_request_are_no_flag(reader, problem, text):
    assert not _flags(reader, text, problem), text


def test_aliases_match_loosely_but_keep_their_subject():
    saved = alias_pattern("user saved the result")
    assert saved.search("whether that user has saved this result")
    assert saved.search("the user's saves on the result")
    assert not alias_pattern("user signed up").search("the user's friends already signed up")
    assert alias_pattern("reviewer decision").search("the reviewer's category decision")
    assert alias_pattern("annotator boxes").search("the annotators' boxes")
    assert not alias_pattern("likes").search("it will likely help")


# --- the `leakage` field in the bank --------------------------------------------------------


@pytest.fixture
def kdir(tmp_path) -> Path:
    dst = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", dst)
    return dst


def _rewrite(path: Path, edit) -> None:
    data = load_yaml(path.read_text(encoding="utf-8"))
    edit(data["leakage"])
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def _issues(kdir: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as exc:
        load_bank(kdir)
    return [str(i) for i in exc.value.issues]


def test_every_problem_names_its_labels_and_post_prediction_signals(bank):
    for pid, problem in bank.problems.items():
        assert problem.leakage is not None, pid
        assert problem.leakage.labels and problem.leakage.after_prediction, pid


def test_a_leakage_alias_is_used_once_per_problem(kdir):
    def dup(leak: dict) -> None:
        leak["after_prediction"][0]["aliases"].append(leak["labels"][0]["aliases"][0])

    _rewrite(kdir / "problems" / "news-feed.yaml", dup)
    (issue,) = _issues(kdir)
    assert "news-feed.yaml:" in issue and "leakage alias" in issue and "already used" in issue


def test_leakage_credit_must_be_a_positive_criterion_of_the_problem(kdir):
    def credit(leak: dict) -> None:
        leak["credit"] = ["gen-data-label-source", "nf-data-private-content"]

    _rewrite(kdir / "problems" / "news-feed.yaml", credit)
    issues = _issues(kdir)
    assert len(issues) == 2 and all("not a positive criterion" in i for i in issues)


def test_a_leakage_alias_is_lower_case(kdir):
    def upper(leak: dict) -> None:
        leak["labels"][0]["aliases"][0] = "Viewer Liked"

    _rewrite(kdir / "problems" / "news-feed.yaml", upper)
    (issue,) = _issues(kdir)
    assert "leakage.labels.0.aliases.0" in issue and "lower case" in issue


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        # a window around the moment of prediction, the model said to take it with a modal
        (AD, "The ranker should get the clicks the ad collects in the hour around the request."),
        # a compound with "removed" is no exclusion; "by the end of the week" is later
        (
            "harmful-content",
            "One input I'd give the classifier is whether the post ended up on the "
            "removed-posts list by the end of the week.",
        ),
        # where the example ends up once every stage has run
        ("news-feed", "I'd feed in the final rank the post got on the viewer's screen."),
        (
            "video-recommendation",
            "For each candidate I'd pass in whether the viewer came back by the end of the day.",
        ),
        # what the scored example did to the person
        (AD, "A good input is whether this impression brought the user back to the store."),
        # a rate taken at a later moment is no history
        (AD, "The model gets each advertiser's click rate as it stood at the end of the quarter."),
    ],
)
def test_the_outcome_by_its_end_or_a_later_stage_is_flagged(reader, problem, text):
    assert _flags(reader, text, problem), text


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        # the way to the ranker is denied
        (
            "visual-search",
            "The raters' relevance grades are used to measure the system, not as features "
            "for the ranker.",
        ),
        # the outcome named plainly, the input counted up to yesterday
        (
            "news-feed",
            "Whether the viewer commented on the post is the outcome, and the ranker sees the "
            "viewer's comments on that author up to yesterday.",
        ),
        # a later moment beside time words that end the window before
        (
            AD,
            "The model gets the ad's click-through rate over the past week, computed at the end "
            "of each day.",
        ),
        (
            "harmful-content",
            "The author's removed-post count up to yesterday goes in as a feature.",
        ),
    ],
)
def test_the_outcome_named_as_such_or_counted_before_is_no_flag(reader, problem, text):
    assert not _flags(reader, text, problem), text


_PERSONS_ACT = [
    # what the person did to the example, in the past tense, in words no problem lists
    ("news-feed", "I'd add whether the viewer bookmarked the post as a feature.", True),
    ("visual-search", "One input is whether the shopper bought the product.", True),
    ("video-recommendation", "A strong feature is whether the user rewatched the clip.", True),
    (
        "harmful-content",
        "I'd give the classifier whether the reviewer escalated the post.",
        True,
    ),
    ("harmful-content", "I'd add whether the annotator blurred the face as a feature.", True),
    # ...named as what is predicted, done before, or only seen before, or a standing state
    (AD, "A feature is whether the user made the request from a phone.", False),
    (AD, "I'd add whether the user completed the profile as a feature.", False),
    ("news-feed", "Whether the viewer bookmarked the post is what we predict.", False),
    (AD, "I'd add whether the user clicked this advertiser's ads before as a feature.", False),
    (AD, "A useful feature is whether the user has already seen this ad.", False),
    (
        "visual-search",
        "Whether the shopper bought the product is only used to train, never as an input.",
        False,
    ),
]


_UP_TO_A_LATER_MOMENT = [
    # counted up to a moment after prediction time, in clock or calendar words
    (AD, "I'd add the clicks the ad gets before the campaign ends as a feature.", True),
    (
        "news-feed",
        "The ranker gets the number of shares the post had when the day was over.",
        True,
    ),
    (
        "video-recommendation",
        "A strong input is the video's total views once the week is out.",
        True,
    ),
    (
        "visual-search",
        "I'd feed in the number of purchases the product gets during the month of the query.",
        True,
    ),
    ("visual-search", "One input is how popular the item turns out to be that week.", True),
    ("news-feed", "I'd use the engagement the post goes on to get as an input.", True),
    # ...or up to prediction time, or named as what is measured
    (
        AD,
        "The model gets the user's clicks from the sessions before the request as a feature.",
        False,
    ),
    (
        AD,
        "For the click model I'd use the advertiser's spend so far before the campaign budget "
        "runs out as a feature.",
        False,
    ),
    (
        "visual-search",
        "I'd feed in the item's saves before the query, and how popular it turns out to be is "
        "what we evaluate on.",
        False,
    ),
    (AD, "A good ranker should get the clicked flag right most of the time.", False),
]


_WHAT_BECAME_OF_IT = [
    # the outcome named by what it is for the example, in words no problem lists
    ("news-feed", "One input is the engaged flag we compute for training.", True),
    (
        "visual-search",
        "I'd include the relevance annotation the rater wrote for the pair as an input.",
        True,
    ),
    (
        "harmful-content",
        "A strong feature is the enforcement outcome recorded in the review tool.",
        True,
    ),
    (
        "news-feed",
        "The ranker gets the response the viewer gave to the post we are ranking.",
        True,
    ),
    (
        "video-recommendation",
        "I'd pass in what the user did with this recommendation as a feature.",
        True,
    ),
    ("visual-search", "For the ranker I'd use whether that result was the one picked.", True),
    ("harmful-content", "I'd feed the model whether the post was found violating.", True),
    # a person's say on the example given once they have had it
    (
        "video-recommendation",
        "For the model I'd use the survey answer the user gives after the session.",
        True,
    ),
    (
        "visual-search",
        "A strong input is the rating the shopper leaves once the order arrives.",
        True,
    ),
    (
        "video-recommendation",
        "The survey answer the user gives after the session is what we evaluate against, not an "
        "input.",
        False,
    ),
    # a thing named by the later state it reaches
    (
        "news-feed",
        "A strong feature is the slot the post ended up in once the feed was assembled.",
        True,
    ),
    (
        "video-recommendation",
        "I'd give the ranker the rank the blender finally gave the video.",
        True,
    ),
    (
        "news-feed",
        "The approach we eventually settled on uses the viewer's past likes as a feature.",
        False,
    ),
    ("news-feed", "One input is whether the post got a reaction from this viewer.", True),
    # ...named as what is predicted or kept out, or done by others before
    (
        "news-feed",
        "The engaged flag we compute for training is what the model predicts, never an input.",
        False,
    ),
    (
        "news-feed",
        "I'd add whether the post was liked by a friend of the viewer as a feature.",
        False,
    ),
    (
        "harmful-content",
        "Whether the post was found violating is the outcome; the classifier sees the text "
        "and the image.",
        False,
    ),
    (
        "video-recommendation",
        "I'd add the channel's own engagement rate over the past month as a feature.",
        False,
    ),
    (
        "visual-search",
        "The relevance annotations the raters wrote are used for offline evaluation, not as "
        "inputs.",
        False,
    ),
]


@pytest.mark.parametrize(
    ("problem", "text", "leaks"), [*_PERSONS_ACT, *_UP_TO_A_LATER_MOMENT, *_WHAT_BECAME_OF_IT]
)
def test_general_cues_of_the_outcome_and_of_a_later_moment(reader, problem, text, leaks):
    """General rules (no problem's words): the person's act on the example in the past tense,
    a count up to a later moment in clock or calendar words, what became of the example."""
    assert bool(_flags(reader, text, problem)) is leaks, text


_CHECK8_GENERAL = [
    # the model said to take it with an adverb between
    ("news-feed", "The ranker also receives whether the viewer shared this post.", True),
    # a calendar window named by a clause of its own
    (
        AD,
        "I'd add the ad's click count over the same hour the impression happened as a feature.",
        True,
    ),
    # a count with the example folded / counted in
    (
        "video-recommendation",
        "As a feature I'd take the channel's watch count with this view counted in.",
        True,
    ),
    # a judging team's call
    (
        "harmful-content",
        "A useful input is the verdict the moderation team hands down on the post.",
        True,
    ),
    # an item's first hours in words, where it is scored on arrival
    (
        "harmful-content",
        "The classifier gets the number of shares the post receives in its first two hours.",
        True,
    ),
    # made after the prediction's own step
    (
        "visual-search",
        "The re-ranker gets the score the vendor's system assigns after ranking.",
        True,
    ),
    # how much of the example the person took in
    (
        "video-recommendation",
        "I'd pass in how much of this clip the viewer got through, as a feature.",
        True,
    ),
    # a value made later for each showing
    (
        AD,
        "The conversion value the attribution job fills in the next day for each impression is "
        "an input.",
        True,
    ),
    ("news-feed", "The post's share total by the close of the week goes into the ranker.", True),
    # the same words cut before the moment, kept as the label, or made from the past
    (AD, "The user's ad clicks up to but excluding the current request go in as a feature.", False),
    (
        "news-feed",
        "We count likes up to but not counting this impression and feed that to the ranker.",
        False,
    ),
    ("video-recommendation", "Thumbnail features after the dedup step go into the model.", False),
    (
        "harmful-content",
        "The verdict the moderation team hands down is our label, never an input.",
        False,
    ),
    (
        "video-recommendation",
        "The watch flag the batch writes overnight for each recommendation is only the label we "
        "train on.",
        False,
    ),
    (
        "video-recommendation",
        "The embedding the batch job computes overnight for each video goes into the model.",
        False,
    ),
    (AD, "On the day we launch a campaign the model gets the advertiser's past click rate.", False),
]


@pytest.mark.parametrize(("problem", "text", "leaks"), _CHECK8_GENERAL)
def test_general_cues_written_for_check8_in_other_words(reader, problem, text, leaks):
    """General rules from check8, probed in words of their own: a cut-off said across a "but",
    a window named by a clause, a count with the example counted in, a judging team's call, a
    value made later per showing, how much of the example the person took in."""
    assert bool(_flags(reader, text, problem)) is leaks, text


_CHECK9_GENERAL = [
    # a rate word between the label's words: an aggregate over past events, any articles
    (AD, "We feed click ratios of advertiser ad into the model.", False),
    (AD, "Features: tap rate on ads in her feed, and device.", False),
    # a rate over a group of items, not the example
    ("video-recommendation", "The viewer's completion rate for this creator is an input.", False),
    # a denial between the verb and the model
    (
        "news-feed",
        "Hides after ranking get logged for the dashboard, not passed to the model.",
        False,
    ),
    # windows that open at the moment of prediction, said by a clause or a horizon
    (
        AD,
        "As a feature I'd use the advertiser's click count over the week which follows the "
        "impression.",
        True,
    ),
    (
        "news-feed",
        "An input for the ranker is the number of comments two days after we rank it.",
        True,
    ),
    (
        "video-recommendation",
        "I'd add as a feature whether the viewer liked the channel once the clip was recommended.",
        True,
    ),
]


@pytest.mark.parametrize(("problem", "text", "leaks"), _CHECK9_GENERAL)
def test_general_cues_written_for_check9_in_other_words(reader, problem, text, leaks):
    """General rules from check9, probed in words of their own: a rate said between the label's
    words or over a group of items, a denial between the verb and the model, a window that
    follows the prediction, the example named and then shown."""
    assert bool(_flags(reader, text, problem)) is leaks, text
