"""Shared bench helpers: the machine's description, percentiles, Markdown tables, frozen data."""

from __future__ import annotations

import hashlib
import logging
import os
import platform
import statistics
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
SHARED = ROOT.parent / "shared"


def frozen(data: Path, hashes: Path) -> bool:
    """`data` matches the hash committed in `hashes` (`sha256sum` format) before its first
    scoring run."""
    if not hashes.exists():
        return False
    want = hashes.read_text().split()[0]
    return want == hashlib.sha256(data.read_bytes()).hexdigest()


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, timeout=5).stdout
        cpu = next(
            (ln.split(":", 1)[1].strip() for ln in out.splitlines() if "Model name" in ln), cpu
        )
    except (OSError, subprocess.SubprocessError):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB, Python {platform.python_version()}"


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def summary_ms(values: list[float]) -> dict[str, float]:
    return {
        "p50": round(pct(values, 50), 2),
        "p95": round(pct(values, 95), 2),
        "p99": round(pct(values, 99), 2),
        "mean": round(statistics.fmean(values), 2) if values else float("nan"),
    }


def table(headers: list[str], rows: list[list[object]]) -> str:
    def fmt(v: object) -> str:
        return f"{v:.3f}" if isinstance(v, float) else str(v)

    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(fmt(v) for v in row) + " |" for row in rows]
    return "\n".join(out)


def main_by_part(
    argv: list[str],
    parts: tuple[str, ...],
    run: Callable[[tuple[str, ...]], Any],
    render: Callable[[Any, bool], str],
) -> None:
    """`python -m bench.X [-v] [--part P]` for a bench split into tune and held parts: prints
    the parts asked for (all by default); `-v` lists the tune part's misses only."""
    logging.disable(logging.WARNING)
    part = argv[argv.index("--part") + 1] if "--part" in argv else None
    if part is not None and part not in parts:
        raise SystemExit(f"--part is one of {', '.join(parts)}")
    print(render(run((part,) if part else parts), "-v" in argv))
