"""Write the gold set: each article of `articles.py` in its imagined site's page template,
and beside it the JSON of what a reader of that page sees (never what an extractor gives).

    python tests/gold/extract/make.py

The templates copy what is known of such sites (`shared/research/sites.md`) and
of their CMSs: Bitrix news.detail, WordPress with Yoast, Drupal fields, the
gov.uz front end, Joomla, the tatarstan.ru portal, print versions, galleries.
Each carries the furniture such pages have: menus, «версия для слабовидящих»,
breadcrumbs, share buttons, credits, other news with their own dates.
"""

from __future__ import annotations

import html
import json
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from articles import ARTICLES

HERE = Path(__file__).parent
RU = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()
UZ_LAT = "yanvar fevral mart aprel may iyun iyul avgust sentabr oktabr noyabr dekabr".split()
UZ_CYR = "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь".split()
# The clock of the site whose dates are relative («Вчера, 14:30»): noon in Kazan on the 25th.
NOW = "2025-11-25T12:00:00+03:00"


def e(text: str) -> str:
    return html.escape(text, quote=True)


def ps(paragraphs: list[str]) -> str:
    return "\n".join(f"<p>{e(p)}</p>" for p in paragraphs)


def when(a: dict) -> datetime:
    return datetime.fromisoformat(a["when"])


def has_time(a: dict) -> bool:
    return "T" in a["when"]


def hm(a: dict) -> str:
    return when(a).strftime("%H:%M")


def dotted(a: dict) -> str:
    return when(a).strftime("%d.%m.%Y") + (f" {hm(a)}" if has_time(a) else "")


def iso(a: dict, tz: str, key: str = "when") -> str:
    moment = datetime.fromisoformat(a[key]).replace(tzinfo=ZoneInfo(tz))
    return moment.isoformat(timespec="seconds")


def lead_of(a: dict) -> str:
    kind = a.get("lead")
    if kind == "first":
        return a["body"][0]
    if kind == "desc":
        return a["description"]
    if kind == "anons":
        return a["anons"]
    return kind or ""


# --- templates -----------------------------------------------------------------------------


def minpromrb(a: dict, site: dict) -> str:
    """Bitrix: news.detail with `span.news-date-time`, body straight in the div, site-wide meta."""
    others = "".join(
        f'<div class="news-item"><span class="news-date-time">{d}</span>'
        f'<a href="/press/news/{n}/"><b>{t}</b></a></div>'
        for d, n, t in [
            ("20.11.2025", 18701, "Республика примет участие в выставке «Иннопром. Центральная Азия»"),
            ("18.11.2025", 18690, "Предприятия получили льготные займы на модернизацию"),
        ]
    )
    detail_text = "<br><br>\n".join(e(p) for p in a["body"])
    return f"""<!DOCTYPE html>
<html lang="ru"><head><meta charset="UTF-8">
<title>{e(a['title'])}</title>
<meta name="description" content="Официальный сайт Министерства промышленности и инновационной политики Республики Башкортостан">
<meta name="keywords" content="министерство, промышленность, новости">
<link href="/bitrix/templates/minprom/styles.css" rel="stylesheet">
<script>var BX = window.BX || {{}}; BX.message({{'SITE_ID':'s1'}});</script>
</head><body>
<div class="top-line"><a class="special-version" href="?special_version=Y">Версия для слабовидящих</a> <a href="/en/">English</a></div>
<header class="header"><a class="logo" href="/">Министерство промышленности и инновационной политики Республики Башкортостан</a>
<ul class="top-menu"><li><a href="/about/">О министерстве</a></li><li><a href="/press/news/">Новости</a></li><li><a href="/docs/">Документы</a></li><li><a href="/contacts/">Контакты</a></li></ul></header>
<div class="breadcrumbs"><a href="/">Главная</a> / <a href="/press/">Пресс-центр</a> / <a href="/press/news/">Новости</a></div>
<div class="workarea">
<h1>{e(a['title'])}</h1>
<div class="news-detail">
<span class="news-date-time">{dotted(a)}</span>
<img class="detail_picture" border="0" src="/upload/iblock/3f1/{a['id']}.jpg" width="800" height="533" alt="{e(a['title'])}" title="{e(a['title'])}">
{detail_text}
<div style="clear:both"></div>
<br>
<div class="news-detail-share"><div class="ya-share2" data-services="vkontakte,odnoklassniki,telegram"></div></div>
</div>
<p><a href="/press/news/">Возврат к списку</a></p>
</div>
<div class="sidebar"><div class="news-list"><h3>Другие новости</h3>{others}</div></div>
<footer class="footer">© 2025 Министерство промышленности и инновационной политики Республики Башкортостан. 450002, г. Уфа, ул. Тукаева, 46</footer>
</body></html>
"""


