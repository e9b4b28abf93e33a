"""Merchant dashboard: products (list, bulk actions, form, images), categories, collections."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from wtforms import SelectChoice

from webapp.extensions import db
from webapp.framework.auth.access import feature_required, may_change, permission_required
from webapp.framework.errors import OrionError
from webapp.framework.features import feature_enabled, feature_refusal
from webapp.framework.htmx import is_htmx, render
from webapp.framework.limits import check_limit
from webapp.framework.list_filters import filter_choice, filter_text
from webapp.framework.paging import page_number
from webapp.modules.catalog import services
from webapp.modules.catalog.exceptions import InvalidImage, UnknownVariant
from webapp.modules.catalog.forms.groups import CategoryForm, GroupForm, group_data, group_form
from webapp.modules.catalog.forms.images import ImageForm
from webapp.modules.catalog.forms.options import option_labels_editor
from webapp.modules.catalog.forms.products import MAX_VARIANT_ROWS, product_data, product_form, variant_row
from webapp.modules.catalog.views.language import content_language
from webapp.modules.catalog.views.store import (
    apply_error,
    bulk_allowed,
    category_choices,
    conflict_error,
    group_choices,
    image_error,
    image_rows,
    language_tabs,
    product_rows,
    variant_stock,
)

bp = Blueprint("catalog_store", __name__)

PRODUCTS_PAGE, PRODUCTS_TABLE = "catalog/store/products/index.html", "catalog/store/products/_table.html"
PRODUCT_PAGE, PRODUCT_FORM = "catalog/store/products/form.html", "catalog/store/products/_form.html"
IMAGES = "catalog/store/products/_images.html"
OPTION_LABELS_PAGE = "catalog/store/products/options.html"
OPTION_LABELS = "catalog/store/products/_option_labels.html"
BULK_STATUS = {"activate": "active", "archive": "archived", "unpublish": "draft"}


def _language() -> str:
    return content_language(g.store)


def _or_404(record):
    if record is None:
        abort(404)
    return record


def selected_ids() -> list[int]:
    """Product ids ticked in a bulk form; anything that is not a plain id is ignored."""
    return sorted({int(v) for v in request.form.getlist("ids") if v.isdigit() and len(v) < 12})[:500]


def save_form(form, action):
    """Validate `form`, run `action(form.to_input())` and commit; None (errors on the form) if refused."""
    if not form.validate():
        return None
    try:
        result = action(form.to_input())
        db.session.commit()
        return result
    except OrionError as error:
        db.session.rollback()
        apply_error(form, error)
    except IntegrityError:
        db.session.rollback()
        conflict_error(form)
    return None



# --- products: list and bulk actions ----------------------------------------------------------

def _filters(args) -> tuple[str, str]:
    """The list's search term and status, bounded: they are echoed into links and redirects."""
    return filter_text(args.get("q")), filter_choice(args.get("status"), BULK_STATUS.values())


def _list_context(args, message: str | None = None) -> dict:
    term, status = _filters(args)
    page = services.search_products(g.store.id, term=term, status=status, page=page_number(args=args))
    can_edit = may_change("catalog.products.manage")
    rows = product_rows(page.items, _language(), g.store.default_language,
                        services.product_stock(g.store.id, page.items))
    return {"page": page, "rows": rows, "term": term,
            "status_filter": status, "can_edit": can_edit, "can_bulk": can_edit and bulk_allowed(), "message": message,
            "page_url": lambda n: url_for(".product_list", q=term or None, status=status or None, page=n)}


@bp.get("/products")
@permission_required("catalog.products.view")
def product_list():
    return render(PRODUCTS_PAGE, PRODUCTS_TABLE, **_list_context(request.args))


def _run_bulk(action: str, ids: list[int]) -> str:
    if not ids:
        return _("Select at least one product.")
    if action == "delete":
        count, keys = services.delete_products(g.store.id, ids)
        db.session.commit()
        services.remove_files(keys)
        return ngettext("%(num)d product deleted.", "%(num)d products deleted.", count)
    count = services.set_status(g.store.id, ids, BULK_STATUS[action])
    db.session.commit()
    return ngettext("%(num)d product updated.", "%(num)d products updated.", count)


@bp.post("/products/bulk")
@permission_required("catalog.products.manage")
def product_bulk():
    action, ids = request.form.get("action", ""), selected_ids()
    if action not in BULK_STATUS and action != "delete":
        abort(400)
    if len(ids) > 1 and not bulk_allowed():  # without the tier's bulk feature: one product at a time
        return feature_refusal("catalog.bulk_actions")
    message = _run_bulk(action, ids)
    if not is_htmx():
        flash(message, "success")
        term, status = _filters(request.form)
        return redirect(url_for(".product_list", q=term or None, status=status or None), code=303)
    return render(PRODUCTS_PAGE, PRODUCTS_TABLE, trigger="catalog:products-changed",
                  **_list_context(request.form, message))


