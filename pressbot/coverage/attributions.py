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
from dataclasses import dataclass
from functools import cache

from pressbot.coverage.names import NameIndex, forms, to_latin, words

_BODY = r"(?P<body>[^.,;:!?«»\"“”()\n—–]{2,120}?)"
_END = (
    r"(?=[.,;:!?«»\"“”()\n—–]|\s+(?:что|о|об|в\s+связи)\s|"
    r"\s+(?:пишет|пишут|сообща\w*|сообщил\w*|переда\w*|заяви\w*|отмети\w*)\b|$)"
)
# the body after the verb or preposition: «сообщает пресс-служба X», «по данным X»
_AFTER = [
    r"\b(?:сообща(?:ет|ют|ли|л|ла|ло)|сообщил[аои]?|переда(?:ет|ёт|ют|л|ли)|информиру(?:ет|ют)|"
    r"уточнили|отметили|подчеркнули|рассказали|заявили|пояснили|добавили)\s+"
    r"(?:в|во|на)?\s*" + _BODY + _END,
    r"\b(?:по\s+(?:данным|информации|сообщению|словам)|со\s+ссылкой\s+на|"
    r"согласно\s+(?:данным|информации|сообщению))\s+" + _BODY + _END,
    r"\bговорится\s+(?:в\s+(?:сообщении|релизе|пресс-релизе|заявлении|материале|"
    r"информации)\s+)?(?:на\s+)?" + _BODY + _END,
    r"\b(?:следует\s+из\s+данных|свидетельствуют\s+данные|показывают\s+данные)\s+" + _BODY + _END,
    r"\b(?:deya|deb|дея|деб)\s+(?:xabar\s+ber\w*|ma['’‘]lum\s+qil\w*|хабар\s+бер\w*|"
    r"маълум\s+қил\w*)\s+" + _BODY + _END,
]
# the body before the verb: «Министерство … сообщило», «… xabar berdi», «… маълум қилди»:
# found from the verb back to the start of its clause (a regular expression that
# tried every start would cost a hundred times more)
_BEFORE = re.compile(
    r"\s+(?:сообщил[аои]?|заявил[аои]?|отметили|подчеркнули|уточнили|рассказали|"
    r"xabar\s+ber(?:di|moqda|ishdi)|ma['’‘]lum\s+qil(?:di|moqda)|маълум\s+қил(?:ди|моқда)|"
    r"хабар\s+бер(?:ди|моқда|ишди)|ma['’‘]lumot(?:i|lari)ga\s+ko['’‘]ra|"
    r"маълумот(?:и|лари)га\s+кўра)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.,;:!?«»\"“”()\n—–]")
MAX_BODY_CHARS = 120
PATTERNS = [re.compile(p, re.IGNORECASE) for p in _AFTER]
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


def _clean_body(body: str) -> str:
    body = _DATE.sub("", _LEADING.sub("", " ".join(body.split())))
    return " ".join(body.split()[-MAX_BODY_WORDS:] if body else [])


def _candidates(text: str) -> list[tuple[int, str, str]]:
    found: dict[int, tuple[int, str, str]] = {}
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            body = _clean_body(match.group("body"))
            if body and words(body):
                found.setdefault(match.start("body"), (match.start(), match.group(0), body))
    for match in _BEFORE.finditer(text):
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
        return frozenset(f for w in words(text) for f in forms(w))

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
