"""Bank-level checks that one file's pydantic model cannot make alone, each issue with its line.

Namespaces of ids, and why each is as wide as it is:

- criterion ids: global (generic rubric and every problem): the matcher, coverage state and
  reports key on the bare id, so two files may never share one;
- concept ids and aliases of `concepts.yaml`: one lexicon; "an alias belongs to exactly one
  concept" (the file's own rule), else one phrase would stand for two concepts;
- fact ids: unique within their problem. They are problem-scoped by design (a session's
  revealed facts and the index ids, `fact:<problem>:<fact>`, carry the problem), so
  `business-objective` or `scale` in every problem is not a clash;
- probe concepts and triggers: unique within their problem (a probe's questions are keyed
  `probe:<concept>:<n>`; a trigger fires one probe). A problem probe may reuse a lexicon
  concept id or alias on purpose: the problem's sharper question is asked first;
- a probe's `answered_by` phrases: none found within one of its own triggers (else every
  mention that fires the probe would also count as its point made, and it would never ask);
  likewise a lexicon probe's phrases and its concept's aliases;
- leakage aliases: unique within their problem's `leakage` (one phrase is either a label,
  a post-prediction fact or a growing counter: the detector treats each kind differently),
  and `leakage.credit` names positive criteria of the same problem.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml

from app.knowledge.issues import KnowledgeIssue, line_of
from app.knowledge.schema import ConceptLexicon, Criterion, Problem
from app.knowledge.text import find_phrase


class IdRegistry:
    """The first `file:line` of every id of one namespace, so a clash can name both places."""

    def __init__(self, kind: str):
        self.kind = kind
        self.first: dict[str, str] = {}

    def claim(
        self, value: str, file: str, node: yaml.Node | None, loc: tuple[Any, ...]
    ) -> KnowledgeIssue | None:
        """Record `value` at `file`/`loc`, or return the issue if it was used before."""
        line = line_of(node, loc)
        if value in self.first:
            where = ".".join(str(p) for p in loc)
            return KnowledgeIssue(
                file, line, f"{where}: {self.kind} '{value}' is already used in {self.first[value]}"
            )
        self.first[value] = f"{file}:{line}" if line else file
        return None


def _claim_all(
    registry: IdRegistry,
    file: str,
    node: yaml.Node | None,
    entries: Iterable[tuple[str, tuple[Any, ...]]],
) -> list[KnowledgeIssue]:
    issues = (registry.claim(value, file, node, loc) for value, loc in entries)
    return [i for i in issues if i is not None]


def criterion_id_issues(
    file: str, node: yaml.Node | None, criteria: list[Criterion], registry: IdRegistry
) -> list[KnowledgeIssue]:
    """Criterion ids against every criterion loaded before (one registry per bank)."""
    return _claim_all(
        registry, file, node, ((c.id, ("criteria", i, "id")) for i, c in enumerate(criteria))
    )


def problem_id_issues(file: str, node: yaml.Node | None, problem: Problem) -> list[KnowledgeIssue]:
    """Fact ids, probe concepts, probe triggers and leakage aliases: each unique within its
    problem; leakage credit ids name the problem's own positive criteria."""
    facts, concepts, triggers = (
        IdRegistry("fact id"),
        IdRegistry("probe concept"),
        IdRegistry("probe trigger"),
    )
    out = _claim_all(
        facts, file, node, ((f.id, ("facts", i, "id")) for i, f in enumerate(problem.facts))
    )
    # entries may share a concept (one point each, see `Probe.answered_by`) when they share
    # its triggers too: the concept and its triggers are claimed once, by its first entry
    first: dict[str, int] = {}
    for i, p in enumerate(problem.probes):
        first.setdefault(p.concept, i)
    out += [
        KnowledgeIssue(
            file,
            line_of(node, ("probes", i, "concept")),
            f"probes.{i}.concept: a second entry of concept '{p.concept}' must repeat the "
            f"triggers of its first (probes.{first[p.concept]}): probe concept '{p.concept}' is "
            "already used with other triggers",
        )
        for i, p in enumerate(problem.probes)
        if first[p.concept] != i and p.triggers != problem.probes[first[p.concept]].triggers
    ]
    leads = [(i, p) for i, p in enumerate(problem.probes) if first[p.concept] == i]
    out += _claim_all(
        concepts, file, node, ((p.concept, ("probes", i, "concept")) for i, p in leads)
    )
    out += _claim_all(
        triggers,
        file,
        node,
        ((t, ("probes", i, "triggers", j)) for i, p in leads for j, t in enumerate(p.triggers)),
    )
    return out + answered_by_issues(file, node, problem) + leakage_issues(file, node, problem)


