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


class Fields(dict):
    """A JSON item with its text fields checked: each is a string or None.

    A field of another type (`"title": 777`, `"news_date": 20251112`) is
    blanked and named in `malformed`, so the item becomes a story that the
    validate pipeline drops with its reason, while its page's other items
    are read as usual.
    """

    malformed: list[str]


def checked(item: dict, text_fields: tuple[str, ...]) -> Fields:
    """A copy of `item` whose `text_fields` are strings or None; the others named."""
    fields = Fields(item)
    fields.malformed = []
    for name in text_fields:
        value = item.get(name)
        if value is not None and not isinstance(value, str):
            fields.malformed.append(f"{name} is {type(value).__name__} {value!r:.40}")
            fields[name] = ""
    return fields


def malformed(item: dict) -> list[str]:
    """What `checked` found wrong with an item (nothing, for a plain dict)."""
    return list(getattr(item, "malformed", []))


def api_id(value: object) -> str:
    """An item id as a string of digits; "" when it is none (a bool, a float, a word)."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return str(value)
    if isinstance(value, str) and value.strip().isdigit():
        return value.strip()
    return ""


def page_count(value: object) -> int:
    """A `total_page`-like count; 0 (unknown) when it is not a whole number."""
    number = api_id(value)
    return int(number) if number else 0
