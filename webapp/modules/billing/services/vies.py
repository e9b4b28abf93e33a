"""The real VAT number check: the EU's VIES REST service (`BILLING_VIES = "vies"`).

One POST of `{"countryCode", "vatNumber"}` per check, a short timeout, no retry: when VIES (or the
member state behind it) does not answer, or answers something unreadable, the check gives None and
the invoice falls back to domestic VAT, recording that no valid answer was obtained.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.error
import urllib.request
from datetime import datetime

from webapp.modules.billing.services.vat import ViesAnswer

log = logging.getLogger(__name__)

VIES_URL = "https://ec.europa.eu/taxation_customs/vies/rest-api/check-vat-number"
MAX_TIMEOUT = 5.0
MAX_ANSWER_BYTES = 64 * 1024
# VIES writes Greece "EL", not its ISO code.
VIES_PREFIXES = {"GR": "EL"}
# userError values saying the number itself was judged (anything else: no answer was obtained).
JUDGED = frozenset(("VALID", "INVALID"))


def split_vat_number(vat_number: str) -> tuple[str, str] | None:
    """("DE", "123456789") of "DE 123 456 789"; None when it does not start with two letters."""
    cleaned = re.sub(r"[\s.\-]", "", vat_number or "").upper()
    match = re.fullmatch(r"([A-Z]{2})([0-9A-Z+*]{2,14})", cleaned)
    if match is None:
        return None
    country, number = match.groups()
    return VIES_PREFIXES.get(country, country), number


class ViesClient:
    """`VatChecker` against the VIES REST API (or a server speaking it, in tests)."""

    def __init__(self, url: str = VIES_URL, *, timeout: float = MAX_TIMEOUT) -> None:
        if not url.startswith(("https://", "http://")):
            raise ValueError("the VIES URL must be http(s)")
        self.url = url
        self.timeout = min(float(timeout), MAX_TIMEOUT)

    def check(self, vat_number: str, *, at: datetime) -> ViesAnswer | None:
        parts = split_vat_number(vat_number)
        if parts is None:
            return ViesAnswer(False, at)  # not a VAT number VIES could know
        country, number = parts
        body = json.dumps({"countryCode": country, "vatNumber": number}).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        request = urllib.request.Request(self.url, data=body, method="POST", headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310  # nosec B310
                answer = json.loads(response.read(MAX_ANSWER_BYTES + 1)[:MAX_ANSWER_BYTES])
        except (urllib.error.URLError, OSError, ValueError) as error:
            log.warning("VIES gave no answer for %s: %s", country, error)
            return None
        if not isinstance(answer, dict) or not isinstance(answer.get("valid"), bool):
            log.warning("VIES answered without a verdict for %s: %.200r", country, answer)
            return None
        user_error = str(answer.get("userError") or ("VALID" if answer["valid"] else "INVALID")).upper()
        if user_error not in JUDGED:
            log.warning("VIES could not check a number of %s: %s", country, user_error)
            return None
        reference = str(answer.get("requestIdentifier") or "")[:80]
        return ViesAnswer(answer["valid"] and user_error == "VALID", at, reference)
