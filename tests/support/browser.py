"""Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by Playwright
(no browser downloads), and what those tests read off the interview page."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"  # screenshots
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000


@contextmanager
def chromium() -> Iterator[Any]:
    """A launched Chromium (Playwright's Browser); skips the test where it is not installed,
    fails it under CI."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium, or `make browser`)"
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run under CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def watch(page) -> list[str]:
    """Collect script errors and console errors (CSP violations show up there)."""
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"pageerror: {exc}"))
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("dialog", lambda dialog: dialog.accept())
    return problems


def replies(page) -> int:
    """How many interviewer messages the transcript shows."""
    return page.locator("#transcript li.msg.interviewer").count()


def wait_reply(page, before: int) -> dict:
    """Wait for the streamed reply to finish; return what the last reply looks like."""
    page.wait_for_function(
        """n => document.querySelectorAll('#transcript li.msg.interviewer').length > n
               && document.getElementById('interview').dataset.busy === 'false'""",
        arg=before,
        timeout=TIMEOUT_MS,
    )
    return page.evaluate(
        """() => {
          const all = document.querySelectorAll('#transcript li.msg');
          const r = all[all.length - 1], mine = all[all.length - 2];
          return {role: r.classList.contains('interviewer') ? 'interviewer' : 'candidate',
                  id: r.id, tokens: Number(r.dataset.tokens || 0),
                  text: r.querySelector('.text').textContent,
                  streaming: r.classList.contains('streaming'),
                  mine: mine.querySelector('.text').textContent, mineId: mine.id,
                  error: document.getElementById('chat-error').hidden ? ''
                         : document.getElementById('chat-error').textContent,
                  status: document.getElementById('interview').dataset.status};
        }"""
    )


def check_turn(turn: dict, sent: str) -> None:
    """A finished turn: `sent` stored as the candidate's message, a reply streamed after it."""
    assert not turn["error"], turn["error"]
    assert turn["role"] == "interviewer" and re.fullmatch(r"m\d+", turn["id"]), turn
    assert turn["tokens"] > 1 and not turn["streaming"], turn  # drawn token by token
    assert turn["text"].strip() and turn["mine"] == sent and re.fullmatch(r"m\d+", turn["mineId"])
