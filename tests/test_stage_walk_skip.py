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
