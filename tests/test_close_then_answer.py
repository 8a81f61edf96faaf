"""A close that opens a message ends the part before it, not the answer after it: "Okay, I
think I have enough. <the framing> Then sort by that score." while clarifying moves on to the
framing it gives (it had jumped to serving: the framing's last sentence, showing no points,
was read as the close, and the message's furthest stage as the part closed)."""


def test_a_close_then_a_framing_moves_on_to_the_framing(client):
    sid = client.post("/v1/sessions", json={"problem_id": "news-feed"}).json()["session"]["id"]
    client.post(
        f"/v1/sessions/{sid}/messages",
        json={"content": "Which posts are eligible, and what does the company want from the feed?"},
    )
    said = (
        "Alright, that's plenty to go on. I'd treat it as ranking. For each eligible post, "
        "predict how likely the viewer is to comment, share or hide it, and blend those into "
        "one value with comments and shares worth most and hides counting against. Then order "
        "the feed by it."
    )
    turn = client.post(f"/v1/sessions/{sid}/messages", json={"content": said}).json()
    assert turn["stage"] == "frame", turn["reply"]["content"]


def test_an_answer_then_a_close_still_moves_past_what_it_covered(client):
    sid = client.post("/v1/sessions", json={"problem_id": "news-feed"}).json()["session"]["id"]
    client.post(f"/v1/sessions/{sid}/messages", json={"content": "next"})  # on to framing
    said = (
        "Framing: rank eligible posts by a weighted sum of predicted comment, share and hide "
        "chances. Training data: one row per impression, labels from the actions within a day, "
        "features from the viewer, the author and their past interactions. Both of those feel "
        "settled."
    )
    turn = client.post(f"/v1/sessions/{sid}/messages", json={"content": said}).json()
    assert turn["stage"] == "model", turn["reply"]["content"]
