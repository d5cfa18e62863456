"""Grammar profiles: what a language does differently, as data (``lang/<code>/profile.json``)."""
import json
from importlib import resources

import pytest

from sampark.lang.load import LANGUAGES
from sampark.lang.profile import parse_profile, profile


def _raw(code):
    return json.loads(resources.files("sampark").joinpath("lang", code, "profile.json").read_text(encoding="utf-8"))


def test_profile_languages_are_the_folders_with_a_profile():
    root = resources.files("sampark").joinpath("lang")
    folders = sorted(d.name for d in root.iterdir() if d.is_dir() and d.joinpath("profile.json").is_file())
    assert list(LANGUAGES) == folders and {"bn", "en"} <= set(LANGUAGES)


@pytest.mark.parametrize("code", LANGUAGES)
def test_profile_every_language_has_one_with_its_source(code):
    assert _raw(code)["source"].startswith("curated for sampark")
    assert profile(code).code == code


# fmt: off
@pytest.mark.parametrize("code, letter_case, head_final", [
    ("bn", False, True),
    ("en", True, False),
])
# fmt: on
def test_profile_values(code, letter_case, head_final):
    p = profile(code)
    assert (p.letter_case, p.head_final) == (letter_case, head_final)
    assert p.fold("India") == ("india" if letter_case else "India")


def test_profile_refuses_an_unknown_key():
    data = dict(_raw("en"), word_order="SVO")
    with pytest.raises(ValueError, match="unknown keys \\['word_order'\\]"):
        parse_profile("xx", data)


def test_profile_refuses_a_missing_key():
    data = dict(_raw("en"))
    del data["head_final"]
    with pytest.raises(ValueError, match="missing keys \\['head_final'\\]"):
        parse_profile("xx", data)


def test_profile_refuses_a_wrong_type():
    with pytest.raises(ValueError, match="after_cue_window"):
        parse_profile("xx", dict(_raw("en"), after_cue_window=True))
