"""The main text of an article page whose markup nobody described: boilerplate pruned, then
trafilatura, with readability-lxml when trafilatura finds too little.

What official sites put around a release and never want in its text (menus,
share buttons, photo credits and captions, galleries, «версия для
слабовидящих», related links, tags) is pruned by class and id words before
the extractor sees the tree, and credit and button lines are dropped after it.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from lxml import html as lxml_html

from pressbot.utils.text import SKIP_TAGS, clean, drop_credits, paragraphs

# Words of class and id attributes (split at spaces, `-` and `_`) that mark boilerplate:
# parts of the site around the article (other stories, menus) ...
AWAY_WORDS = frozenset(
    {
        "related",
        "similar",
        "relap",
        "also",
        "more",
        "other",
        "popular",
        "lenta",
        "sidebar",
        "widget",
        "widgets",
        "banner",
        "banners",
        "adv",
        "advert",
        "reklama",
        "comments",
        "comment",
        "pagination",
        "pager",
        "paging",
        "nav",
        "navbar",
        "navigation",
        "menu",
        "breadcrumb",
        "breadcrumbs",
        "footer",
        "toolbar",
        "cookie",
        "modal",
        "poll",
        "logo",
        "last",
        "latest",
        "recent",
    }
)
# ... and the article's own furniture (buttons, credits, captions, galleries, tags, meta lines).
NOISE_WORDS = AWAY_WORDS | frozenset(
    {
        "share",
        "sharing",
        "social",
        "socials",
        "soc",
        "likes",
        "ya",
        "addthis",
        "pluso",
        "uptolike",
        "copyright",
        "credit",
        "credits",
        "caption",
        "captions",
        "gallery",
        "photo",
        "photos",
        "fotorama",
        "fancybox",
        "slider",
        "carousel",
        "lightbox",
        "media",
        "subscribe",
        "subscription",
        "tags",
        "tag",
        "tagcloud",
        "meta",
        "bvi",
        "eye",
        "impaired",
        "visually",
        "special",
        "rating",
        "views",
        "counter",
    }
)
# ... and words they start («photolenta», «fotogalereya», «sharebox»).
NOISE_PREFIXES = ("photo", "foto", "galler", "galere", "share", "social", "caption", "slider")
AWAY_TAGS = frozenset({"nav", "aside", "footer"})
# `header`: the site's, and the article's own (title, date line), never text
NOISE_TAGS = AWAY_TAGS | {"header", "form", "figure", "figcaption", "select"}
# The share of a block's text in links above which it is a link block.
LINK_BLOCK_MAX = 300
LINK_BLOCK_TAGS = {"div": 0.6, "li": 0.6, "ul": 0.6, "section": 0.6, "p": 0.95}
# Lines that are controls or credits, whatever element they sit in: controls are short
# («Поделиться», «Print»; «Share prices fell» is text), labelled credits may be long.
CONTROL_LINE = re.compile(
    r"^(?:Поделиться|Подписаться|Версия для слабовидящих|Распечатать|Печать|Ulashish"
    r"|Баҳам кўриш|Улашиш|Chop etish|Print|Share|Просмотров|Фото пресс-службы)\b",
    re.IGNORECASE,
)
CONTROL_MAX = 40
CREDIT_LINE = re.compile(r"^(?:Теги|Фото|Источник фото|Источник)\s*:", re.IGNORECASE)
# An element holding more than this share of the page's paragraph text is the article's.
MAIN_SHARE = 0.5
# Below this many characters trafilatura's text is taken as a miss.
ENOUGH = 200


def class_words(el) -> set[str]:
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    return set(names.lower().replace("-", " ").replace("_", " ").split())


def is_noise(el) -> bool:
    if not isinstance(el.tag, str):
        return False
    found = class_words(el)
    return (
        el.tag in NOISE_TAGS
        or bool(found & NOISE_WORDS)
        or any(word.startswith(NOISE_PREFIXES) for word in found)
    )


def paragraph_text(root) -> dict:
    """How many characters of `<p>` text each element holds."""
    held: dict = defaultdict(int)
    for p in root.iter("p"):
        size = len(clean(p.text_content()))
        for el in (p, *p.iterancestors()):
            held[el] += size
    return held


def sparing_main(skip: Callable, root) -> Callable:
    """`skip`, except for an element holding most of the page's paragraphs: a class word
    that also names boilerplate («main with-sidebar», «post-media») never takes the article."""
    held = paragraph_text(root)
    total = max(held.get(root, 0), 1)
    return lambda el: skip(el) and held.get(el, 0) <= MAIN_SHARE * total


def is_elsewhere(el) -> bool:
    """Outside the article: menus, sidebars, other stories."""
    if not isinstance(el.tag, str):
        return False
    return el.tag in AWAY_TAGS or bool(class_words(el) & AWAY_WORDS)


def walk(root, skip=is_noise) -> Iterator:
    """Elements in document order, leaving out `skip`ped subtrees."""
    if not isinstance(root.tag, str) or root.tag in SKIP_TAGS or skip(root):
        return
    yield root
    for child in root:
        yield from walk(child, skip)


def is_link_block(el) -> bool:
    """A short block that is mostly link text: a related story, a «read also» insert, a
    «back to the list» paragraph."""
    share = LINK_BLOCK_TAGS.get(el.tag)
    if share is None:
        return False
    raw = el.text_content()
    if len(raw) > 3 * LINK_BLOCK_MAX:  # cheap: most blocks are containers far too long
        return False
    text = len(clean(raw))
    linked = sum(len(clean(a.text_content())) for a in el.iter("a"))
    return 0 < text <= LINK_BLOCK_MAX and linked >= share * text


def unwrap_layout_tables(root) -> None:
    """Tables that lay out a page (their cells hold paragraphs and headings) become divs,
    so the text in them reads as text and not as a table."""
    for table in list(root.iter("table")):
        if any(True for _ in table.iter("p", "h1", "h2", "div")):
            for el in table.iter("table", "tbody", "thead", "tr", "td", "th"):
                el.tag = "div"


def prune(root, also: Iterable = ()) -> None:
    """Remove boilerplate subtrees, and the `also` elements (title, date line, announce)."""
    noise = sparing_main(is_noise, root)
    doomed, stack = [], [root]
    while stack:  # not into what goes anyway: a 300-item menu is one test, not 600
        el = stack.pop()
        if not isinstance(el.tag, str):
            continue
        if noise(el) or el.tag in SKIP_TAGS or is_link_block(el):
            doomed.append(el)
        else:
            stack.extend(el)
    for el in [*doomed, *also]:
        parent = el.getparent()
        if parent is not None:
            el.drop_tree()
    unwrap_layout_tables(root)


def keep(lines: Iterable[str]) -> list[str]:
    """Paragraphs worth keeping: no list bullets, controls or credits."""
    found = [clean(re.sub(r"^[-•]\s+", "", line)) for line in lines]
    return drop_credits(line for line in found if line and not is_control(line))


def is_control(line: str) -> bool:
    return bool((len(line) <= CONTROL_MAX and CONTROL_LINE.match(line)) or CREDIT_LINE.match(line))


def trafilatura_paragraphs(tree) -> list[str]:
    import trafilatura  # heavy import, needed only when a page has no body selector

    text = trafilatura.extract(
        tree, include_comments=False, include_tables=True, fast=False, deduplicate=False
    )
    return keep((text or "").splitlines())


def readability_paragraphs(tree) -> list[str]:
    from readability import Document

    summary = Document(lxml_html.tostring(tree, encoding="unicode")).summary(html_partial=True)
    return keep(paragraphs(lxml_html.fromstring(summary)))


def main_text(root, also: Iterable = (), extractor: str = "auto") -> list[str]:
    """The paragraphs of the page's main text; `root` (the document) is left as it was.

    `extractor`: "trafilatura", "readability", or "auto": trafilatura, then
    readability when trafilatura gives less than ENOUGH characters, then
    trafilatura on the unpruned page when both find nothing.
    """
    paths = [root.getroottree().getpath(el) for el in also]
    tree = copy.deepcopy(root)
    unpruned = copy.deepcopy(tree) if extractor == "auto" else None
    prune(tree, [found for path in paths for found in tree.getroottree().xpath(path)])
    if extractor == "readability":
        return readability_paragraphs(tree)
    found = trafilatura_paragraphs(copy.deepcopy(tree) if unpruned is not None else tree)
    if unpruned is None or size(found) >= ENOUGH:
        return found
    fallback = readability_paragraphs(tree)
    best = fallback if size(fallback) > size(found) else found
    # pruning took it all (a class word of the article's own container): the page as it is
    return best or trafilatura_paragraphs(unpruned)


def size(paragraphs: list[str]) -> int:
    return sum(map(len, paragraphs))
