"""Storefront listing filters read from a query string: bad values are ignored or clamped."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from webapp.framework.list_filters import filter_text
from webapp.modules.catalog.services.cleaning import strip_controls

SORTS = ("newest", "price_asc", "price_desc", "name")
PRICE_CAP = Decimal("9999999999.99")
MAX_OPTION_FILTERS = 20
OPTION_PART_MAX = 80


@dataclass(frozen=True)
class ListingQuery:
    q: str = ""
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    options: tuple[tuple[str, str], ...] = ()  # (option name, value) pairs, e.g. ("Size", "M")
    in_stock: bool = False
    sort: str = "newest"
    after: str = ""  # keyset cursor of the page to continue from

    @classmethod
    def from_args(cls, args: Mapping) -> ListingQuery:
        """Parse `?q=&min=&max=&opt=Size:M&in_stock=1&sort=&after=`; never raises."""
        sort = args.get("sort", "newest")
        price_min, price_max = _price(args.get("min")), _price(args.get("max"))
        if price_min is not None and price_max is not None and price_min > price_max:
            price_min, price_max = price_max, price_min
        getlist = getattr(args, "getlist", lambda key: [args[key]] if key in args else [])
        term = filter_text(args.get("q"))
        return cls(q=term, price_min=price_min, price_max=price_max,
                   options=parse_options(getlist("opt")), in_stock=args.get("in_stock") in ("1", "on", "true"),
                   sort=sort if sort in SORTS else "newest", after=str(args.get("after", ""))[:600])

    def option_groups(self) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = {}
        for name, value in self.options:
            groups.setdefault(name, []).append(value)
        return groups

    def is_selected(self, name: str, value: str) -> bool:
        return (name, value) in self.options

    def first_page(self) -> ListingQuery:
        return replace(self, after="")

    def url_args(self, **changes) -> dict:
        """The query as URL arguments (for url_for), with `changes` applied; empty ones left out."""
        query = replace(self, **changes)
        args = {"q": query.q, "min": query.price_min, "max": query.price_max,
                "opt": [f"{name}:{value}" for name, value in query.options],
                "in_stock": "1" if query.in_stock else None,
                "sort": query.sort if query.sort != "newest" else None, "after": query.after}
        return {key: value for key, value in args.items() if value not in (None, "", [])}


def _price(raw) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    if not value.is_finite():
        return None
    return min(max(value, Decimal(0)), PRICE_CAP).quantize(Decimal("0.01"))


def parse_options(raw_values) -> tuple[tuple[str, str], ...]:
    pairs = []
    for raw in raw_values[:MAX_OPTION_FILTERS]:
        name, sep, value = strip_controls(str(raw)).partition(":")
        name, value = name.strip()[:OPTION_PART_MAX], value.strip()[:OPTION_PART_MAX]
        if sep and name and value and (name, value) not in pairs:
            pairs.append((name, value))
    return tuple(pairs)
