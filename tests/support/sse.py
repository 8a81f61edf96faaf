"""Streamed turns: POST a message asking for server-sent events, and read the events."""

from __future__ import annotations


def parse_sse(body: str) -> list[tuple[str, str]]:
    """(event name, data) for each event of a text/event-stream body."""
    events = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].removeprefix(" "))
        if data:
            events.append((name, "\n".join(data)))
    return events


def stream_turn(client, sid: str, content: str) -> list[tuple[str, str]]:
    """Post `content` to the session as a streamed turn; the events it answered with."""
    with client.stream(
        "POST",
        f"/v1/sessions/{sid}/messages",
        json={"content": content},
        headers={"accept": "text/event-stream"},
    ) as r:
        assert r.status_code == 201
        assert r.headers["content-type"].startswith("text/event-stream")
        return parse_sse("".join(r.iter_text()))
