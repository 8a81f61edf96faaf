"""The review page's view of a report: every evidence quote found in its message (by the
judges' own rule, `app.understanding.quotes`) and highlighted there, linked both ways."""

from __future__ import annotations

import copy
from typing import Any

from markupsafe import Markup, escape

from app.grading.scoring import OFF_PROBLEM_RATIO
from app.store.models import Message
from app.understanding.quotes import find_quote

Span = tuple[int, int, list[str], str]  # start, end, criterion ids ("!" = red flag), dom id


def highlight(text: str, spans: list[Span]) -> Markup:
    """`text` escaped, with each (start, end, criterion ids, dom id) span in a <mark>."""
    out: list[str] = []
    pos = 0
    for start, end, ids, dom_id in spans:
        out.append(str(escape(text[pos:start])))
        kinds = " ".join(sorted({"flag" if i.startswith("!") else "ok" for i in ids}))
        crit = " ".join(i.lstrip("!") for i in ids)
        out.append(
            f'<mark id="{escape(dom_id)}" class="ev {kinds}" data-criterion="{escape(crit)}">'
            f"{escape(text[start:end])}</mark>"
        )
        pos = end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def review_view(
    report: dict[str, Any], messages: list[Message]
) -> tuple[dict[str, Any], list[dict]]:
    """The report with an `anchor` on each evidence quote, and the transcript with every
    quote highlighted inside its message (overlapping quotes share one <mark>)."""
    report = copy.deepcopy(report)
    by_id = {m.id: m for m in messages}
    raw: dict[str, list[tuple[int, int, str, tuple[str, str, str]]]] = {}
    for stage in report.get("stages", []):
        for crit in stage.get("criteria", []):
            for ev in crit.get("evidence") or []:
                msg = by_id.get(ev.get("message_id"))
                if msg is None or msg.role != "candidate":
                    continue
                span = find_quote(msg.content, ev.get("quote", ""))
                if span is None:
                    continue
                tag = ("!" if crit.get("red_flag") else "") + crit["id"]
                key = (crit["id"], msg.id, ev.get("quote", ""))
                raw.setdefault(msg.id, []).append((span[0], span[1], tag, key))

    anchors: dict[tuple[str, str, str], str] = {}
    marked: dict[str, list[tuple[int, int, list[str], str]]] = {}
    for msg_id, items in raw.items():
        items.sort(key=lambda t: (t[0], -t[1]))
        merged: list[list[Any]] = []  # [start, end, tags, keys]
        for start, end, tag, key in items:
            if merged and start < merged[-1][1]:
                last = merged[-1]
                last[1] = max(last[1], end)
                if tag not in last[2]:
                    last[2].append(tag)
                last[3].append(key)
            else:
                merged.append([start, end, [tag], [key]])
        seq = by_id[msg_id].seq
        spans: list[Span] = []
        for n, (start, end, tags, keys) in enumerate(merged, 1):
            dom_id = f"ev-{seq}-{n}"
            spans.append((start, end, tags, dom_id))
            for key in keys:
                anchors[key] = dom_id
        marked[msg_id] = spans

    for stage in report.get("stages", []):
        crits = stage.get("criteria", [])
        for crit in crits:
            for ev in crit.get("evidence") or []:
                ev["anchor"] = anchors.get((crit["id"], ev.get("message_id"), ev.get("quote", "")))
        # Red flags shown first, then met, then missed; rubric order within each group.
        crits.sort(key=lambda c: 0 if c["met"] and c.get("red_flag") else 1 if c["met"] else 2)
    for item in [*report.get("strengths", []), *report.get("improvements", [])]:
        if item.get("quote"):
            key = (item.get("criterion_id"), item.get("message_id"), item["quote"])
            item["anchor"] = anchors.get(key) or next(
                (a for (cid, _, q), a in anchors.items() if cid == key[0] and q == key[2]), None
            )

    transcript = [
        {
            "id": m.id,
            "seq": m.seq,
            "role": m.role,
            "stage": m.stage,
            "html": highlight(m.content, marked.get(m.id, []))
            if m.role == "candidate"
            else escape(m.content),
        }
        for m in messages
    ]
    return report, transcript


def overall_view(report: dict[str, Any]) -> dict[str, Any]:
    """The report's overall block, and whether the answers were about another problem."""
    overall = dict(report.get("overall") or {})
    topical = overall.get("topicality") or {}
    overall["off_topic"] = (topical.get("relevance") or 1.0) < OFF_PROBLEM_RATIO and topical.get(
        "best_match"
    )
    return overall
