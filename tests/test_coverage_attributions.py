"""Attribution phrases found in a story's text, each resolved where it can be."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressbot.coverage.attributions import AFTER, BEFORE, Phrase, find_attributions
from pressbot.coverage.names import NameIndex
from pressbot.registry import load_registry


@pytest.fixture(scope="module")
def names():
    return NameIndex.from_registry(load_registry())


def found(text, names, own=""):
    return [(a.named, a.source) for a in find_attributions(text, names, own)]


def test_the_seed_story_names_the_ministry_and_then_the_agency(names):
    text = (
        "ТАШКЕНТ, 12 ноября — Sputnik. Делегация Татарстана посетила промышленные парки. "
        "Об этом сообщает пресс-служба министерства промышленности и торговли РТ.\n\n"
        "По информации ведомства, представители делегации осмотрели парки.\n\n"
        "«Завершено строительство», — отметили в ведомстве."
    )
    assert found(text, names, "sputnik_uz") == [
        ("пресс-служба министерства промышленности и торговли РТ", "mpt_tatarstan"),
        ("ведомства", "mpt_tatarstan"),
        ("ведомстве", "mpt_tatarstan"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Как сообщили в полпредстве РТ, встреча прошла в Ташкенте.",
            ("полпредстве РТ", "prtuz_tatarstan"),
        ),
        (
            "По данным Минэкономики республики, инвестиции выросли на 7%.",
            ("Минэкономики республики", "mert_tatarstan"),
        ),
        (
            "Об этом со ссылкой на пресс-службу Раиса РТ пишет издание.",
            ("пресс-службу Раиса РТ", "rais_tatarstan"),
        ),
        (
            "Министерство промышленности и торговли Татарстана сообщило, что парк готов.",
            ("Министерство промышленности и торговли Татарстана", "mpt_tatarstan"),
        ),
        (
            "Bu haqda Navoiy viloyati hokimligi xabar berdi.",
            ("Navoiy viloyati hokimligi", "navoi_khokimiyat"),
        ),
        (
            "Бу ҳақда Навоий вилояти ҳокимлиги маълум қилди.",
            ("Навоий вилояти ҳокимлиги", "navoi_khokimiyat"),
        ),
        (
            "Об этом говорится в сообщении Правительства России.",
            ("Правительства России", "government_news"),
        ),
    ],
)
def test_phrases_in_russian_and_uzbek(names, text, expected):
    assert found(text, names) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Об этом сообщает Минпромторг РТ в своем Telegram-канале.",
            ("Минпромторг РТ", "mpt_tatarstan"),
        ),
        (
            "Как пишет Минпромторг РТ в своём телеграм-канале, визит завершился.",
            ("Минпромторг РТ", "mpt_tatarstan"),
        ),
        (
            "Об этом сообщается на официальном сайте Минпромторга Татарстана.",
            ("Минпромторга Татарстана", "mpt_tatarstan"),
        ),
        (
            "Об этом сообщается в Telegram-канале Раиса Татарстана.",
            ("Раиса Татарстана", "rais_tatarstan"),
        ),
        (
            "По данным, опубликованным на сайте Минпромторга РТ, объем вырос.",
            ("Минпромторга РТ", "mpt_tatarstan"),
        ),
        (
            "Минпромторг РТ в своем Telegram-канале сообщил о визите.",
            ("Минпромторг РТ", "mpt_tatarstan"),
        ),
        (
            "Информацию подтвердили в Минпромторге Татарстана.",
            ("Минпромторге Татарстана", "mpt_tatarstan"),
        ),
        (
            "Bu haqda Navoiy viloyati hokimligi rasmiy Telegram kanalida xabar berdi.",
            ("Navoiy viloyati hokimligi", "navoi_khokimiyat"),
        ),
        (
            "Бу ҳақда Навоий вилояти ҳокимлиги расмий сайтида маълум қилди.",
            ("Навоий вилояти ҳокимлиги", "navoi_khokimiyat"),
        ),
    ],
)
def test_where_the_body_published_it_is_not_part_of_its_name(names, text, expected):
    """«… в своём Telegram-канале», «на официальном сайте …», «… rasmiy saytida»: the
    channel is said around the body's name, and the name alone resolves."""
    assert found(text, names) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Об этом сообщили Sputnik в пресс-службе Минпромторга РТ.",
            ("пресс-службе Минпромторга РТ", "mpt_tatarstan"),
        ),
        (
            "Об этом сообщили «Газете.uz» в пресс-службе хокимията Бухарской области.",
            ("пресс-службе хокимията Бухарской области", "bukhara_khokimiyat"),
        ),
        (
            "Об этом рассказали корреспонденту Kun.uz в Минпромторге Татарстана.",
            ("Минпромторге Татарстана", "mpt_tatarstan"),
        ),
        ("Об этом сообщил Минпромторг РТ в среду.", ("Минпромторг РТ", "mpt_tatarstan")),
        (
            "Как сообщает пресс-служба Минпромторга РТ со ссылкой на министра, визит завершился.",
            ("пресс-служба Минпромторга РТ", "mpt_tatarstan"),
        ),
        (
            "Navoiy viloyati hokimligi axborot xizmati xabariga ko'ra, zavod ishga tushdi.",
            ("Navoiy viloyati hokimligi axborot xizmati", "navoi_khokimiyat"),
        ),
        (
            "Navoiy viloyati hokimligidan ma'lum qilishlaricha, zavod ishga tushdi.",
            ("Navoiy viloyati hokimligidan", "navoi_khokimiyat"),
        ),
        (
            "Навоий вилояти ҳокимлиги хабарига кўра, завод ишга тушди.",
            ("Навоий вилояти ҳокимлиги", "navoi_khokimiyat"),
        ),
    ],
)
def test_whom_it_was_told_and_when_are_not_part_of_the_name(names, text, expected):
    """The outlet told («сообщили Sputnik в …»), a weekday, «со ссылкой на …» stand
    around the body's name; Uzbek «xabariga ko'ra», «ma'lum qilishlaricha» attribute."""
    assert found(text, names) == [expected]


