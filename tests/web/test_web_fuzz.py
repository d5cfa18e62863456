"""Any path or query under the app's routes is answered with a status below 500."""
from __future__ import annotations

from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Text that reaches the routes' parameters: any character, Bengali and markup included.
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60) | st.sampled_from(
    ["MYS-RUS", "রাশিয়া-মালয়েশিয়া", "-", "--", "A-B-C", "<script>", "' OR 1=1 --", "%00", "..", "/", ".json"])
ROUTES = ["/pair/{}", "/pair/{}.json", "/doc/{}", "/doc/{}.json", "/fact/{}", "/fact/{}.json",
          "/?q={}", "/index.json?q={}", "/conflicts.json?pair={}", "/pair/MYS-RUS.json?type={}",
          "/documents.json?limit={}", "/documents?offset={}", "/{}"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(route=st.sampled_from(ROUTES), value=ANY_TEXT, lang=st.sampled_from(["", "en", "bn", "xx"]))
def test_web_fuzz_never_a_server_error(client, route, value, lang):
    url = route.format(quote(value, safe=""))
    if lang:
        url += ("&" if "?" in url else "?") + "lang=" + lang
    r = client.get(url, follow_redirects=False)
    assert r.status_code < 500, (url, r.text[:300])
