"""Grades of live chat interviews against hand labels (dev problems only).

    python -m bench.chat [--part tune|held] [-v] [--set chat-dev-2]

bench/data/chat-dev/ holds, per dev problem, 6 chat interviews (strong, strong-plain,
strong-with-one-mistake, average, weak, generic-parrot): short messages, each tagged with the
stage it is meant for, every stage labelled 1-4 by reading and the interview given an expected
hire band; 3 interviews per problem are the `tune` part, 3 the `held` part (frozen with
LABELS.sha256 before any run; see its README.txt).

Each interview is driven through the real offline interview service turn by turn over the HTTP
API (an in-process TestClient over a temporary SQLite), so the interviewer's replies and the
session's own stage tagging happen as in real use, then finished, which grades it with the real
grader. Prints per part: Spearman and QWK of stage scores vs labels, hire band agreement (exact
and within one band), how often the session tagged a message with the stage it was meant for,
mean overall by kind and the generic parrots' worst hire signal. `-v` lists the tune part's
stage scores beside their labels; the held part's are never printed.

Scores (tune / held), untuned -> after the chat-form specificity rule (held scored once before
and once after): Spearman 0.808 / 0.877 -> 0.820 / 0.878, QWK 0.499 / 0.490 -> 0.577 / 0.590,
hire band exact 6/15 / 1/15 -> 5/15 / 0/15, within one 12/15 / 9/15 -> 12/15 / 9/15, mean
overall strong 0.534 / 0.564 -> 0.603 / 0.641, strong-plain 0.385 / 0.427 -> 0.454 / 0.539,
one-mistake 0.308 / 0.307 -> 0.344 / 0.318. Most tune hire-band misses left are weak and average
interviews graded `insufficient_evidence` (stages of a few words with nothing met have no
score) rather than "strong no hire", and good answers whose words the reader does not match.

chat2 (live-session reading: every stage in the interview's context whatever its length,
clarify by questions answered, met criteria as specifics once the interview was specific, a
stage spoken in is scored): chat-dev (now tuning, both parts) tune / held part Spearman
0.798 / 0.870 -> 0.820 / 0.875, QWK 0.554 / 0.605 -> 0.719 / 0.832, hire band exact 6/15 / 4/15
-> 7/15 / 7/15, parrots unchanged. `--set chat-dev-2` scores the held-back second set
(30 interviews, all held; aggregates only): see docs/validity-history.md, chat2.
"""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from fastapi.testclient import TestClient

from app.config import Settings
from app.grading.scoring import bucket
from app.knowledge.schema import STAGES
from bench.common import DATA, main_by_part, table
from bench.grading import qwk
from bench.validity import HIRE_ORDER, labels_frozen, spearman

CHAT_DEV = DATA / "chat-dev"
CHAT_SETS = {"chat-dev": CHAT_DEV, "chat-dev-2": DATA / "chat-dev-2"}
# held-back sets: scored only when asked for by name (`--set chat-dev-2`), aggregates only
HELD_BACK = frozenset({"chat-dev-2"})
PARTS = ("tune", "held")
KINDS = ("strong", "strong-plain", "strong-with-one-mistake", "average", "weak", "generic-parrot")


def load_interviews(part: str | None = None, directory: Path = CHAT_DEV) -> list[dict[str, Any]]:
    """The labelled interviews (of `part`, or all), each with its problem id and level."""
    out: list[dict[str, Any]] = []
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        for iv in data["interviews"]:
            if part in (None, iv["part"]):
                out.append(
                    {**iv, "problem_id": data["problem_id"], "level": data.get("level", "senior")}
                )
    return out


def drive(client: TestClient, interview: dict[str, Any]) -> dict[str, Any]:
    """Post every message of `interview` as a chat turn, finish the session; returns the
    report and the stage the session tagged each message with."""
    r = client.post(
        "/v1/sessions", json={"problem_id": interview["problem_id"], "level": interview["level"]}
    )
    assert r.status_code == 201, r.text
    sid = r.json()["session"]["id"]
    tagged: list[tuple[str, str]] = []  # (meant, tagged by the session)
    ended_early = False
    for msg in interview["messages"]:
        resp = client.post(f"/v1/sessions/{sid}/messages", json={"content": msg["text"]})
        if resp.status_code == 409:  # the interviewer wrapped up on its own
            ended_early = True
            break
        assert resp.status_code == 201, resp.text
        tagged.append((msg["stage"], resp.json()["message"]["stage"]))
    fin = client.post(f"/v1/sessions/{sid}/finish")
    if fin.status_code == 201:
        report = fin.json()
    else:  # already finished by the interviewer: its report is stored
        report = client.get(f"/v1/sessions/{sid}/report").json()
    return {"interview": interview, "report": report, "tagged": tagged, "ended_early": ended_early}


