"""The measures of the generic extraction: word F1 and a page's score against its gold."""

import pytest

from pressbot.pages.gold import score, word_f1
from pressbot.utils.timeparse import parse


@pytest.mark.parametrize(
    "found, wanted, f1",
    [
        ("Делегация посетила парк.", "Делегация посетила парк.", 1.0),
        ("делегация ПОСЕТИЛА, парк", "Делегация посетила парк.", 1.0),  # case and punctuation
        ("Делегация посетила парк. Поделиться", "Делегация посетила парк.", 6 / 7),
        ("Делегация", "Делегация посетила парк.", 0.5),
        ("", "Делегация посетила парк.", 0.0),
        ("", "", 1.0),
        ("парк парк парк", "парк", 0.5),  # repeats count
    ],
)
def test_word_f1(found, wanted, f1):
    assert word_f1(found, wanted) == pytest.approx(f1)


GOLD = {
    "tz": "Asia/Tashkent",
    "title": "Заголовок",
    "published_at": "2025-11-24T09:12:00+00:00",
    "published_precision": "minute",
    "lead": "",
    "body": "Текст релиза.",
}


def test_a_date_is_right_only_at_the_right_precision():
    minute = parse("2025-11-24T14:12:00+05:00", "Asia/Tashkent")
    day = parse("2025-11-24", "Asia/Tashkent")
    for stamp, title, right in [
        (minute, "Заголовок", (True, True, True)),
        (day, "Заголовок", (True, False, True)),
        (None, "Другой", (False, False, False)),
    ]:
        found = score(GOLD, title, stamp, "Текст релиза.")
        assert (found.title, found.date, found.day) == right