def infoagency(a: dict, site: dict) -> str:
    """WordPress with Yoast: article:* meta, JSON-LD @graph, entry-content with a credited figure."""
    tz = site["tz"]
    url = site["url"](a)
    published = iso(a, tz)
    modified = iso(a, tz, "updated") if a.get("updated") else published
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "@id": url, "url": url, "name": a["title"] + " — Татинформ-Пресс",
             "datePublished": published, "dateModified": modified},
            {"@type": "Article", "@id": url + "#article", "headline": a["title"],
             "datePublished": published, "dateModified": modified,
             "author": {"name": "Пресс-служба"}, "articleSection": ["Новости"]},
        ],
    }
    updated = (
        f'<time class="updated" datetime="{modified}">Обновлено: '
        f'{datetime.fromisoformat(a["updated"]).strftime("%d.%m.%Y %H:%M")}</time>'
        if a.get("updated") else ""
    )
    first, rest = a["body"][0], a["body"][1:]
    return f"""<!DOCTYPE html>
<html lang="ru-RU"><head><meta charset="UTF-8">
<title>{e(a['title'])} — Татинформ-Пресс</title>
<meta name="description" content="{e(first)}">
<meta property="og:locale" content="ru_RU"><meta property="og:type" content="article">
<meta property="og:title" content="{e(a['title'])} — Татинформ-Пресс">
<meta property="og:description" content="{e(first)}">
<meta property="og:url" content="{url}"><meta property="og:site_name" content="Татинформ-Пресс">
<meta property="article:published_time" content="{published}">
<meta property="article:modified_time" content="{modified}">
<link rel="canonical" href="{url}">
<script type="application/ld+json" class="yoast-schema-graph">{json.dumps(graph, ensure_ascii=False)}</script>
<link rel="alternate" type="application/rss+xml" title="Татинформ-Пресс &raquo; Лента" href="https://press.tatinform-news.ru/feed/">
</head><body class="post-template-default single single-post">
<a class="skip-link screen-reader-text" href="#content">Перейти к содержимому</a>
<header id="masthead" class="site-header"><p class="site-title"><a href="/">Татинформ-Пресс</a></p>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li><a href="/category/news/">Новости</a></li><li><a href="/category/economy/">Экономика</a></li><li><a href="/category/society/">Общество</a></li></ul></nav></header>
<div id="content" class="site-content"><main id="main" class="site-main">
<article id="post-{len(a['slug']) * 131}" class="post type-post status-publish format-standard has-post-thumbnail hentry category-news">
<header class="entry-header"><h1 class="entry-title">{e(a['title'])}</h1>
<div class="entry-meta"><span class="posted-on"><a href="{url}" rel="bookmark"><time class="entry-date published" datetime="{published}">{when(a).strftime('%d.%m.%Y')}</time>{updated}</a></span><span class="byline"> Автор: <span class="author vcard"><a class="url fn n" href="/author/press/">Пресс-служба</a></span></span></div>
</header>
<div class="entry-content">
<p>{e(first)}</p>
<figure class="wp-block-image size-large"><img decoding="async" src="/wp-content/uploads/2025/11/photo-1024x683.jpg" alt=""><figcaption class="wp-element-caption">Фото: пресс-служба Кабинета министров</figcaption></figure>
{ps(rest)}
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social"><h3 class="sd-title">Поделиться:</h3><ul><li class="share-telegram"><a href="#">Telegram</a></li><li class="share-vk"><a href="#">ВКонтакте</a></li></ul></div></div>
</div>
<footer class="entry-footer"><span class="cat-links">Рубрика: <a href="/category/news/" rel="category tag">Новости</a></span></footer>
</article>
<nav class="navigation post-navigation" aria-label="Записи"><div class="nav-links"><div class="nav-previous"><a href="/2025/11/23/prev/" rel="prev">Глава республики вручил государственные награды</a></div></div></nav>
<div class="related-posts"><h3>Читайте также</h3><ul><li><a href="/2025/11/20/x/">В республике подвели итоги уборочной кампании</a> <span>20.11.2025</span></li></ul></div>
</main>
<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">Свежие записи</h2><ul><li><a href="/2025/11/22/a/">Минстрой утвердил график капремонта</a><span class="post-date">22.11.2025</span></li></ul></section></aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">© 2025 Татинформ-Пресс. При использовании материалов ссылка обязательна.</div></footer>
</body></html>
"""


def minekonomiki(a: dict, site: dict) -> str:
    """Drupal 9: field--name-* blocks; the date only as Russian text; an announce field."""
    date = f"{when(a).day} {RU[when(a).month - 1]} {when(a).year} г."
    return f"""<!DOCTYPE html>
<html lang="ru" dir="ltr"><head><meta charset="utf-8">
<meta name="Generator" content="Drupal 9 (https://www.drupal.org)">
<title>{e(a['title'])} | Министерство экономики Республики Татарстан</title>
<link rel="canonical" href="{site['url'](a)}">
</head><body class="path-node page-node-type-news">
<div class="dialog-off-canvas-main-canvas">
<div class="bvi-panel"><a href="#" class="bvi-open">Версия для слабовидящих</a></div>
<header role="banner"><div class="region region-header"><div class="site-branding"><a href="/" rel="home">Министерство экономики Республики Татарстан</a></div></div>
<nav role="navigation" class="menu--main"><ul class="menu"><li class="menu-item"><a href="/ministry">Министерство</a></li><li class="menu-item"><a href="/news">Новости</a></li><li class="menu-item"><a href="/activity">Деятельность</a></li></ul></nav></header>
<div class="region region-breadcrumb"><nav class="breadcrumb" role="navigation"><ol><li><a href="/">Главная</a></li><li><a href="/news">Новости</a></li></ol></nav></div>
<main role="main"><div class="layout-content">
<div class="region region-content">
<h1 class="page-title"><span class="field field--name-title field--type-string field--label-hidden">{e(a['title'])}</span></h1>
<article role="article" class="node node--type-news node--view-mode-full">
<div class="node__content">
<div class="field field--name-field-date field--type-string field--label-hidden field__item">{date}</div>
<div class="field field--name-field-announce field--type-string-long field--label-hidden field__item">{e(a['lead'])}</div>
<div class="field field--name-field-image field--type-image field--label-hidden field__item"><img loading="lazy" src="/sites/default/files/styles/large/public/2025-11/news.jpg" width="960" height="640" alt="Фото"></div>
<div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">{ps(a['body'])}</div>
<div class="field field--name-field-tags field--type-entity-reference field--label-above"><div class="field__label">Теги</div><div class="field__items"><div class="field__item"><a href="/taxonomy/term/12">Экономика</a></div></div></div>
</div></article>
</div></div></main>
<div class="views-element-container block-views-blocknews-block-other"><h2>Другие новости</h2><div class="view-content"><div class="views-row"><span class="date">21 ноября 2025 г.</span> <a href="/news/x">Минэкономики провело семинар для экспортёров</a></div></div></div>
<footer role="contentinfo"><div class="region region-footer">© Министерство экономики Республики Татарстан, 2025. Все права защищены.</div></footer>
</div></body></html>
"""


