"""Which quote a met criterion carries, and what may not meet one (issue #11): the quote is the
statement the criterion was matched on, said in its own stage when there is one; a bare list
of terms, a sentence that reads as another stage's work, or an answer to another problem
meets nothing. Hand-written messages; quote precision on held-out data is a benchmark
(`python -m bench.quotes`, audited by reading in bench/results/met-quotes-dev-*.md)."""

from __future__ import annotations

import pytest

from app.grading.judges import OfflineJudge, TurnText
from app.knowledge.matching import Match
from app.knowledge.text import find_phrase, normalize
from app.understanding.claim_evidence import (
    pick,
    stems_of,
    with_near_neighbour,
    with_proposal_after,
)
from app.understanding.criterion_stems import (
    distinct_stems,
    own_stage_first,
    shares_own_word,
    spans_to_closest,
)
from app.understanding.polarity import amount_only, mixed_topic_list, polarity_of_span
from app.understanding.quotes import has_quote, supporting_clauses
from app.understanding.restrictions import (
    claims_representative,
    corpus_at_request_time,
    foil_stems,
    only,
)
from app.understanding.schema import Claim
from app.understanding.vocabulary import is_vague

AD = "ad-click-prediction"
NF = "news-feed"


def _met(reader, bank, problem: str, messages: list[tuple[str, str]]) -> dict[str, str]:
    """Met positive criteria -> the quote shown first, for `messages` as (stage, text)."""
    turns = [TurnText(f"m{i}", i, "candidate", t, st) for i, (st, t) in enumerate(messages, 1)]
    found = OfflineJudge(reader).judge_sync(bank.criteria_for(problem, "senior"), turns, problem)
    return {cid: f.evidence[0]["quote"] for cid, f in found.items() if f.met and f.credit > 0}


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("als", "it's also the fallback", False),  # a short term takes no free letters
        ("age", "the agent decides", False),
        ("top", "a topic model", False),
        ("log loss", "logged losses", True),  # ...but still its inflections
        ("ctr", "both ctrs", True),
        ("tap", "users tapped", True),
        ("use", "we used it", True),
    ],
)
def test_short_terms_match_their_inflections_not_longer_words(phrase, text, found):
    assert bool(find_phrase(phrase, text)) is found


@pytest.mark.parametrize(
    ("phrase", "text", "span"),
    [
        # the word-start test sits after the phrase's first letters (a speed-up): the same test
        ("rank", "a prank and a ranking", "ranking"),
        ("rank", "ranking first", "ranking"),
        ("rank", "re-ranking", "ranking"),
        ("rank", "2rank", None),
        ("position bias", "composition bias, then position biases", "position biases"),
        ("category", "subcategories or categories", "categories"),
    ],
)
def test_a_phrase_starts_at_a_word_start(phrase, text, span):
    m = find_phrase(phrase, text)
    assert (text[m.start() : m.end()] if m else None) == span


@pytest.mark.parametrize(
    ("phrase", "text", "span"),
    [
        # up to two gap words (determiners, "it", small numbers) between a phrase's words
        (
            "softmax over category",
            "a softmax over the five categories here",
            "softmax over the five categories",
        ),
        ("train once", "we train it once a day", "train it once"),
        ("score item", "score all 40 items", "score all 40 items"),
        ("score item", "score all of the items", None),  # "of" is no gap word
        ("score item", "score the two three items", None),  # at most two
        # a gap word that is itself a word of the phrase, alone, hyphenated or inflected
        ("two-tower model", "a two-tower model", "two-tower model"),
        ("two tower", "the two towers", "two towers"),
        ("one-hot encode", "ids one-hot encoded", "one-hot encoded"),
        ("top ten", "the top ten results", "top ten"),
        ("top ten", "(top ten) results", "top ten"),
        ("it", "it's its own feature", "it's"),
    ],
)
def test_gap_words_between_a_phrase_s_words(phrase, text, span):
    m = find_phrase(phrase, text)
    assert (text[m.start() : m.end()] if m else None) == span


def test_a_quoted_name_negates_nothing_around_it():
    text = normalize('We also track tap rate, "not interested" rates and the variety of channels.')
    at = text.index("variety")
    assert polarity_of_span(text, at, at + len("variety"))[0] == "affirmed"
    text = normalize("No health, religion or politics as features.")
    at = text.index("politics")
    assert polarity_of_span(text, at, at + len("politics"))[0] == "negated"


def test_the_quote_is_the_statement_that_names_the_criterion():
    sentence = (
        "I'd alert on p99 latency and error rates, and we retrain the ranker every day on "
        "fresh impressions because interests shift."
    )
    quote = supporting_clauses(sentence, ["retrained"])
    assert quote == "we retrain the ranker every day on fresh impressions because interests shift."
    assert has_quote(sentence, quote)
    # a reason or a contrast stays with the statement it qualifies
    one = "Late fusion is simple, but it misses memes where image and caption only hurt together."
    assert supporting_clauses(one, ["late fusion"]) == one
    # so does a clause that goes on about the same thing ("..., and it's ...")
    same = "Recall drifts as the index grows, and it's invisible in latency dashboards."
    assert supporting_clauses(same, ["dashboard"]) == same


def test_a_dash_inside_brackets_is_no_statement_seam():
    # "(1 - p)" is a minus: cutting there would quote a formula's tail without its subject
    sentence = (
        "That shifts the output, so I correct it with q = p / (p + (1 - p)/w) where w is the "
        "negative sampling rate, and then fit an isotonic calibration layer."
    )
    quote = supporting_clauses(sentence, ["negative sampling"])
    assert quote.startswith("That shifts the output, so I correct it")
    assert quote.endswith("negative sampling rate")
    # outside brackets a dash still separates two statements
    two = "I'd log every impression - then we retrain the ranker daily on fresh data."
    assert supporting_clauses(two, ["retrain"]) == "we retrain the ranker daily on fresh data."


def test_a_met_criterion_quotes_its_statement_not_the_whole_sentence(reader, bank):
    said = (
        "I'd alert on p99 latency and error rates, and we retrain the ranker every day on "
        "fresh impressions because interests shift."
    )
    met = _met(reader, bank, NF, [("monitor", said)])
    assert met["gen-monitor-retraining"].startswith("we retrain the ranker every day")


