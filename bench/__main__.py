"""`make bench`: run every benchmark, print one Markdown report and write it (and JSON) to
bench/results/latest.{md,json}, headed by the machine's description."""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime

from app.llm import local_server
from bench import agent, conversations, faults, grading, load, retrieval, validity
from bench.common import ROOT, machine

SECTIONS = [
    ("Retrieval", retrieval),
    ("Grading (regression set)", grading),
    ("Validity (held-out, dev and test)", validity),
    ("Conversations (dev and test)", conversations),
    ("Interviewer", agent),
    ("Load", load),
    ("Faults", faults),
]
if local_server.unavailable() is None:  # llama.cpp's server and Gemma 3 270M (make llm-server)
    from bench import llm

    SECTIONS.append(("LLM against llama.cpp", llm))


def main() -> None:
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
        t0 = time.perf_counter()
        res = module.run()
        results[title.split(" (")[0].lower()] = res
        parts += ["", f"## {title}", "", module.render(res), ""]
        print(f"[bench] {title}: {time.perf_counter() - t0:.1f}s", flush=True)
    report = "\n".join(parts)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.md").write_text(report + "\n")
    (out / "latest.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
    print(report)
    print(f"\n[bench] total {time.perf_counter() - started:.0f}s; wrote bench/results/latest.md")


if __name__ == "__main__":
    main()
