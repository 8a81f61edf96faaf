"""Jinja2 rendering of transcripts and reports (Markdown and HTML; HTML is autoescaped)."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from app import resources
from app.grading.report_model import Report
from app.knowledge.schema import STAGE_NAMES, STAGE_TITLES

TEMPLATES = resources.templates_dir()


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


@lru_cache(maxsize=1)
def env() -> Environment:
    e = Environment(
        loader=FileSystemLoader(TEMPLATES),
        # Candidate text is untrusted: escape it in every HTML template.
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    e.filters["md"] = md_text
    e.globals["stage_names"] = STAGE_NAMES
    e.globals["stage_titles"] = STAGE_TITLES
    return e


def render(template: str, **ctx: Any) -> str:
    return env().get_template(template).render(**ctx)


def render_transcript(fmt: str, session, messages, problem) -> str:
    """Markdown or standalone HTML for one session's transcript."""
    name = "transcript.md.j2" if fmt == "markdown" else "transcript.html.j2"
    return render(name, session=session, messages=messages, problem=problem)


def render_report(fmt: str, report: Report | dict[str, Any], transcript=None) -> str:
    """Markdown or standalone HTML for a graded report (with an SVG bar chart). The
    templates read the report's JSON form (the keys the API documents)."""
    from app.web.charts import stage_bars

    if isinstance(report, Report):
        report = report.to_json()
    name = "report.md.j2" if fmt == "markdown" else "report.html.j2"
    return render(name, r=report, chart=stage_bars(report), transcript=transcript)
