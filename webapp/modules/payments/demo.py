"""Demo data owned by payments: how the demo stores take payments. Idempotent."""

from __future__ import annotations

from webapp.framework.scoping import store_scope
from webapp.modules.payments.services import find_settings, update_settings
from webapp.modules.tenancy.services import store_id_by_code

DEMO_SETTINGS = {
    "acme": {"enabled_gateways": ["manual", "test"],
             "manual_instructions": "Bank transfer to Acme Trading, IBAN LU28 0019 4006 4475 0000. "
                                    "Put your order number in the reference."},
    "bistro": {"enabled_gateways": ["manual"], "manual_instructions": "Pay at the counter when you pick up."},
}


def seed() -> list[str]:
    done = []
    for code, values in DEMO_SETTINGS.items():
        store_id = store_id_by_code(code)
        if store_id is None:
            continue
        with store_scope(store_id):
            if find_settings(store_id) is None:
                update_settings(store_id, **values)
        done.append(f"{code}: {', '.join(values['enabled_gateways'])}")
    return [f"payment methods: {'; '.join(done)}"]