def test_an_unregistered_body_is_kept_unresolved(names):
    text = (
        "Как сообщили в пресс-службе Минводхоза Узбекистана, насосные станции обновят к 2030 году."
    )
    assert found(text, names) == [("пресс-службе Минводхоза Узбекистана", None)]


def test_an_outlet_naming_itself_is_no_attribution(names):
    assert found("Об этом передает корреспондент Sputnik.", names, "sputnik_uz") == []


def test_a_text_without_attributions(names):
    assert found("В Бухаре открылся новый рынок. Его площадь — 2 гектара.", names) == []


# The phrases are tried only where their opening words stand: that finds what a
# search of every position finds, whatever the case, spacing or neighbouring words.
PIECES = [
    "сообщает", "Сообщили", "СООБЩИЛО", "пересообщил", "передает", "информируют", "отметили",
    "заявили", "по данным", "По информации", "со ссылкой на", "согласно данным", "говорится",
    "в сообщении", "следует из данных", "deya", "deb", "xabar berdi", "ma’lum qildi",
    "маълум қилди", "хабар берди", "ma'lumotlariga ko'ra", "в", "на", "пресс-служба",
    "министерства", "Минпромторга РТ", "Navoiy viloyati hokimligi", "что", "о", "пишет",
    "İstanbul", "способ", "_по", "спо данным", ".", ",", "«", "»", "\n", "  ", "\t", "—",
]  # fmt: skip


@settings(max_examples=60)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join))
def test_a_phrase_finds_what_its_pattern_finds_at_every_position(text):
    for phrase in [*AFTER, BEFORE]:
        found = [match.span() for match in phrase.finditer(text, text.lower())]
        assert found == [match.span() for match in phrase.pattern.finditer(text)]


def test_a_phrase_opener_must_begin_with_lower_case_text():
    with pytest.raises(ValueError, match="lower-case text"):
        Phrase([r"(?:по|со)\s+данным"], r"\s+")
    with pytest.raises(ValueError, match="lower-case text"):
        Phrase(["Сообщили"], r"\s+")


def test_an_opener_whose_last_letter_may_be_missing_is_looked_for_without_it():
    phrase = Phrase(["сообщени?"], r"\s+(?P<body>\w+)")
    text = "Как сообщен вчера, и как сообщени министерства"
    found = [match.span() for match in phrase.finditer(text, text.lower())]
    assert found == [match.span() for match in phrase.pattern.finditer(text)]
    assert len(found) == 2


def test_a_named_body_is_not_taken_for_whom_the_news_was_told(names):
    """A Latin-script body before the next sentence («… сообщил Rossiya hukumati. В …»)
    is the body, not an outlet told the news."""
    text = "Об этом сообщил Rossiya hukumati. В Фергане начато возведение детского сада."
    assert found(text, names) == [("Rossiya hukumati", "government_news")]