# --- products: form -----------------------------------------------------------------------------

def _product_form(**kwargs):
    language, default = _language(), g.store.default_language
    categories, collections = services.all_categories(g.store.id), services.all_collections(g.store.id)
    return product_form(g.store, category_choices=category_choices(categories, language, default),
                        collection_choices=group_choices(collections, language, default), **kwargs)


def _keep_collections(form, product=None):
    """Without the tier's collections, the form cannot change them: a product keeps those it had."""
    if not feature_enabled("catalog.collections"):
        form.collections.data = [c.id for c in product.collections] if product else []
    return form


def _image_form(product, **kwargs) -> ImageForm:
    form = ImageForm(**kwargs)
    form.variant.choices = [SelectChoice("", _("All variants"))] + [SelectChoice(str(v.id), v.sku)
                                                                    for v in product.variants]
    return form


def _product_page(form, product=None, *, image_form=None, status: int = 200, partial: str = PRODUCT_FORM,
                  limit=None, image_limit=None):
    texts = services.pick_texts(product.translations, _language(), g.store.default_language) if product else None
    live = product is not None and product.status == "active"
    return render(PRODUCT_PAGE, partial, status=status, form=form, product=product, languages=language_tabs(form),
                  title=texts.name if texts else _("New product"),
                  storefront_url=url_for("catalog_storefront.product_show", slug=texts.slug) if live else None,
                  images=image_rows(product) if product else [],
                  stock=variant_stock(g.store.id, product.variants) if product else {},
                  image_form=image_form or (_image_form(product) if product else None),
                  can_edit=may_change("catalog.products.manage"), max_rows=MAX_VARIANT_ROWS,
                  collections_enabled=feature_enabled("catalog.collections"), limit=limit, image_limit=image_limit)


@bp.get("/products/new")
@permission_required("catalog.products.manage")
def product_new():
    # Said before the merchant types anything: the plan's product limit (refused, or a warn policy).
    return _product_page(_product_form(), limit=check_limit(g.store.id, "products", adding=1))


@bp.post("/products/new")
@permission_required("catalog.products.manage")
def product_create():
    form = _keep_collections(_product_form())
    verdict = check_limit(g.store.id, "products", adding=1)
    if not verdict.allowed:
        form.validate()  # the notice comes with whatever else needs fixing
        return _product_page(form, status=422, limit=verdict)
    product = save_form(form, lambda data: services.create_product(g.store.id, data, actor_id=current_user.id))
    if product is None:
        return _product_page(form, status=422, limit=verdict)
    flash(_("Product created."), "success")
    if verdict.message:  # a warn policy: created, and the merchant learns they are over the plan
        flash(verdict.message, "warning")
    return redirect(url_for(".product_edit", product_id=product.id), code=303)


@bp.get("/products/<int:product_id>")
@permission_required("catalog.products.view")
def product_edit(product_id: int):
    product = _or_404(services.get_product(g.store.id, product_id))
    data = product_data(product)
    data["variants"].append({})  # one blank row for a new variant
    return _product_page(_product_form(data=data), product)


@bp.post("/products/<int:product_id>")
@permission_required("catalog.products.manage")
def product_update(product_id: int):
    product = _or_404(services.get_product(g.store.id, product_id))
    form = _keep_collections(_product_form(), product)
    saved = save_form(form, lambda data: services.update_product(g.store.id, product, data, actor_id=current_user.id))
    if saved is None:
        return _product_page(form, services.get_product(g.store.id, product_id), status=422)
    flash(_("Product saved."), "success")
    return redirect(url_for(".product_edit", product_id=product_id), code=303)


@bp.get("/products/variant-row")
@permission_required("catalog.products.manage")
def variant_new():
    """A blank variant row for the product form, plus the "add" button for the next index."""
    index = request.args.get("index", "")
    if not index.isdigit() or int(index) >= MAX_VARIANT_ROWS:
        abort(404)
    return render_template("catalog/store/products/_variant_added.html", row=variant_row(int(index)),
                           index=int(index), max_rows=MAX_VARIANT_ROWS)


# --- products: images ---------------------------------------------------------------------------

