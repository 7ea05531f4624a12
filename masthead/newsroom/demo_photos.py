"""Pictures for the demo newsroom, painted with Pillow so the repository ships no photo files.

Each scene is a few flat shapes in the article's palette: enough to look like a lead photo at a
glance and to exercise crops, renditions and captions. Same inputs, same bytes.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 1000


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return (int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16))


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def paint(scene: str, palette: list[str], *, seed: str) -> bytes:
    """A JPEG of the named scene in the given three colours (dark, middle, light)."""
    rng = random.Random(seed)
    dark, middle, light = (_hex(c) for c in palette[:3])
    image = Image.new("RGB", (WIDTH, HEIGHT), light)
    draw = ImageDraw.Draw(image)
    horizon = int(HEIGHT * rng.uniform(0.5, 0.62))
    for y in range(horizon):  # sky: light at the horizon, deeper above
        draw.line([(0, y), (WIDTH, y)], fill=_mix(middle, light, y / horizon))
    painter = _SCENES.get(scene, _city)
    painter(draw, rng, horizon, dark, middle, light)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()


Colour = tuple[int, int, int]


def _harbour(
    d: ImageDraw.ImageDraw, rng: random.Random, h: int, dk: Colour, md: Colour, lt: Colour
) -> None:
    d.rectangle([0, h, WIDTH, HEIGHT], fill=_mix(dk, md, 0.4))
    for y in range(h, HEIGHT, 14):  # ripples
        d.line(
            [(rng.randint(0, WIDTH), y), (rng.randint(0, WIDTH), y)],
            fill=_mix(md, lt, 0.3),
            width=2,
        )
    for x in range(80, WIDTH, rng.randint(260, 340)):  # cranes
        top = h - rng.randint(260, 420)
        d.rectangle([x, top, x + 18, h], fill=dk)
        d.line([(x - 120, top + 10), (x + 260, top + 10)], fill=dk, width=12)
        d.line([(x + 200, top + 10), (x + 200, top + 160)], fill=dk, width=3)
    for _ in range(4):  # boats
        x, y = rng.randint(0, WIDTH - 200), rng.randint(h + 60, HEIGHT - 80)
        d.polygon([(x, y), (x + 200, y), (x + 170, y + 40), (x + 30, y + 40)], fill=dk)


def _city(
    d: ImageDraw.ImageDraw, rng: random.Random, h: int, dk: Colour, md: Colour, lt: Colour
) -> None:
    x = 0
    while x < WIDTH:
        w, top = rng.randint(90, 220), h - rng.randint(120, 480)
        d.rectangle([x, top, x + w, HEIGHT], fill=_mix(dk, md, rng.uniform(0, 0.35)))
        for wy in range(top + 20, HEIGHT - 40, 44):
            for wx in range(x + 14, x + w - 24, 36):
                if rng.random() < 0.55:
                    d.rectangle([wx, wy, wx + 16, wy + 22], fill=_mix(lt, (255, 230, 160), 0.4))
        x += w + rng.randint(4, 20)
    d.rectangle([0, HEIGHT - 90, WIDTH, HEIGHT], fill=dk)


def _land(
    d: ImageDraw.ImageDraw,
    rng: random.Random,
    h: int,
    dk: Colour,
    md: Colour,
    lt: Colour,
    rough: int,
) -> None:
    for layer in range(3):
        base = h + layer * 90
        points = [(0, HEIGHT), (0, base)]
        for x in range(0, WIDTH + 100, 100):
            points.append((x, base - rng.randint(0, rough) + layer * 20))
        points.append((WIDTH, HEIGHT))
        d.polygon(points, fill=_mix(md, dk, 0.3 + layer * 0.3))


def _field(
    d: ImageDraw.ImageDraw, rng: random.Random, h: int, dk: Colour, md: Colour, lt: Colour
) -> None:
    _land(d, rng, h, dk, md, lt, rough=40)
    for x in range(-400, WIDTH + 400, 120):  # furrows towards a vanishing point
        d.line([(WIDTH // 2, h), (x, HEIGHT)], fill=_mix(dk, md, 0.5), width=3)


def _hills(
    d: ImageDraw.ImageDraw, rng: random.Random, h: int, dk: Colour, md: Colour, lt: Colour
) -> None:
    _land(d, rng, h - 120, dk, md, lt, rough=220)


def _market(
    d: ImageDraw.ImageDraw, rng: random.Random, h: int, dk: Colour, md: Colour, lt: Colour
) -> None:
    _city(d, rng, h, dk, md, lt)
    for x in range(40, WIDTH, 260):  # awnings
        top = HEIGHT - 330
        for stripe in range(0, 220, 40):
            colour = md if (stripe // 40) % 2 else lt
            d.rectangle([x + stripe, top, x + stripe + 40, top + 70], fill=colour)
        d.rectangle([x, top + 70, x + 220, HEIGHT - 90], fill=_mix(dk, md, 0.2))


def _stadium(
    d: ImageDraw.ImageDraw, rng: random.Random, h: int, dk: Colour, md: Colour, lt: Colour
) -> None:
    d.rectangle([0, h, WIDTH, HEIGHT], fill=_mix(md, (40, 140, 60), 0.6))
    for row in range(8):  # stands
        y = h - 40 - row * 34
        d.rectangle([0, y, WIDTH, y + 30], fill=_mix(dk, md, row / 10))
    d.rectangle([200, h + 120, WIDTH - 200, HEIGHT - 60], outline=lt, width=6)
    d.ellipse(
        [WIDTH // 2 - 110, (h + HEIGHT) // 2 - 70, WIDTH // 2 + 110, (h + HEIGHT) // 2 + 70],
        outline=lt,
        width=6,
    )
    for x in (120, WIDTH - 120):  # floodlights
        d.rectangle([x - 6, 60, x + 6, h], fill=dk)
        d.rectangle([x - 50, 40, x + 50, 90], fill=lt)


def _chamber(
    d: ImageDraw.ImageDraw, rng: random.Random, h: int, dk: Colour, md: Colour, lt: Colour
) -> None:
    d.rectangle([0, 0, WIDTH, HEIGHT], fill=_mix(dk, md, 0.25))
    for row in range(6):  # curved benches
        inset = 120 + row * 90
        d.arc([inset, 300 + row * 60, WIDTH - inset, 1500 - row * 40], 200, 340, fill=lt, width=18)
    for x in range(160, WIDTH, 220):  # columns
        d.rectangle([x, 40, x + 40, 420], fill=_mix(md, lt, 0.5))
    d.rectangle([0, 0, WIDTH, 40], fill=lt)


_SCENES = {
    "harbour": _harbour,
    "city": _city,
    "field": _field,
    "hills": _hills,
    "market": _market,
    "stadium": _stadium,
    "chamber": _chamber,
}
