"""Story identity: title keys and content hashes.

Two sightings are one story when their canonical URLs match, or when one
source published them at the same time (at the precision it gives) under the
same normalised title. The content hash tells an edit from a re-read.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata


def title_key(title: str) -> str:
    """A title with case, quotes, dashes, punctuation and spacing folded away."""
    text = unicodedata.normalize("NFKC", title).casefold().replace("ё", "е")
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def content_hash(title: str, lead: str, body: str) -> str:
    """SHA-256 of the text a reader sees; equal hashes mean an unchanged story."""
    text = "\x1f".join(" ".join((part or "").split()) for part in (title, lead, body))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
