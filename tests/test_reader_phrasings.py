"""The offline reader on the ways candidates phrase finish and move-on requests, questions
they answer themselves, and stage headings (issue 12: intents honoured however phrased)."""

from __future__ import annotations

import pytest

AD = "ad-click-prediction"


def _read(reader, text, problem=AD, **kw):
    return reader.read(text, problem_id=problem, level="senior", **kw)


@pytest.mark.parametrize(
    "text",
    [
        "anything else or are we done?",
        "That's my design. Anything you want to add, or are we done?",
        "ok let's call it there?",
        "That's everything from me, unless you want more?",
        "That's it from me, are we done?",
    ],
)
def test_finish_requests_however_phrased(reader, text):
    assert "finish" in _read(reader, text).intents


@pytest.mark.parametrize(
    "text",
    [
        "are we done with clarifying? I'd frame it as binary classification",
        "That's all from me on the data side, let's talk about the model",
    ],
)
def test_a_stage_finished_is_not_the_interview_finished(reader, text):
    r = _read(reader, text)
    assert "finish" not in r.intents and "move_on" in r.intents


@pytest.mark.parametrize(
    ("text", "move_to"),
    [
        ("I think I've covered evaluation.", "serve"),
        ("I've covered serving.", "monitor"),  # short: the stage word is the one left behind
        ("Done with data.", "model"),
        ("I think I've covered the model.", "evaluate"),
        ("Let's go straight to serving, shall we?", "serve"),
        ("I think I've covered data, the model is standard. Can we talk evaluation?", "evaluate"),
    ],
)
def test_move_on_requests_however_phrased(reader, text, move_to):
    r = _read(reader, text)
    assert "move_on" in r.intents and r.move_to == move_to
    assert not r.questions and r.non_answer_kind is None


@pytest.mark.parametrize(
    "text",
    [
        "Does AUC check what the auction needs? No, doubling every score leaves AUC unchanged.",
        "How long? 5B times 256-d dot products is over a trillion FLOPs per query.",
        "Which accounts need protection? Right, under-13 accounts stay out of training.",
        "When would this morning's post show up? Not until tomorrow, fair.",
        "hmm, at upload there are zero reports, right? so I'd keep the author history.",
    ],
)
def test_questions_the_candidate_answers_are_rhetorical(reader, text):
    r = _read(reader, text)
    assert not r.questions and r.rhetorical and "ask" not in r.intents


def test_a_question_followed_by_no_idea_is_still_a_question(reader):
    r = _read(reader, "What is the click-through rate? No idea, so I'll assume one percent.")
    assert [q.fact_id for q in r.questions] == ["labels"]


def test_a_tag_question_that_clearly_asks_for_a_fact_is_answered(reader):
    r = _read(reader, "So the latency budget for scoring is about 15 ms at p99, right?")
    assert [q.fact_id for q in r.questions] == ["latency"]


def test_a_stage_heading_with_a_colon_leads_the_readers_stages(reader):
    said = "ANN recall against exact search on sampled queries, embedding drift, hide rates."
    assert _read(reader, "Monitoring: " + said, problem="visual-search").stages[0] == "monitor"


@pytest.mark.parametrize(
    ("problem", "text", "facts"),
    [
        (AD, "Base CTR, and candidates per request?", {"labels", "traffic"}),
        ("news-feed", "Candidates per load, peak QPS, p99?", {"scale-candidates", "latency"}),
    ],
)
def test_every_piece_of_a_terse_compound_question_is_asked(reader, problem, text, facts):
    assert {q.fact_id for q in _read(reader, text, problem).questions} == facts


def test_a_terse_piece_counts_only_when_it_clearly_asks_for_a_fact(reader):
    """'can a post hit several' is close to the post-content fact, but not clearly: no
    answer about post lengths for a question about policy categories."""
    r = _read(reader, "Categories in scope, can a post hit several?", "harmful-content")
    assert "post-content" not in {q.fact_id for q in r.questions}


def test_a_terse_p99_question_asks_for_latency_while_a_bare_number_answers(reader):
    asked = _read(reader, "Personalized? p99?", "visual-search")
    assert "latency" in {q.fact_id for q in asked.questions}
    said = _read(reader, "big I think. millions?", open_question="How many users?")
    assert not said.questions and said.intents == ["answer"]


def test_a_question_restating_an_anticipated_phrasing_plus_a_word_gets_its_fact(reader):
    r = _read(reader, "And what explicit feedback exists?", "video-recommendation")
    assert [q.fact_id for q in r.questions] == ["feedback-signals"]


