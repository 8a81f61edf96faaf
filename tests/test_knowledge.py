"""The shipped knowledge validates; broken files are reported with file and line."""

from __future__ import annotations

import shutil

import pytest

from app.knowledge.bank import KnowledgeError, load_bank
from app.knowledge.schema import STAGES, Concept
from tests.conftest import BANK_PROBLEMS, ROOT

# The problems the product promises to ship (content, not a count): the bank may hold more.
REQUIRED = {
    "visual-search",
    "street-view-blurring",
    "video-search",
    "harmful-content",
    "video-recommendation",
    "event-recommendation",
    "ad-click-prediction",
    "similar-listings",
    "news-feed",
    "people-you-may-know",
}


def test_shipped_bank_is_complete(bank):
    assert set(bank.problems) >= REQUIRED
    assert sorted(bank.problems) == BANK_PROBLEMS
    stages = {s.stage for s in bank.sections}
    assert set(STAGES) <= stages
    for pid in bank.problems:
        p = bank.problem(pid)
        assert {c.stage for c in p.criteria} == set(STAGES)
        assert any(c.points < 0 for c in p.criteria), f"{pid} has no red flags"
        assert len(p.facts) >= 5 and p.probes


def _copy(tmp_path):
    dst = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", dst)
    return dst


def test_malformed_problem_is_reported_with_file_and_line(tmp_path):
    kdir = _copy(tmp_path)
    path = kdir / "problems" / "news-feed.yaml"
    text = path.read_text()
    path.write_text(text.replace("difficulty: ", "difficulty: impossible # ", 1))
    with pytest.raises(KnowledgeError) as exc:
        load_bank(kdir)
    issue = exc.value.issues[0]
    assert issue.file.endswith("problems/news-feed.yaml")
    line = next(i for i, ln in enumerate(path.read_text().splitlines(), 1) if "impossible" in ln)
    assert issue.line == line
    assert "difficulty" in issue.message


def test_invalid_yaml_and_missing_field(tmp_path):
    kdir = _copy(tmp_path)
    (kdir / "problems" / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n")
    (kdir / "problems" / "thin.yaml").write_text("id: thin\ntitle: Thin problem\n")
    with pytest.raises(KnowledgeError) as exc:
        load_bank(kdir)
    files = {i.file.rsplit("/", 1)[-1] for i in exc.value.issues}
    assert {"broken.yaml", "thin.yaml"} <= files


def test_user_problem_dropped_in_is_loaded(tmp_path, bank):
    kdir = _copy(tmp_path)
    extra = tmp_path / "extra"
    extra.mkdir()
    src = (kdir / "problems" / "news-feed.yaml").read_text()
    (extra / "my-feed.yaml").write_text(
        src.replace("id: news-feed", "id: my-feed", 1).replace("nf-", "mf-")
    )
    loaded = load_bank(kdir, [extra])
    assert "my-feed" in loaded.problems
    assert loaded.content_hash != bank.content_hash


def test_every_shipped_red_flag_has_a_probe(bank):
    for pid in bank.problems:
        for c in bank.criteria_for(pid):
            if c.red_flag:
                assert c.probe and c.probe.strip().endswith("?"), c.id
            else:
                assert c.probe is None, c.id


def test_red_flag_without_probe_is_rejected_with_file_and_id(tmp_path):
    kdir = _copy(tmp_path)
    path = kdir / "problems" / "news-feed.yaml"
    lines = path.read_text().splitlines(keepends=True)
    start = next(i for i, ln in enumerate(lines) if "id: nf-evaluate-offline-only" in ln)
    probe = next(i for i in range(start, len(lines)) if lines[i].lstrip().startswith("probe:"))
    del lines[probe]
    path.write_text("".join(lines))
    with pytest.raises(KnowledgeError) as exc:
        load_bank(kdir)
    (issue,) = exc.value.issues
    assert issue.file.endswith("problems/news-feed.yaml")
    assert "nf-evaluate-offline-only" in issue.message and "probe" in issue.message
    assert issue.line == start + 1


def test_red_flag_probe_check_on_generic_rubric(bank):
    from app.knowledge.bank import red_flag_probe_issues

    flag = next(c for c in bank.generic.criteria if c.red_flag)
    stripped = [
        c.model_copy(update={"probe": None}) if c is flag else c for c in bank.generic.criteria
    ]
    issues = red_flag_probe_issues("knowledge/rubric/generic.yaml", stripped)
    assert [i.file for i in issues] == ["knowledge/rubric/generic.yaml"]
    assert flag.id in issues[0].message
    assert red_flag_probe_issues("knowledge/rubric/generic.yaml", bank.generic.criteria) == []


def test_copied_problem_keeping_criterion_ids_is_rejected_with_file_and_line(tmp_path):
    kdir = _copy(tmp_path)
    extra = tmp_path / "extra"
    extra.mkdir()
    src = (kdir / "problems" / "news-feed.yaml").read_text()
    (extra / "my-feed.yaml").write_text(src.replace("id: news-feed", "id: my-feed", 1))
    with pytest.raises(KnowledgeError) as exc:
        load_bank(kdir, [extra])
    clashes = [i for i in exc.value.issues if "already used" in i.message]
    assert len(clashes) == len(load_bank(kdir).problem("news-feed").criteria)
    first = clashes[0]
    assert first.file.endswith("my-feed.yaml") and "news-feed.yaml" in first.message
    line = src.splitlines()[first.line - 1]
    assert "id:" in line and line.split("id:")[1].strip() in first.message


def test_a_generic_criterion_applies_only_to_the_problems_its_tags_name(bank):
    # exploration decides what a ranker shows; a classifier of harmful posts or a blurring
    # detector shows nothing to explore with, so it is neither asked for nor graded there
    def ids(problem_id):
        return {c.id for c in bank.criteria_for(problem_id, "senior")}

    assert "gen-serve-exploration" in ids("video-recommendation")
    assert "gen-serve-exploration" in ids("ad-click-prediction")
    assert "gen-serve-exploration" not in ids("harmful-content")
    assert "gen-serve-exploration" not in ids("street-view-blurring")
    # criteria without tags apply everywhere
    assert "gen-serve-batch-vs-online" in ids("harmful-content")


def test_every_problem_probe_says_when_its_point_is_already_made(bank):
    """Issue 12: a probe without `answered_by` is asked even right after the candidate made
    its point in the same message."""
    bare = [
        f"{pid}: {p.concept}: {p.questions[0]}"
        for pid, problem in bank.problems.items()
        for p in problem.probes
        if not p.answered_by
    ]
    assert not bare, bare


def test_a_lexicon_probe_is_a_plain_question_or_one_with_its_points():
    """concepts.yaml: a probe item is a bare question, or {question, answered_by}."""
    concept = Concept.model_validate(
        {
            "id": "resampling",
            "stage": "data",
            "aliases": ["downsampling"],
            "probes": [
                "Which informative examples might you throw away by downsampling?",
                {
                    "question": "After downsampling, how do you correct the probabilities?",
                    "answered_by": ["corrected for the sampling rate"],
                },
            ],
        }
    )
    plain, pointed = concept.probes
    assert plain.question.startswith("Which informative") and plain.answered_by == []
    assert pointed.answered_by == ["corrected for the sampling rate"]


def test_lexicon_probes_with_answered_by_are_most_of_them(bank):
    """Issue 12: the lexicon's probes say when their point is already made (134 of 164 when
    written; the rest ask for a judgement no phrase settles)."""
    probes = [p for c in bank.concepts.concepts for p in c.probes]
    assert sum(bool(p.answered_by) for p in probes) >= 0.75 * len(probes)
