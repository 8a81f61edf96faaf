"""Webhook targets cannot reach internal addresses (SSRF), over both databases: refused at
registration and again at delivery after DNS resolution, deliveries go to the checked
address, redirects are never followed. (`candidate_ref` in payloads: test_webhooks_outbox.)"""

from __future__ import annotations

import pytest

from app.webhooks import ssrf
from tests.support.receiver import FAST_RETRIES, Receiver, settled_deliveries
from tests.test_api import assert_problem

PROBLEM = "news-feed"
GRADE = {
    "problem_id": PROBLEM,
    "transcript": [{"role": "candidate", "content": "I'd use logistic regression first."}],
}
PUBLIC_IP = "93.184.216.34"


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
def guarded(app_with):
    """The app as deployed: private targets refused (the suite's default allows them)."""
    return app_with(webhooks_allow_private=False)


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
    with Receiver() as rx:
        dns["moving.test"] = [PUBLIC_IP]
        hook = c.post(
            "/v1/webhooks",
            json={"url": f"http://moving.test:{rx.port}/hook", "events": ["report.ready"]},
        ).json()
        dns["moving.test"] = ["127.0.0.1"]  # the name now points inside
        assert c.post("/v1/grade", json=GRADE).status_code == 201
        (d,) = settled_deliveries(c, hook["id"], "failed")
        assert d["attempts"] == 1 and d["last_status_code"] is None  # refused: failed for good
        assert d["last_error"].startswith("refused:") and "127.0.0.1" in d["last_error"]
        assert rx.requests == []  # nothing ever reached the internal address

        # Pinning: the request goes to the address that was checked, under the name it was
        # registered with (here the checker is told loopback is fine, to observe it).
        assert c.delete(f"/v1/webhooks/{hook['id']}").status_code == 204
        monkeypatch.setattr(ssrf, "is_public", lambda ip: True)
        dns["pinned.test"] = ["127.0.0.1"]
        pinned = c.post(
            "/v1/webhooks",
            json={"url": f"http://pinned.test:{rx.port}/hook", "events": ["report.ready"]},
        ).json()
        assert c.post("/v1/grade", json=GRADE).status_code == 201
        assert rx.wait_for(1)
        settled_deliveries(c, pinned["id"], "delivered")
        (sent,) = rx.requests
        assert sent["headers"]["host"] == f"pinned.test:{rx.port}"


def test_redirects_are_never_followed(client, services):
    services.webhooks.schedule = FAST_RETRIES
    with Receiver() as rx:
        redirecting = rx.url.removesuffix("/hook") + "/redirect"
        hook = client.post(
            "/v1/webhooks", json={"url": redirecting, "events": ["report.ready"]}
        ).json()
        assert client.post("/v1/grade", json=GRADE).status_code == 201
        (d,) = settled_deliveries(client, hook["id"], "failed")
        assert d["last_status_code"] == 307
        assert rx.requests == []