def govuz(a: dict, site: dict) -> str:
    """The gov.uz front end (Next.js): rendered markup plus the page data in a script."""
    shown = (
        f"{when(a).day}-{UZ_LAT[when(a).month - 1]}, {when(a).year}"
        if not has_time(a) else dotted(a)
    )
    lead = f'<div class="news-anons">{e(a["lead"])}</div>' if a["lead"] else ""
    data = {"props": {"pageProps": {"news": {"id": a["slug"].rsplit("/", 1)[1], "title": a["title"],
            "date": a["when"].replace("T", " ") + (":00" if has_time(a) else " 00:00:00")}}}}
    return f"""<!DOCTYPE html>
<html lang="uz"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Navoiy viloyati hokimligi</title>
<meta name="description" content="Navoiy viloyati hokimligining rasmiy veb-sayti">
<meta property="og:title" content="{e(a['title'])}">
<meta property="og:image" content="https://api-portal.gov.uz/uploads/news/anons.jpg">
<meta name="next-head-count" content="6"></head><body>
<div id="__next"><div class="layout">
<div class="header-top"><span>O‘zbekiston Respublikasi hukumat portali</span><a href="#" class="special-view">Ko‘zi ojizlar uchun</a><div class="lang-switch"><a href="/oz">O‘zb</a><a href="/uz">Ўзб</a><a href="/ru">Рус</a></div></div>
<nav class="navbar"><a href="/oz/navoiy">Bosh sahifa</a><a href="/oz/navoiy/news/news">Yangiliklar</a><a href="/oz/navoiy/pages/about">Hokimlik haqida</a></nav>
<div class="container"><div class="row"><div class="col-lg-8">
<div class="news-detail">
<h1 class="news-title">{e(a['title'])}</h1>
<div class="news-info"><span class="news-date">{shown}</span><span class="news-views">Ko‘rishlar soni: 312</span></div>
<img class="news-image" src="https://api-portal.gov.uz/uploads/news/body.jpg" alt="">
{lead}
<div class="news-body">{ps(a['body'])}</div>
<div class="share-block"><span>Ulashish:</span><a href="#">Telegram</a><a href="#">Facebook</a></div>
</div></div>
<div class="col-lg-4"><div class="sidebar-news"><h4>So‘nggi yangiliklar</h4><div class="item"><a href="/oz/navoiy/news/view/161100">Zarafshon shahrida yangi maktab ochildi</a><span>20-noyabr, 2025</span></div></div></div>
</div></div>
<footer class="footer">© 2025 Navoiy viloyati hokimligi. Barcha huquqlar himoyalangan.</footer>
</div></div>
<script id="__NEXT_DATA__" type="application/json">{json.dumps(data, ensure_ascii=False)}</script>
</body></html>
"""


def buxorokhokim(a: dict, site: dict) -> str:
    """A home-made PHP site in Uzbek Cyrillic: «2025 йил 24 ноябрь» and a views counter."""
    shown = f"{when(a).year} йил {when(a).day} {UZ_CYR[when(a).month - 1]}"
    if has_time(a):
        shown += f", {hm(a)}"
    return f"""<!DOCTYPE html>
<html lang="uz"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{e(a['title'])} - Бухоро вилояти ҳокимлиги</title>
<meta name="description" content="{e(a['title'])}">
</head><body>
<div id="top"><a href="/uz/">Ўзбекча</a> | <a href="/oz/">O‘zbekcha</a> | <a href="/ru/">Русский</a> <a href="?eye=1" class="eye-link">Кўзи ожизлар учун</a></div>
<div id="menu"><a href="/uz/">Бош саҳифа</a> <a href="/uz/news/">Янгиликлар</a> <a href="/uz/hokim/">Ҳоким</a> <a href="/uz/contact/">Алоқа</a></div>
<table width="100%"><tr><td valign="top" id="main">
<div class="post">
<h1 class="post-title">{e(a['title'])}</h1>
<div class="post-info">{shown} | Кўрилди: 245</div>
<div class="post-content">{ps(a['body'])}
<p><img src="/images/news/{a['slug'].rsplit('/', 1)[1]}.jpg" alt=""></p>
</div>
<div class="post-share">Улашиш: <a href="#">Telegram</a> <a href="#">Facebook</a></div>
</div>
</td><td valign="top" width="280" id="right">
<div class="block-news"><b>Сўнгги янгиликлар</b><br><a href="/uz/news/2370">Когонда янги боғча очилди</a><br><small>2025 йил 20 ноябрь</small></div>
</td></tr></table>
<div id="footer">© 2025 Бухоро вилояти ҳокимлиги. Барча ҳуқуқлар ҳимояланган.</div>
</body></html>
"""


