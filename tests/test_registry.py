import pytest

from pressbot.registry import KINDS, RegistryError, load_registry


def test_bundled_registry_is_complete():
    sources = load_registry()
    assert "sputnik_uz" in sources
    for source in sources.values():
        assert source.kind in KINDS
        assert source.tz  # a real IANA zone
        assert source.homepage.startswith(("https://", "http://"))


def test_sputnik_uz_entry():
    source = load_registry()["sputnik_uz"]
    assert (source.kind, source.country, source.timezone, source.family, source.language) == (
        "news_agency",
        "UZ",
        "Asia/Tashkent",
        "sputnik",
        "ru",
    )


def test_unknown_zone_is_refused(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(
        '[x]\ntitle="X"\nkind="ministry"\ncountry="RU"\ntimezone="Mars/Olympus"\n'
        'homepage="https://x.ru"\nfamily="sputnik"\n'
    )
    with pytest.raises(RegistryError, match="time zone"):
        load_registry(path)


def test_missing_field_is_refused(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('[x]\ntitle="X"\n')
    with pytest.raises(RegistryError, match="misses"):
        load_registry(path)


GENERIC = (
    '[x]\ntitle="X"\nkind="ministry"\ncountry="KZ"\ntimezone="Asia/Almaty"\n'
    'homepage="https://x.gov.kz/"\nfamily="generic"\n'
)


def test_generic_options_are_read(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(
        GENERIC + 'feeds=["/rss/"]\nlisting="/press/?PAGEN_1={page}"\n'
        '[x.selectors]\ndate=".news-date"\nlinks="a.news-title"\n'
    )
    source = load_registry(path)["x"]
    assert source.options == {
        "feeds": ["/rss/"],
        "listing": "/press/?PAGEN_1={page}",
        "selectors": {"date": ".news-date", "links": "a.news-title"},
    }
    assert source.homepage == "https://x.gov.kz"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('feed="/rss/"\n', "unknown option.*feed"),
        ('[x.selectors]\nheadline="h1"\n', "selectors.headline"),
        ('sitemaps="/sitemap.xml"\n', "sitemaps must be a list"),
        ('listing_pages="/news/"\n', "placeholder"),
    ],
)
def test_generic_option_mistakes_are_refused(tmp_path, extra, message):
    path = tmp_path / "s.toml"
    path.write_text(GENERIC + extra)
    with pytest.raises(RegistryError, match=message):
        load_registry(path)


def test_a_source_is_on_its_own_host_its_variants_and_the_hosts_the_registry_names(tmp_path):
    registry = tmp_path / "sources.toml"
    registry.write_text(
        '[s]\ntitle = "S"\nkind = "ministry"\ncountry = "RU"\ntimezone = "Europe/Moscow"\n'
        'homepage = "https://example.org"\nfamily = "sputnik"\nhosts = ["press.example.net"]\n'
    )
    source = load_registry(registry)["s"]
    on = ["https://example.org/a", "http://www.example.org/a", "https://m.example.org/a"]
    on.append("https://press.example.net/1")
    off = ["https://example.org.evil.com/a", "https://evil.example.com/a", "not a url", ""]
    assert [source.on_site(u) for u in on + off] == [True] * len(on) + [False] * len(off)
