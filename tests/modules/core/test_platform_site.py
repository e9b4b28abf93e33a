"""The platform's marketing site: home with a call to sign up, features from the enabled modules, pricing."""

from webapp.extensions import db
from webapp.framework.providers import collect_context
from webapp.modules.tenancy.services import apply_module_plan, plan_module_change


def text(client, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status
    return response.get_data(as_text=True)


def test_the_home_page_calls_for_a_signup(client, demo):
    html = text(client, "/platforms/main/")
    assert 'href="/platforms/main/signup"' in html
    assert 'href="/platforms/main/features"' in html and 'href="/platforms/main/pricing"' in html  # the header nav


def test_features_list_the_enabled_modules(client, demo):
    html = text(client, "/platforms/main/features")
    assert "Included in every shop" in html and "Also on Orion" in html
    assert 'id="feature-catalog"' in html and 'id="feature-payments"' in html
    assert 'id="feature-contracts"' not in html and 'id="feature-devtools"' not in html  # no merchant pages


def test_a_module_switched_off_leaves_the_features_page(client, demo):
    assert 'id="feature-orders"' in text(client, "/platforms/loyalty/features")
    apply_module_plan(demo.loyalty.id, plan_module_change(demo.loyalty.id, "orders", False))
    db.session.commit()
    assert 'id="feature-orders"' not in text(client, "/platforms/loyalty/features")
    assert 'id="feature-orders"' in text(client, "/platforms/main/features")


def test_modules_not_built_yet_are_not_advertised(client, demo):
    assert 'id="feature-loyalty"' not in text(client, "/platforms/loyalty/features")  # a definition, no pages


def test_pricing_without_plans_says_free_to_start(client, demo, app):
    with app.test_request_context():
        assert "plans" not in collect_context("pricing", platform=None)
    html = text(client, "/platforms/main/pricing")
    assert "Free to start" in html and 'href="/platforms/main/signup"' in html


def test_pricing_shows_the_plans_a_provider_gives(client, demo, app, monkeypatch):
    from webapp.modules.core.routes import platform as routes

    plans = [{"name": "Starter", "price": "€19", "period": "a month", "trial_days": 14, "highlights": ["1 shop"]}]
    monkeypatch.setattr(routes, "collect_context", lambda frontend, **kw: {"plans": plans} if frontend == "pricing"
                        else {})
    html = text(client, "/platforms/main/pricing")
    assert "Starter" in html and "€19" in html and "14 days free trial" in html and "Free to start" not in html


def test_the_header_offers_sign_up_and_sign_in(client, demo):
    html = text(client, "/platforms/loyalty/pricing")
    assert 'href="/platforms/loyalty/signup"' in html and 'href="/auth/login"' in html