def minfinkz(a: dict, site: dict) -> str:
    """Joomla 3: h1 is the site name, the title an h2 itemprop=headline, time[datetime] with offset."""
    published = iso(a, site["tz"])
    return f"""<!DOCTYPE html>
<html lang="ru-ru" dir="ltr"><head><meta charset="utf-8">
<meta name="generator" content="Joomla! - Open Source Content Management">
<title>{e(a['title'])}</title>
<meta name="description" content="Министерство финансов Республики Казахстан">
</head><body class="site com_content view-article">
<header class="header"><h1 class="site-title"><a href="/">Министерство финансов Республики Казахстан</a></h1>
<div class="header-search"><form action="/ru/search" method="post"><input name="searchword" type="search"></form></div></header>
<nav class="navigation" role="navigation"><ul class="nav menu"><li><a href="/ru/ministry">О министерстве</a></li><li><a href="/ru/press">Пресс-центр</a></li></ul></nav>
<div class="container"><main id="content" role="main">
<ul itemscope itemtype="https://schema.org/BreadcrumbList" class="breadcrumb"><li><a href="/ru/">Главная</a></li><li><a href="/ru/press/novosti">Новости</a></li></ul>
<div class="item-page" itemscope itemtype="https://schema.org/Article">
<meta itemprop="inLanguage" content="ru-RU">
<div class="page-header"><h2 itemprop="headline">{e(a['title'])}</h2></div>
<dl class="article-info muted"><dt class="article-info-term">Подробности</dt>
<dd class="category-name">Категория: <a href="/ru/press/novosti" itemprop="genre">Новости</a></dd>
<dd class="published"><span class="icon-calendar"></span><time datetime="{published}" itemprop="datePublished">Опубликовано: {dotted(a)}</time></dd>
<dd class="hits"><meta itemprop="interactionCount" content="UserPageVisits:87">Просмотров: 87</dd></dl>
<div class="pull-left item-image"><img src="/images/news/2025/11/kollegiya.jpg" alt="" itemprop="image"></div>
<div itemprop="articleBody">{ps(a['body'])}</div>
<ul class="pager pagenav"><li class="previous"><a href="/ru/press/novosti/1520" rel="prev">Назад</a></li><li class="next"><a href="/ru/press/novosti/1525" rel="next">Вперёд</a></li></ul>
</div>
</main></div>
<footer class="footer"><p>© 2025 Министерство финансов Республики Казахстан</p></footer>
</body></html>
"""


def akimat(a: dict, site: dict) -> str:
    """A Kazakhstan regional portal: «24 ноября 2025, 16:40» in a div, og:description."""
    shown = f"{when(a).day} {RU[when(a).month - 1]} {when(a).year}, {hm(a)}"
    return f"""<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8">
<title>{e(a['title'])} - Акимат Алматинской области</title>
<meta property="og:title" content="{e(a['title'])}">
<meta property="og:description" content="{e(a['body'][0])}">
<meta property="og:type" content="article">
</head><body>
<div class="page-wrapper">
<div class="header"><div class="logo"><a href="/ru">Акимат Алматинской области</a></div>
<ul class="main-menu"><li><a href="/ru/akim">Аким</a></li><li><a href="/ru/news">Новости</a></li><li><a href="/ru/docs">Документы</a></li></ul>
<a class="visually-impaired" href="#">Версия для слабовидящих</a></div>
<div class="content-wrapper"><div class="news-page">
<div class="news-page__header"><div class="date">{shown}</div><h1>{e(a['title'])}</h1></div>
<div class="news-page__image"><img src="/uploads/news/2025/11/1.jpg" alt=""><div class="news-page__image-caption">Фото: пресс-служба акимата</div></div>
<div class="news-page__text">{ps(a['body'])}</div>
<div class="news-page__social">Поделиться: <a href="#">Facebook</a> <a href="#">Telegram</a></div>
</div>
<div class="last-news"><div class="last-news__title">Последние новости</div><div class="last-news__item"><div class="date">22 ноября 2025, 10:00</div><a href="/ru/news/details/x">В области стартовала декада инвалидов</a></div></div>
</div>
<div class="footer">© 2025 Акимат Алматинской области</div>
</div></body></html>
"""


def relative_day(a: dict) -> str:
    now = datetime.fromisoformat(NOW)
    days = (now.date() - when(a).date()).days
    if days == 0:
        return f"Сегодня, {hm(a)}"
    if days == 1:
        return f"Вчера, {hm(a)}"
    return f"{when(a).day} {RU[when(a).month - 1]}, {hm(a)}"


def mintrud(a: dict, site: dict) -> str:
    """The tatarstan.ru portal's article page, showing relative days («Вчера, 14:30»)."""
    return f"""<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>{e(a['title'])} | Министерство труда, занятости и социальной защиты Республики Татарстан</title></head>
<body><div class="page">
<div class="header"><a class="header__logo" href="/">Министерство труда, занятости и социальной защиты Республики Татарстан</a>
<div class="header__special"><a href="?version=special">Версия для слабовидящих</a></div>
<ul class="header__menu"><li><a href="/index.htm/news/tape">Новости</a></li><li><a href="/about.htm">О министерстве</a></li></ul></div>
<div class="content"><div class="container-fluid"><div class="row"><div class="content__main">
<div class="article">
<h1 class="article__title">{e(a['title'])}</h1>
<div class="article__date">{relative_day(a)}</div>
<div class="article__photo"><div class="article__photo-photo"><img src="/file/news/2205/{a['slug'].rsplit('/', 1)[1].split('.')[0]}_big.jpg" alt=""></div></div>
<div class="wysiwyg">{ps(a['body'])}<p>Фото: пресс-служба Минтруда РТ</p></div>
<div class="article__share">Поделиться: <a href="#">ВКонтакте</a> <a href="#">Telegram</a></div>
</div>
</div><div class="content__aside"><div class="aside-news"><div class="aside-news__title">Новости</div><div class="aside-news__item"><span class="aside-news__date">Сегодня, 08:00</span> <a href="/index.htm/news/2551250.htm">Открыт набор на курсы для предпенсионеров</a></div></div></div></div></div></div>
<div class="footer">© 2025 Министерство труда, занятости и социальной защиты Республики Татарстан</div>
</div></body></html>
"""


