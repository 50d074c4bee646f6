"""How much text two stories share: word shingles, both ways, and the longest passage.

A text is read as lower-case words; a shingle is a run of SHINGLE consecutive
words. Reuse of a release by a story is the share of the release's shingles
found in the story, and the other way round; the longest shared passage is
the longest run of the story's words that stands in the release as well.
Topic overlap (for a story that paraphrases everything) compares the stems
of the words that carry content: names, places, numbers (their first six
letters: Russian and Uzbek endings vary, stems much less).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from zlib import crc32

import numpy as np

from pressbot.coverage.names import to_latin

SHINGLE = 5
STEM = 6
_WORD = re.compile(r"\w+(?:[-‘’'ʻʼ]\w+)*")
# Stems of words too common in official prose to say what a story is about.
# fmt: off
STOPWORDS = frozenset(word[:STEM] for word in (
    "который", "которая", "которые", "также", "этом", "этого", "году", "года", "время",
    "рамках", "работы", "работа", "области", "республики", "республика", "район", "района",
    "новый", "новые", "является", "будет", "были", "было", "более", "между", "после", "через",
    "однако", "кроме", "сегодня", "сообщает", "сообщили", "отметил", "отметили", "подчеркнул",
    "подчеркнули", "заявил", "заявили", "пресс-служба", "ведомства", "ведомство",
    "министерства", "министр", "министра", "стороны", "сторон", "встречи", "встреча", "визита",
    "визит", "делегация", "делегации"
))
# fmt: on
MIN_CONTENT = 4
STORED = np.dtype("<u4")  # hashes in the archive: 32-bit, little-endian
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # odd: multiplying by it loses no bit


def story_text(row: Mapping) -> str:
    """A stored story's title, lead and body, as one text."""
    return "\n".join(p for p in (row["title"], row["lead"], row["body"]) if p)


_UZBEK_CYRILLIC = re.compile("[ўқғҳЎҚҒҲ]")


def text_words(text: str) -> list[str]:
    """Lower-case words; Uzbek in Cyrillic script is read in Latin, as gov.uz's `oz` is."""
    lowered = text.lower().replace("ё", "е")
    if _UZBEK_CYRILLIC.search(text):
        return [to_latin(w) for w in _WORD.findall(lowered)]
    for apostrophe in "‘’ʻʼ":  # str.replace is many times faster than str.translate here
        if apostrophe in lowered:
            lowered = lowered.replace(apostrophe, "'")
    return _WORD.findall(lowered)


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every bit of the result depends on every bit of the value."""
    values = values ^ (values >> np.uint64(30))
    values = values * np.uint64(0xBF58476D1CE4E5B9)
    values = values ^ (values >> np.uint64(27))
    values = values * np.uint64(0x94D049BB133111EB)
    return values ^ (values >> np.uint64(31))


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted: `np.unique`, which NumPy 2.3+ makes build a hash
    table first, ten times slower on arrays of this size."""
    ordered = np.sort(values)
    if not ordered.size:
        return ordered
    first = np.empty(ordered.size, dtype=bool)
    first[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return ordered[first]


def not_in(values: np.ndarray, known: np.ndarray) -> np.ndarray:
    """The values not among `known` (distinct and sorted, as `distinct` gives them), in
    their order: `np.setdiff1d(values, known, assume_unique=True)` by binary search,
    without the sort and the range checks `np.isin` spends on every call."""
    if not known.size or not values.size:
        return values
    at = np.minimum(np.searchsorted(known, values), known.size - 1)
    return values[known[at] != values]


def word_hashes(tokens: list[str]) -> np.ndarray:
    """Each word's CRC-32: the same in every process (unlike `hash` of a str)."""
    return np.fromiter(map(crc32, map(str.encode, tokens)), dtype=np.uint64, count=len(tokens))


def shingles(tokens: list[str]) -> np.ndarray:
    """32-bit hashes of the text's shingles, in order (one per position)."""
    words = word_hashes(tokens)
    count = len(words) - SHINGLE + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint32)
    combined = words[:count].copy()
    for offset in range(1, SHINGLE):  # a polynomial of the shingle's words, mixed
        combined = combined * _MULTIPLIER + words[offset : offset + count]
    return (_mix(combined) >> np.uint64(32)).astype(np.uint32)


def stem(token: str) -> str:
    """A word's first STEM letters: its case and number endings cut off (Russian, Uzbek)."""
    return token[:STEM]


def content_words(tokens: list[str]) -> np.ndarray:
    """Hashes of the stems of the words that carry content, and of every number; sorted."""
    distinct_tokens = set(tokens)
    words = {token[:STEM] for token in distinct_tokens if len(token) >= MIN_CONTENT}
    words -= STOPWORDS
    words.update(t for t in distinct_tokens if len(t) >= 2 and t.isdigit())
    return distinct(word_hashes(list(words)).astype(np.uint32))


