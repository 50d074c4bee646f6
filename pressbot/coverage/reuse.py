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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

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


def shingles(tokens: list[str]) -> list[int]:
    """Hashes of the text's shingles, in order (one per position)."""
    return [hash(tuple(tokens[i : i + SHINGLE])) for i in range(len(tokens) - SHINGLE + 1)]


def stem(token: str) -> str:
    """A word's first STEM letters: its case and number endings cut off (Russian, Uzbek)."""
    return token[:STEM]


def content_hashes(tokens: list[str]) -> frozenset[str]:
    """The stems of the words that carry content, and every number."""
    stems = {token[:STEM] for token in tokens if len(token) >= MIN_CONTENT} - STOPWORDS
    return frozenset(stems | {t for t in tokens if t.isdigit() and len(t) >= 2})


def topic(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap of two texts' content words, of the shorter text's."""
    return len(a & b) / (min(len(a), len(b)) or 1)


@dataclass
class Fingerprint:
    """A text's shingles, in order and as a set."""

    sequence: list[int]
    shingles: frozenset[int]


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


def measure(
    story: Fingerprint,
    shared: Iterable[int],
    release_size: int,
    explained: frozenset[int] = frozenset(),
) -> Reuse:
    """Reuse of a release of `release_size` shingles, `shared` of them with the story,
    leaving out the shingles `explained` by other releases."""
    fresh = set(shared) - explained
    if not fresh:
        return Reuse(0.0, 0.0, 0)
    run = longest = 0
    for shingle in story.sequence:
        if shingle in fresh:
            run += 1
            if run > longest:
                longest = run
        else:
            run = 0
    return Reuse(
        release_share=len(fresh) / (release_size or 1),
        story_share=len(fresh) / (len(story.shingles) or 1),
        longest=longest + SHINGLE - 1,
    )
