import pytest

from pressbot.exceptions import DuplicateStory
from pressbot.items import Story
from pressbot.pipelines.dedupe import DedupePipeline


def story(url="https://x/1", title="Делегация", at="2025-11-12T09:12:00+00:00", **kw) -> Story:
    return Story(
        source="s",
        url=url,
        title=title,
        body="b",
        published_at=at,
        published_precision=kw.pop("precision", "minute"),
        **kw,
    )


def test_same_url_twice_in_a_run_is_dropped():
    pipeline = DedupePipeline()
    pipeline.process_item(story())
    with pytest.raises(DuplicateStory):
        pipeline.process_item(story(title="Другой заголовок", at="2025-11-12T10:00:00+00:00"))


def test_same_minute_and_title_under_another_url_is_dropped():
    pipeline = DedupePipeline()
    pipeline.process_item(story())
    with pytest.raises(DuplicateStory):
        pipeline.process_item(
            story(url="https://x/other", title="«Делегация»", at="2025-11-12T09:12:30+00:00")
        )


def test_two_releases_in_one_minute_stay_two():
    pipeline = DedupePipeline()
    pipeline.process_item(story())
    second = story(url="https://x/2", title="Минэнерго: 20 станций")
    assert pipeline.process_item(second) is second
