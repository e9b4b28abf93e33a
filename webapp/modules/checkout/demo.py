"""Demo data of the checkout module: shipping methods and VAT rates of the demo stores. Idempotent."""

from __future__ import annotations

from webapp.framework.ports import tenant_directory
from webapp.framework.scoping import store_scope
from webapp.modules.checkout import services

DEMO_STORES = ("acme", "bistro")


def seed() -> list[str]:
    lines = []
    for code in DEMO_STORES:
        store = tenant_directory().store(code)
        if store is None:
            continue
        with store_scope(store.id):
            # The first read creates the defaults: standard (4.90, free from 50) and express
            # (9.90) delivery, VAT for LU, FR, DE, BE and NL, prices shown including VAT.
            services.get_settings(store.id)
            methods = services.list_shipping_methods(store.id)
            rates = services.list_tax_rates(store.id)
            gateways = [choice.code for choice in services.gateway_choices(store.id)]
        lines.append(f"{code}: shipping {', '.join(m.code for m in methods)}; VAT for "
                     f"{', '.join(r.country for r in rates)}; payment {', '.join(gateways) or 'none'}")
    return lines
