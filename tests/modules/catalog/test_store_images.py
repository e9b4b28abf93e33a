"""Product images: sniffed, verified, re-encoded with a thumbnail; bad uploads are 422 and store nothing."""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.modules.catalog.factories import make_product, png_bytes
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import ProductImage

pytestmark = pytest.mark.usefixtures("isolated_requests")


def upload(client, product_id: int, data: bytes, name: str = "photo.png", store: str = "acme", **extra):
    fields = {"image": (io.BytesIO(data), name), "alt": "Front view", **extra}
    return client.post(f"/store/{store}/catalog/products/{product_id}/images", data=fields,
                       content_type="multipart/form-data", headers=extra.pop("headers", None) or {})


def stored_files(app) -> list[str]:
    root = app.config["MEDIA_ROOT"]
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _s, files in os.walk(root) for f in files)


def images_of(store, product_id: int) -> list[ProductImage]:
    db.session.expire_all()
    with store_scope(store.id):
        return list(db.session.scalars(select(ProductImage).where(ProductImage.product_id == product_id)))


def png_header_claiming(width: int, height: int) -> bytes:
    """A PNG whose header announces a huge image (the pixels are never there)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"") + chunk(b"IEND", b"")


def test_upload_stores_a_webp_a_thumbnail_and_renditions(app, client, owner):
    product = make_product(owner.acme)
    before = stored_files(app)
    response = upload(client, product.id, png_bytes((900, 600)))
    assert response.status_code == 303
    [image] = images_of(owner.acme, product.id)
    assert (image.width, image.height, image.alt) == (900, 600, "Front view")
    assert image.key.startswith(f"catalog/{owner.acme.id}/") and image.key.endswith(".webp")
    stem = image.key.removesuffix(".webp")
    renditions = {320: f"{stem}-320w.webp", 640: f"{stem}-640w.webp"}  # 960 would be an upscale of 900
    new_files = sorted(set(stored_files(app)) - set(before))
    assert new_files == sorted([image.key, image.thumb_key, *renditions.values()])
    from PIL import Image

    with Image.open(os.path.join(app.config["MEDIA_ROOT"], image.thumb_key)) as thumb:
        assert thumb.format == "WEBP" and max(thumb.size) == 400
    for width, key in renditions.items():
        with Image.open(os.path.join(app.config["MEDIA_ROOT"], key)) as rendition:
            assert rendition.format == "WEBP" and rendition.size == (width, round(600 * width / 900))
    media = client.get(f"/media/{renditions[320]}")
    assert media.status_code == 200 and media.mimetype == "image/webp"
    assert "max-age=31536000" in media.headers["Cache-Control"]  # names never change: cache for a year
    media.close()
    page = client.get(f"/store/acme/catalog/products/{product.id}")
    assert image.thumb_key in page.get_data(as_text=True)


def test_a_large_image_gets_every_rendition_width(app, owner):
    from PIL import Image

    from webapp.modules.catalog.services import encode_image

    encoded = encode_image(Image.new("RGB", (1600, 1200), (10, 20, 30)))
    assert sorted(encoded.renditions) == [320, 640, 960]
    with Image.open(io.BytesIO(encoded.renditions[960])) as rendition:
        assert rendition.format == "WEBP" and rendition.size == (960, 720)
    assert encode_image(Image.new("RGB", (300, 300))).renditions == {}  # never upscaled


def test_htmx_upload_returns_the_images_fragment(client, owner, htmx_headers):
    product = make_product(owner.acme)
    response = upload(client, product.id, png_bytes(), headers=htmx_headers)
    assert response.status_code == 200
    assert response.get_data(as_text=True).lstrip().startswith('<section id="product-images"')
    assert response.headers["HX-Trigger"] == "catalog:images-changed"


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"just some text, not an image", "photo.png", "Upload a PNG, JPEG or WebP image"),
    (b"GIF89a" + b"\x00" * 64, "anim.png", "Upload a PNG, JPEG or WebP image"),
    (b"\x89PNG\r\n\x1a\n" + b"garbage" * 20, "broken.png", "The image is damaged or cannot be read."),
    (png_header_claiming(50_000, 50_000), "huge.png", "The image has too many pixels."),
    (png_header_claiming(7_000, 7_000), "big.png", "The image has too many pixels."),
    (b"", "empty.png", "The file is empty."),
])
def test_bad_uploads_are_422_and_store_nothing(app, client, owner, data, name, message):
    product = make_product(owner.acme)
    before = stored_files(app)
    response = upload(client, product.id, data, name)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert images_of(owner.acme, product.id) == []
    assert stored_files(app) == before


def test_pixel_cap_is_checked_before_decoding(app, client, owner, monkeypatch):
    product = make_product(owner.acme)
    monkeypatch.setitem(app.config, "CATALOG_MAX_IMAGE_PIXELS", 100 * 100)
    response = upload(client, product.id, png_bytes((101, 100)))
    assert response.status_code == 422 and "too many pixels" in response.get_data(as_text=True)


def test_size_limit(app, client, owner, monkeypatch):
    product = make_product(owner.acme)
    monkeypatch.setitem(app.config, "CATALOG_MAX_IMAGE_MB", 0)
    response = upload(client, product.id, png_bytes())
    assert response.status_code == 422 and "larger than" in response.get_data(as_text=True)


def test_delete_image_removes_row_and_files(app, client, owner):
    product = make_product(owner.acme)
    upload(client, product.id, png_bytes((500, 400)))
    [image] = images_of(owner.acme, product.id)
    keys = {image.key, image.thumb_key, image.key.replace(".webp", "-320w.webp")}
    assert keys <= set(stored_files(app))
    response = client.post(f"/store/acme/catalog/products/{product.id}/images/{image.id}/delete")
    assert response.status_code == 303
    assert images_of(owner.acme, product.id) == []
    assert keys.isdisjoint(stored_files(app))


def test_other_merchants_cannot_touch_images(client, demo, login_as):
    product = make_product(demo.acme)
    login_as(demo.owner)
    upload(client, product.id, png_bytes())
    [image] = images_of(demo.acme, product.id)
    login_as(demo.bistro_owner)
    assert upload(client, product.id, png_bytes(), store="bistro").status_code == 404
    url = f"/store/bistro/catalog/products/{product.id}/images/{image.id}/delete"
    assert client.post(url).status_code == 404
    assert len(images_of(demo.acme, product.id)) == 1


def test_an_image_stored_before_renditions_gets_the_missing_ones_and_only_those(app, client, owner):
    from PIL import Image

    from webapp.modules.catalog.services import add_missing_renditions

    product = make_product(owner.acme)
    assert upload(client, product.id, png_bytes((900, 600))).status_code == 303
    [image] = images_of(owner.acme, product.id)
    root = app.config["MEDIA_ROOT"]
    older = os.path.join(root, image.key.removesuffix(".webp") + "-320w.webp")
    kept = os.path.join(root, image.key.removesuffix(".webp") + "-640w.webp")
    os.remove(older)  # as an upload from before renditions existed would be
    kept_bytes = Path(kept).read_bytes()
    assert add_missing_renditions(image.key, image.width) == 1
    with Image.open(older) as rendition:
        assert rendition.format == "WEBP" and rendition.size == (320, 213)
    assert Path(kept).read_bytes() == kept_bytes  # an existing copy is left alone
    assert add_missing_renditions(image.key, image.width) == 0  # idempotent
    os.remove(os.path.join(root, image.key))
    assert add_missing_renditions("catalog/gone.webp", 900) == 0  # no source file: nothing to make
