"""Tests for masthead.wire.body: splitting wire HTML into article blocks, safely."""

from __future__ import annotations

import re

import pytest

from masthead.wire.body import Block, html_to_blocks, html_to_text

# Everything a paragraph value may contain: text and our own four tags, nothing else.
PARAGRAPH = re.compile(r'<p>(?:[^<>]|<(?:/?[bi]|br/|/a|a href="[^"<>]*")>)*</p>')


def paragraphs(*inner: str) -> list[Block]:
    return [("paragraph", f"<p>{text}</p>") for text in inner]


def assert_safe(blocks: list[Block]) -> None:
    for kind, value in blocks:
        assert kind in {"paragraph", "crosshead", "quote"}
        if kind == "paragraph":
            assert isinstance(value, str)
            assert PARAGRAPH.fullmatch(value), value
            for href in re.findall(r'href="([^"]*)"', value):
                assert re.match(r"(https?://|mailto:)", href, re.IGNORECASE), href
        elif kind == "crosshead":
            assert isinstance(value, str)
        else:
            assert isinstance(value, dict)
            assert set(value) == {"text", "attribution"}


# ---------------------------------------------------------------------------- paragraphs


def test_empty_input() -> None:
    assert html_to_blocks("") == []
    assert html_to_blocks("  \n ") == []


def test_paragraph_formatting_is_normalised() -> None:
    html = "<p>A <strong>bold</strong>, <em>italic</em> and <b><i>both</i></b> word.</p>"
    assert html_to_blocks(html) == paragraphs(
        "A <b>bold</b>, <i>italic</i> and <b><i>both</i></b> word."
    )


def test_entities_stay_escaped_in_html_output() -> None:
    html = "<p>Fish &amp; chips &lt;b&gt;not bold&lt;/b&gt; &quot;quoted&quot; caf&eacute;</p>"
    assert html_to_blocks(html) == paragraphs(
        'Fish &amp; chips &lt;b&gt;not bold&lt;/b&gt; "quoted" café'
    )


def test_whitespace_collapses_but_no_break_spaces_survive() -> None:
    html = "<p>\n  Mr.&nbsp;Smith   said\n\tso.  </p>"
    assert html_to_blocks(html) == paragraphs("Mr.\u00a0Smith said so.")


def test_line_breaks_are_kept_inside_and_trimmed_at_the_edges() -> None:
    html = "<p><br>First line<br/>second line<br></p>"
    assert html_to_blocks(html) == paragraphs("First line<br/>second line")


@pytest.mark.parametrize(
    "html", ["<p></p>", "<p>   </p>", "<p>&nbsp;</p>", "<p><br><br></p>", "<p><b> </b></p>"]
)
def test_empty_paragraphs_are_dropped(html: str) -> None:
    assert html_to_blocks(html + "<p>kept</p>") == paragraphs("kept")


def test_links_keep_only_web_and_mail_targets() -> None:
    html = (
        '<p><a href="https://example.org/a?x=1&amp;y=2" title="t" target="_blank">web</a> '
        '<a href="HTTP://EXAMPLE.ORG">caps</a> '
        '<a href="mailto:desk@example.org">mail</a> '
        '<a href="/relative/path">relative</a> '
        '<a href="ftp://example.org/f">ftp</a> '
        '<a href="#anchor">anchor</a> '
        "<a>no href</a> "
        '<a href="https://example.org/empty"></a></p>'
    )
    assert html_to_blocks(html) == paragraphs(
        '<a href="https://example.org/a?x=1&amp;y=2">web</a> '
        '<a href="HTTP://EXAMPLE.ORG">caps</a> '
        '<a href="mailto:desk@example.org">mail</a> relative ftp anchor no href'
    )


def test_quotes_in_hrefs_are_escaped() -> None:
    html = "<p><a href='https://example.org/?q=\"x\"&lt;'>q</a></p>"
    [(_, value)] = html_to_blocks(html)
    assert value == '<p><a href="https://example.org/?q=&quot;x&quot;&lt;">q</a></p>'


def test_bare_text_and_inline_elements_are_gathered() -> None:
    html = "Intro <b>words</b> here<p>Middle</p>tail <i>end</i><br>more"
    assert html_to_blocks(html) == paragraphs(
        "Intro <b>words</b> here", "Middle", "tail <i>end</i><br/>more"
    )


