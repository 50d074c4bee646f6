"""The ways the press names a source, and finding which source a named body is.

Russian names are matched word by word on their dictionary forms (pymorphy3),
so «в пресс-службе Минпромторга РТ» finds «Минпромторг РТ» whatever the case.
Uzbek names are matched in Latin script (Cyrillic is transliterated first),
by a shared stem, as Uzbek adds its case endings to the word
(«hokimligi», «hokimligida»).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cached_property, lru_cache

from pressbot.registry import Source

WORD = re.compile(r"[\w‘’ʻʼ'`-]+")
# Words a name may carry or lack without naming another body.
# fmt: off
FILLER = frozenset((
    "и", "по", "в", "во", "на", "при", "с", "со", "the", "of", "пресс", "служба",
    "пресс-служба", "пресс-службе", "пресс-службы", "пресс-службу", "пресс-центр",
    "пресс-центре", "официальный", "официальном", "сайт", "сайте", "канал", "канале",
    "telegram-канал", "telegram-канале", "xizmati", "axborot", "matbuot", "хизмати", "ахборот",
    "матбуот", "rasmiy", "расмий", "va"
))
# fmt: on
# The abbreviation the press uses for a republic, and what it stands for.
ABBREVIATIONS = {"рт": ("республика", "татарстан"), "рф": ("российский", "федерация")}
# Uzbek Cyrillic to Latin, letter by letter (the 1995 Latin alphabet).
_UZ_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "x", "ц": "ts",
    "ч": "ch", "ш": "sh", "ъ": "'", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "ў": "o'", "қ": "q", "ғ": "g'", "ҳ": "h",
}  # fmt: skip
_APOSTROPHES = str.maketrans({"‘": "'", "’": "'", "ʻ": "'", "ʼ": "'", "`": "'"})
MIN_STEM = 4
# Letters a word's dictionary forms begin with as the word does: Russian inflects
# at the end, so a word whose beginning begins no name's word is not analysed.
FORM_START = 3
RESOLVED_KEPT = 4096  # bodies whose resolution a NameIndex remembers
# Words that say what kind of body a name is («хокимият», «vazirligi», «кабмин»): a
# body named by its kind alone («сообщает хокимият области») is the registered body
# of that kind the story is about.
KIND_STEMS = (
    "хокимият", "hokimli", "министерств", "минпромторг", "минэконом", "vazirli",
    "правительств", "кабмин", "кабинет", "полпредств", "представительств", "раис", "глав",
    "президент", "кремл", "hukumat", "kreml",
)  # fmt: skip
# Words that narrow no kind down («области», «republic»): ignored in such a body.
GENERIC = frozenset(
    ("область", "республика", "viloyat", "viloyati", "respublika", "regional", "региональный")
)


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3  # loads its dictionaries once, on first use

    return pymorphy3.MorphAnalyzer()


def _normal(word: str) -> str:
    """A word as its forms are written: lower case, «е» for «ё», one apostrophe."""
    return word.lower().replace("ё", "е").translate(_APOSTROPHES)


def to_latin(word: str) -> str:
    """An Uzbek word in Latin script, whichever script it was written in."""
    return "".join(_UZ_LATIN.get(ch, ch) for ch in word.lower()).translate(_APOSTROPHES)


@lru_cache(maxsize=65536)
def forms(word: str) -> frozenset[str]:
    """Every dictionary form a word may be (Russian), and its Latin spelling (Uzbek)."""
    lowered = _normal(word)
    found = {lowered, to_latin(lowered)}
    if re.search("[а-я]", lowered):
        found.update(p.normal_form.replace("ё", "е") for p in _morph().parse(lowered))
    return frozenset(found)


def words(text: str) -> list[str]:
    return WORD.findall(text)


def form_starts(word: str) -> frozenset[str]:
    """How the word's `forms` may begin: its first FORM_START letters, in either script."""
    start = _normal(word[: 2 * FORM_START])
    return frozenset((start[:FORM_START], to_latin(start)[:FORM_START]))


def _starts_of(word_forms: frozenset[str]) -> frozenset[str]:
    return frozenset(f[:FORM_START] for f in word_forms)


def _same_word(name_forms: frozenset[str], word_forms: frozenset[str]) -> bool:
    if name_forms & word_forms:
        return True
    # Uzbek endings: a shared Latin stem of the name word's length less its ending
    for a in name_forms:
        if a.isascii() and len(a) >= MIN_STEM + 1:
            stem = a[: max(MIN_STEM, len(a) - 2)]
            if any(b.startswith(stem) for b in word_forms if b.isascii()):
                return True
    return False


@dataclass(frozen=True)
class Name:
    source: str
    text: str
    words: tuple[frozenset[str], ...]

    @cached_property
    def form_starts(self) -> tuple[frozenset[str], ...]:
        """How each of its words' forms begin: a word that begins otherwise is none of them."""
        return tuple(_starts_of(w) for w in self.words)


def _name_words(text: str) -> tuple[frozenset[str], ...]:
    found: list[frozenset[str]] = []
    for word in words(text):
        lowered = word.lower()
        if lowered in FILLER:
            continue
        if lowered in ABBREVIATIONS:  # «РТ» also matches «Республики Татарстан»
            found.append(forms(lowered) | frozenset(ABBREVIATIONS[lowered][-1:]))
        else:
            found.append(forms(word))
    return tuple(found)


