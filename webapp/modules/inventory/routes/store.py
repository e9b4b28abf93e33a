"""Merchant dashboard: stock list, low stock, item detail with adjustments, locations."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.extensions import db
from webapp.framework.auth.access import feature_required, may_change, permission_required
from webapp.framework.features import feature_enabled, feature_refusal, feature_upgrade_url
from webapp.framework.htmx import is_htmx, render
from webapp.framework.paging import page_number
from webapp.modules.inventory import services
from webapp.modules.inventory.exceptions import DuplicateLocation, NegativeStock, UnknownItem
from webapp.modules.inventory.forms import (
    AdjustForm,
    ItemSettingsForm,
    LocationForm,
    StockSearchForm,
    quick_adjust_form,
)
from webapp.modules.inventory.services.queries import default_threshold, levels_by_location, movements, search_items
from webapp.modules.inventory.views import has_labels, movement_rows, stock_rows, stock_table

bp = Blueprint("inventory_store", __name__)

ITEM_PAGE = "inventory/store/items/show.html"
LOCATIONS_PAGE = "inventory/store/locations/index.html"


def _item_or_404(item_id: int):
    try:
        return services.get_item(g.store.id, item_id)
    except UnknownItem:
        abort(404)


def _nav() -> dict:
    return {"can_manage_locations": may_change("inventory.locations.manage"),
            "low_stock_enabled": feature_enabled("inventory.low_stock_alerts")}


def _empty_texts(filtered) -> dict:
    if filtered:
        return {"empty_title": _("No matching items"), "empty_text": _("No item matches this search or filter.")}
    return {"empty_title": _("No stock items yet"),
            "empty_text": _("Items appear here when products with a SKU are added to the catalog.")}


def _quick_forms(rows, posted: dict | None = None) -> dict:
    """One inline adjustment form per row (the posted one, with its errors, where there is one)."""
    if not may_change("inventory.adjust"):
        return {}
    posted = posted or {}
    return {row.item.id: posted.get(row.item.id) or quick_adjust_form(row.item.id, formdata=None) for row in rows}


def _list_page(args, posted: dict | None = None) -> dict:
    form = StockSearchForm(args)
    valid = form.validate()
    term, low = ((form.q.data or "").strip(), bool(form.low.data)) if valid else ("", False)
    low = low and feature_enabled("inventory.low_stock_alerts")  # the filter belongs to the tier's stock alerts
    page = search_items(g.store.id, term=term, low_only=low, page=page_number())
    table = stock_table(g.store.id, page.items)
    return {"form": form, "page": page, **table, "quick_forms": _quick_forms(table["rows"], posted),
            **_empty_texts(term or low), **_nav(),
            "page_url": lambda n: url_for("inventory_store.item_list", q=term or None, low=low or None, page=n)}


def _row_context(item, form, **extra) -> dict:
    return {"row": stock_rows(g.store.id, [item])[0], "labelled": has_labels(), "quick_forms": {item.id: form},
            **extra}


@bp.get("/")
@permission_required("inventory.view")
def item_list():
    return render("inventory/store/stock/index.html", "inventory/store/stock/_table.html",
                  **_list_page(request.args))


@bp.post("/items/<int:item_id>/quick-adjust")
@permission_required("inventory.adjust")
def item_quick_adjust(item_id: int):
    """The stock list's inline change: htmx swaps the row; without JavaScript, back to the list."""
    item = _item_or_404(item_id)
    form = quick_adjust_form(item.id)
    if form.validate():
        try:
            services.adjust(g.store.id, item.id, form.change.data, reason=form.reason.data, actor_id=current_user.id)
            db.session.commit()
            return _quick_adjusted(item)
        except NegativeStock:
            db.session.rollback()
            form.change.errors = [_("There is not enough stock at the default location to remove that many.")]
    page = _list_page({}, posted={item.id: form})
    return render("inventory/store/stock/index.html", "inventory/store/stock/_row.html", status=422,
                  **{**page, **_row_context(item, form, quick_forms={**page["quick_forms"], item.id: form})})


def _quick_adjusted(item):
    message = _("Stock of %(sku)s updated.", sku=item.sku)
    if not is_htmx():
        flash(message, "success")
        return redirect(url_for("inventory_store.item_list"), code=303)
    return render("inventory/store/stock/_row.html", "inventory/store/stock/_row.html",
                  trigger="inventory:stock-adjusted",
                  **_row_context(item, quick_adjust_form(item.id, formdata=None), message=message))


@bp.get("/low-stock")
@permission_required("inventory.view")
@feature_required("inventory.low_stock_alerts")
def low_stock_list():
    page = services.low_stock(g.store.id, page=page_number())
    table = stock_table(g.store.id, page.items)
    return render("inventory/store/stock/low.html", "inventory/store/stock/_table.html",
                  page=page, **table, quick_forms=_quick_forms(table["rows"]),
                  empty_title=_("Nothing is running low"), empty_text=_("Every tracked item is above its alert level."),
                  page_url=lambda n: url_for("inventory_store.low_stock_list", page=n), **_nav())