# ------------------------------------------------------------------------------ crossheads


def test_crossheads_are_plain_text() -> None:
    html = "<h2>Costs &amp; <b>benefits</b></h2><h3>Second</h3><h4>Third<br>line</h4><h2> </h2>"
    assert html_to_blocks(html) == [
        ("crosshead", "Costs & benefits"),
        ("crosshead", "Second"),
        ("crosshead", "Third line"),
    ]


def test_other_headings_keep_their_text_as_paragraphs() -> None:
    assert html_to_blocks("<h1>Title</h1><h5>Small</h5>") == paragraphs("Title", "Small")


# ---------------------------------------------------------------------------------- quotes


def test_quote_with_paragraphs_and_footer() -> None:
    html = (
        "<blockquote><p>We will rebuild.</p><p>It &amp; more.</p>"
        "<footer>\u2014 Ida Berg, mayor</footer></blockquote>"
    )
    assert html_to_blocks(html) == [
        ("quote", {"text": "We will rebuild.\nIt & more.", "attribution": "Ida Berg, mayor"})
    ]


def test_quote_with_bare_text_and_cite() -> None:
    html = "<blockquote>Never again. <cite>- A. Person</cite></blockquote>"
    assert html_to_blocks(html) == [("quote", {"text": "Never again.", "attribution": "A. Person"})]


def test_quote_with_cite_inside_a_paragraph() -> None:
    html = "<blockquote><p>\u201cYes,\u201d <cite>\u2013Jo</cite></p></blockquote>"
    assert html_to_blocks(html) == [("quote", {"text": "\u201cYes,\u201d", "attribution": "Jo"})]


def test_quote_without_attribution_and_with_line_breaks() -> None:
    html = "<blockquote><p>Line one<br>line two</p></blockquote>"
    assert html_to_blocks(html) == [("quote", {"text": "Line one\nline two", "attribution": ""})]


def test_quote_that_is_only_a_source_keeps_the_words() -> None:
    assert html_to_blocks("<blockquote><cite>Anonymous</cite></blockquote>") == paragraphs(
        "Anonymous"
    )
    assert html_to_blocks("<blockquote> </blockquote>") == []


# ----------------------------------------------------------------------------------- lists


def test_lists_become_one_bullet_paragraph_per_item() -> None:
    html = (
        "<ul><li>One</li><li>Two <b>bold</b></li><li> </li></ul>"
        "<ol><li><p>Three</p><p>cont.</p></li><li>Four<ul><li>Nested</li></ul></li></ol>"
    )
    assert html_to_blocks(html) == paragraphs(
        "\u2022 One",
        "\u2022 Two <b>bold</b>",
        "\u2022 Three<br/>cont.",
        "\u2022 Four",
        "\u2022 Nested",
    )


# ------------------------------------------------------------------------ everything else


def test_figure_is_dropped_but_its_caption_is_kept() -> None:
    html = (
        '<p>Before</p><figure><img src="a.jpg" alt="x"><figcaption>Boats &amp; '
        "nets</figcaption></figure><p>After</p>"
    )
    assert html_to_blocks(html) == paragraphs("Before", "Boats &amp; nets", "After")


def test_unknown_blocks_keep_their_boundaries() -> None:
    html = (
        "<div>one</div><div>two</div><section><p>three</p>four</section>"
        "<table><tr><td>cell a</td><td>cell b</td></tr></table><footer>foot</footer>"
    )
    assert html_to_blocks(html) == paragraphs(
        "one", "two", "three", "four", "cell a", "cell b", "foot"
    )


def test_whole_html_document() -> None:
    html = (
        "<!DOCTYPE html><html><head><title>Page title</title><meta charset=utf-8>"
        '<link rel="stylesheet" href="x.css"></head><body><article>'
        '<div class="bodytext"><p>Only this.</p></div></article></body></html>'
    )
    assert html_to_blocks(html) == paragraphs("Only this.")


def test_inline_element_wrapping_blocks() -> None:
    assert html_to_blocks("<b><p>x</p><p>y</p></b>") == paragraphs("x", "y")


def test_broken_markup_is_repaired() -> None:
    html = "<p>unclosed <b>bold <i>both</p>after</i></b><p>next"
    blocks = html_to_blocks(html)
    assert blocks == paragraphs("unclosed <b>bold <i>both</i></b>", "<b><i>after</i></b>", "next")
    assert_safe(blocks)


