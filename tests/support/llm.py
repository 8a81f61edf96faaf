"""Settings and state for tests that talk to an OpenAI-compatible server over real HTTP (the
fake one in most tests, llama.cpp in test_llm_real)."""

from __future__ import annotations

from typing import Any

from app.config import Settings


def openai_settings(settings: Settings, base_url: str, **update: Any) -> Settings:
    """`settings` with the LLM pointed at the server at `base_url`: model "fake", key "k" and
    no retries unless `update` says otherwise."""
    return settings.model_copy(
        update={
            "llm": "openai",
            "openai_base_url": base_url,
            "openai_api_key": "k",
            "llm_model": "fake",
            "llm_max_retries": 0,
            **update,
        }
    )


def fresh(state: Any, responder: Any) -> Any:
    """A module-wide fake server's state (FakeLLM), cleared of what earlier tests sent and
    queued, answering with `responder` at once (a latency an earlier test set is dropped)."""
    state.requests.clear()
    state.faults.clear()
    state.latency_s = 0.0
    state.responder = responder
    return state
