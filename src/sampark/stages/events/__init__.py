"""The events stage: cues, their parties and dates become typed drafts.

``stage`` runs it; ``model`` holds the sentence view and candidates,
``rules`` the per-language cue data, ``cues`` finds candidates, ``focus``
the states a document or section is about, ``tables`` reads wiki tables.
"""
from sampark.stages.events.stage import run

__all__ = ["run"]