def mintransprint(a: dict, site: dict) -> str:
    """A Bitrix print version: no menus, the date as «Дата публикации:», the source URL after."""
    url = site["url"](a).replace("?print=Y", "")
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>{e(a['title'])}</title>
<link href="/bitrix/templates/print/styles.css" type="text/css" rel="stylesheet">
</head><body onload="window.print()">
<div class="print-header"><img src="/local/templates/main/images/logo-print.png" alt=""> Министерство транспорта и дорожного хозяйства Республики Башкортостан</div>
<h1>{e(a['title'])}</h1>
<p class="print-date">Дата публикации: {dotted(a)}</p>
<div class="print-text">{ps(a['body'])}</div>
<hr>
<p class="print-source">Источник: {url}</p>
</body></html>
"""


def mincult(a: dict, site: dict) -> str:
    """A ministry page with a photo gallery: captions and credits under every photo."""
    published = iso(a, site["tz"])
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a["title"],
          "datePublished": published, "description": a["description"],
          "publisher": {"@type": "GovernmentOrganization", "name": "Министерство культуры"}}
    photos = "".join(
        f'<div class="gallery__item"><a class="fancybox" data-fancybox="gallery" href="/upload/gallery/{n}.jpg">'
        f'<img src="/upload/gallery/{n}_s.jpg" alt="{e(c)}"></a><div class="gallery__caption">{e(c)}</div>'
        f'<div class="gallery__credit">Фото: Айрат Гарипов</div></div>'
        for n, c in [(1, "Открытие"), (2, "Экспозиция в главном зале"), (3, "Гости церемонии")]
    )
    shown = f"{when(a).day} {RU[when(a).month - 1]} {when(a).year}, {hm(a)}"
    return f"""<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8">
<title>{e(a['title'])} — Министерство культуры</title>
<meta property="og:description" content="{e(a['description'])}">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
</head><body>
<header class="site-header"><a href="/" class="site-header__logo">Министерство культуры Республики Татарстан</a><nav class="site-header__menu"><a href="/press-center/">Пресс-центр</a><a href="/activity/">Деятельность</a></nav></header>
<main class="main"><div class="news-detail">
<div class="news-detail__top"><span class="news-detail__date">{shown}</span><span class="news-detail__rubric">Новости</span></div>
<h1 class="news-detail__title">{e(a['title'])}</h1>
<div class="news-detail__text">{ps(a['body'])}</div>
<div class="news-detail__gallery gallery">{photos}</div>
<div class="news-detail__bottom"><a class="print-link" href="?print=Y">Версия для печати</a><div class="share">Поделиться</div></div>
</div></main>
<footer class="site-footer">© 2025 Министерство культуры Республики Татарстан. Фото и тексты — с указанием источника.</footer>
</body></html>
"""


def minselhoz(a: dict, site: dict) -> str:
    """A static site generator's page: the date in the URL and nowhere else."""
    return f"""<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>{e(a['title'])} — Минсельхоз республики</title></head>
<body>
<div id="header"><a href="/">Министерство сельского хозяйства Республики Башкортостан</a></div>
<div id="nav"><a href="/press/">Пресс-служба</a> · <a href="/docs/">Документы</a> · <a href="/contacts/">Контакты</a></div>
<div id="content">
<h1>{e(a['title'])}</h1>
{ps(a['body'])}
<p class="back"><a href="/press/">← Все новости</a></p>
</div>
<div id="footer">© Министерство сельского хозяйства Республики Башкортостан, 2010–2025</div>
</body></html>
"""


def minvuz(a: dict, site: dict) -> str:
    """A ministry site in Uzbek Latin: «24 noyabr 2025» and, once edited, «Yangilandi: …»."""
    shown = f"{when(a).day} {UZ_LAT[when(a).month - 1]} {when(a).year}"
    updated = (
        f'<span class="post-updated">Yangilandi: '
        f'{datetime.fromisoformat(a["updated"]).strftime("%d.%m.%Y %H:%M")}</span>'
        if a.get("updated") else ""
    )
    return f"""<!DOCTYPE html>
<html lang="uz"><head><meta charset="utf-8">
<title>{e(a['title'])} | Oliy ta’lim, fan va innovatsiyalar vazirligi</title>
<meta name="description" content="O‘zbekiston Respublikasi Oliy ta’lim, fan va innovatsiyalar vazirligi rasmiy sayti">
</head><body>
<div class="topbar"><a href="#" class="bvi-open">Ko‘zi ojizlar uchun</a> <a href="/ru/">Ru</a> <a href="/en/">En</a></div>
<header class="header"><a href="/uz/" class="logo">Oliy ta’lim, fan va innovatsiyalar vazirligi</a>
<nav class="menu"><a href="/uz/news/">Yangiliklar</a> <a href="/uz/documents/">Hujjatlar</a> <a href="/uz/contacts/">Aloqa</a></nav></header>
<section class="single-news"><div class="container">
<h1 class="single-news__title">{e(a['title'])}</h1>
<div class="single-news__meta"><span class="post-date">{shown}</span> {updated} <span class="post-views">👁 1024</span></div>
<div class="post-excerpt">{e(a['lead'])}</div>
<div class="single-news__content">{ps(a['body'])}</div>
<div class="single-news__tags"><a href="/uz/tag/talim">#ta’lim</a> <a href="/uz/tag/reyting">#reyting</a></div>
<div class="social-share">Ulashish: <a href="#">Telegram</a> <a href="#">Facebook</a></div>
</div></section>
<section class="other-news"><h3>Boshqa yangiliklar</h3><div class="card"><span class="post-date">20 noyabr 2025</span><a href="/uz/news/x">Xalqaro ilmiy konferensiya bo‘lib o‘tdi</a></div></section>
<footer class="footer">© 2025 Oliy ta’lim, fan va innovatsiyalar vazirligi</footer>
</body></html>
"""


