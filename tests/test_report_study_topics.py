"""Reports list each missed study topic once per stage: several missed criteria often point at
the same framework section, and a report repeating "To study: Feature engineering" three times
in a row reads as broken (smoke test, news-feed)."""

from __future__ import annotations

from markupsafe import escape

from app.exports.render import render_report
from app.templating import study_once


def _crit(cid: str, text: str, *, met: bool = False, red_flag: bool = False) -> dict:
    return {"id": cid, "text": text, "met": met, "red_flag": red_flag, "points": 2}


def test_a_study_topic_is_listed_once_with_its_count():
    criteria = [
        _crit("a", "Feature engineering"),
        _crit("b", "Uses post age and content type.", met=True),
        _crit("c", "Feature engineering"),
        _crit("d", "Bias in training data"),
        _crit("e", "Feature engineering"),
    ]
    shown = study_once(criteria)
    assert [c["id"] for c in shown] == ["a", "b", "d"]
    assert [c.get("repeats") for c in shown] == [3, None, 1]
    assert criteria[0].get("repeats") is None  # the report itself is not changed


def test_met_criteria_and_red_flags_are_never_merged():
    criteria = [
        _crit("a", "Same words", met=True),
        _crit("b", "Same words", met=True),
        _crit("c", "Leaks the label", met=True, red_flag=True),
        _crit("d", "Leaks the label", red_flag=True),
    ]
    assert [c["id"] for c in study_once(criteria)] == ["a", "b", "c", "d"]


def test_exports_show_each_topic_once(client):
    body = {
        "problem_id": "news-feed",
        "transcript": [
            {"role": "interviewer", "content": "Design a news feed."},
            {"role": "candidate", "content": "I'd rank posts by a weighted sum of predictions."},
        ],
    }
    report = client.post("/v1/grade", json=body).json()
    missed = [[c["text"] for c in s["criteria"] if not c["met"]] for s in report["stages"]]
    assert any(len(set(topics)) < len(topics) for topics in missed)  # the case under test
    for fmt in ("markdown", "html"):
        out = render_report(fmt, report)
        for topic in {t for topics in missed for t in topics}:
            # once per stage that misses it, not once per criterion
            shown = topic if fmt == "markdown" else str(escape(topic))
            assert out.count("To study: " + shown) == sum(topic in t for t in missed), topic
        assert "misses)" in out