def score(graded: list[dict[str, Any]]) -> dict[str, Any]:
    """Agreement of the graded interviews with their labels."""
    scores: list[float] = []
    labels: list[int] = []
    exact = within = 0
    by_kind: dict[str, list[float]] = defaultdict(list)
    parrots: list[str] = []
    tag_ok = tag_n = 0
    rows: list[list[object]] = []
    for g in graded:
        iv, rep = g["interview"], g["report"]
        got = {st["stage"]: st["score"] for st in rep["stages"]}
        for stage in STAGES:
            scores.append(got.get(stage) or 0.0)
            labels.append(int(iv["labels"][stage]))
        signal = rep["overall"]["hire_signal"]
        want = iv["hire"]
        if signal == want:
            exact += 1
        if signal in HIRE_ORDER and abs(HIRE_ORDER.index(signal) - HIRE_ORDER.index(want)) <= 1:
            within += 1
        by_kind[iv["kind"]].append(rep["overall"]["score"])
        if iv["kind"] == "generic-parrot":
            parrots.append(signal)
        tag_ok += sum(1 for meant, tag in g["tagged"] if meant == tag)
        tag_n += len(g["tagged"])
        rows.append(
            [
                iv["id"],
                want,
                signal,
                rep["overall"]["score"],
                " ".join(
                    f"{s[:3]} {iv['labels'][s]}/{got.get(s) or 0.0:.2f}"
                    f"({next(x['specifics'] for x in rep['stages'] if x['stage'] == s)})"
                    for s in STAGES
                ),
            ]
        )
    n = len(graded)
    worst = max(parrots, key=lambda s: HIRE_ORDER.index(s) if s in HIRE_ORDER else -1, default="")
    return {
        "interviews": n,
        "stages": len(scores),
        "spearman": round(spearman(scores, labels), 3),
        "qwk": round(qwk([bucket(x) for x in scores], labels), 3),
        "hire_exact": f"{exact}/{n}",
        "hire_within_one": f"{within}/{n}",
        "stage_tagged_as_meant": f"{tag_ok}/{tag_n}",
        "ended_early": sum(1 for g in graded if g["ended_early"]),
        "kind_means": {k: round(float(np.mean(by_kind[k])), 3) for k in KINDS if by_kind.get(k)},
        "parrot_worst": worst,
        "rows": rows,
    }


def run(parts: tuple[str, ...] = PARTS, directory: Path = CHAT_DEV) -> dict[str, Any]:
    """Drive and grade every interview of `parts` (in `directory`) through the offline service."""
    from app.main import build_services, create_app  # heavy: only when the bench runs

    out: dict[str, Any] = {"frozen": labels_frozen(directory), "set": directory.name}
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), llm="offline", _env_file=None)  # type: ignore[call-arg]
        svc = build_services(settings)
        with TestClient(create_app(svc.settings, services=svc)) as client:
            for part in parts:
                ivs = load_interviews(part, directory)
                if ivs:
                    out[part] = score([drive(client, iv) for iv in ivs])
        svc.db.dispose()
    return out


def render(res: dict[str, Any], verbose: bool = False) -> str:
    """One table of the parts side by side; with `verbose`, the tune part's interviews."""
    parts = [p for p in PARTS if p in res]
    fields = [
        ("interviews", "interviews"),
        ("Spearman (stage score vs label)", "spearman"),
        ("QWK (1-4 buckets)", "qwk"),
        ("hire band exact", "hire_exact"),
        ("hire band within one", "hire_within_one"),
        ("messages tagged with their meant stage", "stage_tagged_as_meant"),
        ("interviews the interviewer ended early", "ended_early"),
        ("generic parrot, worst hire signal", "parrot_worst"),
    ]
    rows: list[list[object]] = [[label] + [res[p][key] for p in parts] for label, key in fields]
    rows += [
        [f"mean overall, {k}"] + [res[p]["kind_means"].get(k, "") for p in parts] for k in KINDS
    ]
    lines = [
        "Labels match the hashes frozen before grading "
        f"({res.get('set', 'chat-dev')}/LABELS.sha256): {res['frozen']}",
        "",
        table(["chat interviews (dev problems)", *(f"{p} part" for p in parts)], rows),
    ]
    if verbose and "tune" in res:
        lines += ["", "### tune interviews: want / got / overall / stage label/score(specifics)"]
        lines += [" | ".join(str(x) for x in row) for row in res["tune"]["rows"]]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    """`--set NAME` scores one named set (a held-back one only this way); default chat-dev."""
    name = "chat-dev"
    if "--set" in argv:
        i = argv.index("--set")
        name = argv[i + 1]
        argv = argv[:i] + argv[i + 2 :]
        if name not in CHAT_SETS:
            raise SystemExit(f"--set is one of {', '.join(CHAT_SETS)}")
    directory = CHAT_SETS[name]

    def run_set(parts: tuple[str, ...]) -> dict[str, Any]:
        return run(parts, directory)

    main_by_part(argv, PARTS, run_set, render)


if __name__ == "__main__":
    main(sys.argv[1:])
