"""Read IPTC ninjs news items (1.x and 2.x) into plain, validated Python objects.

ninjs 1.x (as emitted by Superdesk) uses singular fields -- ``headline``, ``body_html``,
``description_text`` -- and objects keyed by name for ``associations`` and ``renditions``.
ninjs 2.x uses arrays of ``{"role", "contenttype", "value"}`` objects (``headlines``,
``descriptions``, ``bodies``) and arrays for ``associations`` and ``renditions``.

Every problem is reported as a :class:`NinjsError` naming the offending field path, so an
editor importing a file can be told exactly what to fix. This module has no Django imports.
"""

from __future__ import annotations

import json
import math
import mimetypes
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from masthead.wire.body import html_to_text

Shape = Literal["ninjs1", "ninjs2"]
PubStatus = Literal["usable", "withheld", "canceled"]

_PUBSTATUSES: dict[str, PubStatus] = {
    "usable": "usable",
    "withheld": "withheld",
    "canceled": "canceled",
}
_FEATURE_NAMES = frozenset({"featuremedia", "featureimage"})
_PICTURE_OR_UNTYPED = frozenset({"picture", ""})
_ALT_ROLES = frozenset(
    {"alt", "alternative", "alttext", "alt_text", "alternativetext", "accessibility"}
)
_CREDIT_ROLES = frozenset({"creditline", "credit", "credit_line"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_LOOKS_LIKE_HTML = re.compile(r"<[a-zA-Z!/]")
_SCHEMA_MAJOR = re.compile(r"ninjs-schema_v?(\d+)", re.IGNORECASE)
_HAS_TIME = re.compile(r"\d[T ]\d")
# camelCase keys introduced by ninjs 3; silently ignoring "embargoedUntil" would publish
# embargoed copy, so their presence is an error rather than something to skip.
_NINJS3_KEYS = ("embargoedUntil", "versionCreated", "firstCreated", "pubStatus")
_DATE_EXAMPLE = '"2024-05-01T14:30:00Z"'


class NinjsError(ValueError):
    """One problem with one item.

    ``field`` is the ninjs field path (e.g. ``"headlines[0].value"``,
    ``"associations.featuremedia.renditions"``), or ``"(item)"`` / ``"(file)"`` for problems
    with the item or file as a whole; ``message`` says what to fix.
    """

    field: str
    message: str

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class WirePicture:
    """The feature picture of a wire story and its metadata."""

    href: str
    path: Path | None
    mimetype: str
    caption: str
    alt_text: str
    photographer: str
    credit_line: str
    copyright_holder: str
    copyright_notice: str
    usage_terms: str


@dataclass(frozen=True)
class WireStory:
    """One wire story, normalised from either ninjs shape."""

    shape: Shape
    uri: str
    version: int
    version_created: datetime | None
    first_created: datetime | None
    pubstatus: PubStatus
    embargoed: datetime | None
    headline: str
    standfirst: str
    byline: str
    located: str
    copyright_holder: str
    copyright_notice: str
    usage_terms: str
    language: str
    body_html: str
    keywords: tuple[str, ...]
    picture: WirePicture | None


@dataclass(frozen=True)
class _Text:
    """One entry of a ninjs 2 headlines/descriptions/bodies array."""

    path: str
    role: str
    contenttype: str
    value: str

    @property
    def is_html(self) -> bool:
        if self.contenttype:
            return self.contenttype in _HTML_TYPES
        return bool(_LOOKS_LIKE_HTML.search(self.value))

    @property
    def is_plain(self) -> bool:
        if self.contenttype:
            return self.contenttype == "text/plain"
        return not self.is_html

    def as_text(self) -> str:
        return html_to_text(self.value) if self.is_html else self.value


@dataclass(frozen=True)
class _Rendition:
    path: str
    name: str
    href: str
    mimetype: str
    area: float | None


# --------------------------------------------------------------------------- public API


def detect_shape(data: Mapping[str, object]) -> Shape:
    """Tell a ninjs 2.x item from a 1.x one.

    2.x is recognised by its plural arrays (``headlines``/``descriptions``/``bodies``), a
    ninjs 2 ``$schema``/``standard``, or ``associations``/``renditions`` given as lists; 1.x
    by ``headline``, ``body_html``, ``body_text``, ``description_text``/``_html`` or an
    ``associations`` object. Raises :class:`NinjsError` for anything else, and for ninjs 3.
    """
    declared = _declared_version(data)
    major = declared[1] if declared else None
    if declared and declared[1] >= 3:
        raise NinjsError(
            declared[0],
            f"this is a ninjs {major}.x item, which is not supported; "
            "ask the provider for ninjs 2.x or 1.x",
        )
    for key in _NINJS3_KEYS:
        if key in data:
            raise NinjsError(
                key,
                "camelCase fields are ninjs 3.x, which is not supported; "
                "ask the provider for ninjs 2.x or 1.x",
            )
    if (
        major == 2
        or any(key in data for key in ("headlines", "descriptions", "bodies"))
        or isinstance(data.get("associations"), list)
        or isinstance(data.get("renditions"), list)
    ):
        return "ninjs2"
    if (
        major == 1
        or any(
            key in data
            for key in (
                "headline",
                "body_html",
                "body_text",
                "description_text",
                "description_html",
            )
        )
        or isinstance(data.get("associations"), dict)
    ):
        return "ninjs1"
    raise NinjsError(
        "headline",
        'unknown shape: found neither a ninjs 1.x "headline"/"body_html" nor ninjs 2.x '
        '"headlines"/"bodies"; is this a ninjs news item?',
    )


def parse_item(data: object, *, base_dir: Path | None) -> WireStory:
    """Validate one ninjs item and return it as a :class:`WireStory`.

    ``base_dir`` is the folder that relative and ``file://`` rendition hrefs are resolved
    against (local files must lie inside it); pass ``None`` when there is no such folder,
    in which case only http(s) pictures are accepted. Raises :class:`NinjsError`.
    """
    if not isinstance(data, dict):
        raise NinjsError("(item)", f"expected a JSON object for a news item, got {_describe(data)}")
    shape = detect_shape(data)
    if shape == "ninjs2":
        headline = _headline_v2(data)
        standfirst = _standfirst_v2(data)
        byline = _string(data, "by") or _string(data, "byline")
        body_html = _body_v2(data)
        subject_key = "subjects"
    else:
        headline = _required_string(data, "headline")
        standfirst = _string(data, "description_text") or html_to_text(
            _string(data, "description_html")
        )
        byline = _string(data, "byline") or _string(data, "by")
        body_html = _body_v1(data)
        subject_key = "subject"
    return WireStory(
        shape=shape,
        uri=_uri(data),
        version=_version(data),
        version_created=_datetime(data, "versioncreated"),
        first_created=_datetime(data, "firstcreated"),
        pubstatus=_pubstatus(data),
        embargoed=_datetime(data, "embargoed"),
        headline=" ".join(headline.split()),
        standfirst=standfirst,
        byline=byline,
        located=_string(data, "located"),
        copyright_holder=_string(data, "copyrightholder"),
        copyright_notice=_string(data, "copyrightnotice"),
        usage_terms=_string(data, "usageterms"),
        language=_string(data, "language"),
        body_html=body_html,
        keywords=_keywords(data, subject_key),
        picture=_picture(data, shape, base_dir),
    )


def load_file(path: Path) -> list[WireStory | NinjsError]:
    """Read one JSON file holding an item, an array of items, or ``{"items": [...]}``.

    Returns one entry per item, in file order: the parsed story or the error for that item
    (one bad item does not stop the others). A file that cannot be read or decoded gives a
    single ``NinjsError("(file)", …)``. An empty array gives an empty list.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [NinjsError("(file)", f"cannot read the file: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [NinjsError("(file)", f"not UTF-8 text (bad byte at offset {exc.start})")]
    if not text.strip():
        return [NinjsError("(file)", "the file is empty; expected a ninjs JSON object or array")]
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        return [
            NinjsError("(file)", f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")
        ]
    except RecursionError:
        return [NinjsError("(file)", "invalid JSON: nested too deeply")]

    if isinstance(document, dict) and "items" in document:
        items = document["items"]
        if not isinstance(items, list):
            return [NinjsError("items", f"must be a list of news items, got {_describe(items)}")]
    elif isinstance(document, list):
        items = document
    elif isinstance(document, dict):
        items = [document]
    else:
        return [
            NinjsError(
                "(file)",
                f"expected a JSON object or an array of items, got {_describe(document)}",
            )
        ]

    results: list[WireStory | NinjsError] = []
    for item in items:
        try:
            results.append(parse_item(item, base_dir=path.parent))
        except NinjsError as exc:
            results.append(exc)
    return results


# ------------------------------------------------------------------------- basic fields


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {json.dumps(value, ensure_ascii=False)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _string(obj: Mapping[str, object], key: str, prefix: str = "") -> str:
    """An optional string field, stripped; missing or null gives ``""``."""
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise NinjsError(_join(prefix, key), f"must be a string, got {_describe(value)}")
    return value.strip()


def _required_string(obj: Mapping[str, object], key: str) -> str:
    if obj.get(key) is None:
        raise NinjsError(key, "missing; every story needs one")
    value = _string(obj, key)
    if not value:
        raise NinjsError(key, "is empty; every story needs one")
    return value


def _uri(data: Mapping[str, object]) -> str:
    uri = _string(data, "uri") or _string(data, "guid")
    if not uri:
        raise NinjsError("uri", 'missing; each item needs a unique "uri" (or "guid" in ninjs 1.x)')
    return uri


def _version(data: Mapping[str, object]) -> int:
    value = data.get("version")
    hint = 'must be a whole number such as "3"'
    if value is None:
        return 1
    if isinstance(value, bool):
        raise NinjsError("version", f"{hint}, got {_describe(value)}")
    if isinstance(value, float):
        if not value.is_integer():
            raise NinjsError("version", f"{hint}, got {_describe(value)}")
        value = int(value)
    if isinstance(value, str):
        digits = value.strip()
        if not digits:
            return 1
        if not digits.isascii() or not digits.isdigit():
            raise NinjsError("version", f"{hint}, got {_describe(value)}")
        value = int(digits)
    if not isinstance(value, int):
        raise NinjsError("version", f"{hint}, got {_describe(value)}")
    if value < 0:
        raise NinjsError("version", f"{hint} (zero or more), got {value}")
    return value


def _datetime(obj: Mapping[str, object], key: str, prefix: str = "") -> datetime | None:
    field = _join(prefix, key)
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise NinjsError(
            field, f"must be an ISO 8601 date-time such as {_DATE_EXAMPLE}, got {_describe(value)}"
        )
    text = value.strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise NinjsError(
            field, f"must be an ISO 8601 date-time such as {_DATE_EXAMPLE}, got {_describe(value)}"
        ) from None
    if not _HAS_TIME.search(text):
        raise NinjsError(
            field,
            f"needs a time as well as a date, such as {_DATE_EXAMPLE}, got {_describe(value)}",
        )
    if parsed.tzinfo is None:
        # ninjs producers that omit the offset mean UTC; a naive datetime would be read in
        # the server's local time zone instead.
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _pubstatus(data: Mapping[str, object]) -> PubStatus:
    text = _string(data, "pubstatus")
    if not text:
        return "usable"
    status = _PUBSTATUSES.get(text.lower())
    if status is None:
        raise NinjsError(
            "pubstatus",
            f'must be "usable", "withheld" or "canceled", got {_describe(text)}',
        )
    return status


def _declared_version(data: Mapping[str, object]) -> tuple[str, int] | None:
    """The ninjs major version an item declares, with the field that declares it."""
    schema = data.get("$schema")
    if isinstance(schema, str):
        match = _SCHEMA_MAJOR.search(schema)
        if match:
            return "$schema", int(match.group(1))
    for key in ("standard", "$standard"):
        standard = data.get(key)
        if not isinstance(standard, dict):
            continue
        name, version = standard.get("name"), standard.get("version")
        if isinstance(name, str) and name.strip().lower() == "ninjs" and isinstance(version, str):
            head = version.strip().split(".")[0]
            if head.isascii() and head.isdigit():
                return f"{key}.version", int(head)
    return None


# ------------------------------------------------------------------- ninjs 2 text arrays


def _texts(obj: Mapping[str, object], key: str, prefix: str = "") -> list[_Text] | None:
    """The ``[{"role", "contenttype", "value"}]`` array at ``key``; ``None`` if absent."""
    field = _join(prefix, key)
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, list):
        raise NinjsError(
            field, f'must be a list of {{"value": "..."}} objects, got {_describe(value)}'
        )
    texts: list[_Text] = []
    for index, entry in enumerate(value):
        path = f"{field}[{index}]"
        if not isinstance(entry, dict):
            raise NinjsError(
                path, f'must be an object like {{"value": "..."}}, got {_describe(entry)}'
            )
        if entry.get("value") is None:
            raise NinjsError(f"{path}.value", "missing; each entry needs a text value")
        texts.append(
            _Text(
                path=path,
                role=_string(entry, "role", path).lower(),
                contenttype=_string(entry, "contenttype", path).split(";")[0].strip().lower(),
                value=_string(entry, "value", path),
            )
        )
    return texts


def _by_role(texts: list[_Text], roles: frozenset[str]) -> _Text | None:
    return next((text for text in texts if text.role in roles), None)


def _headline_v2(data: Mapping[str, object]) -> str:
    texts = _texts(data, "headlines")
    if texts is None:
        raise NinjsError("headlines", 'missing; add "headlines": [{"value": "..."}]')
    if not texts:
        raise NinjsError("headlines", 'is an empty list; add at least one {"value": "..."}')
    chosen = _by_role(texts, frozenset({"main"})) or texts[0]
    headline = chosen.as_text()
    if not headline:
        raise NinjsError(f"{chosen.path}.value", "is empty; every story needs a headline")
    return headline


def _standfirst_v2(data: Mapping[str, object]) -> str:
    texts = _texts(data, "descriptions") or []
    chosen = _by_role(texts, frozenset({"summary"})) or (texts[0] if texts else None)
    return chosen.as_text() if chosen else ""


def _body_v2(data: Mapping[str, object]) -> str:
    bodies = _texts(data, "bodies") or []
    main = frozenset({"main"})
    html = [body for body in bodies if body.is_html]
    chosen = _by_role(html, main) or (html[0] if html else None)
    if chosen:
        return chosen.value
    plain = [body for body in bodies if body.is_plain]
    chosen = _by_role(plain, main) or (plain[0] if plain else None)
    return _plain_to_html(chosen.value) if chosen else ""


def _body_v1(data: Mapping[str, object]) -> str:
    body = _string(data, "body_html") or _string(data, "body_xhtml")
    if body:
        return body
    return _plain_to_html(_string(data, "body_text"))


def _plain_to_html(text: str) -> str:
    # Wire plain-text bodies put one paragraph per line; escaping here keeps the caller's
    # single code path (html_to_blocks) working for plain text too.
    lines = (line.strip() for line in text.splitlines())
    return "".join(f"<p>{escape(line, quote=False)}</p>" for line in lines if line)


def _keywords(data: Mapping[str, object], subject_key: str) -> tuple[str, ...]:
    found: list[str] = []
    keywords = data.get("keywords")
    if keywords is not None:
        if not isinstance(keywords, list):
            raise NinjsError("keywords", f"must be a list of strings, got {_describe(keywords)}")
        for index, keyword in enumerate(keywords):
            if not isinstance(keyword, str):
                raise NinjsError(
                    f"keywords[{index}]", f"must be a string, got {_describe(keyword)}"
                )
            found.append(keyword.strip())
    subjects = data.get(subject_key)
    if subjects is not None:
        if not isinstance(subjects, list):
            raise NinjsError(
                subject_key, f'must be a list of {{"name": ...}} objects, got {_describe(subjects)}'
            )
        for index, subject in enumerate(subjects):
            path = f"{subject_key}[{index}]"
            if not isinstance(subject, dict):
                raise NinjsError(path, f"must be an object, got {_describe(subject)}")
            found.append(_string(subject, "name", path))
    # Tags differing only in case would become duplicate tags on the article.
    seen: set[str] = set()
    unique: list[str] = []
    for keyword in found:
        folded = keyword.casefold()
        if keyword and folded not in seen:
            seen.add(folded)
            unique.append(keyword)
    return tuple(unique)


# ---------------------------------------------------------------------------- pictures


def _picture(data: Mapping[str, object], shape: Shape, base_dir: Path | None) -> WirePicture | None:
    associations = data.get("associations")
    if associations is None:
        return None
    found: tuple[str, Mapping[str, object]] | None
    if isinstance(associations, dict):
        found = _pick_association_v1(associations)
    elif isinstance(associations, list):
        found = _pick_association_v2(associations)
    else:
        expected = "an object keyed by name" if shape == "ninjs1" else "a list of objects"
        raise NinjsError("associations", f"must be {expected}, got {_describe(associations)}")
    if found is None:
        return None
    prefix, item = found
    return _build_picture(item, prefix, base_dir)


def _association_type(item: Mapping[str, object], prefix: str) -> str:
    return _string(item, "type", prefix).lower()


def _pick_association_v1(
    associations: Mapping[str, object],
) -> tuple[str, Mapping[str, object]] | None:
    entries: list[tuple[str, str, Mapping[str, object]]] = []
    for name, item in associations.items():
        path = f"associations.{name}"
        if item is None:
            continue
        if not isinstance(item, dict):
            raise NinjsError(path, f"must be an object, got {_describe(item)}")
        entries.append((name, path, item))
    for name, path, item in entries:
        if name in _FEATURE_NAMES and _association_type(item, path) in _PICTURE_OR_UNTYPED:
            return path, item
    for _name, path, item in entries:
        if _association_type(item, path) == "picture":
            return path, item
    return None


def _pick_association_v2(associations: list[object]) -> tuple[str, Mapping[str, object]] | None:
    entries: list[tuple[str, Mapping[str, object]]] = []
    for index, item in enumerate(associations):
        path = f"associations[{index}]"
        if not isinstance(item, dict):
            raise NinjsError(path, f"must be an object, got {_describe(item)}")
        entries.append((path, item))
    for path, item in entries:
        labels = {_string(item, "name", path).lower(), _string(item, "role", path).lower()}
        if labels & _FEATURE_NAMES and _association_type(item, path) in _PICTURE_OR_UNTYPED:
            return path, item
    for path, item in entries:
        if _association_type(item, path) == "picture":
            return path, item
    return None


def _build_picture(item: Mapping[str, object], prefix: str, base_dir: Path | None) -> WirePicture:
    rendition = _best_rendition(item, prefix)
    local = _resolve_href(rendition.href, f"{rendition.path}.href", base_dir)
    mimetype = rendition.mimetype or _string(item, "mimetype", prefix).lower()
    if not mimetype:
        guessed, _ = mimetypes.guess_type(urlsplit(rendition.href).path)
        mimetype = guessed or ""

    descriptions = _texts(item, "descriptions", prefix) or []
    caption_entry = _by_role(descriptions, frozenset({"caption"})) or next(
        (d for d in descriptions if d.role not in _ALT_ROLES | _CREDIT_ROLES), None
    )
    description_text = _string(item, "description_text", prefix) or html_to_text(
        _string(item, "description_html", prefix)
    )
    body_text = _string(item, "body_text", prefix)
    caption = (caption_entry.as_text() if caption_entry else "") or description_text or body_text

    alt_entry = _by_role(descriptions, _ALT_ROLES)
    # Superdesk's ninjs 1.x puts a picture's alt text in body_text (the caption travels in
    # description_text), so body_text only counts as alt text when it is not the caption.
    superdesk_alt = body_text if description_text else ""
    headline = _picture_headline(item, prefix)
    alt_text = (alt_entry.as_text() if alt_entry else "") or superdesk_alt or headline or caption

    credit_entry = _by_role(descriptions, _CREDIT_ROLES)
    credit_line = _string(item, "creditline", prefix) or (
        credit_entry.as_text() if credit_entry else ""
    )
    return WirePicture(
        href=rendition.href,
        path=local,
        mimetype=mimetype,
        caption=caption,
        alt_text=alt_text,
        photographer=_string(item, "by", prefix) or _string(item, "byline", prefix),
        credit_line=credit_line,
        copyright_holder=_string(item, "copyrightholder", prefix),
        copyright_notice=_string(item, "copyrightnotice", prefix),
        usage_terms=_string(item, "usageterms", prefix),
    )


def _picture_headline(item: Mapping[str, object], prefix: str) -> str:
    headlines = _texts(item, "headlines", prefix)
    if headlines:
        chosen = _by_role(headlines, frozenset({"main"})) or headlines[0]
        return chosen.as_text()
    return _string(item, "headline", prefix)


def _dimension(rendition: Mapping[str, object], key: str, path: str) -> float | None:
    value = rendition.get(key)
    if value is None:
        return None
    number: float | None = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        number = float(value.strip())
    if number is None or not math.isfinite(number) or number < 0:
        raise NinjsError(
            f"{path}.{key}", f"must be a number of pixels such as 1024, got {_describe(value)}"
        )
    return number


def _rendition(raw: object, path: str, name: str) -> _Rendition:
    if not isinstance(raw, dict):
        raise NinjsError(path, f"must be an object with an href, got {_describe(raw)}")
    width = _dimension(raw, "width", path)
    height = _dimension(raw, "height", path)
    mimetype = _string(raw, "mimetype", path) or _string(raw, "contenttype", path)
    return _Rendition(
        path=path,
        name=name,
        href=_string(raw, "href", path),
        mimetype=mimetype.split(";")[0].strip().lower(),
        area=width * height if width is not None and height is not None else None,
    )


def _best_rendition(item: Mapping[str, object], prefix: str) -> _Rendition:
    field = f"{prefix}.renditions"
    raw = item.get("renditions")
    renditions: list[_Rendition] = []
    if isinstance(raw, dict):
        for name, value in raw.items():
            renditions.append(_rendition(value, f"{field}.{name}", name))
    elif isinstance(raw, list):
        for index, value in enumerate(raw):
            path = f"{field}[{index}]"
            name = _string(value, "name", path) if isinstance(value, dict) else ""
            renditions.append(_rendition(value, path, name))
    elif raw is not None:
        raise NinjsError(field, f"must be an object or a list of renditions, got {_describe(raw)}")

    usable = [rendition for rendition in renditions if rendition.href]
    if not usable:
        raise NinjsError(
            field,
            'the picture has no rendition with an "href"; add one, e.g. '
            '{"original": {"href": "photo.jpg"}} (ninjs 1.x) or '
            '[{"name": "original", "href": "photo.jpg"}] (ninjs 2.x)',
        )
    original = next((r for r in usable if r.name.lower() == "original"), None)
    if original is not None:
        return original
    # max() keeps the first of equals, so unsized renditions fall back to document order.
    return max(usable, key=lambda r: (r.area is not None, r.area or 0.0))


def _resolve_href(href: str, field: str, base_dir: Path | None) -> Path | None:
    """Check a rendition href; return the local file it names, or ``None`` for web URLs."""
    if "\x00" in href:
        raise NinjsError(field, "contains a NUL character")
    try:
        parts = urlsplit(href)
    except ValueError as exc:
        raise NinjsError(field, f'"{href}" is not a valid address: {exc}') from None
    scheme = parts.scheme.lower()
    if scheme in {"http", "https"}:
        if not parts.netloc:
            raise NinjsError(
                field, f'"{href}" has no host name; expected e.g. "https://example.com/photo.jpg"'
            )
        return None
    if scheme == "file":
        if parts.netloc not in {"", "localhost"}:
            raise NinjsError(
                field,
                f'"{href}" names a file on another machine ({parts.netloc}); '
                "use a path relative to the JSON file instead",
            )
        candidates = [url2pathname(parts.path)]
    elif scheme == "":
        # An href is a URI reference, so "my%20photo.jpg" means "my photo.jpg"; the raw form
        # is tried too for files whose real name contains a "%".
        candidates = list(dict.fromkeys([unquote(parts.path), href]))
    else:
        raise NinjsError(
            field,
            f'"{href}" uses the unsupported scheme "{parts.scheme}:"; use an http(s) URL, '
            "a file:// URL or a path relative to the JSON file",
        )
    if not candidates[0]:
        raise NinjsError(field, f'"{href}" does not name a file')
    if base_dir is None:
        raise NinjsError(
            field,
            f'"{href}" is a local file but there is no JSON file folder to find it in; '
            "use an http(s) URL",
        )
    try:
        base = base_dir.resolve()
        targets = [(base / candidate).resolve() for candidate in candidates]
    except (OSError, RuntimeError, ValueError) as exc:
        raise NinjsError(field, f'"{href}" cannot be resolved: {exc}') from None
    # Wire files are untrusted: without this check an href such as "../../etc/passwd" or
    # "file:///home/…" would make the importer read (and publish) any file on the server.
    for candidate_path in targets:
        if not candidate_path.is_relative_to(base):
            raise NinjsError(
                field,
                f'"{href}" points outside the folder of the JSON file; put the image in that '
                'folder and use a relative path without ".."',
            )
    target = next((t for t in targets if t.exists()), None)
    if target is None:
        raise NinjsError(field, f'file "{href}" not found next to the JSON file')
    if not target.is_file():
        raise NinjsError(field, f'"{href}" is not a regular file')
    try:
        with target.open("rb") as handle:
            first_byte = handle.read(1)
    except OSError as exc:
        raise NinjsError(
            field, f'file "{href}" cannot be read ({exc.strerror or exc}); check its permissions'
        ) from None
    if not first_byte:
        raise NinjsError(field, f'file "{href}" is empty')
    return target
