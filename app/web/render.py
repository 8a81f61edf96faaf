"""Jinja2 rendering of transcripts and reports (Markdown and HTML; HTML is autoescaped)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from app.interview.voice import STAGE_NAMES, STAGE_TITLES

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def env() -> Environment:
    e = Environment(
        loader=FileSystemLoader(TEMPLATES),
        # Candidate text is untrusted: escape it in every HTML template.
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    e.globals["stage_names"] = STAGE_NAMES
    e.globals["stage_titles"] = STAGE_TITLES
    return e


def render(template: str, **ctx: Any) -> str:
    return env().get_template(template).render(**ctx)


def render_transcript(fmt: str, session, messages, problem) -> str:  # noqa: ANN001
    """Markdown or standalone HTML for one session's transcript."""
    name = "transcript.md.j2" if fmt == "markdown" else "transcript.html.j2"
    return render(name, session=session, messages=messages, problem=problem)


def render_report(fmt: str, report: dict[str, Any], transcript=None) -> str:  # noqa: ANN001
    """Markdown or standalone HTML for a graded report (with an SVG bar chart)."""
    from app.web.charts import stage_bars

    name = "report.md.j2" if fmt == "markdown" else "report.html.j2"
    return render(name, r=report, chart=stage_bars(report), transcript=transcript)