def test_a_phrasing_its_question_words_carry_is_not_restated_by_its_two_nouns(reader):
    """'what can a user do with the results' names only 'user' and 'results': a question
    about tailoring results to each user is not it (it asks for personalisation)."""
    text = "Should results be tailored to each user, or identical for everyone?"
    r = _read(reader, text, "visual-search")
    assert "supported-interactions" not in {q.fact_id for q in r.questions}


def test_a_terse_question_joined_by_and_to_the_next_is_asked_too(reader):
    """'Home page or up-next, and what ...?': the piece before 'and' is a question of its
    own, not a lead-in naming the next question's topic."""
    r = _read(
        reader, "Home page or up-next, and what explicit feedback exists?", "video-recommendation"
    )
    assert {q.fact_id for q in r.questions} == {"surface", "feedback-signals"}


# --- reader misses of issue 12: mistakes and framing worded in ways the sheet did not list ---
HC, VR, VS, NF = "harmful-content", "video-recommendation", "visual-search", "news-feed"


def _flags(reading) -> set[str]:
    return {c.criterion_id for c in reading.claims if c.red_flag and c.counts}


def test_a_word_gap_concept_pairs_words_within_one_clause():
    from app.knowledge.text import find_phrase

    assert find_phrase("history ... turned off", "the history that people turned off")
    assert not find_phrase("history ... turned off", "the history. later it was turned off")
    assert not find_phrase("every ... report ... positive", "every report is a hint; no positive")


@pytest.mark.parametrize(
    ("problem", "text", "flag"),
    [
        (
            HC,
            "Every post somebody flags with the report button is a positive for me.",
            "hc-data-reports-as-truth-red-flag",
        ),
        (
            VR,
            "We could also use the viewing history that people turned off or wiped.",
            "vr-data-paused-history-red-flag",
        ),
        (
            HC,
            "I'd mostly rely on the number of reports a post collects during its first few "
            "hours, that's the strongest signal.",
            "gen-data-serving-unavailable-features",
        ),
    ],
)
def test_mistakes_in_other_words_are_flagged(reader, problem, text, flag):
    assert flag in _flags(_read(reader, text, problem))


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (HC, "Reports only become positive labels once a reviewer confirms them."),
        (
            HC,
            "Only about 10% of reports are real positives, so each report is a hint, not a label.",
        ),
        # a feed ranks a post hours after it appears: its first hour is known by then
        (NF, "A strong feature is how many likes the post gathers in the first hour."),
        (VR, "History that users paused or deleted stays out of training."),
        (
            HC,
            "At upload a post has no reports yet, so I'd leave out what it collects during its "
            "first few hours.",
        ),
    ],
)
def test_the_correct_practice_beside_those_mistakes_is_not_flagged(reader, problem, text):
    assert not _flags(_read(reader, text, problem))


def test_a_design_argued_for_then_checked_with_right_is_an_answer(reader):
    r = _read(
        reader,
        "so it's one yes/no classifier per harm type, since a single post can be "
        "violent and hateful at once, right?",
        HC,
    )
    assert not r.questions and "frame" in r.stages


def test_a_fact_checked_with_right_stays_a_question(reader):
    r = _read(reader, "a post can break several rules at once, right?", HC)
    assert [q.fact_id for q in r.questions] == ["harm-categories"]


def test_an_embedding_space_in_plain_words_is_framing(reader):
    text = (
        "honestly, I'd learn a space where photos of the same thing end up close together, "
        "a hand-built colour descriptor is the baseline."
    )
    r = _read(reader, text, VS)
    assert "vs-frame-embedding-space" in {c.criterion_id for c in r.claims if c.counts}
    assert "frame" in r.stages


@pytest.mark.parametrize(
    ("problem", "text", "fact"),
    [
        (AD, "Give me the ad request numbers at peak.", "traffic"),
        (
            "video-recommendation",
            "Show me the request rate for the home page at peak.",
            "scale-qps",
        ),
    ],
)
def test_an_imperative_for_named_numbers_asks_for_them(reader, problem, text, fact):
    r = _read(reader, text, problem)
    assert r.intents == ["ask"] and fact in [q.fact_id for q in r.questions]


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        ("harmful-content", "Great, that's clear. How many reviewers are there?"),
        ("news-feed", "Next question, do we run our own data centers?"),
    ],
)
def test_an_acknowledgement_or_next_item_before_a_question_keeps_asking(reader, problem, text):
    r = _read(reader, text, problem)
    assert "move_on" not in r.intents and "ask" in r.intents


