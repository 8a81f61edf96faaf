"""Child processes the app and its tools start (the local model server, test and bench servers)."""

from __future__ import annotations

import subprocess


def stop_process(proc: subprocess.Popen, grace_s: float = 10.0) -> int:
    """Stop `proc` (SIGTERM, then SIGKILL after `grace_s`) and return its exit code.

    A process that ignores SIGTERM (a model server mid-generation, a hung test server) must not
    outlive its caller, and a killed one is still reaped so no zombie is left."""
    if proc.poll() is None:
        proc.terminate()
    try:
        return proc.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait()
