"""Reuse and topic measured for many texts at once equal them measured one text at a time."""

import random

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from pressbot.coverage.reuse import SHINGLE, distinct, measure_many, not_in, topic, topics


def one_at_a_time(story, shared):
    """Shingles shared, and the longest run of the story's positions whose shingle is shared."""
    run = longest = 0
    for shingle in story:
        run = run + 1 if shingle in shared else 0
        longest = max(longest, run)
    return len(shared), longest + SHINGLE - 1 if longest else 0


def test_measure_many_agrees_with_one_at_a_time():
    rng = random.Random(5)
    story = np.array([rng.randrange(40) for _ in range(120)], dtype=np.uint32)  # repeats too
    texts = [set(rng.sample(sorted(set(story.tolist())), rng.randrange(0, 25))) for _ in range(9)]
    which = np.array([n for n, text in enumerate(texts) for _ in text], dtype=np.int64)
    keys = np.array([k for text in texts for k in sorted(text)], dtype=np.uint32)
    counts, longest = measure_many(story, which, keys, len(texts))
    assert [(int(c), int(r)) for c, r in zip(counts, longest, strict=True)] == [
        one_at_a_time(story.tolist(), text) for text in texts
    ]


def test_topics_agrees_with_topic_one_at_a_time():
    rng = random.Random(7)
    texts = [np.unique(np.array(rng.sample(range(60), rng.randrange(0, 30)), dtype=np.uint32))]
    texts += [np.unique(np.array(rng.sample(range(60), n), dtype=np.uint32)) for n in (0, 3, 40)]
    story = texts[0]
    assert topics(story, texts).tolist() == [topic(story, other) for other in texts]


HASHES = st.lists(st.integers(0, 2**32 - 1) | st.integers(0, 40), max_size=60)


@given(values=HASHES, known=HASHES)
def test_not_in_is_setdiff1d(values, known):
    values = distinct(np.array(values, dtype=np.uint32))[::-1]  # distinct, in any order
    known = distinct(np.array(known, dtype=np.uint32))
    expected = np.setdiff1d(values, known, assume_unique=True)
    assert not_in(values, known).tolist() == expected.tolist()
