"""How much text two stories share: word shingles, both ways, and the longest passage.

A text is read as lower-case words; a shingle is a run of SHINGLE consecutive
words. Reuse of a release by a story is the share of the release's shingles
found in the story, and the other way round; the longest shared passage is
the longest run of the story's words that stands in the release as well.
Topic overlap (for a story that paraphrases everything) compares the
dictionary forms of the words that carry content: names, places, numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pressbot.coverage.names import lemma, to_latin

SHINGLE = 5
_WORD = re.compile(r"\w+(?:[-‘’'ʻʼ]\w+)*")
# Words too common in official prose to say what a story is about.
# fmt: off
STOPWORDS = frozenset((
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


_UZBEK_CYRILLIC = re.compile("[ўқғҳЎҚҒҲ]")


def text_words(text: str) -> list[str]:
    """Lower-case words; Uzbek in Cyrillic script is read in Latin, as gov.uz's `oz` is."""
    words = _WORD.findall(text.lower().replace("ё", "е"))
    if _UZBEK_CYRILLIC.search(text):
        return [to_latin(w) for w in words]
    return [w.replace("‘", "'").replace("’", "'").replace("ʻ", "'") for w in words]


def shingles(tokens: list[str]) -> list[int]:
    """Hashes of the text's shingles, in order (one per position)."""
    return [hash(tuple(tokens[i : i + SHINGLE])) for i in range(len(tokens) - SHINGLE + 1)]


def content_forms(tokens: list[str]) -> frozenset[str]:
    """The dictionary forms of the words that carry content (and every number)."""
    found: set[str] = set()
    for token in tokens:
        if token.isdigit() and len(token) >= 2:
            found.add(token)
        elif len(token) >= MIN_CONTENT and token not in STOPWORDS:
            found.add(lemma(token))
    return frozenset(found)


@dataclass
class Fingerprint:
    """What reuse is measured on, computed once per story."""

    sequence: list[int]
    shingles: frozenset[int]
    content: frozenset[str]

    @classmethod
    def of(cls, *parts: str | None) -> Fingerprint:
        tokens = text_words("\n".join(p for p in parts if p))
        sequence = shingles(tokens)
        return cls(sequence, frozenset(sequence), content_forms(tokens))


@dataclass(frozen=True)
class Reuse:
    release_share: float  # of the release's text, the share the story reuses
    story_share: float  # of the story's text, the share that comes from the release
    longest: int  # words in the longest passage both share
    topic: float  # overlap of content words, of the shorter text

    @property
    def strength(self) -> float:
        """One figure to rank candidates by."""
        return max(self.story_share, self.release_share, min(self.longest / 40, 1.0)) + (
            0.25 * self.topic
        )


def measure(
    story: Fingerprint, release: Fingerprint, explained: frozenset[int] = frozenset()
) -> Reuse:
    """Reuse of `release` by `story`, leaving out the shingles `explained` by other releases."""
    shared = (story.shingles & release.shingles) - explained
    run = longest = 0
    for shingle in story.sequence:
        run = run + 1 if shingle in shared else 0
        longest = max(longest, run)
    smaller = min(len(story.content), len(release.content)) or 1
    return Reuse(
        release_share=len(shared) / (len(release.shingles) or 1),
        story_share=len(shared) / (len(story.shingles) or 1),
        longest=longest + SHINGLE - 1 if longest else 0,
        topic=len(story.content & release.content) / smaller,
    )
