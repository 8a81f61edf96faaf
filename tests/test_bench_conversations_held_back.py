"""A held-back conversations check is scored but never shows its failures."""

from bench import conversations


def _summary(failures: list[str]) -> dict:
    return {key: 0 for _, key, _, _ in conversations.ROWS} | {
        "facts": "0/0",
        "mistakes_probed": "0/0",
        "move_on": "0/0",
        "turn_ms": {"p95": 1.0},
        "conversations": 1,
        "turns": 1,
        "failure_kinds": {"stage": 1},
        "failed_by_tag": {"go-back": 1},
        "failures": failures,
    }


def test_render_hides_held_back_breakdown(capsys):
    held = next(iter(conversations.HELD_BACK))
    res = {"frozen": True, "splits": {"dev": _summary(["a"]), held: _summary(["b"])}}
    out = conversations.render(res)
    assert "dev failed turns by tag" in out
    assert f"{held} failed turns by tag" not in out
    assert f"{held} failures by kind" not in out


def test_verbose_skips_held_back(monkeypatch, capsys):
    held = next(iter(conversations.HELD_BACK))
    res = {"frozen": True, "splits": {"dev": _summary(["dev-row"]), held: _summary(["held-row"])}}
    monkeypatch.setattr(conversations, "run", lambda splits, held_back: res)
    conversations.main(["-v", "--split", "dev"])
    out = capsys.readouterr().out
    assert "dev-row" in out
    assert "held-row" not in out


def test_held_back_is_wired():
    assert all(name in conversations.CONVERSATION_CHECKS for name in conversations.HELD_BACK)


def test_the_held_back_check_is_the_newest_and_the_one_before_is_tuning():
    assert {"dev-check-24"} == conversations.HELD_BACK
    assert "dev-check-23" in conversations.CONVERSATION_CHECKS


def test_tuning_runs_can_leave_held_back_unscored(monkeypatch):
    held = next(iter(conversations.HELD_BACK))
    sets = [("dev", {"conversations": []}), (held, {"conversations": []})]
    monkeypatch.setattr(conversations, "_sets", lambda splits, directory: sets)
    res = conversations.run(("dev",), held_back=False)
    assert held not in res["splits"]
    assert held in conversations.run(("dev",))["splits"]


def test_numbered_ids_make_the_wording_draw_repeatable():
    a, b = conversations._numbered_ids(), conversations._numbered_ids()
    assert (
        [a("ses"), a("msg")]
        == [b("ses"), b("msg")]
        == ["ses_" + "0" * 31 + "1", "msg_" + "0" * 31 + "2"]
    )


def test_held_back_is_frozen():
    """The held-back set is scored only as committed with its EXPECT.sha256."""
    for name in conversations.HELD_BACK:
        assert conversations.frozen(conversations.CONVERSATION_CHECKS[name][1])


class _ScriptedClient:
    """Answers the bench's two API calls with the stages given, one per message."""

    def __init__(self, stages: list[str]):
        self.stages = iter(stages)

    def post(self, url: str, json: dict):
        from types import SimpleNamespace

        if url == "/v1/sessions":
            body = {"session": {"id": "ses_1"}}
            return SimpleNamespace(status_code=201, text="", json=lambda: body)
        reply = {"content": "Tell me more.", "move": "probe", "facts_answered": []}
        body = {"reply": reply, "stage": next(self.stages), "status": "active"}
        return SimpleNamespace(status_code=201, text="", json=lambda: body)


def _scripted_tally(labels: list[str], stages: list[str]) -> conversations.Tally:
    from types import SimpleNamespace

    problem = SimpleNamespace(facts=[])
    settings = SimpleNamespace(model_copy=lambda update: None)
    svc = SimpleNamespace(
        bank=SimpleNamespace(problem=lambda pid: problem),
        settings=settings,
        interviews=SimpleNamespace(settings=settings),
    )
    conv = {"id": "c1", "turns": [{"say": "x", "expect": {"stage": s}} for s in labels]}
    t = conversations.Tally()
    conversations.run_conversation(
        _ScriptedClient(stages), conversations.SimClock(), svc, "p", conv, t
    )
    return t


def test_ran_ahead_counts_a_reply_past_the_candidates_labelled_stage():
    # the candidate is still on the data after the first data message; the interviewer went on
    t = _scripted_tally(["data", "data", "model"], ["data", "model", "model"])
    assert t.c["ran_ahead"] == 1
    assert t.kinds["ran ahead"] == 1


def test_a_reply_behind_the_candidate_is_lag_but_not_ran_ahead():
    t = _scripted_tally(["frame", "data"], ["frame", "frame"])
    assert t.c["ran_ahead"] == 0
    assert t.c["lag"] == 1
    assert conversations.summarize(t)["ran_ahead"] == 0
