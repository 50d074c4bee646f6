"""Linking stories to the releases they re-report: the gold set, order, versions, lag."""

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressbot.archive.database import Archive
from pressbot.coverage.gold import evaluate, linker_for, load_gold, read_gold
from pressbot.coverage.linker import fewest_reusing, lag, reuse_enough, reuses
from pressbot.coverage.reuse import Fingerprint, measure

GOLD = Path(__file__).parent / "gold" / "coverage"
SEEN = "2025-11-20T00:00:00+00:00"
SEED = (
    "https://uz.sputniknews.ru/20251112/"
    "delegatsiya-tatarstana-posetila-promyshlennye-parki-buxara-navoi-53411453.html"
)
MPT_RELEASE = "https://mpt.tatarstan.ru/index.htm/news/2543810.htm"


def test_the_gold_set_meets_the_goals(tmp_path):
    result = evaluate(Archive(tmp_path / "gold.db"), GOLD)
    assert result.links.precision >= 0.95, result.wrong_links
    assert result.links.recall >= 0.90, result.missed_links
    assert result.attribution_accuracy >= 0.95, result.wrong_attributions


def links_of(archive):
    return {
        (row["story"], row["release"])
        for row in archive.db.query(
            "SELECT s.url story, r.url release FROM coverage c "
            "JOIN stories s ON s.id = c.story_id JOIN stories r ON r.id = c.release_id"
        )
    }


@pytest.fixture
def gold_archive(tmp_path):
    archive = Archive(tmp_path / "a.db")
    releases, gold = read_gold(GOLD)
    load_gold(archive, GOLD, SEEN)
    yield archive, linker_for(archive, gold["sources"]), releases, gold
    archive.close()


def row(archive, url):
    return next(archive.db["stories"].rows_where("url = ?", [url]))


def test_links_do_not_depend_on_the_order_stories_are_stored(gold_archive):
    archive, linker, _, _ = gold_archive
    # the news story first (its release unseen yet), then the release, as a crawl may
    seed, release = row(archive, SEED), row(archive, MPT_RELEASE)
    archive.db.execute("DELETE FROM coverage")
    linker.link(seed, SEEN)  # linked to whatever of the window is stored: the release is
    first = links_of(archive)
    archive.db.execute("DELETE FROM coverage")
    linker.link(release, SEEN)  # the release finds the story stored before it
    assert (SEED, MPT_RELEASE) in first
    assert (SEED, MPT_RELEASE) in links_of(archive)


def test_the_seed_pair_lag_is_at_the_release_s_day_precision(gold_archive):
    archive, linker, _, _ = gold_archive
    links = linker.link(row(archive, SEED), SEEN)
    release = row(archive, MPT_RELEASE)
    (link,) = [found for found in links if found.release["id"] == release["id"]]
    stored = link.row(SEEN)
    assert (stored["lag_seconds"], stored["lag_days"], stored["lag_precision"]) == (None, 0, "day")
    assert stored["attribution_match"] is True
    attributions = archive.db["attributions"].rows_where("story_id = ?", [link.story["id"]])
    assert {a["source"] for a in attributions} == {"mpt_tatarstan"}


def test_language_versions_of_one_release_are_not_coverage(gold_archive):
    archive, linker, releases, _ = gold_archive
    ru = next(r for r in releases if r["source"] == "navoi_khokimiyat" and r["release_key"])
    # a version whose text repeats the Russian one (a quote kept as it was): still no coverage
    oz = {
        **ru,
        "url": ru["url"].replace("/ru/", "/oz/") + "?v",
        "language": "oz",
        "title": "Navoiy",
    }
    archive.save_story(oz, SEEN)
    for url in (ru["url"], oz["url"]):
        linker.link(row(archive, url), SEEN)
    assert not {(ru["url"], oz["url"]), (oz["url"], ru["url"])} & links_of(archive)


def test_the_representation_repeating_the_ministry_is_linked_to_it(gold_archive):
    archive, linker, _, _ = gold_archive
    (prtuz,) = archive.db["stories"].rows_where(
        "source = 'prtuz_tatarstan' AND title LIKE ?", ["%сопровождал делегацию%"]
    )
    prtuz = prtuz["url"]
    linker.link(row(archive, prtuz), SEEN)
    assert (prtuz, MPT_RELEASE) in links_of(archive)
    assert (MPT_RELEASE, prtuz) not in links_of(archive)


MINUTE_AT_9 = ("2025-11-12T09:00:00+00:00", "minute")


@pytest.mark.parametrize(
    ("release", "story", "expected"),
    [
        (MINUTE_AT_9, ("2025-11-12T09:20:00+00:00", "minute"), (1200, 0, "minute")),
        (("2025-11-12", "day"), ("2025-11-12T09:12:00+00:00", "minute"), (None, 0, "day")),
        (("2025-11-12", "day"), ("2025-11-14T09:12:00+00:00", "minute"), (None, 2, "day")),
        (MINUTE_AT_9, ("2025-11-13T21:00:00+00:00", "minute"), (129600, 1, "minute")),
    ],
)
def test_lag_at_the_precision_both_give(release, story, expected):
    def side(at, precision):
        return {"published_at": at, "published_precision": precision, "published_day": at[:10]}

    assert lag(side(*release), side(*story)) == expected


WORD = st.integers(0, 300).map(lambda n: f"слово{n}")


@st.composite
def words(draw):
    """Words, sometimes with a phrase said again and again (a text repeating itself)."""
    found = draw(st.lists(WORD, max_size=150))
    if draw(st.booleans()):
        phrase = draw(st.lists(WORD, min_size=1, max_size=8))
        at = draw(st.integers(0, len(found)))
        found[at:at] = phrase * draw(st.integers(2, 12))
    return found


@settings(max_examples=300, deadline=None)
@given(story=words(), part=st.tuples(st.integers(0, 300), st.integers(0, 300)), more=words())
def test_a_release_the_story_reuses_shares_at_least_the_fewest(story, part, more):
    """The search bound (`fewest_reusing`) never leaves out a release `reuses` would take."""
    release = story[min(part) : max(part)] + more
    told, source = Fingerprint.of(" ".join(story)), Fingerprint.of(" ".join(release))
    shared = np.intersect1d(told.shingles, source.shingles)
    if reuses(measure(told, shared, source.shingles.size)):
        assert shared.size >= fewest_reusing(told)(np.array([source.shingles.size]))[0]


def test_one_shingle_fewer_than_the_fewest_is_never_share_enough():
    """The bound's arithmetic, every story and release size up to 600: rounding never
    bounds out a release holding a share."""
    releases = np.arange(1, 601)
    for size in range(1, 601):
        story = Fingerprint(np.arange(size, dtype=np.uint32), np.empty(0, dtype=np.uint32))
        fewer = fewest_reusing(story)(releases) - 1
        assert not np.any(reuse_enough(fewer / releases, fewer / size, 0) & (fewer >= 0))


def test_a_passage_repeating_itself_is_bounded_by_its_distinct_shingles():
    """Fifteen words saying «а б в» five times are three shingles, a passage of 15."""
    said = "а б в " * 5
    story = Fingerprint.of(" ".join(f"до{n}" for n in range(100)) + f" {said} ")
    release = Fingerprint.of(" ".join(f"иное{n}" for n in range(50)) + f" {said}")
    shared = np.intersect1d(story.shingles, release.shingles)
    found = measure(story, shared, release.shingles.size)
    assert (shared.size, found.longest) == (3, 15) and reuses(found)
    assert fewest_reusing(story)(np.array([release.shingles.size]))[0] <= 3
