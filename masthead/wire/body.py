"""Turn wire-story body HTML into Masthead article blocks.

The input is untrusted HTML from a news agency. It is sanitised with nh3 first (an
html5ever-based cleaner, so broken markup is repaired the way a browser would), then the
clean fragment is walked and rebuilt from scratch: nothing from the input is copied into the
output except text (re-escaped) and whitelisted ``http``/``https``/``mailto`` link targets.

Block shapes (the StreamField block names used by the article model):

* ``("paragraph", "<p>…</p>")`` -- a Wagtail rich-text fragment using only ``<b>``, ``<i>``,
  ``<a href>`` and ``<br/>``;
* ``("crosshead", "plain text")``;
* ``("quote", {"text": "line\\nline", "attribution": "Name"})``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

Block = tuple[str, str | dict[str, str]]

# The brief's allowlist plus purely structural block tags. Without the structural ones nh3
# would unwrap <div>one</div><div>two</div> into "onetwo", gluing words together; keeping them
# (with no attributes at all) only preserves the boundaries, they never reach the output.
_STRUCTURAL_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "h1",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
    }
)
_ALLOWED_TAGS = frozenset(
    {
        "p",
        "h2",
        "h3",
        "h4",
        "blockquote",
        "b",
        "strong",
        "i",
        "em",
        "a",
        "br",
        "ul",
        "ol",
        "li",
        "cite",
        "footer",
        "figure",
        "figcaption",
    }
    | _STRUCTURAL_TAGS
)
# Tags whose text is code, styling or page chrome rather than story text.
_DROP_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "iframe",
        "title",
        "noscript",
        "template",
        "object",
        "embed",
        "applet",
        "frame",
        "frameset",
        "svg",
        "math",
    }
)
_INLINE_TAGS = frozenset({"b", "strong", "i", "em", "a", "br", "cite"})
_BOLD_TAGS = frozenset({"b", "strong"})
_ITALIC_TAGS = frozenset({"i", "em"})
_CROSSHEAD_TAGS = frozenset({"h2", "h3", "h4"})
_LIST_TAGS = frozenset({"ul", "ol"})
_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_BULLET = "\u2022 "
_MAX_DEPTH = 40
_VOID_TAGS = frozenset({"br", "hr"})

# Only ASCII whitespace collapses, as in HTML: no-break and thin spaces are meaningful in
# agency copy ("25\u202f000", "M.\u00a0Dupont").
_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")
_BR = "<br/>"
_EDGE_BREAKS = re.compile(r"^(?:\s|<br/>)+|(?:\s|<br/>)+$")
_SPACE_AROUND_BR = re.compile(r" *<br/> *")
_TAG = re.compile(r"<[^>]*>")
_LEADING_DASH = re.compile(r"^[-\u2010\u2012\u2013\u2014\u2015]+\s*")


def sanitise(html: str) -> str:
    """Return ``html`` cleaned by nh3 down to the tags this module understands.

    Script, style, iframe (and similar) elements are removed together with their content;
    every attribute except ``a[href]`` with an http, https or mailto URL is dropped.
    """
    return nh3.clean(
        html,
        tags=set(_ALLOWED_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes={"a": {"href"}},
        url_schemes=set(_LINK_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def html_to_blocks(html: str) -> list[Block]:
    """Split body HTML into ``("paragraph" | "crosshead" | "quote", value)`` blocks.

    Paragraph values are ``<p>…</p>`` rich-text fragments; crosshead values are plain text;
    quote values are ``{"text": …, "attribution": …}`` with plain text. Lists become one
    ``"• item"`` paragraph per item. Text inside any other element is kept as paragraphs.
    """
    if not html or not html.strip():
        return []
    blocks: list[Block] = []
    _walk_blocks(_parse(html).children, blocks)
    return blocks


def html_to_text(html: str) -> str:
    """Return the plain text of ``html``: blocks on separate lines, whitespace collapsed."""
    if not html or not html.strip():
        return ""
    return "\n".join(_text_lines(_parse(html).children))


@dataclass(eq=False)
class _Element:
    """A node of the sanitised tree; text children are plain ``str`` (entities decoded)."""

    name: str
    href: str | None = None
    children: list[_Node] = field(default_factory=list)

    def elements(self) -> Iterator[_Element]:
        """Every element below this one, in document order."""
        stack = [child for child in reversed(self.children) if isinstance(child, _Element)]
        while stack:
            element = stack.pop()
            yield element
            stack.extend(c for c in reversed(element.children) if isinstance(c, _Element))


_Node = _Element | str


class _TreeBuilder(HTMLParser):
    """Build an ``_Element`` tree from nh3 output, flattening absurdly deep nesting.

    Real copy nests a handful of levels; hostile input nested thousands deep would otherwise
    exhaust Python's recursion limit in the recursive walkers below, so elements deeper than
    ``_MAX_DEPTH`` are dropped and their text kept. nh3 serialises a parsed tree, so every
    non-void start tag has a matching end tag and a counter tracks the dropped ones.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("#root")
        self._open = [self.root]
        self._dropped = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            self._open[-1].children.append(_Element(tag))
            return
        if self._dropped or len(self._open) > _MAX_DEPTH:
            self._dropped += 1
            return
        href = dict(attrs).get("href") if tag == "a" else None
        element = _Element(tag, href=href)
        self._open[-1].children.append(element)
        self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS:
            return
        if self._dropped:
            self._dropped -= 1
        elif len(self._open) > 1 and self._open[-1].name == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        self._open[-1].children.append(data)


def _parse(html: str) -> _Element:
    builder = _TreeBuilder()
    builder.feed(sanitise(html))
    builder.close()
    return builder.root


