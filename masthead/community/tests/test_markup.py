"""Readers' comment text to safe HTML: each Markdown rule, what is shown as typed, and XSS."""

from __future__ import annotations

import re

import pytest

from masthead.community.markup import count_links, plain_text, render_comment

REL = 'rel="nofollow ugc noopener"'


def link(href: str, text: str) -> str:
    return f'<a href="{href}" {REL}>{text}</a>'


# The rules a reader may use -----------------------------------------------------------------


def test_it_wraps_plain_text_in_a_paragraph() -> None:
    assert render_comment("A fair point.") == "<p>A fair point.</p>"


def test_it_renders_emphasis_with_asterisks_and_underscores() -> None:
    assert render_comment("*one* and _two_") == "<p><em>one</em> and <em>two</em></p>"


def test_it_renders_strong() -> None:
    assert render_comment("**really**") == "<p><strong>really</strong></p>"


def test_it_does_not_treat_underscores_inside_words_as_emphasis() -> None:
    assert render_comment("snake_case_name") == "<p>snake_case_name</p>"


def test_it_renders_a_markdown_link() -> None:
    assert render_comment("[the report](https://example.org/report)") == (
        "<p>" + link("https://example.org/report", "the report") + "</p>"
    )


def test_it_drops_a_links_title() -> None:
    html = render_comment('[x](https://example.org "a title")')
    assert html == "<p>" + link("https://example.org", "x") + "</p>"


def test_it_autolinks_bare_http_and_https_addresses() -> None:
    html = render_comment("See https://example.org/a_b and http://example.net.")
    assert html == (
        "<p>See "
        + link("https://example.org/a_b", "https://example.org/a_b")
        + " and "
        + link("http://example.net", "http://example.net")
        + ".</p>"
    )


def test_it_autolinks_www_addresses() -> None:
    assert render_comment("Try www.example.org/budget.") == (
        "<p>Try " + link("http://www.example.org/budget", "www.example.org/budget") + ".</p>"
    )


def test_it_does_not_autolink_bare_host_names_or_email_addresses() -> None:
    text = "example.com, report.pdf and jo@example.com"
    assert render_comment(text) == f"<p>{text}</p>"


def test_it_does_not_autolink_ftp_or_protocol_relative_addresses() -> None:
    text = "ftp://example.org and //example.org"
    assert render_comment(text) == f"<p>{text}</p>"


def test_it_allows_an_explicit_mailto_link() -> None:
    assert render_comment("[write](mailto:desk@example.org)") == (
        "<p>" + link("mailto:desk@example.org", "write") + "</p>"
    )


def test_it_renders_a_block_quote() -> None:
    assert render_comment("> They said so.\n\nI disagree.") == (
        "<blockquote>\n<p>They said so.</p>\n</blockquote>\n<p>I disagree.</p>"
    )


def test_it_renders_nested_quotes() -> None:
    html = render_comment("> > the original\n> a reply\n\nmine")
    assert html == (
        "<blockquote>\n<blockquote>\n<p>the original<br>\na reply</p>\n</blockquote>\n"
        "</blockquote>\n<p>mine</p>"
    )


def test_it_separates_paragraphs_on_a_blank_line() -> None:
    assert render_comment("one\n\ntwo") == "<p>one</p>\n<p>two</p>"


def test_it_turns_a_single_newline_into_a_line_break() -> None:
    assert render_comment("one\ntwo") == "<p>one<br>\ntwo</p>"


def test_a_backslash_shows_a_markdown_character_as_itself() -> None:
    assert render_comment(r"\*not emphasis\*") == "<p>*not emphasis*</p>"


# Everything else is shown as typed ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "# Not a heading",
        "- not a list",
        "1. not a list",
        "| not | a table |",
        "---",
        "`not code`",
        "~~not struck~~",
    ],
)
def test_other_markdown_is_shown_as_typed(text: str) -> None:
    assert render_comment(text) == f"<p>{text}</p>"


def test_it_has_no_code_blocks() -> None:
    html = render_comment("```\nfenced\n```\n\n    indented")
    assert "<pre" not in html and "<code" not in html
    assert "```" in html and "indented" in html


def test_it_has_no_images() -> None:
    html = render_comment("![a cat](https://example.org/cat.png)")
    assert "<img" not in html
    assert html == "<p>!" + link("https://example.org/cat.png", "a cat") + "</p>"


def test_raw_html_is_shown_escaped() -> None:
    assert render_comment("<b>bold</b> & <i>co</i>") == (
        "<p>&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;co&lt;/i&gt;</p>"
    )


def test_entities_are_shown_as_typed() -> None:
    assert render_comment("&amp; &#x61;") == "<p>&amp;amp; &amp;#x61;</p>"


def test_empty_or_blank_input_gives_an_empty_string() -> None:
    assert render_comment("") == ""
    assert render_comment("  \n\n \t") == ""


def test_unicode_and_emoji_pass_through() -> None:
    text = "Ça va? Ünïcödé, 日本語, עברית 🎉👍🏽"
    assert render_comment(text) == f"<p>{text}</p>"


