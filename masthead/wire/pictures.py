"""Getting a wire picture's bytes: from disk next to the JSON, or from the agency's server.

This is the one place that talks to an agency's picture server, so tests replace `fetch_remote`.
"""

from __future__ import annotations

import io
from pathlib import Path

import requests  # already a Wagtail dependency (oEmbed)
from PIL import Image, UnidentifiedImageError

MAX_PICTURE_BYTES = 40 * 1024 * 1024
FETCH_TIMEOUT_SECONDS = 20


class PictureError(Exception):
    """The picture cannot be used; the message says why in words an editor can act on."""


def fetch_remote(url: str) -> bytes:
    try:
        with requests.get(url, timeout=FETCH_TIMEOUT_SECONDS, stream=True) as response:
            response.raise_for_status()
            data = response.raw.read(MAX_PICTURE_BYTES + 1, decode_content=True)
    except requests.RequestException as exc:
        raise PictureError(f"could not download {url}: {exc.__class__.__name__}") from exc
    if len(data) > MAX_PICTURE_BYTES:
        raise PictureError(f"{url} is larger than {MAX_PICTURE_BYTES // (1024 * 1024)} MB")
    return data


def read_local(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_PICTURE_BYTES:
            raise PictureError(f'file "{path.name}" is larger than the 40 MB limit')
        return path.read_bytes()
    except OSError as exc:
        raise PictureError(f'file "{path.name}" cannot be read: {exc.strerror}') from exc


def check_image(data: bytes, name: str) -> None:
    """Raise PictureError unless the bytes are a complete image Pillow can decode."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise PictureError(f'"{name}" is not a picture Masthead can read ({exc})') from exc
