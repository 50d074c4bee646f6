"""Reading JSON APIs that may answer something else (an error page, a captcha)."""

from __future__ import annotations

import json

from scrapy.http import Response


class UnexpectedResponse(ValueError):
    """The API answered something that is not its JSON: an error page, a captcha, a redesign."""


def load_json(response: Response, key: str) -> dict:
    """The response's JSON object, which must hold `key`; UnexpectedResponse otherwise."""
    try:
        data = json.loads(response.body)
    except ValueError:
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")
        raise UnexpectedResponse(f"not JSON ({content_type or 'no content type'})") from None
    if not isinstance(data, dict) or key not in data:
        raise UnexpectedResponse(f"JSON without {key!r}")
    return data
