from datetime import datetime, timezone

import pytest

from pressbot.exceptions import (
    EmptyBody,
    FutureDate,
    MalformedField,
    MissingTitle,
    Undecodable,
    UnparseableDate,
    UnusableUrl,
)
from pressbot.items import Story
from pressbot.pipelines.validate import ValidatePipeline

NOW = datetime(2025, 11, 12, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def pipeline():
    return ValidatePipeline(now=lambda: NOW)


def story(**fields) -> Story:
    base = {
        "source": "s",
        "url": "https://x/1",
        "title": "T",
        "body": "B",
        "published_at": "2025-11-12T09:12:00+00:00",
        "published_local": "2025-11-12T14:12:00+05:00",
        "published_precision": "minute",
    }
    return Story(**{**base, **fields})


def test_a_good_story_passes(pipeline):
    item = story()
    assert pipeline.process_item(item) is item


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"title": ""}, MissingTitle),
        ({"published_at": None, "published_raw": "когда-то"}, UnparseableDate),
        (
            {
                "published_at": "2025-11-14T09:12:00+00:00",
                "published_local": "2025-11-14T14:12:00+05:00",
            },
            FutureDate,
        ),
        (
            {
                "published_at": "2025-11-14",
                "published_local": "2025-11-14",
                "published_precision": "day",
            },
            FutureDate,
        ),
        ({"body": ""}, EmptyBody),
        ({"malformed": ["title is int 777"]}, MalformedField),
        ({"url": "http://["}, UnusableUrl),
        ({"title": "\ufffd\ufffd\ufffd"}, Undecodable),
        ({"body": "\ufffd\ufffd \ufffd\ufffd\ufffd"}, Undecodable),
        ({"url": "/relative/1.html"}, UnusableUrl),
        ({"url": "javascript:void(0)"}, UnusableUrl),
    ],
)
def test_bad_stories_are_dropped_with_their_reason(pipeline, fields, reason):
    with pytest.raises(reason):
        pipeline.process_item(story(**fields))


def test_within_a_day_ahead_is_accepted(pipeline):
    item = story(
        published_at="2025-11-13T11:00:00+00:00", published_local="2025-11-13T16:00:00+05:00"
    )
    assert pipeline.process_item(item) is item


def test_one_stray_replacement_character_in_the_text_is_kept(pipeline):
    item = story(body="Текст \ufffd с одним битым знаком")
    assert pipeline.process_item(item) is item


def test_a_story_off_its_sources_site_is_foreign():
    from pressbot.exceptions import ForeignUrl
    from pressbot.registry import load_registry

    pipeline = ValidatePipeline(now=lambda: NOW, sources=load_registry())
    home = "https://uz.sputniknews.ru/20251112/a-1.html"
    for url, seen in [(home, ""), ("https://m.uz.sputniknews.ru/20251112/a-1.html", home)]:
        item = story(source="sputnik_uz", url=url, seen_url=seen)
        assert pipeline.process_item(item) is item
    for url, seen in [("https://evil.example.com/a.html", ""), (home, "https://evil.example.com/")]:
        with pytest.raises(ForeignUrl, match=r"evil\.example\.com.* not on the site of sputnik_uz"):
            pipeline.process_item(story(source="sputnik_uz", url=url, seen_url=seen))
