"""A webhook receiver on loopback, for the tests that watch deliveries arrive."""

from __future__ import annotations

import asyncio
import threading
from contextlib import ExitStack
from datetime import timedelta
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse

from tests.support.server import serving
from tests.support.waiting import eventually

# Five attempts 50 ms apart: the retry path at test speed (the real schedule spans a day and
# is walked with a fake clock in test_webhooks_outbox).
FAST_RETRIES = (timedelta(0),) + (timedelta(milliseconds=50),) * 4


class Receiver:
    """`with Receiver(...) as rx:` serves, until the block ends:

    - POST /hook (`rx.url`): records the request in `rx.requests` ({"headers", "body"}) and
      answers from `script`, one step a request: an int is the status code, "timeout" holds
      the answer past the sender's timeout (`hang_s`, or until the receiver closes); after the
      script, `then`. With a `gate`, every answer waits until the test sets it (a slow
      receiver without a clock).
    - POST /redirect: 307 to /hook.
    """

    def __init__(
        self,
        script: list[Any] | None = None,
        then: int = 200,
        hang_s: float = 2.0,
        gate: threading.Event | None = None,
    ):
        self.script = list(script or [])
        self.then = then
        self.hang_s = hang_s
        self.gate = gate
        self.requests: list[dict] = []
        self._arrived = threading.Condition()
        self._closing = threading.Event()
        self._stack = ExitStack()
        self.port = 0
        self.url = ""
        app = FastAPI()

        @app.post("/hook")
        async def hook(request: Request):
            body = await request.body()
            with self._arrived:
                self.requests.append({"headers": dict(request.headers), "body": body})
                step = self.script.pop(0) if self.script else self.then
                self._arrived.notify_all()
            if self.gate is not None:
                # bounded, so that a broken test fails instead of hanging the suite
                await asyncio.to_thread(self.gate.wait, 30)
            if step == "timeout":
                await asyncio.to_thread(self._closing.wait, self.hang_s)
                step = 200
            return JSONResponse({"ok": step < 300}, status_code=step)

        @app.post("/redirect")
        async def redirect():
            return RedirectResponse(self.url, status_code=307)

        self._app = app

    def wait_for(self, n: int, timeout: float = 10.0) -> bool:
        """Wait until at least `n` requests arrived; False if `timeout` seconds pass first."""
        with self._arrived:
            return self._arrived.wait_for(lambda: len(self.requests) >= n, timeout)

    def __enter__(self) -> Receiver:
        base = self._stack.enter_context(serving(self._app, lifespan="off"))
        self.port = int(base.rsplit(":", 1)[1])
        self.url = f"{base}/hook"
        return self

    def __exit__(self, *exc: object) -> None:
        self._closing.set()  # let held answers go, so the server can stop at once
        self._stack.close()


def settled_deliveries(client, hook_id: str, status: str, **request: Any) -> list[dict]:
    """Wait until the webhook has deliveries and all of them have `status` ("delivered",
    "failed"); return them as the API lists them."""

    def settled() -> list[dict] | None:
        found = client.get(f"/v1/webhooks/{hook_id}/deliveries", **request).json()
        return found if found and all(d["status"] == status for d in found) else None

    return eventually(settled)
