"""Attribution phrases: whom a story says its news comes from.

«Об этом сообщает пресс-служба министерства промышленности и торговли РТ»,
«по данным Минэкономики республики», «со ссылкой на пресс-службу Раиса РТ»,
«Navoiy viloyati hokimligi xabar berdi», «… маълум қилди»: each phrase gives
the named body as written and, through the `NameIndex`, the registered source
it is, or none. A body that is no registered source is kept: it is a source
the registry may be missing. «По информации ведомства» names no body of its
own and stands for the one named before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from pressbot.coverage.names import NameIndex, to_latin, words

_BODY = r"(?P<body>[^.,;:!?«»\"“”()\n—–]{2,120}?)"
# where a body says it was published: «на (официальном) сайте», «в своём Telegram-канале»
_CHANNEL = (
    r"(?:на\s+(?:сво(?:ем|ём|ей)\s+)?(?:официальн\w+\s+)?(?:сайте|портале|странице)|"
    r"в\s+(?:сво(?:ем|ём|ей|их)\s+)?(?:официальн\w+\s+)?"
    r"(?:telegram|телеграм|соцсет|социальн|аккаунт|канал)\w*(?:-канал\w*)?(?:\s+канал\w*)?)"
)
# whom the news was told, between the verb and the body: «сообщили Sputnik в пресс-службе
# …», «рассказали «Газете.uz» в …», «сообщили корреспонденту Kun.uz в …»
_RECIPIENT = (
    r"(?:(?-i:корреспонденту|журналистам|изданию|агентству|редакции)\s+)?"
    r"(?:«[^»\n]{1,40}»|\"[^\"\n]{1,40}\"|"
    r"(?-i:[A-Z][\w-]*(?:\.[a-z]{2,4})?(?:\s[A-Z][\w-]*(?:\.[a-z]{2,4})?)?))"
)
# the same in Uzbek, after the body: «… hokimligi (rasmiy) Telegram kanalida xabar berdi»
_UZ_CHANNEL = (
    r"(?:(?:o['’‘]z|ўз|rasmiy|расмий)\s+)*"
    r"(?:telegram|телеграм|sayt|сайт|ijtimoiy|ижтимоий|instagram|facebook)\w*"
)
_END = (
    r"(?=[.,;:!?«»\"“”()\n—–]|\s+(?:что|о|об|в\s+связи)\s|"
    r"\s+(?:пишет|пишут|сообща\w*|сообщил\w*|переда\w*|заяви\w*|отмети\w*)\b|"
    r"\s+со\s+ссылкой\s|"
    r"\s+(?:в|во)\s+(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)\b|"
    r"\s+(?:накануне|сегодня|вчера)\b|"
    rf"\s+{_CHANNEL}\b|$)"
)


class Phrase:
    """An attribution phrase: a regular expression, found where its opening words stand.

    Each of `openers` is an alternative that begins with literal lower-case
    text. A match can only begin at such a word (at a word boundary, or with
    `spaced` at the whitespace before it), so the pattern is tried there
    alone, found by a plain substring search, rather than at every position of
    the text (twenty times slower on a story).
    """

    def __init__(self, openers: Sequence[str], rest: str, spaced: bool = False) -> None:
        self.literals = tuple(_literal_start(opener) for opener in openers)
        lead = r"\s+" if spaced else r"\b"
        self.pattern = re.compile(f"{lead}(?:{'|'.join(openers)}){rest}", re.IGNORECASE)
        self.spaced = spaced

    def finditer(self, text: str, lowered: str) -> Iterator[re.Match[str]]:
        """What `pattern.finditer(text)` finds; `lowered` is `text.lower()`. (Not quite
        for the few letters that IGNORECASE matches but `lower` does not make them: old
        Cyrillic variants U+1C80–U+1C88, «ſ», «ı»; no press text writes them.)"""
        if len(lowered) != len(text):  # a letter whose lower case is longer: search it all
            yield from self.pattern.finditer(text)
            return
        end = 0
        for found in sorted({i for literal in self.literals for i in _all(lowered, literal)}):
            if found < end or (not self.spaced and found and _is_word(lowered[found - 1])):
                continue  # inside a match, or inside a word («способ»: no «по» at \b)
            start = max(_space_before(text, found), end) if self.spaced else found
            match = self.pattern.match(text, start)
            if match:
                yield match
                end = match.end()


def _literal_start(opener: str) -> str:
    """The text every match of the opener begins with."""
    literal = re.match(r"[^\\\[\](){}?*+|.^$]*", opener).group()  # type: ignore[union-attr]
    if opener[len(literal) : len(literal) + 1] in ("?", "*", "{"):
        literal = literal[:-1]  # «сообщени?»: its last letter may be missing
    if not literal or literal != literal.lower():
        raise ValueError(f"a phrase's opener must begin with lower-case text: {opener!r}")
    return literal


def _all(text: str, literal: str) -> Iterator[int]:
    found = text.find(literal)
    while found >= 0:
        yield found
        found = text.find(literal, found + 1)


def _is_word(char: str) -> bool:
    """Whether `\\w` matches the character."""
    return char.isalnum() or char == "_"


def _space_before(text: str, at: int) -> int:
    while at and text[at - 1].isspace():
        at -= 1
    return at


# the body after the verb or preposition: «сообщает пресс-служба X», «по данным X»
# fmt: off
AFTER = [
    Phrase(
        [
            "сообща(?:ет|ют|ли|л|ла|ло)",
            "сообщил[аои]?",
            "переда(?:ет|ёт|ют|л|ли)",
            "пиш(?:ет|ут)",
            "информиру(?:ет|ют)",
            "уточнили",
            "отметили",
            "подчеркнули",
            "рассказали",
            "заявили",
            "пояснили",
            "добавили",
            "подтвердили",
        ],
        rf"(?:\s+{_RECIPIENT}(?=\s+(?-i:в|во|на)\s)(?!\s+{_CHANNEL}))?"
        r"\s+(?:в|во|на)?\s*" + _BODY + _END,
    ),
    Phrase(
        ["сообщается", r"опубликован\w*"],
        rf"\s+{_CHANNEL}\s+" + _BODY + _END,
    ),
    Phrase(
        [
            r"по\s+(?:данным|информации|сообщению|словам)",
            r"со\s+ссылкой\s+на",
            r"согласно\s+(?:данным|информации|сообщению)",
        ],
        r"\s+" + _BODY + _END,
    ),
    Phrase(
        ["говорится"],
        r"\s+(?:в\s+(?:сообщении|релизе|пресс-релизе|заявлении|материале|"
        r"информации)\s+)?(?:на\s+)?" + _BODY + _END,
    ),
    Phrase(
        [r"следует\s+из\s+данных", r"свидетельствуют\s+данные", r"показывают\s+данные"],
        r"\s+" + _BODY + _END,
    ),
    Phrase(
        ["deya", "deb", "дея", "деб"],
        r"\s+(?:xabar\s+ber\w*|ma['’‘]lum\s+qil\w*|хабар\s+бер\w*|маълум\s+қил\w*)\s+"
        + _BODY
        + _END,
    ),
]
# the body before the verb: «Министерство … сообщило», «… xabar berdi», «… маълум қилди»:
# found from the verb back to the start of its clause (a regular expression that
# tried every start would cost a hundred times more)
BEFORE = Phrase(
    [
        "сообщил[аои]?", "заявил[аои]?", "отметили", "подчеркнули", "уточнили", "рассказали",
        r"xabar\s+ber(?:di|moqda|ishdi)", r"ma['’‘]lum\s+qil(?:di|moqda)",
        r"маълум\s+қил(?:ди|моқда)", r"хабар\s+бер(?:ди|моқда|ишди)",
        r"ma['’‘]lumot(?:i|lari)ga\s+ko['’‘]ra", r"маълумот(?:и|лари)га\s+кўра",
        r"xabar(?:i|lari)ga\s+ko['’‘]ra", r"хабар(?:и|лари)га\s+кўра",
        r"ma['’‘]lum\s+qilishlaricha", r"маълум\s+қилишларича",
        r"xabar\s+berishlaricha", r"хабар\s+беришларича",
    ],
    r"\b",
    spaced=True,
)
# fmt: on
_CLAUSE_END = re.compile(r"[.,;:!?«»\"“”()\n—–]")
MAX_BODY_CHARS = 120

# Words that open a clause before the body and are not part of it.
_LEADING = re.compile(
    r"^(?:об\s+этом|как|также|ранее|bu\s+haqda|бу\s+ҳақда|shuningdek|шунингдек)\s+",
    re.IGNORECASE,
)
# A body that is only these words is no body at all («Как сообщили …»).
NOT_A_BODY = frozenset(
    ["как", "об", "этом", "также", "ранее", "bu", "haqda", "бу", "ҳақда", "shuningdek"]
)
# A body that is only these words stands for the one named before it.
# fmt: off
ANAPHORA = frozenset((
    "ведомство", "ведомства", "ведомстве", "ведомством", "министерство", "министерства",
    "министерстве", "пресс-служба", "пресс-службе", "пресс-службы", "пресс-службу", "там",
    "нем", "нём", "idora", "идора"
))
# fmt: on
MAX_BODY_WORDS = 10


@dataclass(frozen=True)
class Attribution:
    phrase: str
    named: str
    source: str | None
    start: int


_DATE = re.compile(r"^(?:\d{1,2}\s+\w+|вчера|сегодня|накануне)\s+", re.IGNORECASE)


# where a body before its verb says it published the news: left out of the body
_TRAILING_CHANNEL = re.compile(rf"\s+(?:{_CHANNEL}|{_UZ_CHANNEL})\b.*$", re.IGNORECASE)


def _clean_body(body: str) -> str:
    body = _DATE.sub("", _LEADING.sub("", " ".join(body.split())))
    body = _TRAILING_CHANNEL.sub("", body)
    return " ".join(body.split()[-MAX_BODY_WORDS:] if body else [])


def _candidates(text: str) -> list[tuple[int, str, str]]:
    found: dict[int, tuple[int, str, str]] = {}
    lowered = text.lower()
    for phrase in AFTER:
        for match in phrase.finditer(text, lowered):
            body = _clean_body(match.group("body"))
            if body and words(body):
                found.setdefault(match.start("body"), (match.start(), match.group(0), body))
    for match in BEFORE.finditer(text, lowered):
        start = _clause_start(text, match.start())
        body = _clean_body(text[start : match.start()])
        if len(body) >= 2 and words(body):
            found.setdefault(start, (start, text[start : match.end()], body))
    return [found[k] for k in sorted(found)]


def _clause_start(text: str, end: int) -> int:
    lowest = max(0, end - MAX_BODY_CHARS)
    ends = [m.end() for m in _CLAUSE_END.finditer(text, lowest, end)]
    return ends[-1] if ends else lowest


def find_attributions(text: str, names: NameIndex, own_source: str = "") -> list[Attribution]:
    """The attribution phrases of a story's text, in order, each resolved where it can be.

    A body named by its kind alone («хокимият области», «Vazirlik») or by
    «ведомство» is resolved in the story's context: the body named before it,
    or the registered body of that kind the story is about.
    """
    found: list[Attribution] = []
    last: str | None = None

    @cache
    def story_forms() -> frozenset[str]:
        return names.forms_in(text)

    for start, phrase, body in _candidates(text):
        said = {w.lower() for w in words(body)}
        if said <= NOT_A_BODY:
            continue
        if said <= ANAPHORA:
            source = last
        else:
            source = names.resolve(body)
            if source is None:
                source = names.resolve_in_context(body, story_forms, last)
        if source == own_source and own_source:
            continue  # «передает корреспондент Sputnik»: the outlet naming itself
        if source is None and not _looks_like_a_body(body):
            continue
        found.append(Attribution(" ".join(phrase.split()), body, source, start))
        if not said <= ANAPHORA:
            last = source
    return found


# Stems of words that make a lower-case body an organisation rather than a person.
ORGANISATION_STEMS = (
    "пресс", "министерств", "правительств", "ведомств", "хокимият", "управлени", "агентств",
    "администрац", "служб", "комитет", "комбинат", "полпредств", "кабмин", "совет",
    "hokimlig", "vazirlig", "boshqarma", "kengash", "xizmat", "idora", "agentlig",
)  # fmt: skip


def _looks_like_a_body(body: str) -> bool:
    """An unresolved body worth keeping: it names an organisation, not «об этом» or a person."""
    said = words(body)
    if said[0][:1].isupper():
        return True
    latin = [to_latin(w) for w in said]
    return any(w.lower().startswith(ORGANISATION_STEMS) for w in said + latin)