def test_the_quote_comes_from_the_criterions_own_stage_first(reader, bank):
    """An earlier passing mention in another stage used to be the quote shown."""
    met = _met(
        reader,
        bank,
        AD,
        [
            ("model", "Plus a small exploration slot."),
            (
                "serve",
                "I'd reserve a small exploration budget, a few percent of impressions, so that "
                "new ads get shown and we learn their click rate.",
            ),
        ],
    )
    assert met["gen-serve-exploration"].startswith("I'd reserve a small exploration budget")


def test_a_motive_is_quoted_with_the_proposal_that_follows_it():
    """The feedback loop alone ('... never get a chance') is the motive; the exploration the
    criterion asks for is the candidate's proposal in the next sentence, even where that
    sentence's term was read as evidence of a closer criterion (monitoring the loop)."""
    sents = [
        "Over the months the ranker only learns from the posts it chose to show, so small "
        "groups never get a chance.",
        "I'd keep a small exploration budget, a slot or two per feed for under-shown posts.",
        "Coverage of authors is tracked weekly.",
    ]
    text = " ".join(sents)

    def claim(i: int) -> Claim:
        return Claim(criterion_id="gen-serve-exploration", quote=sents[i], score=0.8)

    motive = claim(0)
    with_proposal_after(motive, 0, sents, text, next_names_term=True)
    assert motive.quote == f"{sents[0]} {sents[1]}"
    alone = claim(0)  # the next sentence names none of the criterion's terms
    with_proposal_after(alone, 0, sents, text, next_names_term=False)
    assert alone.quote == sents[0]
    stated = claim(1)  # a proposal stands alone; a statement after it is no proposal
    with_proposal_after(stated, 1, sents, text, next_names_term=True)
    assert stated.quote == sents[1]


def test_a_plain_quote_takes_the_near_neighbour_that_says_its_key_words():
    """A claim ('keep every positive and one in ten negatives') is quoted with the sentence
    after it that the matcher read close to the same criterion and that says more of the key
    words, some the quote lacks (the correction); not with a neighbour read close to no such
    criterion (unless the quote is a short lead-in), nor one saying fewer of them."""
    sents = [
        "Training on all of it is slow.",
        "So I'd keep every positive and one in ten negatives.",
        "That inflates the predicted rate, so I'd correct it for the sampling afterwards.",
    ]
    text = " ".join(sents)
    key = stems_of("downsample negatives correct predicted rate sampling afterwards")

    def claim(concept: str | None = None) -> Claim:
        return Claim(criterion_id="c", quote=sents[1], score=0.6, concept=concept)

    plain = claim()
    with_near_neighbour(plain, 1, sents, text, {0, 1, 2}, key)
    assert plain.quote == f"{sents[1]} {sents[2]}"
    far = claim()  # the next sentence was not read as this criterion at all
    with_near_neighbour(far, 1, sents, text, {0, 1}, key)
    assert far.quote == sents[1]
    named = claim("downsampling")  # a term named is no quote of the whole decision either
    with_near_neighbour(named, 1, sents, text, {0, 1, 2}, key)
    assert named.quote == f"{sents[1]} {sents[2]}"
    full = Claim(criterion_id="c", quote=sents[2], score=0.6)  # says as much as it could get
    with_near_neighbour(full, 2, sents, text, {0, 1, 2}, key)
    assert full.quote == sents[2]
    # a short lead-in takes the sentence that says the key element, near or not
    lead = ["Offline, two evaluation sets.", "The main one is human-graded query-result pairs."]
    graded = Claim(criterion_id="c", quote=lead[0], score=0.6)
    with_near_neighbour(graded, 0, lead, " ".join(lead), {0}, stems_of("human graded pairs"))
    assert graded.quote == " ".join(lead)


def test_a_bare_list_of_terms_meets_nothing_but_a_terse_answer_does(reader, bank):
    bare = "For evaluation I will use AUC and log loss and calibration and nDCG and A/B testing."
    assert _met(reader, bank, NF, [("evaluate", bare)]) == {}
    terse = (
        "Offline: log loss and AUC per head on the next day's impressions, calibration per segment."
    )
    assert "nf-evaluate-offline-per-task" in _met(reader, bank, NF, [("evaluate", terse)])


def test_terms_strung_with_and_meet_nothing_even_with_the_problems_numbers(reader, bank):
    """Numbers and "per" inside the pieces of a strung list are the pieces' words, not a
    reason: the list still meets nothing, while a sentence that says why still counts."""
    strung = (
        "For modelling I will use logistic regression and DCN and DeepFM and embeddings and "
        "log loss and cold start for the 150k new ads."
    )
    assert _met(reader, bank, AD, [("model", strung)]) == {}
    strung = (
        "For serving I will use the 15 ms budget and a feature store and streaming counters "
        "and calibration per segment."
    )
    assert _met(reader, bank, AD, [("serve", strung)]) == {}
    reasoned = (
        "I'd start with logistic regression on crossed features as the baseline because it "
        "is cheap and its outputs are calibrated, and then try DCN."
    )
    assert "ad-model-lr-baseline" in _met(reader, bank, AD, [("model", reasoned)])


def test_a_sentence_of_another_stage_does_not_meet_by_resemblance(reader, bank):
    """Said in the data stage, it is about keeping data, not about training-serving skew."""
    said = "We keep the logs for 90 days because older behaviour matters less for clicks."
    assert "gen-monitor-training-serving-skew" not in _met(reader, bank, AD, [("data", said)])


def test_own_stage_first_keeps_named_concepts_and_near_copies(bank):
    crit = {c.id: c for c in bank.criteria_for(AD, "senior")}
    own = Match(0, crit["ad-data-label-definition"], 0.5, ())
    other = Match(0, crit["gen-model-simple-first"], 0.45, ())
    named = Match(0, crit["gen-model-baseline"], 0.3, (("baseline", 0, 8),))
    copy = Match(0, crit["gen-model-tradeoffs"], 0.6, ())
    closer = Match(1, crit["gen-model-simple-first"], 0.45, ())
    norms = ["the tree model is interpretable and cheap, and trains in an hour", "x"]
    distinct = distinct_stems(bank.criteria_for(AD, "senior"))
    kept = own_stage_first([own, other, named, copy, closer], "data", norms, distinct)
    assert kept == [own, named, copy, closer]
    # a near copy of another stage's example that uses none of that criterion's own words
    # (nor one of its examples' own that the stage it is said in uses too) is about this
    # stage's topic: "retrain daily" said in monitoring
    norms = ["retrain daily on recent data", "x"]
    kept = own_stage_first([own, other, named, copy, closer], "monitor", norms, distinct)
    assert copy not in kept


