"""The committed generated language data equals a fresh build (sampark.lang.build)."""
import json
from importlib import resources

import pytest

from sampark.lang import build

GENERATED = [(lang, name) for lang in build.LANGS for name in build.GENERATED]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    out = tmp_path_factory.mktemp("lang")
    build.build(out)
    return out


@pytest.mark.parametrize("lang,name", GENERATED)
def test_lang_build_committed_equals_fresh(fresh, lang, name):
    committed = (resources.files("sampark") / "lang" / lang / name).read_text(encoding="utf-8")
    assert (fresh / lang / name).read_text(encoding="utf-8") == committed, (
        f"{lang}/{name} is stale: run `python -m sampark.lang.build`"
    )


@pytest.mark.parametrize("lang,name", GENERATED)
def test_lang_build_records_say_where_they_come_from(fresh, lang, name):
    records = [json.loads(line) for line in (fresh / lang / name).read_text(encoding="utf-8").splitlines()]
    assert len(records) > 100
    for r in records:
        assert r["source"].split(":")[0] in {"cldr", "iso3166-1", "iso3166-3"}
        assert len(r["id"]) == 3 and r["id"].isupper()
        assert r["pattern"].strip() == r["pattern"] and r["pattern"]


@pytest.mark.parametrize("lang", build.LANGS)
def test_lang_build_same_file_names_in_every_language(lang):
    names = {p.name for p in (resources.files("sampark") / "lang" / lang).iterdir()}
    other = {p.name for p in (resources.files("sampark") / "lang" / "en").iterdir()}
    mine = {n for n in names | other if n.split(".")[0] in {"states", "cities", "pair", "suffixes"}}
    assert mine <= names and mine <= other


def test_lang_build_cldr_names_present():
    bn = {json.loads(line)["pattern"] for line in build.dumps(build.build_states("bn")).splitlines()}
    en = {json.loads(line)["pattern"] for line in build.dumps(build.build_states("en")).splitlines()}
    # CLDR's menu form "Myanmar (Burma)" is split into the two names
    assert {"Myanmar", "Burma", "Malaysia", "Russia", "Kosovo", "German Democratic Republic"} <= en
    assert "Myanmar (Burma)" not in en
    assert len([p for p in bn if any("\u0980" <= ch <= "\u09ff" for ch in p)]) > 240
