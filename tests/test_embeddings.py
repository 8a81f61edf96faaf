"""The bundled sentence encoder: our batching gives WordLlama's own vectors."""

import numpy as np

from app.knowledge.embeddings import EMBED_BATCH, _wordllama, embed_texts


def test_vectors_are_wordllamas_own_to_the_bit_in_any_batch():
    # texts of very different lengths, more than one batch: they are batched by length,
    # and each must come back in its own row with the vector WordLlama's `embed` gives it
    texts = [
        ("ranking by predicted watch time " * (i % 7 + 1)) + f"item {i}"
        for i in range(EMBED_BATCH * 2 + 5)
    ]
    texts[3] = "a"
    ours = embed_texts(texts)
    theirs = np.asarray(_wordllama().embed(texts, norm=True), dtype=np.float32)
    assert ours.shape == (len(texts), 256)
    assert np.array_equal(ours, theirs)
    # one text alone gets the vector it got in the batch
    assert np.array_equal(embed_texts([texts[70]])[0], ours[70])
