"""Family spiders: one per CMS platform, bound to a source by the registry.

A new site on a known platform is a `sources.toml` entry naming the family.
"""

FAMILIES = {
    "sputnik": "pressbot.spiders.sputnik.SputnikSpider",
    "tatarstan": "pressbot.spiders.tatarstan.TatarstanSpider",
    "govuz": "pressbot.spiders.govuz.GovUzSpider",
    "kremlin": "pressbot.spiders.kremlin.KremlinSpider",
    "government": "pressbot.spiders.government.GovernmentSpider",
    "generic": "pressbot.spiders.generic.GenericSpider",
}