def _has_block_inside(element: _Element) -> bool:
    return any(child.name not in _INLINE_TAGS for child in element.elements())


def _is_inline(node: _Node) -> bool:
    if isinstance(node, str):
        return True
    return node.name in _INLINE_TAGS and not _has_block_inside(node)


def _walk_blocks(nodes: Iterable[_Node], out: list[Block]) -> None:
    run: list[_Node] = []
    for node in list(nodes):
        if _is_inline(node):
            run.append(node)
            continue
        if isinstance(node, str):
            continue
        _emit_paragraph(run, out)
        run = []
        name = node.name
        if name == "p":
            _emit_paragraph(node.children, out)
        elif name in _CROSSHEAD_TAGS:
            text = " ".join(_text_lines([node]))
            if text:
                out.append(("crosshead", text))
        elif name == "blockquote":
            _emit_quote(node, out)
        elif name in _LIST_TAGS:
            _emit_list(node, out)
        elif name == "li":
            _emit_list_item(node, out)
        else:
            # Unknown containers (figure, div, table, inline tags wrapping blocks…) are
            # dropped but walked, so none of their text is lost.
            _walk_blocks(node.children, out)
    _emit_paragraph(run, out)


def _emit_paragraph(nodes: Iterable[_Node], out: list[Block], prefix: str = "") -> None:
    inner = _render_inline(nodes)
    if not _plain_of(inner):
        return
    out.append(("paragraph", f"<p>{escape(prefix, quote=False)}{inner}</p>"))


def _emit_list(tag: _Element, out: list[Block]) -> None:
    for child in list(tag.children):
        if isinstance(child, _Element) and child.name == "li":
            _emit_list_item(child, out)
        elif isinstance(child, _Element) and child.name in _LIST_TAGS:
            _emit_list(child, out)
        else:
            _walk_blocks([child], out)


def _emit_list_item(item: _Element, out: list[Block]) -> None:
    nested = [c for c in item.children if isinstance(c, _Element) and c.name in _LIST_TAGS]
    own = [c for c in item.children if not any(c is n for n in nested)]
    _emit_paragraph(own, out, prefix=_BULLET)
    for sublist in nested:
        _emit_list(sublist, out)


def _emit_quote(quote: _Element, out: list[Block]) -> None:
    attribution_tag = next((e for e in quote.elements() if e.name in {"cite", "footer"}), None)
    attribution = ""
    if attribution_tag is not None:
        attribution = _LEADING_DASH.sub("", " ".join(_text_lines([attribution_tag])))
    text = "\n".join(_text_lines(quote.children, skip=attribution_tag))
    if text:
        out.append(("quote", {"text": text, "attribution": attribution}))
    elif attribution:
        # A quote element holding only a source line: keep the words as a paragraph.
        out.append(("paragraph", f"<p>{escape(attribution, quote=False)}</p>"))


def _render_inline(nodes: Iterable[_Node]) -> str:
    """Render nodes as rich-text HTML; nested blocks become ``<br/>``-separated segments."""
    segments: list[str] = []
    current: list[str] = []
    for node in nodes:
        if _is_inline(node):
            current.append(_render_inline_node(node))
        elif isinstance(node, _Element):
            segments.append("".join(current))
            current = []
            segments.append(_render_inline(node.children))
    segments.append("".join(current))
    cleaned = (_tidy(segment) for segment in segments)
    return _BR.join(segment for segment in cleaned if _plain_of(segment))


def _render_inline_node(node: _Node) -> str:
    if isinstance(node, str):
        return escape(_WHITESPACE.sub(" ", node), quote=False)
    name = node.name
    if name == "br":
        return _BR
    inner = "".join(_render_inline_node(child) for child in node.children)
    if not _plain_of(inner):
        # Formatting or a link around nothing visible would be an empty, unclickable tag.
        return inner
    if name in _BOLD_TAGS:
        return f"<b>{inner}</b>"
    if name in _ITALIC_TAGS:
        return f"<i>{inner}</i>"
    if name == "a":
        href = _safe_href(node.href)
        if href:
            return f'<a href="{escape(href, quote=True)}">{inner}</a>'
    return inner


def _safe_href(value: object) -> str:
    if not isinstance(value, str):
        return ""
    href = value.strip()
    if not href or any(ord(char) < 32 for char in href):
        return ""
    try:
        parts = urlsplit(href)
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    if scheme not in _LINK_SCHEMES:
        return ""
    if scheme in {"http", "https"} and not parts.netloc:
        return ""
    return href


def _tidy(fragment: str) -> str:
    fragment = _SPACE_AROUND_BR.sub(_BR, fragment)
    return _EDGE_BREAKS.sub("", fragment)


def _plain_of(fragment: str) -> str:
    """The visible text of one of our own rendered fragments (tags removed, stripped)."""
    return _TAG.sub("", fragment).strip()


def _text_lines(nodes: Iterable[_Node], skip: _Element | None = None) -> list[str]:
    """Plain-text lines: one per block element, ``<br>`` splits a line, entities decoded."""
    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        for part in "".join(buffer).split("\n"):
            line = _WHITESPACE.sub(" ", part).strip()
            if line:
                lines.append(line)
        buffer.clear()

    def visit(node: _Node) -> None:
        if skip is not None and node is skip:
            return
        if isinstance(node, str):
            buffer.append(_WHITESPACE.sub(" ", node))
        else:
            if node.name == "br":
                buffer.append("\n")
            elif node.name in _INLINE_TAGS:
                for child in node.children:
                    visit(child)
            else:
                flush()
                for child in node.children:
                    visit(child)
                flush()

    for node in list(nodes):
        visit(node)
    flush()
    return lines