def test_a_criterions_own_words_leave_out_its_stage_mates_words(bank):
    distinct = distinct_stems(bank.criteria_for(AD, "senior"))
    crit = {c.id: c for c in bank.criteria_for(AD, "senior")}
    tradeoffs = crit["gen-model-tradeoffs"]
    assert shares_own_word(tradeoffs, "model", "trees are interpretable", distinct)
    assert not shares_own_word(tradeoffs, "monitor", "we retrain the model daily", distinct)


def test_a_near_copy_on_a_neighbouring_topic_meets_nothing_there(reader, bank):
    """'...training time matters if we retrain daily' is an example of the model trade-off;
    a retraining cadence said in monitoring weighs no model against another."""
    met = _met(reader, bank, NF, [("monitor", "Retrain daily on recent data.")])
    assert "gen-model-tradeoffs" not in met


@pytest.mark.parametrize(
    ("sentence", "term", "want"),
    [
        (
            "Filtering out private, deleted or flagged images isn't necessary at serving time, "
            "and re-indexing for new models is overkill.",
            "filtering",
            "negated",
        ),
        ("We filter out private, deleted or flagged images at serving time.", "filter", "affirmed"),
        ("I would use filtering, and ranking or reranking is not needed.", "filtering", "affirmed"),
    ],
)
def test_a_predicate_after_a_list_negates_every_item(sentence, term, want):
    said = normalize(sentence)
    at = said.index(term)
    assert polarity_of_span(said, at, at + len(term))[0] == want


def test_an_answer_to_another_problem_meets_nothing(reader, bank):
    visual_search = [
        (
            "frame",
            "I'd treat it as image retrieval: an encoder maps each photo or crop to an "
            "embedding, and we return the nearest images by cosine similarity.",
        ),
        (
            "data",
            "Positive pairs come from searches where a user saved a result image; random "
            "images from the catalogue are negatives, plus augmented crops of the same photo.",
        ),
        (
            "model",
            "A pretrained vision transformer fine-tuned with a contrastive loss and in-batch "
            "negatives, because it already knows shapes and textures.",
        ),
        (
            "evaluate",
            "Offline I'd use recall@k and nDCG on human-rated image pairs, and online an A/B "
            "test on saves per search.",
        ),
        (
            "serve",
            "Every catalogue image is embedded offline into an HNSW index, and only the query "
            "photo is embedded at request time.",
        ),
    ]
    assert _met(reader, bank, AD, visual_search) == {}
    # the same rule leaves one short sentence alone: too little text to tell the problem
    assert _met(reader, bank, AD, [("evaluate", "Online, an A/B test on revenue per impression.")])


def test_a_shared_term_evidences_the_criterion_the_sentence_reads_like(bank):
    """A term several criteria list is evidence for the closest ones: a longer term around it
    owns it, a clearly closer criterion of another stage takes it; a problem's criterion and
    the generic one of its stage share it, and red flags and questions never take it."""
    crit = {c.id: c for c in bank.criteria_for(AD, "senior")}
    gen = frozenset(c.id for c in bank.generic.criteria)
    metric = Match(0, crit["gen-evaluate-offline-metric"], 0.3, (("precision", 20, 29),))
    shrink = Match(0, crit["gen-serve-model-compression"], 0.31, (("number precision", 13, 29),))
    out = spans_to_closest([metric, shrink], gen)
    assert out[0].spans == () and out[1] == shrink  # "number precision" owns "precision"
    cadence = Match(1, crit["gen-monitor-retraining"], 0.6, (("retrain", 5, 12),))
    fresh = Match(1, crit["ad-monitor-freshness"], 0.36, (("retrain", 5, 12),))
    loss = Match(1, crit["gen-model-tradeoffs"], 0.2, (("retrain", 5, 12),))
    out = spans_to_closest([cadence, fresh, loss], gen)
    assert out[0] == cadence and out[1] == fresh  # same stage, generic and problem: shared
    assert out[2].spans == ()  # another stage's criterion reads far closer
    flag = Match(2, crit["gen-model-no-baseline"], 0.9, (("skip the baseline", 0, 17),))
    base = Match(2, crit["gen-model-baseline"], 0.2, (("baseline", 9, 17),))
    assert spans_to_closest([flag, base], gen)[1] == base  # its polarity decides


@pytest.mark.parametrize(
    ("sentence", "vague"),
    [
        ("we'd need to think about how big the model can be, since it has to be fast.", True),
        ("the right balance depends on how fresh it needs to be.", True),
        ("online we'd run experiments and look at the key metrics.", True),
        ("i'd try a few approaches and choose the one with the best trade-off.", True),
        ("we'd need some way to keep them fresh, since it matters.", True),
        ("pretrained networks are strong these days, so worth considering.", True),
        ("we'd add caching where it makes sense, since load varies.", True),
        ("we'd turn the target into something a model can learn.", True),  # a placeholder
        ("serving must be quick, so we'd keep it quick.", True),  # restates the need
        # a guess, a trouble or a benefit left open, an unnamed part of the work, the usual ones
        ("i guess we'd train it on the old data and train it again so it keeps up.", True),
        ("i'd make some dashboards and alerts if something looks off.", True),
        ("one that's already been trained on something, if that helps.", True),
        ("some parts could be done ahead of time.", True),
        ("i'd also check the search part still works okay.", True),
        ("offline i'd use some metrics, i think there are standard ones.", True),
        ("i'd want clear visibility into the inputs and outputs.", True),
        ("capacity and efficiency both matter, because the system is large.", True),
        # troubles and checks left unnamed, the topic only from afar (session quotes8)
        ("the click logs will carry some noise, so we'd tidy them up first.", True),
        ("there might be problems with late events, so it pays to have some checks.", True),
        ("at a high level, people should see the videos they will enjoy.", True),
        ("i'd send an alert when something is off with the model.", True),
        ("i'd check some noise samples by hand every week.", False),  # how often: concrete
        ("i guess we'd retrain it weekly, since tastes shift.", False),  # how often: concrete
        ("if i guess wrong about the harm types, i'd build the wrong model.", False),
        ("we'd keep it quick by caching the user tower.", False),  # says how
        ("online we'd look at the key metrics for two weeks.", False),  # a number: concrete
        ("the ranker retrains daily because interests shift.", False),
        ("i'd start with logistic regression on hashed ids.", False),
    ],
)
def test_vague_sentences_are_told_from_concrete_ones(sentence, vague):
    assert is_vague(sentence) is vague