def regiongov(a: dict, site: dict) -> str:
    """A regional government CMS: schema.org microdata with a day, the time only shown;
    an edition whose JSON-LD states midnight for a day it shows without a time."""
    day = when(a).strftime("%Y-%m-%d")
    shown = f"{when(a).day} {RU[when(a).month - 1]} {when(a).year}" + (
        f", {hm(a)}" if has_time(a) else ""
    )
    ld = ""
    if a.get("midnight"):
        ld = ('<script type="application/ld+json">' + json.dumps(
            {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a["title"],
             "datePublished": f"{day}T00:00:00+03:00"}, ensure_ascii=False) + "</script>")
    return f"""<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>{e(a['title'])} - Правительство Оренбургской области</title>{ld}
<meta name="description" content="Официальный сайт Правительства Оренбургской области">
</head><body>
<div class="b-header"><a href="/" class="b-header__logo">Правительство Оренбургской области</a><div class="b-header__menu"><a href="/press/news/">Новости</a><a href="/power/">Органы власти</a></div><a class="b-header__eye" href="/special/">Версия для слабовидящих</a></div>
<div class="b-page"><div class="b-content">
<div class="b-article" itemscope itemtype="http://schema.org/NewsArticle">
<meta itemprop="datePublished" content="{day}">
<h1 class="b-article__title" itemprop="headline">{e(a['title'])}</h1>
<div class="b-article__date">{shown}</div>
<div class="b-article__anons" itemprop="description">{e(a['anons'])}</div>
<div class="b-article__photo"><img src="/upload/news/{a['slug'].split('/')[2]}.jpg" alt=""><span class="b-article__photo-copyright">© Пресс-служба губернатора</span></div>
<div class="b-article__text" itemprop="articleBody">{ps(a['body'])}</div>
<div class="b-article__share"><div class="ya-share2"></div></div>
</div>
</div>
<div class="b-sidebar"><div class="b-news-list"><div class="b-news-list__item"><span class="b-news-list__date">23 ноября 2025, 18:00</span><a href="/press/news/56200/">В области прошёл форум волонтёров</a></div></div></div>
</div>
<div class="b-footer">© 2025 Правительство Оренбургской области</div>
</body></html>
"""


def embassy(a: dict, site: dict) -> str:
    """A static embassy site: no h1, the title in an h2, the date in bold."""
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>Посольство России в Узбекистане</title></head>
<body>
<table id="layout"><tr><td id="left">
<ul class="leftmenu"><li><a href="/ru/">Главная</a></li><li><a href="/ru/news/">Новости</a></li><li><a href="/ru/consul/">Консульские вопросы</a></li></ul>
</td><td id="content">
<h2>{e(a['title'])}</h2>
<p><b>{when(a).strftime('%d.%m.%Y')}</b></p>
{ps(a['body'])}
<p class="print"><a href="?print">Версия для печати</a></p>
</td></tr></table>
<div id="bottom">© Посольство Российской Федерации в Республике Узбекистан, 2025</div>
</body></html>
"""


def mpt_bitrix2(a: dict, site: dict) -> str:
    """A Bitrix redesign: BEM blocks, the date and time in two spans, attached documents."""
    w = when(a)
    return f"""<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(a['title'])} | Минпромторг республики</title>
<meta property="og:title" content="{e(a['title'])}">
<meta property="og:type" content="website">
<meta property="og:description" content="Министерство промышленности и торговли">
</head><body>
<div class="page-wrap">
<header class="page-header"><div class="page-header__inner"><a class="page-header__logo" href="/"><img src="/local/templates/mpt/img/logo.svg" alt="Минпромторг"></a>
<div class="page-header__menu js-menu"><a href="/ministry/">Министерство</a><a href="/press-centre/">Пресс-центр</a><a href="/docs/">Документы</a></div>
<button class="page-header__eye js-bvi">Версия для слабовидящих</button></div></header>
<main class="page-main"><div class="container">
<div class="bread-crumbs"><a href="/">Главная</a><span>/</span><a href="/press-centre/">Пресс-центр</a><span>/</span><a href="/press-centre/news/">Новости</a></div>
<div class="news-detail">
<div class="news-detail__info"><span class="news-detail__date">{w.day} {RU[w.month - 1]} {w.year}</span><span class="news-detail__time">{hm(a)}</span></div>
<h1 class="news-detail__title">{e(a['title'])}</h1>
<div class="news-detail__picture"><picture><img src="/upload/resize_cache/iblock/aa1/1200_800_1/news.jpg" alt="{e(a['title'])}"></picture></div>
<div class="news-detail__text">{ps(a['body'])}</div>
<div class="news-detail__files"><div class="files-title">Документы</div><a class="file-item" href="/upload/iblock/spravka.pdf"><span class="file-item__name">Справка по итогам переговоров</span><span class="file-item__size">PDF, 245 Кб</span></a></div>
<div class="news-detail__share"><span>Поделиться</span><a href="#" class="vk"></a><a href="#" class="tg"></a></div>
</div>
<div class="news-more"><h2 class="news-more__title">Другие новости</h2><div class="news-card"><div class="news-card__date">21 ноября 2025</div><a class="news-card__title" href="/press-centre/news/forum/">Минпромторг примет участие в форуме «Иннопром»</a></div></div>
</div></main>
<footer class="page-footer"><div class="page-footer__copy">© 2025 Минпромторг. Все права защищены.</div></footer>
</div></body></html>
"""


def govkz(a: dict, site: dict) -> str:
    """A Kazakhstan government portal page: UTC meta time, the text with a bulleted list."""
    moment = when(a).replace(tzinfo=ZoneInfo(site["tz"])).astimezone(timezone.utc)
    body = a["body"]
    text = f"<p>{e(body[0])}</p><p>{e(body[1])}</p>" if len(body) > 4 else ps(body)
    if len(body) > 4:
        text += "<ul>" + "".join(f"<li>{e(x)}</li>" for x in body[2:-1]) + "</ul>"
        text += f"<p>{e(body[-1])}</p>"
    return f"""<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8">
