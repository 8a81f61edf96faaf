"""An ASGI app under uvicorn in a background thread, on a port the system picks."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn


class _Server(uvicorn.Server):
    """uvicorn's server, saying when its startup is over (listening, or given up)."""

    def __init__(self, config: uvicorn.Config):
        super().__init__(config)
        self.startup_over = threading.Event()

    async def startup(self, sockets: Any = None) -> None:
        try:
            await super().startup(sockets)
        finally:
            self.startup_over.set()


@contextmanager
def serving(app: Any, *, lifespan: str = "on", timeout: float = 15.0) -> Iterator[str]:
    """Serve `app` on 127.0.0.1 until the block ends; yields its base URL. Port 0: the system
    picks a free port as it binds, so no other process can take it in between."""
    server = _Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan=lifespan)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        if not server.startup_over.wait(timeout) or not server.started:
            raise RuntimeError("the server did not start")
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
