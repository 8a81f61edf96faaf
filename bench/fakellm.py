"""A small OpenAI-compatible chat server for tests and benchmarks (dev only: not in the wheel).

It speaks `/v1/chat/completions` (JSON and SSE streaming, with usage), can add a fixed
latency, and can be told to misbehave (timeouts, 429, 5xx, garbage JSON, a stream that dies
midway) so the real client code paths are exercised over real HTTP. It is not a model: it
echoes the draft the prompt carries (or what a test's responder returns).

    python -m bench.fakellm --port 8099 --latency-ms 500
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import re
import socket
import threading
import time
import uuid
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, StreamingResponse

FAULTS = (
    "ok",
    "timeout",
    "400",
    "429",
    "500",
    "503",
    "500-format",
    "garbage",
    "empty",
    "die_midstream",
    "error_event",
    "drip",
)
Responder = Callable[[dict[str, Any]], str]


def count_tokens(text: str) -> int:
    """A stable stand-in for a tokenizer: ~1 token per word or punctuation mark."""
    return len(re.findall(r"\w+|[^\w\s]", text))


def default_responder(body: dict[str, Any]) -> str:
    """Return the draft between <draft> tags of the last user message, else a stock line;
    to a request for JSON output, an empty object (a model that finds nothing)."""
    if (body.get("response_format") or {}).get("type") in ("json_object", "json_schema"):
        return "{}"
    messages = reversed(body.get("messages", []))
    last: dict[str, Any] = next((m for m in messages if m.get("role") == "user"), {})
    content = last.get("content") or ""
    if isinstance(content, list):
        content = " ".join(part.get("text", "") for part in content if isinstance(part, dict))
    m = re.search(r"<draft>\s*(.*?)\s*</draft>", content, re.S)
    return m.group(1) if m else "Let's continue. What would you do next?"


@dataclass
class FakeLLM:
    """State shared between the server and the test that drives it."""

    latency_s: float = 0.0
    hang_s: float = 30.0
    # Words per streamed chunk: 1 streams like a model; tests about something other than
    # streaming send bigger chunks (the client's per-chunk work dominated their time).
    words_per_chunk: int = 1
    faults: deque[str] = field(default_factory=deque)
    requests: list[dict[str, Any]] = field(default_factory=list)
    responder: Responder = default_responder
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Requests hanging on a "timeout" fault: (their loop, the event that ends the hang).
    hanging: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = field(default_factory=list)
    # Streams on a "drip" fault (a model that never stops) whose client hung up.
    hung_up: threading.Event = field(default_factory=threading.Event)

    def queue(self, *faults: str) -> None:
        for f in faults:
            if f not in FAULTS:
                raise ValueError(f"unknown fault {f}")
        with self.lock:
            self.faults.extend(faults)

    def next_fault(self) -> str:
        with self.lock:
            return self.faults.popleft() if self.faults else "ok"

    async def hang(self) -> None:
        """Hang like a stuck server: for `hang_s`, or until `release_hung()` (shutdown)."""
        wake = asyncio.Event()
        entry = (asyncio.get_running_loop(), wake)
        with self.lock:
            self.hanging.append(entry)
        try:
            await asyncio.wait_for(wake.wait(), self.hang_s)
        except TimeoutError:
            pass
        finally:
            with self.lock:
                self.hanging.remove(entry)

    def release_hung(self) -> None:
        """End every hang now (from any thread): a stopping server need not wait them out."""
        with self.lock:
            for loop, wake in self.hanging:
                with contextlib.suppress(RuntimeError):  # that loop is already closed
                    loop.call_soon_threadsafe(wake.set)


def create_fake_app(state: FakeLLM) -> FastAPI:
    """The server's FastAPI app, answering from (and recording into) `state`."""
    app = FastAPI(title="fake OpenAI-compatible server")

    @app.get("/v1/models")
    async def models() -> dict[str, Any]:
        return {"object": "list", "data": [{"id": "fake-model", "object": "model"}]}

    @app.post("/v1/chat/completions", response_model=None)
    async def chat(request: Request):
        body = await request.json()
        with state.lock:
            state.requests.append(body)
        fault = state.next_fault()
        if state.latency_s:
            await asyncio.sleep(state.latency_s)
        if fault == "timeout":
            await state.hang()
        if fault == "500-format":  # what llama.cpp answers to a json_schema response_format
            msg = "Input should be 'text' or 'json_object' at ('body', 'response_format', 'type')"
            return JSONResponse({"error": {"message": msg, "type": "server_error"}}, 500)
        if fault in ("400", "429", "500", "503"):
            headers = {"retry-after": "0"} if fault == "429" else {}
            return JSONResponse(
                {"error": {"message": f"injected {fault}", "type": "server_error"}},
                status_code=int(fault),
                headers=headers,
            )
        if fault == "garbage":
            return PlainTextResponse("{not json", media_type="application/json")
        text = "" if fault == "empty" else state.responder(body)
        prompt_text = " ".join(
            m["content"] if isinstance(m.get("content"), str) else json.dumps(m.get("content"))
            for m in body.get("messages", [])
        )
        usage = {
            "prompt_tokens": count_tokens(prompt_text),
            "completion_tokens": count_tokens(text),
        }
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        cid = f"chatcmpl-{uuid.uuid4().hex[:12]}"
        model = body.get("model", "fake-model")
        created = int(time.time())
        tool_call = _tool_call(body, text)
        if not body.get("stream"):
            message: dict[str, Any] = {"role": "assistant", "content": text}
            if tool_call:
                message = {"role": "assistant", "content": None, "tool_calls": [tool_call]}
            return {
                "id": cid,
                "object": "chat.completion",
                "created": created,
                "model": model,
                "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                "usage": usage,
            }

        def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
            payload = {
                "id": cid,
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
                **extra,
            }
            return f"data: {json.dumps(payload)}\n\n"

        async def events() -> AsyncIterator[str]:
            yield chunk({"role": "assistant", "content": ""})
            if fault == "error_event":  # how OpenAI-compatible servers fail after a 200
                error = {"message": "injected: model overloaded", "type": "server_error"}
                yield f"data: {json.dumps({'error': error})}\n\n"
                return
            if fault == "drip":  # a piece every 50 ms until the client closes the stream
                try:
                    while True:
                        yield chunk({"content": "more "})
                        await asyncio.sleep(0.05)
                finally:
                    state.hung_up.set()
            words = re.findall(r"\S+\s*", text)
            n = max(1, state.words_per_chunk)
            pieces = ["".join(words[i : i + n]) for i in range(0, len(words), n)]
            for i, piece in enumerate(pieces):
                if fault == "die_midstream" and i >= max(1, len(pieces) // 2):
                    raise RuntimeError("injected: stream dies midway")
                yield chunk({"content": piece})
            yield chunk({}, "stop")
            if (body.get("stream_options") or {}).get("include_usage"):
                yield f"data: {json.dumps({'id': cid, 'object': 'chat.completion.chunk', 'created': created, 'model': model, 'choices': [], 'usage': usage})}\n\n"  # noqa: E501
            yield "data: [DONE]\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    return app


def _tool_call(body: dict[str, Any], text: str) -> dict[str, Any] | None:
    """When the client asks for a function call (structured output), answer with one."""
    tools = body.get("tools") or []
    if not tools:
        return None
    name = tools[0]["function"]["name"]
    return {
        "id": f"call_{uuid.uuid4().hex[:8]}",
        "type": "function",
        "function": {"name": name, "arguments": text},
    }


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(state: FakeLLM | None = None, port: int | None = None) -> Iterator[tuple[str, FakeLLM]]:
    """Run the fake server in a background thread; yields (base_url, state)."""
    state = state or FakeLLM()
    port = port or free_port()
    config = uvicorn.Config(
        create_fake_app(state), host="127.0.0.1", port=port, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("fake LLM server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}/v1", state
    finally:
        state.release_hung()
        server.should_exit = True
        thread.join(timeout=5)


def main(argv: list[str] | None = None) -> None:
    """Serve the fake on 127.0.0.1 until interrupted (bench/load.py runs it as a process)."""
    parser = argparse.ArgumentParser(prog="python -m bench.fakellm", description=__doc__)
    parser.add_argument("--port", type=int, default=8099, help="port on 127.0.0.1")
    parser.add_argument(
        "--latency-ms", type=int, default=0, help="fixed latency added to every completion"
    )
    args = parser.parse_args(argv)
    state = FakeLLM(latency_s=args.latency_ms / 1000)
    uvicorn.run(create_fake_app(state), host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