def answered_by_issues(file: str, node: yaml.Node | None, problem: Problem) -> list[KnowledgeIssue]:
    """No `answered_by` phrase of a probe is said by one of its triggers ("fusion" for a probe
    fired by "late fusion"): naming the concept is not making the probe's point."""
    return [
        issue
        for i, p in enumerate(problem.probes)
        for issue in _said_by_names(
            file, node, ("probes", i), p.answered_by, p.triggers, "the probe's own trigger"
        )
    ]


def _said_by_names(
    file: str,
    node: yaml.Node | None,
    at: tuple[str | int, ...],
    phrases: list[str],
    names: list[str],
    whose: str,
) -> list[KnowledgeIssue]:
    """An issue for each phrase of `phrases` (a probe's `answered_by`, at `at`) found within
    one of the `names` that fire the probe."""
    out = []
    for j, phrase in enumerate(phrases):
        said_by = next((n for n in names if find_phrase(phrase, n)), None)
        if said_by is not None:
            where = ".".join(str(k) for k in (*at, "answered_by", j))
            out.append(
                KnowledgeIssue(
                    file,
                    line_of(node, (*at, "answered_by", j)),
                    f"{where}: '{phrase}' is said by {whose} '{said_by}', so every mention "
                    "would skip the probe",
                )
            )
    return out


_LEAK_KINDS = ("labels", "after_prediction", "counters")


def leakage_issues(file: str, node: yaml.Node | None, problem: Problem) -> list[KnowledgeIssue]:
    """A problem's `leakage`: every alias used once across its lists, every credit id a
    positive criterion of the problem."""
    leakage = problem.leakage
    if leakage is None:
        return []
    aliases = IdRegistry("leakage alias")
    out = _claim_all(
        aliases,
        file,
        node,
        (
            (alias, ("leakage", kind, i, "aliases", j))
            for kind in _LEAK_KINDS
            for i, signal in enumerate(getattr(leakage, kind))
            for j, alias in enumerate(signal.aliases)
        ),
    )
    positive = {c.id for c in problem.criteria if c.points > 0}
    out += [
        KnowledgeIssue(
            file,
            line_of(node, ("leakage", "credit", i)),
            f"leakage.credit.{i}: '{cid}' is not a positive criterion of this problem",
        )
        for i, cid in enumerate(leakage.credit)
        if cid not in positive
    ]
    return out


def lexicon_id_issues(
    file: str, node: yaml.Node | None, lexicon: ConceptLexicon
) -> list[KnowledgeIssue]:
    """Concept ids are unique, and an alias belongs to exactly one concept."""
    ids, aliases = IdRegistry("concept id"), IdRegistry("alias")
    out = _claim_all(
        ids, file, node, ((c.id, ("concepts", i, "id")) for i, c in enumerate(lexicon.concepts))
    )
    out += _claim_all(
        aliases,
        file,
        node,
        (
            (a, ("concepts", i, "aliases", j))
            for i, c in enumerate(lexicon.concepts)
            for j, a in enumerate(c.aliases)
        ),
    )
    return out + lexicon_answered_by_issues(file, node, lexicon)


def lexicon_answered_by_issues(
    file: str, node: yaml.Node | None, lexicon: ConceptLexicon
) -> list[KnowledgeIssue]:
    """No `answered_by` phrase of a lexicon probe is said by one of its concept's aliases
    ("calibration" for the probe of "probability calibration"): the mention that fires the
    probe would also skip it."""
    return [
        issue
        for i, c in enumerate(lexicon.concepts)
        for k, probe in enumerate(c.probes)
        for issue in _said_by_names(
            file,
            node,
            ("concepts", i, "probes", k),
            probe.answered_by,
            c.aliases,
            "the concept's own alias",
        )
    ]


def red_flag_probe_issues(
    file: str, criteria: list[Criterion], node: yaml.Node | None = None
) -> list[KnowledgeIssue]:
    """Every red-flag criterion must carry a `probe`: the question asked right after the mistake.

    `node` (the composed YAML of the file) only serves to point at the criterion's line.
    """
    return [
        KnowledgeIssue(
            file,
            line_of(node, ("criteria", i)),
            f"criteria.{i} ({c.id}): red-flag criterion (negative points) has no probe",
        )
        for i, c in enumerate(criteria)
        if c.red_flag and not (c.probe and c.probe.strip())
    ]
