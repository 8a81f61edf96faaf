"""Helpers shared by test modules: servers on loopback, a webhook receiver, API keys, waits,
browser driving and sample answers. Fixtures live in tests/conftest.py; these are plain code."""
