"""One registry of states (``sampark.geo``): the store, the web app and the extractor agree."""
import pytest

from sampark import geo
from sampark.store import resolve_state as store_resolve
from sampark.web import i18n

# fmt: off
NAMES = [
    ("MYS", "MYS"), ("my", "MYS"), ("Malaysia", "MYS"), ("the Soviet Union", "SUN"), ("USSR", "SUN"),
    ("মালয়েশিয়া", "MYS"), ("রাশিয়ার", "RUS"), ("ভারতের", "IND"), ("Korea, Republic of", "KOR"),
    ("Congo - Kinshasa", "COD"), ("Czechoslovakia", "CSK"), ("Narnia", None),
]
# fmt: on


@pytest.mark.parametrize("name, code", NAMES)
def test_geo_one_answer_everywhere(name, code):
    assert geo.resolve_state(name) == code
    assert store_resolve(name) == code
    assert i18n.resolve_state(name) == code


@pytest.mark.parametrize("code, lang", [("RUS", "bn"), ("SUN", "en"), ("BGD", "bn"), ("XKX", "en")])
def test_geo_names_are_the_registry_s(code, lang):
    assert i18n.state_name(code, lang) == geo.state_name(code, lang) != code


def test_geo_succession():
    assert geo.successor("SUN") == "RUS" and geo.successor("MYS") == "MYS"
    assert geo.predecessor_on("RUS", 1972) == "SUN" and geo.predecessor_on("RUS", 1995) == "RUS"
    # Czechoslovakia's last day is not yet the Czech Republic's first
    assert geo.FORMER_STATES["CSK"]["ended"] == "1992-12-31" and geo.successor_since("CZE") == "1993-01-01"
    for former in geo.FORMER_STATES.values():
        assert geo.successor_since(former["successor"]) >= former["ended"]
