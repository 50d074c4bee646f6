"""Scrapy settings for pressbot. Every PRESSBOT_* setting is described in README.md."""

import os

from pressbot import __version__
from pressbot.items import EXPORT_FIELDS

BOT_NAME = "pressbot"
# Spiders come from the source registry: one per source, of its family's class
# (so no SPIDER_MODULES; `scrapy genspider` is refused with what to do instead).
SPIDER_LOADER_CLASS = "pressbot.spiderloader.RegistrySpiderLoader"
COMMANDS_MODULE = "pressbot.commands"

# Polite by default: say who we are, obey robots.txt, go slowly per host.
PRESSBOT_CONTACT = "https://github.com/pressbot/pressbot"
USER_AGENT = f"pressbot/{__version__} (+{PRESSBOT_CONTACT})"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
# Twisted's own reactor, not asyncio: with Scrapy 2.19's asyncio reactor a
# per-host cap of 2 lets a burst of queued requests through at once whenever
# DOWNLOAD_DELAY is 0 (tests/test_politeness.py shows it).
TWISTED_REACTOR = None
LOG_LEVEL = "INFO"

# Everything http(s) goes through the mirror handler; it only reroutes when
# PRESSBOT_MIRROR is set.
DOWNLOAD_HANDLERS = {
    "http": "pressbot.mirror.handler.MirrorDownloadHandler",
    "https": "pressbot.mirror.handler.MirrorDownloadHandler",
}
# One crawl polls every source (Scrapy's "Broad Crawls"): per-host download slots keep
# CONCURRENT_REQUESTS_PER_DOMAIN and DOWNLOAD_DELAY per host, and the scheduler hands
# the downloader requests for the hosts with the fewest in flight.
SCHEDULER_PRIORITY_QUEUE = "scrapy.pqueues.DownloaderAwarePriorityQueue"
COOKIES_ENABLED = False
# The pipelines are synchronous: a callback's stories go through them one after
# another, in the order it yields them (Scrapy's 100 cooperative tasks per response
# cost more CPU than an unchanged poll of a source, and order nothing).
CONCURRENT_ITEMS = 1
# Scrapy parses each callback's source to warn about `return` in generators; its
# cache keeps 128 callbacks, and every source's family spider has its own.
WARN_ON_GENERATOR_RETURN_VALUE = False
STATS_CLASS = "pressbot.statscollectors.SourceStatsCollector"
SPIDER_MIDDLEWARES = {
    "pressbot.spidermiddlewares.provenance.ProvenanceMiddleware": 950,
}
DOWNLOADER_MIDDLEWARES = {
    # robots.txt kept in the archive for a day, not asked for on every poll
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "pressbot.downloadermiddlewares.robotstxt.KeptRobotsTxtMiddleware": 100,
    # after decompression (590) and redirects (600), so they see what callbacks see
    "pressbot.mirror.record.RecordMiddleware": 580,
    "pressbot.downloadermiddlewares.withdrawals.WithdrawalMiddleware": 570,
    # before retries (550): a 304 is an answer, not a failure
    "pressbot.downloadermiddlewares.conditional.ConditionalRequestMiddleware": 560,
    # beside Scrapy's DownloaderStats (850): each source's own counts
    "pressbot.downloadermiddlewares.sourcestats.SourceStatsMiddleware": 849,
    # just before retries (550): a 429's retry waits for the Retry-After asked for
    "pressbot.downloadermiddlewares.retryafter.RetryAfterMiddleware": 555,
    # Scrapy's decompression, naming every body refused for its size
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "pressbot.downloadermiddlewares.maxsize.MaxSizeMiddleware": 590,
    # after decompression, before anything reads the text: a wrong charset label corrected
    "pressbot.downloadermiddlewares.encoding.CharsetMiddleware": 585,
    # after decompression and redirects: a story's page cut off before its end
    "pressbot.downloadermiddlewares.truncation.TruncationMiddleware": 575,
}
# Press pages are small: the largest seen (a Sputnik article with its scripts, a
# tatarstan.ru API page of 15 releases) are well under 1 MiB. 8 MiB leaves room for
# a long speech with inline images yet keeps a runaway or hostile body (also one that
# inflates from gzip) from being parsed: lxml needs about ten times a page's size in
# memory. Above 2 MiB a page is unusual enough to be logged.
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
ITEM_PIPELINES = {
    "pressbot.pipelines.NormalisePipeline": 100,
    "pressbot.pipelines.ValidatePipeline": 200,
    "pressbot.pipelines.CanonicalPipeline": 250,
    "pressbot.pipelines.DedupePipeline": 300,
    "pressbot.pipelines.StorePipeline": 400,
    "pressbot.pipelines.LinkPipeline": 500,
}
EXTENSIONS = {
    "pressbot.extensions.gcthreshold.GcThreshold": 0,
    "pressbot.extensions.runlog.RunLog": 500,
}
REQUEST_FINGERPRINTER_CLASS = "pressbot.requestfingerprinter.HeaderAwareFingerprinter"
LOG_FORMATTER = "pressbot.logformatter.PressbotLogFormatter"

FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORT_FIELDS = EXPORT_FIELDS

# pressbot's own settings
# these three may also come from the environment (handy in a crontab)
PRESSBOT_DB = os.environ.get("PRESSBOT_DB") or "data/pressbot.db"
PRESSBOT_SOURCES = None  # None: the registry bundled with pressbot (pressbot/sources.toml)
PRESSBOT_MIRROR = os.environ.get("PRESSBOT_MIRROR") or None
PRESSBOT_RECORD = None
PRESSBOT_COMMIT_EVERY = 100
PRESSBOT_COMMIT_SECONDS = 2.0
PRESSBOT_RUNLOG_ENABLED = True
PRESSBOT_MAX_PAGES = 3
PRESSBOT_INCREMENTAL = True
PRESSBOT_KNOWN_STREAK = 10
PRESSBOT_RECHECK_AFTER = "1h,6h,24h,72h"
PRESSBOT_NOW = os.environ.get("PRESSBOT_NOW") or None
PRESSBOT_KEEP_RUNS_DAYS = 180
PRESSBOT_LINK_ENABLED = True
# A worker process that decides links while the crawl writes them (pressbot.coverage.worker);
# 0 links in the crawl's own process.
PRESSBOT_LINK_PROCESSES = 1
PRESSBOT_LINK_WORKER_AFTER = 20  # stories linked in the crawl's process before the worker starts
PRESSBOT_LINK_WORKER_PATIENCE = 300  # seconds a closing crawl waits for the link worker
# Worker processes that read article pages while the crawl downloads, stores and links
# (pressbot.pages.pool); 0 reads them in the crawl's own process.
PRESSBOT_PAGE_PROCESSES = 1
PRESSBOT_PAGE_WORKER_AFTER = 20  # pages read in the crawl's process before the worker starts
# Steps below the crawl's CPU priority its page and link workers run at (pressbot.utils.workers)
PRESSBOT_WORKER_NICE = 10
# The garbage collector's first threshold while a crawl runs (pressbot.extensions.gcthreshold);
# 0 leaves Python's (700).
PRESSBOT_GC_THRESHOLD = 10_000
PRESSBOT_POLL_MIN = 5 * 60
PRESSBOT_POLL_MAX = 6 * 60 * 60
PRESSBOT_PENDING_ATTEMPTS = 5
PRESSBOT_ROBOTSTXT_MAX_AGE = 24 * 60 * 60
# Longest Retry-After (429, 503) waited for before the retry; longer is left to the next run.
# Two minutes: a half-hourly cron run can afford it, a site asking for an hour is not
# asked again within this run.
PRESSBOT_RETRY_AFTER_MAX = 120
