"""The product form: texts per language, variants, categories, collections, status."""

from __future__ import annotations

from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import Length, NumberRange, Optional, Regexp, ValidationError

from webapp.modules.catalog.forms.fields import CleanFlaskForm, CleanForm, MoneyField
from webapp.modules.catalog.forms.texts import ProductTextForm, require_default_name, texts_field, texts_input
from webapp.modules.catalog.services.inputs import ProductInput, VariantInput

OPTION_SLOTS = 3
MIN_VARIANT_ROWS = 3
MAX_VARIANT_ROWS = 100
PRICE_MAX = Decimal("9999999999.99")
SKU_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._/-]*$"


def _price_field(label, description=None) -> MoneyField:
    return MoneyField(label, places=2, description=description, validators=[
        Optional(), NumberRange(min=Decimal("0.01"), max=PRICE_MAX, message=_l("Enter an amount above zero."))])


class VariantForm(CleanForm):
    id = HiddenField()
    sku = StringField(_l("SKU"), validators=[Optional(), Length(max=64),
                                             Regexp(SKU_PATTERN, message=_l("Use letters, digits, . _ / - only."))])
    option1 = StringField(_l("Option 1"), validators=[Optional(), Length(max=80)])
    option2 = StringField(_l("Option 2"), validators=[Optional(), Length(max=80)])
    option3 = StringField(_l("Option 3"), validators=[Optional(), Length(max=80)])
    price = _price_field(_l("Price"))
    compare_at_price = _price_field(_l("Compare-at price"))
    stock = IntegerField(_l("Stock"), validators=[Optional(), NumberRange(min=0, max=1_000_000)])
    remove = BooleanField(_l("Remove"))

    def is_blank(self) -> bool:
        return not self.id.data and not any(
            f.raw_data and str(f.raw_data[0]).strip() for f in (self.sku, self.option1, self.option2, self.option3,
                                                                  self.price, self.compare_at_price, self.stock))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.is_blank() or self.remove.data:
            return valid
        # Optional() stops the other validators on an empty field, so "required unless the row
        # is blank" is checked here.
        if not (self.sku.data or "").strip():
            self.sku.errors.append(_("Enter a SKU."))
            valid = False
        if self.price.data is None and not self.price.errors:
            self.price.errors.append(_("Enter a price."))
            valid = False
        return valid

    def validate_compare_at_price(self, field):
        if field.data is not None and self.price.data is not None and field.data <= self.price.data:
            raise ValidationError(_("The compare-at price must be higher than the price."))

    def variant_id(self) -> int | None:
        value = (self.id.data or "").strip()
        return int(value) if value.isdigit() and len(value) < 12 else None


class ProductForm(CleanFlaskForm):
    status = SelectField(_l("Status"), default="draft", choices=[
        SelectChoice("draft", _l("Draft")), SelectChoice("active", _l("Active")),
        SelectChoice("archived", _l("Archived"))])
    featured = BooleanField(_l("Featured on the home page"))
    option_name1 = StringField(_l("Option 1 name"), description=_l("For example Size."),
                               validators=[Optional(), Length(max=40)])
    option_name2 = StringField(_l("Option 2 name"), description=_l("For example Colour."),
                               validators=[Optional(), Length(max=40)])
    option_name3 = StringField(_l("Option 3 name"), validators=[Optional(), Length(max=40)])
    variants = FieldList(FormField(VariantForm), min_entries=MIN_VARIANT_ROWS, max_entries=MAX_VARIANT_ROWS)
    categories = SelectMultipleField(_l("Categories"), coerce=int)
    collections = SelectMultipleField(_l("Collections"), coerce=int)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        valid = require_default_name(self.translations.form, self.default_language,
                                     _("Enter a name in the store's default language.")) and valid
        return self._check_variants() and valid

    def option_names(self) -> list[str]:
        return [(f.data or "").strip() for f in (self.option_name1, self.option_name2, self.option_name3)]

    def _check_variants(self) -> bool:
        rows = [row.form for row in self.variants if not row.form.is_blank() and not row.form.remove.data]
        if not rows:
            self.form_errors.append(_("Add at least one variant with a SKU and a price."))
            return False
        names, valid, seen = self.option_names(), True, set()
        for row in rows:
            values = [(f.data or "").strip() for f in (row.option1, row.option2, row.option3)]
            for name, value, field in zip(names, values, (row.option1, row.option2, row.option3), strict=True):
                if value and not name:
                    field.errors.append(_("Name this option above first."))
                    valid = False
                elif name and not value and len(rows) > 1:
                    field.errors.append(_("Enter a value for %(option)s.", option=name))
                    valid = False
            if tuple(values) in seen:
                row.option1.errors.append(_("Another variant has the same options."))
                valid = False
            seen.add(tuple(values))
        return valid

    def to_input(self) -> ProductInput:
        names = self.option_names()
        variants = []
        for row in (entry.form for entry in self.variants):
            if row.is_blank():
                continue
            options = {name: (f.data or "").strip() for name, f in zip(names, (row.option1, row.option2, row.option3),
                                                                       strict=True) if name and (f.data or "").strip()}
            variants.append(VariantInput(sku=row.sku.data or "", price=row.price.data or Decimal(0), options=options,
                                         compare_at_price=row.compare_at_price.data, id=row.variant_id(),
                                         stock=row.stock.data, remove=bool(row.remove.data)))
        return ProductInput(texts=texts_input(self.translations.form), variants=variants, status=self.status.data,
                            featured=bool(self.featured.data), option_names=[n for n in names if n],
                            category_ids=list(self.categories.data or []),
                            collection_ids=list(self.collections.data or []))


def product_form(store, *, category_choices, collection_choices, **kwargs) -> ProductForm:
    """A product form with one text fieldset per store language."""
    form_class = type("StoreProductForm", (ProductForm,),
                      {"translations": texts_field(store.languages, ProductTextForm)})
    form = form_class(**kwargs)
    form.default_language = store.default_language
    form.categories.choices = category_choices
    form.collections.choices = collection_choices
    return form


def variant_row(index: int) -> VariantForm:
    """A blank variant row named like row `index` of the product form (added with htmx)."""
    return VariantForm(prefix=f"variants-{index}")


def product_data(product) -> dict:
    """Form data of an existing product (texts per language, variants, categories, collections)."""
    names = list(product.option_names or [])[:OPTION_SLOTS]
    names += [""] * (OPTION_SLOTS - len(names))
    texts = {t.language: {"name": t.name, "slug": t.slug, "description": t.description, "seo_title": t.seo_title,
                          "seo_description": t.seo_description} for t in product.translations}
    variants = [{"id": str(v.id), "sku": v.sku, "price": v.price, "compare_at_price": v.compare_at_price,
                 **{f"option{i + 1}": v.options.get(name, "") for i, name in enumerate(names) if name}}
                for v in product.variants]
    return {"status": product.status, "featured": product.featured, "translations": texts, "variants": variants,
            "option_name1": names[0], "option_name2": names[1], "option_name3": names[2],
            "categories": [c.id for c in product.categories], "collections": [c.id for c in product.collections]}
