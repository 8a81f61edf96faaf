"""Baseline for the load bench: a bare FastAPI endpoint that writes one row to the same kind
of database (SQLite file, WAL), served by the same uvicorn. Our turn overhead is reported as
a ratio to this."""

from __future__ import annotations

import sqlite3
import sys
import threading

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool

app = FastAPI()
_local = threading.local()
PATH = sys.argv[2] if len(sys.argv) > 2 else "/tmp/bare.sqlite3"


def _conn() -> sqlite3.Connection:
    if not hasattr(_local, "c"):
        c = sqlite3.connect(PATH, timeout=30, isolation_level=None)
        c.execute("PRAGMA journal_mode=WAL")
        c.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT)")
        _local.c = c
    return _local.c


def _write(body: str) -> int:
    cur = _conn().execute("INSERT INTO t (body) VALUES (?)", (body,))
    return int(cur.lastrowid)


@app.post("/write")
async def write(payload: dict) -> dict:
    return {"id": await run_in_threadpool(_write, str(payload.get("content", "")))}


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
