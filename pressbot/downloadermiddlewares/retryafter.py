"""`429 Too Many Requests` and `503` with `Retry-After`: wait as asked, up to a cap.

Scrapy's RetryMiddleware (550) retries a 429 at once, which is what the
server asked us not to do. This middleware sits just before it (555): it
holds such a response for the time the server asked, then hands it on, so
the retry goes out after the wait and is counted as usual. A wait longer than
PRESSBOT_RETRY_AFTER_MAX is not made in this run: the request is not retried
(`dont_retry`), the response reaches the spider as the error it is, and the
next run asks again.
"""

from __future__ import annotations

import email.utils
import logging
from datetime import datetime, timezone
from typing import TYPE_CHECKING, cast

from scrapy.exceptions import NotConfigured
from twisted.internet import task

from pressbot.statscollectors import count

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector
    from twisted.internet.defer import Deferred
    from twisted.internet.interfaces import IReactorTime
    from typing_extensions import Self

logger = logging.getLogger(__name__)

#: statuses whose Retry-After asks a client to come back later (RFC 9110, RFC 6585)
STATUSES = (429, 503)


def retry_after(response: Response) -> float | None:
    """The seconds a response's Retry-After asks for (delay-seconds or an HTTP date).

    A date is measured from the response's own `Date` when it has one (both are
    the server's clock), else from now. None when there is no readable header.
    """
    value = (response.headers.get("Retry-After") or b"").decode("latin-1").strip()
    if value.isdigit():
        return float(value)
    asked = _http_date(value)
    if asked is None:
        return None
    sent = _http_date((response.headers.get("Date") or b"").decode("latin-1"))
    return max(0.0, (asked - (sent or datetime.now(timezone.utc))).total_seconds())


def _http_date(value: str) -> datetime | None:
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _reactor() -> IReactorTime:
    from twisted.internet import reactor  # the one installed by the time a crawler is built

    return cast("IReactorTime", reactor)


class RetryAfterMiddleware:
    def __init__(
        self, max_wait: float, stats: StatsCollector, clock: IReactorTime | None = None
    ) -> None:
        self.max_wait = max_wait
        self.stats = stats
        self.clock = clock if clock is not None else _reactor()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        max_wait = crawler.settings.getfloat("PRESSBOT_RETRY_AFTER_MAX")
        if max_wait <= 0:
            raise NotConfigured("PRESSBOT_RETRY_AFTER_MAX is 0: Retry-After is not waited for")
        return cls(max_wait, crawler.stats)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response | Deferred[Response]:
        wait = retry_after(response) if response.status in STATUSES else None
        if wait is None or request.meta.get("dont_retry"):
            return response
        if wait > self.max_wait:
            return self.give_up(request, response, wait)
        self.stats.inc_value("pressbot/retry_after/waited")
        self.stats.inc_value("pressbot/retry_after/seconds", int(wait))
        logger.info("%s answered %s: waiting %.0f s as asked", request.url, response.status, wait)
        return task.deferLater(self.clock, wait, lambda: response)

    def give_up(self, request: Request, response: Response, wait: float) -> Response:
        count(self.stats, request, "pressbot/retry_after/too_long")
        logger.warning(
            "%s answered %s, Retry-After %.0f s: past PRESSBOT_RETRY_AFTER_MAX (%.0f s), "
            "not retried in this run",
            request.url,
            response.status,
            wait,
            self.max_wait,
        )
        request.meta["dont_retry"] = True
        return response
