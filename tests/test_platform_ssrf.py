"""Webhook targets cannot reach internal addresses (SSRF), over both databases: refused at
registration and again at delivery after DNS resolution, deliveries go to the checked
address, redirects are never followed; payloads name the learner (`candidate_ref`)."""

from __future__ import annotations

import json
import threading
import time

import pytest
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.testclient import TestClient

from app.main import create_app
from app.webhooks import ssrf
from bench.fakellm import free_port
from tests.conftest import build_test_services
from tests.test_api import assert_problem
from tests.test_platform import FAST_SCHEDULE, _wait

PROBLEM = "news-feed"
GRADE = {
    "problem_id": PROBLEM,
    "transcript": [{"role": "candidate", "content": "I'd use logistic regression first."}],
}
PUBLIC_IP = "93.184.216.34"


class Rx:
    """A loopback receiver: /hook records, /redirect answers 302 to /hook."""

    def __init__(self):
        self.requests: list[dict] = []
        app = FastAPI()

        @app.post("/hook")
        async def hook(request: Request):
            self.requests.append({"headers": dict(request.headers), "body": await request.body()})
            return JSONResponse({"ok": True})

        @app.post("/redirect")
        async def redirect():
            return RedirectResponse(f"http://127.0.0.1:{self.port}/hook", status_code=307)

        self.port = free_port()
        self.server = uvicorn.Server(
            uvicorn.Config(
                app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off"
            )
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        while not self.server.started:
            time.sleep(0.01)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=5)


@pytest.fixture
def dns(monkeypatch):
    """A fake resolver: name -> addresses (unknown names fail to resolve)."""
    table: dict[str, list[str]] = {}

    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError("name does not resolve")
        return table[host]

    monkeypatch.setattr(ssrf, "resolve", resolve)
    return table


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/hook",
        "http://127.1.2.3/hook",
        "http://10.0.0.7/hook",
        "http://172.16.4.4/hook",
        "http://192.168.1.10/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/hook",
        "http://0.0.0.0/hook",
        "http://[::1]:8080/hook",
        "http://[fe80::1]/hook",
        "http://[fd00::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://loopback.test/hook",
        "http://v6loop.test/hook",
        "http://mixed.test/hook",
        "http://nowhere.test/hook",
        "ftp://public.test/hook",
        "file:///etc/passwd",
        "gopher://public.test:70/",
        "http://user:pw@public.test/hook",
    ],
)
def test_internal_or_odd_targets_are_refused(dns, url):
    dns.update(
        {
            "loopback.test": ["127.0.0.1"],
            "v6loop.test": ["::1"],
            "mixed.test": [PUBLIC_IP, "10.1.1.1"],  # any internal address refuses
            "public.test": [PUBLIC_IP],
        }
    )
    with pytest.raises(ssrf.BlockedTarget):
        ssrf.check(url)


def test_public_targets_pass_and_on_prem_may_allow_private(dns):
    dns["hooks.public.test"] = [PUBLIC_IP]
    t = ssrf.check("https://hooks.public.test/mlsd")
    assert (t.host, t.port, t.address) == ("hooks.public.test", 443, PUBLIC_IP)
    assert ssrf.check("http://[2606:4700::1111]:8080/x").address == "2606:4700::1111"
    assert ssrf.check("http://10.0.0.7/hook", allow_private=True).address is None
    with pytest.raises(ssrf.BlockedTarget):
        ssrf.check("ftp://10.0.0.7/hook", allow_private=True)


@pytest.fixture
def guarded(settings, bank, retriever, matcher):
    """The app as deployed: private targets refused (the suite's default allows them)."""
    strict = settings.model_copy(update={"webhooks_allow_private": False})
    svc = build_test_services(strict, bank, retriever, matcher)
    with TestClient(create_app(strict, services=svc)) as c:
        yield c, svc
    svc.db.dispose()