def _images_done(product_id: int, message: str, *, limit=None):
    if not is_htmx():
        flash(message, "success")
        if limit is not None and limit.message:
            flash(limit.message, "warning")
        return redirect(url_for(".product_edit", product_id=product_id, _anchor="product-images"), code=303)
    product = services.get_product(g.store.id, product_id)
    return render(PRODUCT_PAGE, IMAGES, product=product, images=image_rows(product), image_form=_image_form(product),
                  can_edit=True, message=message, image_limit=limit, trigger="catalog:images-changed")


def _storage_verdict(encoded):
    """The plan's storage limit for one more image: how many whole MB it adds to what the store uses."""
    used = services.storage_bytes(g.store.id)
    return check_limit(g.store.id, "storage_mb", adding=services.mb_of(used + encoded.byte_size) - services.mb_of(used))


@bp.post("/products/<int:product_id>/images")
@permission_required("catalog.products.manage")
def image_create(product_id: int):
    product = _or_404(services.get_product(g.store.id, product_id))
    form = _image_form(product)
    if form.validate():
        config = current_app.config
        try:
            encoded = services.encode_upload(form.image.data.stream.read(config["CATALOG_MAX_IMAGE_MB"] * 2**20 + 1),
                                          max_bytes=config["CATALOG_MAX_IMAGE_MB"] * 2**20,
                                          max_pixels=config["CATALOG_MAX_IMAGE_PIXELS"])
            verdict = _storage_verdict(encoded)
            if not verdict.allowed:
                return _product_page(_product_form(data=product_data(product)), product, image_form=form,
                                     status=422, partial=IMAGES, image_limit=verdict)
            services.add_image(g.store.id, product, encoded, alt=form.alt.data or "", variant_id=form.variant.data)
            db.session.commit()
            return _images_done(product_id, _("Image added."), limit=verdict)
        except (InvalidImage, UnknownVariant) as error:
            db.session.rollback()
            form.image.errors.append(image_error(error) if isinstance(error, InvalidImage) else _("Unknown variant."))
    return _product_page(_product_form(data=product_data(product)), product, image_form=form, status=422,
                         partial=IMAGES)


@bp.post("/products/<int:product_id>/images/<int:image_id>/delete")
@permission_required("catalog.products.manage")
def image_delete(product_id: int, image_id: int):
    product = _or_404(services.get_product(g.store.id, product_id))
    keys = _or_404(services.delete_image(g.store.id, product, image_id) or None)
    db.session.commit()
    services.remove_files(keys)
    return _images_done(product_id, _("Image removed."))


# --- products: option names and values per language --------------------------------------------

def _option_labels_page(product, editor=None, *, status: int = 200, message: str | None = None):
    groups = services.product_options(product)
    languages = [code for code in g.store.languages if code != g.store.default_language]
    editor = editor or option_labels_editor(groups, languages, services.stored_labels(g.store.id, groups, languages))
    texts = services.pick_texts(product.translations, _language(), g.store.default_language)
    return render(OPTION_LABELS_PAGE, OPTION_LABELS, status=status, product=product, editor=editor, message=message,
                  title=_("Option names per language: %(product)s", product=texts.name),
                  can_edit=may_change("catalog.products.manage"))


@bp.get("/products/<int:product_id>/options")
@permission_required("catalog.products.view")
def product_options_edit(product_id: int):
    return _option_labels_page(_or_404(services.get_product(g.store.id, product_id)))


@bp.post("/products/<int:product_id>/options")
@permission_required("catalog.products.manage")
def product_options_update(product_id: int):
    product = _or_404(services.get_product(g.store.id, product_id))
    groups = services.product_options(product)
    languages = [code for code in g.store.languages if code != g.store.default_language]
    editor = option_labels_editor(groups, languages, {})
    if not editor.form.validate():
        return _option_labels_page(product, editor, status=422)
    services.save_labels(g.store.id, editor.labels())
    db.session.commit()
    if not is_htmx():
        flash(_("Option names saved."), "success")
        return redirect(url_for(".product_options_edit", product_id=product_id), code=303)
    return _option_labels_page(product, message=_("Option names saved."))


# --- categories ---------------------------------------------------------------------------------

def _category_form(category=None, **kwargs):
    categories = services.all_categories(g.store.id)
    excluded = services.descendant_ids(categories, category.id) if category else set()
    choices = category_choices(categories, _language(), g.store.default_language, exclude=excluded)
    return group_form(g.store, CategoryForm, parent_choices=choices, **kwargs)


GROUP_PAGES = {
    "categories": ("category", _l("New category"), _l("Edit category")),
    "collections": ("collection", _l("New collection"), _l("Edit collection")),
}