def test_a_vague_sentence_meets_no_criterion_by_its_reasons(reader, bank):
    """'since' and 'so' in a sentence with nothing concrete in it do not lower the bar."""
    vague = (
        "Online, the true test is how people react, so we'd try some experiments and look "
        "at engagement and the other key metrics."
    )
    met = _met(reader, bank, NF, [("evaluate", vague)])
    assert "gen-evaluate-ab-test" not in met and "gen-evaluate-experiment-power" not in met
    concrete = (
        "Online, half the users get the new ranker at random and half keep the old one, "
        "for two weeks, compared on time spent."
    )
    assert "gen-evaluate-ab-test" in _met(reader, bank, NF, [("evaluate", concrete)])


def test_a_hedged_vague_sentence_meets_nothing_even_naming_a_concept(reader, bank):
    """'Maybe one that's already been trained on something, if that helps' names pretraining
    and commits to nothing: no criterion is met by it, while a hedged sentence that names
    what it starts from and why still is."""
    vague = "For the model, maybe one that's already been trained on something, if that helps."
    met = _met(reader, bank, "visual-search", [("model", vague)])
    assert "vs-model-pretrained-finetune" not in met
    assert "gen-model-finetune-vs-scratch" not in met
    concrete = (
        "Maybe start from a ResNet pretrained on ImageNet and fine-tune it on our saved "
        "pairs, since we have too few labels to train from scratch."
    )
    assert "vs-model-pretrained-finetune" in _met(
        reader, bank, "visual-search", [("model", concrete)]
    )
    # a hedge inside the reason leaves the proposal said
    segments = (
        "It's worth looking at different user groups separately, since the system might "
        "work well for some and poorly for others."
    )
    assert "gen-evaluate-fairness" in _met(reader, bank, NF, [("evaluate", segments)])


def test_a_criterion_about_how_often_needs_a_frequency(reader, bank):
    """'Retrains frequently (daily or continually)': retraining said with no period is not it."""
    vague = "We'd retrain the ranker regularly to keep it current with what people like."
    assert "nf-monitor-retrain" not in _met(reader, bank, NF, [("monitor", vague)])
    often = "We'd retrain the ranker every day because what people like shifts fast."
    assert _met(reader, bank, NF, [("monitor", often)])["nf-monitor-retrain"] == often


def test_a_near_copy_of_an_example_is_quoted_over_a_neighbour_naming_the_term(reader, bank):
    """The sentence that does the thing is the quote, not the one beside it that names it."""
    doing = (
        "Before any model runs, I'd match each upload against fingerprints of media we "
        "already removed."
    )
    naming = "Roughly a third of removed videos come back as re-uploads, so it pays off."
    met = _met(reader, bank, "harmful-content", [("model", f"{doing} {naming}")])
    assert met["hc-model-hash-matching"] == doing


@pytest.mark.parametrize(
    ("sentence", "contradicts"),
    [
        ("i'll rank purely by predicted click-through rate.", True),
        ("we optimise for clicks alone.", True),
        ("i'd rank by expected watch time, not just clicks.", False),  # "not just": a contrast
        ("only the ranker sees watch time; clicks feed the retrieval model.", False),
    ],
)
def test_committing_to_a_criterions_foil_contradicts_it(sentence, contradicts):
    foil = foil_stems("Candidate predicts relevance or watch time rather than raw clicks.")
    assert only(normalize(sentence), foil) is contradicts


def test_i_guess_before_a_choice_that_names_its_methods_is_a_hedge(reader, bank):
    """'hmm I guess a logistic regression baseline first makes sense, then ...' (a hand
    interview) met nothing: 'I guess' marked it vague. Naming two methods, it is a hedged
    choice; 'I guess we'd train it again' names none and stays vague."""
    hedged = (
        "hmm I guess a logistic regression baseline first makes sense, then gradient boosted "
        "trees or a DCN for feature crosses."
    )
    met = _met(reader, bank, AD, [("model", hedged)])
    assert "ad-model-lr-baseline" in met and "gen-model-simple-first" in met
    assert _met(reader, bank, AD, [("model", "I guess we'd train it again.")]) == {}


def test_a_vague_sentence_meets_by_resemblance_only_as_a_near_copy(reader, bank):
    """Deferring a decision ("we'd need to decide how often") resembles the model trade-off
    examples in words, not in substance; nor is it the retraining cadence it defers, while a
    sentence that gives the cadence or its trigger counts."""
    vague = (
        "We'd train on whatever history we have, and we'd need to decide how often to "
        "retrain, since behaviour shifts."
    )
    met = _met(reader, bank, "video-recommendation", [("model", vague)])
    assert "gen-model-tradeoffs" not in met and "gen-monitor-retraining" not in met
    for said in (
        "We'd retrain weekly, since behaviour shifts.",
        "We'd retrain whenever the live metrics drop, since behaviour shifts.",
    ):
        assert "gen-monitor-retraining" in _met(
            reader, bank, "video-recommendation", [("monitor", said)]
        )
    periodic = "We'd retrain the model periodically, since behaviour shifts."
    assert "gen-monitor-retraining" not in _met(
        reader, bank, "video-recommendation", [("monitor", periodic)]
    )


