"""The after_request hooks every response goes through: declared once, run in that order."""

from __future__ import annotations

import re

import pytest

from tests.modules.catalog.factories import SHOP, make_product
from webapp.framework import caching, observability, security
from webapp.framework.app import RESPONSE_PIPELINE
from webapp.framework.auth import guard

pytestmark = pytest.mark.usefixtures("isolated_requests")


def run_order(app) -> list:
    # Flask runs the app's after_request hooks last-registered first (no blueprint registers any).
    assert set(app.after_request_funcs) == {None}
    return list(reversed(app.after_request_funcs[None]))


def test_the_app_runs_the_declared_pipeline_first_and_in_order(app):
    # The body is complete before anything describes it; the request id goes on last.
    declared = (caching.fill_holes, guard.keep_personal_pages_private, security.set_security_headers,
                observability.echo_request_id)
    assert declared == RESPONSE_PIPELINE
    ours = run_order(app)[:len(RESPONSE_PIPELINE)]
    assert tuple(ours) == RESPONSE_PIPELINE  # extensions' own hooks (rate-limit headers, remember me) follow


def test_no_hook_of_the_pipeline_is_registered_anywhere_else(app):
    hooks = run_order(app)
    assert [hooks.count(hook) for hook in RESPONSE_PIPELINE] == [1] * len(RESPONSE_PIPELINE)


def test_a_cached_page_leaves_the_pipeline_filled_and_described(client, demo):
    make_product(demo.acme, "Linen shirt", "SHIRT-1", "19.90", stock=5)
    client.get(f"{SHOP}/p/linen-shirt")  # now served from the cache
    response = client.get(f"{SHOP}/p/linen-shirt", headers={"X-Request-ID": "pipeline-test-1"})
    page = response.get_data(as_text=True)
    nonce = re.search(r'<style nonce="([^"]+)"', page).group(1)
    assert "orion-nonce-" not in page and "orion-csrf-" not in page
    assert f"'nonce-{nonce}'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Request-ID"] == "pipeline-test-1"
    assert int(response.headers["Content-Length"]) == len(response.get_data())
