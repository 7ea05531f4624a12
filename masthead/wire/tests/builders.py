"""Wire deliveries for the ingest tests: ninjs 2.x and 1.x items, and the pictures they name.

Everything is written into a temporary folder per test; no wire file or picture is committed.
The items are Northwire copy (the cast's agency) unless a test says otherwise.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path
from typing import Any
from unittest import TestCase

from masthead.lib.testing import jpeg_bytes

HEADLINE = "Ferry returns to Harwick harbour"
STANDFIRST = "The ferry docked at noon after a winter in dry dock."
BODY_HTML = (
    "<p>The ferry docked at <b>noon</b> on Tuesday.</p>"
    "<h2>Crowds on the quay</h2>"
    "<blockquote><p>It is good to have her back.</p><footer>— Ida Berg, harbourmaster</footer>"
    "</blockquote>"
    "<p>Sailings resume on Monday.</p>"
)
NOTICE = "© 2025 Northwire News Agency"
CAPTION = "The ferry comes alongside the quay."
ALT_TEXT = "A white ferry beside a stone quay, people waving."
PHOTOGRAPHER = "Tor Lund"
CREDIT = "NORTHWIRE / Tor Lund"


def ninjs2_item(
    *,
    uri: str = "urn:northwire:2025:ferry",
    version: int = 1,
    headline: str = HEADLINE,
    picture: str | None = "ferry.jpg",
    credit: str = CREDIT,
    **fields: Any,
) -> dict[str, Any]:
    """A ninjs 2.x story by Northwire; `picture` is the feature image href (None: no picture)."""
    item: dict[str, Any] = {
        "$schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json#",
        "uri": uri,
        "type": "text",
        "version": str(version),
        "pubstatus": "usable",
        "language": "en-GB",
        "by": "Northwire",
        "located": "HARWICK",
        "copyrightholder": "Northwire News Agency",
        "copyrightnotice": NOTICE,
        "usageterms": "Editorial use only",
        "headlines": [{"role": "main", "contenttype": "text/plain", "value": headline}],
        "descriptions": [{"role": "summary", "contenttype": "text/plain", "value": STANDFIRST}],
        "bodies": [{"role": "main", "contenttype": "text/html", "value": BODY_HTML}],
        "keywords": ["ferry", "harbour"],
    }
    if picture is not None:
        item["associations"] = [
            {
                "name": "featureimage",
                "uri": f"{uri}:picture",
                "type": "picture",
                "by": PHOTOGRAPHER,
                "copyrightholder": "Northwire News Agency",
                "copyrightnotice": NOTICE,
                "usageterms": "Editorial use only",
                "descriptions": [
                    {"role": "caption", "value": CAPTION},
                    {"role": "alt", "value": ALT_TEXT},
                    {"role": "creditline", "value": credit},
                ],
                "renditions": [{"name": "original", "href": picture, "contenttype": "image/jpeg"}],
            }
        ]
    item.update(fields)
    return item


def ninjs1_item(
    *,
    guid: str = "urn:newsml:sd.northwire.example:2025:ferry",
    version: int = 1,
    headline: str = HEADLINE,
    picture: str | None = "ferry.jpg",
    credit: str = CREDIT,
    **fields: Any,
) -> dict[str, Any]:
    """A ninjs 1.x story shaped as Superdesk sends it; the agency is known by copyright holder."""
    item: dict[str, Any] = {
        "guid": guid,
        "type": "text",
        "version": str(version),
        "pubstatus": "usable",
        "language": "en",
        "headline": headline,
        "byline": "Sam Okafor",
        "located": "HARWICK",
        "copyrightholder": "Northwire News Agency",
        "copyrightnotice": NOTICE,
        "usageterms": "Editorial use only",
        "description_text": STANDFIRST,
        "body_html": BODY_HTML,
        "keywords": ["ferry", "harbour"],
    }
    if picture is not None:
        item["associations"] = {
            "featuremedia": {
                "guid": f"{guid}:picture",
                "type": "picture",
                "byline": PHOTOGRAPHER,
                "creditline": credit,
                "copyrightholder": "Northwire News Agency",
                "copyrightnotice": NOTICE,
                "usageterms": "Editorial use only",
                "description_text": CAPTION,
                "body_text": ALT_TEXT,
                "mimetype": "image/jpeg",
                "renditions": {
                    "thumbnail": {"href": f"thumb-{picture}", "width": 120, "height": 80},
                    "original": {"href": picture, "width": 320, "height": 200},
                },
            }
        }
    item.update(fields)
    return item


class Delivery:
    """A folder of wire files as an agency drops them: JSON items next to their pictures."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def for_test(cls, test: TestCase) -> Delivery:
        """A fresh, empty delivery folder, removed when the test ends."""
        folder = test.enterContext(tempfile.TemporaryDirectory(prefix="wire-test-"))
        return cls(Path(folder))

    def item(self, data: object, name: str = "story.json") -> Path:
        """Write one item (or a list of items) as a JSON file."""
        return self.text(json.dumps(data, ensure_ascii=False, indent=1), name)

    def text(self, text: str, name: str) -> Path:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def picture(self, name: str = "ferry.jpg", colour: str = "#336699") -> Path:
        """Write a small JPEG; pictures of different colours have different bytes."""
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(jpeg_bytes(64, 40, colour))
        return path


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A zip archive holding `members` (name -> content), names taken as they are."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def json_bytes(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()