def _group_page(kind: str, form, record=None, status: int = 200):
    noun, new_title, edit_title = GROUP_PAGES[kind]
    ids = {f"{noun}_id": record.id} if record is not None else {}
    return render("catalog/store/groups/form.html", "catalog/store/groups/_form.html", status=status, form=form,
                  kind=kind, title=str(edit_title if record else new_title), back_url=url_for(f".{noun}_list"),
                  action=url_for(f".{noun}_update" if record else f".{noun}_create", **ids),
                  delete_action=url_for(f".{noun}_delete", **ids) if record else None)


@bp.get("/categories")
@permission_required("catalog.categories.manage")
def category_list():
    entries = services.category_tree(services.all_categories(g.store.id), _language(), g.store.default_language)
    return render_template("catalog/store/categories/index.html", entries=entries)


@bp.get("/categories/new")
@permission_required("catalog.categories.manage")
def category_new():
    return _group_page("categories", _category_form())


@bp.post("/categories/new")
@permission_required("catalog.categories.manage")
def category_create():
    form = _category_form()
    if save_form(form, lambda data: services.create_category(g.store.id, data)) is None:
        return _group_page("categories", form, status=422)
    flash(_("Category created."), "success")
    return redirect(url_for(".category_list"), code=303)


@bp.get("/categories/<int:category_id>")
@permission_required("catalog.categories.manage")
def category_edit(category_id: int):
    category = _or_404(services.get_category(g.store.id, category_id))
    return _group_page("categories", _category_form(category, data=group_data(category, parent=True)), category)


@bp.post("/categories/<int:category_id>")
@permission_required("catalog.categories.manage")
def category_update(category_id: int):
    category = _or_404(services.get_category(g.store.id, category_id))
    form = _category_form(category)
    if save_form(form, lambda data: services.update_category(g.store.id, category, data)) is None:
        return _group_page("categories", form, services.get_category(g.store.id, category_id), status=422)
    flash(_("Category saved."), "success")
    return redirect(url_for(".category_list"), code=303)


@bp.post("/categories/<int:category_id>/delete")
@permission_required("catalog.categories.manage")
def category_delete(category_id: int):
    services.delete_category(g.store.id, _or_404(services.get_category(g.store.id, category_id)))
    db.session.commit()
    flash(_("Category deleted. Its subcategories moved up one level."), "success")
    return redirect(url_for(".category_list"), code=303)


# --- collections --------------------------------------------------------------------------------

@bp.get("/collections")
@permission_required("catalog.categories.manage")
@feature_required("catalog.collections")
def collection_list():
    collections = services.all_collections(g.store.id)
    rows = [(int(choice.value), choice.label)
            for choice in group_choices(collections, _language(), g.store.default_language)]
    return render_template("catalog/store/collections/index.html", rows=rows)


@bp.get("/collections/new")
@permission_required("catalog.categories.manage")
@feature_required("catalog.collections")
def collection_new():
    return _group_page("collections", group_form(g.store, GroupForm))


@bp.post("/collections/new")
@permission_required("catalog.categories.manage")
@feature_required("catalog.collections")
def collection_create():
    form = group_form(g.store, GroupForm)
    if save_form(form, lambda data: services.save_collection(g.store.id, None, data)) is None:
        return _group_page("collections", form, status=422)
    flash(_("Collection created."), "success")
    return redirect(url_for(".collection_list"), code=303)


@bp.get("/collections/<int:collection_id>")
@permission_required("catalog.categories.manage")
@feature_required("catalog.collections")
def collection_edit(collection_id: int):
    collection = _or_404(services.get_collection(g.store.id, collection_id))
    form = group_form(g.store, GroupForm, data=group_data(collection, parent=False))
    return _group_page("collections", form, collection)


@bp.post("/collections/<int:collection_id>")
@permission_required("catalog.categories.manage")
@feature_required("catalog.collections")
def collection_update(collection_id: int):
    collection = _or_404(services.get_collection(g.store.id, collection_id))
    form = group_form(g.store, GroupForm)
    if save_form(form, lambda data: services.save_collection(g.store.id, collection, data)) is None:
        return _group_page("collections", form, services.get_collection(g.store.id, collection_id), status=422)
    flash(_("Collection saved."), "success")
    return redirect(url_for(".collection_list"), code=303)


@bp.post("/collections/<int:collection_id>/delete")
@permission_required("catalog.categories.manage")
@feature_required("catalog.collections")
def collection_delete(collection_id: int):
    services.delete_collection(g.store.id, _or_404(services.get_collection(g.store.id, collection_id)))
    db.session.commit()
    flash(_("Collection deleted."), "success")
    return redirect(url_for(".collection_list"), code=303)