def test_a_2000_character_comment_renders_whole() -> None:
    sentence = "The council's *budget* leaves youth services short, see www.example.org. "
    text = "\n\n".join([sentence * 4] * 6)
    text += "\n\n" + "z" * (2000 - len(text) - 2)
    assert len(text) == 2000
    html = render_comment(text)
    assert html.count("<p>") == 7
    assert html.count("<em>budget</em>") == text.count("*budget*")
    assert plain_text(html).split() == text.replace("*", "").split()


# Attempts at XSS never survive ----------------------------------------------------------------

XSS_ATTEMPTS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "<svg/onload=alert(1)>",
    "<iframe src=https://evil.example></iframe>",
    "<p onclick=alert(1)>hi</p>",
    "<scr<script>ipt>alert(1)</script>",
    "<img src=x onerror=alert(1)//",
    "<a href='https://ok.example' onmouseover='alert(1)'>x</a>",
    "<!-- <script>alert(1)</script> -->",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](jav&#x61;script:alert(1))",
    "[click](jav&#97;script&colon;alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](%6Aavascript:alert(1))",
    "[click](<javascript:alert(1)>)",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](DATA:text/html,<script>alert(1)</script>)",
    "[click](/admin/)",
    "[click](//evil.example)",
    '[click](https://ok.example "x" onmouseover="alert(1)")',
    "[click](https://ok.example)<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "javascript://example.org/%0Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "www.example.org/<script>alert(1)</script>",
    'https://example.org/"onmouseover="alert(1)',
    "*<script>*alert(1)**</script>",
    "> <script>alert(1)</script>",
]


@pytest.mark.parametrize("attempt", XSS_ATTEMPTS)
def test_xss_attempts_never_survive(attempt: str) -> None:
    html = render_comment(attempt)
    tags = re.findall(r"<\s*/?\s*([a-zA-Z0-9]+)", html)
    assert set(tags) <= {"p", "br", "em", "strong", "a", "blockquote"}, html
    for attribute in re.findall(r"<a\s([^>]*)>", html):
        names = re.findall(r'(\w+)="', attribute)
        assert names == ["href", "rel"], html
        href = re.search(r'href="([^"]*)"', attribute)
        assert href and re.match(r"(https?://|mailto:)", href.group(1)), html
    assert not re.search(r"<[^>]*\bon\w+\s*=", html), html
    assert "<!" not in html, html


def test_a_javascript_markdown_link_is_left_as_text() -> None:
    assert render_comment("[click](javascript:alert(1))") == ("<p>[click](javascript:alert(1))</p>")


def test_an_obfuscated_javascript_link_is_left_as_text() -> None:
    assert render_comment("[x](jav&#x61;script:alert(1))") == (
        "<p>[x](jav&amp;#x61;script:alert(1))</p>"
    )


def test_links_never_get_a_target() -> None:
    html = render_comment("[x](https://example.org){target=_blank} https://example.org")
    assert "target" not in html.split("</a>")[0]
    assert html.count(REL) == 2


# count_links ----------------------------------------------------------------------------------


def test_count_links_counts_markdown_and_bare_links() -> None:
    text = "[a](https://a.example) https://b.example www.c.org"
    assert count_links(text) == 3


def test_count_links_ignores_links_that_would_not_render() -> None:
    text = "[b](javascript:x) [c](/admin/) example.com jo@example.com www.example"
    assert count_links(text) == 0


def test_count_links_counts_an_address_inside_typed_html_once() -> None:
    # The tag is shown as text; the address inside it is still a bare link.
    assert count_links("<a href='https://a.example'>x</a>") == 1


def test_count_links_of_empty_text_is_zero() -> None:
    assert count_links("") == 0


# plain_text -----------------------------------------------------------------------------------


def test_plain_text_keeps_paragraphs_and_line_breaks() -> None:
    assert plain_text(render_comment("one\ntwo\n\n*three*")) == "one\ntwo\n\nthree"


def test_plain_text_quotes_with_a_marker_per_level() -> None:
    html = render_comment("> > first\n>\n> second\n\nmine")
    assert plain_text(html) == "> > first\n>\n> second\n\nmine"


def test_plain_text_shows_where_a_link_goes() -> None:
    html = render_comment("[the minutes](https://example.org/m) and www.example.net")
    assert plain_text(html) == "the minutes (https://example.org/m) and www.example.net"


def test_plain_text_decodes_entities() -> None:
    assert plain_text(render_comment('<b> & "quotes"')) == '<b> & "quotes"'


def test_plain_text_of_empty_html_is_empty() -> None:
    assert plain_text("") == ""


def test_the_sanitiser_still_catches_a_bad_link_if_the_parser_lets_one_through(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from masthead.community import markup

    monkeypatch.setattr(markup._CommentMarkdown, "validateLink", lambda self, url: True)
    html = render_comment("[a](javascript:alert(1)) [b](/admin/) [c](data:text/html,x)")
    assert "href" not in html
    assert html.count(REL) == 3


def test_plain_text_does_not_repeat_an_address_that_was_only_percent_escaped() -> None:
    html = render_comment("https://en.wikipedia.org/wiki/Café")
    assert plain_text(html) == "https://en.wikipedia.org/wiki/Café"
