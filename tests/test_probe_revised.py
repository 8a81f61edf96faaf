"""A choice revised later in its own sentence ("..., so actually early fusion") is not probed
as if it stood (`app.interview.policy.revised_away`)."""

import pytest

from app.interview.policy import revised_away


def test_an_option_given_up_for_another_in_its_sentence_is_revised_away():
    said = (
        "late fusion is the cheap one, but a caption and a picture can be fine apart and "
        "hateful together, so actually early fusion."
    )
    assert revised_away(said, "late fusion")
    assert not revised_away(said, "early fusion")  # the option chosen stands
    assert revised_away("a gbdt first, or actually a wide-and-deep model instead.", "gbdt")
    # emphasis, not a revision
    assert not revised_away("late fusion is cheap, so actually it works well here.", "late fusion")
    # the revision is in another sentence: not this option's
    assert not revised_away("late fusion for now. so actually early fusion.", "late fusion")


@pytest.mark.postgres
def test_the_option_kept_is_probed_not_the_one_given_up(client):
    sid = client.post("/v1/sessions", json={"problem_id": "harmful-content"}).json()
    sid = sid["session"]["id"]
    for said in ("next", "next", "next"):  # clarify, frame, data -> model
        turn = client.post(f"/v1/sessions/{sid}/messages", json={"content": said}).json()
    assert turn["stage"] == "model", turn
    said = (
        "One encoder per modality. Late fusion would be cheaper to run, but a caption and a "
        "picture can each be fine and hateful together, so actually early fusion."
    )
    reply = client.post(f"/v1/sessions/{sid}/messages", json={"content": said}).json()["reply"]
    assert "late fusion handle" not in reply["content"], reply["content"]
