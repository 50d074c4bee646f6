"""The item pipeline chain: normalise → validate → canonical → dedupe → store → link."""

from pressbot.pipelines.canonical import CanonicalPipeline
from pressbot.pipelines.dedupe import DedupePipeline
from pressbot.pipelines.link import LinkPipeline
from pressbot.pipelines.normalise import NormalisePipeline
from pressbot.pipelines.store import StorePipeline
from pressbot.pipelines.validate import ValidatePipeline

__all__ = [
    "CanonicalPipeline",
    "DedupePipeline",
    "LinkPipeline",
    "NormalisePipeline",
    "StorePipeline",
    "ValidatePipeline",
]
