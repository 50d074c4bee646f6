"""Log lines that name a dropped story by its reason and URL, not its whole text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.logformatter import LogFormatter

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.http import Response
    from scrapy.logformatter import LogFormatterResult
    from twisted.python.failure import Failure


class PressbotLogFormatter(LogFormatter):
    def dropped(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Spider,
    ) -> LogFormatterResult:
        entry = super().dropped(item, exception, response, spider)
        url = ItemAdapter(item).get("url") if ItemAdapter.is_item(item) else None
        entry["msg"] = "Dropped %(reason)s: %(exception)s <%(url)s>"
        entry["args"] = {"reason": type(exception).__name__, "exception": exception, "url": url}
        return entry
