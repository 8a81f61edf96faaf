"""Load and validate everything under `knowledge/` into one immutable `KnowledgeBank`.

Either the whole bank loads or a `KnowledgeError` lists every problem with file and line:
the service never starts with half a problem bank.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from langchain_text_splitters import MarkdownHeaderTextSplitter
from pydantic import BaseModel, ValidationError

from app.knowledge.checks import (
    IdRegistry,
    criterion_id_issues,
    lexicon_id_issues,
    problem_id_issues,
    red_flag_probe_issues,
)
from app.knowledge.issues import YAML_LOADER, KnowledgeIssue, line_of
from app.knowledge.schema import (
    STAGES,
    ConceptLexicon,
    Criterion,
    FrameworkFrontMatter,
    GenericRubric,
    Problem,
)

__all__ = [
    "KnowledgeBank",
    "KnowledgeError",
    "KnowledgeIssue",
    "Section",
    "load_bank",
    "problem_dirs",
    "red_flag_probe_issues",
]


class KnowledgeError(Exception):
    """The knowledge directory does not validate; `issues` says where and why."""

    def __init__(self, issues: list[KnowledgeIssue]):
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))


@dataclass(frozen=True)
class Section:
    """One retrievable section of the framework text."""

    id: str  # "<file stem>#<slug>"
    stage: str
    doc_title: str
    title: str
    text: str
    keywords: tuple[str, ...]

    @property
    def citation(self) -> str:
        return f"{self.doc_title} › {self.title}"


@dataclass(frozen=True, eq=False)  # identity equality: hashable, cacheable
class KnowledgeBank:
    problems: dict[str, Problem]
    generic: GenericRubric
    concepts: ConceptLexicon
    sections: tuple[Section, ...]
    content_hash: str
    files: tuple[str, ...] = field(default=())

    def problem(self, problem_id: str) -> Problem:
        return self.problems[problem_id]

    def criteria_for(self, problem_id: str, level: str | None = None) -> list[Criterion]:
        """Generic plus problem criteria, in stage order, optionally filtered by level. A
        generic criterion with `for_tags` applies only to problems with one of those tags."""
        problem = self.problems[problem_id]
        tags = set(problem.tags)
        generic = [c for c in self.generic.criteria if not c.for_tags or tags & set(c.for_tags)]
        out = [*generic, *problem.criteria]
        if level:
            out = [c for c in out if level in c.levels]
        order = {s: i for i, s in enumerate(STAGES)}
        return sorted(out, key=lambda c: order[c.stage])

    def sections_for(self, stage: str) -> list[Section]:
        return [s for s in self.sections if s.stage == stage]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


def _load_yaml(
    path: Path, model: type[BaseModel], issues: list[KnowledgeIssue], rel: str
) -> tuple[Any, yaml.Node | None]:
    """The validated model (None on any issue) and the file's node tree (for line numbers)."""
    loaded, node, found = _parse_yaml(path.read_text(encoding="utf-8"), model, rel)
    issues.extend(found)
    return loaded, node


# Parsing and validating a file depends on its text alone (and on the name its issues carry),
# and what comes out is immutable (frozen models; a node tree only read for line numbers):
# a process that loads the bank again, or a copy of it with one file changed (the tests do,
# dozens of times), reuses every unchanged file. Keyed by the whole text, so an edited file
# is always parsed afresh.
PARSED_FILES_KEPT = 64


@functools.lru_cache(maxsize=PARSED_FILES_KEPT)
def _parse_yaml(
    text: str, model: type[BaseModel], rel: str
) -> tuple[Any, yaml.Node | None, tuple[KnowledgeIssue, ...]]:
    try:
        # One parse serves both: the data is constructed from the node tree kept for lines.
        loader = YAML_LOADER(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        return None, None, (KnowledgeIssue(rel, line, f"invalid YAML: {exc}"),)
    try:
        return model.model_validate(data), node, ()
    except ValidationError as exc:
        issues = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            where = ".".join(str(p) for p in loc) or "(file)"
            msg = err["msg"].removeprefix("Value error, ")
            issues.append(KnowledgeIssue(rel, line_of(node, loc), f"{where}: {msg}"))
        return None, node, tuple(issues)


_SPLITTER = MarkdownHeaderTextSplitter(
    headers_to_split_on=[("#", "doc"), ("##", "section")], strip_headers=True
)


def _load_framework(path: Path, issues: list[KnowledgeIssue], rel: str) -> list[Section]:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.S)
    if not match:
        issues.append(KnowledgeIssue(rel, 1, "missing front matter (--- ... ---)"))
        return []
    try:
        fm = FrameworkFrontMatter.model_validate(yaml.load(match.group(1), Loader=YAML_LOADER))
    except (yaml.YAMLError, ValidationError) as exc:
        issues.append(KnowledgeIssue(rel, 1, f"front matter: {exc}"))
        return []
    sections = []
    for chunk in _SPLITTER.split_text(match.group(2)):
        title = chunk.metadata.get("section")
        body = chunk.page_content.strip()
        if not title or not body:
            continue
        sections.append(
            Section(
                id=f"{path.stem}#{_slug(title)}",
                stage=fm.stage,
                doc_title=fm.title,
                title=title,
                text=body,
                keywords=tuple(fm.keywords),
            )
        )
    if not sections:
        issues.append(KnowledgeIssue(rel, None, "no '## ' sections found"))
    return sections


