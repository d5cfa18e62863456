"""The events stage writes typed drafts; ``doc.facts`` holds contract facts only."""
import pytest

from sampark import pipeline
from sampark.errors import SamparkError
from sampark.model import DraftFact

EN = "India and Bangladesh established diplomatic relations on 6 December 1971."
CONTRACT_KEYS = {"id", "type", "actors", "directed", "date", "attrs", "cameo", "lang", "confidence", "evidence"}


def test_drafts_events_stage_writes_drafts_not_facts():
    doc = pipeline.new_document(EN, lang="en")
    doc = pipeline.run(doc, names=[n for n in pipeline.STAGE_NAMES if n != "facts"])
    assert doc.facts == []
    assert doc.drafts and all(isinstance(d, DraftFact) for d in doc.drafts)
    assert doc.drafts[0].type == "relations_established" and doc.drafts[0].spans


def test_drafts_facts_hold_no_private_keys():
    doc = pipeline.run(pipeline.new_document(EN, lang="en"))
    assert doc.facts and all(set(f) == CONTRACT_KEYS for f in doc.facts)
    assert not any(k.startswith("_") for f in doc.facts for k in f["attrs"])


def _forgets_to_return(doc):
    doc.meta["seen"] = True  # a stage that changes the document but returns nothing


def test_drafts_runner_refuses_a_stage_that_returns_no_document():
    stages = [(name, _forgets_to_return if name == "money" else stage) for name, stage in pipeline.STAGES]
    with pytest.raises(SamparkError) as err:
        pipeline.run(pipeline.new_document(EN, lang="en"), using=stages)
    assert err.value.code == "E007" and "'money'" in str(err.value) and "NoneType" in str(err.value)