<title>{e(a['title'])} - Министерство торговли и интеграции Республики Казахстан</title>
<meta property="og:title" content="{e(a['title'])}">
<meta property="article:published_time" content="{moment.strftime('%Y-%m-%dT%H:%M:%SZ')}">
</head><body><app-root>
<div class="gov-header"><a class="gov-header__logo" href="/memleket/entities/mti">Министерство торговли и интеграции Республики Казахстан</a>
<div class="gov-header__langs"><a href="#">Қаз</a><a href="#">Рус</a><a href="#">Eng</a></div><a class="gov-header__special" href="#">Версия для людей с нарушением зрения</a></div>
<div class="gov-menu"><a href="#">О министерстве</a><a href="#">Пресс-центр</a><a href="#">Деятельность</a></div>
<div class="content-block">
<div class="single-news">
<h1 class="single-news__title">{e(a['title'])}</h1>
<div class="single-news__date"><span class="date">{dotted(a)}</span></div>
<div class="single-news__body">{text}</div>
<div class="single-news__views">Просмотров: 184</div>
</div>
<div class="other-news-block"><div class="title">Другие новости</div><a class="news-item" href="#"><span class="news-item__date">23.11.2025 12:00</span><span class="news-item__title">Казахстан и Узбекистан обсудили развитие приграничной торговли</span></a></div>
</div>
<div class="gov-footer">© 2025 Министерство торговли и интеграции Республики Казахстан</div>
</app-root></body></html>
"""


def uzcyrmin(a: dict, site: dict) -> str:
    """An Uzbek ministry in Cyrillic: «2025-йил 24-ноябрь», a quote set as a blockquote."""
    w = when(a)
    shown = f"{w.year}-йил {w.day}-{UZ_CYR[w.month - 1]}" + (f", {hm(a)}" if has_time(a) else "")
    body = a["body"]
    text = "".join(
        f"<blockquote>{e(x)}</blockquote>" if x.startswith("«") else f"<p>{e(x)}</p>" for x in body
    )
    return f"""<!DOCTYPE html>
<html lang="uz-Cyrl"><head><meta charset="utf-8"><title>{e(a['title'])}</title>
<meta name="description" content="Ўзбекистон Республикаси Инвестициялар, саноат ва савдо вазирлиги расмий веб-сайти">
</head><body>
<div class="top-panel"><a href="/oz/">Lotin</a> <a href="/uz/">Кирилл</a> <a href="/ru/">Рус</a> <a href="#" class="special">Махсус имкониятлар</a></div>
<div class="main-header"><div class="logo">Инвестициялар, саноат ва савдо вазирлиги</div><ul class="main-nav"><li><a href="/uz/about">Вазирлик ҳақида</a></li><li><a href="/uz/press">Матбуот хизмати</a></li></ul></div>
<div class="page-content"><div class="row">
<div class="col-md-9"><div class="single">
<div class="single-date"><i class="icon-calendar"></i> {shown}</div>
<h1>{e(a['title'])}</h1>
<div class="single-text">{text}</div>
<div class="single-footer"><span>Улашиш:</span> <a href="#">Telegram</a> <a href="#">Facebook</a> <span class="views">Кўрилди: 512</span></div>
</div></div>
<div class="col-md-3"><div class="last-news"><h4>Сўнгги янгиликлар</h4><div><span>2025-йил 20-ноябрь</span> <a href="/uz/press/novosti/4398">Саноат кўргазмаси очилди</a></div></div></div>
</div></div>
<div class="main-footer">© 2025 Инвестициялар, саноат ва савдо вазирлиги</div>
</body></html>
"""


def samarqandwp(a: dict, site: dict) -> str:
    """A khokimiyat on WordPress in Uzbek Latin: «24.11.2025 | 15:40», JSON-LD NewsArticle."""
    published = iso(a, site["tz"])
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a["title"],
          "datePublished": published, "dateModified": published,
          "description": a["body"][0], "inLanguage": "uz"}
    return f"""<!DOCTYPE html>