def topic(a: np.ndarray, b: np.ndarray) -> float:
    """Overlap of two texts' content words (`content_words`), of the shorter text's."""
    shared = np.intersect1d(a, b, assume_unique=True).size
    return shared / (min(a.size, b.size) or 1)


def topics(story: np.ndarray, others: list[np.ndarray]) -> np.ndarray:
    """`topic` of a story with each of the others, at once."""
    sizes = np.array([other.size for other in others], dtype=np.int64)
    owner = np.repeat(np.arange(len(others)), sizes)
    joined = np.concatenate(others) if others else np.empty(0, dtype=np.uint32)
    shared = np.bincount(owner[np.isin(joined, story)], minlength=len(others))
    return shared / np.maximum(np.minimum(sizes, story.size), 1)


class Fingerprint:
    """What linking needs of a text: its shingles in order (`sequence`) and its content
    words (`content`: sorted, distinct), as 32-bit hashes. Given the bytes they are
    stored as, it reads each array when first asked for: most stories of a day are
    searched through the day's index, never measured one by one."""

    def __init__(self, sequence: np.ndarray | bytes, content: np.ndarray | bytes):
        self._sequence, self._content = sequence, content

    @classmethod
    def of(cls, text: str) -> Fingerprint:
        tokens = text_words(text)
        return cls(shingles(tokens), content_words(tokens))

    @staticmethod
    def _array(stored: np.ndarray | bytes) -> np.ndarray:
        if isinstance(stored, bytes):
            return np.frombuffer(stored, dtype=STORED).astype(np.uint32, copy=False)
        return stored

    @staticmethod
    def _bytes(values: np.ndarray | bytes) -> bytes:
        return values if isinstance(values, bytes) else values.astype(STORED).tobytes()

    @cached_property
    def sequence(self) -> np.ndarray:
        return self._array(self._sequence)

    @cached_property
    def content(self) -> np.ndarray:
        return self._array(self._content)

    def stored(self) -> tuple[bytes, bytes]:
        """The sequence and the content as the archive stores them."""
        return self._bytes(self._sequence), self._bytes(self._content)

    @cached_property
    def shingles(self) -> np.ndarray:
        """The distinct shingles, sorted."""
        return distinct(self.sequence)


@dataclass(frozen=True)
class Reuse:
    release_share: float  # of the release's text, the share the story reuses
    story_share: float  # of the story's text, the share that comes from the release
    longest: int  # words in the longest passage both share
    topic: float = 0.0  # overlap of content words, of the shorter text (when measured)

    @property
    def strength(self) -> float:
        """One figure to rank candidates by."""
        return max(self.story_share, self.release_share, min(self.longest / 40, 1.0)) + (
            0.25 * self.topic
        )


def measure_many(
    story: np.ndarray, which: np.ndarray, keys: np.ndarray, count: int
) -> tuple[np.ndarray, np.ndarray]:
    """Shingles shared and the longest shared passage, for `count` texts at once.

    `story` is the story's shingles in order; text `which[i]` shares shingle
    `keys[i]` with it (each pair once). Returns, per text, how many shingles
    it shares and its longest shared passage in words (0 when it shares none).
    """
    shared = np.bincount(which, minlength=count)
    width = len(story) + 1  # a column left clear, so no run goes on into the next text
    order = np.argsort(story)
    ordered = story[order]
    left = np.searchsorted(ordered, keys, "left")
    found = np.searchsorted(ordered, keys, "right") - left
    total = int(found.sum())
    hits = np.zeros(count * width + 2, dtype=np.int8)  # one clear cell at each end
    positions = order[np.repeat(left - np.cumsum(found) + found, found) + np.arange(total)]
    hits[1 + np.repeat(which, found) * width + positions] = 1
    edges = np.diff(hits)
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    runs = np.zeros(count, dtype=np.int64)
    np.maximum.at(runs, starts // width, ends - starts)
    return shared, np.where(runs > 0, runs + SHINGLE - 1, 0)


def measure(story: Fingerprint, shared: np.ndarray, release_size: int) -> Reuse:
    """Reuse of a release of `release_size` shingles, `shared` of them with the story."""
    if not shared.size:
        return Reuse(0.0, 0.0, 0)
    counts, longest = measure_many(story.sequence, np.zeros(shared.size, dtype=np.int64), shared, 1)
    return Reuse(
        release_share=int(counts[0]) / (release_size or 1),
        story_share=int(counts[0]) / (story.shingles.size or 1),
        longest=int(longest[0]),
    )
