"""Image renditions: narrower WebP copies stored beside the image, named after its key.

`catalog/1/ab12.webp` (the source, `width` pixels wide) has `catalog/1/ab12-320w.webp`, `-640w`
and `-960w` for every width below its own; the names follow from the key and the width the row
already holds, so no column lists them and a template can build a `srcset` without a query.
"""

from __future__ import annotations

from dataclasses import dataclass

from webapp.modules.catalog.services.snapshots import image_url

WIDTHS = (320, 640, 960)


def widths_below(width: int) -> list[int]:
    """The rendition widths made for a source `width` pixels wide (never an upscale)."""
    return [w for w in WIDTHS if w < width]


def rendition_key(key: str, width: int) -> str:
    stem, dot, extension = key.rpartition(".")
    return f"{stem}-{width}w{dot}{extension}" if dot else f"{key}-{width}w"


def rendition_keys(key: str, width: int) -> list[str]:
    return [rendition_key(key, w) for w in widths_below(width)]


@dataclass(frozen=True)
class Sources:
    """What an `<img>` needs: a fallback `src`, a `srcset` of widths, and its intrinsic size."""

    src: str | None
    srcset: str
    width: int
    height: int


def sources(key: str, width: int, height: int, *, fallback: int = 640) -> Sources:
    """Every rendition of the image plus the source itself; `src` is the largest up to `fallback`."""
    candidates = [(w, image_url(rendition_key(key, w))) for w in widths_below(width)] + [(width, image_url(key))]
    if any(url is None for _w, url in candidates):
        return Sources(None, "", width, height)
    src = next((url for w, url in reversed(candidates) if w <= fallback), candidates[0][1])
    return Sources(src, ", ".join(f"{url} {w}w" for w, url in candidates), width, height)
