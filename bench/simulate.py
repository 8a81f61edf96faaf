"""Scripted simulated candidates (tests/data/candidates/*.yaml) driven through the HTTP API.

Used by the behaviour tests and by bench/agent.py. A script is a list of steps: `ask` (a
clarifying question and the fact id that must answer it) or `say` (a statement, optionally
naming a concept under `probe:` that the interviewer should probe)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.knowledge.issues import load_yaml

CANDIDATES = Path(__file__).resolve().parent.parent / "tests" / "data" / "candidates"


def load_scripts(directory: Path = CANDIDATES) -> dict[str, dict[str, list[dict]]]:
    out = {}
    for path in sorted(directory.glob("*.yaml")):
        data = load_yaml(path.read_text())
        out[data["problem_id"]] = data["scripts"]
    return out


@dataclass
class Run:
    session_id: str
    opening: dict[str, Any]
    turns: list[tuple[dict, dict]] = field(default_factory=list)  # (step, turn response)
    status: str = "active"
    stage: str = "clarify"

    @property
    def replies(self) -> list[dict]:
        return [self.opening] + [t["reply"] for _, t in self.turns]


def run_script(client, problem_id: str, steps: list[dict], level: str = "senior") -> Run:
    """Post every step (stops early if the interview ends); returns what happened."""
    r = client.post("/v1/sessions", json={"problem_id": problem_id, "level": level})
    assert r.status_code == 201, r.text
    body = r.json()
    run = Run(body["session"]["id"], body["message"])
    for step in steps:
        if run.status != "active":
            break
        text = step.get("ask", step.get("say", ""))
        resp = client.post(f"/v1/sessions/{run.session_id}/messages", json={"content": text})
        assert resp.status_code == 201, resp.text
        turn = resp.json()
        run.turns.append((step, turn))
        run.status, run.stage = turn["status"], turn["stage"]
    return run


def questions_in(text: str) -> list[str]:
    """The question sentences of an interviewer reply."""
    return [q.strip() for q in re.findall(r"[^.!?]*\?", text) if q.strip()]
