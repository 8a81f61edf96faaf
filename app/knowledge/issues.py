"""A validation issue of the knowledge bank, and how to find the line it points at."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml


@dataclass(frozen=True)
class KnowledgeIssue:
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


def line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
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


# libyaml's loader (same safe subset, same line marks) parses the bank about 15x faster than
# the pure-Python one: bank loading was most of every process start, tests included.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """`yaml.safe_load` with libyaml's loader when built in: the same data, ~10x faster
    (the tests and benches read their labelled sets and the bank's files with it)."""
    return yaml.load(text, Loader=YAML_LOADER)  # a safe loader (libyaml or pure Python)


def compose(text: str) -> yaml.Node | None:
    """The YAML node tree of `text` (for line numbers), or None when it does not parse."""
    try:
        return yaml.compose(text, Loader=YAML_LOADER)
    except yaml.YAMLError:  # reported where the file is loaded
        return None