def problem_dirs(knowledge_dir: Path, extra: list[Path] | None = None) -> list[Path]:
    return [knowledge_dir / "problems", *(extra or [])]


def load_bank(knowledge_dir: Path, extra_problem_dirs: list[Path] | None = None) -> KnowledgeBank:
    """Load and validate the whole bank, or raise `KnowledgeError` listing every issue."""
    issues: list[KnowledgeIssue] = []
    digest = hashlib.sha256()
    files: list[str] = []

    def rel(p: Path) -> str:
        try:
            return str(p.relative_to(knowledge_dir.parent))
        except ValueError:
            return str(p)

    def track(p: Path) -> None:
        files.append(rel(p))
        digest.update(rel(p).encode())
        digest.update(p.read_bytes())

    generic_path = knowledge_dir / "rubric" / "generic.yaml"
    concepts_path = knowledge_dir / "concepts.yaml"
    generic = concepts = None
    criterion_ids = IdRegistry("criterion id")  # global: see app/knowledge/checks.py
    for path, model in ((generic_path, GenericRubric), (concepts_path, ConceptLexicon)):
        if not path.exists():
            issues.append(KnowledgeIssue(rel(path), None, "file is missing"))
            continue
        track(path)
        loaded, node = _load_yaml(path, model, issues, rel(path))
        if loaded is None:
            continue
        if model is GenericRubric:
            generic = loaded
            issues.extend(red_flag_probe_issues(rel(path), loaded.criteria, node))
            issues.extend(criterion_id_issues(rel(path), node, loaded.criteria, criterion_ids))
        else:
            concepts = loaded
            issues.extend(lexicon_id_issues(rel(path), node, loaded))

    problems: dict[str, Problem] = {}
    for directory in problem_dirs(knowledge_dir, extra_problem_dirs):
        if not directory.is_dir():
            continue
        for path in sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")]):
            track(path)
            problem, node = _load_yaml(path, Problem, issues, rel(path))
            if problem is None:
                continue
            issues.extend(red_flag_probe_issues(rel(path), problem.criteria, node))
            issues.extend(problem_id_issues(rel(path), node, problem))
            issues.extend(criterion_id_issues(rel(path), node, problem.criteria, criterion_ids))
            issues.extend(
                KnowledgeIssue(rel(path), None, f"{c.id}: for_tags is for generic criteria only")
                for c in problem.criteria
                if c.for_tags
            )
            if problem.id != path.stem:
                issues.append(KnowledgeIssue(rel(path), 1, f"id '{problem.id}' != file name"))
            elif problem.id in problems:
                issues.append(KnowledgeIssue(rel(path), 1, f"duplicate problem id {problem.id}"))
            else:
                problems[problem.id] = problem
    if not problems and not issues:
        issues.append(KnowledgeIssue(rel(knowledge_dir / "problems"), None, "no problems found"))

    sections: list[Section] = []
    for path in sorted((knowledge_dir / "framework").glob("*.md")):
        track(path)
        sections.extend(_load_framework(path, issues, rel(path)))
    if not sections and not issues:
        issues.append(KnowledgeIssue(rel(knowledge_dir / "framework"), None, "no sections"))

    if issues:
        raise KnowledgeError(issues)
    assert generic is not None and concepts is not None
    return KnowledgeBank(
        problems=problems,
        generic=generic,
        concepts=concepts,
        sections=tuple(sections),
        content_hash=digest.hexdigest()[:16],
        files=tuple(files),
    )