def test_a_term_after_an_empty_adjective_is_named_not_done(reader, bank):
    """'With a clear objective, inputs and outputs' promises them without saying what they are."""
    empty = (
        "I'll frame it as pointwise ranking of posts for each viewer, with clear inputs "
        "and outputs."
    )
    met = _met(reader, bank, NF, [("frame", empty)])
    assert "gen-frame-input-output" not in met and "nf-frame-pointwise" in met
    said = "The input is the viewer and a candidate post, and the output is a like probability."
    assert "gen-frame-input-output" in _met(reader, bank, NF, [("frame", said)])


def test_saying_what_one_wants_to_know_asks_and_does_not_do(reader, bank):
    """'I'd want to understand how imbalanced...' asks about the base rate; it handles nothing."""
    said = "I'd want to understand how imbalanced the clicks are before choosing a loss."
    met = _met(reader, bank, AD, [("model", said)])
    assert "gen-model-class-imbalance" not in met and "ad-clarify-base-rate" in met


def test_the_quote_is_the_proposal_not_the_judgement_beside_it(reader, bank):
    """Two sentences both show the criterion; the one where the candidate proposes is quoted."""
    doing = (
        "I'd track calibration in production, predicted versus observed CTR per country "
        "every hour, with an alert on a 5% gap."
    )
    judging = "Miscalibration costs advertisers real money, so it matters most here."
    met = _met(reader, bank, AD, [("monitor", f"{doing} {judging}")])
    assert met["ad-monitor-calibration"] == doing


def test_a_sentence_making_a_mistake_evidences_no_practice_of_its_stage(reader, bank):
    """The key-value store that holds nightly precomputed feeds is not a request-path
    feature store; the red flag stands."""
    said = (
        "Scoring at request time costs too much, so I'd precompute the feed for each user in "
        "an overnight batch and keep the lists in a key-value store."
    )
    turns = [TurnText("m1", 1, "candidate", said, "serve")]
    found = OfflineJudge(reader).judge_sync(bank.criteria_for(NF, "senior"), turns, NF)
    assert found["nf-serve-daily-batch"].met
    assert not found["gen-serve-realtime-features"].met


@pytest.mark.parametrize(
    ("said", "met"),
    [
        ("Baseline is logistic regression on TF-IDF features.", False),
        ("Baseline LR with hand crosses, then a DCN.", False),
        ("Baseline: the most popular ads in the user's country, no learning at all.", True),
    ],
)
def test_a_learned_model_is_no_non_ml_baseline(reader, bank, said, met):
    assert ("gen-model-baseline" in _met(reader, bank, AD, [("model", said)])) is met


@pytest.mark.parametrize(
    ("said", "met"),
    [
        ("User features: country, language, age and an embedding of the watch history.", False),
        ("A fusion transformer over these embeddings feeds five sigmoid heads.", False),
        ("Ad and advertiser IDs have millions of values, so I'd learn an embedding per ID.", True),
    ],
)
def test_an_embedding_encodes_categories_only_for_ids(reader, bank, said, met):
    """'Embedding' alone is any dense vector; the encoding criterion's key element is a
    categorical field (an ID) turned into one."""
    assert ("gen-data-categorical-encoding" in _met(reader, bank, AD, [("data", said)])) is met


@pytest.mark.parametrize(
    ("stage", "said", "criterion", "met"),
    [
        (
            "data",
            "We keep a popularity correction in retrieval so popular videos are not over-sampled.",
            "vr-data-video-features",
            False,
        ),
        (
            "data",
            "Video features: duration, language and popularity counts over the last day.",
            "vr-data-video-features",
            True,
        ),
        (
            "monitor",
            "Retraining one head can affect the others, which we'd catch with regression tests.",
            "gen-frame-ml-category",
            False,
        ),
        ("frame", "I'd treat watch time as a regression target.", "gen-frame-ml-category", True),
    ],
)
def test_a_broad_word_evidences_only_with_the_criterions_key_element(
    reader, bank, stage, said, criterion, met
):
    """'Popularity' and 'regression' alone name other things (a retrieval correction,
    regression tests): the criterion's concept carries what it is about."""
    found = _met(reader, bank, "video-recommendation", [(stage, said)])
    assert (criterion in found) is met


def test_a_description_is_quoted_with_the_statement_beside_it_that_names_the_term(reader, bank):
    """A plain-words description that holds half the criterion is quoted together with the
    neighbouring statement naming its term (both verbatim, one span of the message)."""
    naming = (
        "So I'd use a two-tower model: the user tower encodes history and context; "
        "the video tower encodes the ID and content features."
    )
    describing = (
        "Trained with sampled softmax over in-batch negatives with a popularity correction, "
        "it gives embeddings we can search with ANN."
    )
    met = _met(reader, bank, "video-recommendation", [("model", f"{naming} {describing}")])
    quote = met["vr-model-two-tower"]
    assert "two-tower" in quote
    assert has_quote(f"{naming} {describing}", quote)


def test_a_quote_pointing_back_is_quoted_with_what_it_points_to(reader, bank):
    """A quote opening "It's cheap and gives us a bar to beat" names nothing: the sentence it
    leans on is quoted with it, one verbatim span of the message."""
    named = "Baseline: a keyword blocklist plus logistic regression on TF-IDF per major language."
    leaning = "It's cheap and gives us a bar to beat."
    text = f"{named} {leaning}"
    met = _met(reader, bank, "harmful-content", [("model", text)])
    quote = met["gen-model-baseline"]
    assert "keyword blocklist" in quote
    assert has_quote(text, quote)


@pytest.mark.parametrize("opener", ["Doing so", "That way", "This way", "Thus it"])
def test_a_quote_opening_with_doing_so_is_quoted_with_the_step_it_points_to(reader, bank, opener):
    """ "Doing so corrects position bias." alone does not say what corrects it: a quote opening
    with "Doing so", "That way", "This way" or "Thus" points back like "It ..." does and is
    quoted with the sentence before it, one verbatim span of the message."""
    step = "Position is added as a training feature and held constant at serving."
    text = f"{step} {opener} corrects position bias."
    met = _met(reader, bank, NF, [("data", text)])
    assert met["gen-data-selection-bias"] == text


