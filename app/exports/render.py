"""Transcripts and reports as Markdown or standalone HTML (templates under
`app/web/templates`, rendered by `app.templating.html_env`: HTML is autoescaped)."""

from __future__ import annotations

from typing import Any

from app.exports.charts import stage_bars
from app.grading.report_model import Report
from app.templating import html_env


def render(template: str, **ctx: Any) -> str:
    """One export template, rendered."""
    return html_env().get_template(template).render(**ctx)


def render_transcript(fmt: str, session, messages, problem) -> str:
    """Markdown or standalone HTML for one session's transcript."""
    name = "transcript.md.j2" if fmt == "markdown" else "transcript.html.j2"
    return render(name, session=session, messages=messages, problem=problem)


def render_report(fmt: str, report: Report | dict[str, Any], transcript=None) -> str:
    """Markdown or standalone HTML for a graded report (with an SVG bar chart). The
    templates read the report's JSON form (the keys the API documents)."""
    if isinstance(report, Report):
        report = report.to_json()
    name = "report.md.j2" if fmt == "markdown" else "report.html.j2"
    return render(name, r=report, chart=stage_bars(report), transcript=transcript)