<html lang="uz"><head><meta charset="UTF-8"><title>{e(a['title'])} &#8211; Samarqand viloyati hokimligi</title>
<meta property="og:title" content="{e(a['title'])}">
<meta property="og:description" content="{e(a['body'][0])}">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
</head><body class="single single-post">
<div id="page"><header id="header"><div class="logo"><a href="/">Samarqand viloyati hokimligi</a></div>
<nav class="main-menu"><ul><li><a href="/category/yangiliklar/">Yangiliklar</a></li><li><a href="/hokimlik/">Hokimlik</a></li></ul></nav></header>
<div id="main"><div class="container"><div class="content-area">
<article class="post">
<h1 class="post-title">{e(a['title'])}</h1>
<div class="post-meta"><span class="meta-date">{when(a).strftime('%d.%m.%Y')} | {hm(a)}</span><span class="meta-cat"><a href="/category/yangiliklar/">Yangiliklar</a></span></div>
<div class="post-thumb"><img src="/wp-content/uploads/2025/11/img.jpg" alt=""></div>
<div class="post-content">{ps(a['body'])}
<div class="heateor_sss_sharing_container"><div class="heateor_sss_sharing_title">Ulashing:</div><a href="#">Telegram</a><a href="#">Facebook</a></div></div>
</article>
<div class="related"><h3>O‘xshash yangiliklar</h3><ul><li><a href="/2025/11/20/x/">Urgutda yangi maktab qurildi</a></li></ul></div>
</div>
<aside class="sidebar"><div class="widget"><h4>So‘nggi yangiliklar</h4><ul><li><a href="/2025/11/23/y/">Viloyatda paxta terimi yakunlandi</a> <span>23.11.2025</span></li></ul></div></aside>
</div></div>
<footer id="footer"><p>© 2025 Samarqand viloyati hokimligi</p></footer></div>
</body></html>
"""


def minstroy(a: dict, site: dict) -> str:
    """A ministry whose texts open with a dateline and carry a «Читайте также» insert."""
    body = a["body"]
    return f"""<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>{e(a['title'])}</title></head><body>
<div class="wrapper"><div class="top"><a href="/">Министерство строительства и архитектуры Республики Башкортостан</a></div>
<ul class="menu-top"><li><a href="/news">Новости</a></li><li><a href="/activity">Деятельность</a></li></ul>
<div class="main-content">
<h1 class="title">{e(a['title'])}</h1>
<div class="text">
<p>{e(body[0])}</p>
<p class="read-also">Читайте также: <a href="/news/2025-11-10-lifty">Замена лифтов: итоги полугодия</a></p>
{ps(body[1:])}
</div>
<div class="article-bottom"><a href="/news">Все новости</a> | <a href="javascript:window.print()">Распечатать</a></div>
</div>
<div class="bottom">Министерство строительства и архитектуры Республики Башкортостан, 2025</div>
</div></body></html>
"""


SITES = {
    "minpromrb": dict(tz="Asia/Yekaterinburg", host="minprom.bashkortostan.example",
                      path=lambda a: f"/press/news/{a['id']}/", template=minpromrb),
    "infoagency": dict(tz="Europe/Moscow", host="press.tatinform-news.ru", template=infoagency),
    "minekonomiki": dict(tz="Europe/Moscow", host="minek.tatar-gov.example", template=minekonomiki),
    "govuz": dict(tz="Asia/Tashkent", host="gov.uz", template=govuz),
    "buxorokhokim": dict(tz="Asia/Tashkent", host="buxoro.example.uz", template=buxorokhokim),
    "minfinkz": dict(tz="Asia/Almaty", host="minfin.example.kz", template=minfinkz),
    "akimat": dict(tz="Asia/Almaty", host="almobl.example.kz", template=akimat),
    "mintrud": dict(tz="Europe/Moscow", host="mintrud.tatarstan.ru", template=mintrud, now=NOW),
    "mintransprint": dict(tz="Asia/Yekaterinburg", host="mintrans.bashkortostan.example",
                          template=mintransprint),
    "mincult": dict(tz="Europe/Moscow", host="mincult.tatar-gov.example", template=mincult),
    "minselhoz": dict(tz="Asia/Yekaterinburg", host="mcx.bashkortostan.example",
                      template=minselhoz),
    "minvuz": dict(tz="Asia/Tashkent", host="edu.example.uz", template=minvuz),
    "regiongov": dict(tz="Asia/Yekaterinburg", host="orenburg-gov.example", template=regiongov),
    "embassy": dict(tz="Asia/Tashkent", host="uzbekistan.mid.example", template=embassy),
    "mpt_bitrix2": dict(tz="Europe/Moscow", host="mpt.example-region.ru", template=mpt_bitrix2),
    "govkz": dict(tz="Asia/Almaty", host="www.gov.kz", template=govkz),
    "uzcyrmin": dict(tz="Asia/Tashkent", host="mift.example.uz", template=uzcyrmin),
    "samarqandwp": dict(tz="Asia/Tashkent", host="samarkand.example.uz", template=samarqandwp),
    "minstroy": dict(tz="Asia/Yekaterinburg", host="minstroy.bashkortostan.example",
                     template=minstroy),
}
for _site in SITES.values():
    _path = _site.get("path", lambda a: "/" + a["slug"])
    _site["url"] = lambda a, host=_site["host"], path=_path: f"https://{host}{path(a)}"


def expected(a: dict, site: dict) -> dict:
    """What a reader sees on the page: the gold a page is measured against."""
    tz = ZoneInfo(site["tz"])
    moment = when(a).replace(tzinfo=tz)
    minute = has_time(a)
    body = "\n\n".join(a["body"])
    return {
        "url": site["url"](a),
        "tz": site["tz"],
        "now": site.get("now"),
        "title": a["title"],
        "published_at": moment.astimezone(timezone.utc).isoformat() if minute else a["when"],
        "published_precision": "minute" if minute else "day",
        "lead": lead_of(a),
        "body": body,
        "body_start": body[:80],
        "body_end": body[-80:],
    }


def file_name(a: dict) -> str:
    return a["slug"].replace("/", "_").replace("?print=Y", "print").strip("_").removesuffix(".html")


def main() -> None:
    for a in ARTICLES:
        site = SITES[a["site"]]
        folder = HERE / a["site"]
        folder.mkdir(exist_ok=True)
        (folder / f"{file_name(a)}.html").write_text(site["template"](a, site))
        gold = json.dumps(expected(a, site), ensure_ascii=False, indent=1) + "\n"
        (folder / f"{file_name(a)}.json").write_text(gold)
    print(f"{len(ARTICLES)} pages from {len(SITES)} sites")


if __name__ == "__main__":
    main()
