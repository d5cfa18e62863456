"""Fixtures shared by the per-language tests."""
import pytest


def _has_fact(facts, ftype, actors, date="any", directed=False):
    """Whether ``facts`` hold one of type ``ftype`` between ``actors`` (and on ``date``)."""
    want = actors if directed else sorted(actors)
    for f in facts:
        got = f["actors"] if directed else sorted(f["actors"])
        if f["type"] == ftype and got == want and (date == "any" or f["date"] == date):
            return True
    return False


@pytest.fixture
def has_fact():
    return _has_fact
