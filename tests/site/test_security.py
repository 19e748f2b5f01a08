"""The Content-Security-Policy step (figures_src/site/security.py) on small sites; that Chromium
accepts the policy on the real pages is tests/browser/test_security.py's business."""

from __future__ import annotations

import pytest

from figures_src.site import security

PAGE = '<html><head><meta charset="utf-8"><title>t</title>{head}</head><body>{body}</body></html>'


def site(tmp_path, **pages: str):
    for name, body in pages.items():
        path = tmp_path / name.replace("__", "/") / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(head="", body=body), encoding="utf-8")
    return tmp_path


def test_every_page_gets_one_policy_right_after_its_charset_allowing_all_pages_inline_scripts(tmp_path):
    root = site(
        tmp_path,
        home="<script>var a = 1;</script>",
        deep__page='<script>var b = "ü";</script><script type="application/json">{"x": 1}</script>',
        plain="<p>no script</p>",
    )
    policy = security.secure_site(root)
    # the digests of "var a = 1;" and 'var b = "ü";' (UTF-8), worked out with openssl:
    #   printf '%s' 'var a = 1;' | openssl dgst -sha256 -binary | base64
    expected = {
        "'sha256-+dZ6udsWxNVoGfScAq7t5IIF5UJb4F6RhjbN6oe1p4w='",
        "'sha256-ikFHMtwE35yGv1kvbpe4JBsCJbQf+GpJeDH7dBsLKps='",
    }
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src"))
    assert set(script_src.split()[2:]) == expected, script_src  # JSON data is not a script
    assert "'unsafe-inline'" not in script_src and "unsafe-eval" not in policy
    for page in ("home", "deep/page", "plain"):
        html = (root / page / "index.html").read_text(encoding="utf-8")
        assert html.count("Content-Security-Policy") == 1
        meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        assert html.startswith(f'<html><head><meta charset="utf-8">{meta}')


@pytest.mark.parametrize(
    "body",
    ['<button onclick="go()">x</button>', '<a href="javascript:go()">x</a>', "<img src=x OnError=go()>"],
)
def test_markup_the_policy_would_block_stops_the_build_naming_the_page(tmp_path, body):
    root = site(tmp_path, fine="<p>ok</p>", broken=body)
    with pytest.raises(security.PolicyError, match=r"broken/index\.html"):
        security.secure_site(root)
    assert "Content-Security-Policy" not in (root / "fine" / "index.html").read_text(), "nothing half done"


def test_text_that_only_mentions_a_handler_is_not_markup(tmp_path):
    root = site(tmp_path, page="<p>set onclick=go() in prose, or write javascript: here</p>")
    security.secure_site(root)


def test_scripts_the_browser_runs_are_hashed_however_written_and_data_is_not():
    html = (
        '<script type=module>a()</script><SCRIPT type="">b()</SCRIPT ><script/>c()</script>'
        '<script type="application/ld+json">{"d": 1}</script><script type=text/template>e</script>'
        '<script src="x.js"></script>'
    )
    assert security.inline_scripts(html) == ["a()", "b()", "c()"]


@pytest.mark.parametrize(
    "body", ["<svg/onload=go()>", '<form><button formaction="javascript:go()">x</button></form>']
)
def test_handlers_and_links_written_without_spaces_or_in_forms_stop_the_build_too(tmp_path, body):
    with pytest.raises(security.PolicyError, match="would be blocked"):
        security.secure_site(site(tmp_path, page=body))


def test_a_second_run_over_the_same_pages_replaces_the_policy_instead_of_adding_one(tmp_path):
    """mkdocs build --dirty leaves the pages it did not rebuild as the last build wrote them."""
    root = site(tmp_path, old="<script>var a = 1;</script>", new="<p>x</p>")
    first = security.secure_site(root)
    (root / "new" / "index.html").write_text(PAGE.format(head="", body="<script>var c;</script>"))
    second = security.secure_site(root)
    assert second != first and second.count("sha256-") == 2
    for page in ("old", "new"):
        assert (root / page / "index.html").read_text().count("Content-Security-Policy") == 1


def test_a_page_with_a_policy_of_its_own_or_no_head_stops_the_build_before_any_page_changes(tmp_path):
    own = '<meta http-equiv="content-security-policy" content="script-src *">'
    root = site(tmp_path, a="<p>a</p>")
    (root / "b.html").write_text(PAGE.format(head=own, body=""))
    with pytest.raises(security.PolicyError, match=r"b\.html: already has"):
        security.secure_site(root)
    (root / "b.html").write_text("<p>no head</p>")
    with pytest.raises(security.PolicyError, match=r"b\.html: no <head>"):
        security.secure_site(root)
    assert "Content-Security-Policy" not in (root / "a" / "index.html").read_text()