def test_registration_refuses_internal_targets(guarded, dns):
    c, _ = guarded
    dns.update({"rebind.test": ["127.0.0.1"], "v6.test": ["::1"], "ok.test": [PUBLIC_IP]})
    for url in (
        "http://127.0.0.1:9/hook",
        "http://10.2.3.4/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://rebind.test/hook",
        "http://v6.test/hook",
        "http://unknown.test/hook",
    ):
        body = assert_problem(c.post("/v1/webhooks", json={"url": url}), 422, "webhook-target")
        assert "MLSD_WEBHOOKS_ALLOW_PRIVATE" in body["detail"] or "resolve" in body["detail"]
    assert_problem(c.post("/v1/webhooks", json={"url": "http://[::1]/hook"}), 422)
    assert c.get("/v1/webhooks").json() == []
    assert c.post("/v1/webhooks", json={"url": "https://ok.test/hook"}).status_code == 201


def test_delivery_rechecks_after_dns_and_pins_the_address(guarded, dns, monkeypatch):
    c, svc = guarded
    with Rx() as rx:
        dns["moving.test"] = [PUBLIC_IP]
        hook = c.post(
            "/v1/webhooks",
            json={"url": f"http://moving.test:{rx.port}/hook", "events": ["report.ready"]},
        ).json()
        dns["moving.test"] = ["127.0.0.1"]  # the name now points inside
        assert c.post("/v1/grade", json=GRADE).status_code == 201

        def failed():
            d = c.get(f"/v1/webhooks/{hook['id']}/deliveries").json()
            return d and d[0]["status"] == "failed"

        assert _wait(failed)
        d = c.get(f"/v1/webhooks/{hook['id']}/deliveries").json()[0]
        assert d["attempts"] == 1 and d["last_status_code"] is None  # refused: failed for good
        assert d["last_error"].startswith("refused:") and "127.0.0.1" in d["last_error"]
        assert rx.requests == []  # nothing ever reached the internal address

        # Pinning: the request goes to the address that was checked, under the name it was
        # registered with (here the checker is told loopback is fine, to observe it).
        assert c.delete(f"/v1/webhooks/{hook['id']}").status_code == 204
        monkeypatch.setattr(ssrf, "is_public", lambda ip: True)
        dns["pinned.test"] = ["127.0.0.1"]
        c.post(
            "/v1/webhooks",
            json={"url": f"http://pinned.test:{rx.port}/hook", "events": ["report.ready"]},
        )
        assert c.post("/v1/grade", json=GRADE).status_code == 201
        assert _wait(lambda: len(rx.requests) == 1)
        assert rx.requests[0]["headers"]["host"] == f"pinned.test:{rx.port}"


def test_redirects_are_never_followed(client, services):
    services.webhooks.schedule = FAST_SCHEDULE
    with Rx() as rx:
        hook = client.post(
            "/v1/webhooks",
            json={"url": f"http://127.0.0.1:{rx.port}/redirect", "events": ["report.ready"]},
        ).json()
        assert client.post("/v1/grade", json=GRADE).status_code == 201

        def failed():
            d = client.get(f"/v1/webhooks/{hook['id']}/deliveries").json()
            return d and d[0]["status"] == "failed"

        assert _wait(failed)
        d = client.get(f"/v1/webhooks/{hook['id']}/deliveries").json()[0]
        assert d["last_status_code"] == 307
        assert rx.requests == []


def test_payloads_carry_candidate_ref(client, services):
    with Rx() as rx:
        client.post("/v1/webhooks", json={"url": f"http://127.0.0.1:{rx.port}/hook"})
        sid = client.post(
            "/v1/sessions", json={"problem_id": PROBLEM, "candidate_ref": "learner-5"}
        ).json()["session"]["id"]
        client.post(f"/v1/sessions/{sid}/messages", json={"content": "What is the goal?"})
        client.post(f"/v1/sessions/{sid}/finish")
        assert _wait(lambda: len(rx.requests) >= 2)
        for req in rx.requests:
            data = json.loads(req["body"])["data"]
            assert data["session_id"] == sid and data["candidate_ref"] == "learner-5"
        client.post("/v1/grade", json=GRADE)
        assert _wait(lambda: len(rx.requests) >= 3)
        data = json.loads(rx.requests[-1]["body"])["data"]
        assert data["session_id"] is None and data["candidate_ref"] is None
