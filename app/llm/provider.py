"""Provider factory: an OpenAI-compatible chat client when one is configured, else None."""

from __future__ import annotations

from app.config import Settings
from app.llm.client import ChatClient


def make_chat_client(settings: Settings, temperature: float | None = None) -> ChatClient | None:
    """`MLSD_LLM=auto` uses a provider only when `OPENAI_API_KEY` is set; `openai` always;
    `offline` never."""
    if not settings.llm_enabled:
        return None
    return ChatClient(settings, temperature)