def test_a_decisions_condition_in_the_next_sentence_is_quoted_with_it(reader, bank):
    """The key element of a decision is in its second half ("If fine-tuning doesn't clearly
    beat it, it isn't worth ..."): the next sentence that goes on with the same criterion is
    quoted too."""
    named = (
        "Baselines: the existing hand-crafted colour and texture descriptors, and an "
        "off-the-shelf pretrained embedding with no fine-tuning."
    )
    going_on = (
        "If fine-tuning doesn't clearly beat the second one, it isn't worth the re-indexing cost."
    )
    text = f"{named} {going_on}"
    met = _met(reader, bank, "visual-search", [("model", text)])
    assert met["gen-model-finetune-vs-scratch"] == text


def test_a_next_sentence_pointing_back_at_the_decision_is_quoted_with_it(reader, bank):
    """A next sentence that opens by pointing back ("It's cheaper to serve ...") and is a
    claim of the same criterion carries the decision's reasons: it is quoted too."""
    decision = (
        "Five separate models versus one multi-task model: I'd use a shared multimodal "
        "backbone with five sigmoid heads."
    )
    pointing = (
        "It's cheaper to serve, and rare categories like self-harm benefit from the shared "
        "representation."
    )
    text = f"{decision} {pointing}"
    met = _met(reader, bank, "harmful-content", [("frame", text)])
    assert met["hc-frame-multitask"] == text


def test_the_sentence_with_the_criterions_own_words_is_preferred():
    """Two weak claims of one criterion: the one carrying the criterion's own words ranks
    first, whatever their closeness."""
    own = {"c": frozenset({"upweight"})}
    key = {"c": frozenset({"upweight", "weight", "rate"})}
    carrying = Claim(criterion_id="c", quote="I'd upweight the rare kinds.", score=0.40)
    sharing = Claim(criterion_id="c", quote="I'd give rare kinds more weight.", score=0.42)
    topic = Claim(criterion_id="c", quote="Only 0.3% of posts are bad.", score=0.52)
    assert pick(carrying, own, key) > pick(sharing, own, key) > pick(topic, own, key)


def test_of_two_messages_the_quote_says_more_of_the_criterion(reader, bank):
    """Across messages of one stage, the quote is the statement carrying more of the
    criterion's key words, not the one that only argues why it matters."""
    why = (
        "AUC is a secondary check, but it is blind to calibration: doubling every prediction "
        "leaves AUC unchanged and wrecks the auction."
    )
    check = (
        "Calibration gets its own check: ratio of mean predicted CTR to observed CTR, which "
        "should be close to 1, plus a reliability diagram, sliced by format and country."
    )
    met = _met(reader, bank, AD, [("evaluate", why), ("evaluate", check)])
    assert met["gen-evaluate-calibration"] == check


def test_key_words_count_the_criterions_text_and_terms(reader):
    crit = "gen-evaluate-calibration"
    assert reader.key_words(crit, "AUC looks fine offline") == 0
    assert reader.key_words(crit, "a calibration check") >= 1


def test_a_practice_handed_off_as_someone_elses_problem_is_not_met(reader, bank):
    """ "Click fraud and bots are someone else's problem" names the practice to dismiss it."""
    said = "Click fraud and bots are someone else's problem for the ads integrity team."
    met = _met(reader, bank, AD, [("monitor", said)])
    assert "ad-monitor-click-anomalies" not in met


def test_the_quote_saying_the_key_element_beats_a_reasoned_or_merely_close_one():
    """Of a criterion's claims in its own stage, a plain sentence whose closeness happens to
    reach 0.5 is no strong claim (a near copy scores above SIM_ALONE), and among strong ones
    the sentence saying more of the criterion's key words is the quote, before the one that
    gives a reason: credit is the most any piece earns, not the quote's."""
    from app.grading.judges import _Evidence

    def ev(quote: str, score: float, key: int, *, reasoned: bool, concept: str | None = None):
        claim = Claim(
            criterion_id="c",
            quote=quote,
            polarity="affirmed",
            score=score,
            concept=concept,
            reasoned=reasoned,
            why="",
        )
        return _Evidence(True, claim, "m1", 1, key)

    plain = ev("About the ad: which ad and advertiser, its category.", 0.5008, 2, reasoned=True)
    copy = ev("I'd also combine age range with ad category.", 1.0957, 3, reasoned=False)
    assert max([plain, copy], key=_Evidence.rank) is copy
    reason = ev(
        "Random in-batch negatives are easy, so it learns no fine distinctions.",
        0.96,
        3,
        reasoned=True,
        concept="in-batch negatives",
    )
    says = ev(
        "Loss: contrastive, InfoNCE with in-batch negatives, pulling positives together.",
        1.01,
        9,
        reasoned=False,
        concept="in-batch negatives",
    )
    assert max([reason, says], key=_Evidence.rank) is says


@pytest.mark.parametrize(
    ("problem", "stage", "message", "criterion", "quote"),
    [
        (
            AD,
            "data",
            "Positive is a click on the impression; negative is an impression with no click.",
            "ad-data-label-definition",
            "Positive is a click on the impression; negative is an impression with no click.",
        ),
        (
            "visual-search",
            "frame",
            "Input: query image or crop; output: 50 ranked public images, the same for all users.",
            "vs-frame-input-output",
            "Input: query image or crop; output: 50 ranked public images, the same for all users.",
        ),
    ],
)
def test_a_piece_cut_at_a_semicolon_is_quoted_with_the_piece_completing_it(
    reader, bank, problem, stage, message, criterion, quote
):
    """The halves of one key element cut apart by a semicolon are quoted together when the
    second half, itself a claim of the criterion, says key words the first lacks."""
    assert _met(reader, bank, problem, [(stage, message)]).get(criterion) == quote


@pytest.mark.parametrize(
    ("item", "bare"),
    [
        ("features come from a feature store", False),  # a verb and its complement
        ("decode to rgb", False),
        ("feature store", True),
        ("all from a feature store", True),  # no verb: the source of the listed terms
        ("user features from a feature store", True),
        ("from simpler models to deep learning", True),  # a range, not "models to"
        ("learning to rank", True),  # a term, though "to" follows a word
        ("log loss", True),
    ],
)
def test_a_verb_with_its_complement_is_no_bare_term(matcher, item, bare):
    """An item that says how something works ("come from", "decode to") is a statement, not
    a term of the bank: its sentence is no bare list."""
    assert matcher.bare_term(item) is bare