def _item_context(item, form: AdjustForm | None = None, settings: ItemSettingsForm | None = None) -> dict:
    """Everything the item page and its panels show."""
    store_id = g.store.id
    levels = levels_by_location(store_id, item.id)
    can_adjust = may_change("inventory.adjust")
    if can_adjust:
        form = form or AdjustForm(formdata=None, locations=[location for location, _qty in levels])
        settings = settings or ItemSettingsForm(formdata=None, obj=item)
    ledger = movements(store_id, item.id, page=page_number())
    return {"item": item, "row": stock_rows(store_id, [item])[0], "levels": levels, "form": form,
            "settings": settings, "default_threshold": default_threshold(), "can_adjust": can_adjust, "ledger": ledger,
            "movements": movement_rows(ledger.items),
            "ledger_url": lambda n: url_for("inventory_store.item_show", item_id=item.id, page=n)}


@bp.get("/items/<int:item_id>")
@permission_required("inventory.view")
def item_show(item_id: int):
    """The item page; htmx asks for its ledger only (pagination, refresh after a change)."""
    item = _item_or_404(item_id)
    return render(ITEM_PAGE, "inventory/store/items/_movements.html", **_item_context(item), **_nav())


@bp.post("/items/<int:item_id>/adjust")
@permission_required("inventory.adjust")
def item_adjust(item_id: int):
    item = _item_or_404(item_id)
    form = AdjustForm(locations=services.list_locations(g.store.id))
    if form.validate():
        try:
            services.adjust(g.store.id, item.id, form.change.data, reason=form.reason.data,
                            note=(form.note.data or "").strip(), location_id=form.location.data,
                            actor_id=current_user.id)
            db.session.commit()
            return _adjusted(item, form)
        except NegativeStock:
            db.session.rollback()
            form.change.errors = [_("There is not enough stock at this location to remove that many.")]
    return render(ITEM_PAGE, "inventory/store/items/_panel.html", status=422, **_item_context(item, form),
                  **_nav())


def _adjusted(item, form: AdjustForm):
    message = _("Stock of %(sku)s updated.", sku=item.sku)
    if not is_htmx():
        flash(message, "success")
        return redirect(url_for("inventory_store.item_show", item_id=item.id), code=303)
    # A fresh form that keeps location and reason: people often record several changes in a row.
    fresh = AdjustForm(formdata=None, locations=services.list_locations(g.store.id), location=form.location.data,
                       reason=form.reason.data)
    return render(ITEM_PAGE, "inventory/store/items/_panel.html", message=message,
                  trigger="inventory:stock-adjusted", **_item_context(item, fresh), **_nav())


@bp.post("/items/<int:item_id>/settings")
@permission_required("inventory.adjust")
def item_settings_update(item_id: int):
    item = _item_or_404(item_id)
    form = ItemSettingsForm()
    if not form.validate():
        return render(ITEM_PAGE, "inventory/store/items/_panel.html", status=422,
                      **_item_context(item, settings=form), **_nav())
    services.update_item(g.store.id, item.id, track_stock=form.track_stock.data,
                         low_stock_threshold=form.low_stock_threshold.data)
    db.session.commit()
    message = _("Settings of %(sku)s saved.", sku=item.sku)
    if not is_htmx():
        flash(message, "success")
        return redirect(url_for("inventory_store.item_show", item_id=item.id), code=303)
    return render(ITEM_PAGE, "inventory/store/items/_panel.html", message=message,
                  trigger="inventory:item-updated", **_item_context(item), **_nav())


def _can_add_location(locations) -> bool:
    # The first location is always allowed; more of them are a tier feature.
    return not locations or feature_enabled("inventory.multi_location")


def _locations_page(form: LocationForm, *, status: int = 200, **extra):
    locations = services.list_locations(g.store.id)
    can_add = _can_add_location(locations)
    return render(LOCATIONS_PAGE, "inventory/store/locations/_locations.html", status=status, form=form,
                  locations=locations, can_add=can_add,
                  upgrade_url=None if can_add else feature_upgrade_url("inventory.multi_location"), **extra, **_nav())


@bp.get("/locations")
@permission_required("inventory.locations.manage")
def location_list():
    return _locations_page(LocationForm(formdata=None))


@bp.post("/locations")
@permission_required("inventory.locations.manage")
def location_create():
    if not _can_add_location(services.list_locations(g.store.id)):
        return feature_refusal("inventory.multi_location")
    form = LocationForm()
    if form.validate():
        try:
            location = services.add_location(g.store.id, form.name.data)
            db.session.commit()
            return _location_created(location)
        except DuplicateLocation:
            db.session.rollback()
            form.name.errors = [_("A location with this name already exists.")]
    return _locations_page(form, status=422)


def _location_created(location):
    message = _("Location %(name)s added.", name=location.name)
    if not is_htmx():
        flash(message, "success")
        return redirect(url_for("inventory_store.location_list"), code=303)
    return _locations_page(LocationForm(formdata=None), message=message, trigger="inventory:location-created")
