"""Log lines that name a dropped story by its reason and URL, not its whole text."""

from __future__ import annotations

from itemadapter import ItemAdapter
from scrapy.logformatter import LogFormatter


class PressbotLogFormatter(LogFormatter):
    def dropped(self, item, exception, response, spider):
        entry = super().dropped(item, exception, response, spider)
        url = ItemAdapter(item).get("url") if ItemAdapter.is_item(item) else None
        entry["msg"] = "Dropped %(reason)s: %(exception)s <%(url)s>"
        entry["args"] = {"reason": type(exception).__name__, "exception": exception, "url": url}
        return entry