def test_a_descriptive_sentence_is_no_bare_list(reader):
    """It used to read as a list of three bank terms and earn nothing."""
    said = (
        "Features come from a feature store, with streaming updates for session history and "
        "popularity counters."
    )
    assert not reader._bare_list(normalize(said))
    bare = "For evaluation I will use AUC and log loss and calibration and nDCG and A/B testing."
    assert reader._bare_list(normalize(bare))


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("i kind of think we need a two-tower model", "hedged"),
        ("it sort of works for new ads", "hedged"),
        ("the click rate of this person with this kind of ad", "affirmed"),
        ("what kind of model we use depends on the budget", "affirmed"),
    ],
)
def test_kind_of_hedges_only_as_an_adverb(text, cue):
    """The noun "this kind of ad" (a type of ad) is no hedge; "kind of" before a verb is."""
    start = text.index("model") if "model" in text else text.index("ad")
    assert polarity_of_span(text, start, start + 2)[0] == cue


def test_a_learned_model_set_up_as_the_baseline_is_no_heuristic_baseline(reader, bank):
    """ "<a learned model> as a baseline" fills the term with machine learning, as "baseline
    is logistic regression" does: no evidence of a non-ML baseline."""
    said = "I'd start with logistic regression on hashed features as a baseline."
    assert "gen-model-baseline" not in _met(reader, bank, AD, [("model", said)])
    heuristic = "I'd start with the advertiser's historical click rate as a baseline."
    assert "gen-model-baseline" in _met(reader, bank, AD, [("model", heuristic)])


def test_a_short_quote_takes_the_neighbour_that_completes_its_key_element(reader, bank):
    """A short sentence quoted for a criterion is quoted with the sentence beside it when
    that one, itself evidence of the same criterion, says key words the short one lacks."""
    text = (
        "Labels arrive with a delay: reviewer decisions within a day, appeals weeks later. "
        "So live precision is only known with lag."
    )
    quote = _met(reader, bank, "harmful-content", [("monitor", text)])["hc-monitor-label-delay"]
    assert quote.startswith("Labels arrive with a delay") and "known with lag" in quote


def test_the_business_number_stated_alone_is_no_ml_objective(reader, bank):
    """The north star or main number is where translating the goal into an ML objective
    starts, not what the model learns, even called a proxy for a longer-term goal; the
    sentence that says what the model should aim at is the quote."""
    alone = (
        "Our north star is comments per active user, roughly 2 a day now, as a proxy for "
        "how connected people feel."
    )
    assert "gen-frame-ml-objective" not in _met(reader, bank, NF, [("frame", alone)])
    aim = (
        "The main number is revenue per thousand impressions. The model should aim at "
        "the chance that this person clicks this ad, which the auction turns into money."
    )
    quote = _met(reader, bank, AD, [("frame", aim)]).get("gen-frame-ml-objective", "")
    assert quote.startswith("The model should aim at")


def test_a_named_problem_is_quoted_with_the_proposal_that_reads_close_after_it(reader, bank):
    """A claim that states what goes wrong in the criterion's words is quoted together with
    the next sentence when there the candidate proposes what to do and the matcher reads it
    close to the same criterion, even without one of its terms: the proposal is the
    behaviour, the statement before it its motive."""
    text = (
        "Second, distribution shift: what people photograph moves with fashion, holidays and "
        "new phone cameras. I'd track summary numbers of the vectors for new uploads and "
        "queries, like how far they sit from the usual groups."
    )
    met = _met(reader, bank, "visual-search", [("monitor", text)])
    quote = met["vs-monitor-distribution-shift"]
    assert quote.startswith("Second, distribution shift") and "I'd track summary" in quote


@pytest.mark.parametrize(
    ("problem", "stage", "said", "crit", "met"),
    [
        # the trouble waved away, the data declared fair, the unsuitable option called right
        (
            NF,
            "data",
            "Slot order has hardly any effect on what people like, so we ignore it.",
            "nf-data-position-bias",
            False,
        ),
        (
            "harmful-content",
            "data",
            "Flagged posts are a representative sample of the whole "
            "site, so training on them is enough.",
            "hc-data-sampling-bias",
            False,
        ),
        (
            AD,
            "frame",
            "A listwise ranking loss is the natural choice for ordering ads.",
            "ad-frame-objective-choice",
            False,
        ),
        # one category kept where a score per category is the practice, and its affirmed form
        (
            "harmful-content",
            "frame",
            "Every post ends up with only one label, the type the model is surest of.",
            "hc-frame-multilabel",
            False,
        ),
        (
            "harmful-content",
            "frame",
            "A post can break several rules at once, so it gets its own probability for each "
            "kind of harm.",
            "hc-frame-multilabel",
            True,
        ),
        (
            "harmful-content",
            "frame",
            "A post can be hateful and bullying at the same time, and a pick-a-single-kind "
            "answer would hide the second, so each harm type gets its own probability.",
            "hc-frame-multilabel",
            True,
        ),
        # the whole corpus encoded per query where precomputing it offline is the practice
        (
            "visual-search",
            "serve",
            "On the fly we encode the query and every catalogue image, then compare them.",
            "vs-serve-precompute-embeddings",
            False,
        ),
    ],
)
def test_a_denial_of_the_practice_meets_nothing(reader, bank, problem, stage, said, crit, met):
    """Issue #11's unsupported quotes that deny the practice (hardly any effect, a fair sample,
    the rejected option called the right choice, one category kept, the corpus encoded per
    query) earn nothing; the practice itself still does."""
    assert (crit in _met(reader, bank, problem, [(stage, said)])) is met


def test_a_fair_sample_as_fact_is_told_from_one_a_fix_makes():
    assert claims_representative("the logged clicks are a fair picture of taste, so we use them.")
    assert not claims_representative("we add random posts so the set is a fair sample.")


def test_the_corpus_encoded_per_query_is_told_from_one_kept_ahead():
    assert corpus_at_request_time("at query time the model runs over every image in the index.")
    assert not corpus_at_request_time(
        "every image is encoded offline; at query time only the photo runs through the model."
    )


