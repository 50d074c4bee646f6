"""One rule of story identity, asked of the rule itself, the in-run dedupe and the archive."""

import pytest

from pressbot.archive.database import NEW, Archive
from pressbot.archive.identity import content_hash, gains_precision, is_same_story, title_key
from pressbot.exceptions import DuplicateStory
from pressbot.pipelines.dedupe import DedupePipeline

SOURCE_ROWS = [
    {
        "key": key,
        "title": key,
        "kind": "ministry",
        "country": "RU",
        "timezone": "Europe/Moscow",
        "homepage": f"https://{key}",
        "family": "tatarstan",
    }
    for key in ("mpt", "mert")
]


def sighting(**fields) -> dict:
    base = {
        "source": "mpt",
        "url": "https://mpt/news/1",
        "title": "Делегация Татарстана посетила промышленные парки",
        "lead": "",
        "body": "Текст релиза.",
        "published_at": "2025-11-12T09:12:00+00:00",
        "published_local": "2025-11-12T12:12:00+03:00",
        "published_precision": "minute",
    }
    return {**base, **fields}


DAY = {"published_at": "2025-11-12", "published_local": "2025-11-12", "published_precision": "day"}

# (first sighting, second sighting, one story?)
CASES = {
    "same URL, other title and time": (
        sighting(),
        sighting(title="Другой заголовок", published_at="2025-11-12T10:00:00+00:00"),
        True,
    ),
    "same instant and title at minute precision, another URL": (
        sighting(),
        sighting(
            url="https://mpt/news/1-amp",
            title="«Делегация Татарстана» посетила промышленные парки!",
        ),
        True,
    ),
    "seconds differ within the minute": (
        sighting(),
        sighting(url="https://mpt/news/x", published_at="2025-11-12T09:12:40+00:00"),
        True,
    ),
    "day precision, then minute precision of the same day": (
        sighting(**DAY),
        sighting(url="https://mpt/news/x"),
        True,
    ),
    "minute precision, then day precision of the same day": (
        sighting(),
        sighting(url="https://mpt/news/x", **DAY),
        True,
    ),
    "day precision of another day": (
        sighting(**DAY),
        sighting(
            url="https://mpt/news/x",
            published_at="2025-11-13T09:12:00+00:00",
            published_local="2025-11-13T12:12:00+03:00",
        ),
        False,
    ),
    "two releases in the same minute with different titles": (
        sighting(),
        sighting(url="https://mpt/news/2", title="Минпромторг РТ подвел итоги форума"),
        False,
    ),
    "same title a minute later": (
        sighting(),
        sighting(
            url="https://mpt/news/2",
            published_at="2025-11-12T09:13:00+00:00",
            published_local="2025-11-12T12:13:00+03:00",
        ),
        False,
    ),
    "same URL path and title at another source": (
        sighting(),
        sighting(source="mert"),
        False,
    ),
}
IDS = list(CASES)


@pytest.mark.parametrize(("first", "second", "same"), CASES.values(), ids=IDS)
def test_the_rule(first, second, same):
    assert is_same_story(first, second) is same
    assert is_same_story(second, first) is same


@pytest.mark.parametrize(("first", "second", "same"), CASES.values(), ids=IDS)
def test_the_in_run_dedupe_follows_the_rule(first, second, same):
    dedupe = DedupePipeline()
    dedupe.process_item(dict(first))
    if same and not gains_precision(first, second):
        with pytest.raises(DuplicateStory):
            dedupe.process_item(dict(second))
    else:  # another story, or the same one learning its time of day: the store decides
        assert dedupe.process_item(dict(second)) == second


@pytest.mark.parametrize(("first", "second", "same"), CASES.values(), ids=IDS)
def test_the_archive_follows_the_rule(tmp_path, first, second, same):
    archive = Archive(tmp_path / "a.db")
    archive.sync_sources(SOURCE_ROWS)
    archive.save_story(first, "2025-11-12T10:00:00+00:00")
    outcome = archive.save_story(second, "2025-11-12T11:00:00+00:00")
    assert (outcome != NEW) is same
    assert archive.db["stories"].count == (1 if same else 2)
    archive.close()


def test_a_url_alias_is_the_same_story(tmp_path):
    """A page fetched at one URL that names another canonical URL is found by either."""
    archive = Archive(tmp_path / "a.db")
    archive.sync_sources(SOURCE_ROWS)
    archive.save_story(sighting(seen_url="https://mpt/news/1?id=77"), "t1")
    alias = sighting(url="https://mpt/news/1?id=77", title="Иной", published_at="2025-11-13")
    assert archive.find_story(alias)["url"] == "https://mpt/news/1"
    dedupe = DedupePipeline()
    dedupe.process_item(sighting(seen_url="https://mpt/news/1?id=77"))
    with pytest.raises(DuplicateStory):
        dedupe.process_item(alias)
    archive.close()


def test_title_key_folds_case_quotes_dashes_and_spaces():
    assert title_key("Минэнерго:  в «Узбекистане» — 20\xa0станций!") == title_key(
        "минэнерго в узбекистане 20 станций"
    )
    assert title_key("Ёлка") == title_key("елка")


def test_different_titles_have_different_keys():
    assert title_key("В Самарканде открыли терминал") != title_key("Минэнерго: 20 станций")


def test_content_hash_ignores_spacing_but_not_words():
    assert content_hash("A", "b  c", "d") == content_hash("A", "b c", "d ")
    assert content_hash("A", "b", "d") != content_hash("A", "b", "e")