def derived_names(source: Source) -> list[str]:
    """Names made from the title: as written, and with «Республики Татарстан» as «РТ»."""
    title = re.sub(r"\s*\(.*?\)\s*", " ", source.title).strip()
    names = [title]
    for short, long in (("РТ", "Республики Татарстан"), ("РФ", "Российской Федерации")):
        if long in title:
            names.append(title.replace(long, short))
    return names


def source_names(source: Source) -> list[str]:
    """The registry's `names` for the source, then the names made from its title."""
    listed = list(source.names)
    return listed + [n for n in derived_names(source) if n not in listed]


class NameIndex:
    """Which registered source a named body is, if any."""

    def __init__(self, names: Mapping[str, Iterable[str]]):
        self.names = [
            Name(key, text, _name_words(text)) for key, texts in names.items() for text in texts
        ]
        self.names = [n for n in self.names if n.words]
        self.form_starts = frozenset().union(*(_starts_of(w) for n in self.names for w in n.words))
        self.kind_starts = frozenset(stem[:FORM_START] for stem in KIND_STEMS)
        self.by_length: dict[int, list[Name]] = {}
        for name in self.names:
            self.by_length.setdefault(len(name.words), []).append(name)
        # what a body names depends on its text alone, and stories name a few bodies often
        self.resolve = lru_cache(maxsize=RESOLVED_KEPT)(self.resolve)  # type: ignore[method-assign]
        self._of_kind = lru_cache(maxsize=RESOLVED_KEPT)(self._of_kind)  # type: ignore[method-assign]

    def forms_in(self, text: str) -> frozenset[str]:
        """The `forms` of the text's words that may be a name's: those of each word whose
        beginning, in either script, begins some name's word (the others are not
        analysed: a story has hundreds of words, a name a few)."""
        found: set[str] = set()
        for word in set(words(text)):
            if form_starts(word) & self.form_starts:
                found |= forms(word)
        return frozenset(found)

    def kinds_of(self, word_forms: frozenset[str]) -> set[str]:
        """The KIND_STEMS a word is."""
        return {stem for stem in KIND_STEMS for f in word_forms if f.startswith(stem)}

    def resolve_in_context(
        self,
        named: str,
        story_forms: Callable[[], AbstractSet[str]],
        previous: str | None = None,
    ) -> str | None:
        """A body named by its kind alone («хокимият области», «Vazirlik»): the registered
        body of that kind named before in the story, or else the only one of that kind
        whose name's other words the story uses («Навоийской», «Татарстана»).
        `story_forms` gives the forms of the story's words, only asked for in that last case
        (analysing every word of a story is what attributions cost most)."""
        candidates = self._of_kind(named)
        if not candidates:
            return None
        if previous in candidates or len(candidates) == 1:
            return previous if previous in candidates else next(iter(candidates))
        return self._most_mentioned(set(candidates), story_forms)

    def _of_kind(self, named: str) -> frozenset[str]:
        """The sources whose names have the kind of body named and every other word of it."""
        said = [w for w in words(named) if w.lower() not in FILLER]
        if not any(form_starts(w) & self.kind_starts for w in said):
            return frozenset()  # no word of a kind (a person, «Об этом»): nothing to analyse
        text_words = [forms(w) for w in said]
        kinds = set().union(*(self.kinds_of(w) for w in text_words)) if text_words else set()
        if not kinds:
            return frozenset()
        qualifiers = [w for w in text_words if not self.kinds_of(w) and not w & GENERIC]
        return frozenset(
            n.source
            for n in self.names
            if any(self.kinds_of(w) & kinds for w in n.words)
            and all(any(_same_word(q, w) for w in n.words) for q in qualifiers)
        )

    def _most_mentioned(
        self, candidates: set[str], story_forms: Callable[[], AbstractSet[str]]
    ) -> str | None:
        shared = [
            {f for w in n.words if not self.kinds_of(w) and not w & GENERIC for f in w}
            for n in self.names
            if n.source in candidates
        ]
        common = set.intersection(*shared) if shared else set()
        counts = {
            source: len(
                {f for n in self.names if n.source == source for w in n.words for f in w} - common
                & story_forms()
            )
            for source in candidates
        }
        best = max(counts.values(), default=0)
        winners = [s for s, c in counts.items() if c == best]
        return winners[0] if best and len(winners) == 1 else None

    @classmethod
    def from_registry(cls, sources: Mapping[str, Source]) -> NameIndex:
        return cls({key: source_names(source) for key, source in sources.items()})

    def resolve(self, named: str) -> str | None:
        """The one source the text names (filler such as «пресс-служба» aside), or None.

        The text names a source when its words are one of the source's names', in
        order, and no others; a word is analysed only while some name may still fit."""
        said = [w for w in words(named) if w.lower() not in FILLER]
        fitting = self.by_length.get(len(said), []) if said else []
        for position, word in enumerate(said):
            if not fitting:
                return None
            begins = form_starts(word)
            fitting = [n for n in fitting if n.form_starts[position] & begins]
            if fitting:
                word_forms = forms(word)
                fitting = [n for n in fitting if _same_word(n.words[position], word_forms)]
        sources = {n.source for n in fitting}
        return sources.pop() if len(sources) == 1 else None
