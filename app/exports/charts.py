"""Server-rendered SVG charts (no JavaScript, no external assets)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from app.knowledge.schema import STAGE_NAMES
from app.templating import STAGE_SHORT


def stage_bars(report: dict[str, Any], width: int = 560) -> Markup:
    """A horizontal bar per stage: score 0-100%, hatched when evidence was insufficient."""
    stages = report.get("stages", [])
    row, label_w, pad = 30, 90, 8
    bar_w = width - label_w - 60
    height = row * len(stages) + pad * 2
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="Score per stage">',
        "<title>Score per stage</title>",
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" '
        'stroke="currentColor" stroke-opacity=".35" stroke-width="2"/></pattern></defs>',
    ]
    for i, s in enumerate(stages):
        y = pad + i * row
        score = s.get("score")
        name = STAGE_SHORT.get(s["stage"], s["stage"])
        full = STAGE_NAMES.get(s["stage"], s["stage"])
        parts.append(
            f'<text x="0" y="{y + 19}" font-size="13" fill="currentColor">{escape(name)}</text>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 6}" width="{bar_w}" height="16" rx="3" '
            f'fill="currentColor" fill-opacity=".08"/>'
        )
        if score is None:
            parts.append(
                f'<rect class="bar insufficient" data-stage="{s["stage"]}" x="{label_w}" '
                f'y="{y + 6}" width="{bar_w}" height="16" rx="3" fill="url(#hatch)">'
                f"<title>{escape(full)}: insufficient evidence</title></rect>"
            )
            label = "n/a"
        else:
            w = max(2, round(bar_w * score))
            hue = 0 if score < 0.35 else 38 if score < 0.6 else 140
            parts.append(
                f'<rect class="bar" data-stage="{s["stage"]}" data-score="{score}" '
                f'x="{label_w}" y="{y + 6}" width="{w}" height="16" rx="3" '
                f'fill="hsl({hue} 60% 45%)"><title>{escape(full)}: {round(score * 100)}%'
                f"</title></rect>"
            )
            label = f"{round(score * 100)}%"
        parts.append(
            f'<text x="{label_w + bar_w + 8}" y="{y + 19}" font-size="13" '
            f'fill="currentColor">{label}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
