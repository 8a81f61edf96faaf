"""Provider factory: which voice phrases the interviewer's moves."""

from __future__ import annotations

from app.config import Settings


def make_voice(settings: Settings):  # noqa: ANN201 - Voice protocol
    """The LLM voice when a provider is configured, else None (the service's template voice)."""
    if not settings.llm_enabled:
        return None
    from app.llm.voice import LLMVoice

    return LLMVoice(settings)
