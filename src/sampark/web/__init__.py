"""sampark's web UI and JSON API (``sampark serve``); see docs/web.md."""
from __future__ import annotations

from sampark.web.app import create_app

__all__ = ["create_app"]
