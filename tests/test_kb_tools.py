"""Knowledge-bank safety and authoring tools: id clashes and the files' own comment rules are
rejected with file:line; `mlsd kb new` scaffolds a problem `mlsd kb validate` accepts; the
committed JSON Schema is the generated one and every problem file validates against it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from app.cli import app as cli
from app.config import get_settings
from app.knowledge.authoring import (
    SCHEMA_FILE,
    ProblemIdError,
    check_problem_id,
    render_problem_schema,
    scaffold_problem,
)
from app.knowledge.bank import KnowledgeError, load_bank
from app.knowledge.issues import load_yaml
from tests.conftest import ROOT

NEWS = "problems/news-feed.yaml"


@pytest.fixture
def kdir(tmp_path) -> Path:
    dst = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", dst)
    return dst


def _edit(kdir: Path, rel: str, old: str, new: str, nth: int = 1) -> int:
    """Replace the `nth` occurrence of line fragment `old` in one file; return its line."""
    path = kdir / rel
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    hits = [i for i, ln in enumerate(lines) if old in ln]
    assert len(hits) >= nth, f"{old!r} occurs {len(hits)} times in {rel}"
    i = hits[nth - 1]
    lines[i] = lines[i].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")
    return i + 1


def _line(kdir: Path, rel: str, fragment: str) -> int:
    text = (kdir / rel).read_text(encoding="utf-8").splitlines()
    return next(n for n, ln in enumerate(text, 1) if fragment in ln)


def _issues(kdir: Path, *extra: Path):
    with pytest.raises(KnowledgeError) as exc:
        load_bank(kdir, list(extra))
    return exc.value.issues


def _only(issues, rel: str):
    """The single issue, and it is in file `rel`."""
    assert len(issues) == 1, [str(i) for i in issues]
    (issue,) = issues
    assert issue.file.endswith(rel), issue
    return issue


# --- id clashes --------------------------------------------------------------------------


def test_duplicate_fact_id_in_a_problem_is_rejected_with_both_lines(kdir):
    first = _line(kdir, NEWS, "- id: scale-users")
    line = _edit(kdir, NEWS, "- id: scale-candidates", "- id: scale-users")
    issue = _only(_issues(kdir), NEWS)
    assert issue.line == line
    assert "fact id 'scale-users'" in issue.message
    assert f"news-feed.yaml:{first}" in issue.message  # where it was first defined


def test_fact_ids_are_problem_scoped_by_design(bank):
    # `business-objective` etc. name a topic in every problem; a session and the index both
    # carry the problem id, so these are not clashes.
    owners = [
        pid for pid, p in bank.problems.items() if "business-objective" in {f.id for f in p.facts}
    ]
    assert len(owners) > 1


def test_duplicate_probe_concept_in_a_problem_is_rejected(kdir):
    probes = load_yaml((kdir / NEWS).read_text())["probes"]
    first, second = probes[0]["concept"], probes[1]["concept"]
    line = _edit(kdir, NEWS, f"- concept: {second}", f"- concept: {first}")
    issue = _only(_issues(kdir), NEWS)
    assert issue.line == line and f"probe concept '{first}' is already used" in issue.message


def test_duplicate_concept_id_in_the_lexicon_is_rejected(kdir):
    first = _line(kdir, "concepts.yaml", "- id: business-objective")
    line = _edit(kdir, "concepts.yaml", "- id: system-scale", "- id: business-objective")
    issue = _only(_issues(kdir), "concepts.yaml")
    assert issue.line == line
    assert (
        f"concept id 'business-objective' is already used in knowledge/concepts.yaml:{first}"
        in (issue.message)
    )


# --- clashes within a file, and rules stated in the files' comments -------------------------


# One edited line breaks one rule: the bank refuses to load, naming that file and line.
# (file, the line's fragment, its replacement, what the message says)
ONE_LINE_BREAKS = [
    pytest.param(
        NEWS,
        "triggers: [logistic regression,",
        "triggers: [pointwise,",
        ["probe trigger 'pointwise'"],
        id="trigger-of-two-probes",
    ),
    # concepts.yaml: "an alias belongs to exactly one concept".
    pytest.param(
        "concepts.yaml",
        "aliases: [daily active users,",
        "aliases: [business goal,",
        ["alias 'business goal' is already used"],
        id="alias-of-two-concepts",
    ),
    pytest.param(
        NEWS,
        "- id: nf-clarify-business-goal",
        "- id: gen-clarify-scale",
        ["rubric/generic.yaml:"],
        id="problem-criterion-reusing-a-generic-id",
    ),
    # concepts.yaml: "the lower-case surface forms a candidate might type (aliases ...)".
    pytest.param(
        "concepts.yaml",
        "aliases: [business objective,",
        "aliases: [Business objective,",
        ["lower case", "aliases"],
        id="upper-case-alias",
    ),
    # concepts.yaml: "avoid aliases that are everyday English words".
    pytest.param(
        "concepts.yaml",
        "aliases: [business objective,",
        "aliases: [the one,",
        ["everyday English"],
        id="stopword-only-alias",
    ),
    # generic.yaml: "`concepts` are lower-case terms whose mention is evidence".
    pytest.param(
        "rubric/generic.yaml",
        "concepts: [business objective,",
        "concepts: [Business objective,",
        ["lower case"],
        id="upper-case-criterion-concept",
    ),
    # schema: a probe's triggers are "Lower-case phrases that fire it".
    pytest.param(
        NEWS,
        "triggers: [multi-task,",
        "triggers: [Multi-task,",
        ["lower case"],
        id="upper-case-probe-trigger",
    ),
    # generic.yaml: "`nudge` must never contain one of its own criterion's concepts"; matched
    # like a candidate's mention: the plural "goals" names "business goal".
    pytest.param(
        "rubric/generic.yaml",
        'nudge: "Before we go further, what would success look like for the company here?"',
        'nudge: "What business goals does the company have here?"',
        ["business goal", "nudge"],
        id="nudge-naming-its-own-concept",
    ),
    # schema: the leak guard blocks a reply quoting the rubric, so a nudge may not share a
    # run of six words with its own criterion's text or phrasings.
    pytest.param(
        NEWS,
        'nudge: "What number would leadership like to see go up because of this work?"',
        'nudge: "Tell me, what does the company count as a good feed?"',
        ["nudge quotes its own criterion", "count as a good feed"],
        id="nudge-quoting-its-own-phrasing",
    ),
    # checks: an `answered_by` phrase said by the probe's own trigger would skip it on every
    # mention ("fusion" inside "late fusion")
    pytest.param(
        "problems/harmful-content.yaml",
        "answered_by: [cross-modal, cross modal,",
        "answered_by: [fusion, cross modal,",
        ["'fusion' is said by the probe's own trigger 'late fusion'"],
        id="answered-by-said-by-a-trigger",
    ),
    # checks: likewise a lexicon probe's phrase said by its concept's own alias
    pytest.param(
        "concepts.yaml",
        'answered_by: ["corrected for the sampling rate",',
        'answered_by: ["downsampling",',
        ["'downsampling' is said by the concept's own alias 'downsampling'"],
        id="lexicon-answered-by-said-by-an-alias",
    ),
    # schema: the text is "The behaviour, phrased as 'Candidate ...'".
    pytest.param(
        NEWS,
        "text: Candidate asks whether success means",
        "text: Asks whether success means",
        ["Candidate"],
        id="criterion-text-not-about-the-candidate",
    ),
]


@pytest.mark.parametrize(("rel", "old", "new", "says"), ONE_LINE_BREAKS)
def test_a_broken_rule_is_rejected_at_its_line(kdir, rel, old, new, says):
    line = _edit(kdir, rel, old, new)
    issue = _only(_issues(kdir), rel)
    assert issue.line == line
    for words in says:
        assert words in issue.message, issue.message


def test_red_flag_with_a_nudge_is_rejected(kdir):
    # generic.yaml: "(red flags never carry a nudge)".
    path = kdir / NEWS
    lines = path.read_text().splitlines(keepends=True)
    start = next(i for i, ln in enumerate(lines) if "id: nf-evaluate-offline-only" in ln)
    probe = next(i for i in range(start, len(lines)) if lines[i].lstrip().startswith("probe:"))
    lines.insert(probe, '    nudge: "How would you know it works for real users?"\n')
    path.write_text("".join(lines))
    issue = _only(_issues(kdir), NEWS)
    assert issue.line == start + 1 and "must not carry a nudge" in issue.message


def test_cleared_by_on_a_positive_criterion_is_rejected(kdir):
    # schema: `cleared_by` is "Red flags only".
    old = 'nudge: "What number would leadership like to see go up because of this work?"'
    _edit(kdir, NEWS, old, "cleared_by: [a baseline]")
    issue = _only(_issues(kdir), NEWS)
    assert "only a red-flag criterion" in issue.message


def test_probe_on_a_positive_criterion_is_rejected(kdir):
    # schema: `probe` is "Red flags only".
    old = 'nudge: "What number would leadership like to see go up because of this work?"'
    _edit(kdir, NEWS, old, old.replace("nudge", "probe"))
    issue = _only(_issues(kdir), NEWS)
    assert "only a red-flag criterion" in issue.message
    assert issue.line == _line(kdir, NEWS, "id: nf-clarify-business-goal")


# --- mlsd kb new / validate / schema --------------------------------------------------------


@pytest.fixture
def env(kdir, tmp_path) -> dict[str, str]:
    return {"MLSD_KNOWLEDGE_DIR": str(kdir), "MLSD_DATA_DIR": str(tmp_path / "data")}


def _run(args: list[str], env: dict[str, str]):
    get_settings.cache_clear()  # the CLI reads the process-wide settings: these env vars
    try:
        return CliRunner().invoke(cli, args, env=env)
    finally:
        get_settings.cache_clear()


def test_kb_new_output_passes_kb_validate(kdir, env):
    new = _run(["kb", "new", "x-y"], env)
    assert new.exit_code == 0, new.output
    path = kdir / "problems" / "x-y.yaml"
    text = path.read_text()
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=../{SCHEMA_FILE}"
    assert (path.parent / f"../{SCHEMA_FILE}").resolve().is_file()
    done = _run(["kb", "validate"], env)
    assert done.exit_code == 0, done.output
    assert "ok 11 problems" in done.stdout
    assert "x-y.yaml" in done.stderr and "TODO" in done.stderr  # warned, not refused
    problem = load_bank(kdir).problem("x-y")
    assert all("TODO" in c.text for c in problem.criteria)  # placeholders are marked


def test_kb_validate_names_file_and_line(kdir, env):
    line = _edit(kdir, NEWS, "- id: scale-candidates", "- id: scale-users")
    done = _run(["kb", "validate"], env)
    assert done.exit_code == 1
    assert f"news-feed.yaml:{line}: facts.5.id: fact id 'scale-users'" in done.stderr


@pytest.mark.parametrize("bad", ["X-y", "x_y", "x--y", "-x", "x-", "x", "a" * 61, "x/y"])
def test_kb_new_refuses_an_invalid_id(kdir, env, bad):
    before = sorted(p.name for p in (kdir / "problems").iterdir())
    done = _run(["kb", "new", "--", bad], env)  # "--": "-x" is an id here, not an option
    assert done.exit_code == 2 and "kebab-case" in done.stderr
    assert sorted(p.name for p in (kdir / "problems").iterdir()) == before


def test_kb_new_refuses_an_existing_id(kdir, env, tmp_path):
    before = (kdir / NEWS).read_bytes()
    done = _run(["kb", "new", "news-feed"], env)
    assert done.exit_code == 2 and "already exists" in done.stderr
    assert (kdir / NEWS).read_bytes() == before
    # a user problem in the data dir counts too
    user = tmp_path / "data" / "problems"
    user.mkdir(parents=True)
    (user / "mine.yaml").write_text(scaffold_problem("mine"))
    done = _run(["kb", "new", "mine", "--out", str(tmp_path / "elsewhere")], env)
    assert done.exit_code == 2 and "already exists" in done.stderr
    assert not (tmp_path / "elsewhere").exists()


def test_kb_new_writes_to_out(kdir, env, tmp_path):
    out = tmp_path / "drafts"
    done = _run(["kb", "new", "fraud-detection", "--out", str(out)], env)
    assert done.exit_code == 0, done.output
    path = out / "fraud-detection.yaml"
    hint = path.read_text().splitlines()[0].split("$schema=", 1)[1]
    assert (out / hint).resolve() == (kdir / SCHEMA_FILE).resolve()
    assert not (kdir / "problems" / "fraud-detection.yaml").exists()
    assert "fraud-detection" in load_bank(kdir, [out]).problems
    wrong = _run(["kb", "new", "fraud-x", "--out", str(out / "other.yaml")], env)
    assert wrong.exit_code == 2 and "must be named fraud-x.yaml" in wrong.stderr
    again = _run(["kb", "new", "fraud-detection", "--out", str(out)], env)
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_check_problem_id():
    assert check_problem_id("people-you-may-know") == "people-you-may-know"
    with pytest.raises(ProblemIdError):
        check_problem_id("People")


def test_committed_json_schema_is_the_generated_one():
    committed = (ROOT / "knowledge" / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == render_problem_schema(), "run: mlsd kb schema > knowledge/" + SCHEMA_FILE
    done = CliRunner().invoke(cli, ["kb", "schema"])
    assert done.exit_code == 0 and done.stdout == committed


def _schema_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "knowledge" / SCHEMA_FILE).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_every_bank_problem_validates_against_the_json_schema(bank):
    validator = _schema_validator()
    files = sorted((ROOT / "knowledge" / "problems").glob("*.yaml"))
    assert {p.stem for p in files} == set(bank.problems)
    for path in files:
        errors = [e.message for e in validator.iter_errors(load_yaml(path.read_text()))]
        assert errors == [], f"{path.name}: {errors}"
    scaffold = load_yaml(scaffold_problem("x-y", "../problem.schema.json"))
    assert list(validator.iter_errors(scaffold)) == []


def test_json_schema_rejects_what_the_validator_rejects():
    validator = _schema_validator()
    data = load_yaml((ROOT / "knowledge" / NEWS).read_text())
    crit = data["criteria"][0]
    bad = {
        "Upper-case concept": {**crit, "concepts": ["Likes"]},
        "text not about the candidate": {**crit, "text": "Asks about the reactions offered."},
        "zero points": {**crit, "points": 0},
        "unknown key": {**crit, "weight": 2},
    }
    for why, criterion in bad.items():
        broken = {**data, "criteria": [criterion, *data["criteria"][1:]]}
        assert list(validator.iter_errors(broken)), why
    assert list(validator.iter_errors({**data, "id": "News_Feed"}))
