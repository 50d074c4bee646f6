"""The item pipeline chain: normalise → validate → dedupe → store."""

from pressbot.pipelines.dedupe import DedupePipeline
from pressbot.pipelines.normalise import NormalisePipeline
from pressbot.pipelines.store import StorePipeline
from pressbot.pipelines.validate import ValidatePipeline

__all__ = ["DedupePipeline", "NormalisePipeline", "StorePipeline", "ValidatePipeline"]
