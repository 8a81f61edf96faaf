"""A choice revised later in its own sentence ("..., so actually early fusion") is not probed
as if it stood (`app.interview.policy.revised_away`)."""

import pytest

from app.interview.policy import revised_away


def test_an_option_given_up_for_another_in_its_sentence_is_revised_away():
    said = (
        "late fusion is the cheap one, but a caption and a picture can be fine apart and "
        "hateful together, so actually early fusion."
    )
    both = ["late fusion", "early fusion"]
    assert revised_away(said, "late fusion", both)
    assert not revised_away(said, "early fusion", both)  # the option chosen stands
    wide = ["gbdt", "wide-and-deep"]
    assert revised_away("a gbdt first, or actually a wide-and-deep model instead.", "gbdt", wide)
    # emphasis, not a revision
    emphasis = "late fusion is cheap, so actually it works well here."
    assert not revised_away(emphasis, "late fusion", both)
    # the revision is in another sentence: not this option's
    assert not revised_away("late fusion for now. so actually early fusion.", "late fusion", both)
    # no other option named: a quality, an addition or a count revises nothing
    for text, alias in (
        ("i'd go with late fusion, slower to build but actually cheaper.", "late fusion"),
        ("i'd report accuracy, but actually precision too.", "accuracy"),
        ("a gbdt, or actually two.", "gbdt"),
    ):
        assert not revised_away(text, alias, [alias]), text


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
