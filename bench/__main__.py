"""`make bench`: run every benchmark, print one Markdown report and write it (and JSON) to
bench/results/latest.{md,json}, headed by the machine's description.

    python -m bench [--split dev|test|both] [--only validity,conversations,...]

`--split dev` scores the held-out sets on their dev part only (tuning work never computes
test numbers); `--only` runs the named parts (module names). A partial run prints its
report and leaves bench/results/ alone."""

from __future__ import annotations

import json
import logging
import sys
import time
from datetime import UTC, datetime
from types import ModuleType

from app.llm import local_server
from bench import (
    agent,
    chat,
    conversations,
    faults,
    grading,
    leakage,
    load,
    redflags,
    retrieval,
    stages,
    validity,
)
from bench.common import ROOT, machine

SECTIONS = [
    ("Retrieval", retrieval),
    ("Grading (regression set)", grading),
    ("Validity (held-out, dev and test)", validity),
    ("Conversations (dev and test)", conversations),
    ("Leakage detector (dev sentences)", leakage),
    ("Red flags (dev sentences)", redflags),
    ("Stage of single answers (dev messages)", stages),
    ("Live chat interviews (dev)", chat),
    ("Interviewer", agent),
    ("Load", load),
    ("Faults", faults),
]
SPLITS = ("dev", "test", "both")
if local_server.unavailable() is None:  # llama.cpp's server and Gemma 3 270M (make llm-server)
    from bench import llm

    SECTIONS.append(("LLM against llama.cpp", llm))


def _option(argv: list[str], name: str) -> str | None:
    if name not in argv or argv.index(name) + 1 >= len(argv):
        return None
    return argv[argv.index(name) + 1]


def _name(module: ModuleType) -> str:
    return module.__name__.rsplit(".", 1)[-1]


def run_section(module: ModuleType, split: str) -> object:
    """One part, its held-out sets limited to `split` where it has them."""
    if module is validity:
        return validity.run(split)
    if module is conversations:
        return conversations.run(conversations.SPLITS if split == "both" else (split,))
    return module.run()


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    split = _option(argv, "--split") or "both"
    if split not in SPLITS:
        raise SystemExit(f"--split must be one of {', '.join(SPLITS)}")
    only = _option(argv, "--only")
    names = {_name(m) for _, m in SECTIONS}
    wanted = set(only.split(",")) if only else names
    if unknown := wanted - names:
        raise SystemExit(f"--only: unknown part(s) {sorted(unknown)}; parts: {sorted(names)}")
    logging.disable(logging.WARNING)
    started = time.perf_counter()
    results: dict[str, object] = {}
    parts = [
        "# Benchmarks",
        "",
        f"Machine: {machine()}  ",
        f"Run: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}; reproduce with `make bench`.",
    ]
    for title, module in SECTIONS:
        if _name(module) not in wanted:
            continue
        t0 = time.perf_counter()
        res = run_section(module, split)
        results[title.split(" (")[0].lower()] = res
        parts += ["", f"## {title}", "", module.render(res), ""]
        print(f"[bench] {title}: {time.perf_counter() - t0:.1f}s", flush=True)
    report = "\n".join(parts)
    if only or split != "both":
        print(report)
        print(f"\n[bench] partial run ({time.perf_counter() - started:.0f}s): nothing written")
        return
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.md").write_text(report + "\n")
    (out / "latest.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
    print(report)
    print(f"\n[bench] total {time.perf_counter() - started:.0f}s; wrote bench/results/latest.md")


if __name__ == "__main__":
    main()
