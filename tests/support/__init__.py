"""Plain helpers shared by test modules (fixtures live in tests/conftest.py):

- server: an ASGI app under uvicorn in a thread, on a port the system picks
- receiver: a webhook receiver, and waiting for deliveries to settle
- waiting: poll with a deadline (`eventually`), never a fixed sleep
- keys: API keys and the header that presents one
- llm: settings and state for tests against an OpenAI-compatible server
- sse: streamed turns and their events
- mlsd: `mlsd` servers in subprocesses (scale-out, crash)
- browser: headless Chromium and what the browser tests read off a page
- answers: candidate answers shared by several suites
"""
