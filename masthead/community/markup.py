"""Readers' comment text to safe HTML: a small Markdown subset, sanitised twice over.

A comment is plain text in which a reader may use *emphasis*, _emphasis_, **strong**,
[links](https://example.com), bare http(s):// and www. addresses (linked for them), block quotes
(lines starting with "> "), paragraphs (a blank line) and line breaks (a single newline). A
backslash shows a Markdown character as itself (\\*). Everything else (headings, lists, images,
code, tables, raw HTML, entities) is shown exactly as typed.

Two independent layers keep the output safe:

1. markdown-it-py starts from its "zero" preset, so no rule runs unless it is enabled below, and
   raw HTML is always text. Its link validator is replaced by an allow-list (http, https, mailto),
   which also rejects relative and protocol-relative links.
2. nh3 (ammonia) re-parses the result and keeps only the six tags above, `href` on links with the
   same three schemes, and sets rel="nofollow ugc noopener" on every link. Even a bug in layer 1
   cannot smuggle an attribute, a tag or a `javascript:` URL past it.

Rendering happens once, when the comment is written; the HTML is stored and served as is.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote

import nh3
from linkify_it import LinkifyIt
from markdown_it import MarkdownIt

__all__ = ["count_links", "plain_text", "render_comment"]

ALLOWED_TAGS = frozenset({"p", "br", "em", "strong", "a", "blockquote"})
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

_SAFE_URL = re.compile(r"(?:https?://|mailto:)", re.IGNORECASE)
_LINK_TAG = re.compile(r"<a\s[^>]*\bhref=")
_ADDRESS_START = re.compile(r"https?://|www\.", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s")
_WHITESPACE_RUN = re.compile(r"\s+")


class _WebAddresses(LinkifyIt):
    """Finds http(s):// addresses and www. host names in text, and nothing else.

    linkify-it also links bare host names ("example.com"), e-mail addresses, ftp:// and
    protocol-relative //host addresses. In a comment those are mostly accidents (a file name,
    "setup.py"; a missing space after a full stop, "Brexit.It"; an address someone did not mean
    to publish as a link), so only what a reader clearly typed as a web address becomes one.

    linkify-it's patterns carry large Unicode classes and cost about half a millisecond per
    1,000 characters scanned, so they are only run on the few words that could be an address:
    each "http(s)://" or "www." up to the next whitespace (no address contains any), together
    with the one character before it, which linkify-it checks for a word boundary.
    """

    def __init__(self) -> None:
        super().__init__(options={"fuzzy_link": True, "fuzzy_email": False, "fuzzy_ip": False})
        for schema in ("ftp:", "//", "mailto:"):
            self.add(schema, None)

    def pretest(self, text: str) -> bool:
        return _ADDRESS_START.search(text) is not None

    def test(self, text: str) -> bool:
        # Only a gate before match(), which may still find nothing.
        return self.pretest(text)

    def match(self, text: str) -> list[Any] | None:
        found: list[Any] = []
        done = 0
        for candidate in _ADDRESS_START.finditer(text):
            if candidate.start() < done:
                continue  # part of an address found already
            start = max(0, candidate.start() - 1)
            space = _WHITESPACE.search(text, candidate.start())
            stop = space.start() if space else len(text)
            for link in super().match(text[start:stop]) or []:
                # Fuzzy (schema-less) matches have an empty schema; keep only "www." ones.
                if link.schema or link.raw.lower().startswith("www."):
                    link.index += start
                    link.last_index += start
                    found.append(link)
            done = stop
        return found or None


class _CommentMarkdown(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        """Allow only absolute web and mail links, instead of markdown-it's deny-list.

        The URL arrives normalised, with entities decoded, so `jav&#x61;script:` is seen as
        `javascript:` here and fails like any other scheme that is not on the list.
        """
        return bool(_SAFE_URL.match(url))


def _build_parser() -> MarkdownIt:
    md = _CommentMarkdown("zero", {"linkify": True, "breaks": True, "html": False})
    md.linkify = _WebAddresses()
    md.enable(
        [
            "blockquote",  # block: "> " lines
            "emphasis",  # inline and its pair-matching pass: *em*, _em_, **strong**
            "link",  # [text](url)
            "linkify",  # bare addresses (both the core and the inline rule carry this name)
            "newline",  # a single newline becomes <br> (with the "breaks" option)
            "escape",  # \* shows an asterisk, so any text can be written as is
        ]
    )
    return md


_PARSER = _build_parser()
_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    # "*" replaces ammonia's default attributes for every tag (title, lang) with none.
    attributes={"a": {"href"}, "*": set()},
    url_schemes=set(ALLOWED_SCHEMES),
    # ammonia keeps relative URLs by default; a comment has no business linking into the site's
    # own paths (/admin/…) without saying so, and layer 1 never produces one anyway.
    url_relative="deny",
    link_rel=LINK_REL,
    strip_comments=True,
)


def render_comment(text: str) -> str:
    """Render a reader's comment to sanitised HTML; empty or blank text gives "".

    The input is untrusted. The output contains only <p>, <br>, <em>, <strong>, <blockquote> and
    <a href> (http, https or mailto, with rel="nofollow ugc noopener"), and may be marked safe in
    templates.
    """
    if not text.strip():
        return ""
    return _CLEANER.clean(_PARSER.render(text)).strip()


def count_links(text: str) -> int:
    """How many links the rendered comment would contain (screening holds link-heavy comments)."""
    # Counted in the sanitised HTML, so what is counted is exactly what readers would see:
    # reader-typed "<a href=" is escaped text by then and cannot match.
    return len(_LINK_TAG.findall(render_comment(text)))


def plain_text(html: str) -> str:
    """Turn rendered comment HTML back into plain text for e-mails and previews.

    Paragraphs are separated by a blank line, <br> becomes a newline, quoted lines start with
    "> " (once per level), and a link whose text differs from its address is written as
    "text (address)", so an e-mail shows where a link really goes. Entities are decoded: the
    result is plain text, to be escaped again if it is put into HTML (Django templates do that).
    """
    parser = _PlainText()
    parser.feed(html)
    parser.close()
    return parser.text()


class _PlainText(HTMLParser):
    """Collects blocks of lines, each with its quote depth, from the comment HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._blocks: list[tuple[int, list[str]]] = []
        self._lines: list[str] = [""]
        self._depth = 0
        self._href: str | None = None
        self._link_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"p", "blockquote"}:
            self._flush()
            if tag == "blockquote":
                self._depth += 1
        elif tag == "br":
            self._lines.append("")
        elif tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._link_text = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in {"p", "blockquote"}:
            self._flush()
            if tag == "blockquote":
                self._depth = max(0, self._depth - 1)
        elif tag == "a" and self._href is not None:
            shown = self._link_text.strip()
            address = self._href  # HTMLParser has decoded its entities already
            # An autolinked address shows itself, though its href may have gained "http://"
            # (www.…) or percent-escapes (…/Café). A punycode host (xn--…) does not count as
            # the same: showing it is how a look-alike domain gets noticed.
            same = {address, unquote(address)}
            if address and shown not in same | {a.removeprefix("http://") for a in same}:
                self._lines[-1] += f" ({address})"
            self._href = None

    def handle_data(self, data: str) -> None:
        # HTML collapses whitespace, and the renderer's own newlines only follow <br> and
        # block tags, so they are layout, not text.
        data = _WHITESPACE_RUN.sub(" ", data)
        self._lines[-1] += data
        if self._href is not None:
            self._link_text += data

    def _flush(self) -> None:
        lines = [line.strip() for line in self._lines]
        if any(lines):
            while not lines[0]:
                lines.pop(0)
            while not lines[-1]:
                lines.pop()
            self._blocks.append((self._depth, lines))
        self._lines = [""]

    def text(self) -> str:
        self._flush()
        out: list[str] = []
        previous_depth = 0
        for depth, lines in self._blocks:
            if out:
                # The blank line between two quoted paragraphs stays inside the quote.
                out.append(("> " * min(depth, previous_depth)).rstrip())
            out.extend(("> " * depth + line).rstrip() for line in lines)
            previous_depth = depth
        return "\n".join(out)