def test_a_clarifying_criterion_is_quoted_by_its_closer_question_not_a_stated_plan():
    """For a criterion met by asking, "I'll assume ..." or "I'd ask whether ..." proposes
    nothing it credits: of two strong claims the closer one is the quote. Elsewhere the
    candidate's own proposal still ranks over a closer statement of fact."""
    own: dict[str, frozenset[str]] = {"c": frozenset()}
    key: dict[str, frozenset[str]] = {"c": frozenset()}
    plan = Claim(criterion_id="c", quote="I'll assume 2 billion photos.", score=0.95)
    asked = Claim(criterion_id="c", quote="How many photos can be searched?", score=1.0)
    assert pick(asked, own, key, asking=True) > pick(plan, own, key, asking=True)
    assert pick(plan, own, key) > pick(asked, own, key)


def test_a_corpus_size_question_is_quoted_over_the_assumption_after_it(reader, bank):
    """A question and the candidate's own assumption both name the corpus size: the question,
    closer to the criterion, is the quote of asking, not "I'll assume ..."."""
    asked = "How many images sit in the index, and what response time is the target?"
    text = (
        f"Can a user search with a cut-out part of a photo? {asked} "
        "I'll assume about 3 billion images and 250 ms."
    )
    met = _met(reader, bank, "visual-search", [("clarify", text)])
    assert met["vs-clarify-corpus-size"] == asked


def test_a_stages_topics_read_out_in_plain_words_meet_nothing(reader, bank):
    """'Monitoring is ...' or 'Data: ...' then short phrases with no verb or reason: the
    stage's topics read out, however plain their words (not bank terms, so no bare list of
    terms); a list under a heading naming its items' kind is an answer and still meets."""
    topics = (
        "Monitoring is guessed click rates, real click rates, every hour, every country, "
        "a stale model, bot clicks and fresh ads."
    )
    assert _met(reader, bank, AD, [("monitor", topics)]) == {}
    data = (
        "Data: one row per showing, quick bounces, past click rates, last hour and last day, "
        "short learned vectors for ids."
    )
    assert _met(reader, bank, AD, [("data", data)]) == {}
    # a heading then a few things, as a chat answer is typed, is an answer
    terse = (
        "Monitoring: watch time per user, the distribution of predicted scores, feature drift, "
        "and retraining weekly."
    )
    assert _met(reader, bank, "video-recommendation", [("monitor", terse)])
    features = (
        "Features: past click rates of the ad, the advertiser and the user per category, "
        "smoothed, over one hour, one day and seven days."
    )
    assert "ad-data-historical-counts" in _met(reader, bank, AD, [("data", features)])


@pytest.mark.parametrize(
    ("item", "amount"),
    [
        ("seven hundred videos", True),
        ("a fifth of a second", True),
        ("two in a hundred", True),
        ("64 numbers", True),
        ("40 out of 50", True),
        ("three towers", False),  # a count of the design's parts, not an amount
        ("recall@20", False),  # a term with digits
        ("last-hour counts", False),
    ],
)
def test_an_amount_alone_is_told_from_a_thing(item, amount):
    assert amount_only(item) is amount


def test_a_heading_over_amounts_and_methods_side_by_side_meets_nothing(reader, bank):
    """A heading of any words, then bare amounts mixed with short method phrases ('seven
    hundred videos, a fifth of a second, nearest points, cheap first sort'): items of
    different kinds, the stage's topics read out; a heading over items of one kind, amounts
    going on a series ('over one hour, 1 day, 7 days') or a count inside an item, is an
    answer."""
    topics = (
        "Checklist for the delivery part: seven hundred videos, a fifth of a second, nearest "
        "points, cheap first sort, costly second sort, per-channel caps, new uploads."
    )
    assert not mixed_topic_list("x: a, b, c, d, e, f.")
    assert mixed_topic_list(normalize(topics))
    assert _met(reader, bank, "video-recommendation", [("serve", topics)]) == {}
    kind = (
        "Item: learned ID vector, title and thumbnail vectors, length, upload age, plays over "
        "1 hour, 1 day, 7 days."
    )
    assert not mixed_topic_list(normalize(kind))
    counts = (
        "Scale: 800 ads, 12 ms, 5 billion showings a day, 2% clicks, 400 million people, 9 regions."
    )
    assert not mixed_topic_list(normalize(counts))


@pytest.mark.parametrize(
    ("problem", "stage", "unsaid", "said", "criteria"),
    [
        # troubles left unnamed claim no criterion by resemblance (session quotes8: a vague
        # data answer was credited with selection bias and high-cardinality IDs)
        (
            AD,
            "data",
            "The logs we collect will never be perfect, there is always some noise and a few "
            "problems in them, so we'd tidy them up before training.",
            "",
            ("gen-data-selection-bias", "ad-data-high-cardinality"),
        ),
        # 'compares alternative ML objectives' is met in plain words only by a sentence that
        # sets one option against another: the chosen framing stated alone compares nothing
        # (session quotes8: the news-feed value score sentence was credited as comparing)
        (
            NF,
            "frame",
            "Pointwise, multi-head prediction of like, comment, reshare, hide and report for "
            "each viewer and story, summed with product weights into a single value score.",
            "Predicting only clicks would push bait headlines, so we predict likes, comments, "
            "reshares and hides and add them up with product weights instead.",
            ("gen-frame-compare-objectives",),
        ),
    ],
)
def test_a_sentence_without_the_criterions_substance_meets_it_not(
    reader, bank, problem, stage, unsaid, said, criteria
):
    """A sentence that leaves the criterion's substance unsaid meets none of `criteria`; one
    that says it (when given) meets them."""
    met = _met(reader, bank, problem, [(stage, unsaid)])
    assert not set(criteria) & set(met)
    if said:
        assert set(criteria) <= set(_met(reader, bank, problem, [(stage, said)]))


@pytest.mark.parametrize(
    "sentence",
    [
        "we'd run some checks in the pipeline for missing values and broken images.",
        "there can be some problems with people only clicking what sits at the top.",
    ],
)
def test_a_trouble_or_check_named_after_it_is_not_vague(sentence):
    # (the review of the seventh session: "in" and "with" had let the named trouble count as
    # unnamed, and a data answer lost its missing-values and selection-bias credit)
    assert not is_vague(sentence)
