"""Every store-dashboard and admin route, tried from the wrong tenant: nothing gets through.

The routes are enumerated from the URL map, so a route added later is tried too. Staff of `acme`
reach nothing of `bistro` and no admin page; a platform admin of `loyalty` reaches nothing of
`main` — not by code, not by id, not through a list filter.
"""

from __future__ import annotations

import itertools
import re

import pytest

from webapp.extensions import db
from webapp.modules.tenancy.services import create_user

pytestmark = pytest.mark.usefixtures("isolated_requests")

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
CONVERTER = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
REFUSED = (403, 404, 405)
# Text that only `main`'s tenants show: a page of another platform must not contain it.
MAIN_ONLY = ("Acme", "acme.test")


def rules(app, prefix: str):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(prefix):
            yield rule


def methods_of(rule) -> list[str]:
    return [m for m in METHODS if m in rule.methods]


def fill(rule, values: dict[str, list[str]]) -> list[str]:
    """Every URL of `rule` with each argument taken from `values` (by argument name)."""
    names = [name for _converter, name in CONVERTER.findall(rule.rule)]
    missing = [name for name in names if name not in values]
    assert not missing, f"{rule.rule}: add candidate values for {missing} to this test"
    urls = []
    for combination in itertools.product(*(values[name] for name in names)):
        chosen = dict(zip(names, combination, strict=True))
        urls.append(CONVERTER.sub(lambda m, chosen=chosen: chosen[m.group(2)], rule.rule))
    return urls


def try_every(client, urls_and_methods, *, host: str = "localhost"):
    """(method, url, status) of every request that was not refused."""
    leaks = []
    for method, url in urls_and_methods:
        response = client.open(url, method=method, headers={"Host": host}, data={})
        if response.status_code not in REFUSED:
            leaks.append((method, url, response.status_code))
    return leaks


@pytest.fixture
def loyalty_admin(demo):
    user = create_user("admin@loyalty.test", "orion-demo", name="Loyalty Admin", platform_role="platform_admin",
                       platform_id=demo.loyalty.id)
    db.session.commit()
    return user


def any_value(_demo) -> dict[str, list[str]]:
    """Arguments for routes the guard must refuse before it looks at them."""
    generic = ["1"]
    return {"store_code": ["bistro"], "code": ["bistro"], "platform_code": ["loyalty"], "path": ["x"],
            **{name: generic for name in NAMED_IDS}}


# Names of id arguments across the modules' routes (a new name fails `fill` until it is listed here).
NAMED_IDS = ("id", "user_id", "merchant_id", "store_id", "message_id", "order_id", "product_id", "variant_id",
             "category_id", "collection_id", "customer_id", "address_id", "image_id", "location_id", "item_id",
             "fulfilment_id", "refund_id", "payment_id", "invitation_id", "role_id", "member_id", "membership_id",
             "domain_id", "entry_id", "job_id", "method_id", "zone_id", "rate_id", "note_id", "token",
             "gateway", "number", "key", "lang", "language", "slug", "section", "kind")
NAMED_IDS += ("tier_id", "subscription_id", "invoice_id")  # billing


@pytest.mark.parametrize("who", ["staff", "owner"])
def test_acme_team_reaches_nothing_of_bistro(app, client, demo, login_as, who):
    login_as(getattr(demo, who))
    values = any_value(demo)
    requests = [(method, url) for rule in rules(app, "/store/<store_code>") for method in methods_of(rule)
                for url in fill(rule, values)]
    assert len(requests) > 50  # the enumeration really covers the dashboard
    assert try_every(client, requests) == []


@pytest.mark.parametrize("who", ["staff", "owner"])
def test_acme_team_reaches_no_admin_page(app, client, demo, login_as, who):
    login_as(getattr(demo, who))
    values = {**any_value(demo), "code": ["acme", "main"], "platform_code": ["main"]}
    requests = [(method, url) for rule in rules(app, "/admin") for method in methods_of(rule)
                for url in fill(rule, values)]
    assert len(requests) > 10
    assert try_every(client, requests) == []


def main_values(demo) -> dict[str, list[str]]:
    """Arguments naming `main`'s things: codes of its platform and store, ids of its rows."""
    acme, owner, staff = demo.acme, demo.owner, demo.staff
    ids = {"user_id": [owner.id, staff.id], "merchant_id": [acme.merchant_id], "store_id": [acme.id],
           "member_id": [owner.id, staff.id], "membership_id": [], "id": []}
    values = {name: ["999999"] for name in NAMED_IDS}
    values.update({name: [str(v) for v in found] or ["999999"] for name, found in ids.items()})
    values.update({"code": ["main", "acme"], "store_code": ["acme"], "platform_code": ["main"], "path": ["x"]})
    return values


def test_a_loyalty_admin_reaches_nothing_of_main_by_code_or_id(app, client, demo, login_as, loyalty_admin):
    login_as(loyalty_admin)
    values = main_values(demo)
    requests = [(method, url) for rule in rules(app, "/admin/") for method in methods_of(rule)
                if "<" in rule.rule for url in fill(rule, values)]
    requests += [(method, url) for rule in rules(app, "/store/<store_code>") for method in methods_of(rule)
                 for url in fill(rule, values)]
    assert try_every(client, requests) == []


def pages_showing_main(app, client, demo) -> list[str]:
    query = (f"?q=acme&platform=main&platform_id={demo.main.id}&store={demo.acme.code}&store_id={demo.acme.id}"
             f"&merchant_id={demo.acme.merchant_id}&actor=owner")
    seen = []
    for rule in rules(app, "/admin"):
        if "<" in rule.rule or "GET" not in rule.methods:
            continue
        for url in (rule.rule, rule.rule + query):
            response = client.get(url)
            page = response.get_data(as_text=True)
            if response.status_code == 200 and any(text in page for text in MAIN_ONLY):
                seen.append(url)
    return seen


def test_a_loyalty_admin_sees_nothing_of_main_in_lists_and_filters(app, client, demo, login_as, loyalty_admin):
    login_as(loyalty_admin)
    assert pages_showing_main(app, client, demo) == []


def test_the_list_scan_does_see_main_for_a_super_admin(app, client, demo, login_as):
    login_as(demo.admin)  # proves the scan above can fail: the same pages show main to a super admin
    assert "/admin/stores" in pages_showing_main(app, client, demo)