def test_a_realistic_body() -> None:
    html = (
        "<p>The bridge reopened at dawn.</p>\n<h2>Cost</h2>\n"
        "<p>Repairs cost <b>\u20ac4m</b>, says <a href='https://example.org/r'>the report</a>."
        "</p>\n<blockquote><p>We are relieved.</p><footer>- Ida Berg</footer></blockquote>\n"
        "<ul><li>Lanes: 4</li><li>Speed limit: 50</li></ul>"
    )
    assert html_to_blocks(html) == [
        ("paragraph", "<p>The bridge reopened at dawn.</p>"),
        ("crosshead", "Cost"),
        (
            "paragraph",
            '<p>Repairs cost <b>\u20ac4m</b>, says <a href="https://example.org/r">the report</a>'
            ".</p>",
        ),
        ("quote", {"text": "We are relieved.", "attribution": "Ida Berg"}),
        ("paragraph", "<p>\u2022 Lanes: 4</p>"),
        ("paragraph", "<p>\u2022 Speed limit: 50</p>"),
    ]


@pytest.mark.parametrize("opening", ["<b>", "<div>", "<blockquote>", "<ul><li>", "<p><i><a>"])
def test_absurd_nesting_neither_crashes_nor_loses_text(opening: str) -> None:
    blocks = html_to_blocks(opening * 3000 + "deep text")
    assert "deep text" in repr(blocks)
    assert html_to_text(opening * 3000 + "deep text") == "deep text"


# --------------------------------------------------------------------------------- XSS


XSS_INPUTS = [
    "<script>alert(1)</script><p>safe</p>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT><p>safe</p>",
    '<p>a<img src=x onerror="alert(1)">b</p>',
    '<p onclick="alert(1)" style="x:expression(alert(1))">safe</p>',
    '<svg onload="alert(1)"><p>svg text</p></svg>',
    '<iframe src="javascript:alert(1)">frame text</iframe><p>safe</p>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">click</a>',
    '<a href="  javascript:alert(1)">click</a>',
    '<a href="vbscript:msgbox(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
    "<scr<script>ipt>alert(1)</scr</script>ipt><p>safe</p>",
    '<p title="</p><script>alert(1)</script>">safe</p>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<!--<script>alert(1)</script>--><p>safe</p>",
    "<style>p{background:url(javascript:alert(1))}</style><p>safe</p>",
    '<blockquote onmouseover="alert(1)"><p>quote</p><cite onclick="x()">who</cite></blockquote>',
    '<ul><li onclick="alert(1)"><a href="javascript:alert(1)">item</a></li></ul>',
    '<h2 onclick="alert(1)">Head<script>alert(1)</script></h2>',
    '<p><a href="https://ok.example/" onclick="alert(1)">ok</a></p>',
    '<form action="javascript:alert(1)"><input value="x"><button>go</button></form>',
    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    "<object data=x.swf></object><embed src=x.swf><p>safe</p>",
    "<base href=javascript:/><p>safe</p>",
    "<p>unterminated <a href='https://ok.example/",
]


@pytest.mark.parametrize("html", XSS_INPUTS)
def test_xss_never_survives(html: str) -> None:
    blocks = html_to_blocks(html)
    assert_safe(blocks)
    dump = repr(blocks).lower()
    for needle in ("<script", "onerror", "onclick", "onload", "javascript:", "vbscript:", "<img"):
        assert needle not in dump, (needle, blocks)


def test_escaped_script_text_is_shown_not_run() -> None:
    blocks = html_to_blocks("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
    assert blocks == paragraphs("&lt;script&gt;alert(1)&lt;/script&gt;")


def test_script_and_style_contents_are_gone() -> None:
    html = "<p>before</p><script>var secret = 1;</script><style>.x{}</style><p>after</p>"
    assert html_to_blocks(html) == paragraphs("before", "after")
    assert html_to_text(html) == "before\nafter"


# ---------------------------------------------------------------------------- html_to_text


def test_html_to_text() -> None:
    html = "<p>Tax &amp; <b>spend</b></p><ul><li>one</li></ul>line<br>break"
    assert html_to_text(html) == "Tax & spend\none\nline\nbreak"
    assert html_to_text("") == ""