def test_an_acknowledgement_alone_still_closes_the_part(reader):
    assert "move_on" in _read(reader, "Thanks, that's clear.").intents


@pytest.mark.parametrize(
    ("text", "move_to"),
    [
        ("Could we pivot to the model now?", "model"),
        ("Shall we shift over to serving?", "serve"),
    ],
)
def test_a_shift_or_pivot_to_a_stage_moves_on(reader, text, move_to):
    r = _read(reader, text)
    assert r.intents == ["move_on"] and r.move_to == move_to


def test_wrapping_up_a_part_of_the_interview_is_no_finish(reader):
    r = _read(reader, "Can we wrap up the data bit and get going on the model?")
    assert "finish" not in r.intents and "move_on" in r.intents
    assert "finish" in _read(reader, "Can we wrap it up here?").intents


@pytest.mark.parametrize(
    ("problem", "text", "facts"),
    [
        # a collective noun: what the body is made of is asked about
        (
            "harmful-content",
            "Is there a crew of human moderators behind our labels?",
            {"reviewer-labels"},
        ),
        # a wait: a fact giving a duration answers it
        (AD, "What's the delay between showing an ad and logging its click?", {"labels"}),
        # "machines"/"servers" for the sheet's hardware
        (AD, "What servers does the scoring run on?", {"existing-system"}),
        # whose job, in other words; the measure of success by its acronym
        ("video-recommendation", "Is the up-next panel our job?", {"out-of-scope"}),
        ("visual-search", "Which KPI matters most for launch?", {"business-objective"}),
        # a lead-in turning to another question
        (AD, "Separately, can users report an ad?", {"product-features"}),
        # "plus am I...": a question of its own after "plus"
        (
            AD,
            "How many GPUs can training use, plus am I on the hook for the auction?",
            {"existing-system", "out-of-scope"},
        ),
    ],
)
def test_facts_asked_in_everyday_words(reader, problem, text, facts):
    assert {q.fact_id for q in _read(reader, text, problem).questions} == facts


def test_a_team_is_no_body_of_what_it_works_on(reader):
    r = _read(reader, "How large is the feed ranking team?", "news-feed")
    assert [q.fact_id for q in r.questions] == [None]


@pytest.mark.parametrize(
    ("problem", "text", "fact"),
    [
        ("video-recommendation", "What share of visitors browse without an account?", "user-data"),
        ("visual-search", "How many lookups happen each day?", "scale-users"),
    ],
)
def test_everyday_words_for_signed_out_and_searches(reader, problem, text, fact):
    assert [q.fact_id for q in _read(reader, text, problem).questions] == [fact]


def test_a_synonym_put_in_the_sheets_word_keeps_its_plural_spelled_right(reader):
    said = reader.facts._in_sheet_words("how many lookups a day", "visual-search")
    assert said == "how many searches a day"
    said = reader.facts._in_sheet_words("how snappy must it be", "video-recommendation")
    assert said == "how fast must it be"


def test_a_goal_question_naming_us_is_still_short(reader):
    r = _read(reader, "Which KPI tells us we did well?", "visual-search")
    assert [q.fact_id for q in r.questions] == ["business-objective"]


@pytest.mark.parametrize(
    ("problem", "text", "fact"),
    [
        ("harmful-content", "What tricks do offenders use to get past us?", "adversaries"),
        (AD, "How many promotions are live right now?", "scale-ads"),
    ],
)
def test_everyday_words_for_bad_actors_and_ads(reader, problem, text, fact):
    assert [q.fact_id for q in _read(reader, text, problem).questions] == [fact]


def test_a_weak_part_of_a_compound_takes_a_fact_the_whole_confirms(reader):
    text = "How large is the review workforce, how many flags do users raise a day?"
    r = _read(reader, text, "harmful-content")
    assert [q.fact_id for q in r.questions] == ["reviewer-labels", "user-reports"]


def test_a_weak_part_pointing_back_stays_off_the_sheet(reader):
    text = "How many daily users, and what fraction of them watch on TV apps?"
    r = _read(reader, text, "video-recommendation")
    assert [q.fact_id for q in r.questions] == ["scale-users", None]


def test_an_elaboration_after_a_dash_says_what_a_vague_head_asks(reader):
    r = _read(reader, "What's the billing setup for advertisers — per view or per tap?")
    assert [q.fact_id for q in r.questions] == ["business-objective"]
