"""Synthetic, photo-like JPEGs for the demo galleries, tests and benchmarks.

Flat colours compress far better than photos and decode faster, which would
flatter any benchmark. These images mix gradients (sky, ground), shapes
(buildings, people, banners), blur and sensor-like noise, so their size and
decoding cost are close to a phone photo's. Deterministic for a given seed.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def scene(width: int, height: int, seed: int, label: str = "") -> Image.Image:
    rng = random.Random(seed)
    sky_top = tuple(rng.randint(60, 140) for _ in range(3))
    sky_bottom = tuple(min(255, c + rng.randint(60, 110)) for c in sky_top)
    ground = tuple(rng.randint(40, 120) for _ in range(3))
    horizon = int(height * rng.uniform(0.35, 0.6))

    gradient = Image.linear_gradient("L").resize((width, height))
    image = Image.composite(Image.new("RGB", (width, height), sky_bottom), Image.new("RGB", (width, height), sky_top), gradient)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, horizon, width, height], fill=ground)
    for _ in range(rng.randint(4, 9)):  # buildings
        w = rng.randint(width // 12, width // 4)
        h = rng.randint(height // 6, height // 2)
        x = rng.randint(-w // 2, width - w // 2)
        colour = tuple(rng.randint(90, 230) for _ in range(3))
        draw.rectangle([x, horizon - h, x + w, horizon + height // 20], fill=colour)
        for wy in range(horizon - h + 20, horizon, max(24, h // 8)):  # windows
            for wx in range(x + 12, x + w - 12, max(24, w // 6)):
                draw.rectangle([wx, wy, wx + 12, wy + 16], fill=tuple(c // 2 for c in colour))
    for _ in range(rng.randint(25, 60)):  # people
        x = rng.randint(0, width)
        y = rng.randint(horizon, height)
        s = max(6, int((y - horizon + 40) / height * width / 25))
        shirt = tuple(rng.randint(20, 250) for _ in range(3))
        draw.ellipse([x - s // 3, y - s * 2, x + s // 3, y - s * 2 + s // 1.5], fill=(225, 190, 160))
        draw.rectangle([x - s // 2, y - s * 2 + s // 1.5, x + s // 2, y], fill=shirt)
    banner = (rng.randint(150, 220), 20, 30)
    bw = width // 2
    draw.rectangle([width // 4, horizon - height // 3, width // 4 + bw, horizon - height // 3 + height // 12], fill=banner)
    if label:
        draw.text((width // 4 + 20, horizon - height // 3 + 10), label, fill=(255, 230, 120))
    image = image.filter(ImageFilter.GaussianBlur(radius=max(1, width // 1500)))
    noise = Image.effect_noise((width, height), 18).convert("RGB")
    return ImageChops.add(image, noise, scale=1.0, offset=-96)


def jpeg_bytes(image: Image.Image, quality: int = 82, orientation: int = 1, gps: bool = True) -> bytes:
    """Encode like a phone: EXIF with orientation, camera and GPS position."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "Model X"
    exif[ORIENTATION] = orientation
    if gps:
        exif[GPS_IFD] = {1: "N", 2: (21.0, 1.0, 40.0), 3: "E", 4: (105.0, 51.0, 20.0)}
    if orientation in (6, 8):
        # the sensor stored the picture sideways; EXIF says how to turn it
        image = image.transpose(Image.Transpose.ROTATE_90 if orientation == 6 else Image.Transpose.ROTATE_270)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, exif=exif.tobytes(), xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>')
    return buffer.getvalue()


def photo(width: int, height: int, seed: int, label: str = "", orientation: int = 1, quality: int = 82) -> bytes:
    return jpeg_bytes(scene(width, height, seed, label), quality=quality, orientation=orientation)
