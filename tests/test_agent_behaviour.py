"""The interviewer as behaviour: a ladder of scripted candidates per problem, through the API,
offline. Scripts live in tests/data/candidates/ (one file per problem)."""

from __future__ import annotations

import pytest

from app.interview.guard import find_leak
from app.knowledge.schema import STAGES
from bench.simulate import load_scripts, questions_in, run_script
from tests.conftest import BANK_PROBLEMS

SCRIPTS = load_scripts()
PROBLEMS = BANK_PROBLEMS  # every problem of the bank needs its ladder of scripts


@pytest.fixture(scope="module")
def api(sqlite_client):
    return sqlite_client


def test_every_problem_has_the_ladder(bank):
    assert sorted(bank.problems) == PROBLEMS
    assert set(SCRIPTS) == set(PROBLEMS), "every problem needs scripts, every script a problem"
    for pid in PROBLEMS:
        assert {"strong", "average", "weak", "silent"} <= set(SCRIPTS[pid])


def _stages_reached(run) -> list[str]:
    seen = ["clarify"]
    for _, turn in run.turns:
        if turn["stage"] != seen[-1]:
            seen.append(turn["stage"])
    return seen


def _guessed(run) -> set[str]:
    """Stages the interview jumped ahead to and left on the candidate's very next message,
    back to a stage it had jumped over: the candidate never spoke there, so such a stage is
    still ahead of them and may be entered again."""
    stages = ["clarify"] + [turn["stage"] for _, turn in run.turns]
    out = set()
    for i in range(1, len(stages) - 1):
        before, here, after = stages[i - 1], stages[i], stages[i + 1]
        ahead = STAGES.index(here) > STAGES.index(before)
        if here != before and ahead and STAGES.index(after) < STAGES.index(here):
            out.add(here)
    return out


def _assert_forward(reached: list[str], guessed: set[str] | None = None) -> None:
    """The interview follows the candidate forward (it may jump over a stage the candidate
    skipped); going back is only ever a single revisit of a stage jumped over, and a stage
    entered on a guess and left at once may be entered again."""
    guessed = set(guessed or ())
    order = [STAGES.index(s) for s in reached]
    furthest = -1
    seen: set[str] = set()
    for stage, i in zip(reached, order, strict=True):
        if i > furthest:
            furthest = i
        else:
            assert stage not in seen, f"went back to a stage already covered: {reached}"
        if stage in guessed:
            guessed.discard(stage)  # its first visit: not covered
        else:
            seen.add(stage)


def _facts_of(turn) -> list[str]:
    return turn["reply"].get("facts_answered") or []


def _check_common(run, bank, pid):
    """One question per turn, never the same question twice, nothing hidden leaked."""
    problem = bank.problem(pid)
    asked: list[str] = []
    for reply in run.replies:
        qs = questions_in(reply["content"])
        assert len(qs) <= 1, f"more than one question: {reply['content']}"
        asked += [q.lower() for q in qs]
    dupes = {q for q in asked if asked.count(q) > 1}
    assert not dupes, f"repeated interviewer question: {dupes}"
    allowed: set[str] = set()
    for step, turn in run.turns:
        allowed |= set(_facts_of(turn))
        said = step.get("ask", step.get("say", ""))
        leak = find_leak(
            turn["reply"]["content"],
            bank=bank,
            problem=problem,
            allowed_facts=allowed,
            candidate_text=said,
        )
        assert leak is None, f"{leak}: {turn['reply']['content']}"


@pytest.mark.parametrize("pid", PROBLEMS)
@pytest.mark.parametrize("level", ["strong", "average"])
def test_good_candidates_reach_every_stage(api, bank, pid, level):
    steps = list(SCRIPTS[pid][level])
    if level == "average":
        # A fixed script never answers the interviewer's follow-ups, so it can end a stage
        # behind; like a real candidate, it may then ask to move on (twice at most).
        steps += [{"say": "That's all I have on this part, let's move on."}] * 2
    run = run_script(api, pid, steps)
    reached = _stages_reached(run)
    _assert_forward(reached, _guessed(run))
    assert "monitor" in reached, f"{level} stopped at {reached[-1]}: {reached}"
    _check_common(run, bank, pid)


@pytest.mark.parametrize("pid", PROBLEMS)
def test_clarifying_questions_get_the_right_fact(api, pid):
    run = run_script(api, pid, [s for s in SCRIPTS[pid]["strong"] if "ask" in s])
    for step, turn in run.turns:
        assert step["fact"] in _facts_of(turn), (step["ask"], _facts_of(turn))


def test_clarifying_answer_rate_across_all_scripts(api):
    right = wrong = missed = 0
    for pid in PROBLEMS:
        asks = [s for level in SCRIPTS[pid].values() for s in level if "ask" in s]
        run = run_script(api, pid, asks)
        for step, turn in run.turns:
            got = _facts_of(turn)
            if step["fact"] in got:
                right += 1
            elif got:
                wrong += 1
            else:
                missed += 1
                assert "assumption" in turn["reply"]["content"].lower()
    total = right + wrong + missed
    # Measured: 84 right, 3 wrong (defensible neighbours), 2 unanswered of 89.
    assert right / total >= 0.9 and wrong / total <= 0.04, (right, wrong, missed)


@pytest.mark.parametrize("pid", PROBLEMS)
def test_weak_candidates_get_their_mistakes_probed(api, bank, pid):
    run = run_script(api, pid, SCRIPTS[pid]["weak"])
    probed = {t["reply"].get("concept") for _, t in run.turns if t["reply"]["move"] == "probe"}
    seeded = [s["probe"] for s in SCRIPTS[pid]["weak"] if s.get("probe")]
    hit = [c for c in seeded if c in probed]
    assert len(hit) >= 1, f"none of {seeded} probed; probed {probed}"
    _check_common(run, bank, pid)


@pytest.mark.parametrize("pid", PROBLEMS)
def test_silent_candidates_never_loop(api, bank, pid):
    steps = SCRIPTS[pid]["silent"] * 2
    run = run_script(api, pid, steps)
    moves = [t["reply"]["move"] for _, t in run.turns]
    assert all(t["reply"]["content"].strip() for _, t in run.turns)
    assert "redirect" in moves
    # Never three redirects in a row: after that the interviewer moves on.
    longest = max(
        len(r) for r in "".join("r" if m == "redirect" else "." for m in moves).split(".")
    )
    assert longest <= 3, moves
    assert len(_stages_reached(run)) >= 2
    _check_common(run, bank, pid)


def test_interview_ends_when_asked_and_at_the_end(api):
    run = run_script(api, "news-feed", [{"say": "I think I'm done, let's wrap up the interview."}])
    assert run.status == "ended" and run.turns[-1][1]["reply"]["move"] == "wrap_up"
