"""A message's walk through the stages does not skip one on a generic phrasing alone: a
framing whose last sentence reads as a model's loss ("maybe also a small penalty if they're
likely to dislike it") is still the framing, not a walk on to the model over the data."""


def test_a_framing_ending_on_a_loss_like_sentence_stays_on_framing(client):
    sid = client.post("/v1/sessions", json={"problem_id": "video-recommendation"}).json()
    sid = sid["session"]["id"]
    client.post(f"/v1/sessions/{sid}/messages", json={"content": "Is this the home page feed?"})
    client.post(
        f"/v1/sessions/{sid}/messages",
        json={"content": "And what are we optimising for, watch time or something else?"},
    )
    said = (
        "Got it. So I'll treat it as ranking: for each user and candidate video, predict how "
        "much they'll watch, and sort by that. Maybe also a small penalty if they're likely to "
        "dislike it."
    )
    turn = client.post(f"/v1/sessions/{sid}/messages", json={"content": said}).json()
    assert turn["stage"] == "frame", turn["reply"]["content"]


def test_a_moment_asked_to_think_moves_nothing_and_costs_nothing(client):
    sid = client.post("/v1/sessions", json={"problem_id": "news-feed"}).json()["session"]["id"]
    client.post(f"/v1/sessions/{sid}/messages", json={"content": "next"})  # on to framing
    for said in ("Mind if I take a minute?", "One sec, let me think.", "Give me a moment?"):
        turn = client.post(f"/v1/sessions/{sid}/messages", json={"content": said}).json()
        assert turn["stage"] == "frame", (said, turn["reply"]["content"])
        assert turn["reply"]["move"] == "redirect", turn["reply"]
    # a course question naming no stage still moves when it says to go on
    turn = client.post(f"/v1/sessions/{sid}/messages", json={"content": "Ready to go on?"}).json()
    assert turn["stage"] == "data", turn["reply"]["content"]
