"""The two Jinja environments, and the filters and globals templates may use.

- `text_env(prompts_dir)`: prompts and interviewer wordings. Plain text (no escaping:
  nothing here is HTML), `StrictUndefined` (a missing variable is a bug, not an empty
  string), `trim_blocks` (a line holding only a block tag leaves no blank line), no trailing
  newline kept, templates compiled once. One per prompts folder.
- `html_env()`: the pages and the transcript/report exports (`app/web/templates`). HTML
  templates are autoescaped, as is any template of unknown kind: candidate text is untrusted
  and only `Markup` we built is inserted as is; Markdown templates (`.md.j2`) are not, and
  escape untrusted text with the `md` filter instead.
"""

from __future__ import annotations

import hashlib
import html
import re
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from app import resources
from app.knowledge.schema import LEVELS, STAGE_NAMES, STAGE_TITLES, STAGES

# The stage's label on badges, strips and charts: its id, capitalised ("Evaluate").
STAGE_SHORT: dict[str, str] = {stage: stage.capitalize() for stage in STAGES}


# --- plain text ---------------------------------------------------------------------------


def text_env(prompts_dir: Path | str) -> Environment:
    """The environment for the prompt templates under `prompts_dir` (shared per folder)."""
    return _text_env(str(prompts_dir))


@lru_cache(maxsize=8)
def _text_env(prompts_dir: str) -> Environment:
    return Environment(
        loader=FileSystemLoader(prompts_dir),
        undefined=StrictUndefined,
        auto_reload=False,
        autoescape=False,  # plain text out; HTML escaping happens where HTML is rendered
        trim_blocks=True,
        keep_trailing_newline=False,
    )


# --- HTML and Markdown ----------------------------------------------------------------------


@lru_cache(maxsize=1)
def html_env() -> Environment:
    """The environment of the pages and the exports."""
    env = Environment(
        loader=FileSystemLoader(resources.templates_dir()),
        autoescape=select_autoescape(
            enabled_extensions=("html", "html.j2"),
            disabled_extensions=("md", "md.j2"),
            default=True,
        ),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        static=static_url,
        stage_names=STAGE_NAMES,
        stage_titles=STAGE_TITLES,
        stage_short=STAGE_SHORT,
        stages=STAGES,
        levels=LEVELS,
    )
    env.filters.update(
        when=when,
        iso=iso,
        label=label,
        slug=slug,
        pct=pct,
        sentence=sentence,
        md=md_text,
        study_once=study_once,
    )
    return env


@lru_cache(maxsize=32)
def _asset_version(name: str) -> str:
    path = resources.static_dir() / name
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10] if path.is_file() else "0"


def static_url(name: str) -> str:
    """URL of a static file, with a content hash so browsers never run a stale script."""
    return f"/static/{name}?v={_asset_version(name)}"


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value  # SQLite drops the zone


def when(value: datetime | None) -> str:
    """`2026-11-29 21:04 UTC` (we always store UTC)."""
    return "" if value is None else _utc(value).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def iso(value: datetime | None) -> str:
    """ISO 8601 with its zone, for `<time datetime>` and sorting."""
    return "" if value is None else _utc(value).isoformat()


def label(value: Any) -> str:
    """`insufficient_evidence` -> `insufficient evidence`."""
    return str(value or "").replace("_", " ")


def slug(value: Any) -> str:
    """`Strong hire` -> `strong-hire` (for CSS classes)."""
    return str(value or "").replace("_", "-").replace(" ", "-").lower()


def sentence(value: Any) -> str:
    """Upper-case the first letter only (`capitalize` would turn "ML" into "ml")."""
    text = str(value or "")
    return text[:1].upper() + text[1:]


def study_once(criteria: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A stage's criteria as a report lists them: several missed criteria may point at the same
    study topic, which is listed once, at its first place, with `repeats` (how many misses it
    stands for); met criteria and red flags are all kept."""
    shown: list[dict[str, Any]] = []
    first: dict[str, dict[str, Any]] = {}
    for c in criteria:
        if c.get("met") or c.get("red_flag"):
            shown.append(c)
        elif c["text"] in first:
            first[c["text"]]["repeats"] += 1
        else:
            first[c["text"]] = {**c, "repeats": 1}
            shown.append(first[c["text"]])
    return shown


def pct(value: float | None) -> str:
    """0.61 -> `61%`; None -> `n/a`."""
    return "n/a" if value is None else f"{round(value * 100)}%"


# Markdown punctuation that forms structure anywhere in a line: emphasis, code, links and
# images, HTML, tables, strikethrough, autolinks (`@`), escapes themselves.
_MD_INLINE = re.compile(r"([\\`*_\[\]!|~@{}])")
# ... and at the start of a line: headings, quotes, lists, rules, setext underlines, fences.
_MD_LINE_START = re.compile(r"^([ \t]*)([#>+\-=*_`~:]|\d+(?=[.)]))")
_MD_LINK_SCHEME = re.compile(r"(?i)\b(https?|ftp|mailto|www)(:|\.)")


def md_text(value: Any, inline: bool = False) -> str:
    """Untrusted text as inert Markdown: HTML escaped, every structural character
    backslash-escaped, so it renders as the same words and nothing else (no heading, speaker
    line, list, quote, image, link or raw HTML). Line breaks become hard breaks inside the
    paragraph; blank lines cannot end it. `inline` folds the text onto one line."""
    text = html.escape(str(value or "").strip("\r\n"), quote=False)
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_LINK_SCHEME.sub(r"\1\\\2", text)  # bare URLs: no autolink
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = []
    for line in lines:
        line = _MD_LINE_START.sub(lambda m: m.group(1) + _escape_lead(m.group(2)), line)
        # A line of spaces would end the paragraph (and let the next line start a block).
        out.append(line.strip() and line.lstrip() or "&nbsp;")
    if inline:
        return " ".join(part for part in out if part != "&nbsp;")
    return "  \n".join(out)


def _escape_lead(token: str) -> str:
    if token.isdigit():  # `1.` / `1)` starts an ordered list: escape the delimiter instead
        return token + "\\"
    return token if token.startswith("\\") else "\\" + token
