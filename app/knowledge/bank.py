"""Load and validate everything under `knowledge/` into one immutable `KnowledgeBank`.

Either the whole bank loads or a `KnowledgeError` lists every problem with file and line:
the service never starts with half a problem bank.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from langchain_text_splitters import MarkdownHeaderTextSplitter
from pydantic import ValidationError

from app.knowledge.schema import (
    STAGES,
    ConceptLexicon,
    Criterion,
    FrameworkFrontMatter,
    GenericRubric,
    Problem,
)


@dataclass(frozen=True)
class KnowledgeIssue:
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


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
        """Generic plus problem criteria, in stage order, optionally filtered by level."""
        out = [*self.generic.criteria, *self.problems[problem_id].criteria]
        if level:
            out = [c for c in out if level in c.levels]
        order = {s: i for i, s in enumerate(STAGES)}
        return sorted(out, key=lambda c: order[c.stage])

    def sections_for(self, stage: str) -> list[Section]:
        return [s for s in self.sections if s.stage == stage]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


# libyaml's loader (same safe subset, same line marks) parses the bank about 15x faster than
# the pure-Python one: bank loading was most of every process start, tests included.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=_YAML_LOADER)


def _line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """Walk a composed YAML node along a pydantic error location to find its line."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if k.value == key), None)
            if nxt is None:
                break
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            if key >= len(node.value):
                break
            node = node.value[key]
        else:
            break
        line = node.start_mark.line + 1
    return line


def _load_yaml(path: Path, model: type, issues: list[KnowledgeIssue], rel: str) -> Any:
    text = path.read_text(encoding="utf-8")
    try:
        node = _compose(text)
        data = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        issues.append(KnowledgeIssue(rel, mark.line + 1 if mark else None, f"invalid YAML: {exc}"))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            where = ".".join(str(p) for p in loc) or "(file)"
            issues.append(KnowledgeIssue(rel, _line_of(node, loc), f"{where}: {err['msg']}"))
        return None


def red_flag_probe_issues(
    file: str, criteria: list[Criterion], node: yaml.Node | None = None
) -> list[KnowledgeIssue]:
    """Every red-flag criterion must carry a `probe`: the question asked right after the mistake.

    `node` (the composed YAML of the file) only serves to point at the criterion's line.
    """
    return [
        KnowledgeIssue(
            file,
            _line_of(node, ("criteria", i)),
            f"criteria.{i} ({c.id}): red-flag criterion (negative points) has no probe",
        )
        for i, c in enumerate(criteria)
        if c.red_flag and not (c.probe and c.probe.strip())
    ]


def _check_unique_criteria(
    path: Path, rel: str, criteria: list[Criterion], owner: dict[str, str]
) -> list[KnowledgeIssue]:
    """Criterion ids are global (the matcher and reports key on them): a copied problem that
    keeps another file's ids is rejected, each clash named with its line."""
    try:
        node = _compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError:
        node = None
    out = []
    for i, c in enumerate(criteria):
        if c.id in owner:
            out.append(
                KnowledgeIssue(
                    rel,
                    _line_of(node, ("criteria", i, "id")),
                    f"criteria.{i}: id '{c.id}' is already used in {owner[c.id]}",
                )
            )
        else:
            owner[c.id] = rel
    return out


def _check_probes(path: Path, rel: str, criteria: list[Criterion]) -> list[KnowledgeIssue]:
    try:
        node = _compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError:  # already reported by _load_yaml
        node = None
    return red_flag_probe_issues(rel, criteria, node)


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
        fm = FrameworkFrontMatter.model_validate(yaml.safe_load(match.group(1)))
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
    for path, model in ((generic_path, GenericRubric), (concepts_path, ConceptLexicon)):
        if not path.exists():
            issues.append(KnowledgeIssue(rel(path), None, "file is missing"))
            continue
        track(path)
        loaded = _load_yaml(path, model, issues, rel(path))
        if model is GenericRubric:
            generic = loaded
            if loaded is not None:
                issues.extend(_check_probes(path, rel(path), loaded.criteria))
        else:
            concepts = loaded

    problems: dict[str, Problem] = {}
    owner: dict[str, str] = {}  # criterion id -> file that defines it (ids are global)
    if generic is not None:
        owner.update({c.id: rel(generic_path) for c in generic.criteria})
    for directory in problem_dirs(knowledge_dir, extra_problem_dirs):
        if not directory.is_dir():
            continue
        for path in sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")]):
            track(path)
            problem = _load_yaml(path, Problem, issues, rel(path))
            if problem is None:
                continue
            issues.extend(_check_probes(path, rel(path), problem.criteria))
            issues.extend(_check_unique_criteria(path, rel(path), problem.criteria, owner))
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
