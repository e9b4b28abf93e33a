"""axe-core finds no serious or critical violation on the main pages of every frontend, and none
of them logs a console error (the shared `page` fixture fails the test on any)."""

from __future__ import annotations

import re

import pytest

from tests.fixtures.tour import prepare

pytestmark = pytest.mark.browser

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def browser_post(page, base: str):
    """POST a form with the browser context's cookies (the page's CSRF token in X-CSRFToken)."""

    def post(path: str, data: dict) -> None:
        token = CSRF_META.search(page.request.get(f"{base}/auth/login").text()).group(1)
        response = page.request.post(f"{base}{path}", form={k: str(v) for k, v in data.items()},
                                     headers={"X-CSRFToken": token}, max_redirects=0)
        assert response.status in (200, 303), f"POST {path}: {response.status}"

    return post


def test_the_main_pages_have_no_serious_accessibility_violation(live_server, page, main_pages, accessibility):
    # One test, so the full demo is seeded once; each frontend signs in from a fresh cookie jar.
    report = []
    for tour in main_pages.values():
        page.context.clear_cookies()
        prepare(tour, browser_post(page, live_server))
        for name, path in tour.pages:
            response = page.goto(f"{live_server}{path}")
            assert response.status == 200, f"{tour.name} {name}: {path} answered {response.status}"
            report += [f"{tour.name}: {name} ({path}): {found}" for found in accessibility.violations(page)]
    assert not report, "axe found serious or critical violations:\n" + "\n".join(report)


def test_htmx_injects_no_style_and_the_keyboard_focus_is_clearly_visible(live_server, page, demo):
    page.goto(f"{live_server}/platforms/main/storefront/acme/")
    page.wait_for_function("window.htmx !== undefined")
    # The htmx-config meta was read before htmx initialised: no inline <style> of its own (our CSP
    # would refuse it on every swap), our CSS styles the indicators instead.
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False
    assert page.evaluate("document.querySelectorAll('head style:not([nonce])').length") == 0

    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the store's name, a link
    ring = page.evaluate("""() => { const style = getComputedStyle(document.activeElement);
        return [document.activeElement.tagName, style.outlineStyle, parseFloat(style.outlineWidth)]; }""")
    assert ring[0] == "A" and ring[1] == "solid" and ring[2] >= 2, ring
