<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Министерство иностранных дел Российской Федерации</title><link>https://mid.ru/ru/</link><description>Министерство иностранных дел Российской Федерации</description>
<item><title>О телефонном разговоре Министра иностранных дел России с Министром иностранных дел Узбекистана</title><link>https://mid.ru/ru/foreign_policy/news/2059871/</link><guid>https://mid.ru/ru/foreign_policy/news/2059871/</guid><pubDate>Wed, 12 Nov 2025 17:20:00 +0300</pubDate></item>
<item><title>О брифинге официального представителя МИД России</title><link>https://mid.ru/ru/foreign_policy/news/2059740/</link><guid>https://mid.ru/ru/foreign_policy/news/2059740/</guid><pubDate>Tue, 11 Nov 2025 13:00:00 +0300</pubDate></item>
</channel></rss>
