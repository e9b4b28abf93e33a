"""Demo product pictures drawn with Pillow: a category's silhouette in the product's colour on a
soft tint of it, with the product's initials on a small tag. Deterministic, so drawn once per process."""

from __future__ import annotations

from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from webapp.modules.catalog.services import EncodedImage, encode_image

SIZE = 800
SCALE = 2  # drawn at twice the size and reduced: smooth edges (ImageDraw does not anti-alias)
COLOURS = {
    "Blue": (52, 95, 170), "Black": (38, 40, 46), "Red": (190, 52, 50), "White": (236, 234, 228),
    "Green": (58, 128, 84), "Grey": (128, 132, 140), "Natural": (214, 196, 160), "Sand": (196, 164, 112),
    "Charcoal": (70, 72, 78),
}
# Colours of products that come in one colour, picked by their number: calm, distinct tones.
PALETTE = ((196, 112, 76), (70, 120, 150), (120, 140, 80), (160, 90, 120), (200, 160, 60), (90, 100, 160),
           (80, 140, 130), (170, 100, 70), (110, 110, 120))


def colour_of(name: str | None, number: int) -> tuple[int, int, int]:
    return COLOURS.get(name or "", PALETTE[number % len(PALETTE)])


def initials(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    return "".join(w[0] for w in words[:2]).upper() or name[:1].upper()


def _mix(colour, other, share: float) -> tuple[int, int, int]:
    return tuple(round(a * (1 - share) + b * share) for a, b in zip(colour, other, strict=True))


def _points(points, s=SCALE):
    return [(x * s, y * s) for x, y in points]


def _shirt(d, c):
    d.polygon(_points([(290, 180), (350, 160), (400, 200), (450, 160), (510, 180), (640, 270), (590, 360),
                       (540, 330), (540, 640), (260, 640), (260, 330), (210, 360), (160, 270)]), fill=c)


def _shoe(d, c):
    d.polygon(_points([(170, 520), (180, 330), (300, 320), (360, 400), (470, 430), (600, 460), (650, 510),
                       (640, 560), (170, 560)]), fill=c)
    d.rectangle(_points([(170, 560), (640, 590)]), fill=_mix(c, (30, 30, 30), 0.5))


def _vase(d, c):
    d.ellipse(_points([(250, 300), (550, 640)]), fill=c)
    d.rectangle(_points([(340, 180), (460, 360)]), fill=c)
    d.ellipse(_points([(320, 160), (480, 210)]), fill=_mix(c, (255, 255, 255), 0.25))


def _pan(d, c):
    d.ellipse(_points([(170, 300), (500, 560)]), fill=c)
    d.ellipse(_points([(210, 330), (460, 530)]), fill=_mix(c, (0, 0, 0), 0.25))
    d.rounded_rectangle(_points([(480, 410), (680, 450)]), radius=20 * SCALE, fill=c)


def _pot(d, c):
    d.polygon(_points([(260, 440), (540, 440), (500, 650), (300, 650)]), fill=c)
    d.rectangle(_points([(240, 410), (560, 460)]), fill=_mix(c, (0, 0, 0), 0.2))
    leaf = _mix(c, (60, 140, 70), 0.7)
    for box in ([(330, 200), (420, 420)], [(250, 260), (390, 400)], [(400, 240), (540, 400)]):
        d.ellipse(_points(box), fill=leaf)


def _book(d, c):
    d.rounded_rectangle(_points([(240, 170), (560, 630)]), radius=14 * SCALE, fill=c)
    d.rectangle(_points([(240, 170), (285, 630)]), fill=_mix(c, (0, 0, 0), 0.25))
    d.rectangle(_points([(330, 250), (510, 270)]), fill=_mix(c, (255, 255, 255), 0.55))
    d.rectangle(_points([(330, 290), (470, 304)]), fill=_mix(c, (255, 255, 255), 0.4))


def _blocks(d, c):
    d.rounded_rectangle(_points([(200, 420), (390, 610)]), radius=16 * SCALE, fill=c)
    d.rounded_rectangle(_points([(410, 420), (600, 610)]), radius=16 * SCALE, fill=_mix(c, (255, 255, 255), 0.3))
    d.rounded_rectangle(_points([(305, 220), (495, 410)]), radius=16 * SCALE, fill=_mix(c, (0, 0, 0), 0.2))


def _plate(d, c):
    d.ellipse(_points([(170, 200), (630, 660)]), fill=(250, 250, 247))
    d.ellipse(_points([(250, 280), (550, 580)]), fill=c)


def _cake(d, c):
    d.polygon(_points([(200, 560), (600, 560), (600, 420), (200, 330)]), fill=c)
    d.polygon(_points([(200, 330), (600, 420), (600, 380), (200, 290)]), fill=_mix(c, (255, 255, 255), 0.6))
    d.ellipse(_points([(250, 220), (320, 290)]), fill=(190, 40, 60))


def _trousers(d, c):
    d.polygon(_points([(280, 170), (520, 170), (560, 650), (440, 650), (400, 330), (360, 650), (240, 650)]), fill=c)
    d.rectangle(_points([(280, 170), (520, 200)]), fill=_mix(c, (0, 0, 0), 0.25))


def _dress(d, c):
    d.polygon(_points([(340, 160), (460, 160), (470, 330), (600, 650), (200, 650), (330, 330)]), fill=c)
    d.rectangle(_points([(330, 320), (470, 345)]), fill=_mix(c, (255, 255, 255), 0.35))


def _scarf(d, c):
    d.rounded_rectangle(_points([(300, 160), (420, 560)]), radius=30 * SCALE, fill=c)
    d.rounded_rectangle(_points([(380, 180), (500, 660)]), radius=30 * SCALE, fill=_mix(c, (0, 0, 0), 0.18))
    for y in range(600, 661, 20):
        d.rectangle(_points([(385, y), (495, y + 8)]), fill=_mix(c, (255, 255, 255), 0.4))


SHAPES = {"trousers": _trousers, "dress": _dress, "scarf": _scarf,
          "apparel": _shirt, "shoes": _shoe, "home": _vase, "kitchen": _pan, "garden": _pot, "books": _book,
          "toys": _blocks, "dishes": _plate, "desserts": _cake}


def shape_for(category: str, name: str) -> str:
    """The category's silhouette, or a closer one the product's name asks for ("Chino trousers")."""
    return next((word for word in name.lower().split() if word in SHAPES), category)


def draw(shape: str, colour: tuple[int, int, int], label: str) -> Image.Image:
    """One product picture, SIZE by SIZE pixels."""
    big = SIZE * SCALE
    image = Image.new("RGB", (big, big), _mix(colour, (250, 248, 244), 0.86))
    d = ImageDraw.Draw(image)
    d.ellipse(_points([(110, 110), (690, 690)]), fill=_mix(colour, (255, 255, 255), 0.74))
    SHAPES.get(shape, _blocks)(d, colour)
    font = ImageFont.load_default(size=34 * SCALE)
    d.rounded_rectangle(_points([(560, 680), (740, 750)]), radius=35 * SCALE, fill=(255, 255, 255))
    d.text(_points([(650, 716)])[0], label, font=font, anchor="mm", fill=_mix(colour, (20, 20, 20), 0.45))
    return image.reduce(SCALE)


@lru_cache(maxsize=256)
def picture(shape: str, colour: tuple[int, int, int], label: str) -> EncodedImage:
    """The encoded files of a demo picture (the seed of the tests runs many times)."""
    return encode_image(draw(shape, colour, label))
