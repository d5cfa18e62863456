"""sampark: sourced, dated bilateral facts from Bengali and English text."""
from __future__ import annotations

__version__ = "0.1.0"

from sampark.pipeline import extract, extract_document, extract_source, from_source  # noqa: E402

__all__ = ["extract", "extract_document", "extract_source", "from_source", "__version__"]
